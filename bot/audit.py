"""Moved to ``bot.persistence.audit``. This re-export is kept only while code being changed
by others (the case-domain work: bot/register.py, bot/ib.py, bot/reminders.py,
bot/agent.py; tests/bot/soak.py) still imports from here; it goes when they import
``bot.persistence.audit``."""

from .persistence.audit import *  # noqa: F403
from .persistence.audit import __all__ as __all__
