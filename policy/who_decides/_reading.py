"""Reading a question: the longest lexicon phrase at each position gives its cues (the
kind, the routing fields, who takes part, foreign policy); a negation flips a yes/no cue;
the language is the one the words read more of."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from .._lexicon import (
    EN_FUNCTION_WORDS,
    KIND_PRIORITY,
    NEGATABLE,
    NEGATED_BY_AFTER,
    NEGATIONS,
    Entry,
)
from .._stems import en_key, fold, sv_key
from .._stems import tokens as _tokens
from ..models import Kind, Lang, Scope
from ._index import _SV_WORDS, _Index, _resolve, lexicon_index
from ._keys import CHANNELS


@dataclass(slots=True)
class _Reading:
    kinds: set[Kind] = field(default_factory=set)
    weak_kinds: set[Kind] = field(default_factory=set)
    values: dict[str, set[Any]] = field(default_factory=lambda: defaultdict(set))


def _matches(keys: tuple[str, ...], ix: _Index) -> Iterator[tuple[int, int, Entry]]:
    i = 0
    phrases = ix.phrases
    while i < len(keys):
        width = 1
        for phrase in phrases.get(keys[i], ()):
            n = len(phrase.keys)
            # The bucket is the first key's, so a phrase of one word matches.
            if n == 1 or keys[i : i + n] == phrase.keys:
                width = n
                for entry in phrase.entries:
                    yield i, i + n, entry
                break
        i += width


def _negated(folded: list[str], start: int, end: int, entry: Entry) -> bool:
    for j in range(max(0, start - 3), start):
        word = folded[j]
        if word in NEGATIONS and not (
            word == "utan" and any(w in NEGATED_BY_AFTER for w in folded[max(0, j - 8) : j])
        ):
            return True
    return entry.negated_after and end < len(folded) and folded[end] in NEGATIONS


def _lang_of(tokens: list[str], folded: list[str]) -> Lang:
    """English when the words read more English than Swedish; Swedish otherwise."""
    sv = en = 0
    index = lexicon_index()
    sv_vocab, en_vocab = index["sv"].vocab, index["en"].vocab
    for t, f in zip(tokens, folded, strict=True):
        if "å" in t or "ä" in t or "ö" in t:
            sv += 3
        if t in _SV_WORDS or f in _SV_WORDS:
            sv += 1
        if t in EN_FUNCTION_WORDS:
            en += 1
        in_sv = sv_key(t) in sv_vocab
        in_en = en_key(t) in en_vocab
        if in_sv and not in_en:
            sv += 1
        elif in_en and not in_sv:
            en += 1
    return "en" if en > sv else "sv"


def _read(question: str) -> tuple[_Reading, Lang]:
    tokens = _tokens(question)
    folded = [fold(t) for t in tokens]
    lang = _lang_of(tokens, folded)
    reading = _Reading()
    index = lexicon_index()
    for channel in CHANNELS:
        primary = channel in ("form", lang)
        keys = tuple([_resolve(t, channel, primary) for t in tokens])
        for start, end, entry in _matches(keys, index[channel]):
            for cue in entry.cues:
                if cue.feature == "kind" and isinstance(cue.value, Kind):
                    reading.kinds.add(cue.value)
                elif cue.feature == "weak_kind" and isinstance(cue.value, Kind):
                    reading.weak_kinds.add(cue.value)
                elif cue.feature in NEGATABLE and _negated(folded, start, end, entry):
                    reading.values[cue.feature].add(not cue.value)
                else:
                    reading.values[cue.feature].add(cue.value)
    return reading, lang


def detect_lang(question: str) -> Lang:
    """English when the question reads more English than Swedish; Swedish otherwise."""
    tokens = _tokens(question)
    return _lang_of(tokens, [fold(t) for t in tokens])


def _kind_of(reading: _Reading) -> Kind | None:
    for pool in (reading.kinds, reading.weak_kinds):
        for k in KIND_PRIORITY:
            if k in pool:
                return k
    return None


_SCOPE_WIDTH: Final = {Scope.SINGLE_OPERATION: 0, Scope.SEVERAL_OPERATIONS: 1, Scope.CITY_WIDE: 2}


def _one(values: set[Any]) -> Any:
    """The value the question states, or None when it states none or contradicts itself."""
    return next(iter(values)) if len(values) == 1 else None


def _fields_of(reading: _Reading) -> dict[str, Any]:
    """The routing fields the question states, by their contract names."""
    v = reading.values
    political, staff = True in v["political"], True in v["staff"]
    scope = max(v["scope"], key=_SCOPE_WIDTH.__getitem__, default=None)
    on_behalf = _one(v["on_behalf"])
    if on_behalf is None and not v["on_behalf"]:
        # The city's own politicians, or anyone representing the whole city, go
        # on the board's behalf (contract §1); officials and one operation's
        # own people go as part of that operation.
        if political or scope is Scope.CITY_WIDE:
            on_behalf = True
        elif staff or scope is Scope.SINGLE_OPERATION:
            on_behalf = False
    high = _one(v["high"] | ({True} if political else set()))
    if high is None and not v["high"] and staff:
        high = False
    fields = {
        "on_behalf_of_ks": on_behalf,
        "increases_resource_burden": _one(v["burden"]),
        "scope": scope,
        "membership_body": _one(v["body"]),
        "high_political_level": high,
        # A membership is new unless the question says it exists ("nya medlemskap", §5).
        "renewal": True in v["renewal"],
    }
    return {k: val for k, val in fields.items() if val is not None}
