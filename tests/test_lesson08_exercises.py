"""Lesson 08's exercises: right, wrong and missing answers, and no leaked answers."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from kzsi_helpers.exercises import lesson08 as ex
from kzsi_helpers.exercises.core import CORRECT, DISCUSSION, INCORRECT, NOT_ATTEMPTED

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(table: str) -> list[dict[str, str]]:
    with open(DATA / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def verdict_in_csv(claim_id: str) -> str:
    (row,) = [r for r in rows("claims") if r["id"] == claim_id]
    return row["verdict"]


ALL_VERDICTS = ["supported", "partly supported", "not verified", "contradicted"]


def test_verdicts_come_from_the_schema() -> None:
    assert ex.VERDICTS == ALL_VERDICTS


def test_held_back_claims_exist() -> None:
    ids = {r["id"] for r in rows("claims")}
    assert set(ex.HELD_BACK) <= ids


@pytest.mark.parametrize(
    ("question", "claim_id"), [(ex.q1, ex.HELD_BACK[0]), (ex.q2, ex.HELD_BACK[1])]
)
def test_grade_a_claim(question, claim_id) -> None:
    expected = verdict_in_csv(claim_id)
    assert question.check(None).status == NOT_ATTEMPTED
    assert question.check().status == NOT_ATTEMPTED  # variable not defined here
    assert question.check(expected).status == CORRECT
    assert question.check("  " + expected.upper() + " ").status == CORRECT
    for wrong in [v for v in ALL_VERDICTS if v != expected] + ["true", "maybe", 3]:
        feedback = question.check(wrong)
        assert feedback.status == INCORRECT
        assert expected not in feedback.message.lower()
        assert expected not in feedback._repr_html_().lower()
    # the worked answer assigns exactly the verdict in the data
    assert f'"{expected}"' in question.solution().code


def test_grade_looks_up_the_notebook_variable() -> None:
    namespace = {"ex": ex, "verdict_company_list": verdict_in_csv(ex.HELD_BACK[0])}
    exec("result = ex.q1.check()", namespace)
    assert namespace["result"].status == CORRECT


def test_second_source() -> None:
    sources = rows("sources")
    right = [s["id"] for s in sources
             if "bisol" in s["title"].lower() and "kazinform" not in s["publisher"].lower()]
    assert right, "the sources table should hold an independent source on Bisol"
    assert ex.q3.check(None).status == NOT_ATTEMPTED
    for source_id in right:
        assert ex.q3.check(source_id).status == CORRECT
    same_origin = [s["id"] for s in sources if "kazinform" in s["publisher"].lower()]
    unrelated = [s["id"] for s in sources
                 if "bisol" not in (s["title"] + s["note"]).lower()][:3]
    for wrong in ["no-such-source", *same_origin, *unrelated]:
        feedback = ex.q3.check(wrong)
        assert feedback.status == INCORRECT, wrong
        assert not any(r in feedback.message for r in right)


def test_fabricated_paragraph_has_one_mixup_and_true_other_sentences() -> None:
    paragraph = ex.fabricated_paragraph()
    facts = {(r["country"], r["fact"]): r["value"] for r in rows("country_facts")}
    si_capital = facts[("SI", "capital")]
    mixed = [k for k, s in paragraph.items() if "Slovenian capital" in s and si_capital not in s]
    assert len(mixed) == 1
    # the other sentences carry values that are in the data
    text = " ".join(s for k, s in paragraph.items() if k != mixed[0])
    assert facts[("SI", "un_member_since")][:4] in text
    assert facts[("KZ", "capital")] in text and facts[("KZ", "currency")] in text
    assert f"{int(facts[('SI', 'population')]) / 1e6:.1f} million" in text
    assert "Bratislava" not in text


def test_spot_the_mixup() -> None:
    paragraph = ex.fabricated_paragraph()
    (mixed,) = [k for k, s in paragraph.items() if "Bratislava" in s]
    assert ex.q4.check(None).status == NOT_ATTEMPTED
    assert ex.q4.check(mixed).status == CORRECT
    assert ex.q4.check(mixed.upper()).status == CORRECT
    for wrong in [k for k in paragraph if k != mixed] + ["z", "sentence"]:
        feedback = ex.q4.check(wrong)
        assert feedback.status == INCORRECT
        assert not re.search(rf"\b{mixed}\b", feedback.message, re.IGNORECASE)


def test_now_you_try() -> None:
    # nothing in the events table dates the opening of a Kazakh embassy in Slovenia
    openings = [r for r in rows("events")
                if re.search(r"Kazakh\w* embassy", r["description"]) and "open" in r["description"]]
    assert openings == []
    assert ex.NOW_YOU_TRY["source_id"] in {r["id"] for r in rows("sources")}
    assert ex.q5.check(None).status == NOT_ATTEMPTED
    assert ex.q5.check("not verified").status == CORRECT
    for wrong in ["supported", "partly supported", "contradicted", "yes"]:
        feedback = ex.q5.check(wrong)
        assert feedback.status == INCORRECT
        assert "not verified" not in feedback.message.lower()


def test_discussion_question() -> None:
    assert ex.q6.check().status == DISCUSSION
    assert ex.q6.solution().message
