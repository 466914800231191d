"""The case register: cases, their versions, their audit log, and a counter per year.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    # One row per year: the last sequence number given out. Incremented in the same
    # transaction that inserts the case, so ids are gapless and never handed out twice.
    op.create_table(
        "case_counters",
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("last", sa.Integer(), nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("unit", sa.String(500), nullable=True),
        sa.Column("decision_owner", sa.String(64), nullable=False),
        sa.Column("verdict", sa.String(64), nullable=False),
        sa.Column("priority", sa.String(16), nullable=True),
        sa.Column("rulebook_id", sa.String(200), nullable=False),
        sa.Column("rulebook_version", sa.String(200), nullable=False),
        sa.Column("submitter_id", sa.String(200), nullable=False),
        sa.Column("submitter_name", sa.String(500), nullable=False),
        sa.Column("submitter_unit", sa.String(500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("review_due", sa.Date(), nullable=True),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.UniqueConstraint("year", "sequence", name="uq_cases_year_sequence"),
    )
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_decision_owner", "cases", ["decision_owner"])
    op.create_index("ix_cases_submitter_id", "cases", ["submitter_id"])
    op.create_index("ix_cases_review_due", "cases", ["review_due"])
    op.create_table(
        "case_versions",
        sa.Column(
            "case_id", sa.String(32), sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("engagement", _json(), nullable=False),
        sa.Column("assessment", _json(), nullable=False),
        sa.Column("rulebook_id", sa.String(200), nullable=False),
        sa.Column("rulebook_version", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.String(200), nullable=False),
        sa.Column("created_by_name", sa.String(500), nullable=False),
        sa.Column("created_by_unit", sa.String(500), nullable=True),
    )
    op.create_table(
        "case_audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "case_id", sa.String(32), sa.ForeignKey("cases.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(200), nullable=False),
        sa.Column("actor_name", sa.String(500), nullable=False),
        sa.Column("actor_unit", sa.String(500), nullable=True),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("details", _json(), nullable=False),
    )
    op.create_index("ix_case_audit_case_id", "case_audit", ["case_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_case_audit_case_id", table_name="case_audit")
    op.drop_table("case_audit")
    op.drop_table("case_versions")
    op.drop_index("ix_cases_review_due", table_name="cases")
    op.drop_index("ix_cases_submitter_id", table_name="cases")
    op.drop_index("ix_cases_decision_owner", table_name="cases")
    op.drop_index("ix_cases_status", table_name="cases")
    op.drop_table("cases")
    op.drop_table("case_counters")
