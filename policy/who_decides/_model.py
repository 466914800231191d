"""The answer to a "Who decides?" question: the contract's keys (§5) and what the card needs."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from ..models import Citation, Kind, Lang, Owner


class Candidate(BaseModel):
    """One possible decision owner while the question leaves it open.

    ``value`` is what this owner presumes: the kind and the routing fields
    (contract §1 names and values). Passed back as ``context`` with the
    question, it settles the answer to this owner.
    """

    model_config = ConfigDict(frozen=True)

    decision_owner: Owner
    label: str
    condition: str
    value: dict[str, Any]


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
