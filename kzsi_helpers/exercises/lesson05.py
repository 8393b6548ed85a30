"""Exercises for lesson 05, *Economic ties: Kazakhstan's trade with Slovenia in numbers*.

Every expected answer is computed from ``data/`` when the answer is checked, so the questions stay
right if the data are corrected. No message ever states the expected value.

- ``q1`` ``turnover_2023_million``: one value from the table, in million US dollars (blanks);
- ``q2`` ``deficit_year``: the year of Kazakhstan's largest deficit with Slovenia (blank);
- ``q3`` ``turnover_change_pct``: change in turnover, 2019 to 2023, in per cent;
- ``q4`` ``my_ax``: a line chart of one's own (defined in
  :mod:`kzsi_helpers.exercises.lesson05_charts`, with the alt texts of the lesson's charts).

The number helpers here (:func:`number_or_none`, :func:`pct_change_checker`) serve lessons 06
and 07 too.

Examples
--------
>>> from kzsi_helpers.exercises import lesson05 as ex
>>> ex.q1.check().status
'not attempted'
>>> ex.q2.check(1995).message
'That year is not in the table: pick one of the years in `trade_kz`.'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.exercises.lesson05_charts import q4
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["q1", "q2", "q3", "q4", "number_or_none", "not_a_number", "pct_change_checker"]


# ---- reading the data (at check time) and reading numbers -----------------------------------


def _kz_value(column: str, year: int) -> float:
    table = load("trade_kz")
    return float(table.loc[table["year"] == year, column].item())


def number_or_none(value: Any) -> float | None:
    """Return an answer as a float, or None if it is not a number (a bool, a list, NaN, text).

    Text that is only a number (``"2023"``, ``" 46.5 "``) counts as text: the lessons ask for a
    number, and :func:`not_a_number` says so.

    Examples
    --------
    >>> number_or_none(3), number_or_none("3"), number_or_none(True)
    (3.0, None, None)
    """
    if isinstance(value, (bool, str)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def not_a_number(value: Any) -> Verdict:
    """Return the verdict for an answer that is not a number: it says what kind of value is wanted.

    Examples
    --------
    >>> not_a_number("12 %").message
    'Your answer should be a number, not text (no quotes, no % sign).'
    """
    if isinstance(value, str):
        return Verdict(False, _("Your answer should be a number, not text (no quotes, no % sign)."))
    return Verdict(False, _("Your answer should be a single number."))


# ---- q1: one value, in million US dollars ---------------------------------------------------


def _check_turnover_2023(value: Any) -> Verdict:
    number = number_or_none(value)
    if number is None:
        return not_a_number(value)
    table = load("trade_kz")
    expected = _kz_value("turnover", 2023) / 1000
    if abs(number - expected) <= 0.051:  # rounded to one decimal is fine
        return Verdict(True, _("Right: the value in thousand US dollars, divided by 1,000."))
    if abs(number - expected * 1000) <= 51:
        return Verdict(False, _("That is still in thousand US dollars: divide by 1,000 for million."))
    for column in ("kz_exports_to_si", "kz_imports_from_si"):
        value_2023 = _kz_value(column, 2023)
        if abs(number - value_2023 / 1000) <= 0.051 or abs(number - value_2023) <= 51:
            return Verdict(False, _("That is one of the two flows: the turnover is in the column "
                                    "`turnover`."))
    for turnover in table["turnover"].to_numpy(float):
        if abs(number - turnover / 1000) <= 0.051 or abs(number - turnover) <= 51:
            return Verdict(False, _("That is the turnover of another year: check the year in your "
                                    "filter."))
    return Verdict(False, _("Keep the row of 2023, take its `turnover`, then divide by 1,000."))


q1 = Question(
    var="turnover_2023_million",
    checker=_check_turnover_2023,
    hints=[
        N_("The first blank is the year you want; the second turns thousands into millions."),
        N_("There are 1,000 thousands in a million: divide by 1000."),
    ],
    solution=("turnover_2023_million = trade_kz.loc[trade_kz['year'] == 2023, 'turnover']"
              ".item() / 1000"),
)


# ---- q2: the largest deficit ----------------------------------------------------------------


def _check_deficit_year(value: Any) -> Verdict:
    table = load("trade_kz")
    balance = (table["kz_exports_to_si"] - table["kz_imports_from_si"]).to_numpy(float)
    years = [int(y) for y in table["year"]]
    text = str(value).strip() if isinstance(value, str) else ""
    number = float(text) if text.isdigit() else number_or_none(value)
    if number is None:
        return Verdict(False, _("Answer with a year, as a number."))
    if not float(number).is_integer() or not 1000 <= number <= 2999:
        return Verdict(False, _("Give the year, not the size of the deficit: read the `year` "
                                "column of that row."))
    if int(number) not in years:
        return Verdict(False, _("That year is not in the table: pick one of the years in `trade_kz`."))
    if int(number) == years[int(balance.argmin())]:
        return Verdict(True, _("Right: in that year Kazakhstan's imports exceeded its exports by "
                               "the widest margin."))
    if int(number) == years[int(balance.argmax())]:
        return Verdict(False, _("That is the year of the *smallest* deficit (`idxmax`). The largest "
                                "deficit is the most negative balance."))
    return Verdict(False, _("The largest deficit is the most negative balance: use `idxmin()` on "
                            "`balance`."))


q2 = Question(
    var="deficit_year",
    checker=_check_deficit_year,
    hints=[
        N_("A deficit is a negative balance. The largest deficit is the most negative value."),
        N_("`idxmax()` finds the row of the largest value; its partner finds the smallest."),
        N_("The blank is `idxmin`."),
    ],
    solution="deficit_year = trade_kz.loc[balance.idxmin(), 'year']",
)


# ---- q3: per-cent change (and the same checker for lesson 06) ---------------------------------


def pct_change_checker(old: Callable[[], float], new: Callable[[], float]) -> Callable[[Any], Verdict]:
    """Make a checker for a per-cent change from ``old()`` to ``new()``, with targeted messages.

    Accepted: the change rounded to two decimals or better. Recognised mistakes: the wrong sign,
    a fraction instead of a percentage, the ratio new / old, dividing by the new value.

    Examples
    --------
    >>> check = pct_change_checker(lambda: 200.0, lambda: 250.0)
    >>> check(25).correct, check(0.25).message
    (True, 'That looks like a fraction, not a percentage: multiply by 100.')
    """

    def checker(value: Any) -> Verdict:
        number = number_or_none(value)
        if number is None:
            return not_a_number(value)
        before, after = old(), new()
        expected = (after - before) / before * 100
        tolerance = max(0.006, abs(expected) * 0.001)
        if abs(number - expected) <= tolerance:
            return Verdict(True, _("Right. Per-cent change = (new - old) / old x 100."))
        if abs(number + expected) <= tolerance:
            return Verdict(False, _("Check the sign: did the value go up or down between the two "
                                    "years? Subtract the old value from the new one."))
        if abs(number - expected / 100) <= tolerance / 100:
            return Verdict(False, _("That looks like a fraction, not a percentage: multiply by 100."))
        if abs(number - after / before) <= 0.0001 or abs(number - after / before * 100) <= 0.01:
            return Verdict(False, _("That is the ratio new / old. The change is that ratio minus 1 "
                                    "(or minus 100 %)."))
        if abs(number - (after - before) / after * 100) <= tolerance:
            return Verdict(False, _("Divide by the old (earlier) value, not the new one."))
        if round(number, 1) == round(expected, 1) or round(number) == round(expected):
            return Verdict(False, _("Close, but you rounded too much: keep at least two decimals."))
        return Verdict(False, _("Check the two years you picked and the formula "
                                "(new - old) / old x 100."))

    return checker


def _turnover(year: int) -> Callable[[], float]:
    def value() -> float:
        return _kz_value("turnover", year)

    return value


q3 = Question(
    var="turnover_change_pct",
    checker=pct_change_checker(_turnover(2019), _turnover(2023)),
    hints=[
        N_("Take the turnover of 2019 (the old value) and of 2023 (the new value), as in "
           "Exercise 1."),
        N_("Per-cent change = (new - old) / old * 100."),
        N_("The answer is very small: keep at least two decimals."),
    ],
    solution=(
        "old = trade_kz.loc[trade_kz['year'] == 2019, 'turnover'].item()\n"
        "new = trade_kz.loc[trade_kz['year'] == 2023, 'turnover'].item()\n"
        "turnover_change_pct = (new - old) / old * 100"
    ),
    explanation=N_("Turnover was almost the same in both years, although the mix changed."),
)
