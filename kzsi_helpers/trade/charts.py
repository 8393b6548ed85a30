"""Trade between Kazakhstan and Slovenia: the charts of Kazakhstan's statistics in lesson 05.

(The charts that compare sources, such as the two countries' statistics and the press, are in
:mod:`kzsi_helpers.trade.compare`; they share the helpers here.)

The charts take the DataFrames that :func:`kzsi_helpers.load` returns (``trade_kz``, ``trade_si``,
``exchange_rates``, ``trade_press``, ``company_counts``); they never read files. Each returns the
:class:`~matplotlib.axes.Axes` it drew on, with a title, units on the axes, a source line built from
the rows' ``source_ids``, Okabe-Ito colours and hatching (so that nothing depends on colour alone).
Partial years (``months_covered`` < 12) are never drawn as if they were complete. The tables they
draw come from :mod:`kzsi_helpers.trade.tables`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from kzsi_helpers.charts.figures import PALETTE, add_source_line, number_ticks
from kzsi_helpers.data.errors import DataError
from kzsi_helpers.data.freshness import MONTH_ABBREVIATIONS, period_words
from kzsi_helpers.data.rules import split_ids
from kzsi_helpers.i18n.formats import decimal_separator, format_number
from kzsi_helpers.i18n.messages import N_, _
from kzsi_helpers.trade.tables import _require, _unit, _years, trade_balance, yoy_change

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_trade", "plot_trade_balance", "plot_yoy"]

_BNS = N_("Bureau of National Statistics of Kazakhstan")
_COLOURS = {
    "exports": PALETTE["blue"],
    "imports": PALETTE["orange"],
    "kz": PALETTE["blue"],
    "si": PALETTE["orange"],
    "deficit": PALETTE["vermillion"],
    "surplus": PALETTE["bluish_green"],
}
_HATCH = {"exports": "//", "imports": "", "kz": "", "si": "//", "partial": "xx"}
#: The title of the year-on-year chart of each column (English; shown through ``_()``). The
#: English of the exports and imports titles says "Slovenia" twice, as the course always has.
_YOY_TITLES = {
    "turnover": N_("Kazakhstan's turnover with Slovenia: change on the year before\n(falls hatched)"),
    "kz_exports_to_si": N_("Kazakhstan's exports to Slovenia with Slovenia: change on the year "
                           "before\n(falls hatched)"),
    "kz_imports_from_si": N_("Kazakhstan's imports from Slovenia with Slovenia: change on the year "
                             "before\n(falls hatched)"),
}


# ----------------------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------------------


def _source_text(prefix: str, *frames: pd.DataFrame) -> str:
    """``prefix [id1; id2]`` with the ids found in the frames' ``source_ids`` columns."""
    ids: list[str] = []
    for frame in frames:
        if "source_ids" not in frame.columns:
            continue
        for cell in frame["source_ids"].dropna():
            for source_id in split_ids(cell):
                if source_id not in ids:
                    ids.append(source_id)
    return f"{prefix} [{'; '.join(ids)}]" if ids else prefix


def _axes(ax: Axes | None, size: tuple[float, float] = (8.0, 4.5)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    fig, new_ax = plt.subplots(figsize=size)
    # room under the x-axis label for the source line
    fig.subplots_adjust(bottom=0.8 / size[1])
    return new_ax


def _up_down_bars(ax: Axes, values: pd.Series, label: str, text: Callable[[float], str],
                  gid: str) -> None:
    """One bar per index value (a year): rises plain green, falls hatched red, each labelled.

    Draws the zero line and leaves room above and below for the labels; sets the x ticks to the
    index. Used by the balance and the year-on-year charts.
    """
    x = np.arange(len(values), dtype=float)
    numbers = values.to_numpy(float)
    falls = numbers < 0
    bars = ax.bar(x, numbers, width=0.6, edgecolor="black", label=label,
                  color=[_COLOURS["deficit"] if f else _COLOURS["surplus"] for f in falls])
    for bar, xi, value, fall in zip(bars, x, numbers, falls, strict=True):
        bar.set_hatch("\\\\" if fall else "")
        ax.annotate(text(value), (xi, value), xytext=(0, -3 if fall else 3),
                    textcoords="offset points", ha="center", va="top" if fall else "bottom",
                    fontsize=8, gid=gid)
    ax.axhline(0, color="black", linewidth=0.8)
    low, high = min(numbers.min(), 0.0), max(numbers.max(), 0.0)
    span = high - low or 1.0
    ax.set_ylim(low - 0.15 * span, high + 0.15 * span)
    ax.set_xticks(x, [str(y) for y in values.index])
    number_ticks(ax)


def _signed(value: float, decimals: int) -> str:
    """``+1,234.5`` / ``-1,234.5``: the number with its sign, as the language writes numbers."""
    text = format_number(value, decimals)
    return text if text.startswith(("-", "\N{MINUS SIGN}")) else "+" + text


def _percent_change(value: float) -> str:
    """``+12.3 %`` (no thousands separator), with the language's decimal separator."""
    return f"{value:+.1f} %".replace(".", decimal_separator())


def _period_words(months: int) -> str:
    period = period_words(f"Jan-{MONTH_ABBREVIATIONS[months - 1]}")
    return _("{period} only").format(period=period)


# ----------------------------------------------------------------------------------------------
# charts
# ----------------------------------------------------------------------------------------------


def plot_trade(
    trade_kz: pd.DataFrame,
    ax: Axes | None = None,
    *,
    unit: Literal["thousand", "million"] = "million",
    stacked: bool = True,
) -> Axes:
    """Bar chart of Kazakhstan's exports to and imports from Slovenia, with the turnover.

    Parameters
    ----------
    trade_kz : pandas.DataFrame
        The table from ``load("trade_kz")`` (thousand USD).
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new figure).
    unit : {"million", "thousand"}, optional
        Show million US dollars (default) or thousand US dollars, as published.
    stacked : bool, optional
        Stack exports on imports (default; the stack's height is the turnover, written above it)
        or draw three bars per year side by side (exports, imports, turnover).

    Returns
    -------
    matplotlib.axes.Axes
        The chart. Its bar containers are labelled ``"Exports to Slovenia"``,
        ``"Imports from Slovenia"`` (and ``"Turnover"`` when not stacked).

    Raises
    ------
    DataError
        If a column is missing or the table is empty.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from kzsi_helpers import load
    >>> ax = plot_trade(load("trade_kz"))
    >>> ax.get_ylabel()
    'million US dollars'
    >>> [c.get_label() for c in ax.containers]
    ['Imports from Slovenia', 'Exports to Slovenia']
    >>> plt.close("all")
    """
    columns = ["year", "kz_exports_to_si", "kz_imports_from_si", "turnover"]
    _require(trade_kz, columns, "trade_kz")
    divisor, words = _unit(unit)
    data = trade_kz.sort_values("year")
    years = _years(data, "trade_kz")
    x = np.arange(len(years), dtype=float)
    exports = data["kz_exports_to_si"].to_numpy(float) / divisor
    imports = data["kz_imports_from_si"].to_numpy(float) / divisor
    turnover = data["turnover"].to_numpy(float) / divisor
    decimals = 1 if unit == "million" else 0
    ax = _axes(ax)
    if stacked:
        ax.bar(x, imports, width=0.6, color=_COLOURS["imports"], edgecolor="black",
               hatch=_HATCH["imports"], label=_("Imports from Slovenia"))
        ax.bar(x, exports, width=0.6, bottom=imports, color=_COLOURS["exports"],
               edgecolor="black", hatch=_HATCH["exports"], label=_("Exports to Slovenia"))
        for xi, top, value in zip(x, np.maximum(turnover, imports + exports), turnover,
                                  strict=True):
            ax.annotate(format_number(value, decimals), (xi, top), xytext=(0, 3),
                        textcoords="offset points", ha="center", va="bottom", fontsize=8,
                        gid="turnover-label")
        ax.set_title(_("Kazakhstan's trade with Slovenia (Kazakh statistics)\n"
                       "imports + exports = turnover (number above each bar)"))
    else:
        width = 0.27
        ax.bar(x - width, exports, width, color=_COLOURS["exports"], edgecolor="black",
               hatch=_HATCH["exports"], label=_("Exports to Slovenia"))
        ax.bar(x, imports, width, color=_COLOURS["imports"], edgecolor="black",
               hatch=_HATCH["imports"], label=_("Imports from Slovenia"))
        ax.bar(x + width, turnover, width, color="white", edgecolor="black", hatch="..",
               label=_("Turnover"))
        ax.set_title(_("Kazakhstan's trade with Slovenia (Kazakh statistics)"))
    ax.set_xticks(x, [str(y) for y in years])
    ax.set_xlabel(_("Year"))
    ax.set_ylabel(_(words))
    number_ticks(ax)
    ax.set_ylim(0, max(turnover.max(), (imports + exports).max()) * 1.15)
    ax.legend(loc="upper left", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    add_source_line(ax, _source_text(_(_BNS), data))
    return ax


def plot_trade_balance(
    trade_kz: pd.DataFrame,
    ax: Axes | None = None,
    *,
    unit: Literal["thousand", "million"] = "million",
) -> Axes:
    """Bar chart of Kazakhstan's trade balance with Slovenia (exports minus imports).

    Parameters
    ----------
    trade_kz : pandas.DataFrame
        The table from ``load("trade_kz")`` (thousand USD).
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new figure).
    unit : {"million", "thousand"}, optional
        Million US dollars (default) or thousand US dollars.

    Returns
    -------
    matplotlib.axes.Axes
        The chart: one bar per year, below zero for a deficit (hatched, labelled with its value).

    Raises
    ------
    DataError
        If a column is missing or the table is empty.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from kzsi_helpers import load
    >>> ax = plot_trade_balance(load("trade_kz"))
    >>> ax.get_ylabel()
    'exports minus imports, million US dollars'
    >>> plt.close("all")
    """
    divisor, words = _unit(unit)
    balance = trade_balance(trade_kz) / divisor
    ax = _axes(ax)
    decimals = 1 if unit == "million" else 0
    _up_down_bars(ax, balance, _("Trade balance"), lambda v: _signed(v, decimals),
                  "balance-label")
    ax.set_xlabel(_("Year"))
    ax.set_ylabel(_("exports minus imports, {unit}").format(unit=_(words)))
    ax.set_title(_("Kazakhstan's trade balance with Slovenia\n"
                   "below zero (hatched) = deficit: Kazakhstan bought more than it sold"))
    ax.spines[["top", "right"]].set_visible(False)
    add_source_line(ax, _source_text(_(_BNS), trade_kz))
    return ax


def plot_yoy(trade_kz: pd.DataFrame, column: str = "turnover", ax: Axes | None = None) -> Axes:
    """Bar chart of the year-on-year change of one column, in per cent.

    Parameters
    ----------
    trade_kz : pandas.DataFrame
        The table from ``load("trade_kz")``.
    column : str, optional
        ``"turnover"`` (default), ``"kz_exports_to_si"`` or ``"kz_imports_from_si"``.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        One bar per year that has a previous year (rises plain, falls hatched, each labelled).

    Raises
    ------
    DataError
        If a column is missing or the table has fewer than two years.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from kzsi_helpers import load
    >>> ax = plot_yoy(load("trade_kz"))
    >>> ax.get_ylabel()
    'change on the previous year, %'
    >>> plt.close("all")
    """
    change = yoy_change(trade_kz, column).dropna()
    if change.empty:
        raise DataError(_("trade_kz needs at least two consecutive years for a year-on-year "
                          "change"))
    ax = _axes(ax)
    _up_down_bars(ax, change, _("Change on the previous year"), _percent_change, "yoy-label")
    ax.set_xlabel(_("Year"))
    ax.set_ylabel(_("change on the previous year, %"))
    title = (_(_YOY_TITLES[column]) if column in _YOY_TITLES else
             _("Kazakhstan's {column} with Slovenia: change on the year before\n"
               "(falls hatched)").format(column=column))
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    add_source_line(ax, _source_text(_("Bureau of National Statistics of Kazakhstan "
                                       "(our calculation)"), trade_kz))
    return ax
