"""The cards of a case sent to the International Committee (IB).

The IB channel's card (read-only for everyone, with inputs and buttons for IB members),
what the submitter gets in the personal chat (sent, notified, "Mina ärenden", a review
reminder), the reply when a new version arrives, and the agenda for IB's next meeting.

Cards do not import the bot: a case reaches them as a ``CaseView`` the bot builds from
the register. The buttons follow the case's one status machine, ``ibcase.TRANSITIONS``,
and its labels are ``ibcase``'s. Everything a person typed or is called is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ibcase import WITHDRAWABLE, CaseStatus, may_move, status_label, takes_versions
from policy import Assessment, Engagement, Lang

from . import verbs
from .elements import (
    Card,
    Element,
    action_set,
    button_rows,
    card,
    container,
    execute,
    heading,
    one_line,
    para,
    subtle,
    user_text,
)
from .escape import escape
from .i18n import choice, priority_label, sek, short_label, t, verdict_label
from .result import finding_groups, owner_block, priority_block, verdict_block
from .strings import STRINGS

__all__ = [
    "ACTION_STATUS",
    "CaseEvent",
    "CaseView",
    "FailedDelivery",
    "agenda_card",
    "allowed_actions",
    "failed_deliveries_card",
    "ib_card",
    "my_cases_card",
    "new_version_card",
    "notification_card",
    "reminder_card",
    "sent_card",
    "withdraw_confirm_card",
]

# The IB members' buttons, in the order shown, and the status each one moves the case to.
ACTION_STATUS: Mapping[str, CaseStatus] = {
    verbs.IB_ACCEPT: CaseStatus.ACCEPTED,
    verbs.IB_DECLINE: CaseStatus.DECLINED,
    verbs.IB_REQUEST_COMPLETION: CaseStatus.NEEDS_COMPLETION,
    verbs.IB_TO_AGENDA: CaseStatus.ON_AGENDA,
}

_ACTION_TITLE: Mapping[str, str] = {
    verbs.IB_ACCEPT: "case.accept",
    verbs.IB_DECLINE: "case.decline",
    verbs.IB_REQUEST_COMPLETION: "case.request_completion",
    verbs.IB_TO_AGENDA: "case.to_agenda",
}

# A status's colour on a card; the label always says it in words too.
_STATUS_COLOUR: Mapping[CaseStatus, str] = {
    CaseStatus.SUBMITTED: "Default",
    CaseStatus.ON_AGENDA: "Accent",
    CaseStatus.ACCEPTED: "Good",
    CaseStatus.DECLINED: "Attention",
    CaseStatus.NEEDS_COMPLETION: "Warning",
    CaseStatus.WITHDRAWN: "Default",
}


@dataclass(frozen=True, slots=True)
class CaseEvent:
    """The latest IB action on the case (or the submission itself)."""

    status: str  # the CaseStatus value it moved to
    actor_name: str
    at: str  # local date-time text, e.g. "2026-11-30 14:05"
    comment: str | None = None
    meeting_date: date | None = None


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case as the cards show it: the register's case, its newest version, in one language."""

    id: str  # "SK-2026-0001"
    status: CaseStatus
    version: int
    engagement: Engagement
    assessment: Assessment  # already in the card's language
    values: Mapping[str, str]  # the raw wizard values (dialogs.fields.to_values), for Komplettera
    submitter_name: str
    submitter_unit: str | None
    prepare: bool  # sent for preparation (owner KS/KF), not for IB's own decision
    meeting_date: date | None = None
    review_due: date | None = None
    last_event: CaseEvent | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", CaseStatus(self.status))  # a value reads as one


@dataclass(frozen=True, slots=True)
class FailedDelivery:
    """A message the bot gave up on, as the "Misslyckade utskick" card shows it: what it
    was (``kind``: post, update, reply, notify) and for which case, where it went (the IB
    channel, or a user's chat, named only as the case's submitter), when, and why not."""

    id: int
    kind: str
    case_id: str | None
    to_channel: bool
    queued_at: str  # local date-time text
    last_tried_at: str
    attempts: int
    error: str | None


def allowed_actions(status: str) -> tuple[str, ...]:
    """The IB buttons (verbs) the status machine allows from ``status``, in button order."""
    current = CaseStatus(status)
    return tuple(verb for verb, target in ACTION_STATUS.items() if may_move(current, target))


# --- pieces -------------------------------------------------------------------------


def _owner_name(a: Assessment) -> str:
    """The decision owner mid-sentence ("kommunstyrelsen"), escaped."""
    label = a.decision_owner_label
    return escape(label[:1].lower() + label[1:])


def _cost(e: Engagement, lang: Lang) -> str:
    return sek(e.cost_sek, lang) if e.cost_sek is not None else t("case.cost_unknown", lang)


def _dates(e: Engagement) -> str | None:
    if e.start_date and e.end_date and e.end_date != e.start_date:
        return f"{e.start_date.isoformat()} – {e.end_date.isoformat()}"
    day = e.start_date or e.end_date
    return day.isoformat() if day else None


def _counterpart(e: Engagement, lang: Lang) -> str | None:
    c = e.counterpart
    if c is None:
        return None
    parts = [p for p in (c.name, c.country) if p]
    if c.type is not None:
        parts.append(choice(c.type.value, lang).lower())
    return ", ".join(parts) or None


def _submitter(view: CaseView) -> str:
    if view.submitter_unit:
        return f"{view.submitter_name} ({view.submitter_unit})"
    return view.submitter_name


def _summary(view: CaseView, lang: Lang) -> list[Element]:
    """What the case is about: kind, who proposes it, dates, counterpart, cost.

    A FactSet of our own: the amounts keep their no-break spaces (``facts`` would
    escape them into plain spaces), and everything a user wrote is escaped here.
    """
    e = view.engagement
    counterpart = _counterpart(e, lang)
    rows: list[tuple[str, str | None]] = [
        (short_label("kind", lang), escape(choice(e.kind.value, lang))),
        (short_label("unit", lang), escape(e.unit) if e.unit else None),
        (t("case.submitter", lang), escape(_submitter(view))),
        (t("case.dates", lang), _dates(e)),
        (short_label("counterpart.name", lang), escape(counterpart) if counterpart else None),
        (short_label("cost_sek", lang), _cost(e, lang)),
        (t("case.version", lang), str(view.version)),
    ]
    out: list[Element] = [{"type": "FactSet", "facts": [
        {"title": one_line(title), "value": value} for title, value in rows if value]}]
    if e.description:
        out.append(user_text(e.description, spacing="Small"))
    if e.benefit:
        out.append(user_text(f"{short_label('benefit', lang)}: {e.benefit}", spacing="Small"))
    return out


def _event_lines(event: CaseEvent | None, lang: Lang) -> list[Element]:
    """Who did what when, and what they wrote."""
    if event is None:
        return []
    key = f"case.event.{event.status}"
    if key not in STRINGS:  # an event the register may add later: still who and when
        key = "case.event.changed"
    out: list[Element] = [subtle(
        t(key, lang, at=escape(event.at), name=escape(event.actor_name)), spacing="Small",
    )]
    if event.comment and event.comment.strip():
        out += [
            subtle(t("case.comment_by", lang, name=escape(event.actor_name)),
                   weight="Bolder", spacing="Small"),
            user_text(f"”{event.comment}”" if lang == "sv" else f"“{event.comment}”",
                      spacing="None", id="event-comment"),
        ]
    return out


def _meeting(view: CaseView) -> date | None:
    if view.meeting_date is not None:
        return view.meeting_date
    return view.last_event.meeting_date if view.last_event else None


def _status_block(view: CaseView, lang: Lang) -> Element:
    """The status in words and colour, its latest event, the meeting and the review date."""
    items: list[Element] = [para(
        t("case.status", lang, status=status_label(view.status, lang)),
        weight="Bolder", color=_STATUS_COLOUR.get(view.status, "Default"), spacing="None",
    )]
    meeting = _meeting(view)
    if meeting is not None and view.status is CaseStatus.ON_AGENDA:
        items.append(para(t("case.meeting", lang, day=meeting.isoformat()), spacing="None",
                          id="meeting"))
    items += _event_lines(view.last_event, lang)
    if view.review_due is not None:
        items.append(subtle(t("case.review_due", lang, day=view.review_due.isoformat()),
                            spacing="Small", id="review-due"))
    return container(items, style="emphasis", id="status", spacing="Medium")


def _prepare_line(view: CaseView, lang: Lang) -> list[Element]:
    if not view.prepare:
        return []
    return [para(t("case.prepare", lang, owner=_owner_name(view.assessment)),
                 weight="Bolder", color="Accent", spacing="Small", id="prepare")]


def _title_block(view: CaseView, lang: Lang, *, spacing: str = "None") -> list[Element]:
    return [
        subtle(t("case.id", lang, id=escape(view.id)), spacing=spacing),
        user_text(view.engagement.title, size="Large", weight="Bolder", spacing="None",
                  id="title"),
        *_prepare_line(view, lang),
    ]


def _error(field_id: str, message: str | None) -> list[Element]:
    if not message:
        return []
    return [user_text(f"⚠ {message}", color="Attention", weight="Bolder", spacing="Small",
                      id=f"error-{field_id}")]


def _member_block(view: CaseView, lang: Lang, errors: Mapping[str, str], comment: str,
                  meeting_date: str) -> list[Element]:
    """The inputs and the buttons the status allows; a note instead when it allows none."""
    allowed = allowed_actions(view.status)
    if not allowed:
        return [subtle(t("case.no_actions", lang, status=status_label(view.status, lang)),
                       spacing="Large", separator=True, id="no-actions")]
    comment_help = ("case.comment_help_completion" if verbs.IB_REQUEST_COMPLETION in allowed
                    else "case.comment_help")
    items: list[Element] = [
        heading(t("case.act", lang)),
        {"type": "Input.Text", "id": "comment", "label": t("case.comment", lang),
         "isMultiline": True, "maxLength": 2000, "value": comment},
        subtle(t(comment_help, lang), spacing="Small"),
        *_error("comment", errors.get("comment")),
    ]
    if verbs.IB_TO_AGENDA in allowed:
        items += [
            {"type": "Input.Date", "id": "meeting_date", "label": t("case.meeting_date", lang),
             "value": meeting_date, "spacing": "Medium"},
            subtle(t("case.meeting_date_help", lang), spacing="Small"),
            *_error("meeting_date", errors.get("meeting_date")),
        ]
    # Problems with something that is not an input (the bot may say why nothing changed).
    items += [user_text(f"⚠ {message}", color="Attention", weight="Bolder", spacing="Small")
              for key, message in errors.items() if key not in ("comment", "meeting_date")]
    buttons = [
        execute(t(_ACTION_TITLE[verb], lang), verb, {"case": view.id}, inputs="auto",
                style="positive" if verb == verbs.IB_ACCEPT else None)
        for verb in allowed
    ]
    return [container(items, spacing="Large", separator=True, id="act"), *button_rows(buttons)]


def _findings_collapsed(a: Assessment, lang: Lang) -> list[Element]:
    """The reasons behind a "show the reasons (n)" link: the verdict says the gist."""
    out: list[Element] = [heading(t("result.findings", lang), spacing="Large", separator=True)]
    if not a.findings:
        return [*out, para(t("result.no_findings", lang))]
    return [
        *out,
        action_set([{
            "type": "Action.ToggleVisibility",
            "title": t("case.findings_show", lang, n=len(a.findings)),
            "targetElements": ["findings"],
        }], spacing="Small"),
        container(finding_groups(a, lang), id="findings", isVisible=False, spacing="Small"),
    ]


def _notice(notice: str | None) -> list[Element]:
    """A message on top of a card (escaped: it may carry names)."""
    if not notice:
        return []
    return [container([user_text(notice, weight="Bolder")], style="accent", id="notice")]


def _withdraw_button(view: CaseView, lang: Lang) -> Element:
    return execute(t("case.withdraw", lang), verbs.CASES_WITHDRAW, {"case": view.id},
                   style="destructive")


def _mine_button(lang: Lang) -> Element:
    return execute(t("case.mine", lang), verbs.CASES_MINE)


def _complete_button(view: CaseView, lang: Lang, *, positive: bool = False) -> Element:
    return execute(t("case.complete", lang), verbs.CASES_COMPLETE,
                   {"case": view.id, "values": dict(view.values)},
                   style="positive" if positive else None)


# --- cards --------------------------------------------------------------------------


def ib_card(
    view: CaseView,
    lang: Lang,
    *,
    member: bool,
    refresh_user_ids: Sequence[str] | None = None,
    notice: str | None = None,
    errors: Mapping[str, str] | None = None,
    comment: str = "",
    meeting_date: str = "",
) -> Card:
    """The case in the IB channel.

    Everyone sees the summary, the advisory verdict, who decides, the priority and its
    factors, the reasons (collapsed), the cost and the status. ``member`` adds a comment,
    a meeting date and the buttons the status allows, with ``errors`` (by input id) under
    the inputs and ``comment``/``meeting_date`` kept as typed. ``notice`` (escaped: it
    may carry names) is shown on top. With ``refresh_user_ids`` the card asks Teams to
    refresh it for those users (IB members), so they see the buttons on the shared post.
    """
    a = view.assessment
    body: list[Element] = _notice(notice)
    body += [
        *_title_block(view, lang, spacing="Medium" if notice else "None"),
        _status_block(view, lang),
        *_summary(view, lang),
        verdict_block(a, lang),
        *owner_block(a, lang),
        *priority_block(a, lang),
        *_findings_collapsed(a, lang),
        subtle(t("result.rulebook", lang, version=a.rulebook.version,
                 day=a.screened_on.isoformat()), spacing="Large"),
    ]
    if member:
        body += _member_block(view, lang, errors or {}, comment, meeting_date)
    out = card(body, [], lang)
    if refresh_user_ids is not None:
        refresh: dict[str, Any] = {"action": {
            "type": "Action.Execute", "verb": verbs.IB_REFRESH, "data": {"case": view.id},
        }}
        if refresh_user_ids:
            refresh["userIds"] = list(refresh_user_ids)
        out["refresh"] = refresh
    return out


def sent_card(view: CaseView, lang: Lang, *, new_version: bool = False) -> Card:
    """To the submitter: the case (or its new version) is on its way to IB."""
    if new_version:
        title, text = "case.sent_version_title", t("case.sent_version", lang,
                                                    version=view.version)
    elif view.prepare:
        title, text = "case.sent_title", t("case.sent_prepare", lang,
                                           owner=_owner_name(view.assessment))
    else:
        title, text = "case.sent_title", t("case.sent", lang)
    body: list[Element] = [
        heading(t(title, lang)),
        subtle(t("case.id", lang, id=escape(view.id)), spacing="None"),
        user_text(view.engagement.title, weight="Bolder", spacing="Small", id="title"),
        para(text),
        para(t("case.status", lang, status=status_label(view.status, lang)), spacing="Small",
             weight="Bolder"),
    ]
    actions = [_mine_button(lang), execute(t("starter.new", lang), verbs.WIZARD_START)]
    if view.status in WITHDRAWABLE:
        actions.append(_withdraw_button(view, lang))
    return card(body, actions, lang)


def withdraw_confirm_card(view: CaseView, lang: Lang) -> Card:
    """To the submitter, after "Återkalla": the case, what withdrawing means, and the
    second press that does it (or "keep it", back to "Mina ärenden")."""
    body: list[Element] = [
        heading(t("case.withdraw_title", lang, id=escape(view.id)), color="Attention"),
        user_text(view.engagement.title, weight="Bolder", spacing="Small", id="title"),
        para(t("case.status", lang, status=status_label(view.status, lang)), spacing="Small"),
        para(t("case.withdraw_body", lang)),
    ]
    return card(body, [
        execute(t("case.withdraw_confirm", lang), verbs.CASES_WITHDRAW_CONFIRM,
                {"case": view.id}, style="destructive"),
        execute(t("case.withdraw_keep", lang), verbs.CASES_MINE),
    ], lang)


def notification_card(view: CaseView, lang: Lang) -> Card:
    """To the submitter: IB changed the case's status. Who, when, their comment, and what
    to do next: "Komplettera" when IB asked for more."""
    status = status_label(view.status, lang)
    body: list[Element] = [
        heading(t("case.notify_title", lang, id=escape(view.id), status=status),
                color=_STATUS_COLOUR.get(view.status, "Default")),
        user_text(view.engagement.title, weight="Bolder", spacing="Small", id="title"),
        *_event_lines(view.last_event, lang),
    ]
    meeting = _meeting(view)
    if view.status is CaseStatus.ON_AGENDA and meeting is not None:
        body.append(para(t("case.meeting", lang, day=meeting.isoformat()), id="meeting"))
    if view.review_due is not None:
        body.append(subtle(t("case.review_due", lang, day=view.review_due.isoformat()),
                           id="review-due"))
    if view.status in (CaseStatus.ACCEPTED, CaseStatus.DECLINED):
        body.append(container([para(t("case.notify_accepted", lang,
                                      owner=_owner_name(view.assessment)), size="Small")],
                              style="emphasis"))
    actions: list[Element] = []
    if view.status is CaseStatus.NEEDS_COMPLETION:
        body.append(para(t("case.notify_completion", lang)))
        actions.append(_complete_button(view, lang, positive=True))
    actions.append(_mine_button(lang))
    return card(body, actions, lang)


def my_cases_card(views: Sequence[CaseView], lang: Lang, *, notice: str | None = None) -> Card:
    """ "Mina ärenden": the submitter's cases, each with its status, owner and latest date;
    "Komplettera" where a new version may still be sent, "Återkalla" while the case waits
    for IB. ``notice`` (what came of a press) is shown on top."""
    body: list[Element] = [*_notice(notice), heading(t("case.mine", lang))]
    if not views:
        body.append(para(t("case.mine_empty", lang)))
        return card(body, [execute(t("starter.new", lang), verbs.WIZARD_START,
                                   style="positive")], lang)
    body.append(subtle(t("case.mine_count", lang, n=len(views)), spacing="None"))
    for view in views:
        line = [escape(view.id), escape(view.assessment.decision_owner_label)]
        meeting = _meeting(view)
        if view.status is CaseStatus.ON_AGENDA and meeting is not None:
            line.append(t("case.meeting", lang, day=meeting.isoformat()))
        elif view.last_event is not None:
            line.append(t("case.updated", lang, at=escape(view.last_event.at)))
        if view.review_due is not None:
            line.append(t("case.review_due", lang, day=view.review_due.isoformat()))
        items: list[Element] = [
            user_text(view.engagement.title, weight="Bolder"),
            para(status_label(view.status, lang), color=_STATUS_COLOUR.get(view.status,
                                                                           "Default"),
                 weight="Bolder", spacing="None", size="Small"),
            subtle(" · ".join(line), spacing="None"),
        ]
        buttons: list[Element] = []
        if takes_versions(view.status):
            buttons.append(_complete_button(
                view, lang, positive=view.status is CaseStatus.NEEDS_COMPLETION))
        if view.status in WITHDRAWABLE:
            buttons.append(_withdraw_button(view, lang))
        if buttons:
            items.append(action_set(buttons, spacing="Small"))
        body.append(container(items, separator=True, spacing="Medium", id=f"case-{view.id}"))
    return card(body, [execute(t("starter.new", lang), verbs.WIZARD_START)], lang)


def _agenda_item(view: CaseView, lang: Lang) -> Element:
    a = view.assessment
    priority = (t("result.priority", lang, priority=priority_label(a.priority, lang))
                if a.priority is not None else t("agenda.no_priority", lang))
    owner = escape(a.decision_owner_label)
    if view.prepare:
        owner = t("case.prepare", lang, owner=_owner_name(a)).rstrip(".")
    return container([
        user_text(view.engagement.title, weight="Bolder"),
        subtle(" · ".join((escape(view.id), priority, _cost(view.engagement, lang))),
               spacing="None"),
        subtle(owner, spacing="None"),
    ], separator=True, spacing="Medium", id=f"item-{view.id}")


def agenda_card(meeting_date: date | None, items: Sequence[CaseView], total_cost_sek: float,
                due_reviews: Sequence[CaseView], lang: Lang) -> Card:
    """IB's next meeting: the cases in the order given (by priority), their total cost –
    how much tax money they involve, as the strategy asks IB to show – and the reviews
    coming up."""
    body: list[Element] = [heading(
        t("agenda.title", lang, day=meeting_date.isoformat()) if meeting_date
        else t("agenda.title_none", lang), size="Large")]
    if not items:
        body.append(para(t("agenda.empty", lang), id="agenda-empty"))
    else:
        body.append(subtle(t("agenda.count", lang, n=len(items)), spacing="None"))
        body += [_agenda_item(view, lang) for view in items]
        unknown = sum(1 for view in items if view.engagement.cost_sek is None)
        total: list[Element] = [para(t("agenda.total", lang, amount=sek(total_cost_sek, lang)),
                                     weight="Bolder", size="Medium", id="total")]
        if unknown:
            total.append(subtle(t("agenda.total_unknown", lang, n=unknown), spacing="Small"))
        total.append(subtle(t("agenda.total_why", lang), spacing="Small"))
        body.append(container(total, style="emphasis", spacing="Medium"))
    body.append(heading(t("agenda.reviews", lang), spacing="Large", separator=True,
                        id="reviews"))
    if not due_reviews:
        body.append(para(t("agenda.reviews_empty", lang), id="reviews-empty"))
    for view in due_reviews:
        line = [escape(view.id), choice(view.engagement.kind.value, lang)]
        if view.review_due is not None:
            line.append(t("case.review_due", lang, day=view.review_due.isoformat()))
        body.append(container([
            user_text(view.engagement.title, weight="Bolder"),
            subtle(" · ".join(line), spacing="None"),
        ], separator=True, spacing="Medium", id=f"review-{view.id}"))
    # For IB's members (the export) and its administrators and secretariat (the failed
    # deliveries); the bot checks who presses.
    return card(body, [execute(t("agenda.export", lang), verbs.IB_EXPORT),
                       execute(t("agenda.failed", lang), verbs.IB_FAILED)], lang)


def _delivery_line(item: FailedDelivery, lang: Lang) -> str:
    key = f"agenda.failed.what.{item.kind}"
    what = t(key if key in STRINGS else "agenda.failed.what.notify", lang)
    if item.to_channel:
        to = t("agenda.failed.to.channel", lang)
    elif item.case_id:
        to = t("agenda.failed.to.submitter", lang, id=escape(item.case_id))
    else:
        to = t("agenda.failed.to.user", lang)
    case = f"{escape(item.case_id)}: " if item.case_id else ""
    return f"{case}{what} {to}"


def failed_deliveries_card(items: Sequence[FailedDelivery], lang: Lang, *,
                           notice: str | None = None) -> Card:
    """The messages the bot gave up on, newest first, for IB's administrators and
    secretariat: each with what, to whom, when and the error, and "Försök igen"; "Försök
    igen med alla" for every one listed. No person is named: a user's chat is "the
    submitter of SK-…"."""
    body: list[Element] = [*_notice(notice),
                           heading(t("agenda.failed.title", lang), size="Large")]
    if not items:
        body.append(para(t("agenda.failed.none", lang), id="failed-none"))
        return card(body, [execute(t("agenda.failed", lang), verbs.IB_FAILED)], lang)
    body += [subtle(t("agenda.failed.count", lang, n=len(items)), spacing="None"),
             subtle(t("agenda.failed.help", lang), spacing="Small")]
    for item in items:
        rows: list[Element] = [
            para(f"{t('agenda.failed.number', lang, id=item.id)} · "
                 f"{_delivery_line(item, lang)}", weight="Bolder"),
            subtle(t("agenda.failed.when", lang, queued=escape(item.queued_at),
                     tried=escape(item.last_tried_at), n=item.attempts), spacing="None"),
        ]
        if item.error:
            rows.append(user_text(t("agenda.failed.error", lang, error=item.error), size="Small",
                                  color="Attention", spacing="None"))
        rows.append(action_set([execute(t("agenda.failed.retry", lang), verbs.IB_RETRY,
                                        {"ids": [item.id]})], spacing="Small"))
        body.append(container(rows, separator=True, spacing="Medium", id=f"failed-{item.id}"))
    retry_all = execute(t("agenda.failed.retry_all", lang, n=len(items)), verbs.IB_RETRY,
                        {"ids": [item.id for item in items]}, style="positive")
    return card(body, [retry_all], lang)


def new_version_card(view: CaseView, lang: Lang) -> Card:
    """A reply in the post's thread: a new version came in (the post shows it)."""
    a = view.assessment
    body: list[Element] = [
        heading(t("case.new_version", lang, version=view.version,
                  name=escape(view.submitter_name))),
        subtle(t("case.id", lang, id=escape(view.id)), spacing="None"),
        user_text(view.engagement.title, weight="Bolder", spacing="Small", id="title"),
        para(t("case.new_version_body", lang)),
        para(t("case.verdict_now", lang, verdict=verdict_label(a.verdict, lang)),
             spacing="Small"),
        para(t("case.status", lang, status=status_label(view.status, lang)), spacing="None"),
    ]
    return card(body, [], lang)


def reminder_card(view: CaseView, lang: Lang, *, days_left: int) -> Card:
    """To the submitter: the case's review is due in ``days_left`` days; what to do."""
    day = view.review_due.isoformat() if view.review_due else ""
    if days_left < 0:
        when = t("reminder.overdue", lang, day=day)
    elif days_left == 0:
        when = t("reminder.due_today", lang, day=day)
    elif days_left == 1:
        when = t("reminder.due_in_one", lang, day=day)
    else:
        when = t("reminder.due_in", lang, day=day, n=days_left)
    body: list[Element] = [
        heading(t("reminder.title", lang)),
        subtle(t("case.id", lang, id=escape(view.id)), spacing="None"),
        user_text(view.engagement.title, weight="Bolder", spacing="Small", id="title"),
        para(when, weight="Bolder", id="when"),
        para(t("reminder.why", lang)),
        para(t("reminder.what", lang)),
    ]
    reassess = execute(t("reminder.reassess", lang), verbs.WIZARD_EDIT,
                       {"values": dict(view.values)}, style="positive")
    return card(body, [reassess, _mine_button(lang)], lang)
