"""Lesson 03's exercises: each checker accepts what a student would reasonably type for a right
answer, rejects common wrong answers with a message that points at the mistake, tells *not
attempted* apart, and never gives the expected value away. Expected values are read here from the
CSV files, independently of the checkers."""

from pathlib import Path

import pandas as pd
import pytest

from kzsi_helpers.exercises import ____
from kzsi_helpers.exercises import lesson03 as ex

DATA = Path(__file__).resolve().parent.parent / "data"


def read(table):
    return pd.read_csv(DATA / f"{table}.csv", dtype=str, keep_default_na=False)


def letter_forms(letter):
    return [letter, letter.upper(), f"{letter})", f"{letter.upper()})", f"({letter})",
            f" {letter}. ", f"{letter}."]


@pytest.mark.parametrize("question, right", [(ex.q1, "c")])
def test_letter_questions_accept_every_way_of_writing_the_letter(question, right):
    assert question.check().status == "not attempted"
    assert question.check(____).status == "not attempted"
    for form in letter_forms(right):
        assert question.check(form).status == "correct", form
    for wrong in "abcd".replace(right, ""):
        for form in letter_forms(wrong):
            feedback = question.check(form)
            assert feedback.status == "incorrect", form
            assert f"'{right}'" not in feedback.message and f" {right})" not in feedback.message
    assert "one of: a, b, c, d" in question.check("z").message


@pytest.mark.parametrize("wrong, expected", [
    ("a", "average"), ("b", "twice"), ("d", "Newer"),
])
def test_q1_stalag_wrong_letters_say_why(wrong, expected):
    assert expected in ex.q1.check(wrong).message


def test_q2_povir_confidence():
    places = read("places").set_index("id")
    right = places.loc["povir", "confidence"]  # worked out from the CSV, not from the checker
    assert ex.q2.check().status == "not attempted"
    assert ex.q2.check(____).status == "not attempted"
    for answer in (right, right.upper(), f" {right}. ", f"'{right}'", right.capitalize()):
        assert ex.q2.check(answer).status == "correct", answer
    other_grades = {"high", "medium", "low"} - {right}
    wrong_answers = {
        "approximate": "location_precision",
        "exact": "location_precision",
        **{grade: "row id" for grade in other_grades},
        "povir": "column name",
        "": "column name",
    }
    for answer, expected in wrong_answers.items():
        feedback = ex.q2.check(answer)
        assert feedback.status == "incorrect", answer
        assert expected in feedback.message, (answer, feedback.message)
        assert right not in feedback.message.lower().replace("povir", "")
    whole_row = places.loc["povir"]
    assert "more than one cell" in ex.q2.check(whole_row).message


def test_q5_memory_claims():
    claims = read("claims")
    expected = claims[claims["category"] == "memory"]
    assert ex.q5.check().status == "not attempted"
    right_answers = [expected, expected.set_index("id"), list(expected["id"]),
                     set(expected["id"]), expected[["id", "claim"]]]
    for answer in right_answers:
        assert ex.q5.check(answer).status == "correct"
    empty = claims[claims["category"] == "Memory"]
    wrong_answers = [
        (empty, "lower case"),
        (claims, "every claim"),
        (expected.iloc[:2], "missing"),
        (claims[claims["category"] != "economy"], "another category"),
        ("memory", "filtered table"),
    ]
    for answer, message in wrong_answers:
        feedback = ex.q5.check(answer)
        assert feedback.status == "incorrect"
        assert message in feedback.message, feedback.message


def test_q6_is_a_discussion_question():
    assert ex.q6.check().status == "discussion"
    assert ex.q6.solution().message


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q5, ex.q6])
def test_every_question_has_hints_and_a_solution(question):
    assert question.hint().message
    assert question.solution().message or question.solution().code
