"""The conversation: what the bot calls for every turn. Pure: no I/O, no SDK.

``welcome(locale)`` greets on install; ``handle(conv, user, turn, today=...)``
takes the stored conversation and user state (plain JSON dicts, None when new)
and a Turn, and returns the new states and the Reply. Card actions are routed
by verb (``cards.verbs``), typed text by command (``dialogs.commands``), and
anything else typed is a "Who decides?" question. What needs the outside world
(the case register, the IB channel) comes back as ``Reply.effect`` for the bot
to perform; ``dialogs.ib`` checks an IB member's inputs first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from cards import verbs
from cards.i18n import t
from cards.mine import MineRow, mine_card
from cards.result import result_card
from cards.welcome import error_card, help_card, text_card, welcome_card
from cards.who import prompt_card
from cards.wizard import cancelled_card
from policy import EngagementInvalid, Lang, assess, lang_of, owner_label, parse_engagement

from . import ib, intake, who, wizard
from .commands import Command, parse_command
from .fields import as_raw, clean_values, to_values
from .state import ConversationState, HistoryEntry, Step, UserState
from .turn import (
    Effect,
    ExportRegister,
    IbRefresh,
    MyCases,
    RegisterIb,
    Reply,
    Resubmit,
    SendToIb,
    ShowAgenda,
    ShowFailed,
    Turn,
    Withdraw,
)

__all__ = ["VERB_EVENTS", "handle", "starts_wizard", "welcome"]

log = logging.getLogger(__name__)

# Card verbs that drive the wizard, and the event each one is.
VERB_EVENTS: Mapping[str, wizard.Event] = {
    verbs.WIZARD_NEXT: wizard.Event.NEXT,
    verbs.WIZARD_BACK: wizard.Event.BACK,
    verbs.WIZARD_CANCEL: wizard.Event.CANCEL,
    verbs.WIZARD_EDIT: wizard.Event.EDIT,
    verbs.WIZARD_ASSESS: wizard.Event.ASSESS,
}


def starts_wizard(turn: Turn) -> bool:
    """Whether ``turn`` starts a new screening ("Ny bedömning", or "ny" typed): the bot then
    looks up the user's profile first and passes it in (``Turn.prefill``)."""
    verb = turn.verb or turn.data.get("verb")
    if verb:  # WIZARD_DIALOG: the dialog's button, sent as a message (no dialogs here)
        return verb in (verbs.WIZARD_START, verbs.WIZARD_DIALOG)
    return turn.document is None and parse_command((turn.text or "").strip()) is Command.NEW


def welcome(locale: str | None) -> Reply:
    """The welcome card shown when the app is installed."""
    return Reply(cards=[welcome_card(lang_of(locale))])


@dataclass(slots=True)
class _Ctx:
    conv: ConversationState
    user: UserState
    turn: Turn
    lang: Lang
    today: date


_Result = tuple[ConversationState, UserState, Reply]


def handle(
    conv: dict[str, Any] | None,
    user: dict[str, Any] | None,
    turn: Turn,
    *,
    today: date,
) -> tuple[dict[str, Any], dict[str, Any], Reply]:
    """One turn: the new conversation state, the new user state, and what to show."""
    lang = lang_of(turn.locale)
    notices: list[str] = []
    conv_state = _load(ConversationState, conv, notices, t("notice.reset", lang))
    user_state = _load(UserState, user, notices, t("notice.reset_user", lang))
    ctx = _Ctx(conv_state, user_state, turn, lang, today)
    try:
        new_conv, new_user, reply = _dispatch(ctx)
    except Exception:  # never a traceback to a user; the wizard state is kept as it was
        log.exception("turn failed (verb=%r)", turn.verb)
        new_conv, new_user = conv_state, user_state
        reply = Reply(cards=[error_card(lang, resume=conv_state.wizard is not None)])
    if notices:
        reply = reply.model_copy(
            update={"text": " ".join([*notices, *([reply.text] if reply.text else [])])})
    return new_conv.model_dump(mode="json"), new_user.model_dump(mode="json"), reply


def _load[S: (ConversationState, UserState)](
    model: type[S], stored: dict[str, Any] | None, notices: list[str], notice: str,
) -> S:
    """The stored state, or a fresh one (with a polite notice) if it no longer validates."""
    if not stored:
        return model()
    try:
        return model.model_validate(stored)
    except ValidationError:
        log.warning("stored %s did not validate; starting afresh", model.__name__)
        notices.append(notice)
        return model()


# ---------------------------------------------------------------- dispatch


def _dispatch(c: _Ctx) -> _Result:
    verb = c.turn.verb or (c.turn.data.get("verb") if isinstance(c.turn.data, dict) else None)
    if verb:
        handler = _VERBS.get(str(verb))
        if handler is None:
            return _reply(c, help_card(c.lang, resume=c.conv.wizard is not None,
                                       lead=t("help.unknown_action", c.lang)))
        return handler(c)
    if c.turn.document is not None:  # an attached file, read by the bot: an invitation?
        return _reply(c, intake.document(c.turn.document, c.lang))
    text = (c.turn.text or "").strip()
    if not text:
        return _reply(c, help_card(c.lang, resume=c.conv.wizard is not None))
    command = parse_command(text)
    if command is None:
        found = intake.invitation(text, c.lang)
        if found is not None:  # a pasted invitation, not a question
            return _reply(c, intake.pasted(text, found, c.lang))
        return _reply(c, who.ask(text, c.lang))
    return _COMMANDS[command](c)


def _reply(c: _Ctx, card: dict[str, Any], *, replace: bool = False,
           conv: ConversationState | None = None, user: UserState | None = None) -> _Result:
    return conv or c.conv, user or c.user, Reply(cards=[card], replace=replace)


def _effect(c: _Ctx, effect: Effect) -> _Result:
    """Nothing to show yet: the bot performs ``effect`` and shows what came of it."""
    return c.conv, c.user, Reply(effect=effect)


def _data(c: _Ctx) -> dict[str, Any]:
    return c.turn.data if isinstance(c.turn.data, dict) else {}


def _case_of(data: dict[str, Any]) -> str | None:
    return as_raw(data.get("case")).strip() or None


# ---------------------------------------------------------------- handlers


def _help(c: _Ctx) -> _Result:
    return _reply(c, help_card(c.lang, resume=c.conv.wizard is not None))


def _welcome(c: _Ctx) -> _Result:
    return _reply(c, welcome_card(c.lang))


def _start(c: _Ctx) -> _Result:
    state = wizard.start(profile=c.turn.prefill)
    return _reply(c, wizard.render(state, c.lang),
                  conv=c.conv.model_copy(update={"wizard": state}))


def _resume(c: _Ctx) -> _Result:
    if c.conv.wizard is None:
        return _reply(c, text_card(t("wizard.nothing_to_cancel", c.lang), c.lang))
    return _reply(c, wizard.render(c.conv.wizard, c.lang))


def _cancel_typed(c: _Ctx) -> _Result:
    if c.conv.wizard is None:
        return _reply(c, text_card(t("wizard.nothing_to_cancel", c.lang), c.lang))
    return _reply(c, cancelled_card(c.lang), conv=c.conv.model_copy(update={"wizard": None}))


def _wizard_event(c: _Ctx) -> _Result:
    """A wizard card's button: advance the machine; the card is replaced in place."""
    event = VERB_EVENTS[str(c.turn.verb or c.turn.data.get("verb"))]
    data = c.turn.data if isinstance(c.turn.data, dict) else {}
    from_result = (event is wizard.Event.EDIT and isinstance(data.get("values"), dict)
                   and "step" not in data)
    if from_result:
        # "Edit details" on a result card: back into the wizard with the values it carries
        # (and the case it completes, if it is a "Komplettera" screening's result).
        state = wizard.start(clean_values(data["values"]), step=Step.DETAILS,
                             case_id=_case_of(data))
        return _reply(c, wizard.render(state, c.lang),
                      conv=c.conv.model_copy(update={"wizard": state}))
    state = c.conv.wizard or wizard.start()
    out = wizard.advance(state, event, data, lang=c.lang, today=c.today)
    conv = c.conv.model_copy(update={"wizard": out.state})
    user = c.user
    if out.assessment is not None and out.engagement is not None:
        e, a = out.engagement, out.assessment
        user = c.user.remember(HistoryEntry(
            id=c.user.next_id, title=e.title, kind=e.kind, verdict=a.verdict,
            owner=a.decision_owner, day=a.screened_on,
            engagement=e.model_dump(mode="json", exclude_none=True),
        ))
    return _reply(c, out.card, replace=True, conv=conv, user=user)


def _intake_continue(c: _Ctx) -> _Result:
    """"Fortsätt med förifyllda uppgifter": the wizard with what was read from the
    invitation, each such field marked with its sentence."""
    state = intake.continue_state(_data(c))
    return _reply(c, wizard.render(state, c.lang),
                  conv=c.conv.model_copy(update={"wizard": state}))


def _intake_dialog(c: _Ctx) -> _Result:
    """The message action's dialog submitted as a chat turn (the bot takes it as the
    dialog's submitAction): the continued card, or the dialog with its problems."""
    return _reply(c, intake.dialog_submit(_data(c), c.lang).card)


def _mine(c: _Ctx) -> _Result:
    rows = [
        MineRow(id=h.id, title=h.title, kind=h.kind.value, verdict=h.verdict.value,
                owner_label=owner_label(h.owner, c.lang), day=h.day.isoformat())
        for h in c.user.history
    ]
    return _reply(c, mine_card(rows, c.lang))


def _mine_open(c: _Ctx) -> _Result:
    entry = c.user.find(c.turn.data.get("id"))
    if entry is None:
        return _reply(c, text_card(t("mine.not_found", c.lang), c.lang))
    try:
        e = parse_engagement(entry.engagement, c.lang)
    except EngagementInvalid:
        return _reply(c, text_card(t("mine.not_found", c.lang), c.lang))
    a = assess(e, c.lang, today=entry.day)
    values = to_values(entry.engagement)
    return _reply(c, result_card(a, title=e.title, kind=e.kind.value, values=values,
                                 lang=c.lang))


def _screened(c: _Ctx, case_id: str | None, *, prepare: bool = False,
              ) -> tuple[ConversationState, Reply, Effect | None]:
    """The values a result card carries, parsed and assessed again (today) before they go
    to IB: the card may be old, or tampered with. Valid: the engagement and assessment
    as contract JSON. Not valid: the wizard again, at the first step with a problem,
    every value kept, and no effect."""
    carried = _data(c).get("values")
    values = clean_values(carried) if isinstance(carried, dict) else {}
    out = wizard.advance(wizard.start(values, step=Step.SUMMARY, case_id=case_id),
                         wizard.Event.ASSESS, {}, lang=c.lang, today=c.today)
    if out.engagement is None or out.assessment is None:
        return (c.conv.model_copy(update={"wizard": out.state}),
                Reply(cards=[out.card]), None)
    engagement = out.engagement.model_dump(mode="json", exclude_none=True)
    assessment = out.assessment.model_dump(mode="json")
    if case_id is None:
        return c.conv, Reply(), SendToIb(engagement=engagement, assessment=assessment,
                                         prepare=prepare)
    return c.conv, Reply(), Resubmit(case_id=case_id, engagement=engagement,
                                     assessment=assessment)


def _ib_send(c: _Ctx) -> _Result:
    """"Skicka till IB" on a result card (``prepare``: for preparation, owner KS or KF)."""
    prepare = _data(c).get("prepare")
    conv, reply, effect = _screened(c, None, prepare=prepare is True or prepare == "true")
    return conv, c.user, reply.model_copy(update={"effect": effect})


def _cases_resubmit(c: _Ctx) -> _Result:
    """"Skicka ny version till SK-…": the re-screened values as the case's next version."""
    case_id = _case_of(_data(c))
    if case_id is None:
        return _reply(c, help_card(c.lang, resume=c.conv.wizard is not None,
                                   lead=t("help.unknown_action", c.lang)))
    conv, reply, effect = _screened(c, case_id)
    return conv, c.user, reply.model_copy(update={"effect": effect})


def _cases_complete(c: _Ctx) -> _Result:
    """"Komplettera": the wizard again at the details, with the case's values, for the
    case's next version."""
    data = _data(c)
    carried = data.get("values")
    values = clean_values(carried) if isinstance(carried, dict) else {}
    state = wizard.start(values, step=Step.DETAILS, case_id=_case_of(data))
    return _reply(c, wizard.render(state, c.lang),
                  conv=c.conv.model_copy(update={"wizard": state}))


def _cases_mine(c: _Ctx) -> _Result:
    return _effect(c, MyCases())


def _cases_withdraw(c: _Ctx) -> _Result:
    """"Återkalla": the bot asks to confirm (or says why not)."""
    return _effect(c, Withdraw(case_id=_case_of(_data(c))))


def _cases_withdraw_confirm(c: _Ctx) -> _Result:
    """"Ja, återkalla": the case is withdrawn, if it still may be."""
    return _effect(c, Withdraw(case_id=_case_of(_data(c)), confirmed=True))


def _ib_export(c: _Ctx) -> _Result:
    return _effect(c, ExportRegister())


def _ib_failed(c: _Ctx) -> _Result:
    return _effect(c, ShowFailed())


def _ib_retry(c: _Ctx) -> _Result:
    return _effect(c, ib.retry(_data(c)))


def _ib_refresh(c: _Ctx) -> _Result:
    return _effect(c, IbRefresh(case_id=_case_of(_data(c))))


def _ib_action(c: _Ctx) -> _Result:
    verb = str(c.turn.verb or _data(c).get("verb"))
    return _effect(c, ib.action(verb, _data(c), today=c.today, lang=c.lang))


def _register_ib(c: _Ctx) -> _Result:
    return _effect(c, RegisterIb())


def _agenda(c: _Ctx) -> _Result:
    return _effect(c, ShowAgenda())


def _who_prompt(c: _Ctx) -> _Result:
    return _reply(c, prompt_card(c.lang))


def _who_ask(c: _Ctx) -> _Result:
    question = c.turn.data.get("question") or c.turn.text
    return _reply(c, who.ask(question, c.lang))


def _who_clarify(c: _Ctx) -> _Result:
    context = c.turn.data.get("context")
    card = who.ask(c.turn.data.get("question"), c.lang,
                   context=context if isinstance(context, dict) else None)
    return _reply(c, card, replace=True)


_VERBS: Mapping[str, Callable[[_Ctx], _Result]] = {
    verbs.HELP: _help,
    verbs.MINE: _mine,
    verbs.MINE_OPEN: _mine_open,
    verbs.WIZARD_START: _start,
    # The welcome card's dialog button, sent as a message by a client without dialogs.
    verbs.WIZARD_DIALOG: _start,
    verbs.WIZARD_RESUME: _resume,
    **dict.fromkeys(VERB_EVENTS, _wizard_event),
    verbs.WHO_PROMPT: _who_prompt,
    verbs.WHO_ASK: _who_ask,
    verbs.WHO_CLARIFY: _who_clarify,
    verbs.IB_SEND: _ib_send,
    verbs.IB_REFRESH: _ib_refresh,
    **dict.fromkeys(ib.ACTION_STATUS, _ib_action),
    verbs.CASES_MINE: _cases_mine,
    verbs.CASES_COMPLETE: _cases_complete,
    verbs.CASES_RESUBMIT: _cases_resubmit,
    verbs.CASES_WITHDRAW: _cases_withdraw,
    verbs.CASES_WITHDRAW_CONFIRM: _cases_withdraw_confirm,
    verbs.IB_EXPORT: _ib_export,
    verbs.IB_FAILED: _ib_failed,
    verbs.IB_RETRY: _ib_retry,
    verbs.INTAKE_CONTINUE: _intake_continue,
    verbs.INTAKE_DIALOG: _intake_dialog,
}

_COMMANDS: Mapping[Command, Callable[[_Ctx], _Result]] = {
    Command.HELP: _help,
    Command.NEW: _start,
    Command.CANCEL: _cancel_typed,
    Command.MINE: _mine,
    Command.WHO: _who_prompt,
    Command.WELCOME: _welcome,
    Command.REGISTER_IB: _register_ib,
    Command.AGENDA: _agenda,
    Command.MY_CASES: _cases_mine,
    Command.FAILED: _ib_failed,
}
