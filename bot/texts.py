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
}


def t(key: str, lang: Lang, /, **fields: object) -> str:
    """The text ``key`` in ``lang``, with ``fields`` filled in (a ``Plural`` in the form its
    count takes)."""
    text = TEXTS[key]
    return text.format(lang, **fields) if fields or isinstance(text, Plural) else text[lang]
