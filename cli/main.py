"""`strategikollen`: screen engagements, read invitations, ask who decides, list the rules,
serve the bot.

Exit codes (contract §6): 0 when every input was valid, 2 when any was not.
Whatever the input, no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.clock import Clock, SystemClock
from policy import Assessment, EngagementInvalid, FieldError, Lang, assess, parse_engagement

from .cases import add_cases_parser
from .extract import add_extract_parser
from .outbox import add_outbox_parser
from .render import render_assessment, render_rules, render_who_decides, rules_json
from .texts import t

__all__ = ["main"]

MAX_INPUT_BYTES = 1_000_000
CITY_TIME_ZONE = ZoneInfo("Europe/Stockholm")  # whose day "today" is for a screening

@dataclass(frozen=True)
class Loaded:
    name: str
    data: Any = None
    error: FieldError | None = None


def _refused(name: str, key: str, lang: Lang, **fields: str) -> Loaded:
    """The input ``name`` could not be read, for the reason ``key`` (``cli.texts``)."""
    return Loaded(name, error=FieldError(field="(file)", message=t(key, lang, **fields)))


def _read(name: str, stdin: TextIO, lang: Lang) -> Loaded:
    """Read one input (a path, or - for standard input) into plain data, or an error."""
    try:
        if name == "-":
            text = stdin.read(MAX_INPUT_BYTES + 1)
            if len(text.encode("utf-8", "surrogateescape")) > MAX_INPUT_BYTES:
                return _refused(name, "input.too_big", lang)
        else:
            path = Path(name)
            if not path.is_file():
                return _refused(name, "input.no_file", lang)
            if path.stat().st_size > MAX_INPUT_BYTES:
                return _refused(name, "input.too_big", lang)
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                return _refused(name, "input.encoding", lang)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        return _refused(name, "input.unreadable", lang, why=why)
    if not text.strip():
        return _refused(name, "input.empty", lang)
    try:
        return Loaded(name, data=json.loads(text))
    except (ValueError, RecursionError):
        pass
    import yaml  # only for what is not JSON: not at every start of strategikollen

    try:
        return Loaded(name, data=yaml.safe_load(text))
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return _refused(name, "input.syntax", lang, why=why)


_CASE_KEYS = frozenset({"name", "engagement", "expect"})


def _engagement_data(data: Any) -> Any:
    """The engagement itself, also from a worked-case file ``{name, engagement, expect}``.

    A case file has no ``kind``, so it can never be mistaken for an engagement.
    """
    if (isinstance(data, dict) and "engagement" in data and set(data) <= _CASE_KEYS
            and isinstance(data["engagement"], dict)):
        return data["engagement"]
    return data


def _screen_one(loaded: Loaded, lang: Lang, today: date) -> Assessment | list[FieldError]:
    if loaded.error is not None:
        return [loaded.error]
    try:
        return assess(parse_engagement(_engagement_data(loaded.data), lang), lang, today=today)
    except EngagementInvalid as exc:
        return exc.errors
    except RecursionError:
        return [FieldError(field="(engagement)", message=t("input.unexpected", lang))]


def cmd_screen(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    lang: Lang = args.lang
    today = args.clock.today(CITY_TIME_ZONE)
    status = 0
    first = True
    for name in args.files:
        result = _screen_one(_read(name, stdin, lang), lang, today)
        if isinstance(result, list):
            status = 2
            if args.format == "json":
                out.write(json.dumps({"errors": [e.model_dump() for e in result]},
                                     ensure_ascii=False) + "\n")
            else:
                for e in result:
                    err.write(f"{name}: {e.field}: {e.message}\n")
            continue
        if args.format == "json":
            out.write(result.model_dump_json() + "\n")
        else:
            if not first:
                out.write("\n")
            out.write(render_assessment(result, lang, source=name))
        first = False
    return status


def _questions(args: argparse.Namespace, stdin: TextIO) -> Iterator[str]:
    if args.question == "-":
        for line in stdin:
            yield line.rstrip("\r\n")
    else:
        yield args.question


def cmd_who_decides(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from policy.who_decides import answer

    lang: Lang | None = args.lang
    for question in _questions(args, stdin):
        result = answer(question, lang)
        if args.format == "json":
            out.write(result.model_dump_json() + "\n")
        else:
            out.write(render_who_decides(result, one_line=args.question == "-") + "\n")
    return 0


def cmd_rules(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    if args.format == "json":
        out.write(json.dumps(rules_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(render_rules(args.lang))
    return 0


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from policy.schema import input_schema

    out.write(json.dumps(input_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


def cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from bot.hosting.server import serve

    return int(serve(args.host, args.port, args.dev))


def cmd_package(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from manifest.package import main as package_main

    return int(package_main(args.bot_id, args.out, app_id=args.app_id, version=args.version,
                            valid_domains=args.valid_domain or None, bot_host=args.bot_host,
                            stdout=out, stderr=err))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="strategikollen",
        description="Strategikollen – rådgivande bedömning mot Stockholms stads internationella "
        "strategi. / Advisory screening against the City of Stockholm's International Strategy.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("screen", help="bedöm engagemang (JSON eller YAML) / screen engagements")
    s.add_argument("files", nargs="+", metavar="FILE", help="JSON- eller YAML-fil, - för stdin")
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.add_argument("--lang", choices=("sv", "en"), default="sv")
    s.set_defaults(run=cmd_screen)

    w = sub.add_parser("who-decides", help="vem beslutar? / who decides?")
    w.add_argument("question", metavar="QUESTION", help="frågan, eller - för en fråga per rad")
    w.add_argument("--format", choices=("text", "json"), default="text")
    w.add_argument("--lang", choices=("sv", "en"), default=None)
    w.set_defaults(run=cmd_who_decides)

    r = sub.add_parser("rules", help="alla regler med citat / every rule with its citation")
    r.add_argument("--format", choices=("text", "json"), default="text")
    r.add_argument("--lang", choices=("sv", "en"), default="sv")
    r.set_defaults(run=cmd_rules)

    sc = sub.add_parser("schema", help="JSON Schema för indata / JSON Schema of the input")
    sc.set_defaults(run=cmd_schema)

    sv = sub.add_parser("serve", help="kör Teams-boten / run the Teams bot")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=3978)
    sv.add_argument("--dev", action="store_true",
                    help="lokalt läge: anonymt, bara loopback, SQLite / local mode")
    sv.set_defaults(run=cmd_serve)

    pk = sub.add_parser("package", help="bygg Teams-apppaketet / build the Teams app package")
    pk.add_argument("--bot-id", required=True)
    pk.add_argument("--out", required=True)
    pk.add_argument("--app-id", default=None, help="Teams app id (default: the bot id)")
    pk.add_argument("--version", default=None, help="app version, MAJOR.MINOR.PATCH")
    pk.add_argument("--valid-domain", action="append", default=[],
                    help="a domain the app may open (repeatable)")
    pk.add_argument("--bot-host", default="strategikollen.stockholm.se",
                    help="the host the bot and the overview tab are served from; the tab's "
                    "single sign-on resource is api://HOST/BOT_ID")
    pk.set_defaults(run=cmd_package)

    add_extract_parser(sub)
    add_cases_parser(sub)
    add_outbox_parser(sub)
    return p


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None,
         clock: Clock | None = None) -> int:
    """Run one command; ``clock`` (default the real time) says which day it is."""
    out, err, inp = stdout or sys.stdout, stderr or sys.stderr, stdin or sys.stdin
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 2
    args.clock = clock or SystemClock()
    run: Callable[[argparse.Namespace, TextIO, TextIO, TextIO], int] = args.run
    try:
        return run(args, out, err, inp)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last line of defence: never a traceback to a user
        err.write(f"strategikollen: internt fel / internal error: {type(exc).__name__}\n")
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
