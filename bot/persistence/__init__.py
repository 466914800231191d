"""What the bot keeps, and how: SQLAlchemy 2 async on SQLite or PostgreSQL.

- ``database``: the engine, the SQLite write gate (``writing``), ``insert_for`` (the
  dialect's upsert), the state table and the Alembic migrations (``bot/migrations``,
  the source of truth for every table; tests/bot/test_tables.py checks the ``Table``
  objects against them);
- ``storage``: the Agents SDK's ``Storage`` on the state table;
- ``tables``: the tables of IB's channel, the outbox, user references and reminders;
- ``audit``: the hash chain over the case register's audit log;
- ``register``: the case register, a repository that stores cases, their versions and
  audit rows by ``ibcase``'s rules.

No SDK is imported here or in ``database``, ``tables``, ``audit`` and ``register``, so the command
line opens the database without loading it. Why the bot has its own storage and write
gate: docs/architecture.md.
"""
