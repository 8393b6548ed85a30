"""The translated editions (Slovenian, Kazakh, Russian): complete catalogues, lessons built from them,
code unchanged, no English left.

The built lessons in ``notebooks/<lang>/`` are checked against the English source and the catalogues;
strict nbval (collected from ``notebooks/``) runs them like the English ones.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import nbformat
import pytest

from kzsi_helpers.course import toc
from kzsi_helpers.course.lessons import lesson_paths
from kzsi_helpers.i18n import build
from kzsi_helpers.i18n.catalog import is_translated, read_catalog
from kzsi_helpers.i18n.datatext import TEXT_COLUMNS
from kzsi_helpers.i18n.language import SHIPPED, use_language
from kzsi_helpers.i18n.lessons import heading_anchors, lesson_template, translate_notebook
from kzsi_helpers.i18n.messages import catalog_path, gettext
from kzsi_helpers.i18n.note import NOTE_TAG

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = lesson_paths(ROOT / "notebooks")
NAMES = [p.name for p in ENGLISH]


def _pair(name: str, lang: str = "sl"):
    return (nbformat.read(ROOT / "notebooks" / name, as_version=4),
            nbformat.read(ROOT / "notebooks" / lang / name, as_version=4))


def _body(nb):
    """The cells of a built lesson without its translation note."""
    return [c for c in nb.cells if NOTE_TAG not in c.metadata.get("tags", [])]


def _catalogues(lang: str) -> list[Path]:
    return sorted((ROOT / "translations" / lang).glob("*.po")) + [catalog_path(lang, "data"),
                                                                  catalog_path(lang)]


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_lesson_has_its_edition(lang):
    assert sorted(p.name for p in (ROOT / "notebooks" / lang).glob("*.ipynb")) == NAMES
    assert sorted(p.stem for p in (ROOT / "translations" / lang).glob("*.po")) == \
        [Path(n).stem for n in NAMES]


@pytest.mark.parametrize("lang", SHIPPED)
def test_catalogues_are_complete_with_nothing_fuzzy_or_broken(lang):
    for path in _catalogues(lang):
        catalog = read_catalog(path, lang)
        entries = [m for m in catalog if m.id]
        assert entries, path
        assert [m.id[:60] for m in entries if not m.string] == [], f"{path}: untranslated"
        assert [m.id[:60] for m in entries if m.fuzzy] == [], f"{path}: fuzzy"
        assert build.catalog_problems(path, lang) == []


@pytest.mark.parametrize("lang", SHIPPED)
@pytest.mark.parametrize("name", NAMES)
def test_lesson_catalogue_follows_the_english(name, lang):
    english = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    template = {(m.id, m.context) for m in lesson_template(english, name, lang) if m.id}
    catalog = read_catalog(ROOT / "translations" / lang / f"{Path(name).stem}.po", lang)
    assert template == {(m.id, m.context) for m in catalog if m.id}, "run: python -m kzsi_helpers translate"


@pytest.mark.parametrize("lang", SHIPPED)
@pytest.mark.parametrize("name", NAMES)
def test_built_lesson_is_what_the_catalogue_gives(name, lang):
    english, built = _pair(name, lang)
    catalog = read_catalog(ROOT / "translations" / lang / f"{Path(name).stem}.po", lang)
    result = translate_notebook(english, catalog, name)
    assert result.missing == 0 and result.problems == []
    # lesson 00's table of lessons is generated from the translated lessons, not translated
    expected = [c.source for c in result.notebook.cells if not c.source.startswith(toc.BEGIN)]
    got = [c.source for c in _body(built) if not c.source.startswith(toc.BEGIN)]
    # links to headings are rewritten to the translated headings; compare with anchors cut off
    cut = re.compile(r"(\.ipynb)?#[^)\s]+\)")
    assert [cut.sub(")", s) for s in got] == [cut.sub(")", s) for s in expected], \
        f"run: python -m kzsi_helpers execute --lang {lang}"


def _code_tokens(source: str) -> list[str]:
    source = "\n".join("#" + line[1:] if line.lstrip()[:1] in "%!" else line for line in source.split("\n"))
    skip = {tokenize.STRING, tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE}
    skip |= {getattr(tokenize, n) for n in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")
             if hasattr(tokenize, n)}
    return [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in skip]


@pytest.mark.parametrize("lang", SHIPPED)
@pytest.mark.parametrize("name", NAMES)
def test_code_is_the_same_apart_from_strings_and_comments(name, lang):
    english, built = _pair(name, lang)
    pairs = list(zip([c for c in english.cells], _body(built), strict=True))
    for index, (en, sl) in enumerate(pairs):
        assert en.cell_type == sl.cell_type, index
        if en.cell_type == "code":
            assert _code_tokens(en.source) == _code_tokens(sl.source), f"{name}, cell {index}"
            assert en.metadata.get("tags") == sl.metadata.get("tags"), f"{name}, cell {index}"


_CODE_SPAN = re.compile(r"`[^`\n]+`")
_LINK_TARGET = re.compile(r"\]\(([^)#\s]*)")


@pytest.mark.parametrize("lang", SHIPPED)
@pytest.mark.parametrize("name", NAMES)
def test_markdown_keeps_headings_links_code_spans_and_numbers(name, lang):
    english, built = _pair(name, lang)
    assert len(heading_anchors(english)) == len(heading_anchors(built)) - 0
    for index, (en, sl) in enumerate(zip(english.cells, _body(built), strict=True)):
        if en.cell_type != "markdown":
            continue
        where = f"{name}, cell {index}"
        fence = re.compile(r"```.*?```", re.S)
        en, sl = nbformat.from_dict({"source": fence.sub("", en.source)}), \
            nbformat.from_dict({"source": fence.sub("", sl.source)})
        assert sorted(_CODE_SPAN.findall(en.source)) == sorted(_CODE_SPAN.findall(sl.source)), where
        assert sorted(_LINK_TARGET.findall(en.source)) == sorted(_LINK_TARGET.findall(sl.source)), where
        digits = [re.findall(r"\d+", _LINK_TARGET.sub("](", _CODE_SPAN.sub(" ", s)))
                  for s in (en.source, sl.source)]
        assert sorted(digits[0]) == sorted(digits[1]), where


# Words that mark an English sentence; a Slovenian sentence has at most one or two by chance
# (a quoted title, a data value in italics).
_ENGLISH = set("the and of is are was were with this that you your which from have has not "
               "for its their there what when where how".split())
_QUOTED = re.compile(r"`[^`]*`|\]\([^)]*\)|\"[^\"]*\"|“[^”]*”|»[^«]*«|«[^»]*»|„[^“]*“|'[^']*'"
                     r"|\*\*[^*]+\*\*|\*[^*]+\*"
                     r"|\[[^\]]*\]\(http[^)]*\)|https?://\S+")


def english_sentences(text: str) -> list[str]:
    """Sentences with three or more English function words outside quotes and code."""
    plain = _QUOTED.sub(" ", text)
    found = []
    for sentence in re.split(r"(?<=[.!?:])\s+|\n", plain):
        words = re.findall(r"[A-Za-z']+", sentence.lower())
        if sum(w in _ENGLISH for w in words) >= 3:
            found.append(sentence.strip()[:100])
    return found


@pytest.mark.parametrize("lang", SHIPPED)
@pytest.mark.parametrize("name", NAMES)
def test_no_english_left_in_markdown_or_printed_output(name, lang):
    _, built = _pair(name, lang)
    left = []
    for index, cell in enumerate(built.cells):
        texts = [cell.source] if cell.cell_type == "markdown" else []
        if "sources_section(" in cell.get("source", ""):
            continue  # the list of sources cites each title in its own language
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                texts.append(output["text"])
            data = output.get("data", {})
            if "text/markdown" in data:
                texts.append(data["text/markdown"])
            if "kzsi-feedback" in data.get("text/html", ""):
                texts.append(re.sub(r"<[^>]+>", " ", data["text/html"]))
        for text in texts:
            left += [f"cell {index}: {s}" for s in english_sentences(text)]
    assert left == []


def test_the_english_detector_finds_english_and_spares_slovenian():
    assert english_sentences("This is the table of the events.") != []
    assert english_sentences("To je tabela dogodkov; stolpec `the date` in stopnja *high*.") == []


@pytest.mark.parametrize("lang", SHIPPED)
@pytest.mark.parametrize("name", NAMES)
def test_note_says_how_it_was_translated_and_that_no_teacher_reviewed_it(name, lang):
    _, built = _pair(name, lang)
    notes = [c for c in built.cells if NOTE_TAG in c.metadata.get("tags", [])]
    assert len(notes) == 1 and built.cells.index(notes[0]) == 1
    with use_language(lang):
        not_reviewed = gettext("No native-speaking teacher has reviewed it yet.")
    assert not_reviewed != "No native-speaking teacher has reviewed it yet."
    assert not_reviewed in notes[0].source
    assert f"translations/{lang}/{Path(name).stem}.po" in notes[0].source


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_text_column_of_the_data_has_its_translation(lang):
    catalog = read_catalog(catalog_path(lang, "data"), lang)
    tables = {m.context.split("|")[0] for m in catalog if m.id}
    assert tables == set(TEXT_COLUMNS)
    assert all(is_translated(m) for m in catalog if m.id)


@pytest.mark.parametrize("lang", SHIPPED)
def test_package_and_data_catalogues_follow_the_code_and_the_tables(lang):
    import pandas as pd

    template = {(m.id, m.context) for m in build.package_template(lang) if m.id}
    catalog = read_catalog(catalog_path(lang), lang)
    assert template == {(m.id, m.context) for m in catalog if m.id}, \
        f"run: python -m kzsi_helpers translate --lang {lang}"
    tables = {name: pd.DataFrame(rows) for name, rows in build._data_tables().items()}
    data = {(m.id, m.context) for m in build.data_template(tables, lang) if m.id}
    assert data == {(m.id, m.context) for m in read_catalog(catalog_path(lang, "data"), lang) if m.id}
