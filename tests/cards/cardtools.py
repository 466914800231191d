"""Looking inside Adaptive Cards in tests: the 1.5 schema, and walking the elements."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import adaptive_cards
import jsonschema

from cards.elements import walk

SCHEMA_PATH = Path(adaptive_cards.__file__).parent / "schemas" / "schema-1.5.json"


@cache
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def schema_errors(card: dict[str, Any]) -> list[str]:
    """Every way ``card`` breaks the Adaptive Cards 1.5 schema (best match first)."""
    errors = sorted(validator().iter_errors(card), key=jsonschema.exceptions.relevance)
    out = []
    for e in errors:
        best = jsonschema.exceptions.best_match([e])
        out.append(f"{'/'.join(map(str, best.absolute_path))}: {best.message[:300]}")
    return out




def texts(card: dict[str, Any]) -> list[str]:
    """The text of every TextBlock and fact, in order."""
    out: list[str] = []
    for el in walk(card):
        if el["type"] == "TextBlock":
            out.append(el["text"])
        elif el["type"] == "Fact":
            out.append(f"{el['title']}: {el['value']}")
    for el in walk(card):
        if el["type"] == "FactSet":
            out += [f"{f['title']}: {f['value']}" for f in el["facts"]]
    return out


def by_id(card: dict[str, Any], element_id: str) -> dict[str, Any]:
    found = [el for el in walk(card) if el.get("id") == element_id]
    assert found, f"no element {element_id!r}"
    return found[0]


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The card's inputs by id."""
    return {el["id"]: el for el in walk(card) if el["type"].startswith("Input.")}


def executes(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every Action.Execute on the card (card actions and action sets)."""
    return [el for el in walk(card) if el["type"] == "Action.Execute"]


def action(card: dict[str, Any], verb: str) -> dict[str, Any]:
    found = [a for a in executes(card) if a["verb"] == verb]
    assert found, f"no action with verb {verb!r}; have {[a['verb'] for a in executes(card)]}"
    return found[0]
