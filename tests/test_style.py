"""Code style and documentation: ruff is clean, every public function documents an example."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kzsi_helpers"


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.fail("ruff is not installed: install the test tools with requirements-dev.txt")
    result = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def public_functions() -> list[tuple[str, ast.FunctionDef]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                found.append((f"{path.relative_to(ROOT)}:{node.name}", node))
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                found.append((f"{path.relative_to(ROOT)}:{node.name}", node))
    return found


def test_there_are_public_functions() -> None:
    assert len(public_functions()) > 20


@pytest.mark.parametrize(("name", "node"), public_functions(), ids=lambda v: v if isinstance(v, str) else "")
def test_public_function_has_docstring_with_example(name: str, node: ast.AST) -> None:
    doc = ast.get_docstring(node)  # type: ignore[arg-type]
    assert doc, f"{name} has no docstring"
    assert "Examples" in doc and ">>>" in doc, f"{name}: the docstring needs a runnable example"
