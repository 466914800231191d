"""Small builders for valid engagements in tests."""

from __future__ import annotations

from typing import Any

from policy import Engagement, Kind, parse_engagement
from policy.models import REQUIRED_BY_KIND

# A neutral value for each field the route depends on.
_NEUTRAL_REQUIRED: dict[str, Any] = {
    "scope": "single_operation",
    "on_behalf_of_ks": False,
    "membership_body": "network",
    "increases_resource_burden": False,
}


def base(kind: str, **fields: Any) -> dict[str, Any]:
    """The smallest valid engagement of ``kind``, with ``fields`` on top."""
    data: dict[str, Any] = {"kind": kind, "title": f"Testfall {kind}"}
    for field, kinds in REQUIRED_BY_KIND.items():
        if Kind(kind) in kinds:
            data[field] = _NEUTRAL_REQUIRED[field]
    data.update(fields)
    return data


def engagement(kind: str, **fields: Any) -> Engagement:
    return parse_engagement(base(kind, **fields))
