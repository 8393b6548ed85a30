"""Load the course's data tables, typed by their schema and validated.

Every table in ``data/`` is declared in ``data/datapackage.json`` (a Frictionless Data Package).
:func:`load` checks a table against its Table Schema with Frictionless, then adds the checks that
Frictionless cannot express (source ids that must exist in ``sources``, partial ISO dates that must be
real days, date precision that must match the date), and only then builds a typed DataFrame. Any problem
raises :class:`DataError` naming the file, the line, the column and what was expected: a table is
loaded whole or not at all.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from kzsi_helpers import paths

__all__ = ["DataError", "load", "table_names", "data_folder", "read_package", "split_ids",
           "require_table"]

#: Fields whose name ends like this hold ids of rows in ``sources``, separated by ``;``.
SOURCE_ID_FIELDS = ("source_ids",)
#: Separator between ids in a ``source_ids`` cell.
ID_SEPARATOR = ";"
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}


class DataError(ValueError):
    """A data table is missing, malformed or inconsistent.

    The message names the file, the line (1 is the header), the column and what was expected,
    so a student or maintainer can open the CSV and fix the cell.

    Examples
    --------
    >>> err = DataError("data/places.csv, line 4, column 'lat': expected a number, found 'abc'")
    >>> isinstance(err, ValueError)
    True
    """


@dataclass(frozen=True)
class _Problem:
    line: int | None
    column: str | None
    text: str


def data_folder(path: str | os.PathLike[str] | None = None) -> Path:
    """Return the folder that holds ``datapackage.json``.

    Parameters
    ----------
    path : str or path-like, optional
        A folder to use instead of the default, :func:`kzsi_helpers.paths.data_dir`
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


def _display(path: Path) -> str:
    """Show a path relative to the working directory when possible (shorter messages)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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
        If the descriptor is missing or is not valid JSON.

    Examples
    --------
    >>> "resources" in read_package()
    True
    """
    folder = data_folder(path)
    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        raise DataError(f"{_display(descriptor)}: file not found (the data package descriptor)")
    try:
        return json.loads(descriptor.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{_display(descriptor)}, line {exc.lineno}: not valid JSON ({exc.msg})"
        ) from exc


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

    Examples
    --------
    >>> "events" in table_names()
    True
    """
    return [res["name"] for res in read_package(path)["resources"]]


def split_ids(cell: str) -> list[str]:
    """Split a ``source_ids`` cell into its ids.

    Parameters
    ----------
    cell : str
        Ids separated by ``;`` (spaces around them are ignored).

    Returns
    -------
    list of str
        The ids, in order, without empty items.

    Examples
    --------
    >>> split_ids("kazinform-2022; mfa-kz-povir")
    ['kazinform-2022', 'mfa-kz-povir']
    """
    return [part.strip() for part in str(cell).split(ID_SEPARATOR) if part.strip()]


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


def _resource(package: dict[str, Any], name: str, folder: Path) -> dict[str, Any]:
    names = [res["name"] for res in package["resources"]]
    if name not in names:
        raise DataError(
            f"{_display(folder / 'datapackage.json')}: no table named {name!r}; "
            f"the tables are: {', '.join(names)}"
        )
    return package["resources"][names.index(name)]


def _frictionless_problems(resource: dict[str, Any], folder: Path) -> list[_Problem]:
    """Validate one resource with Frictionless and turn its errors into problems."""
    from frictionless import Resource, system  # imported here: slow, and only needed to load

    # Foreign keys between tables are checked by the package-level test; a lone resource cannot.
    descriptor = dict(resource)
    descriptor["schema"] = {k: v for k, v in resource["schema"].items() if k != "foreignKeys"}
    with system.use_context(trusted=True):
        report = Resource(descriptor, basepath=str(folder)).validate()
    problems = []
    for error in report.flatten(["type", "rowNumber", "fieldName", "note", "cell", "message"]):
        kind, row, field, note, cell, message = error
        if kind == "missing-label":
            problems.append(_Problem(1, field, "required column is missing from the header"))
        elif kind in ("type-error", "constraint-error"):
            problems.append(_Problem(row, field, _explain(resource, field, note, cell)))
        elif kind in ("primary-key", "unique-error"):
            key = ", ".join(resource["schema"].get("primaryKey", [field]))
            problems.append(_Problem(row, field or key, f"duplicate key ({key}): {note}"))
        elif kind == "blank-row":
            problems.append(_Problem(row, None, "blank line"))
        else:
            problems.append(_Problem(row, field, message))
    return problems


def _field(resource: dict[str, Any], name: str | None) -> dict[str, Any]:
    for field in resource["schema"]["fields"]:
        if field["name"] == name:
            return field
    return {}


def _explain(resource: dict[str, Any], field_name: str | None, note: str, cell: Any) -> str:
    """Say in plain words what a cell should hold."""
    field = _field(resource, field_name)
    constraints = field.get("constraints", {})
    found = f"found {cell!r}" if cell not in (None, "") else "found an empty cell"
    if note.startswith("type is"):
        wanted = {"number": "a number", "integer": "a whole number", "boolean": "true or false",
                  "date": "a date YYYY-MM-DD", "year": "a year (YYYY)"}.get(field.get("type", ""),
                                                                          field.get("type", "?"))
        return f"expected {wanted}, {found}"
    if "required" in note:
        return f"a value is required, {found}"
    if "enum" in note:
        return f"expected one of {', '.join(map(str, constraints['enum']))}; {found}"
    if "minimum" in note or "maximum" in note:
        low, high = constraints.get("minimum"), constraints.get("maximum")
        return f"expected a value between {low} and {high}, {found}"
    if "pattern" in note:
        hint = field.get("description", "")
        return f"does not match the expected form {constraints['pattern']!r} ({hint}); {found}"
    return f"{note}; {found}"


def _partial_date(text: str) -> str | None:
    """Return None if ``text`` is a real YYYY, YYYY-MM or YYYY-MM-DD date, else the problem."""
    match = _PARTIAL_DATE.match(text)
    if not match:
        return f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {text!r}"
    year, month, day = match.groups()
    try:
        _dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        return f"{text!r} is not a real date ({exc})"
    return None


def _extra_problems(
    frame: pd.DataFrame, resource: dict[str, Any], source_ids: set[str] | None
) -> list[_Problem]:
    """Check what Frictionless cannot express: partial dates, precision, list foreign keys."""
    problems: list[_Problem] = []
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    date_fields = [n for n, f in fields.items() if f.get("kzsi:partialDate")]
    for offset, row in enumerate(frame.itertuples(index=False), start=2):
        values = row._asdict()
        for name in date_fields:
            text = values.get(name, "")
            if text:
                issue = _partial_date(text)
                if issue:
                    problems.append(_Problem(offset, name, issue))
        precision_of = resource["schema"].get("kzsi:precisionOf")
        if precision_of and values.get("precision") and values.get(precision_of):
            expected = _PRECISION_BY_LENGTH.get(len(values[precision_of]))
            if expected and values["precision"] != expected:
                problems.append(
                    _Problem(
                        offset,
                        "precision",
                        f"{values[precision_of]!r} is a {expected}-precision date, "
                        f"but precision says {values['precision']!r}",
                    )
                )
        if source_ids is not None:
            for name in SOURCE_ID_FIELDS:
                if name in values and values[name]:
                    missing = [i for i in split_ids(values[name]) if i not in source_ids]
                    if missing:
                        problems.append(
                            _Problem(
                                offset,
                                name,
                                f"source id(s) {', '.join(map(repr, missing))} not found in "
                                "sources.csv (add the source there first)",
                            )
                        )
    return problems


def _raise(problems: list[_Problem], path: Path) -> None:
    if not problems:
        return
    lines = []
    for p in problems[:10]:
        where = [_display(path)]
        if p.line is not None:
            where.append(f"line {p.line}")
        if p.column is not None:
            where.append(f"column {p.column!r}")
        lines.append(f"{', '.join(where)}: {p.text}")
    more = f"\n... and {len(problems) - 10} more problem(s)" if len(problems) > 10 else ""
    head = f"{_display(path)} did not load ({len(problems)} problem(s)):\n" if len(problems) > 1 else ""
    raise DataError(head + "\n".join(lines) + more)


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
        elif kind == "integer":
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


@lru_cache(maxsize=64)
def _load_cached(name: str, folder: str, stamp: tuple[tuple[str, float, int], ...]) -> pd.DataFrame:
    path = Path(folder)
    package = read_package(path)
    resource = _resource(package, name, path)
    csv = path / resource["path"]
    if not csv.is_file():
        raise DataError(f"{_display(csv)}: file not found (table {name!r} in datapackage.json)")
    _raise(_frictionless_problems(resource, path), csv)
    frame = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8")
    source_ids = None
    if any(f in frame.columns for f in SOURCE_ID_FIELDS):
        sources = _load_cached("sources", folder, stamp) if name != "sources" else frame
        source_ids = set(sources["id"].astype(str))
    _raise(_extra_problems(frame, resource, source_ids), csv)
    return _typed(frame, resource)


def _stamp(folder: Path) -> tuple[tuple[str, float, int], ...]:
    """Modification times of the data files, so an edited CSV is re-read."""
    files = sorted(folder.glob("*.csv")) + [folder / "datapackage.json"]
    return tuple((f.name, f.stat().st_mtime, f.stat().st_size) for f in files if f.exists())


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
        One row per line of the CSV. Numbers are floats, whole numbers ``Int64``, text ``string``.
        A partial date column ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) is kept as text and
        gets a companion ``date_start`` column of timestamps (the first day of the period).
        The frame is a fresh copy: changing it does not change the next ``load``.

    Raises
    ------
    DataError
        If the table is unknown, its file is missing, or any cell breaks the schema; the message names
        the file, line and column.

    Examples
    --------
    >>> events = load("events")
    >>> events.loc[events["id"] == "diplomatic-relations", "date"].item()
    '1992-10-20'
    """
    folder = data_folder(data_dir).resolve()
    if not (folder / "datapackage.json").is_file():
        raise DataError(f"{_display(folder / 'datapackage.json')}: file not found")
    return _load_cached(name, str(folder), _stamp(folder)).copy()
