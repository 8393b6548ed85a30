"""Bad input gives a DataError naming file, line, column and problem; never a half-loaded frame."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from kzsi_helpers import DataError, load, table_names
from kzsi_helpers.data.tables import data_folder

DATA = data_folder()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, table: list[dict[str, str]], fields: list[str] | None = None) -> None:
    fields = fields or list(table[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def set_cell(folder: Path, table: str, row: int, column: str, value: str) -> None:
    """Set one cell; ``row`` counts data rows from 0 (file line = row + 2)."""
    path = folder / f"{table}.csv"
    content = rows(path)
    content[row][column] = value
    write(path, content)


def assert_names(message: str, file: str, line: int | None, column: str | None) -> None:
    assert file in message, message
    if line is not None:
        assert f"line {line}" in message, message
    if column is not None:
        assert f"column '{column}'" in message, message


def test_unknown_table_lists_valid_names() -> None:
    with pytest.raises(DataError) as info:
        load("memorials")
    message = str(info.value)
    assert "'memorials'" in message
    for name in table_names():
        assert name in message


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "places.csv").unlink()
    with pytest.raises(DataError, match=r"places\.csv: file not found"):
        load("places", data_copy)


def test_missing_required_column(data_copy: Path) -> None:
    path = data_copy / "places.csv"
    content = rows(path)
    fields = [f for f in content[0] if f != "lat"]
    write(path, [{k: r[k] for k in fields} for r in content], fields)
    with pytest.raises(DataError) as info:
        load("places", data_copy)
    assert_names(str(info.value), "places.csv", 1, "lat")
    assert "missing" in str(info.value)


def test_text_in_numeric_column(data_copy: Path) -> None:
    set_cell(data_copy, "places", 2, "lon", "fourteen")
    with pytest.raises(DataError) as info:
        load("places", data_copy)
    assert_names(str(info.value), "places.csv", 4, "lon")
    assert "expected a number" in str(info.value) and "'fourteen'" in str(info.value)


@pytest.mark.parametrize(("column", "value"), [("lat", "91.5"), ("lon", "-181")])
def test_coordinate_out_of_range(data_copy: Path, column: str, value: str) -> None:
    set_cell(data_copy, "places", 0, column, value)
    with pytest.raises(DataError) as info:
        load("places", data_copy)
    assert_names(str(info.value), "places.csv", 2, column)
    assert "between" in str(info.value)


@pytest.mark.parametrize("bad", ["1992-13-01", "1992-02-30", "20 October 1992", "92-10-20"])
def test_malformed_date(data_copy: Path, bad: str) -> None:
    set_cell(data_copy, "events", 1, "date", bad)
    with pytest.raises(DataError) as info:
        load("events", data_copy)
    assert_names(str(info.value), "events.csv", 3, "date")


def test_precision_must_match_date(data_copy: Path) -> None:
    content = rows(data_copy / "events.csv")
    index = next(i for i, r in enumerate(content) if r["precision"] == "day")
    set_cell(data_copy, "events", index, "precision", "year")
    with pytest.raises(DataError) as info:
        load("events", data_copy)
    assert_names(str(info.value), "events.csv", index + 2, "precision")


def test_duplicate_primary_key(data_copy: Path) -> None:
    path = data_copy / "places.csv"
    content = rows(path)
    content[3]["id"] = content[1]["id"]
    write(path, content)
    with pytest.raises(DataError) as info:
        load("places", data_copy)
    assert_names(str(info.value), "places.csv", 5, "id")
    assert "duplicate" in str(info.value)


def test_unknown_source_id(data_copy: Path) -> None:
    set_cell(data_copy, "events", 0, "source_ids", "kazinform-2022;no-such-source")
    with pytest.raises(DataError) as info:
        load("events", data_copy)
    assert_names(str(info.value), "events.csv", 2, "source_ids")
    assert "'no-such-source'" in str(info.value)


def test_empty_required_value(data_copy: Path) -> None:
    set_cell(data_copy, "events", 2, "title", "")
    with pytest.raises(DataError) as info:
        load("events", data_copy)
    assert_names(str(info.value), "events.csv", 4, "title")
    assert "required" in str(info.value)


def test_value_outside_enum(data_copy: Path) -> None:
    set_cell(data_copy, "events", 0, "category", "sport")
    with pytest.raises(DataError) as info:
        load("events", data_copy)
    assert_names(str(info.value), "events.csv", 2, "category")
    assert "diplomacy" in str(info.value) and "'sport'" in str(info.value)


def test_several_problems_are_all_reported(data_copy: Path) -> None:
    set_cell(data_copy, "places", 0, "lat", "north")
    set_cell(data_copy, "places", 1, "location_precision", "roughly")
    with pytest.raises(DataError) as info:
        load("places", data_copy)
    message = str(info.value)
    assert "2 problem(s)" in message
    assert "line 2" in message and "line 3" in message


def test_nothing_is_half_loaded(data_copy: Path) -> None:
    """After an error, a good copy still loads whole, and the error leaves no partial result."""
    good = load("places", data_copy)
    set_cell(data_copy, "places", len(good) - 1, "lat", "x")
    result = None
    with pytest.raises(DataError):
        result = load("places", data_copy)
    assert result is None
    set_cell(data_copy, "places", len(good) - 1, "lat", str(good["lat"].iloc[-1]))
    assert len(load("places", data_copy)) == len(good)


def test_utf8_names_round_trip(data_copy: Path) -> None:
    names = ["Kučan", "Žužemberk", "Қазақстан", "Šifrer"]
    for row, name in enumerate(names):
        set_cell(data_copy, "events", row, "title", name)
    loaded = load("events", data_copy)
    assert loaded["title"].tolist()[: len(names)] == names


def test_types_follow_the_schema() -> None:
    places = load("places")
    assert places["lat"].dtype == "float64" and places["lon"].dtype == "float64"
    events = load("events")
    assert pd.api.types.is_datetime64_any_dtype(events["date_start"])
    trade = load("trade_kz")
    assert str(trade["year"].dtype) == "Int64"


def test_load_returns_a_fresh_copy() -> None:
    first = load("places")
    first.loc[0, "name"] = "changed"
    assert load("places").loc[0, "name"] != "changed"


def test_edited_file_is_reread(data_copy: Path) -> None:
    before = load("places", data_copy)
    set_cell(data_copy, "places", 0, "name", before["name"].iloc[0] + " (edited)")
    assert load("places", data_copy)["name"].iloc[0].endswith("(edited)")


def test_broken_descriptor_names_the_line(data_copy: Path) -> None:
    path = data_copy / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"resources"', '"resources" x', 1),
                    encoding="utf-8")
    with pytest.raises(DataError, match=re.escape("datapackage.json, line")):
        load("places", data_copy)


def test_descriptor_declares_every_csv() -> None:
    declared = {r["path"] for r in json.loads((DATA / "datapackage.json").read_text())["resources"]}
    present = {p.name for p in DATA.glob("*.csv")}
    assert declared == present
