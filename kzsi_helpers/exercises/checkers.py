"""What a checker decides about an answer, and the ready-made checkers: a value, a number, a choice.

A checker is any callable that takes the student's answer and returns a :class:`Verdict` (or a
bool). :class:`~kzsi_helpers.exercises.core.Question` runs it and turns the verdict into feedback.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Verdict", "Checker", "equals", "close_to", "choice"]


@dataclass(frozen=True)
class Verdict:
    """What a checker decided about an answer.

    Parameters
    ----------
    correct : bool
        Whether the answer is right.
    message : str, optional
        A sentence for the student; it must not contain the expected value.

    Examples
    --------
    >>> Verdict(False, "Count the days, not the years.").correct
    False
    """

    correct: bool
    message: str = ""



Checker = Callable[[Any], "bool | Verdict"]


def equals(expected: Any, *, wrong: str = "That is not the value we expect.") -> Checker:
    """Make a checker that accepts exactly one value (compared with ``==``).

    Parameters
    ----------
    expected : object
        The right answer (never shown to the student).
    wrong : str, optional
        What to say when the answer is wrong.

    Returns
    -------
    callable
        A checker for :class:`Question`.

    Examples
    --------
    >>> equals(3)(3).correct, equals(3)(4).correct
    (True, False)
    """

    def checker(value: Any) -> Verdict:
        try:
            same = bool(value == expected)
        except (TypeError, ValueError):
            same = False
        return Verdict(same, "" if same else wrong)

    return checker


def close_to(
    expected: float,
    *,
    tolerance: float = 0.05,
    wrong: str = "Check which numbers you used and the formula.",
) -> Checker:
    """Make a checker for a number, accepting a small absolute difference.

    Parameters
    ----------
    expected : float
        The right answer (never shown to the student).
    tolerance : float, optional
        The largest accepted absolute difference.
    wrong : str, optional
        What to say when the number is off.

    Returns
    -------
    callable
        A checker for :class:`Question`.

    Examples
    --------
    >>> close_to(46.5, tolerance=0.1)(46.48).correct
    True
    >>> close_to(46.5)("46.5").message
    'Your answer should be a number, not text.'
    """

    def checker(value: Any) -> Verdict:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and math.isnan(value)
        ):
            try:
                import numpy as np

                if isinstance(value, np.generic) and np.issubdtype(type(value), np.number):
                    value = float(value)
                else:
                    raise TypeError
            except TypeError:
                return Verdict(False, "Your answer should be a number, not text."
                               if isinstance(value, str) else "Your answer should be a number.")
        ok = abs(float(value) - expected) <= tolerance
        return Verdict(ok, "" if ok else wrong)

    return checker


def choice(expected: str, options: Sequence[str]) -> Checker:
    """Make a checker for a multiple-choice answer (letters or words, any case).

    Parameters
    ----------
    expected : str
        The right option (never shown to the student).
    options : sequence of str
        All valid options; anything else is reported as not one of them.

    Returns
    -------
    callable
        A checker for :class:`Question`.

    Examples
    --------
    >>> pick = choice("b", ["a", "b", "c"])
    >>> pick("B").correct, pick("d").message
    (True, 'Answer with one of: a, b, c.')
    """
    valid = [str(o).strip().lower() for o in options]

    def checker(value: Any) -> Verdict:
        given = str(value).strip().lower()
        if given not in valid:
            return Verdict(False, f"Answer with one of: {', '.join(valid)}.")
        ok = given == str(expected).strip().lower()
        return Verdict(ok, "" if ok else "That option is not the best fit: read the "
                       "evidence again.")

    return checker
