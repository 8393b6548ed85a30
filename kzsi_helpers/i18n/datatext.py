"""The data tables' text columns in the current language, from ``locale/<lang>/data.po``.

Each entry is keyed by its table, its row's key and its column (``msgctxt "events|independence-si|title"``);
ids, dates, numbers, codes and source ids are never translated. A table keeps its columns and
types; a cell without a translation stays English.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"id": ["a"], "title": ["Hello"]}).astype("string")
>>> translate_table("events", frame, None).loc[0, "title"]
'Hello'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # Babel is needed only for a translated language (not in the browser edition)
    from babel.messages.catalog import Catalog

from kzsi_helpers.i18n.catalog import new_catalog, translation

__all__ = ["TEXT_COLUMNS", "KEYS", "context", "data_template", "translate_cell", "translate_table"]

#: The columns a reader reads as sentences or names, per table (all other columns are data).
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("title", "description", "note"),
    "places": ("name", "location_note", "description", "note"),
    "claims": ("claim", "evidence", "note"),
    "glossary": ("definition", "note"),
    "companies": ("activity_in_kz", "note"),
    "company_counts": ("note",),
    "country_facts": ("note",),
    "multilateral": ("what", "note"),
    "trade_kz": ("note",),
    "trade_si": ("note",),
    "trade_press": ("note",),
    "exchange_rates": ("note",),
}
#: Each table's key columns (its primary key in ``datapackage.json``).
KEYS: dict[str, tuple[str, ...]] = {
    "events": ("id",), "places": ("id",), "claims": ("id",), "glossary": ("term",),
    "companies": ("id",), "company_counts": ("category",), "country_facts": ("country", "fact"),
    "multilateral": ("id",), "trade_kz": ("year",), "trade_si": ("year", "flow"),
    "trade_press": ("id",), "exchange_rates": ("year",),
}


def context(table: str, row: Any, column: str) -> str:
    """Return the key of one cell: ``table|key|column`` (a key of several columns joined by ``/``).

    Examples
    --------
    >>> context("trade_si", {"year": 2020, "flow": "export"}, "note")
    'trade_si|2020/export|note'
    """
    key = "/".join(str(row[k]) for k in KEYS[table])
    return f"{table}|{key}|{column}"


def data_template(tables: dict[str, pd.DataFrame], language: str) -> Catalog:
    """Return the catalogue template of the data: one entry per non-empty text cell.

    Examples
    --------
    >>> frame = pd.DataFrame({"id": ["a"], "title": ["Hi"], "description": [""], "note": [None]})
    >>> [m.context for m in data_template({"events": frame}, "sl") if m.id]
    ['events|a|title']
    """
    catalog = new_catalog(language)
    for table, frame in tables.items():
        for _, row in frame.iterrows():
            for column in TEXT_COLUMNS.get(table, ()):
                value = row[column]
                if isinstance(value, str) and value.strip():
                    catalog.add(value, "", context=context(table, row, column),
                                locations=[(f"data/{table}.csv", None)])  # type: ignore[list-item]
    return catalog


def translate_cell(table: str, row: Any, column: str, catalog: Catalog | None) -> Any:
    """Return one cell of a table in the catalogue's language (unchanged if it has no translation).

    Examples
    --------
    >>> cat = new_catalog("sl")
    >>> _ = cat.add("Hello", "Zdravo", context="events|a|title")
    >>> translate_cell("events", {"id": "a", "title": "Hello"}, "title", cat)
    'Zdravo'
    """
    value = row[column]
    if catalog is None or not isinstance(value, str) or not value:
        return value
    return translation(catalog.get(value, context=context(table, row, column)), value)


def translate_table(table: str, frame: pd.DataFrame, catalog: Catalog | None) -> pd.DataFrame:
    """Return ``frame`` with its text columns in the catalogue's language (same columns, types).

    Examples
    --------
    >>> cat = new_catalog("sl")
    >>> _ = cat.add("Hello", "Zdravo", context="events|a|title")
    >>> frame = pd.DataFrame({"id": ["a"], "title": ["Hello"]}).astype("string")
    >>> out = translate_table("events", frame, cat)
    >>> out.loc[0, "title"], str(out["title"].dtype)
    ('Zdravo', 'string')
    """
    columns = [c for c in TEXT_COLUMNS.get(table, ()) if c in frame.columns]
    if catalog is None or not columns or not set(KEYS[table]) <= set(frame.columns):
        return frame
    out = frame.copy()
    for column in columns:
        values = [translate_cell(table, row, column, catalog) for _, row in frame.iterrows()]
        out[column] = pd.array(values, dtype=frame[column].dtype)
    return out
