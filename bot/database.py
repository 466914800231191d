"""Moved to ``bot.persistence.database``. This re-export is kept only while code being changed
by others (the case-domain work: bot/register.py, bot/ib.py, bot/reminders.py,
bot/agent.py; tests/bot/soak.py) still imports from here; it goes when they import
``bot.persistence.database``."""

from .persistence.database import *  # noqa: F403
from .persistence.database import __all__ as __all__
