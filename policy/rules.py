"""The strategy's principles as rules (contract §3), each beside the words it encodes.

Read a rule as: its record (id, section, the strategy's sentence, what it can
conclude), then the few lines that encode exactly that sentence. Clauses of the
strategy deliberately not encoded are listed at the end of this module, each with its
reason (``NOT_ENCODED``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from ._capitals import CAPITALS
from ._cues import find
from ._stems import fold, tokens
from .models import (
    CounterpartType,
    Direction,
    Engagement,
    Financing,
    Kind,
    Lang,
    MembershipBody,
    Outcome,
    Owner,
    Scope,
)
from .rulebook import Context, Message, Reason, Rule, answer_of, applies
from .text import Text

__all__ = ["NOT_ENCODED", "NotEncoded", "is_capital"]

BLOCKER, MISSING, CONDITION, NOTE, SUPPORT = (
    Outcome.BLOCKER, Outcome.MISSING, Outcome.CONDITION, Outcome.NOTE, Outcome.SUPPORT)
ALL_KINDS_BUT_TWINNING = frozenset(k for k in Kind if k is not Kind.TWINNING)


def _fields(names: list[tuple[str, str]]) -> Text:
    """Field names, each as (Swedish, English), listed in each language."""
    return Text(sv=", ".join(n[0] for n in names), en=", ".join(n[1] for n in names))


# ---------------------------------------------------------------------------
# Section 4 — principles
# ---------------------------------------------------------------------------

P1_FOOTNOTE = (
    "Staden hanterar inte frågor som rör Sveriges relation med andra stater inklusive "
    "Sveriges bistånds- och säkerhetspolitik."
)
_P1_TOUCHES = Text(
    sv="Engagemanget berör Sveriges relationer med andra stater eller utrikes-, bistånds- "
    "eller säkerhetspolitik. Staden för ingen egen utrikespolitik.",
    en="The engagement touches Sweden's relations with other states or foreign, aid or "
    "security policy. The city conducts no foreign policy of its own.",
)
_P1_STATE = Text(
    sv="Ange om engagemanget berör Sveriges relationer med andra stater, utrikes-, "
    "bistånds- eller säkerhetspolitik, eller tar ställning mellan stater.",
    en="State whether the engagement touches Sweden's relations with other states, "
    "foreign, aid or security policy, or takes a side between states.",
)
P1 = Rule(
    id="P1",
    section="4",
    quote="En grundläggande princip för stadens internationella arbete är att staden inte för "
    "någon egen utrikespolitik",
    title={"sv": "Ingen egen utrikespolitik", "en": "No foreign policy of the city's own"},
    outcomes=(BLOCKER, MISSING, CONDITION, SUPPORT),
    messages={
        "foreign_policy": Message(BLOCKER, sv=_P1_TOUCHES.sv, en=_P1_TOUCHES.en),
        "foreign_policy_of_an_aid_project": Message(
            BLOCKER,
            sv=_P1_TOUCHES.sv + " Ett projekt av biståndskaraktär som helt finansieras av "
            "annan part är inte i sig utrikespolitik (P7); ändra svaret om det var skälet.",
            en=_P1_TOUCHES.en + " A project of aid character fully financed by another party "
            "is not in itself foreign policy (P7); change the answer if that was the reason.",
        ),
        "unanswered": Message(MISSING, sv=_P1_STATE.sv, en=_P1_STATE.en),
        "unanswered_with_cues": Message(
            MISSING,
            sv=_P1_STATE.sv + " Uppgifter som pekar ditåt: {cues}.",
            en=_P1_STATE.en + " What points that way: {cues}.",
        ),
        "second_look": Message(
            CONDITION,
            sv="Svaret är nej, men {cues}. Stadsledningskontoret bör pröva om engagemanget "
            "har utrikespolitisk karaktär: staden hanterar inte frågor som rör Sveriges "
            "relation med andra stater.",
            en="The answer is no, but {cues}. The City Executive Office should examine "
            "whether the engagement has a foreign-policy character: the city does not handle "
            "matters of Sweden's relations with other states.",
            quote=P1_FOOTNOTE,
        ),
        "none": Message(SUPPORT, sv="Engagemanget har ingen utrikespolitisk karaktär.",
                        en="The engagement has no foreign-policy character."),
    },
    inputs=("foreign_policy",),
    also_quotes=(P1_FOOTNOTE,),
    interpretation="The box is the user's own judgement; a counterpart at national level or "
    "the words of policy/_cues.py FOREIGN_POLICY in the title, description or counterpart "
    "make the rule ask stadsledningskontoret for a second look (contract §7.1).",
)

_WHERE: dict[str, tuple[str, str]] = {
    "title": ("rubriken", "the title"),
    "description": ("beskrivningen", "the description"),
    "counterpart.name": ("motpartens namn", "the counterpart's name"),
    "counterpart.country": ("motpartens land", "the counterpart's country"),
}


def foreign_policy_cues(e: Engagement) -> list[tuple[str, str]]:
    """What in the engagement points at Sweden's relations with other states, each as
    (Swedish, English) text: a national-government counterpart, and the cue words of
    ``policy._cues.FOREIGN_POLICY`` with where they stand."""
    cp = e.counterpart
    if cp is None:
        return list(_cues_in(False, e.title, e.description, None, None))
    return list(_cues_in(cp.type is CounterpartType.NATIONAL_GOVERNMENT, e.title,
                         e.description, cp.name, cp.country))


# Screenings repeat the same texts (a wizard screens after every answer), so the cues of
# one set of texts are read once.
@lru_cache(maxsize=4096)
def _cues_in(national: bool, title: str, description: str | None, name: str | None,
             country: str | None) -> tuple[tuple[str, str], ...]:
    seen: list[tuple[str, str]] = []
    if national:
        seen.append(("motparten är en nationell regering", "the counterpart is a national "
                     "government"))
    texts = {
        "title": title,
        "description": description,
        "counterpart.name": name,
        "counterpart.country": country,
    }
    for where, text in texts.items():
        if not text:
            continue
        for hit in find("foreign_policy", text):
            sv, en = _WHERE[where]
            seen.append((f"”{hit.words}” i {sv}", f"“{hit.words}” in {en}"))
    return tuple(seen)


@applies(P1)
def no_foreign_policy(e: Engagement, ctx: Context) -> list[Reason]:
    answer = answer_of(e.foreign_policy)
    if answer == "yes":
        if e.kind is Kind.AID_PROJECT:
            return [P1.says("foreign_policy_of_an_aid_project")]
        return [P1.says("foreign_policy")]
    cues = foreign_policy_cues(e)
    if not cues:
        return [P1.says("unanswered" if answer == "unknown" else "none")]
    seen = Text(sv="; ".join(c[0] for c in cues), en="; ".join(c[1] for c in cues))
    return [P1.says("unanswered_with_cues" if answer == "unknown" else "second_look",
                    cues=seen)]


P2 = Rule(
    id="P2",
    section="4",
    quote="Staden har dock inga utpekade vänorter och tecknar inte vänortsavtal.",
    title={"sv": "Inga vänortsavtal", "en": "No twinning agreements"},
    outcomes=(BLOCKER,),
    messages={
        "blocked": Message(
            BLOCKER,
            sv="Staden har inga utpekade vänorter och tecknar inte vänortsavtal. Ett "
            "tidsbegränsat samarbetsavtal om ett konkret utbyte kan vara ett alternativ.",
            en="The city has no designated twin cities and signs no twinning agreements. A "
            "time-limited cooperation agreement on a concrete exchange may be an alternative.",
        ),
    },
    kinds=frozenset({Kind.TWINNING}),
)


@applies(P2)
def no_twinning(e: Engagement, ctx: Context) -> list[Reason]:
    return [P2.says("blocked")]


P3 = Rule(
    id="P3",
    section="4",
    quote="Om ett samarbetsavtal ingås ska det avse ett konkret utbyte inom ett specifikt "
    "tematiskt område med tydlig ömsesidig nytta för deltagande parter samt ha ett start- och "
    "slutdatum.",
    title={"sv": "Samarbetsavtal: konkret, tematiskt, ömsesidigt, tidsbegränsat",
           "en": "Cooperation agreements: concrete, thematic, mutual, time-limited"},
    outcomes=(BLOCKER, MISSING),
    messages={
        "no_concrete_exchange": Message(
            BLOCKER,
            sv="Avtalet avser inte ett konkret utbyte; ett samarbetsavtal får inte vara en "
            "allmän vänskapsförbindelse.",
            en="The agreement is not about a concrete exchange; a cooperation agreement may "
            "not be a general friendship.",
        ),
        "no_mutual_benefit": Message(
            BLOCKER,
            sv="Avtalet saknar tydlig ömsesidig nytta för parterna.",
            en="The agreement has no clear mutual benefit for the parties.",
        ),
        "missing": Message(
            MISSING,
            sv="Uppgifter saknas om samarbetsavtalet: {fields}.",
            en="Information missing about the cooperation agreement: {fields}.",
        ),
    },
    inputs=("concrete_exchange", "thematic_area", "mutual_benefit", "start_date", "end_date"),
    kinds=frozenset({Kind.COOPERATION_AGREEMENT}),
)


@applies(P3)
def cooperation_agreement_terms(e: Engagement, ctx: Context) -> list[Reason]:
    reasons: list[Reason] = []
    if e.concrete_exchange is False:
        reasons.append(P3.says("no_concrete_exchange"))
    if e.mutual_benefit is False:
        reasons.append(P3.says("no_mutual_benefit"))
    absent = [
        names
        for names, value in (
            (("konkret utbyte", "concrete exchange"), e.concrete_exchange),
            (("specifikt tematiskt område", "specific thematic area"), e.thematic_area or None),
            (("ömsesidig nytta", "mutual benefit"), e.mutual_benefit),
            (("startdatum", "start date"), e.start_date),
            (("slutdatum", "end date"), e.end_date),
        )
        if value is None
    ]
    if absent:
        reasons.append(_p3_missing(tuple(absent)))
    return reasons


# Few combinations of missing answers occur, so each one's reason is made once.
@cache
def _p3_missing(names: tuple[tuple[str, str], ...]) -> Reason:
    return P3.says("missing", fields=_fields(list(names)))


P4 = Rule(
    id="P4",
    section="4",
    quote="Staden kan teckna intentionsavtal med internationella organisationer och nätverk "
    "eller inom ramen för internationella initiativ staden väljer att delta i.",
    title={"sv": "Intentionsavtal bara med organisationer, nätverk eller inom initiativ",
           "en": "Intent agreements only with organisations, networks or within initiatives"},
    outcomes=(BLOCKER, MISSING, SUPPORT),
    messages={
        "with_a_partner": Message(
            SUPPORT,
            sv="Intentionsavtalet tecknas med en internationell organisation eller ett "
            "nätverk.",
            en="The intent agreement is made with an international organisation or network.",
        ),
        "within_an_initiative": Message(
            SUPPORT,
            sv="Intentionsavtalet tecknas inom ett internationellt initiativ som staden "
            "deltar i.",
            en="The intent agreement is made within an international initiative the city is "
            "part of.",
        ),
        "unanswered": Message(
            MISSING,
            sv="Ange vilken typ av motpart avtalet tecknas med och om det ingås inom ett "
            "internationellt initiativ som staden deltar i.",
            en="State what type of counterpart the agreement is made with and whether it is "
            "made within an international initiative the city takes part in.",
        ),
        "blocked": Message(
            BLOCKER,
            sv="Intentionsavtal tecknas bara med internationella organisationer och nätverk "
            "eller inom internationella initiativ. Med en annan stad krävs ett samarbetsavtal "
            "om ett konkret utbyte (P3).",
            en="Intent agreements are made only with international organisations and "
            "networks or within international initiatives. With another city a cooperation "
            "agreement on a concrete exchange is needed (P3).",
        ),
    },
    inputs=("counterpart.type", "within_initiative"),
    kinds=frozenset({Kind.INTENT_AGREEMENT}),
)


# An EU institution is an international organisation for P4 (contract §7.3).
P4_PARTNERS = frozenset({CounterpartType.INTERNATIONAL_ORGANISATION, CounterpartType.NETWORK,
                         CounterpartType.EU_INSTITUTION})


@applies(P4)
def intent_agreement_partner(e: Engagement, ctx: Context) -> list[Reason]:
    ctype = e.counterpart.type if e.counterpart else None
    if ctype in P4_PARTNERS:
        return [P4.says("with_a_partner")]
    if e.within_initiative is True:
        return [P4.says("within_an_initiative")]
    if ctype is None or e.within_initiative is None:
        return [P4.says("unanswered")]
    return [P4.says("blocked")]


# The strategy's own words for the review, which the condition and every help text use.
P5_SHOULD = {
    "sv": "bör omprövas regelbundet (exempelvis vart fjärde år)",
    "en": "should be reviewed regularly (for example every fourth year)",
}
P5_EXAMPLE_YEARS = 4

P5 = Rule(
    id="P5",
    section="4",
    quote="För att säkerställa relevans och mervärde bör sådana avtal, liksom medlemskap i "
    "internationella organisationer och nätverk, omprövas regelbundet (exempelvis vart fjärde "
    "år).",
    title={"sv": "Regelbunden omprövning", "en": "Regular review"},
    outcomes=(CONDITION, NOTE, SUPPORT),
    messages={
        "unplanned": Message(
            CONDITION,
            sv=f"Medlemskap och intentionsavtal {P5_SHOULD['sv']} för att säkerställa "
            "relevans och mervärde; ange när det ska omprövas.",
            en=f"Memberships and intent agreements {P5_SHOULD['en']} to ensure relevance "
            "and added value; state when it will be reviewed.",
        ),
        "regular": Message(
            SUPPORT,
            sv="Omprövning planeras vart {years}:e år.",
            en="A review is planned every {years} year(s).",
        ),
        "less_often": Message(
            NOTE,
            sv="Omprövning planeras vart {years}:e år; strategin nämner vart fjärde år som "
            "exempel på en regelbunden omprövning.",
            en="A review is planned every {years} years; the strategy gives every fourth "
            "year as an example of a regular review.",
        ),
    },
    inputs=("review_years",),
    kinds=frozenset({Kind.MEMBERSHIP, Kind.INTENT_AGREEMENT}),
    interpretation="The strategy gives every fourth year as an example of a regular review; "
    "the rule reads a review planned at most every fourth year as regular, and one planned "
    "less often as a note, not a condition.",
)


@applies(P5)
def regular_review(e: Engagement, ctx: Context) -> list[Reason]:
    if e.review_years is None:
        return [P5.says("unplanned")]
    if e.review_years <= P5_EXAMPLE_YEARS:
        return [P5.says("regular", years=e.review_years)]
    return [P5.says("less_often", years=e.review_years)]


P6 = Rule(
    id="P6",
    section="4",
    quote="Staden kan skriva inbjudningsbrev till gästande delegationer om det är ett särskilt "
    "prioriterat besök för verksamheten och som också har stöd i internationella strategin.",
    title={"sv": "Inbjudningsbrev bara för särskilt prioriterade besök",
           "en": "Invitation letters only for specially prioritised visits"},
    outcomes=(BLOCKER, MISSING, SUPPORT),
    messages={
        "yes": Message(SUPPORT, sv="Besöket är särskilt prioriterat för verksamheten.",
                       en="The visit is specially prioritised for the operation."),
        "no": Message(
            BLOCKER,
            sv="Inbjudningsbrev skrivs bara för besök som är särskilt prioriterade för "
            "verksamheten.",
            en="Invitation letters are written only for visits specially prioritised for the "
            "operation.",
        ),
        "unknown": Message(
            MISSING, sv="Ange om besöket är särskilt prioriterat för verksamheten.",
            en="State whether the visit is specially prioritised for the operation."),
    },
    inputs=("prioritised_visit",),
    kinds=frozenset({Kind.INVITATION_LETTER}),
)


@applies(P6)
def invitation_letter(e: Engagement, ctx: Context) -> list[Reason]:
    return [P6.says(answer_of(e.prioritised_visit))]


P7 = Rule(
    id="P7",
    section="4",
    quote="Staden kan engagera sig i projekt av biståndskaraktär då hela finansieringen "
    "uppbärs av annan part, till exempel Sida.",
    title={"sv": "Bistånd bara med full extern finansiering",
           "en": "Aid projects only when fully financed by others"},
    outcomes=(BLOCKER, MISSING, SUPPORT),
    messages={
        "external_but_the_city_pays": Message(
            MISSING,
            sv="Finansieringen anges som helt extern, men kostnaden för staden är inte noll. "
            "Ange vilken del staden betalar; i projekt av biståndskaraktär ska hela "
            "finansieringen bäras av annan part.",
            en="The financing is stated as fully external, but the cost to the city is not "
            "zero. State which part the city pays; in aid projects the whole financing must "
            "be borne by another party.",
        ),
        "fully_external": Message(SUPPORT, sv="Hela finansieringen bärs av annan part.",
                                  en="The whole financing is borne by another party."),
        "unanswered": Message(MISSING, sv="Ange hur projektet finansieras.",
                              en="State how the project is financed."),
        "eu_grant_of_unknown_cover": Message(
            MISSING,
            sv="Ange om EU-bidraget täcker hela kostnaden; staden får inte stå för någon del.",
            en="State whether the EU grant covers the whole cost; the city may not pay any "
            "part.",
        ),
        "blocked": Message(
            BLOCKER,
            sv="I projekt av biståndskaraktär får staden inte stå för någon del av "
            "finansieringen; hela finansieringen ska bäras av annan part, till exempel Sida.",
            en="In aid projects the city may not pay any part; the whole financing must be "
            "borne by another party, for example Sida.",
        ),
    },
    inputs=("financing", "funder", "cost_sek"),
    kinds=frozenset({Kind.AID_PROJECT}),
)


@applies(P7)
def aid_fully_financed(e: Engagement, ctx: Context) -> list[Reason]:
    city_pays = e.cost_sek is not None and e.cost_sek > 0
    if e.financing is Financing.EXTERNAL_FULL and city_pays:
        return [P7.says("external_but_the_city_pays")]
    if e.financing is Financing.EXTERNAL_FULL or (
        e.financing is Financing.EU_GRANT and e.cost_sek == 0
    ):
        return [P7.says("fully_external")]
    if e.financing is None:
        return [P7.says("unanswered")]
    if e.financing is Financing.EU_GRANT and e.cost_sek is None:
        return [P7.says("eu_grant_of_unknown_cover")]
    return [P7.says("blocked")]


P8 = Rule(
    id="P8",
    section="4",
    quote="Staden har en särskild gemenskap med andra huvudstäder och särskilt de nordiska "
    "huvudstäderna.",
    title={"sv": "Gemenskap med huvudstäder", "en": "Community with capitals"},
    outcomes=(SUPPORT,),
    messages={
        "a_capital": Message(
            SUPPORT,
            sv="Motparten är en huvudstad; staden har en särskild gemenskap med andra "
            "huvudstäder, särskilt de nordiska.",
            en="The counterpart is a capital; the city has a special community with other "
            "capitals, especially the Nordic ones.",
        ),
    },
    inputs=("counterpart.name", "counterpart.type", "counterpart.country"),
)

# Words around a city's name that name the city itself: "Köpenhamns kommun", "City of
# Oslo", "Helsingin kaupunki" are the capital; "Copenhagen Business School" is not.
_CITY_WORDS = frozenset({
    "stad", "staden", "kommun", "kommune", "kommunen", "city", "of", "the", "council",
    "government", "municipality", "kaupunki", "stadt", "ville", "de", "comune", "di",
    "gemeente", "ayuntamiento", "mairie", "hall", "metropolitan", "municipal", "capital",
    "region", "huvudstad", "huvudstaden", "administration", "town", "kunta", "borgmästare",
    "mayor", "office", "stadshus", "cityhall",
})


def _norm(name: str) -> str:
    return " ".join(fold(w) for w in tokens(name, 500))


def _name_forms(name: str) -> set[str]:
    """The whole normalised name, and the name without the words that name a city
    around it ("Köpenhamns kommun" → "kopenhamns", "kopenhamn")."""
    words = [fold(w) for w in tokens(name, 500)]
    core = [w for w in words if w not in _CITY_WORDS]
    forms = {" ".join(words)}
    if core and len(core) < len(words):
        joined = " ".join(core)
        forms |= {joined, joined[:-1] if joined.endswith("s") else joined}
    return forms


_CAPITAL_OF: dict[str, frozenset[str]] = {}
for _countries, _capitals in CAPITALS:
    for _capital in _capitals:
        _CAPITAL_OF[_norm(_capital)] = _CAPITAL_OF.get(_norm(_capital), frozenset()) | {
            _norm(c) for c in _countries
        }


def is_capital(e: Engagement) -> bool:
    """The counterpart is another country's capital: its whole name (less the words that
    name a city, such as "kommun" or "City of") is a capital in ``policy._capitals``, and
    its country is that capital's country, or, with no country given, its type is
    ``capital_city``. Never by a part of the name (contract §7.9)."""
    cp = e.counterpart
    if cp is None or not cp.name:
        return False
    return _is_capital(cp.name, cp.country, cp.type)


# P8 and the priority both ask, and a wizard asks again after every answer.
@lru_cache(maxsize=4096)
def _is_capital(name: str, country: str | None, ctype: CounterpartType | None) -> bool:
    countries = next((_CAPITAL_OF[f] for f in _name_forms(name) if f in _CAPITAL_OF), None)
    if countries is None:
        return False
    if country:
        return _norm(country) in countries
    return ctype is CounterpartType.CAPITAL_CITY


@applies(P8)
def capitals(e: Engagement, ctx: Context) -> list[Reason]:
    return [P8.says("a_capital")] if is_capital(e) else []


# ---------------------------------------------------------------------------
# Sections 2 and 3 — goals and directions
# ---------------------------------------------------------------------------

D1 = Rule(
    id="D1",
    section="3",
    quote="Stockholms stads internationella arbete ska inriktas på följande områden: "
    "profilering, omvärldsbevakning, samverkan och påverkan.",
    title={"sv": "Inriktningar", "en": "Directions"},
    outcomes=(MISSING, SUPPORT),
    messages={
        "none": Message(
            MISSING,
            sv="Ange vilka av strategins inriktningar engagemanget tjänar: profilering, "
            "omvärldsbevakning, samverkan eller påverkan.",
            en="State which of the strategy's directions the engagement serves: profiling, "
            "monitoring, cooperation or influence.",
        ),
        "served": Message(SUPPORT, sv="Engagemanget tjänar inriktningarna {directions}.",
                          en="The engagement serves the directions {directions}."),
    },
    inputs=("directions",),
    kinds=ALL_KINDS_BUT_TWINNING,
)

_DIRECTION_NAMES = {
    "profilering": ("profilering", "profiling"),
    "omvarldsbevakning": ("omvärldsbevakning", "monitoring"),
    "samverkan": ("samverkan", "cooperation"),
    "paverkan": ("påverkan", "influence"),
}


@applies(D1)
def directions(e: Engagement, ctx: Context) -> list[Reason]:
    if not e.directions:
        return [D1.says("none")]
    return [_served(tuple(e.directions))]


# Few sets of directions occur, so each one's reason is made once.
@cache
def _served(directions: tuple[Direction, ...]) -> Reason:
    """D1's reason for the directions served, each named once."""
    names = [_DIRECTION_NAMES[d.value] for d in dict.fromkeys(directions)]
    return D1.says("served", directions=_fields(names))


D2 = Rule(
    id="D2",
    section="2",
    quote="Det innebär att det internationella arbetet långsiktigt ska bidra till bättre "
    "välfärd och livskvalitet för stockholmarna",
    title={"sv": "Nytta för stockholmarna", "en": "Benefit for Stockholm's residents"},
    outcomes=(MISSING, SUPPORT),
    messages={
        "unstated": Message(
            MISSING,
            sv="Beskriv den förväntade nyttan för stadens verksamheter och för stockholmarna.",
            en="Describe the expected benefit for the city's operations and residents.",
        ),
        "stated": Message(SUPPORT, sv="Förväntad nytta för verksamheten är angiven.",
                          en="An expected benefit for the operation is stated."),
    },
    inputs=("benefit",),
    kinds=ALL_KINDS_BUT_TWINNING,
    interpretation="Whether an engagement will bring better welfare and quality of life is "
    "not something a screening can judge; the rule asks that the expected benefit be "
    "described, and takes any description as meeting it.",
)


@applies(D2)
def benefit(e: Engagement, ctx: Context) -> list[Reason]:
    return [D2.says("stated" if e.has_benefit else "unstated")]


D3 = Rule(
    id="D3",
    section="3.4",
    quote="De principer som slås fast i EU-policyn ska sedan ligga till grund för stadens "
    "påverkansarbete på EU-nivå samt vid utarbetande av stadens inställning i enskilda "
    "EU-ärenden.",
    title={"sv": "EU-policyn som grund", "en": "The EU policy as the basis"},
    outcomes=(NOTE,),
    messages={
        "eu_matter": Message(
            NOTE,
            sv="Principerna i stadens EU-policy ska ligga till grund för stadens inställning "
            "i EU-ärendet; stäm av ställningstagandet mot dem.",
            en="The principles of the city's EU policy must be the basis of the city's "
            "position on the EU matter; check the position against them.",
        ),
    },
    kinds=frozenset({Kind.POSITION}),
)


@applies(D3)
def eu_policy_basis(e: Engagement, ctx: Context) -> list[Reason]:
    return [D3.says("eu_matter")] if concerns_the_eu(e) else []


# ---------------------------------------------------------------------------
# Section 3.3 — cooperation
# ---------------------------------------------------------------------------

S1 = Rule(
    id="S1",
    section="3.3",
    quote="Möjligheten att samverka inom redan etablerade forum ska undersökas innan nya "
    "samarbetsformer initieras.",
    title={"sv": "Etablerade forum först", "en": "Established forums first"},
    outcomes=(MISSING, CONDITION, NOTE),
    messages={
        "forum_exists_for_a_new_form": Message(
            CONDITION,
            sv="Frågan hanteras redan i {forum}. Förklara varför det forumet inte räcker "
            "innan en ny samarbetsform inleds.",
            en="The matter is already handled in {forum}. Explain why that forum is not "
            "enough before starting a new form of cooperation.",
        ),
        "forum_exists": Message(
            NOTE,
            sv="Frågan hanteras redan i {forum}; väg in det när nyttan av deltagandet "
            "bedöms.",
            en="The matter is already handled in {forum}; weigh that when judging the "
            "benefit of taking part.",
        ),
        "not_examined": Message(
            CONDITION,
            sv="Möjligheten att samverka inom redan etablerade forum ska undersökas innan en "
            "ny samarbetsform inleds; undersök den först.",
            en="Cooperating within established forums must be examined before a new form of "
            "cooperation is started; examine it first.",
        ),
        "unanswered": Message(
            MISSING,
            sv="Ange om möjligheten att samverka inom redan etablerade forum har undersökts.",
            en="State whether cooperating within established forums has been examined.",
        ),
    },
    inputs=("existing_forum", "existing_forums_checked"),
    kinds=frozenset({Kind.MEMBERSHIP, Kind.COOPERATION_AGREEMENT, Kind.INTENT_AGREEMENT,
                     Kind.TRIP, Kind.CONFERENCE}),
    # The new forms of cooperation; a trip or conference only weighs an existing forum.
    insists_for=frozenset({Kind.MEMBERSHIP, Kind.COOPERATION_AGREEMENT,
                           Kind.INTENT_AGREEMENT}),
)


@applies(S1)
def established_forums(e: Engagement, ctx: Context) -> list[Reason]:
    new_form = e.kind in S1.insists_for
    if e.has_existing_forum:
        return [_s1_forum(new_form, e.existing_forum)]
    if new_form and e.existing_forums_checked is False:
        return [S1.says("not_examined")]
    if new_form and e.existing_forums_checked is None:
        return [S1.says("unanswered")]
    return []


# A wizard screens again after every answer, with the same forum.
@lru_cache(maxsize=4096)
def _s1_forum(new_form: bool, forum: str | None) -> Reason:
    return S1.says("forum_exists_for_a_new_form" if new_form else "forum_exists", forum=forum)


S2 = Rule(
    id="S2",
    section="3.3",
    quote="I de internationella organisationer och nätverk som staden väljer att engagera sig "
    "i ska staden göra aktiva insatser och vara strategiskt inriktad.",
    title={"sv": "Aktiva insatser", "en": "Active contribution"},
    outcomes=(CONDITION, SUPPORT),
    messages={
        "active": Message(SUPPORT, sv="Staden bidrar aktivt i organisationen eller nätverket.",
                          en="The city contributes actively in the organisation or network."),
        "not_shown_active": Message(
            CONDITION,
            sv="Staden ska göra aktiva insatser i de organisationer och nätverk den går med "
            "i; beskriv stadens aktiva roll.",
            en="The city must contribute actively in the organisations and networks it "
            "joins; describe the city's active role.",
        ),
    },
    inputs=("active_role",),
    kinds=frozenset({Kind.MEMBERSHIP}),
)


@applies(S2)
def active_membership(e: Engagement, ctx: Context) -> list[Reason]:
    return [S2.says("active" if e.active_role is True else "not_shown_active")]


S3 = Rule(
    id="S3",
    section="3.3",
    quote="När stadens verksamheter deltar i eller driver EU-projekt ska det finns en tydlig "
    "koppling till den planerade verksamhetsutvecklingen.",
    title={"sv": "EU-projekt kopplade till verksamhetsutvecklingen",
           "en": "EU projects linked to planned development"},
    outcomes=(BLOCKER, MISSING, SUPPORT),
    messages={
        "yes": Message(
            SUPPORT, sv="Projektet har en tydlig koppling till planerad verksamhetsutveckling.",
            en="The project is clearly linked to the operation's planned development."),
        "no": Message(
            BLOCKER,
            sv="EU-projekt ska ha en tydlig koppling till den planerade "
            "verksamhetsutvecklingen.",
            en="EU projects must be clearly linked to the operation's planned development.",
        ),
        "unknown": Message(
            MISSING, sv="Ange hur projektet kopplar till den planerade verksamhetsutvecklingen.",
            en="State how the project links to the operation's planned development."),
    },
    inputs=("linked_to_operational_plan",),
    kinds=frozenset({Kind.EU_PROJECT}),
)


@applies(S3)
def eu_project_link(e: Engagement, ctx: Context) -> list[Reason]:
    return [S3.says(answer_of(e.linked_to_operational_plan))]


S4 = Rule(
    id="S4",
    section="3.3",
    quote="Internationella besök till staden, inklusive representationsverksamheten, ska "
    "användas för och prioriteras utifrån ömsesidigt lärande och erfarenhetsutbyte",
    title={"sv": "Besök för ömsesidigt lärande", "en": "Visits for mutual learning"},
    outcomes=(NOTE, SUPPORT),
    messages={
        "yes": Message(SUPPORT, sv="Besöket bygger på ömsesidigt lärande och erfarenhetsutbyte.",
                       en="The visit rests on mutual learning and exchange of experience."),
        "no": Message(
            NOTE, sv="Besöket ger inget tydligt ömsesidigt lärande; prioritera det därefter.",
            en="The visit offers no clear mutual learning; prioritise it accordingly."),
    },
    inputs=("mutual_benefit",),
    kinds=frozenset({Kind.INCOMING_VISIT}),
)


@applies(S4)
def visit_mutual_learning(e: Engagement, ctx: Context) -> list[Reason]:
    answer = answer_of(e.mutual_benefit)
    return [] if answer == "unknown" else [S4.says(answer)]


S5 = Rule(
    id="S5",
    section="3.3",
    quote="Staden ska strategiskt använda de möjligheter som erbjuds att delta i olika typer "
    "av samverkansprojekt som finansieras av EU:s fonder och program.",
    title={"sv": "EU:s fonder och program", "en": "EU funds and programmes"},
    outcomes=(SUPPORT,),
    messages={
        "uses_eu_funds": Message(
            SUPPORT,
            sv="Projektet använder EU:s fonder och program, som staden strategiskt ska "
            "använda.",
            en="The project uses EU funds and programmes, which the city is to use "
            "strategically.",
        ),
    },
    kinds=frozenset({Kind.EU_PROJECT}),
)


@applies(S5)
def eu_funds(e: Engagement, ctx: Context) -> list[Reason]:
    return [S5.says("uses_eu_funds")]


S6 = Rule(
    id="S6",
    section="3.3",
    quote="Därtill ska besöken användas till att stärka Stockholmsbilden internationellt.",
    title={"sv": "Besök stärker Stockholmsbilden", "en": "Visits strengthen Stockholm's image"},
    outcomes=(NOTE, SUPPORT),
    messages={
        "profiling": Message(
            SUPPORT, sv="Besöket används till att stärka Stockholmsbilden internationellt.",
            en="The visit is used to strengthen Stockholm's image abroad."),
        "no_profiling": Message(
            NOTE,
            sv="Besök ska också användas till att stärka Stockholmsbilden internationellt; "
            "överväg hur besöket kan göra det (profilering).",
            en="Visits are also to strengthen Stockholm's image abroad; consider how this "
            "visit can (profiling).",
        ),
    },
    inputs=("directions",),
    kinds=frozenset({Kind.INCOMING_VISIT}),
)


@applies(S6)
def visit_stockholm_image(e: Engagement, ctx: Context) -> list[Reason]:
    if not e.directions:
        return []  # D1 asks for the directions
    return [S6.says("profiling" if Direction.PROFILERING in e.directions else "no_profiling")]


# ---------------------------------------------------------------------------
# Section 5 — ways of working and responsibilities
# ---------------------------------------------------------------------------

W1 = Rule(
    id="W1",
    section="5",
    quote="Det internationella arbetet ska utgöra en integrerad del av respektive nämnds och "
    "bolagsstyrelses verksamhet och ska därmed rymmas inom given ekonomisk ram.",
    title={"sv": "Inom given ekonomisk ram", "en": "Within the given budget"},
    outcomes=(MISSING, CONDITION),
    messages={
        "cost_unanswered": Message(MISSING, sv="Ange den totala kostnaden för staden.",
                                   en="State the total cost to the city."),
        "budget_unanswered": Message(
            MISSING, sv="Ange om kostnaden ryms inom verksamhetens givna ekonomiska ram.",
            en="State whether the cost fits within the operation's given budget."),
        "over_budget": Message(
            CONDITION,
            sv="Kostnaden ryms inte inom given ekonomisk ram, som det internationella "
            "arbetet enligt strategin ska rymmas inom; finansieringen måste lösas innan "
            "beslut.",
            en="The cost does not fit within the given budget, which the strategy says "
            "international work must fit within; financing must be settled before a "
            "decision.",
        ),
    },
    inputs=("cost_sek", "within_budget"),
    # The kinds whose cost is always asked; for the others an unstated cost is no cost.
    insists_for=frozenset({Kind.TRIP, Kind.CONFERENCE, Kind.MEMBERSHIP}),
)


@applies(W1)
def within_budget(e: Engagement, ctx: Context) -> list[Reason]:
    if e.cost_sek is None:
        return [W1.says("cost_unanswered")] if e.kind in W1.insists_for else []
    if e.cost_sek <= 0:
        return []
    if e.within_budget is None:
        return [W1.says("budget_unanswered")]
    if e.within_budget is False:
        return [W1.says("over_budget")]
    return []


W2 = Rule(
    id="W2",
    section="5",
    quote="Syftet med IB är en enhetlig och långsiktig bedömning av stadens internationella "
    "åtaganden och att synliggöra hur skattemedel används.",
    title={"sv": "Underlag för IB:s bedömning", "en": "What IB needs to assess"},
    outcomes=(MISSING, NOTE),
    messages={
        "no_programme": Message(
            MISSING,
            sv="Det finns inget program att ta ställning till; IB behöver programmet för att "
            "bedöma deltagandet.",
            en="There is no programme to assess; IB needs the programme to assess "
            "participation.",
        ),
        "no_active_role": Message(
            NOTE, sv="Staden erbjuds ingen aktiv roll (talare, panel, värd).",
            en="The city is offered no active role (speaker, panel, host)."),
        "not_transferable": Message(
            NOTE, sv="Inbjudan kan inte överlåtas till en annan företrädare.",
            en="The invitation cannot be passed to another representative."),
    },
    inputs=("programme_available", "active_role", "invitation_transferable"),
    kinds=frozenset({Kind.TRIP, Kind.CONFERENCE}),
    interpretation="The quote gives IB's purpose, a uniform assessment; what IB needs for "
    "it — a programme, whether the city gets an active role, whether the invitation can be "
    "passed on — comes from IB's practice (the Paris case), not from this sentence.",
)


@applies(W2)
def ib_event_basis(e: Engagement, ctx: Context) -> list[Reason]:
    if ctx.owner is not Owner.FINANSBORGARRADET_IB:
        return []
    reasons: list[Reason] = []
    if e.programme_available is not True:
        reasons.append(W2.says("no_programme"))
    if e.active_role is False:
        reasons.append(W2.says("no_active_role"))
    if e.invitation_transferable is False:
        reasons.append(W2.says("not_transferable"))
    return reasons


W3 = Rule(
    id="W3",
    section="5",
    quote="Allt påverkansarbete gentemot EU ska ske i nära samarbete med kommunstyrelsen, samt "
    "vid behov i nära samarbete med koncernstyrelsen för Stadshus AB.",
    title={"sv": "Påverkan mot EU i samarbete med kommunstyrelsen",
           "en": "EU influence work together with the City Executive Board"},
    outcomes=(CONDITION,),
    messages={
        "eu_matter": Message(
            CONDITION,
            sv="Påverkansarbete gentemot EU ska ske i nära samarbete med kommunstyrelsen och "
            "vid behov med koncernstyrelsen för Stadshus AB.",
            en="Influence work towards the EU must be done in close cooperation with the "
            "City Executive Board and, where needed, with the group board of Stockholms "
            "Stadshus AB.",
        ),
    },
    inputs=("counterpart.type",),
    kinds=frozenset({Kind.POSITION}),
    interpretation="A position concerns the EU when its counterpart is an EU institution or "
    "its title or description names the EU (policy/_cues.py EU) (contract §7.6).",
)


def concerns_the_eu(e: Engagement) -> bool:
    """The engagement is an EU matter: an EU institution as counterpart, or the EU named in
    its title, description or counterpart."""
    cp = e.counterpart
    if cp is not None and cp.type is CounterpartType.EU_INSTITUTION:
        return True
    return any(find("eu", text) for text in e.text)


@applies(W3)
def eu_influence_with_ks(e: Engagement, ctx: Context) -> list[Reason]:
    return [W3.says("eu_matter")] if concerns_the_eu(e) else []


W4 = Rule(
    id="W4",
    section="5",
    quote=(
        "medverkan i internationella deklarationer och initiativ som inte medför ökad "
        "resursbörda för staden är delegerat till finansborgarrådet"
    ),
    title={"sv": "Deklarationer med ökad resursbörda",
           "en": "Declarations that add to the resource burden"},
    outcomes=(NOTE,),
    messages={
        "burden": Message(
            NOTE,
            sv="Deklarationen ökar stadens resursbörda; därför beslutar kommunstyrelsen, inte "
            "finansborgarrådet efter IB.",
            en="The declaration adds to the city's resource burden, so the City Executive "
            "Board decides, not the Finance Commissioner after IB.",
        ),
    },
    inputs=("increases_resource_burden",),
    kinds=frozenset({Kind.DECLARATION}),
    explains_route="R-KS-DECL",
)


@applies(W4)
def declaration_burden(e: Engagement, ctx: Context) -> list[Reason]:
    return [W4.says("burden")] if e.increases_resource_burden is True else []


W5 = Rule(
    id="W5",
    section="5",
    quote="De internationella kontaktpersonerna är samordnare för den egna förvaltningens eller "
    "bolagets internationella arbete, inklusive inkommande internationella besök",
    title={"sv": "Internationell kontaktperson samordnar besök",
           "en": "The international contact person coordinates visits"},
    outcomes=(NOTE,),
    messages={
        "contact_person": Message(
            NOTE,
            sv="Verksamhetens internationella kontaktperson samordnar besöket; "
            "kommunstyrelsen koordinerar betydande besök.",
            en="The operation's international contact person coordinates the visit; the City "
            "Executive Board coordinates significant visits.",
        ),
    },
    kinds=frozenset({Kind.INCOMING_VISIT}),
)


@applies(W5)
def visit_contact_person(e: Engagement, ctx: Context) -> list[Reason]:
    return [W5.says("contact_person")]


W6 = Rule(
    id="W6",
    section="5",
    quote="Beslut om deltagande i konferenser och andra evenemang utomlands på uppdrag av "
    "kommunstyrelsen samt medverkan i internationella deklarationer och initiativ som inte "
    "medför ökad resursbörda för staden är delegerat till finansborgarrådet och behandlas av "
    "stadens internationella beredning.",
    title={"sv": "Politiker som reser", "en": "Politicians travelling"},
    outcomes=(CONDITION, NOTE),
    messages={
        "not_on_behalf": Message(
            CONDITION,
            sv="Borgarråd, finansborgarrådet eller kommunfullmäktiges presidium deltar men "
            "deltagandet anges inte vara på uppdrag av kommunstyrelsen. Bekräfta det; annars "
            "beslutar finansborgarrådet efter beredning i IB.",
            en="A borgarråd, the Finance Commissioner or the City Council's presidium takes "
            "part, but not on behalf of the City Executive Board, the answer says. Confirm "
            "it; otherwise the Finance Commissioner decides after IB.",
        ),
        "read_as_on_behalf": Message(
            NOTE,
            sv="Borgarråd, finansborgarrådet eller kommunfullmäktiges presidium deltar; "
            "deltagandet behandlas som på uppdrag av kommunstyrelsen.",
            en="A borgarråd, the Finance Commissioner or the City Council's presidium takes "
            "part; the participation is treated as on behalf of the City Executive Board.",
        ),
    },
    inputs=("participants", "on_behalf_of_ks"),
    kinds=frozenset({Kind.TRIP, Kind.CONFERENCE}),
    interpretation="A borgarråd, the finansborgarråd or KF's presidium represents the city "
    "as a whole, so their participation is read as on behalf of kommunstyrelsen unless the "
    "user says it is not (contract §7.5).",
)


@applies(W6)
def politicians_travelling(e: Engagement, ctx: Context) -> list[Reason]:
    if not e.politicians_represent_the_city:
        return []
    answer = answer_of(e.on_behalf_of_ks)
    if answer == "no":
        return [W6.says("not_on_behalf")]
    if answer == "unknown":
        return [W6.says("read_as_on_behalf")]
    return []


W7 = Rule(
    id="W7",
    section="5",
    quote="Kommunfullmäktige beslutar om nya medlemskap i stadsövergripande internationella "
    "organisationer.",
    title={"sv": "Organisation eller nätverk", "en": "Organisation or network"},
    outcomes=(CONDITION,),
    messages={
        "said_network_is_organisation": Message(
            CONDITION,
            sv="Medlemskapet anges gälla ett nätverk, men motparten är angiven som en "
            "internationell organisation. Bekräfta vilket det är: nya medlemskap i "
            "stadsövergripande organisationer beslutar kommunfullmäktige om.",
            en="The membership is said to be of a network, but the counterpart is given as "
            "an international organisation. Confirm which it is: new memberships of "
            "city-wide organisations are decided by the City Council.",
        ),
        "said_organisation_is_network": Message(
            CONDITION,
            sv="Medlemskapet anges gälla en organisation, men motparten är angiven som ett "
            "nätverk. Bekräfta vilket det är: deltagande i stadsövergripande nätverk "
            "beslutar kommunstyrelsen om.",
            en="The membership is said to be of an organisation, but the counterpart is "
            "given as a network. Confirm which it is: the City Executive Board decides on "
            "city-wide networks.",
        ),
    },
    inputs=("membership_body", "counterpart.type"),
    kinds=frozenset({Kind.MEMBERSHIP}),
    interpretation="Who decides a city-wide membership (KF or KS) turns on the user's own "
    "label; where the counterpart's type says the other, the label is to be confirmed.",
)
_BODY_OF_TYPE = {
    CounterpartType.INTERNATIONAL_ORGANISATION: MembershipBody.ORGANISATION,
    CounterpartType.EU_INSTITUTION: MembershipBody.ORGANISATION,
    CounterpartType.NETWORK: MembershipBody.NETWORK,
}


@applies(W7)
def organisation_or_network(e: Engagement, ctx: Context) -> list[Reason]:
    ctype = e.counterpart.type if e.counterpart else None
    implied = _BODY_OF_TYPE.get(ctype) if ctype else None
    if implied is None or e.membership_body is None or implied is e.membership_body:
        return []
    if e.scope is not Scope.CITY_WIDE:
        return []  # the nämnd or KS decides either way
    if implied is MembershipBody.ORGANISATION:
        return [W7.says("said_network_is_organisation")]
    return [W7.says("said_organisation_is_network")]


# ---------------------------------------------------------------------------
# The rulebook's own validity
# ---------------------------------------------------------------------------

T1 = Rule(
    id="T1",
    section="1",
    quote="För att stadens alla verksamheter ska ha en gemensam plattform för det "
    "internationella arbetet finns en internationell strategi.",
    title={"sv": "Strategin gäller från sitt ikraftträdande",
           "en": "The strategy applies from when it took effect"},
    outcomes=(NOTE,),
    messages={
        "before": Message(
            NOTE,
            sv="Bedömningsdagen {day} ligger före strategins ikraftträdande ({since}); "
            "reglerna tillämpas ändå som vägledning.",
            en="The screening date {day} is before the strategy took effect ({since}); its "
            "rules are applied as guidance all the same.",
        ),
    },
    inputs=("screened_on",),
    interpretation="The quote says why the city has a strategy; that its rules apply from "
    "the day it took effect (policy.rulebook.STRATEGY_IN_FORCE, itself an assumption) is read "
    "from its adoption, not from this sentence.",
)


@applies(T1)
def before_strategy(e: Engagement, ctx: Context) -> list[Reason]:
    if ctx.day >= T1.valid_from:
        return []
    return [T1.says("before", day=ctx.day.isoformat(), since=T1.valid_from.isoformat())]


@dataclass(frozen=True, slots=True)
class NotEncoded:
    """A clause of the strategy that no rule encodes, with why (Catala's "not encoded")."""

    section: str
    quote: str
    why: Mapping[Lang, str]


# Every normative clause of the rule text that no rule above encodes, each with its
# reason; a test proves every quote verbatim. (Encoded since the review of December
# 2026: the EU policy as the basis of positions (D3), EU funds (S5), visits and the
# Stockholm image (S6).)
NOT_ENCODED: tuple[NotEncoded, ...] = (
    NotEncoded(
        "2",
        "I det internationella arbetet visar Stockholms stad även sitt ansvar och engagemang för "
        "en hållbar global utveckling.",
        {"sv": "Beskrivande: vad arbetet visar, inte ett villkor för ett enskilt engagemang.",
         "en": "Descriptive: what the work shows, not a condition on one engagement."},
    ),
    NotEncoded(
        "2",
        "Staden ska också genom sitt internationella arbete förberedas för och utvecklas i en "
        "alltmer internationaliserad värld",
        {"sv": "Ett mål för stadens arbete som helhet; inget enskilt engagemang visar det.",
         "en": "A goal for the city's work as a whole; no property of one engagement shows it."},
    ),
    NotEncoded(
        "3",
        "Dessa fyra inriktningar i strategin hänger samman med varandra och ska inte ses som "
        "separata delar.",
        {"sv": "Ett sätt att läsa inriktningarna. D1 frågar vilka inriktningar engagemanget "
               "tjänar, och prioriteten räknar dem (kontraktet §2: \"directions served\"), vilket "
               "läser dem tillsammans, inte som separata delar.",
         "en": "A way of reading the directions. D1 asks which directions an engagement serves; "
               "the priority counts them (contract §2: \"directions served\"), which reads the "
               "directions together rather than as separate parts."},
    ),
    NotEncoded(
        "3",
        "Inriktningarna ska vara utgångspunkt för tematiska eller geografiska prioriteringar på "
        "stadsövergripande nivå eller på verksamhetsnivå.",
        {"sv": "Prioritering över hela stadens åtaganden, som kommunstyrelsen och verksamheterna "
               "gör, inte granskningen av ett enskilt engagemang.",
         "en": "Prioritisation across the whole portfolio, done by KS and the operations, not by "
               "screening one engagement."},
    ),
    NotEncoded(
        "3.1",
        "I enlighet med Vision 2040 - Ett Stockholm för Alla ska Stockholm vara internationellt "
        "känt för kunskap, mångfald, öppenhet, hållbarhet och hög livskvalitet.",
        {"sv": "En vision; inriktningen profilering (D1) och nyttan (D2) bär den.",
         "en": "A vision; the profiling direction (D1) and the benefit (D2) carry it."},
    ),
    NotEncoded(
        "3.1",
        "Varumärket, Stockholm – The Capital of Scandinavia, stärker Stockholmsregionen på den "
        "internationella arenan och ska användas i all internationell marknadsföring av "
        "Stockholm.",
        {"sv": "Gäller marknadsföringsmaterial, som kontraktet inte beskriver.",
         "en": "About marketing material, which the contract does not describe."},
    ),
    NotEncoded(
        "3.1",
        "Staden ska också verka för att statliga aktörer med ett Sverigefrämjande uppdrag lyfter "
        "fram stadens goda exempel",
        {"sv": "En stående uppgift mot Team Sweden, Business Sweden och ambassaderna, inte en "
               "egenskap hos ett engagemang; en motpart som är en nationell regering får redan P1 "
               "att be om en andra prövning.",
         "en": "A standing task towards Team Sweden, Business Sweden and the embassies, not a "
               "property of one engagement; a national-government counterpart already makes P1 ask "
               "for a second look."},
    ),
    NotEncoded(
        "3.2",
        "Varje verksamhet behöver bevaka, analysera och proaktivt agera utifrån den "
        "omvärldsutveckling som har bäring på den egna verksamheten.",
        {"sv": "En organisatorisk skyldighet för varje verksamhet.",
         "en": "An organisational duty of every operation."},
    ),
    NotEncoded(
        "3.2",
        "För bedömning av vilka städer Stockholm ska jämföra sig och samarbeta med är "
        "omvärldsbevakning central.",
        {"sv": "Beskrivande; inriktningen omvärldsbevakning (D1) efterfrågas.",
         "en": "Descriptive; the monitoring direction (D1) is asked."},
    ),
    NotEncoded(
        "3.3",
        "Dessa samarbetsformer ska också i möjligaste mån genomsyra stadens internationella "
        "samarbeten.",
        {"sv": "Trippel helix \"i möjligaste mån\": en ambition utan utfall som kontraktets fält "
               "kan visa.",
         "en": "Triple-helix cooperation \"i möjligaste mån\": an aspiration with no outcome the "
               "contract's fields could show."},
    ),
    NotEncoded(
        "3.3",
        "Ett särskilt perspektiv är att utveckla relationerna med de länder varifrån Stockholm "
        "har stora invandrargrupper.",
        {"sv": "Ett perspektiv för prioriteringar, inte ett villkor; att koda det skulle kräva en "
               "lista över länder som strategin inte ger.",
         "en": "A perspective for priorities, not a condition; encoding it would need a list of "
               "countries the strategy does not give."},
    ),
    NotEncoded(
        "5",
        "Stockholms stad ska hålla en hög standard i det internationella arbetet och "
        "internationellt engagemang ska präglas av proaktivitet, ett strategiskt "
        "förhållningssätt, nyfikenhet, långsiktighet och hög professionalitet.",
        {"sv": "En ambition för hur arbetet bedrivs.",
         "en": "An aspiration for how the work is done."},
    ),
    NotEncoded(
        "5",
        "Kommunstyrelsen ansvarar för kommunikationen och implementeringen av stadsövergripande "
        "styrdokument för stadens internationella arbete och EU-arbete.",
        {"sv": "Kommunstyrelsens eget ansvar; används bara som läsningen bakom R-KS-RENEWAL.",
         "en": "KS's own responsibility; used only as the reading behind R-KS-RENEWAL."},
    ),
    NotEncoded(
        "5",
        "Kommunstyrelsen ansvarar vidare för att samordna stadens övergripande internationella "
        "arbete och EU-arbete och för att i årsredovisningen redovisa arbetet till "
        "kommunfullmäktige.",
        {"sv": "Kommunstyrelsens eget ansvar för årsredovisningen; ärenderegistret (strategikollen "
               "cases export) ger årets engagemang.",
         "en": "KS's own responsibility for the annual report; the case register (strategikollen "
               "cases export) gives it the year's engagements."},
    ),
    NotEncoded(
        "5",
        "På samma sätt som annat arbete ska internationellt engagemang planeras, budgeteras, "
        "beslutas, dokumenteras och följas upp.",
        {"sv": "Budget är W1, beslut är routningen; dokumentation och uppföljning är "
               "ärenderegistrets och omprövningspåminnelsernas uppgift, inte en granskningsregel.",
         "en": "Budgeting is W1; deciding is the routing; documenting and following up is the case "
               "register's and the review reminders' work, not a screening rule."},
    ),
    NotEncoded(
        "5",
        "Internationellt arbete ska årsvis inarbetas i verksamhetsplaner",
        {"sv": "Efterfrågas för EU-projekt (S3). Kontraktet frågar linked_to_operational_plan bara "
               "för EU-projekt; att fråga alla typer skulle förlänga varje guide, så prioriteten "
               "räknar det där det är besvarat.",
         "en": "Asked for EU projects (S3). For other kinds the contract asks "
               "linked_to_operational_plan of EU projects only; asking every kind would lengthen "
               "every wizard, so the priority scores it where it is answered."},
    ),
    NotEncoded(
        "5",
        "Stadsledningskontoret erbjuder strategiskt stöd och rådgivning till stadens övriga "
        "verksamheter",
        {"sv": "En tjänst från stadsledningskontoret, nämnd i nästa steg där den gäller.",
         "en": "A service of stadsledningskontoret, named in next steps where it applies."},
    ),
    NotEncoded(
        "5",
        "De internationella kontaktpersonerna är samordnare för den egna förvaltningens eller "
        "bolagets internationella arbete",
        {"sv": "Kodad bara för besök (W5); för andra typer nämner ägarens nästa steg "
               "kontaktpersonen.",
         "en": "Encoded for visits only (W5); for other kinds the owner's next step names the "
               "contact person."},
    ),
    NotEncoded(
        "5",
        "Fackförvaltnings- och bolagschefer ska utse en internationell kontaktperson",
        {"sv": "En organisatorisk skyldighet för förvaltnings- och bolagschefer, inte en egenskap "
               "hos ett engagemang.",
         "en": "An organisational duty of the heads of department and company, not a property of "
               "one engagement."},
    ),
    NotEncoded(
        "5",
        "Internationell strategi för Stockholms stad tillsammans med stadens EU-policy ligger "
        "till grund för stadens agerande i Stockholmsregionens Europaförening (SEF).",
        {"sv": "SEF och Brysselkontoret: ingen engagemangstyp i kontraktet; en ståndpunkt som tas "
               "genom SEF granskas som en ståndpunkt (W3, D3).",
         "en": "SEF and the Brussels office: no engagement kind in the contract; a position taken "
               "through SEF is screened as a position (W3, D3)."},
    ),
)
