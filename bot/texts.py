"""Every text the bot writes itself, as plain messages rather than cards, in Swedish and
English; ``t(key, lang, **fields)`` reads one. The cards' texts are in ``cards.strings``.
"""

from __future__ import annotations

from collections.abc import Mapping

from policy import Lang, Plural, Text

__all__ = ["TEXTS", "t"]

TEXTS: Mapping[str, Text] = {
    # when a turn fails (bot/hosting/agent.py)
    "bot.sorry": Text(sv="Något gick fel hos Strategikollen. Försök igen om en stund.",
                      en="Something went wrong in Strategikollen. Please try again in a moment."),
    # an action that changed something and has nothing else to say (bot/hosting/agent.py)
    "bot.done": Text(sv="Klart.", en="Done."),
    # Teams' single sign-on failed (a signin/failure invoke, bot/hosting/agent.py)
    "bot.signin_failed": Text(
        sv="Inloggningen via Teams misslyckades, så Strategikollen kunde inte hämta dina "
           "uppgifter från ditt konto. Du kan fortsätta ändå och skriva in dem själv. Händer "
           "det igen, be IT-supporten kontrollera appens inloggning (felkod {code}).",
        en="Signing in through Teams failed, so Strategikollen could not read your details "
           "from your account. You can carry on and type them in yourself. If it happens "
           "again, ask IT support to check the app's sign-in (error code {code}).",
    ),
    # Teams sends no name for a team's general channel (its id is the team's id); the client
    # calls it "Allmänt" in Swedish and "General" in English (bot/ib/service.py)
    "ib.general_channel": Text(sv="Allmänt", en="General"),
    # the International Committee (IB): what the bot says about cases (bot/ib/service.py)
    "ib.registered": Text(
        sv="Klart! Kanalen {name} är nu registrerad som IB-kanal. Ärenden som skickas till "
           "Internationella beredningen publiceras här.",
        en="Done! The channel {name} is now registered as the IB channel. Cases sent to the "
           "International Committee will be posted here.",
    ),
    "ib.register_refused": Text(
        sv="Tyvärr kan bara en administratör av Strategikollen registrera IB-kanalen. Kontakta "
           "stadsledningskontoret om kanalen behöver registreras.",
        en="Sorry, only a Strategikollen administrator can register the IB channel. Please "
           "contact the City Executive Office if the channel needs to be registered.",
    ),
    "ib.register_not_channel": Text(
        sv="IB-kanalen registreras i en kanal: lägg till appen i Internationella beredningens "
           "team och skriv ”registrera IB-kanal” i den kanal där ärendena ska publiceras.",
        en="The IB channel is registered in a channel: add the app to the International "
           "Committee's team and write “register IB channel” in the channel where the cases "
           "should be posted.",
    ),
    "ib.no_channel": Text(
        sv="Ärendet kunde inte skickas eftersom ingen IB-kanal är registrerad ännu. Din bedömning "
           "finns kvar – försök igen senare eller kontakta stadsledningskontoret.",
        en="The case could not be sent because no IB channel has been registered yet. Your "
           "assessment is kept – please try again later or contact the City Executive Office.",
    ),
    "ib.not_member": Text(
        sv="Bara ledamöter i Internationella beredningen kan hantera ärenden. Du kan se "
           "ärendets status men inte ändra den.",
        en="Only members of the International Committee can act on cases. You can see the "
           "status of the case but not change it.",
    ),
    "ib.invalid_transition": Text(
        sv="Ärendet har status ”{status}” och kan inte ändras på det sättet. Kortet visar nu "
           "hur ärendet står.",
        en="The case has the status “{status}” and cannot be changed that way. The card now "
           "shows where the case stands.",
    ),
    "ib.already_sent": Text(
        sv="Den här bedömningen är redan skickad till IB som ärende {id}.",
        en="This assessment has already been sent to IB as case {id}.",
    ),
    "ib.version_refused": Text(
        sv="Ärende {id} har status ”{status}” och kan inte ta emot en ny version. Kontakta "
           "Internationella beredningen om ärendet behöver tas upp igen.",
        en="Case {id} has the status “{status}” and cannot take a new version. Please contact "
           "the International Committee if the case needs to be taken up again.",
    ),
    "ib.agenda_elsewhere": Text(
        sv="Dagordningen visas i IB-kanalen. Skriv ”dagordning” där.",
        en="The agenda is shown in the IB channel. Write “agenda” there.",
    ),
    "ib.case_not_found": Text(
        sv="Jag hittar inget ärende {id}.",
        en="I cannot find a case {id}.",
    ),
    "ib.done": Text(
        sv="Klart: ärende {id} har nu status ”{status}”.",
        en="Done: case {id} now has the status “{status}”.",
    ),
    # the submitter withdraws a case ("Återkalla", bot/ib/service.py)
    "ib.withdrawn": Text(
        sv="Ärende {id} är återkallat. IB ser det i kanalen.",
        en="Case {id} has been withdrawn. IB sees it in the channel.",
    ),
    "ib.withdraw_not_submitter": Text(
        sv="Bara den som skickade ett ärende kan återkalla det.",
        en="Only the person who sent a case can withdraw it.",
    ),
    "ib.withdraw_already": Text(
        sv="Ärende {id} är redan återkallat. Inget har ändrats.",
        en="Case {id} has already been withdrawn. Nothing has changed.",
    ),
    "ib.withdraw_too_late": Text(
        sv="Ärende {id} har status ”{status}”: IB har redan tagit upp det, så det kan inte "
           "återkallas här. Kontakta Internationella beredningen om det ska dras tillbaka.",
        en="Case {id} has the status “{status}”: IB has already taken it up, so it cannot be "
           "withdrawn here. Please contact the International Committee to have it withdrawn.",
    ),
    # IB's export of the register, as a file in the member's OneDrive (bot/ib/service.py)
    "ib.export_refused": Text(
        sv="Bara ledamöter i Internationella beredningen kan exportera ärenderegistret.",
        en="Only members of the International Committee can export the case register.",
    ),
    "ib.export_sent": Text(
        sv="Exporten väntar i din personliga chatt med Strategikollen. Godkänn filen där så "
           "sparas den i din OneDrive.",
        en="The export is waiting in your personal chat with Strategikollen. Accept the file "
           "there and it is saved to your OneDrive.",
    ),
    "ib.export_unreachable": Text(
        sv="Jag kan inte nå din personliga chatt med Strategikollen. Öppna appen i en chatt "
           "och försök sedan igen.",
        en="I cannot reach your personal chat with Strategikollen. Open the app in a chat, "
           "then try again.",
    ),
    "ib.export_unavailable": Text(
        sv="Exporten är inte tillgänglig i den här installationen av Strategikollen.",
        en="The export is not available in this installation of Strategikollen.",
    ),
    "ib.export_description": Plural(
        sv={"one": "Strategikollens ärenderegister den {day}: {n} ärende, som CSV för Excel.",
            "other": "Strategikollens ärenderegister den {day}: {n} ärenden, som CSV för Excel."},
        en={"one": "Strategikollen's case register on {day}: {n} case, as CSV for Excel.",
            "other": "Strategikollen's case register on {day}: {n} cases, as CSV for Excel."},
    ),
    "ib.export_declined": Text(sv="Okej, ingen fil sparades.", en="OK, no file was saved."),
    "ib.export_failed": Text(
        sv="Filen kunde inte sparas i din OneDrive. Försök igen med Exportera registret i "
           "IB-kanalen.",
        en="The file could not be saved to your OneDrive. Please try again with Export the "
           "register in the IB channel.",
    ),
    # the failed deliveries and "Försök igen" (bot/ib/service.py)
    "ib.failed_refused": Text(
        sv="Bara Strategikollens administratörer och IB:s sekretariat kan se och skicka om "
           "misslyckade utskick.",
        en="Only Strategikollen's administrators and IB's secretariat can see and resend "
           "failed deliveries.",
    ),
    "ib.failed_elsewhere": Text(
        sv="Misslyckade utskick visas i IB-kanalen eller i din personliga chatt med "
           "Strategikollen.",
        en="Failed deliveries are shown in the IB channel or in your personal chat with "
           "Strategikollen.",
    ),
    "ib.retried": Text(sv="Köat igen: nr {ids}.", en="Queued again: no. {ids}."),
    "ib.retry_nothing": Text(
        sv="Inget av utskicken är misslyckat längre (redan skickat eller köat igen). Listan "
           "visar hur det står nu.",
        en="None of these deliveries has failed any longer (already sent or queued again). "
           "The list shows where they stand now.",
    ),
}


def t(key: str, lang: Lang, /, **fields: object) -> str:
    """The text ``key`` in ``lang``, with ``fields`` filled in (a ``Plural`` in the form its
    count takes)."""
    text = TEXTS[key]
    return text.format(lang, **fields) if fields or isinstance(text, Plural) else text[lang]
