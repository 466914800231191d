""""My assessments" (``cards/mine.py``)."""

from __future__ import annotations

from collections.abc import Mapping

from policy import Plural, Text

__all__ = ["STRINGS"]

STRINGS: Mapping[str, Text] = {
    "mine.title": Text(sv="Mina bedömningar", en="My assessments"),
    "mine.empty": Text(sv="Du har inga bedömningar ännu.", en="You have no assessments yet."),
    "mine.open": Text(sv="Öppna", en="Open"),
    "mine.not_found": Text(
        sv="Den bedömningen finns inte längre i din lista.",
        en="That assessment is no longer in your list.",
    ),
    "mine.count": Plural(
        sv={"one": "Din senaste bedömning.", "other": "Dina senaste {n} bedömningar."},
        en={"one": "Your most recent assessment.", "other": "Your {n} most recent assessments."},
    ),
}
