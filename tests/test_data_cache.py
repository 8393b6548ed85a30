"""Validated once, loaded fast (issue 12, item 4): Frictionless runs once per content.

Later loads of unchanged data skip it and import neither Frictionless nor jsonschema; ``load``
also works where Frictionless is not installed (the browser edition).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kzsi_helpers import DataError, load, table_names
from kzsi_helpers.data import cache as data_cache
from kzsi_helpers.data import tables as data_module
from kzsi_helpers.data.schema import read_table
from kzsi_helpers.data.tables import data_folder, write_validated_manifest
from kzsi_helpers.data.validate import frictionless_problems

DATA = data_folder()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KZSI_CACHE_DIR", str(folder))
    return folder


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("ne_countries*", "validated.json"))
    return target


@pytest.fixture()
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tables Frictionless is asked to validate, in order (each load starts a new process)."""
    asked: list[str] = []

    def spy(resource, *args):  # type: ignore[no-untyped-def]
        asked.append(resource["name"])
        return frictionless_problems(resource, *args)

    monkeypatch.setattr(data_module, "frictionless_problems", spy)
    return asked


def fresh_load(name: str, folder: Path):  # type: ignore[no-untyped-def]
    """Load as a new Python process would: without this process's memory of tables."""
    data_module._MEMO.clear()
    data_cache._known.clear()
    return load(name, folder)


def test_frictionless_runs_once_per_content(cache: Path, data_copy: Path,
                                            validations: list[str]) -> None:
    fresh_load("places", data_copy)
    assert validations == ["places", "sources"] or validations == ["sources", "places"]
    assert (cache / "validated.json").is_file()
    fresh_load("places", data_copy)
    assert len(validations) == 2
    path = data_copy / "places.csv"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("Trnovo", "Trnovо", 1), encoding="utf-8")  # Cyrillic о
    fresh_load("places", data_copy)
    assert validations[2:] == ["places"]
    path.write_text(original, encoding="utf-8")
    fresh_load("places", data_copy)
    assert len(validations) == 3  # that content was validated before


def test_the_key_covers_the_table_entry_in_the_descriptor(cache: Path, data_copy: Path,
                                                          validations: list[str]) -> None:
    fresh_load("exchange_rates", data_copy)
    descriptor = data_copy / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    entry = next(r for r in package["resources"] if r["name"] == "exchange_rates")
    entry["description"] += " (edited)"
    descriptor.write_text(json.dumps(package), encoding="utf-8")
    fresh_load("exchange_rates", data_copy)
    assert validations.count("exchange_rates") == 2
    assert validations.count("sources") == 1  # its entry and file did not change


def test_frictionless_errors_name_the_editor_line(data_copy: Path) -> None:
    path = data_copy / "exchange_rates.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == "year,usd_per_eur,days,source_ids,confidence,note"
    # the first row's note spans two lines, so the third row (2020) starts on line 5
    path.write_text(header + '\n2018,1.18,255,ecb-usd-rates,high,"two\nlines"\n'
                    "2019,1.12,255,ecb-usd-rates,high,\n2020,abc,255,ecb-usd-rates,high,\n",
                    encoding="utf-8")
    resource = data_module._tables(data_copy)["exchange_rates"]
    table = read_table(path.read_bytes(), resource, path)
    problems = frictionless_problems(resource, data_copy, table, data_copy / "datapackage.json")
    assert [(p.line, p.column) for p in problems] == [(5, "usd_per_eur")]
    assert "'abc'" in problems[0].text


@pytest.mark.parametrize("kind", ["a file in the way", "unreadable JSON"])
def test_a_cache_that_cannot_be_used_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     data_copy: Path, validations: list[str],
                                                     kind: str) -> None:
    if kind == "a file in the way":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x", encoding="utf-8")
        monkeypatch.setenv("KZSI_CACHE_DIR", str(blocker / "kzsi"))
    else:
        monkeypatch.setenv("KZSI_CACHE_DIR", str(tmp_path / "cache"))
        (tmp_path / "cache").mkdir()
        (tmp_path / "cache" / "validated.json").write_text("{not json", encoding="utf-8")
    assert len(fresh_load("company_counts", data_copy)) > 0
    assert len(fresh_load("company_counts", data_copy)) > 0
    assert validations.count("company_counts") == (2 if kind == "a file in the way" else 1)


def test_the_cache_is_replaced_whole(cache: Path) -> None:
    for key in ("a" * 64, "b" * 64):
        data_cache.remember(key)
    assert sorted(p.name for p in cache.iterdir()) == ["validated.json"]  # no temporary left
    assert json.loads((cache / "validated.json").read_text(encoding="utf-8"))["keys"] == \
        ["a" * 64, "b" * 64]


def test_where_the_cache_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KZSI_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert data_cache.cache_dir() == tmp_path / ".cache" / "kzsi"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert data_cache.cache_dir() == tmp_path / "xdg" / "kzsi"
    monkeypatch.setenv("KZSI_CACHE_DIR", str(tmp_path / "mine"))
    assert data_cache.cache_dir() == tmp_path / "mine"


def test_a_packaged_manifest_is_trusted_only_for_its_content(cache: Path, data_copy: Path,
                                                             validations: list[str]) -> None:
    manifest = json.loads(write_validated_manifest(data_copy).read_text(encoding="utf-8"))
    assert sorted(manifest["tables"]) == sorted(table_names(data_copy))
    shutil.rmtree(cache)  # a new machine: nothing validated here
    del validations[:]
    for name in table_names(data_copy):
        fresh_load(name, data_copy)
    assert validations == []
    path = data_copy / "glossary.csv"
    path.write_bytes(path.read_bytes())  # saved again, unchanged: a new time, the same content
    fresh_load("glossary", data_copy)
    assert validations == []
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    fresh_load("glossary", data_copy)
    assert validations == ["glossary"]


def test_no_manifest_is_written_for_a_bad_table(data_copy: Path) -> None:
    path = data_copy / "places.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",exact,", ",roughly,", 1),
                    encoding="utf-8")
    with pytest.raises(DataError, match="places.csv"):
        write_validated_manifest(data_copy)
    assert not (data_copy / "validated.json").exists()


def _python(code: str, cache_dir: Path) -> str:
    env = {**os.environ, "KZSI_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
    env.pop("KZSI_DATA_DIR", None)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_second_load_imports_neither_frictionless_nor_jsonschema(tmp_path: Path) -> None:
    code = """
        import json, sys
        from kzsi_helpers import load
        from kzsi_helpers.data.tables import table_names
        load("events")
        first = [m in sys.modules for m in ("frictionless", "jsonschema")]
        frames = [load(name) for name in table_names()]
        print(json.dumps(first + [m in sys.modules for m in ("frictionless", "jsonschema")]))
    """
    assert json.loads(_python(code, tmp_path)) == [True, True, True, True]  # cold: validates
    assert json.loads(_python(code, tmp_path)) == [False, False, False, False]  # warm


def test_load_works_without_frictionless(tmp_path: Path, data_copy: Path) -> None:
    code = f"""
        import sys
        for name in ("frictionless", "jsonschema", "nbformat"):
            sys.modules[name] = None  # as in the browser edition: importing them fails
        from kzsi_helpers import DataError, load
        from kzsi_helpers.data.tables import table_names
        folder = {str(data_copy)!r}
        sizes = [len(load(name, folder)) for name in table_names(folder)]
        print(min(sizes) > 0, str(load("trade_kz", folder)["year"].dtype))
        path = folder + "/places.csv"
        text = open(path, encoding="utf-8").read()
        open(path, "w", encoding="utf-8").write(text.replace(",exact,", ",roughly,", 1))
        try:
            load("places", folder)
        except DataError as err:
            print(str(err).split(":")[0])
    """
    out = _python(code, tmp_path / "cache").splitlines()
    assert out[0] == "True Int64"
    line = (data_copy / "places.csv").read_text(encoding="utf-8").splitlines().index(
        next(x for x in (data_copy / "places.csv").read_text(encoding="utf-8").splitlines()
             if ",roughly," in x)) + 1
    assert out[1].endswith(f"places.csv, line {line}, column 'location_precision'")
    assert not (tmp_path / "cache").exists()  # nothing was validated by Frictionless
