"""Words in an engagement's own text that point at something the user did not tick.

Data and one matcher; no I/O. Two lexicons, Swedish and English, filed under the
same keys as who-decides reads questions with (``policy._stems``), so
inflections ("ambassaden", "ambassader") and compounds ("inrikesministeriet")
meet their base form:

- ``FOREIGN_POLICY``: signs that an engagement may touch Sweden's relations with
  other states (contract §7.1, the footnote to principle 4). A sign does not
  decide anything: it makes P1 ask for a second look, naming the words it saw.
- ``EU``: signs that a position concerns the EU (contract §7.6, W3 and D3).
- ``RENEWAL``: signs that a membership exists and is reviewed, renewed or left, for
  when the user has not answered ``renewal`` (the route R-KS-RENEWAL).

Each entry is a phrase in its base form. ``match="form"`` compares the written
form where a stem would catch other words ("government" and "governance" share
the stem "govern"); ``compound=True`` lets a one-word Swedish phrase stand as
the last part of a compound; ``unless_after`` lists words that, right before
the phrase, make it something else ("city government" is no national government).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from ._stems import en_key, fold, inflections, sv_key, tokens
from .models import Lang

__all__ = ["EU", "FOREIGN_POLICY", "RENEWAL", "CueEntry", "Hit", "find"]

# An engagement's description may be 5,000 characters; all of it is read.
_LIMIT: Final = 6000


@dataclass(frozen=True, slots=True)
class CueEntry:
    lang: Lang
    phrases: tuple[str, ...]
    match: Literal["stem", "form"] = "stem"
    compound: bool = False
    unless_after: frozenset[str] = frozenset()


def _sv(*phrases: str, match: Literal["stem", "form"] = "stem", compound: bool = False,
        unless_after: Iterable[str] = ()) -> CueEntry:
    return CueEntry("sv", phrases, match, compound, frozenset(unless_after))


def _en(*phrases: str, match: Literal["stem", "form"] = "stem",
        unless_after: Iterable[str] = ()) -> CueEntry:
    return CueEntry("en", phrases, match, False, frozenset(unless_after))


_LOCAL = ("local", "city", "municipal", "regional", "state", "provincial", "county",
          "metropolitan", "district")

FOREIGN_POLICY: Final[tuple[CueEntry, ...]] = (
    # State bodies: a counterpart at national level is another state's matter.
    _sv("regering", "ministerium", "ministeriet", "departement", "ambassad", "konsulat",
        "generalkonsulat", "statsminister", "utrikesminister", "utrikesministerium",
        "utrikesdepartement", "statsbesök", "diplomat", "diplomatisk",
        compound=True),
    _en("ministry", "ministry of foreign affairs", "embassy", "consulate", "consulate general",
        "foreign ministry", "foreign affairs", "state department", "prime minister",
        "foreign minister",
        "state visit", "diplomat", "diplomatic"),
    _en("government", "governments", "national government", "federal government",
        match="form", unless_after=_LOCAL),
    # Policy areas that are the state's (the footnote).
    _sv("utrikespolitik", "utrikespolitisk", "säkerhetspolitik", "säkerhetspolitisk",
        "biståndspolitik", "försvarspolitik", compound=True),
    _en("foreign policy", "security policy", "aid policy", "defence policy", "defense policy"),
    # Acts between states.
    _sv("erkännande", "erkännandet", match="form"),
    _sv("sanktion", "embargo", "bojkott", "annektering", "ockupation", "ockupationsmakt",
        "aggression", "invasion", "folkrättsbrott", "suveränitet", compound=True),
    _en("diplomatic recognition", "sanctions", "sanction", "embargo", "boycott",
        "annexation", "aggression", "invasion", "sovereignty", "military occupation",
        "occupied territories", "occupied territory"),
    # States whose recognition is disputed, and states under the EU's sanctions: a
    # cooperation there is weighed against Sweden's relations with other states.
    _sv("taiwan", "palestina", "västsahara", "nordcypern", "krim", "abchazien", "sydossetien",
        "transnistrien", "somaliland", "ryssland", "belarus", "vitryssland", "nordkorea",
        "iran", "syrien", "myanmar", match="form"),
    _en("taiwan", "palestine", "western sahara", "northern cyprus", "crimea", "abkhazia",
        "south ossetia", "transnistria", "somaliland", "russia", "belarus", "north korea",
        "iran", "syria", "myanmar", match="form"),
)

EU: Final[tuple[CueEntry, ...]] = (
    _sv("eu", "eus", "europeiska unionen", "europeiska unionens", "europeiska kommissionen",
        "europeiska kommissionens", "eu kommissionen",
        "europaparlamentet", "europeiska rådet", "ministerrådet", "regionkommittén",
        "eu direktiv", "eu förordning", match="form"),
    _en("eu", "european union", "european commission", "european parliament",
        "european council", "council of the european union", "committee of the regions",
        match="form"),
)


RENEWAL: Final[tuple[CueEntry, ...]] = (
    _sv("fortsatt medlemskap", "förnyat medlemskap", "förnya medlemskapet", "förnyelse av",
        "förlängt medlemskap", "förlänga medlemskapet", "omprövning av medlemskapet",
        "befintligt medlemskap", "utträde ur", "avsluta medlemskapet", "säga upp medlemskapet"),
    _en("continued membership", "renewed membership", "renewal of", "renew the membership",
        "renewing the membership", "existing membership", "review of the membership",
        "withdrawal from", "leave the network", "leave the organisation",
        "end the membership", "cancel the membership"),
)


@dataclass(frozen=True, slots=True)
class Hit:
    """Cue words as the text writes them."""

    words: str


_Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Pattern:
    keys: tuple[frozenset[str], ...]  # one set of accepted keys a word of the phrase
    channel: Literal["sv", "en", "form"]
    compound: bool
    unless_after: frozenset[str]


def _word_keys(word: str, entry: CueEntry, last: bool) -> frozenset[str]:
    if entry.match == "form":
        return frozenset({word, fold(word)})
    if entry.lang == "sv":
        forms = inflections(word) if last or len(word) >= 5 else {word}
        return frozenset({sv_key(w) for w in forms} | {sv_key(fold(w)) for w in forms})
    return frozenset({en_key(word)})


def _patterns(lexicon: tuple[CueEntry, ...]) -> tuple[_Pattern, ...]:
    out = []
    for entry in lexicon:
        channel: Literal["sv", "en", "form"] = "form" if entry.match == "form" else entry.lang
        for phrase in entry.phrases:
            words = tokens(phrase)
            keys = tuple(_word_keys(w, entry, i == len(words) - 1) for i, w in enumerate(words))
            out.append(_Pattern(keys, channel, entry.compound and len(words) == 1,
                                entry.unless_after))
    # Longest phrases first, so "foreign ministry" is named rather than "ministry".
    return tuple(sorted(out, key=lambda p: -len(p.keys)))


_PATTERNS: Final[Mapping[str, tuple[_Pattern, ...]]] = {
    "foreign_policy": _patterns(FOREIGN_POLICY),
    "eu": _patterns(EU),
    "renewal": _patterns(RENEWAL),
}
_MIN_COMPOUND_HEAD: Final = 3


def _key(word: str, channel: str) -> str:
    if channel == "sv":
        return sv_key(word)
    if channel == "en":
        return en_key(word)
    return word


def _at(words: list[str], i: int, p: _Pattern) -> bool:
    if i + len(p.keys) > len(words):
        return False
    if i > 0 and words[i - 1] in p.unless_after:
        return False
    for j, accepted in enumerate(p.keys):
        word = words[i + j]
        key = _key(word, p.channel)
        if key in accepted or (p.channel == "form" and fold(word) in accepted):
            continue
        if p.compound and any(key.endswith(a) and len(key) - len(a) >= _MIN_COMPOUND_HEAD
                              for a in accepted):
            continue
        return False
    return True


@lru_cache(maxsize=8192)
def find(lexicon: Literal["foreign_policy", "eu", "renewal"], text: str) -> tuple[Hit, ...]:
    """The cues of ``lexicon`` in ``text``, each once, in the order they stand."""
    words = tokens(text, _LIMIT)
    patterns = _PATTERNS[lexicon]
    hits: dict[str, None] = {}
    i = 0
    while i < len(words):
        hit = next((p for p in patterns if _at(words, i, p)), None)
        if hit is None:
            i += 1
            continue
        hits[" ".join(words[i : i + len(hit.keys)])] = None
        i += len(hit.keys)
    return tuple(Hit(w) for w in hits)
