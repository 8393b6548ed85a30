"""The exercise API: check / hint / solution, as a student meets it."""

from __future__ import annotations

import pytest

from kzsi_helpers.exercises.checkers import Verdict, choice, close_to, equals
from kzsi_helpers.exercises.core import CORRECT, DISCUSSION, INCORRECT, NOT_ATTEMPTED, Question


def make() -> Question:
    return Question(
        var="days_between",
        checker=close_to(301, tolerance=0),
        hints=["Subtract the two dates.", "Use pandas.Timestamp."],
        solution="days_between = (b - a).days",
    )


def test_not_attempted_when_variable_missing() -> None:
    feedback = make().check()
    assert feedback.status == NOT_ATTEMPTED
    assert "days_between" in feedback.message


@pytest.mark.parametrize("placeholder", [None, ...])
def test_placeholders_count_as_not_attempted(placeholder: object) -> None:
    assert make().check(placeholder).status == NOT_ATTEMPTED


def test_looks_up_the_variable_in_the_callers_globals() -> None:
    namespace: dict[str, object] = {"q": make(), "days_between": 301}
    exec("result = q.check()", namespace)  # as a notebook cell would run it
    assert namespace["result"].status == CORRECT
    namespace["days_between"] = 300
    exec("result = q.check()", namespace)
    assert namespace["result"].status == INCORRECT


def test_incorrect_never_reveals_the_expected_value() -> None:
    q = make()
    for wrong in (300, 302.5, "301 days", [301]):
        feedback = q.check(wrong)
        assert feedback.status == INCORRECT
        assert "301" not in repr(feedback) and "301" not in feedback._repr_html_()


def test_correct() -> None:
    feedback = make().check(301)
    assert feedback.correct and feedback.status == CORRECT
    assert repr(feedback).startswith("Correct")


def test_numpy_numbers_are_accepted() -> None:
    np = pytest.importorskip("numpy")
    assert make().check(np.int64(301)).correct


def test_hints_in_order_and_bounds() -> None:
    q = make()
    assert q.hint().message.startswith("Subtract the two dates.")
    assert "hint(2)" in q.hint().message
    assert q.hint(2).message == "Use pandas.Timestamp."
    with pytest.raises(ValueError, match="hints 1 to 2"):
        q.hint(3)


def test_solution_shows_the_code() -> None:
    feedback = make().solution()
    assert feedback.status == "solution"
    assert feedback.code == "days_between = (b - a).days"
    assert "(b - a).days" in feedback._repr_html_()


def test_discussion_question_has_no_verdict() -> None:
    q = Question("", None, ["Think about votes."], "Small states trade support.",
                 solution_is_code=False)
    assert q.check().status == DISCUSSION
    assert q.solution().message == "Small states trade support."


def test_checker_crash_is_reported_as_incorrect() -> None:
    def fragile(value: object) -> bool:
        return value["year"] == 1992  # type: ignore[index]

    q = Question("answer", fragile, ["A dict with a year."], "answer = {'year': 1992}")
    feedback = q.check(5)
    assert feedback.status == INCORRECT
    assert "could not be checked" in feedback.message


def test_custom_verdict_message_is_used() -> None:
    q = Question("n", lambda v: Verdict(False, "Count the days, not the years."), ["h"], "n = 1")
    assert q.check(3).message == "Count the days, not the years."


def test_feedback_html_is_escaped() -> None:
    q = Question("n", lambda v: Verdict(False, "<b>bold</b>"), ["h"], "n = '<script>'")
    assert "<b>bold</b>" not in q.check(1)._repr_html_()
    assert "<script>" not in q.solution()._repr_html_()


def test_equals_and_choice() -> None:
    assert equals("visit")("visit").correct
    assert not equals("visit")("agreement").correct
    pick = choice("partly supported", ["supported", "partly supported", "not verified"])
    assert pick(" Partly Supported ").correct
    assert not pick("supported").correct
    assert "Answer with one of" in pick("maybe").message


def test_question_needs_hint_and_solution() -> None:
    with pytest.raises(ValueError, match="hint"):
        Question("x", equals(1), [], "x = 1")
    with pytest.raises(ValueError, match="solution"):
        Question("x", equals(1), ["h"], "")


def test_execute_knows_the_check_records_media_type():
    from kzsi_helpers.course.execute import CHECK_RECORD
    from kzsi_helpers.exercises.record import MIME

    assert CHECK_RECORD == MIME == "application/vnd.kzsi.check+json"
