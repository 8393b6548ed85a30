"""kzsi_helpers: data, charts, maps and exercises for the kzsi course.

The lessons import what they need from here, for example ``from kzsi_helpers import load``.
Nothing is printed, plotted or read on import; the heavier modules (matplotlib, folium,
Frictionless) are imported the first time one of their functions is used.

Examples
--------
>>> import kzsi_helpers
>>> "load" in kzsi_helpers.__all__
True
>>> kzsi_helpers.load("places").shape[1] > 5
True
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# Public name -> module that defines it (imported lazily, on first use).
_EXPORTS: dict[str, str] = {
    # data
    "DataError": "kzsi_helpers.data",
    "load": "kzsi_helpers.data",
    "table_names": "kzsi_helpers.data",
    "split_ids": "kzsi_helpers.data",
    # sources
    "cite": "kzsi_helpers.sources",
    "sources_section": "kzsi_helpers.sources",
    # exercises
    "Question": "kzsi_helpers.exercises.core",
    # figures
    "show_figure": "kzsi_helpers.figures",
    "PALETTE": "kzsi_helpers.figures",
    "add_source_line": "kzsi_helpers.figures",
    # timeline (lesson 01)
    "plot_timeline": "kzsi_helpers.timeline",
    # maps (lesson 02)
    "memorial_map": "kzsi_helpers.maps",
    "countries_map": "kzsi_helpers.maps",
    "distance_km": "kzsi_helpers.geo",
    "offline_map": "kzsi_helpers.basemap",
    # trade (lesson 03)
    "plot_trade": "kzsi_helpers.trade",
    "plot_trade_balance": "kzsi_helpers.trade",
    "plot_mirror": "kzsi_helpers.trade",
    "plot_yoy": "kzsi_helpers.trade",
    "plot_press_figures": "kzsi_helpers.trade",
    "plot_company_counts": "kzsi_helpers.trade",
    "mirror_table": "kzsi_helpers.trade",
    "trade_balance": "kzsi_helpers.trade",
    "yoy_change": "kzsi_helpers.trade",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is used."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kzsi_helpers' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
