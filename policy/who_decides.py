"""Free-text "Who decides?" questions (contract §5), answered with the routing table of §4.

Pure Python: no I/O beyond the package's own data, no network, no SDK.

How a question is read:

1. Tokens are lower-cased and keyed three ways: a Swedish stem, an English
   stem and the written form. The lexicon (``_lexicon``) is filed under the
   same keys, also as typed without å, ä, ö ("kommunfullmaktige" meets
   "kommunfullmäktige") and, in Swedish, under its usual inflected forms. A
   token that is no word of the lexicon is tried as a compound
   ("miljönämnden" → "nämnden") and then, in the question's language,
   corrected to the nearest lexicon word (Damerau-Levenshtein ≤ 1, or ≤ 2
   from eight letters; the first letter must agree).
2. The longest lexicon phrase at each position gives its cues: the kind, the
   routing fields, who takes part, foreign policy. A negation just before
   ("inte på uppdrag av kommunstyrelsen") flips a yes/no cue.
3. The kind and the fields known (from the question, overridden by
   ``context``) are matched against every combination of the routing fields,
   each routed by ``policy.routing.route_for``: one owner settles the answer;
   several give candidates, each with the least it takes to get there, and
   one clarifying question — the field whose answer leaves the fewest owners.

The result, ``WhoDecides``, serialises to the contract's JSON plus three
documented extras: ``lang``, ``route``, ``options`` and ``coordinated_by`` (the
body that coordinates what the owner decides: kommunstyrelsen for significant visits).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations, product
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict

from ._cues import find as find_cues
from ._lexicon import (
    EN_FUNCTION_WORDS,
    KIND_PRIORITY,
    LEXICON,
    NEGATABLE,
    NEGATED_BY_AFTER,
    NEGATIONS,
    SV_FUNCTION_WORDS,
    Entry,
)
from ._stems import MAX_CHARS, en_key, fold, inflections, sv_key, tokens
from .labels import KIND_LABELS
from .models import Citation, Engagement, Kind, Lang, MembershipBody, Owner, Scope
from .routing import ROUTES, Route, owner_label, route_for
from .rulebook import STRATEGY_IN_FORCE, Context
from .rules import P1, P1_FOOTNOTE, P2, no_twinning
from .situations import SEVERAL_KINDS, SITUATIONS, Situation

__all__ = ["Candidate", "ClarifyOption", "WhoDecides", "answer", "detect_lang"]



# ---------------------------------------------------------------------------
# The answer
# ---------------------------------------------------------------------------


class Candidate(BaseModel):
    """One possible decision owner while the question leaves it open.

    ``value`` is what this owner presumes: the kind and the routing fields
    (contract §1 names and values). Passed back as ``context`` with the
    question, it settles the answer to this owner.
    """

    model_config = ConfigDict(frozen=True)

    decision_owner: Owner
    label: str
    condition: str
    value: dict[str, Any]


class ClarifyOption(BaseModel):
    """One answer to the clarifying question, for a button; ``value`` goes back as ``context``."""

    model_config = ConfigDict(frozen=True)

    label: str
    value: dict[str, Any]


class WhoDecides(BaseModel):
    """The answer to a "Who decides?" question (contract §5).

    Beyond the contract's keys: ``lang`` the language answered in, ``route``
    the routing rule of a settled owner (e.g. ``"R-KF-ORG"``), ``options`` the
    answers to ``clarify``, ``coordinated_by`` a body that coordinates without
    deciding (contract §7.2).
    """

    model_config = ConfigDict(frozen=True)

    kind: Kind | None
    decision_owner: Owner | None
    allowed: bool
    candidates: list[Candidate]
    clarify: str | None
    answer: str
    citations: list[Citation]
    lang: Lang
    route: str | None = None
    options: list[ClarifyOption] = []
    coordinated_by: Owner | None = None


# ---------------------------------------------------------------------------
# Keys: folding and stemming
# ---------------------------------------------------------------------------

Channel = Literal["sv", "en", "form"]
CHANNELS: Final[tuple[Channel, ...]] = ("sv", "en", "form")

_fold = fold
_tokens = tokens
_sv_key = sv_key
_en_key = en_key


def _form_key(token: str) -> str:
    return token


_KEY: Final[Mapping[Channel, Callable[[str], str]]] = {
    "sv": _sv_key, "en": _en_key, "form": _form_key,
}
# Typed without å, ä, ö, a word is still recognised if it is long enough not to
# become another word ("natverket", but not "mot" for "möte"), or inside a phrase.
_FOLDED_FROM: Final = 5


_inflections = inflections


def _keys(word: str, channel: Channel, in_phrase: bool, inflect: bool) -> set[str]:
    """The keys a lexicon word is filed under: as written, and as typed without å, ä, ö."""
    forms = _inflections(word) if inflect and channel == "sv" else {word}
    key = _KEY[channel]
    keys = {key(f) for f in forms}
    folded = {key(_fold(f)) for f in forms}
    keys |= {k for k in folded if in_phrase or len(k) >= _FOLDED_FROM}
    return keys


# ---------------------------------------------------------------------------
# The lexicon, indexed once
# ---------------------------------------------------------------------------


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
            ix.words.update(_fold(w) for w in words)
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


_INDEX: Final = _build_index()
_FUNCTION_WORDS: Final = frozenset(
    {_fold(w) for w in SV_FUNCTION_WORDS} | {_fold(w) for w in EN_FUNCTION_WORDS}
)
# Swedish function words that stay Swedish when typed without å, ä, ö ("for" does not).
_SV_WORDS: Final = frozenset(SV_FUNCTION_WORDS) | (
    frozenset(_fold(w) for w in SV_FUNCTION_WORDS) - EN_FUNCTION_WORDS
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
    ix = _INDEX[channel]
    key = _KEY[channel](token)
    if key in ix.vocab:
        distinct = len(key) >= _DISTINCTIVE or _fold(token) in ix.words
        return key if primary or distinct else _NO_KEY
    for i in range(3, len(key) - 2):  # the longest known last part of a compound
        if (head := key[i:]) in ix.heads:
            return "+" + head if primary or len(head) >= _DISTINCTIVE else _NO_KEY
    if primary and _fold(token) not in _FUNCTION_WORDS:
        # A typo can derail the stemmer ("konferns" → "konf"): try the word too.
        for probe in dict.fromkeys((key, _fold(token))):
            if len(probe) >= 5 and (near := _nearest(probe, ix, channel == "form")):
                return near
    return _NO_KEY


# ---------------------------------------------------------------------------
# Reading a question
# ---------------------------------------------------------------------------


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
    sv_vocab, en_vocab = _INDEX["sv"].vocab, _INDEX["en"].vocab
    for t, f in zip(tokens, folded, strict=True):
        if "å" in t or "ä" in t or "ö" in t:
            sv += 3
        if t in _SV_WORDS or f in _SV_WORDS:
            sv += 1
        if t in EN_FUNCTION_WORDS:
            en += 1
        in_sv = _sv_key(t) in sv_vocab
        in_en = _en_key(t) in en_vocab
        if in_sv and not in_en:
            sv += 1
        elif in_en and not in_sv:
            en += 1
    return "en" if en > sv else "sv"


def _read(question: str) -> tuple[_Reading, Lang]:
    tokens = _tokens(question)
    folded = [_fold(t) for t in tokens]
    lang = _lang_of(tokens, folded)
    reading = _Reading()
    for channel in CHANNELS:
        primary = channel in ("form", lang)
        keys = tuple([_resolve(t, channel, primary) for t in tokens])
        for start, end, entry in _matches(keys, _INDEX[channel]):
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
    return _lang_of(tokens, [_fold(t) for t in tokens])


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


# ---------------------------------------------------------------------------
# Routing with fields unknown
# ---------------------------------------------------------------------------

# The fields the routing table reads, each with its values; on a tie, the
# clarifying question asks about the earlier one.
FIELDS: Final[tuple[tuple[str, tuple[Any, ...]], ...]] = (
    ("on_behalf_of_ks", (True, False)),
    ("increases_resource_burden", (True, False)),
    ("scope", tuple(Scope)),
    ("membership_body", tuple(MembershipBody)),
    ("high_political_level", (True, False)),
    ("renewal", (False, True)),
)
_DOMAIN: Final = dict(FIELDS)

Assignment = tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class _Table:
    """Every combination of the fields that can change the owner of one kind, routed."""

    fields: tuple[str, ...]
    rows: tuple[tuple[dict[str, Any], Route], ...]


def _build_table(kind: Kind) -> _Table:
    names = [name for name, _ in FIELDS]
    base = Engagement.model_construct(kind=kind, title="?")
    full = {
        combo: route_for(base.model_copy(update=dict(zip(names, combo, strict=True))))
        for combo in product(*(domain for _, domain in FIELDS))
    }
    def seen(r: Route) -> tuple[Owner, Owner | None]:
        return r.owner, r.coordinated_by

    # A field matters when it can change the owner, or who coordinates (visits).
    relevant = tuple(
        name for i, name in enumerate(names)
        if any(seen(full[combo]) != seen(full[(*combo[:i], other, *combo[i + 1 :])])
               for combo in full for other in FIELDS[i][1])
    )
    rows = []
    for combo in product(*(_DOMAIN[f] for f in relevant)):
        values = dict(zip(relevant, combo, strict=True))
        # The fields that cannot change the owner take their first value.
        rows.append((values, full[tuple(values.get(n, d[0]) for n, d in FIELDS)]))
    return _Table(relevant, tuple(rows))


_TABLES: Final = {k: _build_table(k) for k in Kind}


@dataclass(frozen=True, slots=True)
class _Option:
    owner: Owner
    route: Route
    when: tuple[Assignment, ...]  # each alone settles this owner; the first is the simplest


@dataclass(frozen=True, slots=True)
class _Plan:
    kind: Kind
    known: Assignment
    settled: Route | None
    options: tuple[_Option, ...] = ()
    ask: str | None = None
    may_coordinate: Route | None = None  # a route with a coordinator the unknowns may reach


def _matching(rows: Iterable[tuple[dict[str, Any], Route]],
              given: Mapping[str, Any]) -> list[tuple[dict[str, Any], Route]]:
    return [r for r in rows if all(r[0][f] == v for f, v in given.items())]


@lru_cache(maxsize=4096)
def _plan(kind: Kind, known: Assignment) -> _Plan:
    table = _TABLES[kind]
    rows = _matching(table.rows, dict(known))
    owners = list(dict.fromkeys(r.owner for _, r in rows))
    if len(owners) == 1:
        # Fields that cannot change the owner may still change the rule: the commonest wins,
        # among the routes with no coordinator when a coordinator is only possible (an
        # ordinary visit is the committee's alone; a significant one kommunstyrelsen
        # coordinates, which the answer says as a condition).
        routes = [r for _, r in rows]
        plain = [r for r in routes if r.coordinated_by is None] or routes
        chosen = max(plain, key=lambda r: (routes.count(r), -ROUTES.index(r)))
        maybe = next((r for r in routes if r.coordinated_by is not None), None)
        return _Plan(kind, known, chosen,
                     may_coordinate=maybe if chosen.coordinated_by is None else None)

    def owners_if(f: str, v: Any) -> set[Owner]:
        return {r.owner for vals, r in rows if vals[f] == v}

    unknown = [f for f in table.fields if f not in dict(known)]
    # Ask about the field whose answer leaves the fewest owners at worst, then
    # settles the most answers; a field whose answer changes nothing is no question.
    splitting = [f for f in unknown if len({frozenset(owners_if(f, v)) for v in _DOMAIN[f]}) > 1]
    ask = min(splitting or unknown, key=lambda f: (
        max(len(owners_if(f, v)) for v in _DOMAIN[f]),
        sum(len(owners_if(f, v)) > 1 for v in _DOMAIN[f]),
        unknown.index(f),
    ))
    order = sorted(rows, key=lambda r: _DOMAIN[ask].index(r[0][ask]))
    options = []
    for owner in dict.fromkeys(r.owner for _, r in order):
        when: list[dict[str, Any]] = []
        for size in range(1, len(unknown) + 1):
            for subset in combinations(unknown, size):
                for combo in product(*(_DOMAIN[f] for f in subset)):
                    given = dict(zip(subset, combo, strict=True))
                    if any(w.items() <= given.items() for w in when):
                        continue
                    hit = _matching(rows, given)
                    if hit and all(r.owner is owner for _, r in hit):
                        when.append(given)
        route = _matching(rows, when[0])[0][1]
        options.append(_Option(owner, route, tuple(tuple(w.items()) for w in when)))
    return _Plan(kind, known, None, tuple(options), ask)


# ---------------------------------------------------------------------------
# Words of the answer
# ---------------------------------------------------------------------------

_CLAUSE: Final[Mapping[tuple[str, Any], Mapping[Lang, str]]] = {
    ("on_behalf_of_ks", True): {
        "sv": "det sker på uppdrag av kommunstyrelsen",
        "en": "it is on behalf of the City Executive Board",
    },
    ("on_behalf_of_ks", False): {
        "sv": "det sker inom den egna verksamheten",
        "en": "it is part of the operation's own work",
    },
    ("increases_resource_burden", True): {
        "sv": "det medför ökad resursbörda för staden",
        "en": "it adds to the city's resource burden",
    },
    ("increases_resource_burden", False): {
        "sv": "det inte medför ökad resursbörda för staden",
        "en": "it adds no resource burden for the city",
    },
    ("scope", Scope.SINGLE_OPERATION): {
        "sv": "det gäller en enda nämnd eller ett enda bolag",
        "en": "it concerns a single committee or company",
    },
    ("scope", Scope.SEVERAL_OPERATIONS): {
        "sv": "det gäller flera nämnder eller bolag",
        "en": "it concerns several committees or companies",
    },
    ("scope", Scope.CITY_WIDE): {
        "sv": "det gäller hela staden",
        "en": "it concerns the whole city",
    },
    ("membership_body", MembershipBody.ORGANISATION): {
        "sv": "det är en organisation",
        "en": "it is an organisation",
    },
    ("membership_body", MembershipBody.NETWORK): {
        "sv": "det är ett nätverk",
        "en": "it is a network",
    },
    ("high_political_level", True): {
        "sv": "besöket är på hög politisk nivå",
        "en": "the visit is at a high political level",
    },
    ("high_political_level", False): {
        "sv": "besöket inte är på hög politisk nivå",
        "en": "the visit is not at a high political level",
    },
}

_OPTION_LABEL: Final[Mapping[tuple[str, Any], Mapping[Lang, str]]] = {
    ("on_behalf_of_ks", True): {
        "sv": "På uppdrag av kommunstyrelsen", "en": "On behalf of the City Executive Board",
    },
    ("on_behalf_of_ks", False): {
        "sv": "Inom den egna verksamheten", "en": "Our operation's own work",
    },
    ("increases_resource_burden", True): {
        "sv": "Ja, ökad resursbörda", "en": "Yes, it adds to the burden",
    },
    ("increases_resource_burden", False): {
        "sv": "Nej, ingen ökad resursbörda", "en": "No added burden",
    },
    ("scope", Scope.SINGLE_OPERATION): {
        "sv": "En nämnd eller ett bolag", "en": "One committee or company",
    },
    ("scope", Scope.SEVERAL_OPERATIONS): {
        "sv": "Flera nämnder eller bolag", "en": "Several committees or companies",
    },
    ("scope", Scope.CITY_WIDE): {"sv": "Hela staden", "en": "The whole city"},
    ("membership_body", MembershipBody.ORGANISATION): {
        "sv": "En organisation", "en": "An organisation",
    },
    ("membership_body", MembershipBody.NETWORK): {"sv": "Ett nätverk", "en": "A network"},
    ("high_political_level", True): {
        "sv": "Ja, hög politisk nivå", "en": "Yes, a high political level",
    },
    ("high_political_level", False): {
        "sv": "Nej, inte hög politisk nivå", "en": "No, not a high political level",
    },
}

_QUESTION: Final[Mapping[str, Mapping[Lang, str]]] = {
    "on_behalf_of_ks": {
        "sv": "Sker det på uppdrag av kommunstyrelsen, som företrädare för staden, eller "
        "inom den egna verksamheten?",
        "en": "Is it on behalf of the City Executive Board, representing the city, or part "
        "of your operation's own work?",
    },
    "increases_resource_burden": {
        "sv": "Medför det ökad resursbörda för staden, till exempel kostnader eller extra "
        "arbete?",
        "en": "Does it add to the city's resource burden, for example costs or extra work?",
    },
    "scope": {
        "sv": "Gäller det en enda nämnd eller ett bolag, flera nämnder eller bolag, eller "
        "hela staden?",
        "en": "Does it concern a single committee or company, several committees or "
        "companies, or the whole city?",
    },
    "membership_body": {
        "sv": "Är det en organisation eller ett nätverk?",
        "en": "Is it an organisation or a network?",
    },
    "high_political_level": {
        "sv": "Är besöket på hög politisk nivå, till exempel ministrar eller borgmästare?",
        "en": "Is the visit at a high political level, for example ministers or mayors?",
    },
}

_MAY_COORDINATE: Final[Mapping[Lang, str]] = {
    "sv": "Är besöket betydande – på hög politisk nivå eller för flera verksamheter – "
    "koordinerar kommunstyrelsen det, men beslutar inte om det.",
    "en": "If the visit is significant – at a high political level or for several "
    "operations – the City Executive Board coordinates it, but does not decide on it.",
}
_CONFIRM_NOT_ON_BEHALF: Final[Mapping[Lang, str]] = {
    "sv": "Bekräfta att deltagandet inte sker på uppdrag av kommunstyrelsen: borgarråd, "
    "finansborgarrådet och kommunfullmäktiges presidium företräder annars staden, och då "
    "beslutar finansborgarrådet efter beredning i IB.",
    "en": "Confirm that the participation is not on behalf of the City Executive Board: a "
    "borgarråd, the Finance Commissioner or the City Council's presidium otherwise "
    "represents the city, and the Finance Commissioner then decides after IB.",
}
_DEPENDS: Final[Mapping[Lang, str]] = {"sv": "Det beror på.", "en": "It depends."}
_DECIDED_BY: Final[Mapping[Lang, str]] = {
    "sv": "Beslutet fattas av {owner}.",
    "en": "The decision is made by {owner}.",
}
_IF_DECIDED_BY: Final[Mapping[Lang, str]] = {
    "sv": "{condition}, fattas beslutet av {owner}.",
    "en": "{condition}, the decision is made by {owner}.",
}
_IF: Final[Mapping[Lang, str]] = {"sv": "om", "en": "if"}
_AND: Final[Mapping[Lang, str]] = {"sv": " och ", "en": " and "}
_OR_IF: Final[Mapping[Lang, str]] = {"sv": ", eller om ", "en": ", or if "}

_FOREIGN_POLICY: Final[Mapping[Lang, str]] = {
    "sv": "Det ligger utanför stadens uppdrag: staden för ingen egen utrikespolitik och "
    "hanterar inte frågor som rör Sveriges relationer med andra stater, inklusive bistånds- "
    "och säkerhetspolitik. Ingen instans i staden beslutar om det; det är en fråga för "
    "riksdag och regering.",
    "en": "That is outside the city's remit: the city conducts no foreign policy of its own "
    "and does not deal with Sweden's relations with other states, including aid and "
    "security policy. No body of the city decides on it; it is a matter for the Swedish "
    "parliament and government.",
}
_HELP: Final[Mapping[Lang, str]] = {
    "sv": "Jag svarar på vem som beslutar om ett internationellt engagemang enligt Stockholms "
    "stads internationella strategi – till exempel en tjänsteresa, en konferens, ett besök, "
    "ett avtal, ett medlemskap, en deklaration eller ett EU-projekt – och granskar "
    "engagemang mot strategin. Beskriv vad det gäller, så svarar jag.",
    "en": "I answer who decides on an international engagement under the City of "
    "Stockholm's International Strategy – for example a trip, a conference, a visit, an "
    "agreement, a membership, a declaration or an EU project – and screen engagements "
    "against the strategy. Describe what it is about and I will answer.",
}

_P1_CITATION: Final = Citation(section=P1.section, text=P1.quote)
_P1_FOOTNOTE_CITATION: Final = Citation(section=P1.section, text=P1_FOOTNOTE)
_SECOND_LOOK: Final[Mapping[Lang, str]] = {
    "sv": "Frågan nämner {cues}: stadsledningskontoret bör pröva om engagemanget har "
    "utrikespolitisk karaktär, eftersom staden inte hanterar frågor som rör Sveriges "
    "relation med andra stater.",
    "en": "The question mentions {cues}: the City Executive Office should examine whether "
    "the engagement has a foreign-policy character, since the city does not handle matters "
    "of Sweden's relations with other states.",
}
_P2_CITATION: Final = Citation(section=P2.section, text=P2.quote)
_NO_TWINNING: Final[Mapping[Lang, str]] = {
    lang: " ".join(
        r.text(lang)
        for r in no_twinning(
            Engagement.model_construct(kind=Kind.TWINNING, title="?"),
            Context(owner=Owner.KF, day=STRATEGY_IN_FORCE),
        )
    )
    for lang in ("sv", "en")
}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _condition(when: Iterable[Assignment], lang: Lang) -> str:
    alternatives = (_AND[lang].join(_CLAUSE[item][lang] for item in w) for w in when)
    return f"{_IF[lang]} " + _OR_IF[lang].join(alternatives)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Kind | Scope | MembershipBody) else value


def _value(kind: Kind, *assignments: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    value: dict[str, Any] = {"kind": kind.value}
    for assignment in assignments:
        # "renewal": false is the default, not something the answer presumes.
        value.update((f, _plain(v)) for f, v in assignment if (f, v) != ("renewal", False))
    return value


def _citations(pairs: Iterable[tuple[Route, Kind]], *extra: Citation) -> list[Citation]:
    return list(dict.fromkeys([*(r.citation(k) for r, k in pairs), *extra]))


def _settled(plan: _Plan, route: Route, lang: Lang) -> WhoDecides:
    label = owner_label(route.owner, lang)
    answer = f"{_DECIDED_BY[lang].format(owner=_lower_first(label))} {route.reason[lang]}"
    extra: list[Citation] = []
    if (maybe := plan.may_coordinate) is not None:
        answer = f"{answer} {_MAY_COORDINATE[lang]}"
        extra.append(maybe.citation(plan.kind))
    return WhoDecides(
        kind=plan.kind,
        decision_owner=route.owner,
        allowed=True,
        candidates=[],
        clarify=None,
        answer=answer,
        citations=_citations([(route, plan.kind)], *extra),
        lang=lang,
        route=route.id,
        coordinated_by=route.coordinated_by,
        options=[],  # given, so that pydantic need not deep-copy the default
    )


def _open(plan: _Plan, ask: str, lang: Lang) -> WhoDecides:
    candidates, sentences = [], [_DEPENDS[lang]]
    for option in plan.options:
        label = owner_label(option.owner, lang)
        condition = _condition(option.when, lang)
        candidates.append(Candidate(
            decision_owner=option.owner,
            label=label,
            condition=condition,
            value=_value(plan.kind, plan.known, option.when[0]),
        ))
        sentences.append(_IF_DECIDED_BY[lang].format(
            condition=condition[:1].upper() + condition[1:], owner=_lower_first(label)
        ))
    clarify = _QUESTION[ask][lang]
    return WhoDecides(
        kind=plan.kind,
        decision_owner=None,
        allowed=True,
        candidates=candidates,
        clarify=clarify,
        answer=" ".join([*sentences, clarify]),
        citations=_citations((o.route, plan.kind) for o in plan.options),
        lang=lang,
        options=[
            ClarifyOption(label=_OPTION_LABEL[ask, v][lang],
                          value=_value(plan.kind, plan.known, [(ask, v)]))
            for v in _DOMAIN[ask]
        ],
    )


# ---------------------------------------------------------------------------
# Context from a clarifying answer
# ---------------------------------------------------------------------------

_TRUE: Final = frozenset({"true", "yes", "ja", "1"})
_FALSE: Final = frozenset({"false", "no", "nej", "0"})
_ENUMS: Final[Mapping[str, type[Scope] | type[MembershipBody]]] = {
    "scope": Scope, "membership_body": MembershipBody,
}


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    return True if text in _TRUE else False if text in _FALSE else None


def _from_context(context: Mapping[str, Any]) -> tuple[Kind | None, dict[str, Any], bool | None]:
    """The kind, routing fields and foreign_policy the context settles; the rest is ignored."""
    kind = None
    if (raw := context.get("kind")) is not None:
        try:
            kind = Kind(str(_plain(raw)))
        except ValueError:
            kind = None
    fields: dict[str, Any] = {}
    for name, _ in FIELDS:
        if (raw := context.get(name)) is None:
            continue
        parsed: Any
        if name in _ENUMS:
            try:
                parsed = _ENUMS[name](str(_plain(raw)))
            except ValueError:
                parsed = None
        else:
            parsed = _as_bool(raw)
        if parsed is not None:
            fields[name] = parsed
    raw_fp = context.get("foreign_policy")
    return kind, fields, None if raw_fp is None else _as_bool(raw_fp)


# ---------------------------------------------------------------------------
# The answer
# ---------------------------------------------------------------------------


_SITUATION: Final[Mapping[Any, Situation]] = {s.id: s for s in SITUATIONS}


def _with_notes(result: WhoDecides, reading: _Reading, kind: Kind, situation: Situation | None,
                lang: Lang, question: str) -> WhoDecides:
    """The answer, with how a situation outside the kinds is screened, or that a question
    naming several kinds is answered for one and each part is screened on its own; and,
    as P1 does in a screening (contract §7.1), a second look asked for where the question
    names a state body or another sign of foreign policy."""
    notes: list[str] = []
    citations = list(result.citations)
    cues = find_cues("foreign_policy", question[:MAX_CHARS]) if isinstance(question, str) else ()
    if cues:
        left, right = ("”", "”") if lang == "sv" else ("“", "”")
        notes.append(_SECOND_LOOK[lang].format(
            cues=", ".join(f"{left}{c.words}{right}" for c in cues)))
        citations.append(_P1_FOOTNOTE_CITATION)
    if situation is not None:
        notes.append(situation.how[lang])
    named = [k for k in KIND_PRIORITY if k in reading.kinds]
    if situation is None and len(named) > 1 and kind in named:
        notes.append(SEVERAL_KINDS[lang].format(
            kinds=", ".join(KIND_LABELS[k][lang].lower() for k in named),
            first=KIND_LABELS[kind][lang].lower()))
    if not notes:
        return result
    if result.clarify is not None:
        # The clarifying question stays last, as the card asks it.
        head = result.answer[: -len(result.clarify)].rstrip()
        text = " ".join([head, *notes, result.clarify])
    else:
        text = " ".join([result.answer, *notes])
    return result.model_copy(update={"answer": text, "citations": list(dict.fromkeys(citations))})


def answer(
    question: str, lang: Lang | None = None, *, context: Mapping[str, Any] | None = None
) -> WhoDecides:
    """Who decides on what ``question`` asks about, in ``lang`` (default: the question's).

    ``context`` (e.g. a candidate's or option's ``value``) settles the kind and
    routing fields it names, over what the question says.
    """
    reading, asked_in = _read(question if isinstance(question, str) else "")
    lang = lang if lang in ("sv", "en") else asked_in
    kind = _kind_of(reading)
    fields = _fields_of(reading)
    v = reading.values
    foreign_policy: bool | None = True in v["fp"] or (True in v["fp_conflict"]
                                                       and True in v["fp_stance"])
    if context:
        ctx_kind, ctx_fields, ctx_fp = _from_context(context)
        kind = ctx_kind or kind
        fields |= ctx_fields
        foreign_policy = foreign_policy if ctx_fp is None else ctx_fp

    situation = _SITUATION.get(_one(v["situation"]))
    if situation is not None and not (context and context.get("kind")):
        kind = situation.kind
        fields = {**situation.fields, **fields}
    if kind is not Kind.TWINNING and foreign_policy:
        return WhoDecides(
            kind=kind, decision_owner=None, allowed=False, candidates=[], clarify=None,
            answer=_FOREIGN_POLICY[lang], citations=[_P1_CITATION], lang=lang, options=[],
        )
    if kind is None:
        return WhoDecides(
            kind=None, decision_owner=None, allowed=True, candidates=[], clarify=None,
            answer=_HELP[lang], citations=[], lang=lang, options=[],
        )
    relevant = _TABLES[kind].fields
    plan = _plan(kind, tuple((f, fields[f]) for f in relevant if f in fields))
    if plan.settled is None:
        assert plan.ask is not None
        return _with_notes(_open(plan, plan.ask, lang), reading, kind, situation, lang,
                           question)
    result = _settled(plan, plan.settled, lang)
    result = _with_notes(result, reading, kind, situation, lang, question)
    if (kind in (Kind.TRIP, Kind.CONFERENCE) and True in v["political"]
            and fields.get("on_behalf_of_ks") is False):
        result = result.model_copy(update={
            "answer": f"{result.answer} {_CONFIRM_NOT_ON_BEHALF[lang]}",
        })
    if kind is Kind.TWINNING:
        return result.model_copy(update={
            "allowed": False,
            "answer": f"{_NO_TWINNING[lang]} {plan.settled.reason[lang]}",
            "citations": _citations([(plan.settled, kind)], _P2_CITATION),
        })
    return result
