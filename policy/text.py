"""The reader's language and a text in both of them: the one encoding of every bilingual text.

Every text a person reads is a ``Mapping[Lang, str]`` and is read as ``text[lang]``. A
catalogue builds its texts with ``Text(sv=..., en=...)``, which cannot be made without both
languages; a plain ``{"sv": ..., "en": ...}`` (the rules' records) reads the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = ["LANGS", "Lang", "Text", "lang_of"]

Lang = Literal["sv", "en"]

LANGS: tuple[Lang, ...] = ("sv", "en")


def lang_of(locale: str | None) -> Lang:
    """Swedish unless the reader's locale is English (``en``, ``en-US``, ``en-GB`` …)."""
    return "en" if (locale or "").lower().startswith("en") else "sv"


@dataclass(frozen=True, slots=True)
class Text(Mapping[Lang, str]):
    """One text in Swedish and English; ``text[lang]`` reads it, ``text.format(lang, …)``
    fills its ``{placeholders}``."""

    sv: str
    en: str

    def __getitem__(self, lang: Lang) -> str:
        if lang == "sv":
            return self.sv
        if lang == "en":
            return self.en
        raise KeyError(lang)

    def __iter__(self) -> Iterator[Lang]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)

    def format(self, lang: Lang, /, **fields: object) -> str:
        """The text in ``lang`` with ``fields`` filled in."""
        return self[lang].format(**fields)
