"""Teams over HTTP: the bot's calls to the Bot Connector and Microsoft Graph.

``bot.teams.connector`` sends, replies, updates, opens personal chats and reads a team's
roster and details through the SDK's connector client (with tenacity's retries where a
retry cannot send a message twice), and reads a channel's posts through Graph (httpx);
``bot.teams.tokens`` gets their bearer tokens from the SDK's connections. Why the bot
calls the SDK's connector client itself and not only in a turn: docs/architecture.md.

This module itself imports nothing, so that the outbox can name a card's content type
without loading httpx or the SDK.
"""

from __future__ import annotations

__all__ = ["ADAPTIVE_CARD"]

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
