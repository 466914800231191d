"""Fixtures for the Teams app package: a built zip, its files, and schema validators."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from jsonschema.protocols import Validator

from manifest.package import MANIFEST_VERSION, build_package

from .teams_schemas import BOT_ID, load_schema, teams_validator


@pytest.fixture(scope="session")
def manifest_validator() -> Validator:
    return teams_validator(load_schema(MANIFEST_VERSION, "MicrosoftTeams.schema.json"))


@pytest.fixture(scope="session")
def localization_validator() -> Validator:
    return teams_validator(load_schema(MANIFEST_VERSION, "MicrosoftTeams.Localization.schema.json"))


@pytest.fixture(scope="session")
def package_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_package(BOT_ID, tmp_path_factory.mktemp("dist"), version="1.2.3")


@pytest.fixture(scope="session")
def package_files(package_zip: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package_zip) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.fixture(scope="session")
def manifest_json(package_files: dict[str, bytes]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(package_files["manifest.json"].decode("utf-8"))
    return data


@pytest.fixture(scope="session")
def english(package_files: dict[str, bytes]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(package_files["en-US.json"].decode("utf-8"))
    return data
