"""Every fixed text a card shows, by card family; ``cards.i18n.t`` reads them by key. A key
is its family's name and what it names: ``wizard.next``, ``case.sent``.

The families: ``welcome`` (also ``starter``, ``help``), ``wizard`` (also ``step``),
``intake``, ``result``, ``who``, ``mine``, ``case`` (also ``agenda``, ``reminder``) and
``notice`` (``error``, ``notice``, ``card``). What the bot writes as plain messages is in
``bot.texts``. A test checks that the families share no key, that every text has both
languages, and that every key is used.
"""

from __future__ import annotations

from collections.abc import Mapping

from policy import Text

from . import case, intake, mine, notice, result, welcome, who, wizard

__all__ = ["FAMILIES", "STRINGS"]

FAMILIES: Mapping[str, Mapping[str, Text]] = {
    "welcome": welcome.STRINGS,
    "wizard": wizard.STRINGS,
    "intake": intake.STRINGS,
    "result": result.STRINGS,
    "who": who.STRINGS,
    "mine": mine.STRINGS,
    "case": case.STRINGS,
    "notice": notice.STRINGS,
}

STRINGS: Mapping[str, Text] = {key: text for family in FAMILIES.values()
                               for key, text in family.items()}
