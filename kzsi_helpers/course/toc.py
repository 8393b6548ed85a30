"""Generate the table of lessons in ``00-start-here.ipynb`` from the lessons themselves.

Like the Python Data Science Handbook's navigation script, this tool rewrites exactly one marked
cell and nothing else: a markdown cell of lesson 00 tagged ``generated-toc`` (or holding the line
``<!-- begin generated: lessons -->``). Each lesson notebook ``NN-*.ipynb`` (other than 00) must
follow the lesson skeleton (read by :mod:`kzsi_helpers.course.lessons`): a ``# Title`` line, a
``## Learning objectives`` section with bullet points, and a line ``**Time to learn**: NN minutes``.
Running the tool twice changes nothing the second time. Command line:
``python -m kzsi_helpers toc [--check]``.

Reading needs no nbformat (lesson 00 renders its table in the browser edition, which has none);
only :func:`update`, which writes lesson 00, uses it (through
:func:`kzsi_helpers.course.folders.write_notebook`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kzsi_helpers.course import folders, guide_times, lessons, times
from kzsi_helpers.course.lessons import START_HERE, LessonError

__all__ = [
    "TocError", "lesson_info", "lesson_paths", "lessons_table", "generated_cell", "update", "cli",
    "BEGIN", "END", "TAG",
]

#: Tag of the generated cell in lesson 00.
TAG = "generated-toc"
#: First and last lines of the generated cell.
BEGIN = "<!-- begin generated: lessons (python -m kzsi_helpers toc; do not edit by hand) -->"
END = "<!-- end generated: lessons -->"


class TocError(LessonError):
    """A lesson notebook lacks a part of the skeleton the table of lessons needs.

    Examples
    --------
    >>> isinstance(TocError("01-x.ipynb: no title"), ValueError)
    True
    """


def lesson_info(path: str | Path, strict: bool = True) -> dict[str, Any]:
    """Read a lesson's skeleton (:func:`kzsi_helpers.course.lessons.lesson_info`), failing with TocError.

    Parameters
    ----------
    path : str or path
        A lesson notebook ``NN-name.ipynb``.
    strict : bool, optional
        If True (the default), a missing title, objectives or time is an error.

    Returns
    -------
    dict
        ``number``, ``file``, ``title``, ``description``, ``objectives`` and ``minutes``.

    Raises
    ------
    TocError
        If the notebook cannot be read or lacks part of the skeleton; the message names it.

    Examples
    --------
    >>> info = lesson_info(lesson_paths()[0])
    >>> info["number"], info["minutes"] > 0
    ('01', True)
    """
    try:
        return lessons.lesson_info(path, strict=strict)
    except TocError:
        raise
    except LessonError as exc:
        raise TocError(str(exc)) from exc


def lesson_paths(folder: str | Path | None = None) -> list[Path]:
    """List the lessons the table covers: ``NN-*.ipynb`` in course order, without lesson 00.

    Parameters
    ----------
    folder : str or path, optional
        The lessons folder (default: the course's ``notebooks/``).

    Returns
    -------
    list of pathlib.Path
        The lesson notebooks, sorted by file name.

    Examples
    --------
    >>> [p.name[:2] for p in lesson_paths()][:1]
    ['01']
    """
    return lessons.lesson_paths(folder, start=False)


def _cell_text(text: str) -> str:
    """Make text safe inside a markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def lessons_table(folder: str | Path | None = None) -> str:
    """Build the markdown of the generated cell: one table row per lesson, and the total time.

    Parameters
    ----------
    folder : str or path, optional
        The lessons folder (default: the course's ``notebooks/``).

    Returns
    -------
    str
        Markdown between the :data:`BEGIN` and :data:`END` marker lines, with links to the
        notebooks.

    Raises
    ------
    TocError
        If a lesson lacks its title, objectives or time.

    Examples
    --------
    >>> print(lessons_table().splitlines()[1])
    | No. | Lesson | Time to learn | After it you can |
    >>> lessons_table().splitlines()[3].startswith("| 01 | [")
    True
    """
    infos = [lesson_info(p) for p in lesson_paths(folder)]
    lines = [
        BEGIN,
        "| No. | Lesson | Time to learn | After it you can |",
        "|---|---|---|---|",
    ]
    for info in infos:
        objectives = "<br>".join(f"• {_cell_text(o)}" for o in info["objectives"])
        if len(info["objectives"]) == 1:
            objectives = _cell_text(info["objectives"][0])
        lines.append(
            f"| {info['number']} | [{_cell_text(info['title'])}]({info['file']}) | "
            f"{info['minutes']} minutes | {objectives} |"
        )
    total = sum(info["minutes"] for info in infos)
    count = len(infos)
    lines += [
        "",
        f"**Total**: {count} lesson{'s' if count != 1 else ''}, {total} minutes "
        f"(about {round(total / 60, 1)} hours) plus this introduction.",
        END,
    ]
    return "\n".join(lines)


def _folder(folder: str | Path | None) -> Path:
    return Path(folder) if folder is not None else lessons.paths.notebooks_dir()


def _marked_cell(nb: Mapping[str, Any], path: Path) -> dict[str, Any]:
    marked = [
        cell for cell in nb["cells"]
        if cell.get("cell_type") == "markdown"
        and (TAG in cell.get("metadata", {}).get("tags", [])
             or BEGIN.split(" (")[0] in lessons.cell_source(cell))
    ]
    if len(marked) != 1:
        raise TocError(
            f"{path.name}: expected exactly one markdown cell tagged {TAG!r} (or starting with "
            f"'<!-- begin generated: lessons'), found {len(marked)}"
        )
    return marked[0]


def _start_here(folder: Path) -> tuple[Path, dict[str, Any]]:
    path = folder / START_HERE
    if not path.is_file():
        raise TocError(f"{path}: not found (the table of lessons lives in lesson 00)")
    try:
        return path, lessons.read_json(path)
    except LessonError as exc:
        raise TocError(str(exc)) from exc


def generated_cell(folder: str | Path | None = None) -> str:
    """Return the current text of the generated cell in lesson 00.

    Parameters
    ----------
    folder : str or path, optional
        The lessons folder holding ``00-start-here.ipynb`` (default: the course's ``notebooks/``).

    Returns
    -------
    str
        The cell's markdown, as committed.

    Examples
    --------
    >>> generated_cell().startswith("<!-- begin generated")
    True
    """
    path, nb = _start_here(_folder(folder))
    return lessons.cell_source(_marked_cell(nb, path))


def update(folder: str | Path | None = None) -> bool:
    """Rewrite the generated cell of lesson 00 if the lessons changed.

    The notebook is written to a temporary file beside it and replaces the old one only when
    complete, so a full disk leaves lesson 00 as it was.

    Parameters
    ----------
    folder : str or path, optional
        The lessons folder holding ``00-start-here.ipynb`` and the lessons (default: the course's
        ``notebooks/``).

    Returns
    -------
    bool
        True if the cell changed (the file was written), False if it was already up to date (the
        file is not touched).

    Raises
    ------
    TocError
        If lesson 00 or its marked cell is missing, or a lesson lacks part of its skeleton.

    Examples
    --------
    >>> import shutil, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:  # a copy: the example never writes the course
    ...     copy = shutil.copytree(lessons.paths.notebooks_dir(), Path(tmp) / "notebooks")
    ...     update(copy), update(copy)  # the second run finds the table up to date
    (False, False)
    """
    folder = _folder(folder)
    times_written = bool(times.update_times(folder))
    path, nb = _start_here(folder)
    guide_times.update_guide(folder)  # the guide's table of lessons and each lesson's plan
    cell = _marked_cell(nb, path)
    table = lessons_table(folder)
    if lessons.cell_source(cell) == table:
        return times_written
    cell["source"] = table
    tags = cell.setdefault("metadata", {}).setdefault("tags", [])
    if TAG not in tags:
        tags.append(TAG)
    folders.write_notebook(nb, path)
    return True


def cli(args: argparse.Namespace) -> int:
    """Entry point of ``python -m kzsi_helpers toc [--check] [--notebooks DIR]``.

    Parameters
    ----------
    args : argparse.Namespace
        ``notebooks``: the lessons folder (None: the course's); ``check``: only report whether the
        table is stale.

    Returns
    -------
    int
        0 if the table is (now) up to date; 1 with ``--check`` if it is stale, or if lesson 00
        could not be read or written (the reason is printed).

    Examples
    --------
    >>> cli(argparse.Namespace(notebooks=None, check=True))  # doctest: +ELLIPSIS
    /.../notebooks/00-start-here.ipynb: the table of lessons is up to date
    0
    """
    try:
        folder = _folder(args.notebooks)
        if args.check:
            for path, stated, model in times.stale_times(folder):
                print(f"{path}: states {stated} minutes, the timing model gives {model}; "
                      "run `python -m kzsi_helpers toc`")
                return 1
            if generated_cell(folder) != lessons_table(folder):
                print(f"{folder / START_HERE}: the table of lessons is out of date; "
                      "run `python -m kzsi_helpers toc`")
                return 1
            print(f"{folder / START_HERE}: the table of lessons is up to date")
            return 0
        changed = update(folder)
    except (LessonError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {folders.describe_os_error(exc)}", file=sys.stderr)
        return 1
    print(f"{folder / START_HERE}: table of lessons {'updated' if changed else 'already up to date'}")
    return 0
