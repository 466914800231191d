"""Hypothesis strategies for valid engagements (and for raw, possibly invalid input)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from policy import (
    CounterpartType,
    Direction,
    Financing,
    Kind,
    MembershipBody,
    Participant,
    Scope,
)
from policy.models import REQUIRED_BY_KIND

maybe_bool = st.one_of(st.none(), st.booleans())
BOOL_FIELDS = (
    "mutual_benefit", "concrete_exchange", "foreign_policy", "within_budget",
    "programme_available", "active_role", "invitation_transferable",
    "existing_forums_checked", "linked_to_operational_plan", "within_initiative",
    "prioritised_visit", "high_political_level", "on_behalf_of_ks", "increases_resource_burden",
)
text = st.text(min_size=0, max_size=30)


@st.composite
def engagements(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(list(Kind)))
    data: dict[str, Any] = {"kind": kind.value, "title": draw(st.text(min_size=1, max_size=40).filter(str.strip))}
    for field in BOOL_FIELDS:
        value = draw(maybe_bool)
        if value is not None:
            data[field] = value
    optional: dict[str, Any] = {
        "scope": st.sampled_from([s.value for s in Scope]),
        "membership_body": st.sampled_from([m.value for m in MembershipBody]),
        "financing": st.sampled_from([f.value for f in Financing]),
        "directions": st.lists(st.sampled_from([d.value for d in Direction]), max_size=4),
        "participants": st.lists(st.sampled_from([p.value for p in Participant]), max_size=3),
        "benefit": text,
        "thematic_area": text,
        "existing_forum": text,
        "cost_sek": st.one_of(st.integers(0, 5_000_000), st.floats(0, 5e6)),
        "review_years": st.integers(1, 10),
        "counterpart": st.fixed_dictionaries(
            {}, optional={
                "name": st.one_of(text, st.sampled_from(["Oslo", "Helsinki", "Taipei"])),
                "type": st.sampled_from([c.value for c in CounterpartType]),
            }),
        "start_date": st.dates().map(str),
        "screened_on": st.dates().map(str),
    }
    for field, strategy in optional.items():
        if draw(st.booleans()):
            data[field] = draw(strategy)
    for field, kinds in REQUIRED_BY_KIND.items():
        if kind in kinds and data.get(field) is None:
            data[field] = draw(
                st.sampled_from([s.value for s in Scope]) if field == "scope"
                else st.sampled_from([m.value for m in MembershipBody]) if field == "membership_body"
                else st.booleans()
            )
    return data


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=12), children, max_size=4)),
    max_leaves=12,
)
