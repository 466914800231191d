"""Tables for IB's channel, the outgoing messages (outbox) and review reminders.

``bot/migrations/versions/0003_ib_outbox.py`` is the source of truth; these ``Table``
objects mirror it for queries (``tests/bot/test_tables.py`` checks that they agree).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
)

from .database import JSON_DOCUMENT

__all__ = [
    "case_post_table",
    "channel_table",
    "metadata",
    "outbox_table",
    "pace_table",
    "reminder_table",
    "user_ref_table",
]

metadata = MetaData()

# The channel(s) registered as IB's with "registrera IB-kanal"; the newest active one is used.
channel_table = Table(
    "ib_channels",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel_id", String(300), nullable=False, unique=True),  # 19:…@thread.tacv2
    Column("team_id", String(300)),  # the Teams team id (for its roster)
    Column("team_aad_group_id", String(64)),  # the team's Microsoft 365 group (for Graph)
    Column("tenant_id", String(64)),
    Column("service_url", String(500), nullable=False),
    Column("bot_id", String(300)),
    Column("name", String(500)),
    Column("registered_by_id", String(200), nullable=False),
    Column("registered_by_name", String(500), nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
    Column("active", Boolean, nullable=False),
)

# Where to reach a user in their personal chat with the bot (for notifications).
user_ref_table = Table(
    "user_refs",
    metadata,
    Column("user_id", String(200), primary_key=True),  # Entra object id, lower case
    Column("user_mri", String(300), nullable=False),  # the Teams user id, 29:…
    Column("conversation_id", String(500)),  # the personal chat, when known
    Column("service_url", String(500), nullable=False),
    Column("tenant_id", String(64)),
    Column("bot_id", String(300)),
    Column("locale", String(32)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# A case's post in the IB channel: queued with the case, its activity id once delivered.
case_post_table = Table(
    "case_posts",
    metadata,
    Column("case_id", String(32), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("channel_id", String(300), nullable=False),
    Column("outbox_id", Integer, nullable=False),
    Column("activity_id", String(300)),
    Column("prepare", Boolean, nullable=False),  # sent for preparation (owner KS or KF)
    Column("posted_at", DateTime(timezone=True)),
)

# Outgoing messages, written in the same transaction as the change they announce.
outbox_table = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, unique=True),  # idempotency: one row per key
    Column("kind", String(16), nullable=False),  # post · update · reply · notify
    Column("case_id", String(32)),
    Column("conversation_key", String(500), nullable=False),  # order and pace per conversation
    Column("target", JSON_DOCUMENT, nullable=False),
    Column("activity", JSON_DOCUMENT, nullable=False),
    Column("status", String(16), nullable=False),  # pending · sending · sent · failed
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("lease_owner", String(100)),
    Column("lease_until", DateTime(timezone=True)),
    Column("sent_activity_id", String(300)),
    Column("last_error", String(1000)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    Index("ix_outbox_status_next", "status", "next_attempt_at"),
    Index("ix_outbox_conversation", "conversation_key", "id"),
)

# The earliest time the next message may go to a conversation (Teams: 7 per second).
pace_table = Table(
    "outbox_pace",
    metadata,
    Column("conversation_key", String(500), primary_key=True),
    Column("next_at", DateTime(timezone=True), nullable=False),
)

# One row per reminder sent: (case, the review date it was about).
reminder_table = Table(
    "review_reminders",
    metadata,
    Column("case_id", String(32), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("review_due", Date, primary_key=True),
    Column("sent_at", DateTime(timezone=True), nullable=False),
)
