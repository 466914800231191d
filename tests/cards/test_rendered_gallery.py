"""Cards as people see them: every kind of card, made by the real dialogs
(``e2e/gallery.py``), rendered by Microsoft's ``adaptivecards`` JavaScript renderer
in headless Chromium (``e2e/render-cards.mjs``).

Anything the renderer complains about fails: parse events, ``validateProperties()``
failures, console warnings, and text the layout cuts off. Never skipped: without
Node, node_modules or Chromium the test fails and says what to install.

With STRATEGIKOLLEN_UPDATE_CARDS=1 the PNGs replace docs/cards/ and docs/cards.md
is rewritten; otherwise docs/cards.md must already list exactly these cards.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from ..e2e.harness import E2E, ROOT, require_browser_tools, run_node

DOCS = ROOT / "docs"
RENDER_TIMEOUT = 120.0


def _save_small(source: Path, target: Path) -> None:
    """A copy for the repository: 256 colours are plenty for a card, at a third the size."""
    with Image.open(source) as image:
        image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE).save(
            target, optimize=True)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The gallery, rendered once: the entries, the markdown page, the PNGs and the report."""
    node = require_browser_tools("playwright-core", "adaptivecards", "markdown-it")
    folder = tmp_path_factory.mktemp("gallery")
    made = subprocess.run(
        [sys.executable, str(E2E / "gallery.py"), str(folder / "gallery.json"),
         str(folder / "cards.md")],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    if made.returncode != 0:
        pytest.fail(f"e2e/gallery.py failed:\n{made.stdout}\n{made.stderr}", pytrace=False)
    run = run_node(node, E2E / "render-cards.mjs", [
        "--cards", str(folder / "gallery.json"), "--out", str(folder / "png"),
    ], timeout=RENDER_TIMEOUT, folder=folder)
    lines = run.stdout.strip().splitlines()
    try:
        report = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        pytest.fail(f"render-cards.mjs gave no report (exit {run.returncode}):\n"
                    f"{run.stdout[-6000:]}", pytrace=False)
    entries = json.loads((folder / "gallery.json").read_text("utf-8"))
    markdown = (folder / "cards.md").read_text("utf-8")
    if os.environ.get("STRATEGIKOLLEN_UPDATE_CARDS") == "1":
        target = DOCS / "cards"
        if target.is_dir():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for png in sorted((folder / "png").glob("*.png")):
            _save_small(png, target / png.name)
        (DOCS / "cards.md").write_text(markdown, "utf-8")
    return {"entries": entries, "markdown": markdown, "report": report,
            "png": folder / "png", "exit": run.returncode}


def test_the_renderer_draws_every_card_without_a_warning_or_cut_off_text(
    rendered: dict[str, Any],
) -> None:
    report = rendered["report"]
    assert report["cards"] == len(rendered["entries"])
    problems = "\n".join(f"{name}.png:\n  " + "\n  ".join(found)
                         for name, found in report["problems"].items())
    assert not report["problems"], f"The renderer found problems:\n{problems}"
    assert not report["blocked"], f"The page tried to leave the machine: {report['blocked']}"
    assert rendered["exit"] == 0


def test_the_gallery_has_every_kind_of_card_in_swedish_and_english(
    rendered: dict[str, Any],
) -> None:
    names = {e["name"] for e in rendered["entries"]}
    for lang in ("sv", "en"):
        for base in ("welcome", "help", "error", "wizard-kind", "wizard-details",
                     "wizard-questions", "wizard-summary", "wizard-details-problems",
                     "result-not-compatible", "result-needs-information",
                     "result-compatible-with-conditions", "result-compatible",
                     "mine", "mine-empty", "who-prompt", "who-settled", "who-clarifying",
                     "who-not-allowed", "who-out-of-scope",
                     "ib-card", "ib-card-member", "ib-card-problems", "ib-card-prepare",
                     "ib-card-accepted", "ib-new-version", "ib-agenda", "ib-agenda-empty",
                     "case-sent", "case-sent-prepare", "case-sent-version",
                     "case-notified-completion", "case-notified-accepted",
                     "case-result-resubmit", "case-reminder", "cases-mine",
                     "cases-mine-empty", "case-withdraw-confirm", "cases-mine-withdrawn",
                     "ib-card-withdrawn", "ib-failed", "ib-failed-none"):
            assert f"{lang}-{base}" in names, f"{lang}-{base} is missing from the gallery"
    for entry in rendered["entries"]:
        png = rendered["png"] / f"{entry['name']}.png"
        assert png.is_file(), f"{png.name} was not drawn"
        assert png.stat().st_size > 1000, f"{png.name} is blank"


def test_docs_cards_md_shows_exactly_this_gallery(rendered: dict[str, Any]) -> None:
    page = DOCS / "cards.md"
    regenerate = ("regenerate with STRATEGIKOLLEN_UPDATE_CARDS=1 .venv/bin/pytest "
                  "tests/cards/test_rendered_gallery.py")
    assert page.is_file(), f"docs/cards.md is missing; {regenerate}"
    assert page.read_text("utf-8") == rendered["markdown"], (
        f"docs/cards.md is out of date with the cards; {regenerate}")
    for entry in rendered["entries"]:
        assert (DOCS / "cards" / f"{entry['name']}.png").is_file(), (
            f"docs/cards/{entry['name']}.png is missing; {regenerate}")
