"""The overview tab's routes on the bot's aiohttp app (docs: /work/notes/overview-api.md,
kept as ``bot/overview/README`` in the module docstring of ``bot.overview``).

Every ``/tab/api/*`` request is signed in (``auth``), given a role, scoped to what that
role may see, and answered in JSON; a problem with the request is a 4xx with a message in
the user's language, never a 500.
"""

from __future__ import annotations

import io
import ipaddress
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from aiohttp import web
from multidict import MultiMapping
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from cards.choices import CHOICES
from cards.fields import SHORT_LABELS
from cards.i18n import choice, sek, short_label
from cards.wizard import Widget
from dialogs import ib as ib_dialogs
from dialogs.fields import ALL_FIELDS, widget_for
from ibcase import CaseStatus, event_label
from policy import Engagement, Kind, Lang, Owner, assess, lang_of
from policy.models import Direction

from ..clock import Clock, utc
from ..ib import IbService, Origin, RosterUnavailable
from ..persistence.register import CaseNotFound, case_table
from ..settings import Settings
from . import export, query
from .auth import KeysUnavailable, TokenRefused, TokenUser, TokenValidator
from .query import Filters, Scope
from .texts import t

__all__ = ["OVERVIEW", "Overview", "Role", "setup_routes"]

logger = logging.getLogger(__name__)

Role = Literal["ib", "secretariat", "submitter", "none"]

STATIC = Path(__file__).resolve().parent / "static"
MAX_PAGE_SIZE = 500
MAX_PAGE = 1_000_000
MAX_Q = 200
MAX_UNIT = 500
YEARS = (2000, 2100)
MAX_EXPORT_ROWS = export.MAX_EXPORT_ROWS

# Where Teams shows a tab: the page may be framed there and nowhere else. Nothing leaves
# the server: scripts, styles and pictures are the page's own.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
       "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com "
       "https://*.teams.cloud.microsoft https://*.cloud.microsoft https://*.office.com "
       "https://*.microsoft365.com https://outlook.office.com")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Overview:
    """What the routes need: the database, the settings, the one clock, IB's membership
    (``ib``, the same service the card actions ask) and the token validator."""

    engine: AsyncEngine
    settings: Settings
    clock: Clock
    ib: IbService
    validator: TokenValidator

    @property
    def zone(self) -> ZoneInfo:
        return self.settings.zone


OVERVIEW = web.AppKey("overview", Overview)


# --- who is asking -------------------------------------------------------------------


def _lang(request: web.Request) -> Lang:
    values = request.query.getall("lang", [])
    return lang_of(values[-1]) if values else "sv"


def _is_loopback(remote: str | None) -> bool:
    try:
        return remote is not None and ipaddress.ip_address(remote).is_loopback
    except ValueError:
        return False


async def _user(request: web.Request, overview: Overview, lang: Lang) -> TokenUser:
    header = request.headers.get("Authorization", "").strip()
    scheme, _, token = header.partition(" ")
    if not header:
        if overview.settings.dev and _is_loopback(request.remote):
            dev_user = overview.settings.dev_tab_user.strip().lower()
            if not dev_user:
                raise ApiError(401, "no_dev_user", t("tab.error.no_dev_user", lang))
            return TokenUser(id=dev_user, name=dev_user, tenant="dev")
        raise ApiError(401, "no_token", t("tab.error.no_token", lang))
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "no_token", t("tab.error.no_token", lang))
    if not overview.validator.configured:
        raise ApiError(401, "not_configured", t("tab.error.not_configured", lang))
    try:
        return await overview.validator.validate(token.strip())
    except TokenRefused as refused:
        raise ApiError(401, "invalid_token",
                       t("tab.error.bad_token", lang, reason=t(refused.reason, lang))) from None
    except KeysUnavailable:
        raise ApiError(503, "keys_unavailable", t("tab.error.keys_unavailable", lang)) from None


async def role_of(overview: Overview, user: TokenUser) -> Role:
    """IB (the same check as the card actions), the secretariat (its ids and groups, as
    ``IbService`` resolves them), a submitter (has cases), or none. When IB's membership
    cannot be read, a user who is secretariat or submitter gets that role meanwhile."""
    origin = Origin(service_url="", conversation_id="", conversation_type="personal",
                    user_mri=user.id, user_aad_id=user.id, user_name=user.name, locale=None)
    try:
        if await overview.ib.is_member(origin):
            return "ib"
    except RosterUnavailable:
        if not await overview.ib.is_secretariat(user.id) and not await _has_cases(overview,
                                                                                  user):
            raise
    if await overview.ib.is_secretariat(user.id):
        return "secretariat"
    return "submitter" if await _has_cases(overview, user) else "none"


async def _has_cases(overview: Overview, user: TokenUser) -> bool:
    async with overview.engine.connect() as conn:
        found = (await conn.execute(
            select(case_table.c.id).where(case_table.c.submitter_id == user.id).limit(1)
        )).first()
    return found is not None


@dataclass(frozen=True, slots=True)
class Caller:
    user: TokenUser
    role: Role
    lang: Lang
    scope: Scope


async def _caller(request: web.Request, *, allow_none: bool = False) -> Caller:
    overview = request.app[OVERVIEW]
    lang = _lang(request)
    user = await _user(request, overview, lang)
    try:
        role = await role_of(overview, user)
    except RosterUnavailable:
        raise ApiError(503, "roster_unavailable", t("tab.error.roster_unavailable", lang)) from None
    if role == "none" and not allow_none:
        raise ApiError(403, "no_right", t("tab.error.no_right", lang))
    mine = _one(request, "view", lang) == "mine"
    everything = role in ("ib", "secretariat") and not mine
    return Caller(user=user, role=role, lang=lang,
                  scope=Scope(submitter=None if everything else user.id))


# --- the request's parameters ----------------------------------------------------------


def _one(request: web.Request, name: str, lang: Lang, default: str = "") -> str:
    values = request.query.getall(name, [])
    if len(values) > 1:
        raise ApiError(400, "bad_request", t("tab.error.repeated", lang, name=name))
    return values[0].strip() if values else default


def _number(text: str, name: str, low: int, high: int, lang: Lang) -> int:
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ApiError(400, "bad_request", t("tab.error.bad_number", lang, name=name, low=low,
                                             high=high, value=text[:40]))
    return value


def _year(text: str, lang: Lang) -> int:
    low, high = YEARS
    if not (text.isdigit() and len(text) == 4 and low <= int(text) <= high):
        raise ApiError(400, "bad_year", t("tab.error.bad_year", lang, value=text[:40], low=low,
                                          high=high))
    return int(text)


def _choices[E: (CaseStatus, Owner, Kind)](params: MultiMapping[str], name: str, enum: type[E],
                                          lang: Lang) -> tuple[E, ...]:
    out: list[E] = []
    for raw in params.getall(name, []):
        for part in (p.strip() for p in raw.split(",")):
            if not part:
                continue
            try:
                out.append(enum(part))
            except ValueError:
                raise ApiError(400, "bad_filter", t(
                    "tab.error.bad_value", lang, name=name, value=part[:40],
                    allowed=", ".join(m.value for m in enum))) from None
    return tuple(dict.fromkeys(out))


def filters_of(request: web.Request, lang: Lang) -> Filters:
    params = request.query
    units: list[str] = []
    for raw in params.getall("unit", []):
        if len(raw) > MAX_UNIT:
            raise ApiError(400, "bad_filter", t("tab.error.too_long", lang, name="unit",
                                                n=MAX_UNIT))
        if raw.strip():
            units.append(raw.strip())
    years = tuple(dict.fromkeys(_year(raw.strip(), lang) for raw in params.getall("year", [])
                                if raw.strip()))
    q = _one(request, "q", lang)
    if len(q) > MAX_Q:
        raise ApiError(400, "bad_filter", t("tab.error.too_long", lang, name="q", n=MAX_Q))
    view = _one(request, "view", lang)
    if view not in ("", "mine"):
        raise ApiError(400, "bad_filter", t("tab.error.bad_value", lang, name="view",
                                            value=view[:40], allowed="mine"))
    return Filters(
        statuses=_choices(params, "status", CaseStatus, lang),
        owners=_choices(params, "owner", Owner, lang),
        kinds=_choices(params, "kind", Kind, lang),
        units=tuple(dict.fromkeys(units)),
        years=years,
        q=q,
    )


def _sort_of(request: web.Request, lang: Lang) -> tuple[str, bool]:
    sort = _one(request, "sort", lang) or "id"
    if sort not in query.SORTS:
        raise ApiError(400, "bad_sort", t("tab.error.bad_value", lang, name="sort",
                                          value=sort[:40], allowed=", ".join(query.SORTS)))
    order = _one(request, "order", lang) or ("desc" if sort == "id" else "asc")
    if order not in ("asc", "desc"):
        raise ApiError(400, "bad_sort", t("tab.error.bad_value", lang, name="order",
                                          value=order[:40], allowed="asc, desc"))
    return sort, order == "desc"


# --- the handlers -------------------------------------------------------------------------

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _json_error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": code, "message": message}, status=status,
                             headers={"Cache-Control": "no-store"})


def api(handler: Handler) -> Handler:
    """Answers an ``ApiError`` as its JSON; anything unexpected as a 500 without details."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            response = await handler(request)
        except ApiError as error:
            return _json_error(error.status, error.code, error.message)
        except web.HTTPException:
            raise
        except Exception:
            logger.exception("The overview could not answer %s", request.path)
            return _json_error(500, "internal", t("tab.error.internal", _lang(request)))
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    return wrapped


def _json(data: Any) -> web.Response:
    return web.json_response(data)


@api
async def me(request: web.Request) -> web.StreamResponse:
    caller = await _caller(request, allow_none=True)
    return _json({"user": {"id": caller.user.id, "name": caller.user.name},
                  "role": caller.role, "lang": caller.lang})


@api
async def cases(request: web.Request) -> web.StreamResponse:
    caller = await _caller(request)
    lang = caller.lang
    filters = filters_of(request, lang)
    sort, descending = _sort_of(request, lang)
    page = _number(_one(request, "page", lang, "1"), "page", 1, MAX_PAGE, lang)
    size = _number(_one(request, "page_size", lang, "50"), "page_size", 1, MAX_PAGE_SIZE, lang)
    overview = request.app[OVERVIEW]
    async with overview.engine.connect() as conn:
        total, counts = await query.facets(conn, caller.scope, filters, lang)
        rows = await query.page_rows(conn, caller.scope, filters, sort=sort,
                                     descending=descending, lang=lang,
                                     offset=(page - 1) * size, limit=size) if total else []
        requests = await query.ib_requests(conn, rows)
    return _json({"total": total, "page": page, "page_size": size,
                  "rows": [{**query.row_of(row, lang), "ib_request": requests.get(row.id)}
                           for row in rows], "filters": counts})


@api
async def one_case(request: web.Request) -> web.StreamResponse:
    caller = await _caller(request)
    lang = caller.lang
    text = request.match_info["case_id"][:100]
    overview = request.app[OVERVIEW]
    register = overview.ib.register
    not_found = ApiError(404, "no_case", t("tab.error.no_case", lang, id=text))
    try:
        case = await register.get(text)
    except CaseNotFound:
        raise not_found from None
    if caller.scope.submitter is not None and case.submitter.id != caller.scope.submitter:
        raise not_found  # another's case: as if there were none
    async with overview.engine.connect() as conn:
        row = await query.one_row(conn, case.id)
    versions = await register.versions(case.id)
    audit = await register.audit(case.id)
    return _json({
        "case": query.row_of(row, lang),
        "versions": [_version(v.version, v.created_at, v.engagement,
                              v.assessment.screened_on, lang) for v in versions],
        "audit": [_audit(entry.at, entry.event, entry.actor.name, entry.details, lang)
                  for entry in audit],
    })


def engagement_fields(engagement: Engagement, lang: Lang) -> list[dict[str, Any]]:
    """The engagement's answers as the wizard's summary names them (its short labels, in
    the wizard's order), values as a person reads them: choices (the fields the wizard asks
    with a choice, ``dialogs.fields.widget_for``) by their labels, amounts in kronor;
    yes/no stay booleans for the page to word."""
    flat: dict[str, Any] = {}
    for key, value in engagement.model_dump(mode="json", exclude_none=True).items():
        if isinstance(value, dict):
            flat.update({f"{key}.{inner}": v for inner, v in value.items() if v is not None})
        else:
            flat[key] = value
    order = {name: i for i, name in enumerate(ALL_FIELDS)}
    out: list[dict[str, Any]] = []
    for key in sorted(flat, key=lambda k: (order.get(k, len(order)), k)):
        value = flat[key]
        if key == "cost_sek" and isinstance(value, int | float):
            value = sek(value, lang)
        elif key in ALL_FIELDS and widget_for(key)[0] in _CHOICES:
            values = value if isinstance(value, list) else [value]
            value = ", ".join(choice(str(v), lang) for v in values)
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        label = short_label(key, lang) if key in SHORT_LABELS else key
        out.append({"key": key, "label": label, "value": value})
    return out


_CHOICES = (Widget.CHOICE, Widget.MULTI_CHOICE)


def _version(number: int, at: datetime, engagement: Engagement, screened_on: date,
             lang: Lang) -> dict[str, Any]:
    # Assessed again in the reader's language as of the day it was screened, as the
    # cards do (dialogs.ib.case_view): the same verdict and reasons, in their language.
    assessment = assess(engagement, lang, today=screened_on)
    return {
        "version": number,
        "submitted_at": utc(at).isoformat(),
        "engagement": engagement.model_dump(mode="json", exclude_none=True),
        "engagement_fields": engagement_fields(engagement, lang),
        "assessment": {
            "verdict": assessment.verdict.value,
            "verdict_label": query.label_of("verdict", assessment.verdict.value, lang),
            "decision_owner": assessment.decision_owner.value,
            "decision_owner_label": assessment.decision_owner_label,
            "priority": assessment.priority.value if assessment.priority else None,
            "routing": {"rule": assessment.routing.rule, "reason": assessment.routing.reason,
                        "quote": assessment.routing.citation.text,
                        "citation": assessment.routing.citation.section},
            "findings": [{"rule": f.rule, "outcome": f.outcome.value, "message": f.message,
                          "quote": f.citation.text, "citation": f.citation.section}
                         for f in assessment.findings],
        },
    }


def _audit(at: datetime, event: Any, actor: str, details: dict[str, Any],
           lang: Lang) -> dict[str, Any]:
    status = details.get("to", details.get("status"))
    if isinstance(status, dict):
        status = status.get("to")
    return {
        "at": utc(at).isoformat(),
        "event": str(event),
        "event_label": event_label(event, lang),
        "actor": actor,
        "status": status,
        "status_label": query.label_of("status", status, lang) if isinstance(status, str)
        else None,
        "comment": details.get("comment"),
    }


_GROUP = {CaseStatus.ACCEPTED: "accepted", CaseStatus.DECLINED: "declined",
          CaseStatus.WITHDRAWN: "withdrawn"}


@api
async def summary(request: web.Request) -> web.StreamResponse:
    caller = await _caller(request)
    lang = caller.lang
    overview = request.app[OVERVIEW]
    today = overview.clock.today(overview.zone)
    text = _one(request, "year", lang)
    year = _year(text, lang) if text else today.year
    async with overview.engine.connect() as conn:
        rows = await query.year_cases(conn, caller.scope, year)
        reviews = await query.upcoming_reviews(conn, caller.scope, today)
    by: dict[str, dict[str, list[float]]] = {"kind": {}, "owner": {}, "status": {}}
    directions: dict[str, list[float]] = {}
    countries: dict[str, list[float]] = {}

    def add(table: dict[str, list[float]], key: str, cost: float) -> None:
        entry = table.setdefault(key, [0.0, 0])
        entry[0] += cost
        entry[1] += 1

    for kind, owner, status, amount, listed_directions, country in rows:
        cost = float(amount or 0)
        add(by["kind"], kind, cost)
        add(by["owner"], owner, cost)
        add(by["status"], _GROUP.get(CaseStatus(status), "open"), cost)
        for direction in dict.fromkeys(listed_directions or []):
            add(directions, str(direction), cost)
        add(countries, str(country or "").strip(), cost)

    def listed(name: str, order: Sequence[str]) -> list[dict[str, Any]]:
        found = by[name]
        keys = [k for k in order if k in found] + sorted(k for k in found if k not in order)
        return query.grouped([(k, query.label_of(name, k, lang) or k, found[k][0],
                               int(found[k][1])) for k in keys])

    status_order = ["open", "accepted", "declined", "withdrawn"]
    by_status = query.grouped([(k, t(f"tab.group.{k}", lang), by["status"][k][0],
                                int(by["status"][k][1]))
                               for k in status_order if k in by["status"]])
    by_direction = query.grouped([
        (d.value, CHOICES[d.value][lang] if d.value in CHOICES else d.value,
         directions.get(d.value, [0.0, 0])[0], int(directions.get(d.value, [0.0, 0])[1]))
        for d in Direction])
    by_country = query.grouped(sorted(
        ((c, c or t("tab.group.none", lang), v[0], int(v[1])) for c, v in countries.items()),
        key=lambda item: (-item[3], -item[2], item[0].lower())))
    total_cost = sum(v[0] for v in by["status"].values())
    return _json({
        "year": year,
        "total_cost": round(total_cost),
        "count": int(sum(v[1] for v in by["status"].values())),
        "by_kind": listed("kind", [k.value for k in Kind]),
        "by_owner": listed("owner", [o.value for o in Owner]),
        "by_status": by_status,
        "by_direction": by_direction,
        "by_country": by_country,
        "upcoming_reviews": [{"id": r.id, "title": r.title, "review_due": r.review_due.isoformat()}
                             for r in reviews],
    })


@api
async def agenda(request: web.Request) -> web.StreamResponse:
    caller = await _caller(request)
    lang = caller.lang
    overview = request.app[OVERVIEW]
    today = overview.clock.today(overview.zone)
    async with overview.engine.connect() as conn:
        meeting, rows = await query.next_meeting_cases(conn, caller.scope, today)
    by_id = {row.id: row for row in rows}
    views = [
        ib_dialogs.case_view(
            case_id=row.id, status=CaseStatus(row.status), version=row.version,
            engagement=Engagement.model_validate(row.engagement),
            screened_on=date.fromisoformat(str(row.assessment["screened_on"])),
            lang=lang, submitter_name=row.submitter_name, submitter_unit=row.submitter_unit,
            meeting_date=row.meeting_date, review_due=row.review_due)
        for row in rows
    ]
    # The order of the "dagordning" card: the same function.
    ordered, total = ib_dialogs.agenda(views)
    return _json({"meeting_date": meeting.isoformat() if meeting else None,
                  "items": [query.row_of(by_id[v.id], lang) for v in ordered],
                  "total_cost": round(total)})


# --- export ---------------------------------------------------------------------------

async def _export_rows(request: web.Request) -> tuple[Caller, list[dict[str, Any]], date]:
    caller = await _caller(request)
    filters = filters_of(request, caller.lang)
    sort, descending = _sort_of(request, caller.lang)
    overview = request.app[OVERVIEW]
    async with overview.engine.connect() as conn:
        rows = await query.page_rows(conn, caller.scope, filters, sort=sort,
                                     descending=descending, lang=caller.lang,
                                     limit=MAX_EXPORT_ROWS)
    today = overview.clock.today(overview.zone)
    return caller, [export.flat_row(row, caller.lang, overview.zone) for row in rows], today


def _attachment(today: date, extension: str) -> str:
    return f'attachment; filename="{export.file_name(today, extension)}"'


@api
async def export_csv(request: web.Request) -> web.StreamResponse:
    caller, rows, today = await _export_rows(request)
    body = export.csv_bytes(rows, caller.lang)
    return web.Response(body=body, content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition": _attachment(today, "csv")})


@api
async def export_xlsx(request: web.Request) -> web.StreamResponse:
    import xlsxwriter

    caller, rows, today = await _export_rows(request)
    buffer = io.BytesIO()
    # Text stays text: no formulas, links or numbers made of what a case's title says.
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    sheet = book.add_worksheet(t("tab.sheet", caller.lang))
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for column, header in enumerate(export.headers(caller.lang)):
        sheet.write_string(0, column, header, bold)
    dates = {"meeting_date", "review_due", "submitted_at"}
    for line, row in enumerate(rows, start=1):
        for column, (_, key) in enumerate(export.EXPORT_COLUMNS):
            value = row[key]
            if value is None:
                continue
            if key in dates:
                sheet.write_datetime(line, column, datetime.fromisoformat(value[:10]), day)
            elif isinstance(value, int | float):
                sheet.write_number(line, column, value)
            else:
                sheet.write_string(line, column, str(value))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(export.EXPORT_COLUMNS) - 1)
    book.close()
    return web.Response(
        body=buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": _attachment(today, "xlsx")})


@api
async def api_not_found(request: web.Request) -> web.StreamResponse:
    raise ApiError(404, "not_found", t("tab.error.not_found", _lang(request)))


# --- the page's files ------------------------------------------------------------------------


def _page_headers(vendor: bool) -> dict[str, str]:
    cache = "public, max-age=31536000, immutable" if vendor else "no-cache"
    return {"Cache-Control": cache, "X-Content-Type-Options": "nosniff"}


def _file(path: Path, *, vendor: bool = False, html: bool = False) -> web.StreamResponse:
    headers = _page_headers(vendor)
    if html:
        headers["Content-Security-Policy"] = CSP
        headers["Referrer-Policy"] = "no-referrer"
    return web.FileResponse(path, headers=headers)


def static_file(relative: str) -> Path | None:
    """The file of ``bot/overview/static/`` that ``relative`` names, or None: no ``..``, no
    hidden file or folder, no folder, nothing outside the folder (links included)."""
    if not relative or "\\" in relative or "\x00" in relative or len(relative) > 300:
        return None
    parts = relative.split("/")
    if any(not part or part in (".", "..") or part.startswith(".") for part in parts):
        return None
    root = STATIC.resolve()
    try:
        candidate = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
          ".html": "text/html", ".json": "application/json", ".svg": "image/svg+xml",
          ".png": "image/png", ".woff2": "font/woff2", ".map": "application/json"}


async def page_file(request: web.Request) -> web.StreamResponse:
    relative = request.match_info["path"]
    found = static_file(relative)
    if found is None:
        return web.Response(status=404, text="Not found", headers=_page_headers(False))
    response = _file(found, vendor=relative.startswith("vendor/"),
                     html=found.suffix == ".html")
    kind = _TYPES.get(found.suffix.lower())
    if kind is not None:
        response.content_type = kind
    return response


def _page(name: str) -> Handler:
    async def handler(_request: web.Request) -> web.StreamResponse:
        found = static_file(name)
        if found is None:
            return web.Response(status=404, text="Not found", headers=_page_headers(False))
        response = _file(found, html=True)
        response.content_type = "text/html"
        return response

    return handler


async def _to_tab(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound(request.rel_url.with_path("/tab/"))


def setup_routes(app: web.Application, overview: Overview) -> None:
    app[OVERVIEW] = overview
    router = app.router
    router.add_get("/tab", _to_tab)
    router.add_get("/tab/", _page("index.html"))
    router.add_get("/tab/config", _page("config.html"))
    router.add_get("/tab/static/{path:.+}", page_file)
    router.add_get("/tab/api/me", me)
    router.add_get("/tab/api/cases", cases)
    router.add_get("/tab/api/cases.csv", export_csv)
    router.add_get("/tab/api/cases.xlsx", export_xlsx)
    router.add_get("/tab/api/cases/{case_id}", one_case)
    router.add_get("/tab/api/summary", summary)
    router.add_get("/tab/api/agenda", agenda)
    router.add_route("*", "/tab/api/{tail:.*}", api_not_found)

