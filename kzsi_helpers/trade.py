"""Trade between Kazakhstan and Slovenia: tables and charts for lesson 03.

The charts take the DataFrames that :func:`kzsi_helpers.load` returns (``trade_kz``, ``trade_si``,
``exchange_rates``, ``trade_press``, ``company_counts``); they never read files. Each returns the
:class:`~matplotlib.axes.Axes` it drew on, with a title, units on the axes, a source line built from
the rows' ``source_ids``, Okabe-Ito colours and hatching (so that nothing depends on colour alone).

Kazakhstan's figures (Bureau of National Statistics) are in thousand US dollars; Slovenia's
(Eurostat) in euros. :func:`mirror_table` puts the two on one scale with the ECB annual average
rate of each year and keeps track of partial years (``months_covered`` < 12), which the charts
never draw as if they were complete.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from kzsi_helpers.data import DataError, require_table, split_ids
from kzsi_helpers.figures import PALETTE, add_source_line

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "DIRECTIONS",
    "UNITS",
    "trade_balance",
    "yoy_change",
    "convert_eur_to_usd",
    "mirror_table",
    "plot_trade",
    "plot_trade_balance",
    "plot_yoy",
    "plot_mirror",
    "plot_press_figures",
    "plot_company_counts",
]

#: The two directions of trade, and the column or flow that records each one on either side.
DIRECTIONS: dict[str, dict[str, str]] = {
    "si_to_kz": {
        "label": "Slovenia → Kazakhstan",
        "kz_column": "kz_imports_from_si",
        "si_flow": "si_exports_to_kz",
        "kz_words": "Kazakhstan's imports from Slovenia",
        "si_words": "Slovenia's exports to Kazakhstan",
    },
    "kz_to_si": {
        "label": "Kazakhstan → Slovenia",
        "kz_column": "kz_exports_to_si",
        "si_flow": "si_imports_from_kz",
        "kz_words": "Kazakhstan's exports to Slovenia",
        "si_words": "Slovenia's imports from Kazakhstan",
    },
}

#: Chart units: divisor applied to thousand-USD figures, and the words on the axis.
UNITS: dict[str, tuple[float, str]] = {
    "thousand": (1.0, "thousand US dollars"),
    "million": (1000.0, "million US dollars"),
}

_BNS = "Bureau of National Statistics of Kazakhstan"
_COLOURS = {
    "exports": PALETTE["blue"],
    "imports": PALETTE["orange"],
    "kz": PALETTE["blue"],
    "si": PALETTE["orange"],
    "deficit": PALETTE["vermillion"],
    "surplus": PALETTE["bluish_green"],
}
_HATCH = {"exports": "//", "imports": "", "kz": "", "si": "//", "partial": "xx"}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# ----------------------------------------------------------------------------------------------
# checks and small helpers
# ----------------------------------------------------------------------------------------------


def _require(frame: object, columns: Iterable[str], name: str) -> pd.DataFrame:
    """Check that ``frame`` is a non-empty DataFrame with ``columns``; say what is wrong if not."""
    return require_table(frame, columns, name, "kzsi_helpers.trade")


def _unit(unit: str) -> tuple[float, str]:
    if unit not in UNITS:
        raise ValueError(f"unit should be one of {', '.join(map(repr, UNITS))}, not {unit!r}")
    return UNITS[unit]


def _years(frame: pd.DataFrame, name: str) -> list[int]:
    years = [int(y) for y in frame["year"]]
    if len(set(years)) != len(years):
        raise DataError(f"{name} has the same year more than once")
    return years


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


def _fmt(value: float, decimals: int = 1) -> str:
    return f"{value:,.{decimals}f}"


def _period_words(months: int) -> str:
    return f"Jan-{_MONTHS[months - 1]} only"


# ----------------------------------------------------------------------------------------------
# tables
# ----------------------------------------------------------------------------------------------


def trade_balance(trade_kz: pd.DataFrame) -> pd.Series:
    """Kazakhstan's trade balance with Slovenia: exports minus imports, thousand USD.

    Parameters
    ----------
    trade_kz : pandas.DataFrame
        The table from ``load("trade_kz")``.

    Returns
    -------
    pandas.Series
        One value per year (index: year). Negative = Kazakhstan bought more than it sold (a deficit).

    Raises
    ------
    DataError
        If a column is missing or the table is empty.

    Examples
    --------
    >>> from kzsi_helpers import load
    >>> balance = trade_balance(load("trade_kz"))
    >>> bool((balance < 0).all())
    True
    """
    _require(trade_kz, ["year", "kz_exports_to_si", "kz_imports_from_si"], "trade_kz")
    years = _years(trade_kz, "trade_kz")
    values = trade_kz["kz_exports_to_si"].to_numpy(float) - trade_kz["kz_imports_from_si"].to_numpy(
        float
    )
    return pd.Series(values, index=pd.Index(years, name="year"), name="balance").sort_index()


def yoy_change(trade_kz: pd.DataFrame, column: str = "turnover") -> pd.Series:
    """Year-on-year change of one column, in per cent.

    Parameters
    ----------
    trade_kz : pandas.DataFrame
        The table from ``load("trade_kz")``.
    column : str, optional
        ``"turnover"`` (default), ``"kz_exports_to_si"`` or ``"kz_imports_from_si"``.

    Returns
    -------
    pandas.Series
        Per-cent change on the previous year (index: year); the first year is NaN (no previous
        year). A gap between years also gives NaN, never a change over two years.

    Raises
    ------
    DataError
        If a column is missing or the table is empty.

    Examples
    --------
    >>> import pandas as pd
    >>> toy = pd.DataFrame({"year": [2020, 2021, 2022], "turnover": [100.0, 150.0, 120.0]})
    >>> yoy_change(toy).round(1).tolist()
    [nan, 50.0, -20.0]
    """
    _require(trade_kz, ["year", column], "trade_kz")
    series = pd.Series(
        trade_kz[column].to_numpy(float),
        index=pd.Index(_years(trade_kz, "trade_kz"), name="year"),
    ).sort_index()
    full = series.reindex(range(series.index.min(), series.index.max() + 1))
    change = (full / full.shift(1) - 1.0) * 100.0
    return change.reindex(series.index).rename(f"{column}_yoy_pct")


def convert_eur_to_usd(value_eur: float, year: int, rates: pd.DataFrame) -> float:
    """Convert euros to US dollars with the annual average rate of ``year``.

    Parameters
    ----------
    value_eur : float
        An amount in euros.
    year : int
        The year whose average rate to use.
    rates : pandas.DataFrame
        The table from ``load("exchange_rates")`` (``year``, ``usd_per_eur``).

    Returns
    -------
    float
        The amount in US dollars (euros times US dollars per euro).

    Raises
    ------
    DataError
        If the rates table is malformed or has no rate for ``year``.

    Examples
    --------
    >>> import pandas as pd
    >>> rates = pd.DataFrame({"year": [2023], "usd_per_eur": [1.08]})
    >>> convert_eur_to_usd(1_000_000, 2023, rates)
    1080000.0
    """
    _require(rates, ["year", "usd_per_eur"], "exchange_rates")
    match = rates.loc[rates["year"].astype(int) == int(year), "usd_per_eur"]
    if match.empty:
        raise DataError(f"exchange_rates has no rate for {int(year)}: add that year's ECB average")
    return float(value_eur) * float(match.iloc[0])


def mirror_table(
    trade_kz: pd.DataFrame, trade_si: pd.DataFrame, rates: pd.DataFrame
) -> pd.DataFrame:
    """Put the same flows, as each country recorded them, side by side on one scale.

    Parameters
    ----------
    trade_kz : pandas.DataFrame
        Kazakhstan's records, ``load("trade_kz")`` (thousand USD).
    trade_si : pandas.DataFrame
        Slovenia's records, ``load("trade_si")`` (EUR, with ``months_covered``).
    rates : pandas.DataFrame
        ``load("exchange_rates")``: ECB annual averages, US dollars per euro.

    Returns
    -------
    pandas.DataFrame
        One row per direction and year in either table, sorted by direction then year:

        - ``direction``: ``"si_to_kz"`` or ``"kz_to_si"`` (see :data:`DIRECTIONS`);
        - ``year``;
        - ``kz_thousand_usd``: Kazakhstan's figure (NaN where it has none);
        - ``si_eur``: Slovenia's figure in euros (NaN where it has none);
        - ``months_covered``, ``period``: how much of the year Slovenia's figure covers;
        - ``partial``: True if it covers less than 12 months;
        - ``usd_per_eur``: the rate used (NaN where there is no Slovenian figure);
        - ``si_thousand_usd``: Slovenia's figure converted to thousand USD;
        - ``si_to_kz_ratio``: Slovenia's converted figure divided by Kazakhstan's, only where both
          exist and the year is complete (NaN otherwise: a partial year is not compared).

    Raises
    ------
    DataError
        If a table is empty, misses a column, or a Slovenian year has no exchange rate.

    Examples
    --------
    >>> from kzsi_helpers import load
    >>> table = mirror_table(load("trade_kz"), load("trade_si"), load("exchange_rates"))
    >>> sorted(set(table["direction"]))
    ['kz_to_si', 'si_to_kz']
    >>> bool(table.loc[table["partial"], "si_to_kz_ratio"].isna().all())
    True
    """
    _require(trade_kz, ["year", "kz_exports_to_si", "kz_imports_from_si"], "trade_kz")
    _require(trade_si, ["year", "flow", "value_eur", "months_covered", "period"], "trade_si")
    _require(rates, ["year", "usd_per_eur"], "exchange_rates")
    _years(trade_kz, "trade_kz")
    rows = []
    for direction, spec in DIRECTIONS.items():
        kz = {int(y): float(v) for y, v in zip(trade_kz["year"], trade_kz[spec["kz_column"]],
                                                strict=True)}
        si_rows = trade_si[trade_si["flow"] == spec["si_flow"]]
        si = {int(r.year): r for r in si_rows.itertuples(index=False)}
        if len(si) != len(si_rows):
            raise DataError(f"trade_si has the same year twice for {spec['si_flow']}")
        for year in sorted(set(kz) | set(si)):
            row: dict[str, object] = {
                "direction": direction,
                "year": year,
                "kz_thousand_usd": kz.get(year, np.nan),
                "si_eur": np.nan,
                "months_covered": pd.NA,
                "period": pd.NA,
                "partial": False,
                "usd_per_eur": np.nan,
                "si_thousand_usd": np.nan,
            }
            if year in si:
                record = si[year]
                months = int(record.months_covered)
                row.update(
                    si_eur=float(record.value_eur),
                    months_covered=months,
                    period=str(record.period),
                    partial=months < 12,
                    usd_per_eur=convert_eur_to_usd(1.0, year, rates),
                    si_thousand_usd=convert_eur_to_usd(float(record.value_eur), year, rates)
                    / 1000.0,
                )
            rows.append(row)
    table = pd.DataFrame(rows)
    table["months_covered"] = table["months_covered"].astype("Int64")
    table["period"] = table["period"].astype("string")
    table["partial"] = table["partial"].astype(bool)
    ratio = table["si_thousand_usd"] / table["kz_thousand_usd"]
    table["si_to_kz_ratio"] = ratio.where(~table["partial"])
    return table.reset_index(drop=True)


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
               hatch=_HATCH["imports"], label="Imports from Slovenia")
        ax.bar(x, exports, width=0.6, bottom=imports, color=_COLOURS["exports"],
               edgecolor="black", hatch=_HATCH["exports"], label="Exports to Slovenia")
        for xi, top, value in zip(x, np.maximum(turnover, imports + exports), turnover,
                                  strict=True):
            ax.annotate(f"{_fmt(value, decimals)}", (xi, top), xytext=(0, 3),
                        textcoords="offset points", ha="center", va="bottom", fontsize=8,
                        gid="turnover-label")
        ax.set_title("Kazakhstan's trade with Slovenia (Kazakh statistics)\n"
                     "imports + exports = turnover (number above each bar)")
    else:
        width = 0.27
        ax.bar(x - width, exports, width, color=_COLOURS["exports"], edgecolor="black",
               hatch=_HATCH["exports"], label="Exports to Slovenia")
        ax.bar(x, imports, width, color=_COLOURS["imports"], edgecolor="black",
               hatch=_HATCH["imports"], label="Imports from Slovenia")
        ax.bar(x + width, turnover, width, color="white", edgecolor="black", hatch="..",
               label="Turnover")
        ax.set_title("Kazakhstan's trade with Slovenia (Kazakh statistics)")
    ax.set_xticks(x, [str(y) for y in years])
    ax.set_xlabel("Year")
    ax.set_ylabel(words)
    ax.set_ylim(0, max(turnover.max(), (imports + exports).max()) * 1.15)
    ax.legend(loc="upper left", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    add_source_line(ax, _source_text(_BNS, data))
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
    x = np.arange(len(balance), dtype=float)
    deficit = balance.to_numpy() < 0
    ax = _axes(ax)
    colours = [_COLOURS["deficit"] if d else _COLOURS["surplus"] for d in deficit]
    bars = ax.bar(x, balance.to_numpy(), width=0.6, color=colours, edgecolor="black",
                  label="Trade balance")
    for bar, is_deficit in zip(bars, deficit, strict=True):
        bar.set_hatch("\\\\" if is_deficit else "")
    decimals = 1 if unit == "million" else 0
    for xi, value in zip(x, balance.to_numpy(), strict=True):
        ax.annotate(f"{value:+,.{decimals}f}", (xi, value), xytext=(0, -3 if value < 0 else 3),
                    textcoords="offset points", ha="center",
                    va="top" if value < 0 else "bottom", fontsize=8, gid="balance-label")
    ax.axhline(0, color="black", linewidth=0.8)
    low, high = min(balance.min(), 0.0), max(balance.max(), 0.0)
    span = high - low or 1.0
    ax.set_ylim(low - 0.15 * span, high + 0.15 * span)
    ax.set_xticks(x, [str(y) for y in balance.index])
    ax.set_xlabel("Year")
    ax.set_ylabel(f"exports minus imports, {words}")
    ax.set_title("Kazakhstan's trade balance with Slovenia\n"
                 "below zero (hatched) = deficit: Kazakhstan bought more than it sold")
    ax.spines[["top", "right"]].set_visible(False)
    add_source_line(ax, _source_text(_BNS, trade_kz))
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
        raise DataError("trade_kz needs at least two consecutive years for a year-on-year change")
    names = {"turnover": "turnover", "kz_exports_to_si": "exports to Slovenia",
             "kz_imports_from_si": "imports from Slovenia"}
    x = np.arange(len(change), dtype=float)
    ax = _axes(ax)
    bars = ax.bar(x, change.to_numpy(), width=0.6, edgecolor="black",
                  color=[_COLOURS["surplus"] if v >= 0 else _COLOURS["deficit"] for v in change],
                  label="Change on the previous year")
    for bar, value in zip(bars, change.to_numpy(), strict=True):
        bar.set_hatch("" if value >= 0 else "\\\\")
        ax.annotate(f"{value:+.1f} %", (bar.get_x() + bar.get_width() / 2, value),
                    xytext=(0, 3 if value >= 0 else -3), textcoords="offset points", ha="center",
                    va="bottom" if value >= 0 else "top", fontsize=8, gid="yoy-label")
    ax.axhline(0, color="black", linewidth=0.8)
    low, high = min(change.min(), 0.0), max(change.max(), 0.0)
    span = high - low or 1.0
    ax.set_ylim(low - 0.15 * span, high + 0.15 * span)
    ax.set_xticks(x, [str(y) for y in change.index])
    ax.set_xlabel("Year")
    ax.set_ylabel("change on the previous year, %")
    ax.set_title(f"Kazakhstan's {names.get(column, column)} with Slovenia: "
                 "change on the year before\n(falls hatched)")
    ax.spines[["top", "right"]].set_visible(False)
    add_source_line(ax, _source_text(_BNS + " (our calculation)", trade_kz))
    return ax


def plot_mirror(
    trade_kz: pd.DataFrame,
    trade_si: pd.DataFrame,
    rates: pd.DataFrame,
    ax: Axes | None = None,
    *,
    direction: Literal["si_to_kz", "kz_to_si"] = "si_to_kz",
    unit: Literal["thousand", "million"] = "million",
) -> Axes:
    """Mirror statistics: one flow of goods as Kazakhstan and as Slovenia recorded it.

    Slovenia's euro figures are converted to US dollars with the ECB annual average rate of each
    year (the chart says so). A year that Slovenia's figure covers only in part is drawn hollow and
    cross-hatched, labelled with the months it covers ("Jan-Nov only"); a year with no figure is
    marked "no data".

    Parameters
    ----------
    trade_kz, trade_si, rates : pandas.DataFrame
        ``load("trade_kz")``, ``load("trade_si")`` and ``load("exchange_rates")``.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new figure).
    direction : {"si_to_kz", "kz_to_si"}, optional
        Goods going from Slovenia to Kazakhstan (default) or the other way.
    unit : {"million", "thousand"}, optional
        Million US dollars (default) or thousand US dollars.

    Returns
    -------
    matplotlib.axes.Axes
        The chart. Bar containers are labelled ``"Kazakhstan's records ..."`` and
        ``"Slovenia's records ..."``; partial-year bars have the gid ``"partial-year"``.

    Raises
    ------
    DataError
        If a table is empty or malformed, or a year lacks an exchange rate.
    ValueError
        If ``direction`` or ``unit`` is not one of the options.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from kzsi_helpers import load
    >>> ax = plot_mirror(load("trade_kz"), load("trade_si"), load("exchange_rates"))
    >>> ax.get_ylabel()
    'million US dollars'
    >>> any(t.get_text() == "Jan-Aug only" for t in ax.texts)
    True
    >>> plt.close("all")
    """
    if direction not in DIRECTIONS:
        raise ValueError(
            f"direction should be one of {', '.join(map(repr, DIRECTIONS))}, not {direction!r}"
        )
    divisor, words = _unit(unit)
    spec = DIRECTIONS[direction]
    table = mirror_table(trade_kz, trade_si, rates)
    table = table[table["direction"] == direction].sort_values("year").reset_index(drop=True)
    x = np.arange(len(table), dtype=float)
    width = 0.38
    kz_values = table["kz_thousand_usd"].to_numpy(float) / divisor
    si_values = table["si_thousand_usd"].to_numpy(float) / divisor
    ax = _axes(ax, size=(8.5, 4.8))
    kz_bars = ax.bar(x - width / 2, np.nan_to_num(kz_values), width, color=_COLOURS["kz"],
                     edgecolor="black", hatch=_HATCH["kz"],
                     label=f"Kazakhstan's records: {spec['kz_words'].split(' ', 1)[1]} (BNS, USD)")
    si_bars = ax.bar(x + width / 2, np.nan_to_num(si_values), width, color=_COLOURS["si"],
                     edgecolor="black", hatch=_HATCH["si"],
                     label=f"Slovenia's records: {spec['si_words'].split(' ', 1)[1]} "
                           "(Eurostat, EUR converted to USD)")
    top = np.nanmax(np.concatenate([kz_values, si_values]))
    offset = 0.02 * top
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=_COLOURS["kz"], edgecolor="black", hatch=_HATCH["kz"]),
        Patch(facecolor=_COLOURS["si"], edgecolor="black", hatch=_HATCH["si"]),
    ]
    labels = [kz_bars.get_label(), si_bars.get_label()]
    partial_drawn = False
    for i, row in table.iterrows():
        for bar, value in ((kz_bars[i], kz_values[i]), (si_bars[i], si_values[i])):
            if np.isnan(value):
                bar.set_visible(False)
                bar.set_gid("no-data")
                ax.text(bar.get_x() + bar.get_width() / 2, offset, "no data", rotation=90,
                        ha="center", va="bottom", fontsize=7, color="#444444", gid="no-data")
        if bool(row["partial"]):
            bar = si_bars[i]
            bar.set_facecolor("none")
            bar.set_edgecolor(_COLOURS["si"])
            bar.set_hatch(_HATCH["partial"])
            bar.set_linestyle("--")
            bar.set_gid("partial-year")
            ax.text(bar.get_x() + bar.get_width() / 2, si_values[i] + offset,
                    _period_words(int(row["months_covered"])), ha="center", va="bottom",
                    fontsize=7, rotation=90, gid="partial-label")
            partial_drawn = True
    if partial_drawn:
        handles.append(Patch(facecolor="none", edgecolor=_COLOURS["si"], hatch=_HATCH["partial"],
                             linestyle="--"))
        labels.append("Slovenia, part of the year only (not comparable)")
    ax.legend(handles, labels, loc="upper left", frameon=False, fontsize=8)
    ax.set_ylim(0, top * 1.45)
    ax.set_xticks(x, [str(y) for y in table["year"]])
    ax.set_xlabel("Year")
    ax.set_ylabel(words)
    ax.set_title(f"Mirror statistics: {spec['label']}, as each country recorded it\n"
                 "euros converted at the ECB annual average rate of each year")
    ax.spines[["top", "right"]].set_visible(False)
    si_used = trade_si[trade_si["flow"] == spec["si_flow"]]
    rates_used = rates[rates["year"].astype(int).isin(set(si_used["year"].astype(int)))]
    add_source_line(ax, _source_text("BNS; Eurostat Comext; ECB annual averages", trade_kz,
                                     si_used, rates_used))
    return ax


def plot_press_figures(trade_press: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Figures quoted by officials and the press: one labelled dot per quote, never a line.

    Parameters
    ----------
    trade_press : pandas.DataFrame
        The table from ``load("trade_press")`` (``value_meur``, ``speaker``, ``said_on`` ...).
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        One row per quote, oldest at the top, labelled with who said it and when; the dot sits at
        the quoted value in million euros and is annotated with what it measures and for which
        period. Low-confidence quotes are hollow. No line joins the dots: they come from different
        speakers, sources and definitions.

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
    >>> ax = plot_press_figures(load("trade_press"))
    >>> ax.get_xlabel(), len(ax.lines)
    ('million euros, as quoted', 0)
    >>> plt.close("all")
    """
    columns = ["id", "ref_period", "measure", "value_meur", "speaker", "said_on",
               "said_on_start", "confidence"]
    _require(trade_press, columns, "trade_press")
    data = trade_press.sort_values(["said_on_start", "id"]).reset_index(drop=True)
    markers = {"turnover": "o", "si_exports_to_kz": "s", "si_imports_from_kz": "^"}
    words = {"turnover": "turnover", "si_exports_to_kz": "Slovenia's exports",
             "si_imports_from_kz": "Slovenia's imports"}
    colours = {"turnover": PALETTE["blue"], "si_exports_to_kz": PALETTE["orange"],
               "si_imports_from_kz": PALETTE["reddish_purple"]}
    ax = _axes(ax, size=(8.5, 0.45 * len(data) + 2.0))
    y = np.arange(len(data), dtype=float)[::-1]
    values = data["value_meur"].to_numpy(float)
    seen: set[str] = set()
    for yi, value, row in zip(y, values, data.itertuples(index=False), strict=True):
        measure, low = str(row.measure), str(row.confidence) == "low"
        colour = colours.get(measure, PALETTE["black"])
        label = words.get(measure, measure) + (", low confidence" if low else "")
        ax.scatter([value], [yi], marker=markers.get(measure, "o"), s=60, zorder=3,
                   facecolors="none" if low else colour, edgecolors=colour, linewidths=1.5,
                   label=None if label in seen else label)
        seen.add(label)
        ax.annotate(f"{value:g} m: {words.get(measure, measure)}, {row.ref_period}",
                    (value, yi), xytext=(8, 0), textcoords="offset points", fontsize=8,
                    va="center", gid="press-label")
    speakers = [str(s).split(",")[0].split(" (")[0] for s in data["speaker"]]
    ax.set_yticks(y, [f"{who}, {when}" for who, when in zip(speakers, data["said_on"],
                                                              strict=True)])
    ax.set_ylim(-0.8, len(data) - 0.2)
    ax.set_xlim(0, float(values.max()) * 1.9)
    ax.set_xlabel("million euros, as quoted")
    ax.set_title("Trade figures quoted in public: single statements, not a series")
    ax.legend(loc="upper right", frameon=False, fontsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    add_source_line(ax, _source_text("as quoted", data))
    return ax


def plot_company_counts(company_counts: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """One stacked bar: companies with Slovenian capital in Kazakhstan, by kind.

    Parameters
    ----------
    company_counts : pandas.DataFrame
        The table from ``load("company_counts")`` (categories ``joint_venture``,
        ``wholly_slovenian`` and ``total``).
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib.axes.Axes
        A horizontal bar split into joint ventures and wholly Slovenian companies, each segment
        labelled with its count; the published total is written at the end (and a mismatch with
        the parts would be pointed out on the chart).

    Raises
    ------
    DataError
        If a column or a category is missing, or the table is empty.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from kzsi_helpers import load
    >>> ax = plot_company_counts(load("company_counts"))
    >>> [c.get_label() for c in ax.containers]
    ['Joint ventures', 'Wholly Slovenian']
    >>> plt.close("all")
    """
    _require(company_counts, ["category", "count", "as_of"], "company_counts")
    counts = {str(c): int(n) for c, n in zip(company_counts["category"], company_counts["count"],
                                             strict=True)}
    for needed in ("joint_venture", "wholly_slovenian"):
        if needed not in counts:
            raise DataError(f"company_counts has no row for the category {needed!r}")
    as_of = sorted({str(v) for v in company_counts["as_of"]})
    ax = _axes(ax, size=(8.0, 2.6))
    left = 0
    for category, label, colour, hatch in (
        ("joint_venture", "Joint ventures", PALETTE["sky_blue"], "//"),
        ("wholly_slovenian", "Wholly Slovenian", PALETTE["bluish_green"], ""),
    ):
        value = counts[category]
        ax.barh([0], [value], left=left, height=0.5, color=colour, edgecolor="black", hatch=hatch,
                label=label)
        ax.text(left + value / 2, 0, f"{value}\n{label}", ha="center", va="center",
                fontsize=9, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
                gid="count-label")
        left += value
    parts = counts["joint_venture"] + counts["wholly_slovenian"]
    total = counts.get("total", parts)
    note = f"total: {total}" if total == parts else f"published total: {total} (parts add to {parts})"
    ax.text(left + 0.3, 0, note, ha="left", va="center", fontsize=10, fontweight="bold",
            gid="total-label")
    ax.set_xlim(0, max(total, parts) * 1.3)
    ax.set_ylim(-0.6, 0.8)
    ax.set_yticks([])
    ax.set_xlabel("number of companies")
    ax.set_title("Companies with Slovenian capital registered in Kazakhstan\n"
                 f"(figures published {', '.join(as_of)})")
    ax.legend(loc="upper left", ncols=2, frameon=False, fontsize=8)
    ax.spines[["top", "right", "left"]].set_visible(False)
    add_source_line(ax, _source_text("Kazinform", company_counts))
    return ax
