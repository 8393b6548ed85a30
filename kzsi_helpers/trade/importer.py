"""Bring new trade statistics into the course's tables: ``python -m kzsi_helpers import-trade``.

``import-trade eurostat FILE`` reads a Comext export (monthly, Slovenia's trade with Kazakhstan)
into ``trade_si.csv``; ``import-trade stat-kz FILE`` reads a bulletin table of Kazakhstan's Bureau
of National Statistics into ``trade_kz.csv`` (formats: :mod:`kzsi_helpers.trade.formats`).

What it does, in order:

1. reads the file and works out one row per year (and flow): the value, the months covered and
   the status the maintainer gives (``--status provisional`` by default, ``--status final`` once
   the statistics office has published the year as final), written as the first word of the note;
2. compares the rows with the table: *added*, *updated* or *unchanged*; it refuses to replace a
   row with fewer months, or final figures with provisional ones;
3. validates the table as changed, in a temporary copy of the data package (schema, source ids,
   the years of ``exchange_rates``), and prints every change;
4. only with ``--write``: writes the table to a temporary file beside it and replaces the old file
   in one step. On any error nothing in ``data/`` changes (a dry run is the default).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kzsi_helpers.course import folders
from kzsi_helpers.data.errors import DataError
from kzsi_helpers.data.freshness import record_status
from kzsi_helpers.data.rules import split_ids
from kzsi_helpers.data.tables import data_folder, load, read_package
from kzsi_helpers.trade.import_rows import FLOW_ORDER, ORIGIN, bns_rows, eurostat_rows, restatus

__all__ = ["Change", "ImportPlan", "plan_import", "apply_plan", "cli", "SOURCES"]

#: SOURCE argument -> (table, default source id).
SOURCES = {"eurostat": ("trade_si", "eurostat-comext-exports"),
           "stat-kz": ("trade_kz", "bns-trade-bulletins")}
STATUSES = ("provisional", "final")
_COMPARED = {"trade_si": ("value_eur", "months_covered", "period"),
             "trade_kz": ("kz_exports_to_si", "kz_imports_from_si", "turnover", "rounding")}


_KEYS = ("year", "flow")


@dataclass
class Change:
    """One row added or updated (``old`` is None for an added row)."""

    key: tuple[str, ...]
    new: dict[str, str]
    old: dict[str, str] | None = None

    def describe(self) -> str:
        """Say what changes, in one line.

        Returns
        -------
        str
            ``+ key: ...`` for an added row, ``~ key: field old -> new; ...`` for an update.

        Examples
        --------
        >>> Change(("2025", "si_exports_to_kz"), {"value_eur": "5", "note": "Final. x"}).describe()
        '+ 2025 si_exports_to_kz: value_eur 5, status final'
        """
        label = " ".join(self.key)
        fields = [k for k in self.new if k not in ("note", "source_ids", "confidence", *_KEYS)]
        status = record_status(self.new.get("note", ""))
        if self.old is None:
            shown = ", ".join(f"{k} {self.new[k]}" for k in fields)
            return f"+ {label}: {shown}, status {status}"
        parts = [f"{k} {self.old.get(k, '')} -> {self.new[k]}" for k in fields
                 if self.old.get(k, "") != self.new[k]]
        old_status = record_status(self.old.get("note", ""))
        if old_status != status:
            parts.append(f"status {old_status} -> {status}")
        if self.old.get("source_ids") != self.new.get("source_ids"):
            parts.append(f"source_ids {self.old.get('source_ids')} -> {self.new.get('source_ids')}")
        if self.old.get("confidence") != self.new.get("confidence"):
            parts.append(f"confidence {self.old.get('confidence')} -> {self.new.get('confidence')}")
        if self.old.get("note") != self.new.get("note"):
            parts.append(f"note {self.old.get('note', '')!r} -> {self.new.get('note', '')!r}")
        return f"~ {label}: " + "; ".join(parts)


@dataclass
class ImportPlan:
    """What an import would change in one table, validated and ready to write."""

    table: str
    path: Path
    fieldnames: list[str]
    rows: list[dict[str, str]]
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    #: where each imported row comes from in the input file, by the row's key (for messages)
    origins: dict[tuple[str, ...], str] = field(default_factory=dict)

    def report(self) -> str:
        """Describe the plan: counts, then one line per change.

        Returns
        -------
        str
            The text ``import-trade`` prints before writing.
        """
        added = sum(c.old is None for c in self.changes)
        head = (f"{self.path.name}: {added} row(s) added, {len(self.changes) - added} updated, "
                f"{self.unchanged} unchanged")
        return "\n".join([head, *(c.describe() for c in self.changes)])


def _read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Read a table as ``load()`` does: a byte order mark, CRLF and Excel's empty last rows are fine."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [row for row in reader
                if any(isinstance(value, str) and value.strip() for value in row.values())]
        return [name.strip() for name in (reader.fieldnames or [])], rows


def _same(table: str, old: dict[str, str], new: dict[str, str]) -> bool:
    for name in _COMPARED[table]:
        try:
            if float(old[name]) != float(new[name]):
                return False
        except ValueError:
            if old[name] != new[name]:
                return False
    return record_status(old.get("note", "")) == record_status(new["note"])


def _validate(plan: ImportPlan, folder: Path) -> None:
    """Load the changed table from a temporary copy of the package; raise DataError if it fails."""
    with tempfile.TemporaryDirectory(prefix="kzsi-import-") as tmp:
        copy = Path(tmp)
        # copyfile, not copy2: a read-only table must not make the copy read-only (a dry run works)
        shutil.copyfile(folder / "datapackage.json", copy / "datapackage.json")
        for csv_file in folder.glob("*.csv"):
            shutil.copyfile(csv_file, copy / csv_file.name)
        (copy / plan.path.name).write_text(_render(plan), encoding="utf-8")
        try:
            table = load(plan.table, copy)
            rates = set(load("exchange_rates", copy)["year"].astype(int))
        except DataError as exc:
            # the line numbers are those of the table as it would be after the import (a file that
            # does not exist yet): say so, rather than pointing at the input file or a temporary copy
            after = f"{plan.path.name} as it would be after the import"
            detail = str(exc).replace(str(copy / plan.path.name), after)
            raise DataError(f"the imported rows break the data package, nothing written (lines of "
                            f"{after}, rows sorted by year):\n"
                            f"{detail.replace(str(copy), str(folder))}{_origin(plan, str(exc))}"
                            ) from None
        missing = sorted(set(table["year"].astype(int)) - rates)
        if missing:
            raise DataError(f"{plan.path.name}: no exchange rate for {', '.join(map(str, missing))} "
                            "in exchange_rates.csv (add the ECB annual average first); nothing written")


def _origin(plan: ImportPlan, message: str) -> str:
    """Say where in the input file the row a validation message names comes from."""
    found = re.search(rf"{re.escape(plan.path.name)}, line (\d+)", message)
    if not found:
        return ""
    index = int(found.group(1)) - 2  # line 1 is the header
    if not 0 <= index < len(plan.rows):
        return ""
    keys = [k for k in _KEYS if k in plan.fieldnames]
    origin = plan.origins.get(tuple(plan.rows[index][k] for k in keys))
    return f"\nThat row comes from {origin}." if origin else "\nThat row was already in the table."


def _render(plan: ImportPlan) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=plan.fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(plan.rows)
    return out.getvalue()


def plan_import(source: str, file: str | os.PathLike[str], status: str = "provisional",
                source_id: str | None = None,
                data_dir: str | os.PathLike[str] | None = None,
                replace_note: bool = False) -> ImportPlan:
    """Work out and validate what importing a file would change, without writing anything.

    Parameters
    ----------
    source : {"eurostat", "stat-kz"}
        Who published the file.
    file : str or path-like
        The downloaded file.
    status : {"provisional", "final"}
        The status of the figures, as the statistics office gives it.
    source_id : str, optional
        The row of ``sources.csv`` to cite (default: the table's usual source).
    data_dir : str or path-like, optional
        The data folder (default: the course's ``data/``).
    replace_note : bool, optional
        When only a year's status changes, write the importer's note instead of keeping the
        row's own (hand-written) note with its status word changed.

    Returns
    -------
    ImportPlan
        The table's new rows and the list of changes.

    Raises
    ------
    DataError
        If the file cannot be read, a row would lose months or final status, or the result does
        not validate.

    Examples
    --------
    >>> from kzsi_helpers.course.paths import course_root
    >>> plan = plan_import("stat-kz", course_root() / "tests" / "fixtures" / "bns_2023.csv")
    >>> len(plan.changes), plan.unchanged
    (1, 0)
    >>> print(plan.changes[0].describe())  # doctest: +NORMALIZE_WHITESPACE
    ~ 2023: status not stated -> provisional;
    note 'From the 2023 bulletin (published 25 July 2024) only.'
    -> 'Provisional: From the 2023 bulletin (published 25 July 2024) only.'
    """
    if source not in SOURCES:
        raise DataError(f"unknown source {source!r}: expected one of {', '.join(SOURCES)}")
    if status not in STATUSES:
        raise DataError(f"unknown status {status!r}: expected provisional or final")
    table, default_id = SOURCES[source]
    folder = data_folder(data_dir).resolve()
    resource = next(r for r in read_package(folder)["resources"] if r["name"] == table)
    path = folder / resource["path"]
    source_id = source_id or default_id
    if source_id not in {r["id"] for r in _read_table(folder / "sources.csv")[1]}:
        raise DataError(f"source id {source_id!r} is not in sources.csv: add the source row first")
    file = Path(file)
    if not file.is_file():
        raise DataError(f"{file}: file not found")
    new_rows = (eurostat_rows if source == "eurostat" else bns_rows)(file, status, source_id)
    fieldnames, rows = _read_table(path)
    keys = [k for k in _KEYS if k in fieldnames]
    index = {tuple(r[k] for k in keys): i for i, r in enumerate(rows)}
    plan = ImportPlan(table, path, fieldnames, [dict(r) for r in rows])
    for new in new_rows:
        origin = new.get(ORIGIN, str(file))
        new = {k: new.get(k, "") for k in fieldnames}
        key = tuple(new[k] for k in keys)
        plan.origins[key] = origin
        if key not in index:
            plan.rows.append(new)
            plan.changes.append(Change(key, new))
            continue
        old = rows[index[key]]
        if _same(table, old, new):
            plan.unchanged += 1
            continue
        label = " ".join(key)
        if int(new.get("months_covered") or 12) < int(old.get("months_covered") or 12):
            raise DataError(f"{file}: {label} covers {new['months_covered']} months, but "
                            f"{path.name} already has {old['months_covered']}; refusing to replace "
                            "it with fewer")
        if record_status(old.get("note", "")) == "final" and status != "final":
            raise DataError(f"{file}: {path.name} has final figures for {label}; provisional "
                            "figures cannot replace them")
        if _same_values(table, old, new):  # only the status changes: keep the sources and note
            new["source_ids"] = ";".join(dict.fromkeys([*split_ids(old["source_ids"]), source_id]))
            if not replace_note:
                new["note"] = restatus(old.get("note", ""), status)
        plan.rows[index[key]] = new
        plan.changes.append(Change(key, new, old))
    plan.rows.sort(key=lambda r: (int(r["year"]), FLOW_ORDER.get(r.get("flow", ""), 0)))
    _validate(plan, folder)
    return plan


def _same_values(table: str, old: dict[str, str], new: dict[str, str]) -> bool:
    return all(old[n] == new[n] if n == "period" else float(old[n]) == float(new[n])
               for n in _COMPARED[table])


def apply_plan(plan: ImportPlan) -> None:
    """Write a validated plan: a temporary file beside the table, then one replace.

    Parameters
    ----------
    plan : ImportPlan
        From :func:`plan_import`.
    """
    if not plan.changes:
        return
    folders.write_text(plan.path, _render(plan))  # beside, then replaced; the file keeps its mode


def cli(args: argparse.Namespace) -> int:
    """Run ``import-trade``; print the changes; write them only with ``--write``.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments: ``source``, ``file``, ``write``, ``status``, ``source_id`` and
        ``data_dir`` (declared in :mod:`kzsi_helpers.cli`).

    Returns
    -------
    int
        0 on success, 1 if the file or the result is refused (the message says why).
    """
    try:
        table = data_folder(args.data_dir).resolve() / f"{SOURCES.get(args.source, ('x',))[0]}.csv"
        # the same lock as the builds: a second import into the same table waits for nothing and
        # says so, instead of one run's rows vanishing
        with folders.lock(table):
            plan = plan_import(args.source, args.file, args.status, args.source_id, args.data_dir,
                               replace_note=getattr(args, "replace_note", False))
            print(plan.report())
            if not plan.changes:
                print("Nothing to change.")
            elif args.write:
                apply_plan(plan)
                print(f"Written: {plan.path}. Re-execute the lessons (python -m kzsi_helpers "
                      "execute).")
            else:
                print("Dry run: nothing written. Run again with --write to apply.")
    except (DataError, folders.BuildError) as exc:
        print(f"import-trade: {exc}", file=sys.stderr)
        return 1
    return 0
