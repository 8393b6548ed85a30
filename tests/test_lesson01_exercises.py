"""Lesson 01 exercises: each checker with a right answer, wrong answers and no answer.

Expected values are worked out here from the CSV files, not taken from the module under test, and
no message may give the expected value away.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kzsi_helpers import load  # noqa: E402
from kzsi_helpers.exercises import lesson01 as ex  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(table: str) -> list[dict[str, str]]:
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def day(event_id: str) -> dt.date:
    (row,) = [r for r in rows("events") if r["id"] == event_id]
    return dt.date.fromisoformat(row["date"])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture()
def events() -> pd.DataFrame:
    return load("events")


@pytest.fixture()
def multilateral() -> pd.DataFrame:
    return load("multilateral")


def expected_days() -> int:
    return (day("diplomatic-relations") - day("independence-si")).days


def expected_years_days() -> tuple[int, int]:
    start, end = day("independence-si"), day("diplomatic-relations")
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years, (end - start.replace(year=start.year + years)).days


def assert_hidden(feedback, *secrets) -> None:
    for secret in secrets:
        assert str(secret) not in feedback.message, (feedback.message, secret)


# --- not attempted ------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q4, ex.q6])
def test_not_attempted_when_the_variable_is_missing(question) -> None:
    assert question.check().status == "not attempted"  # no such variable in this module
    assert question.check(None).status == "not attempted"
    assert question.var in question.check().message


def test_discussion_question_has_no_single_answer() -> None:
    assert ex.q5.checker is None
    assert ex.q5.check().status == "discussion"
    assert ex.q5.solution().message  # a worked answer in words
    assert len(ex.q5.hints) >= 1


# --- q1: filter one category --------------------------------------------------------------------

def test_q1_right(events) -> None:
    answer = events[events["category"] == "agreement"]
    assert ex.q1.check(answer).correct


def test_q1_right_via_the_variable(events) -> None:
    global agreements
    agreements = events[events["category"] == "agreement"]
    try:
        assert ex.q1.check().correct
    finally:
        del agreements


def test_q1_wrong(events) -> None:
    expected = sum(r["category"] == "agreement" for r in rows("events"))
    wrong = [
        events,  # not filtered
        events[events["category"] == "visit"],
        events[events["category"] == "agreement"].iloc[1:],  # a row missing
        events[events["category"] == "agreement"][["title"]],  # no id column
        "agreement",
        pd.concat([events[events["category"] == "agreement"]] * 2),
    ]
    for answer in wrong:
        feedback = ex.q1.check(answer)
        assert feedback.status == "incorrect", answer
        assert_hidden(feedback, expected)


# --- q2: days between independence and relations ------------------------------------------------

def test_q2_right() -> None:
    assert ex.q2.check(expected_days()).correct
    assert ex.q2.check(pd.Timedelta(days=expected_days())).status == "incorrect"  # needs .days


@pytest.mark.parametrize("offset", [1, -1, 30, 365])
def test_q2_wrong(offset) -> None:
    feedback = ex.q2.check(expected_days() + offset)
    assert feedback.status == "incorrect"
    assert_hidden(feedback, expected_days())


@pytest.mark.parametrize("answer", ["many", 1, -1, 3.5, True, [1]])
def test_q2_wrong_kinds(answer) -> None:
    feedback = ex.q2.check(-expected_days() if answer == -1 else answer)
    assert feedback.status == "incorrect"
    assert_hidden(feedback, expected_days())


def test_q2_timedelta_message_says_what_to_do() -> None:
    feedback = ex.q2.check(pd.Timedelta(days=expected_days()))
    assert ".days" in feedback.message
    assert_hidden(feedback, expected_days())


# --- q3: whole years and days -------------------------------------------------------------------

def test_q3_right() -> None:
    assert ex.q3.check(expected_years_days()).correct
    assert ex.q3.check(list(expected_years_days())).correct


def test_q3_wrong() -> None:
    years, days = expected_years_days()
    for answer in [(years + 1, days), (years, days + 1), (0, expected_days()), (years,), "1 year",
                   (years, "days")]:
        feedback = ex.q3.check(answer)
        assert feedback.status == "incorrect", answer
        assert_hidden(feedback, days, expected_days())


# --- q4: add an event and redraw ----------------------------------------------------------------

def new_row(**changes) -> pd.DataFrame:
    row = {"date": "2020-05", "title": "A test event", "category": "economy"}
    row.update(changes)
    return pd.DataFrame([row])


def test_q4_right(events) -> None:
    mine = pd.concat([events, new_row()], ignore_index=True)
    feedback = ex.q4.check(mine)
    assert feedback.correct, feedback.message


def test_q4_right_with_a_timestamp(events) -> None:
    mine = pd.concat([events, new_row(date=pd.Timestamp(day("anniversary-30")))],
                     ignore_index=True)
    assert ex.q4.check(mine).correct


def test_q4_wrong(events) -> None:
    wrong = {
        "unchanged": events,
        "two rows": pd.concat([events, new_row(), new_row(title="Another")], ignore_index=True),
        "bad date": pd.concat([events, new_row(date="May 2020")], ignore_index=True),
        "bad category": pd.concat([events, new_row(category="sport")], ignore_index=True),
        "no title": pd.concat([events, new_row(title="")], ignore_index=True),
        "replaced a row": pd.concat([events.iloc[1:], new_row(), new_row(title="B")],
                                    ignore_index=True),
        "lost a column": pd.concat([events, new_row()], ignore_index=True).drop(
            columns=["category"]),
        "a list": [1, 2, 3],
    }
    for name, answer in wrong.items():
        feedback = ex.q4.check(answer)
        assert feedback.status == "incorrect", (name, feedback.message)
        assert_hidden(feedback, len(rows("events")) + 1)


def test_q4_bad_date_message_names_the_problem(events) -> None:
    feedback = ex.q4.check(pd.concat([events, new_row(date="May 2020")], ignore_index=True))
    assert "May 2020" in feedback.message and "YYYY" in feedback.message


# --- q6: now you try, on the multilateral table -------------------------------------------------

def test_q6_right(multilateral) -> None:
    assert ex.q6.check(multilateral[multilateral["supporter"] == "SI"]).correct


def test_q6_wrong(multilateral) -> None:
    expected = sum(r["supporter"] == "SI" for r in rows("multilateral"))
    for answer in [multilateral, multilateral[multilateral["supporter"] == "KZ"],
                   multilateral[multilateral["candidate"] == "SI"], 4]:
        feedback = ex.q6.check(answer)
        assert feedback.status == "incorrect"
        assert_hidden(feedback, expected)


# --- every question ------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5, ex.q6])
def test_hints_and_solutions_exist(question) -> None:
    assert question.hint().message
    assert question.solution().message or question.solution().code


def test_solutions_type_no_dates() -> None:
    """Worked answers compute dates from the table instead of typing them."""
    import re

    for question in (ex.q1, ex.q2, ex.q3, ex.q4, ex.q6):
        assert not re.search(r"\d{4}-\d{2}", question.solution_text), question.var


def test_q2_and_q3_solutions_run(events) -> None:
    namespace = {"events": events, "pd": pd}
    exec(ex.q2.solution_text, namespace)
    assert ex.q2.check(namespace["days_si"]).correct
    exec(ex.q3.solution_text, namespace)
    assert ex.q3.check(namespace["years_days"]).correct


def test_q4_solution_runs(events) -> None:
    namespace = {"events": events, "pd": pd, "plot_timeline": __import__(
        "kzsi_helpers").plot_timeline}
    exec(ex.q4.solution_text, namespace)
    assert ex.q4.check(namespace["my_events"]).correct


def test_q5_solution_cites_known_sources() -> None:
    """Every bracketed id in the worked answer of q5 is a row of data/sources.csv."""
    import re

    known = {r["id"] for r in rows("sources")}
    text = ex.q5.solution_text
    cited = {i.strip() for group in re.findall(r"\[([^\]]+)\]", text) for i in group.split(";")}
    assert cited, "the worked answer should cite its sources"
    assert cited <= known, cited - known
    # the ambassadors' bases are sourced where they are named
    assert re.search(r"Vienna \[[^\]]*lokalec-maribor-consulate", text)
    assert re.search(r"Moscow \[[^\]]*dnevnik-2023-ambassadors", text)


# ---- q7: a chart of one's own, checked through the Axes ---------------------------------------

def category_chart(*, horizontal=True, label="number of events", title="t", drop=0, double=False,
                   names=True):
    import csv
    from collections import Counter
    from pathlib import Path

    import matplotlib.pyplot as plt

    path = Path(__file__).resolve().parent.parent / "data" / "events.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        counts = Counter(r["category"] for r in csv.DictReader(fh))  # worked out independently
    cats = sorted(counts)[drop:]
    values = [counts[c] * (2 if double else 1) for c in cats]
    where = cats if names else list(range(len(cats)))
    fig, ax = plt.subplots()
    (ax.barh if horizontal else ax.bar)(where, values)
    (ax.set_xlabel if horizontal else ax.set_ylabel)(label)
    ax.set_title(title)
    plt.close(fig)
    return ax


def test_q7_category_chart():
    assert ex.q7.check().status == "not attempted"
    assert ex.q7.check(category_chart()).status == "correct"
    assert ex.q7.check(category_chart(horizontal=False)).status == "correct"
    assert "one bar per category" in ex.q7.check(category_chart(drop=1)).message
    assert "as long as" in ex.q7.check(category_chart(double=True)).message
    assert "Name the categories" in ex.q7.check(category_chart(names=False)).message
    assert "events" in ex.q7.check(category_chart(label="")).message
    assert "title" in ex.q7.check(category_chart(title="")).message
    assert ex.q7.check("bars").status == "incorrect"
