"""IB in Teams: the channel, its members, what is sent to it and what it decides
(``service``), and the review reminders of accepted cases (``reminders``).

The case itself — statuses, transitions, who may act — is ``ibcase``'s; the register
that stores it is ``bot.persistence.register``; what reaches Teams goes through ``bot.outbox``.
"""

from __future__ import annotations

from .reminders import ReminderJob, due_reviews
from .service import IbService, Origin, RosterUnavailable

__all__ = ["IbService", "Origin", "ReminderJob", "RosterUnavailable", "due_reviews"]
