"""`strategikollen extract FILE...`: read invitations into screening fields, one JSON line each.

```
strategikollen extract FILE... [--lang sv|en] [--rate EUR=11.2]... [--max-mb 10]
```

A FILE is text, e-mail (.eml), HTML, PDF or Word (.docx); ``-`` is standard input.
Each input gives one line: ``{"engagement": {...}, "evidence": {...}, "missing": [...],
...}`` (``policy.extract.Extraction``), or ``{"errors": [{"field": "(file)", "message":
...}]}`` when there is no text to read. Exit 0 when every input could be read, 2 when
any could not; never a traceback. Nothing is stored.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from intake import MAX_BYTES, IntakeError, TooLarge, read_text
from policy import Lang

from .texts import t

__all__ = ["add_extract_parser", "cmd_extract"]


def _rate(value: str) -> tuple[str, float]:
    code, sep, number = value.partition("=")
    try:
        rate = float(number.replace(",", "."))
    except ValueError:
        rate = -1.0
    if not sep or len(code.strip()) != 3 or not code.strip().isalpha() or not rate > 0:
        raise argparse.ArgumentTypeError(f"ange KOD=KURS, t.ex. EUR=11.2 / use CODE=RATE: {value}")
    return code.strip().upper(), rate


def add_extract_parser(sub: Any) -> None:
    x = sub.add_parser("extract", help="läs en inbjudan till fält för en bedömning / read an "
                       "invitation into screening fields")
    x.add_argument("files", nargs="+", metavar="FILE",
                   help="text, .eml, PDF eller .docx; - för stdin")
    x.add_argument("--lang", choices=("sv", "en"), default=None,
                   help="språk för meddelanden och landsnamn (standard: inbjudans eget)")
    x.add_argument("--rate", type=_rate, action="append", default=[], metavar="CUR=RATE",
                   help="växelkurs till SEK, t.ex. EUR=11.2 (upprepningsbar)")
    x.add_argument("--max-mb", type=float, default=MAX_BYTES / (1024 * 1024),
                   help="största fil som läses, i MB (standard 10)")
    x.set_defaults(run=cmd_extract)


def _bytes_of(name: str, stdin: TextIO, limit: int) -> bytes:
    if name == "-":
        buffer = getattr(stdin, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read(limit + 1)
            return data
        return stdin.read(limit + 1).encode("utf-8", "surrogateescape")
    path = Path(name)
    if path.stat().st_size > limit:
        raise TooLarge(limit=f"{limit / (1024 * 1024):g}")
    return path.read_bytes()


def _error(message: str) -> dict[str, Any]:
    return {"errors": [{"field": "(file)", "message": message}]}


def _one(name: str, args: argparse.Namespace, stdin: TextIO, limit: int,
         ) -> tuple[bool, dict[str, Any]]:
    from policy.extract import extract  # its lexicon compiles on first use, not at every start

    lang: Lang = args.lang or "sv"
    try:
        if name != "-" and not Path(name).is_file():
            return False, _error(t("input.no_file", lang))
        text = read_text(name, _bytes_of(name, stdin, limit), max_bytes=limit)
    except IntakeError as exc:
        return False, _error(exc.message(lang))
    except OSError as exc:
        return False, _error(t("input.unreadable", lang, why=exc.strerror or type(exc).__name__))
    try:
        result = extract(text, args.lang, rates=dict(args.rate))
    except RecursionError:
        return False, _error(t("input.unexpected", lang))
    return True, result.model_dump(mode="json")


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    limit = max(1, int(args.max_mb * 1024 * 1024))
    status = 0
    for name in args.files:
        ok, data = _one(name, args, stdin, limit)
        if not ok:
            status = 2
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
    return status
