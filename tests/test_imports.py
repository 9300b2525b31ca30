"""Test modules share set-ups through tests/support.py and tests/e2e/screens.py, never by
importing another test module or a conftest.py: each can then be read and run alone."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported(path: Path) -> set[str]:
    """The modules ``path`` imports from, relative ones written with their dots."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_test_module_imports_another_or_a_conftest():
    wrong = {
        f"{path.relative_to(TESTS)}: {name}"
        for path in TESTS.rglob("*.py")
        for name in imported(path)
        if name.rsplit(".", 1)[-1].startswith("test_") or name.endswith("conftest")
    }
    assert wrong == set()
