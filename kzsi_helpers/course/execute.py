"""Re-execute lessons in place, so the committed outputs are fresh and reproducible.

``python -m kzsi_helpers execute`` first refreshes lesson 00's table of lessons
(:mod:`kzsi_helpers.course.toc`), then runs each lesson. A lesson is saved only when every cell ran
(to a temporary file beside it, replacing the old one when complete); a failing cell is reported in
a few lines (lesson, cell, error) and the other lessons still run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from kzsi_helpers.course import folders, times, toc
from kzsi_helpers.course.answer_key import update_answer_key
from kzsi_helpers.course.lessons import START_HERE, LessonError, lesson_paths

__all__ = ["LessonFailed", "execute_notebook", "merge_streams", "cli"]


#: Seconds a cell may run before ``execute`` gives up on it (``--timeout`` changes it).
DEFAULT_TIMEOUT = 300


class LessonFailed(RuntimeError):
    """A cell of a lesson failed while it ran; the message names the lesson, the cell and the error.

    Examples
    --------
    >>> str(LessonFailed("01-x.ipynb, cell 4: NameError: name 'x' is not defined"))
    "01-x.ipynb, cell 4: NameError: name 'x' is not defined"
    """

def merge_streams(outputs: list) -> list:
    r"""Join consecutive stdout (or stderr) outputs into one, as the reader sees them.

    The kernel sends printed text in chunks whose boundaries depend on timing; merging them makes
    the saved notebook the same on every run.

    Parameters
    ----------
    outputs : list of nbformat.NotebookNode
        A code cell's outputs.

    Returns
    -------
    list of nbformat.NotebookNode
        The outputs with each run of same-named streams joined.

    Examples
    --------
    >>> from nbformat.v4 import new_output
    >>> parts = [new_output("stream", name="stdout", text="a"),
    ...          new_output("stream", name="stdout", text="b\n")]
    >>> [o.text for o in merge_streams(parts)]
    ['ab\n']
    """
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = previous["text"] + output["text"]
        else:
            merged.append(output)
    return merged


#: The media type of a check's record (kzsi_helpers.exercises.record.MIME; that room is above this one).
CHECK_RECORD = "application/vnd.kzsi.check+json"


def _forget_answer_hashes(outputs: list) -> None:
    """Drop the answer hash from each check record of a lesson the course itself ran.

    A check hashes the cell run before it, from IPython's input history. nbval runs cells without
    that history (no hash), ``execute`` with it: the stored lesson keeps no hash, so both agree. The
    hash matters only in a student's handed-in work, for the class report.
    """
    for output in outputs:
        record = output.get("data", {}).get(CHECK_RECORD)
        if isinstance(record, dict) and record.get("answer_sha256") is not None:
            record["answer_sha256"] = None


def execute_notebook(path: str | Path, timeout: int = DEFAULT_TIMEOUT) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel and save it with its outputs.

    The kernel starts in the notebook's folder, as in JupyterLab. No timing metadata is
    recorded, so running twice gives the same file. The file is replaced only if every cell ran,
    and then whole (written beside it first).

    Parameters
    ----------
    path : str or path
        The notebook.
    timeout : int, optional
        Seconds allowed per cell.

    Returns
    -------
    nbformat.NotebookNode
        The executed notebook (also written back to ``path``).

    Raises
    ------
    LessonFailed
        If a cell raised (and is not tagged ``raises-exception``); ``path`` is left as it was.
    """
    path = Path(path)
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # JSON and schema errors: name the file, say what to do
        reason = str(exc).strip().splitlines()[0][:200]
        raise LessonFailed(f"{path.name}: not a readable notebook ({reason}); restore it from git "
                           "or re-save it in JupyterLab") from exc
    running: dict[str, int] = {}

    def started(cell: Any, cell_index: int, **_: Any) -> None:
        running["index"] = cell_index

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        on_cell_start=started,
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        raise LessonFailed(_failure(path, nb, exc)) from exc
    except CellTimeoutError as exc:  # a TimeoutError, which is an OSError: not a file problem
        where = _cell_name(path, nb, running.get("index"))
        raise LessonFailed(f"{where}\n  did not finish in {timeout} seconds: fix the cell, or give "
                           "it more time with --timeout SECONDS") from exc
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
            _forget_answer_hashes(cell.outputs)
    folders.write_notebook(nb, path)
    return nb


def _cell_name(path: Path, nb: nbformat.NotebookNode, index: int | None) -> str:
    """Name a cell as a teacher finds it: lesson, number from 1, id, and its first line."""
    if index is None:
        return f"{path.name}: a cell"
    cell = nb.cells[index]
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    cell_id = f" (id {cell.id})" if cell.get("id") else ""
    return f"{path.name}, cell {index + 1}{cell_id}, which starts `{first.strip()[:60]}`"


def _failure(path: Path, nb: nbformat.NotebookNode, exc: CellExecutionError) -> str:
    """Name the lesson, the failing cell (number, id, first line) and the error, in a few lines."""
    where = f"{path.name}: a cell failed"
    for index, cell in enumerate(nb.cells):
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if cell.cell_type == "code" and errors:
            where = _cell_name(path, nb, index)
            break
    what = f"{exc.ename}: {exc.evalue}".strip()
    return f"{where}\n  {what}"


def _run(paths: Iterable[Path], timeout: int = DEFAULT_TIMEOUT) -> int:
    failed: list[str] = []
    paths = list(paths)
    for path in paths:
        print(f"executing {path} ...", flush=True)
        try:
            execute_notebook(path, timeout=timeout)
        except LessonFailed as exc:
            print(f"error: {exc}\n  {path.name} was not changed; the other lessons go on",
                  file=sys.stderr, flush=True)
            failed.append(path.name)
        except OSError as exc:
            print(f"error: {folders.describe_os_error(exc)}; {path.name} was not changed",
                  file=sys.stderr, flush=True)
            failed.append(path.name)
    if failed:
        print(f"{len(failed)} of {len(paths)} lessons failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"{len(paths)} lesson{'s' if len(paths) != 1 else ''} executed")
    return 0


def cli(args: argparse.Namespace) -> int:
    """Entry point of ``python -m kzsi_helpers execute [PATHS]``.

    Parameters
    ----------
    args : argparse.Namespace
        ``paths``: notebooks to run (default: every lesson).

    Returns
    -------
    int
        0 if every lesson ran; 1 if a lesson failed (the others still run; a summary is printed)
        or the table of lessons could not be refreshed.
    """
    paths = [Path(p) for p in args.paths] or lesson_paths()
    start = [p for p in paths if p.name.startswith(START_HERE[:3])]
    lessons = [p for p in paths if p not in start]
    timeout = getattr(args, "timeout", None)
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    if timeout <= 0:
        print(f"error: --timeout {timeout}: give the seconds a cell may run, such as 600",
              file=sys.stderr)
        return 1
    code = _run(lessons, timeout) if lessons else 0
    folder = (start or lessons)[0].parent if paths else None
    if code or folder is None or not (folder / START_HERE).is_file():
        return code  # a failed lesson is left as it was, and so are the times that count it
    # each lesson's time (from the model, which counts the printed output) and lesson 00's table
    # of lessons follow the lessons just run; lesson 00, which prints the total, runs last
    try:
        changed = toc.update(folder)
    except LessonError as exc:
        print(f"error: the table of lessons: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {folders.describe_os_error(exc)}", file=sys.stderr)
        return 1
    if start or changed:
        code = _run([folder / START_HERE], timeout)
        times.update_times(folder)
    if code == 0:
        try:
            update_answer_key(folder)
        except OSError as exc:
            print(f"error: {folders.describe_os_error(exc)}", file=sys.stderr)
            return 1
    return code
