"""Every fixed text a card (and a plain message) shows, by card family; ``cards.i18n.t`` reads
them by key. A key is its family's name and what it names: ``wizard.next``, ``case.sent``.

The families: ``welcome`` (also ``app``, ``starter``, ``help``), ``wizard`` (also ``step``),
``intake``, ``result``, ``who``, ``mine``, ``case`` (also ``agenda``, ``reminder``), ``ib``
and ``notice`` (``error``, ``notice``, ``card``). A test checks that the families share no
key, that every text has both languages, and that every key is used.
"""

from __future__ import annotations

from collections.abc import Mapping

from policy import Text

from . import case, ib, intake, mine, notice, result, welcome, who, wizard

__all__ = ["FAMILIES", "STRINGS"]

FAMILIES: Mapping[str, Mapping[str, Text]] = {
    "welcome": welcome.STRINGS,
    "wizard": wizard.STRINGS,
    "intake": intake.STRINGS,
    "result": result.STRINGS,
    "who": who.STRINGS,
    "mine": mine.STRINGS,
    "case": case.STRINGS,
    "ib": ib.STRINGS,
    "notice": notice.STRINGS,
}

STRINGS: Mapping[str, Text] = {key: text for family in FAMILIES.values()
                               for key, text in family.items()}
