"""Dates and date ranges as Swedish and English invitations write them.

"12–14 maj 2026", "den 12 maj 2026", "tisdagen den 12 maj", "12 May 2026",
"12 to 14 May 2026", "May 12-14, 2026", "June 30 – July 2, 2026", "12th of
May 2026", "2026-05-12", "2026-05-12 – 2026-05-14", "12.5.2026". Month names
are CLDR's (``_cldr``). A date with no year takes ``default_year`` when one is
given and is skipped otherwise. A slash date is read only in a Swedish text, day
first as Swedish writes it ("12/5 2026", "12–14/5 2026"); elsewhere 12/05/2026
could be either day or month first, and is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ._cldr import MONTHS, WEEKDAYS

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: date
    end: date | None  # a range's last day; None for a single date
    span: tuple[int, int]


def _alt(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_MONTH_NAMES = {**MONTHS, "sept": 9}
_MON = rf"(?:{_alt(list(_MONTH_NAMES))})\.?"
_WD = rf"(?:(?:{_alt(list(WEEKDAYS))})(?:en|ar)?,?\s+)"
_DAY = r"(?:den\s+)?(\d{1,2})(?:st|nd|rd|th|:e|:a)?"
_YEAR = r"(\d{4})"
_TO = r"\s*(?:–|—|-|to|till|until|through|och|and|t\.o\.m\.?)\s*"
_OF = r"(?:\s+of)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso_range", re.compile(rf"\b{_YEAR}-(\d\d)-(\d\d){_TO}{_YEAR}-(\d\d)-(\d\d)\b")),
    ("iso", re.compile(rf"\b{_YEAR}-(\d\d)-(\d\d)\b")),
    ("dotted_full_range", re.compile(
        r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\s*[–—-]\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\b")),
    ("dotted_range", re.compile(
        r"\b(\d{1,2})\.?(?:(\d{1,2})\.)?\s*[–—-]\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\b")),
    ("dotted", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")),
    # 30 juni – 2 juli 2026
    ("dmy_dmy", re.compile(
        rf"(?<!\d){_WD}?{_DAY}{_OF}\s+({_MON})(?:\s+{_YEAR})?{_TO}{_WD}?{_DAY}{_OF}\s+({_MON})"
        rf"(?:,?\s+{_YEAR})?", re.IGNORECASE)),
    # 12–14 maj 2026, 12 to 14 May 2026, mellan den 12 och 14 maj
    ("dd_my", re.compile(
        rf"(?<!\d){_WD}?{_DAY}{_TO}{_WD}?{_DAY}{_OF}\s+({_MON})(?:,?\s+{_YEAR})?", re.IGNORECASE)),
    # June 30 – July 2, 2026
    ("md_md_y", re.compile(
        rf"\b{_WD}?({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?{_TO}{_WD}?({_MON})\s+"
        rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?", re.IGNORECASE)),
    # May 12-14, 2026
    ("m_dd_y", re.compile(
        rf"\b{_WD}?({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?{_TO}(\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?\s+{_YEAR})?", re.IGNORECASE)),
    ("dmy", re.compile(rf"(?<!\d){_WD}?{_DAY}{_OF}\s+({_MON})(?:,?\s+{_YEAR})?", re.IGNORECASE)),
    ("mdy", re.compile(
        rf"\b{_WD}?({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?(?!\d)", re.IGNORECASE)),
]


# A range's longest span: a period written with both years may run for years (an
# agreement, a project); one year written once is an event's days.
_LONGEST = {name: 3660 if name in {"iso_range", "dotted_full_range", "dmy_dmy", "md_md_y"}
            else 366 for name, _ in _PATTERNS} | {"slashed": 366}


def _month(name: str) -> int:
    return _MONTH_NAMES[name.lower().rstrip(".")]


def _make(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year(text: str | None, default: int | None) -> int | None:
    return int(text) if text else default


def _read(kind: str, g: tuple[str | None, ...], default_year: int | None,
          ) -> tuple[date | None, date | None]:
    def n(i: int) -> int:
        return int(g[i] or 0)

    if kind == "iso_range":
        return _make(n(0), n(1), n(2)), _make(n(3), n(4), n(5))
    if kind == "iso":
        return _make(n(0), n(1), n(2)), None
    if kind == "dotted_full_range":
        return _make(n(2), n(1), n(0)), _make(n(5), n(4), n(3))
    if kind == "dotted_range":
        end_m = n(3)
        return _make(n(4), int(g[1]) if g[1] else end_m, n(0)), _make(n(4), end_m, n(2))
    if kind == "dotted":
        return _make(n(2), n(1), n(0)), None
    if kind == "dmy_dmy":
        y2 = _year(g[5], default_year)
        y1 = _year(g[2], y2)
        return _make(y1, _month(str(g[1])), n(0)), _make(y2, _month(str(g[4])), n(3))
    if kind == "dd_my":
        y = _year(g[3], default_year)
        m = _month(str(g[2]))
        return _make(y, m, n(0)), _make(y, m, n(1))
    if kind == "md_md_y":
        y2 = _year(g[5], default_year)
        y1 = _year(g[2], y2)
        return _make(y1, _month(str(g[0])), n(1)), _make(y2, _month(str(g[3])), n(4))
    if kind == "m_dd_y":
        y = _year(g[3], default_year)
        m = _month(str(g[0]))
        return _make(y, m, n(1)), _make(y, m, n(2))
    if kind == "slashed":
        y = _year(g[3], default_year)
        m = n(2)
        return _make(y, m, n(0)), (_make(y, m, n(1)) if g[1] else None)
    if kind == "dmy":
        return _make(_year(g[2], default_year), _month(str(g[1])), n(0)), None
    # mdy
    return _make(_year(g[2], default_year), _month(str(g[0])), n(1)), None


# With its year, or after "den" ("den 12/5"): "2/3 av kostnaden" is no date.
_SLASHED = (
    re.compile(r"(?<![\d/])(\d{1,2})(?:\s*[–—-]\s*(\d{1,2}))?/(\d{1,2})(?:\s+|/)(\d{4})(?![\d/])"),
    re.compile(r"(?<=\bden )(\d{1,2})(?:\s*[–—-]\s*(\d{1,2}))?/(\d{1,2})()(?![\d/])"),
)


def find_dates(text: str, default_year: int | None = None, *,
               day_first_slash: bool = False) -> list[DateMention]:
    """Every date or range in ``text``, in order; the longest reading of each place wins.

    ``day_first_slash``: read "12/5 2026" as 12 May (a Swedish text).
    """
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    slashed = [("slashed", p) for p in _SLASHED] if day_first_slash else []
    patterns = [*_PATTERNS, *slashed]
    for kind, pattern in patterns:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            start, end = _read(kind, m.groups(), default_year)
            if start is None:
                continue
            if end is not None and (end < start or (end - start).days > _LONGEST[kind]):
                continue
            taken.append((s, e))
            found.append(DateMention(start, None if end == start else end, (s, e)))
    found.sort(key=lambda d: d.span)
    return found
