"""Who decides (contract §4, strategy section 5): an ordered table, first match wins.

Each route is a record with the strategy's words; ``route`` walks the table.
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
    id: str
    owner: Owner
    section: str
    quote: str
    reason: Mapping[Lang, str]
    when: Callable[[Engagement], bool]
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


def _wide(e: Engagement) -> bool:
    return e.scope in (Scope.SEVERAL_OPERATIONS, Scope.CITY_WIDE)


ROUTES: tuple[Route, ...] = (
    Route(
        "R-KF-TWINNING", Owner.KF, "4", Q_TWINNING,
        {
            "sv": "Strategin utesluter vänortsavtal; bara kommunfullmäktige, som antagit "
            "strategin, kan ändra den principen.",
            "en": "The strategy rules out twinning agreements; only the City Council, which "
            "adopted the strategy, can change that principle.",
        },
        lambda e: e.kind is Kind.TWINNING,
    ),
    Route(
        "R-IB-EVENT", Owner.FINANSBORGARRADET_IB, "5", Q_IB,
        {
            "sv": "Deltagande i konferenser och evenemang utomlands på uppdrag av "
            "kommunstyrelsen är delegerat till finansborgarrådet och bereds i IB.",
            "en": "Taking part in conferences and events abroad on behalf of the City "
            "Executive Board is delegated to the Finance Commissioner and prepared by IB.",
        },
        lambda e: _event(e) and on_behalf_of_ks(e) is True,
    ),
    Route(
        "R-NAMND-TRIP", Owner.NAMND, "5", Q_OWN_OPERATION,
        {
            "sv": "Resan görs inte på uppdrag av kommunstyrelsen; den är en del av den egna "
            "verksamheten och beslutas där, inom given ekonomisk ram.",
            "en": "The trip is not on behalf of the City Executive Board; it is part of the "
            "operation's own work and is decided there, within its budget.",
        },
        lambda e: _event(e) and on_behalf_of_ks(e) is False,
    ),
    Route(
        "R-IB-DECL", Owner.FINANSBORGARRADET_IB, "5", Q_IB,
        {
            "sv": "Medverkan i internationella deklarationer och initiativ som inte medför "
            "ökad resursbörda är delegerad till finansborgarrådet och bereds i IB.",
            "en": "Joining international declarations and initiatives that add no resource "
            "burden is delegated to the Finance Commissioner and prepared by IB.",
        },
        lambda e: e.kind is Kind.DECLARATION and e.increases_resource_burden is False,
    ),
    Route(
        "R-KS-DECL", Owner.KS, "5", Q_KS_OPINION,
        {
            "sv": "Deklarationen ökar stadens resursbörda och omfattas därför inte av "
            "delegationen till finansborgarrådet; kommunstyrelsen beslutar.",
            "en": "The declaration adds to the city's resource burden, so it falls outside "
            "the delegation to the Finance Commissioner; the City Executive Board decides.",
        },
        lambda e: e.kind is Kind.DECLARATION and e.increases_resource_burden is True,
    ),
    Route(
        "R-KF-ORG", Owner.KF, "5", Q_KF_ORG,
        {
            "sv": "Nytt medlemskap i en stadsövergripande internationell organisation "
            "beslutas av kommunfullmäktige.",
            "en": "A new membership of a city-wide international organisation is decided by "
            "the City Council.",
        },
        lambda e: e.kind is Kind.MEMBERSHIP
        and e.membership_body is MembershipBody.ORGANISATION
        and e.scope is Scope.CITY_WIDE
        and not is_renewal(e),
    ),
    Route(
        "R-KS-RENEWAL", Owner.KS, "5", Q_KF_ORG,
        {
            "sv": "Kommunfullmäktige beslutar om nya medlemskap. Ett befintligt medlemskap "
            "i en stadsövergripande organisation som omprövas beslutas av kommunstyrelsen, "
            "som kan föreslå kommunfullmäktige att lämna eller ändra det.",
            "en": "The City Council decides on new memberships. An existing membership of a "
            "city-wide organisation under review is decided by the City Executive Board, "
            "which may propose to the City Council to leave or change it.",
        },
        lambda e: e.kind is Kind.MEMBERSHIP
        and e.membership_body is MembershipBody.ORGANISATION
        and e.scope is Scope.CITY_WIDE
        and is_renewal(e),
        interpretation="The strategy gives kommunfullmäktige *new* memberships only and "
        "names no owner for a review; kommunstyrelsen, which decides city-wide networks and "
        "answers for the strategy's implementation, is read as the owner of the review.",
    ),
    Route(
        "R-KS-VISIT", Owner.NAMND, "5", Q_KS_VISITS,
        {
            "sv": "Nämnden eller bolagsstyrelsen bedömer och handlägger besöket. Besöket är "
            "betydande (hög politisk nivå eller flera verksamheter), så kommunstyrelsen "
            "koordinerar det.",
            "en": "The committee or company board assesses and handles the visit. The visit "
            "is significant (high political level or several operations), so the City "
            "Executive Board coordinates it.",
        },
        lambda e: e.kind is Kind.INCOMING_VISIT
        and (e.high_political_level is True or e.scope is not Scope.SINGLE_OPERATION),
        coordinated_by=Owner.KS,
    ),
    Route(
        "R-KS-SEVERAL", Owner.KS, "5", Q_KS_OPINION,
        {
            "sv": "Frågan berör flera nämnder/bolag eller hela staden; kommunstyrelsen "
            "beslutar.",
            "en": "The matter concerns several committees or companies, or the whole city; "
            "the City Executive Board decides.",
        },
        _wide,
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
        "R-NAMND", Owner.NAMND, "5", Q_NAMND_MEMBERSHIPS,
        {
            "sv": "Frågan rör en enskild verksamhet; dess nämnd eller bolagsstyrelse beslutar.",
            "en": "The matter concerns a single operation; its committee or company board "
            "decides.",
        },
        lambda e: True,
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
