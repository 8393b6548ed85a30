"""Lesson 05's exercises on the tools themselves: a pandas merge and a matplotlib chart.

- ``q8`` ``mirror_by_year``: the two records of the flow Slovenia -> Kazakhstan side by side, one
  row per year both have (``trade_kz.merge(..., on="year")``);
- ``q9`` ``my_ax``: a line chart of Kazakhstan's exports and imports, checked through the Axes
  (its lines, their data, labels, title, legend and limits), as matplotcheck does.

They are part of :mod:`kzsi_helpers.exercises.lesson05` (``ex.q8``, ``ex.q9``).

Examples
--------
>>> from kzsi_helpers.exercises.lesson05_charts import q8, q9
>>> q8.check("a table").status, q9.check().status
('incorrect', 'not attempted')
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict
from kzsi_helpers.exercises.core import Question

__all__ = ["q8", "q9"]


def _mirror_years() -> tuple[pd.Series, pd.Series]:
    kz = load("trade_kz").set_index("year")["kz_imports_from_si"]
    si = load("trade_si")
    si = si[si["flow"] == "si_exports_to_kz"].set_index("year")["value_eur"]
    both = sorted(set(kz.index) & set(si.index))
    return kz.loc[both], si.loc[both]


def _has_column(table: pd.DataFrame, values: pd.Series) -> bool:
    for column in table.columns:
        got = pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float)
        if len(got) == len(values) and np.allclose(got, values.to_numpy(dtype=float)):
            return True
    return False


def _check_merge(value: Any) -> Verdict:
    if not isinstance(value, pd.DataFrame):
        return Verdict(False, "`mirror_by_year` should be a DataFrame: the result of "
                       "`.merge(...)`.")
    table = value.reset_index() if "year" not in value.columns else value
    if "year" not in table.columns:
        return Verdict(False, "Keep the `year` column: it is what the two tables are merged on.")
    kz, si = _mirror_years()
    years = [int(y) for y in table["year"]]
    if len(set(years)) != len(years):
        return Verdict(False, "Some years appear twice: did you keep only one flow of `trade_si` "
                       "(`si_exports_to_kz`) before merging?")
    if set(years) - set(kz.index):
        return Verdict(False, "Your table has years that one of the records lacks: keep only the "
                       "years both have (`how=\"inner\"`, the default of `merge`).")
    if set(years) != set(kz.index):
        return Verdict(False, "Some years that both records have are missing.")
    table = table.set_index("year").loc[list(kz.index)].reset_index()
    if not _has_column(table, kz):
        return Verdict(False, "Kazakhstan's record of this flow is `kz_imports_from_si` in "
                       "`trade_kz`: is it in your table?")
    if not _has_column(table, si):
        return Verdict(False, "Slovenia's record is `value_eur` of the rows with flow "
                       "`si_exports_to_kz` in `trade_si`: is it in your table?")
    return Verdict(True, "Right: one row per year, both records side by side. That is the first "
                   "step of `mirror_table`.")


q8 = Question(
    var="mirror_by_year",
    checker=_check_merge,
    hints=[
        "First keep only Slovenia's exports: `trade_si[trade_si[\"flow\"] == \"si_exports_to_kz\"]`.",
        "Then `trade_kz[[\"year\", \"kz_imports_from_si\"]].merge(si_exports[[\"year\", "
        "\"value_eur\"]], on=\"year\")`: an inner merge keeps the years both tables have.",
    ],
    solution=(
        "si_exports = trade_si[trade_si['flow'] == 'si_exports_to_kz']\n"
        "mirror_by_year = trade_kz[['year', 'kz_imports_from_si']].merge(\n"
        "    si_exports[['year', 'value_eur']], on='year')"
    ),
    explanation="An inner merge keeps only the years both countries report, so no year is "
    "compared with a missing value.",
)


def _line_matches(line: Any, years: list[int], values: pd.Series) -> float | None:
    """Return the scale (1 or 1/1000) at which a line shows ``values`` by year, else None."""
    x = [float(v) for v in line.get_xdata()]
    y = np.asarray(line.get_ydata(), dtype=float)
    if x != [float(v) for v in years] or len(y) != len(values):
        return None
    for scale in (1.0, 1 / 1000):
        if np.allclose(y, values.to_numpy(dtype=float) * scale):
            return scale
    return None


def _check_chart(value: Any) -> Verdict:
    from matplotlib.axes import Axes

    if not isinstance(value, Axes):
        return Verdict(False, "`my_ax` should be the Axes you drew on (`fig, ax = "
                       "plt.subplots()`, then `my_ax = ax`).")
    table = load("trade_kz").sort_values("year")
    years = [int(y) for y in table["year"]]
    scales = []
    for column in ("kz_exports_to_si", "kz_imports_from_si"):
        found = [s for s in (_line_matches(li, years, table[column]) for li in value.lines)
                 if s is not None]
        if not found:
            return Verdict(False, f"There is no line of `{column}` by year: draw it with "
                           "`ax.plot(trade_kz[\"year\"], ...)`, one line per column.")
        scales.append(found[0])
    label = value.get_ylabel().lower()
    if not any(word in label for word in ("usd", "dollar", "$")):
        return Verdict(False, "Label the y-axis with its unit, including the currency (US "
                       "dollars).")
    wanted = "thousand" if math.isclose(scales[0], 1.0) else "million"
    if wanted not in label:
        return Verdict(False, "The y-axis label does not match the numbers of the lines: are "
                       "they thousands or millions of US dollars?")
    if not value.get_xlabel().strip() or not value.get_title().strip():
        return Verdict(False, "Give the chart an x-axis label and a title.")
    legend = value.get_legend()
    if legend is None or len([t for t in legend.get_texts() if t.get_text().strip()]) < 2:
        return Verdict(False, "Add a legend that names both lines (`label=...` in `ax.plot`, "
                       "then `ax.legend()`).")
    if not math.isclose(value.get_ylim()[0], 0.0, abs_tol=1e-9):
        return Verdict(False, "Start the y-axis at zero (`ax.set_ylim(bottom=0)`), so the "
                       "lines' heights can be compared honestly.")
    return Verdict(True, "Right: two lines with their data, labelled axes with units, a title, "
                   "a legend and a y-axis from zero.")


q9 = Question(
    var="my_ax",
    checker=_check_chart,
    hints=[
        "`fig, ax = plt.subplots()`, then `ax.plot(x, y, label=...)` once for exports and once "
        "for imports.",
        "Then `ax.set_xlabel(...)`, `ax.set_ylabel(\"million US dollars\")` (if you divided by "
        "1000), `ax.set_title(...)`, `ax.legend()`, `ax.set_ylim(bottom=0)`, and `my_ax = ax`.",
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
    explanation="Markers and line styles tell the two lines apart without colour.",
)
