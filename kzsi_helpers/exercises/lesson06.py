"""Exercises for lesson 06, *Mirror statistics: the same trade seen from both sides*.

Every expected answer is computed from ``data/`` when the answer is checked. No message ever
states the expected value.

- ``q1`` ``si_exports_2023_thousand_usd``: Slovenia's 2023 exports, in thousand US dollars (blanks);
- ``q2`` ``mirror_ratio_2023``: Slovenia's figure divided by Kazakhstan's, 2023;
- ``q3`` ``other_direction``: *Now you try*, a pandas merge of the flow Kazakhstan -> Slovenia;
- ``q4`` ``december_answer``: could the missing month explain the 2022 gap? (a letter).

Examples
--------
>>> from kzsi_helpers.exercises import lesson06 as ex
>>> ex.q1.check("a lot").message
'Your answer should be a number, not text (no quotes, no % sign).'
>>> ex.q4.check("B)").status
'correct'
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict, letter_answer
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.exercises.lesson05 import not_a_number, number_or_none
from kzsi_helpers.i18n.formats import format_number
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["q1", "q2", "q3", "q4", "mirror_chart_alt"]


def _si_value(flow: str, year: int) -> float:
    table = load("trade_si")
    row = table[(table["year"] == year) & (table["flow"] == flow)]
    return float(row["value_eur"].item())


def _rate(year: int) -> float:
    table = load("exchange_rates")
    return float(table.loc[table["year"] == year, "usd_per_eur"].item())


def _kz_value(column: str, year: int) -> float:
    table = load("trade_kz")
    return float(table.loc[table["year"] == year, column].item())


def mirror_chart_alt(mirror: pd.DataFrame, direction: str) -> str:
    """Alt text for ``plot_mirror``: what is compared, the years, and which years are partial.

    Parameters
    ----------
    mirror : pandas.DataFrame
        The table from ``mirror_table``.
    direction : {"si_to_kz", "kz_to_si"}
        Which flow the chart shows.

    Examples
    --------
    >>> from kzsi_helpers.trade.tables import mirror_table
    >>> table = mirror_table(load("trade_kz"), load("trade_si"), load("exchange_rates"))
    >>> mirror_chart_alt(table, "si_to_kz").startswith("Grouped bar chart")
    True
    """
    rows = mirror[mirror["direction"] == direction]
    if direction == "si_to_kz":
        pair = _("Kazakhstan's imports from Slovenia next to Slovenia's exports to Kazakhstan")
    else:
        pair = _("Kazakhstan's exports to Slovenia next to Slovenia's imports from Kazakhstan")
    partial = [f"{int(r.year)} ({r.period})" for r in rows[rows["partial"]].itertuples()]
    found = int(rows["si_eur"].notna().sum())
    text = _("Grouped bar chart, million US dollars: {pair}, converted at ECB annual averages, "
             "{first} to {last}. Slovenian figures exist for {found} of {total} years.").format(
        pair=pair, first=int(rows["year"].min()), last=int(rows["year"].max()),
        found=format_number(found), total=format_number(len(rows)))
    if partial:
        text += " " + _("Partial years, drawn hollow: {years}.").format(years=", ".join(partial))
    return text


# ---- q1 and q2: converting and comparing ------------------------------------------------------


def _check_conversion(value: Any) -> Verdict:
    number = number_or_none(value)
    if number is None:
        return not_a_number(value)
    eur = _si_value("si_exports_to_kz", 2023)
    rate = _rate(2023)
    expected = eur * rate / 1000
    tolerance = expected * 0.0005
    if abs(number - expected) <= tolerance:
        return Verdict(True, _("Right: euros times US dollars per euro gives US dollars, and "
                          "dividing by 1,000 gives thousand US dollars."))
    if abs(number - expected * 1000) <= tolerance * 1000:
        return Verdict(False, _("Check the unit: the answer should be in thousand US dollars, like "
                          "Kazakhstan's table. Divide by 1,000."))
    if abs(number - expected / 1000) <= tolerance / 1000:
        return Verdict(False, _("Check the unit: that is million, not thousand US dollars."))
    if abs(number - eur / rate / 1000) <= tolerance or abs(number - eur / rate) <= tolerance * 1000:
        return Verdict(False, _("It looks as if you divided by the rate. The rate is US dollars per "
                          "euro, so euros x rate = US dollars."))
    for other in load("exchange_rates")["usd_per_eur"].to_numpy(float):
        if other != rate and abs(number - eur * other / 1000) <= tolerance:
            return Verdict(False, _("Use the average rate of the same year as the trade figure."))
    if abs(number - eur / 1000) <= tolerance:
        return Verdict(False, _("You changed the unit but did not convert the currency: multiply "
                          "by the exchange rate too."))
    if abs(number - _si_value("si_exports_to_kz", 2019) * rate / 1000) <= tolerance * 2:
        return Verdict(False, _("That is the euro figure of another year: filter `trade_si` on 2023."))
    return Verdict(False, _("Take Slovenia's 2023 exports in euros, multiply by the 2023 "
                      "rate, then divide by 1,000."))


q1 = Question(
    var="si_exports_2023_thousand_usd",
    checker=_check_conversion,
    hints=[
        N_("The first two blanks are the year. The last one is the rate you just looked up."),
        N_("euros x (US dollars per euro) = US dollars. Dividing by 1,000 gives thousand US dollars."),
    ],
    solution=(
        "eur_2023 = trade_si.loc[(trade_si['year'] == 2023) & "
        "(trade_si['flow'] == 'si_exports_to_kz'), 'value_eur'].item()\n"
        "rate_2023 = rates.loc[rates['year'] == 2023, 'usd_per_eur'].item()\n"
        "si_exports_2023_thousand_usd = eur_2023 * rate_2023 / 1000"
    ),
)


def _check_ratio(value: Any) -> Verdict:
    number = number_or_none(value)
    if number is None:
        return not_a_number(value)
    kz = _kz_value("kz_imports_from_si", 2023)
    expected = _si_value("si_exports_to_kz", 2023) * _rate(2023) / 1000 / kz
    if abs(number - expected) <= 0.006:
        return Verdict(True, _("Right. A ratio of 1 would mean the two countries agree."))
    if abs(number - 1 / expected) <= 0.006:
        return Verdict(False, _("You divided the other way round: put Slovenia's figure on top."))
    if abs(number - (expected - 1) * 100) <= 0.6 or abs(number - expected * 100) <= 0.6:
        return Verdict(False, _("Give the ratio as a plain number (like 1.2), not a percentage."))
    if abs(number - _si_value("si_exports_to_kz", 2023) / 1000 / kz) <= 0.006:
        return Verdict(False, _("Convert Slovenia's euros to US dollars first (Exercise 1), then "
                          "divide."))
    if abs(number - expected * 1000) <= 6 or abs(number - expected / 1000) <= 0.000006:
        return Verdict(False, _("Both figures must be in the same unit (thousand US dollars): use "
                          "your answer to Exercise 1 as it is."))
    return Verdict(False, _("Divide Slovenia's figure in thousand US dollars by Kazakhstan's "
                      "imports from Slovenia (`kz_imports_from_si`) in the same year."))


q2 = Question(
    var="mirror_ratio_2023",
    checker=_check_ratio,
    hints=[
        N_("Both numbers must be in the same unit: use your answer to Exercise 1."),
        N_("Kazakhstan's side of the same flow is its imports from Slovenia (`kz_imports_from_si`), "
           "2023. Divide Slovenia's figure by Kazakhstan's."),
    ],
    solution=(
        "kz_2023 = trade_kz.loc[trade_kz['year'] == 2023, 'kz_imports_from_si'].item()\n"
        "mirror_ratio_2023 = si_exports_2023_thousand_usd / kz_2023"
    ),
)


# ---- q3: the other direction, with a merge ----------------------------------------------------


def _other_direction() -> tuple[pd.Series, pd.Series]:
    kz = load("trade_kz").set_index("year")["kz_exports_to_si"]
    si = load("trade_si")
    si = si[si["flow"] == "si_imports_from_kz"].set_index("year")["value_eur"]
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
        return Verdict(False, _("`other_direction` should be a table (a DataFrame): the result of "
                          "`.merge(...)`."))
    table = value.reset_index() if "year" not in value.columns else value
    if "year" not in table.columns:
        return Verdict(False, _("Keep the `year` column: it is what the two tables are merged on."))
    kz, si = _other_direction()
    years = [int(y) for y in table["year"]]
    if len(set(years)) != len(years):
        return Verdict(False, _("Some years appear twice: did you keep only one flow of `trade_si` "
                          "(`si_imports_from_kz`) before merging?"))
    if bool(table.isna().any().any()):
        return Verdict(False, _("Your table has empty cells, for years that one of the records "
                          "lacks: keep only the years both have (`merge` does that unless you ask "
                          "for `how=\"outer\"`)."))
    if set(years) != set(kz.index):
        return Verdict(False, _("These are not the years both records have: did you filter "
                          "`trade_si` on the flow `si_imports_from_kz`, not the other flow?"))
    table = table.set_index("year").loc[list(kz.index)].reset_index()
    if not _has_column(table, kz):
        if "kz_imports_from_si" in table.columns:
            return Verdict(False, _("This time Kazakhstan's record is its *exports* to Slovenia, "
                              "`kz_exports_to_si`, not its imports."))
        return Verdict(False, _("Kazakhstan's record of this flow is `kz_exports_to_si` in "
                          "`trade_kz`: is it in your table?"))
    if not _has_column(table, si):
        return Verdict(False, _("Slovenia's record is `value_eur` of the rows with flow "
                          "`si_imports_from_kz` in `trade_si`: is it in your table?"))
    return Verdict(True, _("Right: one row per year both countries report, both records side by "
                      "side."))


q3 = Question(
    var="other_direction",
    checker=_check_merge,
    hints=[
        N_("Goods from Kazakhstan to Slovenia are Kazakhstan's exports (`kz_exports_to_si`) and "
           "Slovenia's imports (flow `si_imports_from_kz`)."),
        N_("Filter `trade_si` on that flow first, then merge as in section 4: "
           "`trade_kz[[\"year\", \"kz_exports_to_si\"]].merge(..., on=\"year\")`."),
    ],
    solution=(
        "si_imports = trade_si[trade_si['flow'] == 'si_imports_from_kz']\n"
        "other_direction = trade_kz[['year', 'kz_exports_to_si']].merge(\n"
        "    si_imports[['year', 'value_eur']], on='year')"
    ),
    explanation=N_("A merge keeps only the years both countries report, so no year is compared "
                   "with a missing value."),
)


# ---- q4: could the missing month explain the gap? --------------------------------------------

_Q4_WRONG = {
    "a": N_("Work it out: how much would December alone have to add to reach Kazakhstan's "
            "figure? Compare that with the other eleven months together."),
    "c": N_("We do not know December's figure, but we can work out how big it would have to "
            "be. Compare that with the other eleven months together."),
}


def _check_december(value: Any) -> Verdict:
    letter = letter_answer(value)
    if letter not in ("a", "b", "c"):
        return Verdict(False, _("Answer with one of the letters a, b or c."))
    if letter == "b":
        return Verdict(True, _("Right: one missing month cannot close a gap that size. The cause "
                          "of the gap is not known."))
    return Verdict(False, _(_Q4_WRONG[letter]))


q4 = Question(
    var="december_answer",
    checker=_check_december,
    hints=[
        N_("Subtract Slovenia's figure from Kazakhstan's: that is what December alone would have "
           "to add."),
        N_("Then compare it with Slovenia's figure for the other eleven months."),
    ],
    solution='december_answer = "b"',
)
