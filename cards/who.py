"""Cards for "Who decides?": the question prompt and the answer.

The answer comes from ``policy.who_decides.answer``; this module reads it
through a Protocol so it depends on its fields, not its class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from . import verbs
from .elements import (
    Card,
    Element,
    action_set,
    card,
    citation_text,
    container,
    execute,
    heading,
    para,
    subtle,
    user_text,
)
from .escape import escape
from .i18n import Lang, t
from .welcome import button_rows, starter_rows

__all__ = ["CandidateLike", "WhoDecidesLike", "answer_card", "prompt_card", "unavailable_card"]

class CitationLike(Protocol):
    @property
    def section(self) -> str: ...
    @property
    def text(self) -> str: ...


class CandidateLike(Protocol):
    @property
    def decision_owner(self) -> Any: ...
    @property
    def label(self) -> str: ...
    @property
    def condition(self) -> str: ...
    @property
    def value(self) -> dict[str, Any]: ...


class WhoDecidesLike(Protocol):
    @property
    def kind(self) -> Any: ...
    @property
    def decision_owner(self) -> Any: ...
    @property
    def allowed(self) -> bool: ...
    @property
    def candidates(self) -> Sequence[CandidateLike]: ...
    @property
    def clarify(self) -> str | None: ...
    @property
    def answer(self) -> str: ...
    @property
    def citations(self) -> Sequence[CitationLike]: ...


def _examples(lang: Lang) -> list[Element]:
    return [
        execute(t(key, lang), verbs.WHO_ASK, {"question": t(key, lang)})
        for key in ("who.example1", "who.example2", "who.example3")
    ]


def prompt_card(lang: Lang, *, error: str | None = None, question: str = "") -> Card:
    """Ask a question in your own words, or pick an example."""
    body: list[Element] = [heading(t("who.title", lang)), para(t("who.prompt", lang))]
    body.append({
        "type": "Input.Text", "id": "question", "label": t("who.question", lang),
        "isMultiline": True, "maxLength": 1000, "value": question,
    })
    if error:
        body.append(para(f"⚠ {error}", color="Attention", weight="Bolder", spacing="Small"))
    body += [
        container([subtle(t("who.examples", lang))], spacing="Medium"),
        *button_rows(_examples(lang), per_row=1),
    ]
    return card(body, [execute(t("who.ask", lang), verbs.WHO_ASK, inputs="auto",
                               style="positive")], lang)


def _capital(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def answer_card(res: WhoDecidesLike, *, question: str, lang: Lang,
                owner_label: str | None = None) -> Card:
    """The answer: settled (owner and citation), a clarifying question with one button per
    candidate, not allowed, or outside the strategy (a short help card)."""
    body: list[Element] = [
        heading(t("who.title", lang)),
        user_text(t("who.you_asked", lang, question=question), isSubtle=True, spacing="None"),
    ]
    out_of_scope = (res.kind is None and res.decision_owner is None and not res.candidates
                    and res.allowed is not False)
    if out_of_scope:
        body += [para(t("who.out_of_scope", lang), weight="Bolder"), user_text(res.answer),
                 *starter_rows(lang)]
        return card(body, [], lang)

    if res.allowed is False:
        body.append(container(
            [para(f"⛔ {t('who.not_allowed', lang)}", weight="Bolder", color="Attention",
                  size="Medium")],
            style="attention", id="not-allowed",
        ))
    if res.decision_owner is not None and owner_label:
        body.append(container(
            [user_text(t("who.owner", lang, owner=owner_label), weight="Bolder",
                       size="Medium")],
            style="good" if res.allowed is not False else "emphasis", id="owner",
        ))
    clarifying = bool(res.clarify and res.candidates)
    if clarifying:
        # The answer text spells out the same alternatives; the card shows them once,
        # each with its own button right under it (the conditions are too long for titles).
        body.append(container(
            [para(t("who.depends", lang), weight="Bolder"),
             user_text(res.clarify or "", weight="Bolder")],
            style="emphasis", id="clarify",
        ))
        for n, c in enumerate(res.candidates, start=1):
            body.append(container(
                [
                    user_text(_capital(c.condition), weight="Bolder"),
                    user_text(t("who.then", lang, owner=c.label[:1].lower() + c.label[1:]),
                              spacing="None"),
                    action_set([execute(
                        t("who.choose", lang), verbs.WHO_CLARIFY,
                        {"question": question, "context": dict(c.value)},
                    )], spacing="Small"),
                ],
                id=f"candidate-{n}", separator=True, spacing="Medium",
            ))
    else:
        body.append(user_text(res.answer))
    if res.citations:
        body.append(container(
            [item for cit in res.citations for item in (
                subtle(t("result.section", lang, section=escape(cit.section)),
                       weight="Bolder"),
                citation_text(cit.text, lang, isSubtle=True, spacing="None"),
            )],
            style="emphasis", id="citations", spacing="Medium",
        ))
    body.append(subtle(t("who.advisory", lang), spacing="Medium"))
    if clarifying:
        return card(body, [], lang)
    return card(body, [execute(t("starter.who", lang), verbs.WHO_PROMPT),
                       execute(t("starter.new", lang), verbs.WIZARD_START)], lang)


def unavailable_card(lang: Lang) -> Card:
    return card([heading(t("who.title", lang)), para(t("who.unavailable", lang)),
                 *starter_rows(lang)], [], lang)
