"""The wizard's fields: which to ask at each step, how to ask them, and how the raw
card values become the contract's JSON (and back).

Which fields a kind asks comes from ``policy.questions`` only; how a field is
asked (date, yes/no, choice …) is read from the contract's own model, so a
field added to the contract needs nothing here but its label and help text.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.types import StringConstraints

from cards.wizard import UNKNOWN, Widget
from policy import Counterpart, Engagement, Kind, fields_for, required_for
from policy.models import REPRESENTING_THE_CITY
from policy.questions import COMMON_FIELDS

__all__ = [
    "ALL_FIELDS",
    "MAX_RAW",
    "as_raw",
    "clean_values",
    "details_fields",
    "is_blank",
    "owner_fields",
    "question_fields",
    "required",
    "to_contract",
    "to_values",
    "widget_for",
]

MAX_RAW = 20_000  # a raw value is kept up to this many characters; the contract says less
_LONG_TEXT_FROM = 1000  # a string field allowing this many characters gets a multiline box


# Which fields a kind asks is fixed once the rules are registered (``ALL_FIELDS`` below is
# worked out at import too), and a wizard turn asks it a few dozen times: each answer is
# kept (issue 13).
@cache
def details_fields(kind: Kind) -> tuple[str, ...]:
    """The common details; scope among them where the kind asks it (not trips, conferences,
    twinning)."""
    common = list(COMMON_FIELDS)
    if "scope" in fields_for(kind):
        common.insert(common.index("unit") + 1, "scope")
    return tuple(common)


@cache
def question_fields(kind: Kind) -> tuple[str, ...]:
    """The kind's own questions, in ``fields_for`` order (scope is asked with the details)."""
    return tuple(f for f in fields_for(kind) if f != "scope")


def _all_fields() -> tuple[str, ...]:
    seen: dict[str, None] = {"kind": None}
    for k in Kind:
        seen.update(dict.fromkeys(details_fields(k)))
        seen.update(dict.fromkeys(question_fields(k)))
    return tuple(seen)


ALL_FIELDS: tuple[str, ...] = _all_fields()


def _annotation(name: str) -> Any:
    model: type[BaseModel] = Engagement
    attr = name
    if name.startswith("counterpart."):
        model, attr = Counterpart, name.split(".", 1)[1]
    return model.model_fields[attr].annotation


def _unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """The bare type under Optional/Annotated, and the Annotated metadata met on the way."""
    meta: list[Any] = []
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            args = get_args(tp)
            meta.extend(args[1:])
            tp = args[0]
        elif origin in (Union, types.UnionType):
            rest = [a for a in get_args(tp) if a is not type(None)]
            if len(rest) != 1:
                return tp, meta
            tp = rest[0]
        else:
            return tp, meta


@cache
def widget_for(name: str) -> tuple[Widget, tuple[str, ...]]:
    """How to ask ``name``, and its options for choices, read from the contract model."""
    if name == "kind":
        return Widget.CHOICE, tuple(k.value for k in Kind)
    tp, meta = _unwrap(_annotation(name))
    if get_origin(tp) is list:
        (item,) = get_args(tp)
        return Widget.MULTI_CHOICE, tuple(m.value for m in item)
    if isinstance(tp, type):
        if issubclass(tp, bool):
            return Widget.YES_NO, ()
        if issubclass(tp, StrEnum):
            return Widget.CHOICE, tuple(m.value for m in tp)
        if issubclass(tp, date):
            return Widget.DATE, ()
        if issubclass(tp, int | float):
            return Widget.NUMBER, ()
    longest = max((m.max_length or 0 for m in meta if isinstance(m, StringConstraints)),
                  default=0)
    return (Widget.LONG_TEXT if longest >= _LONG_TEXT_FROM else Widget.TEXT), ()


def _number_type(name: str) -> type[int] | type[float]:
    tp, _ = _unwrap(_annotation(name))
    return int if isinstance(tp, type) and issubclass(tp, int) else float


def as_raw(value: object) -> str:
    """A submitted value as the raw string the card holds."""
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(as_raw(v) for v in value if v is not None)
    return str(value)[:MAX_RAW]


def clean_values(data: Mapping[str, object], names: Iterable[str] = ALL_FIELDS) -> dict[str, str]:
    """The wizard fields among ``data``, as raw strings; anything else is ignored."""
    return {n: as_raw(data[n]) for n in names if n in data}


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_CURRENCY = re.compile(r"(?i)\s*(kr|kronor|sek|:-)\.?\s*$")


def _number(name: str, raw: str) -> object:
    """``raw`` as a number if it reads as one ("1 400 000 kr", "1,5"); else ``raw`` itself,
    so the contract's validation explains the problem in its own words."""
    s = _SPACES.sub("", _CURRENCY.sub("", raw))
    if re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")
    try:
        number = float(s)
    except ValueError:
        return raw
    if _number_type(name) is int:
        return int(number) if number.is_integer() else raw
    return number


_BOOL = {"true": True, "false": False, "ja": True, "nej": False, "yes": True, "no": False}


def is_blank(raw: str | None) -> bool:
    """Nothing answered: empty, or the "Not known yet" choice."""
    return (raw or "").strip().lower() in ("", UNKNOWN)


def _convert(name: str, raw: str) -> object:
    widget, _ = widget_for(name)
    if widget is Widget.YES_NO:
        low = raw.lower()
        if low in ("null", "none"):
            return None
        return _BOOL.get(low, raw)
    if widget is Widget.NUMBER:
        return _number(name, raw)
    if widget is Widget.MULTI_CHOICE:
        return [p.strip() for p in raw.split(",") if p.strip()]
    return raw


def to_contract(values: Mapping[str, str], kind: Kind) -> dict[str, Any]:
    """The contract's JSON for what the user has entered, for the fields ``kind`` asks.

    Empty answers are left out ("not known yet"); values for fields another kind
    asks stay in the wizard but are not sent.
    """
    out: dict[str, Any] = {"kind": kind.value}
    counterpart: dict[str, Any] = {}
    for name in (*details_fields(kind), *question_fields(kind)):
        raw = values.get(name, "").strip()
        if is_blank(raw):
            continue
        value = _convert(name, raw)
        if value is None:
            continue
        if name.startswith("counterpart."):
            counterpart[name.split(".", 1)[1]] = value
        else:
            out[name] = value
    if counterpart:
        out["counterpart"] = counterpart
    return out


def _raw_of(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return as_raw(value)


def to_values(engagement: Mapping[str, Any]) -> dict[str, str]:
    """The wizard's raw values for a contract JSON (to edit a stored assessment)."""
    out: dict[str, str] = {}
    for key, value in engagement.items():
        if key == "counterpart" and isinstance(value, Mapping):
            for sub, v in value.items():
                if v is not None:
                    out[f"counterpart.{sub}"] = _raw_of(v)
        elif value is not None and key in ALL_FIELDS:
            out[key] = _raw_of(value)
    return out


def required(kind: Kind, values: Mapping[str, str] | None = None) -> frozenset[str]:
    """Fields that may not be left empty: the title, and those the owner depends on. With
    the ``values`` entered: a trip or conference with a borgarråd, the finansborgarråd or
    KF's presidium among the participants goes as on behalf of kommunstyrelsen unless
    the user says otherwise, so ``on_behalf_of_ks`` may stay empty (contract §7.5)."""
    names = _required(kind)
    if values is not None and "on_behalf_of_ks" in names:
        chosen = {p.strip() for p in values.get("participants", "").split(",")}
        if chosen & _REPRESENTING_THE_CITY:
            return names - {"on_behalf_of_ks"}
    return names


_REPRESENTING_THE_CITY = frozenset(p.value for p in REPRESENTING_THE_CITY)


@cache
def _required(kind: Kind) -> frozenset[str]:
    return frozenset({"title", *required_for(kind)})


@cache
def owner_fields(kind: Kind) -> frozenset[str]:
    """The fields the decision owner depends on for ``kind`` (``policy.required_for``)."""
    return frozenset(required_for(kind))

