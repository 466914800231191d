"""The JSON Schema of the input (contract §1), with the kind-dependent requirements."""

from __future__ import annotations

from typing import Any

from .models import REQUIRED_BY_KIND, Engagement

__all__ = ["input_schema"]


def input_schema() -> dict[str, Any]:
    schema = Engagement.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Strategikollen engagement"
    schema["allOf"] = [
        {
            "if": {"properties": {"kind": {"enum": [k.value for k in kinds]}},
                   "required": ["kind"]},
            "then": {"required": [field],
                     "properties": {field: {"not": {"type": "null"}}}},
        }
        for field, kinds in REQUIRED_BY_KIND.items()
    ]
    return schema
