"""A conversation with the dialogs, as the bot would hold it: state stored as JSON
between turns, Turns in, Replies out. No SDK."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from cards import verbs
from dialogs.conversation import handle
from dialogs.fields import details_fields, question_fields, widget_for
from dialogs.turn import Reply, Turn
from policy import Kind

TODAY = date(2025, 6, 1)

_HERE = Path(__file__).resolve()
CASES_DIR = next(
    (p for p in (_HERE.parents[1] / "cases", Path("/work/shared/cases/public"))
     if p.is_dir() and any(p.glob("*.json"))),
    _HERE.parents[1] / "cases",
)
CASES = sorted(CASES_DIR.glob("*.json"))


def load_case(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


class Chat:
    """One user in one conversation. Every state passes through JSON, as in storage."""

    def __init__(self, locale: str = "sv-SE", today: date = TODAY) -> None:
        self.locale = locale
        self.today = today
        self.conv: str = "null"
        self.user: str = "null"
        self.replies: list[Reply] = []

    def _turn(self, turn: Turn) -> Reply:
        conv, user, reply = handle(json.loads(self.conv), json.loads(self.user), turn,
                                   today=self.today)
        self.conv, self.user = json.dumps(conv), json.dumps(user)
        self.replies.append(reply)
        return reply

    def say(self, text: str) -> Reply:
        return self._turn(Turn(text=text, locale=self.locale, user_id="u1"))

    def click(self, verb: str, data: Mapping[str, Any] | None = None) -> Reply:
        """Press a button with ``verb``; ``data`` is its data merged with the card's inputs."""
        return self._turn(Turn(verb=verb, data={**(data or {}), "verb": verb},
                               locale=self.locale, user_id="u1"))

    @property
    def card(self) -> dict[str, Any]:
        return self.replies[-1].cards[0]

    @property
    def state(self) -> dict[str, Any]:
        return json.loads(self.conv)

    @property
    def user_state(self) -> dict[str, Any]:
        return json.loads(self.user)


def sample_values(kind: Kind) -> dict[str, str]:
    """A plausible raw answer for every field the wizard asks for ``kind``."""
    out: dict[str, str] = {"kind": kind.value}
    for name in (*details_fields(kind), *question_fields(kind)):
        widget, options = widget_for(name)
        out[name] = {
            "date": "2025-09-01" if name == "start_date" else "2025-09-03",
            "yes_no": "true",
            "choice": options[0] if options else "",
            "multi_choice": ",".join(options[:2]),
            "number": "4" if name == "review_years" else "12000",
        }.get(widget.value, f"Exempel {name}")
    if "participants" in out:
        # Staff only: with a politician among them, on_behalf_of_ks is no longer required
        # (contract §7.5), and the tests of required fields need a required one.
        out["participants"] = "staff"
    return out


def wizard_through(chat: Chat, values: Mapping[str, str]) -> Reply:
    """Start a screening and answer every step with ``values``; returns the summary reply."""
    kind = Kind(values["kind"])
    chat.click(verbs.WIZARD_START)
    chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": kind.value})
    chat.click(verbs.WIZARD_NEXT, {"step": "details",
                                   **{n: values.get(n, "") for n in details_fields(kind)}})
    return chat.click(verbs.WIZARD_NEXT, {"step": "questions",
                                          **{n: values.get(n, "")
                                             for n in question_fields(kind)}})
