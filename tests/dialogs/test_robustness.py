"""Whatever arrives, the dialogs answer with a valid card and JSON state, never an error."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cards import verbs
from dialogs.conversation import handle
from dialogs.fields import ALL_FIELDS, widget_for
from dialogs.turn import Turn

from ..cards.cardtools import schema_errors, texts

_text = st.text(max_size=40)
_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), _text)


def _field_value(name: str) -> st.SearchStrategy[Any]:
    _, options = widget_for(name)
    likely = st.sampled_from(options) if options else st.sampled_from(
        ["", "true", "false", "2025-01-01", "12 000 kr", "-3", "1e999"])
    return st.one_of(likely, _scalar, st.lists(_text, max_size=3))


_data = st.fixed_dictionaries(
    {},
    optional={
        **{n: _field_value(n) for n in ALL_FIELDS},
        "step": st.sampled_from(["kind", "details", "questions", "summary", "x", ""]),
        "id": _scalar,
        "question": _scalar,
        "context": st.one_of(_scalar, st.dictionaries(_text, _scalar, max_size=2)),
        "values": st.one_of(_scalar, st.dictionaries(st.sampled_from(ALL_FIELDS), _scalar)),
    },
)
_turn = st.builds(
    Turn,
    text=st.one_of(st.none(), _text, st.sampled_from(["ny", "avbryt", "mina", "hjälp"])),
    verb=st.one_of(st.none(), st.sampled_from(sorted(verbs.ALL)), _text),
    data=_data,
    locale=st.sampled_from([None, "sv-SE", "en-US", "fi", ""]),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(turns=st.lists(_turn, min_size=1, max_size=6))
def test_any_sequence_of_turns_gets_valid_cards_and_json_state_and_never_an_error(
    turns: list[Turn],
) -> None:
    conv: Any = None
    user: Any = None
    for turn in turns:
        conv, user, reply = handle(conv, user, turn, today=date(2025, 6, 1))
        conv, user = json.loads(json.dumps(conv)), json.loads(json.dumps(user))
        assert reply.cards or reply.effect is not None  # an effect: the bot shows its outcome
        for card in reply.cards:
            assert schema_errors(card) == []
            assert "Något gick fel" not in texts(card)
            assert "Something went wrong" not in texts(card)
