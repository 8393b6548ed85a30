"""Check ``datapackage.json`` itself, and find a table's file without leaving the data folder.

The loader supports a subset of the Frictionless Table Schema: the one the course uses. Anything
outside it (an unknown field type, a constraint or parsing option it does not check, a schema kept in
another file) is refused here with a :class:`DataError` naming ``datapackage.json``, the resource and
the field, so no rule of the schema is ever silently skipped by the pure-Python checks.

Examples
--------
>>> tables = check_package({"resources": [{"name": "t", "path": "t.csv",
...     "schema": {"fields": [{"name": "a", "type": "integer"}]}}]}, Path("datapackage.json"))
>>> list(tables)
['t']
>>> try:
...     check_package({"resources": [{"name": "t", "path": "t.csv",
...         "schema": {"fields": [{"name": "a", "type": "numbr"}]}}]}, Path("datapackage.json"))
... except DataError as err:
...     print(str(err).split(" (")[0])
datapackage.json, resource 't', field 'a': unknown type 'numbr'
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from kzsi_helpers.data.errors import DataError, display

__all__ = ["TYPES", "CONSTRAINTS", "check_package", "resource_file", "key_fields", "delimiter"]

#: Field types the loader reads and checks.
TYPES = ("boolean", "date", "integer", "number", "string", "year")
#: Constraints the loader checks.
CONSTRAINTS = ("enum", "maximum", "maxLength", "minimum", "minLength", "pattern", "required", "unique")
#: Field properties that change how a cell is read; the loader does not implement them.
_UNSUPPORTED_FIELD = ("bareNumber", "decimalChar", "groupChar", "missingValues")
_DIALECT = {"delimiter", "header", "quoteChar", "doubleQuote", "lineTerminator"}


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def key_fields(value: object) -> list[str]:
    """Return a primary or foreign key's field names as a list (the schema allows a string or a list).

    Examples
    --------
    >>> key_fields("year"), key_fields(["year", "flow"])
    (['year'], ['year', 'flow'])
    """
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    raise TypeError(value)


def delimiter(resource: dict[str, Any]) -> str:
    """Return the column separator declared in the resource's dialect (a comma if none is declared)."""
    return str(resource.get("dialect", {}).get("delimiter", ","))


def _field_problems(field: Any, index: int) -> tuple[str, list[str]]:
    """Name a field (its name, or its position) and list what is wrong with its declaration."""
    if not isinstance(field, dict):
        return f"{index + 1}", ["expected an object with 'name' and 'type'"]
    name = field.get("name")
    if not isinstance(name, str) or not name:
        return f"{index + 1}", ["has no 'name'"]
    problems = []
    kind = field.get("type", "string")
    if kind not in TYPES:
        problems.append(f"unknown type {kind!r} (supported: {', '.join(TYPES)})")
    for key in _UNSUPPORTED_FIELD:
        if key in field:
            problems.append(f"{key!r} is not supported by the course's loader")
    if field.get("format", "default") != "default":
        problems.append(f"format {field['format']!r} is not supported (only the default format)")
    for key in ("trueValues", "falseValues"):
        values = field.get(key, [])
        if not (isinstance(values, list) and all(isinstance(v, str) for v in values)):
            problems.append(f"{key!r} must be a list of texts")
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        return name, [*problems, "'constraints' must be an object"]
    for key, value in constraints.items():
        if key not in CONSTRAINTS:
            problems.append(f"constraint {key!r} is not supported (supported: {', '.join(CONSTRAINTS)})")
        elif key in ("required", "unique") and not isinstance(value, bool):
            problems.append(f"constraint {key!r} must be true or false, found {value!r}")
        elif key in ("minimum", "maximum") and (kind not in ("number", "integer", "year")
                                                or not _is_number(value)):
            problems.append(f"constraint {key!r} must be a number on a number, integer or year "
                            f"field, found {value!r} on a {kind} field")
        elif key in ("minLength", "maxLength") and not (isinstance(value, int) and value >= 0):
            problems.append(f"constraint {key!r} must be a whole number >= 0, found {value!r}")
        elif key == "enum" and not (isinstance(value, list) and value):
            problems.append(f"constraint 'enum' must be a non-empty list, found {value!r}")
        elif key == "pattern":
            if kind != "string" or not isinstance(value, str):
                problems.append(f"constraint 'pattern' must be a text on a string field, found "
                                f"{value!r} on a {kind} field")
                continue
            try:
                re.compile(value)
            except re.error as exc:
                problems.append(f"invalid pattern {value!r} ({exc})")
    return name, problems


def _resource_problems(resource: Any, index: int) -> tuple[str, list[str], list[str]]:
    """Name a resource, list what is wrong with it, and return its field names."""
    if not isinstance(resource, dict):
        return f"resource {index + 1}", ["expected an object with 'name', 'path' and 'schema'"], []
    name = resource.get("name")
    label = repr(name) if isinstance(name, str) and name else f"{index + 1} (no name)"
    problems = [] if isinstance(name, str) and name else ["has no 'name'"]
    path = resource.get("path")
    if not isinstance(path, str) or not path:
        problems.append("'path' must be the name of one CSV file in the data folder, "
                        f"found {path!r}")
    if str(resource.get("encoding", "utf-8")).lower().replace("_", "-") not in ("utf-8", "utf8"):
        problems.append(f"encoding {resource['encoding']!r} is not supported (the tables are UTF-8)")
    if resource.get("format", "csv") != "csv":
        problems.append(f"format {resource['format']!r} is not supported (the tables are CSV)")
    dialect = resource.get("dialect", {})
    if not isinstance(dialect, dict):
        problems.append("'dialect' must be an object")
    else:
        if set(dialect) - _DIALECT:
            problems.append(f"dialect option(s) {sorted(set(dialect) - _DIALECT)} not supported")
        if dialect.get("header", True) is not True:
            problems.append("dialect 'header' must be true (every table starts with its header)")
        if not (isinstance(dialect.get("delimiter", ","), str)
                and len(dialect.get("delimiter", ",")) == 1):
            problems.append("dialect 'delimiter' must be one character")
        if dialect.get("quoteChar", '"') != '"' or dialect.get("doubleQuote", True) is not True:
            problems.append("dialect: only '\"' quotes, doubled inside a field, are supported")
    schema = resource.get("schema")
    if isinstance(schema, str):
        return label, [*problems, "'schema' must be written inside datapackage.json"], []
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) \
            or not schema["fields"]:
        return label, [*problems, "has no 'schema' with a list of 'fields'"], []
    names: list[str] = []
    for i, field in enumerate(schema["fields"]):
        field_name, field_problems = _field_problems(field, i)
        named = isinstance(field, dict) and field_name == field.get("name")
        names.append(field_name)
        problems += [f"field {field_name!r}: {p}" if named else f"field {field_name}: {p}"
                     for p in field_problems]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"field {dup!r} is declared twice")
    if schema.get("missingValues", [""]) != [""]:
        problems.append("'missingValues' is not supported (an empty cell is the only missing value)")
    if "primaryKey" in schema:
        try:
            missing = [k for k in key_fields(schema["primaryKey"]) if k not in names]
        except TypeError:
            missing = [repr(schema["primaryKey"])]
        if missing:
            problems.append(f"primaryKey names no field {', '.join(missing)}")
    rows = schema.get("kzsi:minRows", 1)
    if not (isinstance(rows, int) and not isinstance(rows, bool) and rows >= 0):
        problems.append(f"'kzsi:minRows' must be a whole number >= 0, found {rows!r}")
    precision_of = schema.get("kzsi:precisionOf")
    if precision_of is not None and (precision_of not in names or "precision" not in names):
        problems.append("'kzsi:precisionOf' needs a date field of that name and a 'precision' field")
    return label, problems, names


def _foreign_key_problems(schema: dict[str, Any], own: str, fields: dict[str, list[str]]) -> list[str]:
    problems = []
    foreign_keys = schema.get("foreignKeys", [])
    if not isinstance(foreign_keys, list):
        return ["'foreignKeys' must be a list"]
    for fk in foreign_keys:
        try:
            local = key_fields(fk["fields"])
            target = fk["reference"]["resource"] or own
            remote = key_fields(fk["reference"]["fields"])
        except (KeyError, TypeError):
            problems.append(f"foreign key {fk!r} needs 'fields' and a 'reference' with "
                            "'resource' and 'fields'")
            continue
        if target not in fields:
            problems.append(f"foreign key {local}: no resource named {target!r}")
            continue
        wrong = [f for f in local if f not in fields[own]] + \
            [f"{target}.{f}" for f in remote if f not in fields[target]]
        if wrong or len(local) != len(remote):
            problems.append(f"foreign key {local} -> {target}.{remote}: "
                            f"unknown or unmatched field(s) {', '.join(wrong) or '(count)'}")
    return problems


def check_package(package: Any, descriptor: Path) -> dict[str, dict[str, Any]]:
    """Check the descriptor's structure and return its resources by name.

    Parameters
    ----------
    package : object
        The parsed JSON of ``datapackage.json``.
    descriptor : pathlib.Path
        Where it was read from (for the message).

    Returns
    -------
    dict
        Each resource (table) by its name, in the order declared.

    Raises
    ------
    DataError
        Naming ``datapackage.json``, the resource and the field of every problem found.
    """
    where = display(descriptor)
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list) \
            or not package["resources"]:
        found = type(package).__name__ if not isinstance(package, dict) else "no resources"
        raise DataError(f"{where}: expected an object with a non-empty 'resources' list "
                        f"(the tables), found {found}")
    problems: list[str] = []
    tables: dict[str, dict[str, Any]] = {}
    fields: dict[str, list[str]] = {}
    for index, resource in enumerate(package["resources"]):
        label, issues, names = _resource_problems(resource, index)
        problems += [f"{where}, resource {label}{', ' if p.startswith('field ') else ': '}{p}"
                     for p in issues]
        if not issues:
            if resource["name"] in tables:
                problems.append(f"{where}, resource {label}: a second table of that name")
            tables[resource["name"]] = resource
            fields[resource["name"]] = names
    for name, resource in tables.items():
        problems += [f"{where}, resource {name!r}: {p}"
                     for p in _foreign_key_problems(resource["schema"], name, fields)]
    if problems:
        raise DataError("\n".join(problems))
    return tables


def resource_file(resource: dict[str, Any], folder: Path, descriptor: Path) -> Path:
    """Return the file of a resource, refusing any path that leads out of the data folder.

    Parameters
    ----------
    resource : dict
        A resource checked by :func:`check_package`.
    folder : pathlib.Path
        The data folder (resolved).
    descriptor : pathlib.Path
        ``datapackage.json`` (for the message).

    Returns
    -------
    pathlib.Path
        The file, resolved, inside ``folder``.

    Raises
    ------
    DataError
        For an absolute path, a ``..`` step, an address, a symbolic link that leaves the folder
        or loops, or a missing file.
    """
    text = resource["path"]
    where = f"{display(descriptor)}, resource {resource['name']!r}"
    parts = PurePosixPath(text).parts
    if (PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute()
            or PureWindowsPath(text).drive or "://" in text or ".." in parts or "\\" in text):
        raise DataError(f"{where}: path {text!r} must be a file inside the data folder "
                        f"{display(folder)} (no absolute path, no '..', no address)")
    path = folder.joinpath(*parts)
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        raise DataError(f"{display(path)}: file not found (table {resource['name']!r} "
                        "in datapackage.json)") from None
    except (RuntimeError, OSError) as exc:  # a symlink loop: RuntimeError before Python 3.13
        raise DataError(f"{where}: path {text!r} cannot be opened: a symbolic link loops "
                        f"({exc})") from None
    if not resolved.is_relative_to(folder.resolve()):
        raise DataError(f"{where}: path {text!r} leads out of the data folder "
                        f"{display(folder)} (a symbolic link to {resolved}); refused")
    if not resolved.is_file():
        raise DataError(f"{display(path)}: not a file (table {resource['name']!r} "
                        "in datapackage.json)")
    return resolved
