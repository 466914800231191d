"""The assessment card shows exactly what ``policy.assess`` says, grouped and quotable."""

from __future__ import annotations

from pathlib import Path

import pytest

from cards import verbs
from cards.elements import citation_text
from cards.escape import escape
from cards.i18n import outcome_label
from cards.result import OUTCOME_ORDER, result_card
from dialogs.fields import to_values
from policy import Assessment, Owner, assess, parse_engagement

from ..dialogs.chat import CASES, TODAY, load_case
from .cardtools import action, by_id, texts, walk


def _assessed(path: Path, lang: str) -> tuple[Assessment, dict]:  # type: ignore[type-arg]
    engagement = load_case(path)["engagement"]
    e = parse_engagement(engagement, lang)  # type: ignore[arg-type]
    a = assess(e, lang, today=TODAY)  # type: ignore[arg-type]
    card = result_card(a, title=e.title, kind=e.kind.value, values=to_values(engagement),
                       lang=lang)  # type: ignore[arg-type]
    return a, card


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_findings_are_grouped_by_outcome_most_severe_first_each_with_its_quote_a_click_away(
    path: Path, lang: str
) -> None:
    a, card = _assessed(path, lang)
    groups = [el for el in walk(card) if str(el.get("id", "")).startswith("group-")]
    present = [o for o in OUTCOME_ORDER if any(f.outcome is o for f in a.findings)]
    assert [g["id"] for g in groups] == [f"group-{o.value}" for o in present]
    for group, outcome in zip(groups, present, strict=True):
        assert group["items"][0]["text"].startswith(outcome_label(outcome, lang))  # type: ignore[arg-type]
        mine = [f for f in a.findings if f.outcome is outcome]
        shown = [el["text"] for el in group["items"][1:] if el["type"] == "TextBlock"]
        assert shown == [escape(f"{f.rule}: {f.message}") for f in mine]
        # one link for the group, revealing the strategy's words behind each of its reasons
        (toggle,) = [el for el in walk(group) if el["type"] == "Action.ToggleVisibility"]
        (target,) = toggle["targetElements"]
        quotes = by_id(group, target)
        assert quotes["isVisible"] is False
        for f in mine:
            assert citation_text(f.citation.text, lang)["text"] in texts(quotes)  # type: ignore[arg-type]
            assert any(f.rule in line for line in texts(quotes))
    toggles = [el for el in walk(card) if el["type"] == "Action.ToggleVisibility"]
    assert len(toggles) == len(present) + 1  # a link a group, and the routing
    titles = [toggle["title"] for toggle in toggles]
    assert len(set(titles)) == len(titles), "each link says what it shows"
    for toggle in toggles:
        (target,) = toggle["targetElements"]
        assert by_id(card, target)["isVisible"] is False


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_the_card_states_the_advice_the_owner_and_its_reason_and_the_next_steps(
    path: Path, lang: str
) -> None:
    a, card = _assessed(path, lang)
    lines = texts(card)
    assert escape(a.advisory) in lines
    advisory = "Rådgivande" if lang == "sv" else "Advisory"
    assert [line for line in lines if advisory in line] == [escape(a.advisory)], \
        "the card says once, plainly, that it is advice"
    assert by_id(card, f"owner-{a.decision_owner.value}")["text"] == escape(
        a.decision_owner_label)
    assert escape(a.routing.reason) in lines
    for step in a.next_steps:
        assert f"• {escape(step)}" in lines
    assert [x["verb"] for x in card["actions"]] == [verbs.WIZARD_EDIT, verbs.WIZARD_START]
    assert action(card, verbs.WIZARD_EDIT)["data"]["values"] == to_values(
        load_case(path)["engagement"])


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_priority_and_its_factors_are_shown_where_the_finance_commissioner_decides(
    path: Path,
) -> None:
    a, card = _assessed(path, "sv")
    ids = {el.get("id") for el in walk(card)}
    if a.decision_owner is Owner.FINANSBORGARRADET_IB and a.priority is not None:
        assert "priority" in ids
        lines = texts(card)
        for f in a.priority_factors:
            assert f"{f.label}: {f.points:+d}" in lines
    else:
        assert "priority" not in ids


def test_the_paris_summit_shows_a_low_priority_with_its_factors() -> None:
    path = next(p for p in CASES if p.stem == "paris-summit")
    a, card = _assessed(path, "sv")
    assert by_id(card, "priority")["text"] == "Prioritet: låg"
    assert a.priority_factors
