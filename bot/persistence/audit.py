"""The case register's audit log as a hash chain: tamper-evident, and still erasable.

Every ``case_audit`` row carries ``prev_hash`` (the ``row_hash`` of the row before it,
in id order, across all cases) and its own ``row_hash``: SHA-256 over a canonical JSON
(sorted keys, no blanks, UTF-8) of the row's public fields, its ``personal_digest`` and
``prev_hash``. A row changed, removed, inserted or moved breaks the chain at that row;
the head (``case_audit_chain``: how many rows, the last hash) shows a cut-off tail.

The person in a row (``actor_id``, ``actor_name`` and a free-text ``comment`` in the
details) is not hashed into the chain directly but through ``personal_digest``:
SHA-256 of a random per-row salt and those fields. Erasing a person
(``bot.privacy.erase_person``) replaces the fields with a pseudonym and leaves the
digest, so the chain still verifies; the rows it changed are named in the
``person_erased`` rows it adds to the chain. ``verify`` accepts a row whose personal
fields no longer match their digest only if a later ``person_erased`` row names it.
The salt keeps the digest from confirming a guessed name.

Concurrency: a new row takes the chain's head row with a write first (``UPDATE ...
RETURNING``), so on PostgreSQL the row lock and on SQLite the write lock serialise
appends exactly as the year's counter serialises case ids. Every mutation locks its
case (or the counter) before the head, never the other way round.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, select, update

from bot.persistence.database import Executes

from ..clock import utc

__all__ = [
    "GENESIS",
    "PERSONAL_DETAILS",
    "ChainBreak",
    "ChainReport",
    "append_hashes",
    "chain_table",
    "personal_digest",
    "row_hash",
    "verify_rows",
]

# The prev_hash of the very first row.
GENESIS = "0" * 64

# Keys of an audit row's details that hold free text written by (or about) a person.
PERSONAL_DETAILS: tuple[str, ...] = ("comment",)

# The chain's head: one row (id 1). Mirrors bot/migrations/versions/0004_audit_chain.py.
chain_metadata = MetaData()
chain_table = Table(
    "case_audit_chain",
    chain_metadata,
    Column("id", Integer, primary_key=True),
    Column("rows", Integer, nullable=False),
    Column("last_hash", String(64), nullable=False),
)


def canonical(value: Any) -> bytes:
    """The one byte string a JSON value hashes as."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _moment(at: datetime) -> str:
    return utc(at).isoformat(timespec="microseconds")


def split_details(details: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(public, personal) parts of an audit row's details."""
    public = {k: v for k, v in details.items() if k not in PERSONAL_DETAILS}
    personal = {k: details[k] for k in PERSONAL_DETAILS if k in details}
    return public, personal


def personal_digest(salt: str, actor_id: str, actor_name: str,
                    details: Mapping[str, Any]) -> str:
    """SHA-256 of the salt and the row's personal fields."""
    _, personal = split_details(details)
    body = {"salt": salt, "actor_id": actor_id, "actor_name": actor_name, "details": personal}
    return hashlib.sha256(canonical(body)).hexdigest()


def row_hash(*, case_id: str, at: datetime, actor_unit: str | None, event: str,
             details: Mapping[str, Any], digest: str, prev_hash: str) -> str:
    """SHA-256 of the row's public fields, its personal digest and the previous hash."""
    public, _ = split_details(details)
    body = {
        "case_id": case_id, "at": _moment(at), "actor_unit": actor_unit, "event": event,
        "details": public, "personal": digest, "prev": prev_hash,
    }
    return hashlib.sha256(canonical(body)).hexdigest()


def new_salt() -> str:
    return secrets.token_hex(16)


async def append_hashes(
    conn: Executes, *, case_id: str, at: datetime, actor_id: str, actor_name: str,
    actor_unit: str | None, event: str, details: Mapping[str, Any],
) -> dict[str, str]:
    """The chain columns of a new audit row, with the head moved on to it (in ``conn``'s
    transaction; the head's row lock is held until it commits)."""
    head = (
        await conn.execute(
            update(chain_table).where(chain_table.c.id == 1)
            .values(rows=chain_table.c.rows + 1)
            .returning(chain_table.c.last_hash)
        )
    ).scalar_one()
    salt = new_salt()
    digest = personal_digest(salt, actor_id, actor_name, details)
    own = row_hash(case_id=case_id, at=at, actor_unit=actor_unit, event=event,
                   details=details, digest=digest, prev_hash=head)
    await conn.execute(update(chain_table).where(chain_table.c.id == 1).values(last_hash=own))
    return {"personal_salt": salt, "personal_digest": digest, "prev_hash": head,
            "row_hash": own}


# --- verification ------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainBreak:
    """The first row where the chain does not hold, and why (an English reason code)."""

    row_id: int | None
    case_id: str | None
    reason: str


@dataclass(frozen=True)
class ChainReport:
    rows: int
    erased: int
    problem: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_rows(rows: Sequence[Mapping[str, Any]], head: Mapping[str, Any] | None) -> ChainReport:
    """Check audit rows (in id order, each a mapping of the table's columns) and the head.

    Reasons: ``prev_hash`` (the row does not follow the one before it: a row was removed,
    inserted or moved), ``row_hash`` (a public field changed), ``personal`` (a personal
    field changed and no erasure names the row), ``head`` (the head does not match the last
    row: rows were cut off the end), ``unhashed`` (the row has no hashes).
    """
    erased_ids: set[int] = set()  # rows named by an erasure that came after them
    for row in rows:
        if row["event"] == "person_erased":
            erased_ids.update(int(i) for i in (row["details"] or {}).get("rows", [])
                              if int(i) < int(row["id"]))
    prev = GENESIS
    erased = 0
    for row in rows:
        row_id, case_id = int(row["id"]), str(row["case_id"])
        details = dict(row["details"] or {})
        if not row.get("row_hash") or not row.get("personal_digest"):
            return ChainReport(len(rows), erased, ChainBreak(row_id, case_id, "unhashed"))
        if row["prev_hash"] != prev:
            return ChainReport(len(rows), erased, ChainBreak(row_id, case_id, "prev_hash"))
        own = row_hash(case_id=case_id, at=row["at"], actor_unit=row["actor_unit"],
                       event=row["event"], details=details, digest=row["personal_digest"],
                       prev_hash=prev)
        if own != row["row_hash"]:
            return ChainReport(len(rows), erased, ChainBreak(row_id, case_id, "row_hash"))
        digest = personal_digest(row["personal_salt"] or "", row["actor_id"], row["actor_name"],
                                 details)
        if digest != row["personal_digest"]:
            if row_id not in erased_ids:
                return ChainReport(len(rows), erased, ChainBreak(row_id, case_id, "personal"))
            erased += 1
        prev = own
    if head is None or int(head["rows"]) != len(rows) or head["last_hash"] != prev:
        last = rows[-1] if rows else None
        return ChainReport(len(rows), erased, ChainBreak(
            int(last["id"]) if last else None, str(last["case_id"]) if last else None, "head"))
    return ChainReport(len(rows), erased, None)


async def read_chain(conn: Executes,
                     audit: Table) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Every audit row in id order and the head, for ``verify_rows``."""
    rows = [dict(r._mapping) for r in (await conn.execute(select(audit).order_by(audit.c.id)))]
    head_row = (
        await conn.execute(select(chain_table).where(chain_table.c.id == 1))
    ).one_or_none()
    return rows, dict(head_row._mapping) if head_row is not None else None
