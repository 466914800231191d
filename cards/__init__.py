"""Adaptive Card 1.5 builders for Strategikollen, in Swedish and English.

Cards are plain dicts. Verbs on their buttons are in ``cards.verbs``; user text
reaches a card only through ``cards.escape.escape``.
"""

from . import verbs
from .escape import escape
from .ib import (
    CaseEvent,
    CaseView,
    agenda_card,
    ib_card,
    my_cases_card,
    new_version_card,
    notification_card,
    reminder_card,
    sent_card,
)
from .mine import MineRow, mine_card
from .result import result_card
from .welcome import error_card, help_card, text_card, welcome_card
from .who import answer_card, prompt_card
from .wizard import Question, Widget, cancelled_card, step_card, summary_card

__all__ = [
    "CaseEvent",
    "CaseView",
    "MineRow",
    "Question",
    "Widget",
    "agenda_card",
    "answer_card",
    "cancelled_card",
    "error_card",
    "escape",
    "help_card",
    "ib_card",
    "mine_card",
    "my_cases_card",
    "new_version_card",
    "notification_card",
    "prompt_card",
    "reminder_card",
    "result_card",
    "sent_card",
    "step_card",
    "summary_card",
    "text_card",
    "verbs",
    "welcome_card",
]
