"""The welcome card, help, and the cards for errors and notices."""

from __future__ import annotations

from policy import Lang

from . import verbs
from .elements import (
    Card,
    Element,
    button_rows,
    card,
    container,
    execute,
    heading,
    para,
    subtle,
)
from .i18n import t

__all__ = [
    "dialog_starter", "error_card", "help_card", "starter_rows", "starters", "text_card",
    "welcome_card",
]


def starters(lang: Lang) -> list[Element]:
    """The four ways in: New assessment, Who decides?, My assessments, Help."""
    return [
        execute(t("starter.new", lang), verbs.WIZARD_START, style="positive"),
        execute(t("starter.who", lang), verbs.WHO_PROMPT),
        execute(t("starter.mine", lang), verbs.MINE),
        execute(t("starter.help", lang), verbs.HELP),
    ]


def dialog_starter(lang: Lang) -> Element:
    """"Ny bedömning" in a Teams dialog, so that the screening does not scroll the chat: an
    Action.Submit whose ``msteams`` data makes Teams ask for the dialog (``task/fetch``;
    Universal Actions cannot open one). A client without dialogs sends it as a message,
    and the wizard starts in the chat."""
    return {"type": "Action.Submit", "title": t("starter.new", lang), "style": "positive",
            "data": {"msteams": {"type": "task/fetch"}, "verb": verbs.WIZARD_DIALOG}}


def starter_rows(lang: Lang, *, resume: bool = False, help_button: bool = True) -> list[Element]:
    """The starters (after "Continue the assessment" when ``resume``) as rows of buttons;
    without Help on the help card itself."""
    actions = starters(lang)
    if not help_button:
        actions = [a for a in actions if a["verb"] != verbs.HELP]
    if resume:
        actions.insert(0, execute(t("help.resume", lang), verbs.WIZARD_RESUME, style="positive"))
        actions[1].pop("style", None)
        actions[1]["fallback"].pop("style", None)
    return button_rows(actions)


def welcome_card(lang: Lang) -> Card:
    """The greeting: a new screening in a dialog or in the chat, and the other starters."""
    body: list[Element] = [
        heading(t("welcome.app", lang), size="Large"),
        para(t("welcome.intro", lang)),
        container([para(t("welcome.advisory", lang))], style="emphasis"),
        subtle(t("welcome.typing", lang)),
    ]
    actions = starters(lang)
    actions[0] = execute(t("starter.new_chat", lang), verbs.WIZARD_START)
    return card(body + button_rows([dialog_starter(lang), *actions]), [], lang)


def help_card(lang: Lang, *, resume: bool = False, lead: str | None = None) -> Card:
    """Help; ``resume`` adds a button back to the wizard step in progress."""
    body: list[Element] = []
    if lead:
        body.append(para(lead, color="Warning"))
    body += [
        heading(t("help.title", lang)),
        para(t("help.new", lang)),
        para(t("help.who", lang)),
        para(t("help.mine", lang)),
        para(t("help.invitation", lang)),
        subtle(t("help.commands", lang)),
        container([para(t("welcome.advisory", lang), size="Small")], style="emphasis"),
    ]
    return card(body + starter_rows(lang, resume=resume, help_button=False), [], lang)


def text_card(message: str, lang: Lang, *, resume: bool = False) -> Card:
    """A short message of our own (not user text) with the starters."""
    return card([para(message), *starter_rows(lang, resume=resume)], [], lang)


def error_card(lang: Lang, *, resume: bool) -> Card:
    """Something unexpected went wrong: a friendly card, never a traceback."""
    body: list[Element] = [container(
        [heading(t("error.title", lang)), para(t("error.body", lang))], style="warning",
    )]
    actions: list[Element] = []
    if resume:
        actions.append(execute(t("help.resume", lang), verbs.WIZARD_RESUME, style="positive"))
    actions += [execute(t("starter.new", lang), verbs.WIZARD_START),
                execute(t("starter.help", lang), verbs.HELP)]
    return card(body + button_rows(actions), [], lang)
