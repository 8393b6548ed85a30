"""Checks of the data itself: the package validates, and the facts hold together."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from frictionless import Package, system

from kzsi_helpers import load, split_ids, table_names
from kzsi_helpers.data.tables import data_folder

DATA = data_folder()
TODAY = dt.date.today()


def read_csv(name: str) -> list[dict[str, str]]:
    """Read a table with the csv module (independent of kzsi_helpers.load)."""
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_package_validates_with_frictionless() -> None:
    with system.use_context(trusted=True):
        report = Package(str(DATA / "datapackage.json")).validate()
    problems = report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, problems[:20]


def test_package_names_the_licences() -> None:
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert "sources.csv" in descriptor["kzsi:sourceLicences"]


@pytest.mark.parametrize("name", [n for n in table_names() if n != "sources"])
def test_every_row_cites_existing_sources(name: str) -> None:
    known = {row["id"] for row in read_csv("sources")}
    table = read_csv(name)
    assert table, f"{name}.csv is empty"
    for line, row in enumerate(table, start=2):
        ids = split_ids(row["source_ids"])
        assert ids, f"{name}.csv line {line}: no source"
        assert set(ids) <= known, f"{name}.csv line {line}: unknown {set(ids) - known}"


def test_every_source_is_cited_somewhere_or_explained() -> None:
    """A source nobody cites is dead weight in the course's bibliography."""
    cited: set[str] = set()
    for name in table_names():
        if name != "sources":
            for row in read_csv(name):
                cited.update(split_ids(row["source_ids"]))
    notebooks = " ".join(p.read_text(encoding="utf-8") for p in (DATA.parent / "notebooks").glob(
        "*.ipynb"))
    unused = [r["id"] for r in read_csv("sources") if r["id"] not in cited and r["id"] not in notebooks]
    assert not unused, f"sources cited by no table and no lesson: {unused}"


def test_every_table_loads() -> None:
    for name in table_names():
        assert len(load(name)) > 0, name


def test_turnover_is_exports_plus_imports_within_rounding() -> None:
    for row in read_csv("trade_kz"):
        exports, imports = float(row["kz_exports_to_si"]), float(row["kz_imports_from_si"])
        turnover, rounding = float(row["turnover"]), float(row["rounding"])
        # each of the three published figures may be off by half a rounding step
        assert abs(exports + imports - turnover) <= 1.5 * rounding + 1e-9, row["year"]


def test_trade_kz_covers_2018_to_2023() -> None:
    assert [int(r["year"]) for r in read_csv("trade_kz")] == list(range(2018, 2024))


def test_company_totals_add_up() -> None:
    counts = {row["category"]: int(row["count"]) for row in read_csv("company_counts")}
    assert counts["joint_venture"] == 8
    assert counts["wholly_slovenian"] == 11
    assert counts["joint_venture"] + counts["wholly_slovenian"] == counts["total"] == 19


def _points(node: list):
    if node and isinstance(node[0], (int, float)):
        yield node
    else:
        for child in node:
            yield from _points(child)


def slovenia_bbox() -> tuple[float, float, float, float]:
    """Slovenia's bounding box from the Natural Earth borders shipped in data/."""
    borders = json.loads((DATA / "ne_countries.geojson").read_text(encoding="utf-8"))
    for feature in borders["features"]:
        props = {k.lower(): v for k, v in feature["properties"].items()}
        if "SVN" in (props.get("iso_a3"), props.get("adm0_a3"), props.get("iso3")) or \
                props.get("name") == "Slovenia":
            points = list(_points(feature["geometry"]["coordinates"]))
            lons = [p[0] for p in points]
            lats = [p[1] for p in points]
            return min(lats), max(lats), min(lons), max(lons)
    raise AssertionError("Slovenia not found in ne_countries.geojson")


def test_places_in_slovenia_lie_inside_slovenia() -> None:
    south, north, west, east = slovenia_bbox()
    # Natural Earth is generalised: allow a margin of about 2 km
    margin = 0.02
    for row in read_csv("places"):
        if row["country"] == "SI":
            lat, lon = float(row["lat"]), float(row["lon"])
            assert south - margin <= lat <= north + margin, row["id"]
            assert west - margin <= lon <= east + margin, row["id"]


def test_slovenia_bbox_is_plausible() -> None:
    """Guards the test above: a wrong country in the geojson would give a wrong box."""
    south, north, west, east = slovenia_bbox()
    assert 45.3 < south < 45.5 and 46.8 < north < 46.95
    assert 13.3 < west < 13.45 and 16.5 < east < 16.65


def test_places_in_kazakhstan_lie_inside_kazakhstan() -> None:
    for row in read_csv("places"):
        if row["country"] == "KZ":
            assert 40.5 < float(row["lat"]) < 55.5 and 46.4 < float(row["lon"]) < 87.4, row["id"]


def _parse(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def test_no_date_in_the_future() -> None:
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    checked = 0
    for resource in descriptor["resources"]:
        dated = [f["name"] for f in resource["schema"]["fields"] if f.get("kzsi:partialDate")]
        for row in read_csv(resource["name"]):
            for name in dated:
                if row[name]:
                    assert _parse(row[name]) <= TODAY, (resource["name"], row)
                    checked += 1
    assert checked > 20


def test_event_spans_end_after_they_start() -> None:
    for row in read_csv("events"):
        if row["end_date"]:
            assert _parse(row["end_date"]) > _parse(row["date"]), row["id"]


def test_independence_comes_before_relations() -> None:
    events = {row["id"]: row["date"] for row in read_csv("events")}
    assert _parse(events["independence-si"]) < _parse(events["diplomatic-relations"])
    assert _parse(events["independence-kz"]) < _parse(events["diplomatic-relations"])


def test_exchange_rates_cover_every_trade_year() -> None:
    rates = {int(r["year"]) for r in read_csv("exchange_rates")}
    years = {int(r["year"]) for r in read_csv("trade_kz")} | {int(r["year"]) for r in
                                                              read_csv("trade_si")}
    assert years <= rates


def test_partial_years_say_which_months() -> None:
    for row in read_csv("trade_si"):
        months = int(row["months_covered"])
        assert (months == 12) == (row["period"] in ("Jan-Dec", "Jan–Dec")), row


def test_geojson_is_small_and_public_domain() -> None:
    path = DATA / "ne_countries.geojson"
    assert path.stat().st_size < 1_000_000
    assert (DATA / "ne_countries.README.md").exists()


def test_data_is_utf8_without_bom() -> None:
    for path in Path(DATA).glob("*.csv"):
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), path.name
        raw.decode("utf-8")
