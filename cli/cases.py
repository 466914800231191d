"""`strategikollen cases`: the case register for the IB secretariat.

```
strategikollen cases list   [--status S] [--owner O] [--submitter ID] [--limit N]
                            [--format table|json|csv] [--lang sv|en]
strategikollen cases show ID [--format table|json] [--lang sv|en]
strategikollen cases export [--status S] [--owner O] [--submitter ID]
                            [--format csv|json|table] [--lang sv|en]
strategikollen cases verify [--lang sv|en]
strategikollen cases export-person OBJECT_ID
strategikollen cases erase-person OBJECT_ID [--by NAME] [--lang sv|en]
```

The database is the bot's (``STRATEGIKOLLEN_DATABASE_URL`` through ``bot.settings``);
this command never migrates it, and only ``erase-person`` changes it (see
docs/data-protection.md). Tables are Swedish by default,
English with ``--lang en``; JSON and CSV use the register's field names.

Exit codes: 0 ok; 2 bad input (unknown case, unknown status or owner) or, for
``verify``, a broken audit chain (the first broken row named); 1 the database cannot be
reached or holds no case register. Never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

from ibcase import AuditEvent, CaseStatus, NotACaseId, event_label, parse_case_id, status_label
from policy import Lang, Owner
from policy.labels import KIND_LABELS, PRIORITY_LABELS, VERDICT_LABELS
from policy.routing import OWNER_LABELS

from .db import BadInput, DatabaseProblem, load_settings, opened
from .render import render_table
from .texts import CASE_COLUMNS, OWNER_SHORT, TEXTS, t

if TYPE_CHECKING:
    from bot.persistence.register import AuditEntry, Case, CaseRegister, CaseVersion

__all__ = ["add_cases_parser", "cmd_cases"]

_TITLE_WIDTH = 50


def add_cases_parser(sub: Any) -> None:
    """Add ``cases list|show|export`` to the ``strategikollen`` subcommands."""
    cases = sub.add_parser("cases", help="ärenderegistret / the case register")
    actions = cases.add_subparsers(dest="cases_command", required=True,
                                   parser_class=type(cases))

    def common(p: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
        p.add_argument("--format", choices=formats, default=formats[0])
        p.add_argument("--lang", choices=("sv", "en"), default="sv")
        p.set_defaults(run=cmd_cases)

    def filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--status", default=None,
                       help="submitted | accepted | declined | needs_completion | on_agenda "
                       "| withdrawn")
        p.add_argument("--owner", default=None, help=" | ".join(o.value for o in Owner))
        p.add_argument("--submitter", default=None, help="Entra object id")

    ls = actions.add_parser("list", help="ärenden, senaste först / cases, newest first")
    filters(ls)
    ls.add_argument("--limit", type=int, default=50)
    common(ls, ("table", "json", "csv"))

    show = actions.add_parser("show", help="ett ärende med versioner och händelser / one case")
    show.add_argument("case_id", metavar="ID")
    common(show, ("table", "json"))

    export = actions.add_parser("export", help="alla ärenden i registerordning / every case")
    filters(export)
    common(export, ("csv", "json", "table"))

    verify = actions.add_parser("verify", help="kontrollera granskningsloggens kedja / "
                                "check the audit log's hash chain")
    verify.add_argument("--lang", choices=("sv", "en"), default="sv")
    verify.set_defaults(run=cmd_cases)

    person = actions.add_parser("export-person", help="allt om en person, som JSON / "
                                "everything held about a person, as JSON")
    person.add_argument("object_id", metavar="OBJECT_ID")
    person.add_argument("--lang", choices=("sv", "en"), default="sv")
    person.set_defaults(run=cmd_cases)

    erase = actions.add_parser("erase-person", help="pseudonymisera en person / "
                               "pseudonymise a person")
    erase.add_argument("object_id", metavar="OBJECT_ID")
    erase.add_argument("--by", default="Strategikollen (operatör)",
                       help="vem som raderar, till granskningsloggen / who erases, for the "
                       "audit log")
    erase.add_argument("--lang", choices=("sv", "en"), default="sv")
    erase.set_defaults(run=cmd_cases)


def cmd_cases(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    """Run ``cases list|show|export``; 0 ok, 2 bad input, 1 database problem."""
    lang: Lang = args.lang
    try:
        _check_filters(args, lang)
        import asyncio  # imported here: not at every start of strategikollen
        return asyncio.run(_run(args, out, lang))
    except BadInput as problem:
        err.write(f"strategikollen cases: {problem}\n")
        return 2
    except DatabaseProblem as problem:
        err.write(f"strategikollen cases: {problem}\n")
        return 1


def _check_filters(args: argparse.Namespace, lang: Lang) -> None:
    statuses = [s.value for s in CaseStatus]
    status = getattr(args, "status", None)
    if status is not None and status not in statuses:
        raise BadInput(t("cases.bad_status", lang, value=status, choices=", ".join(statuses)))
    owner = getattr(args, "owner", None)
    owners = [o.value for o in Owner]
    if owner is not None and owner not in owners:
        raise BadInput(t("cases.bad_owner", lang, value=owner, choices=", ".join(owners)))
    limit = getattr(args, "limit", None)
    if limit is not None and limit < 1:
        raise BadInput(t("cases.bad_limit", lang))


async def _run(args: argparse.Namespace, out: TextIO, lang: Lang) -> int:
    from bot.persistence.register import CaseNotFound, CaseRegister

    settings = load_settings(lang)
    zone = settings.zone
    tables: tuple[str, ...] = ("cases", "case_versions", "case_audit")
    if args.cases_command in ("verify", "export-person", "erase-person"):
        tables += ("case_audit_chain", "user_refs", "bot_state", "outbox", "ib_channels")
    try:
        async with opened(settings, lang, tables=tables, what=TEXTS["cases.no_register"]) as engine:
            register = CaseRegister(engine, time_zone=settings.time_zone)
            if args.cases_command in ("verify", "export-person", "erase-person"):
                return await _privacy(args, engine, out, lang)
            if args.cases_command == "show":
                await _show(register, args.case_id, args.format, lang, zone, out)
            elif args.cases_command == "list":
                cases = await register.list(status=args.status, owner=args.owner,
                                            submitter=args.submitter, limit=args.limit)
                await _write_cases(register, cases, args.format, lang, zone, out, full=False)
            else:
                cases = await register.list(status=args.status, owner=args.owner,
                                            submitter=args.submitter, limit=None,
                                            newest_first=False)
                await _write_cases(register, cases, args.format, lang, zone, out, full=True)
    except CaseNotFound as error:
        raise BadInput(_not_found(error.case_id, lang)) from error
    return 0


async def _privacy(args: argparse.Namespace, engine: Any, out: TextIO, lang: Lang) -> int:
    from bot import privacy
    from bot.persistence.register import Actor

    if args.cases_command == "verify":
        report = await privacy.verify_chain(engine)
        if report.problem is None:
            out.write(t("cases.chain_ok", lang, rows=t("cases.count.rows", lang, n=report.rows),
                        erased=t("cases.count.erased_rows", lang, n=report.erased)) + "\n")
            return 0
        problem = report.problem
        out.write(t("cases.chain_broken", lang,
            row=problem.row_id if problem.row_id is not None else "–",
            case=problem.case_id or "–", why=t(f"cases.why.{problem.reason}", lang)) + "\n")
        return 2
    if not args.object_id.strip():
        raise BadInput(t("cases.blank_id", lang))
    if args.cases_command == "export-person":
        held = await privacy.export_person(engine, args.object_id)
        out.write(json.dumps(held, ensure_ascii=False, indent=2) + "\n")
        return 0
    by = Actor(id="strategikollen-cli", name=args.by.strip() or "Strategikollen")
    done = await privacy.erase_person(engine, args.object_id, now=args.clock.now(), by=by)
    counts = {"cases": ("cases", len(done.cases)), "versions": ("versions", done.versions),
              "audit": ("audit", done.audit_rows), "channels": ("channels", done.channels),
              "refs": ("refs", done.user_refs), "state": ("state", done.state_items),
              "deleted": ("messages", done.messages_deleted),
              "scrubbed": ("messages", done.messages_scrubbed)}
    out.write(t("cases.erased", lang, id=args.object_id.strip().lower(),
                pseudonym=done.pseudonym,
                **{field: t(f"cases.count.{what}", lang, n=n)
                   for field, (what, n) in counts.items()}) + "\n")
    return 0


def _not_found(case_id: str, lang: Lang) -> str:
    try:
        parse_case_id(case_id)
    except NotACaseId:
        return t("cases.not_an_id", lang, id=case_id)
    return t("cases.not_found", lang, id=case_id)


# --- output ------------------------------------------------------------------------------


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _short(text: str, width: int = _TITLE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


async def _record(register: CaseRegister, case: Case) -> dict[str, Any]:
    """A case with its current screening, every version and its audit log, as JSON."""
    versions = await register.versions(case.id)
    audit = await register.audit(case.id)
    return {
        **case.summary(),
        "engagement": case.engagement.model_dump(mode="json", exclude_none=True),
        "assessment": case.assessment.model_dump(mode="json"),
        "versions": [_version_json(v) for v in versions],
        "audit": [_audit_json(a) for a in audit],
    }


def _version_json(v: CaseVersion) -> dict[str, Any]:
    return {
        "version": v.version,
        "created_at": v.created_at.isoformat(),
        "created_by": v.created_by.model_dump(mode="json"),
        "rulebook_id": v.rulebook_id,
        "rulebook_version": v.rulebook_version,
        "engagement": v.engagement.model_dump(mode="json", exclude_none=True),
        "assessment": v.assessment.model_dump(mode="json"),
    }


def _audit_json(a: AuditEntry) -> dict[str, Any]:
    return {
        "id": a.id,
        "at": a.at.isoformat(),
        "actor": a.actor.model_dump(mode="json"),
        "event": a.event.value,
        "details": a.details,
    }


async def _write_cases(
    register: CaseRegister, cases: list[Case], fmt: str, lang: Lang, zone: ZoneInfo,
    out: TextIO, *, full: bool,
) -> None:
    if fmt == "json":
        records = [await _record(register, c) for c in cases] if full else [
            c.summary() for c in cases]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        from bot.persistence.register import SUMMARY_FIELDS

        writer = csv.DictWriter(out, fieldnames=SUMMARY_FIELDS, lineterminator="\n")
        writer.writeheader()
        for c in cases:
            writer.writerow(c.summary())
    else:
        out.write(_table(cases, lang, zone))


def _table(cases: list[Case], lang: Lang, zone: ZoneInfo) -> str:
    if not cases:
        return t("cases.none", lang) + "\n"
    rows = [tuple(column[lang] for column in CASE_COLUMNS)] + [
        (
            c.id,
            status_label(c.status, lang),
            OWNER_SHORT[c.decision_owner][lang],
            VERDICT_LABELS[c.verdict][lang],
            _local(c.created_at, zone)[:10],
            c.review_due.isoformat() if c.review_due else "",
            _short(c.title),
        )
        for c in cases
    ]
    return render_table(rows)


async def _show(
    register: CaseRegister, case_id: str, fmt: str, lang: Lang, zone: ZoneInfo, out: TextIO
) -> None:
    case = await register.get(case_id)
    if fmt == "json":
        out.write(json.dumps(await _record(register, case), ensure_ascii=False, indent=2) + "\n")
        return
    versions = await register.versions(case.id)
    audit = await register.audit(case.id)
    status = status_label(case.status, lang)
    if case.meeting_date:
        status += f" ({t('cases.field.meeting', lang)} {case.meeting_date.isoformat()})"
    verdict = VERDICT_LABELS[case.verdict][lang]
    if case.priority is not None:
        verdict += f", {t('cases.field.priority', lang)} {PRIORITY_LABELS[case.priority][lang]}"
    who = case.submitter.name + (f" ({case.submitter.unit})" if case.submitter.unit else "")
    lines = [
        f"{case.id}  {case.title}",
        f"{t('cases.field.status', lang)}: {status}",
        f"{t('cases.field.kind', lang)}: {KIND_LABELS[case.kind][lang]}",
    ]
    if case.unit:
        lines.append(f"{t('cases.field.unit', lang)}: {case.unit}")
    lines += [
        f"{t('cases.field.owner', lang)}: {OWNER_LABELS[case.decision_owner][lang]}",
        f"{t('cases.field.verdict', lang)}: {verdict}",
        t("cases.advisory", lang),
        f"{t('cases.field.rulebook', lang)}: {case.rulebook_id} {case.rulebook_version}",
        f"{t('cases.field.submitted_by', lang)}: {who}, {_local(case.created_at, zone)}",
        f"{t('cases.field.updated', lang)}: {_local(case.updated_at, zone)}",
    ]
    if case.review_due:
        lines.append(f"{t('cases.field.review_due', lang)}: {case.review_due.isoformat()}")
    lines += ["", f"{t('cases.field.versions', lang)}:"]
    lines += [
        f"  {v.version}  {_local(v.created_at, zone)}  {v.created_by.name}  "
        f"{VERDICT_LABELS[v.assessment.verdict][lang]}"
        for v in versions
    ]
    lines += ["", f"{t('cases.field.history', lang)}:"]
    lines += [f"  {_local(a.at, zone)}  {a.actor.name}  {_event(a, lang)}" for a in audit]
    out.write("\n".join(lines) + "\n")


def _event(a: AuditEntry, lang: Lang) -> str:
    def status(value: str) -> str:
        return status_label(value, lang)

    d = a.details
    text = event_label(a.event, lang)
    if a.event is AuditEvent.PERSON_ERASED:
        return f"{text} ({d.get('pseudonym')})"
    if a.event is AuditEvent.STATUS_CHANGED:
        text += f": {status(d['from'])} → {status(d['to'])}"
    else:
        text += f" ({t('cases.field.version', lang)} {d.get('version')})"
        if isinstance(d.get("status"), dict):
            moved = d["status"]
            text += f"; {status(moved['from'])} → {status(moved['to'])}"
    if d.get("meeting_date"):
        text += f", {t('cases.field.meeting', lang)} {d['meeting_date']}"
    if d.get("comment"):
        text += f" – {t('cases.field.comment', lang)}: ”{d['comment']}”"
    return text
