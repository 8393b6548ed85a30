"""Exercises for lesson 07, *Figures in the press: quotes, partial years and what we do not know*.

Every expected answer is computed from ``data/`` when the answer is checked. No message ever
states the expected value.

- ``q1`` ``gzs``: the quotes of the Slovenian chamber of commerce, with a filter (blank);
- ``q2`` ``exyu_answer``: why one quote cannot be checked (a letter);
- ``q3`` ``gzs_exports_musd``: *Now you try*, a quoted euro figure in million US dollars;
- ``q4`` ``fixed_ax``: *Bug hunt*, fix the unit on a chart drawn by :func:`buggy_trade_chart`;
- ``q5`` (discussion): which figure should a journalist quote?

Examples
--------
>>> from kzsi_helpers.exercises import lesson07 as ex
>>> ex.q2.check("(a)").status
'correct'
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from kzsi_helpers.data.freshness import coverage_lines
from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict, letter_answer
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.exercises.lesson05 import not_a_number, number_or_none
from kzsi_helpers.exercises.lesson05_charts import label_verdict
from kzsi_helpers.i18n.formats import format_number
from kzsi_helpers.i18n.messages import N_, _

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["q1", "q2", "q3", "q4", "q5", "buggy_trade_chart", "press_chart_alt",
           "company_chart_alt", "coverage_list"]


# ---- alt texts and lists ----------------------------------------------------------------------


def press_chart_alt(press: pd.DataFrame) -> str:
    """Alt text for ``plot_press_figures``.

    Examples
    --------
    >>> press_chart_alt(load("trade_press")).startswith("Dot chart of")
    True
    """
    return _("Dot chart of {n} trade figures quoted in public, in million euros, each labelled "
             "with who gave it and when; the low-confidence quote is hollow.").format(
        n=format_number(len(press)))


def company_chart_alt(company_counts: pd.DataFrame) -> str:
    """Alt text for ``plot_company_counts``.

    Examples
    --------
    >>> company_chart_alt(load("company_counts")).startswith("One horizontal bar")
    True
    """
    counts = company_counts.set_index("category")["count"]
    return _("One horizontal bar split into {joint} joint ventures and {slovenian} wholly "
             "Slovenian companies, total {total}.").format(
        joint=format_number(counts["joint_venture"]), slovenian=format_number(counts["wholly_slovenian"]),
        total=format_number(counts["total"]))


def coverage_list() -> str:
    """How far each trade series reaches, as a Markdown list (from ``coverage_lines``).

    Examples
    --------
    >>> coverage_list().startswith("- ")
    True
    """
    return "\n".join(f"- {line}" for line in coverage_lines())


# ---- q1: a filter on the speaker ----------------------------------------------------------------


def _gzs_ids() -> set[str]:
    press = load("trade_press")
    return set(press.loc[press["speaker"].str.startswith("GZS"), "id"])


def _check_gzs(value: Any) -> Verdict:
    if not isinstance(value, pd.DataFrame):
        return Verdict(False, _("`gzs` should be a table (a DataFrame): `press[...]` with a filter "
                          "inside the brackets."))
    if "id" not in value.columns:
        return Verdict(False, _("Keep all the columns of `press` (filter the rows only)."))
    got, wanted = set(value["id"]), _gzs_ids()
    if not got:
        return Verdict(False, _("Your table is empty. `startswith` tells capital letters from small "
                          "ones: copy the start of the speaker's name exactly as the table writes it."))
    if got - wanted:
        return Verdict(False, _("Your table has quotes from other speakers: keep only the rows whose "
                          "speaker starts with the chamber's short name."))
    if wanted - got:
        return Verdict(False, _("Some of the chamber's quotes are missing: filter on the start of "
                          "the speaker's name only."))
    return Verdict(True, _("Right: the three quotes of the Slovenian chamber of commerce."))


q1 = Question(
    var="gzs",
    checker=_check_gzs,
    hints=[
        N_("Look at the `speaker` column: how does the chamber's name start?"),
        N_("The blank is the chamber's short name, in quotation marks and in capitals: \"GZS\"."),
    ],
    solution='gzs = press[press["speaker"].str.startswith("GZS")]',
)


# ---- q2: why the EX-YU quote cannot be checked ----------------------------------------------------

_Q2_WRONG = {
    "b": N_("The figure is in euros, but euros can be converted to US dollars (lesson 06). "
            "Look at the `reason` column of `press_checks()`."),
    "c": N_("This quote does state its year. Look at its `ref_year` and `reason` in "
            "`press_checks()`."),
}


def _check_exyu(value: Any) -> Verdict:
    letter = letter_answer(value)
    if letter not in ("a", "b", "c"):
        return Verdict(False, _("Answer with one of the letters a, b or c."))
    if letter == "a":
        return Verdict(True, _("Right: a part of a year cannot be compared with a whole year."))
    return Verdict(False, _(_Q2_WRONG[letter]))


q2 = Question(
    var="exyu_answer",
    checker=_check_exyu,
    hints=[N_("Find the row `exyu-2024-turnover` in the table of `press_checks()` and read its reason.")],
    solution='exyu_answer = "a"',
)


# ---- q3: a quoted figure in US dollars ------------------------------------------------------------


def _gzs_exports() -> tuple[float, int]:
    press = load("trade_press")
    row = press[press["id"] == "gzs-2018-si-exports"].iloc[0]
    year = int(re.search(r"\d{4}", row["ref_period"]).group(0))  # type: ignore[union-attr]
    return float(row["value_meur"]), year


def _check_gzs_usd(value: Any) -> Verdict:
    number = number_or_none(value)
    if number is None:
        return not_a_number(value)
    meur, year = _gzs_exports()
    rates = load("exchange_rates").set_index("year")["usd_per_eur"]
    expected = meur * float(rates[year])
    if abs(number - expected) <= 0.051:
        return Verdict(True, _("Right: million euros x US dollars per euro = million US dollars."))
    if abs(number - meur / float(rates[year])) <= 0.051:
        return Verdict(False, _("It looks as if you divided by the rate. The rate is US dollars per "
                          "euro, so euros x rate = US dollars."))
    if any(abs(number - meur * float(r)) <= 0.051 for r in rates.drop(year)):
        return Verdict(False, _("Use the rate of the year the figure probably describes: the "
                          "year in its `ref_period`."))
    if abs(number - expected * 1000) <= 51:
        return Verdict(False, _("Keep it in million US dollars: the chamber's figure is already in "
                          "millions (`value_meur`)."))
    if abs(number - meur) <= 0.051:
        return Verdict(False, _("That is still the euro figure: multiply by the exchange rate."))
    return Verdict(False, _("Take the chamber's export figure (`value_meur`) and multiply it by "
                      "the rate of the year it probably describes."))


q3 = Question(
    var="gzs_exports_musd",
    checker=_check_gzs_usd,
    hints=[
        N_("The figure is in the row `gzs-2018-si-exports`, column `value_meur` (million euros)."),
        N_("Lesson 06 converted euros the same way: euros x (US dollars per euro), with the rate "
           "of the same year from `rates`."),
    ],
    solution=(
        "meur = press.loc[press['id'] == 'gzs-2018-si-exports', 'value_meur'].item()\n"
        "rate_2018 = rates.loc[rates['year'] == 2018, 'usd_per_eur'].item()\n"
        "gzs_exports_musd = meur * rate_2018"
    ),
)


# ---- q4: bug hunt --------------------------------------------------------------------------------

_BUGGY_LABEL = N_("million US dollars")


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
    >>> buggy_trade_chart().get_ylabel()
    'million US dollars'
    """
    from matplotlib.figure import Figure

    from kzsi_helpers.trade.charts import plot_trade

    # A figure outside pyplot: Jupyter does not show it by itself; show_figure shows it.
    fig = Figure(figsize=(8.0, 4.5))
    fig.subplots_adjust(bottom=0.8 / 4.5)
    ax = plot_trade(load("trade_kz") if trade_kz is None else trade_kz, ax=fig.subplots(),
                    unit="thousand")
    ax.set_ylabel(_(_BUGGY_LABEL))  # the bug: the bars are in thousand US dollars
    return ax


def _check_fixed_axes(value: Any) -> Verdict:
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer
    from matplotlib.figure import Figure

    if isinstance(value, Figure) and len(value.axes) == 1:
        value = value.axes[0]
    if not isinstance(value, Axes):
        return Verdict(False, _("Store the chart itself (`buggy_ax`, an Axes) in `fixed_ax`, after "
                          "fixing it."))
    heights = [p.get_height() for c in value.containers if isinstance(c, BarContainer)
               for p in c.patches]
    if not heights:
        return Verdict(False, _("This chart has no bars: fix the chart `buggy_ax` instead."))
    table = load("trade_kz")
    largest = float(table[["kz_exports_to_si", "kz_imports_from_si"]].to_numpy().max())
    if math.isclose(max(heights), largest, rel_tol=1e-6):
        wanted = "thousand"
    elif math.isclose(max(heights), largest / 1000, rel_tol=1e-6):
        wanted = "million"
    else:
        return Verdict(False, _("The bars no longer match the table: start again from "
                          "`buggy_trade_chart(trade_kz)` and change only what is wrong."))
    if wanted == "thousand" and value.get_ylabel() in (_BUGGY_LABEL, _(_BUGGY_LABEL)):
        return Verdict(False, _("The chart is unchanged: compare the numbers on the y-axis with "
                          "the table, then change what is wrong."))
    wrong = label_verdict(value.get_ylabel(), wanted)
    if wrong is not None:
        return wrong
    return Verdict(True, _("Fixed: the label now matches the numbers on the bars."))


q4 = Question(
    var="fixed_ax",
    checker=_check_fixed_axes,
    hints=[
        N_("Compare the numbers on the y-axis with the numbers in `trade_kz`. What unit is the "
           "table in?"),
        N_("The table, and these bars, are in thousand US dollars. `buggy_ax.set_ylabel(\"...\")` "
           "changes the label."),
    ],
    solution=(
        "buggy_ax.set_ylabel('thousand US dollars')\n"
        "fixed_ax = buggy_ax"
    ),
    explanation=N_("A wrong unit changes a figure a thousand times: always check labels against "
                   "the data."),
)


# ---- q5: discussion -------------------------------------------------------------------------------

q5 = Question(
    var="",
    checker=None,
    hints=[
        N_("Think about who measured each figure, in what currency, for which period, and whether "
           "the period is a whole year."),
        N_("A quote without a stated year cannot be compared with a statistical series."),
    ],
    solution=N_(
        "There is no single right figure, but there are honest ways to quote one. Name the source "
        "and the reporter (Kazakhstan's statistics bureau, or Slovenia's records from Eurostat), "
        "the currency and the year. Say that the two countries' figures differ. An official "
        "series for a complete year is better than a round number from a speech, whose year is "
        "often not stated. Never compare a part of a year with a whole one. Never put euros and "
        "dollars on one axis without converting them with a named rate."
    ),
    solution_is_code=False,
)
