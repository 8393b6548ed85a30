"""Lesson 02 exercises: each checker with lists of right answers, wrong answers and no answer.

Expected values are worked out here from the CSV files with the standard library, not taken
from the module under test, and no message may give them away. The alt-text helpers are tested
against counts made here too.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kzsi_helpers import load  # noqa: E402
from kzsi_helpers.exercises import ____  # noqa: E402
from kzsi_helpers.exercises import lesson02 as ex  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(table: str) -> list[dict[str, str]]:
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


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


def assert_hidden(feedback, *secrets) -> None:
    for secret in secrets:
        assert not re.search(rf"(?<![\w.]){re.escape(str(secret))}(?!\w)", feedback.message), (
            feedback.message, secret)


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q5])
def test_not_attempted(question) -> None:
    assert question.check().status == "not attempted"
    assert question.check(None).status == "not attempted"
    assert question.check(____).status == "not attempted"


def test_q6_is_a_discussion_with_sourced_points() -> None:
    assert ex.q6.checker is None
    assert ex.q6.check().status == "discussion"
    known = {r["id"] for r in rows("sources")}
    cited = {i.strip() for group in re.findall(r"\[([^\]]+)\]", ex.q6.solution_text)
             for i in group.split(";")}
    assert cited and cited <= known, cited - known


# --- q1: a chart of the events per category -----------------------------------------------------

def category_chart(*, horizontal=True, label="number of events", title="Events by category",
                   drop=0, double=False, names=True, other_label=""):
    counts = Counter(r["category"] for r in rows("events"))  # worked out independently
    cats = sorted(counts)[drop:]
    values = [counts[c] * (2 if double else 1) for c in cats]
    where = cats if names else list(range(len(cats)))
    fig, ax = plt.subplots()
    (ax.barh if horizontal else ax.bar)(where, values)
    (ax.set_xlabel if horizontal else ax.set_ylabel)(label)
    (ax.set_ylabel if horizontal else ax.set_xlabel)(other_label)
    ax.set_title(title)
    return ax


@pytest.mark.parametrize("label", ["number of events", "Number of events", "Count", "count",
                                   "Events", "How many events", "Frequency", "number"])
def test_q1_right_labels(label) -> None:
    assert ex.q1.check(category_chart(label=label)).correct
    assert ex.q1.check(category_chart(label=label, horizontal=False)).correct


@pytest.mark.parametrize(("kwargs", "says"), [
    ({"drop": 1}, "one bar per category"),
    ({"double": True}, "as long as"),
    ({"names": False}, "Name the categories"),
    ({"label": ""}, "Label the axis of the counts"),
    ({"label": "", "other_label": "number of events"}, "other axis"),
    ({"label": "category"}, "what they count"),
    ({"label": "year"}, "what they count"),
    ({"title": ""}, "title"),
])
def test_q1_wrong_charts_say_what_is_wrong(kwargs, says) -> None:
    feedback = ex.q1.check(category_chart(**kwargs))
    assert feedback.status == "incorrect"
    assert says in feedback.message, feedback.message


def test_q1_wrong_kinds() -> None:
    assert "Axes" in ex.q1.check("bars").message
    fig, ax = plt.subplots()
    assert "no bars" in ex.q1.check(ax).message


def test_q1_blanks_stop_with_a_clear_error() -> None:
    # the student edition's scaffold: a blank must fail loudly, not draw a chart with "____"
    from kzsi_helpers.exercises.blanks import BlankError

    fig, ax = plt.subplots()
    with pytest.raises(BlankError):
        ax.barh(["a", "b"], ____)
    # matplotlib writes a blank label as the text "____": the check says to fill it in
    for kwargs in ({"label": "____"}, {"title": "____"}):
        feedback = ex.q1.check(category_chart(**kwargs))
        assert feedback.status == "incorrect" and "Fill in the blanks" in feedback.message


# --- q2: what a hollow marker means -------------------------------------------------------------

@pytest.mark.parametrize("answer", ["b", "B", "b)", "(b)", " b. ", "B) the date is known only"])
def test_q2_right_answers(answer) -> None:
    assert ex.q2.check(answer).correct


@pytest.mark.parametrize(("answer", "says"), [
    ("a", "plan"), ("A)", "plan"), ("c", "sources"), ("(c)", "sources"),
    ("d", "one of: a, b, c"), ("", "one of: a, b, c"), ("yes", "one of: a, b, c"),
])
def test_q2_wrong_answers_say_what_is_wrong(answer, says) -> None:
    feedback = ex.q2.check(answer)
    assert feedback.status == "incorrect"
    assert says in feedback.message


# --- q3: add an event and redraw ----------------------------------------------------------------

def new_row(**changes) -> pd.DataFrame:
    row = {"date": "2020-05", "title": "A test event", "category": "economy"}
    row.update(changes)
    return pd.DataFrame([row])


@pytest.mark.parametrize("changes", [{}, {"date": "2020"}, {"date": "2020-05-17"},
                                     {"date": pd.Timestamp("2021-03-01")},
                                     {"category": "memory"}])
def test_q3_right_answers(events, changes) -> None:
    mine = pd.concat([events, new_row(**changes)], ignore_index=True)
    feedback = ex.q3.check(mine)
    assert feedback.correct, feedback.message


def test_q3_right_with_only_the_needed_columns(events) -> None:
    mine = pd.concat([events[["date", "title", "category"]], new_row()], ignore_index=True)
    assert ex.q3.check(mine).correct


@pytest.mark.parametrize(("name", "says"), [
    ("unchanged", "exactly one more"),
    ("two rows", "exactly one more"),
    ("bad date", "May 2020"),
    ("bad category", "one of"),
    ("no title", "title"),
    ("lost a column", "category"),
    ("a list", "table"),
])
def test_q3_wrong_answers_say_what_is_wrong(events, name, says) -> None:
    answers = {
        "unchanged": events,
        "two rows": pd.concat([events, new_row(), new_row(title="Another")], ignore_index=True),
        "bad date": pd.concat([events, new_row(date="May 2020")], ignore_index=True),
        "bad category": pd.concat([events, new_row(category="sport")], ignore_index=True),
        "no title": pd.concat([events, new_row(title="")], ignore_index=True),
        "lost a column": pd.concat([events, new_row()], ignore_index=True).drop(
            columns=["category"]),
        "a list": [1, 2, 3],
    }
    feedback = ex.q3.check(answers[name])
    assert feedback.status == "incorrect", name
    assert says in feedback.message, feedback.message


# --- q5: now you try, on the multilateral table -------------------------------------------------

def test_q5_right_answers(multilateral) -> None:
    for answer in [multilateral[multilateral["supporter"] == "SI"],
                   multilateral.query("supporter == 'SI'"),
                   multilateral[multilateral["candidate"] == "KZ"],  # the same rows, here
                   multilateral[multilateral["supporter"] == "SI"].reset_index(drop=True)]:
        assert ex.q5.check(answer).correct


@pytest.mark.parametrize(("make", "says"), [
    (lambda m: m[m["supporter"] == "Slovenia"], "codes, not names"),
    (lambda m: m[m["supporter"] == "si"], "codes, not names"),
    (lambda m: m[m["candidate"] == "SI"], "filter on the column `supporter`"),
    (lambda m: m[m["supporter"] == "KZ"], "filter on the column `supporter`"),
    (lambda m: m, "should not be there"),
    (lambda m: m[m["supporter"] == "SI"].iloc[1:], "missing"),
    (lambda m: pd.concat([m[m["supporter"] == "SI"]] * 2), "more than once"),
    (lambda m: m[m["supporter"] == "SI"][["body"]], "columns"),
    (lambda m: 5, "table"),
])
def test_q5_wrong_answers_say_what_is_wrong(multilateral, make, says) -> None:
    feedback = ex.q5.check(make(multilateral))
    assert feedback.status == "incorrect"
    assert says in feedback.message, feedback.message
    assert "use ==" not in feedback.message.lower()
    assert_hidden(feedback, sum(r["supporter"] == "SI" for r in rows("multilateral")))


# --- the worked answers and the alt texts -------------------------------------------------------

def test_solutions_run(events, multilateral) -> None:
    from kzsi_helpers import PALETTE

    namespace = {"events": events, "multilateral": multilateral, "pd": pd, "plt": plt,
                 "PALETTE": PALETTE}
    for question in (ex.q1, ex.q2, ex.q3, ex.q5):
        exec(question.solution_text, namespace)
        assert question.check(namespace[question.var]).correct, question.var


def test_timeline_alt_says_what_the_table_holds(events) -> None:
    table = rows("events")
    years = Counter(r["date"][:4] for r in table)
    approximate = sum(r["precision"] != "day" for r in table)
    busiest = sorted(y for y, n in years.items() if n == max(years.values()))
    alt = ex.timeline_alt(events)
    assert f"Timeline of {len(table)} events" in alt
    assert f"{approximate} events are known only to the month or year" in alt
    assert ", ".join(busiest) in alt
    assert "from 1992 to 2002" in alt  # the long quiet stretch after relations began


def test_per_year_alt(events) -> None:
    years = Counter(int(r["date"][:4]) for r in rows("events"))
    per_year = events.groupby(events["date_start"].dt.year).size()
    alt = ex.per_year_alt(per_year)
    assert f"{min(years)} to {max(years)}" in alt
    assert f"at most {max(years.values())} events" in alt
