r"""What a check leaves in the notebook for the class report: the exercise, the result, the answer's hash.

Each ``check()`` output carries, beside the text a student reads, a small JSON record under the
media type :data:`MIME`. The class report (``python -m kzsi_helpers report``) reads these records
from handed-in notebooks and never runs a student's code. The answer's hash lets the report tell
whether the answer cell was changed after it was checked.

Examples
--------
>>> record = check_record("01", "q1", "correct", "days_si = 483\n")
>>> record["exercise"], record["status"], record["answer_sha256"] == answer_hash("days_si = 483")
('q1', 'correct', True)
"""

from __future__ import annotations

import hashlib
import sys
from typing import Any

from kzsi_helpers.course.release import VERSION

__all__ = ["MIME", "HAND_IN_MIME", "FORMAT", "answer_hash", "check_record", "previous_cell",
           "remember", "session_checks"]

#: The media type of a check's record in a notebook output.
MIME = "application/vnd.kzsi.check+json"
#: The media type of the hand-in step's record (the name the student wrote, the lesson).
HAND_IN_MIME = "application/vnd.kzsi.hand-in+json"
#: The record's format; the report refuses another.
FORMAT = 1
#: The last status of each exercise checked in this kernel: (lesson, exercise) -> status.
_SESSION: dict[tuple[str, str], str] = {}


def answer_hash(source: str) -> str:
    r"""Return the sha256 of an answer cell's code, ignoring trailing spaces and blank edge lines.

    Examples
    --------
    >>> answer_hash("x = 1  \n\n") == answer_hash("x = 1")
    True
    """
    lines = [line.rstrip() for line in str(source).replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines).strip("\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_record(lesson: str, exercise: str, status: str, answer_source: str | None) -> dict[str, Any]:
    """Return the record a check leaves: course, format, version, lesson, exercise, status, hash.

    ``answer_source`` is the code of the cell run just before the check (the answer), or None when
    it is not known (then the record has no hash and the report cannot tell a later change).
    """
    return {"course": "kzsi", "format": FORMAT, "version": VERSION, "lesson": lesson,
            "exercise": exercise, "status": status,
            "answer_sha256": answer_hash(answer_source) if answer_source is not None else None}


def previous_cell() -> str | None:
    """Return the code of the cell run before the current one in this kernel, if IPython keeps it.

    Examples
    --------
    >>> previous_cell() is None or isinstance(previous_cell(), str)
    True
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None  # type: ignore[attr-defined]
    history = shell.user_ns.get("In") if shell is not None else None
    if not isinstance(history, list) or len(history) < 3:
        return None
    return str(history[-2])


def remember(record: dict[str, Any]) -> None:
    """Keep a check's status as the last one of its exercise in this kernel (for the hand-in step).

    Examples
    --------
    >>> remember(check_record("97", "q1", "incorrect", None))
    >>> remember(check_record("97", "q1", "correct", None))
    >>> session_checks("97")
    {'q1': 'correct'}
    """
    _SESSION[(str(record["lesson"]), str(record["exercise"]))] = str(record["status"])


def session_checks(lesson: str) -> dict[str, str]:
    """Return the last status of each exercise of ``lesson`` checked in this kernel.

    Examples
    --------
    >>> session_checks("96")
    {}
    """
    return {exercise: status for (number, exercise), status in _SESSION.items() if number == lesson}
