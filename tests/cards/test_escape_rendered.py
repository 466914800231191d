"""Escaped text through a real Markdown renderer: markdown-it with linkify, which the
Adaptive Cards JavaScript renderer uses for TextBlocks. No link, emphasis, list, heading
or HTML may come out of user text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cards.escape import escape

ROOT = Path(__file__).resolve().parents[2]
MARKDOWN_IT = ROOT / "node_modules" / "markdown-it"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    NODE is None or not MARKDOWN_IT.is_dir(),
    reason="needs node and node_modules/markdown-it (npm ci)",
)

SCRIPT = """
const md = require(process.argv[1])({linkify: true, html: true});
let input = '';
process.stdin.on('data', d => input += d);
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(s => md.render(s))));
});
"""

ATTACKS = [
    "[klicka](https://evil.example)",
    "[klicka]( https://evil.example )",
    "<https://evil.example>",
    "https://evil.example/path?q=1",
    "www.evil.com",
    "mailto:someone@evil.example",
    "someone@evil.com",
    "**fet** och *kursiv* och _kursiv_ och __fet__",
    "- punkt ett",
    "1. punkt ett",
    "# Rubrik",
    "> citat",
    "`kod`",
    "<b>html</b><script>alert(1)</script>",
    "![bild](https://evil.example/x.png)",
    "[ref]\n\n[ref]: https://evil.example",
    "Rubrik\n===",
]


def _render(texts: list[str]) -> list[str]:
    assert NODE is not None
    out = subprocess.run(
        [NODE, "-e", SCRIPT, str(MARKDOWN_IT)],
        input=json.dumps(texts), capture_output=True, text=True, check=True, timeout=60,
    )
    return list(json.loads(out.stdout))


def test_the_renderer_would_format_the_raw_attacks() -> None:
    """The check below is meaningful: unescaped, these do turn into markup."""
    for attack, html in zip(ATTACKS, _render(ATTACKS), strict=True):
        assert re.search(r"<(a|strong|em|li|h1|blockquote|code|img|b|script)\b", html), attack


@pytest.mark.parametrize("attack", ATTACKS)
def test_escaped_user_text_renders_as_plain_text(attack: str) -> None:
    (html,) = _render([escape(attack)])
    body = re.sub(r"^<p>|</p>\n?$", "", html)
    assert not re.search(r"<[a-z]", body), html
