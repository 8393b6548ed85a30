"""Exercises for lesson 01, *Three decades of diplomacy*.

The questions work on the course tables ``events`` and ``multilateral``; every expected answer is
computed from those tables when the answer is checked, never typed in here.

- ``q1``: keep only the events of one category (``agreements``).
- ``q2``: days from Slovenia's independence to diplomatic relations (``days_si``).
- ``q3``: the same gap in whole years and days (``years_days``).
- ``q4``: add an event of your own to a copy of the table and redraw it (``my_events``).
- ``q5``: discussion: why do small states back each other's candidacies?
- ``q6``: *Now you try*, with different data: the candidacies Slovenia supported
  (``slovenia_backed``).
- ``q7``: a bar chart of the events per category, checked through its Axes (``category_ax``;
  defined in :mod:`kzsi_helpers.exercises.lesson01_charts`).

Examples
--------
>>> from kzsi_helpers.exercises import lesson01 as ex
>>> ex.q2.check().status
'not attempted'
>>> ex.q2.check(-1).status
'incorrect'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from kzsi_helpers.data.errors import DataError
from kzsi_helpers.data.tables import load, read_package
from kzsi_helpers.exercises.checkers import Verdict
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.exercises.lesson01_charts import q7

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "event_day", "gap_in_days",
           "gap_in_years_and_days"]

#: The category that question 1 asks for.
CATEGORY = "agreement"
#: The two events whose distance questions 2 and 3 ask for.
FROM_EVENT, TO_EVENT = "independence-si", "diplomatic-relations"


def event_day(event_id: str) -> pd.Timestamp:
    """Return the (first) day of an event in the ``events`` table.

    Parameters
    ----------
    event_id : str
        The event's ``id``.

    Returns
    -------
    pandas.Timestamp
        Its ``date_start``.

    Raises
    ------
    KeyError
        If no event has that id.

    Examples
    --------
    >>> event_day("diplomatic-relations").year
    1992
    """
    events = load("events").set_index("id")
    if event_id not in events.index:
        raise KeyError(f"no event with id {event_id!r} in data/events.csv")
    return events.loc[event_id, "date_start"]


def gap_in_days(from_id: str, to_id: str) -> int:
    """Count the days from one event to another (the first day not counted).

    Parameters
    ----------
    from_id, to_id : str
        Ids of two events with exact dates.

    Returns
    -------
    int
        ``(day of to_id - day of from_id).days``.

    Examples
    --------
    >>> gap_in_days("independence-kz", "diplomatic-relations") > 0
    True
    """
    return int((event_day(to_id) - event_day(from_id)).days)


def gap_in_years_and_days(from_id: str, to_id: str) -> tuple[int, int]:
    """Split the time between two events into whole years and the days left over.

    Parameters
    ----------
    from_id, to_id : str
        Ids of two events with exact dates, the first one earlier.

    Returns
    -------
    tuple of int
        ``(years, days)``: the number of full years, then the days after the last anniversary.

    Examples
    --------
    >>> years, days = gap_in_years_and_days("independence-kz", "anniversary-30")
    >>> 0 <= days < 366
    True
    """
    start, end = event_day(from_id), event_day(to_id)
    years = end.year - start.year - int((end.month, end.day) < (start.month, start.day))
    days = (end - (start + pd.DateOffset(years=years))).days
    return years, int(days)


def _ids(value: Any, what: str) -> set[str] | Verdict:
    """Return the ids in a student's table, or a Verdict saying why they cannot be read."""
    if not isinstance(value, pd.DataFrame):
        return Verdict(False, f"Your answer should be a table (a pandas DataFrame): a filtered "
                       f"copy of `{what}`.")
    if "id" not in value.columns:
        return Verdict(False, f"Keep the columns of `{what}` (at least `id`), so that we can "
                       "see which rows you kept.")
    return set(value["id"].astype(str))


def _check_filtered(
    value: Any, table: str, keep: Callable[[pd.DataFrame], pd.Series], rule: str
) -> Verdict:
    ids = _ids(value, table)
    if isinstance(ids, Verdict):
        return ids
    full = load(table)
    expected = set(full.loc[keep(full), "id"].astype(str))
    if ids - expected:
        return Verdict(False, f"Your table has rows that should not be there: keep only rows "
                       f"where {rule}.")
    if expected - ids:
        return Verdict(False, "Some rows are missing. Compare the column with `==` (an exact "
                       "match) and start from the whole table.")
    if len(value) != len(expected):
        return Verdict(False, "Some rows appear more than once: filter the table once.")
    return Verdict(True, f"Right: every row where {rule}, and nothing else.")


def _check_agreements(value: Any) -> Verdict:
    return _check_filtered(value, "events", lambda t: t["category"] == CATEGORY,
                           f"`category` is '{CATEGORY}'")


def _as_int(value: Any) -> int | Verdict:
    if isinstance(value, pd.Timedelta):
        return Verdict(False, "You have a Timedelta (a length of time). Take its `.days` to "
                       "get a whole number of days.")
    if isinstance(value, bool) or isinstance(value, str):
        return Verdict(False, "Your answer should be a whole number, not text or True/False.")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return Verdict(False, "Your answer should be a whole number.")
    if number != int(number):
        return Verdict(False, "Your answer should be a whole number of days.")
    return int(number)


def _check_days(value: Any) -> Verdict:
    number = _as_int(value)
    if isinstance(number, Verdict):
        return number
    expected = gap_in_days(FROM_EVENT, TO_EVENT)
    if number == expected:
        return Verdict(True, "Right. Subtracting two Timestamps gives a Timedelta, and `.days` "
                       "turns it into a number of days.")
    if number == -expected:
        return Verdict(False, "The sign is wrong: subtract the earlier date from the later one.")
    if number == expected + 1:
        return Verdict(False, "Close: it looks as if you counted both the first and the last "
                       "day. Subtract the two Timestamps and take `.days`.")
    if abs(number - expected / 365.25) < 1:
        return Verdict(False, "That looks like a number of years; the question asks for days.")
    return Verdict(False, "Did you take `date_start` of the two right events "
                   f"('{FROM_EVENT}' and '{TO_EVENT}')?")


def _check_years_days(value: Any) -> Verdict:
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return Verdict(False, "Your answer should be a pair of numbers: (years, days).")
    parts = [_as_int(v) for v in value]
    for part in parts:
        if isinstance(part, Verdict):
            return part
    years, days = parts
    right_years, right_days = gap_in_years_and_days(FROM_EVENT, TO_EVENT)
    if (years, days) == (right_years, right_days):
        return Verdict(True, "Right: whole years first, then the days after the last "
                       "anniversary.")
    if years == 0 and days == gap_in_days(FROM_EVENT, TO_EVENT):
        return Verdict(False, "That is the whole gap in days. Split it: first the whole years, "
                       "then the days that are left.")
    if years != right_years:
        return Verdict(False, "The number of whole years is not right. When is the first "
                       "anniversary of independence: before or after relations began?")
    return Verdict(False, "The years are right; check the days left after the last "
                   "anniversary (add the years with `pd.DateOffset(years=...)`).")


def _categories() -> list[str]:
    for resource in read_package()["resources"]:
        if resource["name"] == "events":
            for field in resource["schema"]["fields"]:
                if field["name"] == "category":
                    return list(field["constraints"]["enum"])
    return []  # pragma: no cover - the schema always declares them


def _check_my_events(value: Any) -> Verdict:
    from kzsi_helpers.charts.dates import event_periods

    if not isinstance(value, pd.DataFrame):
        return Verdict(False, "Your answer should be a table (a DataFrame): a copy of `events` "
                       "with your row added, e.g. with `pd.concat`.")
    original = load("events")
    if len(value) != len(original) + 1:
        more = len(value) - len(original)
        return Verdict(False, f"Your table has {more:+d} row(s) compared with `events`; it "
                       "should have exactly one more.")
    missing = [c for c in ("date", "title", "category") if c not in value.columns]
    if missing:
        return Verdict(False, f"Your table has lost the column(s) {', '.join(missing)}.")
    if "id" in value.columns and not set(original["id"]) <= set(value["id"].astype(str)):
        return Verdict(False, "Some of the original events are missing: add your row to a "
                       "copy of the whole table.")
    known = set(zip(original["title"], original["date"], strict=True))
    new = [i for i, row in enumerate(value.itertuples(index=False))
           if (str(row.title), str(row.date)) not in known]
    if len(new) != 1:
        return Verdict(False, "Keep the original rows as they are and add one new row.")
    row = value.iloc[new[0]]
    if pd.isna(row["title"]) or not str(row["title"]).strip():
        return Verdict(False, "Give your event a title.")
    if str(row["category"]) not in _categories():
        return Verdict(False, "The category of your event should be one of: "
                       f"{', '.join(_categories())}.")
    # What plot_timeline needs from a row is a readable date, a title and a known category;
    # checking the dates here tells the same thing as drawing the whole timeline, for less.
    try:
        event_periods(value.iloc[[new[0]]])
        event_periods(value)
    except DataError as exc:
        return Verdict(False, f"The timeline cannot draw your row: {exc}")
    return Verdict(True, "Well done: your event is in the table and on the timeline. Which "
                   "source would you cite for it?")


def _check_slovenia_backed(value: Any) -> Verdict:
    return _check_filtered(value, "multilateral", lambda t: t["supporter"] == "SI",
                           "`supporter` is 'SI'")


q1 = Question(
    var="agreements",
    checker=_check_agreements,
    hints=[
        "A comparison like `events[\"category\"] == ...` gives True or False for every row.",
        "Put that comparison inside `events[...]` to keep only the rows where it is True.",
    ],
    solution=f'agreements = events[events["category"] == "{CATEGORY}"]',
)

q2 = Question(
    var="days_si",
    checker=_check_days,
    hints=[
        "Find the two rows by their `id` and take their `date_start` (a Timestamp).",
        "`events.set_index(\"id\").loc[\"independence-si\", \"date_start\"]` gives one day.",
        "Subtract the earlier Timestamp from the later one and take `.days`.",
    ],
    solution=(
        'by_id = events.set_index("id")\n'
        f'start = by_id.loc["{FROM_EVENT}", "date_start"]\n'
        f'end = by_id.loc["{TO_EVENT}", "date_start"]\n'
        "days_si = (end - start).days"
    ),
)

q3 = Question(
    var="years_days",
    checker=_check_years_days,
    hints=[
        "Whole years: the difference of the years, minus one if the anniversary in the last "
        "year has not come yet.",
        "`start + pd.DateOffset(years=n)` is the n-th anniversary of `start`.",
        "The days left over are `(end - anniversary).days`; answer with a pair "
        "`(years, days)`.",
    ],
    solution=(
        "years = end.year - start.year - int((end.month, end.day) < (start.month, start.day))\n"
        "anniversary = start + pd.DateOffset(years=years)\n"
        "years_days = (years, (end - anniversary).days)"
    ),
)

q4 = Question(
    var="my_events",
    checker=_check_my_events,
    hints=[
        "Make a one-row table with the columns date, title and category, e.g. "
        "`pd.DataFrame([{\"date\": ..., \"title\": ..., \"category\": ...}])`.",
        "Join it under a copy of the table: `pd.concat([events, new_row], ignore_index=True)`.",
        "Dates are text: `\"YYYY-MM-DD\"`, or `\"YYYY-MM\"` / `\"YYYY\"` if you only know the "
        "month or year. Then redraw with `plot_timeline(my_events)`.",
    ],
    solution=(
        "# An event of your own, or (as here) a date worked out from the table:\n"
        'relations = events.set_index("id").loc["diplomatic-relations", "date_start"]\n'
        "silver = relations + pd.DateOffset(years=25)\n"
        'new_row = pd.DataFrame([{"date": silver.strftime("%Y-%m-%d"),\n'
        '                         "title": "25 years since relations began",\n'
        '                         "category": "diplomacy"}])\n'
        "my_events = pd.concat([events, new_row], ignore_index=True)\n"
        "plot_timeline(my_events)"
    ),
)

q5 = Question(
    var="",
    checker=None,
    hints=[
        "Who elects the non-permanent members of the UN Security Council, and how many votes "
        "does a candidate need?",
        "Think of what each side gets back later, and of the regional groups that share seats.",
    ],
    solution=(
        "Possible points. Candidates collect support state by state: the non-permanent "
        "members of the UN Security Council, for example, are elected by the General Assembly "
        "for two years and need a two-thirds majority [un-sc-elections], so every vote "
        "counts, a small state's as much as a large one's. Support is often returned: the "
        "table shows Slovenia backing Kazakhstan several times and Kazakhstan voting for "
        "Slovenia. Seats are shared out by region, so a candidate also needs friends outside "
        "its own region. One view: for two states far apart, whose ambassadors long worked "
        "from third countries (Kazakhstan's from Vienna [lokalec-maribor-consulate; "
        "mfa-kz-povir], Slovenia's from Moscow [dnevnik-2023-ambassadors]), such support is "
        "an inexpensive way to keep relations warm. Keep in mind what the "
        "sources are: every row of the table is reported by the Kazakh side, and a statement "
        "of support does not show how a vote was actually cast."
    ),
    solution_is_code=False,
)

q6 = Question(
    var="slovenia_backed",
    checker=_check_slovenia_backed,
    hints=[
        "Same idea as question 1, on the table `multilateral`.",
        "The column `supporter` holds the country that gave its support, as a code (KZ or SI).",
    ],
    solution='slovenia_backed = multilateral[multilateral["supporter"] == "SI"]',
)
