"""Plain-text views of assessments, answers and rules for the terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from policy import Assessment, Lang, Outcome, registry
from policy.labels import OUTCOME_LABELS, PRIORITY_LABELS, VERDICT_LABELS
from policy.routing import ROUTES, owner_label
from policy.rules import NOT_ENCODED

from .texts import t

if TYPE_CHECKING:
    from policy.who_decides import WhoDecides

__all__ = [
    "render_assessment",
    "render_rules",
    "render_table",
    "render_who_decides",
    "rules_json",
]

_WIDTH = 88


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=_WIDTH, initial_indent=indent,
                         subsequent_indent=indent + "  ")


def _quote(text: str, section: str, lang: Lang, indent: str) -> str:
    return _wrap(f"”{text}” ({t('report.section', lang)} {section})", indent)


def render_assessment(a: Assessment, lang: Lang, *, source: str | None = None) -> str:
    lines: list[str] = []
    head = f"{t('report.verdict', lang)}: {VERDICT_LABELS[a.verdict][lang].upper()}"
    lines.append(head + (f"   [{source}]" if source else ""))
    lines.append(_wrap(a.advisory, ""))
    lines.append("")
    lines.append(f"{t('report.owner', lang)}: {a.decision_owner_label}  ({a.routing.rule})")
    lines.append(_wrap(a.routing.reason, "  "))
    if a.routing.coordinated_by is not None:
        coordinator = owner_label(a.routing.coordinated_by, lang)
        lines.append(f"{t('report.coordinates', lang)}: {coordinator}"
                     f"  ({t('report.not_deciding', lang)})")
    lines.append(_quote(a.routing.citation.text, a.routing.citation.section, lang, "  "))
    if a.priority is not None:
        factors = ", ".join(f"{f.label} {f.points:+d}" for f in a.priority_factors)
        lines.append("")
        lines.append(_wrap(f"{t('report.priority', lang)}: {PRIORITY_LABELS[a.priority][lang]}"
                           + (f" ({factors})" if factors else ""), ""))
    for outcome in Outcome:
        group = [f for f in a.findings if f.outcome is outcome]
        if not group:
            continue
        lines.append("")
        lines.append(f"{OUTCOME_LABELS[outcome][lang]}:")
        for f in group:
            lines.append(_wrap(f"- [{f.rule}] {f.message}", "  "))
            lines.append(_quote(f.citation.text, f.citation.section, lang, "      "))
    lines.append("")
    lines.append(f"{t('report.next', lang)}:")
    lines.extend(_wrap(f"- {step}", "  ") for step in a.next_steps)
    lines.append("")
    lines.append(_wrap(f"{t('report.rulebook', lang)}: {a.rulebook.id} {a.rulebook.version} – "
                       f"{a.rulebook.source}", ""))
    return "\n".join(lines) + "\n"


def render_who_decides(w: WhoDecides, *, one_line: bool = False) -> str:
    if one_line:
        return " ".join(w.answer.split())
    lines = [textwrap.fill(w.answer, width=_WIDTH)]
    if w.clarify and not w.answer.rstrip().endswith(w.clarify.strip()):
        lines.append(textwrap.fill(w.clarify, width=_WIDTH))
    if w.candidates:
        lines.append("")
        lines.extend(_wrap(f"- {c.condition}: {c.label}", "  ") for c in w.candidates)
    for c in w.citations:
        lines.append(_quote(c.text, c.section, w.lang, "  "))
    return "\n".join(lines)


def rules_json() -> dict[str, Any]:
    rules = [
        {
            "id": reg.rule.id,
            "section": reg.rule.section,
            "title": dict(reg.rule.title),
            "kinds": sorted(k.value for k in reg.rule.kinds),
            "outcomes": [o.value for o in reg.rule.outcomes],
            "inputs": list(reg.rule.inputs),
            "valid_from": reg.rule.valid_from.isoformat(),
            "valid_to": reg.rule.valid_to.isoformat() if reg.rule.valid_to else None,
            "citation": {"section": reg.rule.section, "text": reg.rule.quote},
            "also_cites": list(reg.rule.also_quotes),
            "interpretation": reg.rule.interpretation or None,
        }
        for reg in registry()
    ]
    routes = [
        {
            "id": r.id,
            "decision_owner": r.owner.value,
            "reason": dict(r.reason),
            "citation": {"section": r.section, "text": r.quote},
            "citation_by_kind": {k.value: q for k, q in r.quote_for.items()},
            "coordinated_by": r.coordinated_by.value if r.coordinated_by else None,
            "interpretation": r.interpretation or None,
        }
        for r in ROUTES
    ]
    not_encoded = [{"citation": {"section": c.section, "text": c.quote}, "why": dict(c.why)}
                   for c in NOT_ENCODED]
    return {"rules": rules, "routing": routes, "not_encoded": not_encoded}


def render_rules(lang: Lang) -> str:
    lines = [f"{t('report.rules', lang)}:", ""]
    for reg in registry():
        r = reg.rule
        kinds = ", ".join(sorted(k.value for k in r.kinds)) or "*"
        lines.append(f"{r.id}  {r.title[lang]}  [{kinds}]  "
                     f"({t('report.since', lang)} {r.valid_from.isoformat()})")
        lines.append(_quote(r.quote, r.section, lang, "    "))
        lines.append("")
    lines.append(f"{t('report.routes', lang)}:")
    lines.append("")
    for route in ROUTES:
        lines.append(f"{route.id}  → {route.owner.value}")
        lines.append(_wrap(route.reason[lang], "    "))
        lines.append(_quote(route.quote, route.section, lang, "    "))
        lines.append("")
    lines.append(f"{t('report.not_encoded', lang)}:")
    lines.append("")
    for clause in NOT_ENCODED:
        lines.append(_quote(clause.quote, clause.section, lang, ""))
        lines.append(_wrap(clause.why[lang], "    "))
        lines.append("")
    return "\n".join(lines)


def render_table(rows: Sequence[Sequence[str]]) -> str:
    """Rows as aligned columns, the first row a heading underlined with dashes."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
