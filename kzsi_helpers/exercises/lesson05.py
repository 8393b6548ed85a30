"""Exercises for lesson 05, *Economic ties: trade in charts, and why two countries disagree*.

Every expected answer is computed from ``data/`` when the answer is checked, so the questions stay
right if the data are corrected. No message ever states the expected value.

- ``q1`` ``turnover_change_pct``: change in turnover, 2019 to 2023, in per cent;
- ``q2`` ``deficit_year``: the year of Kazakhstan's largest deficit with Slovenia;
- ``q3`` ``si_exports_2023_thousand_usd``: Slovenia's 2023 exports, in thousand US dollars;
- ``q4`` ``mirror_ratio_2023``: Slovenia's figure divided by Kazakhstan's, 2023;
- ``q5`` ``fixed_ax``: *Bug hunt*, fix the unit on a chart;
- ``q6`` (discussion): which figure should a journalist quote?
- ``q7`` ``si_exports_change_pct``: *Now you try*, q1's method on Slovenia's own series;
- ``q8`` ``mirror_by_year`` and ``q9`` ``my_ax``: a pandas merge and a matplotlib chart (defined in
  :mod:`kzsi_helpers.exercises.lesson05_charts`).

Examples
--------
>>> from kzsi_helpers.exercises import lesson05 as ex
>>> ex.q1.check().status
'not attempted'
>>> ex.q2.check(1995).message
'That year is not in the table: pick one of the years in trade_kz.'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.exercises.lesson05_charts import q8, q9

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "buggy_trade_chart"]


# ---- reading the data (at check time) -------------------------------------------------------


def _kz_value(column: str, year: int) -> float:
    table = load("trade_kz")
    return float(table.loc[table["year"] == year, column].item())


def _si_value(flow: str, year: int) -> float:
    table = load("trade_si")
    row = table[(table["year"] == year) & (table["flow"] == flow)]
    return float(row["value_eur"].item())


def _rate(year: int) -> float:
    table = load("exchange_rates")
    return float(table.loc[table["year"] == year, "usd_per_eur"].item())


def _number(value: Any) -> float | None:
    """Return the answer as a float, or None if it is not a number (text, a list, a bool)."""
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if isinstance(value, str) or math.isnan(number):
        return None
    return number


def _not_a_number(value: Any) -> Verdict:
    if isinstance(value, str):
        return Verdict(False, "Your answer should be a number, not text (no quotes, no % sign).")
    return Verdict(False, "Your answer should be a single number.")


# ---- q1 and q7: per-cent change -------------------------------------------------------------


def _pct_change_checker(old: Callable[[], float], new: Callable[[], float]) -> Callable[[Any], Verdict]:
    """Checker for a per-cent change from ``old()`` to ``new()``, with targeted messages."""

    def checker(value: Any) -> Verdict:
        number = _number(value)
        if number is None:
            return _not_a_number(value)
        before, after = old(), new()
        expected = (after - before) / before * 100
        tolerance = max(0.005, abs(expected) * 0.001)
        if abs(number - expected) <= tolerance:
            return Verdict(True, "Right. Per-cent change = (new - old) / old x 100.")
        if abs(number + expected) <= tolerance:
            return Verdict(False, "Check the sign: did the value go up or down between the two "
                           "years? Subtract the old value from the new one.")
        if abs(number - expected / 100) <= tolerance / 100:
            return Verdict(False, "That looks like a fraction, not a percentage: multiply by 100.")
        if abs(number - after / before) <= tolerance / 100 or abs(
            number - after / before * 100
        ) <= tolerance:
            return Verdict(False, "That is the ratio new / old. The change is that ratio minus 1 "
                           "(or minus 100 %).")
        if abs(number - (after - before) / after * 100) <= tolerance:
            return Verdict(False, "Divide by the old (earlier) value, not the new one.")
        if round(number, 1) == round(expected, 1) or round(number) == round(expected):
            return Verdict(False, "Close, but you rounded too much: keep at least two decimals.")
        return Verdict(False, "Check the two years you picked and the formula "
                       "(new - old) / old x 100.")

    return checker


q1 = Question(
    var="turnover_change_pct",
    checker=_pct_change_checker(lambda: _kz_value("turnover", 2019),
                                lambda: _kz_value("turnover", 2023)),
    hints=[
        "Take the turnover of 2019 (the old value) and of 2023 (the new value) from trade_kz.",
        "Per-cent change = (new - old) / old * 100. Select a value with "
        "trade_kz.loc[trade_kz['year'] == 2019, 'turnover'].item().",
        "The answer is very small: keep at least two decimals.",
    ],
    solution=(
        "old = trade_kz.loc[trade_kz['year'] == 2019, 'turnover'].item()\n"
        "new = trade_kz.loc[trade_kz['year'] == 2023, 'turnover'].item()\n"
        "turnover_change_pct = (new - old) / old * 100"
    ),
    explanation="Turnover was almost exactly the same in both years, although the mix changed.",
)


q7 = Question(
    var="si_exports_change_pct",
    checker=_pct_change_checker(lambda: _si_value("si_exports_to_kz", 2019),
                                lambda: _si_value("si_exports_to_kz", 2023)),
    hints=[
        "Use trade_si, the rows whose flow is 'si_exports_to_kz', years 2019 and 2023.",
        "Both years cover all twelve months (check months_covered), so they can be compared. "
        "The formula is the one from the first exercise.",
    ],
    solution=(
        "exports = trade_si[trade_si['flow'] == 'si_exports_to_kz'].set_index('year')\n"
        "old = exports.loc[2019, 'value_eur']\n"
        "new = exports.loc[2023, 'value_eur']\n"
        "si_exports_change_pct = (new - old) / old * 100"
    ),
    explanation="Slovenia's own records tell a very different story from Kazakhstan's for the "
                "same years.",
)


# ---- q2: the largest deficit ----------------------------------------------------------------


def _check_deficit_year(value: Any) -> Verdict:
    table = load("trade_kz")
    balance = (table["kz_exports_to_si"] - table["kz_imports_from_si"]).to_numpy(float)
    years = [int(y) for y in table["year"]]
    if isinstance(value, str) and value.strip().isdigit():
        number: float | None = float(value.strip())
    else:
        number = _number(value)
    if number is None:
        return Verdict(False, "Answer with a year, as a number.")
    if not float(number).is_integer() or not 1000 <= number <= 2999:
        return Verdict(False, "Give the year, not the size of the deficit.")
    year = int(number)
    if year not in years:
        return Verdict(False, "That year is not in the table: pick one of the years in trade_kz.")
    worst = years[int(balance.argmin())]
    if year == worst:
        return Verdict(True, "Right: in that year Kazakhstan's imports exceeded its exports by "
                       "the widest margin.")
    if year == years[int(balance.argmax())]:
        return Verdict(False, "That is the year with the smallest deficit. Which year is the most "
                       "negative?")
    return Verdict(False, "Compute exports minus imports for every year and find the "
                   "most negative value.")


q2 = Question(
    var="deficit_year",
    checker=_check_deficit_year,
    hints=[
        "The balance is exports minus imports. Kazakhstan has a deficit when it is negative.",
        "Make a column: balance = trade_kz['kz_exports_to_si'] - trade_kz['kz_imports_from_si'], "
        "then look for its smallest (most negative) value.",
        "idxmin() gives the row label of the smallest value; use it to read the year.",
    ],
    solution=(
        "balance = trade_kz['kz_exports_to_si'] - trade_kz['kz_imports_from_si']\n"
        "deficit_year = int(trade_kz.loc[balance.idxmin(), 'year'])"
    ),
)


# ---- q3 and q4: converting and comparing ----------------------------------------------------


def _check_conversion(value: Any) -> Verdict:
    number = _number(value)
    if number is None:
        return _not_a_number(value)
    eur = _si_value("si_exports_to_kz", 2023)
    rate = _rate(2023)
    expected = eur * rate / 1000
    tolerance = expected * 0.0005
    if abs(number - expected) <= tolerance:
        return Verdict(True, "Right: euros times US dollars per euro gives US dollars, and "
                       "dividing by 1,000 gives thousand US dollars.")
    if abs(number - expected * 1000) <= tolerance * 1000:
        return Verdict(False, "Check the unit: the answer should be in thousand US dollars, like "
                       "Kazakhstan's table.")
    if abs(number - expected / 1000) <= tolerance / 1000:
        return Verdict(False, "Check the unit: that is million, not thousand US dollars.")
    if abs(number - eur / rate / 1000) <= tolerance or abs(number - eur / rate) <= tolerance * 1000:
        return Verdict(False, "It looks as if you divided by the rate. The rate is US dollars per "
                       "euro, so euros x rate = US dollars.")
    rates = load("exchange_rates")
    for other in rates["usd_per_eur"].to_numpy(float):
        if other != rate and abs(number - eur * other / 1000) <= tolerance:
            return Verdict(False, "Use the average rate of the same year as the trade figure.")
    if abs(number - eur / 1000) <= tolerance:
        return Verdict(False, "You changed the unit but did not convert the currency: multiply "
                       "by the exchange rate too.")
    return Verdict(False, "Take Slovenia's 2023 exports in euros, multiply by the 2023 "
                   "rate, then divide by 1,000.")


q3 = Question(
    var="si_exports_2023_thousand_usd",
    checker=_check_conversion,
    hints=[
        "You need two numbers: Slovenia's exports to Kazakhstan in 2023 (trade_si, in euros) and "
        "the 2023 rate (rates, US dollars per euro).",
        "euros x (US dollars per euro) = US dollars. Then divide by 1,000 for thousand US dollars.",
    ],
    solution=(
        "eur = trade_si.loc[(trade_si['year'] == 2023) & "
        "(trade_si['flow'] == 'si_exports_to_kz'), 'value_eur'].item()\n"
        "usd_per_eur = rates.loc[rates['year'] == 2023, 'usd_per_eur'].item()\n"
        "si_exports_2023_thousand_usd = eur * usd_per_eur / 1000"
    ),
)


def _check_ratio(value: Any) -> Verdict:
    number = _number(value)
    if number is None:
        return _not_a_number(value)
    si = _si_value("si_exports_to_kz", 2023) * _rate(2023) / 1000
    kz = _kz_value("kz_imports_from_si", 2023)
    expected = si / kz
    tolerance = 0.005
    if abs(number - expected) <= tolerance:
        return Verdict(True, "Right. A ratio of 1 would mean the two countries agree.")
    if abs(number - 1 / expected) <= tolerance:
        return Verdict(False, "You divided the other way round: put Slovenia's figure on top.")
    if abs(number - (expected - 1) * 100) <= 0.5 or abs(number - expected * 100) <= 0.5:
        return Verdict(False, "Give the ratio as a plain number (like 1.2), not a percentage.")
    if abs(number - _si_value("si_exports_to_kz", 2023) / 1000 / kz) <= tolerance:
        return Verdict(False, "Convert Slovenia's euros to US dollars first (the previous "
                       "exercise), then divide.")
    return Verdict(False, "Divide Slovenia's figure in thousand US dollars by "
                   "Kazakhstan's imports from Slovenia in the same year.")


q4 = Question(
    var="mirror_ratio_2023",
    checker=_check_ratio,
    hints=[
        "Both numbers must be in the same unit: use your answer to the previous exercise.",
        "Kazakhstan's side of the same flow is its imports from Slovenia (kz_imports_from_si), "
        "2023. Divide Slovenia's figure by Kazakhstan's.",
    ],
    solution=(
        "kz = trade_kz.loc[trade_kz['year'] == 2023, 'kz_imports_from_si'].item()\n"
        "mirror_ratio_2023 = si_exports_2023_thousand_usd / kz"
    ),
)


# ---- q5: bug hunt ---------------------------------------------------------------------------


def buggy_trade_chart(trade_kz: pd.DataFrame | None = None) -> Axes:
    """Draw Kazakhstan's trade chart with a bug to find: the unit on the y-axis is wrong.

    The bars show the figures as published, in **thousand** US dollars, but the axis says
    *million*. The student's task is to spot it and fix the label (or the bars).

    Parameters
    ----------
    trade_kz : pandas.DataFrame, optional
        The table from ``load("trade_kz")`` (default: load it).

    Returns
    -------
    matplotlib.axes.Axes
        The chart, with its mislabelled y-axis.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = buggy_trade_chart()
    >>> ax.get_ylabel()
    'million US dollars'
    """
    from matplotlib.figure import Figure

    from kzsi_helpers.trade.charts import plot_trade

    # A figure outside pyplot: Jupyter does not show it by itself, so the student's fixed chart
    # is shown once, with show_figure.
    fig = Figure(figsize=(8.0, 4.5))
    fig.subplots_adjust(bottom=0.8 / 4.5)
    ax = plot_trade(load("trade_kz") if trade_kz is None else trade_kz, ax=fig.subplots(),
                    unit="thousand")
    ax.set_ylabel("million US dollars")  # the bug: the bars are in thousand US dollars
    return ax


def _check_fixed_axes(value: Any) -> Verdict:
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer

    if not isinstance(value, Axes):
        return Verdict(False, "Assign the chart itself (the Axes that buggy_trade_chart() "
                       "returns) to the variable, after fixing it.")
    heights = [p.get_height() for c in value.containers if isinstance(c, BarContainer)
               for p in c.patches]
    if not heights:
        return Verdict(False, "This chart has no bars: use the chart from buggy_trade_chart().")
    table = load("trade_kz")
    largest = float(table[["kz_exports_to_si", "kz_imports_from_si"]].to_numpy().max())
    label = value.get_ylabel().lower()
    if not any(word in label for word in ("usd", "dollar", "$")):
        return Verdict(False, "The axis label should still name the currency (US dollars).")
    tallest = max(heights)
    if math.isclose(tallest, largest, rel_tol=1e-6):
        unit_ok = "thousand" in label and "million" not in label
    elif math.isclose(tallest, largest / 1000, rel_tol=1e-6):
        unit_ok = "million" in label and "thousand" not in label
    else:
        return Verdict(False, "The bars no longer match the table: start again from "
                       "buggy_trade_chart() and change only what is wrong.")
    if unit_ok:
        return Verdict(True, "Fixed: the label now matches the numbers on the bars.")
    return Verdict(False, "The label still does not match the bars: compare the tallest bar with "
                   "the largest value in trade_kz, and remember the table's unit.")


q5 = Question(
    var="fixed_ax",
    checker=_check_fixed_axes,
    hints=[
        "Compare the numbers on the y-axis with the numbers in trade_kz. What unit is the table in?",
        "The table (and these bars) are in thousand US dollars. "
        "fixed_ax.set_ylabel('...') changes the label.",
    ],
    solution=(
        "fixed_ax = buggy_trade_chart(trade_kz)\n"
        "fixed_ax.set_ylabel('thousand US dollars')"
    ),
    explanation="A wrong unit changes a figure a thousand times: always check labels against "
                "the data.",
)


# ---- q6: discussion -------------------------------------------------------------------------

q6 = Question(
    var="",
    checker=None,
    hints=[
        "Think about who measured each figure, in what currency, for which period, and whether "
        "the period is a whole year.",
        "A press figure without a stated year cannot be compared with a statistical series.",
    ],
    solution=(
        "There is no single right figure, but there are honest ways to quote one. Name the source "
        "and the reporter (Kazakhstan's statistics bureau or Slovenia's records via Eurostat), the "
        "currency and the year, and say that the two countries' figures differ. For the size of "
        "trade in a given year, an official statistical series for a complete year is better than a "
        "round number from a speech, whose year is often not stated. Never compare a partial year "
        "with a whole one, and never put euros and dollars on one axis without converting them "
        "with a named rate."
    ),
    solution_is_code=False,
)
