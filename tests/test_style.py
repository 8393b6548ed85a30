"""Code style and documentation: ruff is clean, public functions are documented, examples run."""

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
def test_public_function_has_docstring_whose_examples_run(name: str, node: ast.AST) -> None:
    doc = ast.get_docstring(node)  # type: ignore[arg-type]
    assert doc, f"{name} has no docstring"
    if name.split(":")[0] in NOT_YET_FIXED:
        return
    assert "+SKIP" not in doc, (
        f"{name}: an example that never runs; make it run, or drop it (no example is better)")


# Modules whose owners have not yet removed their +SKIP examples (issue 12, item 6):
# launch.py (lessons-maps) and the PDF printing in student.py (moving to pdf.py, site-book).
NOT_YET_FIXED = {"kzsi_helpers/course/launch.py", "kzsi_helpers/publish/student.py"}


def test_no_skipped_examples_and_no_temporary_folders_left_by_doctests() -> None:
    """Doctests use TemporaryDirectory (removed at the end), never mkdtemp (left behind)."""
    skipped, leaky = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = str(path.relative_to(ROOT))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            example = line.lstrip().startswith((">>>", "..."))
            if example and "+SKIP" in line and name not in NOT_YET_FIXED:
                skipped.append(f"{name}:{number}")
            if example and ("mkdtemp(" in line or "mkstemp(" in line):
                leaky.append(f"{name}:{number}")
    assert not skipped, f"examples that never run: {skipped}"
    assert not leaky, f"doctests that leave temporary files behind: {leaky}"
