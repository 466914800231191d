"""The wizard's help texts say what the strategy says, no stricter and no looser.

Each help text that paraphrases a rule is held against that rule's (or route's) quote:
the strategy's own key words stand in both, and the help never uses a stronger verb
than the quote ("bör … exempelvis" is no "kräver minst").
"""

from __future__ import annotations

import re

import pytest

from cards.fields import FIELDS
from cards.i18n import help_text
from policy import registry
from policy.routing import ROUTES

_RULES = {reg.rule.id: reg.rule for reg in registry()}
_ROUTES = {r.id: r for r in ROUTES}


def _quote(ref: str) -> str:
    if ref in _ROUTES:
        return _ROUTES[ref].quote
    rule = _RULES[ref]
    return " ".join((rule.quote, *rule.also_quotes))


# field: (rule or route, the strategy's words that the Swedish help must repeat)
PARAPHRASES: dict[str, tuple[str, str]] = {
    "foreign_policy": ("P1", "Sveriges relation"),
    "review_years": ("P5", "omprövas regelbundet (exempelvis vart fjärde år)"),
    "prioritised_visit": ("P6", "särskilt prioriter"),
    "financing": ("P7", "hela finansieringen"),
    "concrete_exchange": ("P3", "konkret utbyte"),
    "thematic_area": ("P3", "tematiskt område"),
    "within_initiative": ("P4", "initiativ"),
    "existing_forums_checked": ("S1", "ska undersökas innan nya samarbetsformer initieras"),
    "active_role": ("S2", "aktiv"),
    "linked_to_operational_plan": ("S3", "tydlig koppling"),
    "within_budget": ("W1", "ekonomisk ram"),
    "increases_resource_burden": ("W4", "resursbörda"),
    "high_political_level": ("R-KS-VISIT", "koordinerar"),
    "membership_body": ("R-KF-ORG", "nya medlemskap i stadsövergripande"),
    "renewal": ("R-KF-ORG", "nya medlemskap i stadsövergripande"),
    "on_behalf_of_ks": ("R-IB-EVENT", "på uppdrag av kommunstyrelsen"),
}

# A quote's verb: "ska" binds, "bör" recommends, "kan" permits. Words a help text may
# only use where its quote says "ska", because they bind.
_BINDING = {"sv": ("ska ", "måste", "kräver", "krävs", "minst"),
            "en": ("must", "require", "at least", "is to be")}


def _binds(quote: str) -> bool:
    return bool(re.search(r"\bska\b", quote))


# The help texts whose quote does not bind (where a binding quote stands, "ska" may too).
NOT_BINDING = sorted(f for f, (ref, _) in PARAPHRASES.items() if not _binds(_quote(ref)))


def test_the_recommending_and_permitting_quotes_are_the_ones_expected() -> None:
    assert {PARAPHRASES[f][0] for f in NOT_BINDING} == {
        "P1", "P4", "P5", "P6", "P7", "W4", "R-KS-VISIT", "R-KF-ORG", "R-IB-EVENT"}


@pytest.mark.parametrize("field", NOT_BINDING)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_help_text_binds_no_more_than_the_strategy_does(field: str, lang: str) -> None:
    text = help_text(field, lang).lower()
    assert not [w for w in _BINDING[lang] if w in text], (field, lang, text)


def test_a_recommendation_in_the_strategy_is_a_recommendation_in_the_help() -> None:
    """P5 says "bör … exempelvis": the help says so, and not "kräver minst"."""
    assert not _binds(_quote("P5"))
    assert "bör omprövas regelbundet" in help_text("review_years", "sv")


def test_the_review_help_says_should_for_example_every_fourth_year() -> None:
    assert "kräver" not in help_text("review_years", "sv")
    assert "requires" not in help_text("review_years", "en")
    assert "should be reviewed regularly (for example every fourth year)" in help_text(
        "review_years", "en")


def test_every_field_the_table_names_has_a_help_text() -> None:
    assert set(PARAPHRASES) <= set(FIELDS)
