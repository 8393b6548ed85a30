"""Trade between Kazakhstan and Slovenia: the charts of lessons 06 and 07 that compare sources.

:func:`plot_mirror` sets the two countries' statistics side by side, :func:`plot_press_figures` the
figures the press reported, :func:`plot_company_counts` the counts of companies. Like the other
charts (:mod:`kzsi_helpers.trade.charts`, whose helpers they share), they take DataFrames, never
read files, and return the Axes they drew on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from kzsi_helpers.charts.figures import PALETTE, add_source_line, number_ticks
from kzsi_helpers.data.errors import DataError
from kzsi_helpers.data.freshness import stored_date
from kzsi_helpers.i18n.formats import decimal_separator
from kzsi_helpers.i18n.messages import N_, _
from kzsi_helpers.trade.charts import _COLOURS, _HATCH, _axes, _period_words, _source_text
from kzsi_helpers.trade.tables import DIRECTIONS, _require, _unit, mirror_table

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_mirror", "plot_press_figures", "plot_company_counts"]

#: The legend of each country's bars in :func:`plot_mirror`, by direction (English; shown
#: through ``_()``).
_MIRROR_LEGENDS = {
    "si_to_kz": (N_("Kazakhstan's records: imports from Slovenia (BNS, USD)"),
                 N_("Slovenia's records: exports to Kazakhstan (Eurostat, EUR converted to USD)")),
    "kz_to_si": (N_("Kazakhstan's records: exports to Slovenia (BNS, USD)"),
                 N_("Slovenia's records: imports from Kazakhstan (Eurostat, EUR converted to USD)")),
}
#: What each press figure measures, in words (English; shown through ``_()``).
_MEASURES = {"turnover": N_("turnover"), "si_exports_to_kz": N_("Slovenia's exports"),
             "si_imports_from_kz": N_("Slovenia's imports")}


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
        raise ValueError(_("direction should be one of {directions}, not {direction}").format(
            directions=", ".join(map(repr, DIRECTIONS)), direction=repr(direction)))
    divisor, words = _unit(unit)
    spec = DIRECTIONS[direction]
    table = mirror_table(trade_kz, trade_si, rates)
    table = table[table["direction"] == direction].sort_values("year").reset_index(drop=True)
    x = np.arange(len(table), dtype=float)
    width = 0.38
    kz_values = table["kz_thousand_usd"].to_numpy(float) / divisor
    si_values = table["si_thousand_usd"].to_numpy(float) / divisor
    ax = _axes(ax, size=(8.5, 4.8))
    kz_label, si_label = (_(text) for text in _MIRROR_LEGENDS[direction])
    kz_bars = ax.bar(x - width / 2, np.nan_to_num(kz_values), width, color=_COLOURS["kz"],
                     edgecolor="black", hatch=_HATCH["kz"], label=kz_label)
    si_bars = ax.bar(x + width / 2, np.nan_to_num(si_values), width, color=_COLOURS["si"],
                     edgecolor="black", hatch=_HATCH["si"], label=si_label)
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
                ax.text(bar.get_x() + bar.get_width() / 2, offset, _("no data"), rotation=90,
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
        labels.append(_("Slovenia, part of the year only (not comparable)"))
    ax.legend(handles, labels, loc="upper left", frameon=False, fontsize=8)
    ax.set_ylim(0, top * 1.45)
    ax.set_xticks(x, [str(y) for y in table["year"]])
    ax.set_xlabel(_("Year"))
    ax.set_ylabel(_(words))
    number_ticks(ax)
    ax.set_title(_("Mirror statistics: {direction}, as each country recorded it\n"
                   "euros converted at the ECB annual average rate of each year").format(
                       direction=_(spec["label"])))
    ax.spines[["top", "right"]].set_visible(False)
    si_used = trade_si[trade_si["flow"] == spec["si_flow"]]
    rates_used = rates[rates["year"].astype(int).isin(set(si_used["year"].astype(int)))]
    add_source_line(ax, _source_text(_("BNS; Eurostat Comext; ECB annual averages"), trade_kz,
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
    colours = {"turnover": PALETTE["blue"], "si_exports_to_kz": PALETTE["orange"],
               "si_imports_from_kz": PALETTE["reddish_purple"]}
    ax = _axes(ax, size=(8.5, 0.45 * len(data) + 2.0))
    y = np.arange(len(data), dtype=float)[::-1]
    values = data["value_meur"].to_numpy(float)
    seen: set[str] = set()
    for yi, value, row in zip(y, values, data.itertuples(index=False), strict=True):
        measure, low = str(row.measure), str(row.confidence) == "low"
        colour = colours.get(measure, PALETTE["black"])
        what = _(_MEASURES[measure]) if measure in _MEASURES else measure
        label = _("{measure}, low confidence").format(measure=what) if low else what
        ax.scatter([value], [yi], marker=markers.get(measure, "o"), s=60, zorder=3,
                   facecolors="none" if low else colour, edgecolors=colour, linewidths=1.5,
                   label=None if label in seen else label)
        seen.add(label)
        quoted = f"{value:g}".replace(".", decimal_separator())
        ax.annotate(_("{value} m: {measure}, {period}").format(value=quoted, measure=what,
                                                               period=row.ref_period),
                    (value, yi), xytext=(8, 0), textcoords="offset points", fontsize=8,
                    va="center", gid="press-label")
    speakers = [str(s).split(",")[0].split(" (")[0] for s in data["speaker"]]
    ax.set_yticks(y, [f"{who}, {when}" for who, when in zip(speakers, data["said_on"],
                                                              strict=True)])
    ax.set_ylim(-0.8, len(data) - 0.2)
    ax.set_xlim(0, float(values.max()) * 1.9)
    ax.set_xlabel(_("million euros, as quoted"))
    number_ticks(ax, "x")
    ax.set_title(_("Trade figures quoted in public: single statements, not a series"))
    legend = ax.legend(loc="upper right", frameon=False, fontsize=8)
    renderer = ax.figure.canvas.get_renderer()
    box = legend.get_window_extent(renderer)
    if any(box.overlaps(t.get_window_extent(renderer)) for t in ax.texts):
        # longer words (another language) reach the legend: it moves out, right of the chart
        legend.set_loc("upper left")
        legend.set_bbox_to_anchor((1.0, 1.0))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    add_source_line(ax, _source_text(_("as quoted"), data))
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
            raise DataError(_("company_counts has no row for the category {category}").format(
                category=repr(needed)))
    as_of = sorted({str(v) for v in company_counts["as_of"]})
    ax = _axes(ax, size=(8.0, 2.6))
    left = 0
    for category, label, colour, hatch in (
        ("joint_venture", _("Joint ventures"), PALETTE["sky_blue"], "//"),
        ("wholly_slovenian", _("Wholly Slovenian"), PALETTE["bluish_green"], ""),
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
    note = (_("total: {total}").format(total=total) if total == parts else
            _("published total: {total} (parts add to {parts})").format(total=total, parts=parts))
    ax.text(left + 0.3, 0, note, ha="left", va="center", fontsize=10, fontweight="bold",
            gid="total-label")
    ax.set_xlim(0, max(total, parts) * 1.3)
    ax.set_ylim(-0.6, 0.8)
    ax.set_yticks([])
    ax.set_xlabel(_("number of companies"))
    number_ticks(ax, "x")
    ax.set_title(_("Companies with Slovenian capital registered in Kazakhstan\n"
                   "(figures published {dates})").format(
                       dates=", ".join(stored_date(d) for d in as_of)))
    ax.legend(loc="upper left", ncols=2, frameon=False, fontsize=8)
    ax.spines[["top", "right", "left"]].set_visible(False)
    add_source_line(ax, _source_text("Kazinform", company_counts))
    return ax
