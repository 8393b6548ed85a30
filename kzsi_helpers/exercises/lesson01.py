"""Exercises for lesson 01, *Three decades of diplomacy*.

The questions work on the course table ``events``; every expected answer is computed from it when
the answer is checked, never typed in here.

- ``q1``: days from Slovenia's independence to diplomatic relations (``days_si``; blanks to fill).
- ``q2``: *Now you try*: keep only the events of one category (``agreements``; a blank to fill).
- ``q3``: predict the confidence grade of a date worked out from one article (``grade``).
- ``q4``: the gap of ``q1`` in whole years and days (``years_days``), with 1992's leap day.

Examples
--------
>>> from kzsi_helpers.exercises import lesson01 as ex
>>> ex.q1.check().status
'not attempted'
>>> ex.q1.check(-1).status
'incorrect'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict, letter_answer, normalize_answer, rows_kept
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["q1", "q2", "q3", "q4", "GRADES", "event_day", "gap_in_days", "gap_in_years_and_days"]

#: The category that question 2 asks for.
CATEGORY = "agreement"
#: The two events whose distance questions 1 and 4 ask for.
FROM_EVENT, TO_EVENT = "independence-si", "diplomatic-relations"
#: The event whose grade question 3 asks students to predict.
GRADED_EVENT = "consulate-nova-gorica"
#: The course's confidence scale, strongest first (the letters a, b, c follow this order).
GRADES = ("high", "medium", "low")


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
        raise KeyError(_("no event with id {id} in data/events.csv").format(id=repr(event_id)))
    return events.loc[event_id, "date_start"]


def gap_in_days(from_id: str, to_id: str) -> int:
    """Count the days from one event to another (the first day not counted).

    Examples
    --------
    >>> gap_in_days("independence-kz", "diplomatic-relations") > 0
    True
    """
    return int((event_day(to_id) - event_day(from_id)).days)


def gap_in_years_and_days(from_id: str, to_id: str) -> tuple[int, int]:
    """Split the time between two events into whole years and the days left over.

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
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    days = (end - (start + pd.DateOffset(years=years))).days
    return years, int(days)


# --- reading a student's answer -----------------------------------------------------------------

def _as_int(value: Any, what: str = N_("days")) -> int | Verdict:
    """Read a whole number from an answer, or say what kind of value it is instead."""
    if isinstance(value, pd.Timedelta):
        return Verdict(False, _("You have a Timedelta (a length of time). Take its `.days` to "
                                "get a whole number of days."))
    if isinstance(value, (bool, str)):
        return Verdict(False, _("Your answer should be a whole number, not text or True/False."))
    try:
        number = float(value)
    except (TypeError, ValueError):
        return Verdict(False, _("Your answer should be a whole number."))
    if number != int(number):
        return Verdict(False, _("Your answer should be a whole number of {what}.")
                       .format(what=_(what)))
    return int(number)


# --- q1: days between two events ----------------------------------------------------------------

def _check_days(value: Any) -> Verdict:
    number = _as_int(value)
    if isinstance(number, Verdict):
        return number
    expected = gap_in_days(FROM_EVENT, TO_EVENT)
    if number == expected:
        return Verdict(True, _("Right. Subtracting two Timestamps gives a Timedelta, and `.days` "
                               "turns it into a number of days."))
    if number == -expected:
        return Verdict(False, _("The sign is wrong: subtract the earlier date from the later one "
                                "(`end - start`)."))
    if abs(number - expected) == 1:
        return Verdict(False, _("Off by one day: did you count by hand? Subtract the two "
                                "Timestamps and take `.days`."))
    if number == gap_in_days("independence-kz", TO_EVENT):
        return Verdict(False, _("That is the gap from Kazakhstan's independence. The question "
                                "starts from Slovenia's (`independence-si`)."))
    if number in (1, 2) or abs(number - expected / 365.25) < 1:
        return Verdict(False, _("That looks like a number of years; the question asks for days."))
    return Verdict(False, _("Did you take `date_start` of the two right events "
                            "('{first}' and '{second}')?").format(first=FROM_EVENT, second=TO_EVENT))


# --- q2: keep the rows of one category ----------------------------------------------------------

def _check_agreements(value: Any) -> Verdict:
    events = load("events")
    return rows_kept(
        value, events, set(events.loc[events["category"] == CATEGORY, "id"]), table="events",
        empty=_("Your table is empty: no row matched. Write the category exactly as the table does "
                "(lower case, singular); `events[\"category\"].unique()` lists them."),
        extra=_("Your table has rows that should not be there: keep only rows where `category` is "
                "'{category}' (compare with `==`, not `!=`).").format(category=CATEGORY),
        missing=_("Some rows are missing: start from the whole table `events`, not from a part of "
                  "it."),
        right=_("Right: every row where `category` is '{category}', and nothing else.")
        .format(category=CATEGORY))


# --- q3: predict a grade ------------------------------------------------------------------------

_GRADE_WORDS = {"high": "high", "medium": "medium", "med": "medium", "middle": "medium",
                "low": "low",
                # the grades' names in a translated lesson (the values stay English in the data)
                "visoka": "high", "srednja": "medium", "nizka": "low",
                "высокая": "high", "средняя": "medium", "низкая": "low",
                "жоғары": "high", "орташа": "medium", "төмен": "low"}
_WHY_NOT = {
    "high": N_("*High* needs an official source or two independent sources. How many sources does "
               "this date rest on, and is the year in it?"),
    "low": N_("*Low* is for indirect evidence only. Here an article gives the day itself; only "
              "the year is worked out from its words."),
}


def _grade(value: Any) -> str | None:
    """Read a grade typed as a word (any case, a full stop) or as its letter a, b or c."""
    word = _GRADE_WORDS.get(normalize_answer(value))
    if word is not None:
        return word
    letter = letter_answer(value)
    if letter in ("a", "b", "c") and len(normalize_answer(value)) <= 1:
        return GRADES["abc".index(letter)]
    return None


def _check_grade(value: Any) -> Verdict:
    given = _grade(value)
    if given is None:
        return Verdict(False, _("Answer with one of the three grades: high, medium or low."))
    expected = load("events").set_index("id").loc[GRADED_EVENT, "confidence"]
    if given == expected:
        return Verdict(True, _("Right: one article, and the year worked out from it. Run the "
                               "next cell to see the note on the row."))
    return Verdict(False, _(_WHY_NOT.get(given, N_("Read the three grades again: which one "
                                                   "describes one source, or a value worked out "
                                                   "from one?"))))


# --- q4: years and days -------------------------------------------------------------------------

def _check_years_days(value: Any) -> Verdict:
    if isinstance(value, str) or not hasattr(value, "__len__") or len(value) != 2:
        return Verdict(False, _("Your answer should be a pair of numbers in brackets: "
                                "`(years, days)`."))
    years, days = (_as_int(v, N_("years and days")) for v in value)
    if isinstance(years, Verdict):
        return years
    if isinstance(days, Verdict):
        return days
    right_years, right_days = gap_in_years_and_days(FROM_EVENT, TO_EVENT)
    total = gap_in_days(FROM_EVENT, TO_EVENT)
    if (years, days) == (right_years, right_days):
        return Verdict(True, _("Right: one whole year, then the days after the first "
                               "anniversary. `pd.DateOffset` knew that 1992 had a 29 February."))
    if (days, years) == (right_years, right_days):
        return Verdict(False, _("You have the two numbers the wrong way round: years first, then "
                                "days."))
    if years == 0 and days == total:
        return Verdict(False, _("That is the whole gap in days. Split it: first the whole years, "
                                "then the days that are left."))
    if years == right_years and days == total - 365 * right_years:
        return Verdict(False, _("Nearly: you took 365 days for the year. But 1992 was a leap "
                                "year, and 29 February 1992 falls inside that first year. Count the "
                                "days from the first anniversary instead (`pd.DateOffset(years=1)`)."))
    if years == right_years and abs(days - right_days) == 1:
        return Verdict(False, _("The year is right and the days are one off: subtract the "
                                "anniversary from the later date and take `.days`."))
    if years != right_years:
        return Verdict(False, _("The number of whole years is not right. When is the first "
                                "anniversary of independence: before or after relations began?"))
    return Verdict(False, _("The year is right; check the days left after the anniversary "
                            "(`end - first_anniversary`, then `.days`)."))


q1 = Question(
    var="days_si",
    checker=_check_days,
    hints=[
        N_("Section 1 does the same for the two independence days: subtract, then `.days`."),
        N_("The later date comes first: `(end - start).days`."),
    ],
    solution=(
        'by_id = events.set_index("id")\n'
        f'start = by_id.loc["{FROM_EVENT}", "date_start"]\n'
        f'end = by_id.loc["{TO_EVENT}", "date_start"]\n'
        "days_si = (end - start).days"
    ),
)

q2 = Question(
    var="agreements",
    checker=_check_agreements,
    hints=[
        N_("Do what the cell above did for visits, with another category."),
        N_("The category is written in lower case and in the singular, as in the table."),
    ],
    solution=f'agreements = events[events["category"] == "{CATEGORY}"]',
)

q3 = Question(
    var="grade",
    checker=_check_grade,
    hints=[
        N_("Read the scale again: which grade is for one source, or for a value worked out from "
           "one?"),
        N_("One article gives the day; the year is worked out from its words."),
    ],
    solution='grade = "medium"',
    explanation=N_("One source, and a value worked out from it: that is the middle grade."),
)

q4 = Question(
    var="years_days",
    checker=_check_years_days,
    hints=[
        N_("`start + pd.DateOffset(years=1)` is the first anniversary of `start`. Is it before "
           "`end`?"),
        N_("The days left over are `(end - first_anniversary).days`."),
        N_("Answer with a pair in brackets: `years_days = (years, days)`."),
    ],
    solution=(
        "first_anniversary = start + pd.DateOffset(years=1)\n"
        "years_days = (1, (end - first_anniversary).days)"
    ),
)
