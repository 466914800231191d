"""The result card of an assessment (``cards/result.py``)."""

from __future__ import annotations

from collections.abc import Mapping

from policy import Text

__all__ = ["STRINGS"]

STRINGS: Mapping[str, Text] = {
    "result.title": Text(sv="Bedömning", en="Assessment"),
    "result.owner": Text(sv="Vem beslutar", en="Who decides"),
    "result.coordinated_by": Text(sv="{owner} koordinerar, men beslutar inte.",
                                  en="{owner} coordinates, but does not decide."),
    "result.findings": Text(sv="Skäl", en="Reasons"),
    "result.quote": Text(sv="Visa strategins ord ({about})",
                         en="Show the strategy's words ({about})"),
    "result.quote_owner": Text(sv="vem beslutar", en="who decides"),
    "result.section": Text(sv="Avsnitt {section}", en="Section {section}"),
    "result.priority": Text(sv="Prioritet: {priority}", en="Priority: {priority}"),
    "result.next_steps": Text(sv="Nästa steg", en="Next steps"),
    "result.edit": Text(sv="Ändra uppgifter", en="Edit details"),
    "result.rulebook": Text(sv="Regelverk {version}, bedömt {day}",
                            en="Rulebook {version}, screened {day}"),
    "result.no_findings": Text(sv="Inga skäl att redovisa.", en="No reasons to report."),
    "result.send": Text(sv="Skicka till IB", en="Send to IB"),
    "result.send_prepare": Text(sv="Skicka till IB för beredning", en="Send to IB for preparation"),
    "result.resubmit": Text(sv="Skicka ny version till {id}", en="Send new version to {id}"),
}
