"""Lesson 06 exercises: lists of right and wrong answers, the messages they get, no leaked values.

Expected values are worked out here from the CSV files with the csv module.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kzsi_helpers.exercises import ____
from kzsi_helpers.exercises import lesson06 as ex

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def kz(year: int, column: str) -> float:
    return next(float(r[column]) for r in rows("trade_kz") if int(r["year"]) == year)


def si(year: int, flow: str) -> float:
    return next(float(r["value_eur"]) for r in rows("trade_si")
                if int(r["year"]) == year and r["flow"] == flow)


def rate(year: int) -> float:
    return next(float(r["usd_per_eur"]) for r in rows("exchange_rates") if int(r["year"]) == year)


EUR_2023 = si(2023, "si_exports_to_kz")
CONVERTED = EUR_2023 * rate(2023) / 1000
RATIO = CONVERTED / kz(2023, "kz_imports_from_si")


def renderings(value: float) -> list[str]:
    out = {str(value), f"{value:,.0f}", f"{value:.0f}"}
    for digits in (1, 2, 3):
        out.add(f"{value:.{digits}f}")
        out.add(f"{value:,.{digits}f}")
    return [text for text in out if len(text.lstrip("-")) >= 3 and text.strip("-0.") != ""]


def assert_wrong(question, cases, expected: float | None = None) -> None:
    for answer, words in cases:
        feedback = question.check(answer)
        assert feedback.status == "incorrect", answer
        assert words.lower() in feedback.message.lower(), (answer, feedback.message)
        for text in renderings(float(expected)) if expected is not None else []:
            assert text not in feedback.message, (answer, feedback.message)


def test_q1_right_answers() -> None:
    for answer in [CONVERTED, round(CONVERTED, 1), round(CONVERTED), np.float64(CONVERTED)]:
        assert ex.q1.check(answer).status == "correct", answer


def test_q1_wrong_answers_point_at_the_mistake() -> None:
    assert_wrong(ex.q1, [
        (CONVERTED * 1000, "thousand us dollars"),
        (CONVERTED / 1000, "million"),
        (EUR_2023 / rate(2023) / 1000, "divided by the rate"),
        (EUR_2023 * rate(2022) / 1000, "same year"),
        (EUR_2023 / 1000, "did not convert"),
        (si(2019, "si_exports_to_kz") * rate(2023) / 1000, "another year"),
        ("a lot", "not text"),
        (12.0, "multiply"),
    ], CONVERTED)
    assert ex.q1.check(____).status == "not attempted"


def test_q2_right_answers() -> None:
    for answer in [RATIO, round(RATIO, 2), round(RATIO, 3)]:
        assert ex.q2.check(answer).status == "correct", answer


def test_q2_wrong_answers_point_at_the_mistake() -> None:
    assert_wrong(ex.q2, [
        (1 / RATIO, "other way round"),
        (RATIO * 100, "not a percentage"),
        ((RATIO - 1) * 100, "not a percentage"),
        (EUR_2023 / 1000 / kz(2023, "kz_imports_from_si"), "convert"),
        (1.0, "divide"),
        ("1.6", "not text"),
    ], RATIO)


def merged(kz_column="kz_exports_to_si", flow="si_imports_from_kz", how="inner"):
    kz_df = pd.DataFrame([(int(r["year"]), float(r[kz_column])) for r in rows("trade_kz")],
                         columns=["year", kz_column])
    si_df = pd.DataFrame([(int(r["year"]), float(r["value_eur"])) for r in rows("trade_si")
                          if r["flow"] == flow], columns=["year", "value_eur"])
    return kz_df.merge(si_df, on="year", how=how)


def test_q3_right_answers() -> None:
    years_kz = {int(r["year"]) for r in rows("trade_kz")}
    years_si = {int(r["year"]) for r in rows("trade_si") if r["flow"] == "si_imports_from_kz"}
    right = merged()
    assert sorted(right["year"]) == sorted(years_kz & years_si)
    for answer in [right, right.set_index("year"), right[["value_eur", "year", "kz_exports_to_si"]]]:
        assert ex.q3.check(answer).status == "correct"


def test_q3_wrong_answers_point_at_the_mistake() -> None:
    everything = merged()
    everything["flow"] = "x"
    cases = [
        (merged(how="outer"), "outer"),
        (merged(kz_column="kz_imports_from_si"), "exports"),
        (merged(flow="si_exports_to_kz"), "other flow"),
        (merged().drop(columns=["value_eur"]), "value_eur"),
        (merged().drop(columns=["year"]), "year"),
        ("a table", "dataframe"),
    ]
    assert_wrong(ex.q3, cases)


@pytest.mark.parametrize("answer", ["b", "B", "b)", "(b)", " B. ", "b) No"])
def test_q4_accepts_the_letter_however_written(answer) -> None:
    assert ex.q4.check(answer).status == "correct"


def test_q4_wrong_letters_get_their_own_message() -> None:
    assert_wrong(ex.q4, [("a", "how much would december"), ("c", "we do not know"),
                         ("d", "a, b or c"), ("yes", "a, b or c")])


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q4])
def test_every_question_has_hints_and_a_solution(question) -> None:
    assert question.hint().message
    assert question.solution().status == "solution"
    assert question.check().status == "not attempted"
