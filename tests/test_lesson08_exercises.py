"""Lesson 08's exercises: reasonable right answers accepted, common wrong ones rejected with the
message we expect, and no message that gives the answer away. Expected values are worked out here
from the CSV files, not taken from the checkers."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from kzsi_helpers.exercises import lesson08 as ex
from kzsi_helpers.exercises.core import CORRECT, DISCUSSION, INCORRECT, NOT_ATTEMPTED

DATA = Path(__file__).resolve().parent.parent / "data"
ALL_VERDICTS = ["supported", "partly supported", "not verified", "contradicted"]


def rows(table: str) -> list[dict[str, str]]:
    with open(DATA / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def row(table: str, row_id: str) -> dict[str, str]:
    (found,) = [r for r in rows(table) if r["id"] == row_id]
    return found


def test_verdicts_come_from_the_schema() -> None:
    assert ex.VERDICTS == ALL_VERDICTS


def test_held_back_claims_exist() -> None:
    assert set(ex.HELD_BACK) <= {r["id"] for r in rows("claims")}


@pytest.mark.parametrize(("typed", "meant"), [
    ("partly supported", "partly supported"), ("Partly supported.", "partly supported"),
    ("partially supported", "partly supported"), ("PARTLY-SUPPORTED", "partly supported"),
    (" not verified ", "not verified"), ("Not verified.", "not verified"),
    ("unverified", "not verified"), ("not_verified", "not verified"), ('"not verified"', "not verified"),
    ("Supported!", "supported"), ("contradicted.", "contradicted"),
    ("maybe", None), ("verified", None), ("", None), (3, None),
])
def test_read_verdict(typed, meant) -> None:
    assert ex.read_verdict(typed) == meant


# --- q1: the article's own outlet -------------------------------------------------------------

@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return pd.read_csv(DATA / "sources.csv", dtype=str, keep_default_na=False).set_index("id")


def test_kazinform_count(sources) -> None:
    import numpy as np
    right = sources[sources["publisher"].str.contains("Kazinform")]
    assert len(right) >= 3 and "kazinform-2022" in right.index
    assert ex.q1.check(None).status == NOT_ATTEMPTED
    for answer in [len(right), np.int64(len(right)), right.shape[0]]:
        assert ex.q1.check(answer).status == CORRECT
    for answer, expected in [(len(sources), "all the sources"), (1, "the article alone"),
                             (len(right) + 1, "len(kazinform_sources)"), (right, "table itself"),
                             (str(len(right)), "whole number"), (float("nan"), "whole number")]:
        feedback = ex.q1.check(answer)
        assert feedback.status == INCORRECT, answer
        assert expected in feedback.message, (answer, feedback.message)
        assert not re.search(rf"\b{len(right)}\b", feedback.message)


# --- q3: which part is not confirmed? ---------------------------------------------------------

def test_unconfirmed_part() -> None:
    evidence = row("claims", "astana-summit-first-supporter")["evidence"]
    assert "nothing shows that Slovenia was one of the first" in evidence
    for right in ["c", "C", "c)", "(c)", "C.", " c "]:
        assert ex.q3.check(right).status == CORRECT, right
    for wrong, expected in [("a", "OSCE's own page"), ("B)", "thanking Slovenia"),
                            ("d", "a, b or c"), ("first", "a, b or c")]:
        feedback = ex.q3.check(wrong)
        assert feedback.status == INCORRECT, wrong
        assert expected in feedback.message, (wrong, feedback.message)


def test_discussion_question() -> None:
    assert ex.q4.check().status == DISCUSSION
    assert ex.q4.solution().message


# --- q5: the year worked out ------------------------------------------------------------------

def test_estimated_year() -> None:
    report_year = int(row("sources", "mfa-kz-povir")["published"][:4])
    years = int(re.search(r"(\d+) years", row("claims", "kasse-sebero")["evidence"]).group(1))
    assert ex.years_grave_tended() == years
    expected = report_year - years
    assert ex.q5.check(None).status == NOT_ATTEMPTED
    import numpy as np
    for right in [expected, float(expected), np.int64(expected)]:
        assert ex.q5.check(right).status == CORRECT, right
    for wrong, message in [(report_year + years, "added"), (report_year, "one of the two"),
                           (years, "one of the two"), (expected + 1, "difference"),
                           (str(expected), "number"), ([expected], "number")]:
        feedback = ex.q5.check(wrong)
        assert feedback.status == INCORRECT, wrong
        assert message in feedback.message, (wrong, feedback.message)
        assert str(expected) not in feedback.message


def test_helpers() -> None:
    assert set(ex.same_origin_ids()) == {r["id"] for r in rows("sources")
                                          if "kazinform" in r["publisher"].lower()}
    assert ex.other_publishers("kazinform-2022;osce-astana-summit;osce-chairpersonship") == "OSCE"
