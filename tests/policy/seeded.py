"""The seeded random engagements of ``bench/bench_policy.py``, shared with the tests.

``varied(i)`` is raw input (a dict, as read from JSON): every kind, mixed answers, a
forum name of its own. The same ``i`` gives the same engagement on every run.
"""

from __future__ import annotations

import random

from policy import Kind

__all__ = ["DIRECTIONS", "varied"]

DIRECTIONS = ["profilering", "omvarldsbevakning", "samverkan", "paverkan"]


def varied(i: int) -> dict[str, object]:
    """A seeded random engagement: every kind, mixed answers, a forum name of its own."""
    rnd = random.Random(i)
    kind = rnd.choice([k.value for k in Kind])
    data: dict[str, object] = {"kind": kind, "title": f"Engagemang {i}",
                               "scope": rnd.choice(["single_operation", "several_operations",
                                                    "city_wide"]),
                               "on_behalf_of_ks": rnd.random() < 0.5,
                               "membership_body": rnd.choice(["organisation", "network"]),
                               "increases_resource_burden": rnd.random() < 0.3,
                               "directions": rnd.sample(DIRECTIONS, rnd.randint(0, 3)),
                               "cost_sek": rnd.randint(0, 2_000_000),
                               "existing_forum": f"Nätverk {i}" if rnd.random() < 0.4 else None}
    for field in ("foreign_policy", "within_budget", "active_role", "programme_available",
                  "mutual_benefit", "concrete_exchange", "existing_forums_checked"):
        data[field] = rnd.choice([True, False, None])
    if rnd.random() < 0.7:
        data["benefit"] = "Kunskapsutbyte"
    return data
