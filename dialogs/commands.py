"""Typed commands, in Swedish and English: case-insensitive, trimmed, trailing punctuation
and @mentions tolerated. Anything else is a question for "Who decides?"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum

__all__ = ["COMMANDS", "Command", "normalise", "parse_command"]


class Command(StrEnum):
    HELP = "help"
    NEW = "new"
    CANCEL = "cancel"
    MINE = "mine"
    WHO = "who"
    WELCOME = "welcome"
    REGISTER_IB = "register_ib"
    AGENDA = "agenda"
    MY_CASES = "my_cases"
    FAILED = "failed"


COMMANDS: Mapping[str, Command] = {
    "hjälp": Command.HELP, "help": Command.HELP, "?": Command.HELP,
    "ny": Command.NEW, "new": Command.NEW,
    "ny bedömning": Command.NEW, "new assessment": Command.NEW,
    "avbryt": Command.CANCEL, "cancel": Command.CANCEL,
    "mina": Command.MINE, "mine": Command.MINE,
    "mina bedömningar": Command.MINE, "my assessments": Command.MINE,
    "vem beslutar": Command.WHO, "who decides": Command.WHO,
    "hej": Command.WELCOME, "hallå": Command.WELCOME, "hello": Command.WELCOME,
    "hi": Command.WELCOME, "start": Command.WELCOME,
    "registrera ib-kanal": Command.REGISTER_IB, "registrera ib kanal": Command.REGISTER_IB,
    "registrera ib-kanalen": Command.REGISTER_IB,
    "register ib channel": Command.REGISTER_IB, "register ib-channel": Command.REGISTER_IB,
    "dagordning": Command.AGENDA, "dagordningen": Command.AGENDA, "agenda": Command.AGENDA,
    "mina ärenden": Command.MY_CASES, "my cases": Command.MY_CASES,
    "misslyckade": Command.FAILED, "misslyckade utskick": Command.FAILED,
    "failed": Command.FAILED, "failed deliveries": Command.FAILED,
}

_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
_TRAILING = re.compile(r"[\s.!?…:;,]+$")


def normalise(text: str) -> str:
    """Lower case, one space between words, no @mention, no trailing punctuation."""
    s = _MENTION.sub(" ", text)
    s = " ".join(s.split()).lower().lstrip("/")
    stripped = _TRAILING.sub("", s)
    return stripped or s  # "?" alone stays "?"


def parse_command(text: str | None) -> Command | None:
    return COMMANDS.get(normalise(text or ""))
