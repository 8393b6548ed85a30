"""Write files and folders whole or not at all, one build at a time.

* :func:`write_text` and :func:`write_notebook` write a file to a temporary file beside it and
  replace the old file only when the new one is complete (a full disk leaves the old file whole);
* :func:`build_folder` builds an output folder (the site, the student edition) beside it and swaps
  it into place with :func:`replace_folder`. It holds a lock file, so a second build of the same
  folder is told that one is running, and it tidies what a killed build left behind: unfinished
  ``.NAME-building-*`` folders are removed and a ``.NAME-old-*`` folder is put back if the kill
  came between the two renames of the swap (so a rerun never finds the output missing for good).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["BuildError", "replace_folder", "write_text", "write_notebook", "build_folder",
           "recover", "describe_os_error"]

#: Environment variable for the fault-injection tests: the name of a step (``between-renames``)
#: at which the process kills itself with SIGKILL, as a power cut would.
KILL_AT = "KZSI_TEST_KILL_AT"


class BuildError(RuntimeError):
    """An output folder cannot be built now (another build holds it, or it cannot be written).

    Examples
    --------
    >>> isinstance(BuildError("site/: another build is running"), RuntimeError)
    True
    """


def _fault_point(step: str) -> None:
    if os.environ.get(KILL_AT) == step:  # only the fault-injection tests set this
        os.kill(os.getpid(), signal.SIGKILL)


def describe_os_error(exc: OSError, action: str = "could not write") -> str:
    """Say in one line what could not be written and why (for a command's error message).

    Examples
    --------
    >>> import errno
    >>> describe_os_error(PermissionError(errno.EACCES, "Permission denied", "site/index.html"))
    'could not write site/index.html: Permission denied'
    """
    where = exc.filename if exc.filename is not None else "a file"
    return f"{action} {where}: {exc.strerror or exc}"


def _write_beside(path: Path, write: Callable[[IO[str]], None]) -> Path:
    """Write with ``write(file)`` (text, UTF-8) to a temporary file beside ``path``, then replace it."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write a text file (UTF-8) whole or not at all.

    Parameters
    ----------
    path : str or path-like
        The file; its folder must exist.
    text : str
        The new content.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_text(Path(folder) / "a.txt", "new").read_text()
    'new'
    """
    def write(handle: IO[str]) -> None:
        handle.write(text)

    return _write_beside(Path(path), write)


def write_notebook(nb: Any, path: str | os.PathLike[str]) -> Path:
    """Write a notebook (as :func:`nbformat.write` does) whole or not at all.

    Parameters
    ----------
    nb : nbformat.NotebookNode or dict
        The notebook (plain JSON, as :func:`kzsi_helpers.course.lessons.read_json` reads it, is fine).
    path : str or path-like
        Where it goes.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, nbformat
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_notebook(nbformat.v4.new_notebook(), Path(folder) / "a.ipynb")
    ...     nbformat.read(path, as_version=4).cells
    []
    """
    import nbformat  # only the writers need it; the lessons' readers work without it

    def write(handle: IO[str]) -> None:
        nbformat.write(nbformat.from_dict(nb), handle)

    return _write_beside(Path(path), write)


def replace_folder(built: str | os.PathLike[str], out: str | os.PathLike[str]) -> Path:
    """Put the finished folder ``built`` in the place of ``out``.

    Two renames on the same disk: the old ``out`` is moved aside (to ``.NAME-old-PID``), ``built``
    takes its name, and only then is the old folder removed. If the second rename fails, the old
    folder is put back; if the process dies between the two, :func:`recover` puts it back on the
    next run.

    Parameters
    ----------
    built : str or path-like
        The complete new folder, beside ``out``.
    out : str or path-like
        Where it should end up; may or may not exist.

    Returns
    -------
    pathlib.Path
        ``out``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     base = Path(tmp)
    ...     (base / "site").mkdir(); _ = (base / "site" / "old.html").write_text("old")
    ...     (base / "new").mkdir(); _ = (base / "new" / "index.html").write_text("new")
    ...     sorted(p.name for p in replace_folder(base / "new", base / "site").iterdir())
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
        _fault_point("between-renames")
        built.rename(out)
    except BaseException:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return out


def recover(out: str | os.PathLike[str]) -> None:
    """Tidy what an interrupted build of ``out`` left beside it (call it holding the lock).

    Unfinished ``.NAME-building-*`` (and the student edition's former ``.NAME-new-*``) folders
    are removed; a ``.NAME-old-*`` folder is put back as ``out`` if ``out`` is missing (the build
    died between the two renames), and removed otherwise.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / ".site-old-123").mkdir()
    ...     (Path(tmp) / ".site-building-x").mkdir()
    ...     recover(Path(tmp) / "site")
    ...     sorted(p.name for p in Path(tmp).iterdir())
    ['site']
    """
    out = Path(out)
    parent = out.parent
    if not parent.is_dir():
        return
    for pattern in (f".{out.name}-building-*", f".{out.name}-new-*"):
        for leftover in parent.glob(pattern):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
    for old in sorted(parent.glob(f".{out.name}-old-*")):
        if not old.is_dir():
            continue
        if not out.exists():
            old.rename(out)
        else:
            shutil.rmtree(old, ignore_errors=True)


def _try_lock(handle: IO[str]) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def lock(path: str | os.PathLike[str]) -> contextlib.AbstractContextManager[None]:
    """Hold the lock of a folder or file for one build or import at a time (``.NAME.lock`` beside it).

    The builds (site, student, lite) and ``import-trade`` take the same lock, so a second run of
    either into the same target stops with a sentence instead of losing the first run's work.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, lock(Path(tmp) / "trade_si.csv"):
    ...     with lock(Path(tmp) / "trade_si.csv"):
    ...         pass
    Traceback (most recent call last):
    ...
    kzsi_helpers.course.folders.BuildError: ...trade_si.csv: another import into this table is running (...); wait for it to finish, then run the command again
    """  # noqa: E501
    return _lock(Path(path))


@contextlib.contextmanager
def _lock(out: Path) -> Iterator[None]:
    """Hold ``.NAME.lock`` beside ``out`` for the build (an OS lock: a killed build releases it)."""
    lock_path = out.with_name(f".{out.name}.lock")
    for _attempt in range(3):
        handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 (held for the whole build)
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            what = "build of this folder" if not out.suffix else "import into this table"
            raise BuildError(
                f"{out}: another {what} is running ({holder}); wait for it to "
                "finish, then run the command again"
            )
        try:
            same = os.path.samestat(os.fstat(handle.fileno()), os.stat(lock_path))
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()  # the holder removed the file as we opened it: lock the new one
    else:  # pragma: no cover
        raise BuildError(f"{out}: could not take the lock {lock_path.name}; run the command again")
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        yield
    finally:
        with contextlib.suppress(OSError):
            lock_path.unlink()
        handle.close()  # closing releases the lock


@contextlib.contextmanager
def build_folder(out: str | os.PathLike[str], marker: str,
                 marker_text: str | Callable[[Path], str]) -> Iterator[Path]:
    r"""Build ``out`` whole or not at all: yield an empty folder beside it, then swap it in.

    One build at a time per output folder (a lock file ``.NAME.lock`` beside it); leftovers of an
    interrupted build are tidied first (:func:`recover`). When the ``with`` block ends without an
    error, the marker file is written and the new folder replaces ``out``; on an error the new
    folder is removed and ``out`` is left as it was.

    Parameters
    ----------
    out : str or path-like
        The output folder.
    marker : str
        Name of the file that marks a folder as built here (checked by the callers before
        replacing a folder).
    marker_text : str or callable
        What the marker file says, or a function that writes it from the built folder (to record
        the files it holds, say).

    Yields
    ------
    pathlib.Path
        The folder to build in.

    Raises
    ------
    BuildError
        If another build of ``out`` is running, or the folder beside ``out`` cannot be written
        (the message says what and why).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with build_folder(Path(tmp) / "site", ".built", "built here\n") as building:
    ...         _ = (building / "index.html").write_text("hello")
    ...     sorted(p.name for p in (Path(tmp) / "site").iterdir())
    ['.built', 'index.html']
    """
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with _lock(out):
            recover(out)
            building = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
            try:
                os.chmod(building, 0o755)
                yield building
                text = marker_text(building) if callable(marker_text) else marker_text
                (building / marker).write_text(text, encoding="utf-8")
                replace_folder(building, out)
            finally:
                shutil.rmtree(building, ignore_errors=True)
    except OSError as exc:
        raise BuildError(f"{out}: {describe_os_error(exc)}") from exc
