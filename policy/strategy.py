"""The strategy's rule text, carried in the package, and the verbatim check.

``data/internationell-strategi.txt`` is the section "Internationell strategi
för Stockholms stad" of Dnr 171-482/2016, copied as extracted from the adopted
document: page headers, footnote markers and line-break hyphenation included.
Citations are checked against it "whitespace and line-break hyphenation aside".
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["normalise", "occurs_verbatim", "strategy_text"]

_WS = re.compile(r"\s+")
# A hyphen at the end of a line: either a real hyphen ("EU-\nprojekt") or a
# word split over two lines ("företags-\netableringar"). Both readings count.
_LINE_HYPHEN = re.compile(r"-[ \t]*\n\s*")


@cache
def strategy_text() -> str:
    """The rule text exactly as carried in the package."""
    return resources.files("policy").joinpath("data/internationell-strategi.txt").read_text("utf-8")


def normalise(text: str) -> str:
    """Collapse every run of white space to one space."""
    return _WS.sub(" ", text).strip()


@cache
def _readings() -> tuple[str, str]:
    raw = strategy_text()
    keep = normalise(_LINE_HYPHEN.sub("-", raw))
    join = normalise(_LINE_HYPHEN.sub("", raw))
    return keep, join


def occurs_verbatim(quote: str) -> bool:
    """True when ``quote`` stands in the strategy, white space and line-break hyphenation aside."""
    q = normalise(quote)
    keep, join = _readings()
    return bool(q) and (q in keep or q in join)
