"""Reading invitations from files: text, e-mail (.eml), HTML, PDF and Word (.docx).

``read_text(filename, data)`` returns the text, or raises an ``IntakeError``
(``Empty``, ``NoText`` for a scanned PDF or a picture, ``Encrypted``, ``TooLarge``,
``Unsupported``, ``Unreadable``) whose ``message(lang)`` says so in Swedish or
English. ``policy.extract.extract`` then reads the text. Nothing is stored.
"""

from .errors import Empty, Encrypted, IntakeError, NoText, TooLarge, Unreadable, Unsupported
from .readers import MAX_BYTES, read_text

__all__ = [
    "MAX_BYTES",
    "Empty",
    "Encrypted",
    "IntakeError",
    "NoText",
    "TooLarge",
    "Unreadable",
    "Unsupported",
    "read_text",
]
