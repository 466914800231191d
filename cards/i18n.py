"""How a card reads its texts: ``t(key, lang)`` for the fixed strings (``cards.strings``),
``label``/``help_text``/``short_label`` for the contract's fields (``cards.fields``),
``choice`` for its values (``cards.choices``), and the verdict, outcome, priority and
who-decides case labels the command line also reads (``policy.labels``).

Static strings are trusted; anything from a user or the rules engine goes through ``escape``.
"""

from __future__ import annotations

from policy import Kind, Lang, Outcome, Priority, Verdict
from policy.labels import CASE_LABELS, KIND_LABELS, OUTCOME_LABELS, PRIORITY_LABELS, VERDICT_LABELS

from .choices import CHOICES
from .fields import FIELDS, SHORT_LABELS
from .strings import STRINGS

__all__ = [
    "choice", "grouped", "help_text", "label", "outcome_label", "priority_label", "sek",
    "short_label", "t", "verdict_label", "who_choice",
]


def t(key: str, lang: Lang, **fmt: object) -> str:
    """The string ``key`` in ``lang``, formatted with ``fmt``."""
    text = STRINGS[key][lang]
    return text.format(**fmt) if fmt else text


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


def grouped(digits: str, lang: Lang) -> str:
    """A run of digits grouped in thousands the reader's way: "1 400 000", "1,400,000"."""
    sep = "\u00a0" if lang == "sv" else ","
    head = len(digits) % 3 or 3
    return sep.join([digits[:head], *(digits[i:i + 3] for i in range(head, len(digits), 3))])


def sek(amount: float, lang: Lang) -> str:
    """An amount in whole kronor the reader's way: "12 500 kr", "SEK 12,500"."""
    return t("wizard.sek", lang, amount=grouped(str(round(amount)), lang))
