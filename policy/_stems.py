"""Words as keys: folding, tokens and Swedish/English stems, shared by the text readers.

``who_decides`` reads questions with these keys, and the rules' cue lexicons
(``_cues``) are filed under the same keys, so "ambassaden", "ambassader" and
"ambassad" are one cue exactly as "medlemskapet" and "medlemskap" are one word
to who-decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Final

import snowballstemmer

__all__ = ["MAX_CHARS", "en_key", "fold", "inflections", "sv_key", "tokens"]

# Only the start of a very long text is read: a question fits many times over.
MAX_CHARS: Final = 2000

_TOKEN = re.compile(r"[^\W_]+")
_SPECIAL_FOLD = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th"})
_SV_STEMMER = snowballstemmer.stemmer("swedish")
_EN_STEMMER = snowballstemmer.stemmer("english")


def fold(word: str) -> str:
    """``word`` without diacritics ("köpenhamn" → "kopenhamn")."""
    if word.isascii():
        return word
    return _fold_accented(word)


@lru_cache(maxsize=1 << 15)
def _fold_accented(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.translate(_SPECIAL_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str, limit: int = MAX_CHARS) -> list[str]:
    """The lower-cased words of the first ``limit`` characters of ``text``."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text[:limit]).lower())


@lru_cache(maxsize=1 << 15)
def sv_key(token: str) -> str:
    stem = str(_SV_STEMMER.stemWord(token))
    # Snowball keeps the definite "-et"/"-an" of "nätverket", "resan".
    if (len(stem) >= 5 and stem.endswith("an")) or (len(stem) >= 6 and stem.endswith("et")):
        stem = stem[:-2]
    return stem


@lru_cache(maxsize=1 << 15)
def en_key(token: str) -> str:
    return str(_EN_STEMMER.stemWord(fold(token)))


# Snowball does not stem every inflection of a word alike ("remissvar" →
# "remissv", "remissvaret" → "remissvar"), so a Swedish word of five letters
# or more is also filed under the stems of its usual inflected forms.
SV_INFLECTIONS: Final[Mapping[str, tuple[tuple[int, str], ...]]] = {
    # last letter: (letters to drop, ending), ...
    "a": ((1, "an"), (1, "or"), (1, "orna"), (1, "ans"), (1, "ors"), (1, "ornas"), (0, "n"),
          (0, "ns")),
    "e": ((0, "t"), (0, "n"), (0, "na"), (0, "ts"), (0, "ns"), (0, "r"), (0, "rna")),
    "": ((0, "en"), (0, "et"), (0, "er"), (0, "ar"), (0, "erna"), (0, "arna"), (0, "ens"),
         (0, "ets"), (0, "s"), (0, "ernas"), (0, "arnas")),
}


def inflections(word: str) -> set[str]:
    """``word`` and its usual Swedish inflected forms (from five letters)."""
    if len(word) < 5:
        return {word}
    endings = SV_INFLECTIONS.get(word[-1], SV_INFLECTIONS[""])
    return {word} | {word[: len(word) - drop] + ending for drop, ending in endings}
