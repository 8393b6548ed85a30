"""Bad files give a DataError naming the file, the line an editor shows, the column (issue 14, 1-8).

Every fixture is written by the test into a temporary folder; nothing in data/ is touched.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from kzsi_helpers import DataError, load, table_names
from kzsi_helpers.data.tables import data_folder

DATA = data_folder()

# A small package of two tables, written by hand, so each expected line is obvious.
FIELDS = [
    {"name": "id", "type": "string", "constraints": {"required": True, "pattern": "[a-z]+"}},
    {"name": "year", "type": "integer", "constraints": {"required": True, "minimum": 1990}},
    {"name": "value", "type": "number", "constraints": {"minimum": 0}},
    {"name": "note", "type": "string"},
]
GOOD = "id,year,value,note\naa,2018,1.5,first\nbb,2019,2,second\ncc,2020,3.25,third\n"
RATES = "year,rate\n2018,1.18\n2019,1.12\n2020,1.14\n"


def resource(name: str, path: str, fields: list[dict[str, Any]], **schema: Any) -> dict[str, Any]:
    return {"name": name, "path": path, "profile": "tabular-data-resource", "format": "csv",
            "encoding": "utf-8", "dialect": {"delimiter": ",", "header": True},
            "schema": {"fields": fields, **schema}}


def write_package(folder: Path, table: str = GOOD, descriptor: Any = None,
                  path: str = "values.csv", **schema: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if descriptor is None:
        rates = resource("rates", "rates.csv", [
            {"name": "year", "type": "integer", "constraints": {"required": True}},
            {"name": "rate", "type": "number", "constraints": {"required": True}}],
            primaryKey=["year"])
        schema.setdefault("primaryKey", ["id"])
        descriptor = {"name": "mini", "resources": [resource("values", path, FIELDS, **schema),
                                                    rates]}
        (folder / "rates.csv").write_text(RATES, encoding="utf-8")
        target = folder / path
        if not Path(path).is_absolute() and ".." not in path:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(table, encoding="utf-8", newline="")
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


@pytest.fixture()
def mini(tmp_path: Path) -> Path:
    return write_package(tmp_path / "data")


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """The course's data package (descriptor and tables only), to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("ne_countries*", "validated.json"))
    return target


def error(name: str, folder: Path) -> str:
    with pytest.raises(DataError) as info:
        load(name, folder)
    return str(info.value)


def test_the_mini_package_loads(mini: Path) -> None:
    frame = load("values", mini)
    assert frame["value"].tolist() == [1.5, 2.0, 3.25]
    assert str(frame["year"].dtype) == "Int64"


# 1. The dialect: a spreadsheet's semicolons, another encoding, Excel's byte order mark.

def test_the_descriptor_declares_the_dialect() -> None:
    for entry in json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
        assert entry["dialect"] == {"delimiter": ",", "header": True}, entry["name"]
        assert entry["encoding"] == "utf-8", entry["name"]


@pytest.mark.parametrize(("separator", "word"), [(";", "semicolons"), ("\t", "tabs")])
def test_another_separator_is_refused_with_how_to_save(data_copy: Path, separator: str,
                                                       word: str) -> None:
    path = data_copy / "places.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    # Excel in a Slovene locale: every comma between cells becomes a semicolon (no quoted commas
    # in the header, so a plain replacement of the header shows the idea; the rows follow).
    path.write_text("\n".join([lines[0].replace(",", separator)] + lines[1:]) + "\n",
                    encoding="utf-8")
    message = error("places", data_copy)
    assert "places.csv, line 1" in message and word in message
    assert repr(separator) in message and "CSV UTF-8" in message


def test_a_file_in_another_encoding_is_refused(mini: Path) -> None:
    (mini / "values.csv").write_bytes(GOOD.replace("second", "Kučan").encode("cp1250"))
    message = error("values", mini)
    assert "values.csv, line 3" in message and "not UTF-8" in message


def test_excel_utf8_with_byte_order_mark_and_crlf_loads(mini: Path) -> None:
    (mini / "values.csv").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    frame = load("values", mini)
    assert list(frame.columns) == ["id", "year", "value", "note"]
    assert frame["note"].tolist() == ["first", "second", "third"]


# 2. Numbers that are not finite, or not written plainly.

@pytest.mark.parametrize("bad", ["inf", "Infinity", "-inf", "NaN", "1e309", "17_073.5", "1,5",
                                 " 2", "2 000", "0x10"])
def test_unreadable_or_infinite_numbers(mini: Path, bad: str) -> None:
    (mini / "values.csv").write_text(GOOD.replace("3.25", f'"{bad}"'), encoding="utf-8")
    message = error("values", mini)
    assert "values.csv, line 4, column 'value'" in message and repr(bad) in message
    assert "number" in message


@pytest.mark.parametrize("bad", ["2019.0", "99999999999999999999", "2e3", "∞"])
def test_unreadable_whole_numbers(mini: Path, bad: str) -> None:
    (mini / "values.csv").write_text(GOOD.replace("2019", bad), encoding="utf-8")
    assert "values.csv, line 3, column 'year': expected a whole number" in error("values", mini)


def test_the_real_trade_table_refuses_infinity(data_copy: Path) -> None:
    path = data_copy / "trade_kz.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[2].split(",")
    cells[3] = "inf"  # turnover of the second year
    lines[2] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    assert "trade_kz.csv, line 3, column 'turnover'" in error("trade_kz", data_copy)


# 3. Descriptors that are valid JSON but wrong.

def _values(**change: Any) -> dict[str, Any]:
    entry = resource("values", "values.csv", [dict(f) for f in FIELDS])
    entry.update(change)
    return {"resources": [entry]}


def _field(**change: Any) -> dict[str, Any]:
    descriptor = _values()
    descriptor["resources"][0]["schema"]["fields"][2].update(change)
    return descriptor


@pytest.mark.parametrize(("descriptor", "names"), [
    ({}, ["'resources'"]),
    ([], ["'resources'", "list"]),
    ({"resources": []}, ["'resources'"]),
    ({"resources": ["values.csv"]}, ["resource 1"]),
    ({"resources": [{"path": "values.csv", "schema": {"fields": FIELDS}}]}, ["resource 1 (no name)"]),
    ({"resources": [{"name": "values", "schema": {"fields": FIELDS}}]}, ["'values'", "'path'"]),
    ({"resources": [{"name": "values", "path": "values.csv"}]}, ["'values'", "'schema'"]),
    (_values(path=["values.csv", "more.csv"]), ["'values'", "'path'"]),
    (_values(schema="schema.json"), ["'values'", "'schema'"]),
    (_values(encoding="cp1250"), ["'values'", "encoding"]),
    (_values(dialect={"delimiter": ";;"}), ["'values'", "delimiter"]),
    (_field(type="numbr"), ["'values'", "field 'value'", "unknown type 'numbr'"]),
    (_field(type="geopoint"), ["field 'value'", "'geopoint'"]),
    (_field(constraints={"pattern": "[0-9"}), ["field 'value'", "pattern"]),
    (_field(name="note"), ["field 'note'", "twice"]),
    (_field(groupChar=" "), ["field 'value'", "groupChar"]),
    (_field(constraints={"exclusiveMinimum": 0}), ["field 'value'", "exclusiveMinimum"]),
    (_field(constraints={"minimum": "zero"}), ["field 'value'", "minimum"]),
    (_field(constraints={"enum": "abc"}), ["field 'value'", "enum"]),
    (_field(name=None), ["field 3", "'name'"]),
    (_values(schema={"fields": FIELDS, "primaryKey": ["key"]}), ["'values'", "primaryKey"]),
    (_values(schema={"fields": FIELDS, "foreignKeys": [{"fields": "year", "reference": {
        "resource": "rates", "fields": "year"}}]}), ["'values'", "'rates'"]),
    (_values(schema={"fields": FIELDS, "foreignKeys": [{"fields": "year"}]}), ["foreign key"]),
    (_values(schema={"fields": FIELDS, "kzsi:minRows": -1}), ["kzsi:minRows"]),
])
def test_wrong_descriptors_name_the_resource_and_field(tmp_path: Path, descriptor: Any,
                                                       names: list[str]) -> None:
    folder = write_package(tmp_path / "data", descriptor=descriptor)
    (folder / "values.csv").write_text(GOOD, encoding="utf-8")
    message = error("values", folder)
    assert "datapackage.json" in message, message
    for name in names:
        assert name in message, message
    with pytest.raises(DataError, match="datapackage.json"):
        table_names(folder)


# 4. Headers, blank lines, empty tables, extra cells.

def test_a_padded_column_name_is_refused(mini: Path) -> None:
    (mini / "values.csv").write_text(GOOD.replace(",value,", ", value,", 1), encoding="utf-8")
    message = error("values", mini)
    assert "line 1, column 'value'" in message and "' value'" in message and "spaces" in message


def test_an_extra_named_column_is_named(mini: Path) -> None:
    text = "".join(line + ",x\n" for line in GOOD.splitlines()).replace("note,x", "note,unit", 1)
    (mini / "values.csv").write_text(text, encoding="utf-8")
    assert "line 1, column 'unit': column 5 (spreadsheet column E) is not in table 'values'" in \
        error("values", mini)


def test_an_extra_unnamed_column_is_named_by_position(mini: Path) -> None:
    text = "".join(line + ",x\n" for line in GOOD.splitlines()).replace("note,x", "note,", 1)
    (mini / "values.csv").write_text(text, encoding="utf-8")
    message = error("values", mini)
    assert "column 5 (spreadsheet column E) has no name" in message and "''" not in message


def test_columns_in_another_order_are_refused(mini: Path) -> None:
    text = "\n".join(",".join([c[1], c[0], *c[2:]]) for c in
                     (line.split(",") for line in GOOD.splitlines())) + "\n"
    (mini / "values.csv").write_text(text, encoding="utf-8")
    assert "line 1: the columns are in another order" in error("values", mini)


def test_an_extra_cell_in_a_row_is_refused(mini: Path) -> None:
    (mini / "values.csv").write_text(GOOD.replace("second", "second,more"), encoding="utf-8")
    assert "values.csv, line 3: 5 cells, but the header has 4 columns" in error("values", mini)


def test_a_header_only_table_is_refused_unless_its_schema_allows_it(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "strict", table="id,year,value,note\n")
    message = error("values", folder)
    assert "values.csv" in message and "no row(s)" in message and "kzsi:minRows" in message
    folder = write_package(tmp_path / "lenient", table="id,year,value,note\n", **{"kzsi:minRows": 0})
    frame = load("values", folder)
    assert len(frame) == 0 and list(frame.columns) == ["id", "year", "value", "note"]
    assert str(frame["year"].dtype) == "Int64"


@pytest.mark.parametrize("tail", ["\n", "\n\n", "\r\n", ",,,\n", "\n,,,\n\n"])
def test_trailing_empty_lines_are_not_rows(mini: Path, tail: str) -> None:
    (mini / "values.csv").write_text(GOOD + tail, encoding="utf-8", newline="")
    assert load("values", mini)["id"].tolist() == ["aa", "bb", "cc"]


def test_a_blank_line_inside_the_table_is_refused(mini: Path) -> None:
    (mini / "values.csv").write_text(GOOD.replace("bb,", "\nbb,"), encoding="utf-8")
    assert "values.csv, line 3: blank line" in error("values", mini)


# 5. Line numbers are the lines an editor shows, also after quoted fields with line breaks.

def test_lines_count_the_breaks_inside_quoted_fields(mini: Path) -> None:
    text = GOOD.replace("first", '"a note\non three\nlines"').replace("3.25", "x")
    (mini / "values.csv").write_text(text, encoding="utf-8")
    editor_line = text.splitlines().index("cc,2020,x,third") + 1
    assert editor_line == 6
    assert "values.csv, line 6, column 'value'" in error("values", mini)


def test_duplicate_key_names_both_editor_lines(mini: Path) -> None:
    text = GOOD.replace("first", '"two\nlines"').replace("cc,", "aa,")
    (mini / "values.csv").write_text(text, encoding="utf-8")
    message = error("values", mini)
    assert "line 5, column 'id': duplicate key (id)" in message and "line 2" in message


# 6. Paths that leave the data folder.

@pytest.mark.parametrize("path", ["../outside.csv", "sub/../../outside.csv", "/etc/passwd",
                                  "C:\\data\\values.csv", "https://example.org/values.csv"])
def test_paths_outside_the_folder_are_refused(tmp_path: Path, path: str) -> None:
    (tmp_path / "outside.csv").write_text(GOOD, encoding="utf-8")
    folder = write_package(tmp_path / "data", path=path)
    message = error("values", folder)
    assert "datapackage.json, resource 'values'" in message and repr(path) in message


def test_a_symlink_leaving_the_folder_is_refused(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "data")
    (tmp_path / "outside.csv").write_text(GOOD, encoding="utf-8")
    (folder / "values.csv").unlink()
    (folder / "values.csv").symlink_to(tmp_path / "outside.csv")
    assert "leads out of the data folder" in error("values", folder)


def test_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "data")
    (folder / "values.csv").unlink()
    os.symlink(folder / "loop.csv", folder / "values.csv")
    os.symlink(folder / "values.csv", folder / "loop.csv")
    assert "symbolic link loops" in error("values", folder)


def test_a_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "data")
    (folder / "values.csv").rename(folder / "real.csv")
    (folder / "values.csv").symlink_to(folder / "real.csv")
    assert len(load("values", folder)) == 3


# 7. Every file of the package counts, wherever it is and however it was edited.

def test_a_table_in_a_subfolder_is_reread_after_an_edit(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "data", path="tables/values.csv")
    assert load("values", folder)["note"].iloc[0] == "first"
    target = folder / "tables" / "values.csv"
    before = target.stat()
    target.write_text(GOOD.replace("first", "FIRST"), encoding="utf-8")  # same size
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time
    assert load("values", folder)["note"].iloc[0] == "FIRST"


def test_an_edit_of_the_sources_reaches_the_tables_citing_them(data_copy: Path) -> None:
    assert len(load("events", data_copy)) > 0
    sources = data_copy / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    cited = load("events", data_copy)["source_ids"].iloc[0].split(";")[0]
    sources.write_text("".join(line for line in lines if not line.startswith(cited + ",")),
                       encoding="utf-8")
    assert f"'{cited}' not found in sources.csv" in error("events", data_copy)


# 8. Foreign keys between tables are checked on load.

def test_a_missing_exchange_rate_is_refused(data_copy: Path) -> None:
    rates = data_copy / "exchange_rates.csv"
    lines = rates.read_text(encoding="utf-8").splitlines(keepends=True)
    rates.write_text("".join(line for line in lines if not line.startswith("2020,")),
                     encoding="utf-8")
    years = [line.split(",")[0] for line in (data_copy / "trade_kz.csv").read_text(
        encoding="utf-8").splitlines()]
    message = error("trade_kz", data_copy)
    assert f"trade_kz.csv, line {years.index('2020') + 1}, column 'year'" in message
    assert "'exchange_rates'" in message


def test_foreign_keys_within_the_mini_package(tmp_path: Path) -> None:
    fk = [{"fields": "year", "reference": {"resource": "rates", "fields": "year"}}]
    folder = write_package(tmp_path / "data", table=GOOD.replace("2020", "2021"), foreignKeys=fk)
    assert "values.csv, line 4, column 'year': '2021' is not in table 'rates'" in \
        error("values", folder)
    (folder / "values.csv").write_text(GOOD, encoding="utf-8")
    assert len(load("values", folder)) == 3


def test_foreign_keys_in_a_loop_are_refused(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "data")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"]["foreignKeys"] = [
        {"fields": "year", "reference": {"resource": "rates", "fields": "year"}}]
    descriptor["resources"][1]["schema"]["foreignKeys"] = [
        {"fields": "year", "reference": {"resource": "values", "fields": "year"}}]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert "in a loop" in error("values", folder)


# Issue 30, item 6: control characters in text, and digits of other scripts in numbers and dates.

@pytest.mark.parametrize(("bad", "shown"), [("fir\x00st", "U+0000"), ("first\x1b[31m", "U+001B"),
                                             ("fi\x7frst", "U+007F")])
def test_a_control_character_in_a_text_is_refused(mini: Path, bad: str, shown: str) -> None:
    # a NUL byte passed load() and reached the site's HTML and the handouts
    (mini / "values.csv").write_text(GOOD.replace("first", bad), encoding="utf-8")
    message = error("values", mini)
    assert f"values.csv, line 2, column 'note': a control character ({shown}" in message


def test_a_line_break_inside_a_quoted_text_is_still_allowed(mini: Path) -> None:
    (mini / "values.csv").write_text(GOOD.replace("first", '"two\nlines"'), encoding="utf-8")
    assert list(load("values", mini)["note"])[0] == "two\nlines"


@pytest.mark.parametrize(("column", "good", "bad"), [
    ("year", "2019", "٢٠١٩"),        # Arabic-Indic digits
    ("year", "2019", "２０１９"),      # fullwidth digits
    ("value", "3.25", "۳.۲۵"),        # Persian digits
])
def test_digits_of_another_script_are_refused_with_the_cell(mini: Path, column: str, good: str,
                                                           bad: str) -> None:
    (mini / "values.csv").write_text(GOOD.replace(good, bad), encoding="utf-8")
    message = error("values", mini)
    assert f"column '{column}': expected a number, found {bad!r}, with digits of another script" \
        in message and "write the digits 0-9" in message


def test_a_pattern_with_digits_takes_only_the_digits_0_to_9(data_copy: Path) -> None:
    """events.date is text with a pattern (a day, a month or a year): \\d means 0-9 there too."""
    path = data_copy / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",", 2)
    cells[1] = "١٩٩١-٠٦-٢٥"
    lines[1] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    message = error("events", data_copy)
    assert "events.csv, line 2, column 'date'" in message and "digits of another script" in message
