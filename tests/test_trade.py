"""Charts and tables of the trade lessons (05-07), tested through matplotlib's object model.

Expected values are read straight from the CSV files with the csv module, never from
kzsi_helpers.trade, so a bug in the module cannot hide behind its own numbers.
"""

from __future__ import annotations

import csv
import math
import shutil
from decimal import Decimal
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kzsi_helpers import DataError, load
from kzsi_helpers.trade import charts, compare
from kzsi_helpers.trade import tables as trade_tables

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def rate(year: int) -> float:
    return next(float(r["usd_per_eur"]) for r in rows("exchange_rates") if int(r["year"]) == year)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    names = ["trade_kz", "trade_si", "exchange_rates", "trade_press", "company_counts",
             "companies"]
    return {name: load(name) for name in names}


def container(ax, label: str):
    found = [c for c in ax.containers if c.get_label() == label]
    assert found, f"no bars labelled {label!r}; labels: {[c.get_label() for c in ax.containers]}"
    return found[0]


def source_line(ax) -> str:
    texts = [t.get_text() for t in ax.texts if t.get_text().startswith("Source:")]
    assert len(texts) == 1
    return texts[0]


# ---- the data themselves --------------------------------------------------------------------


def test_kz_turnover_is_exports_plus_imports_within_the_published_rounding() -> None:
    for row in rows("trade_kz"):
        total = Decimal(row["kz_exports_to_si"]) + Decimal(row["kz_imports_from_si"])
        assert abs(total - Decimal(row["turnover"])) <= Decimal(row["rounding"]), row["year"]


def test_every_trade_year_has_an_exchange_rate() -> None:
    # stands in for the foreign key trade_kz/trade_si.year -> exchange_rates.year
    rate_years = {r["year"] for r in rows("exchange_rates")}
    for name in ("trade_kz", "trade_si"):
        assert {r["year"] for r in rows(name)} <= rate_years, name


def test_partial_years_say_which_months() -> None:
    for row in rows("trade_si"):
        months = int(row["months_covered"])
        assert row["period"].startswith("Jan-")
        assert (months < 12) == (row["period"] != "Jan-Dec")


def test_tables_load(tables) -> None:
    assert len(tables["trade_kz"]) == len(rows("trade_kz"))
    assert len(tables["trade_si"]) == len(rows("trade_si"))


# ---- plot_trade -----------------------------------------------------------------------------


def test_plot_trade_stacked_bar_heights_equal_the_data(tables) -> None:
    ax = charts.plot_trade(tables["trade_kz"])
    expected = sorted(rows("trade_kz"), key=lambda r: int(r["year"]))
    imports = container(ax, "Imports from Slovenia")
    exports = container(ax, "Exports to Slovenia")
    for row, imp, exp in zip(expected, imports.patches, exports.patches, strict=True):
        assert imp.get_height() == pytest.approx(float(row["kz_imports_from_si"]) / 1000)
        assert exp.get_height() == pytest.approx(float(row["kz_exports_to_si"]) / 1000)
        assert exp.get_y() == pytest.approx(float(row["kz_imports_from_si"]) / 1000)
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "turnover-label"]
    assert labels == [f"{float(r['turnover']) / 1000:,.1f}" for r in expected]
    assert [t.get_text() for t in ax.get_xticklabels()] == [r["year"] for r in expected]


def test_plot_trade_labels_units_title_and_source(tables) -> None:
    ax = charts.plot_trade(tables["trade_kz"])
    assert ax.get_ylabel() == "million US dollars"
    assert ax.get_xlabel() == "Year"
    assert "Kazakh" in ax.get_title()
    assert "bns-trade-bulletins" in source_line(ax)
    assert ax.get_legend() is not None
    hatches = {c.get_label(): c.patches[0].get_hatch() for c in ax.containers}
    assert len(set(hatches.values())) == len(hatches), "exports and imports differ only by colour"


def test_plot_trade_in_thousands_shows_the_published_figures(tables) -> None:
    ax = charts.plot_trade(tables["trade_kz"], unit="thousand", stacked=False)
    assert ax.get_ylabel() == "thousand US dollars"
    expected = sorted(rows("trade_kz"), key=lambda r: int(r["year"]))
    for label, column in (("Exports to Slovenia", "kz_exports_to_si"),
                          ("Imports from Slovenia", "kz_imports_from_si"),
                          ("Turnover", "turnover")):
        heights = [p.get_height() for p in container(ax, label).patches]
        assert heights == pytest.approx([float(r[column]) for r in expected])


def test_a_changed_value_in_a_copy_of_the_data_changes_the_chart(tmp_path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    original = rows("trade_kz")
    changed = [dict(r) for r in original]
    target = changed[3]
    target["kz_imports_from_si"] = "99999.5"
    target["turnover"] = str(Decimal(target["kz_exports_to_si"]) + Decimal("99999.5"))
    with open(copy / "trade_kz.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(original[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(changed)
    before = charts.plot_trade(load("trade_kz"))
    after = charts.plot_trade(load("trade_kz", data_dir=copy))
    old = [p.get_height() for p in container(before, "Imports from Slovenia").patches]
    new = [p.get_height() for p in container(after, "Imports from Slovenia").patches]
    assert new[3] == pytest.approx(99.9995)
    assert old[3] == pytest.approx(float(original[3]["kz_imports_from_si"]) / 1000)
    assert old[:3] + old[4:] == new[:3] + new[4:]


def test_a_changed_dataframe_changes_the_balance_chart(tables) -> None:
    frame = tables["trade_kz"].copy()
    frame.loc[frame["year"] == 2020, "kz_exports_to_si"] = 500000.0
    ax = charts.plot_trade_balance(frame)
    bars = container(ax, "Trade balance").patches
    index = [int(t.get_text()) for t in ax.get_xticklabels()].index(2020)
    imports_2020 = next(float(r["kz_imports_from_si"]) for r in rows("trade_kz")
                        if r["year"] == "2020")
    assert bars[index].get_height() == pytest.approx((500000.0 - imports_2020) / 1000)
    assert bars[index].get_hatch() in (None, "")  # a surplus is drawn without the deficit hatch


# ---- balance and year on year ---------------------------------------------------------------


def test_plot_trade_balance_heights_and_deficit_marking(tables) -> None:
    ax = charts.plot_trade_balance(tables["trade_kz"])
    expected = sorted(rows("trade_kz"), key=lambda r: int(r["year"]))
    bars = container(ax, "Trade balance").patches
    for row, bar in zip(expected, bars, strict=True):
        balance = (float(row["kz_exports_to_si"]) - float(row["kz_imports_from_si"])) / 1000
        assert bar.get_height() == pytest.approx(balance)
        if balance < 0:
            assert bar.get_hatch(), "a deficit must not be shown by colour alone"
    assert "million US dollars" in ax.get_ylabel()
    assert "deficit" in ax.get_title()
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "balance-label"]
    assert len(labels) == len(expected)


def test_plot_yoy_heights_equal_the_change_computed_from_the_csv(tables) -> None:
    ax = charts.plot_yoy(tables["trade_kz"])
    expected = sorted(rows("trade_kz"), key=lambda r: int(r["year"]))
    changes = [
        (float(b["turnover"]) / float(a["turnover"]) - 1) * 100
        for a, b in zip(expected, expected[1:], strict=False)
    ]
    bars = container(ax, "Change on the previous year").patches
    assert [b.get_height() for b in bars] == pytest.approx(changes)
    assert [t.get_text() for t in ax.get_xticklabels()] == [r["year"] for r in expected[1:]]
    assert "%" in ax.get_ylabel()


def test_yoy_change_does_not_bridge_a_gap() -> None:
    frame = pd.DataFrame({"year": [2018, 2020], "turnover": [1.0, 2.0]})
    assert trade_tables.yoy_change(frame).isna().all()


# ---- mirror statistics ----------------------------------------------------------------------


@pytest.mark.parametrize("direction", ["si_to_kz", "kz_to_si"])
def test_plot_mirror_bars_equal_both_reporters(tables, direction) -> None:
    column, flow = {"si_to_kz": ("kz_imports_from_si", "si_exports_to_kz"),
                    "kz_to_si": ("kz_exports_to_si", "si_imports_from_kz")}[direction]
    ax = compare.plot_mirror(tables["trade_kz"], tables["trade_si"], tables["exchange_rates"],
                           direction=direction)
    years = [int(t.get_text()) for t in ax.get_xticklabels()]
    kz = {int(r["year"]): float(r[column]) / 1000 for r in rows("trade_kz")}
    si = {int(r["year"]): float(r["value_eur"]) * rate(int(r["year"])) / 1e6
          for r in rows("trade_si") if r["flow"] == flow}
    assert years == sorted(set(kz) | set(si))
    kz_bars = next(c for c in ax.containers if c.get_label().startswith("Kazakhstan's records"))
    si_bars = next(c for c in ax.containers if c.get_label().startswith("Slovenia's records"))
    for year, kz_bar, si_bar in zip(years, kz_bars.patches, si_bars.patches, strict=True):
        if year in kz:
            assert kz_bar.get_visible() and kz_bar.get_height() == pytest.approx(kz[year])
        else:
            assert not kz_bar.get_visible()
        if year in si:
            assert si_bar.get_visible() and si_bar.get_height() == pytest.approx(si[year])
        else:
            assert not si_bar.get_visible()
    missing = sum(y not in kz for y in years) + sum(y not in si for y in years)
    assert sum(t.get_text() == "no data" for t in ax.texts) == missing


def test_plot_mirror_says_how_it_converted(tables) -> None:
    ax = compare.plot_mirror(tables["trade_kz"], tables["trade_si"], tables["exchange_rates"])
    assert "ECB annual average" in ax.get_title()
    assert ax.get_ylabel() == "million US dollars"
    assert "converted" in next(c.get_label() for c in ax.containers
                               if c.get_label().startswith("Slovenia"))
    line = source_line(ax)
    for source_id in ("bns-trade-bulletins", "eurostat-comext-exports", "ecb-usd-rates"):
        assert source_id in line


@pytest.mark.parametrize("direction", ["si_to_kz", "kz_to_si"])
def test_partial_years_are_never_drawn_as_complete(tables, direction) -> None:
    flow = {"si_to_kz": "si_exports_to_kz", "kz_to_si": "si_imports_from_kz"}[direction]
    partial = {int(r["year"]): r["period"] for r in rows("trade_si")
               if r["flow"] == flow and int(r["months_covered"]) < 12}
    assert partial, "the data have a partial year in each direction"
    ax = compare.plot_mirror(tables["trade_kz"], tables["trade_si"], tables["exchange_rates"],
                           direction=direction)
    years = [int(t.get_text()) for t in ax.get_xticklabels()]
    si_bars = next(c for c in ax.containers if c.get_label().startswith("Slovenia's records"))
    for year, bar in zip(years, si_bars.patches, strict=True):
        if year in partial:
            assert bar.get_gid() == "partial-year"
            assert bar.get_facecolor()[3] == 0, "a partial year must be hollow"
            assert bar.get_hatch() == "xx"
            month = partial[year].split("-")[1]
            label = [t for t in ax.texts if t.get_text() == f"Jan-{month} only"]
            assert len(label) == 1
            assert label[0].get_position()[0] == pytest.approx(bar.get_x() + bar.get_width() / 2)
        else:
            assert bar.get_gid() != "partial-year"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("part of the year" in text for text in legend)


def test_mirror_table_matches_the_csv_and_never_compares_a_partial_year(tables) -> None:
    table = trade_tables.mirror_table(tables["trade_kz"], tables["trade_si"], tables["exchange_rates"])
    for row in rows("trade_si"):
        direction = "si_to_kz" if row["flow"] == "si_exports_to_kz" else "kz_to_si"
        match = table[(table["direction"] == direction) & (table["year"] == int(row["year"]))]
        assert len(match) == 1
        got = match.iloc[0]
        assert got["si_thousand_usd"] == pytest.approx(
            float(row["value_eur"]) * rate(int(row["year"])) / 1000)
        assert bool(got["partial"]) == (int(row["months_covered"]) < 12)
        if got["partial"] or math.isnan(got["kz_thousand_usd"]):
            assert math.isnan(got["si_to_kz_ratio"])
        else:
            assert got["si_to_kz_ratio"] == pytest.approx(
                got["si_thousand_usd"] / got["kz_thousand_usd"])


def test_convert_eur_to_usd_multiplies_by_the_rate(tables) -> None:
    assert trade_tables.convert_eur_to_usd(1000.0, 2023, tables["exchange_rates"]) == pytest.approx(
        1000.0 * rate(2023))


# ---- press figures and companies ------------------------------------------------------------


def test_plot_press_figures_are_dots_with_who_and_when(tables) -> None:
    ax = compare.plot_press_figures(tables["trade_press"])
    expected = rows("trade_press")
    assert len(ax.lines) == 0, "press figures must not be joined by a line"
    points = [tuple(o) for c in ax.collections for o in c.get_offsets()]
    assert sorted(x for x, _ in points) == sorted(float(r["value_meur"]) for r in expected)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    for row in expected:
        assert any(row["said_on"] in tick for tick in ticks)
    assert ax.get_xlabel() == "million euros, as quoted"
    low = [c for c in ax.collections if "low confidence" in c.get_label()]
    assert low and all(len(c.get_facecolors()) == 0 or c.get_facecolors()[0][3] == 0
                        for c in low)


def test_plot_company_counts_bars_equal_the_published_counts(tables) -> None:
    ax = compare.plot_company_counts(tables["company_counts"])
    counts = {r["category"]: int(r["count"]) for r in rows("company_counts")}
    jv = container(ax, "Joint ventures").patches[0]
    whole = container(ax, "Wholly Slovenian").patches[0]
    assert jv.get_width() == counts["joint_venture"]
    assert whole.get_width() == counts["wholly_slovenian"]
    assert whole.get_x() == counts["joint_venture"]
    total = [t.get_text() for t in ax.texts if t.get_gid() == "total-label"]
    assert total == [f"total: {counts['total']}"]
    assert jv.get_hatch() != whole.get_hatch()
    assert "kazinform-2022" in source_line(ax)


def test_a_mismatched_total_is_pointed_out(tables) -> None:
    frame = tables["company_counts"].copy()
    frame.loc[frame["category"] == "total", "count"] = 25
    ax = compare.plot_company_counts(frame)
    total = [t.get_text() for t in ax.texts if t.get_gid() == "total-label"][0]
    assert "published total: 25" in total and "parts add to" in total


# ---- bad input ------------------------------------------------------------------------------


def test_missing_column_is_a_clear_error(tables) -> None:
    frame = tables["trade_kz"].drop(columns=["turnover"])
    with pytest.raises(DataError, match="turnover"):
        charts.plot_trade(frame)


@pytest.mark.parametrize("func", [charts.plot_trade, charts.plot_trade_balance, charts.plot_yoy])
def test_empty_frame_is_a_clear_error(tables, func) -> None:
    with pytest.raises(DataError, match="empty"):
        func(tables["trade_kz"].iloc[0:0])


def test_not_a_dataframe_is_a_clear_error() -> None:
    with pytest.raises(DataError, match="DataFrame"):
        charts.plot_trade([1, 2, 3])


def test_missing_exchange_rate_is_a_clear_error(tables) -> None:
    rates = tables["exchange_rates"][tables["exchange_rates"]["year"] != 2023]
    with pytest.raises(DataError, match="2023"):
        trade_tables.mirror_table(tables["trade_kz"], tables["trade_si"], rates)


def test_bad_options_are_value_errors(tables) -> None:
    with pytest.raises(ValueError, match="direction"):
        compare.plot_mirror(tables["trade_kz"], tables["trade_si"], tables["exchange_rates"],
                          direction="sideways")
    with pytest.raises(ValueError, match="unit"):
        charts.plot_trade(tables["trade_kz"], unit="billion")


def test_duplicate_years_are_refused(tables) -> None:
    doubled = pd.concat([tables["trade_kz"], tables["trade_kz"].iloc[:1]])
    with pytest.raises(DataError, match="same year"):
        charts.plot_trade(doubled)
