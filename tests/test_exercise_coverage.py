"""Exercise coverage: every lesson has enough exercises, and no checker gives its answer away.

For lessons 01-04: at least four questions through the exercise API (``Question`` objects in
``kzsi_helpers.exercises.lessonNN``, each used by the lesson), a check() call for every question
that checks itself, and at least one *Now you try* section.

Every checker is then tried with the right answer, wrong answers and no answer, and the code that
``solution()`` shows is run in the lesson and must pass its own check. The right
answers are not typed here: they are the values the worked answers assigned when strict nbval ran
the teacher edition (in the lessons folder, next to the data); the audit
(``tests/exercise_audit.py``) runs in that same kernel, as the lesson's last test, added by the
project's ``conftest.py``. Wrong answers are derived from the right one (another number, another
option, a part of a table, text instead of a number ...). For a wrong answer and for no answer,
the feedback (plain text and HTML) must never contain the expected value.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import nbformat
import pytest
from exercise_audit import _number_forms, audit, questions, revealed, solution_runs

from kzsi_helpers.exercises.core import Question

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
# The lessons that have exercises: those whose exercise module exists (every lesson but 00).
LESSONS = sorted(p.name[:2] for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")
                 if (ROOT / "kzsi_helpers" / "exercises" / f"lesson{p.name[:2]}.py").is_file())
MIN_QUESTIONS = 3  # a lesson of one period: checks along the way, then a few exercises


def notebook_path(number: str) -> Path:
    found = sorted(NOTEBOOKS.glob(f"{number}-*.ipynb"))
    assert found, f"lesson {number} is missing from notebooks/"
    return found[0]


def lesson_module(number: str) -> ModuleType:
    try:
        return importlib.import_module(f"kzsi_helpers.exercises.lesson{number}")
    except ModuleNotFoundError:  # pragma: no cover - a failure message, not a skip
        pytest.fail(f"kzsi_helpers/exercises/lesson{number}.py is missing")


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


# The four topics of the course, each taught over one to three lessons.
TOPICS = {"diplomacy": ["01", "02"], "memorials and maps": ["03", "04"],
          "trade": ["05", "06", "07"], "checking an article": ["08", "09"]}


def test_the_topics_cover_the_lessons_with_exercises() -> None:
    assert sorted(n for numbers in TOPICS.values() for n in numbers) == LESSONS


@pytest.mark.parametrize("topic", TOPICS)
def test_each_topic_has_a_now_you_try_exercise(topic: str) -> None:
    """The same method on different data, once per topic (Teaching and Learning with Jupyter)."""
    headings = [line for number in TOPICS[topic]
                for cell in nbformat.read(notebook_path(number), as_version=4).cells
                if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("#")]
    assert any(re.search(r"now you try", h, re.IGNORECASE) for h in headings), (
        f"{topic}: no 'Now you try' heading in lessons {TOPICS[topic]}")


# --------------------------------------------------------------------------------------------
# right answers, from the executed teacher edition
# --------------------------------------------------------------------------------------------
# The audit of every checker (tests/exercise_audit.py) runs in the kernel where strict nbval has just
# run the teacher edition: the project's conftest.py adds it to each lesson's notebook as its last
# test, ``notebooks/NN-name.ipynb::audit of every checker``.


def _is_audit(item: pytest.Item) -> bool:
    return type(item).__name__ == "LessonAudit" and item.name == "audit of every checker"


def test_every_lesson_with_exercises_gets_its_audit(request: pytest.FixtureRequest) -> None:
    items = request.session.items
    if not any(str(item.path).endswith(".ipynb") for item in items):
        pytest.skip("the audits run with the notebooks (python -m pytest, or pytest notebooks/)")
    audited = sorted(Path(item.path).name[:2] for item in items if _is_audit(item))
    assert audited == LESSONS
    for number in LESSONS:  # each audit comes after the last cell of its lesson
        mine = [item for item in items if Path(item.path) == notebook_path(number)]
        assert _is_audit(mine[-1]), number
        assert mine[-1].module == lesson_module(number).__name__


def test_leak_detector_itself() -> None:
    # the detector must see a leaked answer and ignore a list of all the options
    assert revealed("Not quite: the answer is 1,234.", _number_forms(1234.0), [])
    assert revealed("Close, but 46.50 is right.", _number_forms(46.5), [])
    assert not revealed("Not quite: 2018 is the first year.", _number_forms(12.0), [])
    assert revealed("The verdict is Partly Supported.", {"partly supported"}, [])
    assert not revealed("Answer with one of: a, b, c.", {"b"}, ["a", "c"])
    assert not revealed("Count the rows again.", {"c"}, [])


def test_audit_catches_bad_checkers() -> None:
    from kzsi_helpers.exercises.checkers import Verdict, close_to, equals

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
def test_the_guide_has_a_page_for_the_lesson_and_the_key_every_answer(number: str) -> None:
    """Each lesson's page in docs/guide/ has the parts of issue 26, and the key lists its checks."""
    page = ROOT / "docs" / "guide" / f"{notebook_path(number).stem}.md"
    assert page.is_file(), f"no guide page {page.name}"
    text = page.read_text(encoding="utf-8").lower()
    for part in ("begin generated: times", "mistake", "core", "extension", "rubric", "exit ticket"):
        assert part in text, f"{page.name} has no {part!r}"
    key = (ROOT / "docs" / "answer-key.md").read_text(encoding="utf-8")
    section = key.split(f"\n## {number} ", 1)[1].split("\n## ", 1)[0]
    source = code(nbformat.read(notebook_path(number), as_version=4))
    for name in sorted(set(re.findall(r"\b(q\d+)\.check\(\s*\)", source))):
        assert f"| {name} |" in section, f"the answer key has no row for lesson {number}'s {name}"


def test_solution_runs_catches_broken_worked_answers() -> None:
    from kzsi_helpers.exercises.checkers import equals

    broken = Question("n", equals(4), ["Add."], "n = missing_name + 1")
    wrong = Question("n", equals(4), ["Add."], "n = 2 + 3")
    assert "NameError" in solution_runs("q1", broken, {})[0]
    assert "incorrect" in solution_runs("q1", wrong, {})[0]
    assert solution_runs("q1", Question("n", equals(4), ["Add."], "n = two + 2"), {"two": 2}) == []
