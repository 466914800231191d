"""The overview's reads of the case register, in SQL: the filtered, sorted, paged table,
its filters' counts, the year's summary, and the next meeting's cases.

Every query is scoped (``Scope``): every case, or one submitter's. Filtering, sorting,
counting and paging happen in the database; only the page's rows (or, for the summary,
a year's cost, directions and country) come back to Python.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from ibcase import STATUS_LABELS, AuditEvent, CaseStatus
from policy import OWNER_LABELS, Kind, Lang, Owner, Priority, Verdict
from policy.labels import KIND_LABELS, PRIORITY_LABELS, VERDICT_LABELS

from ..clock import utc
from ..persistence.register import audit_table, case_table, version_table

__all__ = [
    "SORTS",
    "Filters",
    "Scope",
    "facets",
    "label_of",
    "page_rows",
    "row_of",
]

C = case_table.c
V = version_table.c
_CURRENT = and_(V.case_id == C.id, V.version == C.version)
COST = V.engagement["cost_sek"].as_float()
DESCRIPTION = V.engagement["description"].as_string()


@dataclass(frozen=True, slots=True)
class Scope:
    """Which cases a request may see: all of them, or ``submitter``'s own."""

    submitter: str | None = None


@dataclass(frozen=True, slots=True)
class Filters:
    statuses: tuple[CaseStatus, ...] = ()
    owners: tuple[Owner, ...] = ()
    kinds: tuple[Kind, ...] = ()
    units: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    q: str = ""
    without: frozenset[str] = field(default_factory=frozenset)  # facets counted without their own


@functools.cache
def _labels(lang: Lang) -> Mapping[str, Mapping[str, str]]:
    return {
        "kind": {k.value: KIND_LABELS[k][lang] for k in Kind},
        "owner": {o.value: OWNER_LABELS[o][lang] for o in Owner},
        "verdict": {v.value: VERDICT_LABELS[v][lang] for v in Verdict},
        "priority": {p.value: PRIORITY_LABELS[p][lang] for p in Priority},
        "status": {s.value: STATUS_LABELS[s][lang] for s in CaseStatus},
    }


def label_of(name: str, value: str | None, lang: Lang) -> str | None:
    """The label of ``value`` of the row field ``name`` (kind, owner, verdict, priority,
    status), or None for a missing value."""
    return None if value is None else _labels(lang)[name].get(value, value)


def _label_sort(name: str, column: Any, lang: Lang) -> Any:
    mapping = _labels(lang)[name]
    return case(*[(column == value, literal(label)) for value, label in mapping.items()],
                else_=column)


# The row's keys by which the table sorts, and the column each sorts on (None: the id,
# in register order).
_SORT_COLUMNS: Mapping[str, Any] = {
    "id": None, "title": C.title, "kind": C.kind, "unit": C.unit, "owner": C.decision_owner,
    "verdict": C.verdict, "priority": C.priority, "status": C.status, "cost": COST,
    "meeting_date": C.meeting_date, "review_due": C.review_due, "submitted_at": C.created_at,
}
_LABEL_SORTS = {"kind_label": ("kind", C.kind), "owner_label": ("owner", C.decision_owner),
                "verdict_label": ("verdict", C.verdict),
                "priority_label": ("priority", C.priority),
                "status_label": ("status", C.status)}
SORTS: tuple[str, ...] = (*_SORT_COLUMNS, *_LABEL_SORTS)


def _where(scope: Scope, filters: Filters, *, skip: str | None = None,
           sqlite: bool = False) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if scope.submitter is not None:
        out.append(C.submitter_id == scope.submitter)
    if filters.statuses and skip != "status":
        out.append(C.status.in_([s.value for s in filters.statuses]))
    if filters.owners and skip != "owner":
        out.append(C.decision_owner.in_([o.value for o in filters.owners]))
    if filters.kinds and skip != "kind":
        out.append(C.kind.in_([k.value for k in filters.kinds]))
    if filters.units and skip != "unit":
        out.append(C.unit.in_(list(filters.units)))
    if filters.years and skip != "year":
        out.append(C.year.in_(list(filters.years)))
    if filters.q:
        needle = "%" + filters.q.replace("\\", "\\\\").replace("%", "\\%").replace(
            "_", "\\_") + "%"
        # PostgreSQL's ILIKE ignores the case of every letter; SQLite's LIKE only that of
        # ASCII letters, so there both sides are folded by Python's casefold() (registered
        # on every SQLite connection by bot.persistence.database).
        out.append(or_(*((func.casefold(column).like(needle.casefold(), escape="\\")
                          if sqlite else column.ilike(needle, escape="\\"))
                         for column in (C.id, C.title, C.unit, DESCRIPTION))))
    return out


def _order(sort: str, descending: bool, lang: Lang) -> list[Any]:
    register = [C.year.desc(), C.sequence.desc()] if descending else [C.year, C.sequence]
    if sort == "id":
        return register
    if sort in _LABEL_SORTS:
        name, column = _LABEL_SORTS[sort]
        expression = _label_sort(name, column, lang)
    else:
        expression = _SORT_COLUMNS[sort]
    # Missing values last either way, on SQLite and PostgreSQL alike.
    nulls_last = case((expression.is_(None), 1), else_=0)
    return [nulls_last, expression.desc() if descending else expression.asc(), *register]


ROW_COLUMNS = (C.id, C.year, C.sequence, C.title, C.kind, C.unit, C.decision_owner, C.verdict,
               C.priority, C.status, C.meeting_date, C.review_due, C.created_at, C.submitter_id,
               COST.label("cost"))


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = utc(value)
    return str(value.isoformat())


def row_of(row: Any, lang: Lang) -> dict[str, Any]:
    """A table row as the page reads it (the JSON's ``rows``)."""
    cost = row.cost
    return {
        "id": row.id,
        "title": row.title,
        "kind": row.kind,
        "kind_label": label_of("kind", row.kind, lang),
        "unit": row.unit,
        "owner": row.decision_owner,
        "owner_label": label_of("owner", row.decision_owner, lang),
        "verdict": row.verdict,
        "verdict_label": label_of("verdict", row.verdict, lang),
        "priority": row.priority,
        "priority_label": label_of("priority", row.priority, lang),
        "status": row.status,
        "status_label": label_of("status", row.status, lang),
        "cost": None if cost is None else round(float(cost)),
        "meeting_date": _iso(row.meeting_date),
        "review_due": _iso(row.review_due),
        "submitted_at": _iso(row.created_at),
    }


async def ib_requests(conn: AsyncConnection, rows: Sequence[Any]) -> dict[str, str]:
    """What IB asked of the submitter, for the rows waiting for a completion: the comment
    of each such case's latest status change (the request itself), by case id."""
    waiting = [row.id for row in rows if row.status == CaseStatus.NEEDS_COMPLETION.value]
    if not waiting:
        return {}
    latest = (select(func.max(audit_table.c.id))
              .where(audit_table.c.case_id.in_(waiting),
                     audit_table.c.event == AuditEvent.STATUS_CHANGED.value)
              .group_by(audit_table.c.case_id))
    found = await conn.execute(
        select(audit_table.c.case_id, audit_table.c.details)
        .where(audit_table.c.id.in_(latest)))
    out: dict[str, str] = {}
    for case_id, details in found.all():  # a dict on both databases (JSON_DOCUMENT)
        comment = (details or {}).get("comment")
        if comment:
            out[case_id] = str(comment)
    return out


async def one_row(conn: AsyncConnection, key: str) -> Any:
    """The table row of the case ``key`` (which exists)."""
    return (await conn.execute(
        select(*ROW_COLUMNS).join(version_table, _CURRENT).where(C.id == key))).one()


async def page_rows(conn: AsyncConnection, scope: Scope, filters: Filters, *, sort: str,
                    descending: bool, lang: Lang, offset: int = 0,
                    limit: int | None = None) -> list[Any]:
    """The rows of one page of the matching cases (``limit=None``: all from ``offset``)."""
    query = (select(*ROW_COLUMNS).join(version_table, _CURRENT)
             .where(*_where(scope, filters, sqlite=conn.dialect.name == "sqlite"))
             .order_by(*_order(sort, descending, lang)).offset(offset))
    if limit is not None:
        query = query.limit(limit)
    return list((await conn.execute(query)).all())


_FACETS: Mapping[str, Any] = {
    "status": C.status, "owner": C.decision_owner, "kind": C.kind, "unit": C.unit,
    "year": C.year,
}
MAX_FACET_VALUES = 200


def _chosen(filters: Filters) -> dict[str, set[Any]]:
    return {
        "status": {s.value for s in filters.statuses}, "owner": {o.value for o in filters.owners},
        "kind": {k.value for k in filters.kinds}, "unit": set(filters.units),
        "year": set(filters.years),
    }


async def facets(conn: AsyncConnection, scope: Scope, filters: Filters,
                 lang: Lang) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """How many cases match, and each filter's values with how many cases have them,
    counted with the other filters applied (not the filter's own, so that choosing a
    second value shows what it adds). One query: the cases of the scope and the free text,
    counted by every combination of the five filters' columns; the combinations are few
    (statuses × owners × kinds × units × years), and folded here."""
    columns = list(_FACETS.values())
    query = select(*columns, func.count()).select_from(case_table)
    if filters.q:
        query = query.join(version_table, _CURRENT)
    query = query.where(*_where(scope, Filters(q=filters.q),
                                sqlite=conn.dialect.name == "sqlite")).group_by(*columns)
    groups = [(dict(zip(_FACETS, row[:-1], strict=True)), int(row[-1]))
              for row in (await conn.execute(query)).all()]
    chosen = _chosen(filters)

    def matches(values: Mapping[str, Any], skip: str | None) -> bool:
        return all(not wanted or values[name] in wanted
                   for name, wanted in chosen.items() if name != skip)

    total = sum(n for values, n in groups if matches(values, None))
    out: dict[str, list[dict[str, Any]]] = {}
    for name in _FACETS:
        counted: dict[Any, int] = {}
        for values, n in groups:
            if values[name] is not None and matches(values, name):
                counted[values[name]] = counted.get(values[name], 0) + n
        items = list(counted.items())
        if name == "year":
            items.sort(key=lambda item: -int(item[0]))
        elif name == "unit":
            items.sort(key=lambda item: (-item[1], str(item[0]).lower()))
            items = items[:MAX_FACET_VALUES]
        else:
            order = {v: i for i, v in enumerate(_labels(lang)[name])}
            items.sort(key=lambda item: order.get(item[0], len(order)))
        out[name] = [
            {"value": value,
             "label": (str(value) if name in ("unit", "year")
                       else label_of(name, str(value), lang)),
             "count": n}
            for value, n in items
        ]
    return total, out


async def year_cases(conn: AsyncConnection, scope: Scope, year: int) -> list[tuple[Any, ...]]:
    """The year's cases, one small tuple each: kind, owner, status, cost, directions and
    the counterpart's country (the directions are a list in the engagement: one scan of
    the year's current versions, folded by the caller). On SQLite the three are read in
    one ``json_extract`` (one parse of the document instead of three)."""
    where = _where(scope, Filters(years=(year,)))
    if conn.dialect.name == "sqlite":
        picked = func.json_extract(V.engagement, "$.cost_sek", "$.directions",
                                   "$.counterpart.country")
        query = (select(C.kind, C.decision_owner, C.status, picked)
                 .join(version_table, _CURRENT).where(*where))
        out = []
        for kind, owner, status, text in (await conn.execute(query)).all():
            cost, directions, country = json.loads(text) if text else (None, None, None)
            out.append((kind, owner, status, cost, directions, country))
        return out
    query = (
        select(C.kind, C.decision_owner, C.status, COST,
               V.engagement["directions"], V.engagement["counterpart"]["country"].as_string())
        .join(version_table, _CURRENT)
        .where(*where)
    )
    return [tuple(row) for row in (await conn.execute(query)).all()]


async def upcoming_reviews(conn: AsyncConnection, scope: Scope, today: date,
                           limit: int = 20) -> list[Any]:
    query = (
        select(C.id, C.title, C.review_due)
        .where(*_where(scope, Filters()), C.status == CaseStatus.ACCEPTED.value,
               C.review_due.is_not(None), C.review_due >= today)
        .order_by(C.review_due, C.year, C.sequence)
        .limit(limit)
    )
    return list((await conn.execute(query)).all())


async def next_meeting_cases(conn: AsyncConnection, scope: Scope,
                             today: date) -> tuple[date | None, list[Any]]:
    """The next meeting's date (the earliest meeting date of a case on the agenda that is
    not before ``today``) and those cases' rows with their current engagement."""
    where = [*_where(scope, Filters()), C.status == CaseStatus.ON_AGENDA.value]
    meeting = (await conn.execute(
        select(func.min(C.meeting_date)).where(*where, C.meeting_date >= today)
    )).scalar_one_or_none()
    if meeting is None:
        return None, []
    rows = (await conn.execute(
        select(*ROW_COLUMNS, V.engagement, V.assessment, C.version, C.submitter_name,
               C.submitter_unit)
        .join(version_table, _CURRENT)
        .where(*where, C.meeting_date == meeting)
    )).all()
    return meeting, list(rows)


def grouped(items: Sequence[tuple[str, str, float, int]]) -> list[dict[str, Any]]:
    """``(key, label, cost, count)`` as the summary's list entries, costs in whole SEK."""
    return [{"key": key, "label": label, "cost": round(cost), "count": count}
            for key, label, cost, count in items]
