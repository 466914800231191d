"""Microsoft's Teams schemas from node_modules, and a validator that matches their draft.

The schemas come from the npm package ``@microsoft/app-manifest`` (pinned in
package.json), installed by ``npm ci`` as part of the project's test command.
Without it these tests fail, never skip: a skipped schema check is no check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft6Validator, validators
from jsonschema.protocols import Validator
from referencing import Registry
from referencing.exceptions import NoSuchResource

REPO = Path(__file__).resolve().parents[2]
APP_MANIFEST = REPO / "node_modules" / "@microsoft" / "app-manifest"
APP_MANIFEST_VERSION = "1.1.2"
DRAFT4 = "http://json-schema.org/draft-04/schema#"

BOT_ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
APP_ID = "8c6b3f0e-2d7a-4e51-9b1c-5a0f6e2d4c71"


def _no_network(uri: str) -> Any:
    raise NoSuchResource(ref=uri)


# Microsoft's schemas say draft-04 but use draft-06's ``const`` (for manifestVersion);
# a plain draft-04 validator would silently ignore it, so it is added here.
TeamsValidator = validators.extend(Draft4Validator, {"const": Draft6Validator.VALIDATORS["const"]})


def schemas_dir() -> Path:
    """The folder of Teams schemas inside the npm package; fails with what to do if absent."""
    package_json = APP_MANIFEST / "package.json"
    if not package_json.is_file():
        pytest.fail(
            f"{APP_MANIFEST} is missing: the Teams manifest schemas come from npm. Run "
            "`scripts/test`, the test command in README.md (it runs `npm ci` at the repository "
            "root first).",
            pytrace=False,
        )
    installed = json.loads(package_json.read_text(encoding="utf-8"))["version"]
    if installed != APP_MANIFEST_VERSION:
        pytest.fail(
            f"@microsoft/app-manifest {installed} is installed, package.json pins "
            f"{APP_MANIFEST_VERSION}: run `npm ci` at the repository root.",
            pytrace=False,
        )
    return APP_MANIFEST / "build" / "json-schemas" / "teams"


def load_schema(version: str, name: str) -> dict[str, Any]:
    path = schemas_dir() / f"v{version}" / name
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def teams_validator(schema: dict[str, Any]) -> Validator:
    """A draft-04 validator (+ const) that resolves only the schema's own ``#/...`` refs."""
    assert schema.get("$schema") == DRAFT4, (
        "the schema's draft changed: pick the matching validator"
    )
    TeamsValidator.check_schema(schema)
    return TeamsValidator(
        schema,
        registry=Registry(retrieve=_no_network),
        format_checker=TeamsValidator.FORMAT_CHECKER,
    )
