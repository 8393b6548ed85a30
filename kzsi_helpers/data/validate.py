"""Validate one table with Frictionless (where it is installed) and word its errors for people.

Frictionless is imported only here, only when a table's content has not been validated before
(see :mod:`kzsi_helpers.data.cache`): importing it (and jsonschema under it) costs about two seconds.

Examples
--------
>>> available() in (True, False)
True
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from kzsi_helpers.data.descriptor import key_fields
from kzsi_helpers.data.errors import DataError, Problem, display
from kzsi_helpers.data.schema import Table

__all__ = ["available", "frictionless_problems"]


def available() -> bool:
    """Tell whether Frictionless can be imported here (not in the browser edition)."""
    try:
        importlib.import_module("frictionless")
    except ImportError:
        return False
    return True


def _line(table: Table, row: int | None) -> int | None:
    """Return the editor line of Frictionless' row number (1 is the header)."""
    if row is None:
        return None
    if 0 < row <= len(table.record_lines):
        return table.record_lines[row - 1]
    return row


def frictionless_problems(resource: dict[str, Any], folder: Path, table: Table,
                          descriptor: Path) -> list[Problem]:
    """Validate one resource with Frictionless and turn its errors into problems.

    Foreign keys are left out (a lone resource cannot check them; :mod:`kzsi_helpers.data.rules`
    does), and so are errors on the empty lines that may end a file (they hold nothing).
    """
    from frictionless import FrictionlessException, Resource, system

    descriptor_entry = dict(resource)
    descriptor_entry["schema"] = {k: v for k, v in resource["schema"].items()
                                  if k != "foreignKeys"}
    try:
        with system.use_context(trusted=True):
            report = Resource(descriptor_entry, basepath=str(folder)).validate()
    except FrictionlessException as exc:
        raise DataError(f"{display(descriptor)}, resource {resource['name']!r}: "
                        f"{exc.error.message}") from None
    last = len(table.record_lines)
    problems = []
    errors = report.flatten(["type", "rowNumber", "fieldName", "note", "cell", "message"])
    for error in errors:
        kind, row, field, note, cell, message = error
        if row is not None and row > last:
            continue
        line = _line(table, row)
        if kind == "missing-label":
            problems.append(Problem(1, field, "required column is missing from the header"))
        elif kind in ("type-error", "constraint-error"):
            found = f"found {cell!r}" if cell not in (None, "") else "found an empty cell"
            problems.append(Problem(line, field, f"{note}; {found}"))
        elif kind in ("primary-key", "unique-error"):
            key = ", ".join(key_fields(resource["schema"].get("primaryKey", field or "?")))
            problems.append(Problem(line, field or key, f"duplicate key ({key}): {note}"))
        elif kind == "blank-row":
            problems.append(Problem(line, None, "blank line"))
        else:
            problems.append(Problem(line, field, message))
    if not report.valid and not errors:
        problems.append(Problem(None, None, "Frictionless found the table invalid: "
                                + "; ".join(e.message for e in report.errors)))
    return problems
