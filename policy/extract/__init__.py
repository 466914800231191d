"""From an invitation's text to the fields of a screening (contract §1), with evidence.

Pure: no I/O, no network, no hosted model. ``extract(text, lang)`` returns an
``Extraction``: the engagement fields found (contract names only), the sentence
each came from, what is still missing, and what the contract has no field for
(the place, every amount in its own currency, whether a signature is asked for).
Reading files into text is ``intake``'s work.
"""

from .extractor import extract
from .models import Amount, Extraction, Place

__all__ = ["Amount", "Extraction", "Place", "extract"]
