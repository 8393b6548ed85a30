"""Exercises for the lessons, one module per lesson (``lesson01`` ...), built on :mod:`.core`.

:mod:`.core` holds the questions and their feedback, :mod:`.checkers` the ready-made forgiving
checkers, :mod:`.blanks` the blank ``____`` of scaffolded exercises, :mod:`.answers` how a correct
answer is described. The lessons import ``____`` and their own ``lessonNN`` module from here.

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
