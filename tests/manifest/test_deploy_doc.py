"""docs/deploy.md names exactly the settings the code has: no invented ones, none forgotten."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from bot.settings import SDK_VARIABLES, Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
# A name runs on while letters, digits and underscores follow, so a truncated
# or wildcard mention ("STRATEGIKOLLEN_DB", "..._SETTINGS__") is caught as unknown.
NAME = re.compile(r"\b(?:STRATEGIKOLLEN_|CONNECTIONS__)[A-Za-z0-9_]*")


def _settings_names(model: type[BaseModel], prefix: str, delimiter: str | None) -> set[str]:
    names: set[str] = set()
    for field_name, field in model.model_fields.items():
        alias = field.validation_alias
        env = alias.upper() if isinstance(alias, str) else prefix + field_name.upper()
        names.add(env)
        nested = field.annotation
        if delimiter and isinstance(nested, type) and issubclass(nested, BaseModel):
            names |= _settings_names(nested, env + delimiter, delimiter)
    return names


def settings_names() -> set[str]:
    """Every environment variable ``bot.settings.Settings`` reads."""
    config = Settings.model_config
    prefix = str(config.get("env_prefix") or "").upper()
    delimiter = config.get("env_nested_delimiter")
    return _settings_names(Settings, prefix, delimiter)


def documented_names(text: str) -> set[str]:
    return set(NAME.findall(text))


def test_the_settings_model_reads_strategikollen_variables() -> None:
    names = settings_names()
    assert names
    assert all(name.startswith("STRATEGIKOLLEN_") for name in names)


def test_every_setting_named_in_the_deployment_guide_exists_in_the_code() -> None:
    unknown = documented_names(DOC.read_text(encoding="utf-8")) - settings_names() - SDK_VARIABLES
    assert unknown == set()


def test_every_setting_in_the_code_is_documented_in_the_deployment_guide() -> None:
    assert settings_names() - documented_names(DOC.read_text(encoding="utf-8")) == set()


def test_every_agents_sdk_variable_the_bot_checks_is_documented() -> None:
    assert {
        "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID",
        "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET",
        "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CERTPFXFILE",
        "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__FEDERATEDCLIENTID",
    } <= SDK_VARIABLES
    assert documented_names(DOC.read_text(encoding="utf-8")) >= SDK_VARIABLES


def test_a_made_up_or_truncated_name_would_be_caught() -> None:
    text = "Set `STRATEGIKOLLEN_NO_SUCH_THING` and CONNECTIONS__SERVICE_CONNECTION__SETTINGS__*."
    unknown = documented_names(text) - settings_names() - SDK_VARIABLES
    assert unknown == {
        "STRATEGIKOLLEN_NO_SUCH_THING",
        "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__",
    }


def test_the_guide_covers_serving_health_probes_and_packaging() -> None:
    text = DOC.read_text(encoding="utf-8")
    for needle in (
        "strategikollen serve --host 127.0.0.1 --port 3978",
        "/healthz",
        "/readyz",
        "strategikollen package --bot-id",
        "--out dist/",
        "Teams admin center",
        "Single Tenant",
        "PostgreSQL",
        "Python 3.12",
    ):
        assert needle in text, needle
