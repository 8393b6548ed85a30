"""The termbase (data/termbase.csv): complete for the glossary, sourced for official names, and in
step with the translation catalogues (issues 28 and 29)."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kzsi_helpers import load, split_ids
from kzsi_helpers.data.tables import data_folder

DATA = data_folder()
ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("sl", "kk", "ru")
#: Kinds that are official names: each needs a source that writes it.
OFFICIAL = ("state", "institution", "title", "organisation", "place", "person")


def read_csv(name: str) -> list[dict[str, str]]:
    """Read a table with the csv module (independent of kzsi_helpers.load)."""
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def termbase() -> dict[tuple[str, str], dict[str, str]]:
    return {(row["term"], row["language"]): row for row in read_csv("termbase")}


@cache
def catalogue_text(language: str) -> str:
    """Every translated string of a language's lesson, data and message catalogues, joined."""
    files = sorted((ROOT / "translations" / language).glob("*.po"))
    files += sorted((ROOT / "kzsi_helpers" / "i18n" / "locale" / language).glob("*.po"))
    assert files, f"no catalogues for {language}"
    strings = []
    for path in files:
        with path.open("rb") as handle:
            for message in read_po(handle):
                text = message.string
                if isinstance(text, (list, tuple)):
                    text = " ".join(text)
                if text:
                    strings.append(text)
    return "\n".join(strings)


def test_termbase_loads_with_one_row_per_term_and_language() -> None:
    table = load("termbase")
    assert not table.duplicated(["term", "language"]).any()
    assert set(table["language"]) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_glossary_term_has_a_translation(language: str) -> None:
    missing = [row["term"] for row in read_csv("glossary")
               if (row["term"], language) not in termbase()]
    assert not missing, f"glossary terms with no {language} row in termbase.csv: {missing}"


def test_glossary_rows_name_real_glossary_terms() -> None:
    terms = {row["term"] for row in read_csv("glossary")}
    strays = sorted({term for (term, _), row in termbase().items()
                     if row["kind"] == "glossary" and term not in terms})
    assert not strays, f"kind 'glossary' but not a term of glossary.csv (spelt exactly): {strays}"


def test_every_official_name_cites_existing_sources() -> None:
    known = {row["id"] for row in read_csv("sources")}
    rows = [row for row in termbase().values() if row["kind"] in OFFICIAL]
    assert {row["kind"] for row in rows} == set(OFFICIAL)
    for row in rows:
        ids = split_ids(row["source_ids"])
        label = f"{row['term']!r} ({row['language']})"
        assert ids, f"{label}: an official name needs a source"
        assert set(ids) <= known, f"{label}: unknown source ids {set(ids) - known}"


def test_what_no_source_confirms_is_never_high() -> None:
    unconfirmed = re.compile(r"no (Slovenian|Kazakh|Russian) source|transliteration|our translation",
                             re.IGNORECASE)
    for row in termbase().values():
        label = f"{row['term']!r} ({row['language']})"
        if row["confidence"] == "low":
            assert row["note"].strip(), f"{label}: a low-confidence row must say why in its note"
        if unconfirmed.search(row["note"]):
            assert row["confidence"] != "high", f"{label}: the note says no source confirms it"


def test_slovenian_place_names_in_kazakh_are_marked_as_transliterations() -> None:
    for place in ("Trnovo", "Povir", "Nova Gorica"):
        row = termbase()[(place, "kk")]
        assert row["confidence"] == "low" and "transliteration" in row["note"].lower(), place


def test_kasse_sebero_keeps_the_only_spelling_the_sources_give() -> None:
    for language in LANGUAGES:
        row = termbase()[("Kasse Sebero", language)]
        assert row["translation"] == "Kasse Sebero", language
        assert "mfa-kz-povir" in split_ids(row["source_ids"])
    for language in ("kk", "ru"):
        text = catalogue_text(language)
        assert "Kasse Sebero" in text
        assert not re.search(r"Кас+е|Себеро", text), f"a guessed Cyrillic spelling in {language}"


#: Terms whose termbase translation the catalogues use word for word (in the base form).
IN_CATALOGUES = [
    ("diplomatic relations", "sl"), ("diplomatic relations", "kk"), ("diplomatic relations", "ru"),
    ("double taxation convention", "sl"), ("double taxation convention", "kk"),
    ("double taxation convention", "ru"),
    ("OSCE chairmanship", "sl"), ("OSCE chairmanship", "kk"), ("OSCE chairmanship", "ru"),
    ("non-permanent member of the UN Security Council", "sl"),
    ("non-permanent member of the UN Security Council", "ru"),
    ("mirror statistics", "sl"), ("mirror statistics", "kk"), ("mirror statistics", "ru"),
    ("trade turnover", "sl"), ("trade turnover", "kk"), ("trade turnover", "ru"),
    ("honorary consul", "sl"), ("honorary consul", "kk"),
    ("Republic of Kazakhstan", "sl"), ("Republic of Kazakhstan", "kk"),
    ("Republic of Kazakhstan", "ru"), ("Republic of Slovenia", "ru"),
    ("ambassador", "sl"), ("ambassador", "kk"), ("ambassador", "ru"),
    ("embassy", "sl"), ("embassy", "kk"), ("embassy", "ru"),
    ("EXPO 2017", "kk"), ("EXPO 2017", "ru"),
    ("Trnovo", "kk"), ("Trnovo", "ru"), ("Povir", "kk"), ("Povir", "ru"),
    ("Ljubljana", "kk"), ("Ljubljana", "ru"), ("Nova Gorica", "kk"), ("Nova Gorica", "ru"),
]


@pytest.mark.parametrize(("term", "language"), IN_CATALOGUES)
def test_catalogues_use_the_termbase_translation(term: str, language: str) -> None:
    translation = termbase()[(term, language)]["translation"]
    assert translation in catalogue_text(language), (
        f"the {language} catalogues never write {translation!r} for {term!r}: "
        "update the catalogues or the termbase"
    )


def test_the_slovenian_lessons_say_diplomatski_odnosi() -> None:
    """The issue's own example: the Slovenian lesson catalogues, not only the data."""
    lessons = " ".join(path.read_text(encoding="utf-8")
                       for path in (ROOT / "translations" / "sl").glob("*.po"))
    assert termbase()[("diplomatic relations", "sl")]["translation"] == "diplomatski odnosi"
    assert "diplomatski odnosi" in lessons
