"""When an accepted case is reviewed again: rule P5.

P5 has memberships and intent agreements reviewed regularly, "exempelvis vart fjärde
år". Its kinds and its example's years are read from the rule itself
(``policy.rules.P5``, ``P5_EXAMPLE_YEARS``), so the register's dates and the screening's
advice cannot drift apart.
"""

from __future__ import annotations

from datetime import date

from policy import Engagement, Kind
from policy.rules import P5, P5_EXAMPLE_YEARS

__all__ = ["add_years", "is_reviewed", "review_due"]


def add_years(day: date, years: int) -> date:
    """``day`` moved ``years`` years on; 29 February becomes 28 February in common years
    (never 1 March: a review is not later than the period allows)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def is_reviewed(kind: Kind) -> bool:
    """Whether an accepted case of ``kind`` gets a review date (the kinds P5 reads)."""
    return kind in P5.kinds


def review_due(engagement: Engagement, decided_on: date) -> date | None:
    """When an accepted membership or intent agreement is next reviewed: the day it was
    decided plus its own ``review_years``, else P5's example; None for other kinds."""
    if not is_reviewed(engagement.kind):
        return None
    return add_years(decided_on, engagement.review_years or P5_EXAMPLE_YEARS)
