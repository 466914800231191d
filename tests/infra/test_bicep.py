"""infra/main.bicep, checked structurally, and parsed where a Bicep parser is installed.

The Bicep CLI is not in the package registries this project can reach (it comes from
GitHub; ``az bicep`` downloads it), so the template is not compiled here. These tests
read it as text: the resources and their API versions, the Teams channel, the managed
identity reading Key Vault, the secrets marked secure and never in the template's values,
the probes, and every parameter documented in docs/deploy.md (section 8).

PyPI does have a Bicep parser that runs offline, ``pycep-parser`` (Lark grammar; checkov
lints Bicep with it), a dev dependency: the template must parse, and the parser must see
the same resources, API versions and parameters as the text tests read, with every secret
a ``@secure()`` parameter.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BICEP = (ROOT / "infra" / "main.bicep").read_text(encoding="utf-8")
PARAMETERS = json.loads((ROOT / "infra" / "main.parameters.json").read_text(encoding="utf-8"))
DEPLOY = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")

RESOURCE = re.compile(r"(?m)^resource (\w+) '([\w./]+)@(\d{4}-\d{2}-\d{2}(?:-preview)?)'")
PARAM = re.compile(r"(?m)^param (\w+) (\w+)")


def resources() -> dict[str, str]:
    return {name: kind for name, kind, _version in RESOURCE.findall(BICEP)}


def params() -> dict[str, str]:
    return dict(PARAM.findall(BICEP))


def _block(name: str) -> str:
    """The text of resource ``name`` up to the next top-level declaration."""
    start = BICEP.index(f"resource {name} ")
    end = re.search(r"(?m)^(resource|output|param|var) ", BICEP[start + 1:])
    return BICEP[start: start + 1 + end.start()] if end else BICEP[start:]


def test_the_template_has_every_resource_the_issue_asks_for() -> None:
    kinds = set(resources().values())
    assert {
        "Microsoft.App/managedEnvironments",
        "Microsoft.App/containerApps",
        "Microsoft.DBforPostgreSQL/flexibleServers",
        "Microsoft.DBforPostgreSQL/flexibleServers/databases",
        "Microsoft.KeyVault/vaults",
        "Microsoft.KeyVault/vaults/secrets",
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        "Microsoft.Authorization/roleAssignments",
        "Microsoft.BotService/botServices",
        "Microsoft.BotService/botServices/channels",
    } <= kinds
    for _name, _kind, version in RESOURCE.findall(BICEP):
        assert re.fullmatch(r"20\d\d-\d\d-\d\d(-preview)?", version)


def test_the_bot_resource_is_single_tenant_with_the_teams_channel_at_the_apps_endpoint() -> None:
    bot = _block("bot")
    assert "kind: 'azurebot'" in bot
    assert "msaAppType: 'SingleTenant'" in bot
    assert "msaAppTenantId: tenantId" in bot
    assert "endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'" in bot
    teams = _block("teams")
    assert "name: 'MsTeamsChannel'" in teams
    assert "isEnabled: true" in teams


def test_the_secrets_are_secure_parameters_read_from_key_vault_by_the_managed_identity() -> None:
    declared = BICEP.split("\n")
    for secret in ("botClientSecret", "postgresAdminPassword"):
        line = next(i for i, text in enumerate(declared) if text.startswith(f"param {secret} "))
        assert declared[line - 1] == "@secure()", secret
        assert secret not in PARAMETERS["parameters"]  # given at deployment, never in a file
    app = _block("app")
    assert "type: 'UserAssigned'" in app
    assert app.count("keyVaultUrl:") == 2
    assert "secretRef: 'bot-client-secret'" in app
    assert "secretRef: 'database-url'" in app
    assert "CLIENTSECRET', value:" not in app  # the secret never as a plain value
    vault = _block("vault")
    assert "enableRbacAuthorization: true" in vault
    role = _block("secretsUser")
    assert "4633458b-17de-408a-b874-0445c86b69e6" in BICEP  # Key Vault Secrets User
    assert "principalId: identity.properties.principalId" in role
    assert "scope: vault" in role
    # No literal secret anywhere: no password, key or connection string in the text.
    assert not re.search(r"(?i)(password|secret|key)\s*:\s*'[^'$]{6,}'", BICEP)


def test_the_bot_signs_in_with_a_federated_credential_of_its_identity_unless_told_a_secret() -> None:
    from bot.settings import CREDENTIAL_VARIABLES

    declared = BICEP.split("\n")
    at = declared.index("param botAuthType string = 'FederatedCredentials'")
    allowed = re.findall(r"'(\w+)'", "\n".join(declared[at - 4: at]))
    assert allowed == ["FederatedCredentials", "ClientSecret"]
    assert set(allowed) <= set(CREDENTIAL_VARIABLES)  # kinds the bot accepts, spelt as the SDK
    assert PARAMETERS["parameters"]["botAuthType"]["value"] == "FederatedCredentials"
    assert "param botClientSecret string = ''" in BICEP  # not needed without a secret
    assert "var usesSecret = botAuthType == 'ClientSecret'" in BICEP
    assert "resource clientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (usesSecret) {" in BICEP
    app = _block("app")
    assert "{ name: 'CONNECTIONS__SERVICE_CONNECTION__SETTINGS__AUTHTYPE', value: botAuthType }" in app
    secret = "{ name: 'CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET', secretRef: 'bot-client-secret' }"
    federated = ("{ name: 'CONNECTIONS__SERVICE_CONNECTION__SETTINGS__FEDERATEDCLIENTID', "
                 "value: identity.properties.clientId }")
    # The secret's variable and its Key Vault reference only with ClientSecret, the
    # identity's client id otherwise.
    assert re.search(r"usesSecret \? \[\s*" + re.escape(secret) + r"\s*\] : \[[^\]]*"
                     + re.escape(federated), app)
    assert re.search(r"usesSecret \? \[\s*\{\s*name: 'bot-client-secret'", app)
    assert "output identityClientId string = identity.properties.clientId" in BICEP


def test_the_container_app_probes_the_health_endpoints_and_stops_gracefully() -> None:
    app = _block("app")
    assert "targetPort: 3978" in app
    assert "allowInsecure: false" in app
    assert "path: '/healthz'" in app
    assert "path: '/readyz'" in app
    assert "terminationGracePeriodSeconds: 30" in app
    names = set(re.findall(r"\{ name: '([A-Z_]+)'", app))
    assert {f"CONNECTIONS__SERVICE_CONNECTION__SETTINGS__{n}"
            for n in ("CLIENTID", "CLIENTSECRET", "TENANTID")} <= names
    from bot.settings import Settings

    settings = {f"STRATEGIKOLLEN_{n.upper()}" for n in Settings.model_fields}
    assert {n for n in names if n.startswith("STRATEGIKOLLEN_")} <= settings


def test_every_parameter_is_described_and_documented_in_the_deployment_guide() -> None:
    declared = params()
    assert declared
    lines = BICEP.split("\n")
    for name in declared:
        at = next(i for i, text in enumerate(lines) if text.startswith(f"param {name} "))
        above = "\n".join(lines[max(0, at - 6): at])
        assert "@description(" in above, name
        assert f"`{name}`" in DEPLOY, f"{name} is not in docs/deploy.md"
    assert set(PARAMETERS["parameters"]) <= set(declared)


# --- parsed by pycep-parser ---------------------------------------


def _parse(text: str) -> dict[str, Any]:
    import pycep

    tree: dict[str, Any] = dict(pycep.BicepParser().parse(text=text))
    return tree


def test_the_template_parses_and_the_parser_sees_what_the_text_tests_read() -> None:
    tree = _parse(BICEP)
    parsed = tree["resources"]
    assert {name: r["type"] for name, r in parsed.items()} == resources()
    assert {name: r["api_version"] for name, r in parsed.items()} == {
        name: version for name, _kind, version in RESOURCE.findall(BICEP)}
    assert {name: p["type"] for name, p in tree["parameters"].items()} == params()
    for name, param in tree["parameters"].items():
        decorators = {d["type"] for d in param["decorators"]}
        assert "description" in decorators, name
        if re.search(r"(?i)secret|password", name):
            assert "secure" in decorators, f"{name} must be @secure()"


def test_the_parser_refuses_a_broken_template() -> None:
    _parse(BICEP)
    from lark.exceptions import LarkError

    with pytest.raises(LarkError):
        _parse(_block("bot").rstrip().removesuffix("}"))
