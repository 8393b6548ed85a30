"""Draw dated events on a time axis: the timeline chart of lesson 01.

:func:`plot_timeline` takes a table like ``load("events")`` and returns the matplotlib ``Axes`` it
drew on. Each category has its own colour *and* marker shape (so colour is never the only clue);
a filled marker is an exact day, a hollow marker with a bar is a date known only to the month or
the year (the bar covers the whole period). Labels are packed into lanes so that they never overlap.
The dates themselves (what period each covers, how the lessons write them) are
:mod:`kzsi_helpers.charts.dates`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from kzsi_helpers.charts.dates import event_periods
from kzsi_helpers.charts.figures import PALETTE, add_source_line
from kzsi_helpers.i18n.messages import N_, _

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_timeline", "CATEGORY_STYLE"]


#: Colour (Okabe-Ito) and marker shape for each category of ``events``, in legend order.
CATEGORY_STYLE: dict[str, tuple[str, str]] = {
    "diplomacy": (PALETTE["blue"], "o"),
    "visit": (PALETTE["orange"], "s"),
    "agreement": (PALETTE["bluish_green"], "D"),
    "multilateral": (PALETTE["reddish_purple"], "^"),
    "economy": (PALETTE["vermillion"], "v"),
    "memory": (PALETTE["black"], "P"),
}
# Styles for categories not listed above (a student may invent one).
_SPARE_STYLES = [(PALETTE["sky_blue"], "h"), (PALETTE["yellow"], "X"), ("#777777", "*")]

_LANE_INCHES = 0.34  # height of one lane of labels
_WIDTH_INCHES = 11.0
_LABEL_OFFSET_POINTS = 5
_LABEL_GAP_PIXELS = 10  # the least horizontal space between two labels in one lane
_TOP_INCHES = 0.55  # title
_BOTTOM_INCHES = 1.8  # year labels, axis label, legends, source line


def _styles(categories: Sequence[str]) -> dict[str, tuple[str, str]]:
    styles, spare = {}, iter(_SPARE_STYLES)
    for category in categories:
        if category in CATEGORY_STYLE:
            styles[category] = CATEGORY_STYLE[category]
        else:
            try:
                styles[category] = next(spare)
            except StopIteration as exc:
                raise ValueError(
                    _("plot_timeline can show at most {n} categories; pass categories=[...] to "
                      "choose some").format(n=len(CATEGORY_STYLE) + len(_SPARE_STYLES))
                ) from exc
    return styles


def _order_categories(present: Sequence[str], categories: Sequence[str] | None) -> list[str]:
    if categories is None:
        known = [c for c in CATEGORY_STYLE if c in present]
        return known + sorted(c for c in set(present) if c not in CATEGORY_STYLE)
    if isinstance(categories, str):
        categories = [categories]
    unknown = [c for c in categories if c not in present]
    if unknown:
        raise ValueError(
            _("plot_timeline: no event has the category {unknown}; the table has: {present}").format(
                unknown=", ".join(map(repr, unknown)), present=", ".join(sorted(set(present))))
        )
    return list(dict.fromkeys(categories))


def _fits(lane: list[tuple[float, float]], interval: tuple[float, float]) -> bool:
    """Tell whether ``interval`` keeps a gap from every interval already in ``lane``."""
    left, right = interval
    return all(right + _LABEL_GAP_PIXELS <= a or left >= b + _LABEL_GAP_PIXELS for a, b in lane)


def plot_timeline(
    events: pd.DataFrame,
    ax: Axes | None = None,
    *,
    categories: Sequence[str] | None = None,
    title: str = N_("Kazakhstan and Slovenia: a timeline of relations"),
    source: str | None = N_("course table events (see the source ids of each event)"),
) -> Axes:
    """Draw events on a time axis, one coloured marker per event with its title beside it.

    Parameters
    ----------
    events : pandas.DataFrame
        A table with ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` text, or timestamps),
        ``title`` and ``category``; ``end_date`` (the last day of a span) is used if present.
        ``load("events")`` is such a table.
    ax : matplotlib.axes.Axes, optional
        Where to draw. By default a new figure is made, sized so that the labels fit without
        overlapping; on an ``ax`` you give, labels are packed the same way but the figure keeps
        its size.
    categories : sequence of str, optional
        Show only these categories, in this legend order. Default: every category in the table.
    title : str, optional
        The chart's title.
    source : str or None, optional
        Text of the "Source: ..." line under the chart (None: no line).

    Returns
    -------
    matplotlib.axes.Axes
        The chart. Its markers are ``ax.collections`` with ``gid`` ``"events"`` (one point per
        event), labels are ``ax.texts`` with ``gid`` ``"event-label"``, in the table's order. The
        legend (``ax.get_legend()``) names the categories; a second legend (gid
        ``"precision-legend"``) explains filled and hollow markers.

    Raises
    ------
    DataError
        If the table is empty, lacks a column, or holds an unreadable date.
    ValueError
        If ``categories`` names a category no event has.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from kzsi_helpers import load
    >>> events = load("events")
    >>> ax = plot_timeline(events)
    >>> labels = [t.get_text() for t in ax.texts if t.get_gid() == "event-label"]
    >>> labels == events["title"].tolist()
    True
    >>> sorted(t.get_text() for t in ax.get_legend().get_texts()) == sorted(
    ...     events["category"].unique())
    True
    >>> plt.close(ax.figure)
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    periods = event_periods(events)
    category_of = events["category"].astype(str)
    order = _order_categories(category_of.tolist(), categories)
    keep = category_of.isin(order).to_numpy()
    titles = events["title"].astype(str)[keep].tolist()
    category_of, periods = category_of[keep].tolist(), periods[keep]
    styles = _styles(order)

    new_figure = ax is None
    if ax is None:
        fig, ax = plt.subplots(figsize=(_WIDTH_INCHES, 4.0))
        fig.subplots_adjust(left=0.02, right=0.98)  # fixed before the labels are measured
    fig = ax.figure

    start = mdates.date2num(periods["start"].to_numpy())
    end = mdates.date2num(periods["end"].to_numpy())
    exact = (periods["precision"] == "day").tolist()
    # An exact day sits at its day; a month or a year sits in the middle of its period.
    x = [s if e_ else (s + e) / 2 for s, e, e_ in zip(start, end, exact, strict=True)]

    first_year, last_year = periods["start"].min().year, periods["end"].max().year
    left = mdates.date2num(_dt.datetime(first_year, 1, 1))
    right = mdates.date2num(_dt.datetime(last_year + 1, 1, 1))
    ax.set_xlim(left - 0.01 * (right - left), right + 0.01 * (right - left))

    lane = _place_labels(ax, titles, start, end)
    n_lanes = max(lane) + 1
    if new_figure:
        height = _TOP_INCHES + n_lanes * _LANE_INCHES + _BOTTOM_INCHES
        fig.set_size_inches(_WIDTH_INCHES, height)
        fig.subplots_adjust(top=1 - _TOP_INCHES / height, bottom=_BOTTOM_INCHES / height)

    # Bars: the whole period of a month or year date, or a span of days.
    for i in range(len(titles)):
        if end[i] > start[i]:
            ax.plot([start[i], end[i]], [lane[i], lane[i]], color=styles[category_of[i]][0],
                    linewidth=2.5, alpha=0.55, solid_capstyle="butt", gid="event-period",
                    zorder=2)
    # Markers: one scatter per category and kind of date; together one point per event.
    for category in order:
        colour, marker = styles[category]
        for is_exact in (True, False):
            rows = [i for i in range(len(titles))
                    if category_of[i] == category and exact[i] == is_exact]
            if rows:
                ax.scatter([x[i] for i in rows], [lane[i] for i in rows], s=46, marker=marker,
                           facecolors=colour if is_exact else "white", edgecolors=colour,
                           linewidths=1.6, zorder=3, gid="events")

    ax.set_ylim(n_lanes - 0.4, -0.6)  # lane 0 at the top
    ax.yaxis.set_visible(False)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    span_years = last_year - first_year + 1
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if span_years / s <= 20)
    ax.xaxis.set_major_locator(mdates.YearLocator(step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mdates.YearLocator(1))
    ax.grid(axis="x", which="major", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel(_("Year"))
    ax.set_title(_(title), loc="left", fontsize=12)
    _add_legends(ax, order, styles)
    if source:
        add_source_line(ax, _(source))
    return ax


def _place_labels(
    ax: Axes, titles: list[str], start: Sequence[float], end: Sequence[float]
) -> list[int]:
    """Write the titles beside their events and put them in lanes where no two labels overlap.

    Events are taken in time order; each goes to the first lane (0 = top) where its label fits on
    the right of the event (after the bar of a period), or else on its left. Returns the lanes.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    to_pixels = ax.transData.transform
    box = ax.get_window_extent(renderer)
    offset = _LABEL_OFFSET_POINTS * fig.dpi / 72
    labels = [  # in the table's order, so ax.texts follows the table
        ax.annotate(text, xy=(x_end, 0), xytext=(_LABEL_OFFSET_POINTS, 0),
                    textcoords="offset points", ha="left", va="center", fontsize=8.5,
                    gid="event-label", annotation_clip=False)
        for text, x_end in zip(titles, end, strict=True)
    ]
    lanes: list[list[tuple[float, float]]] = []
    lane = [0] * len(titles)
    for i in sorted(range(len(titles)), key=lambda k: (start[k], k)):
        width = labels[i].get_window_extent(renderer).width
        left_px, right_px = to_pixels((start[i], 0))[0], to_pixels((end[i], 0))[0]
        options = []
        if right_px + offset + width <= box.x1:
            options.append(("right", (left_px, right_px + offset + width)))
        if left_px - offset - width >= box.x0 or not options:
            options.append(("left", (left_px - offset - width, right_px)))
        number, side, interval = 0, None, options[0][1]
        while side is None:
            if number == len(lanes):
                lanes.append([])
            for option, span in options:
                if _fits(lanes[number], span):
                    side, interval = option, span
                    break
            else:
                number += 1
        lanes[number].append(interval)
        lane[i] = number
        if side == "left":
            labels[i].xy = (start[i], number)
            labels[i].set_position((-_LABEL_OFFSET_POINTS, 0))
            labels[i].set_horizontalalignment("right")
        else:
            labels[i].xy = (end[i], number)
    return lane


def _add_legends(ax: Axes, order: list[str], styles: dict[str, tuple[str, str]]) -> None:
    """Category legend (``ax.get_legend()``) and the filled/hollow key, under the year labels."""
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D

    axes_inches = ax.get_position().height * ax.figure.get_size_inches()[1]
    # In inches under the axis line, whatever the number of lanes: categories, then the key.
    y_categories, y_key = -0.5 / axes_inches, -0.95 / axes_inches
    common = {"frameon": False, "fontsize": 8.5, "title_fontsize": 8.5, "alignment": "left"}
    grey = "#444444"
    key = [
        Line2D([], [], linestyle="none", marker="o", color=grey, markersize=7),
        Line2D([], [], linestyle="-", linewidth=2.5, alpha=0.55, marker="o",
               markerfacecolor="white", color=grey, markersize=7),
    ]
    precision = Legend(ax, key, [_("exact day"), _("month or year only (bar: the whole period)")],
                       title=_("Date known to"), loc="upper left", bbox_to_anchor=(0.0, y_key),
                       ncols=2, **common)
    precision.set_gid("precision-legend")
    ax.add_artist(precision)
    handles = [Line2D([], [], linestyle="none", marker=styles[c][1], color=styles[c][0],
                      markersize=7, label=c) for c in order]
    ax.legend(handles=handles, title=_("Category"), loc="upper left",
              bbox_to_anchor=(0.0, y_categories),
              ncols=len(order), **common)
