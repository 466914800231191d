"""PostgreSQL: the state's write as one function, so that a write of several items is one
round trip (not BEGIN, a statement per item and COMMIT). SQLite: nothing.

``bot.persistence.storage.SqlStorage`` calls it; the same three writes for SQLite are its
statements ``_INSERT_NEW``, ``_UPSERT`` and ``_UPDATE`` (issue 13).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Each item i: versions[i] NULL inserts or replaces; 0 inserts only if the key is absent;
# any other number replaces only the row still at that version. Each written row's version
# counts up by one and is returned, in the order given. When one item cannot be written,
# the function raises SQLSTATE SK409 with the key as DETAIL, and, being one statement,
# nothing of the call is written.
_CREATE = """
CREATE FUNCTION bot_state_write(keys text[], vals jsonb[], versions integer[], at timestamptz)
RETURNS integer[] LANGUAGE plpgsql AS $$
DECLARE
  written integer[] := '{}';
  v integer;
BEGIN
  FOR i IN 1 .. coalesce(array_length(keys, 1), 0) LOOP
    v := NULL;
    IF versions[i] IS NULL THEN
      INSERT INTO bot_state ("key", value, version, updated_at) VALUES (keys[i], vals[i], 1, at)
      ON CONFLICT ("key") DO UPDATE SET value = excluded.value,
        version = bot_state.version + 1, updated_at = excluded.updated_at
      RETURNING version INTO v;
    ELSIF versions[i] = 0 THEN
      INSERT INTO bot_state ("key", value, version, updated_at) VALUES (keys[i], vals[i], 1, at)
      ON CONFLICT ("key") DO NOTHING
      RETURNING version INTO v;
    ELSE
      UPDATE bot_state SET value = vals[i], version = version + 1, updated_at = at
      WHERE "key" = keys[i] AND version = versions[i]
      RETURNING version INTO v;
    END IF;
    IF v IS NULL THEN
      RAISE EXCEPTION 'bot_state: % was changed by another writer', keys[i]
        USING ERRCODE = 'SK409', DETAIL = keys[i];
    END IF;
    written := written || v;
  END LOOP;
  RETURN written;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.get_bind().exec_driver_sql(_CREATE)  # as written: no bind parameters parsed


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.get_bind().exec_driver_sql(
            "DROP FUNCTION bot_state_write(text[], jsonb[], integer[], timestamptz)"
        )
