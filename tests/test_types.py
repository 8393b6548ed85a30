"""The type hints of kzsi_helpers hold: mypy finds no error (settings in pyproject's [tool.mypy])."""

from __future__ import annotations

import pytest

from kzsi_helpers.course import paths

api = pytest.importorskip("mypy.api", reason="mypy is in requirements-dev.txt")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory):
    """One mypy cache for both runs: the second then reads the standard library's stubs from it."""
    return tmp_path_factory.mktemp("mypy-cache")


def test_mypy_finds_no_type_errors(cache) -> None:
    root = paths.course_root()
    assert root is not None
    stdout, stderr, status = api.run(
        ["--config-file", str(root / "pyproject.toml"), "--cache-dir", str(cache),
         str(root / "kzsi_helpers")]
    )
    assert status == 0, stdout + stderr
    assert "Success: no issues found" in stdout


def test_mypy_would_catch_a_wrong_type(tmp_path, cache) -> None:
    """The check is live: a module with a type error fails under the same settings."""
    root = paths.course_root()
    assert root is not None
    bad = tmp_path / "bad.py"
    bad.write_text("def f(x: int) -> str:\n    return x\n", encoding="utf-8")
    stdout, _, status = api.run(["--config-file", str(root / "pyproject.toml"),
                                 "--cache-dir", str(cache), str(bad)])
    assert status == 1 and "Incompatible return value type" in stdout
