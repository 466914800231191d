"""The answer put together: settled or open, the context of a clarifying answer read, and
the notes (a situation outside the kinds, several kinds, a second look as P1 asks)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from .._cues import find as find_cues
from .._lexicon import KIND_PRIORITY
from .._stems import MAX_CHARS
from ..labels import CASE_LABELS, KIND_LABELS
from ..models import Citation, Kind, Lang, MembershipBody, Scope
from ..routing import Route, owner_label
from ..situations import SEVERAL_KINDS, SITUATIONS, Situation
from ._model import Candidate, ClarifyOption, WhoDecides
from ._planner import _DOMAIN, FIELDS, _Plan, _plan, known_of, ways
from ._reading import _fields_of, _kind_of, _one, _read, _Reading
from ._wording import (
    _CONFIRM_NOT_ON_BEHALF,
    _DECIDED_BY,
    _DEPENDS,
    _FOREIGN_POLICY,
    _HELP,
    _IF_DECIDED_BY,
    _MAY_COORDINATE,
    _NO_TWINNING,
    _P1_CITATION,
    _P1_FOOTNOTE_CITATION,
    _P2_CITATION,
    _QUESTION,
    _SECOND_LOOK,
    _condition,
    _lower_first,
)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Kind | Scope | MembershipBody) else value


def _value(kind: Kind, *assignments: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    value: dict[str, Any] = {"kind": kind.value}
    for assignment in assignments:
        # "renewal": false is the default, not something the answer presumes.
        value.update((f, _plain(v)) for f, v in assignment if (f, v) != ("renewal", False))
    return value


def _citations(pairs: Iterable[tuple[Route, Kind]], *extra: Citation) -> list[Citation]:
    return list(dict.fromkeys([*(r.citation(k) for r, k in pairs), *extra]))


def _settled(plan: _Plan, route: Route, lang: Lang) -> WhoDecides:
    label = owner_label(route.owner, lang)
    answer = f"{_DECIDED_BY[lang].format(owner=_lower_first(label))} {route.reason[lang]}"
    extra: list[Citation] = []
    if (maybe := plan.may_coordinate) is not None:
        answer = f"{answer} {_MAY_COORDINATE[lang]}"
        extra.append(maybe.citation(plan.kind))
    return WhoDecides(
        kind=plan.kind,
        decision_owner=route.owner,
        allowed=True,
        candidates=[],
        clarify=None,
        answer=answer,
        citations=_citations([(route, plan.kind)], *extra),
        lang=lang,
        route=route.id,
        coordinated_by=route.coordinated_by,
        reason=route.reason[lang],
        options=[],  # given, so that pydantic need not deep-copy the default
    )


def _open(plan: _Plan, ask: str, lang: Lang) -> WhoDecides:
    candidates, sentences = [], [_DEPENDS[lang]]
    leads_to = ways(plan.kind, plan.known)
    for option in plan.options:
        label = owner_label(option.owner, lang)
        condition = _condition(option.when, lang)
        candidates.append(Candidate(
            decision_owner=option.owner,
            label=label,
            condition=condition,
            value=_value(plan.kind, plan.known, option.when[0]),
            broad=leads_to.count(option.owner) > 1,
        ))
        sentences.append(_IF_DECIDED_BY[lang].format(
            condition=condition[:1].upper() + condition[1:], owner=_lower_first(label)
        ))
    clarify = _QUESTION[ask][lang]
    return WhoDecides(
        kind=plan.kind,
        decision_owner=None,
        allowed=True,
        candidates=candidates,
        clarify=clarify,
        answer=" ".join([*sentences, clarify]),
        citations=_citations((o.route, plan.kind) for o in plan.options),
        lang=lang,
        options=[
            ClarifyOption(label=CASE_LABELS[ask, v][lang],
                          value=_value(plan.kind, plan.known, [(ask, v)]))
            for v in _DOMAIN[ask]
        ],
    )


_TRUE: Final = frozenset({"true", "yes", "ja", "1"})
_FALSE: Final = frozenset({"false", "no", "nej", "0"})
_ENUMS: Final[Mapping[str, type[Scope] | type[MembershipBody]]] = {
    "scope": Scope, "membership_body": MembershipBody,
}


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    return True if text in _TRUE else False if text in _FALSE else None


def _from_context(context: Mapping[str, Any]) -> tuple[Kind | None, dict[str, Any], bool | None]:
    """The kind, routing fields and foreign_policy the context settles; the rest is ignored."""
    kind = None
    if (raw := context.get("kind")) is not None:
        try:
            kind = Kind(str(_plain(raw)))
        except ValueError:
            kind = None
    fields: dict[str, Any] = {}
    for name, _ in FIELDS:
        if (raw := context.get(name)) is None:
            continue
        parsed: Any
        if name in _ENUMS:
            try:
                parsed = _ENUMS[name](str(_plain(raw)))
            except ValueError:
                parsed = None
        else:
            parsed = _as_bool(raw)
        if parsed is not None:
            fields[name] = parsed
    raw_fp = context.get("foreign_policy")
    return kind, fields, None if raw_fp is None else _as_bool(raw_fp)


_SITUATION: Final[Mapping[Any, Situation]] = {s.id: s for s in SITUATIONS}


def _with_notes(result: WhoDecides, reading: _Reading, kind: Kind, situation: Situation | None,
                lang: Lang, question: str) -> WhoDecides:
    """The answer, with how a situation outside the kinds is screened, or that a question
    naming several kinds is answered for one and each part is screened on its own; and,
    as P1 does in a screening (contract §7.1), a second look asked for where the question
    names a state body or another sign of foreign policy."""
    notes: list[str] = []
    citations = list(result.citations)
    cues = find_cues("foreign_policy", question[:MAX_CHARS]) if isinstance(question, str) else ()
    if cues:
        left, right = ("”", "”") if lang == "sv" else ("“", "”")
        notes.append(_SECOND_LOOK[lang].format(
            cues=", ".join(f"{left}{c.words}{right}" for c in cues)))
        citations.append(_P1_FOOTNOTE_CITATION)
    if situation is not None:
        notes.append(situation.how[lang])
    named = [k for k in KIND_PRIORITY if k in reading.kinds]
    if situation is None and len(named) > 1 and kind in named:
        notes.append(SEVERAL_KINDS[lang].format(
            kinds=", ".join(KIND_LABELS[k][lang].lower() for k in named),
            first=KIND_LABELS[kind][lang].lower()))
    if not notes:
        return result
    if result.clarify is not None:
        # The clarifying question stays last, as the card asks it.
        head = result.answer[: -len(result.clarify)].rstrip()
        text = " ".join([head, *notes, result.clarify])
    else:
        text = " ".join([result.answer, *notes])
    return result.model_copy(update={"answer": text, "citations": list(dict.fromkeys(citations))})


def _chosen(kind: Kind | None, fields: dict[str, Any], foreign_policy: bool | None,
            situation: Situation | None, context: Mapping[str, Any], lang: Lang) -> str | None:
    """The condition of the candidate the question alone offers whose ``value`` is
    ``context``: the case the user picked on the clarifying card."""
    if situation is not None:
        kind, fields = situation.kind, {**situation.fields, **fields}
    if kind is None or (kind is not Kind.TWINNING and foreign_policy):
        return None
    plan = _plan(kind, known_of(kind, fields))
    for option in plan.options:
        if _value(kind, plan.known, option.when[0]) == dict(context):
            return _condition(option.when, lang)
    return None


def answer(
    question: str, lang: Lang | None = None, *, context: Mapping[str, Any] | None = None
) -> WhoDecides:
    """Who decides on what ``question`` asks about, in ``lang`` (default: the question's).

    ``context`` (e.g. a candidate's or option's ``value``) settles the kind and
    routing fields it names, over what the question says.
    """
    reading, asked_in = _read(question if isinstance(question, str) else "")
    lang = lang if lang in ("sv", "en") else asked_in
    kind = _kind_of(reading)
    fields = _fields_of(reading)
    v = reading.values
    foreign_policy: bool | None = True in v["fp"] or (True in v["fp_conflict"]
                                                       and True in v["fp_stance"])
    asked = (kind, dict(fields), foreign_policy)
    if context:
        ctx_kind, ctx_fields, ctx_fp = _from_context(context)
        kind = ctx_kind or kind
        fields |= ctx_fields
        foreign_policy = foreign_policy if ctx_fp is None else ctx_fp

    situation = _SITUATION.get(_one(v["situation"]))
    if situation is not None and not (context and context.get("kind")):
        kind = situation.kind
        fields = {**situation.fields, **fields}
    if kind is not Kind.TWINNING and foreign_policy:
        return WhoDecides(
            kind=kind, decision_owner=None, allowed=False, candidates=[], clarify=None,
            answer=_FOREIGN_POLICY[lang], citations=[_P1_CITATION], lang=lang, options=[],
        )
    if kind is None:
        return WhoDecides(
            kind=None, decision_owner=None, allowed=True, candidates=[], clarify=None,
            answer=_HELP[lang], citations=[], lang=lang, options=[],
        )
    plan = _plan(kind, known_of(kind, fields))
    if plan.settled is None:
        assert plan.ask is not None
        return _with_notes(_open(plan, plan.ask, lang), reading, kind, situation, lang,
                           question)
    result = _settled(plan, plan.settled, lang)
    if context:
        result = result.model_copy(update={"chosen": _chosen(*asked, situation, context, lang)})
    result = _with_notes(result, reading, kind, situation, lang, question)
    if (kind in (Kind.TRIP, Kind.CONFERENCE) and True in v["political"]
            and fields.get("on_behalf_of_ks") is False):
        result = result.model_copy(update={
            "answer": f"{result.answer} {_CONFIRM_NOT_ON_BEHALF[lang]}",
        })
    if kind is Kind.TWINNING:
        return result.model_copy(update={
            "allowed": False,
            "answer": f"{_NO_TWINNING[lang]} {plan.settled.reason[lang]}",
            "citations": _citations([(plan.settled, kind)], _P2_CITATION),
        })
    return result
