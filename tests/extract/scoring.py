"""Per-field precision and recall of the extractor against invitations with expected fields.

An invitation ``NAME.txt`` (or ``.eml``) has its expectation beside it in
``NAME.expected.json``: ``{"engagement": {...}, "place": {...}, "amounts": [[450, "EUR"]],
"signature_requested": true}``, holding only what the text states. Fields are compared
flat (``counterpart.name``); ``participants`` and ``amounts`` as sets. A field the
extractor gives that the expectation lacks is *invented*; one it gives with another
value is *wrong*; both count against precision.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policy.extract import Extraction

INVITATIONS = Path(__file__).resolve().parents[1] / "invitations"
HOLDOUT = INVITATIONS / "holdout"


def flatten(engagement: dict[str, Any], extras: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in engagement.items():
        if key == "counterpart" and isinstance(value, dict):
            for k, v in value.items():
                if v is not None:
                    flat[f"counterpart.{k}"] = v
        elif key == "participants":
            flat[key] = frozenset(value)
        elif value is not None:
            flat[key] = value
    place = extras.get("place") or {}
    for k in ("city", "country"):
        if place.get(k):
            flat[f"place.{k}"] = place[k]
    if extras.get("amounts"):
        flat["amounts"] = frozenset((float(a), str(c)) for a, c in extras["amounts"])
    if extras.get("signature_requested") is not None:
        flat["signature_requested"] = extras["signature_requested"]
    return flat


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip().casefold()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


def extracted_flat(x: Extraction) -> dict[str, Any]:
    extras = {
        "place": x.place.model_dump() if x.place else None,
        "amounts": [(a.amount, a.currency) for a in x.amounts],
        "signature_requested": x.signature_requested,
    }
    return flatten(x.engagement, extras)


def expected_flat(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text("utf-8"))
    return flatten(data.get("engagement", {}), data)


@dataclass
class Score:
    right: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)
    invented: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def add(self, name: str, got: dict[str, Any], want: dict[str, Any]) -> None:
        for key in sorted(set(got) | set(want)):
            if key in got and key in want:
                if _norm(got[key]) == _norm(want[key]):
                    self.right[key] += 1
                else:
                    self.wrong[key] += 1
                    self.problems.append(f"{name}: {key} is {got[key]!r}, expected {want[key]!r}")
            elif key in got:
                self.invented[key] += 1
                self.problems.append(f"{name}: {key} invented: {got[key]!r}")
            else:
                self.missed[key] += 1
                self.problems.append(f"{name}: {key} missed (expected {want[key]!r})")

    @property
    def fields(self) -> list[str]:
        return sorted(set(self.right) | set(self.wrong) | set(self.invented) | set(self.missed))

    def precision(self, key: str | None = None) -> float:
        r, w, i = self._counts(key)[:3]
        return r / (r + w + i) if r + w + i else 1.0

    def recall(self, key: str | None = None) -> float:
        r, w, _, m = self._counts(key)
        return r / (r + w + m) if r + w + m else 1.0

    def _counts(self, key: str | None) -> tuple[int, int, int, int]:
        def total(c: Counter[str]) -> int:
            return c[key] if key else sum(c.values())
        return total(self.right), total(self.wrong), total(self.invented), total(self.missed)

    def report(self, title: str) -> str:
        lines = [f"{title}: precision {self.precision():.3f}, recall {self.recall():.3f} "
                 f"({sum(self.right.values())} right, {sum(self.wrong.values())} wrong, "
                 f"{sum(self.invented.values())} invented, {sum(self.missed.values())} missed)"]
        lines += [f"  {k:28} precision {self.precision(k):.2f}  recall {self.recall(k):.2f}  "
                  f"(n={self.right[k] + self.wrong[k] + self.missed[k]})" for k in self.fields]
        return "\n".join(lines + [f"  - {p}" for p in self.problems])


def cases(folder: Path) -> Iterable[tuple[str, Path, Path]]:
    for expected in sorted(folder.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        source = next(p for p in folder.iterdir() if p.stem == stem and p != expected)
        yield stem, source, expected
