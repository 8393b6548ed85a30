"""Lesson 02's chart exercise: the events per category as bars, checked through the Axes.

:func:`check_category_chart` is the checker of ``q1`` in :mod:`kzsi_helpers.exercises.lesson02`
(``category_ax``): a bar chart, vertical or horizontal, with one bar per category of ``events``,
the bars as long as the counts, the categories as tick labels, a labelled count axis and a title.

Examples
--------
>>> check_category_chart(42).correct
False
"""

from __future__ import annotations

from typing import Any

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict, normalize_answer
from kzsi_helpers.i18n.messages import _

__all__ = ["check_category_chart", "COUNT_WORDS"]

#: Words that show an axis label says what the bars count ("Count", "Number of events" ...), in
#: English, Slovenian ("število dogodkov"), Russian ("число событий") and Kazakh ("оқиғалар саны").
COUNT_WORDS = ("count", "number", "event", "how many", "frequency", "total", "amount", "tally",
               "števil", "dogod", "koliko", "pogost", "skupaj",
               "числ", "событ", "количеств", "сколько", "частот", "всего",
               "сан", "оқиға", "қанша", "жиілі", "барлығы")


def _says_what_it_counts(label: str) -> bool:
    text = normalize_answer(label)
    return any(word in text for word in COUNT_WORDS)


def check_category_chart(value: Any) -> Verdict:
    """Check a bar chart of the events per category, through its Axes (never its pixels).

    Parameters
    ----------
    value : object
        What the student stored in ``category_ax``.

    Returns
    -------
    Verdict
        Right, or a sentence about the first thing to fix.
    """
    from matplotlib.axes import Axes
    from matplotlib.container import BarContainer

    if not isinstance(value, Axes):
        return Verdict(False, _("`category_ax` should be the Axes you drew on (`fig, ax = "
                                "plt.subplots()`, then `category_ax = ax`)."))
    containers = [c for c in value.containers if isinstance(c, BarContainer)]
    bars = [p for c in containers for p in c.patches]
    if not bars:
        return Verdict(False, _("Your chart has no bars yet: use `ax.barh(...)` or `ax.bar(...)`."))
    counts = load("events")["category"].value_counts()
    horizontal = getattr(containers[0], "orientation", None) == "horizontal"
    if len(bars) != len(counts):
        return Verdict(False, _("Draw one bar per category: count the events with "
                                "`events.groupby(\"category\").size()`."))
    lengths = sorted(round(p.get_width() if horizontal else p.get_height(), 9) for p in bars)
    if lengths != sorted(float(n) for n in counts):
        return Verdict(False, _("The bars are not as long as the number of events in each "
                                "category: pass the counts as the bars' lengths."))
    ticks = value.get_yticklabels() if horizontal else value.get_xticklabels()
    if not set(counts.index) <= {t.get_text() for t in ticks}:
        return Verdict(False, _("Name the categories on the axis: pass them as the bars' "
                                "positions (`counts.index`)."))
    count_label = value.get_xlabel() if horizontal else value.get_ylabel()
    other_label = value.get_ylabel() if horizontal else value.get_xlabel()
    if "____" in count_label + value.get_title():
        return Verdict(False, _("Fill in the blanks (`____`) of the label and the title with "
                                "your own words, then run the cell again."))
    if not count_label.strip():
        axis = "x" if horizontal else "y"
        if other_label.strip():
            return Verdict(False, _("Label the axis of the counts (`ax.set_{axis}label(...)`) with "
                                    "what the bars count. You labelled the other axis; the bars' "
                                    "lengths are along the {axis} axis.").format(axis=axis))
        return Verdict(False, _("Label the axis of the counts (`ax.set_{axis}label(...)`) with "
                                "what the bars count.").format(axis=axis))
    if not _says_what_it_counts(count_label):
        return Verdict(False, _("The label of the counts should say what they count, for "
                                "example the number of events."))
    if not value.get_title().strip():
        return Verdict(False, _("Give the chart a title (`ax.set_title(...)`)."))
    return Verdict(True, _("Right: one bar per category, as long as its count, with the "
                           "categories named and the axis labelled."))
