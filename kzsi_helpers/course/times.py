"""Each lesson's stated time, written from the timing model, and the report of ``timing``.

A lesson says how long it takes in one line of its *Prerequisites*, ``**Time to learn**: NN
minutes``. That number is never typed: :func:`update_times` writes the model's figure
(:mod:`kzsi_helpers.course.timing`) into every lesson, and ``python -m kzsi_helpers toc`` (which
``execute`` runs first) calls it, so lesson 00's table and the teacher's guide, which read the line,
say the same. ``python -m kzsi_helpers timing`` prints each lesson's estimate and its parts.

Examples
--------
>>> stated_line(38)
'**Time to learn**: 38 minutes'
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from kzsi_helpers.course import folders, lessons, timing

__all__ = ["TIME_LINE", "stated_line", "stale_times", "update_times", "report", "cli"]

#: The line a lesson states its time in (the number is replaced, the rest kept).
TIME_LINE = re.compile(r"\*\*Time to learn\*\*\s*:\s*(?P<minutes>\d+)\s*min(?:ute)?s?\b", re.IGNORECASE)


def stated_line(minutes: int) -> str:
    """Write the *Time to learn* line for a number of minutes."""
    return f"**Time to learn**: {minutes} minutes"


def _lessons(folder: str | Path | None) -> list[Path]:
    return lessons.lesson_paths(folder, start=True)


def _time_cell(nb: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """Find the markdown cell with the *Time to learn* line; None if the lesson states no time.

    A lesson without the line is reported by :func:`kzsi_helpers.course.lessons.lesson_info`
    (the table of lessons needs it); two such lines are an error here.
    """
    found = [cell for cell in nb["cells"] if cell.get("cell_type") == "markdown"
             and TIME_LINE.search(lessons.cell_source(cell))]
    if not found:
        return None
    if len(found) > 1:
        raise lessons.LessonError(
            f"{path.name}: expected one markdown cell with a line '**Time to learn**: NN minutes', "
            f"found {len(found)}")
    return found[0]


def stale_times(folder: str | Path | None = None) -> list[tuple[Path, int, int]]:
    """List the lessons whose stated time differs from the model's.

    Parameters
    ----------
    folder : str or path, optional
        The lessons folder (default: the course's ``notebooks/``).

    Returns
    -------
    list of (path, stated, model)
        One entry per stale lesson; empty when every lesson states the model's time.

    Examples
    --------
    >>> stale_times()
    []
    """
    stale = []
    for path in _lessons(folder):
        nb = lessons.read_json(path)
        cell = _time_cell(nb, path)
        if cell is None:
            continue
        line = TIME_LINE.search(lessons.cell_source(cell))
        model = timing.estimate(nb).stated
        if line is not None and int(line.group("minutes")) != model:
            stale.append((path, int(line.group("minutes")), model))
    return stale


def update_times(folder: str | Path | None = None) -> list[Path]:
    """Write the model's time into every lesson whose stated time differs; return those lessons.

    Each lesson is written whole or not at all (beside it, then replaced). Lessons already right
    are not touched.

    Examples
    --------
    >>> import shutil, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:  # a copy: the example never writes the course
    ...     copy = shutil.copytree(lessons.paths.notebooks_dir(), Path(tmp) / "notebooks")
    ...     update_times(copy)
    []
    """
    written = []
    for path, _stated, model in stale_times(folder):
        nb = lessons.read_json(path)
        cell = _time_cell(nb, path)
        assert cell is not None  # stale_times found its line
        cell["source"] = TIME_LINE.sub(stated_line(model), lessons.cell_source(cell), count=1)
        folders.write_notebook(nb, path)
        written.append(path)
    return written


def report(folder: str | Path | None = None, sections: bool = False) -> str:
    """Print-ready table of every lesson's time by the model, and optionally each section's.

    Examples
    --------
    >>> print(report().splitlines()[0])
    lesson                                     minutes  reading  cells  code ex.  short ans.  fits
    """
    head = (f"{'lesson':<42} {'minutes':>7}  {'reading':>7}  {'cells':>5}  {'code ex.':>8}  "
            f"{'short ans.':>10}  fits")
    lines = [head]
    for path in _lessons(folder):
        result = timing.estimate(lessons.read_json(path))
        fits = "yes" if result.minutes <= timing.PERIOD else "NO"
        reading = result.reading_words / timing.WORDS_PER_MINUTE
        lines.append(f"{path.stem:<42} {result.minutes:>7.1f}  {reading:>7.1f}  {result.cells:>5}  "
                     f"{result.code_exercises:>8}  {result.short_answers:>10}  {fits}")
        if sections:
            lines += [f"    {name[:46]:<46} {minutes:>5.1f}" for name, minutes in result.sections.items()]
    return "\n".join(lines)


def cli(args: argparse.Namespace) -> int:
    """Entry point of ``python -m kzsi_helpers timing [--sections] [--check]``.

    Returns
    -------
    int
        0; with ``--check``, 1 if a lesson is over a period or states a time the model does not give.
    """
    print(report(args.notebooks, sections=args.sections))
    if not args.check:
        return 0
    problems = [f"{path.name}: states {stated} minutes, the model gives {model}"
                for path, stated, model in stale_times(args.notebooks)]
    for path in _lessons(args.notebooks):
        minutes = timing.estimate(lessons.read_json(path)).minutes
        if minutes > timing.PERIOD:
            problems.append(f"{path.name}: {minutes:.1f} minutes, over a {timing.PERIOD}-minute period")
    for problem in problems:
        print(problem)
    return 1 if problems else 0
