"""The built manifest and its English strings against Microsoft's own JSON schemas."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema.exceptions import SchemaError
from jsonschema.protocols import Validator
from referencing.exceptions import Unresolvable

from manifest.package import MANIFEST_VERSION

from . import teams_schemas
from .teams_schemas import DRAFT4, TeamsValidator, load_schema, schemas_dir, teams_validator

SV_COMMANDS = ["hjälp", "ny bedömning", "vem beslutar", "mina bedömningar", "avbryt"]
EN_COMMANDS = ["help", "new assessment", "who decides", "my assessments", "cancel"]
# After the five, personal chat lists the user's IB cases and a team IB's agenda.
SV_EXTRA = {"personal": "mina ärenden", "team": "dagordning"}
EN_EXTRA = {"personal": "my cases", "team": "agenda"}


def _errors(validator: Validator, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def _lookup(manifest: dict[str, Any], dotted: str) -> Any:
    """Follow a localisation key such as ``bots[0].commandLists[1].commands[2].title``."""
    node: Any = manifest
    for part in dotted.split("."):
        m = re.fullmatch(r"([A-Za-z]+)((?:\[\d+\])*)", part)
        assert m, f"unexpected key part {part!r}"
        node = node[m.group(1)]
        for index in re.findall(r"\[(\d+)\]", m.group(2)):
            node = node[int(index)]
    return node


def test_the_built_manifest_is_valid_against_microsofts_schema(
    manifest_json: dict[str, Any], manifest_validator: Validator
) -> None:
    assert _errors(manifest_validator, manifest_json) == []


def test_the_english_strings_are_valid_against_microsofts_localisation_schema(
    english: dict[str, Any], localization_validator: Validator
) -> None:
    assert _errors(localization_validator, english) == []


def test_the_schema_check_catches_a_broken_manifest(
    manifest_json: dict[str, Any], manifest_validator: Validator
) -> None:
    broken = copy.deepcopy(manifest_json)
    broken["bots"][0]["botId"] = "not-a-guid"
    broken["description"]["short"] = "x" * 81
    broken["manifestVersion"] = "1.21"
    broken["unexpected"] = True
    broken["authorization"]["permissions"]["resourceSpecific"][0]["type"] = "Tenant"
    del broken["webApplicationInfo"]["id"]
    errors = "\n".join(_errors(manifest_validator, broken))
    assert "bots/0/botId" in errors
    assert "authorization/permissions/resourceSpecific/0/type" in errors
    assert "'id' is a required property" in errors
    assert "description/short" in errors
    assert "manifestVersion" in errors
    assert "unexpected" in errors


def test_the_localisation_check_catches_an_unknown_key(
    english: dict[str, Any], localization_validator: Validator
) -> None:
    broken = {**english, "bots[0].commandLists[0].commands[10].title": "too many"}
    assert _errors(localization_validator, broken) != []


def test_the_manifest_declares_the_schema_it_is_validated_against(
    manifest_json: dict[str, Any], english: dict[str, Any]
) -> None:
    base = f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}/"
    assert manifest_json["manifestVersion"] == MANIFEST_VERSION
    assert manifest_json["$schema"] == base + "MicrosoftTeams.schema.json"
    assert english["$schema"] == base + "MicrosoftTeams.Localization.schema.json"
    schema = load_schema(MANIFEST_VERSION, "MicrosoftTeams.schema.json")
    assert schema["properties"]["manifestVersion"]["const"] == MANIFEST_VERSION


def _newest_checkable_version() -> str:
    versions = sorted(
        (tuple(int(n) for n in p.name[1:].split(".")), p.name[1:])
        for p in schemas_dir().iterdir()
        if re.fullmatch(r"v1\.\d+", p.name)
    )
    for _, version in reversed(versions):
        schema = load_schema(version, "MicrosoftTeams.schema.json")
        if schema.get("$schema") != DRAFT4:
            continue
        try:
            TeamsValidator.check_schema(schema)
        except SchemaError:
            continue  # e.g. \p{L} patterns that Python's re cannot compile
        return version
    raise AssertionError("no Teams schema in the package can be checked")


def test_the_manifest_uses_the_newest_schema_python_can_check() -> None:
    # Newer ones in @microsoft/app-manifest 1.1.2 use \p{L} regexes that Python's re
    # rejects; when a new pin changes that, this test says to move up.
    assert _newest_checkable_version() == MANIFEST_VERSION


def test_swedish_is_the_default_language_and_english_is_offered_from_a_file(
    manifest_json: dict[str, Any], package_files: dict[str, bytes]
) -> None:
    info = manifest_json["localizationInfo"]
    assert info["defaultLanguageTag"] == "sv-SE"
    assert info["additionalLanguages"] == [{"languageTag": "en-US", "file": "en-US.json"}]
    assert "en-US.json" in package_files


def test_every_english_string_translates_a_string_the_manifest_has(
    manifest_json: dict[str, Any], english: dict[str, Any]
) -> None:
    for key, value in english.items():
        if key == "$schema":
            continue
        swedish = _lookup(manifest_json, key)
        assert isinstance(swedish, str), key
        assert isinstance(value, str), key
        assert value.strip(), key


def test_every_user_visible_manifest_string_has_an_english_translation(
    manifest_json: dict[str, Any], english: dict[str, Any]
) -> None:
    expected = {"name.short", "name.full", "description.short", "description.full"}
    for i, command_list in enumerate(manifest_json["bots"][0]["commandLists"]):
        for j, _ in enumerate(command_list["commands"]):
            for field in ("title", "description"):
                expected.add(f"bots[0].commandLists[{i}].commands[{j}].{field}")
    for j, _ in enumerate(manifest_json["composeExtensions"][0]["commands"]):
        for field in ("title", "description"):
            expected.add(f"composeExtensions[0].commands[{j}].{field}")
    assert expected <= set(english)


def test_the_bot_is_offered_in_personal_team_and_group_chat_scopes(
    manifest_json: dict[str, Any],
) -> None:
    (bot,) = manifest_json["bots"]
    assert sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    assert bot["isNotificationOnly"] is False


def test_the_app_asks_each_team_only_to_read_its_channel_messages_as_the_bots_own_app(
    manifest_json: dict[str, Any],
) -> None:
    # The delivery worker reads the IB channel through Graph to see whether a post whose
    # sending was interrupted did arrive; a team owner grants this for that team alone.
    assert manifest_json["authorization"] == {
        "permissions": {
            "resourceSpecific": [{"name": "ChannelMessage.Read.Group", "type": "Application"}]
        }
    }
    info = manifest_json["webApplicationInfo"]
    assert info["id"] == teams_schemas.BOT_ID


def test_the_overview_tab_is_a_team_tab_and_the_personal_tab_mina_arenden(
    manifest_json: dict[str, Any], english: dict[str, Any]
) -> None:
    host = "strategikollen.stockholm.se"  # manifest.package.DEFAULT_BOT_HOST
    (team_tab,) = manifest_json["configurableTabs"]
    assert team_tab["configurationUrl"] == f"https://{host}/tab/config"  # bot.overview.routes
    assert team_tab["scopes"] == ["team"]
    (personal,) = manifest_json["staticTabs"]
    assert personal["name"] == "Mina ärenden"
    assert english["staticTabs[0].name"] == "My cases"
    assert personal["contentUrl"] == f"https://{host}/tab/?view=mine"
    assert personal["scopes"] == ["personal"]
    assert host in manifest_json["validDomains"]
    # Teams single sign-on for the tab: the resource is the tab's domain and the app id,
    # the audience the bot checks (STRATEGIKOLLEN_TAB_AUDIENCE, docs/deploy.md).
    info = manifest_json["webApplicationInfo"]
    assert info["resource"] == f"api://{host}/{teams_schemas.BOT_ID}"


def test_personal_and_team_scopes_list_the_five_commands_and_one_for_ib_in_both_languages(
    manifest_json: dict[str, Any], english: dict[str, Any]
) -> None:
    lists = manifest_json["bots"][0]["commandLists"]
    assert [cl["scopes"] for cl in lists] == [["personal"], ["team"]]
    for i, command_list in enumerate(lists):
        (scope,) = command_list["scopes"]
        assert [c["title"] for c in command_list["commands"]] == [*SV_COMMANDS, SV_EXTRA[scope]]
        assert [
            english[f"bots[0].commandLists[{i}].commands[{j}].title"]
            for j in range(len(command_list["commands"]))
        ] == [*EN_COMMANDS, EN_EXTRA[scope]]


@pytest.mark.parametrize(
    ("lang", "advisory", "kinds"),
    [
        (
            "sv",
            "rådgivande",
            ["resor", "besök", "avtal", "medlemskap", "inbjudningsbrev", "deklarationer"],
        ),
        (
            "en",
            "advisory",
            ["trips", "visits", "agreements", "memberships", "invitation", "declarations"],
        ),
    ],
)
def test_the_descriptions_say_what_is_screened_who_decides_and_that_it_only_advises(
    manifest_json: dict[str, Any],
    english: dict[str, Any],
    lang: str,
    advisory: str,
    kinds: list[str],
) -> None:
    if lang == "sv":
        short, full = manifest_json["description"]["short"], manifest_json["description"]["full"]
        decides = ["nämnden", "kommunstyrelsen", "kommunfullmäktige", "finansborgarrådet"]
    else:
        short, full = english["description.short"], english["description.full"]
        decides = ["committee", "City Executive Board", "City Council", "Finance Commissioner"]
    assert advisory in short.lower()
    assert advisory in full.lower()
    for word in kinds + decides:
        assert word in full, word


def test_the_developer_is_the_city_with_https_pages(manifest_json: dict[str, Any]) -> None:
    developer = manifest_json["developer"]
    assert developer["name"] == "Stockholms stad"
    for field in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert developer[field].startswith("https://start.stockholm/")


def test_the_teams_validator_refuses_a_schema_of_another_draft() -> None:
    with pytest.raises(AssertionError, match="draft"):
        teams_validator({"$schema": "https://json-schema.org/draft/2020-12/schema"})


def test_a_missing_schema_package_fails_the_run_and_says_to_run_npm_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(teams_schemas, "APP_MANIFEST", tmp_path / "node_modules" / "nothing")
    with pytest.raises(pytest.fail.Exception, match="npm ci"):
        schemas_dir()


def test_the_validator_never_fetches_a_remote_reference() -> None:
    schema = {"$schema": DRAFT4, "$ref": "https://example.invalid/other.schema.json"}
    with pytest.raises(Unresolvable):
        teams_validator(schema).validate({})


# A second opinion from the JavaScript side: the same schemas through ajv (draft-04),
# the validator @microsoft/app-manifest itself depends on.
AJV_CHECK = r"""
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");
const fs = require("fs");
const [schemaPath, docPath] = process.argv.slice(1);
// unicodeRegExp off: the localisation schema's patterns are not valid in unicode mode.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
const ok = validate(JSON.parse(fs.readFileSync(docPath, "utf8")));
process.stdout.write(JSON.stringify(ok ? [] : validate.errors));
"""


def _ajv_errors(schema_name: str, document: dict[str, Any], tmp_path: Path) -> list[Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: run `scripts/test`, the README's test command.")
    doc = tmp_path / "document.json"
    doc.write_text(json.dumps(document), encoding="utf-8")
    schema = schemas_dir() / f"v{MANIFEST_VERSION}" / schema_name
    done = subprocess.run(
        [node, "-e", AJV_CHECK, str(schema), str(doc)],
        capture_output=True,
        text=True,
        cwd=teams_schemas.REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    errors: list[Any] = json.loads(done.stdout)
    return errors


def test_ajv_agrees_that_the_manifest_and_the_english_strings_are_valid(
    manifest_json: dict[str, Any], english: dict[str, Any], tmp_path: Path
) -> None:
    assert _ajv_errors("MicrosoftTeams.schema.json", manifest_json, tmp_path) == []
    assert _ajv_errors("MicrosoftTeams.Localization.schema.json", english, tmp_path) == []


def test_ajv_rejects_a_manifest_with_a_bad_bot_id(
    manifest_json: dict[str, Any], tmp_path: Path
) -> None:
    broken = copy.deepcopy(manifest_json)
    broken["bots"][0]["botId"] = "not-a-guid"
    errors = _ajv_errors("MicrosoftTeams.schema.json", broken, tmp_path)
    assert any("/bots/0/botId" in e["instancePath"] for e in errors)


def test_every_command_in_the_menu_is_one_the_bot_understands(
    manifest_json: dict[str, Any], english: dict[str, Any]
) -> None:
    from dialogs.commands import Command, parse_command

    five = [Command.HELP, Command.NEW, Command.WHO, Command.MINE, Command.CANCEL]
    extra = {"personal": Command.MY_CASES, "team": Command.AGENDA}
    for i, command_list in enumerate(manifest_json["bots"][0]["commandLists"]):
        (scope,) = command_list["scopes"]
        expected = [*five, extra[scope]]
        assert len(command_list["commands"]) == len(expected)
        for j, command in enumerate(command_list["commands"]):
            english_title = english[f"bots[0].commandLists[{i}].commands[{j}].title"]
            assert parse_command(command["title"]) == expected[j], command["title"]
            assert parse_command(english_title) == expected[j], english_title
