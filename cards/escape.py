"""The one way user-provided text reaches a card.

Adaptive Card TextBlocks (and FactSet values) read a subset of Markdown, and
Teams also expands ``{{DATE(...)}}`` functions and links bare URLs. Backslash
escapes are rendered inconsistently across Teams clients (they show up as
backslashes on mobile), so instead the characters that start formatting are
replaced by look-alikes or split by an invisible word joiner. The text stays
readable; it can no longer become a link, emphasis, a list or a heading.

Input *values* (what the user typed, shown back in an input) are not Markdown
and are never escaped: escaping them would change what the user submits.
"""

from __future__ import annotations

import re

__all__ = ["escape"]

_WJ = "\u2060"  # WORD JOINER: invisible, breaks syntax without adding space

_CHARS = str.maketrans({
    "[": "［",  # FULLWIDTH LEFT SQUARE BRACKET: no link text
    "]": "］",
    "*": "∗",  # ASTERISK OPERATOR: no bold/italic/bullet
    "_": "ˍ",  # MODIFIER LETTER LOW MACRON: no italic
    "`": "ˋ",  # MODIFIER LETTER GRAVE ACCENT: no code
    "~": "∼",  # TILDE OPERATOR: no strikethrough
    "<": "‹",  # no <at> mentions, no HTML on clients that render it
    ">": "›",  # no quote blocks
    "#": "＃",  # no headings
    "|": "｜",  # no tables
    "\\": "⧵",  # REVERSE SOLIDUS OPERATOR: no escapes of our own escapes
})
_SPACE = re.compile(r"\s+")
_DOMAIN_DOT = re.compile(r"(?<=\w)\.(?=[^\W\d_])")  # between a word character and a letter
_LIST_START = re.compile(r"^([-+]|\d+[.)])(?=\s|$)")


def escape(text: object) -> str:
    """``text`` as inert card text: one line, no Markdown, no links, no template functions."""
    s = _SPACE.sub(" ", str(text)).strip().translate(_CHARS)
    # Links and autolinks: "scheme://" loses its shape, and a dot inside a name
    # ("evil.com", "www.x") becomes a one-dot leader, which no linkifier reads as a domain.
    s = s.replace("://", f":{_WJ}//")
    s = _DOMAIN_DOT.sub("\u2024", s)
    s = re.sub(r"(?i)\b(mailto|tel|callto|sip):", lambda m: f"{m.group(1)}{_WJ}:", s)
    # Adaptive Cards' text functions: {{DATE(...)}} and {{TIME(...)}}.
    s = s.replace("{{", "{" + _WJ + "{").replace("}}", "}" + _WJ + "}")
    # A leading "-", "+", "1." or "1)" would start a list.
    return _LIST_START.sub(lambda m: _WJ + m.group(1), s)
