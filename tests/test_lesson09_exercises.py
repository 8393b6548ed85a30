"""Lesson 09's exercises: reasonable right answers accepted, common wrong ones rejected with the
message we expect, and no message that gives the answer away. Expected values are worked out here
from the CSV files, not taken from the checkers."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from kzsi_helpers.exercises import lesson09 as ex
from kzsi_helpers.exercises.core import CORRECT, DISCUSSION, INCORRECT, NOT_ATTEMPTED

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(table: str) -> list[dict[str, str]]:
    with open(DATA / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_event_2011() -> None:
    (zale,) = [r for r in rows("places") if r["id"] == "zale"]
    assert zale["date"].startswith("2016") and "initiative dates from March 2011" in zale["note"]
    assert ex.q1.check(None).status == NOT_ATTEMPTED
    for right in ["b", "B", "b)", "(b)", "B.", " b "]:
        assert ex.q1.check(right).status == CORRECT, right
    for wrong, expected in [("a", "later year"), ("(c)", "renovation"), ("d", "a, b or c"),
                            ("2011", "a, b or c")]:
        feedback = ex.q1.check(wrong)
        assert feedback.status == INCORRECT, wrong
        assert expected in feedback.message, (wrong, feedback.message)


def test_fabricated_paragraph_has_one_mixup_and_true_other_sentences() -> None:
    paragraph = ex.fabricated_paragraph()
    facts = {(r["country"], r["fact"]): r["value"] for r in rows("country_facts")}
    mixed = [k for k, s in paragraph.items() if "Slovenian capital" in s
             and facts[("SI", "capital")] not in s]
    assert mixed == ["c"]
    text = " ".join(s for k, s in paragraph.items() if k != "c")
    assert facts[("SI", "un_member_since")][:4] in text
    assert facts[("KZ", "capital")] in text and facts[("KZ", "currency")] in text
    assert f"{int(facts[('SI', 'population')]) / 1e6:.1f} million" in text
    assert "Bratislava" not in text


def test_spot_the_mixup() -> None:
    assert ex.q2.check(None).status == NOT_ATTEMPTED
    for right in ["c", "C", "c)", "(c)", "c."]:
        assert ex.q2.check(right).status == CORRECT, right
    for wrong, expected in [("a", "agrees"), ("B)", "agrees"), ("d", "agrees"),
                            ("z", "letter"), ("Bratislava", "letter")]:
        feedback = ex.q2.check(wrong)
        assert feedback.status == INCORRECT, wrong
        assert expected in feedback.message, (wrong, feedback.message)
        assert not re.search(r"\bc\b", feedback.message, re.IGNORECASE)


def test_memory_claims() -> None:
    claims = pd.read_csv(DATA / "claims.csv", dtype=str, keep_default_na=False)
    right = claims[claims["category"] == "memory"]
    assert len(right) >= 4
    assert ex.q3.check(None).status == NOT_ATTEMPTED
    for answer in [right, right[["category", "verdict"]], right.reset_index(drop=True),
                   claims[claims["category"].str.contains("memory")]]:
        assert ex.q3.check(answer).status == CORRECT
    for answer, expected in [(claims[claims["category"] == "Memory"], "no rows"),
                             (claims, "other topics"), (right.head(1), "missing"),
                             (claims[claims["category"] == "economy"], "another topic"),
                             (right["verdict"], "should be the table"), ("memory", "should be the table")]:
        feedback = ex.q3.check(answer)
        assert feedback.status == INCORRECT, expected
        assert expected in feedback.message, (expected, feedback.message)
        assert '"memory"' not in feedback.message


def test_now_you_try() -> None:
    # nothing but the aviation site dates the opening of a Kazakh embassy in Slovenia
    (opening,) = [r for r in rows("events") if r["id"] == "kz-embassy-ljubljana"]
    assert opening["confidence"] == "low" and "One aviation news site only" in opening["note"]
    assert ex.NOW_YOU_TRY["source_id"] in {r["id"] for r in rows("sources")}
    assert ex.q5.check(None).status == NOT_ATTEMPTED
    for right in ["not verified", "Not verified.", "unverified", "not-verified"]:
        assert ex.q5.check(right).status == CORRECT, right
    for wrong, expected in [("supported", "Does anyone but"), ("partially supported", "Which part"),
                            ("contradicted", "Slovenian embassy"), ("yes", "one of the four")]:
        feedback = ex.q5.check(wrong)
        assert feedback.status == INCORRECT, wrong
        assert expected in feedback.message, (wrong, feedback.message)
        assert "not verified" not in feedback.message.lower()


def test_the_arguable_verdict_is_a_discussion() -> None:
    claims = {r["id"]: r for r in rows("claims")}
    for question, claim_id in [(ex.q6, ex.HELD_BACK[0])]:
        assert question.checker is None
        assert question.check().status == DISCUSSION
        text = question.solution().message
        assert "Both verdicts can be argued" in text
        assert f"Our table says {claims[claim_id]['verdict']}" in text


def test_chart_alt_text() -> None:
    totals = pd.Series({"supported": 2, "partly supported": 1, "contradicted": 0})
    alt = ex.verdict_chart_alt(totals)
    assert "3 claims" in alt and "2 supported, 1 partly supported, 0 contradicted" in alt
