"""Lesson 01's chart exercise: the events per category as bars, checked through the Axes.

- ``q7`` ``category_ax``: a bar chart (vertical or horizontal) with one bar per category of
  ``events``, the bars as long as the counts, the categories as tick labels, a labelled count axis
  and a title. It is part of :mod:`kzsi_helpers.exercises.lesson01` (``ex.q7``).

Examples
--------
>>> from kzsi_helpers.exercises.lesson01_charts import q7
>>> q7.check().status, q7.check(42).status
('not attempted', 'incorrect')
"""

from __future__ import annotations

from typing import Any

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict
from kzsi_helpers.exercises.core import Question

__all__ = ["q7"]


def _check_category_chart(value: Any) -> Verdict:
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer

    if not isinstance(value, Axes):
        return Verdict(False, "`category_ax` should be the Axes you drew on (`fig, ax = "
                       "plt.subplots()`, then `category_ax = ax`).")
    containers = [c for c in value.containers if isinstance(c, BarContainer)]
    bars = [p for c in containers for p in c.patches]
    if not bars:
        return Verdict(False, "Your chart has no bars yet: use `ax.bar(...)` or `ax.barh(...)`.")
    counts = load("events")["category"].value_counts()
    horizontal = getattr(containers[0], "orientation", None) == "horizontal"
    lengths = sorted(round(p.get_width() if horizontal else p.get_height(), 9) for p in bars)
    if len(bars) != len(counts):
        return Verdict(False, "Draw one bar per category: count the events with "
                       "`events[\"category\"].value_counts()` (or `groupby`).")
    if lengths != sorted(float(n) for n in counts):
        return Verdict(False, "The bars are not as long as the number of events in each "
                       "category: did you pass the counts?")
    ticks = value.get_yticklabels() if horizontal else value.get_xticklabels()
    names = {t.get_text() for t in ticks}
    if not set(counts.index) <= names:
        return Verdict(False, "Name the categories on the axis: pass them as the bars' "
                       "positions (`ax.barh(counts.index, counts)` does it).")
    count_label = value.get_xlabel() if horizontal else value.get_ylabel()
    if "event" not in count_label.lower():
        return Verdict(False, "Label the axis of the counts with what it counts (events).")
    if not value.get_title().strip():
        return Verdict(False, "Give the chart a title.")
    return Verdict(True, "Right: one bar per category, as long as its count, with the "
                   "categories named and the axis labelled.")


q7 = Question(
    var="category_ax",
    checker=_check_category_chart,
    hints=[
        "`counts = events[\"category\"].value_counts()` gives one number per category.",
        "`fig, ax = plt.subplots()`, `ax.barh(counts.index, counts)`, then `ax.set_xlabel(...)`, "
        "`ax.set_title(...)` and `category_ax = ax`.",
    ],
    solution=(
        "counts = events['category'].value_counts().sort_values()\n"
        "fig, ax = plt.subplots(figsize=(6, 3))\n"
        "ax.barh(counts.index, counts, color=PALETTE['blue'])\n"
        "ax.set_xlabel('number of events')\n"
        "ax.set_title('Events by category, 1991 to today')\n"
        "category_ax = ax"
    ),
    explanation="Horizontal bars leave room for long category names.",
)
