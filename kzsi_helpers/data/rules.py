"""The course's own rules, checked on every load after the schema: what Frictionless cannot express.

- ``kzsi:partialDate`` fields hold ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and a real day;
- ``kzsi:precisionOf``: the ``precision`` column matches the length of that date;
- every id in a ``source_ids`` cell is a row of ``sources`` (``kzsi:sourceIdsReference``);
- foreign keys between tables (``foreignKeys``, for example ``trade_kz.year`` ->
  ``exchange_rates.year``): every value must be in the other table.

Examples
--------
>>> partial_date("1992-10"), partial_date("1992-02-30")
(None, "'1992-02-30' is not a real date (day is out of range for month)")
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kzsi_helpers.data.descriptor import key_fields
from kzsi_helpers.data.errors import Problem
from kzsi_helpers.data.schema import Table

__all__ = ["SOURCE_ID_FIELDS", "ID_SEPARATOR", "split_ids", "partial_date", "rule_problems",
           "source_reference", "foreign_key_problems"]

#: Fields that hold ids of rows in ``sources``, separated by ``;``.
SOURCE_ID_FIELDS = ("source_ids",)
#: Separator between ids in a ``source_ids`` cell.
ID_SEPARATOR = ";"
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}


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


def partial_date(text: str) -> str | None:
    """Return None if ``text`` is a real YYYY, YYYY-MM or YYYY-MM-DD date, else the problem."""
    match = _PARTIAL_DATE.match(text)
    if not match:
        return f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {text!r}"
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        return f"{text!r} is not a real date ({exc})"
    return None


def source_reference(resource: dict[str, Any], tables: dict[str, Any]) -> tuple[str, str] | None:
    """Return the (table, field) that ``source_ids`` cells point to, or None if the table has none."""
    names = [f["name"] for f in resource["schema"]["fields"]]
    if not any(f in names for f in SOURCE_ID_FIELDS):
        return None
    table, _, field = str(resource["schema"].get("kzsi:sourceIdsReference", "sources.id")) \
        .partition(".")
    return (table, field or "id") if table in tables else None


def rule_problems(table: Table, resource: dict[str, Any], source_ids: set[str] | None
                  ) -> list[Problem]:
    """Check partial dates, date precision and source ids of a table that passed its schema."""
    problems: list[Problem] = []
    schema = resource["schema"]
    names = [f["name"] for f in schema["fields"]]
    dates = [n for n, f in zip(names, schema["fields"], strict=True) if f.get("kzsi:partialDate")]
    precision_of = schema.get("kzsi:precisionOf")
    for line, row in zip(table.lines, table.rows, strict=True):
        values = dict(zip(names, row, strict=True))
        for name in dates:
            issue = partial_date(values[name]) if values[name] else None
            if issue:
                problems.append(Problem(line, name, issue))
        if precision_of and values.get("precision") and values.get(precision_of):
            expected = _PRECISION_BY_LENGTH.get(len(values[precision_of]))
            if expected and values["precision"] != expected:
                problems.append(Problem(line, "precision",
                                        f"{values[precision_of]!r} is a {expected}-precision date, "
                                        f"but precision says {values['precision']!r}"))
        if source_ids is None:
            continue
        for name in SOURCE_ID_FIELDS:
            missing = [i for i in split_ids(values.get(name, "")) if i not in source_ids]
            if missing:
                problems.append(Problem(line, name,
                                        f"source id(s) {', '.join(map(repr, missing))} not found in "
                                        "sources.csv (add the source there first)"))
    return problems


def foreign_key_problems(table: Table, resource: dict[str, Any], targets: dict[str, Table],
                         target_resources: dict[str, dict[str, Any]]) -> list[Problem]:
    """Check every foreign key of ``resource``: each value must be a row of the table it names.

    ``targets`` holds the referenced tables (checked, with their values), by name.
    """
    problems = []
    names = [f["name"] for f in resource["schema"]["fields"]]
    for fk in resource["schema"].get("foreignKeys", []):
        local = key_fields(fk["fields"])
        target_name = fk["reference"]["resource"] or resource["name"]
        remote = key_fields(fk["reference"]["fields"])
        target = targets[target_name]
        target_names = [f["name"] for f in target_resources[target_name]["schema"]["fields"]]
        columns = [target_names.index(f) for f in remote]
        known = {tuple(values[i] for i in columns) for values in target.values}
        mine = [names.index(f) for f in local]
        label = local[0] if len(local) == 1 else ", ".join(local)
        for line, values, row in zip(table.lines, table.values, table.rows, strict=True):
            key = tuple(values[i] for i in mine)
            if any(v is None for v in key) or key in known:
                continue
            shown = ", ".join(row[i] for i in mine)
            problems.append(Problem(line, label, (
                f"{shown!r} is not in table {target_name!r} (column {', '.join(remote)}): add that "
                f"row to {target_resources[target_name]['path']} first (a foreign key declared "
                "in datapackage.json)")))
    return problems
