"""Building the zip: its contents, the ids filled in, and clear errors for bad input."""

from __future__ import annotations

import codecs
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from manifest.package import (
    DEFAULT_VERSION,
    PACKAGE_FILES,
    PackageError,
    build_package,
    main,
    render_manifest,
)

from .teams_schemas import APP_ID, BOT_ID, REPO

BAD_IDS = [
    "",
    "   ",
    "not-a-guid",
    "3f2504e0-4f89-11d3-9a0c-0305e82c330",  # one digit short
    "3f2504e0-4f89-11d3-9a0c-0305e82c3301-0",
    "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}",
    "3f2504e04f8911d39a0c0305e82c3301",
    "3f2504e0-4f89-11d3-9a0c-0305e82c330g",
    "00000000-0000-0000-0000-000000000000",
]


def _manifest_in(zip_path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(zip_path) as zf:
        data: dict[str, Any] = json.loads(zf.read("manifest.json"))
    return data


def test_the_zip_holds_exactly_the_manifest_the_icons_and_the_english_strings_at_its_root(
    package_zip: Path,
) -> None:
    with zipfile.ZipFile(package_zip) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
    assert sorted(names) == sorted(["manifest.json", "color.png", "outline.png", "en-US.json"])
    assert sorted(PACKAGE_FILES) == sorted(names)


def test_the_zip_is_named_after_the_version(package_zip: Path) -> None:
    assert package_zip.name == "strategikollen-1.2.3.zip"
    assert _manifest_in(package_zip)["version"] == "1.2.3"


def test_the_json_files_are_utf8_without_a_byte_order_mark(
    package_files: dict[str, bytes],
) -> None:
    for name in ("manifest.json", "en-US.json"):
        assert not package_files[name].startswith(codecs.BOM_UTF8), name
        json.loads(package_files[name].decode("utf-8"))


def test_the_bot_id_is_the_app_id_unless_another_is_given(tmp_path: Path) -> None:
    same = _manifest_in(build_package(BOT_ID, tmp_path / "a"))
    assert same["id"] == BOT_ID
    assert same["bots"][0]["botId"] == BOT_ID
    other = _manifest_in(build_package(BOT_ID, tmp_path / "b", app_id=APP_ID))
    assert other["id"] == APP_ID
    assert other["bots"][0]["botId"] == BOT_ID
    assert other["webApplicationInfo"]["id"] == BOT_ID  # the Entra app that calls Graph


def test_ids_are_trimmed_and_lower_cased(tmp_path: Path) -> None:
    manifest = _manifest_in(build_package(f"  {BOT_ID.upper()} ", tmp_path))
    assert manifest["id"] == BOT_ID
    assert manifest["bots"][0]["botId"] == BOT_ID


def test_the_default_version_is_the_projects_and_names_the_zip(tmp_path: Path) -> None:
    path = build_package(BOT_ID, tmp_path)
    assert path == tmp_path / f"strategikollen-{DEFAULT_VERSION}.zip"
    assert _manifest_in(path)["version"] == DEFAULT_VERSION


def test_valid_domains_default_to_the_host_of_the_developer_pages_and_the_bots() -> None:
    assert render_manifest(BOT_ID)["validDomains"] == ["start.stockholm",
                                                       "strategikollen.stockholm.se"]


def test_valid_domains_can_be_given_and_are_normalised() -> None:
    manifest = render_manifest(
        BOT_ID, valid_domains=["Strategikollen.Stockholm.se", "*.stockholm.se", "*.stockholm.se"]
    )
    assert manifest["validDomains"] == ["strategikollen.stockholm.se", "*.stockholm.se"]


def test_the_bot_host_places_the_tabs_and_their_sign_in() -> None:
    manifest = render_manifest(BOT_ID, bot_host="Bot.Example.ORG", valid_domains=["start.stockholm"])
    assert manifest["validDomains"] == ["start.stockholm", "bot.example.org"]
    assert manifest["staticTabs"][0]["contentUrl"] == "https://bot.example.org/tab/?view=mine"
    assert manifest["configurableTabs"][0]["configurationUrl"] == (
        "https://bot.example.org/tab/config")
    assert manifest["webApplicationInfo"]["resource"] == f"api://bot.example.org/{BOT_ID}"


@pytest.mark.parametrize("host", ["*.example.org", "https://bot.example.org", "bot.example.org:8443",
                                  ""])
def test_a_bot_host_with_a_wildcard_scheme_or_port_is_refused(host: str) -> None:
    with pytest.raises(PackageError):
        render_manifest(BOT_ID, bot_host=host)


@pytest.mark.parametrize(
    "domain", ["https://strategikollen.stockholm.se", "stockholm.se/path", "*.se", "", "a b.se"]
)
def test_a_domain_with_a_scheme_a_path_or_a_bare_wildcard_is_refused(domain: str) -> None:
    with pytest.raises(PackageError, match="Invalid domain"):
        render_manifest(BOT_ID, valid_domains=[domain])


def test_the_developer_pages_can_be_configured_but_must_be_https() -> None:
    manifest = render_manifest(BOT_ID, website_url="https://intra.stockholm/strategikollen")
    assert manifest["developer"]["websiteUrl"] == "https://intra.stockholm/strategikollen"
    with pytest.raises(PackageError, match="https://"):
        render_manifest(BOT_ID, privacy_url="http://start.stockholm/privacy")


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "1.0.0-beta", "01.0.0", ""])
def test_a_version_that_is_not_major_minor_patch_is_refused(version: str, tmp_path: Path) -> None:
    with pytest.raises(PackageError, match=r"MAJOR\.MINOR\.PATCH"):
        build_package(BOT_ID, tmp_path, version=version)
    assert list(tmp_path.iterdir()) == []


def test_the_same_input_gives_the_same_zip_bytes(tmp_path: Path) -> None:
    first = build_package(BOT_ID, tmp_path / "a", version="2.0.0").read_bytes()
    second = build_package(BOT_ID, tmp_path / "b", version="2.0.0").read_bytes()
    assert first == second


def test_a_rebuild_replaces_the_zip_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    build_package(BOT_ID, tmp_path, version="2.0.0")
    path = build_package(BOT_ID, tmp_path, version="2.0.0", app_id=APP_ID)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert _manifest_in(path)["id"] == APP_ID


@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_invalid_bot_id_is_refused_with_a_clear_message_and_no_file(
    bad: str, tmp_path: Path
) -> None:
    with pytest.raises(PackageError) as caught:
        build_package(bad, tmp_path)
    message = str(caught.value)
    assert "bot id" in message
    assert "bot-id" in message  # the Swedish half
    assert "GUID" in message or "placeholder" in message
    assert list(tmp_path.iterdir()) == []


def test_an_invalid_app_id_is_refused_too(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="Invalid app id"):
        build_package(BOT_ID, tmp_path, app_id="my-app")


@pytest.mark.parametrize("bad", BAD_IDS)
def test_main_reports_an_invalid_bot_id_with_exit_code_2_and_no_traceback(
    bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(bad, str(tmp_path)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Invalid bot id" in captured.err
    assert "Ogiltigt bot-id" in captured.err
    assert "Traceback" not in captured.err
    assert list(tmp_path.iterdir()) == []


def test_main_prints_the_path_of_the_zip_and_returns_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(BOT_ID, str(tmp_path / "dist")) == 0
    printed = capsys.readouterr().out.strip()
    assert Path(printed) == tmp_path / "dist" / f"strategikollen-{DEFAULT_VERSION}.zip"
    assert Path(printed).is_file()


def test_main_reports_an_unwritable_output_folder_with_exit_code_2(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out, err = io.StringIO(), io.StringIO()
    assert main(BOT_ID, str(blocker / "dist"), stdout=out, stderr=err) == 2
    assert out.getvalue() == ""
    assert "Could not write the package" in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_the_command_line_refuses_an_invalid_bot_id_without_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "package", "--bot-id", "nope", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Invalid bot id" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_package_re_exports_its_public_names() -> None:
    import manifest

    assert sorted(manifest.__all__) == ["PackageError", "build_package", "main", "render_manifest"]
    for name in manifest.__all__:
        assert getattr(manifest, name) is globals()[name]
