"""Exercises for the lessons, one module per lesson (``lesson01`` ...), built on :mod:`.core`.

Examples
--------
>>> from kzsi_helpers.exercises import Question, equals
>>> Question("x", equals(1), ["It is one."], "x = 1").check(1).status
'correct'
"""

from kzsi_helpers.exercises.blanks import ____
from kzsi_helpers.exercises.checkers import Verdict, choice, close_to, equals
from kzsi_helpers.exercises.core import (
    CORRECT,
    DISCUSSION,
    INCORRECT,
    NOT_ATTEMPTED,
    Feedback,
    Question,
)

__all__ = ["____", "CORRECT", "DISCUSSION", "INCORRECT", "NOT_ATTEMPTED", "Feedback", "Question",
           "Verdict", "choice", "close_to", "equals"]
