""""Who decides?": the question card and its answers (``cards/who.py``, ``dialogs/who.py``)."""

from __future__ import annotations

from collections.abc import Mapping

from policy import Text

__all__ = ["STRINGS"]

STRINGS: Mapping[str, Text] = {
    "who.title": Text(sv="Vem beslutar?", en="Who decides?"),
    "who.prompt": Text(
        sv="Skriv din fråga med egna ord, t.ex. om ett medlemskap, en resa eller en deklaration.",
        en="Ask in your own words, e.g. about a membership, a trip or a declaration.",
    ),
    "who.question": Text(sv="Din fråga", en="Your question"),
    "who.ask": Text(sv="Fråga", en="Ask"),
    "who.examples": Text(sv="Exempel", en="Examples"),
    "who.example1": Text(
        sv="Vem beslutar om medlemskap i ett internationellt nätverk?",
        en="Who decides on membership of an international network?",
    ),
    "who.example2": Text(
        sv="Får staden teckna ett vänortsavtal?",
        en="May the city sign a twinning agreement?",
    ),
    "who.example3": Text(
        sv="Vem beslutar om en konferensresa utomlands?",
        en="Who decides on a conference trip abroad?",
    ),
    "who.you_asked": Text(sv="Du frågade: {question}", en="You asked: {question}"),
    "who.owner": Text(sv="Beslutar: {owner}", en="Decides: {owner}"),
    "who.not_allowed": Text(sv="Inte tillåtet enligt strategin",
                            en="Not allowed under the strategy"),
    "who.depends": Text(sv="Det beror på", en="It depends"),
    "who.then": Text(sv="Då beslutar {owner}.", en="Then {owner} decides."),
    "who.any_of": Text(sv="Något av detta", en="Any of these"),
    "who.you_chose": Text(sv="Du valde: ”{choice}”.", en="You chose: “{choice}”."),
    "who.out_of_scope": Text(
        sv="Den frågan ligger utanför den internationella strategin.",
        en="That question is outside the International Strategy.",
    ),
    "who.empty": Text(sv="Skriv en fråga först.", en="Type a question first."),
    "who.advisory": Text(
        sv="Svaret är rådgivande – beslutet fattas alltid av rätt organ.",
        en="The answer is advisory – the decision is always made by the right body.",
    ),
}
