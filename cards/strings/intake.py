"""What was read from an invitation, and the message action's dialog (``cards/intake.py``,
``dialogs/intake.py``, ``bot/intake.py``)."""

from __future__ import annotations

from collections.abc import Mapping

from policy import Text

__all__ = ["STRINGS"]

STRINGS: Mapping[str, Text] = {
    "intake.found_title": Text(sv="Det här hittade jag i inbjudan",
                               en="This is what I found in the invitation"),
    "intake.found_from": Text(sv="Ur {name}", en="From {name}"),
    "intake.found_intro": Text(
        sv="Inget är bedömt ännu. Uppgifterna fylls i i formuläret, där du kan ändra allt; det som "
           "saknas frågar jag efter.",
        en="Nothing has been screened yet. The details go into the form, where you can change "
           "everything; I ask for what is missing.",
    ),
    "intake.found_none": Text(
        sv="Jag hittade inga uppgifter att fylla i.",
        en="I found no details to fill in.",
    ),
    "intake.source": Text(sv="Var står det?", en="Show where"),
    "intake.read_mark": Text(sv="Läst från inbjudan – visa meningen",
                             en="Read from the invitation – show the sentence"),
    "intake.place": Text(sv="Plats", en="Place"),
    "intake.amount": Text(sv="Belopp", en="Amount"),
    "intake.continue": Text(sv="Fortsätt med förifyllda uppgifter",
                            en="Continue with these details"),
    "intake.manual": Text(sv="Fyll i själv", en="Fill in yourself"),
    "intake.ask_instead": Text(sv="Svara på det som en fråga", en="Answer it as a question"),
    "intake.refused_title": Text(sv="Jag kunde inte läsa inbjudan",
                                 en="I could not read the invitation"),
    "intake.not_invitation_title": Text(sv="Det här ser inte ut som en inbjudan",
                                        en="This does not look like an invitation"),
    "intake.not_invitation": Text(
        sv="Jag hittade inget som en inbjudan brukar innehålla. Fyll i formuläret själv, eller "
           "ställ en fråga om vem som beslutar.",
        en="I found nothing an invitation usually says. Fill in the form yourself, or ask who "
           "decides.",
    ),
    "intake.download_failed": Text(
        sv="Jag kunde inte hämta filen från Teams. Försök igen, klistra in texten, eller fyll i "
           "formuläret själv.",
        en="I could not fetch the file from Teams. Try again, paste its text, or fill in the form "
           "yourself.",
    ),
    "intake.message_file": Text(
        sv="Meddelandet har en bifogad fil som jag inte kan läsa härifrån. Bifoga filen i din "
           "chatt med Strategikollen, så läser jag den.",
        en="The message has an attached file that I cannot read from here. Attach the file in "
           "your chat with Strategikollen and I will read it.",
    ),
    "intake.nothing_stored": Text(
        sv="Inget har sparats.",
        en="Nothing has been stored.",
    ),
    "intake.dialog_title": Text(sv="Bedöm med Strategikollen", en="Assess with Strategikollen"),
    "intake.dialog_intro": Text(
        sv="Uppgifterna nedan lästes ur meddelandet; ändra det som inte stämmer. Resten frågar jag "
           "i din chatt med Strategikollen, och inget bedöms förrän du bekräftar där.",
        en="The details below were read from the message; change what is not right. I ask the "
           "rest in your chat with Strategikollen, and nothing is screened until you confirm "
           "there.",
    ),
    "intake.dialog_empty": Text(
        sv="Fyll i uppgifterna. Resten frågar jag i din chatt med Strategikollen, och inget "
           "bedöms förrän du bekräftar där.",
        en="Fill in the details. I ask the rest in your chat with Strategikollen, and nothing is "
           "screened until you confirm there.",
    ),
    "intake.dialog_submit": Text(sv="Fortsätt i chatten", en="Continue in the chat"),
    "intake.continued_title": Text(sv="Fortsätt bedömningen", en="Continue the screening"),
    "intake.continued_intro": Text(
        sv="Uppgifterna från dialogrutan. Fortsätt här med frågorna om engagemanget; inget bedöms "
           "förrän du trycker på Bedöm.",
        en="The details from the dialog. Go on here with the questions about the engagement; "
           "nothing is screened until you press Assess.",
    ),
    "intake.continued_button": Text(sv="Fortsätt", en="Continue"),
}
