"""Exercises for lesson 02, *A timeline of relations*, and the sentences it writes from the data.

The questions work on the course tables ``events`` and ``multilateral``; every expected table is
computed from them when the answer is checked, never typed in here.

- ``q1``: a bar chart of the events per category, checked through its Axes (``category_ax``;
  blanks to fill; the checker is in :mod:`kzsi_helpers.exercises.lesson02_charts`).
- ``q2``: what a hollow marker on the timeline means (``hollow_means``, a letter).
- ``q3``: add an event of your own to a copy of the table and redraw it (``my_events``).
- ``q4``: dropped (reading the country codes is checked by ``q5``); the numbers are kept.
- ``q5``: *Now you try*, with different data: the candidacies Slovenia supported
  (``slovenia_backed``).
- ``q6``: discussion: why do states back each other's candidacies?

:func:`per_year_alt` and :func:`timeline_alt` write the alt text of the lesson's two charts from
the data, so that the lesson's cells stay short.

Examples
--------
>>> from kzsi_helpers.exercises import lesson02 as ex
>>> ex.q5.check().status
'not attempted'
>>> ex.q2.check("B)").status
'correct'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kzsi_helpers.data.errors import DataError
from kzsi_helpers.data.tables import load, read_package
from kzsi_helpers.exercises.checkers import Verdict, letter_answer, rows_kept
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.exercises.lesson02_charts import check_category_chart
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["q1", "q2", "q3", "q5", "q6", "per_year_alt", "timeline_alt"]

#: The options of question 2, in the order the lesson lists them (a, b, c).
HOLLOW_OPTIONS = ("a", "b", "c")


# --- alt texts ----------------------------------------------------------------------------------

def per_year_alt(per_year: pd.Series) -> str:
    """Describe a bar chart of events per year in one sentence, for readers who cannot see it.

    Parameters
    ----------
    per_year : pandas.Series
        Number of events, indexed by year.

    Examples
    --------
    >>> per_year_alt(pd.Series([1, 3], index=[2001, 2004]))
    'Bar chart of the number of events per year, 2001 to 2004; at most 3 events in one year.'
    """
    return _("Bar chart of the number of events per year, {first} to {last}; at most {most} "
             "events in one year.").format(first=per_year.index.min(), last=per_year.index.max(),
                                           most=per_year.max())


def timeline_alt(events: pd.DataFrame) -> str:
    """Describe the timeline of a table of events, for readers who cannot see it.

    Says how many events, which years, the categories, how many dates are approximate, the
    busiest years and the longest stretch without an event.

    Parameters
    ----------
    events : pandas.DataFrame
        The table (with ``date_start``, ``precision`` and ``category``, as ``load`` gives it).

    Examples
    --------
    >>> timeline_alt(load("events")).startswith("Timeline of ")
    True
    """
    years = events["date_start"].dt.year
    per_year = years.value_counts()
    busiest = sorted(per_year[per_year == per_year.max()].index)
    ordered = events["date_start"].sort_values().reset_index(drop=True)
    after_gap = int(ordered.diff().idxmax())  # the event after the longest quiet stretch
    approximate = int((events["precision"] != "day").sum())
    categories = ", ".join(events["category"].unique())
    return " ".join([
        _("Timeline of {n} events in the relations between Kazakhstan and Slovenia, from {first} "
          "to {last}.").format(n=len(events), first=years.min(), last=years.max()),
        _("Each event is a marker with its title beside it; colour and shape show its category "
          "({categories}).").format(categories=categories),
        _("{n} events are known only to the month or year and are drawn hollow with a bar.")
        .format(n=approximate),
        _("The busiest years, with {n} events each, are {years}.")
        .format(n=per_year.max(), years=", ".join(str(y) for y in busiest)),
        _("The longest stretch without an event runs from {first} to {last}.")
        .format(first=ordered[after_gap - 1].year, last=ordered[after_gap].year),
    ])


# --- q2: what a hollow marker means -------------------------------------------------------------

_HOLLOW_WRONG = {
    "a": N_("A plan or a cancelled event is drawn like any other event. The marker's fill is "
            "about the date: read the lesson's sentence on hollow markers again."),
    "c": N_("The timeline does not show how many sources an event has. The marker's fill is "
            "about the date: read the lesson's sentence on hollow markers again."),
}


def _check_hollow(value: Any) -> Verdict:
    letter = letter_answer(value)
    if letter not in HOLLOW_OPTIONS:
        return Verdict(False, _("Answer with one of: {options}.")
                       .format(options=", ".join(HOLLOW_OPTIONS)))
    if letter == "b":
        return Verdict(True, _("Right: a hollow marker with a bar is a date known only to the "
                               "month or the year; the bar covers the whole period."))
    return Verdict(False, _(_HOLLOW_WRONG[letter]))


# --- q3: an event of one's own ------------------------------------------------------------------

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
        return Verdict(False, _("Your answer should be a table (a DataFrame): a copy of `events` "
                                "with your row added, with `pd.concat`."))
    original = load("events")
    if len(value) != len(original) + 1:
        more = len(value) - len(original)
        return Verdict(False, _("Your table has {more} row(s) compared with `events`; it "
                                "should have exactly one more.").format(more=f"{more:+d}"))
    missing = [c for c in ("date", "title", "category") if c not in value.columns]
    if missing:
        return Verdict(False, _("Your table has lost the column(s) {columns}.")
                       .format(columns=", ".join(missing)))
    known = set(zip(original["title"], original["date"], strict=True))
    new = [i for i, row in enumerate(value.itertuples(index=False))
           if (str(row.title), str(row.date)) not in known]
    if len(new) != 1:
        return Verdict(False, _("Keep the original rows as they are and add one new row."))
    row = value.iloc[new[0]]
    if pd.isna(row["title"]) or not str(row["title"]).strip():
        return Verdict(False, _("Give your event a title."))
    if str(row["category"]) not in _categories():
        return Verdict(False, _("The category of your event should be one of: {categories}.")
                       .format(categories=", ".join(_categories())))
    try:  # what plot_timeline needs from a row: a readable date, a title, a known category
        event_periods(value)
    except DataError as exc:
        return Verdict(False, _("The timeline cannot draw your row: {error}").format(error=exc))
    return Verdict(True, _("Well done: your event is in the table and on the timeline. Which "
                           "source would you cite for it?"))


# --- q5: the candidacies Slovenia supported -----------------------------------------------------

def _ids(table: pd.DataFrame, column: str, value: str) -> set[str]:
    return set(table.loc[table[column] == value, "id"].astype(str))


def _check_slovenia_backed(value: Any) -> Verdict:
    full = load("multilateral")
    expected = _ids(full, "supporter", "SI")

    def wrong_column(kept: set[str]) -> Verdict | None:
        if kept == _ids(full, "candidate", "SI") and kept != expected:
            return Verdict(False, _("You kept the candidacies *of* Slovenia, which Kazakhstan "
                                    "supported. The question asks for those Slovenia supported: "
                                    "filter on the column `supporter`."))
        return None

    return rows_kept(
        value, full, expected, table="multilateral", special=wrong_column,
        empty=_("Your table is empty. The column `supporter` holds country codes, not names, in "
                "capital letters: compare it with Slovenia's two-letter code."),
        extra=_("Your table has rows that should not be there: keep only the rows whose "
                "`supporter` is Slovenia's code."),
        missing=_("Some rows are missing: start from the whole table `multilateral`."),
        right=_("Right: every row where `supporter` is 'SI', and nothing else."))


q1 = Question(
    var="category_ax",
    checker=check_category_chart,
    hints=[
        N_("The bars' lengths are the counts: `counts.values`."),
        N_("Label the axis along the bars with what they count, e.g. `\"number of events\"`, and "
           "give the chart a title: `ax.set_title(\"...\")`."),
    ],
    solution=(
        'counts = events.groupby("category").size()\n'
        "fig, ax = plt.subplots(figsize=(6, 3))\n"
        'ax.barh(counts.index, counts.values, color=PALETTE["blue"])\n'
        'ax.set_xlabel("number of events")\n'
        'ax.set_title("Events by category")\n'
        "category_ax = ax"
    ),
    explanation=N_("Horizontal bars leave room for long category names."),
)

q2 = Question(
    var="hollow_means",
    checker=_check_hollow,
    hints=[
        N_("Look at the legend under the timeline, and at the sentence on hollow markers above it."),
        N_("The bar beside a hollow marker covers a whole month or a whole year."),
    ],
    solution='hollow_means = "b"',
)

q3 = Question(
    var="my_events",
    checker=_check_my_events,
    hints=[
        N_("Make a one-row table with the columns date, title and category: "
           "`pd.DataFrame([{\"date\": ..., \"title\": ..., \"category\": ...}])`."),
        N_("Join it under a copy of the table: `pd.concat([events, new_row], ignore_index=True)`."),
        N_("Dates are text: `\"YYYY-MM-DD\"`, or `\"YYYY-MM\"` / `\"YYYY\"` if you only know the "
           "month or the year. Then draw `plot_timeline(my_events)`."),
    ],
    solution=(
        'relations_day = events.set_index("id").loc["diplomatic-relations", "date_start"]\n'
        "silver = relations_day + pd.DateOffset(years=25)\n"
        'new_row = pd.DataFrame([{"date": str(silver.date()),\n'
        '                         "title": "25 years since relations began",\n'
        '                         "category": "diplomacy"}])\n'
        "my_events = pd.concat([events, new_row], ignore_index=True)"
    ),
)

q5 = Question(
    var="slovenia_backed",
    checker=_check_slovenia_backed,
    hints=[
        N_("Same idea as the filter of section 2, on the table `multilateral`."),
        N_("The column `supporter` holds the country that gave its support, as a code: KZ or SI."),
    ],
    solution='slovenia_backed = multilateral[multilateral["supporter"] == "SI"]',
)

q6 = Question(
    var="",
    checker=None,
    hints=[
        N_("Who elects the non-permanent members of the UN Security Council, and how many votes "
           "does a candidate need?"),
        N_("Think of what each side gets back later, and of who reports the support."),
    ],
    solution=N_(
        "Possible points. Candidates collect support state by state: the non-permanent "
        "members of the UN Security Council, for example, are elected by the General Assembly "
        "for two years and need a two-thirds majority [un-sc-elections]. So every vote "
        "counts, a small state's as much as a large one's. Support is often returned: the "
        "table shows Slovenia backing Kazakhstan several times and Kazakhstan supporting "
        "Slovenia. For two states far apart, whose ambassadors long worked from third "
        "countries (Kazakhstan's from Vienna [lokalec-maribor-consulate; mfa-kz-povir], "
        "Slovenia's from Moscow [dnevnik-2023-ambassadors]), such support is a cheap way to "
        "keep relations warm. Keep in mind what the sources are: every row of the table is "
        "reported by the Kazakh side, and a statement of support does not show how a vote "
        "was actually cast."
    ),
    solution_is_code=False,
)
