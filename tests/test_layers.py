"""The layer table (README.md, "Layout"; docs/architecture.md) holds: ``lint-imports``
checks the import contracts in pyproject.toml ([tool.importlinter]).

Each contract is also shown to fail: a copy of the packages gets one forbidden import,
and ``lint-imports`` must name that contract as broken.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


def test_every_import_contract_is_kept() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(CONFIG['contracts'])} kept, 0 broken" in result.stdout


# One forbidden import per contract: (contract id, the file that gets it, the import).
BREAKS = [
    ("layers", "cards/__init__.py", "import dialogs.turn"),
    ("policy-pure", "policy/__init__.py", "import sqlalchemy"),
    ("policy-pure", "ibcase/__init__.py", "import cards"),
    ("dialogs-cards-no-sdk", "dialogs/__init__.py", "import httpx"),
    ("sdk-only-in-bot", "cli/__init__.py", "import microsoft_agents.hosting.core"),
    ("bot-parts", "bot/teams/connector.py", "import bot.outbox"),
]


def test_every_contract_has_a_case_that_breaks_it() -> None:
    assert {c["id"] for c in CONFIG["contracts"]} == {b[0] for b in BREAKS}


@pytest.mark.parametrize(("contract", "path", "line"), BREAKS, ids=[f"{b[0]}:{b[1]}" for b in BREAKS])
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, contract: str, path: str, line: str
) -> None:
    for package in CONFIG["root_packages"]:
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    assert _lint(tmp_path, "--contract", contract).returncode == 0  # the copy is clean
    target = tmp_path / path
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = _lint(tmp_path, "--contract", contract)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "0 kept, 1 broken" in result.stdout
