"""Write an output folder whole or not at all: build beside it, then swap it into place."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

__all__ = ["replace_folder"]


def replace_folder(built: str | os.PathLike[str], out: str | os.PathLike[str]) -> Path:
    """Put the finished folder ``built`` in the place of ``out``.

    Two renames on the same disk: the old ``out`` is moved aside, ``built`` takes its name, and only
    then is the old folder removed. If the second rename fails, the old folder is put back, so a
    reader never finds a half-written ``out``.

    Parameters
    ----------
    built : str or path-like
        The complete new folder (best made with ``tempfile.mkdtemp(dir=out.parent)``).
    out : str or path-like
        Where it should end up; may or may not exist.

    Returns
    -------
    pathlib.Path
        ``out``.

    Examples
    --------
    >>> import tempfile
    >>> base = Path(tempfile.mkdtemp())
    >>> (base / "site").mkdir(); _ = (base / "site" / "old.html").write_text("old")
    >>> (base / "new").mkdir(); _ = (base / "new" / "index.html").write_text("new")
    >>> sorted(p.name for p in replace_folder(base / "new", base / "site").iterdir())
    ['index.html']
    """
    built, out = Path(built), Path(out)
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}-old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        out.rename(old)
    try:
        built.rename(out)
    except BaseException:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return out
