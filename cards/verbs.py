"""Card action verbs, shared by ``cards/`` (which puts them on buttons), ``dialogs/``
(which routes on them) and ``bot/`` (which registers handlers for them).

Every action is an ``Action.Execute`` with ``verb`` and, for clients without
Universal Actions, an ``Action.Submit`` fallback whose ``data["verb"]`` is the same.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ALL",
    "CASES_COMPLETE",
    "CASES_MINE",
    "CASES_RESUBMIT",
    "CASES_WITHDRAW",
    "CASES_WITHDRAW_CONFIRM",
    "HELP",
    "IB_ACCEPT",
    "IB_DECLINE",
    "IB_EXPORT",
    "IB_FAILED",
    "IB_REFRESH",
    "IB_REQUEST_COMPLETION",
    "IB_RETRY",
    "IB_SEND",
    "IB_TO_AGENDA",
    "INTAKE_CONTINUE",
    "INTAKE_DIALOG",
    "MINE",
    "MINE_OPEN",
    "WHO_ASK",
    "WHO_CLARIFY",
    "WHO_PROMPT",
    "WIZARD_ASSESS",
    "WIZARD_BACK",
    "WIZARD_CANCEL",
    "WIZARD_DIALOG",
    "WIZARD_EDIT",
    "WIZARD_NEXT",
    "WIZARD_RESUME",
    "WIZARD_START",
]

HELP: Final = "help"
MINE: Final = "mine"  # list my recent assessments
MINE_OPEN: Final = "mine.open"  # data: {"id": <history id>}

WIZARD_START: Final = "wizard.start"  # a new screening, from scratch
WIZARD_NEXT: Final = "wizard.next"  # data: {"step": ...} + the step's inputs
WIZARD_BACK: Final = "wizard.back"  # data: {"step": ...} + the step's inputs (kept, not checked)
WIZARD_CANCEL: Final = "wizard.cancel"
WIZARD_EDIT: Final = "wizard.edit"  # from the summary, or a result card with data {"values": {...}}
WIZARD_ASSESS: Final = "wizard.assess"  # from the summary
WIZARD_RESUME: Final = "wizard.resume"  # show the current step again (after help or an error)
# The wizard as a Teams dialog: an Action.Submit with msteams {"type": "task/fetch"} opens
# it (task/fetch); a client without dialogs sends it as a message: the wizard in the chat.
# In the dialog the wizard's own verbs come back as task/submit (or composeExtension/
# submitAction) with data {"dialog": id}; Cancel closes it.
WIZARD_DIALOG: Final = "wizard.dialog"

WHO_PROMPT: Final = "who_decides.prompt"  # show the "ask a question" card
WHO_ASK: Final = "who_decides.ask"  # data: {"question": ...}
WHO_CLARIFY: Final = "who_decides.clarify"  # data: {"question": ..., "context": {...}}

# The International Committee (IB): sending a screening, and IB members acting on the case.
IB_SEND: Final = "ib.send"  # data: {"values": {...}, "prepare": bool} (prepare: owner KS/KF)
IB_REFRESH: Final = "ib.refresh"  # the IB card's refresh action; data: {"case": id}
IB_ACCEPT: Final = "ib.accept"  # data: {"case": id} + input comment (optional)
IB_DECLINE: Final = "ib.decline"  # data: {"case": id} + input comment (optional)
IB_REQUEST_COMPLETION: Final = "ib.request_completion"  # {"case": id} + comment (required)
IB_TO_AGENDA: Final = "ib.to_agenda"  # {"case": id} + meeting_date (required), comment
IB_EXPORT: Final = "ib.export"  # the agenda's "Exportera": the register to a member's OneDrive
IB_FAILED: Final = "ib.failed"  # "Misslyckade utskick": the failed deliveries (admins)
IB_RETRY: Final = "ib.retry"  # data: {"ids": [outbox id, ...]}: queue them again

# The submitter's cases.
CASES_MINE: Final = "cases.mine"  # "Mina ärenden"
CASES_COMPLETE: Final = "cases.complete"  # data: {"case", "values"}: reopen the wizard
CASES_RESUBMIT: Final = "cases.resubmit"  # data: {"case", "values"}: the new version
CASES_WITHDRAW: Final = "cases.withdraw"  # data: {"case"}: "Återkalla", asks to confirm
CASES_WITHDRAW_CONFIRM: Final = "cases.withdraw_confirm"  # data: {"case"}: withdraws it

# From an invitation (dialogs.intake): the wizard prefilled with what was read.
INTAKE_CONTINUE: Final = "intake.continue"  # {"values", "prefilled", "evidence", "step"?}
# The message action's Teams dialog: an Action.Submit (dialogs take no Action.Execute);
# data {"verb", "prefilled", "evidence"} + the dialog's inputs.
INTAKE_DIALOG: Final = "intake.dialog"

ALL: Final = frozenset({
    HELP, MINE, MINE_OPEN,
    WIZARD_START, WIZARD_NEXT, WIZARD_BACK, WIZARD_CANCEL, WIZARD_EDIT, WIZARD_ASSESS,
    WIZARD_RESUME, WIZARD_DIALOG,
    WHO_PROMPT, WHO_ASK, WHO_CLARIFY,
    IB_SEND, IB_REFRESH, IB_ACCEPT, IB_DECLINE, IB_REQUEST_COMPLETION, IB_TO_AGENDA,
    IB_EXPORT, IB_FAILED, IB_RETRY,
    CASES_MINE, CASES_COMPLETE, CASES_RESUBMIT, CASES_WITHDRAW, CASES_WITHDRAW_CONFIRM,
    INTAKE_CONTINUE, INTAKE_DIALOG,
})
