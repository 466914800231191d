"""Sending one outbox message to Teams, by its kind: a post, an update or a reply in
the thread of a case's post, a notification in a user's personal chat (opened first
when it is not known yet). A post that may have gone out already is first looked for
in the channel through Microsoft Graph (``graph_reconcile``), so a case is posted once.

``bot.outbox.worker`` claims the rows and records what happened; this module only sends,
and reads what a send needs (the case's post, the user's chat, the channel's group).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncEngine

from cards.verbs import IB_REFRESH

from ..clock import Clock, SystemClock, utc
from ..persistence.database import writing
from ..persistence.tables import case_post_table, channel_table, outbox_table, user_ref_table
from ..teams.connector import ConnectorClient, ConnectorError
from . import OutboxKind, OutboxStatus, Target

__all__ = ["Failure", "NotYet", "Sender"]

logger = logging.getLogger(__name__)


class NotYet(Exception):
    """An update or reply whose case post has no activity id yet."""


class Failure(ConnectorError):
    """An attempt failed: the connector's error as the worker judged it, or a reason of the
    worker's own (no conversation, no post to update). ``transient``: try again later;
    ``uncertain``: the message may have been delivered all the same."""


class Sender:
    """Sends outbox rows through ``connector``; ``graph_reconcile`` looks for an uncertain
    post in the channel before posting it again."""

    def __init__(
        self,
        engine: AsyncEngine,
        connector: ConnectorClient,
        *,
        clock: Clock | None = None,
        graph_reconcile: bool = True,
    ) -> None:
        self._engine = engine
        self._connector = connector
        self._clock = clock or SystemClock()
        self._reconcile = graph_reconcile

    async def send(self, row: Row[Any], *, uncertain: bool) -> tuple[str | None, bool]:
        """Send an outbox row (``uncertain``: it may have gone out before). Returns (the
        message's activity id, whether it was found already posted); raises ``Failure``
        or ``NotYet``."""
        kind = OutboxKind(row.kind)
        target = Target.model_validate(row.target)
        activity: dict[str, Any] = dict(row.activity)
        uncertain = uncertain and kind is OutboxKind.POST
        try:
            if kind is OutboxKind.POST:
                if uncertain:
                    found = await self._find_post(row, target)
                    if found is not None:
                        return found, True
                uncertain = False  # not found (or cannot look): this send decides
                return await self._connector.send(
                    target.service_url, _required(target.conversation_id), activity
                ), False
            if kind is OutboxKind.UPDATE:
                post_id = target.activity_id or await self._post_activity_id(target)
                await self._connector.update(
                    target.service_url, _required(target.conversation_id), post_id, activity
                )
                return post_id, False
            if kind is OutboxKind.REPLY:
                post_id = target.activity_id or await self._post_activity_id(target)
                channel = _required(target.conversation_id).split(";", 1)[0]
                return await self._connector.reply(
                    target.service_url, f"{channel};messageid={post_id}", post_id, activity
                ), False
            conversation = target.conversation_id or await self._personal_chat(target)
            return await self._connector.send(target.service_url, conversation, activity), False
        except ConnectorError as error:
            raise Failure(
                str(error),
                status=error.status,
                retry_after=error.retry_after,
                transient=error.transient,
                uncertain=uncertain or (kind is OutboxKind.POST and error.uncertain),
            ) from error

    async def _find_post(self, row: Row[Any], target: Target) -> str | None:
        """The case's post in the IB channel, looked up through Graph; None when it is not
        there or cannot be looked up (then the caller posts it, at least once)."""
        case_id = row.case_id or target.case_id
        channel = target.conversation_id
        if not (self._reconcile and case_id and channel):
            return None
        async with self._engine.connect() as conn:
            group = (
                await conn.execute(
                    select(channel_table.c.team_aad_group_id).where(
                        channel_table.c.channel_id == channel
                    )
                )
            ).scalar_one_or_none()
        if not group:
            logger.warning(
                "Outbox %s: the post of %s may have gone out, but the channel's group is "
                "unknown, so Graph cannot be asked; sending it again",
                row.id,
                case_id,
            )
            return None
        try:
            return await self._connector.find_channel_post(
                group, channel, [IB_REFRESH, json.dumps(case_id)]
            )
        except ConnectorError as error:
            if error.transient:
                raise  # still uncertain: look again later
            logger.error(
                "Outbox %s: Graph refused the lookup of %s's post (status %s); sending it "
                "again, which may duplicate it",
                row.id,
                case_id,
                error.status,
            )
            return None

    async def _post_activity_id(self, target: Target) -> str:
        """The delivered post of ``target.case_id``; ``NotYet`` until it is delivered,
        ``Failure`` (permanent) when it never will be."""
        if not target.case_id:
            raise Failure("no activity id and no case to take it from", transient=False)
        query = (
            select(case_post_table.c.activity_id, outbox_table.c.status)
            .select_from(
                case_post_table.outerjoin(
                    outbox_table, outbox_table.c.id == case_post_table.c.outbox_id
                )
            )
            .where(case_post_table.c.case_id == target.case_id)
        )
        async with self._engine.connect() as conn:
            post = (await conn.execute(query)).one_or_none()
        if post is not None and post.activity_id:
            return str(post.activity_id)
        if post is None or post.status == OutboxStatus.FAILED.value:
            raise Failure(f"the post of {target.case_id} was never delivered", transient=False)
        raise NotYet(f"the post of {target.case_id} is not delivered yet")

    async def _personal_chat(self, target: Target) -> str:
        """The user's personal chat: known in ``user_refs``, or opened now and stored."""
        if not target.user_mri:
            raise Failure("no conversation and no user to open one with", transient=False)
        user_id = (target.user_id or "").strip().lower()
        if user_id:
            async with self._engine.connect() as conn:
                known = (
                    await conn.execute(
                        select(user_ref_table.c.conversation_id).where(
                            user_ref_table.c.user_id == user_id
                        )
                    )
                ).scalar_one_or_none()
            if known:
                return str(known)
        conversation = await self._connector.create_personal_conversation(
            target.service_url,
            tenant_id=target.tenant_id,
            user_mri=target.user_mri,
            bot_id=target.bot_id,
        )
        if user_id:
            async with writing(self._engine) as conn:
                await conn.execute(
                    update(user_ref_table)
                    .where(user_ref_table.c.user_id == user_id)
                    .values(conversation_id=conversation, updated_at=utc(self._clock.now()))
                )
        return conversation


def _required(conversation_id: str | None) -> str:
    if not conversation_id:
        raise Failure("the target has no conversation id", transient=False)
    return conversation_id
