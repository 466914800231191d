"""Moved to ``bot.teams.connector``. This re-export is kept only while ``bot.agent`` and
``bot.ib`` (being changed by the case-domain work) still import from here; it goes when
they import ``bot.teams.connector``."""

from .teams.connector import ConnectorClient, ConnectorError, TeamMember, url_checker

__all__ = ["ConnectorClient", "ConnectorError", "TeamMember", "url_checker"]
