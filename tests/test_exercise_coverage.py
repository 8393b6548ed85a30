"""Exercise coverage: every lesson has enough exercises, and no checker gives its answer away.

For lessons 01-04: at least four questions through the exercise API (``Question`` objects in
``kzsi_helpers.exercises.lessonNN``, each used by the lesson), a check() call for every question
that checks itself, and at least one *Now you try* section.

Every checker is then tried with the right answer, wrong answers and no answer, and the code that
``solution()`` shows is run in the lesson and must pass its own check. The right
answers are not typed here: the teacher edition of the lesson is executed (in the lessons
folder, next to the data) and the value each worked answer assigned is collected from the
kernel. Wrong answers are derived from the right one (another number, another option, a part
of a table, text instead of a number ...). For a wrong answer and for no answer, the feedback
(plain text and HTML) must never contain the expected value.
"""

from __future__ import annotations

import html
import importlib
import math
import pickle
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from kzsi_helpers.exercises import CORRECT, INCORRECT, NOT_ATTEMPTED, Question

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = ["01", "02", "03", "04"]
MIN_QUESTIONS = 4


def notebook_path(number: str) -> Path:
    found = sorted(NOTEBOOKS.glob(f"{number}-*.ipynb"))
    assert found, f"lesson {number} is missing from notebooks/"
    return found[0]


def lesson_module(number: str) -> ModuleType:
    try:
        return importlib.import_module(f"kzsi_helpers.exercises.lesson{number}")
    except ModuleNotFoundError:  # pragma: no cover - a failure message, not a skip
        pytest.fail(f"kzsi_helpers/exercises/lesson{number}.py is missing")


def questions(module: ModuleType) -> dict[str, Question]:
    found = {name: value for name, value in vars(module).items() if isinstance(value, Question)}
    return dict(sorted(found.items(), key=lambda item: (len(item[0]), item[0])))


def code(nb: nbformat.NotebookNode) -> str:
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")


# --------------------------------------------------------------------------------------------
# coverage
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", LESSONS)
def test_lesson_has_enough_exercises_through_the_api(number: str) -> None:
    asked = questions(lesson_module(number))
    assert len(asked) >= MIN_QUESTIONS, f"lesson {number}: {len(asked)} questions"
    source = code(nbformat.read(notebook_path(number), as_version=4))
    for name, question in asked.items():
        assert re.search(rf"\b{name}\.(check|hint|solution)\(", source), (
            f"lesson {number}: {name} is defined but the lesson never uses it")
        if question.checker is not None:
            assert re.search(rf"\b{name}\.check\(\s*\)", source), (
                f"lesson {number}: {name} checks itself but the lesson never calls check()")
    checked = set(re.findall(r"\b(q\d+)\.check\(\s*\)", source))
    assert len(checked) >= MIN_QUESTIONS, f"lesson {number}: check() for {sorted(checked)}"


@pytest.mark.parametrize("number", LESSONS)
def test_lesson_has_a_now_you_try_section(number: str) -> None:
    nb = nbformat.read(notebook_path(number), as_version=4)
    headings = [line for cell in nb.cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("#")]
    assert any(re.search(r"now you try", h, re.IGNORECASE) for h in headings), (
        f"lesson {number}: no 'Now you try' heading among {headings}")


# --------------------------------------------------------------------------------------------
# right answers, from the executed teacher edition
# --------------------------------------------------------------------------------------------

_AUDIT = """
import importlib.util as _util
import pickle as _pickle
_spec = _util.spec_from_file_location("_kzsi_coverage", {test_file!r})
_coverage = _util.module_from_spec(_spec)
_spec.loader.exec_module(_coverage)
with open({path!r}, "wb") as _fh:
    _pickle.dump(_coverage.audit_module({module!r}, globals()), _fh)
"""


@pytest.fixture(scope="module", params=LESSONS)
def audited(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, list[str]]]:
    """Run the teacher edition, then audit every checker in its kernel, on its worked answers."""
    from nbclient import NotebookClient

    number = request.param
    module = lesson_module(number)
    nb = nbformat.read(notebook_path(number), as_version=4)
    out = tmp_path_factory.mktemp(f"audit{number}") / "audit.pickle"
    nb.cells.append(new_code_cell(_AUDIT.format(test_file=__file__, module=module.__name__,
                                                path=str(out))))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    with open(out, "rb") as fh:
        return number, pickle.load(fh)


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


def test_every_checker_right_wrong_and_no_answer(
        audited: tuple[str, dict[str, list[str]]]) -> None:
    number, report = audited
    assert report, f"lesson {number}: no questions that check themselves"
    problems = [p for found in report.values() for p in found]
    assert not problems, f"lesson {number}:\n" + "\n".join(problems)


def test_leak_detector_itself() -> None:
    # the detector must see a leaked answer and ignore a list of all the options
    assert revealed("Not quite: the answer is 1,234.", _number_forms(1234.0), [])
    assert revealed("Close, but 46.50 is right.", _number_forms(46.5), [])
    assert not revealed("Not quite: 2018 is the first year.", _number_forms(12.0), [])
    assert revealed("The verdict is Partly Supported.", {"partly supported"}, [])
    assert not revealed("Answer with one of: a, b, c.", {"b"}, ["a", "c"])
    assert not revealed("Count the rows again.", {"c"}, [])


def test_audit_catches_bad_checkers() -> None:
    from kzsi_helpers.exercises import Verdict, close_to, equals

    fake = ModuleType("fake_lesson")
    leaky = Question("n", lambda v: Verdict(v == 1234, "No: the answer is 1,234."), ["Count."],
                     "n = 1234")
    lenient = Question("n", lambda v: True, ["Count."], "n = 1234")
    assert any("reveals" in p for p in audit(fake, "q1", leaky, 1234))
    assert any("no wrong answer" in p for p in audit(fake, "q1", lenient, 1234))
    assert any("worked answer" in p for p in audit(fake, "q1", Question(
        "n", equals(5), ["Count."], "n = 5"), 4))
    assert audit(fake, "q1", Question("x", close_to(46.5), ["Divide."], "x = 93 / 2"), 46.5) == []


@pytest.mark.parametrize("number", LESSONS)
def test_teachers_guide_covers_every_exercise(number: str) -> None:
    guide = (ROOT / "docs" / "teachers-guide.md").read_text(encoding="utf-8")
    assert f"## Lesson {number}:" in guide, f"the teacher's guide has no section for lesson {number}"
    section = guide.split(f"## Lesson {number}:", 1)[1].split("\n## ", 1)[0]
    assert notebook_path(number).name in section
    for name, question in questions(lesson_module(number)).items():
        if question.var:
            assert f"`{question.var}`" in section, (
                f"lesson {number}: the guide does not give the answer to {name} ({question.var})")


def test_solution_runs_catches_broken_worked_answers() -> None:
    from kzsi_helpers.exercises import equals

    broken = Question("n", equals(4), ["Add."], "n = missing_name + 1")
    wrong = Question("n", equals(4), ["Add."], "n = 2 + 3")
    assert "NameError" in solution_runs("q1", broken, {})[0]
    assert "incorrect" in solution_runs("q1", wrong, {})[0]
    assert solution_runs("q1", Question("n", equals(4), ["Add."], "n = two + 2"), {"two": 2}) == []
