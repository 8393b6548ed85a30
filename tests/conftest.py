"""Fixtures shared by the test modules."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kzsi_helpers.publish import site

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

try:
    import fcntl
except ImportError:  # Windows: each test worker builds its own copy
    fcntl = None


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (a no-op where there is no fcntl)."""
    with open(path, "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the real lessons, built once per test run (test_site.py, test_browser_site.py).

    Under pytest-xdist the workers of one run share the folder above their own temporary folders;
    the first worker to ask builds the site while the others wait for the lock.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # this run's folder, shared by its workers (and new for every run)
    out = root / "kzsi-real-site"
    with _locked(root / "kzsi-real-site.lock"):
        if not (out / site.MARKER).is_file():
            site.build_site(out, notebooks=NOTEBOOKS)
    return out
