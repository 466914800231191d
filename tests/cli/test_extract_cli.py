"""`strategikollen extract`: one JSON line per input, clear errors, exit 0/2, never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.main import main
from policy.extract import extract

INVITATIONS = Path(__file__).resolve().parents[1] / "invitations"


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_extract_prints_one_json_object_per_input_in_order() -> None:
    files = [str(INVITATIONS / n) for n in ("17-iclei-membership.txt",
                                            "08-vilnius-studiebesok.txt")]
    code, out, _ = run("extract", *files)
    first, second = (json.loads(line) for line in out.splitlines())
    assert code == 0
    assert first["engagement"]["kind"] == "membership"
    assert second["engagement"]["kind"] == "incoming_visit"
    assert set(first) >= {"engagement", "evidence", "missing"}


def test_the_command_gives_what_the_function_gives_for_every_invitation() -> None:
    sources = sorted(p for p in INVITATIONS.rglob("*.txt"))
    code, out, _ = run("extract", *map(str, sources))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(sources)
    for source, line in zip(sources, lines, strict=True):
        assert json.loads(line) == extract(source.read_text("utf-8")).model_dump(mode="json")


def test_an_unreadable_input_gets_an_errors_line_in_its_place_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = INVITATIONS / "05-mobilitetsforum-oslo.txt"
    code, out, _ = run("extract", str(empty), str(good), str(tmp_path / "nope.pdf"),
                       "--lang", "en")
    first, second, third = (json.loads(line) for line in out.splitlines())
    assert code == 2
    assert first == {"errors": [{"field": "(file)", "message": "There is no text to read. "
                                 "Paste the invitation's text instead, or fill in the form "
                                 "yourself."}]}
    assert second["engagement"]["counterpart"]["name"] == "Oslo kommune"
    assert second["engagement"]["counterpart"]["country"] == "Norway"  # --lang en
    assert third["errors"][0]["message"] == "No such file."


def test_errors_are_swedish_by_default(tmp_path: Path) -> None:
    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=11)
    doc.cell(0, 8, "Secret")
    doc.set_encryption(owner_password="o", user_password="u")
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(bytes(doc.output()))
    code, out, _ = run("extract", str(locked))
    assert code == 2
    assert "lösenordsskyddad" in json.loads(out)["errors"][0]["message"]


def test_a_20_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "bilaga.pdf"
    with big.open("wb") as f:
        f.truncate(20 * 1024 * 1024)
    code, out, _ = run("extract", str(big))
    assert code == 2
    assert "för stor" in json.loads(out)["errors"][0]["message"]
    code, out, _ = run("extract", str(big), "--max-mb", "25")
    assert code == 2
    assert "för stor" not in json.loads(out)["errors"][0]["message"]


def test_standard_input_is_read_with_a_dash() -> None:
    text = (INVITATIONS / "21-bostadsdeklaration.txt").read_text("utf-8")
    code, out, _ = run("extract", "-", stdin=text)
    assert code == 0
    assert json.loads(out)["engagement"]["kind"] == "declaration"


def test_a_rate_on_the_command_line_converts_a_foreign_fee() -> None:
    path = str(INVITATIONS / "01-eurocities-barcelona.txt")
    _, out, _ = run("extract", path)
    assert "cost_sek" not in json.loads(out)["engagement"]
    _, out, _ = run("extract", path, "--rate", "EUR=11.5")
    x = json.loads(out)
    assert x["engagement"]["cost_sek"] == 5175
    assert x["amounts"][0]["sek"] == 5175


def test_a_text_that_is_not_an_invitation_is_read_and_says_so() -> None:
    code, out, _ = run("extract", "-", "--lang", "en", stdin="Lunch moves to 12.30 on Friday.")
    x = json.loads(out)
    assert code == 0
    assert x["recognised"] is False
    assert "kind" not in x["engagement"]
    assert "does not look like an invitation" in x["notes"][0]


def test_a_bad_rate_is_a_usage_error() -> None:
    assert run("extract", "-", "--rate", "EUR")[0] == 2


def test_the_installed_command_prints_no_traceback_for_binary_input(tmp_path: Path) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    proc = subprocess.run([sys.executable, "-m", "cli.main", "extract", str(junk), "-"],
                          input=b"\xff\xfe\x00\x00garbage", capture_output=True, check=False,
                          cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert all("errors" in json.loads(line) for line in proc.stdout.decode().splitlines())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.pdf", "x.docx", "x.eml", "x"]))
def test_whatever_the_file_holds_the_answer_is_json_and_exit_0_or_2(
        tmp_path: Path, data: bytes, name: str) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    code, out, err = run("extract", str(f))
    assert code in (0, 2)
    assert err == ""
    (line,) = out.splitlines()
    assert isinstance(json.loads(line), dict)


@pytest.mark.parametrize("lang", ["sv", "en"])
@settings(max_examples=30, deadline=None)
@given(text=st.text(max_size=500))
def test_whatever_text_comes_on_stdin_the_answer_is_one_json_line(lang: str, text: str) -> None:
    code, out, err = run("extract", "-", "--lang", lang, stdin=text)
    assert code in (0, 2)
    assert err == ""
    assert len(out.splitlines()) == 1
