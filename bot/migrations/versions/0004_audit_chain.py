"""The audit log as a hash chain: each row the hash of the one before it; existing rows chained.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_COLUMNS = ("personal_salt", "personal_digest", "prev_hash", "row_hash")


def upgrade() -> None:
    # The hashing is bot.persistence.audit's: the chain's format is defined once, and `cases verify`
    # checks rows chained here exactly as rows chained by the register.
    from bot.persistence.audit import GENESIS, new_salt, personal_digest, row_hash

    op.add_column("case_audit", sa.Column("personal_salt", sa.String(32), nullable=True))
    op.add_column("case_audit", sa.Column("personal_digest", sa.String(64), nullable=True))
    op.add_column("case_audit", sa.Column("prev_hash", sa.String(64), nullable=True))
    op.add_column("case_audit", sa.Column("row_hash", sa.String(64), nullable=True))
    chain = op.create_table(
        "case_audit_chain",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
    )
    audit = sa.table(
        "case_audit",
        sa.column("id", sa.Integer()),
        sa.column("case_id", sa.String()),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("actor_id", sa.String()),
        sa.column("actor_name", sa.String()),
        sa.column("actor_unit", sa.String()),
        sa.column("event", sa.String()),
        sa.column("details", sa.JSON().with_variant(postgresql.JSONB(), "postgresql")),
        *(sa.column(name, sa.String()) for name in _COLUMNS),
    )
    bind = op.get_bind()
    prev = GENESIS
    count = 0
    rows = bind.execute(sa.select(audit).order_by(audit.c.id)).all()
    for row in rows:
        details: dict[str, Any] = dict(row.details or {})
        salt = new_salt()
        digest = personal_digest(salt, row.actor_id, row.actor_name, details)
        own = row_hash(case_id=row.case_id, at=row.at, actor_unit=row.actor_unit,
                       event=row.event, details=details, digest=digest, prev_hash=prev)
        bind.execute(
            sa.update(audit).where(audit.c.id == row.id).values(
                personal_salt=salt, personal_digest=digest, prev_hash=prev, row_hash=own
            )
        )
        prev = own
        count += 1
    op.bulk_insert(chain, [{"id": 1, "rows": count, "last_hash": prev}])


def downgrade() -> None:
    op.drop_table("case_audit_chain")
    with op.batch_alter_table("case_audit") as batch:
        for name in reversed(_COLUMNS):
            batch.drop_column(name)
