"""The lexicon, indexed once per channel, and a token resolved to its lexicon key (with
compounds and typos: a SymSpell delete index and the optimal string alignment distance)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from typing import Final

from .._lexicon import EN_FUNCTION_WORDS, LEXICON, SV_FUNCTION_WORDS, Entry
from .._stems import fold
from .._stems import tokens as _tokens
from ._keys import _KEY, CHANNELS, Channel, _keys


@dataclass(frozen=True, slots=True)
class _Phrase:
    keys: tuple[str, ...]
    entries: tuple[Entry, ...]


def _channel(entry: Entry) -> Channel:
    return "form" if entry.match == "form" else entry.lang


def _max_typos(length: int) -> int:
    return 0 if length < 5 else 1 if length < 8 else 2


def _deletes(word: str, depth: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


@dataclass(slots=True)
class _Index:
    phrases: dict[str, list[_Phrase]] = field(default_factory=dict)  # by first key
    vocab: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # the phrases' words as written, folded
    base: set[str] = field(default_factory=set)  # the words' own keys: typo targets
    heads: set[str] = field(default_factory=set)  # keys that may end a compound
    deletes: dict[str, set[str]] = field(default_factory=dict)  # SymSpell, for typos


def _build_index() -> dict[Channel, _Index]:
    grouped: dict[Channel, dict[tuple[str, ...], list[Entry]]] = {c: {} for c in CHANNELS}
    indexes = {c: _Index() for c in CHANNELS}
    for entry in LEXICON:
        channel = _channel(entry)
        ix = indexes[channel]
        for phrase in entry.phrases:
            words = _tokens(phrase)
            last = len(words) - 1
            variants = product(*(sorted(_keys(w, channel, last > 0, i == last))
                                 for i, w in enumerate(words)))
            ix.words.update(fold(w) for w in words)
            ix.base.update(_KEY[channel](w) for w in words)
            for keys in variants:
                ix.vocab.update(keys)
                if len(keys) == 1 and entry.compound != "no":
                    ix.heads.add(keys[0])
                    grouped[channel].setdefault(("+" + keys[0],), []).append(entry)
                if len(keys) > 1 or entry.compound != "only":
                    grouped[channel].setdefault(keys, []).append(entry)
    for channel, phrases in grouped.items():
        ix = indexes[channel]
        for keys, entries in phrases.items():
            ix.phrases.setdefault(keys[0], []).append(_Phrase(keys, tuple(dict.fromkeys(entries))))
        for bucket in ix.phrases.values():
            bucket.sort(key=lambda p: -len(p.keys))
        for word in ix.base:
            if depth := _max_typos(len(word)):
                for variant in _deletes(word, depth):
                    ix.deletes.setdefault(variant, set()).add(word)
    return indexes


@lru_cache(maxsize=1)
def lexicon_index() -> dict[Channel, _Index]:
    """The lexicon indexed per channel: built on first use, not at import (about 0.1 s:
    a process that answers no question, or its first one later, starts without it;
    ``bot.hosting.server``'s warm-up builds it in a thread beside the server's start)."""
    return _build_index()


_FUNCTION_WORDS: Final = frozenset(
    {fold(w) for w in SV_FUNCTION_WORDS} | {fold(w) for w in EN_FUNCTION_WORDS}
)
# Swedish function words that stay Swedish when typed without å, ä, ö ("for" does not).
_SV_WORDS: Final = frozenset(SV_FUNCTION_WORDS) | (
    frozenset(fold(w) for w in SV_FUNCTION_WORDS) - EN_FUNCTION_WORDS
)


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein without repeated edits)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _nearest(key: str, ix: _Index, keep_ending: bool) -> str | None:
    """The closest lexicon word within the typo budget that starts with the same letter.

    ``keep_ending``: the last two letters must agree too, where the ending
    carries meaning ("committee" is not a typo of "committees").
    """
    budget = _max_typos(len(key))
    found: set[str] = set()
    for variant in _deletes(key, budget):
        found |= ix.deletes.get(variant, set())
    best: tuple[int, str] | None = None
    for word in found:
        if word[0] != key[0] or (keep_ending and word[-2:] != key[-2:]):
            continue
        distance = _osa(key, word)
        if distance <= min(budget, _max_typos(len(word))) and (
            best is None or (distance, word) < best
        ):
            best = (distance, word)
    return best[1] if best else None


# In the channel of the other language a short stem counts only for a word
# the lexicon writes just so ("twinning" in Swedish; "reset" is no "resa"),
# and no typos are corrected.
_DISTINCTIVE: Final = 5
_NO_KEY: Final = ""


@lru_cache(maxsize=1 << 16)
def _resolve(token: str, channel: Channel, primary: bool) -> str:
    """The lexicon key a token stands for in ``channel``, or ``_NO_KEY``."""
    ix = lexicon_index()[channel]
    key = _KEY[channel](token)
    if key in ix.vocab:
        distinct = len(key) >= _DISTINCTIVE or fold(token) in ix.words
        return key if primary or distinct else _NO_KEY
    for i in range(3, len(key) - 2):  # the longest known last part of a compound
        if (head := key[i:]) in ix.heads:
            return "+" + head if primary or len(head) >= _DISTINCTIVE else _NO_KEY
    if primary and fold(token) not in _FUNCTION_WORDS:
        # A typo can derail the stemmer ("konferns" → "konf"): try the word too.
        for probe in dict.fromkeys((key, fold(token))):
            if len(probe) >= 5 and (near := _nearest(probe, ix, channel == "form")):
                return near
    return _NO_KEY
