"""The words of the answer, Swedish and English: clauses, option labels, the clarifying
questions and the sentences around them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from ..models import Citation, Engagement, Kind, Lang, MembershipBody, Owner, Scope
from ..rulebook import STRATEGY_IN_FORCE, Context
from ..rules import P1, P1_FOOTNOTE, P2, no_twinning
from ._planner import Assignment

_CLAUSE: Final[Mapping[tuple[str, Any], Mapping[Lang, str]]] = {
    ("on_behalf_of_ks", True): {
        "sv": "det sker på uppdrag av kommunstyrelsen",
        "en": "it is on behalf of the City Executive Board",
    },
    ("on_behalf_of_ks", False): {
        "sv": "det sker inom den egna verksamheten",
        "en": "it is part of the operation's own work",
    },
    ("increases_resource_burden", True): {
        "sv": "det medför ökad resursbörda för staden",
        "en": "it adds to the city's resource burden",
    },
    ("increases_resource_burden", False): {
        "sv": "det inte medför ökad resursbörda för staden",
        "en": "it adds no resource burden for the city",
    },
    ("scope", Scope.SINGLE_OPERATION): {
        "sv": "det gäller en enda nämnd eller ett enda bolag",
        "en": "it concerns a single committee or company",
    },
    ("scope", Scope.SEVERAL_OPERATIONS): {
        "sv": "det gäller flera nämnder eller bolag",
        "en": "it concerns several committees or companies",
    },
    ("scope", Scope.CITY_WIDE): {
        "sv": "det gäller hela staden",
        "en": "it concerns the whole city",
    },
    ("membership_body", MembershipBody.ORGANISATION): {
        "sv": "det är en organisation",
        "en": "it is an organisation",
    },
    ("membership_body", MembershipBody.NETWORK): {
        "sv": "det är ett nätverk",
        "en": "it is a network",
    },
    ("high_political_level", True): {
        "sv": "besöket är på hög politisk nivå",
        "en": "the visit is at a high political level",
    },
    ("high_political_level", False): {
        "sv": "besöket inte är på hög politisk nivå",
        "en": "the visit is not at a high political level",
    },
}

_QUESTION: Final[Mapping[str, Mapping[Lang, str]]] = {
    "on_behalf_of_ks": {
        "sv": "Sker det på uppdrag av kommunstyrelsen, som företrädare för staden, eller "
        "inom den egna verksamheten?",
        "en": "Is it on behalf of the City Executive Board, representing the city, or part "
        "of your operation's own work?",
    },
    "increases_resource_burden": {
        "sv": "Medför det ökad resursbörda för staden, till exempel kostnader eller extra "
        "arbete?",
        "en": "Does it add to the city's resource burden, for example costs or extra work?",
    },
    "scope": {
        "sv": "Gäller det en enda nämnd eller ett bolag, flera nämnder eller bolag, eller "
        "hela staden?",
        "en": "Does it concern a single committee or company, several committees or "
        "companies, or the whole city?",
    },
    "membership_body": {
        "sv": "Är det en organisation eller ett nätverk?",
        "en": "Is it an organisation or a network?",
    },
    "high_political_level": {
        "sv": "Är besöket på hög politisk nivå, till exempel ministrar eller borgmästare?",
        "en": "Is the visit at a high political level, for example ministers or mayors?",
    },
}

_MAY_COORDINATE: Final[Mapping[Lang, str]] = {
    "sv": "Är besöket betydande – på hög politisk nivå eller för flera verksamheter – "
    "koordinerar kommunstyrelsen det, men beslutar inte om det.",
    "en": "If the visit is significant – at a high political level or for several "
    "operations – the City Executive Board coordinates it, but does not decide on it.",
}
_CONFIRM_NOT_ON_BEHALF: Final[Mapping[Lang, str]] = {
    "sv": "Bekräfta att deltagandet inte sker på uppdrag av kommunstyrelsen: borgarråd, "
    "finansborgarrådet och kommunfullmäktiges presidium företräder annars staden, och då "
    "beslutar finansborgarrådet efter beredning i IB.",
    "en": "Confirm that the participation is not on behalf of the City Executive Board: a "
    "borgarråd, the Finance Commissioner or the City Council's presidium otherwise "
    "represents the city, and the Finance Commissioner then decides after IB.",
}
_DEPENDS: Final[Mapping[Lang, str]] = {"sv": "Det beror på.", "en": "It depends."}
_DECIDED_BY: Final[Mapping[Lang, str]] = {
    "sv": "Beslutet fattas av {owner}.",
    "en": "The decision is made by {owner}.",
}
_IF_DECIDED_BY: Final[Mapping[Lang, str]] = {
    "sv": "{condition}, fattas beslutet av {owner}.",
    "en": "{condition}, the decision is made by {owner}.",
}
_IF: Final[Mapping[Lang, str]] = {"sv": "om", "en": "if"}
_AND: Final[Mapping[Lang, str]] = {"sv": " och ", "en": " and "}
_OR_IF: Final[Mapping[Lang, str]] = {"sv": ", eller om ", "en": ", or if "}

_FOREIGN_POLICY: Final[Mapping[Lang, str]] = {
    "sv": "Det ligger utanför stadens uppdrag: staden för ingen egen utrikespolitik och "
    "hanterar inte frågor som rör Sveriges relationer med andra stater, inklusive bistånds- "
    "och säkerhetspolitik. Ingen instans i staden beslutar om det; det är en fråga för "
    "riksdag och regering.",
    "en": "That is outside the city's remit: the city conducts no foreign policy of its own "
    "and does not deal with Sweden's relations with other states, including aid and "
    "security policy. No body of the city decides on it; it is a matter for the Swedish "
    "parliament and government.",
}
_HELP: Final[Mapping[Lang, str]] = {
    "sv": "Jag svarar på vem som beslutar om ett internationellt engagemang enligt Stockholms "
    "stads internationella strategi – till exempel en tjänsteresa, en konferens, ett besök, "
    "ett avtal, ett medlemskap, en deklaration eller ett EU-projekt – och granskar "
    "engagemang mot strategin. Beskriv vad det gäller, så svarar jag.",
    "en": "I answer who decides on an international engagement under the City of "
    "Stockholm's International Strategy – for example a trip, a conference, a visit, an "
    "agreement, a membership, a declaration or an EU project – and screen engagements "
    "against the strategy. Describe what it is about and I will answer.",
}

_P1_CITATION: Final = Citation(section=P1.section, text=P1.quote)
_P1_FOOTNOTE_CITATION: Final = Citation(section=P1.section, text=P1_FOOTNOTE)
_SECOND_LOOK: Final[Mapping[Lang, str]] = {
    "sv": "Frågan nämner {cues}: stadsledningskontoret bör pröva om engagemanget har "
    "utrikespolitisk karaktär, eftersom staden inte hanterar frågor som rör Sveriges "
    "relation med andra stater.",
    "en": "The question mentions {cues}: the City Executive Office should examine whether "
    "the engagement has a foreign-policy character, since the city does not handle matters "
    "of Sweden's relations with other states.",
}
_P2_CITATION: Final = Citation(section=P2.section, text=P2.quote)
_NO_TWINNING: Final[Mapping[Lang, str]] = {
    lang: " ".join(
        r.text(lang)
        for r in no_twinning(
            Engagement.model_construct(kind=Kind.TWINNING, title="?"),
            Context(owner=Owner.KF, day=STRATEGY_IN_FORCE),
        )
    )
    for lang in ("sv", "en")
}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _condition(when: Iterable[Assignment], lang: Lang) -> str:
    alternatives = (_AND[lang].join(_CLAUSE[item][lang] for item in w) for w in when)
    return f"{_IF[lang]} " + _OR_IF[lang].join(alternatives)
