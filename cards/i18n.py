"""How a card reads its texts: ``t(key, lang)`` for the fixed strings (``cards.strings``),
``label``/``help_text``/``short_label`` for the contract's fields (``cards.fields``),
``choice`` for its values (``cards.choices``), and the verdict, outcome, priority and
who-decides case labels the command line also reads (``policy.labels``).

Static strings are trusted; anything from a user or the rules engine goes through ``escape``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_currency

from policy import Kind, Lang, Outcome, Plural, Priority, Verdict, number
from policy.labels import CASE_LABELS, KIND_LABELS, OUTCOME_LABELS, PRIORITY_LABELS, VERDICT_LABELS
from policy.text import locale

from .choices import CHOICES
from .fields import FIELDS, SHORT_LABELS
from .strings import STRINGS

__all__ = [
    "choice", "help_text", "label", "money", "number", "outcome_label", "priority_label", "sek",
    "short_label", "t", "verdict_label", "who_choice",
]


def t(key: str, lang: Lang, **fmt: object) -> str:
    """The string ``key`` in ``lang``, formatted with ``fmt`` (a ``Plural`` in the form its
    count takes)."""
    text = STRINGS[key]
    return text.format(lang, **fmt) if fmt or isinstance(text, Plural) else text[lang]


def label(field: str, lang: Lang) -> str:
    return FIELDS[field].label[lang]


def short_label(field: str, lang: Lang) -> str:
    """The field's short label (the summary); its full label if it has none."""
    text = SHORT_LABELS.get(field)
    return text[lang] if text else label(field, lang)


def who_choice(field: str, value: object, lang: Lang) -> str | None:
    """What a clarifying button calls ``field`` = ``value``; None if it has no name."""
    text = CASE_LABELS.get((field, value)) if isinstance(value, str | bool) else None
    return text[lang] if text else None


def help_text(field: str, lang: Lang) -> str:
    """The help text under the field's input; "" if it has none."""
    text = FIELDS[field].help
    return text[lang] if text else ""


def choice(value: str, lang: Lang) -> str:
    """What a person reads for an enum value; the value itself if it has no label.

    Kinds read as the command line reads them (``policy.labels``).
    """
    if value in Kind.__members__.values():
        return KIND_LABELS[Kind(value)][lang]
    text = CHOICES.get(value)
    return text[lang] if text else value


# Verdicts, outcomes and priorities read exactly as on the command line.
def verdict_label(verdict: Verdict | str, lang: Lang) -> str:
    return VERDICT_LABELS[Verdict(verdict)][lang]


def outcome_label(outcome: Outcome | str, lang: Lang) -> str:
    return OUTCOME_LABELS[Outcome(outcome)][lang]


def priority_label(priority: Priority | str, lang: Lang) -> str:
    return PRIORITY_LABELS[Priority(priority)][lang]


def sek(amount: float, lang: Lang) -> str:
    """An amount in whole kronor the reader's way: "12 500 kr", "SEK 12,500" (Babel's
    currency pattern for the locale, without the öre)."""
    return money(round(amount), "SEK", lang, decimals=0)


def money(amount: float | Decimal, currency: str, lang: Lang, *,
          decimals: int | None = None) -> str:
    """An amount in ``currency`` (ISO 4217) the reader's way: "1 400,50 €", "€1,400.50";
    ``decimals`` overrides the currency's own number of decimals.

    Babel does not apply CLDR's currency spacing, so a symbol of letters ("SEK" in English)
    next to a digit gets the no-break space CLDR puts there ("SEK 12,500", not "SEK12,500").
    """
    pattern = locale(lang).currency_formats["standard"].pattern.split(";")[0]
    if decimals is not None:
        pattern = re.sub(r"0\.0+", "0" + ("." + "0" * decimals if decimals else ""), pattern)
    shown = format_currency(amount, currency, format=pattern, locale=locale(lang),
                            currency_digits=decimals is None)
    return _CURRENCY_SPACING.sub("\u00a0", shown)


# CLDR's currencySpacing: a symbol that ends (or starts) with a letter, beside a digit.
_CURRENCY_SPACING = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
