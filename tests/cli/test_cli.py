"""The command line (contract §6): formats, exit codes, and never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.clock import FixedClock
from cli.main import main
from policy import registry

CASES = Path(__file__).resolve().parents[1] / "cases"


NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # the day the commands run


def run(*argv: str, stdin: str = "", now: datetime = NOW) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err,
                clock=FixedClock(now))
    return code, out.getvalue(), err.getvalue()


def engagement(name: str) -> dict[str, object]:
    return json.loads((CASES / name).read_text("utf-8"))["engagement"]


def test_screen_prints_one_json_assessment_per_input_in_order(tmp_path: Path) -> None:
    files = []
    for name in ("paris-summit.json", "taipei-twinning.json", "ctpn-membership.json"):
        f = tmp_path / name
        f.write_text(json.dumps(engagement(name)), "utf-8")
        files.append(str(f))
    code, out, _ = run("screen", *files, "--format", "json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [x["decision_owner"] for x in lines] == ["finansborgarradet_ib", "kf", "ks"]
    assert all(set(x) >= {"verdict", "decision_owner", "decision_owner_label", "routing",
                          "priority", "findings", "next_steps", "rulebook"} for x in lines)


def test_an_invalid_input_gets_an_errors_line_in_its_place_and_exit_2(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    # Answered, as contract §7.1 asks of every kind, the school visit is compatible.
    good.write_text(json.dumps({**engagement("school-visit.json"), "foreign_policy": False}),
                    "utf-8")
    bad.write_text(json.dumps({"kind": "membership", "title": "X", "scope": "city_wide"}), "utf-8")
    code, out, _ = run("screen", str(bad), str(good), "--format", "json", "--lang", "en")
    first, second = (json.loads(line) for line in out.splitlines())
    assert code == 2
    assert first == {"errors": [{"field": "membership_body",
                                 "message": "Required when kind is membership: it decides who decides."}]}
    assert second["verdict"] == "compatible"


def test_text_format_sends_problems_to_stderr_naming_the_file_and_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "resa.yaml"
    bad.write_text("kind: trip\ntitle: Resa till Oslo\ncolour: blå\n", "utf-8")
    code, out, err = run("screen", str(bad))
    assert code == 2
    assert out == ""
    assert f"{bad}: on_behalf_of_ks: " in err or f"{bad}: colour: " in err
    assert all(line.startswith(f"{bad}: ") for line in err.splitlines())


@pytest.mark.dates
@pytest.mark.parametrize(
    ("now", "day"),
    [
        (NOW, "2026-11-22"),
        (datetime(2026, 12, 31, 22, 59, tzinfo=UTC), "2026-12-31"),
        (datetime(2026, 12, 31, 23, 0, tzinfo=UTC), "2027-01-01"),  # midnight in Stockholm
        (datetime(2028, 2, 28, 23, 30, tzinfo=UTC), "2028-02-29"),
        (datetime(2027, 3, 28, 22, 30, tzinfo=UTC), "2027-03-29"),  # UTC+2 since 28 March
    ],
)
def test_an_engagement_without_screened_on_is_screened_on_the_commands_day_in_stockholm(
    now: datetime, day: str,
) -> None:
    code, out, _ = run("screen", str(CASES / "paris-summit.json"), "--format", "json", now=now)
    assert code == 0
    assert json.loads(out)["screened_on"] == day


def test_yaml_input_is_screened_like_json(tmp_path: Path) -> None:
    f = tmp_path / "twin.yaml"
    f.write_text("kind: twinning\ntitle: Vänort med Taipei\ncounterpart:\n  name: Taipei\n"
                 "  type: capital_city\n", "utf-8")
    code, out, _ = run("screen", str(f), "--format", "json")
    assert code == 0
    assert json.loads(out)["verdict"] == "not_compatible"


def test_standard_input_is_read_with_a_dash() -> None:
    code, out, _ = run("screen", "-", "--format", "json",
                       stdin=json.dumps(engagement("aid-project-partial.json")))
    assert code == 0
    assert json.loads(out)["decision_owner"] == "namnd"


def test_a_worked_case_file_is_screened_as_its_engagement() -> None:
    code, out, _ = run("screen", str(CASES / "paris-summit.json"), "--format", "json")
    assert code == 0
    assert json.loads(out)["priority"] == "low"


def test_the_text_report_leads_with_the_verdict_and_says_it_is_advisory() -> None:
    code, out, _ = run("screen", str(CASES / "taipei-disinformation-partnership.json"))
    assert code == 0
    assert out.splitlines()[0].startswith("Bedömning: INTE FÖRENLIGT MED STRATEGIN")
    assert "Rådgivande bedömning" in out
    assert "Beslutar: Kommunstyrelsen" in out
    assert "Hinder:" in out
    assert "[P1]" in out
    assert "”En grundläggande princip för stadens internationella arbete" in out


def test_the_text_report_is_english_on_request() -> None:
    _, out, _ = run("screen", str(CASES / "school-visit.json"), "--lang", "en")
    assert out.startswith("Assessment: NEEDS MORE INFORMATION")  # §7.1: P1 asked of a visit
    assert "Advisory assessment" in out


@pytest.mark.parametrize(("content", "expect"), [
    (b"", "tom"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b"{not json: [", "Varken giltig JSON eller YAML"),
    (b"- 1\n- 2\n", "objekt med fält"),
    (b"[" * 100_000, "JSON"),
])
def test_broken_files_get_a_clear_message(tmp_path: Path, content: bytes, expect: str) -> None:
    f = tmp_path / "x.json"
    f.write_bytes(content)
    code, _, err = run("screen", str(f))
    assert code == 2
    assert expect in err


def test_a_missing_file_and_a_folder_are_clear_errors(tmp_path: Path) -> None:
    code, _, err = run("screen", str(tmp_path / "nope.json"), str(tmp_path))
    assert code == 2
    assert err.count("Filen finns inte.") == 2


def test_a_file_over_one_megabyte_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "big.json"
    f.write_text(json.dumps({"kind": "trip", "title": "x", "description": "y" * 1_100_000}))
    code, _, err = run("screen", str(f))
    assert (code, "för stor" in err) == (2, True)


def test_rules_lists_every_rule_and_route_with_its_citation_as_json() -> None:
    code, out, _ = run("rules", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert {r["id"] for r in data["rules"]} == {reg.rule.id for reg in registry()}
    assert all(r["citation"]["text"] and r["citation"]["section"] for r in data["rules"])
    assert data["routing"][0]["id"] == "R-KF-TWINNING"


def test_rules_as_text_shows_each_id_and_quote() -> None:
    _, out, _ = run("rules")
    for reg in registry():
        assert reg.rule.id in out
    assert "vänortsavtal" in out


def test_schema_is_a_json_schema_that_accepts_the_worked_cases_and_rejects_unknown_fields() -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in CASES.glob("*.json"):
        validator.validate(json.loads(path.read_text("utf-8"))["engagement"])
    assert not validator.is_valid({"kind": "trip", "title": "x", "on_behalf_of_ks": True, "x": 1})
    assert not validator.is_valid({"kind": "membership", "title": "x", "scope": "city_wide"})


def test_a_usage_error_exits_2() -> None:
    code, _, _ = run("screen", "--format", "xml", "x.json")
    assert code == 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
                 lambda c: st.one_of(st.lists(c, max_size=3), st.dictionaries(
                     st.sampled_from(["kind", "title", "scope", "counterpart", "cost_sek", "x"]), c, max_size=4)),
                 max_leaves=10).map(lambda v: json.dumps(v).encode()),
))
def test_no_input_of_any_kind_produces_a_traceback(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "fuzz.json"
    f.write_bytes(content)
    for fmt in ("text", "json"):
        code, out, err = run("screen", str(f), "--format", fmt)
        assert code in (0, 2)
        assert "Traceback" not in out + err
        assert "internal error" not in err
        if fmt == "json":
            assert len(out.splitlines()) == 1
            json.loads(out)


def test_the_installed_command_prints_no_traceback_for_garbage(tmp_path: Path) -> None:
    f = tmp_path / "g.yaml"
    f.write_bytes(b"kind: [\x00\x01")
    proc = subprocess.run([sys.executable, "-m", "cli.main", "screen", str(f)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_package_builds_the_zip_with_the_version_given(tmp_path: Path) -> None:
    bot_id = "6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f"
    code, out, err = run("package", "--bot-id", bot_id, "--out", str(tmp_path), "--version", "1.2.3")
    assert (code, err) == (0, "")
    assert (tmp_path / "strategikollen-1.2.3.zip").is_file()
    assert "strategikollen-1.2.3.zip" in out


def test_package_names_the_host_of_the_tab_and_its_sign_on_resource(tmp_path: Path) -> None:
    import zipfile

    bot_id = "6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f"
    code, out, err = run("package", "--bot-id", bot_id, "--out", str(tmp_path),
                         "--bot-host", "sk.example.org")
    assert (code, err) == (0, "")
    with zipfile.ZipFile(out.strip()) as package:
        manifest = json.loads(package.read("manifest.json"))
    assert manifest["webApplicationInfo"]["resource"] == f"api://sk.example.org/{bot_id}"
    assert "sk.example.org" in manifest["validDomains"]
    assert [tab["contentUrl"] for tab in manifest["staticTabs"]] == [
        "https://sk.example.org/tab/?view=mine"]
    assert [tab["configurationUrl"] for tab in manifest["configurableTabs"]] == [
        "https://sk.example.org/tab/config"]


def test_package_refuses_a_host_with_a_port(tmp_path: Path) -> None:
    bot_id = "6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f"
    code, _, err = run("package", "--bot-id", bot_id, "--out", str(tmp_path),
                       "--bot-host", "sk.example.org:8443")
    assert code == 2
    assert "sk.example.org:8443" in err
    assert "Traceback" not in err


def test_package_refuses_an_id_that_is_not_a_guid(tmp_path: Path) -> None:
    code, _, err = run("package", "--bot-id", "not-a-guid", "--out", str(tmp_path))
    assert code == 2
    assert err
    assert "Traceback" not in err


def test_who_decides_answers_one_question_as_contract_json() -> None:
    code, out, _ = run("who-decides", "Vem beslutar om nytt medlemskap i en stadsövergripande "
                       "internationell organisation?", "--format", "json")
    answer = json.loads(out)
    assert code == 0
    assert {"kind", "decision_owner", "allowed", "candidates", "clarify", "answer",
            "citations"} <= set(answer)
    assert (answer["kind"], answer["decision_owner"], answer["allowed"]) == ("membership", "kf", True)


def test_who_decides_reads_one_question_a_line_and_answers_each_on_its_own_line() -> None:
    questions = "vem beslutar om vänortsavtal?\nWho decides on an EU project for our department?\n\nvad blir det för lunch\n"
    code, out, _ = run("who-decides", "-", "--format", "json", stdin=questions)
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert len(answers) == 4
    assert (answers[0]["kind"], answers[0]["allowed"]) == ("twinning", False)
    assert answers[1]["lang"] == "en"
    assert answers[3]["kind"] is None


def test_who_decides_in_text_prints_one_line_per_question_from_standard_input() -> None:
    code, out, _ = run("who-decides", "-", stdin="vem beslutar om medlemskap?\nhej\n")
    assert code == 0
    assert len(out.splitlines()) == 2


def test_who_decides_answers_in_the_language_asked_for() -> None:
    _, out, _ = run("who-decides", "vem beslutar om en konferens?", "--lang", "en", "--format", "json")
    assert json.loads(out)["lang"] == "en"


def test_who_decides_asks_a_clarifying_question_when_the_owner_is_open() -> None:
    from policy.who_decides import answer

    expected = answer("vem beslutar om medlemskap?")
    code, out, _ = run("who-decides", "vem beslutar om medlemskap?")
    assert code == 0
    assert expected.clarify
    assert out.count(expected.clarify) == 1
    for candidate in expected.candidates:
        assert f": {candidate.label}" in out
