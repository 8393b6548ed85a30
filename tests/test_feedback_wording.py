"""Feedback reads well: no doubled label, hints' Markdown rendered as HTML, nothing injected."""

import importlib
from pathlib import Path

import pytest

from kzsi_helpers.exercises.checkers import equals
from kzsi_helpers.exercises.core import INCORRECT, Feedback, Question


def test_no_doubled_label():
    assert repr(Feedback(INCORRECT, "Not quite. Look again.")) == "Not quite: Look again."
    q = Question("x", equals(1), ["One."], "x = 1")
    assert not repr(q.check(2)).startswith("Not quite: Not quite")
    assert "Not quite: Not quite" not in q.check(2)._repr_html_()


def test_hint_markdown_is_rendered_and_escaped():
    html = Feedback("hint", "Use `df.groupby(\"year\")` and **sum**, not <b>x</b>.")._repr_html_()
    assert '<code>df.groupby(&quot;year&quot;)</code>' in html
    assert "<strong>sum</strong>" in html
    assert "<b>x</b>" not in html and "`" not in html


EXERCISE_MODULES = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "kzsi_helpers"
                                            / "exercises").glob("lesson[0-9][0-9].py"))


@pytest.mark.parametrize("lesson", EXERCISE_MODULES)
def test_every_lessons_feedback_and_hints_read_without_doubled_words(lesson):
    module = importlib.import_module(f"kzsi_helpers.exercises.{lesson}")
    questions = [v for v in vars(module).values() if isinstance(v, Question)]
    assert questions
    for q in questions:
        for i in range(1, len(q.hints) + 1):
            shown = repr(q.hint(i))
            assert "Hint: Hint" not in shown
        assert "Not quite: Not quite" not in repr(q.check(object()))
