"""The International Committee (IB) in Teams: what the dialogs' effects do in the world.

The dialogs decide what a turn asks for (``dialogs.turn.Effect``); ``IbService.perform``
does it with the case register, the outbox, the user references and the Bot Connector,
and returns what the user sees:

- ``register_ib``: an administrator's "registrera IB-kanal" in a channel makes it IB's.
- ``send_to_ib``: a screening becomes a case and its post in the IB channel is queued,
  in one transaction; the same engagement sent twice by the same user while the first
  case is open is not registered again.
- ``resubmit``: "Komplettera" adds a version to the case; the post is updated and the
  new version announced in its thread.
- ``ib_action``: an IB member's decision changes the case; the post is updated for
  everyone and the submitter notified in their personal chat, in their language.
- ``ib_refresh``: a member sees the card with its buttons, anyone else read-only.
- ``agenda``, ``my_cases``: the next meeting's agenda (in the IB channel), a user's cases.
- ``withdraw``: the submitter's "Återkalla", confirmed by a second press, while the case
  waits for IB (``ibcase.withdraw_refusal``); the post is updated.
- ``export_register`` (and ``file_consent``): an IB member's "Exportera registret": the
  register's CSV offered in their personal chat (a file consent card), put in their
  OneDrive when they accept.
- ``show_failed``, ``retry_deliveries``: the messages the delivery worker gave up on, and
  "Försök igen" (``bot.outbox.failed.requeue``, as ``strategikollen outbox retry``), for
  IB's administrators and secretariat.

Every message to Teams other than the answer to the turn itself goes through the
outbox (``bot.outbox.enqueue``) inside the register's transaction (its ``then=`` hook),
so a change and its announcements are kept together or not at all, and the delivery
worker sends them later, also after a restart.

IB membership is ``Settings.members`` and the users of ``Settings.member_groups`` (Entra
ID groups, through Microsoft Graph, kept ``ib_group_cache_seconds``) when either is set,
else the roster of the team that holds the registered IB channel, read page by page and
kept for ``ib_roster_cache_seconds``. The administrators and the secretariat are their
ids and their groups' users alike. Guests of a group or the roster have no role unless
``ib_allow_guests``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.persistence.database import Executes
from cards.ib import (
    CaseEvent,
    CaseView,
    FailedDelivery,
    agenda_card,
    failed_deliveries_card,
    ib_card,
    my_cases_card,
    new_version_card,
    notification_card,
    reminder_card,
    sent_card,
    withdraw_confirm_card,
)
from dialogs import ib as ib_dialogs
from dialogs.turn import (
    Effect,
    ExportRegister,
    IbAction,
    IbRefresh,
    MyCases,
    RegisterIb,
    Reply,
    Resubmit,
    RetryDeliveries,
    SendToIb,
    ShowAgenda,
    ShowFailed,
    Withdraw,
)
from ibcase import (
    WithdrawRefusal,
    may_act,
    may_complete,
    may_manage_deliveries,
    may_register_channel,
    status_label,
    withdraw_refusal,
)
from policy import Assessment, Engagement, Lang, lang_of

from ..clock import Clock, SystemClock, utc
from ..outbox import OutboxKind, Target, card_activity, enqueue
from ..outbox.failed import failed_messages, requeue
from ..outbox.people import personal_target, remember_user
from ..persistence.database import writing
from ..persistence.register import (
    Actor,
    AuditEntry,
    AuditEvent,
    Case,
    CaseNotFound,
    CaseRegister,
    CaseStatus,
    InvalidTransition,
    VersionRefused,
    WithdrawRefused,
    audit_table,
)
from ..persistence.tables import case_post_table, channel_table
from ..settings import Settings
from ..teams import files
from ..teams.connector import ConnectorClient, ConnectorError, TeamMember
from ..teams.graph import GroupMembers, GroupsUnavailable
from ..telemetry import FIELDS
from ..texts import t
from .reminders import due_reviews

__all__ = [
    "CONNECTOR_TIMEOUT_SECONDS",
    "MAX_REFRESH_USERS",
    "Exporter",
    "FileAnswer",
    "IbService",
    "Origin",
    "RosterUnavailable",
]

logger = logging.getLogger(__name__)
# Who exported the register and who queued failed messages again: one line each, by id.
audit_log = logging.getLogger("strategikollen.audit")

# The register as a file, in a language: its name, its bytes and how many cases it holds
# (``bot.overview.export.exporter``, given by the hosting part).
type Exporter = Callable[[Lang], Awaitable[tuple[str, bytes, int]]]

# What the export's file consent card carries, and Teams gives back with the answer.
EXPORT_CONTEXT: Mapping[str, str] = {"export": "cases"}

# The failed messages a card lists at most, and the length of an error on it.
MAX_FAILED_LISTED = 50
_ERROR_SHOWN = 200


# Teams refreshes a card automatically for at most 60 listed users.
MAX_REFRESH_USERS = 60

# How long a turn waits for the Bot Connector (the IB team's roster, its details): Teams
# expects an invoke's answer within seconds.
CONNECTOR_TIMEOUT_SECONDS = 5.0

# The language of the cards in the IB channel (the committee works in Swedish).
CHANNEL_LANG: Lang = "sv"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a turn came from and who sent it, as ``bot.hosting.agent`` reads it off the
    activity."""

    service_url: str
    conversation_id: str
    conversation_type: str  # personal · groupChat · channel
    user_mri: str  # the Teams user id, 29:…
    user_aad_id: str | None  # the Entra object id
    user_name: str | None
    locale: str | None
    tenant_id: str | None = None
    activity_id: str | None = None  # the incoming activity's id
    bot_id: str | None = None
    channel_id: str | None = None  # channelData.channel.id, in a team's channel
    channel_name: str | None = None
    team_id: str | None = None  # channelData.team.id

    @property
    def lang(self) -> Lang:
        return lang_of(self.locale)

    @property
    def user_key(self) -> str:
        """The user's id in the register and user_refs: the Entra object id, lower case
        (the Teams id where a client sends none)."""
        return (self.user_aad_id or self.user_mri).strip().lower()

    def actor(self, unit: str | None = None) -> Actor:
        return Actor(id=self.user_key, name=(self.user_name or "").strip() or self.user_mri,
                     unit=unit)

    @property
    def channel(self) -> str:
        """The channel a channel turn came from: channelData's id, else the conversation id
        without the thread's ``;messageid=…``."""
        return self.channel_id or self.conversation_id.split(";messageid=")[0]


class RosterUnavailable(Exception):
    """IB's membership could not be read: the IB team's roster (the Bot Connector failed or
    was too slow) or an Entra group (Graph failed, and it was never read before)."""

    def __init__(self, team_id: str, *, group: bool = False) -> None:
        super().__init__(f"the members of {'group' if group else 'team'} {team_id} "
                         "could not be read")
        self.team_id = team_id


@dataclass(frozen=True, slots=True)
class FileAnswer:
    """What the bot answers a ``fileConsent/invoke`` with in the user's chat: the file info
    card of the uploaded file (an attachment), or a message."""

    attachment: dict[str, Any] | None = None
    text: str | None = None


class _AlreadySent(Exception):
    """Raised in the submit transaction to undo it: the user has an open case for this."""

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self.case_id = case_id


class IbService:
    """Performs the dialogs' IB effects (``perform``) and keeps users reachable
    (``remember``). One per bot process; ``connector`` is the Bot Connector client."""

    def __init__(
        self,
        engine: AsyncEngine,
        settings: Settings,
        connector: ConnectorClient,
        *,
        register: CaseRegister | None = None,
        clock: Clock | None = None,
        groups: GroupMembers | None = None,
        on_queued: Callable[[], None] | None = None,
        exporter: Exporter | None = None,
        allow_upload: Callable[[str], bool] | None = None,
    ) -> None:
        self._engine = engine
        # The register as a file for "Exportera registret" (None: not offered), and where
        # the file may be uploaded (Teams' upload URL: SharePoint; loopback in dev mode).
        self._exporter = exporter
        self._allow_upload = allow_upload or (lambda _url: False)
        # Told when a transaction has queued messages, so the delivery worker sends them
        # now rather than at its next poll.
        self._on_queued = on_queued or (lambda: None)
        self._settings = settings
        self._connector = connector
        self._zone = settings.zone
        self._clock = clock or SystemClock()
        self.register = register or CaseRegister(
            engine, time_zone=settings.time_zone, clock=self._clock
        )
        self._rosters: dict[str, tuple[float, list[TeamMember]]] = {}
        # Entra groups' members through Graph, when roles are given by groups.
        self._groups = groups
        self._known: dict[str, tuple[object, ...]] = {}  # user → the user_refs row last written

    # --- users ----------------------------------------------------------------------

    async def remember(self, origin: Origin) -> None:
        """Keep the user's ``user_refs`` row current: where their personal chat is (given
        on a personal turn), their locale. Written only when it changed since this process
        last wrote it, so an ordinary turn costs no database write; and at least once a
        day, so that its ``updated_at`` says the user is still active (``bot.privacy``
        expires references not refreshed for ``retention_days``)."""
        personal = origin.conversation_type == "personal"
        row = (origin.user_mri, origin.service_url, origin.tenant_id, origin.bot_id,
               origin.locale, origin.conversation_id if personal else None,
               self._clock.now().date())
        key = origin.user_key
        if self._known.get(key) == row:
            return
        async with writing(self._engine) as conn:
            await remember_user(
                conn,
                user_id=key,
                user_mri=origin.user_mri,
                service_url=origin.service_url,
                tenant_id=origin.tenant_id,
                bot_id=origin.bot_id,
                locale=origin.locale,
                conversation_id=origin.conversation_id if personal else None,
                now=self._clock.now(),
            )
        self._known[key] = row

    # --- effects --------------------------------------------------------------------

    async def perform(self, effect: Effect, origin: Origin, *, today: date) -> Reply:
        """Do ``effect`` for a turn from ``origin``; what to show the user.

        Expected refusals (not a member, no IB channel, a status that does not allow the
        change …) are answered with a clear message; anything unexpected raises, and the
        bot apologises without details."""
        match effect:
            case RegisterIb():
                return await self._register_channel(origin)
            case SendToIb():
                return await self._send(effect, origin)
            case Resubmit():
                return await self._resubmit(effect, origin)
            case IbAction():
                return await self._act(effect, origin)
            case IbRefresh():
                return await self._refresh(effect, origin)
            case ShowAgenda():
                return await self._agenda(origin, today)
            case MyCases():
                return await self._my_cases(origin)
            case Withdraw():
                return await self._withdraw(effect, origin)
            case ExportRegister():
                return await self._offer_export(origin)
            case ShowFailed():
                return await self._failed(origin)
            case RetryDeliveries():
                return await self._retry(effect, origin)

    # --- a card to a user's personal chat ----------------------------------------------

    async def tell(self, origin: Origin, card: dict[str, Any], *, key: str) -> bool:
        """Queue ``card`` to the personal chat of the user of ``origin`` (a turn elsewhere,
        e.g. the message action's dialog in a group chat), through the outbox: the
        delivery worker opens the chat if the bot has none with the user yet. ``key``
        makes it once only (Teams retries an invoke). False when the user cannot be
        reached."""
        return await self._to_personal_chat(origin, card_activity(card), key=key)

    async def _to_personal_chat(self, origin: Origin, activity: dict[str, Any], *,
                                key: str) -> bool:
        await self.remember(origin)
        queued = False
        async with writing(self._engine) as conn:
            reach = await personal_target(conn, origin.user_key)
            if reach is not None:
                queued = await enqueue(
                    conn,
                    key=key,
                    kind=OutboxKind.NOTIFY,
                    target=reach[0],
                    activity=activity,
                    conversation_key=origin.user_key,
                    now=self._clock.now(),
                ) is not None
        if queued:
            self._on_queued()
        return reach is not None

    # --- registration ------------------------------------------------------------------

    async def _register_channel(self, origin: Origin) -> Reply:
        lang = origin.lang
        if origin.conversation_type != "channel":
            return _say(t("ib.register_not_channel", lang))
        if not await self.is_admin(origin):
            logger.info("IB channel registration refused for %s", origin.user_key)
            return _say(t("ib.register_refused", lang))
        group_id = team_name = None
        if origin.team_id:
            try:
                async with asyncio.timeout(CONNECTOR_TIMEOUT_SECONDS):
                    details = await self._connector.team_details(origin.service_url,
                                                                 origin.team_id)
                group_id, team_name = details.aad_group_id, details.name
            except (ConnectorError, TimeoutError) as error:
                # Registered all the same; without the group id the delivery worker cannot
                # look for an interrupted post through Graph (it then posts again).
                logger.warning("Team details for %s unavailable (%s)", origin.team_id,
                               type(error).__name__)
        channel = origin.channel
        name = origin.channel_name or _unnamed_channel(channel, origin.team_id, team_name, lang)
        values = {
            "team_id": origin.team_id,
            "team_aad_group_id": group_id,
            "tenant_id": origin.tenant_id,
            "service_url": origin.service_url,
            "bot_id": origin.bot_id,
            "name": name,
            "registered_by_id": origin.user_key,
            "registered_by_name": origin.actor().name,
            "registered_at": self._clock.now(),
            "active": True,
        }
        async with writing(self._engine) as conn:
            await conn.execute(update(channel_table).values(active=False))
            changed = await conn.execute(
                update(channel_table).where(channel_table.c.channel_id == channel).values(values)
            )
            if changed.rowcount == 0:
                await conn.execute(insert(channel_table).values(channel_id=channel, **values))
        self._rosters.clear()
        logger.info("IB channel %s registered by %s", channel, origin.user_key)
        return _say(t("ib.registered", lang, name=name))

    # --- send, resubmit ----------------------------------------------------------------

    async def _send(self, effect: SendToIb, origin: Origin) -> Reply:
        lang = origin.lang
        engagement = Engagement.model_validate(effect.engagement)
        assessment = Assessment.model_validate(effect.assessment)
        async with self._engine.connect() as conn:
            channel = await _active_channel(conn)
        if channel is None:
            return _say(t("ib.no_channel", lang))
        refresh = await self._refresh_users(channel)
        actor = origin.actor(unit=engagement.unit)

        async def also(conn: Executes, case: Case) -> None:
            duplicate = await self.register.open_duplicate(conn, case)
            if duplicate is not None:
                raise _AlreadySent(duplicate)
            view = self._view(case, CHANNEL_LANG, prepare=effect.prepare)
            post = ib_card(view, CHANNEL_LANG, member=False, refresh_user_ids=refresh)
            outbox_id = await enqueue(
                conn,
                key=f"post:{case.id}",
                kind=OutboxKind.POST,
                target=_channel_target(channel, case.id),
                activity=card_activity(post),
                conversation_key=channel.channel_id,
                case_id=case.id,
                now=self._clock.now(),
            )
            await conn.execute(insert(case_post_table).values(
                case_id=case.id, channel_id=channel.channel_id, outbox_id=outbox_id,
                prepare=effect.prepare,
            ))

        try:
            case = await self.register.submit(engagement, assessment, actor, then=also)
        except _AlreadySent as sent:
            return _say(t("ib.already_sent", lang, id=sent.case_id))
        self._on_queued()
        logger.info("Case %s submitted by %s", case.id, actor.id)
        view = self._view(case, lang, prepare=effect.prepare)
        return Reply(cards=[sent_card(view, lang)])

    async def _resubmit(self, effect: Resubmit, origin: Origin) -> Reply:
        lang = origin.lang
        case_id = effect.case_id
        engagement = Engagement.model_validate(effect.engagement)
        assessment = Assessment.model_validate(effect.assessment)
        actor = origin.actor(unit=engagement.unit)
        try:
            current = await self.register.get(case_id)
        except CaseNotFound:
            return _say(t("ib.case_not_found", lang, id=case_id))
        if not may_complete(current.submitter.id, actor.id):
            return _say(t("ib.case_not_found", lang, id=case_id))
        async with self._engine.connect() as conn:
            posted = await _post_and_channel(conn, current.id)
        refresh = await self._refresh_users(posted[1]) if posted else []

        async def also(conn: Executes, case: Case) -> None:
            if posted is None:
                return
            post, channel = posted
            view = self._view(case, CHANNEL_LANG, prepare=post.prepare,
                              last=await self._last_event(conn, case.id))
            await self._update_post(conn, case, channel, view, refresh)
            await enqueue(
                conn,
                key=f"reply:{case.id}:v{case.version}",
                kind=OutboxKind.REPLY,
                target=_channel_target(channel, case.id),
                activity=card_activity(new_version_card(view, CHANNEL_LANG)),
                conversation_key=channel.channel_id,
                case_id=case.id,
                now=self._clock.now(),
            )

        try:
            case = await self.register.add_version(
                current.id, engagement, assessment, actor, then=also)
        except VersionRefused as refused:
            return _say(t("ib.version_refused", lang, id=refused.case_id,
                          status=status_label(refused.status, lang)))
        self._on_queued()
        logger.info("Case %s version %d added by %s", case.id, case.version, actor.id)
        [view] = await self._views([case], lang)
        return Reply(cards=[sent_card(view, lang, new_version=True)])

    # --- IB's actions -------------------------------------------------------------------

    async def _act(self, effect: IbAction, origin: Origin) -> Reply:
        lang = origin.lang
        case_id = effect.case_id or ""
        status = effect.status
        try:
            case = await self.register.get(case_id)
        except CaseNotFound:
            return _say(t("ib.case_not_found", lang, id=case_id))
        if not await self.is_member(origin):
            logger.info("IB action on %s refused: %s is not a member", case.id, origin.user_key)
            [view] = await self._views([case], lang)
            return _card(ib_card(view, lang, member=False, notice=t("ib.not_member", lang)))
        if effect.errors:
            [view] = await self._views([case], lang)
            return _card(ib_card(view, lang, member=True, errors=effect.errors,
                                 comment=effect.comment or "",
                                 meeting_date=effect.meeting_date_text))
        async with self._engine.connect() as conn:
            posted = await _post_and_channel(conn, case.id)
        refresh = await self._refresh_users(posted[1]) if posted else []
        actor = origin.actor()

        async def also(conn: Executes, changed: Case) -> None:
            last = await self._last_event(conn, changed.id)
            prepare = posted[0].prepare if posted else False
            if posted is not None:
                view = self._view(changed, CHANNEL_LANG, prepare=prepare, last=last)
                await self._update_post(conn, changed, posted[1], view, refresh)
            await self._notify(conn, changed, prepare, last)

        try:
            changed = await self.register.set_status(
                case.id, status, actor, effect.comment,
                effect.meeting_date, then=also)
        except InvalidTransition as refused:
            [view] = await self._views([await self.register.get(case.id)], lang)
            notice = t("ib.invalid_transition", lang, status=status_label(refused.current, lang))
            return _card(ib_card(view, lang, member=True, notice=notice))
        self._on_queued()
        logger.info("Case %s set to %s by %s", changed.id, changed.status, actor.id)
        [view] = await self._views([changed], lang)
        notice = t("ib.done", lang, id=changed.id, status=status_label(changed.status, lang))
        return _card(ib_card(view, lang, member=True, notice=notice))

    async def _refresh(self, effect: IbRefresh, origin: Origin) -> Reply:
        lang = origin.lang
        try:
            case = await self.register.get(effect.case_id or "")
        except CaseNotFound:
            return _say(t("ib.case_not_found", lang, id=effect.case_id or ""))
        [view] = await self._views([case], lang)
        return _card(ib_card(view, lang, member=await self.is_member(origin)))

    async def _update_post(self, conn: Executes, case: Case, channel: Row[Any],
                           view: CaseView, refresh: Sequence[str]) -> None:
        """Queue the update of the case's post in the IB channel, in place, for everyone.
        Keyed by the case's newest audit row: one update per change."""
        audit_id = (await conn.execute(
            select(func.max(audit_table.c.id)).where(audit_table.c.case_id == case.id)
        )).scalar_one()
        await enqueue(
            conn,
            key=f"update:{case.id}:{audit_id}",
            kind=OutboxKind.UPDATE,
            target=_channel_target(channel, case.id),
            activity=card_activity(ib_card(view, CHANNEL_LANG, member=False,
                                           refresh_user_ids=refresh)),
            conversation_key=channel.channel_id,
            case_id=case.id,
            now=self._clock.now(),
        )

    async def _notify(self, conn: Executes, case: Case, prepare: bool,
                      last: CaseEvent | None) -> None:
        """Queue the status change to the submitter's personal chat, in their language."""
        reach = await personal_target(conn, case.submitter.id)
        if reach is None:
            logger.warning("Case %s: the submitter has never talked to the bot; not notified",
                           case.id)
            return
        target, locale = reach
        lang = lang_of(locale)
        view = self._view(case, lang, prepare=prepare, last=last)
        audit_id = (await conn.execute(
            select(func.max(audit_table.c.id)).where(audit_table.c.case_id == case.id)
        )).scalar_one()
        await enqueue(
            conn,
            key=f"notify:{case.id}:{audit_id}",
            kind=OutboxKind.NOTIFY,
            target=target,
            activity=card_activity(notification_card(view, lang)),
            conversation_key=case.submitter.id,
            case_id=case.id,
            now=self._clock.now(),
        )

    # --- agenda, my cases ------------------------------------------------------------

    async def _agenda(self, origin: Origin, today: date) -> Reply:
        lang = origin.lang
        async with self._engine.connect() as conn:
            channel = await _active_channel(conn)
        if (channel is None or origin.conversation_type != "channel"
                or origin.channel != channel.channel_id):
            return _say(t("ib.agenda_elsewhere", lang))
        listed = await self.register.list(status=CaseStatus.ON_AGENDA, limit=None)
        meeting = ib_dialogs.next_meeting([c.meeting_date for c in listed], today)
        items = [c for c in listed if meeting is not None and c.meeting_date == meeting]
        ordered, total = ib_dialogs.agenda(await self._views(items, lang))
        due = await due_reviews(self.register, today=today,
                                notice_days=self._settings.review_notice_days)
        return Reply(cards=[agenda_card(meeting, ordered, total, await self._views(due, lang),
                                        lang)])

    async def _my_cases(self, origin: Origin, *, notice: str | None = None,
                        replace: bool = False) -> Reply:
        lang = origin.lang
        cases = await self.register.list(submitter=origin.user_key)
        return Reply(cards=[my_cases_card(await self._views(cases, lang), lang, notice=notice)],
                     replace=replace)

    # --- the submitter withdraws a case ------------------------------------------------

    async def _withdraw(self, effect: Withdraw, origin: Origin) -> Reply:
        """ "Återkalla": the confirmation card first; "Ja, återkalla" withdraws the case,
        updates its post for IB and shows "Mina ärenden" again, in place. A press that may
        not (someone else's case, withdrawn already, IB has taken it up) changes nothing
        and says why."""
        lang = origin.lang
        case_id = effect.case_id or ""
        try:
            case = await self.register.get(case_id)
        except CaseNotFound:
            return _say(t("ib.case_not_found", lang, id=case_id))
        refusal = withdraw_refusal(case.submitter.id, origin.user_key, case.status)
        if refusal is not None:
            return await self._withdraw_refused(origin, case.id, case.status, refusal)
        if not effect.confirmed:
            [view] = await self._views([case], lang)
            return _card(withdraw_confirm_card(view, lang))
        async with self._engine.connect() as conn:
            posted = await _post_and_channel(conn, case.id)
        refresh = await self._refresh_users(posted[1]) if posted else []

        async def also(conn: Executes, changed: Case) -> None:
            if posted is None:
                return
            view = self._view(changed, CHANNEL_LANG, prepare=posted[0].prepare,
                              last=await self._last_event(conn, changed.id))
            await self._update_post(conn, changed, posted[1], view, refresh)

        try:
            changed = await self.register.withdraw(
                case.id, origin.actor(unit=case.submitter.unit), then=also)
        except WithdrawRefused as refused:  # IB acted, or a second press, meanwhile
            return await self._withdraw_refused(origin, refused.case_id, refused.status,
                                                refused.reason)
        self._on_queued()
        logger.info("Case %s withdrawn by its submitter %s", changed.id, origin.user_key)
        return await self._my_cases(origin, notice=t("ib.withdrawn", lang, id=changed.id),
                                    replace=True)

    async def _withdraw_refused(self, origin: Origin, case_id: str, status: CaseStatus,
                                reason: WithdrawRefusal) -> Reply:
        lang = origin.lang
        logger.info("Withdrawal of %s refused for %s: %s", case_id, origin.user_key, reason)
        if reason is WithdrawRefusal.NOT_SUBMITTER:
            return _say(t("ib.withdraw_not_submitter", lang))
        if reason is WithdrawRefusal.WITHDRAWN:
            notice = t("ib.withdraw_already", lang, id=case_id)
        else:
            notice = t("ib.withdraw_too_late", lang, id=case_id,
                       status=status_label(status, lang))
        return await self._my_cases(origin, notice=notice, replace=True)

    # --- IB's export of the register ------------------------------------------------------

    async def _offer_export(self, origin: Origin) -> Reply:
        """ "Exportera registret": a file consent card for the register's CSV in the
        member's personal chat (a bot cannot attach a file in a channel); the file is made
        again and uploaded when they accept (``file_consent``)."""
        lang = origin.lang
        if self._exporter is None:
            return _say(t("ib.export_unavailable", lang))
        if not await self.is_member(origin):
            logger.info("Register export refused: %s is not a member", origin.user_key)
            return _say(t("ib.export_refused", lang))
        name, body, count = await self._exporter(lang)
        day = self._clock.now().astimezone(self._zone).date().isoformat()
        consent = files.consent_attachment(
            name, len(body), t("ib.export_description", lang, day=day, n=count),
            EXPORT_CONTEXT)
        activity = {"type": "message", "attachments": [consent]}
        key = f"export:{origin.user_key}:{origin.activity_id or self._clock.now().isoformat()}"
        if not await self._to_personal_chat(origin, activity, key=key):
            return _say(t("ib.export_unreachable", lang))
        logger.info("Register export offered to %s (%d cases)", origin.user_key, count)
        return _say(t("ib.export_sent", lang))

    async def file_consent(self, origin: Origin, value: Mapping[str, Any]) -> FileAnswer:
        """The member's answer to the export's file consent card (``fileConsent/invoke``):
        accepted, the register's CSV as it is now is put at Teams' upload URL in their
        OneDrive, audited, and its file info card returned; declined, a word. Membership
        is checked again: the card may be old, or forwarded."""
        lang = origin.lang
        context = value.get("context")
        if not isinstance(context, Mapping) or dict(context) != dict(EXPORT_CONTEXT):
            logger.warning("fileConsent/invoke for something not offered: %r", context)
            return FileAnswer(text=t("bot.sorry", lang))
        if value.get("action") != "accept":
            return FileAnswer(text=t("ib.export_declined", lang))
        if self._exporter is None:
            return FileAnswer(text=t("ib.export_unavailable", lang))
        if not await self.is_member(origin):
            logger.info("Register upload refused: %s is not a member", origin.user_key)
            return FileAnswer(text=t("ib.export_refused", lang))
        info = files.upload_info(value.get("uploadInfo"))
        _name, body, count = await self._exporter(lang)
        try:
            await files.upload(info, body, allowed=self._allow_upload)
        except files.UploadFailed as failure:
            logger.warning("Register upload for %s failed: %s", origin.user_key, failure)
            return FileAnswer(text=t("ib.export_failed", lang))
        audit_log.info("Register exported by %s: %d cases", origin.user_key, count,
                       extra={FIELDS: {"event": "register_exported", "user": origin.user_key,
                                       "cases": count, "bytes": len(body)}})
        return FileAnswer(attachment=files.info_attachment(info))

    # --- failed deliveries -------------------------------------------------------------

    async def manages_deliveries(self, origin: Origin) -> bool:
        """Whether the sender may see and queue again the failed messages: IB's
        administrators and secretariat, ids and their groups' users alike
        (``ibcase.may_manage_deliveries``)."""
        return may_manage_deliveries(origin.user_aad_id, await self.admin_ids(),
                                     await self.secretariat_ids())

    async def _delivery_desk(self, origin: Origin) -> str | None:
        """Why the failed messages are not shown here (a message), or None: they are shown
        to administrators and the secretariat, in the IB channel or their personal chat."""
        lang = origin.lang
        if not await self.manages_deliveries(origin):
            logger.info("Failed deliveries refused for %s", origin.user_key)
            return t("ib.failed_refused", lang)
        if origin.conversation_type == "personal":
            return None
        async with self._engine.connect() as conn:
            channel = await _active_channel(conn)
        if (origin.conversation_type == "channel" and channel is not None
                and origin.channel == channel.channel_id):
            return None
        return t("ib.failed_elsewhere", lang)

    async def _failed(self, origin: Origin, *, notice: str | None = None,
                      replace: bool = False) -> Reply:
        """ "Misslyckade utskick": the failed messages, newest first, with "Försök igen"."""
        lang = origin.lang
        refused = await self._delivery_desk(origin)
        if refused is not None:
            return _say(refused)
        async with self._engine.connect() as conn:
            failed = await failed_messages(conn, limit=MAX_FAILED_LISTED)
        items = [
            FailedDelivery(
                id=m.id, kind=m.kind.value, case_id=m.case_id, to_channel=m.to_channel,
                queued_at=self._local(m.queued_at), last_tried_at=self._local(m.last_tried_at),
                attempts=m.attempts, error=_shortened(m.error),
            )
            for m in failed
        ]
        return Reply(cards=[failed_deliveries_card(items, lang, notice=notice)],
                     replace=replace)

    async def _retry(self, effect: RetryDeliveries, origin: Origin) -> Reply:
        """ "Försök igen": the failed ones of the messages pressed for go back in the queue
        (``bot.outbox.failed.requeue``, as ``strategikollen outbox retry``), audited; the
        list again, in place, saying which."""
        lang = origin.lang
        refused = await self._delivery_desk(origin)
        if refused is not None:
            return _say(refused)
        async with writing(self._engine) as conn:
            moved = await requeue(conn, effect.ids, now=self._clock.now())
        if moved:
            self._on_queued()
            ids = [m.id for m in moved]
            audit_log.info("Failed messages %s queued again by %s", ids, origin.user_key,
                           extra={FIELDS: {"event": "outbox_requeued", "user": origin.user_key,
                                           "messages": ids}})
            notice = t("ib.retried", lang, ids=", ".join(str(i) for i in ids))
        else:
            notice = t("ib.retry_nothing", lang)
        return await self._failed(origin, notice=notice, replace=True)

    def _local(self, moment: datetime) -> str:
        return utc(moment).astimezone(self._zone).strftime("%Y-%m-%d %H:%M")

    # --- membership --------------------------------------------------------------------

    async def is_member(self, origin: Origin) -> bool:
        """Whether the sender is one of IB's members: those in ``Settings.members`` and the
        users of ``Settings.member_groups``; with neither set, the IB team's roster. Guests
        of a group or the roster only when ``ib_allow_guests``. Without a registered
        channel and no setting, nobody is. A roster or group that cannot be read (and was
        never read before) raises ``RosterUnavailable`` (the user is told to try again,
        not that they are no member)."""
        if origin.user_aad_id is None:
            return False
        if self._settings.members or self._settings.member_groups:
            return may_act(origin.user_aad_id, await self.member_ids())
        async with self._engine.connect() as conn:
            channel = await _active_channel(conn)
        if channel is None:
            return False
        return may_act(origin.user_aad_id, (m.aad_object_id for m in await self._roster(channel)
                                            if self._guest_allowed(_roster_guest(m))))

    async def is_admin(self, origin: Origin) -> bool:
        """Whether the sender is one of IB's administrators (``Settings.admins`` and the
        users of ``Settings.admin_groups``)."""
        return may_register_channel(origin.user_aad_id, await self.admin_ids())

    async def is_secretariat(self, user_aad_id: str | None) -> bool:
        """Whether the user is in IB's secretariat (``Settings.secretariat`` and the users
        of ``Settings.secretariat_groups``)."""
        user = (user_aad_id or "").strip().lower()
        return bool(user) and user in await self.secretariat_ids()

    async def member_ids(self) -> frozenset[str]:
        """IB's members as the settings give them (ids and groups; not the roster)."""
        return await self._role_ids(self._settings.members, self._settings.member_groups)

    async def admin_ids(self) -> frozenset[str]:
        """IB's administrators' ids: the setting's and their groups' users."""
        return await self._role_ids(self._settings.admins, self._settings.admin_groups)

    async def secretariat_ids(self) -> frozenset[str]:
        """IB's secretariat's ids: the setting's and their groups' users."""
        return await self._role_ids(self._settings.secretariat,
                                    self._settings.secretariat_groups)

    async def _role_ids(self, ids: frozenset[str], groups: frozenset[str]) -> frozenset[str]:
        """``ids`` and the users of ``groups`` (their guests only when allowed). A group
        that cannot be read raises ``RosterUnavailable``."""
        if not groups:
            return ids
        if self._groups is None:
            logger.warning("Roles are given by Entra groups, but Graph is not set up; "
                           "only the listed ids count")
            return ids
        try:
            async with asyncio.timeout(CONNECTOR_TIMEOUT_SECONDS):
                members = await self._groups.members(sorted(groups))
        except GroupsUnavailable as error:
            raise RosterUnavailable(error.group_id, group=True) from error
        except TimeoutError as error:
            raise RosterUnavailable(", ".join(sorted(groups)), group=True) from error
        return ids | {m.id for m in members if self._guest_allowed(m.guest)}

    def _guest_allowed(self, guest: bool) -> bool:
        return not guest or self._settings.ib_allow_guests

    async def _roster(self, channel: Row[Any]) -> list[TeamMember]:
        """The IB team's members, read again once ``ib_roster_cache_seconds`` have passed.
        A turn waits at most ``CONNECTOR_TIMEOUT_SECONDS`` for it; when it cannot be read,
        the roster read last is used if there is one."""
        team = channel.team_id or channel.channel_id
        cached = self._rosters.get(team)
        now = time.monotonic()
        if cached is not None and cached[0] > now:
            return cached[1]
        try:
            async with asyncio.timeout(CONNECTOR_TIMEOUT_SECONDS):
                members = await self._connector.team_members(channel.service_url, team)
        except (ConnectorError, TimeoutError) as error:
            if cached is not None:
                logger.warning("The IB team's roster could not be read again (%s); "
                               "using the one read before", type(error).__name__)
                return cached[1]
            raise RosterUnavailable(team) from error
        self._rosters[team] = (now + self._settings.ib_roster_cache_seconds, members)
        return members

    async def _refresh_users(self, channel: Row[Any]) -> list[str]:
        """Whom the IB card refreshes for automatically (Teams ids): IB's members from the
        team's roster when there are at most 60 of them; else nobody is listed (and Teams
        refreshes on demand)."""
        try:
            roster = await self._roster(channel)
        except RosterUnavailable:
            logger.warning("The IB team's roster is unavailable; the card lists no members "
                           "to refresh for")
            return []
        members: frozenset[str] | None = None
        if self._settings.members or self._settings.member_groups:
            try:
                members = await self.member_ids()
            except RosterUnavailable:
                logger.warning("IB's member groups are unavailable; the card lists no "
                               "members to refresh for")
                return []
        if members is not None:
            ids = [m.id for m in roster if (m.aad_object_id or "").lower() in members]
        else:
            ids = [m.id for m in roster if self._guest_allowed(_roster_guest(m))]
        return ids if len(ids) <= MAX_REFRESH_USERS else []

    # --- views ---------------------------------------------------------------------------

    def reminder_card(self, case: Case, lang: Lang, days_left: int) -> dict[str, Any]:
        """The review reminder for ``case`` (``bot.ib.reminders.CardFor``)."""
        return reminder_card(self._view(case, lang, prepare=False), lang, days_left=days_left)

    def _view(self, case: Case, lang: Lang, *, prepare: bool,
              last: CaseEvent | None = None) -> CaseView:
        return ib_dialogs.case_view(
            case_id=case.id,
            status=case.status,
            version=case.version,
            engagement=case.engagement,
            screened_on=case.assessment.screened_on,
            lang=lang,
            submitter_name=case.submitter.name,
            submitter_unit=case.submitter.unit,
            prepare=prepare,
            meeting_date=case.meeting_date,
            review_due=case.review_due,
            last_event=last,
        )

    async def _views(self, cases: Sequence[Case], lang: Lang) -> list[CaseView]:
        """The cards' views of ``cases``, with whether each was sent for preparation and
        its latest status change (two queries, whatever the number of cases)."""
        if not cases:
            return []
        ids = [c.id for c in cases]
        async with self._engine.connect() as conn:
            prepared = {row.case_id: row.prepare for row in (await conn.execute(
                select(case_post_table.c.case_id, case_post_table.c.prepare)
                .where(case_post_table.c.case_id.in_(ids))
            )).all()}
        events = await self.register.last_status_changes(ids)
        return [
            self._view(c, lang, prepare=bool(prepared.get(c.id, False)),
                       last=self._event(events.get(c.id)))
            for c in cases
        ]

    def _event(self, entry: AuditEntry | None) -> CaseEvent | None:
        if entry is None:
            return None
        return self._event_of(entry.actor.name, entry.at, entry.details)

    async def _last_event(self, conn: Executes, case_id: str) -> CaseEvent | None:
        """Inside a mutation's transaction: the case's newest status change (the one just
        made, for a status change) as the cards show it."""
        row = (await conn.execute(
            select(audit_table)
            .where(audit_table.c.case_id == case_id,
                   audit_table.c.event == AuditEvent.STATUS_CHANGED.value)
            .order_by(audit_table.c.id.desc()).limit(1)
        )).first()
        return None if row is None else self._event_of(row.actor_name, row.at, row.details)

    def _event_of(self, actor_name: str, at: datetime,
                  details: Mapping[str, Any]) -> CaseEvent:
        meeting = details.get("meeting_date")
        moment = utc(at)
        return CaseEvent(
            status=str(details.get("to", "")),
            actor_name=actor_name,
            at=moment.astimezone(self._zone).strftime("%Y-%m-%d %H:%M"),
            comment=details.get("comment"),
            meeting_date=date.fromisoformat(meeting) if meeting else None,
        )


# --- small helpers ------------------------------------------------------------------------


def _roster_guest(member: TeamMember) -> bool:
    """Whether the roster lists the member as a guest: the Bot Connector's ``userRole``,
    which ``TeamMember`` carries as ``user_role`` (a roster entry without it is no guest)."""
    return str(getattr(member, "user_role", None) or "").strip().lower() == "guest"


def _unnamed_channel(channel: str, team_id: str | None, team_name: str | None,
                     lang: Lang) -> str:
    """How to name a channel Teams sent no name for: the team's general channel, or its id."""
    if team_id is not None and channel == team_id:
        general = t("ib.general_channel", lang)
        return f"{general} ({team_name})" if team_name else general
    return channel


def _shortened(error: str | None) -> str | None:
    """An error as the failed-deliveries card shows it: one line, at most 200 characters."""
    if not error:
        return None
    flat = " ".join(error.split())
    return flat if len(flat) <= _ERROR_SHOWN else flat[: _ERROR_SHOWN - 1] + "…"


def _say(text: str) -> Reply:
    return Reply(text=text)


def _card(card: dict[str, Any]) -> Reply:
    """A card that replaces the one the action came from (the invoke response)."""
    return Reply(cards=[card], replace=True)


def _channel_target(channel: Row[Any], case_id: str) -> Target:
    """The IB channel; for an update or a reply the worker finds the post by the case."""
    return Target(
        service_url=channel.service_url,
        conversation_id=channel.channel_id,
        case_id=case_id,
        tenant_id=channel.tenant_id,
        bot_id=channel.bot_id,
    )


async def _active_channel(conn: Executes) -> Row[Any] | None:
    """The IB channel: the active one registered last."""
    return (await conn.execute(
        select(channel_table).where(channel_table.c.active.is_(True))
        .order_by(channel_table.c.registered_at.desc(), channel_table.c.id.desc()).limit(1)
    )).first()


async def _post_and_channel(conn: Executes,
                            case_id: str) -> tuple[Row[Any], Row[Any]] | None:
    """The case's post and the channel it was posted in (None if it has none)."""
    post = (await conn.execute(
        select(case_post_table).where(case_post_table.c.case_id == case_id)
    )).first()
    if post is None:
        return None
    channel = (await conn.execute(
        select(channel_table).where(channel_table.c.channel_id == post.channel_id)
    )).first()
    return None if channel is None else (post, channel)
