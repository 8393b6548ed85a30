"""Lesson 07 exercises: lists of right and wrong answers, the messages they get, no leaked values.

Expected values are worked out here from the CSV files with the csv module.
"""

from __future__ import annotations

import csv
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kzsi_helpers.exercises import ____
from kzsi_helpers.exercises import lesson07 as ex

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def rate(year: int) -> float:
    return next(float(r["usd_per_eur"]) for r in rows("exchange_rates") if int(r["year"]) == year)


PRESS = pd.read_csv(DATA / "trade_press.csv")
GZS_MEUR = float(next(r["value_meur"] for r in rows("trade_press")
                      if r["id"] == "gzs-2018-si-exports"))
GZS_MUSD = GZS_MEUR * rate(2018)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def assert_wrong(question, cases) -> None:
    for answer, words in cases:
        feedback = question.check(answer)
        assert feedback.status == "incorrect", answer
        assert words.lower() in feedback.message.lower(), (answer, feedback.message)


def test_q1_right_answers() -> None:
    gzs = PRESS[PRESS["speaker"].str.startswith("GZS")]
    assert len(gzs) == 3
    for answer in [gzs, PRESS[PRESS["speaker"].str.contains("GZS")],
                   PRESS[PRESS["speaker"].str.startswith("GZS (Chamber")]]:
        assert ex.q1.check(answer).status == "correct"


def test_q1_wrong_answers_point_at_the_mistake() -> None:
    assert_wrong(ex.q1, [
        (PRESS[PRESS["speaker"].str.startswith("gzs")], "capital letters"),
        (PRESS, "other speakers"),
        (PRESS[PRESS["id"] == "gzs-2018-turnover"], "missing"),
        (PRESS[["speaker"]], "columns"),
        ("GZS", "dataframe"),
    ])
    assert ex.q1.check(____).status == "not attempted"


@pytest.mark.parametrize("answer", ["a", "A", "a)", "(a)", "a. Slovenia's records"])
def test_q2_accepts_the_letter_however_written(answer) -> None:
    assert ex.q2.check(answer).status == "correct"


def test_q2_wrong_letters_get_their_own_message() -> None:
    assert_wrong(ex.q2, [("b", "euros"), ("c", "does state its year"), ("2024", "a, b or c")])


def test_q3_right_answers() -> None:
    for answer in [GZS_MUSD, round(GZS_MUSD, 1), round(GZS_MUSD, 2)]:
        assert ex.q3.check(answer).status == "correct", answer


def test_q3_wrong_answers_point_at_the_mistake() -> None:
    cases = [
        (GZS_MEUR / rate(2018), "divided"),
        (GZS_MEUR * rate(2023), "rate of the year"),
        (GZS_MUSD * 1000, "millions"),
        (GZS_MEUR, "euro figure"),
        ("74", "not text"),
        (1.0, "multiply"),
    ]
    assert_wrong(ex.q3, cases)
    for answer, _ in cases:
        for text in (f"{GZS_MUSD:.1f}", f"{GZS_MUSD:.2f}"):
            assert text not in ex.q3.check(answer).message


def test_q4_bug_hunt_the_buggy_chart_really_has_the_bug() -> None:
    ax = ex.buggy_trade_chart()
    tallest = max(p.get_height() for c in ax.containers for p in c.patches)
    largest = max(max(float(r["kz_exports_to_si"]), float(r["kz_imports_from_si"]))
                  for r in rows("trade_kz"))
    assert tallest == pytest.approx(largest)  # thousand US dollars ...
    assert "million" in ax.get_ylabel()  # ... labelled million
    assert "unchanged" in ex.q4.check(ax).message


@pytest.mark.parametrize("label", ["thousand US dollars", "Thousand USD", "USD thousands",
                                   "US$ '000", "thousands of dollars", "kUSD"])
def test_q4_accepts_equivalent_labels(label) -> None:
    ax = ex.buggy_trade_chart()
    ax.set_ylabel(label)
    assert ex.q4.check(ax).status == "correct", label
    assert ex.q4.check(ax.figure).status == "correct", label


def test_q4_rescaling_the_bars_is_also_correct() -> None:
    ax = ex.buggy_trade_chart()
    for bars in ax.containers:
        for patch in bars.patches:
            patch.set_height(patch.get_height() / 1000)
            patch.set_y(patch.get_y() / 1000)
    assert ex.q4.check(ax).status == "correct"  # the bars now match the "million" label


def test_q4_wrong_fixes_point_at_the_mistake() -> None:
    cases = [("thousand", "currency"), ("Count", "currency"), ("thousand euros", "not euros"),
             ("billion US dollars", "the label says billion"), ("US dollars", "thousands or millions")]
    for label, words in cases:
        ax = ex.buggy_trade_chart()
        ax.set_ylabel(label)
        message = ex.q4.check(ax).message
        assert words in message.lower(), (label, message)
    assert "chart itself" in ex.q4.check("thousand US dollars").message
    fig, empty = plt.subplots()
    empty.set_ylabel("thousand US dollars")
    assert "no bars" in ex.q4.check(empty).message
    assert ex.q4.check(None).status == "not attempted"


def test_q5_is_a_discussion_question_with_a_written_answer() -> None:
    assert ex.q5.check().status == "discussion"
    assert ex.q5.solution().message
    assert ex.q5.hint().status == "hint"


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q4])
def test_every_question_has_hints_and_a_solution(question) -> None:
    assert question.hint().message
    assert question.solution().status == "solution"
    assert question.check().status == "not attempted"
