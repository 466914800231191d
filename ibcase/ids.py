"""A case's readable id, ``SK-<year>-<sequence>`` (``SK-2026-0042``), numbered per year."""

from __future__ import annotations

import re

__all__ = ["NotACaseId", "case_id", "parse_case_id", "register_order"]

_ID = re.compile(r"SK-(\d{4})-(\d{4,9})")


class NotACaseId(ValueError):
    """The text is not a case id."""

    def __init__(self, text: str) -> None:
        super().__init__(f"not a case id: {text!r}")
        self.text = text


def case_id(year: int, sequence: int) -> str:
    """The readable id: ``SK-2026-0042``."""
    return f"SK-{year:04d}-{sequence:04d}"


def parse_case_id(text: str) -> tuple[int, int]:
    """(year, sequence) of a case id (any letter case, surrounding blanks ignored);
    ``NotACaseId`` for anything else."""
    match = _ID.fullmatch(text.strip().upper())
    if match is None:
        raise NotACaseId(text)
    return int(match[1]), int(match[2])


def register_order(text: str) -> tuple[int, int, str]:
    """A sort key that puts case ids in the register's order (SK-2026-0010 after
    SK-2026-0009, whatever the width); anything that is no case id sorts first, by text."""
    try:
        year, sequence = parse_case_id(text)
    except NotACaseId:
        return 0, 0, text
    return year, sequence, ""
