"""Lesson 03 exercises: right, wrong and missing answers, and no leaked expected values.

Expected values are worked out here from the CSV files with the csv module.
"""

from __future__ import annotations

import csv
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from kzsi_helpers.exercises import lesson03 as ex

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def kz(year: int, column: str) -> float:
    return next(float(r[column]) for r in rows("trade_kz") if int(r["year"]) == year)


def si_exports(year: int) -> float:
    return next(float(r["value_eur"]) for r in rows("trade_si")
                if int(r["year"]) == year and r["flow"] == "si_exports_to_kz")


def usd_per_eur(year: int) -> float:
    return next(float(r["usd_per_eur"]) for r in rows("exchange_rates") if int(r["year"]) == year)


def pct(old: float, new: float) -> float:
    return (new - old) / old * 100


TURNOVER_CHANGE = pct(kz(2019, "turnover"), kz(2023, "turnover"))
SI_CHANGE = pct(si_exports(2019), si_exports(2023))
BALANCE = {int(r["year"]): float(r["kz_exports_to_si"]) - float(r["kz_imports_from_si"])
           for r in rows("trade_kz")}
DEFICIT_YEAR = min(BALANCE, key=BALANCE.get)
CONVERTED = si_exports(2023) * usd_per_eur(2023) / 1000
RATIO = CONVERTED / kz(2023, "kz_imports_from_si")


def renderings(value: float) -> list[str]:
    """Ways an expected value could leak into a message."""
    out = {str(value), f"{value:,.0f}", f"{value:.0f}"}
    for digits in (1, 2, 3, 4):
        out.add(f"{value:.{digits}f}")
        out.add(f"{value:,.{digits}f}")
    return [text for text in out if len(text.lstrip("-")) >= 3 and text.strip("-0.") != ""]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


CASES = [
    # question, right answer, wrong answers, expected value that must not leak
    (ex.q1, TURNOVER_CHANGE, [-TURNOVER_CHANGE, TURNOVER_CHANGE / 100, 10.0, "about zero", 0.0],
     TURNOVER_CHANGE),
    (ex.q2, DEFICIT_YEAR, [max(BALANCE, key=BALANCE.get), 1995, BALANCE[DEFICIT_YEAR], "soon"],
     DEFICIT_YEAR),
    (ex.q3, CONVERTED, [CONVERTED * 1000, si_exports(2023) / usd_per_eur(2023) / 1000,
                        si_exports(2023) / 1000, "a lot"], CONVERTED),
    (ex.q4, RATIO, [1 / RATIO, RATIO * 100, 1.0, "1.6"], RATIO),
    (ex.q7, SI_CHANGE, [-SI_CHANGE, SI_CHANGE / 100, 0.0, "92"], SI_CHANGE),
]


@pytest.mark.parametrize(("question", "right", "wrongs", "expected"), CASES,
                         ids=["q1", "q2", "q3", "q4", "q7"])
def test_right_wrong_and_missing_answers(question, right, wrongs, expected) -> None:
    assert question.check(right).status == "correct"
    assert question.check(None).status == "not attempted"
    assert question.check().status == "not attempted"  # the variable is not defined here
    for wrong in wrongs:
        feedback = question.check(wrong)
        assert feedback.status == "incorrect", wrong
        assert feedback.message
        for text in renderings(float(expected)):
            assert text not in feedback.message, (wrong, feedback.message)


def test_q1_finds_the_variable_in_the_callers_namespace() -> None:
    namespace = {"ex": ex, "turnover_change_pct": TURNOVER_CHANGE}
    exec("feedback = ex.q1.check()", namespace)
    assert namespace["feedback"].status == "correct"


def test_q1_messages_are_specific() -> None:
    assert "sign" in ex.q1.check(-TURNOVER_CHANGE).message
    assert "fraction" in ex.q1.check(TURNOVER_CHANGE / 100).message


def test_q2_accepts_the_year_as_text_and_refuses_the_amount() -> None:
    assert ex.q2.check(str(DEFICIT_YEAR)).status == "correct"
    assert "year" in ex.q2.check(BALANCE[DEFICIT_YEAR]).message


def test_q3_points_at_a_division_by_the_rate() -> None:
    message = ex.q3.check(si_exports(2023) / usd_per_eur(2023) / 1000).message
    assert "divided" in message


def test_q5_bug_hunt_fixing_the_label_is_correct() -> None:
    ax = ex.buggy_trade_chart()
    assert ex.q5.check(ax).status == "incorrect"
    ax.set_ylabel("thousand US dollars")
    assert ex.q5.check(ax).status == "correct"


def test_q5_bug_hunt_rescaling_the_bars_is_also_correct() -> None:
    ax = ex.buggy_trade_chart()
    for bars in ax.containers:
        for patch in bars.patches:
            patch.set_height(patch.get_height() / 1000)
            patch.set_y(patch.get_y() / 1000)
    assert ex.q5.check(ax).status == "correct"  # the bars now match the "million" label


def test_q5_bug_hunt_wrong_and_missing_answers() -> None:
    ax = ex.buggy_trade_chart()
    ax.set_ylabel("thousand")
    assert ex.q5.check(ax).status == "incorrect"  # no currency
    ax.set_ylabel("billion US dollars")
    assert ex.q5.check(ax).status == "incorrect"
    assert ex.q5.check("thousand US dollars").status == "incorrect"
    assert ex.q5.check(None).status == "not attempted"
    fig, empty = plt.subplots()
    empty.set_ylabel("thousand US dollars")
    assert ex.q5.check(empty).status == "incorrect"


def test_buggy_chart_really_has_the_bug() -> None:
    ax = ex.buggy_trade_chart()
    tallest = max(p.get_height() for c in ax.containers for p in c.patches)
    largest = max(max(float(r["kz_exports_to_si"]), float(r["kz_imports_from_si"]))
                  for r in rows("trade_kz"))
    assert tallest == pytest.approx(largest)  # thousand US dollars ...
    assert "million" in ax.get_ylabel()  # ... labelled million


def test_q6_is_a_discussion_question_with_a_written_answer() -> None:
    assert ex.q6.check().status == "discussion"
    assert ex.q6.solution().message
    assert ex.q6.hint().status == "hint"


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5, ex.q6, ex.q7])
def test_every_question_has_hints_and_a_solution(question) -> None:
    assert question.hint().message
    assert question.solution().status == "solution"
