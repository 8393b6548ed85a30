"""The type hints of kzsi_helpers hold: mypy finds no error (settings in pyproject's [tool.mypy])."""

from __future__ import annotations

import pytest

from kzsi_helpers import paths

api = pytest.importorskip("mypy.api", reason="mypy is in requirements-dev.txt")


def test_mypy_finds_no_type_errors(tmp_path_factory: pytest.TempPathFactory) -> None:
    root = paths.course_root()
    assert root is not None
    cache = tmp_path_factory.mktemp("mypy-cache")
    stdout, stderr, status = api.run(
        ["--config-file", str(root / "pyproject.toml"), "--cache-dir", str(cache),
         str(root / "kzsi_helpers")]
    )
    assert status == 0, stdout + stderr
    assert "Success: no issues found" in stdout


def test_mypy_would_catch_a_wrong_type(tmp_path) -> None:
    """The check is live: a module with a type error fails under the same settings."""
    root = paths.course_root()
    assert root is not None
    bad = tmp_path / "bad.py"
    bad.write_text("def f(x: int) -> str:\n    return x\n", encoding="utf-8")
    stdout, _, status = api.run(["--config-file", str(root / "pyproject.toml"),
                                 "--cache-dir", str(tmp_path / "cache"), str(bad)])
    assert status == 1 and "Incompatible return value type" in stdout
