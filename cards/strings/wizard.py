"""The assessment wizard's steps, buttons and checks (``cards/wizard.py``,
``dialogs/wizard.py``)."""

from __future__ import annotations

from collections.abc import Mapping

from policy import Plural, Text

__all__ = ["STRINGS"]

STRINGS: Mapping[str, Text] = {
    "wizard.title": Text(sv="Ny bedömning", en="New assessment"),
    "wizard.step": Text(sv="Steg {step} av {total}: {name}", en="Step {step} of {total}: {name}"),
    "step.kind": Text(sv="Typ av engagemang", en="Kind of engagement"),
    "step.details": Text(sv="Uppgifter", en="Details"),
    "step.questions": Text(sv="Frågor – {kind}", en="Questions – {kind}"),
    "step.summary": Text(sv="Sammanfattning", en="Summary"),
    "wizard.required_hint": Text(sv="Fält märkta * krävs.", en="Fields marked * are required."),
    "wizard.errors": Text(
        sv="Något behöver rättas – se markeringarna nedan. Inget av det du skrivit har försvunnit.",
        en="Something needs fixing – see the notes below. Nothing you typed has been lost.",
    ),
    "wizard.next": Text(sv="Nästa", en="Next"),
    "wizard.back": Text(sv="Tillbaka", en="Back"),
    "wizard.cancel": Text(sv="Avbryt", en="Cancel"),
    "wizard.edit": Text(sv="Ändra", en="Edit"),
    "wizard.assess": Text(sv="Bedöm", en="Assess"),
    "wizard.summary_intro": Text(
        sv="Kontrollera uppgifterna. Välj Ändra för att rätta något eller Bedöm för att få en "
           "rådgivande bedömning.",
        en="Check the details. Choose Edit to change something or Assess for an advisory "
           "assessment.",
    ),
    "wizard.unknown": Text(sv="Vet inte ännu", en="Not known yet"),
    "wizard.not_answered": Text(sv="Inte besvarat: {fields}", en="Not answered: {fields}"),
    "wizard.years": Plural(sv="efter {n}\u00a0år",
                           en={"one": "after {n}\u00a0year", "other": "after {n}\u00a0years"}),
    "wizard.example_number": Text(sv="t.ex. {example}", en="e.g. {example}"),
    "wizard.from_profile": Text(
        sv="Ifyllt från din profil i Entra ID ({field}). Ändra om det inte stämmer.",
        en="Filled in from your Entra ID profile ({field}). Change it if it is not right.",
    ),
    "wizard.profile_department": Text(sv="avdelning", en="department"),
    "wizard.profile_company": Text(sv="företag", en="company"),
    "wizard.yes": Text(sv="Ja", en="Yes"),
    "wizard.no": Text(sv="Nej", en="No"),
    "wizard.choose": Text(sv="Välj …", en="Choose …"),
    "wizard.required": Text(
        sv="Fältet krävs – svaret avgör vem som beslutar.",
        en="Required – the answer decides who decides.",
    ),
    "wizard.required_plain": Text(sv="Fältet krävs.", en="This field is required."),
    "wizard.choose_kind": Text(
        sv="Välj vilken typ av engagemang det gäller.",
        en="Choose the kind of engagement.",
    ),
    "wizard.cancelled": Text(
        sv="Bedömningen är avbruten. Inget har sparats.",
        en="The assessment was cancelled. Nothing was saved.",
    ),
    "wizard.nothing_to_cancel": Text(
        sv="Det finns ingen pågående bedömning att avbryta.",
        en="There is no assessment in progress to cancel.",
    ),
    # The wizard as a Teams dialog (dialogs.wizard_dialog).
    "wizard.restart": Text(sv="Börja om", en="Start over"),
    "wizard.close": Text(sv="Stäng", en="Close"),
    "wizard.dialog_resumed": Text(
        sv="Du fortsätter bedömningen där du lämnade den. Vill du börja från början väljer du "
           "Börja om.",
        en="You are continuing the assessment where you left it. To begin again, choose "
           "Start over.",
    ),
    "wizard.dialog_told": Text(
        sv="Resultatet finns också i din chatt med Strategikollen, med knapparna för att gå "
           "vidare, till exempel Skicka till IB.",
        en="The result is also in your chat with Strategikollen, with the buttons to go on, "
           "such as Send to IB.",
    ),
    "wizard.dialog_not_told": Text(
        sv="Resultatet kunde inte läggas i din chatt med Strategikollen just nu. Du hittar "
           "det under Mina bedömningar.",
        en="The result could not be put in your chat with Strategikollen just now. You find "
           "it under My assessments.",
    ),
    "wizard.dialog_gone": Text(
        sv="Den här bedömningen pågår inte längre (den har avslutats eller avbrutits). Börja "
           "en ny eller stäng fönstret.",
        en="This assessment is no longer in progress (it was finished or cancelled). Start a "
           "new one or close the window.",
    ),
    "wizard.dialog_sorry": Text(
        sv="Något gick fel hos Strategikollen. Dina svar från de tidigare stegen är sparade: "
           "stäng fönstret och öppna Ny bedömning igen för att fortsätta.",
        en="Something went wrong at Strategikollen. Your answers from the earlier steps are "
           "saved: close the window and open New assessment again to go on.",
    ),
}
