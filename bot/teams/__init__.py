"""Teams over HTTP: the bot's own client for the Bot Connector and Microsoft Graph.

``bot.teams.connector`` sends, replies, updates and opens personal chats through the Bot
Connector, and reads rosters, team details and a channel's posts through Graph (httpx,
with tenacity's retries where a retry cannot send a message twice);
``bot.teams.tokens`` gets their bearer tokens from the SDK's MSAL connection. Why the
bot has a client of its own beside the SDK's: docs/architecture.md.

This module itself imports nothing, so that the outbox can name a card's content type
without loading httpx or the SDK.
"""

from __future__ import annotations

__all__ = ["ADAPTIVE_CARD"]

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
