"""Every text the command line prints, in Swedish and English (``--lang``).

One catalogue, keyed by command and what the text says: ``screen.no_file``, ``cases.none``.
``t(key, lang, **fields)`` reads one. What the command line shares with the cards (the
verdict, outcome, priority and kind labels) is in ``policy.labels``; the owners' names in
``policy.routing``.
"""

from __future__ import annotations

from collections.abc import Mapping

from policy import Lang, Text

__all__ = ["TEXTS", "t"]

TEXTS: Mapping[str, Text] = {
    # reading an input file or standard input (cli/main.py)
    "input.no_file": Text(sv="Filen finns inte.", en="No such file."),
    "input.unreadable": Text(sv="Filen kan inte läsas: {why}.",
                              en="The file cannot be read: {why}."),
    "input.too_big": Text(sv="Filen är för stor (högst 1 MB).",
                           en="The file is too large (1 MB at most)."),
    "input.encoding": Text(sv="Filen är inte UTF-8-text.", en="The file is not UTF-8 text."),
    "input.syntax": Text(sv="Varken giltig JSON eller YAML: {why}",
                          en="Neither valid JSON nor YAML: {why}"),
    "input.empty": Text(sv="Filen är tom.", en="The file is empty."),
    "input.unexpected": Text(sv="Oväntat fel vid läsning av indata.",
                              en="Unexpected error while reading the input."),
    # the bot's database, for cases and outbox (cli/db.py)
    "db.settings": Text(sv="Inställningarna (STRATEGIKOLLEN_*) går inte att läsa: {why}",
                        en="The settings (STRATEGIKOLLEN_*) cannot be read: {why}"),
    "db.no_file": Text(
        sv="Databasen {url} finns inte. Sätt STRATEGIKOLLEN_DATABASE_URL eller "
           "STRATEGIKOLLEN_DATA_DIR till botens databas.",
        en="The database {url} does not exist. Point STRATEGIKOLLEN_DATABASE_URL or "
           "STRATEGIKOLLEN_DATA_DIR at the bot's database.",
    ),
    "db.unreachable": Text(sv="Databasen {url} går inte att nå eller läsa ({why}).",
                           en="The database {url} cannot be reached or read ({why})."),
    "db.not_migrated": Text(
        sv="Databasen {url} har {what} ännu. Starta boten en gång (den migrerar databasen) och "
           "försök igen.",
        en="The database {url} has {what} yet. Start the bot once (it migrates the database) and "
           "try again.",
    ),
    # the plain-text views' headings (cli/render.py)
    "report.verdict": Text(sv="Bedömning", en="Assessment"),
    "report.owner": Text(sv="Beslutar", en="Decides"),
    "report.coordinates": Text(sv="Koordinerar", en="Coordinates"),
    "report.not_deciding": Text(sv="beslutar inte", en="does not decide"),
    "report.priority": Text(sv="Prioritet", en="Priority"),
    "report.next": Text(sv="Nästa steg", en="Next steps"),
    "report.rulebook": Text(sv="Regelbok", en="Rulebook"),
    "report.section": Text(sv="avsnitt", en="section"),
    "report.routes": Text(sv="Vem beslutar (första träff gäller)",
                          en="Who decides (first match wins)"),
    "report.rules": Text(sv="Regler", en="Rules"),
    "report.since": Text(sv="gäller från", en="in force from"),
    "report.not_encoded": Text(sv="Inte kodat, med skäl", en="Not encoded, with the reason"),
}


def t(key: str, lang: Lang, /, **fields: object) -> str:
    """The text ``key`` in ``lang``, with ``fields`` filled in."""
    return TEXTS[key].format(lang, **fields)
