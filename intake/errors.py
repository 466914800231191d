"""Why a file gives no text, as typed errors that say so in Swedish or English."""

from __future__ import annotations

from typing import ClassVar

from policy import Lang, Text

__all__ = [
    "Empty",
    "Encrypted",
    "IntakeError",
    "NoText",
    "TooLarge",
    "Unreadable",
    "Unsupported",
]


class IntakeError(ValueError):
    """A file that gives no text to read. ``code`` is stable; ``message(lang)`` is for people."""

    code: ClassVar[str] = "unreadable"
    _texts: ClassVar[Text] = Text(sv="Filen kan inte läsas.", en="The file cannot be read.")

    def __init__(self, detail: str = "", **values: str) -> None:
        super().__init__(detail or self.code)
        self.detail = detail
        self.values = values

    def message(self, lang: Lang = "sv") -> str:
        text = self._texts[lang]
        try:
            return text.format(**self.values)
        except (KeyError, IndexError):
            return text


_HOW = Text(sv=" Klistra in inbjudans text i stället, eller fyll i formuläret själv.",
            en=" Paste the invitation's text instead, or fill in the form yourself.")


class Empty(IntakeError):
    code = "empty"
    _texts: ClassVar[Text] = Text(sv="Det finns ingen text att läsa." + _HOW.sv,
                                  en="There is no text to read." + _HOW.en)


class NoText(IntakeError):
    """A scanned PDF or a picture: pages, but no text in them."""

    code = "no_text"
    _texts: ClassVar[Text] = Text(
        sv="Filen innehåller ingen text, bara bilder (en skannad PDF?)." + _HOW.sv,
        en="The file holds no text, only images (a scanned PDF?)." + _HOW.en,
    )


class Encrypted(IntakeError):
    code = "encrypted"
    _texts: ClassVar[Text] = Text(
        sv="Filen är lösenordsskyddad och kan inte läsas. Spara den utan lösenord, "
           "eller klistra in texten.",
        en="The file is password-protected and cannot be read. Save it without a "
           "password, or paste its text.",
    )


class TooLarge(IntakeError):
    code = "too_large"
    _texts: ClassVar[Text] = Text(
        sv="Filen är för stor: högst {limit} MB kan läsas." + _HOW.sv,
        en="The file is too large: at most {limit} MB can be read." + _HOW.en,
    )


class Unsupported(IntakeError):
    code = "unsupported"
    _texts: ClassVar[Text] = Text(
        sv="Den här filtypen ({kind}) kan inte läsas. Använd text, e-post (.eml), PDF "
           "eller Word (.docx).",
        en="This kind of file ({kind}) cannot be read. Use text, e-mail (.eml), PDF "
           "or Word (.docx).",
    )


class Unreadable(IntakeError):
    code = "unreadable"
    _texts: ClassVar[Text] = Text(
        sv="Filen kan inte läsas; den verkar vara skadad." + _HOW.sv,
        en="The file cannot be read; it seems to be damaged." + _HOW.en,
    )
