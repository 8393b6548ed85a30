"""Trade between Kazakhstan and Slovenia: the tables of lessons 05 and 06 (no charts here).

Kazakhstan's figures (Bureau of National Statistics) are in thousand US dollars; Slovenia's
(Eurostat) in euros. :func:`mirror_table` puts the two on one scale with the ECB annual average
rate of each year and keeps track of partial years (``months_covered`` < 12). The functions take
the DataFrames that :func:`kzsi_helpers.load` returns and never read files; the charts are in
:mod:`kzsi_helpers.trade.charts`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from kzsi_helpers.data.errors import DataError
from kzsi_helpers.data.tables import require_table
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["DIRECTIONS", "UNITS", "trade_balance", "yoy_change", "convert_eur_to_usd", "mirror_table"]

#: The two directions of trade, and the column or flow that records each one on either side.
#: The words (``label``, ``kz_words``, ``si_words``) are English; show them through ``_()``.
DIRECTIONS: dict[str, dict[str, str]] = {
    "si_to_kz": {
        "label": N_("Slovenia → Kazakhstan"),
        "kz_column": "kz_imports_from_si",
        "si_flow": "si_exports_to_kz",
        "kz_words": N_("Kazakhstan's imports from Slovenia"),
        "si_words": N_("Slovenia's exports to Kazakhstan"),
    },
    "kz_to_si": {
        "label": N_("Kazakhstan → Slovenia"),
        "kz_column": "kz_exports_to_si",
        "si_flow": "si_imports_from_kz",
        "kz_words": N_("Kazakhstan's exports to Slovenia"),
        "si_words": N_("Slovenia's imports from Kazakhstan"),
    },
}

#: Chart units: divisor applied to thousand-USD figures, and the words on the axis (English;
#: shown through ``_()``).
UNITS: dict[str, tuple[float, str]] = {
    "thousand": (1.0, N_("thousand US dollars")),
    "million": (1000.0, N_("million US dollars")),
}

# ----------------------------------------------------------------------------------------------
# checks and small helpers
# ----------------------------------------------------------------------------------------------


def _require(frame: object, columns: Iterable[str], name: str) -> pd.DataFrame:  # noqa: D401
    """Check that ``frame`` is a non-empty DataFrame with ``columns``; say what is wrong if not."""
    return require_table(frame, columns, name, "kzsi_helpers.trade")


def _unit(unit: str) -> tuple[float, str]:
    if unit not in UNITS:
        raise ValueError(_("unit should be one of {units}, not {unit}").format(
            units=", ".join(map(repr, UNITS)), unit=repr(unit)))
    return UNITS[unit]


def _years(frame: pd.DataFrame, name: str) -> list[int]:
    years = [int(y) for y in frame["year"]]
    if len(set(years)) != len(years):
        raise DataError(_("{table} has the same year more than once").format(table=name))
    return years


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
        raise DataError(_("exchange_rates has no rate for {year}: add that year's ECB "
                          "average").format(year=int(year)))
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
            raise DataError(_("trade_si has the same year twice for {flow}").format(
                flow=spec["si_flow"]))
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
