"""Citations for a lesson's Sources section."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from kzsi_helpers import DataError, load
from kzsi_helpers.data.sources import cite, collect_ids, sources_section
from kzsi_helpers.data.tables import data_folder


def test_cite_follows_the_sources_table() -> None:
    table = cite("kazinform-2022;mfa-kz-povir")
    with (data_folder() / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert table["id"].tolist() == ["kazinform-2022", "mfa-kz-povir"]
    for row in table.itertuples(index=False):
        assert row.url == rows[row.id]["url"]
        assert rows[row.id]["title"] in row.citation and rows[row.id]["publisher"] in row.citation


def test_ids_from_tables_are_collected_once_in_order() -> None:
    places = load("places")
    ids = collect_ids(places)
    expected: list[str] = []
    for cell in places["source_ids"]:
        for source_id in cell.split(";"):
            if source_id not in expected:
                expected.append(source_id)
    assert ids == expected


def test_unknown_id_is_an_error() -> None:
    with pytest.raises(DataError, match="no-such-source"):
        cite("no-such-source")


def test_markdown_escapes_text_from_data(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(data_folder(), folder)
    path = folder / "sources.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows[0]["title"] = "<script>alert(1)</script> [click](javascript:alert(1))"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    text = sources_section(rows[0]["id"], data_dir=folder)._repr_markdown_()
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "[click]" not in text and "\\[click\\](javascript" in text  # brackets escaped
    assert text.count("](") - text.count("\\](") == 1  # only our own link to the source
