"""Every text the command line prints, in Swedish and English (``--lang``).

One catalogue, keyed by command and what the text says: ``screen.no_file``, ``cases.none``.
``t(key, lang, **fields)`` reads one. What the command line shares with the cards (the
verdict, outcome, priority and kind labels) is in ``policy.labels``; the owners' names in
``policy.routing``.
"""

from __future__ import annotations

from collections.abc import Mapping

from policy import Lang, Owner, Plural, Text

__all__ = ["CASE_COLUMNS", "OUTBOX_COLUMNS", "OWNER_SHORT", "TEXTS", "t"]

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
    # strategikollen cases (cli/cases.py)
    "cases.bad_status": Text(sv="Okänd status {value!r}. Välj bland: {choices}.",
                             en="Unknown status {value!r}. Choose from: {choices}."),
    "cases.bad_owner": Text(sv="Okänd beslutsfattare {value!r}. Välj bland: {choices}.",
                            en="Unknown decision owner {value!r}. Choose from: {choices}."),
    "cases.bad_limit": Text(sv="--limit ska vara ett positivt heltal.",
                            en="--limit must be a positive whole number."),
    "cases.not_found": Text(sv="Ärendet {id} finns inte.", en="There is no case {id}."),
    "cases.not_an_id": Text(sv="{id!r} är inget ärende-id (så här ser ett ut: SK-2026-0042).",
                            en="{id!r} is not a case id (one looks like this: SK-2026-0042)."),
    "cases.none": Text(sv="Inga ärenden.", en="No cases."),
    "cases.advisory": Text(sv="Bedömningen är rådgivande – inte ett beslut.",
                           en="The assessment is advisory – not a decision."),
    "cases.chain_ok": Text(
        sv="Granskningsloggen är obruten: {rows}, {erased}.",
        en="The audit log is unbroken: {rows}, {erased}.",
    ),
    "cases.chain_broken": Text(
        sv="Granskningsloggen är bruten vid rad {row} (ärende {case}): {why}",
        en="The audit log is broken at row {row} (case {case}): {why}",
    ),
    "cases.erased": Text(
        sv="{id} är pseudonymiserad som {pseudonym}. Ändrade: {cases}, {versions}, {audit}, "
           "{channels}. Raderade: {refs}, {state}, {deleted}. Rensade: {scrubbed}.",
        en="{id} is pseudonymised as {pseudonym}. Changed: {cases}, {versions}, {audit}, "
           "{channels}. Deleted: {refs}, {state}, {deleted}. Scrubbed: {scrubbed}.",
    ),
    # the counts in cases.chain_ok and cases.erased
    "cases.count.rows": Plural(sv={"one": "{n} rad", "other": "{n} rader"},
                               en={"one": "{n} row", "other": "{n} rows"}),
    "cases.count.erased_rows": Plural(
        sv={"one": "varav {n} pseudonymiserad", "other": "varav {n} pseudonymiserade"},
        en="{n} of them pseudonymised"),
    "cases.count.cases": Plural(sv={"one": "{n} ärende", "other": "{n} ärenden"},
                                en={"one": "{n} case", "other": "{n} cases"}),
    "cases.count.versions": Plural(sv={"one": "{n} version", "other": "{n} versioner"},
                                   en={"one": "{n} version", "other": "{n} versions"}),
    "cases.count.audit": Plural(sv={"one": "{n} händelse", "other": "{n} händelser"},
                                en={"one": "{n} audit row", "other": "{n} audit rows"}),
    "cases.count.channels": Plural(sv={"one": "{n} IB-kanal", "other": "{n} IB-kanaler"},
                                   en={"one": "{n} IB channel", "other": "{n} IB channels"}),
    "cases.count.refs": Plural(
        sv={"one": "{n} användarreferens", "other": "{n} användarreferenser"},
        en={"one": "{n} user reference", "other": "{n} user references"}),
    "cases.count.state": Plural(
        sv="{n} samtalstillstånd",
        en={"one": "{n} conversation state", "other": "{n} conversation states"}),
    "cases.count.messages": Plural(sv={"one": "{n} meddelande", "other": "{n} meddelanden"},
                                   en={"one": "{n} message", "other": "{n} messages"}),
    "cases.blank_id": Text(sv="Ange personens Entra-objekt-id.",
                           en="Give the person's Entra object id."),
    "cases.no_register": Text(sv="inget ärenderegister", en="no case register"),
    # why the audit log's chain is broken, by the check that failed
    "cases.why.prev_hash": Text(
        sv="raden följer inte på raden före (en rad är borttagen, infogad eller flyttad).",
        en="the row does not follow the row before it (a row was removed, inserted or moved).",
    ),
    "cases.why.row_hash": Text(sv="radens innehåll är ändrat.",
                               en="the row's content was changed."),
    "cases.why.personal": Text(
        sv="en personuppgift i raden är ändrad utan att en pseudonymisering nämner raden.",
        en="a personal field of the row was changed and no erasure names the row.",
    ),
    "cases.why.head": Text(
        sv="kedjans huvud stämmer inte med sista raden (rader är borttagna i slutet).",
        en="the chain's head does not match the last row (rows were removed at the end).",
    ),
    "cases.why.unhashed": Text(sv="raden saknar kontrollsumma.", en="the row has no hash."),
    # the headings of strategikollen cases show
    "cases.field.status": Text(sv="Status", en="Status"),
    "cases.field.meeting": Text(sv="sammanträde", en="meeting"),
    "cases.field.kind": Text(sv="Typ", en="Kind"),
    "cases.field.unit": Text(sv="Förvaltning/bolag", en="Unit"),
    "cases.field.owner": Text(sv="Beslutar", en="Decides"),
    "cases.field.verdict": Text(sv="Bedömning", en="Assessment"),
    "cases.field.priority": Text(sv="prioritet", en="priority"),
    "cases.field.rulebook": Text(sv="Regelbok", en="Rulebook"),
    "cases.field.submitted_by": Text(sv="Inlämnat av", en="Submitted by"),
    "cases.field.updated": Text(sv="Senast ändrat", en="Last changed"),
    "cases.field.review_due": Text(sv="Omprövas senast", en="Review due"),
    "cases.field.versions": Text(sv="Versioner", en="Versions"),
    "cases.field.history": Text(sv="Händelser", en="History"),
    "cases.field.version": Text(sv="version", en="version"),
    "cases.field.comment": Text(sv="kommentar", en="comment"),
    # strategikollen outbox (cli/outbox.py)
    "outbox.bad_status": Text(sv="Okänd status {value!r}. Välj bland: {choices}.",
                              en="Unknown status {value!r}. Choose from: {choices}."),
    "outbox.bad_limit": Text(sv="--limit ska vara ett positivt heltal.",
                             en="--limit must be a positive whole number."),
    "outbox.none": Text(sv="Inga meddelanden.", en="No messages."),
    "outbox.not_found": Text(sv="Det finns inget meddelande {id} i utkorgen.",
                             en="There is no message {id} in the outbox."),
    "outbox.not_failed": Text(
        sv="Meddelande {id} har status {status}; bara misslyckade meddelanden (failed) kan "
           "skickas om.",
        en="Message {id} is {status}; only failed messages can be retried.",
    ),
    "outbox.retried": Text(
        sv="Meddelande {id} ({kind}{case}) ligger i kön igen och skickas av leveransen.",
        en="Message {id} ({kind}{case}) is queued again; the delivery worker will send it.",
    ),
    "outbox.no_outbox": Text(sv="ingen utkorg", en="no outbox"),
}

# The columns of strategikollen outbox list.
OUTBOX_COLUMNS: tuple[Text, ...] = (
    Text(sv="Id", en="Id"),
    Text(sv="Status", en="Status"),
    Text(sv="Typ", en="Kind"),
    Text(sv="Ärende", en="Case"),
    Text(sv="Försök", en="Attempts"),
    Text(sv="Nästa försök", en="Next attempt"),
    Text(sv="Skapat", en="Created"),
    Text(sv="Senaste fel", en="Last error"),
)

# The columns of strategikollen cases list.
CASE_COLUMNS: tuple[Text, ...] = (
    Text(sv="Ärende", en="Case"),
    Text(sv="Status", en="Status"),
    Text(sv="Beslutar", en="Decides"),
    Text(sv="Bedömning", en="Assessment"),
    Text(sv="Inkom", en="Received"),
    Text(sv="Omprövas", en="Review due"),
    Text(sv="Rubrik", en="Title"),
)

# A decision owner in the narrow column of strategikollen cases list.
OWNER_SHORT: Mapping[Owner, Text] = {
    Owner.NAMND: Text(sv="Nämnd/bolag", en="Committee/board"),
    Owner.KS: Text(sv="KS", en="KS"),
    Owner.KF: Text(sv="KF", en="KF"),
    Owner.FINANSBORGARRADET_IB: Text(sv="Finansborgarrådet/IB", en="Finance Comm./IB"),
}


def t(key: str, lang: Lang, /, **fields: object) -> str:
    """The text ``key`` in ``lang``, with ``fields`` filled in."""
    return TEXTS[key].format(lang, **fields)
