"""Every string a user reads on a card, in Swedish and English.

``t(key, lang)`` for fixed strings; ``label``/``help_text`` for the contract's
fields; ``choice`` for the contract's enum values. Static strings here are
trusted; anything from a user or the rules engine goes through ``escape``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from policy import Kind, Outcome, Priority, Verdict
from policy.labels import KIND_LABELS, OUTCOME_LABELS, PRIORITY_LABELS, VERDICT_LABELS

__all__ = [
    "CHOICES", "FIELDS", "SHORT_LABELS", "STRINGS", "WHO_CHOICES", "Lang",
    "choice", "grouped", "help_text", "label", "outcome_label", "priority_label", "sek",
    "short_label", "t", "verdict_label", "who_choice",
]

Lang = Literal["sv", "en"]

STRINGS: Mapping[str, tuple[str, str]] = {
    # key: (Swedish, English)
    "app": ("Strategikollen", "Strategikollen"),
    "welcome.intro": (
        "Jag bedömer föreslagna internationella engagemang – resor, konferenser, besök, avtal, "
        "medlemskap, deklarationer och projekt – mot Stockholms stads internationella strategi "
        "och säger vem som beslutar.",
        "I screen proposed international engagements – trips, conferences, visits, agreements, "
        "memberships, declarations and projects – against the City of Stockholm's International "
        "Strategy and tell you who decides.",
    ),
    "welcome.advisory": (
        "Mina bedömningar är rådgivande. Beslutet fattas alltid av rätt organ: nämnd eller "
        "bolagsstyrelse, kommunstyrelsen, kommunfullmäktige eller finansborgarrådet efter "
        "beredning i Internationella beredningen.",
        "My assessments are advisory. The decision is always made by the right body: the "
        "committee or company board, the City Executive Board, the City Council, or the Finance "
        "Commissioner after the International Committee has prepared it.",
    ),
    "welcome.typing": (
        "Du kan också skriva en fråga, t.ex. ”Vem beslutar om medlemskap i ett nätverk?”",
        "You can also type a question, e.g. “Who decides on joining a network?”",
    ),
    "starter.new": ("Ny bedömning", "New assessment"),
    "starter.who": ("Vem beslutar?", "Who decides?"),
    "starter.mine": ("Mina bedömningar", "My assessments"),
    "starter.help": ("Hjälp", "Help"),
    "help.title": ("Så här fungerar Strategikollen", "How Strategikollen works"),
    "help.new": (
        "Ny bedömning: jag frågar om engagemanget steg för steg och bedömer det mot strategin.",
        "New assessment: I ask about the engagement step by step and screen it against the "
        "strategy.",
    ),
    "help.who": (
        "Vem beslutar? Ställ en fråga med egna ord så svarar jag med strategins ord.",
        "Who decides? Ask in your own words and I answer in the strategy's words.",
    ),
    "help.mine": (
        "Mina bedömningar: dina senaste 20 bedömningar.",
        "My assessments: your 20 most recent assessments.",
    ),
    "help.invitation": (
        "Har du fått en inbjudan? Klistra in texten eller bifoga filen (PDF, Word, e-post eller "
        "text) så fyller jag i det jag hittar. I en chatt eller kanal: ”Bedöm med "
        "Strategikollen” i meddelandets meny.",
        "Received an invitation? Paste its text or attach the file (PDF, Word, e-mail or text) "
        "and I fill in what I find. In a chat or channel: “Assess with Strategikollen” in the "
        "message's menu.",
    ),
    "help.commands": (
        "Kommandon: hjälp · ny · avbryt · mina",
        "Commands: help · new · cancel · mine",
    ),
    "help.resume": ("Fortsätt bedömningen", "Continue the assessment"),
    "help.unknown_action": (
        "Den knappen känner jag inte igen längre. Här är vad jag kan hjälpa till med.",
        "I no longer recognise that button. Here is what I can help with.",
    ),
    # wizard
    "wizard.title": ("Ny bedömning", "New assessment"),
    "wizard.step": ("Steg {n} av {total}: {name}", "Step {n} of {total}: {name}"),
    "step.kind": ("Typ av engagemang", "Kind of engagement"),
    "step.details": ("Uppgifter", "Details"),
    "step.questions": ("Frågor – {kind}", "Questions – {kind}"),
    "step.summary": ("Sammanfattning", "Summary"),
    "wizard.required_hint": ("Fält märkta * krävs.", "Fields marked * are required."),
    "wizard.errors": (
        "Något behöver rättas – se markeringarna nedan. Inget av det du skrivit har försvunnit.",
        "Something needs fixing – see the notes below. Nothing you typed has been lost.",
    ),
    "wizard.next": ("Nästa", "Next"),
    "wizard.back": ("Tillbaka", "Back"),
    "wizard.cancel": ("Avbryt", "Cancel"),
    "wizard.edit": ("Ändra", "Edit"),
    "wizard.assess": ("Bedöm", "Assess"),
    "wizard.summary_intro": (
        "Kontrollera uppgifterna. Välj Ändra för att rätta något eller Bedöm för att få en "
        "rådgivande bedömning.",
        "Check the details. Choose Edit to change something or Assess for an advisory "
        "assessment.",
    ),
    "wizard.unknown": ("Vet inte ännu", "Not known yet"),
    "wizard.not_answered": ("Inte besvarat: {fields}", "Not answered: {fields}"),
    "wizard.sek": ("{amount}\u00a0kr", "SEK\u00a0{amount}"),
    "wizard.years": ("efter {n}\u00a0år", "after {n}\u00a0years"),
    "wizard.example_number": ("t.ex. {example}", "e.g. {example}"),
    "wizard.yes": ("Ja", "Yes"),
    "wizard.no": ("Nej", "No"),
    "wizard.choose": ("Välj …", "Choose …"),
    "wizard.required": (
        "Fältet krävs – svaret avgör vem som beslutar.",
        "Required – the answer decides who decides.",
    ),
    "wizard.required_plain": ("Fältet krävs.", "This field is required."),
    "wizard.choose_kind": (
        "Välj vilken typ av engagemang det gäller.",
        "Choose the kind of engagement.",
    ),
    "wizard.cancelled": (
        "Bedömningen är avbruten. Inget har sparats.",
        "The assessment was cancelled. Nothing was saved.",
    ),
    "wizard.nothing_to_cancel": (
        "Det finns ingen pågående bedömning att avbryta.",
        "There is no assessment in progress to cancel.",
    ),
    # from an invitation (dialogs.intake, cards.intake)
    "intake.found_title": ("Det här hittade jag i inbjudan",
                           "This is what I found in the invitation"),
    "intake.found_from": ("Ur {name}", "From {name}"),
    "intake.found_intro": (
        "Inget är bedömt ännu. Uppgifterna fylls i i formuläret, där du kan ändra allt; det som "
        "saknas frågar jag efter.",
        "Nothing has been screened yet. The details go into the form, where you can change "
        "everything; I ask for what is missing.",
    ),
    "intake.found_none": (
        "Jag hittade inga uppgifter att fylla i.",
        "I found no details to fill in.",
    ),
    "intake.source": ("Var står det?", "Show where"),
    "intake.read_mark": ("Läst från inbjudan – visa meningen",
                         "Read from the invitation – show the sentence"),
    "intake.place": ("Plats", "Place"),
    "intake.amount": ("Belopp", "Amount"),
    "intake.continue": ("Fortsätt med förifyllda uppgifter", "Continue with these details"),
    "intake.manual": ("Fyll i själv", "Fill in yourself"),
    "intake.ask_instead": ("Svara på det som en fråga", "Answer it as a question"),
    "intake.refused_title": ("Jag kunde inte läsa inbjudan", "I could not read the invitation"),
    "intake.not_invitation_title": ("Det här ser inte ut som en inbjudan",
                                    "This does not look like an invitation"),
    "intake.not_invitation": (
        "Jag hittade inget som en inbjudan brukar innehålla. Fyll i formuläret själv, eller "
        "ställ en fråga om vem som beslutar.",
        "I found nothing an invitation usually says. Fill in the form yourself, or ask who "
        "decides.",
    ),
    "intake.download_failed": (
        "Jag kunde inte hämta filen från Teams. Försök igen, klistra in texten, eller fyll i "
        "formuläret själv.",
        "I could not fetch the file from Teams. Try again, paste its text, or fill in the form "
        "yourself.",
    ),
    "intake.message_file": (
        "Meddelandet har en bifogad fil som jag inte kan läsa härifrån. Bifoga filen i din "
        "chatt med Strategikollen, så läser jag den.",
        "The message has an attached file that I cannot read from here. Attach the file in "
        "your chat with Strategikollen and I will read it.",
    ),
    "intake.nothing_stored": (
        "Inget har sparats.",
        "Nothing has been stored.",
    ),
    "intake.dialog_title": ("Bedöm med Strategikollen", "Assess with Strategikollen"),
    "intake.dialog_intro": (
        "Uppgifterna nedan lästes ur meddelandet; ändra det som inte stämmer. Resten frågar jag "
        "i din chatt med Strategikollen, och inget bedöms förrän du bekräftar där.",
        "The details below were read from the message; change what is not right. I ask the "
        "rest in your chat with Strategikollen, and nothing is screened until you confirm there.",
    ),
    "intake.dialog_empty": (
        "Fyll i uppgifterna. Resten frågar jag i din chatt med Strategikollen, och inget "
        "bedöms förrän du bekräftar där.",
        "Fill in the details. I ask the rest in your chat with Strategikollen, and nothing is "
        "screened until you confirm there.",
    ),
    "intake.dialog_submit": ("Fortsätt i chatten", "Continue in the chat"),
    "intake.continued_title": ("Fortsätt bedömningen", "Continue the screening"),
    "intake.continued_intro": (
        "Uppgifterna från dialogrutan. Fortsätt här med frågorna om engagemanget; inget bedöms "
        "förrän du trycker på Bedöm.",
        "The details from the dialog. Go on here with the questions about the engagement; "
        "nothing is screened until you press Assess.",
    ),
    "intake.continued_button": ("Fortsätt", "Continue"),
    # result
    "result.title": ("Bedömning", "Assessment"),
    "result.owner": ("Vem beslutar", "Who decides"),
    "result.coordinated_by": ("{owner} koordinerar, men beslutar inte.",
                              "{owner} coordinates, but does not decide."),
    "result.findings": ("Skäl", "Reasons"),
    "result.quote": ("Visa strategins ord ({about})", "Show the strategy's words ({about})"),
    "result.quote_owner": ("vem beslutar", "who decides"),
    "result.section": ("Avsnitt {section}", "Section {section}"),
    "result.priority": ("Prioritet: {priority}", "Priority: {priority}"),
    "result.next_steps": ("Nästa steg", "Next steps"),
    "result.edit": ("Ändra uppgifter", "Edit details"),
    "result.rulebook": ("Regelverk {version}, bedömt {day}", "Rulebook {version}, screened {day}"),
    "result.no_findings": ("Inga skäl att redovisa.", "No reasons to report."),
    # who decides
    "who.title": ("Vem beslutar?", "Who decides?"),
    "who.prompt": (
        "Skriv din fråga med egna ord, t.ex. om ett medlemskap, en resa eller en deklaration.",
        "Ask in your own words, e.g. about a membership, a trip or a declaration.",
    ),
    "who.question": ("Din fråga", "Your question"),
    "who.ask": ("Fråga", "Ask"),
    "who.examples": ("Exempel", "Examples"),
    "who.example1": (
        "Vem beslutar om medlemskap i ett internationellt nätverk?",
        "Who decides on membership of an international network?",
    ),
    "who.example2": (
        "Får staden teckna ett vänortsavtal?",
        "May the city sign a twinning agreement?",
    ),
    "who.example3": (
        "Vem beslutar om en konferensresa utomlands?",
        "Who decides on a conference trip abroad?",
    ),
    "who.you_asked": ("Du frågade: {question}", "You asked: {question}"),
    "who.owner": ("Beslutar: {owner}", "Decides: {owner}"),
    "who.not_allowed": ("Inte tillåtet enligt strategin", "Not allowed under the strategy"),
    "who.depends": ("Det beror på", "It depends"),
    "who.then": ("Då beslutar {owner}.", "Then {owner} decides."),
    "who.any_of": ("Något av detta", "Any of these"),
    "who.you_chose": ("Du valde: ”{choice}”.", "You chose: “{choice}”."),
    "who.out_of_scope": (
        "Den frågan ligger utanför den internationella strategin.",
        "That question is outside the International Strategy.",
    ),
    "who.unavailable": (
        "Frågefunktionen är inte tillgänglig just nu. Du kan fortfarande göra en bedömning.",
        "Questions are not available right now. You can still make an assessment.",
    ),
    "who.empty": ("Skriv en fråga först.", "Type a question first."),
    "who.advisory": (
        "Svaret är rådgivande – beslutet fattas alltid av rätt organ.",
        "The answer is advisory – the decision is always made by the right body.",
    ),
    # mine
    "mine.title": ("Mina bedömningar", "My assessments"),
    "mine.empty": ("Du har inga bedömningar ännu.", "You have no assessments yet."),
    "mine.open": ("Öppna", "Open"),
    "mine.not_found": (
        "Den bedömningen finns inte längre i din lista.",
        "That assessment is no longer in your list.",
    ),
    "mine.count": ("Dina senaste {n} bedömningar.", "Your {n} most recent assessments."),
    "result.send": ("Skicka till IB", "Send to IB"),
    "result.send_prepare": ("Skicka till IB för beredning", "Send to IB for preparation"),
    "result.resubmit": ("Skicka ny version till {id}", "Send new version to {id}"),
    # the International Committee (IB): the cards of a case (``cards/ib.py``)
    "case.id": ("Ärende {id}", "Case {id}"),
    "case.id_version": ("Ärende {id}, version {version}", "Case {id}, version {version}"),
    "case.prepare": (
        "För beredning i IB – beslutet fattas av {owner}.",
        "For preparation in IB – the decision is made by {owner}.",
    ),
    "case.status": ("Status: {status}", "Status: {status}"),
    "case.meeting": ("Sammanträde {day}", "Meeting on {day}"),
    "case.review_due": ("Omprövas senast {day}", "To be reviewed by {day}"),
    "case.submitter": ("Inlämnat av", "Submitted by"),
    "case.dates": ("Datum", "Dates"),
    "case.cost_unknown": ("okänd", "unknown"),
    "case.version": ("Version", "Version"),
    "case.comment_by": ("Kommentar från {name}:", "Comment from {name}:"),
    "case.findings_show": ("Visa skälen ({n})", "Show the reasons ({n})"),
    "case.event.submitted": (
        "{at}: {name} lämnade in ärendet.", "{at}: {name} submitted the case.",
    ),
    "case.event.accepted": ("{at}: {name} tillstyrkte ärendet.", "{at}: {name} accepted the case."),
    "case.event.declined": ("{at}: {name} avböjde ärendet.", "{at}: {name} declined the case."),
    "case.event.needs_completion": (
        "{at}: {name} begärde komplettering.",
        "{at}: {name} asked for the case to be completed.",
    ),
    "case.event.on_agenda": (
        "{at}: {name} förde upp ärendet på dagordningen.",
        "{at}: {name} put the case on the agenda.",
    ),
    "case.event.withdrawn": (
        "{at}: {name} återkallade ärendet.", "{at}: {name} withdrew the case.",
    ),
    "case.event.changed": ("{at}: {name} ändrade ärendet.", "{at}: {name} changed the case."),
    "case.act": ("Hantera ärendet", "Act on the case"),
    "case.comment": ("Kommentar", "Comment"),
    "case.comment_help": (
        "Kommentaren skickas till den som lämnade in ärendet.",
        "The comment is sent to the person who submitted the case.",
    ),
    "case.comment_help_completion": (
        "Kommentaren skickas till den som lämnade in ärendet. Den krävs när du begär "
        "komplettering.",
        "The comment is sent to the person who submitted the case. It is required when you "
        "ask for completion.",
    ),
    "case.meeting_date": ("Sammanträdesdatum", "Meeting date"),
    "case.meeting_date_help": (
        "Krävs för Till dagordning.",
        "Required for Put on the agenda.",
    ),
    "case.accept": ("Tillstyrk", "Accept"),
    "case.decline": ("Avböj", "Decline"),
    "case.request_completion": ("Begär komplettering", "Ask for completion"),
    "case.to_agenda": ("Till dagordning", "Put on the agenda"),
    "case.no_actions": (
        "Ärendet har status ”{status}” och kan inte hanteras vidare här.",
        "The case has the status “{status}” and cannot be acted on further here.",
    ),
    "case.mine": ("Mina ärenden", "My cases"),
    "case.complete": ("Komplettera", "Complete"),
    "case.sent_title": ("Skickat till IB", "Sent to IB"),
    "case.sent_version_title": ("Ny version skickad till IB", "New version sent to IB"),
    "case.sent": (
        "Ditt ärende har skickats till Internationella beredningen (IB). Du får ett "
        "meddelande här när IB har hanterat det.",
        "Your case has been sent to the International Committee (IB). You will get a message "
        "here when IB has acted on it.",
    ),
    "case.sent_prepare": (
        "Ditt ärende har skickats till Internationella beredningen (IB) för beredning inför "
        "beslut av {owner}. Du får ett meddelande här när IB har hanterat det.",
        "Your case has been sent to the International Committee (IB) for preparation before "
        "{owner} decides. You will get a message here when IB has acted on it.",
    ),
    "case.sent_version": (
        "Version {version} av ditt ärende har skickats till Internationella beredningen (IB). "
        "Du får ett meddelande här när IB har hanterat det.",
        "Version {version} of your case has been sent to the International Committee (IB). "
        "You will get a message here when IB has acted on it.",
    ),
    "case.notify_title": ("Ärende {id}: {status}", "Case {id}: {status}"),
    "case.notify_completion": (
        "Välj Komplettera för att öppna formuläret med dina uppgifter kvar, rätta eller fyll "
        "på det som efterfrågas och skicka den nya versionen till samma ärende.",
        "Choose Complete to open the form with your details kept, correct or add what is "
        "asked for and send the new version to the same case.",
    ),
    "case.notify_accepted": (
        "IB:s ställningstagande är ett råd inför beslutet, som fattas av {owner}.",
        "IB's position is advice before the decision, which is made by {owner}.",
    ),
    "case.mine_empty": (
        "Du har inga ärenden ännu. Gör en bedömning och skicka den till IB från "
        "resultatkortet.",
        "You have no cases yet. Make an assessment and send it to IB from the result card.",
    ),
    "case.mine_count": ("Antal ärenden: {n}", "Number of cases: {n}"),
    "case.updated": ("ändrat {at}", "changed {at}"),
    "agenda.title": ("Dagordning – sammanträde {day}", "Agenda – meeting on {day}"),
    "agenda.title_none": ("Dagordning", "Agenda"),
    "agenda.empty": (
        "Inga ärenden är uppförda på dagordningen.",
        "No cases are on the agenda.",
    ),
    "agenda.count": (
        "Antal ärenden: {n}, i prioritetsordning.",
        "Number of cases: {n}, in order of priority.",
    ),
    "agenda.no_priority": ("Ingen prioritet", "No priority"),
    "agenda.total": ("Summa: {amount}", "Total: {amount}"),
    "agenda.total_unknown": (
        "Kostnaden är okänd för {n} av ärendena och ingår inte i summan.",
        "The cost is unknown for {n} of the cases and is not included in the total.",
    ),
    "agenda.total_why": (
        "Summan visar hur mycket skattemedel ärendena på dagordningen omfattar.",
        "The total shows how much tax money the cases on the agenda involve.",
    ),
    "agenda.reviews": ("Omprövningar som närmar sig", "Reviews coming up"),
    "agenda.reviews_empty": (
        "Inga omprövningar närmar sig.",
        "No reviews are coming up.",
    ),
    "case.new_version": ("Version {version} från {name}", "Version {version} from {name}"),
    "case.new_version_body": (
        "Ärendet har kompletterats och bedömts på nytt. Kortet ovan visar nu den nya versionen.",
        "The case has been completed and screened again. The card above now shows the new "
        "version.",
    ),
    "case.verdict_now": ("Bedömning: {verdict}", "Assessment: {verdict}"),
    "reminder.title": ("Dags för omprövning", "Time for a review"),
    "reminder.due_in": (
        "Ärendet ska omprövas senast {day}, om {n} dagar.",
        "The case is to be reviewed by {day}, in {n} days.",
    ),
    "reminder.due_in_one": (
        "Ärendet ska omprövas senast {day}, i morgon.",
        "The case is to be reviewed by {day}, tomorrow.",
    ),
    "reminder.due_today": (
        "Ärendet ska omprövas senast i dag, {day}.",
        "The case is to be reviewed by today, {day}.",
    ),
    "reminder.overdue": (
        "Ärendet skulle ha omprövats senast {day}.",
        "The case was to be reviewed by {day}.",
    ),
    "reminder.why": (
        "Strategin kräver att medlemskap och intentionsavtal omprövas regelbundet, minst vart "
        "fjärde år.",
        "The strategy requires memberships and intent agreements to be reviewed regularly, at "
        "least every fourth year.",
    ),
    "reminder.what": (
        "Gör en ny bedömning med aktuella uppgifter – formuläret öppnas med de uppgifter du "
        "lämnade senast – och skicka den till IB. Ska engagemanget avslutas, meddela "
        "Internationella beredningen.",
        "Make a new assessment with current details – the form opens with the details you "
        "gave last time – and send it to IB. If the engagement is to end, tell the "
        "International Committee.",
    ),
    "reminder.reassess": ("Bedöm på nytt", "Assess again"),
    # the International Committee (IB): messages the bot gives (``bot/ib.py``)
    "ib.registered": (
        "Klart! Kanalen {name} är nu registrerad som IB-kanal. Ärenden som skickas till "
        "Internationella beredningen publiceras här.",
        "Done! The channel {name} is now registered as the IB channel. Cases sent to the "
        "International Committee will be posted here.",
    ),
    "ib.register_refused": (
        "Tyvärr kan bara en administratör av Strategikollen registrera IB-kanalen. Kontakta "
        "stadsledningskontoret om kanalen behöver registreras.",
        "Sorry, only a Strategikollen administrator can register the IB channel. Please "
        "contact the City Executive Office if the channel needs to be registered.",
    ),
    "ib.register_not_channel": (
        "IB-kanalen registreras i en kanal: lägg till appen i Internationella beredningens "
        "team och skriv ”registrera IB-kanal” i den kanal där ärendena ska publiceras.",
        "The IB channel is registered in a channel: add the app to the International "
        "Committee's team and write “register IB channel” in the channel where the cases "
        "should be posted.",
    ),
    "ib.no_channel": (
        "Ärendet kunde inte skickas eftersom ingen IB-kanal är registrerad ännu. Din bedömning "
        "finns kvar – försök igen senare eller kontakta stadsledningskontoret.",
        "The case could not be sent because no IB channel has been registered yet. Your "
        "assessment is kept – please try again later or contact the City Executive Office.",
    ),
    "ib.not_member": (
        "Bara ledamöter i Internationella beredningen kan hantera ärenden. Du kan se "
        "ärendets status men inte ändra den.",
        "Only members of the International Committee can act on cases. You can see the "
        "status of the case but not change it.",
    ),
    "ib.invalid_transition": (
        "Ärendet har status ”{status}” och kan inte ändras på det sättet. Kortet visar nu "
        "hur ärendet står.",
        "The case has the status “{status}” and cannot be changed that way. The card now "
        "shows where the case stands.",
    ),
    "ib.already_sent": (
        "Den här bedömningen är redan skickad till IB som ärende {id}.",
        "This assessment has already been sent to IB as case {id}.",
    ),
    "ib.version_refused": (
        "Ärende {id} har status ”{status}” och kan inte ta emot en ny version. Kontakta "
        "Internationella beredningen om ärendet behöver tas upp igen.",
        "Case {id} has the status “{status}” and cannot take a new version. Please contact "
        "the International Committee if the case needs to be taken up again.",
    ),
    "ib.agenda_elsewhere": (
        "Dagordningen visas i IB-kanalen. Skriv ”dagordning” där.",
        "The agenda is shown in the IB channel. Write “agenda” there.",
    ),
    "ib.case_not_found": (
        "Jag hittar inget ärende {id}.",
        "I cannot find a case {id}.",
    ),
    "ib.done": (
        "Klart: ärende {id} har nu status ”{status}”.",
        "Done: case {id} now has the status “{status}”.",
    ),
    "ib.delivery_pending": (
        "Ärendet är sparat och publiceras i IB-kanalen inom kort.",
        "The case is saved and will be posted in the IB channel shortly.",
    ),
    # errors and notices
    "error.title": ("Något gick fel", "Something went wrong"),
    "error.body": (
        "Jag kunde inte hantera det där. Inget av det du skrivit har försvunnit – försök igen "
        "eller fortsätt där du var.",
        "I couldn't handle that. Nothing you typed has been lost – try again or continue where "
        "you were.",
    ),
    "notice.reset": (
        "Jag kunde inte läsa den sparade konversationen (den kan komma från en äldre version) "
        "och har därför börjat om. Ursäkta besväret.",
        "I couldn't read the saved conversation (it may be from an older version), so I have "
        "started afresh. Sorry for the trouble.",
    ),
    "notice.reset_user": (
        "Jag kunde inte läsa din sparade lista med bedömningar och har börjat en ny.",
        "I couldn't read your saved list of assessments and have started a new one.",
    ),
    "card.fallback": (
        "Strategikollen visar ett kort här. Uppdatera Teams om du inte ser det.",
        "Strategikollen shows a card here. Update Teams if you cannot see it.",
    ),
}

# Field labels and help texts: field: ((label sv, label en), (help sv, help en)).
FIELDS: Mapping[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "kind": (("Vad gäller det?", "What is it?"), (
        "Välj den typ som passar bäst; frågorna som följer beror på den. Värdskap för ett "
        "evenemang i Stockholm: internationellt besök. Ansökan om en titel eller ett "
        "evenemang: deklaration eller initiativ. Personalutbyte: tjänsteresa. Gemensamt "
        "uttalande: deklaration. Digitalt evenemang: konferens. Förnyat medlemskap: "
        "medlemskap. Flera delar: bedöm varje del för sig.",
        "Choose the closest kind; the questions that follow depend on it. Hosting an event "
        "in Stockholm: international visit. A bid for a title or event: declaration or "
        "initiative. Staff exchange: business trip. Joint statement: declaration. Online "
        "event: conference. Renewed membership: membership. Several parts: screen each on "
        "its own.")),
    "title": (("Rubrik", "Title"), (
        "En kort rubrik, t.ex. ”Medlemskap i Eurocities”.",
        "A short title, e.g. “Membership of Eurocities”.")),
    "description": (("Beskrivning", "Description"), (
        "Valfritt: bakgrund och syfte.", "Optional: background and purpose.")),
    "unit": (("Nämnd, förvaltning eller bolag", "Committee, department or company"), (
        "Vem föreslår engagemanget?", "Who proposes the engagement?")),
    "scope": (("Vilka verksamheter berörs?", "Which operations are affected?"), (
        "En nämnd eller ett bolag, flera, eller hela staden. Svaret avgör om nämnden eller "
        "kommunstyrelsen beslutar.",
        "One committee or company, several, or the whole city. The answer decides whether the "
        "committee or the City Executive Board decides.")),
    "start_date": (("Startdatum", "Start date"), (
        "Lämna tomt om det inte är bestämt.", "Leave empty if not decided.")),
    "end_date": (("Slutdatum", "End date"), (
        "Lämna tomt om det saknas.", "Leave empty if there is none.")),
    "counterpart.name": (("Motpart", "Counterpart"), (
        "Staden, organisationen eller nätverket som staden möter.",
        "The city, organisation or network the city deals with.")),
    "counterpart.type": (("Typ av motpart", "Type of counterpart"), (
        "Huvudstäder, särskilt de nordiska, har en särskild gemenskap med Stockholm.",
        "Capitals, especially the Nordic ones, have a special community with Stockholm.")),
    "counterpart.country": (("Land", "Country"), ("", "")),
    "on_behalf_of_ks": ((
        "På uppdrag av kommunstyrelsen?", "On behalf of the City Executive Board?"), (
        "Ja om staden företräds politiskt eller som helhet (på kommunstyrelsens uppdrag); då "
        "beslutar finansborgarrådet efter beredning i IB. Nej om resan hör till den egna "
        "verksamheten; då beslutar nämnden eller bolagsstyrelsen. Deltar borgarråd, "
        "finansborgarrådet eller kommunfullmäktiges presidium räknas det som på uppdrag av "
        "kommunstyrelsen om du inte svarar nej.",
        "Yes if the city is represented politically or as a whole (on the City Executive "
        "Board's assignment); the Finance Commissioner then decides after IB. No if it belongs "
        "to the operation's own work; its committee or board then decides. With a borgarråd, "
        "the Finance Commissioner or the City Council's presidium taking part, it counts as "
        "on behalf of the Board unless you answer no.")),
    "participants": (("Vilka deltar?", "Who takes part?"), (
        "Välj alla som deltar. Borgarråd, finansborgarrådet och kommunfullmäktiges presidium "
        "företräder staden som helhet.",
        "Choose everyone who takes part. A borgarråd, the Finance Commissioner and the City "
        "Council's presidium represent the city as a whole.")),
    "foreign_policy": (("Berör det utrikespolitik?", "Does it touch foreign policy?"), (
        "Ja om det rör Sveriges relationer med andra stater, utrikes-, bistånds- eller "
        "säkerhetspolitik, eller om staden skulle ta ställning mellan stater. Det är statens "
        "sak, inte stadens (avsnitt 4). Ett projekt av biståndskaraktär som helt finansieras "
        "av annan part, till exempel Sida, är inte i sig utrikespolitik. Motparter på "
        "nationell nivå, som ministerier och ambassader, prövas av stadsledningskontoret.",
        "Yes if it concerns Sweden's relations with other states, foreign, aid or security "
        "policy, or would have the city take a side between states. That is for the state, "
        "not the city (section 4). A project of aid character fully financed by another "
        "party, such as Sida, is not in itself foreign policy. Counterparts at national "
        "level, such as ministries and embassies, are examined by the City Executive "
        "Office.")),
    "directions": (("Vilka inriktningar tjänar det?", "Which directions does it serve?"), (
        "Strategins fyra inriktningar (avsnitt 3). Välj alla som passar.",
        "The strategy's four directions (section 3). Choose all that apply.")),
    "benefit": (("Förväntad nytta", "Expected benefit"), (
        "Vad ger det stadens verksamheter och invånare? (avsnitt 2)",
        "What does it give the city's operations and residents? (section 2)")),
    "existing_forum": (("Befintligt forum", "Existing forum"), (
        "Ett etablerat nätverk eller en organisation där frågan redan hanteras, om något.",
        "An established network or organisation where the matter is already handled, if any.")),
    "existing_forums_checked": ((
        "Har befintliga forum undersökts?", "Were existing forums examined?"), (
        "Möjligheten att samverka inom redan etablerade forum ska undersökas innan nya "
        "samarbetsformer initieras (avsnitt 3.3).",
        "The possibility of cooperating within established forums is to be examined before "
        "new forms of cooperation are started (section 3.3).")),
    "cost_sek": (("Kostnad i kronor", "Cost in SEK"), (
        "Total kostnad för staden, i hela kronor.", "Total cost to the city, in whole SEK.")),
    "within_budget": (("Ryms det i budgeten?", "Does it fit the budget?"), (
        "Inom verksamhetens givna ekonomiska ram (avsnitt 5).",
        "Within the operation's given economic frame (section 5).")),
    "programme_available": (("Finns ett program?", "Is there a programme?"), (
        "Ett program för evenemanget som går att bedöma.",
        "A programme for the event that can be assessed.")),
    "active_role": (("Får staden en aktiv roll?", "Does the city get an active role?"), (
        "T.ex. talare, panelist eller värd – eller att staden bidrar aktivt i nätverket.",
        "E.g. speaker, panellist or host – or the city contributes actively in the network.")),
    "invitation_transferable": (("Kan inbjudan överlåtas?", "Can the invitation be passed on?"), (
        "Får någon annan företrädare för staden delta i stället?",
        "May another representative of the city attend instead?")),
    "high_political_level": ((
        "Besök på hög politisk nivå?", "A visit at high political level?"), (
        "T.ex. borgmästare eller ministrar. Då koordinerar kommunstyrelsen besöket; nämnden "
        "eller bolaget beslutar fortfarande.",
        "E.g. mayors or ministers. The City Executive Board then coordinates the visit; the "
        "committee or company still decides.")),
    "mutual_benefit": (("Ömsesidig nytta?", "Mutual benefit?"), (
        "Tydlig nytta för båda parter.", "A clear benefit for both parties.")),
    "prioritised_visit": ((
        "Särskilt prioriterat besök?", "A specially prioritised visit?"), (
        "Inbjudningsbrev skickas bara för besök som är särskilt prioriterade för verksamheten.",
        "Invitation letters are sent only for visits specially prioritised for the operation.")),
    "concrete_exchange": (("Konkret utbyte?", "A concrete exchange?"), (
        "Ett konkret utbyte inom ett tematiskt område – inte en allmän vänskapsrelation.",
        "A concrete exchange in a thematic area – not a general friendship.")),
    "thematic_area": (("Tematiskt område", "Thematic area"), (
        "Det specifika tematiska område samarbetet gäller, t.ex. avfallshantering.",
        "The specific thematic area the cooperation concerns, e.g. waste management.")),
    "within_initiative": ((
        "Inom ett internationellt initiativ?", "Within an international initiative?"), (
        "Avtalet ingås inom ett internationellt initiativ som staden deltar i.",
        "The agreement is made within an international initiative the city takes part in.")),
    "review_years": (("Omprövning efter antal år", "Review after how many years"), (
        "Hur ofta det omprövas. Medlemskap och intentionsavtal bör omprövas regelbundet "
        "(exempelvis vart fjärde år).",
        "How often it is reviewed. Memberships and intent agreements should be reviewed "
        "regularly (for example every fourth year).")),
    "renewal": (("Finns medlemskapet redan?", "Is it an existing membership?"), (
        "Ja om ett befintligt medlemskap omprövas, förnyas eller avslutas. Kommunfullmäktige "
        "beslutar om nya medlemskap i stadsövergripande organisationer.",
        "Yes if an existing membership is reviewed, renewed or ended. The City Council "
        "decides on new memberships of city-wide organisations.")),
    "membership_body": (("Organisation eller nätverk?", "Organisation or network?"), (
        "En organisation är en formell sammanslutning med stadgar och medlemmar; ett nätverk "
        "är en lösare samverkan. Nya medlemskap i stadsövergripande organisationer beslutar "
        "kommunfullmäktige om.",
        "An organisation is a formal body with statutes and members; a network is looser "
        "cooperation. New memberships of city-wide organisations are decided by the City "
        "Council.")),
    "increases_resource_burden": ((
        "Ökar det stadens resursbörda?", "Does it add to the city's resource burden?"), (
        "Ja om det medför ökad resursbörda för staden – pengar, personal eller nya "
        "åtaganden; då beslutar kommunstyrelsen. Annars beslutar finansborgarrådet efter "
        "beredning i IB.",
        "Yes if it adds to the city's resource burden – money, staff or new commitments; the "
        "City Executive Board then decides. Otherwise the Finance Commissioner decides after "
        "IB.")),
    "linked_to_operational_plan": ((
        "Kopplat till verksamhetsplanen?", "Linked to the operational plan?"), (
        "EU-projekt ska ha tydlig koppling till planerad utveckling av verksamheten "
        "(avsnitt 3.3).",
        "EU projects need a clear link to the operation's planned development (section 3.3).")),
    "financing": (("Finansiering", "Financing"), (
        "Staden kan engagera sig i projekt av biståndskaraktär då hela finansieringen bärs "
        "av annan part, till exempel Sida. Ett EU-bidrag räknas så bara om staden inte "
        "betalar något.",
        "The city can engage in projects of aid character when the whole financing is borne "
        "by another party, for example Sida. An EU grant counts only if the city pays "
        "nothing.")),
    "funder": (("Finansiär", "Funder"), ("T.ex. Sida.", "E.g. Sida.")),
}

# Short labels for the summary's narrow title column: field: (sv, en).
SHORT_LABELS: Mapping[str, tuple[str, str]] = {
    "kind": ("Typ", "Kind"),
    "title": ("Rubrik", "Title"),
    "description": ("Beskrivning", "Description"),
    "unit": ("Föreslås av", "Proposed by"),
    "scope": ("Berör", "Affects"),
    "start_date": ("Start", "Start"),
    "end_date": ("Slut", "End"),
    "counterpart.name": ("Motpart", "Counterpart"),
    "counterpart.type": ("Typ av motpart", "Party type"),
    "counterpart.country": ("Land", "Country"),
    "on_behalf_of_ks": ("På KS uppdrag", "For the Board"),
    "participants": ("Deltagare", "Participants"),
    "foreign_policy": ("Utrikespolitik", "Foreign policy"),
    "directions": ("Inriktningar", "Directions"),
    "benefit": ("Nytta", "Benefit"),
    "existing_forum": ("Befintligt forum", "Existing forum"),
    "existing_forums_checked": ("Forum prövade", "Forums checked"),
    "cost_sek": ("Kostnad", "Cost"),
    "within_budget": ("Inom budget", "Within budget"),
    "programme_available": ("Program finns", "Programme"),
    "active_role": ("Aktiv roll", "Active role"),
    "invitation_transferable": ("Kan överlåtas", "Transferable"),
    "high_political_level": ("Hög nivå", "High level"),
    "mutual_benefit": ("Ömsesidig nytta", "Mutual benefit"),
    "prioritised_visit": ("Prioriterat", "Prioritised"),
    "concrete_exchange": ("Konkret utbyte", "Concrete exchange"),
    "thematic_area": ("Tema", "Theme"),
    "within_initiative": ("Inom initiativ", "In an initiative"),
    "review_years": ("Omprövning", "Review"),
    "renewal": ("Befintligt", "Existing"),
    "membership_body": ("Medlem i", "Member of"),
    "increases_resource_burden": ("Ökad resursbörda", "Adds burden"),
    "linked_to_operational_plan": ("Verksamhetsplan", "Operational plan"),
    "financing": ("Finansiering", "Financing"),
    "funder": ("Finansiär", "Funder"),
}

# "Who decides?": what a clarifying button names, by routing field and value
# (the buttons say which case applies; the owner is written above each).
WHO_CHOICES: Mapping[tuple[str, object], tuple[str, str]] = {
    ("scope", "single_operation"): ("En nämnd eller ett bolag", "One committee or company"),
    ("scope", "several_operations"): ("Flera nämnder eller bolag",
                                      "Several committees or companies"),
    ("scope", "city_wide"): ("Hela staden", "The whole city"),
    ("membership_body", "organisation"): ("En organisation", "An organisation"),
    ("membership_body", "network"): ("Ett nätverk", "A network"),
    ("on_behalf_of_ks", True): ("På uppdrag av kommunstyrelsen",
                                "On behalf of the City Executive Board"),
    ("on_behalf_of_ks", False): ("Inom den egna verksamheten", "Our own operation's work"),
    ("increases_resource_burden", True): ("Ökad resursbörda", "Adds to the resource burden"),
    ("increases_resource_burden", False): ("Ingen ökad resursbörda", "No added resource burden"),
    ("high_political_level", True): ("Hög politisk nivå", "A high political level"),
    ("high_political_level", False): ("Inte hög nivå", "Not a high level"),
}

# Enum values: the contract's identifiers to what a person reads.
CHOICES: Mapping[str, tuple[str, str]] = {
    # Scope
    "single_operation": ("En nämnd eller ett bolag", "One committee or company"),
    "several_operations": ("Flera nämnder eller bolag", "Several committees or companies"),
    "city_wide": ("Hela staden", "The whole city"),
    # Participant
    "staff": ("Tjänstepersoner", "Staff"),
    "borgarrad": ("Borgarråd", "Vice mayor (borgarråd)"),
    "finansborgarrad": ("Finansborgarrådet", "Finance Commissioner"),
    "kf_presidium": ("Kommunfullmäktiges presidium", "City Council presidium"),
    "other_politician": ("Andra förtroendevalda", "Other elected representatives"),
    # CounterpartType
    "city": ("Stad", "City"),
    "capital_city": ("Huvudstad", "Capital city"),
    "region": ("Region", "Region"),
    "national_government": ("Regering eller myndighet", "National government or agency"),
    "international_organisation": ("Internationell organisation", "International organisation"),
    "network": ("Nätverk", "Network"),
    "eu_institution": ("EU-institution", "EU institution"),
    "company": ("Företag", "Company"),
    "academia": ("Universitet eller högskola", "University or college"),
    "civil_society": ("Civilsamhälle", "Civil society"),
    "other": ("Annat", "Other"),
    # Direction
    "profilering": ("Profilering", "Profiling Stockholm"),
    "omvarldsbevakning": ("Omvärldsbevakning", "Monitoring the world"),
    "samverkan": ("Samverkan", "Cooperation"),
    "paverkan": ("Påverkan", "Influence"),
    # Financing
    "own_budget": ("Egen budget", "Own budget"),
    "external_full": ("Helt externt finansierat", "Fully externally funded"),
    "external_partial": ("Delvis externt finansierat", "Partly externally funded"),
    "eu_grant": ("EU-bidrag", "EU grant"),
    "none": ("Ingen finansiering", "No funding"),
    # MembershipBody
    "organisation": ("Organisation", "Organisation"),
}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "sv" else pair[1]


def t(key: str, lang: Lang, **fmt: object) -> str:
    """The string ``key`` in ``lang``, formatted with ``fmt``."""
    text = _pick(STRINGS[key], lang)
    return text.format(**fmt) if fmt else text


def label(field: str, lang: Lang) -> str:
    return _pick(FIELDS[field][0], lang)


def short_label(field: str, lang: Lang) -> str:
    """The field's short label (the summary); its full label if it has none."""
    pair = SHORT_LABELS.get(field)
    return _pick(pair, lang) if pair else label(field, lang)


def who_choice(field: str, value: object, lang: Lang) -> str | None:
    """What a clarifying button calls ``field`` = ``value``; None if it has no name."""
    pair = WHO_CHOICES.get((field, value)) if isinstance(value, str | bool) else None
    return _pick(pair, lang) if pair else None


def help_text(field: str, lang: Lang) -> str:
    return _pick(FIELDS[field][1], lang)


def choice(value: str, lang: Lang) -> str:
    """What a person reads for an enum value; the value itself if it has no label.

    Kinds read as the command line reads them (``policy.labels``).
    """
    if value in Kind.__members__.values():
        return KIND_LABELS[Kind(value)][lang]
    pair = CHOICES.get(value)
    return _pick(pair, lang) if pair else value


# Verdicts, outcomes and priorities read exactly as on the command line.
def verdict_label(verdict: Verdict | str, lang: Lang) -> str:
    return VERDICT_LABELS[Verdict(verdict)][lang]


def outcome_label(outcome: Outcome | str, lang: Lang) -> str:
    return OUTCOME_LABELS[Outcome(outcome)][lang]


def priority_label(priority: Priority | str, lang: Lang) -> str:
    return PRIORITY_LABELS[Priority(priority)][lang]


def grouped(digits: str, lang: Lang) -> str:
    """A run of digits grouped in thousands the reader's way: "1 400 000", "1,400,000"."""
    sep = "\u00a0" if lang == "sv" else ","
    head = len(digits) % 3 or 3
    return sep.join([digits[:head], *(digits[i:i + 3] for i in range(head, len(digits), 3))])


def sek(amount: float, lang: Lang) -> str:
    """An amount in whole kronor the reader's way: "12 500 kr", "SEK 12,500"."""
    return t("wizard.sek", lang, amount=grouped(str(round(amount)), lang))
