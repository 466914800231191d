"""Cards for "Who decides?": the question prompt and the answer.

The answer is ``policy.who_decides.answer``'s ``WhoDecides``, which carries what the card
shows beside the contract's keys: the route's reason, which candidates are broad.
"""

from __future__ import annotations

from collections.abc import Sequence

from policy import Lang
from policy.who_decides import Candidate, WhoDecides

from . import verbs
from .elements import (
    Card,
    Element,
    action_set,
    button_rows,
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
from .i18n import t, who_choice
from .welcome import starter_rows

__all__ = ["answer_card", "choice_titles", "prompt_card"]

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


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def choice_titles(candidates: Sequence[Candidate], lang: Lang) -> list[str]:
    """A short, distinct button title for each candidate: what its value says about the
    fields the candidates differ in ("Hela staden, en organisation"). A ``broad``
    candidate stands for more than one case (its condition lists them), so its button
    says "any of these" rather than name only the first. Where that gives no name, or two
    alike, the owners name the buttons instead."""
    keys = [k for c in candidates for k in c.value if k != "kind"]
    differing = [k for k in dict.fromkeys(keys)
                 if len({repr(c.value.get(k)) for c in candidates}) > 1]
    titles = []
    for c in candidates:
        parts = [name for k in differing if k in c.value
                 if (name := who_choice(k, c.value[k], lang))]
        if c.broad:
            titles.append(t("who.any_of", lang))
        else:
            titles.append(", ".join([parts[0], *map(_lower, parts[1:])]) if parts else "")
    if not all(titles) or len(set(titles)) < len(titles):
        return [c.label for c in candidates]
    return titles


def answer_card(res: WhoDecides, *, question: str, lang: Lang,
                owner_label: str | None = None, chose: str | None = None) -> Card:
    """The answer: settled (owner and citation), a clarifying question with one button per
    candidate, not allowed, or outside the strategy (a short help card).

    Under a settled owner the route's ``reason`` stands instead of the whole answer (which
    names the owner again). ``chose``: the case the user picked on a clarifying card,
    restated.
    """
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
    settled = res.decision_owner is not None and owner_label
    if settled:
        body.append(container(
            [user_text(t("who.owner", lang, owner=owner_label), weight="Bolder",
                       size="Medium")],
            style="good" if res.allowed is not False else "emphasis", id="owner",
        ))
    if settled and chose:
        body.append(user_text(t("who.you_chose", lang, choice=_capital(chose)),
                              weight="Bolder", id="chose"))
    clarifying = bool(res.clarify and res.candidates)
    if clarifying:
        # The answer text spells out the same alternatives; the card shows them once,
        # each with its own button right under it, named by the case it stands for
        # (the conditions themselves are too long for titles).
        body.append(container(
            [para(t("who.depends", lang), weight="Bolder"),
             user_text(res.clarify or "", weight="Bolder")],
            style="emphasis", id="clarify",
        ))
        titles = choice_titles(res.candidates, lang)
        for n, (c, title) in enumerate(zip(res.candidates, titles, strict=True), start=1):
            body.append(container(
                [
                    user_text(_capital(c.condition), weight="Bolder"),
                    user_text(t("who.then", lang, owner=c.label[:1].lower() + c.label[1:]),
                              spacing="None"),
                    action_set([execute(
                        title, verbs.WHO_CLARIFY,
                        {"question": question, "context": dict(c.value)},
                    )], spacing="Small"),
                ],
                id=f"candidate-{n}", separator=True, spacing="Medium",
            ))
    elif settled and res.reason and res.allowed is not False:
        body.append(user_text(res.reason, spacing="Small"))
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
