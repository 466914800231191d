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

# Each character that starts formatting, and its look-alike.
_LOOK_ALIKES: tuple[tuple[str, str], ...] = (
    ("[", "［"),  # FULLWIDTH LEFT SQUARE BRACKET: no link text
    ("]", "］"),
    ("*", "∗"),  # ASTERISK OPERATOR: no bold/italic/bullet
    ("_", "ˍ"),  # MODIFIER LETTER LOW MACRON: no italic
    ("`", "ˋ"),  # MODIFIER LETTER GRAVE ACCENT: no code
    ("~", "∼"),  # TILDE OPERATOR: no strikethrough
    ("<", "‹"),  # no <at> mentions, no HTML on clients that render it
    (">", "›"),  # no quote blocks
    ("#", "＃"),  # no headings
    ("|", "｜"),  # no tables
    ("\\", "⧵"),  # REVERSE SOLIDUS OPERATOR: no escapes of our own escapes
)
_DOMAIN_DOT = re.compile(r"(?<=\w)\.(?=[^\W\d_])")  # between a word character and a letter
_SCHEME = re.compile(r"(?i)\b(mailto|tel|callto|sip):")
_LIST_START = re.compile(r"^([-+]|\d+[.)])(?=\s|$)")


def escape(text: object) -> str:
    """``text`` as inert card text: one line, no Markdown, no links, no template functions.

    Every card escapes a handful of texts, most of them plain words, so each step runs
    only where its characters occur (a look-alike never brings in another step's)."""
    s = " ".join(str(text).split())  # every run of whitespace one space, none at the ends
    for char, look_alike in _LOOK_ALIKES:
        if char in s:
            s = s.replace(char, look_alike)
    # Links and autolinks: "scheme://" loses its shape, and a dot inside a name
    # ("evil.com", "www.x") becomes a one-dot leader, which no linkifier reads as a domain.
    if ":" in s:
        s = s.replace("://", f":{_WJ}//")
    if "." in s:
        s = _DOMAIN_DOT.sub("\u2024", s)
    if ":" in s:
        s = _SCHEME.sub(lambda m: f"{m.group(1)}{_WJ}:", s)
    # Adaptive Cards' text functions: {{DATE(...)}} and {{TIME(...)}}.
    s = s.replace("{{", "{" + _WJ + "{").replace("}}", "}" + _WJ + "}")
    # A leading "-", "+", "1." or "1)" would start a list.
    if s[:1] in ("-", "+") or s[:1].isdigit():
        s = _LIST_START.sub(lambda m: _WJ + m.group(1), s)
    return s
