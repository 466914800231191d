"""The International Committee's (IB) cards of a case: the case, the agenda, the notices to the
submitter and the review reminder (``cards/ib.py``)."""

from __future__ import annotations

from collections.abc import Mapping

from policy import Plural, Text

__all__ = ["STRINGS"]

STRINGS: Mapping[str, Text] = {
    "case.id": Text(sv="Ärende {id}", en="Case {id}"),
    "case.prepare": Text(
        sv="För beredning i IB – beslutet fattas av {owner}.",
        en="For preparation in IB – the decision is made by {owner}.",
    ),
    "case.status": Text(sv="Status: {status}", en="Status: {status}"),
    "case.meeting": Text(sv="Sammanträde {day}", en="Meeting on {day}"),
    "case.review_due": Text(sv="Omprövas senast {day}", en="To be reviewed by {day}"),
    "case.submitter": Text(sv="Inlämnat av", en="Submitted by"),
    "case.dates": Text(sv="Datum", en="Dates"),
    "case.cost_unknown": Text(sv="okänd", en="unknown"),
    "case.version": Text(sv="Version", en="Version"),
    "case.comment_by": Text(sv="Kommentar från {name}:", en="Comment from {name}:"),
    "case.findings_show": Plural(
        sv={"one": "Visa skälet ({n})", "other": "Visa skälen ({n})"},
        en={"one": "Show the reason ({n})", "other": "Show the reasons ({n})"},
    ),
    "case.event.submitted": Text(
        sv="{at}: {name} lämnade in ärendet.", en="{at}: {name} submitted the case.",
    ),
    "case.event.accepted": Text(sv="{at}: {name} tillstyrkte ärendet.",
                                en="{at}: {name} accepted the case."),
    "case.event.declined": Text(sv="{at}: {name} avböjde ärendet.",
                                en="{at}: {name} declined the case."),
    "case.event.needs_completion": Text(
        sv="{at}: {name} begärde komplettering.",
        en="{at}: {name} asked for the case to be completed.",
    ),
    "case.event.on_agenda": Text(
        sv="{at}: {name} förde upp ärendet på dagordningen.",
        en="{at}: {name} put the case on the agenda.",
    ),
    "case.event.withdrawn": Text(
        sv="{at}: {name} återkallade ärendet.", en="{at}: {name} withdrew the case.",
    ),
    "case.event.changed": Text(sv="{at}: {name} ändrade ärendet.",
                               en="{at}: {name} changed the case."),
    "case.act": Text(sv="Hantera ärendet", en="Act on the case"),
    "case.comment": Text(sv="Kommentar", en="Comment"),
    "case.comment_help": Text(
        sv="Kommentaren skickas till den som lämnade in ärendet.",
        en="The comment is sent to the person who submitted the case.",
    ),
    "case.comment_help_completion": Text(
        sv="Kommentaren skickas till den som lämnade in ärendet. Den krävs när du begär "
           "komplettering.",
        en="The comment is sent to the person who submitted the case. It is required when you "
           "ask for completion.",
    ),
    "case.meeting_date": Text(sv="Sammanträdesdatum", en="Meeting date"),
    "case.meeting_date_help": Text(
        sv="Krävs för Till dagordning.",
        en="Required for Put on the agenda.",
    ),
    "case.accept": Text(sv="Tillstyrk", en="Accept"),
    "case.decline": Text(sv="Avböj", en="Decline"),
    "case.request_completion": Text(sv="Begär komplettering", en="Ask for completion"),
    "case.to_agenda": Text(sv="Till dagordning", en="Put on the agenda"),
    "case.no_actions": Text(
        sv="Ärendet har status ”{status}” och kan inte hanteras vidare här.",
        en="The case has the status “{status}” and cannot be acted on further here.",
    ),
    "case.mine": Text(sv="Mina ärenden", en="My cases"),
    "case.complete": Text(sv="Komplettera", en="Complete"),
    "case.sent_title": Text(sv="Skickat till IB", en="Sent to IB"),
    "case.sent_version_title": Text(sv="Ny version skickad till IB", en="New version sent to IB"),
    "case.sent": Text(
        sv="Ditt ärende har skickats till Internationella beredningen (IB). Du får ett "
           "meddelande här när IB har hanterat det.",
        en="Your case has been sent to the International Committee (IB). You will get a message "
           "here when IB has acted on it.",
    ),
    "case.sent_prepare": Text(
        sv="Ditt ärende har skickats till Internationella beredningen (IB) för beredning inför "
           "beslut av {owner}. Du får ett meddelande här när IB har hanterat det.",
        en="Your case has been sent to the International Committee (IB) for preparation before "
           "{owner} decides. You will get a message here when IB has acted on it.",
    ),
    "case.sent_version": Text(
        sv="Version {version} av ditt ärende har skickats till Internationella beredningen (IB). "
           "Du får ett meddelande här när IB har hanterat det.",
        en="Version {version} of your case has been sent to the International Committee (IB). "
           "You will get a message here when IB has acted on it.",
    ),
    "case.notify_title": Text(sv="Ärende {id}: {status}", en="Case {id}: {status}"),
    "case.notify_completion": Text(
        sv="Välj Komplettera för att öppna formuläret med dina uppgifter kvar, rätta eller fyll "
           "på det som efterfrågas och skicka den nya versionen till samma ärende.",
        en="Choose Complete to open the form with your details kept, correct or add what is "
           "asked for and send the new version to the same case.",
    ),
    "case.notify_accepted": Text(
        sv="IB:s ställningstagande är ett råd inför beslutet, som fattas av {owner}.",
        en="IB's position is advice before the decision, which is made by {owner}.",
    ),
    "case.mine_empty": Text(
        sv="Du har inga ärenden ännu. Gör en bedömning och skicka den till IB från "
           "resultatkortet.",
        en="You have no cases yet. Make an assessment and send it to IB from the result card.",
    ),
    "case.mine_count": Plural(sv="Antal ärenden: {n}", en="Number of cases: {n}"),
    "case.updated": Text(sv="ändrat {at}", en="changed {at}"),
    "case.withdraw": Text(sv="Återkalla", en="Withdraw"),
    "case.withdraw_title": Text(sv="Återkalla ärende {id}?", en="Withdraw case {id}?"),
    "case.withdraw_body": Text(
        sv="IB slutar behandla ärendet, och det går inte att ångra. Vill du ta upp "
           "engagemanget igen gör du en ny bedömning och skickar den.",
        en="IB will stop handling the case, and this cannot be undone. To take the engagement "
           "up again, make a new assessment and send it.",
    ),
    "case.withdraw_confirm": Text(sv="Ja, återkalla", en="Yes, withdraw"),
    "case.withdraw_keep": Text(sv="Nej, behåll ärendet", en="No, keep the case"),
    "agenda.export": Text(sv="Exportera registret", en="Export the register"),
    "agenda.failed": Text(sv="Misslyckade utskick", en="Failed deliveries"),
    "agenda.failed.title": Text(sv="Misslyckade utskick", en="Failed deliveries"),
    "agenda.failed.none": Text(sv="Inga utskick har misslyckats.", en="No deliveries have failed."),
    "agenda.failed.count": Plural(sv="Utskick som inte kom fram: {n}",
                         en="Deliveries that did not arrive: {n}"),
    "agenda.failed.help": Text(
        sv="När orsaken är åtgärdad (appen tillagd i teamet igen, en behörighet given) lägger "
           "Försök igen tillbaka utskicket i kön.",
        en="Once the cause is fixed (the app added to the team again, a permission granted), "
           "Retry puts the delivery back in the queue.",
    ),
    "agenda.failed.number": Text(sv="Nr {id}", en="No. {id}"),
    "agenda.failed.what.post": Text(sv="Ärendets inlägg", en="The case's post"),
    "agenda.failed.what.update": Text(sv="Uppdatering av ärendets inlägg",
                               en="Update of the case's post"),
    "agenda.failed.what.reply": Text(sv="Svar i ärendets tråd", en="Reply in the case's thread"),
    "agenda.failed.what.notify": Text(sv="Meddelande", en="Message"),
    "agenda.failed.to.channel": Text(sv="till IB-kanalen", en="to the IB channel"),
    "agenda.failed.to.submitter": Text(sv="till inlämnaren av {id}", en="to the submitter of {id}"),
    "agenda.failed.to.user": Text(sv="till en användares chatt", en="to a user's chat"),
    "agenda.failed.when": Plural(sv="Köat {queued} · senast försökt {tried} · försök: {n}",
                        en="Queued {queued} · last tried {tried} · attempts: {n}"),
    "agenda.failed.error": Text(sv="Fel: {error}", en="Error: {error}"),
    "agenda.failed.retry": Text(sv="Försök igen", en="Retry"),
    "agenda.failed.retry_all": Plural(sv="Försök igen med alla ({n})", en="Retry all ({n})"),
    "agenda.title": Text(sv="Dagordning – sammanträde {day}", en="Agenda – meeting on {day}"),
    "agenda.title_none": Text(sv="Dagordning", en="Agenda"),
    "agenda.empty": Text(
        sv="Inga ärenden är uppförda på dagordningen.",
        en="No cases are on the agenda.",
    ),
    "agenda.count": Plural(
        sv="Antal ärenden: {n}, i prioritetsordning.",
        en="Number of cases: {n}, in order of priority.",
    ),
    "agenda.no_priority": Text(sv="Ingen prioritet", en="No priority"),
    "agenda.total": Text(sv="Summa: {amount}", en="Total: {amount}"),
    "agenda.total_unknown": Plural(
        sv="Kostnaden är okänd för {n} av ärendena och ingår inte i summan.",
        en="The cost is unknown for {n} of the cases and is not included in the total.",
    ),
    "agenda.total_why": Text(
        sv="Summan visar hur mycket skattemedel ärendena på dagordningen omfattar.",
        en="The total shows how much tax money the cases on the agenda involve.",
    ),
    "agenda.reviews": Text(sv="Omprövningar som närmar sig", en="Reviews coming up"),
    "agenda.reviews_empty": Text(
        sv="Inga omprövningar närmar sig.",
        en="No reviews are coming up.",
    ),
    "case.new_version": Text(sv="Version {version} från {name}",
                             en="Version {version} from {name}"),
    "case.new_version_body": Text(
        sv="Ärendet har kompletterats och bedömts på nytt. Kortet ovan visar nu den nya versionen.",
        en="The case has been completed and screened again. The card above now shows the new "
           "version.",
    ),
    "case.verdict_now": Text(sv="Bedömning: {verdict}", en="Assessment: {verdict}"),
    "reminder.title": Text(sv="Dags för omprövning", en="Time for a review"),
    "reminder.due_in": Plural(
        sv={"one": "Ärendet ska omprövas senast {day}, om {n} dag.",
            "other": "Ärendet ska omprövas senast {day}, om {n} dagar."},
        en={"one": "The case is to be reviewed by {day}, in {n} day.",
            "other": "The case is to be reviewed by {day}, in {n} days."},
    ),
    "reminder.due_in_one": Text(
        sv="Ärendet ska omprövas senast {day}, i morgon.",
        en="The case is to be reviewed by {day}, tomorrow.",
    ),
    "reminder.due_today": Text(
        sv="Ärendet ska omprövas senast i dag, {day}.",
        en="The case is to be reviewed by today, {day}.",
    ),
    "reminder.overdue": Text(
        sv="Ärendet skulle ha omprövats senast {day}.",
        en="The case was to be reviewed by {day}.",
    ),
    "reminder.why": Text(
        sv="Strategin kräver att medlemskap och intentionsavtal omprövas regelbundet, minst vart "
           "fjärde år.",
        en="The strategy requires memberships and intent agreements to be reviewed regularly, at "
           "least every fourth year.",
    ),
    "reminder.what": Text(
        sv="Gör en ny bedömning med aktuella uppgifter – formuläret öppnas med de uppgifter du "
           "lämnade senast – och skicka den till IB. Ska engagemanget avslutas, meddela "
           "Internationella beredningen.",
        en="Make a new assessment with current details – the form opens with the details you "
           "gave last time – and send it to IB. If the engagement is to end, tell the "
           "International Committee.",
    ),
    "reminder.reassess": Text(sv="Bedöm på nytt", en="Assess again"),
}
