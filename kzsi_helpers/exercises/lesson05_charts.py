"""Lesson 05's charts: the alt texts of its charts, and the exercise where students draw their own.

- :func:`trade_chart_alt`, :func:`balance_chart_alt`, :func:`yoy_chart_alt`: the sentence a
  reader who cannot see the chart gets, worked out from the table (so no number is typed);
- :func:`label_unit` and :func:`names_us_dollars`: read an axis label the way a reader does
  (``"million US dollars"``, ``"USD m"``, ``"US$ '000"`` ...), for the chart checkers of
  lessons 05 and 07;
- ``q4`` ``my_ax``: a line chart of Kazakhstan's exports and imports, checked through the Axes
  (its lines, their data, labels, title, legend and limits), as matplotcheck does.

``q4`` is part of :mod:`kzsi_helpers.exercises.lesson05` (``ex.q4``).

Examples
--------
>>> from kzsi_helpers.exercises.lesson05_charts import label_unit, q4
>>> label_unit("USD, millions"), label_unit("US$ '000"), label_unit("Count")
('million', 'thousand', None)
>>> q4.check().status
'not attempted'
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.i18n.formats import format_number
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["q4", "trade_chart_alt", "balance_chart_alt", "yoy_chart_alt", "label_unit",
           "names_us_dollars", "label_verdict"]


# ---- alt texts --------------------------------------------------------------------------------


def _span(trade_kz: pd.DataFrame) -> dict[str, str]:
    """Return the first and the last year of the table, as placeholders ``{first}`` and ``{last}``."""
    return {"first": str(int(trade_kz["year"].min())), "last": str(int(trade_kz["year"].max()))}


def _signed(value: float) -> str:
    """Write a change with its sign and one decimal (``+80.9``, ``-31.2``), as ``:+.1f`` writes it."""
    text = format_number(value, 1)
    return text if text.startswith(("-", "\u2212")) else "+" + text


def trade_chart_alt(trade_kz: pd.DataFrame) -> str:
    """Alt text for the stacked bar chart of Kazakhstan's trade with Slovenia.

    Examples
    --------
    >>> trade_chart_alt(load("trade_kz")).startswith("Stacked bars of Kazakhstan's imports")
    True
    """
    peak = trade_kz.loc[trade_kz["turnover"].idxmax()]
    return _("Stacked bars of Kazakhstan's imports from and exports to Slovenia, {first} to "
             "{last}, million US dollars. Imports are most of every bar. Turnover is highest in "
             "{year}, at {turnover} million US dollars.").format(
        **_span(trade_kz), year=int(peak["year"]), turnover=format_number(peak["turnover"] / 1000, 1))


def balance_chart_alt(trade_kz: pd.DataFrame) -> str:
    """Alt text for the chart of the trade balance (exports minus imports).

    Examples
    --------
    >>> "below zero" in balance_chart_alt(load("trade_kz"))
    True
    """
    balance = trade_kz["kz_exports_to_si"] - trade_kz["kz_imports_from_si"]
    below = int((balance < 0).sum())
    return _("Bar chart of Kazakhstan's trade balance with Slovenia, {first} to {last}, million "
             "US dollars: {below} of {total} bars are below zero (deficits).").format(
        **_span(trade_kz), below=format_number(below), total=format_number(len(balance)))


def yoy_chart_alt(trade_kz: pd.DataFrame) -> str:
    """Alt text for the chart of the year-on-year change in turnover.

    Examples
    --------
    >>> "largest rise" in yoy_chart_alt(load("trade_kz"))
    True
    """
    change = trade_kz.set_index("year")["turnover"].pct_change().dropna() * 100
    return _("Bar chart of the change in turnover from the year before, in per cent, {first} to "
             "{last}: the largest rise is {rise} % in {rise_year}, the largest fall {fall} % in "
             "{fall_year}.").format(
        first=int(change.index.min()), last=int(change.index.max()),
        rise=_signed(change.max()), rise_year=int(change.idxmax()),
        fall=_signed(change.min()), fall_year=int(change.idxmin()))


# ---- reading an axis label --------------------------------------------------------------------

# the Slovenian, Russian and Kazakh words too (tisoč, тыс., мың, млн ...), for the translated lessons
_TOKEN = re.compile(r"'000|000s?|[a-zčšž]+|[а-яёәғқңөұүһі]+|\$|€")
_UNITS = {
    "thousand": {"thousand", "thousands", "k", "'000", "000", "000s", "kusd", "ths", "tsd",
                 "tisoč", "tisoče", "tisočih", "tisočev", "tis",
                 "тыс", "тысяча", "тысячи", "тысяч", "тысячах", "мың"},
    "million": {"million", "millions", "mln", "mn", "mio", "m", "musd", "mil",
                "milijon", "milijona", "milijoni", "milijonov", "milijonih",
                "млн", "миллион", "миллиона", "миллионы", "миллионов", "миллионах"},
    "billion": {"billion", "billions", "bn", "bln", "busd",
                "milijarda", "milijarde", "milijard", "milijardah", "mrd",
                "млрд", "миллиард", "миллиарда", "миллиардов", "миллиардтаған"},
}
#: How a message names each size unit (the keys are values used by code).
_UNIT_NAMES = {"thousand": N_("thousand"), "million": N_("million"), "billion": N_("billion")}
_DOLLARS = {"usd", "dollar", "dollars", "$", "kusd", "musd", "busd",
            "dolar", "dolarja", "dolarji", "dolarjev", "dolarjih",
            "доллар", "доллара", "долларов", "доллары", "долларах", "долларымен"}
_EUROS = {"eur", "euro", "euros", "€", "evro", "evra", "evri", "evrov", "evrih",
          "евро", "еуро"}


def _tokens(label: str) -> set[str]:
    text = str(label).casefold().replace("\u2019", "'").replace("\u2018", "'")
    return set(_TOKEN.findall(text))


def label_unit(label: str) -> str | None:
    """Say which size unit an axis label names: ``"thousand"``, ``"million"``, ``"billion"``.

    Returns None when the label names none of them, or more than one.

    Examples
    --------
    >>> [label_unit(t) for t in ["Million US$", "kUSD", "thousands of dollars", "USD"]]
    ['million', 'thousand', 'thousand', None]
    >>> [label_unit(t) for t in ["тыс. долларов США", "млн АҚШ доллары", "mio USD"]]
    ['thousand', 'million', 'million']
    """
    tokens = _tokens(label)
    found = [unit for unit, words in _UNITS.items() if tokens & words]
    return found[0] if len(found) == 1 else None


def names_us_dollars(label: str) -> bool:
    """Tell whether an axis label names US dollars (``USD``, ``US$``, ``dollars`` ...).

    Examples
    --------
    >>> names_us_dollars("USD m"), names_us_dollars("million euros")
    (True, False)
    """
    return bool(_tokens(label) & _DOLLARS)


def label_verdict(label: str, wanted: str) -> Verdict | None:
    """Check a y-axis label against the unit of the data; None when it fits.

    Examples
    --------
    >>> label_verdict("USD thousands", "thousand") is None
    True
    >>> label_verdict("million US dollars", "thousand").message.startswith("The label says")
    True
    """
    tokens = _tokens(label)
    if tokens & _EUROS and not tokens & _DOLLARS:
        return Verdict(False, _("The table is in US dollars, not euros: name US dollars on the "
                                "y-axis."))
    if not names_us_dollars(label):
        return Verdict(False, _("Name the currency on the y-axis too (US dollars), not only the "
                                "size of the unit."))
    unit = label_unit(label)
    if unit is None:
        return Verdict(False, _("Say on the y-axis whether the numbers are thousands or millions "
                                "of US dollars."))
    if unit != wanted:
        return Verdict(False, _("The label says {unit}, but the bars or lines are drawn in "
                                "another unit: compare the tallest one with the largest value in "
                                "`trade_kz`, whose figures are in thousand US dollars.").format(
            unit=_(_UNIT_NAMES[unit])))
    return None


# ---- q4: a chart of one's own -----------------------------------------------------------------


def _line_scale(line: Any, years: list[int], values: pd.Series) -> float | None:
    """Return the scale (1 or 1/1000) at which a line shows ``values`` by year, else None."""
    try:
        x = [float(v) for v in line.get_xdata()]
        y = np.asarray(line.get_ydata(), dtype=float)
    except (TypeError, ValueError):
        return None
    if x != [float(v) for v in years] or len(y) != len(values):
        return None
    for scale in (1.0, 1 / 1000):
        if np.allclose(y, values.to_numpy(dtype=float) * scale):
            return scale
    return None


def _as_axes(value: Any) -> Any:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(value, Figure) and len(value.axes) == 1:
        return value.axes[0]
    return value if isinstance(value, Axes) else None


def _check_chart(value: Any) -> Verdict:
    ax = _as_axes(value)
    if ax is None:
        return Verdict(False, _("`my_ax` should be the Axes you drew on (`fig, ax = "
                                "plt.subplots()`, then `my_ax = ax`)."))
    table = load("trade_kz").sort_values("year")
    years = [int(y) for y in table["year"]]
    found = {}
    for column in ("kz_exports_to_si", "kz_imports_from_si"):
        for line in ax.lines:
            scale = _line_scale(line, years, table[column])
            if scale is not None:
                found[column] = (line, scale)
                break
        else:
            if ax.containers:
                text = _("There is no line of `{column}` by year (your chart has bars): draw it "
                         "with `ax.plot(trade_kz[\"year\"], ...)`, one line per column.")
            else:
                text = _("There is no line of `{column}` by year (your chart has lines): draw it "
                         "with `ax.plot(trade_kz[\"year\"], ...)`, one line per column.")
            return Verdict(False, text.format(column=column))
    (first, scale), (second, other) = found.values()
    if scale != other:
        return Verdict(False, _("Draw both lines in the same unit: divide both by 1000, or neither."))
    wrong = label_verdict(ax.get_ylabel(), "thousand" if scale == 1.0 else "million")
    if wrong is not None:
        return wrong
    if not ax.get_xlabel().strip() or not ax.get_title().strip():
        return Verdict(False, _("Give the chart an x-axis label and a title."))
    legend = ax.get_legend()
    if legend is None or len([t for t in legend.get_texts() if t.get_text().strip()]) < 2:
        return Verdict(False, _("Add a legend that names both lines (`label=...` in `ax.plot`, "
                                "then `ax.legend()`)."))
    if abs(ax.get_ylim()[0]) > 1e-9:
        return Verdict(False, _("Start the y-axis at zero (`ax.set_ylim(bottom=0)`), so the "
                                "lines' heights can be compared honestly."))
    same_marker = first.get_marker() == second.get_marker()
    if same_marker and first.get_linestyle() == second.get_linestyle():
        return Verdict(False, _("Tell the two lines apart by more than colour: give them "
                                "different markers (`marker=\"o\"`) or line styles "
                                "(`linestyle=\"--\"`)."))
    return Verdict(True, _("Right: two lines with their data, labelled axes with units, a title, "
                           "a legend and a y-axis from zero."))


q4 = Question(
    var="my_ax",
    checker=_check_chart,
    hints=[
        N_("`fig, ax = plt.subplots()`, then `ax.plot(x, y, marker=\"o\", label=...)` once for "
           "exports and once for imports (with another marker)."),
        N_("Then `ax.set_xlabel(...)`, `ax.set_ylabel(\"million US dollars\")` (if you divided by "
           "1000), `ax.set_title(...)`, `ax.legend()`, `ax.set_ylim(bottom=0)`, and `my_ax = ax`."),
    ],
    solution=(
        "fig, ax = plt.subplots(figsize=(7, 3.5))\n"
        "ax.plot(trade_kz['year'], trade_kz['kz_exports_to_si'] / 1000, marker='o',\n"
        "        label='Exports to Slovenia')\n"
        "ax.plot(trade_kz['year'], trade_kz['kz_imports_from_si'] / 1000, marker='s',\n"
        "        linestyle='--', label='Imports from Slovenia')\n"
        "ax.set_xlabel('year')\n"
        "ax.set_ylabel('million US dollars')\n"
        "ax.set_title(\"Kazakhstan's exports to and imports from Slovenia\")\n"
        "ax.legend()\n"
        "ax.set_ylim(bottom=0)\n"
        "my_ax = ax"
    ),
    explanation=N_("Markers and line styles tell the two lines apart without colour."),
)
