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

from kzsi_helpers.course import release as _release

__version__ = _release.VERSION  # written once, in kzsi_helpers/course/release.py

# Public name -> module that defines it (imported lazily, on first use). These are the names the
# lessons use; docs/maintainers.md lists each with its room.
_EXPORTS: dict[str, str] = {
    # data (kzsi_helpers.data)
    "DataError": "kzsi_helpers.data.errors",
    "load": "kzsi_helpers.data.tables",
    "table_names": "kzsi_helpers.data.tables",
    "read_package": "kzsi_helpers.data.tables",
    "split_ids": "kzsi_helpers.data.rules",
    "cite": "kzsi_helpers.data.sources",
    "sources_section": "kzsi_helpers.data.sources",
    "checked_line": "kzsi_helpers.data.freshness",
    "coverage_lines": "kzsi_helpers.data.freshness",
    "press_checks": "kzsi_helpers.data.freshness",
    # exercises (kzsi_helpers.exercises)
    "Question": "kzsi_helpers.exercises.core",
    "hand_in": "kzsi_helpers.exercises.handin",
    # charts (kzsi_helpers.charts)
    "show_figure": "kzsi_helpers.charts.figures",
    "PALETTE": "kzsi_helpers.charts.figures",
    "add_source_line": "kzsi_helpers.charts.figures",
    "plot_timeline": "kzsi_helpers.charts.timeline",
    "format_date": "kzsi_helpers.charts.dates",
    # maps (kzsi_helpers.maps)
    "memorial_map": "kzsi_helpers.maps.places",
    "countries_map": "kzsi_helpers.maps.places",
    "distance_km": "kzsi_helpers.maps.geo",
    "offline_map": "kzsi_helpers.maps.basemap",
    # trade (kzsi_helpers.trade)
    "plot_trade": "kzsi_helpers.trade.charts",
    "plot_trade_balance": "kzsi_helpers.trade.charts",
    "plot_yoy": "kzsi_helpers.trade.charts",
    "plot_mirror": "kzsi_helpers.trade.compare",
    "plot_press_figures": "kzsi_helpers.trade.compare",
    "plot_company_counts": "kzsi_helpers.trade.compare",
    "mirror_table": "kzsi_helpers.trade.tables",
    "trade_balance": "kzsi_helpers.trade.tables",
    "yoy_change": "kzsi_helpers.trade.tables",
    # the course (kzsi_helpers.course): lesson 00's table of lessons
    "lesson_info": "kzsi_helpers.course.toc",
    "lesson_paths": "kzsi_helpers.course.toc",
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
