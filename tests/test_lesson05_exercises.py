"""Lesson 05 exercises: lists of right and wrong answers, the messages they get, no leaked values.

Expected values are worked out here from the CSV files with the csv module.
"""

from __future__ import annotations

import csv
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

from kzsi_helpers.exercises import ____
from kzsi_helpers.exercises import lesson05 as ex
from kzsi_helpers.exercises.lesson05_charts import label_unit, names_us_dollars

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def kz(year: int, column: str) -> float:
    return next(float(r[column]) for r in rows("trade_kz") if int(r["year"]) == year)


TURNOVER_2023_M = kz(2023, "turnover") / 1000
TURNOVER_CHANGE = (kz(2023, "turnover") - kz(2019, "turnover")) / kz(2019, "turnover") * 100
BALANCE = {int(r["year"]): float(r["kz_exports_to_si"]) - float(r["kz_imports_from_si"])
           for r in rows("trade_kz")}
DEFICIT_YEAR = min(BALANCE, key=BALANCE.get)
SMALLEST_DEFICIT_YEAR = max(BALANCE, key=BALANCE.get)


def renderings(value: float) -> list[str]:
    """Ways an expected value could leak into a message."""
    out = {str(value), f"{value:,.0f}", f"{value:.0f}"}
    for digits in (1, 2, 3):
        out.add(f"{value:.{digits}f}")
        out.add(f"{value:,.{digits}f}")
    return [text for text in out if len(text.lstrip("-")) >= 3 and text.strip("-0.") != ""]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def assert_right(question, answers) -> None:
    for answer in answers:
        feedback = question.check(answer)
        assert feedback.status == "correct", (answer, feedback.message)


def assert_wrong(question, cases, expected: float) -> None:
    for answer, words in cases:
        feedback = question.check(answer)
        assert feedback.status == "incorrect", answer
        assert words.lower() in feedback.message.lower(), (answer, feedback.message)
        for text in renderings(float(expected)):
            assert text not in feedback.message, (answer, feedback.message)


# ---- q1: one value in million US dollars -----------------------------------------------------


def test_q1_right_answers() -> None:
    assert_right(ex.q1, [TURNOVER_2023_M, round(TURNOVER_2023_M, 1), round(TURNOVER_2023_M, 2),
                         np.float64(TURNOVER_2023_M)])


def test_q1_wrong_answers_point_at_the_mistake() -> None:
    assert_wrong(ex.q1, [
        (TURNOVER_2023_M * 1000, "thousand"),
        (kz(2023, "kz_imports_from_si") / 1000, "`turnover`"),
        (kz(2022, "turnover") / 1000, "another year"),
        (str(round(TURNOVER_2023_M, 1)), "not text"),
        (5.0, "row of 2023"),
    ], TURNOVER_2023_M)


def test_q1_blank_and_missing_are_not_attempted() -> None:
    assert ex.q1.check(____).status == "not attempted"
    assert ex.q1.check(None).status == "not attempted"
    assert ex.q1.check().status == "not attempted"


# ---- q2: the largest deficit -----------------------------------------------------------------


def test_q2_right_answers() -> None:
    assert_right(ex.q2, [DEFICIT_YEAR, np.int64(DEFICIT_YEAR), float(DEFICIT_YEAR),
                         str(DEFICIT_YEAR), f" {DEFICIT_YEAR} "])


def test_q2_wrong_answers_point_at_the_mistake() -> None:
    others = [y for y in BALANCE if y not in (DEFICIT_YEAR, SMALLEST_DEFICIT_YEAR)]
    assert_wrong(ex.q2, [
        (SMALLEST_DEFICIT_YEAR, "smallest"),
        (others[0], "idxmin"),
        (BALANCE[DEFICIT_YEAR], "not the size"),
        (1995, "not in the table"),
        ("soon", "year"),
    ], DEFICIT_YEAR)


# ---- q3: per-cent change ---------------------------------------------------------------------


def test_q3_right_answers() -> None:
    assert_right(ex.q3, [TURNOVER_CHANGE, round(TURNOVER_CHANGE, 2), round(TURNOVER_CHANGE, 4)])


def test_q3_wrong_answers_point_at_the_mistake() -> None:
    old, new = kz(2019, "turnover"), kz(2023, "turnover")
    assert_wrong(ex.q3, [
        ((old - new) / old * 100, "sign"),
        (TURNOVER_CHANGE / 100, "fraction"),
        (new / old * 100, "ratio"),
        ("-0.01", "not text"),
        (10.0, "formula"),
    ], TURNOVER_CHANGE)


def test_q3_finds_the_variable_in_the_callers_namespace() -> None:
    namespace = {"ex": ex, "turnover_change_pct": TURNOVER_CHANGE}
    exec("feedback = ex.q3.check()", namespace)
    assert namespace["feedback"].status == "correct"


# ---- q4: a line chart of one's own ---------------------------------------------------------


def line_chart(*, unit=1000, ylabel="million US dollars", legend=True, ylim0=True, lines=2,
               markers=("o", "s")):
    fig, ax = plt.subplots()
    data = rows("trade_kz")
    years = [int(r["year"]) for r in data]
    for column, marker in list(zip(["kz_exports_to_si", "kz_imports_from_si"], markers, strict=True))[:lines]:
        ax.plot(years, [float(r[column]) / unit for r in data], marker=marker, label=column)
    ax.set_xlabel("year")
    ax.set_ylabel(ylabel)
    ax.set_title("t")
    if legend:
        ax.legend()
    if ylim0:
        ax.set_ylim(bottom=0)
    return ax


@pytest.mark.parametrize("label", ["million US dollars", "USD million", "Million USD",
                                   "US$ m", "millions of dollars", "USD (mln)", "$ million"])
def test_q4_accepts_equivalent_labels_in_millions(label) -> None:
    assert ex.q4.check(line_chart(ylabel=label)).status == "correct", label


@pytest.mark.parametrize("label", ["thousand US dollars", "USD thousands", "US$ '000",
                                   "kUSD", "Thousands of dollars"])
def test_q4_accepts_equivalent_labels_in_thousands(label) -> None:
    assert ex.q4.check(line_chart(unit=1, ylabel=label)).status == "correct", label


def test_q4_accepts_the_figure_as_well_as_the_axes() -> None:
    assert ex.q4.check(line_chart().figure).status == "correct"


def test_q4_wrong_charts_point_at_the_mistake() -> None:
    cases = [
        (line_chart(unit=1), "the label says million"),
        (line_chart(ylabel="million"), "currency"),
        (line_chart(ylabel="Count"), "currency"),
        (line_chart(ylabel="million euros"), "not euros"),
        (line_chart(ylabel="US dollars"), "thousands or millions"),
        (line_chart(legend=False), "legend"),
        (line_chart(ylim0=False), "zero"),
        (line_chart(lines=1), "kz_imports_from_si"),
        (line_chart(markers=("", "")), "more than colour"),
    ]
    for ax, words in cases:
        message = ex.q4.check(ax).message
        assert words in message.lower() or words in message, (words, message)


def test_q4_missing_and_not_a_chart() -> None:
    assert ex.q4.check().status == "not attempted"
    assert "axes" in ex.q4.check("a chart").message.lower()


def test_label_reading() -> None:
    assert [label_unit(t) for t in ["million US dollars", "US$ '000", "USD bn", "Count"]] == [
        "million", "thousand", "billion", None]
    assert label_unit("thousand or million") is None
    assert names_us_dollars("US$") and names_us_dollars("dollars")
    assert not names_us_dollars("euros") and not names_us_dollars("Count")


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q4])
def test_every_question_has_hints_and_a_solution(question) -> None:
    assert question.hint().message
    assert question.solution().status == "solution"
