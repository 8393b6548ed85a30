"""The audit of a lesson's checkers, run inside the lesson's kernel by test_exercise_coverage.py.

Every checker is tried with the lesson's worked answer (it must pass), with no answer and with
wrong answers derived from the right one (another number, another option, a part of a table, text
instead of a number ...); the feedback on a wrong answer or on no answer must never contain the
expected value, and the code that ``solution()`` shows must pass its own check.

This module imports nothing but the standard library and ``kzsi_helpers.exercises`` at its top
(numpy and pandas when it runs), so that loading it into a lesson's kernel costs nothing: importing
nbformat or pytest there would import jsonschema, which takes seconds (see the README).
"""

from __future__ import annotations

import html
import importlib
import math
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from kzsi_helpers.exercises.core import CORRECT, INCORRECT, NOT_ATTEMPTED, Question


def questions(module: ModuleType) -> dict[str, Question]:
    found = {name: value for name, value in vars(module).items() if isinstance(value, Question)}
    return dict(sorted(found.items(), key=lambda item: (len(item[0]), item[0])))


# --------------------------------------------------------------------------------------------
# wrong answers, derived from the right one
# --------------------------------------------------------------------------------------------


def _options_like(module: ModuleType, value: str) -> list[str]:
    """Other valid options: module-level lists/tuples of strings that contain the answer."""
    options: list[str] = []
    for obj in vars(module).values():
        if isinstance(obj, (list, tuple)) and obj and all(isinstance(o, str) for o in obj):
            if value.strip().lower() in [o.strip().lower() for o in obj]:
                options += [o for o in obj if o.strip().lower() != value.strip().lower()]
    if len(value.strip()) == 1 and value.strip().isalpha():
        options += [c for c in "abcdefgh" if c != value.strip().lower()]
    return options


def wrong_answers(module: ModuleType, right: Any) -> Iterator[Any]:
    """Plausible wrong answers of the same kind as ``right`` (and a few of the wrong kind)."""
    import numpy as np
    import pandas as pd

    if isinstance(right, (bool, np.bool_)):
        yield not bool(right)
    elif isinstance(right, (int, float, np.integer, np.floating)):
        value = float(right)
        for wrong in (value + 1, value - 1, value * 2 + 7, -value - 3, value + abs(value) / 2 + 1,
                      round(value / 10, 1)):
            yield int(wrong) if isinstance(right, (int, np.integer)) else wrong
        yield str(right)  # text instead of a number
    elif isinstance(right, str):
        yield from _options_like(module, right)
        yield right + " and more"
        yield "zzz"
        yield ""
        yield 0
    elif isinstance(right, pd.DataFrame):
        yield right.head(0)
        if len(right) > 1:
            yield right.head(1)
            yield right.iloc[1:]
        if right.shape[1] > 1:
            yield right.iloc[:, :1]
        yield "a table"
        yield 0
    elif isinstance(right, pd.Series):
        yield right.head(0)
        if len(right) > 1:
            yield right.head(1)
            yield right.iloc[::-1] if not right.index.is_monotonic_increasing else right.iloc[1:]
        yield right.to_frame() if right.name is not None else 0
        yield "a column"
    elif isinstance(right, (list, tuple, set, frozenset)):
        items = list(right)
        yield type(right)() if not isinstance(right, frozenset) else frozenset()
        if len(items) > 1:
            yield type(right)(items[:-1]) if not isinstance(right, frozenset) else frozenset(
                items[:-1])
        yield "a list"
        yield 0
    elif isinstance(right, dict):
        yield {}
        yield "a dict"
    else:
        yield "something else"
        yield 0


def _number_forms(value: float) -> set[str]:
    forms = set()
    if math.isfinite(value):
        if float(value).is_integer():
            n = int(value)
            forms |= {str(n), f"{n:,}", f"{n:,}".replace(",", " "), f"{n:,}".replace(",", ".")}
        else:
            forms.add(repr(value))
            for digits in (1, 2, 3):
                rounded = round(value, digits)
                forms |= {f"{rounded:.{digits}f}", f"{rounded:,.{digits}f}"}
            if abs(value) >= 10:
                forms |= {str(round(value)), f"{round(value):,}"}
    return {f for f in forms if f not in ("0", "1")}


def expected_forms(right: Any) -> set[str]:
    """How the expected value could appear in a message (empty for tables and the like)."""
    import numpy as np

    if isinstance(right, (bool, np.bool_)):
        return set()  # "True"/"False" is part of ordinary sentences
    if isinstance(right, (int, float, np.integer, np.floating)):
        return _number_forms(float(right))
    if isinstance(right, str) and right.strip():
        return {right.strip()}
    return set()


def revealed(message: str, forms: set[str], options: list[str]) -> list[str]:
    """The forms of the expected value found in the message (as whole words or numbers).

    A message that lists every valid option (e.g. "Answer with one of: a, b, c.") reveals
    nothing and is allowed.
    """
    found = []
    for form in forms:
        pattern = rf"(?<![\w.,]){re.escape(form)}(?![\w]|[.,]\d)"
        if re.search(pattern, message, re.IGNORECASE):
            others = [o for o in options
                      if re.search(rf"(?<!\w){re.escape(o.strip())}(?!\w)", message, re.I)]
            if len(others) < 2:
                found.append(form)
    return found


def _texts(feedback: Any) -> str:
    return repr(feedback) + "\n" + html.unescape(feedback._repr_html_())


def audit(module: ModuleType, name: str, question: Question, value: Any) -> list[str]:
    """Try one checker with its right answer, no answer and wrong answers; list the problems."""
    problems = []
    # right: the worked answer of the lesson passes its own check
    feedback = question.check(value)
    if feedback.status != CORRECT:
        problems.append(f"the worked answer is judged {feedback.status}: {feedback!r}")
    forms = expected_forms(value)
    options = _options_like(module, value) if isinstance(value, str) else []
    # no answer
    for nothing in (None, ...):
        feedback = question.check(nothing)
        if feedback.status != NOT_ATTEMPTED:
            problems.append(f"no answer ({nothing!r}) is judged {feedback.status}")
        if revealed(_texts(feedback), forms, options):
            problems.append(f"the feedback on no answer reveals the answer: {feedback!r}")
    # wrong answers
    judged_wrong = 0
    for wrong in wrong_answers(module, value):
        feedback = question.check(wrong)
        if feedback.status == CORRECT:
            continue  # an accepted variant (another case, rounding within tolerance ...)
        if feedback.status != INCORRECT:
            problems.append(f"{wrong!r} is judged {feedback.status}")
        judged_wrong += 1
        leaks = revealed(_texts(feedback), forms, options)
        if leaks:
            problems.append(f"the feedback on {wrong!r} reveals {leaks}: {feedback!r}")
    if not judged_wrong:
        problems.append("no wrong answer was judged incorrect")
    return [f"{name} ({question.var}): {p}" for p in problems]


def audit_module(module_name: str, namespace: dict[str, Any]) -> dict[str, list[str]]:
    """Audit every question of a lesson module, with the answers found in ``namespace``.

    Runs in the lesson's kernel after the teacher edition has run: ``namespace`` is the
    notebook's globals, holding the value each worked answer assigned.
    """
    module = importlib.import_module(module_name)
    report = {}
    for name, question in questions(module).items():
        if question.checker is None:
            continue
        if question.var not in namespace:
            report[name] = [f"{name}: the teacher edition never assigns {question.var!r}"]
        else:
            report[name] = audit(module, name, question, namespace[question.var])
    # last (it may change the lesson's objects): the code that solution() shows must work
    for name, question in questions(module).items():
        if question.checker is not None and question.solution_is_code:
            report[name] += solution_runs(name, question, namespace)
    return report


def solution_runs(name: str, question: Question, namespace: dict[str, Any]) -> list[str]:
    """Run the code that ``solution()`` shows, in the lesson's namespace; it must pass check()."""
    scope = dict(namespace)
    scope.pop(question.var, None)
    try:
        exec(question.solution_text, scope)  # the lesson's own worked answer
    except Exception as exc:
        return [f"{name}: the code shown by solution() fails in the lesson: "
                f"{type(exc).__name__}: {exc}"]
    if question.var not in scope:
        return [f"{name}: the code shown by solution() does not assign {question.var!r}"]
    feedback = question.check(scope[question.var])
    if feedback.status != CORRECT:
        return [f"{name}: the code shown by solution() is judged {feedback.status}: {feedback!r}"]
    return []
