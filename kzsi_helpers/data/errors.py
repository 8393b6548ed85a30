"""The data layer's error, and how its messages name the file, line and column.

Examples
--------
>>> try:
...     raise_problems([Problem(4, "lat", "expected a number, found 'abc'")], Path("places.csv"))
... except DataError as err:
...     print(err)
places.csv, line 4, column 'lat': expected a number, found 'abc'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["DataError", "Problem", "display", "raise_problems"]

#: At most this many problems are listed in one message (the count says how many there were).
SHOWN = 10


class DataError(ValueError):
    """A data table is missing, malformed or inconsistent.

    The message names the file, the line (1 is the header, counted as an editor shows it),
    the column and what was expected, so a student or maintainer can open the CSV and fix the cell.

    Examples
    --------
    >>> err = DataError("data/places.csv, line 4, column 'lat': expected a number, found 'abc'")
    >>> isinstance(err, ValueError)
    True
    """


# Tracebacks name the error as students import it: kzsi_helpers.DataError.
DataError.__module__ = "kzsi_helpers"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a table: where (line as an editor shows it, column) and what."""

    line: int | None
    column: str | None
    text: str


def display(path: Path) -> str:
    """Show a path relative to the working directory when possible (shorter messages).

    Examples
    --------
    >>> display(Path.cwd() / "data" / "events.csv") == str(Path("data", "events.csv"))
    True
    """
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


def raise_problems(problems: list[Problem], path: Path) -> None:
    """Raise one :class:`DataError` listing ``problems`` (in ``path``); do nothing if there are none."""
    if not problems:
        return
    lines = []
    for p in problems[:SHOWN]:
        where = [display(path)]
        if p.line is not None:
            where.append(f"line {p.line}")
        if p.column is not None:
            where.append(f"column {p.column!r}")
        lines.append(f"{', '.join(where)}: {p.text}")
    count = len(problems)
    more = f"\n... and {count - SHOWN} more problem(s)" if count > SHOWN else ""
    head = f"{display(path)} did not load ({count} problem(s)):\n" if count > 1 else ""
    raise DataError(head + "\n".join(lines) + more)
