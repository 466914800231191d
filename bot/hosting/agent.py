"""The agent: Teams activities in, ``dialogs`` turns through, cards and text out.

Shaped like the SDK's samples: storage, connection manager, adapter,
``AgentApplication[TurnState]``, then the handlers. Nothing here decides
anything about the strategy; that is ``dialogs`` and ``policy``. What a turn
asks of the world (``Reply.effect``: the case register, the IB channel) is done
by ``bot.ib.IbService`` once the turn's state is saved.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import secrets
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from http import HTTPStatus
from typing import Any, Protocol, cast

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    AdaptiveCardInvokeValue,
    Attachment,
    ContentTypes,
    InvokeResponse,
)
from microsoft_agents.hosting.core import (
    AgentApplication,
    Authorization,
    CardFactory,
    MemoryStorage,
    MessageFactory,
    Storage,
    TurnContext,
    TurnState,
)
from microsoft_agents.hosting.core.app import RouteRank
from microsoft_agents.hosting.core.app.state import ConversationState
from microsoft_agents.hosting.core.authorization import Connections
from microsoft_agents.hosting.core.state.agent_state import CachedAgentState
from microsoft_agents.hosting.core.state.user_state import UserState
from microsoft_agents.hosting.core.storage import StoreItem

from cards import verbs
from cards.i18n import t
from dialogs import intake as intake_dialogs
from dialogs import wizard_dialog
from dialogs.conversation import starts_wizard
from dialogs.turn import Document, Reply, Turn
from policy import Lang, lang_of

from .. import intake, texts
from ..clock import CITY_ZONE, Clock, SystemClock, zone
from ..ib import IbService, Origin
from ..persistence.storage import E_TAG, NEW, StorageConflict
from ..teams.connector import url_checker
from ..teams.graph import ProfileReader

__all__ = [
    "DIALOG_PROPERTY", "NEW_ASSESSMENT_COMMAND", "STATE_PROPERTY", "Dialogs", "build_agent",
    "origin_of", "tenant_of",
]

logger = logging.getLogger(__name__)

# The property under which the dialogs' dicts live in the SDK's conversation and user state.
STATE_PROPERTY = "strategikollen"
# The user's wizard dialog (``dialogs.wizard_dialog``), beside it in the user's state.
DIALOG_PROPERTY = "strategikollen.dialog"
# The message box's action command "Ny bedömning" (the manifest's composeExtensions): the
# wizard's Teams dialog, as the welcome card's "Ny bedömning" opens it.
NEW_ASSESSMENT_COMMAND = "newAssessment"

ANY_VERB = re.compile(r".+")

# How often a turn is tried when other processes keep saving the same state meanwhile.
MAX_ATTEMPTS = 6


class Dialogs(Protocol):
    """What the bot needs from ``dialogs.conversation`` (a module satisfies this)."""

    def welcome(self, locale: str | None) -> Reply: ...

    def handle(
        self, conv: dict[str, Any] | None, user: dict[str, Any] | None, turn: Turn, *, today: date
    ) -> tuple[dict[str, Any], dict[str, Any], Reply]: ...


# Where a turn keeps its conversation's gate (below) in the TurnContext's turn_state.
_GATE = "strategikollen.gate"


@dataclass(eq=False)
class _Gate:
    """Per conversation, in this process: one turn at a time, and a count of saves."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    saves: int = 0


def tenant_of(activity: Activity) -> str | None:
    """The Entra tenant of an activity: conversation.tenantId, else channelData.tenant.id."""
    if activity.conversation is not None and activity.conversation.tenant_id:
        return activity.conversation.tenant_id
    return _channel_data(activity.channel_data, "tenant")


def _channel_data(data: object, part: str, name: str = "id") -> str | None:
    """``channelData[part][name]`` (e.g. the team's or channel's id), dict or object."""
    inner = data.get(part) if isinstance(data, dict) else getattr(data, part, None)
    value = inner.get(name) if isinstance(inner, dict) else getattr(inner, name, None)
    return value if isinstance(value, str) and value else None


def origin_of(activity: Activity) -> Origin:
    """Where an activity came from and who sent it, for ``IbService``."""
    user = activity.from_property
    conversation = activity.conversation
    data = activity.channel_data
    return Origin(
        service_url=activity.service_url or "",
        conversation_id=conversation.id if conversation else "",
        conversation_type=_conversation_type(activity),
        user_mri=user.id if user else "",
        user_aad_id=user.aad_object_id if user else None,
        user_name=user.name if user else None,
        locale=activity.locale,
        tenant_id=tenant_of(activity),
        activity_id=activity.id,
        bot_id=activity.recipient.id if activity.recipient else None,
        channel_id=_channel_data(data, "channel"),
        channel_name=_channel_data(data, "channel", "name"),
        team_id=_channel_data(data, "team"),
    )


# The verbs of the card IB's channel shares: its post is everyone's, so an Action.Submit
# (a client without Universal Actions) must not overwrite it with one member's view.
_SHARED_POST_VERBS = frozenset({
    verbs.IB_REFRESH, verbs.IB_ACCEPT, verbs.IB_DECLINE, verbs.IB_REQUEST_COMPLETION,
    verbs.IB_TO_AGENDA,
})


def _replace_id(activity: Activity, reply: Reply, verb: str | None) -> str | None:
    """The message an Action.Submit's reply replaces in place, if any."""
    if not reply.replace or not activity.reply_to_id:
        return None
    if verb in _SHARED_POST_VERBS and _conversation_type(activity) == "channel":
        return None  # a new message instead; the post itself is updated through the outbox
    return activity.reply_to_id


def _conversation_type(activity: Activity) -> str:
    """personal · groupChat · channel (Teams leaves it out of personal chats at times)."""
    conversation = activity.conversation
    return (conversation.conversation_type if conversation else None) or "personal"


def _addressed_to_bot(activity: Activity) -> bool:
    """Whether a channel message is for the bot. Teams sends a bot only the channel messages
    that @mention it, unless the app has the team's consent to read all of them (the
    ChannelMessage.Read.Group permission the delivery worker's Graph check uses); then the
    rest of the team's conversation arrives too and must be left alone."""
    if _conversation_type(activity) != "channel" or activity.value is not None:
        return True
    bot_id = activity.recipient.id if activity.recipient else None
    return any(
        mention.mentioned is not None and mention.mentioned.id == bot_id
        for mention in activity.get_mentions()
    )


def _invoke_value(activity: Activity) -> dict[str, Any]:
    """An invoke's value when it is an object, else an empty one (Teams' own invokes send
    objects; anything else is treated as empty, never as a traceback)."""
    return activity.value if isinstance(activity.value, dict) else {}


def _invoke_data(value: dict[str, Any]) -> dict[str, Any]:
    """What a dialog's button carried (``value.data`` of a task/submit or a message
    extension's submitAction), when it is an object, else an empty one."""
    carried = value.get("data")
    return carried if isinstance(carried, dict) else {}


def _sign_in_code(code: object) -> str:
    """A signin/failure's code as Teams sends it (``resourcematchfailed``), fit for a log line
    and a message: letters, digits, ``_`` and ``-`` only; ``unknown`` when there is none."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "", str(code or ""))[:64]
    return cleaned or "unknown"


def _turn_of(activity: Activity, verb: str | None, data: dict[str, Any], *,
             text: str | None = None, document: Document | None = None) -> Turn:
    user = activity.from_property
    if text is None and isinstance(activity.text, str) and activity.text.strip():
        text = activity.text
    return Turn(
        text=text,
        verb=verb,
        data={k: v for k, v in data.items() if k != "verb"},
        locale=activity.locale,
        user_id=(user.aad_object_id or user.id or "") if user else "",
        user_name=user.name if user else None,
        channel_kind=_conversation_type(activity),
        document=document,
    )


def _lang(activity: Activity) -> Lang:
    """The user's language: Swedish unless the activity's locale is English."""
    return lang_of(activity.locale)


def _stored(value: object) -> dict[str, Any] | None:
    """A dialogs dict from the SDK state (None when absent or not a dict)."""
    return value if isinstance(value, dict) else None


class _SentCard(dict[str, Any]):
    """A card (or an invoke's answer that holds one) on its way out. The SDK deep-copies
    every activity it sends (``TurnContext.send_activities``), and a card is hundreds of
    nested dicts: that copy was a tenth of the bot's time under load (issue 13). The card
    is made for this one send and nothing changes it afterwards (the SDK sets only the
    activity's own fields), so its copy is itself; it serialises as the plain dict it is."""

    __slots__ = ()

    def __deepcopy__(self, memo: dict[int, Any]) -> _SentCard:
        return self


class _SentInvokeResponse(AdaptiveCardInvokeResponse):
    """An Action.Execute handler's answer. The SDK dumps it to JSON and sends the result in
    an invoke response activity, which it deep-copies like any other; the dump is made for
    that one send, so it is a ``_SentCard`` and its copy is itself (for a wizard step, the
    copy took longer than the dump)."""

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        return _SentCard(super().model_dump(**kwargs))


def _card_activity(card: dict[str, Any], text: str | None = None) -> Activity:
    activity: Activity = MessageFactory.attachment(
        CardFactory.adaptive_card(_SentCard(card)), text=text
    )
    return activity


def _invoke_json(body: dict[str, Any] | None) -> Activity:
    """An invoke's answer with a plain JSON body (a message extension's), or none."""
    return Activity(type=ActivityTypes.invoke_response,
                    value=InvokeResponse(status=HTTPStatus.OK, body=body))


def _invoke_response(
    body: AdaptiveCardInvokeResponse, status: HTTPStatus = HTTPStatus.OK
) -> Activity:
    return Activity(
        type=ActivityTypes.invoke_response,
        value=InvokeResponse(
            status=status,
            body=_SentCard(body.model_dump(mode="json", by_alias=True, exclude_none=True)),
        ),
    )


def build_agent(
    *,
    storage: Storage,
    connection_manager: Connections,
    dialogs: Dialogs,
    ib: IbService,
    allowed_tenants: frozenset[str] | None,
    time_zone: str = CITY_ZONE,
    clock: Clock | None = None,
    allow_download: Callable[[str], bool] | None = None,
    profiles: ProfileReader | None = None,
) -> AgentApplication[TurnState]:
    """The Strategikollen agent. ``ib`` performs the dialogs' effects; ``allowed_tenants``
    None answers every tenant; ``clock`` (default the real time) says which day it is in
    ``time_zone``; ``allow_download`` says where an attached file may be fetched from
    (default: Microsoft's hosts, as ``bot.teams.connector.url_checker`` outside dev mode);
    ``profiles`` reads the user's unit from Entra ID when a screening starts (None: not)."""
    may_download = allow_download or url_checker(dev=False)

    async def prefilled(context: TurnContext, turn: Turn) -> Turn:
        """A turn that starts a screening, with the user's unit from their Entra ID profile
        (``profiles``) when it can be read; else as it was (the unit is typed)."""
        if profiles is None or not profiles.enabled or not starts_wizard(turn):
            return turn
        found = await profiles.prefill(context)
        return turn if found is None else turn.model_copy(update={"prefill": found})

    gates: weakref.WeakValueDictionary[str, _Gate] = weakref.WeakValueDictionary()

    class GatedTurnState(TurnState):
        """The SDK's TurnState, plus: before reading, it notes how many saves the conversation
        has seen in this process (so a turn can tell whether what it read is still current),
        and it saves conversation and user state together, in one transaction."""

        async def load(self, context: TurnContext, storage: Storage) -> TurnState:
            """Conversation and user state in one ``Storage.read`` (the SDK reads each scope
            on its own: two round trips to the database)."""
            conversation, user = ConversationState(storage), UserState(storage)
            key = conversation.get_storage_key(context)
            gate = gates.get(key)
            if gate is None:
                gate = gates[key] = _Gate()
            context.turn_state[_GATE] = (gate, gate.saves)  # keeps the gate alive for the turn
            keys = {key: conversation, user.get_storage_key(context): user}
            items = await storage.read(list(keys), target_cls=CachedAgentState)
            for scope_key, scope in keys.items():
                # Where AgentState.load keeps what it read; the SDK's load below finds it
                # there and does not read again.
                context.turn_state[scope._context_service_key] = items.get(
                    scope_key, CachedAgentState()
                )
            await super().load(context, storage)
            self._state_storage = storage
            return self

        async def save(self, context: TurnContext, force: bool = False) -> None:
            """Both scopes in one ``Storage.write``: one transaction, so a conflict on
            either leaves both as they were (AgentState.save writes each on its own)."""
            changed = {
                scope.get_storage_key(context): cached
                for scope in (self.conversation, self.user)
                if (cached := scope.get_cached_state()) is not None
                and (force or cached.is_changed)
            }
            if changed:
                for cached in changed.values():
                    cast(dict[str, Any], cached.state).setdefault(E_TAG, NEW)  # read as absent
                await self._state_storage.write(dict[str, StoreItem](changed))
                for cached in changed.values():
                    cached.hash = cached.compute_hash()  # as AgentState.save does

    # The SDK's user sign-in (OAuth) looks up a sign-in state in the storage before every
    # message and invoke: one more database round trip a turn. Strategikollen has no sign-in
    # handlers, so no sign-in state is ever written; the look-up goes to memory instead.
    # (Give it `storage` if sign-in handlers are ever added.)
    authorization = Authorization(storage=MemoryStorage(), connection_manager=connection_manager)
    app = AgentApplication[TurnState](
        storage=storage,
        authorization=authorization,
        turn_state_factory=GatedTurnState,
        start_typing_timer=False,  # turns are pure computation and one database round trip
    )
    city = zone(time_zone)
    clock = clock or SystemClock()

    def today() -> date:
        return clock.today(city)

    async def run_dialog(context: TurnContext, state: TurnState, turn: Turn) -> Reply:
        """One dialog step on the conversation's and the user's state (``gated``)."""

        def step() -> Reply:
            stored_conv = _stored(state.conversation.get_value(STATE_PROPERTY))
            stored_user = _stored(state.user.get_value(STATE_PROPERTY))
            conv, user, reply = dialogs.handle(stored_conv, stored_user, turn, today=today())
            # Only what changed: the SDK tells a change by the text of the state, and
            # PostgreSQL's JSONB gives the keys back in its own order, so an unchanged
            # state set again would look changed and be written on every turn.
            # Typed as StoreItem, but CachedAgentState stores plain JSON dicts as they are.
            if conv != stored_conv:
                state.conversation.set_value(STATE_PROPERTY, conv)  # type: ignore[arg-type]
            if user != stored_user:
                state.user.set_value(STATE_PROPERTY, user)  # type: ignore[arg-type]
            return reply

        return await perform(context, await gated(context, state, step))

    async def gated[R](context: TurnContext, state: TurnState, step: Callable[[], R]) -> R:
        """``step`` (which reads and sets the turn's state) and the save. The turns of one
        conversation run one at a time in this process, and a turn whose state another turn
        has saved since it was read reads it again, so two quick clicks cannot both start
        from the same stored wizard. Across processes the storage's e-tags catch the same
        race; then the step is redone on fresh state."""
        gate, saves_when_read = cast(tuple[_Gate, int], context.turn_state[_GATE])
        async with gate.lock:
            stale = gate.saves != saves_when_read
            for attempt in range(1, MAX_ATTEMPTS + 1):
                if stale:
                    await state.conversation.load(context, force=True)
                    await state.user.load(context, force=True)
                result = step()
                try:
                    await state.save(context)
                except StorageConflict:
                    if attempt == MAX_ATTEMPTS:
                        raise
                    logger.info("State changed elsewhere during a turn; redoing it (%d)", attempt)
                    stale = True
                    # A little jitter so two processes do not keep colliding in step.
                    await asyncio.sleep(random.uniform(0, 0.01 * attempt))  # noqa: S311
                    continue
                break
            gate.saves += 1
        return result

    async def run_wizard_dialog(context: TurnContext, state: TurnState,
                                data: dict[str, Any] | None) -> dict[str, Any] | None:
        """The wizard as a Teams dialog (``dialogs.wizard_dialog``): ``data`` None opens it,
        else it is what one of its buttons sent. The dialog's state is the user's (a dialog
        from a group chat's message box is one user's), beside their other state; the result
        goes to their personal chat through the outbox, once. The answer's body: the dialog's
        next card, or None, which closes it."""
        activity = context.activity
        lang = _lang(activity)
        new_id = secrets.token_urlsafe(12)  # the id of a new dialog, if this one starts one
        profile = None  # the user's unit from Entra ID, for a screening that starts now
        if (profiles is not None and profiles.enabled
                and wizard_dialog.starts_new(_stored(state.user.get_value(DIALOG_PROPERTY)),
                                             data)):
            profile = await profiles.prefill(context)

        def step() -> wizard_dialog.DialogStep:
            stored = _stored(state.user.get_value(DIALOG_PROPERTY))
            user = _stored(state.user.get_value(STATE_PROPERTY))
            if data is None:
                out = wizard_dialog.open_dialog(stored, new_id=new_id, lang=lang,
                                                profile=profile)
            else:
                out = wizard_dialog.submit_dialog(stored, user, data, new_id=new_id, lang=lang,
                                                  today=today(), profile=profile)
            if out.state != stored:
                state.user.set_value(DIALOG_PROPERTY, out.state)  # type: ignore[arg-type]
            if out.user is not None and out.user != user:
                state.user.set_value(STATE_PROPERTY, out.user)  # type: ignore[arg-type]
            return out

        try:
            out = await gated(context, state, step)
        except Exception:  # never a traceback: what was saved before stays, and is resumed
            logger.exception("The wizard's dialog could not go on")
            return intake.task_continue(wizard_dialog.sorry(lang), wizard_dialog.title(lang))
        told = True
        if out.result is not None:
            origin = origin_of(activity)
            try:
                told = await ib.tell(origin, out.result, key=f"{out.key}:{origin.user_key}")
            except Exception:  # the result is in the dialog and under "Mina bedömningar"
                logger.exception("The wizard dialog's result could not be queued for the chat")
                told = False
        card = out.shown(told=told)
        return None if card is None else intake.task_continue(card, wizard_dialog.title(lang))

    async def perform(context: TurnContext, reply: Reply) -> Reply:
        """After the dialog step, once per turn and outside the gate: keep the user reachable
        for notifications, then do the effect the turn asked for; its outcome is what the
        user sees. A failure here raises, and the user gets an apology without details."""
        origin = origin_of(context.activity)
        if origin.user_mri and origin.service_url:
            try:
                await ib.remember(origin)
            except Exception as error:  # a notification may miss them; the turn goes on
                logger.warning("Could not record where to reach %s: %s: %s",
                               origin.user_key, type(error).__name__, error)
        if reply.effect is None:
            return reply
        return await ib.perform(reply.effect, origin, today=today())

    async def send(context: TurnContext, reply: Reply, *, replace_id: str | None = None) -> None:
        cards = list(reply.cards)
        text = reply.text
        if replace_id and cards:
            first = cards.pop(0)
            updated = _card_activity(first, text)
            updated.id = replace_id
            try:
                await context.update_activity(updated)
            except Exception:
                # Not every channel lets a bot edit a message; a new one is the next best.
                logger.warning("Could not update activity %s; sending a new one", replace_id)
                await context.send_activity(_card_activity(first, text))
            text = None
        for i, card in enumerate(cards):
            await context.send_activity(_card_activity(card, text if i == 0 else None))
        if text and not cards:
            await context.send_activity(MessageFactory.text(text))

    @app.before_turn
    async def only_allowed_tenants(context: TurnContext, _state: TurnState) -> bool:
        if allowed_tenants is None:
            return True
        tenant = tenant_of(context.activity)
        if tenant is not None and tenant.lower() in allowed_tenants:
            return True
        logger.warning(
            "Ignored a %s activity from tenant %s (not in the allowed tenants)",
            context.activity.type,
            tenant or "<none>",
        )
        return False

    @app.conversation_update("membersAdded")
    async def on_members_added(context: TurnContext, _state: TurnState) -> None:
        # Welcome once, when the bot itself joins (installed in a chat, added to a team);
        # not every time a colleague joins IB's team.
        activity = context.activity
        bot_id = activity.recipient.id if activity.recipient else None
        if any(member.id == bot_id for member in activity.members_added or []):
            await send(context, dialogs.welcome(activity.locale))

    @app.activity(ActivityTypes.installation_update)
    async def on_installation_update(context: TurnContext, _state: TurnState) -> None:
        # Teams sends this beside conversationUpdate on install; the welcome goes out there.
        logger.debug("installationUpdate (%s)", context.activity.action)

    @app.adaptive_card.action_execute(ANY_VERB)
    async def on_action_execute(
        context: TurnContext, state: TurnState, data: object
    ) -> AdaptiveCardInvokeResponse:
        # The SDK's selector has validated the value: an Action.Execute with a string verb.
        verb = AdaptiveCardInvokeValue.model_validate(context.activity.value).action.verb
        fields = data if isinstance(data, dict) else {}
        turn = await prefilled(context, _turn_of(context.activity, verb, fields))
        reply = await run_dialog(context, state, turn)
        cards = list(reply.cards)
        if reply.replace and cards:
            # Action.Execute: the new card comes back in the invoke response and replaces
            # the card in place; anything more follows as new messages.
            first = cards.pop(0)
            await send(context, Reply(cards=cards, text=reply.text))
            return _SentInvokeResponse(
                status_code=HTTPStatus.OK, type=ContentTypes.adaptive_card, value=first
            )
        await send(context, reply)
        lang = lang_of(context.activity.locale)
        # A message alone (an IB notice) is also the invoke's own answer; else "Done".
        told = reply.text if reply.text and not reply.cards else texts.t("bot.done", lang)
        return _SentInvokeResponse(
            status_code=HTTPStatus.OK, type=ContentTypes.message, value=told
        )

    # An adaptiveCard/action invoke the handler above did not take (no verb, not
    # Action.Execute, malformed value) is the client's error: 400 in the invoke response.
    @app.invoke("adaptiveCard/action", rank=RouteRank.LAST)
    async def on_malformed_card_action(context: TurnContext, _state: TurnState) -> None:
        logger.warning("Malformed adaptiveCard/action invoke %s", context.activity.id)
        body = AdaptiveCardInvokeResponse(
            status_code=HTTPStatus.BAD_REQUEST,
            type=ContentTypes.error,
            value={"code": "BadRequest", "message": "Not a valid Action.Execute with a verb."},
        )
        await context.send_activity(_invoke_response(body, HTTPStatus.BAD_REQUEST))

    @app.adaptive_card.action_submit(ANY_VERB)
    async def on_action_submit(context: TurnContext, state: TurnState, data: Any) -> None:
        value = data if isinstance(data, dict) else {}
        turn = await prefilled(context, _turn_of(context.activity, value["verb"], value))
        reply = await run_dialog(context, state, turn)
        await send(context, reply, replace_id=_replace_id(context.activity, reply, value["verb"]))

    # The message action "Bedöm med Strategikollen": the Teams dialog, prefilled from the
    # message's text; submitted, checked, and continued in the user's personal chat.
    @app.invoke("composeExtension/fetchTask")
    async def on_fetch_task(context: TurnContext, state: TurnState) -> None:
        value = _invoke_value(context.activity)
        lang = _lang(context.activity)
        if value.get("commandId") == NEW_ASSESSMENT_COMMAND:  # the message box's "Ny bedömning"
            await context.send_activity(_invoke_json(await run_wizard_dialog(context, state, None)))
            return
        if value.get("commandId") != intake.ASSESS_COMMAND:
            logger.warning("fetchTask for an unknown command %r", value.get("commandId"))
        try:
            text, problem = intake.message_of(value, lang)
            found = intake_dialogs.extraction(text, lang) if text is not None else None
            card = intake_dialogs.dialog(found, lang, message=problem)
        except Exception:  # never a traceback: the empty dialog, and an apology
            logger.exception("The message action's dialog could not be prefilled")
            card = intake_dialogs.dialog(None, lang, message=texts.t("bot.sorry", lang))
        await context.send_activity(_invoke_json(
            intake.task_continue(card, t("intake.dialog_title", lang))))

    @app.invoke("composeExtension/submitAction")
    async def on_submit_action(context: TurnContext, state: TurnState) -> None:
        activity = context.activity
        value = _invoke_value(activity)
        data = _invoke_data(value)
        if value.get("commandId") == NEW_ASSESSMENT_COMMAND:
            # A step of the wizard's dialog. Nothing is inserted into the message box: the
            # result is the user's own (advisory, its buttons work in the personal chat),
            # shown in the dialog and posted to their personal chat.
            await context.send_activity(_invoke_json(await run_wizard_dialog(context, state, data)))
            return
        lang = _lang(activity)
        title = t("intake.dialog_title", lang)
        try:
            outcome = intake_dialogs.dialog_submit(data, lang)
            if outcome.done:
                # Into the personal chat through the outbox (once, however often Teams
                # retries the invoke); the dialog closes: an answer with no body.
                origin = origin_of(activity)
                await ib.tell(origin, outcome.card,
                              key=f"intake:{activity.id or ''}:{origin.user_key}")
                await context.send_activity(_invoke_json(None))
                return
            card = outcome.card  # the dialog again, with the problems and the values kept
        except Exception:  # never a traceback: the dialog again, every value kept
            logger.exception("The message action's dialog could not be continued")
            card = intake_dialogs.dialog_again(data, lang, texts.t("bot.sorry", lang))
        await context.send_activity(_invoke_json(intake.task_continue(card, title)))

    # The welcome card's "Ny bedömning" (an Action.Submit with msteams task/fetch): the
    # wizard in a Teams dialog; each of its buttons comes back as task/submit.
    @app.invoke("task/fetch")
    async def on_task_fetch(context: TurnContext, state: TurnState) -> None:
        await context.send_activity(_invoke_json(await run_wizard_dialog(context, state, None)))

    @app.invoke("task/submit")
    async def on_task_submit(context: TurnContext, state: TurnState) -> None:
        value = _invoke_value(context.activity)
        data = _invoke_data(value)
        await context.send_activity(_invoke_json(await run_wizard_dialog(context, state, data)))

    # "Exportera registret": the IB member's answer to the file consent card in their
    # personal chat; accepted, the file is uploaded and its file info card shown.
    @app.invoke("fileConsent/invoke")
    async def on_file_consent(context: TurnContext, _state: TurnState) -> None:
        activity = context.activity
        value = _invoke_value(activity)
        answer = await ib.file_consent(origin_of(activity), value)
        if answer.attachment is not None:
            await context.send_activity(
                MessageFactory.attachment(Attachment.model_validate(answer.attachment)))
        elif answer.text:
            await context.send_activity(MessageFactory.text(answer.text))
        await context.send_activity(_invoke_json(None))

    # Teams' single sign-on failed on the client (the token exchange for the OAuth
    # connection or the tab): Teams says so with a signin/failure invoke, which the SDK routes
    # nowhere (an error status, nothing for the user; microsoft/teams.py#290). Logged with
    # its code for the operator, and the user told, in their language, that they can go on.
    @app.invoke("signin/failure")
    async def on_signin_failure(context: TurnContext, _state: TurnState) -> None:
        value = _invoke_value(context.activity)
        code = _sign_in_code(value.get("code"))
        message = " ".join(str(value.get("message") or "").split())[:200]
        logger.warning(
            "Teams single sign-on failed: %s (%r) in a %s conversation. Check the app "
            "registration's Application ID URI against the manifest's webApplicationInfo and "
            "the OAuth connection's Token Exchange URL (docs/deploy.md, 1.1)",
            code, message, _conversation_type(context.activity),
        )
        await context.send_activity(MessageFactory.text(
            texts.t("bot.signin_failed", _lang(context.activity), code=code)))
        await context.send_activity(_invoke_json(None))

    # Catch-all, ranked last so it never shadows the card actions above.
    @app.message(None, rank=RouteRank.LAST)
    async def on_message(context: TurnContext, state: TurnState) -> None:
        if not _addressed_to_bot(context.activity):
            return  # a colleague's message in the IB team's channel, not for the bot
        activity = context.activity
        value = activity.value
        data = value if isinstance(value, dict) else {}
        verb = data.get("verb") if isinstance(data.get("verb"), str) else None
        document = text = None
        if _conversation_type(activity) == "personal" and not data:
            # A file attached, or a letter pasted: read as an invitation (dialogs.intake).
            document = await intake.document_of(activity, _lang(activity),
                                                allow_url=may_download)
            text = intake.pasted_text(activity)
        turn = _turn_of(activity, verb, data, text=text, document=document)
        reply = await run_dialog(context, state, await prefilled(context, turn))
        replace_id = _replace_id(context.activity, reply, verb) if data else None
        await send(context, reply, replace_id=replace_id)

    @app.error
    async def on_error(context: TurnContext, error: Exception) -> None:
        # AgentApplication has already logged the exception with its traceback.
        await apologise(context, error, log_traceback=False)

    return app


async def apologise(
    context: TurnContext, error: BaseException, *, log_traceback: bool = True
) -> None:
    """Log the failure and tell the user, briefly and in their language, without details."""
    logger.error(
        "Turn failed (%s activity %s): %s: %s",
        context.activity.type,
        context.activity.id,
        type(error).__name__,
        error,
        exc_info=(type(error), error, error.__traceback__) if log_traceback else None,
    )
    text = texts.t("bot.sorry", lang_of(context.activity.locale))
    try:
        if context.activity.type == ActivityTypes.invoke:
            body = AdaptiveCardInvokeResponse(
                status_code=HTTPStatus.OK, type=ContentTypes.message, value=text
            )
            await context.send_activity(_invoke_response(body))
        else:
            await context.send_activity(MessageFactory.text(text))
    except Exception as failure:
        logger.warning(
            "Could not tell the user about the failed turn: %s: %s", type(failure).__name__, failure
        )
