"""Every status and event reads as words in both languages."""

from __future__ import annotations

import pytest

from ibcase import AuditEvent, CaseStatus, event_label, status_label
from ibcase.texts import MESSAGES


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_status_and_event_has_a_label(lang: str) -> None:
    for status in CaseStatus:
        assert status_label(status, lang).strip()  # type: ignore[arg-type]
    for event in AuditEvent:
        assert event_label(event.value, lang).strip()  # type: ignore[arg-type]
    for texts in MESSAGES.values():
        assert texts[lang].strip()  # type: ignore[index]


def test_labels_are_the_registers_words() -> None:
    assert status_label("submitted", "sv") == "Inlämnat"
    assert status_label(CaseStatus.ACCEPTED, "sv") == "Tillstyrkt"
    assert status_label(CaseStatus.ON_AGENDA, "en") == "On the agenda"
    assert event_label(AuditEvent.VERSION_ADDED, "sv") == "Ny version"


def test_no_two_statuses_read_alike() -> None:
    for lang in ("sv", "en"):
        labels = [status_label(s, lang) for s in CaseStatus]  # type: ignore[arg-type]
        assert len(set(labels)) == len(labels)


def test_the_registers_documentation_shows_these_labels() -> None:
    """docs/case-register.md's status table is the labels here, row for row."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "case-register.md").read_text(
        encoding="utf-8")
    section = doc.split("## Statuses", 1)[1].split("\n## ", 1)[0]
    rows = {
        cells[0].strip("`"): (cells[1], cells[2])
        for line in section.splitlines()
        if line.startswith("| `")
        for cells in [[c.strip() for c in line.strip().strip("|").split("|")]]
    }
    assert rows == {
        s.value: (status_label(s, "sv"), status_label(s, "en")) for s in CaseStatus
    }
