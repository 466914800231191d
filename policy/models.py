"""The screening contract's data: an engagement in (§1), an assessment out (§2).

Field names and enum values are the contract's English identifiers; nothing a
person reads lives here except what the validators say about bad input.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .text import Lang

__all__ = [
    "REPRESENTING_THE_CITY",
    "Assessment",
    "Citation",
    "Counterpart",
    "CounterpartType",
    "Direction",
    "Engagement",
    "Financing",
    "Finding",
    "Kind",
    "Lang",
    "MembershipBody",
    "Outcome",
    "Owner",
    "Participant",
    "Priority",
    "PriorityFactor",
    "Routing",
    "RulebookInfo",
    "Scope",
    "Verdict",
]


class Kind(StrEnum):
    TRIP = "trip"
    CONFERENCE = "conference"
    INCOMING_VISIT = "incoming_visit"
    INVITATION_LETTER = "invitation_letter"
    COOPERATION_AGREEMENT = "cooperation_agreement"
    INTENT_AGREEMENT = "intent_agreement"
    TWINNING = "twinning"
    MEMBERSHIP = "membership"
    DECLARATION = "declaration"
    EU_PROJECT = "eu_project"
    AID_PROJECT = "aid_project"
    POSITION = "position"


class Scope(StrEnum):
    SINGLE_OPERATION = "single_operation"
    SEVERAL_OPERATIONS = "several_operations"
    CITY_WIDE = "city_wide"


class Participant(StrEnum):
    STAFF = "staff"
    BORGARRAD = "borgarrad"
    FINANSBORGARRAD = "finansborgarrad"
    KF_PRESIDIUM = "kf_presidium"
    OTHER_POLITICIAN = "other_politician"


# The city's politicians who represent it as a whole: their trips and conferences go
# as on behalf of kommunstyrelsen unless the user says otherwise (contract §7.5).
REPRESENTING_THE_CITY: frozenset[Participant] = frozenset(
    {Participant.BORGARRAD, Participant.FINANSBORGARRAD, Participant.KF_PRESIDIUM}
)


class CounterpartType(StrEnum):
    CITY = "city"
    CAPITAL_CITY = "capital_city"
    REGION = "region"
    NATIONAL_GOVERNMENT = "national_government"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    NETWORK = "network"
    EU_INSTITUTION = "eu_institution"
    COMPANY = "company"
    ACADEMIA = "academia"
    CIVIL_SOCIETY = "civil_society"
    OTHER = "other"


class Direction(StrEnum):
    """The four directions of section 3."""

    PROFILERING = "profilering"
    OMVARLDSBEVAKNING = "omvarldsbevakning"
    SAMVERKAN = "samverkan"
    PAVERKAN = "paverkan"


class Financing(StrEnum):
    OWN_BUDGET = "own_budget"
    EXTERNAL_FULL = "external_full"
    EXTERNAL_PARTIAL = "external_partial"
    EU_GRANT = "eu_grant"
    NONE = "none"


class MembershipBody(StrEnum):
    ORGANISATION = "organisation"
    NETWORK = "network"


class Outcome(StrEnum):
    """A finding's outcome, most severe first."""

    BLOCKER = "blocker"
    MISSING = "missing"
    CONDITION = "condition"
    NOTE = "note"
    SUPPORT = "support"

    @property
    def severity(self) -> int:
        """Higher is worse: blocker 4 … support 0."""
        return _SEVERITY[self]


_SEVERITY = {
    Outcome.BLOCKER: 4,
    Outcome.MISSING: 3,
    Outcome.CONDITION: 2,
    Outcome.NOTE: 1,
    Outcome.SUPPORT: 0,
}


class Verdict(StrEnum):
    NOT_COMPATIBLE = "not_compatible"
    NEEDS_INFORMATION = "needs_information"
    COMPATIBLE_WITH_CONDITIONS = "compatible_with_conditions"
    COMPATIBLE = "compatible"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Owner(StrEnum):
    NAMND = "namnd"
    KS = "ks"
    KF = "kf"
    FINANSBORGARRADET_IB = "finansborgarradet_ib"


Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]

_STRICT = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, use_enum_values=False)


class Counterpart(BaseModel):
    model_config = _STRICT

    name: ShortText | None = None
    country: ShortText | None = None
    type: CounterpartType | None = None


# Fields the decision owner depends on, by kind (contract §1, last paragraph).
REQUIRED_BY_KIND: dict[str, tuple[Kind, ...]] = {
    "scope": tuple(k for k in Kind if k not in {Kind.TRIP, Kind.CONFERENCE, Kind.TWINNING}),
    "on_behalf_of_ks": (Kind.TRIP, Kind.CONFERENCE),
    "membership_body": (Kind.MEMBERSHIP,),
    "increases_resource_burden": (Kind.DECLARATION,),
}
# The same by kind, in the order above: what a kind requires.
_REQUIRED_FOR: dict[Kind, tuple[str, ...]] = {
    kind: tuple(field for field, kinds in REQUIRED_BY_KIND.items() if kind in kinds)
    for kind in Kind
}


class Engagement(BaseModel):
    """A proposed international engagement, exactly as contract §1 describes it.

    Every boolean may be absent or null ("not known yet"); unknown fields are an
    error. The fields that decide who decides are required for the kinds that
    need them, and the error names the field.
    """

    model_config = _STRICT

    kind: Kind
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    description: Text | None = None
    unit: ShortText | None = None
    scope: Scope | None = None
    on_behalf_of_ks: bool | None = None
    participants: list[Participant] = Field(default_factory=list)
    start_date: date | None = None
    end_date: date | None = None
    screened_on: date | None = None
    counterpart: Counterpart | None = None
    directions: list[Direction] = Field(default_factory=list)
    benefit: Text | None = None
    thematic_area: ShortText | None = None
    mutual_benefit: bool | None = None
    concrete_exchange: bool | None = None
    foreign_policy: bool | None = None
    cost_sek: Annotated[float, Field(ge=0, le=1e12)] | None = None
    within_budget: bool | None = None
    financing: Financing | None = None
    funder: ShortText | None = None
    programme_available: bool | None = None
    active_role: bool | None = None
    invitation_transferable: bool | None = None
    existing_forum: ShortText | None = None
    existing_forums_checked: bool | None = None
    linked_to_operational_plan: bool | None = None
    membership_body: MembershipBody | None = None
    within_initiative: bool | None = None
    review_years: Annotated[int, Field(ge=1, le=100)] | None = None
    prioritised_visit: bool | None = None
    high_political_level: bool | None = None
    increases_resource_burden: bool | None = None
    # Beyond the contract: the membership exists and is being reviewed (renewed, changed
    # or left), not applied for; "nya medlemskap" go to kommunfullmäktige, a review not.
    renewal: bool | None = None

    @field_validator("participants", "directions", mode="before")
    @classmethod
    def _null_list_is_empty(cls, value: object) -> object:
        return [] if value is None else value

    @model_validator(mode="wrap")
    @classmethod
    def _required_for_kind(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        e = handler(data)
        missing = [field for field in _REQUIRED_FOR[e.kind] if getattr(e, field) is None
                   and not (field == "on_behalf_of_ks" and e.politicians_represent_the_city)]
        if not missing and (e.start_date is None or e.end_date is None
                            or e.end_date >= e.start_date):
            return e
        problems: list[InitErrorDetails] = [
            InitErrorDetails(
                type=PydanticCustomError(
                    "missing_for_kind",
                    "{field} is required when kind is {kind}",
                    {"field": field, "kind": e.kind.value},
                ),
                loc=(field,),
                input=None,
            )
            for field in missing
        ]
        if e.start_date and e.end_date and e.end_date < e.start_date:
            problems.append(
                InitErrorDetails(
                    type=PydanticCustomError(
                        "end_before_start",
                        "end_date {end} is before start_date {start}",
                        {"end": str(e.end_date), "start": str(e.start_date)},
                    ),
                    loc=("end_date",),
                    input=str(e.end_date),
                )
            )
        if problems:
            raise ValidationError.from_exception_data(cls.__name__, problems)
        return e

    @property
    def text(self) -> tuple[str, ...]:
        """The engagement's own words: title, description and the counterpart's name."""
        cp = self.counterpart
        return tuple(t for t in (self.title, self.description, cp.name if cp else None) if t)

    @property
    def politicians_represent_the_city(self) -> bool:
        """A borgarråd, the finansborgarråd or KF's presidium takes part (contract §7.5)."""
        return not REPRESENTING_THE_CITY.isdisjoint(self.participants)

    @property
    def has_benefit(self) -> bool:
        return bool(self.benefit and self.benefit.strip())

    @property
    def has_existing_forum(self) -> bool:
        return bool(self.existing_forum and self.existing_forum.strip())


class Citation(BaseModel):
    model_config = ConfigDict(frozen=True)

    section: str
    text: str


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    outcome: Outcome
    message: str
    citation: Citation


class Routing(BaseModel):
    """Who decides and why; ``coordinated_by`` the body that coordinates without deciding
    (kommunstyrelsen for significant visits, contract §7.2)."""

    model_config = ConfigDict(frozen=True)

    rule: str
    reason: str
    citation: Citation
    coordinated_by: Owner | None = None


class PriorityFactor(BaseModel):
    """One documented factor of the priority score and its points."""

    model_config = ConfigDict(frozen=True)

    factor: str
    points: int
    label: str


class RulebookInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    version: str
    source: str


class Assessment(BaseModel):
    """The advisory result of screening one engagement (contract §2).

    Beyond the contract's fields: ``priority_factors`` explains the priority,
    ``advisory`` says in the reader's language that this is advice, not a
    decision, and ``screened_on`` records the date the rules were applied for.
    """

    model_config = ConfigDict(frozen=True)

    verdict: Verdict
    decision_owner: Owner
    decision_owner_label: str
    routing: Routing
    priority: Priority | None
    priority_factors: list[PriorityFactor]
    findings: list[Finding]
    next_steps: list[str]
    rulebook: RulebookInfo
    screened_on: date
    advisory: str
