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
from policy import Lang, Owner, Verdict
from policy.labels import KIND_LABELS, PRIORITY_LABELS
from policy.routing import OWNER_LABELS

from .db import BadInput, DatabaseProblem, load_settings, opened
from .render import render_table

if TYPE_CHECKING:
    from bot.register import AuditEntry, Case, CaseRegister, CaseVersion

__all__ = ["add_cases_parser", "cmd_cases"]

_VERDICT: dict[Verdict, dict[Lang, str]] = {
    Verdict.COMPATIBLE: {"sv": "förenligt", "en": "compatible"},
    Verdict.COMPATIBLE_WITH_CONDITIONS: {"sv": "förenligt med villkor",
                                         "en": "compatible with conditions"},
    Verdict.NEEDS_INFORMATION: {"sv": "behöver kompletteras", "en": "needs information"},
    Verdict.NOT_COMPATIBLE: {"sv": "inte förenligt", "en": "not compatible"},
}

_OWNER_SHORT: dict[Owner, dict[Lang, str]] = {
    Owner.NAMND: {"sv": "Nämnd/bolag", "en": "Committee/board"},
    Owner.KS: {"sv": "KS", "en": "KS"},
    Owner.KF: {"sv": "KF", "en": "KF"},
    Owner.FINANSBORGARRADET_IB: {"sv": "Finansborgarrådet/IB", "en": "Finance Comm./IB"},
}

_T: dict[str, dict[Lang, str]] = {
    "bad_status": {"sv": "Okänd status {value!r}. Välj bland: {choices}.",
                   "en": "Unknown status {value!r}. Choose from: {choices}."},
    "bad_owner": {"sv": "Okänd beslutsfattare {value!r}. Välj bland: {choices}.",
                  "en": "Unknown decision owner {value!r}. Choose from: {choices}."},
    "bad_limit": {"sv": "--limit ska vara ett positivt heltal.",
                  "en": "--limit must be a positive whole number."},
    "not_found": {"sv": "Ärendet {id} finns inte.", "en": "There is no case {id}."},
    "not_an_id": {"sv": "{id!r} är inget ärende-id (så här ser ett ut: SK-2026-0042).",
                  "en": "{id!r} is not a case id (one looks like this: SK-2026-0042)."},
    "none": {"sv": "Inga ärenden.", "en": "No cases."},
    "advisory": {"sv": "Bedömningen är rådgivande – inte ett beslut.",
                 "en": "The assessment is advisory – not a decision."},
    "chain_ok": {"sv": "Granskningsloggen är obruten: {rows} rader, varav {erased} "
                       "pseudonymiserade.",
                 "en": "The audit log is unbroken: {rows} rows, {erased} of them "
                       "pseudonymised."},
    "chain_broken": {"sv": "Granskningsloggen är bruten vid rad {row} (ärende {case}): "
                           "{why}",
                     "en": "The audit log is broken at row {row} (case {case}): {why}"},
    "erased": {"sv": "{id} är pseudonymiserad som {pseudonym}: {cases} ärenden, {versions} "
                     "versioner, {audit} händelser, {channels} IB-kanaler ändrade; "
                     "{refs} användarreferenser, {state} samtalstillstånd och {deleted} "
                     "meddelanden raderade, {scrubbed} meddelanden rensade.",
               "en": "{id} is pseudonymised as {pseudonym}: {cases} cases, {versions} "
                     "versions, {audit} audit rows, {channels} IB channels changed; {refs} "
                     "user references, {state} conversation states and {deleted} messages "
                     "deleted, {scrubbed} messages scrubbed."},
    "blank_id": {"sv": "Ange personens Entra-objekt-id.",
                 "en": "Give the person's Entra object id."},
}

_WHY: dict[str, dict[Lang, str]] = {
    "prev_hash": {"sv": "raden följer inte på raden före (en rad är borttagen, infogad "
                        "eller flyttad).",
                  "en": "the row does not follow the row before it (a row was removed, "
                        "inserted or moved)."},
    "row_hash": {"sv": "radens innehåll är ändrat.", "en": "the row's content was changed."},
    "personal": {"sv": "en personuppgift i raden är ändrad utan att en pseudonymisering "
                       "nämner raden.",
                 "en": "a personal field of the row was changed and no erasure names the "
                       "row."},
    "head": {"sv": "kedjans huvud stämmer inte med sista raden (rader är borttagna i "
                   "slutet).",
             "en": "the chain's head does not match the last row (rows were removed at "
                   "the end)."},
    "unhashed": {"sv": "raden saknar kontrollsumma.", "en": "the row has no hash."},
}

_COLUMNS: dict[Lang, tuple[str, ...]] = {
    "sv": ("Ärende", "Status", "Beslutar", "Bedömning", "Inkom", "Omprövas", "Rubrik"),
    "en": ("Case", "Status", "Decides", "Assessment", "Received", "Review due", "Title"),
}

_FIELDS: dict[str, dict[Lang, str]] = {
    "status": {"sv": "Status", "en": "Status"},
    "meeting": {"sv": "sammanträde", "en": "meeting"},
    "kind": {"sv": "Typ", "en": "Kind"},
    "unit": {"sv": "Förvaltning/bolag", "en": "Unit"},
    "owner": {"sv": "Beslutar", "en": "Decides"},
    "verdict": {"sv": "Bedömning", "en": "Assessment"},
    "priority": {"sv": "prioritet", "en": "priority"},
    "rulebook": {"sv": "Regelbok", "en": "Rulebook"},
    "submitted_by": {"sv": "Inlämnat av", "en": "Submitted by"},
    "updated": {"sv": "Senast ändrat", "en": "Last changed"},
    "review_due": {"sv": "Omprövas senast", "en": "Review due"},
    "versions": {"sv": "Versioner", "en": "Versions"},
    "history": {"sv": "Händelser", "en": "History"},
    "version": {"sv": "version", "en": "version"},
    "comment": {"sv": "kommentar", "en": "comment"},
}

_TITLE_WIDTH = 50


_NO_REGISTER: dict[Lang, str] = {"sv": "inget ärenderegister", "en": "no case register"}


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
        raise BadInput(_T["bad_status"][lang].format(value=status, choices=", ".join(statuses)))
    owner = getattr(args, "owner", None)
    owners = [o.value for o in Owner]
    if owner is not None and owner not in owners:
        raise BadInput(_T["bad_owner"][lang].format(value=owner, choices=", ".join(owners)))
    limit = getattr(args, "limit", None)
    if limit is not None and limit < 1:
        raise BadInput(_T["bad_limit"][lang])


async def _run(args: argparse.Namespace, out: TextIO, lang: Lang) -> int:
    from bot.register import CaseNotFound, CaseRegister

    settings = load_settings(lang)
    zone = ZoneInfo(settings.time_zone)
    tables: tuple[str, ...] = ("cases", "case_versions", "case_audit")
    if args.cases_command in ("verify", "export-person", "erase-person"):
        tables += ("case_audit_chain", "user_refs", "bot_state", "outbox", "ib_channels")
    try:
        async with opened(settings, lang, tables=tables, what=_NO_REGISTER) as engine:
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
    from bot.register import Actor

    if args.cases_command == "verify":
        report = await privacy.verify_chain(engine)
        if report.problem is None:
            out.write(_T["chain_ok"][lang].format(rows=report.rows, erased=report.erased) + "\n")
            return 0
        problem = report.problem
        out.write(_T["chain_broken"][lang].format(
            row=problem.row_id if problem.row_id is not None else "–",
            case=problem.case_id or "–", why=_WHY[problem.reason][lang]) + "\n")
        return 2
    if not args.object_id.strip():
        raise BadInput(_T["blank_id"][lang])
    if args.cases_command == "export-person":
        held = await privacy.export_person(engine, args.object_id)
        out.write(json.dumps(held, ensure_ascii=False, indent=2) + "\n")
        return 0
    by = Actor(id="strategikollen-cli", name=args.by.strip() or "Strategikollen")
    done = await privacy.erase_person(engine, args.object_id, now=args.clock.now(), by=by)
    out.write(_T["erased"][lang].format(
        id=args.object_id.strip().lower(), pseudonym=done.pseudonym, cases=len(done.cases),
        versions=done.versions, audit=done.audit_rows, channels=done.channels,
        refs=done.user_refs, state=done.state_items, deleted=done.messages_deleted,
        scrubbed=done.messages_scrubbed) + "\n")
    return 0


def _not_found(case_id: str, lang: Lang) -> str:
    try:
        parse_case_id(case_id)
    except NotACaseId:
        return _T["not_an_id"][lang].format(id=case_id)
    return _T["not_found"][lang].format(id=case_id)


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
        from bot.register import SUMMARY_FIELDS

        writer = csv.DictWriter(out, fieldnames=SUMMARY_FIELDS, lineterminator="\n")
        writer.writeheader()
        for c in cases:
            writer.writerow(c.summary())
    else:
        out.write(_table(cases, lang, zone))


def _table(cases: list[Case], lang: Lang, zone: ZoneInfo) -> str:
    if not cases:
        return _T["none"][lang] + "\n"
    rows = [_COLUMNS[lang]] + [
        (
            c.id,
            status_label(c.status, lang),
            _OWNER_SHORT[c.decision_owner][lang],
            _VERDICT[c.verdict][lang],
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
    f = _FIELDS
    status = status_label(case.status, lang)
    if case.meeting_date:
        status += f" ({f['meeting'][lang]} {case.meeting_date.isoformat()})"
    verdict = _VERDICT[case.verdict][lang]
    if case.priority is not None:
        verdict += f", {f['priority'][lang]} {PRIORITY_LABELS[case.priority][lang]}"
    who = case.submitter.name + (f" ({case.submitter.unit})" if case.submitter.unit else "")
    lines = [
        f"{case.id}  {case.title}",
        f"{f['status'][lang]}: {status}",
        f"{f['kind'][lang]}: {KIND_LABELS[case.kind][lang]}",
    ]
    if case.unit:
        lines.append(f"{f['unit'][lang]}: {case.unit}")
    lines += [
        f"{f['owner'][lang]}: {OWNER_LABELS[case.decision_owner][lang]}",
        f"{f['verdict'][lang]}: {verdict}",
        _T["advisory"][lang],
        f"{f['rulebook'][lang]}: {case.rulebook_id} {case.rulebook_version}",
        f"{f['submitted_by'][lang]}: {who}, {_local(case.created_at, zone)}",
        f"{f['updated'][lang]}: {_local(case.updated_at, zone)}",
    ]
    if case.review_due:
        lines.append(f"{f['review_due'][lang]}: {case.review_due.isoformat()}")
    lines += ["", f"{f['versions'][lang]}:"]
    lines += [
        f"  {v.version}  {_local(v.created_at, zone)}  {v.created_by.name}  "
        f"{_VERDICT[v.assessment.verdict][lang]}"
        for v in versions
    ]
    lines += ["", f"{f['history'][lang]}:"]
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
        text += f" ({_FIELDS['version'][lang]} {d.get('version')})"
        if isinstance(d.get("status"), dict):
            moved = d["status"]
            text += f"; {status(moved['from'])} → {status(moved['to'])}"
    if d.get("meeting_date"):
        text += f", {_FIELDS['meeting'][lang]} {d['meeting_date']}"
    if d.get("comment"):
        text += f" – {_FIELDS['comment'][lang]}: ”{d['comment']}”"
    return text
