"""Load the course's data tables, typed by their schema and checked; validated once by Frictionless.

Every table in ``data/`` is declared in ``data/datapackage.json`` (a Frictionless Data Package).
:func:`load` returns a typed DataFrame, or raises :class:`DataError` naming the file, the line (as an
editor counts it), the column and what was expected: a table is loaded whole or not at all.

What is checked where:

- **On every load, in plain Python** (also in the browser edition, where Frictionless, jsonschema
  and nbformat cannot be installed): the descriptor itself (:mod:`kzsi_helpers.data.descriptor`:
  resources with a name, a path inside the data folder, a schema; known field types; only the
  constraints and options the loader checks; patterns that compile; keys naming real fields), the
  file (:mod:`kzsi_helpers.data.schema`: UTF-8, commas as declared in the resource's ``dialect``, a
  header with exactly the declared columns in order; types, finite plain numbers, ``required``,
  ``enum``, ``minimum``/``maximum``, ``pattern``, lengths, ``unique``, the primary key, no blank line
  inside the table, at least ``kzsi:minRows`` rows, 1 by default), then the course's own rules
  (:mod:`kzsi_helpers.data.rules`: partial dates, date precision, source ids that exist in
  ``sources``, and the foreign keys between tables, such as ``trade_kz.year`` ->
  ``exchange_rates.year``).
- **Once per content, by Frictionless**, where it is installed: the table against its full Table
  Schema (:mod:`kzsi_helpers.data.validate`). The content key is the sha256 of the table's entry
  in ``datapackage.json`` and of its file; keys already validated are kept in the user's cache
  (:mod:`kzsi_helpers.data.cache`), so later loads of unchanged data do not import Frictionless
  or jsonschema at all. A data folder may carry ``validated.json``, the keys validated when the
  course was packaged (:func:`write_validated_manifest`); matching tables are trusted the same way.
  Where Frictionless is missing and no key matches, the plain-Python checks above are the checks.

Within one Python process a table is read again only when the bytes of its file, of its entry in
``datapackage.json`` or of a table it refers to (``sources``, a foreign key's table) change.
"""

from __future__ import annotations

import json
import os
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from kzsi_helpers.course import paths
from kzsi_helpers.data import cache as data_cache
from kzsi_helpers.data.descriptor import check_package, resource_file
from kzsi_helpers.data.errors import DataError, display, raise_problems
from kzsi_helpers.data.rules import (
    foreign_key_problems,
    rule_problems,
    source_reference,
)
from kzsi_helpers.data.schema import Table, check_table, read_table
from kzsi_helpers.data.validate import available, frictionless_problems
from kzsi_helpers.i18n.datatext import translate_table
from kzsi_helpers.i18n.language import current_language
from kzsi_helpers.i18n.messages import messages

__all__ = [
    "load", "table_names", "data_folder", "read_package", "require_table", "write_validated_manifest",
]

_MEMO: OrderedDict[tuple[str, str], _Loaded] = OrderedDict()
_MEMO_SIZE = 128


def data_folder(path: str | os.PathLike[str] | None = None) -> Path:
    """Return the folder that holds ``datapackage.json``.

    Parameters
    ----------
    path : str or path-like, optional
        A folder to use instead of the default, :func:`kzsi_helpers.course.paths.data_dir`
        (``$KZSI_DATA_DIR``, the course folder's ``data/``, or the copy packaged in the wheel).

    Returns
    -------
    pathlib.Path
        The data folder (it is not checked here; :func:`load` reports a missing file).

    Examples
    --------
    >>> data_folder().name
    'data'
    """
    if path is not None:
        return Path(path)
    return paths.data_dir()


_display = display


def read_package(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Read ``datapackage.json`` as a dictionary.

    Parameters
    ----------
    path : str or path-like, optional
        The data folder (see :func:`data_folder`).

    Returns
    -------
    dict
        The package descriptor.

    Raises
    ------
    DataError
        If the descriptor is missing, unreadable or is not valid JSON.

    Examples
    --------
    >>> "resources" in read_package()
    True
    """
    descriptor = data_folder(path) / "datapackage.json"
    if not descriptor.is_file():
        raise DataError(f"{display(descriptor)}: file not found (the data package descriptor)")
    try:
        return json.loads(descriptor.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{display(descriptor)}, line {exc.lineno}: not valid JSON ({exc.msg})"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{display(descriptor)}: cannot be read ({exc})") from exc


def _tables(folder: Path) -> dict[str, dict[str, Any]]:
    return check_package(read_package(folder), folder / "datapackage.json")


def table_names(path: str | os.PathLike[str] | None = None) -> list[str]:
    """List the names of the tables declared in the data package.

    Parameters
    ----------
    path : str or path-like, optional
        The data folder (see :func:`data_folder`).

    Returns
    -------
    list of str
        Table names, in the order the package declares them.

    Raises
    ------
    DataError
        If ``datapackage.json`` is missing or wrong.

    Examples
    --------
    >>> "events" in table_names()
    True
    """
    return list(_tables(data_folder(path)))


def require_table(frame: object, columns: Iterable[str], table: str, purpose: str) -> pd.DataFrame:
    """Check that a chart or map was given a non-empty table with the columns it needs.

    Charts and maps take DataFrames (they never read files), so a student may pass the wrong
    thing; this says what was expected in words a student can act on.

    Parameters
    ----------
    frame : object
        What was passed in.
    columns : iterable of str
        The columns needed.
    table : str
        The course table it should look like (``load(table)`` returns one).
    purpose : str
        Who is asking, e.g. ``"plot_timeline"``, to start the message.

    Returns
    -------
    pandas.DataFrame
        ``frame`` itself, unchanged.

    Raises
    ------
    DataError
        If ``frame`` is not a DataFrame, lacks a column, or has no rows.

    Examples
    --------
    >>> require_table(load("places"), ["lat", "lon"], "places", "memorial_map").shape[0] > 0
    True
    >>> try:
    ...     require_table([], ["lat"], "places", "memorial_map")
    ... except DataError as err:
    ...     print(err)
    memorial_map needs a pandas DataFrame like load('places'), not list
    """
    needed = list(columns)
    if not isinstance(frame, pd.DataFrame):
        raise DataError(f"{purpose} needs a pandas DataFrame like load({table!r}), "
                        f"not {type(frame).__name__}")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise DataError(
            f"{purpose}: the {table} table has no column {', '.join(map(repr, missing))} "
            f"(missing the column(s) it needs: {', '.join(map(repr, needed))}; like load({table!r}))"
        )
    if frame.empty:
        raise DataError(f"{purpose}: the {table} table is empty (no rows): there is nothing to "
                        "draw or compute")
    return frame


def _typed(frame: pd.DataFrame, resource: dict[str, Any]) -> pd.DataFrame:
    """Convert validated text columns to the types the schema declares."""
    out = frame.copy()
    for field in resource["schema"]["fields"]:
        name, kind = field["name"], field.get("type", "string")
        if name not in out:
            continue
        text = out[name].astype(str)
        blank = text == ""
        if kind == "number":
            out[name] = pd.to_numeric(text.mask(blank)).astype("float64")
        elif kind in ("integer", "year"):
            out[name] = pd.to_numeric(text.mask(blank)).astype("Int64")
        elif kind == "boolean":
            true = set(field.get("trueValues", ["true", "True", "TRUE", "1"]))
            out[name] = pd.array(
                [None if b else v in true for v, b in zip(text, blank, strict=True)],
                dtype="boolean",
            )
        elif kind == "date":
            out[name] = pd.to_datetime(text.mask(blank), format="%Y-%m-%d")
        else:
            out[name] = text.astype("string")
        if field.get("kzsi:partialDate"):
            # A sortable timestamp for the start of the period; the text stays in the column.
            padded = [v + {4: "-01-01", 7: "-01"}.get(len(v), "") if v else None for v in text]
            out[f"{name}_start"] = pd.to_datetime(pd.Series(padded, index=out.index),
                                                  format="%Y-%m-%d")
    return out


@dataclass(frozen=True)
class _Loaded:
    """A checked table: what it was made from, its text and values, and its typed frame."""

    fingerprint: tuple[Any, ...]
    table: Table
    frame: pd.DataFrame


@cache
def _frictionless_here() -> bool:
    return available()


def _dependencies(name: str, resource: dict[str, Any], tables: dict[str, Any]) -> list[str]:
    """List the other tables this one refers to: its sources, and its foreign keys' tables."""
    needed = []
    reference = source_reference(resource, tables)
    if reference and reference[0] != name:
        needed.append(reference[0])
    for fk in resource["schema"].get("foreignKeys", []):
        target = fk["reference"]["resource"] or name
        if target != name and target not in needed:
            needed.append(target)
    return needed


def _load(name: str, folder: Path, tables: dict[str, dict[str, Any]],
          stack: tuple[str, ...] = ()) -> _Loaded:
    descriptor = folder / "datapackage.json"
    if name not in tables:
        raise DataError(f"{display(descriptor)}: no table named {name!r}; "
                        f"the tables are: {', '.join(tables)}")
    if name in stack:
        raise DataError(f"{display(descriptor)}: the tables {' -> '.join((*stack, name))} refer "
                        "to each other in a loop (source ids or foreign keys)")
    resource = tables[name]
    path = resource_file(resource, folder, descriptor)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{display(path)}: cannot be read ({exc.strerror or exc})") from exc
    key = data_cache.content_key(resource, raw)
    others = {d: _load(d, folder, tables, (*stack, name))
              for d in _dependencies(name, resource, tables)}
    fingerprint = (key, tuple((d, others[d].fingerprint) for d in others))
    remembered = _MEMO.get((str(folder), name))
    if remembered is not None and remembered.fingerprint == fingerprint:
        return remembered
    table = read_table(raw, resource, path)
    raise_problems(check_table(table, resource), path)
    source_ids = None
    reference = source_reference(resource, tables)
    if reference is not None:
        source_table = table if reference[0] == name else others[reference[0]].table
        column = [f["name"] for f in tables[reference[0]]["schema"]["fields"]].index(reference[1])
        source_ids = {str(v[column]) for v in source_table.values if v[column] is not None}
    targets = {d: loaded.table for d, loaded in others.items()} | {name: table}
    raise_problems(rule_problems(table, resource, source_ids)
                   + foreign_key_problems(table, resource, targets, tables), path)
    if not data_cache.is_validated(key, folder) and _frictionless_here():
        raise_problems(frictionless_problems(resource, folder, table, descriptor), path)
        data_cache.remember(key)
    frame = _typed(pd.DataFrame(table.rows, columns=table.names, dtype=object), resource)
    loaded = _Loaded(fingerprint, table, frame)
    _MEMO[(str(folder), name)] = loaded
    while len(_MEMO) > _MEMO_SIZE:
        _MEMO.popitem(last=False)
    return loaded


def load(name: str, data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load one table of the course's data package, typed by its schema and validated.

    Parameters
    ----------
    name : str
        A table declared in ``datapackage.json``: ``sources``, ``events``, ``places``,
        ``trade_kz``, ... (see :func:`table_names`).
    data_dir : str or path-like, optional
        The folder holding ``datapackage.json`` (default: the course's ``data/``).

    Returns
    -------
    pandas.DataFrame
        One row per row of the CSV. Numbers are floats, whole numbers and years ``Int64``, text
        ``string``. A partial date column ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) is kept
        as text and gets a companion ``date_start`` column of timestamps (the first day of the
        period). The frame is a fresh copy: changing it does not change the next ``load``.

    Raises
    ------
    DataError
        If the table is unknown, its file is missing, outside the data folder or unreadable, the
        descriptor is wrong, or any cell breaks the schema or the course's rules; the message
        names the file, line and column.

    Examples
    --------
    >>> events = load("events")
    >>> events.loc[events["id"] == "diplomatic-relations", "date"].item()
    '1992-10-20'
    """
    folder = data_folder(data_dir).resolve()
    if not (folder / "datapackage.json").is_file():
        raise DataError(f"{display(folder / 'datapackage.json')}: file not found")
    frame = _load(name, folder, _tables(folder)).frame.copy()
    return translate_table(name, frame, messages(current_language(), "data"))  # text columns only


def write_validated_manifest(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Validate every table with Frictionless and record their content keys in ``validated.json``.

    The wheel build writes it into the packaged copy of ``data/``, so that :func:`load` can trust
    the tables where Frictionless cannot be installed (the browser edition). Later edits change the
    keys, so an edited table is never trusted by mistake.

    Parameters
    ----------
    data_dir : str or path-like, optional
        The data folder (default: the course's ``data/``).

    Returns
    -------
    pathlib.Path
        The manifest written (replaced whole, never half-written).

    Raises
    ------
    DataError
        If Frictionless is not installed, or any table does not validate.

    Examples
    --------
    >>> import shutil, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     copy = shutil.copytree(data_folder(), Path(tmp) / "data")
    ...     manifest = json.loads(write_validated_manifest(copy).read_text(encoding="utf-8"))
    >>> sorted(manifest["tables"]) == sorted(table_names())
    True
    """
    folder = data_folder(data_dir).resolve()
    if not _frictionless_here():
        raise DataError("write_validated_manifest needs Frictionless (pip install frictionless)")
    tables = _tables(folder)
    keys = {}
    for name, resource in tables.items():
        loaded = _load(name, folder, tables)
        path = resource_file(resource, folder, folder / "datapackage.json")
        raise_problems(frictionless_problems(resource, folder, loaded.table,
                                             folder / "datapackage.json"), path)
        keys[name] = loaded.fingerprint[0]
    target = folder / data_cache.MANIFEST
    data_cache.write_json(target, {"format": "kzsi-validated/1", "keys": sorted(keys.values()),
                                   "tables": keys})
    return target
