"""Keys: a token keyed three ways (a Swedish stem, an English stem, the written form)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, Literal

from .._stems import en_key, fold, inflections, sv_key

Channel = Literal["sv", "en", "form"]
CHANNELS: Final[tuple[Channel, ...]] = ("sv", "en", "form")


def _form_key(token: str) -> str:
    return token


_KEY: Final[Mapping[Channel, Callable[[str], str]]] = {
    "sv": sv_key, "en": en_key, "form": _form_key,
}
# Typed without å, ä, ö, a word is still recognised if it is long enough not to
# become another word ("natverket", but not "mot" for "möte"), or inside a phrase.
_FOLDED_FROM: Final = 5



def _keys(word: str, channel: Channel, in_phrase: bool, inflect: bool) -> set[str]:
    """The keys a lexicon word is filed under: as written, and as typed without å, ä, ö."""
    forms = inflections(word) if inflect and channel == "sv" else {word}
    key = _KEY[channel]
    keys = {key(f) for f in forms}
    folded = {key(fold(f)) for f in forms}
    keys |= {k for k in folded if in_phrase or len(k) >= _FOLDED_FROM}
    return keys
