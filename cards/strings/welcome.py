"""The welcome card, the help card and the starter buttons (``cards/welcome.py``)."""

from __future__ import annotations

from collections.abc import Mapping

from policy import Text

__all__ = ["STRINGS"]

STRINGS: Mapping[str, Text] = {
    "welcome.app": Text(sv="Strategikollen", en="Strategikollen"),
    "welcome.intro": Text(
        sv="Jag bedömer föreslagna internationella engagemang – resor, konferenser, besök, avtal, "
           "medlemskap, deklarationer och projekt – mot Stockholms stads internationella strategi "
           "och säger vem som beslutar.",
        en="I screen proposed international engagements – trips, conferences, visits, agreements, "
           "memberships, declarations and projects – against the City of Stockholm's International "
           "Strategy and tell you who decides.",
    ),
    "welcome.advisory": Text(
        sv="Mina bedömningar är rådgivande. Beslutet fattas alltid av rätt organ: nämnd eller "
           "bolagsstyrelse, kommunstyrelsen, kommunfullmäktige eller finansborgarrådet efter "
           "beredning i Internationella beredningen.",
        en="My assessments are advisory. The decision is always made by the right body: the "
           "committee or company board, the City Executive Board, the City Council, or the Finance "
           "Commissioner after the International Committee has prepared it.",
    ),
    "welcome.typing": Text(
        sv="Du kan också skriva en fråga, t.ex. ”Vem beslutar om medlemskap i ett nätverk?”",
        en="You can also type a question, e.g. “Who decides on joining a network?”",
    ),
    "starter.new": Text(sv="Ny bedömning", en="New assessment"),
    "starter.new_chat": Text(sv="Ny bedömning i chatten", en="New assessment in the chat"),
    "starter.who": Text(sv="Vem beslutar?", en="Who decides?"),
    "starter.mine": Text(sv="Mina bedömningar", en="My assessments"),
    "starter.help": Text(sv="Hjälp", en="Help"),
    "help.title": Text(sv="Så här fungerar Strategikollen", en="How Strategikollen works"),
    "help.new": Text(
        sv="Ny bedömning: jag frågar om engagemanget steg för steg och bedömer det mot strategin, "
           "i ett eget fönster (från välkomstkortet, eller Strategikollen → Ny bedömning under "
           "+ i meddelandefältet) eller här i chatten.",
        en="New assessment: I ask about the engagement step by step and screen it against the "
           "strategy, in a window of its own (from the welcome card, or Strategikollen → New "
           "assessment under + in the message box) or here in the chat.",
    ),
    "help.who": Text(
        sv="Vem beslutar? Ställ en fråga med egna ord så svarar jag med strategins ord.",
        en="Who decides? Ask in your own words and I answer in the strategy's words.",
    ),
    "help.mine": Text(
        sv="Mina bedömningar: dina senaste 20 bedömningar.",
        en="My assessments: your 20 most recent assessments.",
    ),
    "help.invitation": Text(
        sv="Har du fått en inbjudan? Klistra in texten eller bifoga filen (PDF, Word, e-post eller "
           "text) så fyller jag i det jag hittar. I en chatt eller kanal: ”Bedöm med "
           "Strategikollen” i meddelandets meny.",
        en="Received an invitation? Paste its text or attach the file (PDF, Word, e-mail or text) "
           "and I fill in what I find. In a chat or channel: “Assess with Strategikollen” in the "
           "message's menu.",
    ),
    "help.commands": Text(
        sv="Kommandon: hjälp · ny · avbryt · mina",
        en="Commands: help · new · cancel · mine",
    ),
    "help.resume": Text(sv="Fortsätt bedömningen", en="Continue the assessment"),
    "help.unknown_action": Text(
        sv="Den knappen känner jag inte igen längre. Här är vad jag kan hjälpa till med.",
        en="I no longer recognise that button. Here is what I can help with.",
    ),
}
