"""IB: the registered channel, users' personal chats, case posts, the outbox, its pace,
and review reminders.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _when(name: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "ib_channels",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("channel_id", sa.String(300), nullable=False, unique=True),
        sa.Column("team_id", sa.String(300), nullable=True),
        sa.Column("team_aad_group_id", sa.String(64), nullable=True),
        sa.Column("tenant_id", sa.String(64), nullable=True),
        sa.Column("service_url", sa.String(500), nullable=False),
        sa.Column("bot_id", sa.String(300), nullable=True),
        sa.Column("name", sa.String(500), nullable=True),
        sa.Column("registered_by_id", sa.String(200), nullable=False),
        sa.Column("registered_by_name", sa.String(500), nullable=False),
        _when("registered_at"),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "user_refs",
        sa.Column("user_id", sa.String(200), primary_key=True),
        sa.Column("user_mri", sa.String(300), nullable=False),
        sa.Column("conversation_id", sa.String(500), nullable=True),
        sa.Column("service_url", sa.String(500), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=True),
        sa.Column("bot_id", sa.String(300), nullable=True),
        sa.Column("locale", sa.String(32), nullable=True),
        _when("updated_at"),
    )
    op.create_table(
        "case_posts",
        sa.Column(
            "case_id",
            sa.String(32),
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("channel_id", sa.String(300), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.String(300), nullable=True),
        sa.Column("prepare", sa.Boolean(), nullable=False),
        _when("posted_at", nullable=True),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(300), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=True),
        sa.Column("conversation_key", sa.String(500), nullable=False),
        sa.Column("target", _json(), nullable=False),
        sa.Column("activity", _json(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("next_attempt_at"),
        sa.Column("lease_owner", sa.String(100), nullable=True),
        _when("lease_until", nullable=True),
        sa.Column("sent_activity_id", sa.String(300), nullable=True),
        sa.Column("last_error", sa.String(1000), nullable=True),
        _when("created_at"),
        _when("sent_at", nullable=True),
    )
    op.create_index("ix_outbox_status_next", "outbox", ["status", "next_attempt_at"])
    op.create_index("ix_outbox_conversation", "outbox", ["conversation_key", "id"])
    op.create_table(
        "outbox_pace",
        sa.Column("conversation_key", sa.String(500), primary_key=True),
        _when("next_at"),
    )
    op.create_table(
        "review_reminders",
        sa.Column(
            "case_id",
            sa.String(32),
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("review_due", sa.Date(), primary_key=True),
        _when("sent_at"),
    )


def downgrade() -> None:
    op.drop_table("review_reminders")
    op.drop_table("outbox_pace")
    op.drop_index("ix_outbox_conversation", table_name="outbox")
    op.drop_index("ix_outbox_status_next", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("case_posts")
    op.drop_table("user_refs")
    op.drop_table("ib_channels")
