"""ibcase is pure: it imports the standard library, pydantic and policy, and nothing that
does I/O or talks to Teams (imports inside functions included)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ibcase"
ALLOWED = {"pydantic", "policy", "ibcase"}
IMPURE_STDLIB = {"asyncio", "logging", "os", "socket", "sqlite3", "subprocess", "random",
                 "uuid", "time", "urllib", "http", "io", "shutil", "tempfile"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_ibcase_imports_only_the_standard_library_pydantic_and_policy() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) >= 6
    for path in modules:
        for name in _imports(path):
            if name in sys.stdlib_module_names:
                assert name not in IMPURE_STDLIB, (path.name, name)
            else:
                assert name in ALLOWED, (path.name, name)


def test_ibcase_never_reads_the_clock() -> None:
    for path in PACKAGE.glob("*.py"):
        text = path.read_text("utf-8")
        assert "date.today(" not in text, path.name
        assert "datetime.now(" not in text, path.name


def test_the_check_sees_an_impure_import_also_inside_a_function(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import sqlalchemy\ndef f():\n    from bot import register\n", "utf-8")
    assert _imports(probe) == {"sqlalchemy", "bot"}
