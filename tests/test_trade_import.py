"""import-trade: new years, revised months, refused files and dry runs, on a copy of the package.

Expected values are worked out here from the fixtures' own numbers (see tests/fixtures/README.md),
not by the importer: Slovenia's monthly exports are 10,000,000 + 100,000 x month and its imports
1,000,000 + 10,000 x month; the revised file puts 10,950,000 in August.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from kzsi_helpers import DataError
from kzsi_helpers.cli import main
from kzsi_helpers.data.freshness import series_coverage
from kzsi_helpers.data.tables import data_folder
from kzsi_helpers.trade.importer import plan_import

FIXTURES = Path(__file__).parent / "fixtures"


def exports(months: int) -> int:
    return sum(10_000_000 + 100_000 * m for m in range(1, months + 1))


def imports(months: int) -> int:
    return sum(1_000_000 + 10_000 * m for m in range(1, months + 1))


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy2(data_folder() / "datapackage.json", folder)
    for path in data_folder().glob("*.csv"):
        shutil.copy2(path, folder)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run(folder: Path, *args: str) -> int:
    return main(["import-trade", *args, "--data-dir", str(folder)])


def si_row(folder: Path, year: int, flow: str) -> dict[str, str]:
    return next(r for r in rows(folder, "trade_si") if r["year"] == str(year) and r["flow"] == flow)


def test_a_new_year_is_added_with_its_coverage(data: Path, capsys) -> None:
    before = rows(data, "trade_si")
    assert run(data, "eurostat", str(FIXTURES / "comext_2025_jan_aug.csv"), "--write") == 0
    after = rows(data, "trade_si")
    assert len(after) == len(before) + 2
    assert after[:len(before)] == before  # the other rows are untouched
    row = si_row(data, 2025, "si_exports_to_kz")
    assert int(row["value_eur"]) == exports(8) == 83_600_000
    assert (row["months_covered"], row["period"]) == ("8", "Jan-Aug")
    assert row["source_ids"] == "eurostat-comext-exports"
    assert row["note"].startswith("Provisional")
    assert int(si_row(data, 2025, "si_imports_from_kz")["value_eur"]) == imports(8)
    out = capsys.readouterr().out
    assert "2 row(s) added" in out and "+ 2025 si_exports_to_kz" in out
    coverage = series_coverage(data).set_index("flow")
    assert coverage.loc["si_exports_to_kz", "last_year"] == 2025
    assert coverage.loc["si_exports_to_kz", "status"] == "provisional"


def test_a_provisional_month_is_replaced_by_a_final_one(data: Path, capsys) -> None:
    assert run(data, "eurostat", str(FIXTURES / "comext_2025_jan_aug.csv"), "--write") == 0
    assert run(data, "eurostat", str(FIXTURES / "comext_2025_jan_aug_revised.csv"), "--write",
               "--status", "final") == 0
    row = si_row(data, 2025, "si_exports_to_kz")
    august = 10_000_000 + 100_000 * 8
    assert int(row["value_eur"]) == exports(8) - august + 10_950_000
    assert row["note"].startswith("Final") and row["months_covered"] == "8"
    out = capsys.readouterr().out
    assert "~ 2025 si_exports_to_kz" in out and "status provisional -> final" in out
    # imports did not change in value, only in status
    assert int(si_row(data, 2025, "si_imports_from_kz")["value_eur"]) == imports(8)


def test_more_months_replace_fewer_but_never_the_other_way(data: Path) -> None:
    assert run(data, "eurostat", str(FIXTURES / "comext_2025_full.csv"), "--write") == 0
    assert si_row(data, 2025, "si_exports_to_kz")["period"] == "Jan-Dec"
    before = snapshot(data)
    with pytest.raises(DataError, match="refusing to replace it with fewer"):
        plan_import("eurostat", FIXTURES / "comext_2025_jan_aug.csv", data_dir=data)
    assert snapshot(data) == before


def test_final_figures_are_not_replaced_by_provisional_ones(data: Path) -> None:
    assert run(data, "eurostat", str(FIXTURES / "comext_2025_jan_aug.csv"), "--write",
               "--status", "final") == 0
    with pytest.raises(DataError, match="provisional figures cannot replace them"):
        plan_import("eurostat", FIXTURES / "comext_2025_jan_aug_revised.csv", data_dir=data)


@pytest.mark.parametrize("source, name", [("eurostat", "comext_wrong_format.csv"),
                                          ("eurostat", "bns_2023.csv"),
                                          ("stat-kz", "comext_2025_jan_aug.csv")])
def test_a_file_in_the_wrong_format_is_refused_and_nothing_written(data: Path, capsys, source,
                                                                   name) -> None:
    before = snapshot(data)
    assert run(data, source, str(FIXTURES / name), "--write") == 1
    err = capsys.readouterr().err
    assert name in err and "import-trade:" in err
    assert snapshot(data) == before


def test_the_dry_run_writes_nothing(data: Path, capsys) -> None:
    before = snapshot(data)
    assert run(data, "eurostat", str(FIXTURES / "comext_2025_jan_aug.csv")) == 0
    assert run(data, "eurostat", str(FIXTURES / "comext_2025_jan_aug.csv"), "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.count("Dry run: nothing written") == 2 and "+ 2025 si_imports_from_kz" in out
    assert snapshot(data) == before


def test_kazakh_bulletin_same_figures_only_change_the_status(data: Path) -> None:
    assert run(data, "stat-kz", str(FIXTURES / "bns_2023.csv"), "--write", "--status", "final") == 0
    row = next(r for r in rows(data, "trade_kz") if r["year"] == "2023")
    assert (row["kz_exports_to_si"], row["kz_imports_from_si"], row["turnover"]) == (
        "2735.7098", "108768.64687", "111504.35667")
    assert row["note"].startswith("Final") and row["source_ids"] == "bns-trade-bulletins"


def test_kazakh_new_year_needs_the_schema_to_allow_it(data: Path) -> None:
    before = snapshot(data)
    with pytest.raises(DataError, match="expected a value between 2018 and 2023, found '2024'") as info:
        plan_import("stat-kz", FIXTURES / "bns_2024.csv", data_dir=data)
    # the line of the table after the import, said as such, and the line of the input file (issue 30)
    assert "trade_kz.csv as it would be after the import, line 8, column 'year'" in str(info.value)
    assert str(info.value).endswith("That row comes from "
                                    f"{FIXTURES / 'bns_2024.csv'}, sheet 'bns_2024', line 10.")
    assert "kzsi-import-" not in str(info.value)  # no temporary copy
    assert snapshot(data) == before
    # once the maintainer raises the schema's maximum year, the same file goes in
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    field = next(f for r in package["resources"] if r["name"] == "trade_kz"
                 for f in r["schema"]["fields"] if f["name"] == "year")
    field["constraints"]["maximum"] = 2030
    (data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert run(data, "stat-kz", str(FIXTURES / "bns_2024.csv"), "--write") == 0
    row = rows(data, "trade_kz")[-1]
    assert (row["year"], row["turnover"], row["rounding"]) == ("2024", "120000.5", "0.01")


def test_kazakh_half_year_is_refused(data: Path) -> None:
    with pytest.raises(DataError, match="whole years"):
        plan_import("stat-kz", FIXTURES / "bns_2024_jan_jun.csv", data_dir=data)


def test_a_year_without_an_exchange_rate_is_refused(data: Path) -> None:
    path = data / "exchange_rates.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(True)
                            if not line.startswith("2025,")), encoding="utf-8")
    before = snapshot(data)
    # refused by the importer's own check or by the package's foreign key: either names the year
    with pytest.raises(DataError, match=r"no exchange rate for 2025|'2025' is not in table 'exchange_rates'"):
        plan_import("eurostat", FIXTURES / "comext_2025_jan_aug.csv", data_dir=data)
    assert snapshot(data) == before


def test_unknown_source_id_is_refused(data: Path) -> None:
    with pytest.raises(DataError, match="not in sources.csv"):
        plan_import("eurostat", FIXTURES / "comext_2025_jan_aug.csv", source_id="no-such-id",
                    data_dir=data)


# --- issue 30: numbers with thousands separators are read right or refused, never scaled ----------

def _bns_with(tmp_path: Path, exports: str, imports: str, turnover: str) -> Path:
    """The 2023 bulletin with Slovenia's three figures written another way (as a spreadsheet may)."""
    lines = (FIXTURES / "bns_2023.csv").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if line.startswith("Словения,"):
            cells = next(csv.reader([line]))
            cells[1], cells[3], cells[5] = turnover, exports, imports
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="").writerow(cells)
            line = buffer.getvalue()
        out.append(line)
    path = tmp_path / "bns_2023_written.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def test_a_thousands_comma_in_a_bulletin_is_refused_not_read_as_a_thousandth(data: Path,
                                                                              tmp_path: Path) -> None:
    # "111,504" was read as 111.504 (a thousand times too small) and passed the sum check
    path = _bns_with(tmp_path, exports="2,736", imports="108,769", turnover="111,504")
    with pytest.raises(DataError, match=r"line 10, column 'Экспорт': expected a number: '2,736' "
                                        r"could be 2736 or 2\.736"):
        plan_import("stat-kz", path, data_dir=data)


@pytest.mark.parametrize(("exports", "imports", "turnover"), [
    ("2 735,7098", "108 768,64687", "111 504,35667"),      # spaces and a decimal comma
    ("2.735,7098", "108.768,64687", "111.504,35667"),      # dots for thousands, decimal comma
    ("2,735.7098", "108,768.64687", "111,504.35667"),      # commas for thousands, decimal point
])
def test_both_conventions_read_the_published_figures(data: Path, tmp_path: Path, exports: str,
                                                     imports: str, turnover: str) -> None:
    written = plan_import("stat-kz", _bns_with(tmp_path, exports, imports, turnover), data_dir=data)
    figures = [{k: v for k, v in change.new.items() if k != "note"} for change in written.changes]
    # the published figures, as the bulletin without separators gives them (tests/fixtures)
    assert [(f["kz_exports_to_si"], f["kz_imports_from_si"], f["turnover"]) for f in figures] == [
        ("2735.7098", "108768.64687", "111504.35667")]


@pytest.mark.parametrize("digits", ["١١١٥٠٤", "１１１５０４"])
def test_digits_of_another_script_are_refused_with_the_cell(data: Path, tmp_path: Path,
                                                           digits: str) -> None:
    path = _bns_with(tmp_path, exports="2735.7098", imports="108768.64687", turnover=digits)
    with pytest.raises(DataError, match=r"column 'Товарооборот': expected a number: .* digits 0-9"):
        plan_import("stat-kz", path, data_dir=data)


# --- issue 30, item 2: nothing lost, nothing silent ----------------------------------------------

def test_a_status_only_update_keeps_the_rows_own_note_and_says_so(data: Path, capsys) -> None:
    assert run(data, "stat-kz", str(FIXTURES / "bns_2023.csv"), "--write", "--status", "final") == 0
    row = next(r for r in rows(data, "trade_kz") if r["year"] == "2023")
    # the hand-written note of data/trade_kz.csv, with its status word put first
    assert row["note"] == "Final: From the 2023 bulletin (published 25 July 2024) only."
    out = capsys.readouterr().out
    assert "status not stated -> final" in out and "note 'From the 2023 bulletin" in out


def test_replace_note_writes_the_importers_note(data: Path) -> None:
    assert run(data, "stat-kz", str(FIXTURES / "bns_2023.csv"), "--write", "--status", "final",
               "--replace-note") == 0
    row = next(r for r in rows(data, "trade_kz") if r["year"] == "2023")
    assert row["note"].startswith("Final: from the bulletin table bns_2023.csv")


def test_a_table_saved_by_a_spreadsheet_is_read_as_load_reads_it(data: Path, capsys) -> None:
    """A byte order mark ("CSV UTF-8"), CRLF line ends and the empty rows Excel leaves."""
    path = data / "trade_si.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode() + b",,,,,,,\r\n,,,,,,,\r\n")
    assert run(data, "eurostat", str(FIXTURES / "comext_2025_jan_aug.csv")) == 0
    assert "2025 si_exports_to_kz" in capsys.readouterr().out


def test_a_read_only_table_can_be_looked_at_and_keeps_its_mode(data: Path, capsys) -> None:
    path = data / "trade_si.csv"
    path.chmod(0o444)
    assert run(data, "eurostat", str(FIXTURES / "comext_2025_jan_aug.csv")) == 0  # the dry run
    assert "Dry run: nothing written" in capsys.readouterr().out
    path.chmod(0o640)
    assert run(data, "eurostat", str(FIXTURES / "comext_2025_jan_aug.csv"), "--write") == 0
    assert path.stat().st_mode & 0o777 == 0o640  # written beside and replaced, mode kept


def test_a_second_import_into_the_same_table_is_told_and_loses_nothing(data: Path, capsys) -> None:
    from kzsi_helpers.course import folders

    before = snapshot(data)
    with folders.lock(data / "trade_si.csv"):  # another import is running
        assert run(data, "eurostat", str(FIXTURES / "comext_2025_jan_aug.csv"), "--write") == 1
    err = capsys.readouterr().err
    assert "trade_si.csv: another import into this table is running" in err
    assert snapshot(data) == before


def test_a_tab_separated_export_is_named_as_such(data: Path, tmp_path: Path, capsys) -> None:
    """It was reported as missing every column."""
    tabbed = tmp_path / "comext_tabs.csv"
    text = (FIXTURES / "comext_2025_jan_aug.csv").read_text(encoding="utf-8")
    tabbed.write_text("\n".join(line.replace(",", "\t") for line in text.splitlines()) + "\n",
                      encoding="utf-8")
    assert run(data, "eurostat", str(tabbed)) == 1
    err = capsys.readouterr().err
    assert "comext_tabs.csv, line 1: the columns are separated by tabs" in err
    assert "missing column" not in err
