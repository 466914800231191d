"""The answer to a "Who decides?" question: the contract's keys (§5) and what the card needs."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..models import Citation, Kind, Lang, Owner


class Candidate(BaseModel):
    """One possible decision owner while the question leaves it open.

    ``value`` is what this owner presumes: the kind and the routing fields
    (contract §1 names and values). Passed back as ``context`` with the
    question, it settles the answer to this owner.

    ``broad`` (for the card, not in the JSON): more than one way of answering the
    clarifying questions leads to this owner, so it stands for several cases, which its
    condition lists.
    """

    model_config = ConfigDict(frozen=True)

    decision_owner: Owner
    label: str
    condition: str
    value: dict[str, Any]
    broad: bool = Field(default=False, exclude=True)


class ClarifyOption(BaseModel):
    """One answer to the clarifying question, for a button; ``value`` goes back as ``context``."""

    model_config = ConfigDict(frozen=True)

    label: str
    value: dict[str, Any]


class WhoDecides(BaseModel):
    """The answer to a "Who decides?" question (contract §5).

    Beyond the contract's keys: ``lang`` the language answered in, ``route``
    the routing rule of a settled owner (e.g. ``"R-KF-ORG"``), ``options`` the
    answers to ``clarify``, ``coordinated_by`` a body that coordinates without
    deciding (contract §7.2).

    For the card, and not in the JSON (the contract's output stays as it is): ``reason``
    why the settled owner decides (the route's reason, which ``answer`` gives after
    naming the owner), and ``chosen`` the condition of the candidate whose ``value`` came
    back as ``context`` (the case the user picked), when the answer settles on it.
    """

    model_config = ConfigDict(frozen=True)

    kind: Kind | None
    decision_owner: Owner | None
    allowed: bool
    candidates: list[Candidate]
    clarify: str | None
    answer: str
    citations: list[Citation]
    lang: Lang
    route: str | None = None
    options: list[ClarifyOption] = []
    coordinated_by: Owner | None = None
    reason: str | None = Field(default=None, exclude=True)
    chosen: str | None = Field(default=None, exclude=True)
