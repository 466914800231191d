"""Every kind of card the bot shows, made by the real dialogs, for the rendered gallery.

A scripted user talks to ``dialogs.conversation.handle`` (state through JSON, as
in storage) and presses the cards' own buttons: the data an ``Action.Execute``
carries, merged with the card's inputs, exactly as a Teams client sends it. The
four verdicts come from the public worked cases in ``tests/cases``.

    python e2e/gallery.py OUT.json [CARDS.md]
        # OUT.json: [{"name", "caption", "lang", "section", "card"}, ...]
        # CARDS.md: the gallery page (docs/cards.md)

``e2e/render-cards.mjs`` renders the list with Microsoft's Adaptive Cards renderer.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from cards import error_card, verbs
from cards.elements import walk
from cards.i18n import choice
from cards.ib import (
    CaseEvent,
    CaseView,
    FailedDelivery,
    agenda_card,
    failed_deliveries_card,
    ib_card,
    my_cases_card,
    new_version_card,
    notification_card,
    reminder_card,
    sent_card,
    withdraw_confirm_card,
)
from cards.result import result_card
from dialogs.conversation import handle, welcome
from dialogs.fields import details_fields, question_fields, to_values
from dialogs.turn import Reply, Turn
from policy import Kind, Lang, assess, parse_engagement

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
TODAY = date(2025, 6, 1)  # a fixed day, so the gallery does not change by itself

LOCALES: Mapping[Lang, str] = {"sv": "sv-SE", "en": "en-US"}

# The worked case behind each verdict.
VERDICT_CASES: Mapping[str, str] = {
    "not_compatible": "taipei-twinning.json",
    "needs_information": "paris-summit.json",
    "compatible_with_conditions": "ctpn-membership.json",
    "compatible": "school-visit.json",
}
# Answers added to a worked case for the gallery: contract §7.1 asks the foreign-policy
# question of every kind, and the school visit is compatible once it is answered.
CASE_ANSWERS: Mapping[str, Mapping[str, str]] = {
    "school-visit.json": {"foreign_policy": "false"},
}

# Who decides? One question of each kind of answer.
WHO_QUESTIONS: Mapping[str, Mapping[Lang, str]] = {
    "settled": {"sv": "Vem beslutar om en konferensresa på uppdrag av kommunstyrelsen?",
                "en": "Who decides on a conference trip on behalf of the city executive board?"},
    "clarifying": {"sv": "Vem beslutar om medlemskap?",
                   "en": "Who decides on a membership?"},
    "not-allowed": {"sv": "Får vi teckna ett vänortsavtal med Taipei?",
                    "en": "Can we sign a twinning agreement with Taipei?"},
    "out-of-scope": {"sv": "Vad blir det för väder i morgon?",
                     "en": "What will the weather be tomorrow?"},
}


WHO_KINDS: Mapping[str, Mapping[Lang, str]] = {
    "settled": {"sv": "Avgjort svar", "en": "Settled answer"},
    "clarifying": {"sv": "Motfråga", "en": "Clarifying question"},
    "not-allowed": {"sv": "Inte tillåtet", "en": "Not allowed"},
    "out-of-scope": {"sv": "Utanför strategin", "en": "Outside the strategy"},
}

SECTIONS: Mapping[str, Mapping[Lang, str]] = {
    "start": {"sv": "Välkomst, hjälp och fel", "en": "Welcome, help and errors"},
    "wizard": {"sv": "Ny bedömning, steg för steg", "en": "New screening, step by step"},
    "intake": {"sv": "Från en inbjudan", "en": "From an invitation"},
    "result": {"sv": "Resultat, ett per utfall", "en": "Results, one per verdict"},
    "mine": {"sv": "Mina bedömningar", "en": "My assessments"},
    "who": {"sv": "Vem beslutar?", "en": "Who decides?"},
    "ib": {"sv": "I IB-kanalen", "en": "In the IB channel"},
    "cases": {"sv": "Mina ärenden och meddelanden", "en": "My cases and notifications"},
}


@dataclass(frozen=True)
class Entry:
    name: str  # file name without .png, e.g. "sv-result-compatible"
    caption: str
    lang: Lang
    section: str  # a key of SECTIONS
    card: dict[str, Any]




class User:
    """One person in a personal chat with the bot."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.locale = LOCALES[lang]
        self.conv = "null"
        self.user = "null"
        self.card: dict[str, Any] = {}

    def _turn(self, turn: Turn) -> dict[str, Any]:
        conv, user, reply = handle(json.loads(self.conv), json.loads(self.user), turn,
                                   today=TODAY)
        self.conv, self.user = json.dumps(conv), json.dumps(user)
        return self._show(reply)

    def _show(self, reply: Reply) -> dict[str, Any]:
        assert reply.cards, f"no card in {reply!r}"
        self.card = reply.cards[0]
        return self.card

    def say(self, text: str) -> dict[str, Any]:
        return self._turn(Turn(text=text, locale=self.locale, user_id="gallery"))

    def press(self, verb: str, inputs: Mapping[str, str] | None = None,
              card: dict[str, Any] | None = None) -> dict[str, Any]:
        """Presses the button with ``verb`` on the card shown (or ``card``), with ``inputs``
        typed into the card's fields."""
        shown = card if card is not None else self.card
        actions = [a for a in walk(shown) if a["type"] == "Action.Execute"
                   and a.get("verb") == verb]
        data = dict(actions[0].get("data") or {}) if actions else {"verb": verb}
        ids = {el["id"] for el in walk(shown) if el["type"].startswith("Input.")}
        data.update({k: v for k, v in (inputs or {}).items() if k in ids})
        return self._turn(Turn(verb=verb, data=data, locale=self.locale, user_id="gallery"))

    def screen(self, values: Mapping[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Runs the wizard with ``values``; yields (step, card) for each card on the way."""
        kind = Kind(values["kind"])
        yield "kind", self.press(verbs.WIZARD_START)
        yield "details", self.press(verbs.WIZARD_NEXT, {"kind": kind.value})
        details = {n: values.get(n, "") for n in details_fields(kind)}
        yield "questions", self.press(verbs.WIZARD_NEXT, details)
        questions = {n: values.get(n, "") for n in question_fields(kind)}
        yield "summary", self.press(verbs.WIZARD_NEXT, questions)
        yield "result", self.press(verbs.WIZARD_ASSESS)


def case_values(file_name: str) -> dict[str, str]:
    case = json.loads((CASES / file_name).read_text("utf-8"))
    return {**to_values(case["engagement"]), **CASE_ANSWERS.get(file_name, {})}


def gallery_for(lang: Lang) -> Iterator[Entry]:
    sv = lang == "sv"

    section = "start"

    def entry(name: str, caption_sv: str, caption_en: str, card: dict[str, Any]) -> Entry:
        return Entry(f"{lang}-{name}", caption_sv if sv else caption_en, lang, section, card)

    yield entry("welcome", "Välkomstkortet när appen installeras",
                "The welcome card when the app is installed",
                welcome(LOCALES[lang]).cards[0])
    u = User(lang)
    yield entry("help", "Hjälp (skriv ”hjälp”)", "Help (type “help”)",
                u.say("hjälp" if sv else "help"))
    yield entry("help-unknown-action", "Hjälp efter en okänd knapp",
                "Help after an unknown button", u.press("no.such.verb"))
    yield entry("nothing-to-cancel", "”Avbryt” utan pågående bedömning",
                "“Cancel” with no screening under way", u.say("avbryt" if sv else "cancel"))
    yield entry("error", "Något gick fel (kortet mitt i en bedömning)",
                "Something went wrong (card in the middle of a screening)",
                error_card(lang, resume=True))

    # The wizard for a membership, every step; and a step with its problems shown.
    section = "wizard"
    steps = dict(User(lang).screen(case_values(VERDICT_CASES["compatible_with_conditions"])))
    captions = {
        "kind": ("Ny bedömning, steg 1: vad gäller det?", "New screening, step 1: what is it?"),
        "details": ("Steg 2: uppgifter (medlemskap)", "Step 2: details (membership)"),
        "questions": ("Steg 3: frågor om ett medlemskap", "Step 3: questions about a membership"),
        "summary": ("Steg 4: sammanfattning före bedömning", "Step 4: summary before assessing"),
    }
    for step, (c_sv, c_en) in captions.items():
        yield entry(f"wizard-{step}", c_sv, c_en, steps[step])
    u = User(lang)
    u.press(verbs.WIZARD_START)
    u.press(verbs.WIZARD_NEXT, {"kind": Kind.MEMBERSHIP.value})
    yield entry("wizard-details-problems", "Steg 2 med saknade obligatoriska uppgifter",
                "Step 2 with required details missing",
                u.press(verbs.WIZARD_NEXT, {"title": "", "scope": ""}))
    yield entry("wizard-cancelled", "Bedömningen avbruten", "Screening cancelled",
                u.press(verbs.WIZARD_CANCEL))
    for case in ("paris-summit.json", "taipei-disinformation-partnership.json",
                 "school-visit.json"):
        kind = case_values(case)["kind"]
        cards = dict(User(lang).screen(case_values(case)))
        yield entry(f"wizard-questions-{kind.replace('_', '-')}",
                    f"Steg 3: frågor om {choice(kind, 'sv').lower()}",
                    f"Step 3: questions about {choice(kind, 'en').lower()}", cards["questions"])

    # The wizard as a Teams dialog: its first step, resumed, its result, one that ended.
    yield from dialog_gallery(lang, entry)

    # From an invitation: pasted, attached, and the message action's dialog.
    section = "intake"
    yield from intake_gallery(lang, entry)

    # One result per verdict, all by the same user, who then lists them.
    verdicts_sv = {"not_compatible": "inte förenligt", "needs_information": "uppgifter saknas",
                   "compatible_with_conditions": "förenligt med villkor",
                   "compatible": "förenligt"}
    section = "mine"
    u = User(lang)
    yield entry("mine-empty", "Mina bedömningar, ännu inga", "My assessments, none yet",
                u.press(verbs.MINE))
    section = "result"
    for verdict, case in VERDICT_CASES.items():
        result = dict(u.screen(case_values(case)))["result"]
        answered = (", utrikespolitiken besvarad", ", the foreign-policy question answered") \
            if case in CASE_ANSWERS else ("", "")
        yield entry(f"result-{verdict.replace('_', '-')}",
                    f"Resultat: {verdicts_sv[verdict]} ({case}{answered[0]})",
                    f"Result: {verdict.replace('_', ' ')} ({case}{answered[1]})", result)
    visit = {**case_values("school-visit.json"), "title": "Besök av Tallinns borgmästare",
             "high_political_level": "true"}
    yield entry("result-coordinated-visit",
                "Resultat: ett betydande besök – nämnden beslutar, kommunstyrelsen koordinerar",
                "Result: a significant visit – the committee decides, the Board coordinates",
                dict(u.screen(visit))["result"])
    section = "mine"
    yield entry("mine", "Mina bedömningar efter fem bedömningar",
                "My assessments after five screenings", u.press(verbs.MINE))

    # Who decides?
    section = "who"
    u = User(lang)
    yield entry("who-prompt", "Vem beslutar? – frågekortet", "Who decides? – the question card",
                u.press(verbs.WHO_PROMPT))
    yield entry("who-prompt-empty", "Vem beslutar? – tom fråga",
                "Who decides? – an empty question", u.press(verbs.WHO_ASK, {"question": ""}))
    for kind, questions in WHO_QUESTIONS.items():
        card = u.say(questions[lang])
        yield entry(f"who-{kind}", f"{WHO_KINDS[kind]['sv']}: ”{questions['sv']}”",
                    f"{WHO_KINDS[kind]['en']}: “{questions['en']}”", card)
        if kind == "clarifying":
            clarify = [a for a in walk(card) if a["type"] == "Action.Execute"
                       and a.get("verb") == verbs.WHO_CLARIFY]
            if clarify:
                yield entry("who-clarified", "Vem beslutar? – efter svar på motfrågan",
                            "Who decides? – after answering the clarifying question",
                            u.press(verbs.WHO_CLARIFY, card=card))

    # The International Committee: the channel's cards, then the submitter's.
    section = "ib"
    for made in ib_gallery(lang, entry):
        yield replace(made, section="cases" if made.name.startswith(f"{lang}-case") else "ib")


def _shown(card: dict[str, Any], count: int) -> dict[str, Any]:
    """``card`` with the first ``count`` hidden sentences shown, as after a click on
    "Var står det?" / "Läst från inbjudan"."""
    shown = json.loads(json.dumps(card))
    targets = [a["targetElements"][0] for a in walk(shown)
               if a["type"] == "Action.ToggleVisibility"][:count]
    for element in walk(shown):
        if element.get("id") in targets:
            element["isVisible"] = True
    return shown


def dialog_gallery(lang: Lang, entry: Any) -> Iterator[Entry]:
    """The wizard in a Teams dialog (dialogs.wizard_dialog), as the bot answers its invokes."""
    from dialogs import wizard_dialog

    values = case_values(VERDICT_CASES["compatible_with_conditions"])
    kind = Kind(values["kind"])
    opened = wizard_dialog.open_dialog(None, new_id="gallery", lang=lang)
    yield entry("wizard-dialog-kind", "I en Teams-dialog: steg 1 (Ny bedömning på "
                "välkomstkortet eller i meddelandefältet)", "In a Teams dialog: step 1 (New "
                "assessment on the welcome card or in the message box)", opened.card)

    def press(step: wizard_dialog.DialogStep, verb: str,
              inputs: Mapping[str, str]) -> wizard_dialog.DialogStep:
        data = {"verb": verb, wizard_dialog.DIALOG_KEY: step.dialog_id, **inputs}
        return wizard_dialog.submit_dialog(step.state, None, data, new_id="gallery-2",
                                           lang=lang, today=TODAY)

    step = press(opened, verbs.WIZARD_NEXT, {"step": "kind", "kind": kind.value})
    resumed = wizard_dialog.open_dialog(step.state, new_id="unused", lang=lang)
    yield entry("wizard-dialog-resumed", "Dialogen öppnad igen efter ✕: där den var",
                "The dialog opened again after ✕: where it was", resumed.card)
    step = press(step, verbs.WIZARD_NEXT,
                 {"step": "details", **{n: values.get(n, "") for n in details_fields(kind)}})
    step = press(step, verbs.WIZARD_NEXT,
                 {"step": "questions", **{n: values.get(n, "") for n in question_fields(kind)}})
    done = press(step, verbs.WIZARD_ASSESS, {"step": "summary"})
    yield entry("wizard-dialog-result", "Dialogens sista steg: resultatet (kortet med "
                "knapparna kommer i chatten)", "The dialog's last step: the result (the card "
                "with its buttons comes to the chat)", done.shown(told=True))
    gone = wizard_dialog.submit_dialog(done.state, None, {
        "verb": verbs.WIZARD_NEXT, wizard_dialog.DIALOG_KEY: "another"}, new_id="x",
        lang=lang, today=TODAY)
    yield entry("wizard-dialog-gone", "Ett kort ur en dialog som inte längre pågår",
                "A card of a dialog no longer in progress", gone.card)


def intake_gallery(lang: Lang, entry: Any) -> Iterator[Entry]:
    """An invitation pasted, a file that cannot be read, the message action's dialog."""
    from dialogs import intake
    from dialogs.turn import Document
    from intake import Encrypted
    from policy.extract import extract

    text = (ROOT / "tests" / "invitations" / "01-eurocities-barcelona.txt").read_text("utf-8")
    u = User(lang)
    found = u.say(text)
    yield entry("intake-found", "Inklistrad inbjudan: det här hittade jag",
                "A pasted invitation: what I found", found)
    yield entry("intake-found-sentence", "… med meningen ur inbjudan visad",
                "… with the invitation's sentence shown", _shown(found, 2))
    u.press(verbs.INTAKE_CONTINUE, card=found)
    details = u.press(verbs.WIZARD_NEXT)
    yield entry("intake-wizard-details", "Förifyllt steg 2, en mening visad",
                "Prefilled step 2, one sentence shown", _shown(details, 1))
    yield entry("intake-not-invitation", "En lång text som inte är en inbjudan",
                "A long text that is no invitation",
                User(lang).say("\n".join(["Protokoll från enhetsmötet."] + [
                    "Vi gick igenom budgeten för kvartalet och beslutade att fortsätta."] * 8)))
    yield entry("intake-refused", "En bifogad lösenordsskyddad PDF",
                "An attached password-protected PDF",
                intake.document(Document(name="inbjudan.pdf", error="encrypted",
                                         message=Encrypted().message(lang)), lang))
    dialog = intake.dialog(extract(text, lang), lang)
    yield entry("intake-dialog", "Meddelandeåtgärden ”Bedöm med Strategikollen”: dialogen",
                "The message action “Assess with Strategikollen”: the dialog", dialog)
    submit = dialog["actions"][0]["data"]
    typed = {el["id"]: el.get("value", "") for el in walk(dialog)
             if el["type"].startswith("Input.")}
    yield entry("intake-dialog-problems", "Dialogen med en rubrik som saknas",
                "The dialog with the title missing",
                intake.dialog_submit({**submit, **typed, "title": ""}, lang).card)
    yield entry("intake-continued", "I den personliga chatten efter dialogen",
                "In the personal chat after the dialog",
                intake.dialog_submit({**submit, **typed}, lang).card)


def case_view(file_name: str, lang: Lang, *, case_id: str, status: str = "submitted",
              version: int = 1, changes: Mapping[str, Any] | None = None,
              last_event: CaseEvent | None = None, meeting_date: date | None = None,
              review_due: date | None = None) -> CaseView:
    """A case made from a worked case (with ``changes`` to its engagement), as the bot
    would show it."""
    raw = {**json.loads((CASES / file_name).read_text("utf-8"))["engagement"],
           **(changes or {})}
    e = parse_engagement(raw, lang)
    a = assess(e, lang, today=TODAY)
    return CaseView(
        id=case_id, status=status, version=version, engagement=e, assessment=a,
        values=to_values(raw), submitter_name="Karin Lindqvist",
        submitter_unit="Stadsledningskontoret", prepare=a.decision_owner.value in ("ks", "kf"),
        meeting_date=meeting_date, review_due=review_due, last_event=last_event,
    )


# The Paris summit once the programme is known and the city has a part in it.
PARIS_COMPLETED: Mapping[str, Any] = {
    "programme_available": True, "active_role": True, "invitation_transferable": True,
}


def ib_gallery(lang: Lang, entry: Any) -> Iterator[Entry]:
    """The IB channel's cards and the submitter's, for a few cases along their way."""
    sv = lang == "sv"
    meeting = date(2025, 6, 12)
    paris = case_view("paris-summit.json", lang, case_id="SK-2025-0007")
    ctpn = case_view("ctpn-membership.json", lang, case_id="SK-2025-0003")
    asked = CaseEvent("needs_completion", "Erik Johansson", "2025-06-02 10:15",
                      "Bifoga programmet och beskriv vilken roll staden får."
                      if sv else "Please attach the programme and describe the city's role.")
    paris_asked = case_view("paris-summit.json", lang, case_id="SK-2025-0007",
                            status="needs_completion", last_event=asked)
    on_agenda = CaseEvent("on_agenda", "Erik Johansson", "2025-06-04 09:30",
                          meeting_date=meeting)
    paris_v2 = case_view("paris-summit.json", lang, case_id="SK-2025-0007", version=2,
                         status="on_agenda", changes=PARIS_COMPLETED, last_event=on_agenda,
                         meeting_date=meeting)
    ctpn_agenda = case_view("ctpn-membership.json", lang, case_id="SK-2025-0003",
                            status="on_agenda", last_event=on_agenda, meeting_date=meeting)
    accepted = CaseEvent("accepted", "Maria Andersson", "2025-06-12 15:40",
                         "Tillstyrks. Följ upp nyttan inför omprövningen."
                         if sv else "Accepted. Follow up the benefit before the review.")
    ctpn_accepted = case_view("ctpn-membership.json", lang, case_id="SK-2025-0003",
                              status="accepted", last_event=accepted,
                              review_due=date(2029, 6, 12))
    due = case_view("ctpn-membership.json", lang, case_id="SK-2021-0012", status="accepted",
                    review_due=date(2025, 8, 30))

    yield entry("ib-card", "IB-kanalen: ett nytt ärende som alla ser det",
                "IB channel: a new case as everyone sees it",
                ib_card(paris, lang, member=False, refresh_user_ids=["ib-member"]))
    yield entry("ib-card-member", "IB-kanalen: samma ärende för en ledamot i IB",
                "IB channel: the same case for an IB member",
                ib_card(paris, lang, member=True))
    yield entry("ib-card-problems", "IB-kanalen: Begär komplettering utan kommentar",
                "IB channel: Ask for completion without a comment",
                ib_card(paris, lang, member=True, meeting_date="2025-06-12", errors={
                    "comment": "Skriv en kommentar om vad som behöver kompletteras."
                    if sv else "Please write a comment on what needs to be completed."}))
    yield entry("ib-card-prepare", "IB-kanalen: ett ärende för beredning (kommunstyrelsen "
                "beslutar), på dagordningen", "IB channel: a case for preparation (the City "
                "Executive Board decides), on the agenda",
                ib_card(ctpn_agenda, lang, member=True,
                        notice="Fört till dagordningen av Erik Johansson."
                        if sv else "Put on the agenda by Erik Johansson."))
    yield entry("ib-card-accepted", "IB-kanalen: tillstyrkt, med omprövningsdatum",
                "IB channel: accepted, with its review date",
                ib_card(ctpn_accepted, lang, member=True))
    yield entry("ib-new-version", "IB-kanalen: svar i tråden när en ny version kommer",
                "IB channel: the reply in the thread when a new version arrives",
                new_version_card(paris_v2, lang))
    yield entry("ib-agenda", "IB-kanalen: dagordningen (skriv ”dagordning”)",
                "IB channel: the agenda (type “agenda”)",
                agenda_card(meeting, [ctpn_agenda, paris_v2],
                            (ctpn.engagement.cost_sek or 0) + (paris.engagement.cost_sek or 0),
                            [due], lang))
    yield entry("ib-agenda-empty", "IB-kanalen: dagordningen när inget är uppfört",
                "IB channel: the agenda when nothing is on it",
                agenda_card(None, [], 0, [], lang))

    yield entry("case-sent", "Till den som skickade: skickat till IB",
                "To the submitter: sent to IB", sent_card(paris, lang))
    yield entry("case-sent-prepare", "Till den som skickade: skickat till IB för beredning",
                "To the submitter: sent to IB for preparation", sent_card(ctpn, lang))
    yield entry("case-notified-completion", "Meddelande: IB begär komplettering",
                "Notification: IB asks for completion", notification_card(paris_asked, lang))
    yield entry("case-notified-accepted", "Meddelande: IB har tillstyrkt",
                "Notification: IB has accepted", notification_card(ctpn_accepted, lang))
    yield entry("case-result-resubmit", "Resultatet efter komplettering: skicka ny version",
                "The result after completing: send the new version",
                result_card(paris_v2.assessment, title=paris_v2.engagement.title,
                            kind=paris_v2.engagement.kind.value, values=paris_v2.values,
                            lang=lang, case_id=paris_v2.id))
    yield entry("case-sent-version", "Till den som skickade: ny version skickad",
                "To the submitter: new version sent",
                sent_card(replace(paris_v2, status="submitted", last_event=None), lang,
                          new_version=True))
    yield entry("cases-mine", "Mina ärenden (skriv ”mina ärenden”)",
                "My cases (type “my cases”)",
                my_cases_card([paris_asked, ctpn_accepted], lang))
    yield entry("cases-mine-empty", "Mina ärenden, ännu inga", "My cases, none yet",
                my_cases_card([], lang))
    yield entry("case-withdraw-confirm", "Återkalla: frågan före (ett ärende som väntar på IB)",
                "Withdraw: the question first (a case waiting for IB)",
                withdraw_confirm_card(paris, lang))
    withdrawn = replace(paris, status="withdrawn", last_event=CaseEvent(
        "withdrawn", "Karin Lindqvist", "2025-06-03 08:20"))
    yield entry("cases-mine-withdrawn", "Mina ärenden efter Ja, återkalla",
                "My cases after Yes, withdraw",
                my_cases_card([withdrawn, ctpn_accepted], lang,
                              notice="Ärende SK-2025-0007 är återkallat. IB ser det i kanalen."
                              if sv else "Case SK-2025-0007 has been withdrawn. IB sees it "
                              "in the channel."))
    yield entry("ib-card-withdrawn", "IB-kanalen: ett återkallat ärende",
                "IB channel: a withdrawn case",
                ib_card(withdrawn, lang, member=True))
    failed = [
        FailedDelivery(id=41, kind="notify", case_id="SK-2025-0007", to_channel=False,
                       queued_at="2025-06-02 10:15", last_tried_at="2025-06-02 10:16",
                       attempts=1, error="403 Forbidden: The bot is not part of the "
                       "conversation roster."),
        FailedDelivery(id=38, kind="post", case_id="SK-2025-0009", to_channel=True,
                       queued_at="2025-06-01 16:02", last_tried_at="2025-06-01 16:40",
                       attempts=8, error="404 Not Found: conversation not found"),
    ]
    yield entry("ib-failed", "Misslyckade utskick (skriv ”misslyckade”), för administratörer "
                "och sekretariatet", "Failed deliveries (type “failed”), for administrators and "
                "the secretariat", failed_deliveries_card(failed, lang))
    yield entry("ib-failed-none", "Misslyckade utskick efter Försök igen med alla",
                "Failed deliveries after Retry all",
                failed_deliveries_card([], lang, notice="Köat igen: nr 38, 41."
                                       if sv else "Queued again: no. 38, 41."))
    yield entry("case-reminder", "Påminnelse 90 dagar före omprövningen",
                "Reminder 90 days before the review",
                reminder_card(replace(ctpn_accepted, review_due=date(2025, 8, 30)), lang,
                              days_left=90))


def gallery() -> list[Entry]:
    return [e for lang in ("sv", "en") for e in gallery_for(lang)]


def markdown(entries: list[Entry], images: str = "cards") -> str:
    """docs/cards.md: every card, Swedish beside English, under its section."""
    by_name = {e.name: e for e in entries}
    lines = [
        "# Korten / The cards",
        "",
        "Varje slags kort som Strategikollen visar, skapat av den riktiga dialogkoden och",
        "ritat av Microsofts Adaptive Cards-renderare (`adaptivecards` 3.0.6, Markdown via",
        "`markdown-it`) i Chromium, 450 px brett med Teams-lik värdkonfiguration.",
        "",
        "Every kind of card Strategikollen shows, made by the real dialogs and drawn by",
        "Microsoft's Adaptive Cards renderer in Chromium at a Teams-like 450 px.",
        "Regenerate: `STRATEGIKOLLEN_UPDATE_CARDS=1 .venv/bin/pytest "
        "tests/cards/test_rendered_gallery.py`",
        "(the test fails on any renderer warning, validation failure or cut-off text).",
        "",
        "Samma kort i Microsoft 365 Agents Playground, från början till slut, finns i",
        "[screenshots/](screenshots/) (`tests/e2e/test_playground.py`): "
        "[välkomst](screenshots/welcome.png),",
        "[steg 2](screenshots/wizard-step.png), [resultat](screenshots/result.png),",
        "[vem beslutar?](screenshots/who-decides.png), "
        "[hela samtalet](screenshots/conversation.png).",
        "",
    ]
    for key, title in SECTIONS.items():
        names = [e.name.removeprefix("sv-") for e in entries
                 if e.lang == "sv" and e.section == key]
        if not names:
            continue
        lines += [f"## {title['sv']} / {title['en']}", ""]
        for base in names:
            sv, en = by_name[f"sv-{base}"], by_name.get(f"en-{base}")
            lines += [f"### {sv.caption}" + (f" / {en.caption}" if en else ""), "",
                      "| Svenska | English |", "|---|---|",
                      f"| ![{sv.caption}]({images}/{sv.name}.png) | "
                      + (f"![{en.caption}]({images}/{en.name}.png) |" if en else " |"), ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print("usage: python e2e/gallery.py OUT.json [CARDS.md]", file=sys.stderr)
        return 2
    entries = gallery()
    if len(argv) == 2:
        Path(argv[1]).write_text(markdown(entries), "utf-8")
    Path(argv[0]).write_text(json.dumps([asdict(e) for e in entries], ensure_ascii=False,
                                        indent=1), "utf-8")
    print(f"{len(entries)} cards")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
