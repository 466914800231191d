"""The reader's language and a text in both of them: the one encoding of every bilingual text.

Every text a person reads is a ``Mapping[Lang, str]`` and is read as ``text[lang]``. A
catalogue builds its texts with ``Text(sv=..., en=...)``, which cannot be made without both
languages; a plain ``{"sv": ..., "en": ...}`` (the rules' records) reads the same way.

A text that takes a count is a ``Plural``: a form per CLDR plural category of each language
("efter 1 år" / "after 1 year", "after 2 years"), the category picked by Babel's plural rules
for the count, and the count written the reader's way (``number``: "12 345" with a no-break
space in Swedish, "12,345" in English). Its placeholder is ``{n}`` unless ``count=`` names
another; a placeholder that holds a count belongs in a ``Plural`` and nowhere else.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

from babel import Locale
from babel.numbers import format_decimal

__all__ = ["LANGS", "LOCALES", "Lang", "Plural", "Text", "lang_of", "number", "plural_forms"]

Lang = Literal["sv", "en"]

LANGS: tuple[Lang, ...] = ("sv", "en")

# The CLDR locale each language is written in. English is British English: the catalogues
# spell it so ("organisation", "pseudonymised"), as the city's and the EU's English does;
# its numbers and kronor read as in en_US ("12,345", "SEK 12,500").
LOCALES: Mapping[Lang, str] = {"sv": "sv_SE", "en": "en_GB"}

Number = int | float | decimal.Decimal


@cache
def locale(lang: Lang) -> Locale:
    """The Babel locale of ``lang``."""
    return Locale.parse(LOCALES[lang])


def plural_forms(lang: Lang) -> frozenset[str]:
    """The CLDR plural categories ``lang`` has ("one", "other" for both of ours)."""
    return frozenset({*locale(lang).plural_form.tags, "other"})


def number(value: Number, lang: Lang, *, decimals: int | None = None) -> str:
    """``value`` written the reader's way: "12 345" (a no-break space) or "12,345";
    "1 234,5" or "1,234.5". ``decimals`` fixes how many decimals are shown (default: as
    many as it has, up to three)."""
    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale(lang))


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


@dataclass(frozen=True, slots=True, init=False)
class Plural(Text):
    """A text that takes a count, in a form per CLDR plural category of each language::

        Plural(sv="efter {n}\u00a0år", en={"one": "after {n}\u00a0year",
                                            "other": "after {n}\u00a0years"})

    A language given as one string reads the same for every count. ``format`` picks the
    form by Babel's plural rules for the count (field ``count``, ``n`` by default) and
    writes the count with ``number``. ``text[lang]`` and ``.sv``/``.en`` are the "other"
    form, the one a count in general takes.
    """

    count: str
    forms: tuple[tuple[Lang, tuple[tuple[str, str], ...]], ...]

    def __init__(self, *, sv: str | Mapping[str, str], en: str | Mapping[str, str],
                 count: str = "n") -> None:
        forms: dict[Lang, dict[str, str]] = {}
        given_by: dict[Lang, str | Mapping[str, str]] = {"sv": sv, "en": en}
        for lang, given in given_by.items():
            categories = plural_forms(lang)
            by = dict.fromkeys(categories, given) if isinstance(given, str) else dict(given)
            if set(by) != categories:
                raise ValueError(f"{lang} has the plural forms {sorted(categories)}, "
                                 f"not {sorted(by)}")
            forms[lang] = by
        object.__setattr__(self, "sv", forms["sv"]["other"])
        object.__setattr__(self, "en", forms["en"]["other"])
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "forms", tuple(
            (lang, tuple(sorted(by.items()))) for lang, by in forms.items()))

    def form(self, lang: Lang, category: str) -> str:
        """The form of ``lang`` for a CLDR plural category ("one", "other")."""
        return dict(dict(self.forms)[lang])[category]

    def format(self, lang: Lang, /, **fields: object) -> str:
        """The form ``lang`` takes for the count in ``fields``, with the count written the
        reader's way and the other fields filled in."""
        n = fields.get(self.count)
        if isinstance(n, bool) or not isinstance(n, int | float | decimal.Decimal):
            raise TypeError(f"{self.count} must be a number to choose a plural form, not {n!r}")
        category = locale(lang).plural_form(n)
        return self.form(lang, category).format(**{**fields, self.count: number(n, lang)})
