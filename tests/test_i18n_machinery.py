"""The translation machinery: catalogues read strictly, rules a translation must keep, partial
languages, and a broken translation that stops the build before anything is written.

Every expected value here is written by hand from the small lessons and catalogues the tests make.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kzsi_helpers.i18n import build
from kzsi_helpers.i18n.catalog import CatalogError, read_catalog, write_catalog
from kzsi_helpers.i18n.invariants import differences
from kzsi_helpers.i18n.language import current_language, use_language
from kzsi_helpers.i18n.lessons import lesson_template, translate_notebook
from kzsi_helpers.i18n.messages import messages

ROOT = Path(__file__).resolve().parents[1]

LESSON = new_notebook(cells=[
    new_markdown_cell("# Two states\n\nIn 1992 the two states set up relations. See "
                      "[the start](00-start-here.ipynb#Why-this-course).\n\n## Counting days"),
    new_code_cell('days = 483\nprint(f"{days} days passed")  # the gap we worked out\n'
                  'events = {"id": "a"}\nevents["id"]'),
])
START = new_notebook(cells=[new_markdown_cell("# Start here\n\n## Why this course\n\nRead on.")])


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A course folder with two tiny lessons and a copy of the data."""
    (tmp_path / "notebooks").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    nbformat.write(START, tmp_path / "notebooks" / "00-start-here.ipynb")
    nbformat.write(LESSON, tmp_path / "notebooks" / "01-two-states.ipynb")
    monkeypatch.setenv("KZSI_COURSE_DIR", str(tmp_path))
    # the package's own catalogues stay where they are: only the lessons' are the test's
    monkeypatch.setattr(build, "catalog_path", lambda lang, domain="messages": tmp_path / f"{domain}.po")
    return tmp_path


def _translate_all(course: Path, broken: str | None = None) -> None:
    build.update_language("sl")
    po = course / "translations" / "sl" / "01-two-states.po"
    cat = read_catalog(po, "sl")
    words = {
        "# Two states": "# Dve državi",
        "In 1992 the two states set up relations. See [the start](00-start-here.ipynb#Why-this-course).":
            "Leta 1992 sta državi vzpostavili odnose. Glej [začetek](00-start-here.ipynb#Why-this-course).",
        "## Counting days": "## Štejemo dneve",
        "{days} days passed": "minilo je {days} dni",
        "the gap we worked out": "razlika, ki smo jo izračunali",
    }
    if broken:
        paragraph = [k for k in words if k.startswith("In 1992")][0]
        words[paragraph] = broken
    for message in cat:
        if message.id in words:
            message.string = words[message.id]
    write_catalog(cat, po)
    start = course / "translations" / "sl" / "00-start-here.po"
    cat = read_catalog(start, "sl")
    for message, text in zip([m for m in cat if m.id], ["# Začni tukaj", "## Zakaj ta tečaj", "Beri naprej."],
                             strict=True):
        message.string = text
    write_catalog(cat, start)


def test_a_broken_po_line_names_file_and_line(tmp_path):
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"x\.po:5: not a well-formed PO line"):
        read_catalog(po)


def test_a_po_file_that_is_not_utf8_names_its_line(tmp_path):
    po = tmp_path / "x.po"
    po.write_bytes(b'msgid "a"\nmsgstr "\xe8"\n')
    with pytest.raises(CatalogError, match=r"x\.po:2: not UTF-8"):
        read_catalog(po)


@pytest.mark.parametrize("english, translated, rule", [
    ("In 1992.", "Leta 1993.", "numbers differ: English has 1992, the translation has 1993"),
    ("Run `load()`.", "Zaženi load().", "code spans differ: English has load(), the translation has none"),
    ("[map](04-x.ipynb)", "[zemljevid](05-x.ipynb)", "link targets differ"),
    ("As [kazinform-2022] says.", "Kot pravi vir.", "source ids differ: English has kazinform-2022"),
    ("{days} days", "{dni} dni", "placeholders differ: English has {days}, the translation has {dni}"),
    ("%s rows", "vrstice", "placeholders differ: English has %s"),
    ("## Milestones", "Mejniki", "heading levels differ: English has ##"),
])
def test_each_rule_names_what_differs(english, translated, rule):
    assert any(p.startswith(rule) for p in differences(english, translated)), differences(english, translated)


def test_separators_and_date_forms_of_the_language_are_allowed():
    assert differences("On 20 October 1992, 1,234.5 EUR.", "20. oktobra 1992 1.234,5 EUR.") == []


def test_template_has_markdown_blocks_and_code_text_but_not_keys():
    cat = lesson_template(LESSON, "01-two-states.ipynb", "sl")
    ids = [(m.id, m.context) for m in cat if m.id]
    assert ids == [("# Two states", None),
                   ("In 1992 the two states set up relations. See "
                    "[the start](00-start-here.ipynb#Why-this-course).", None),
                   ("## Counting days", None),
                   ("{days} days passed", "code"), ("the gap we worked out", "code")]


def test_a_partial_translation_keeps_english_and_counts_what_is_missing():
    cat = lesson_template(LESSON, "01-two-states.ipynb", "sl")
    cat.get("## Counting days").string = "## Štejemo dneve"
    result = translate_notebook(LESSON, cat, "01-two-states.ipynb")
    assert (result.missing, result.total) == (4, 5)
    assert result.notebook.cells[0].source.endswith("## Štejemo dneve")
    assert result.notebook.cells[1].source == LESSON.cells[1].source


def test_fuzzy_entries_are_not_used():
    cat = lesson_template(LESSON, "01-two-states.ipynb", "sl")
    message = cat.get("## Counting days")
    message.string, message.flags = "## Štejemo dneve", {"fuzzy"}
    assert translate_notebook(LESSON, cat, "01-two-states.ipynb").missing == 5


def test_build_writes_translated_lessons_with_anchors_code_and_note(course):
    _translate_all(course)
    written, missing, total = build.build_lessons("sl")
    assert [p.name for p in written] == ["00-start-here.ipynb", "01-two-states.ipynb"]
    assert (missing, total) == (0, 8)
    nb = nbformat.read(course / "notebooks" / "sl" / "01-two-states.ipynb", as_version=4)
    assert nb.cells[0].source == ("# Dve državi\n\nLeta 1992 sta državi vzpostavili odnose. Glej "
                                  "[začetek](00-start-here.ipynb#Zakaj-ta-tečaj).\n\n## Štejemo dneve")
    assert "kzsi-translation-note" in nb.cells[1].metadata["tags"]
    assert "No native-speaking teacher has reviewed it yet" in nb.cells[1].source or \
        "materni" in nb.cells[1].source
    assert nb.cells[2].source == ('days = 483\nprint(f"minilo je {days} dni")  # razlika, ki smo jo '
                                  'izračunali\nevents = {"id": "a"}\nevents["id"]')


def test_a_translation_that_loses_a_number_stops_the_build_and_writes_nothing(course):
    _translate_all(course, broken="Leta 1993 sta državi vzpostavili odnose. Glej "
                                  "[začetek](00-start-here.ipynb#Why-this-course).")
    with pytest.raises(CatalogError) as info:
        build.build_lessons("sl")
    message = str(info.value)
    assert "translations/sl/01-two-states.po:" in message
    assert "numbers differ: English has 1992, the translation has 1993" in message
    assert not (course / "notebooks" / "sl").exists()


def test_a_lost_heading_stops_the_build(course):
    _translate_all(course)
    po = course / "translations" / "sl" / "01-two-states.po"
    cat = read_catalog(po, "sl")
    cat.get("## Counting days").string = "## Štejemo dneve\n\n## Še en naslov"
    write_catalog(cat, po)
    with pytest.raises(CatalogError, match="headings differ|heading was lost or added"):
        build.build_lessons("sl")


def test_a_changed_english_paragraph_turns_its_translation_fuzzy(course):
    _translate_all(course)
    changed = nbformat.read(course / "notebooks" / "01-two-states.ipynb", as_version=4)
    changed.cells[0].source = changed.cells[0].source.replace("## Counting days", "## Counting the days")
    nbformat.write(changed, course / "notebooks" / "01-two-states.ipynb")
    counts = {c.path.name: c for c in build.update_language("sl")}
    assert counts["01-two-states.po"].fuzzy == 1
    po = course / "translations" / "sl" / "01-two-states.po"
    message = read_catalog(po, "sl").get("## Counting the days")
    assert message.fuzzy and message.string == "## Štejemo dneve"
    _, missing, _ = build.build_lessons("sl")
    assert missing == 1  # the fuzzy entry falls back to English until someone checks it


def test_language_comes_from_the_lesson_folder(tmp_path, monkeypatch):
    (tmp_path / "sl").mkdir()
    monkeypatch.chdir(tmp_path / "sl")
    monkeypatch.delenv("KZSI_LANG", raising=False)
    assert current_language() == "sl"
    monkeypatch.chdir(tmp_path)
    assert current_language() == "en"


def test_load_gives_text_columns_in_slovenian_and_keys_unchanged():
    from kzsi_helpers import load

    english = load("events")
    with use_language("sl"):
        slovenian = load("events")
    assert list(slovenian.columns) == list(english.columns)
    assert (slovenian.dtypes == english.dtypes).all()
    assert slovenian["id"].tolist() == english["id"].tolist()
    assert slovenian["date"].tolist() == english["date"].tolist()
    catalog = messages("sl", "data")
    if catalog is not None and catalog.get("Slovenia declares independence",
                                           context="events|independence-si|title"):
        key = "events|independence-si|title"
        expected = catalog.get("Slovenia declares independence", context=key).string
        if expected:
            assert slovenian.set_index("id").loc["independence-si", "title"] == expected


def test_building_twice_gives_the_same_files(course):
    _translate_all(course)
    first = {p: p.read_bytes() for p in build.build_lessons("sl")[0]}
    second = {p: p.read_bytes() for p in build.build_lessons("sl")[0]}
    assert first == second
