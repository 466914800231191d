"""What the overview tab's server side says to a person: its errors, the export's column
headers and the summary's group names, in Swedish and English (``t(key, lang, **fields)``).
The page's own texts are the page's (``bot/overview/static/``).
"""

from __future__ import annotations

from collections.abc import Mapping

from policy import Lang, Plural, Text

__all__ = ["TEXTS", "t"]

TEXTS: Mapping[str, Text] = {
    # 401: no token, or one that does not hold (bot/overview/auth.py, routes.py)
    "tab.error.no_token": Text(
        sv="Inloggning saknas. Öppna fliken i Teams igen så att Teams kan logga in dig.",
        en="You are not signed in. Open the tab in Teams again so that Teams can sign you in.",
    ),
    "tab.error.bad_token": Text(
        sv="Inloggningen kunde inte godkännas ({reason}). Öppna fliken i Teams igen.",
        en="Your sign-in could not be accepted ({reason}). Open the tab in Teams again.",
    ),
    "tab.error.not_configured": Text(
        sv="Fliken är inte konfigurerad för inloggning (STRATEGIKOLLEN_TAB_AUDIENCE saknas). "
           "Kontakta den som driftar Strategikollen.",
        en="The tab is not configured for sign-in (STRATEGIKOLLEN_TAB_AUDIENCE is not set). "
           "Please contact whoever runs Strategikollen.",
    ),
    "tab.error.no_dev_user": Text(
        sv="Utvecklingsläge utan inloggning: ange testanvändaren i "
           "STRATEGIKOLLEN_DEV_TAB_USER (ett objekt-id).",
        en="Dev mode without sign-in: name the test user in STRATEGIKOLLEN_DEV_TAB_USER "
           "(an object id).",
    ),
    "tab.error.keys_unavailable": Text(
        sv="Inloggningen kunde inte kontrolleras just nu (Microsofts nycklar gick inte att "
           "hämta). Försök igen om en stund.",
        en="Your sign-in could not be checked right now (Microsoft's keys could not be "
           "fetched). Please try again in a moment.",
    ),
    "tab.error.roster_unavailable": Text(
        sv="Medlemslistan för Internationella beredningen gick inte att läsa just nu. "
           "Försök igen om en stund.",
        en="The International Committee's member list could not be read right now. "
           "Please try again in a moment.",
    ),
    # the reasons a token is refused (in "bad_token")
    "tab.token.malformed": Text(sv="token har fel format", en="the token is malformed"),
    "tab.token.signature": Text(sv="signaturen stämmer inte", en="the signature does not match"),
    "tab.token.audience": Text(sv="token är utfärdad för en annan app",
                               en="the token was issued for another app"),
    "tab.token.issuer": Text(sv="okänd utfärdare", en="unknown issuer"),
    "tab.token.tenant": Text(sv="organisationen har inte tillgång",
                             en="the organisation has no access"),
    "tab.token.expired": Text(sv="inloggningen har gått ut", en="the sign-in has expired"),
    "tab.token.not_yet": Text(sv="token gäller inte ännu", en="the token is not valid yet"),
    "tab.token.no_user": Text(sv="token saknar användare", en="the token names no user"),
    "tab.error.internal": Text(
        sv="Något gick fel hos Strategikollen. Försök igen om en stund.",
        en="Something went wrong in Strategikollen. Please try again in a moment.",
    ),
    # 403
    "tab.error.no_right": Text(
        sv="Du har inga ärenden i Strategikollen och är inte med i Internationella beredningen "
           "eller dess sekretariat, så det finns inget att visa. Kontakta IB:s sekretariat på "
           "stadsledningskontoret om du behöver tillgång.",
        en="You have no cases in Strategikollen and are not a member of the International "
           "Committee or its secretariat, so there is nothing to show. Please contact IB's "
           "secretariat at the City Executive Office if you need access.",
    ),
    # 404
    "tab.error.no_case": Text(
        sv="Ärendet {id} finns inte (eller så har du inte tillgång till det).",
        en="There is no case {id} (or you have no access to it)."),
    "tab.error.not_found": Text(sv="Sidan finns inte.", en="There is no such page."),
    # 400: the filters, sort and paging
    "tab.error.bad_value": Text(
        sv="Ogiltigt värde för {name}: {value}. Tillåtna värden: {allowed}.",
        en="Invalid value for {name}: {value}. Allowed values: {allowed}."),
    "tab.error.bad_year": Text(sv="Ogiltigt år: {value}. Ange ett år mellan {low} och {high}.",
                               en="Invalid year: {value}. Give a year between {low} and {high}."),
    "tab.error.bad_number": Text(
        sv="{name} ska vara ett heltal mellan {low} och {high}, inte {value}.",
        en="{name} must be a whole number from {low} to {high}, not {value}."),
    "tab.error.too_long": Plural(
        sv="{name} är för långt: högst {n} tecken.",
        en={"one": "{name} is too long: at most {n} character.",
            "other": "{name} is too long: at most {n} characters."}),
    "tab.error.repeated": Text(sv="{name} får bara anges en gång.",
                               en="{name} may be given only once."),
    # the summary's groups (by_status)
    "tab.group.open": Text(sv="Pågående", en="Open"),
    "tab.group.accepted": Text(sv="Tillstyrkta", en="Accepted"),
    "tab.group.declined": Text(sv="Avböjda", en="Declined"),
    "tab.group.withdrawn": Text(sv="Återkallade", en="Withdrawn"),
    "tab.group.none": Text(sv="(inget angivet)", en="(none given)"),
    # the export's column headers, in the row's order
    "tab.column.id": Text(sv="Ärende", en="Case"),
    "tab.column.title": Text(sv="Rubrik", en="Title"),
    "tab.column.kind": Text(sv="Typ", en="Kind"),
    "tab.column.unit": Text(sv="Förvaltning/bolag", en="Unit"),
    "tab.column.owner": Text(sv="Beslutar", en="Decides"),
    "tab.column.verdict": Text(sv="Bedömning", en="Verdict"),
    "tab.column.priority": Text(sv="Prioritet", en="Priority"),
    "tab.column.status": Text(sv="Status", en="Status"),
    "tab.column.cost": Text(sv="Kostnad (kr)", en="Cost (SEK)"),
    "tab.column.meeting_date": Text(sv="Sammanträde", en="Meeting"),
    "tab.column.review_due": Text(sv="Omprövas senast", en="Review due"),
    "tab.column.submitted_at": Text(sv="Inlämnat", en="Submitted"),
    "tab.sheet": Text(sv="Ärenden", en="Cases"),
}


def t(key: str, lang: Lang, **fields: object) -> str:
    """The text ``key`` in ``lang``, its ``{placeholders}`` filled from ``fields``."""
    text = TEXTS[key]
    return text.format(lang, **fields) if fields or isinstance(text, Plural) else text[lang]
