"""Read the notebooks students hand in, for the class report, without ever running them.

A handed-in file is read as JSON text and nothing more: no cell is executed, no output is shown as
markup. From it come the student's name (the notebook's ``kzsi.student_name`` metadata, which the
hand-in button writes, else the name in the hand-in step's output, else the file's name), the
lesson, and for each exercise its last check record (:mod:`kzsi_helpers.exercises.record`) with
the code of its answer cell (the code cell just before the check cell). A record whose answer cell
no longer hashes to the record's ``answer_sha256`` is *changed*: the answer was edited after its
check ran. A file that cannot be used raises
:class:`HandedInError` with a sentence; a file that can be used but has records left out carries
those sentences in :attr:`HandedIn.notes`.

The *last* record of an exercise is the one run last: the highest execution count, then the last in
the notebook (a student may have copied a check cell and run both).

Examples
--------
>>> import json, tempfile
>>> from pathlib import Path
>>> from kzsi_helpers.exercises.record import check_record
>>> cells = [{"cell_type": "code", "source": "grade = 'high'", "outputs": [], "metadata": {}},
...          {"cell_type": "code", "source": "ex.q3.check()", "execution_count": 2, "metadata": {},
...           "outputs": [{"output_type": "execute_result", "metadata": {}, "data":
...               {MIME: check_record("01", "q3", "incorrect", "grade = 'high'")}}]}]
>>> with tempfile.TemporaryDirectory() as folder:
...     path = Path(folder) / "ana.ipynb"
...     _ = path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
...                                     "cells": cells}))
...     handed = read_handed_in(path, "ana.ipynb", "ana")
>>> handed.name, handed.lesson, handed.answers["q3"].status, handed.answers["q1"].status
('ana', '01', 'wrong', 'not-attempted')
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzsi_helpers.course.release import VERSION
from kzsi_helpers.exercises.handin import lesson_exercises
from kzsi_helpers.exercises.record import FORMAT, HAND_IN_MIME, MIME, answer_hash
from kzsi_helpers.i18n.messages import _

__all__ = ["MAX_BYTES", "STATUSES", "Answer", "plain_text", "HandedIn", "HandedInError",
           "handed_in_files", "read_handed_in"]

#: A handed-in file larger than this is refused unread (a lesson with its outputs is about 2 MB).
MAX_BYTES = 20 * 1024 * 1024
#: The report's statuses of an answer, in the order the report shows them.
STATUSES = ("correct", "wrong", "changed", "not-attempted", "discussed")
#: A check record's status -> the report's.
_FROM_RECORD = {"correct": "correct", "incorrect": "wrong", "not attempted": "not-attempted",
                "discussion": "discussed"}
_CHECK_CELL = re.compile(r"\b\w+\.(q\d+)\.check\(\s*\)")
_LESSON_IMPORT = re.compile(r"kzsi_helpers\.exercises(?:\s+import\s+|\.)lesson(\d\d)\b")
_HASH = re.compile(r"^[0-9a-f]{64}$")
#: Longest answer code kept for the report (a pasted data dump is cut).
MAX_CODE = 20_000
_NAME_LENGTH = 80


class HandedInError(ValueError):
    """A handed-in file the report cannot use; the message says why, in a sentence."""


@dataclass(frozen=True)
class Answer:
    """One exercise of one student: its status (one of :data:`STATUSES`) and its answer code.

    ``code`` is None when the notebook has no answer cell for the exercise.
    """

    status: str
    code: str | None = None


@dataclass
class HandedIn:
    """What the report takes from one handed-in notebook.

    Attributes
    ----------
    label : str
        The file, as the teacher named it (on the command line or under a folder given there).
    name : str
        The student's name: the notebook's ``kzsi.student_name``, else the file's name.
    lesson : str
        The lesson's number (``"01"``).
    answers : dict
        Exercise (``"q1"``) -> :class:`Answer`, for every exercise of the lesson.
    saved : float
        The file's modification time (which of two files of one student is later).
    notes : list of str
        Sentences on what was left out of the file (records of another version, say).
    """

    label: str
    name: str
    lesson: str
    answers: dict[str, Answer]
    saved: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[str]:
        """The exercises whose answer was changed after its check ran."""
        return [name for name, answer in self.answers.items() if answer.status == "changed"]


def handed_in_files(paths: Sequence[Path]) -> tuple[list[tuple[Path, str, str]], list[tuple[str, str]]]:
    """Find the handed-in files: each file given, and every ``*.ipynb`` under each folder given.

    Hidden files and folders (``.ipynb_checkpoints``) are skipped; a file reached twice is read once.

    Returns
    -------
    tuple
        ``(files, problems)``: each file as ``(path, label, name)`` (``name`` is the student's name
        when the notebook has none: its path under the folder given, without ``.ipynb``), and a
        ``(label, sentence)`` for each path that does not exist.

    Examples
    --------
    >>> handed_in_files([Path("no-such-folder")])
    ([], [('no-such-folder', 'no such file or folder')])
    """
    files: list[tuple[Path, str, str]] = []
    problems: list[tuple[str, str]] = []
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            found = sorted(p for p in given.rglob("*.ipynb")
                           if p.is_file() and not any(part.startswith(".")
                                                      for part in p.relative_to(given).parts))
            named = [(p, p.relative_to(given).with_suffix("").as_posix()) for p in found]
        elif given.exists():
            named = [(given, given.stem if given.suffix == ".ipynb" else given.name)]
        else:
            problems.append((str(given), _("no such file or folder")))
            continue
        for path, name in named:
            if path.resolve() not in seen:
                seen.add(path.resolve())
                files.append((path, str(path), name))
    return files, problems


def read_handed_in(path: Path, label: str, name: str, max_bytes: int = MAX_BYTES) -> HandedIn:
    """Read one handed-in notebook (as JSON only: nothing in it is run).

    Parameters
    ----------
    path : pathlib.Path
        The file.
    label : str
        How the file is named in the report's lines.
    name : str
        The student's name if the notebook does not give one.
    max_bytes : int, optional
        Larger files are refused unread.

    Returns
    -------
    HandedIn

    Raises
    ------
    HandedInError
        For a file that is too large, not a notebook, or not one of this course's lessons.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = (Path(folder) / "x.ipynb").write_text("<html>")
    ...     read_handed_in(Path(folder) / "x.ipynb", "x.ipynb", "x")
    Traceback (most recent call last):
    ...
    kzsi_helpers.publish.report_files.HandedInError: not a notebook: it is not JSON text
    """
    nb = _load(path, max_bytes)
    cells = [cell for cell in nb["cells"] if isinstance(cell, dict)]
    notes: list[str] = []
    records = _records(cells, notes)
    lesson = _lesson(records, cells, path)
    exercises = lesson_exercises(lesson)
    if not exercises:
        raise HandedInError(_("lesson {lesson} has no exercises in this version of the course")
                            .format(lesson=lesson))
    mine = [r for r in records if r[0]["lesson"] == lesson]
    unknown = [r for r in mine if r[0]["exercise"] not in exercises]
    if len(mine) < len(records):
        notes.append(_("check results of another lesson, left out: {count}")
                     .format(count=len(records) - len(mine)))
    if unknown:
        notes.append(_("check results of exercises that lesson {lesson} does not have, left out: "
                       "{count}").format(count=len(unknown), lesson=lesson))
    answers = {exercise: Answer("not-attempted", _cut(_answer_code(cells, _check_cell(cells, exercise))))
               for exercise in exercises}
    for record, index, _order in sorted((r for r in mine if r not in unknown), key=lambda r: r[2]):
        code = _answer_code(cells, index)
        status = _FROM_RECORD[record["status"]]
        expected = record["answer_sha256"]
        if expected is not None and (code is None or answer_hash(code) != expected):
            status = "changed"
        answers[record["exercise"]] = Answer(status, _cut(code))
    return HandedIn(label, _student_name(nb) or name, lesson, answers, path.stat().st_mtime, notes)


def _load(path: Path, max_bytes: int) -> dict[str, Any]:
    """Read a file as a notebook (nbformat 4), refusing it with a sentence if it is not one."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise HandedInError(_("larger than {limit} MB: not read").format(limit=f"{max_bytes / 2**20:g}"))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise HandedInError(_("could not be read ({reason})").format(reason=exc.strerror or exc)) \
            from None
    if len(data) > max_bytes:
        raise HandedInError(_("larger than {limit} MB: not read").format(limit=f"{max_bytes / 2**20:g}"))
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested beyond reason
        raise HandedInError(_("not a notebook: it is not JSON text")) from None
    if not (isinstance(nb, dict) and nb.get("nbformat") == 4 and isinstance(nb.get("cells"), list)):
        raise HandedInError(_("not a notebook in the format Jupyter saves (nbformat 4)"))
    return nb


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(part for part in source if isinstance(part, str))
    return source if isinstance(source, str) else ""


def _outputs(cell: dict[str, Any]) -> Iterable[dict[str, Any]]:
    outputs = cell.get("outputs") if cell.get("cell_type") == "code" else None
    return [o for o in outputs if isinstance(o, dict)] if isinstance(outputs, list) else []


def _records(cells: list[dict[str, Any]],
             notes: list[str]) -> list[tuple[dict[str, Any], int, tuple[int, int, int]]]:
    """Return the usable records as ``(record, cell index, run order)``; say what was left out."""
    usable, foreign, broken = [], [], 0
    for index, cell in enumerate(cells):
        count = cell.get("execution_count")
        count = count if isinstance(count, int) and not isinstance(count, bool) else -1
        for number, output in enumerate(_outputs(cell)):
            data = output.get("data")
            if not isinstance(data, dict) or MIME not in data:
                continue
            record = data[MIME]
            problem = _record_problem(record)
            if problem == "foreign":
                foreign.append(record)
            elif problem:
                broken += 1
            else:
                usable.append((record, index, (count, index, number)))
    if foreign:
        first = foreign[0]
        found = plain_text("{course} {version}".format(course=first.get("course"),
                                                       version=first.get("version")), 60)
        if not usable:
            raise HandedInError(_("recorded by another course or version ({found}); this report "
                                  "reads kzsi {version}").format(found=found, version=VERSION))
        notes.append(_("check results recorded by another course or version ({found}), left out: "
                       "{count}").format(count=len(foreign), found=found))
    if broken:
        notes.append(_("check results that could not be read, left out: {count}").format(count=broken))
    return usable


def _record_problem(record: Any) -> str:
    """Return ``""`` for a usable record, ``"foreign"`` for another course or version, else ``"broken"``."""
    if not isinstance(record, dict):
        return "broken"
    version = record.get("version")
    if (record.get("course") != "kzsi" or record.get("format") != FORMAT
            or not isinstance(version, str) or version.split(".")[0] != VERSION.split(".")[0]):
        return "foreign"
    digest = record.get("answer_sha256")
    fine = (isinstance(record.get("lesson"), str) and re.fullmatch(r"\d\d", record["lesson"])
            and isinstance(record.get("exercise"), str) and re.fullmatch(r"q\d+", record["exercise"])
            and record.get("status") in _FROM_RECORD
            and (digest is None or (isinstance(digest, str) and _HASH.match(digest))))
    return "" if fine else "broken"


def _lesson(records: list[tuple[dict[str, Any], int, tuple[int, int, int]]],
            cells: list[dict[str, Any]], path: Path) -> str:
    """Find the lesson: the one most records name, else the one the code imports, else the file's."""
    if records:
        counts = Counter(record["lesson"] for record, _index, _order in records)
        return min(counts, key=lambda lesson: (-counts[lesson], lesson))
    for cell in cells:
        if cell.get("cell_type") == "code":
            match = _LESSON_IMPORT.search(_source(cell))
            if match:
                return match.group(1)
    match = re.match(r"(\d\d)-", path.name)
    if match:
        return match.group(1)
    raise HandedInError(_("not a lesson of this course: it has no check results and does not use a "
                          "lesson's exercises"))


def _check_cell(cells: list[dict[str, Any]], exercise: str) -> int | None:
    """Find the last cell that checks ``exercise`` (``ex.q1.check()``), if there is one."""
    found = None
    for index, cell in enumerate(cells):
        if cell.get("cell_type") == "code" and exercise in _CHECK_CELL.findall(_source(cell)):
            found = index
    return found


def _answer_code(cells: list[dict[str, Any]], check: int | None) -> str | None:
    """Return the code of the code cell before cell ``check`` (the answer), if there is one."""
    if check is None:
        return None
    for cell in reversed(cells[:check]):
        if cell.get("cell_type") == "code":
            return _source(cell)
    return None


def _cut(code: str | None) -> str | None:
    """Cut answer code longer than :data:`MAX_CODE` (a pasted data dump, say)."""
    return code if code is None or len(code) <= MAX_CODE else code[:MAX_CODE] + "\n…"


def _student_name(nb: dict[str, Any]) -> str:
    """Return the name the student wrote, as plain text, or ``""``.

    The hand-in button writes it into the notebook's metadata (``kzsi.student_name``); a notebook
    downloaded by hand has it only in the hand-in step's output (its last one, if run twice).
    """
    kzsi = nb.get("metadata", {}).get("kzsi") if isinstance(nb.get("metadata"), dict) else None
    name = kzsi.get("student_name") if isinstance(kzsi, dict) else None
    if not (isinstance(name, str) and name.strip()):
        name = None
        cells = nb.get("cells") if isinstance(nb.get("cells"), list) else []
        for cell in cells if isinstance(cells, list) else []:
            for output in _outputs(cell) if isinstance(cell, dict) else []:
                data = output.get("data")
                record = data.get(HAND_IN_MIME) if isinstance(data, dict) else None
                if isinstance(record, dict) and isinstance(record.get("student_name"), str) \
                        and record["student_name"].strip():
                    name = record["student_name"]
    return plain_text(name, _NAME_LENGTH) if isinstance(name, str) else ""


def plain_text(text: str, limit: int = 200) -> str:
    r"""Make text from a student's file safe to print: no control characters, one line, not too long.

    (Escaping for HTML is the template's job; this keeps a terminal's escape codes out.)

    Examples
    --------
    >>> plain_text("Ana\x1b[2J\n  Novak")
    'Ana [2J Novak'
    >>> plain_text("x" * 5, limit=3)
    'xxx…'
    """
    text = "".join(" " if unicodedata.category(c).startswith(("C", "Z")) else c for c in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
