r"""Read a table's CSV and check it against its Table Schema, in plain Python (no Frictionless).

This runs on every load, everywhere (also in the browser edition, where Frictionless cannot be
installed). It reads the file as the declared dialect (UTF-8, a header line, commas) and checks the
subset of the Table Schema that ``datapackage.json`` uses: the header (every field, in order, no
padding, no extra or unnamed column), one cell per column, no blank line inside the table, the types
(string, number, integer, boolean, date, year; numbers finite and written plainly), the constraints
``required``, ``enum``, ``minimum``, ``maximum``, ``pattern``, ``minLength``, ``maxLength``, ``unique``,
the primary key, and at least ``kzsi:minRows`` rows (1 unless the schema says otherwise). Lines are
counted as an editor shows them, also after a quoted field that spans lines.

Examples
--------
>>> resource = {"name": "t", "schema": {"fields": [{"name": "a", "type": "number"}]}}
>>> table = read_table(b"a\n1.5\n", resource, Path("t.csv"))
>>> check_table(table, resource), table.values
([], [[1.5]])
>>> table = read_table(b"a\ninf\n", resource, Path("t.csv"))
>>> check_table(table, resource)[0].text
"expected a finite number, found 'inf' (infinity and NaN are not values a table can hold)"
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzsi_helpers.data.descriptor import delimiter, key_fields
from kzsi_helpers.data.errors import DataError, Problem, display

__all__ = ["Table", "read_table", "check_table", "parse_cell"]

# ASCII digits only: \d alone would let Arabic-Indic or fullwidth digits through the checks, to fail
# later inside pandas
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_YEAR = re.compile(r"\d{4}", re.ASCII)
# control characters (NUL and the like); a line break inside a quoted text is allowed
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_FINITE = re.compile(r"[+-]?(?:inf|infinity|nan)", re.IGNORECASE)
_DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
_TRUE = ["true", "True", "TRUE", "1"]
_FALSE = ["false", "False", "FALSE", "0"]
_SAVE_AS = ("In LibreOffice Calc use File > Save As, 'Text CSV (.csv)', tick 'Edit filter settings', "
            "and choose character set 'Unicode (UTF-8)' and field delimiter ','; in Excel choose "
            "'CSV UTF-8 (Comma delimited) (*.csv)' (if it still writes ';', the list separator in "
            "the Windows region settings decides it).")


@dataclass
class Table:
    """A CSV read as text: header, data rows (blank trailing lines dropped) and their lines."""

    names: list[str]
    rows: list[list[str]]
    #: The line (as an editor counts) where each data row starts.
    lines: list[int]
    #: The start line of every CSV record, the header first (Frictionless' row numbers - 1).
    record_lines: list[int]
    #: Parsed cell values (None for an empty cell), filled by :func:`check_table`.
    values: list[list[Any]] = field(default_factory=list)


def _letter(index: int) -> str:
    """Return a spreadsheet's column letter for a 0-based index (0 -> A, 26 -> AA)."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


def read_table(raw: bytes, resource: dict[str, Any], path: Path) -> Table:
    """Read a CSV file's bytes as the resource's dialect.

    Raises
    ------
    DataError
        If the file is not UTF-8, is empty, uses another delimiter than declared, or is not
        readable as CSV (for example an unclosed quote).
    """
    where = display(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"{where}, line {line}: not UTF-8 text (byte {raw[exc.start]:#04x}); the "
                        f"file was saved in another encoding. {_SAVE_AS}") from None
    text = text.removeprefix("\ufeff")  # the byte order mark Excel writes before 'CSV UTF-8'
    if not text.strip():
        raise DataError(f"{where}: the file is empty; expected a header line with the columns "
                        f"{', '.join(f['name'] for f in resource['schema']['fields'])}")
    sep = delimiter(resource)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(f"{where}, line {reader.line_num}: not readable as CSV ({exc}); is a "
                        "double quote missing or stray?") from None
    names = records[0][1]
    expected = [f["name"] for f in resource["schema"]["fields"]]
    first_line = text.splitlines()[0]
    if len(names) < len(expected):
        for other, label in _DELIMITERS.items():
            if other != sep and len(first_line.split(other)) > len(names):
                raise DataError(
                    f"{where}, line 1: the columns are separated by {label} ({other!r}), but "
                    f"datapackage.json declares {_DELIMITERS.get(sep, repr(sep))} ({sep!r}) for "
                    f"table {resource['name']!r}; found {first_line[:70]!r}. Spreadsheets with "
                    f"Slovene (and other European) settings save CSV with semicolons. {_SAVE_AS}")
    while len(records) > 1 and not any(cell.strip() for cell in records[-1][1]):
        records.pop()  # empty lines at the end of the file hold nothing: not part of the table
    return Table(names=names, rows=[r for _, r in records[1:]], lines=[n for n, _ in records[1:]],
                 record_lines=[n for n, _ in records])


def _header_problems(names: list[str], expected: list[str], table: str) -> list[Problem]:
    problems = []
    for index, name in enumerate(names):
        where = f"column {index + 1} (spreadsheet column {_letter(index)})"
        if name.strip() != name and name.strip() in expected:
            problems.append(Problem(1, name.strip(), f"the header has {name!r}, with spaces around "
                                    f"the name: write {name.strip()!r}"))
        elif not name.strip():
            problems.append(Problem(1, None, f"{where} has no name in the header: an extra column "
                                    "(delete it, or name it and declare it in datapackage.json)"))
        elif name not in expected:
            problems.append(Problem(1, name, f"{where} is not in table {table!r} of "
                                    "datapackage.json (delete it, or declare it there)"))
        elif names.count(name) > 1 and names.index(name) < index:
            problems.append(Problem(1, name, "the column appears twice in the header"))
    present = {n.strip() for n in names}
    problems += [Problem(1, name, "required column is missing from the header")
                 for name in expected if name not in present]
    if not problems and names != expected:
        problems.append(Problem(1, None, "the columns are in another order than datapackage.json "
                                f"declares; expected {', '.join(expected)}"))
    return problems


def _number_problem(text: str) -> str:
    if _NOT_FINITE.fullmatch(text):
        return f"expected a finite number, found {text!r} (infinity and NaN are not values a " \
            "table can hold)"
    if _NUMBER.fullmatch(text):
        return f"expected a number, found {text!r}, which is too large (more than about 1.8e308)"
    plain = re.sub(r"[_\s']", "", text)
    if plain != text and _NUMBER.fullmatch(plain):
        return f"expected a number, found {text!r}: write it without separators, as {plain}"
    if _NUMBER.fullmatch(text.replace(",", ".", 1)):
        return f"expected a number, found {text!r}: use a point for decimals, as " \
            f"{text.replace(',', '.', 1)}"
    return f"expected a number, found {text!r}"


def _script_problem(text: str) -> str | None:
    """Say so when a number or date is written with digits of another script (Arabic-Indic...)."""
    others = sorted({c for c in text if c.isdigit() and not c.isascii()})
    if others:
        return (f"found {text!r}, with digits of another script ({' '.join(others)}): write the "
                "digits 0-9")
    return None


def parse_cell(spec: dict[str, Any], text: str) -> Any:
    """Turn a non-empty cell into a Python value of the field's type.

    Raises
    ------
    ValueError
        With the sentence that says what was expected and what was found.

    Examples
    --------
    >>> parse_cell({"type": "integer"}, "2023"), parse_cell({"type": "number"}, "-0.5")
    (2023, -0.5)
    >>> parse_cell({"type": "number"}, "17_073.5")
    Traceback (most recent call last):
    ...
    ValueError: expected a number, found '17_073.5': write it without separators, as 17073.5
    >>> parse_cell({"type": "integer"}, "٢٠٢٣")
    Traceback (most recent call last):
    ...
    ValueError: expected a number, found '٢٠٢٣', with digits of another script (٠ ٢ ٣): write the digits 0-9
    """  # noqa: E501
    kind = spec.get("type", "string")
    if _CONTROL.search(text):
        found = sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(text)})
        raise ValueError(f"a control character ({', '.join(found)}, invisible in most editors) in "
                         f"{text!r}: delete it")
    if kind != "string" and (problem := _script_problem(text)):
        raise ValueError(f"expected {'a date' if kind == 'date' else 'a number'}, {problem}")
    if kind == "number":
        value = float(text) if _NUMBER.fullmatch(text) else math.inf
        if not math.isfinite(value):
            raise ValueError(_number_problem(text))
        return value
    if kind in ("integer", "year"):
        pattern, wanted = (_INTEGER, "a whole number") if kind == "integer" else \
            (_YEAR, "a year (YYYY)")
        if not pattern.fullmatch(text) or abs(int(text)) >= 2**63:
            raise ValueError(f"expected {wanted}, found {text!r}")
        return int(text)
    if kind == "boolean":
        true, false = spec.get("trueValues", _TRUE), spec.get("falseValues", _FALSE)
        if text in true or text in false:
            return text in true
        raise ValueError(f"expected true or false ({', '.join(true + false)}), found {text!r}")
    if kind == "date":
        try:
            if not _DATE.fullmatch(text):
                raise ValueError(text)
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"expected a date YYYY-MM-DD, found {text!r}") from None
    return text


def _constraint_problem(spec: dict[str, Any], text: str, value: Any) -> str | None:
    rules = spec.get("constraints", {})
    found = f"found {text!r}"
    if "enum" in rules:
        allowed = [parse_cell(spec, str(v)) if not isinstance(v, str) else v for v in rules["enum"]]
        if value not in allowed and text not in rules["enum"]:
            return f"expected one of {', '.join(map(str, rules['enum']))}; {found}"
    low, high = rules.get("minimum"), rules.get("maximum")
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            return f"expected a value between {low} and {high}, {found}"
        return f"expected a value of at least {low}, {found}" if low is not None else \
            f"expected a value of at most {high}, {found}"
    # re.ASCII: a pattern's \d means the digits 0-9, as in the Table Schema (not Arabic-Indic ones)
    if "pattern" in rules and isinstance(value, str) and not re.fullmatch(rules["pattern"], text,
                                                                          re.ASCII):
        if _script_problem(text):
            return f"does not match the expected form {rules['pattern']!r}; {_script_problem(text)}"
        hint = spec.get("description", "")
        return f"does not match the expected form {rules['pattern']!r} ({hint}); {found}"
    short, long = rules.get("minLength"), rules.get("maxLength")
    if (short is not None and len(text) < short) or (long is not None and len(text) > long):
        return f"expected between {short or 0} and {long if long is not None else 'any number of'} " \
            f"characters, found {len(text)}: {text!r}"
    return None


def _cell_problems(table: Table, specs: list[dict[str, Any]], key: list[str]) -> list[Problem]:
    problems = []
    width = len(specs)
    for line, row in zip(table.lines, table.rows, strict=True):
        values: list[Any] = [None] * width
        table.values.append(values)
        if not any(cell.strip() for cell in row):
            problems.append(Problem(line, None, "blank line inside the table: delete it"))
            continue
        if len(row) != width:
            hint = ("a text with a comma must be in double quotes" if len(row) > width
                    else "is a separator or a cell missing?")
            problems.append(Problem(line, None, f"{len(row)} cells, but the header has {width} "
                                    f"columns ({hint})"))
            continue
        for index, (spec, text) in enumerate(zip(specs, row, strict=True)):
            name = spec["name"]
            if text == "":
                if spec.get("constraints", {}).get("required") or name in key:
                    problems.append(Problem(line, name, "a value is required, found an empty cell"))
                continue
            try:
                values[index] = parse_cell(spec, text)
            except ValueError as exc:
                problems.append(Problem(line, name, str(exc)))
                continue
            issue = _constraint_problem(spec, text, values[index])
            if issue:
                problems.append(Problem(line, name, issue))
    return problems


def _duplicates(table: Table, columns: list[int], label: str, names: str) -> list[Problem]:
    problems = []
    seen: dict[tuple[Any, ...], int] = {}
    for line, values, row in zip(table.lines, table.values, table.rows, strict=True):
        key = tuple(values[i] for i in columns)
        if any(v is None for v in key):
            continue
        if key in seen:
            shown = ", ".join(row[i] for i in columns)
            problems.append(Problem(line, label, f"duplicate key ({names}): {shown!r} is already "
                                    f"used on line {seen[key]}"))
        else:
            seen[key] = line
    return problems


def check_table(table: Table, resource: dict[str, Any]) -> list[Problem]:
    """Check a table read by :func:`read_table` against its schema; fill ``table.values``.

    Returns
    -------
    list of Problem
        Every problem found (empty if the table is valid).
    """
    schema = resource["schema"]
    specs = schema["fields"]
    expected = [f["name"] for f in specs]
    problems = _header_problems(table.names, expected, resource["name"])
    if problems:
        return problems
    key = key_fields(schema["primaryKey"]) if "primaryKey" in schema else []
    problems = _cell_problems(table, specs, key)
    if key:
        problems += _duplicates(table, [expected.index(k) for k in key],
                                key[0] if len(key) == 1 else ", ".join(key), ", ".join(key))
    for index, spec in enumerate(specs):
        if spec.get("constraints", {}).get("unique") and key != [spec["name"]]:
            problems += _duplicates(table, [index], spec["name"], spec["name"])
    minimum = schema.get("kzsi:minRows", 1)
    if len(table.rows) < minimum:
        problems.append(Problem(None, None, (
            f"the table has {len(table.rows) or 'no'} row(s) under its header, but at least "
            f"{minimum} are needed; if it may have fewer, set \"kzsi:minRows\" in its schema in "
            "datapackage.json")))
    return sorted(problems, key=lambda p: (p.line or 0))
