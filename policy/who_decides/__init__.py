"""Free-text "Who decides?" questions (contract §5), answered with the routing table of §4.

Pure Python: no I/O beyond the package's own data, no network, no SDK.

How a question is read:

1. Tokens are lower-cased and keyed three ways: a Swedish stem, an English
   stem and the written form. The lexicon (``_lexicon``) is filed under the
   same keys, also as typed without å, ä, ö ("kommunfullmaktige" meets
   "kommunfullmäktige") and, in Swedish, under its usual inflected forms. A
   token that is no word of the lexicon is tried as a compound
   ("miljönämnden" → "nämnden") and then, in the question's language,
   corrected to the nearest lexicon word (Damerau-Levenshtein ≤ 1, or ≤ 2
   from eight letters; the first letter must agree).
2. The longest lexicon phrase at each position gives its cues: the kind, the
   routing fields, who takes part, foreign policy. A negation just before
   ("inte på uppdrag av kommunstyrelsen") flips a yes/no cue.
3. The kind and the fields known (from the question, overridden by
   ``context``) are matched against every combination of the routing fields,
   each routed by ``policy.routing.route_for``: one owner settles the answer;
   several give candidates, each with the least it takes to get there, and
   one clarifying question — the field whose answer leaves the fewest owners.

The result, ``WhoDecides``, serialises to the contract's JSON plus four documented
extras: ``lang``, ``route``, ``options`` and ``coordinated_by`` (the body that coordinates
what the owner decides: kommunstyrelsen for significant visits). It also carries what
the card shows and the JSON leaves out: the route's ``reason``, a ``broad`` flag per
candidate and the ``chosen`` condition (see ``WhoDecides``).

The parts, in the order a question goes through them:

- ``_keys``: the three keys of a token;
- ``_index``: the lexicon indexed once (on first use), compounds and typo correction;
- ``_reading``: cues, negation, the language, the kind and fields a question states;
- ``_planner``: routing with fields unknown, and the one question that settles most;
- ``_wording``: the sentences of the answer, Swedish and English;
- ``_answer``: ``answer`` itself, the context of a clarifying answer and the notes;
- ``_model``: ``WhoDecides``, ``Candidate`` and ``ClarifyOption``.
"""

from __future__ import annotations

from ._answer import answer
from ._model import Candidate, ClarifyOption, WhoDecides
from ._reading import detect_lang

__all__ = ["Candidate", "ClarifyOption", "WhoDecides", "answer", "detect_lang"]
