"""Who decides (contract §4, strategy section 5): an ordered table, first match wins.

Each route is a record: its named condition first, then the owner, the reason, the
strategy's words, and the later routes it is an exception to; ``route`` walks the table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from ._cues import find
from .models import Citation, Engagement, Kind, Lang, MembershipBody, Owner, Routing, Scope

__all__ = ["OWNER_LABELS", "ROUTES", "Route", "is_renewal", "on_behalf_of_ks", "owner_label",
           "route", "route_for"]

OWNER_LABELS: Mapping[Owner, Mapping[Lang, str]] = {
    Owner.NAMND: {"sv": "Nämnden eller bolagsstyrelsen", "en": "The committee or company board"},
    Owner.KS: {"sv": "Kommunstyrelsen", "en": "The City Executive Board (kommunstyrelsen)"},
    Owner.KF: {"sv": "Kommunfullmäktige", "en": "The City Council (kommunfullmäktige)"},
    Owner.FINANSBORGARRADET_IB: {
        "sv": "Finansborgarrådet, efter beredning i Internationella beredningen (IB)",
        "en": "The Finance Commissioner (finansborgarrådet), "
        "after preparation in the International Committee (IB)",
    },
}


def owner_label(owner: Owner, lang: Lang) -> str:
    return OWNER_LABELS[owner][lang]


# The strategy's sentences that the routes cite.
Q_TWINNING = "Staden har dock inga utpekade vänorter och tecknar inte vänortsavtal."
Q_IB = (
    "Beslut om deltagande i konferenser och andra evenemang utomlands på uppdrag av "
    "kommunstyrelsen samt medverkan i internationella deklarationer och initiativ som inte "
    "medför ökad resursbörda för staden är delegerat till finansborgarrådet och behandlas av "
    "stadens internationella beredning."
)
Q_OWN_OPERATION = (
    "Det internationella arbetet ska utgöra en integrerad del av respektive nämnds och "
    "bolagsstyrelses verksamhet och ska därmed rymmas inom given ekonomisk ram."
)
Q_KS_OPINION = (
    "Kommunstyrelsen beslutar om stadens uppfattning i stadsövergripande internationella "
    "frågor, stadsövergripande EU-frågor eller i frågor som har bäring på flera "
    "nämnders/bolagsstyrelsers verksamhet."
)
Q_KS_NETWORKS = (
    "Kommunstyrelsen beslutar också om deltagande i stadsövergripande internationella "
    "nätverk och samarbetsinitiativ."
)
Q_KF_ORG = (
    "Kommunfullmäktige beslutar om nya medlemskap i stadsövergripande internationella "
    "organisationer."
)
Q_KS_VISITS = (
    "Kommunstyrelsen koordinerar också betydande internationella besök, till exempel för "
    "staden prioriterade delegationer som vill utbyta erfarenheter inom flera olika "
    "verksamhetsområden och besök på hög politisk nivå."
)
Q_NAMND_MEMBERSHIPS = (
    "Nämnder och bolagsstyrelser beslutar om medlemskap och deltagande i "
    "verksamhetsspecifika internationella organisationer och nätverk, internationella "
    "samarbetsinitiativ samt EU-projekt."
)
Q_NAMND_VISITS = (
    "Samtliga nämnder och bolagsstyrelser ansvarar för bedömning och handläggning av "
    "internationella besöksförfrågningar som inkommer till verksamheterna, med den "
    "internationella strategin som grund."
)
Q_NAMND_EU_POLICY = (
    "Nämnder och bolagsstyrelser beslutar i verksamhetsspecifika EU-policyfrågor i enlighet "
    "med stadens EU-policy."
)


@dataclass(frozen=True, slots=True)
class Route:
    """One row of the table: when its condition holds (and no earlier row's does), its
    owner decides, for the reason given, in the strategy's words.

    ``exception_to`` names the later rows this one overrides where both conditions hold
    (as Catala declares an exception to a base rule); the table's order encodes that, and a
    test holds the two together. ``R-NAMND``, the row of everything else, is the base of
    every row, so none names it."""

    id: str
    when: Callable[[Engagement], bool]
    owner: Owner
    reason: Mapping[Lang, str]
    section: str
    quote: str
    exception_to: tuple[str, ...] = ()
    quote_for: Mapping[Kind, str] = field(default_factory=dict)
    # A body that coordinates what this route's owner decides (contract §7.2).
    coordinated_by: Owner | None = None
    # Where the route reads more into the strategy than its quote says, in a sentence.
    interpretation: str = ""

    def citation(self, kind: Kind) -> Citation:
        text = self.quote_for.get(kind, self.quote)
        return Citation(section=self.section, text=text)


def _event(e: Engagement) -> bool:
    return e.kind in (Kind.TRIP, Kind.CONFERENCE)


def on_behalf_of_ks(e: Engagement) -> bool | None:
    """Whether a trip or conference is on behalf of kommunstyrelsen: as the user says, or,
    when the user has not said, yes where a borgarråd, the finansborgarråd or KF's
    presidium takes part (contract §7.5), since they represent the city as a whole."""
    if e.on_behalf_of_ks is not None:
        return e.on_behalf_of_ks
    return True if e.politicians_represent_the_city else None


def is_renewal(e: Engagement) -> bool:
    """The membership exists and is reviewed: as the user says, or, unanswered, as its
    title or description says ("Fortsatt medlemskap i …", ``policy._cues.RENEWAL``)."""
    if e.renewal is not None:
        return e.renewal
    return any(find("renewal", t) for t in e.text)


# The routes' conditions, named.

def is_twinning(e: Engagement) -> bool:
    return e.kind is Kind.TWINNING


def event_on_behalf_of_ks(e: Engagement) -> bool:
    """A trip or conference on kommunstyrelsen's behalf."""
    return _event(e) and on_behalf_of_ks(e) is True


def event_of_own_operation(e: Engagement) -> bool:
    """A trip or conference not on kommunstyrelsen's behalf: the operation's own."""
    return _event(e) and on_behalf_of_ks(e) is False


def declaration_without_burden(e: Engagement) -> bool:
    return e.kind is Kind.DECLARATION and e.increases_resource_burden is False


def declaration_with_burden(e: Engagement) -> bool:
    return e.kind is Kind.DECLARATION and e.increases_resource_burden is True


def _city_wide_organisation(e: Engagement) -> bool:
    return (e.kind is Kind.MEMBERSHIP and e.membership_body is MembershipBody.ORGANISATION
            and e.scope is Scope.CITY_WIDE)


def new_city_wide_organisation(e: Engagement) -> bool:
    """A new membership of a city-wide international organisation."""
    return _city_wide_organisation(e) and not is_renewal(e)


def renewed_city_wide_organisation(e: Engagement) -> bool:
    """An existing membership of a city-wide organisation, under review."""
    return _city_wide_organisation(e) and is_renewal(e)


def significant_visit(e: Engagement) -> bool:
    """A visit at a high political level or for more than one operation."""
    return e.kind is Kind.INCOMING_VISIT and (
        e.high_political_level is True or e.scope is not Scope.SINGLE_OPERATION)


def several_operations(e: Engagement) -> bool:
    return e.scope in (Scope.SEVERAL_OPERATIONS, Scope.CITY_WIDE)


def otherwise(e: Engagement) -> bool:
    """Everything no earlier row takes."""
    return True


_SEVERAL = "R-KS-SEVERAL"

ROUTES: tuple[Route, ...] = (
    Route(
        id="R-KF-TWINNING",
        when=is_twinning,
        owner=Owner.KF,
        reason={
            "sv": "Strategin utesluter vänortsavtal; bara kommunfullmäktige, som antagit "
            "strategin, kan ändra den principen.",
            "en": "The strategy rules out twinning agreements; only the City Council, which "
            "adopted the strategy, can change that principle.",
        },
        section="4", quote=Q_TWINNING,
        exception_to=(_SEVERAL,),
    ),
    Route(
        id="R-IB-EVENT",
        when=event_on_behalf_of_ks,
        owner=Owner.FINANSBORGARRADET_IB,
        reason={
            "sv": "Deltagande i konferenser och evenemang utomlands på uppdrag av "
            "kommunstyrelsen är delegerat till finansborgarrådet och bereds i IB.",
            "en": "Taking part in conferences and events abroad on behalf of the City "
            "Executive Board is delegated to the Finance Commissioner and prepared by IB.",
        },
        section="5", quote=Q_IB,
        exception_to=(_SEVERAL,),
    ),
    Route(
        id="R-NAMND-TRIP",
        when=event_of_own_operation,
        owner=Owner.NAMND,
        reason={
            "sv": "Resan görs inte på uppdrag av kommunstyrelsen; den är en del av den egna "
            "verksamheten och beslutas där, inom given ekonomisk ram.",
            "en": "The trip is not on behalf of the City Executive Board; it is part of the "
            "operation's own work and is decided there, within its budget.",
        },
        section="5", quote=Q_OWN_OPERATION,
        exception_to=(_SEVERAL,),
    ),
    Route(
        id="R-IB-DECL",
        when=declaration_without_burden,
        owner=Owner.FINANSBORGARRADET_IB,
        reason={
            "sv": "Medverkan i internationella deklarationer och initiativ som inte medför "
            "ökad resursbörda är delegerad till finansborgarrådet och bereds i IB.",
            "en": "Joining international declarations and initiatives that add no resource "
            "burden is delegated to the Finance Commissioner and prepared by IB.",
        },
        section="5", quote=Q_IB,
        exception_to=(_SEVERAL,),
    ),
    Route(
        id="R-KS-DECL",
        when=declaration_with_burden,
        owner=Owner.KS,
        reason={
            "sv": "Deklarationen ökar stadens resursbörda och omfattas därför inte av "
            "delegationen till finansborgarrådet; kommunstyrelsen beslutar.",
            "en": "The declaration adds to the city's resource burden, so it falls outside "
            "the delegation to the Finance Commissioner; the City Executive Board decides.",
        },
        section="5", quote=Q_KS_OPINION,
        exception_to=(_SEVERAL,),
    ),
    Route(
        id="R-KF-ORG",
        when=new_city_wide_organisation,
        owner=Owner.KF,
        reason={
            "sv": "Nytt medlemskap i en stadsövergripande internationell organisation "
            "beslutas av kommunfullmäktige.",
            "en": "A new membership of a city-wide international organisation is decided by "
            "the City Council.",
        },
        section="5", quote=Q_KF_ORG,
        exception_to=(_SEVERAL,),
    ),
    Route(
        id="R-KS-RENEWAL",
        when=renewed_city_wide_organisation,
        owner=Owner.KS,
        reason={
            "sv": "Kommunfullmäktige beslutar om nya medlemskap. Ett befintligt medlemskap "
            "i en stadsövergripande organisation som omprövas beslutas av kommunstyrelsen, "
            "som kan föreslå kommunfullmäktige att lämna eller ändra det.",
            "en": "The City Council decides on new memberships. An existing membership of a "
            "city-wide organisation under review is decided by the City Executive Board, "
            "which may propose to the City Council to leave or change it.",
        },
        section="5", quote=Q_KF_ORG,
        exception_to=(_SEVERAL,),
        interpretation="The strategy gives kommunfullmäktige *new* memberships only and "
        "names no owner for a review; kommunstyrelsen, which decides city-wide networks and "
        "answers for the strategy's implementation, is read as the owner of the review.",
    ),
    Route(
        id="R-KS-VISIT",
        when=significant_visit,
        owner=Owner.NAMND,
        reason={
            "sv": "Nämnden eller bolagsstyrelsen bedömer och handlägger besöket. Besöket är "
            "betydande (hög politisk nivå eller flera verksamheter), så kommunstyrelsen "
            "koordinerar det.",
            "en": "The committee or company board assesses and handles the visit. The visit "
            "is significant (high political level or several operations), so the City "
            "Executive Board coordinates it.",
        },
        section="5", quote=Q_KS_VISITS,
        exception_to=(_SEVERAL,),
        coordinated_by=Owner.KS,
    ),
    Route(
        id=_SEVERAL,
        when=several_operations,
        owner=Owner.KS,
        reason={
            "sv": "Frågan berör flera nämnder/bolag eller hela staden; kommunstyrelsen "
            "beslutar.",
            "en": "The matter concerns several committees or companies, or the whole city; "
            "the City Executive Board decides.",
        },
        section="5", quote=Q_KS_OPINION,
        quote_for={
            Kind.MEMBERSHIP: Q_KS_NETWORKS,
            Kind.COOPERATION_AGREEMENT: Q_KS_NETWORKS,
            Kind.INTENT_AGREEMENT: Q_KS_NETWORKS,
            # Projects run together by several operations are cooperation initiatives.
            Kind.EU_PROJECT: Q_KS_NETWORKS,
            Kind.AID_PROJECT: Q_KS_NETWORKS,
        },
    ),
    Route(
        id="R-NAMND",
        when=otherwise,
        owner=Owner.NAMND,
        reason={
            "sv": "Frågan rör en enskild verksamhet; dess nämnd eller bolagsstyrelse beslutar.",
            "en": "The matter concerns a single operation; its committee or company board "
            "decides.",
        },
        section="5", quote=Q_NAMND_MEMBERSHIPS,
        quote_for={
            Kind.INCOMING_VISIT: Q_NAMND_VISITS,
            Kind.INVITATION_LETTER: Q_NAMND_VISITS,
            Kind.POSITION: Q_NAMND_EU_POLICY,
            Kind.TRIP: Q_OWN_OPERATION,
            Kind.CONFERENCE: Q_OWN_OPERATION,
            Kind.DECLARATION: Q_OWN_OPERATION,
            Kind.AID_PROJECT: Q_OWN_OPERATION,
        },
    ),
)


_BY_ID = {r.id: r for r in ROUTES}


def route_for(e: Engagement) -> Route:
    """The first route whose condition holds (R-NAMND always does)."""
    return next(r for r in ROUTES if r.when(e))


def route(e: Engagement, lang: Lang) -> tuple[Owner, Routing]:
    r = route_for(e)
    return r.owner, _routing(r.id, e.kind, lang)


@cache
def _routing(route_id: str, kind: Kind, lang: Lang) -> Routing:
    r = _BY_ID[route_id]
    return Routing(rule=r.id, reason=r.reason[lang], citation=r.citation(kind),
                   coordinated_by=r.coordinated_by)
