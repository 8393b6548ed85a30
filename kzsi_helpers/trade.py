"""Trade between Kazakhstan and Slovenia: tables and charts for lesson 03 (one import for both).

The tables are in :mod:`kzsi_helpers.trade_tables`, the charts in :mod:`kzsi_helpers.trade_charts`
(Kazakhstan's statistics) and :mod:`kzsi_helpers.trade_compare` (comparing sources);
this module gives the lesson both under one name (``from kzsi_helpers.trade import plot_trade``).

Examples
--------
>>> from kzsi_helpers import trade, trade_charts, trade_tables
>>> trade.plot_trade is trade_charts.plot_trade, trade.mirror_table is trade_tables.mirror_table
(True, True)
"""

from __future__ import annotations

from kzsi_helpers.trade_charts import plot_trade, plot_trade_balance, plot_yoy
from kzsi_helpers.trade_compare import plot_company_counts, plot_mirror, plot_press_figures
from kzsi_helpers.trade_tables import (
    DIRECTIONS,
    UNITS,
    convert_eur_to_usd,
    mirror_table,
    trade_balance,
    yoy_change,
)

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
