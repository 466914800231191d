"""Errors and notices every surface shares (``cards/welcome.py``, ``cards/elements.py``,
``dialogs/conversation.py``)."""

from __future__ import annotations

from collections.abc import Mapping

from policy import Text

__all__ = ["STRINGS"]

STRINGS: Mapping[str, Text] = {
    "error.title": Text(sv="Något gick fel", en="Something went wrong"),
    "error.body": Text(
        sv="Jag kunde inte hantera det där. Inget av det du skrivit har försvunnit – försök igen "
           "eller fortsätt där du var.",
        en="I couldn't handle that. Nothing you typed has been lost – try again or continue where "
           "you were.",
    ),
    "notice.reset": Text(
        sv="Jag kunde inte läsa den sparade konversationen (den kan komma från en äldre version) "
           "och har därför börjat om. Ursäkta besväret.",
        en="I couldn't read the saved conversation (it may be from an older version), so I have "
           "started afresh. Sorry for the trouble.",
    ),
    "notice.reset_user": Text(
        sv="Jag kunde inte läsa din sparade lista med bedömningar och har börjat en ny.",
        en="I couldn't read your saved list of assessments and have started a new one.",
    ),
    "card.fallback": Text(
        sv="Strategikollen visar ett kort här. Uppdatera Teams om du inte ser det.",
        en="Strategikollen shows a card here. Update Teams if you cannot see it.",
    ),
}
