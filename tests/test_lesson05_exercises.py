"""Lesson 05 exercises: right, wrong and missing answers, and no leaked expected values.

Expected values are worked out here from the CSV files with the csv module.
"""

from __future__ import annotations

import csv
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from kzsi_helpers.exercises import lesson05 as ex

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


# ---- q8: merge, q9: a chart of one's own (checked through the Axes) ---------------------------

def mirror_frame(kind: str = "right"):
    import pandas as pd

    kz_rows = [(int(r["year"]), float(r["kz_imports_from_si"])) for r in rows("trade_kz")]
    si_rows = [(int(r["year"]), float(r["value_eur"])) for r in rows("trade_si")
               if r["flow"] == "si_exports_to_kz"]
    kz_df = pd.DataFrame(kz_rows, columns=["year", "kz_imports_from_si"])
    si_df = pd.DataFrame(si_rows, columns=["year", "value_eur"])
    how = "outer" if kind == "outer" else "inner"
    merged = kz_df.merge(si_df, on="year", how=how)
    if kind == "no_si":
        merged = merged.drop(columns=["value_eur"])
    return merged


def test_q8_merge_right_wrong_missing():
    right = mirror_frame()
    years_kz = {int(r["year"]) for r in rows("trade_kz")}
    years_si = {int(r["year"]) for r in rows("trade_si") if r["flow"] == "si_exports_to_kz"}
    assert sorted(right["year"]) == sorted(years_kz & years_si)  # worked out independently
    assert ex.q8.check().status == "not attempted"
    assert ex.q8.check(right).status == "correct"
    assert ex.q8.check(right.set_index("year")).status == "correct"
    outer = ex.q8.check(mirror_frame("outer"))
    assert outer.status == "incorrect" and "inner" in outer.message
    assert "value_eur" in ex.q8.check(mirror_frame("no_si")).message
    assert ex.q8.check("a table").status == "incorrect"
    for wrong in (mirror_frame("outer"), mirror_frame("no_si")):
        text = ex.q8.check(wrong).message
        assert not any(str(y) in text for y in years_kz | years_si)


def line_chart(*, unit=1000, ylabel="million US dollars", legend=True, ylim0=True, lines=2):
    fig, ax = plt.subplots()
    data = rows("trade_kz")
    years = [int(r["year"]) for r in data]
    columns = ["kz_exports_to_si", "kz_imports_from_si"][:lines]
    for column in columns:
        ax.plot(years, [float(r[column]) / unit for r in data], label=column)
    ax.set_xlabel("year")
    ax.set_ylabel(ylabel)
    ax.set_title("t")
    if legend:
        ax.legend()
    if ylim0:
        ax.set_ylim(bottom=0)
    plt.close(fig)
    return ax


def test_q9_chart_checked_through_the_axes():
    assert ex.q9.check().status == "not attempted"
    assert ex.q9.check(line_chart()).status == "correct"
    assert ex.q9.check(line_chart(unit=1, ylabel="thousand US dollars")).status == "correct"
    assert "match" in ex.q9.check(line_chart(unit=1)).message  # thousands labelled as millions
    assert "legend" in ex.q9.check(line_chart(legend=False)).message
    assert "zero" in ex.q9.check(line_chart(ylim0=False)).message
    assert "kz_imports_from_si" in ex.q9.check(line_chart(lines=1)).message
    assert "currency" in ex.q9.check(line_chart(ylabel="million")).message
    assert ex.q9.check(plt.figure()).status == "incorrect"
    plt.close("all")
