"""The conversations, as plain state machines: no SDK, no I/O.

The bot calls ``welcome(locale)`` and ``handle(conv, user, turn, today=...)``;
``Turn`` and ``Reply`` (in ``dialogs.turn``) are the boundary.
"""

from .conversation import handle, welcome
from .turn import Reply, Turn

__all__ = ["Reply", "Turn", "handle", "welcome"]
