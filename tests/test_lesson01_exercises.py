"""Lesson 01 exercises: each checker with lists of right answers, wrong answers and no answer.

Expected values are worked out here from the CSV files with the standard library (``csv``,
``datetime``), not taken from the module under test, and no message may give them away.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kzsi_helpers import load
from kzsi_helpers.exercises import ____
from kzsi_helpers.exercises import lesson01 as ex

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(table: str) -> list[dict[str, str]]:
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def day(event_id: str) -> dt.date:
    (row,) = [r for r in rows("events") if r["id"] == event_id]
    return dt.date.fromisoformat(row["date"])


def expected_days() -> int:
    return (day("diplomatic-relations") - day("independence-si")).days


def expected_years_days() -> tuple[int, int]:
    start, end = day("independence-si"), day("diplomatic-relations")
    years = end.year - start.year - ((end.month, end.day) < (start.month, start.day))
    return years, (end - start.replace(year=start.year + years)).days


@pytest.fixture()
def events() -> pd.DataFrame:
    return load("events")


def assert_hidden(feedback, *secrets) -> None:
    for secret in secrets:
        assert not re.search(rf"(?<![\w.]){re.escape(str(secret))}(?!\w)", feedback.message), (
            feedback.message, secret)


def test_the_worked_out_values_are_what_the_lesson_says() -> None:
    # independent of the module: 25 June 1991 to 20 October 1992, across 29 February 1992
    assert expected_days() == 483
    assert expected_years_days() == (1, 117)


# --- not attempted ------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q4])
def test_not_attempted(question) -> None:
    assert question.check().status == "not attempted"  # no such variable in this module
    assert question.check(None).status == "not attempted"
    assert question.check(____).status == "not attempted"
    assert question.var in question.check().message


# --- q1: days between independence and relations (blanks) ---------------------------------------

def test_q1_right_answers() -> None:
    n = expected_days()
    for answer in [n, np.int64(n), float(n), pd.Timedelta(days=n).days]:
        assert ex.q1.check(answer).correct, answer


@pytest.mark.parametrize(("answer", "says"), [
    (pd.Timedelta(days=483), ".days"),
    (-483, "sign"),
    (484, "Off by one"),
    (482, "Off by one"),
    ((day("diplomatic-relations") - day("independence-kz")).days, "Kazakhstan"),
    (1, "years"),
    (1.32, "whole number"),
    ("483", "not text"),
    (True, "not text"),
    (100, "date_start"),
])
def test_q1_wrong_answers_say_what_is_wrong(answer, says) -> None:
    feedback = ex.q1.check(answer)
    assert feedback.status == "incorrect", answer
    assert says in feedback.message, feedback.message
    assert_hidden(feedback, expected_days())


def test_q1_blank_in_a_pair_is_not_attempted() -> None:
    assert ex.q1.check((____, 3)).status == "not attempted"


# --- q2: one category (boolean filter, a blank) -------------------------------------------------

def test_q2_right_answers(events) -> None:
    rights = [
        events[events["category"] == "agreement"],
        events.query("category == 'agreement'"),
        events[events["category"].isin(["agreement"])],
        events[events["category"] == "agreement"].reset_index(drop=True),
        events[events["category"] == "agreement"].sort_values("title"),
    ]
    for answer in rights:
        assert ex.q2.check(answer).correct


@pytest.mark.parametrize(("make", "says"), [
    (lambda e: e[e["category"] == "Agreement"], "lower case"),
    (lambda e: e[e["category"] == "agreements"], "singular"),
    (lambda e: e[e["category"] == "visit"], "should not be there"),
    (lambda e: e[e["category"] != "agreement"], "`!=`"),
    (lambda e: e, "should not be there"),
    (lambda e: e[e["category"] == "agreement"].iloc[1:], "missing"),
    (lambda e: pd.concat([e[e["category"] == "agreement"]] * 2), "more than once"),
    (lambda e: e[e["category"] == "agreement"][["id", "title", "category"]], "columns"),
    (lambda e: e[e["category"] == "agreement"][["title"]], "columns"),
    (lambda e: "agreement", "table"),
])
def test_q2_wrong_answers_say_what_is_wrong(events, make, says) -> None:
    feedback = ex.q2.check(make(events))
    assert feedback.status == "incorrect"
    assert says in feedback.message, feedback.message
    n = sum(r["category"] == "agreement" for r in rows("events"))
    assert_hidden(feedback, n)


# --- q3: predict a grade ------------------------------------------------------------------------

def expected_grade() -> str:
    (row,) = [r for r in rows("events") if r["id"] == "consulate-nova-gorica"]
    return row["confidence"]


def test_q3_expected_grade_follows_the_scale() -> None:
    # one article, and the year worked out from it: medium on the course's scale
    assert expected_grade() == "medium"


@pytest.mark.parametrize("answer", ["medium", "Medium", " MEDIUM ", "medium.", "'medium'", "Med",
                                    "b", "B)", "(b)"])
def test_q3_right_answers(answer) -> None:
    assert ex.q3.check(answer).correct, answer


@pytest.mark.parametrize(("answer", "says"), [
    ("high", "two independent sources"),
    ("High.", "two independent sources"),
    ("a", "two independent sources"),
    ("low", "indirect evidence"),
    ("c)", "indirect evidence"),
    ("very sure", "high, medium or low"),
    ("", "high, medium or low"),
    (2, "high, medium or low"),
])
def test_q3_wrong_answers_say_what_is_wrong(answer, says) -> None:
    feedback = ex.q3.check(answer)
    assert feedback.status == "incorrect"
    assert says in feedback.message, feedback.message
    if "high, medium or low" not in feedback.message:
        assert "medium" not in feedback.message.lower()


# --- q4: whole years and days -------------------------------------------------------------------

def test_q4_right_answers() -> None:
    years, days = expected_years_days()
    for answer in [(years, days), [years, days], (np.int64(years), np.int64(days)),
                   (float(years), float(days)), np.array([years, days])]:
        assert ex.q4.check(answer).correct, answer


def test_q4_off_by_the_leap_day_is_told_so() -> None:
    years, days = expected_years_days()
    # 483 // 365 and 483 % 365: a year taken as 365 days, but 1992 had 29 February
    answer = (expected_days() // 365, expected_days() % 365)
    assert answer == (years, days + 1)
    feedback = ex.q4.check(answer)
    assert feedback.status == "incorrect"
    assert "leap" in feedback.message and "29 February" in feedback.message
    assert_hidden(feedback, days)


@pytest.mark.parametrize(("make", "says"), [
    (lambda y, d, total: (d, y), "wrong way round"),
    (lambda y, d, total: (0, total), "whole gap"),
    (lambda y, d, total: (y, d - 1), "one off"),
    (lambda y, d, total: (y + 1, d), "whole years"),
    (lambda y, d, total: (y, d + 30), "days left"),
    (lambda y, d, total: (y,), "pair"),
    (lambda y, d, total: "1 year and some days", "pair"),
    (lambda y, d, total: (y, "days"), "whole number"),
    (lambda y, d, total: (y, pd.Timedelta(days=d)), ".days"),
])
def test_q4_wrong_answers_say_what_is_wrong(make, says) -> None:
    years, days = expected_years_days()
    feedback = ex.q4.check(make(years, days, expected_days()))
    assert feedback.status == "incorrect"
    assert says in feedback.message, feedback.message
    assert_hidden(feedback, days, expected_days())


# --- every question ------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q4])
def test_hints_and_solutions_exist(question) -> None:
    assert question.hint().message
    assert question.solution().message or question.solution().code


def test_solutions_type_no_dates() -> None:
    """Worked answers compute dates from the table instead of typing them."""
    for question in (ex.q1, ex.q2, ex.q4):
        assert not re.search(r"\d{4}-\d{2}", question.solution_text), question.var


def test_solutions_run(events) -> None:
    namespace = {"events": events, "pd": pd}
    for question in (ex.q1, ex.q2, ex.q3, ex.q4):
        exec(question.solution_text, namespace)
        assert question.check(namespace[question.var]).correct, question.var
