"""The student edition and the handouts in every language the course has built (notebooks/<lang>/).

The real edition (every English and Slovenian lesson, with HTML handouts) is built once for the
module; PDFs are printed only for a small page with Kazakh and Slovenian letters.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kzsi_helpers.course.lessons import lesson_paths
from kzsi_helpers.i18n.language import use_language
from kzsi_helpers.i18n.messages import _
from kzsi_helpers.publish import handouts as handouts_module
from kzsi_helpers.publish import student
from kzsi_helpers.publish.handouts import handout_html
from kzsi_helpers.publish.pdf import find_chromium, html_to_pdf
from kzsi_helpers.publish.student import MARKER_FILE, build_student_edition, language_folders
from kzsi_helpers.publish.student_edition import StudentEditionError, student_notebook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SL_LESSONS = [p.name for p in lesson_paths(NOTEBOOKS / "sl")]

needs_browser = pytest.mark.skipif(
    find_chromium() is None and not os.environ.get("KZSI_REQUIRE_BROWSER"),
    reason="no Chromium installed (PDF handouts are optional)")


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real student edition with its HTML handouts (no PDFs: they are tested on a small page)."""
    out = tmp_path_factory.mktemp("edition") / "student"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(handouts_module, "find_chromium", lambda: None)
        build_student_edition(NOTEBOOKS, out, handouts=True)
    return out


def solution_lines(nb: nbformat.NotebookNode) -> list[str]:
    """The lines of the worked answers (inside the markers, before any ### BLANKS) that the
    lesson's code and the students' scaffolds have nowhere else (a loop the lesson showed before,
    a closing bracket, may be part of an answer)."""
    found, elsewhere = [], set()
    for cell in nb.cells:
        inside = scaffold = False
        for line in cell.source.splitlines():
            if re.match(r"\s*### BEGIN SOLUTION", line):
                inside = True
            elif re.match(r"\s*### BLANKS", line):
                inside, scaffold = False, True
            elif re.match(r"\s*### END SOLUTION", line):
                inside = scaffold = False
            elif inside and line.strip():
                found.append(line.strip())
            elif scaffold:
                elsewhere.add(line.strip().removeprefix("#").strip())
            elif cell.cell_type == "code":
                elsewhere.add(line.strip())
    return [line for line in found if line not in elsewhere]


def page_text(path: Path) -> str:
    """What a handout shows: its text without tags, style sheets and scripts."""
    source = re.sub(r"<(style|script)\b.*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", source))


# --------------------------------------------------------------------------------------------
# the notebooks
# --------------------------------------------------------------------------------------------


def test_the_real_course_has_a_slovenian_edition_to_build() -> None:
    assert [code for code, _folder in language_folders(NOTEBOOKS)] == ["sl", "kk", "ru"]
    assert len(SL_LESSONS) == 10 and SL_LESSONS[1] == "01-three-decades-of-diplomacy.ipynb"


def test_every_slovenian_lesson_has_its_student_edition(edition: Path) -> None:
    assert sorted(p.name for p in (edition / "sl").glob("*.ipynb")) == SL_LESSONS
    # the English edition stays where it was, and one marker covers the whole folder
    assert sorted(p.name for p in edition.glob("*.ipynb")) == [p.name for p in lesson_paths(NOTEBOOKS)]
    assert (edition / MARKER_FILE).is_file() and not (edition / "sl" / MARKER_FILE).exists()
    manifest = (edition / MARKER_FILE).read_text(encoding="utf-8")
    assert "  sl/01-three-decades-of-diplomacy.ipynb\n" in manifest
    assert "  sl/handouts/01-three-decades-of-diplomacy.html\n" in manifest


def test_slovenian_solutions_are_removed_as_in_english(edition: Path) -> None:
    for name in SL_LESSONS:
        teacher = nbformat.read(NOTEBOOKS / "sl" / name, as_version=4)
        nb = nbformat.read(edition / "sl" / name, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        lines = {line.strip() for line in code.splitlines()}
        assert bool(solution_lines(teacher)) == (name[:2] != "00"), name  # the check can see them
        assert [line for line in solution_lines(teacher) if line in lines] == [], name
        assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells), name
        assert "BEGIN SOLUTION" not in code and "BLANKS" not in code, name
        for cell in nb.cells:
            if cell.cell_type == "code" and re.search(r"\.(check|hint|solution)\(", cell.source):
                assert cell.outputs == [], (name, cell.source)
    # lesson 01 by hand: a scaffold becomes the student's code, a plain answer the stub
    nb = nbformat.read(edition / "sl" / "01-three-decades-of-diplomacy.ipynb", as_version=4)
    sources = [c.source for c in nb.cells]
    assert ('start = by_id.loc["independence-si", "date_start"]\n'
            'end = by_id.loc["diplomatic-relations", "date_start"]\n'
            "days_si = (____ - ____).days\ndays_si") in sources
    assert 'grade = "medium"' not in "\n".join(sources)
    assert "# TU NAPIŠI SVOJO KODO\nraise NotImplementedError()" in sources
    stub = sources.index("# TU NAPIŠI SVOJO KODO\nraise NotImplementedError()")
    assert nb.cells[stub].metadata["tags"] == ["raises-exception"]
    # the narrative stays Slovenian
    assert "## Pregled" in "\n".join(sources)


def test_the_english_edition_is_unchanged_by_the_languages(edition: Path) -> None:
    name = "01-three-decades-of-diplomacy.ipynb"
    expected = student_notebook(nbformat.read(NOTEBOOKS / name, as_version=4), name=name,
                                language="en")
    assert nbformat.read(edition / name, as_version=4) == expected
    text = (edition / name).read_text(encoding="utf-8")
    assert "# YOUR CODE HERE" in text and "TU NAPIŠI" not in text
    assert sorted(p.name for p in (edition / "handouts").iterdir()) == [
        p.stem + ".html" for p in lesson_paths(NOTEBOOKS)]


def test_a_slovenian_student_lesson_answers_in_slovenian(edition: Path) -> None:
    # run as a student opens it: working folder student/sl/, nothing filled in
    from nbclient import NotebookClient

    path = edition / "sl" / "01-three-decades-of-diplomacy.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.endswith(".check()")]
    assert len(checks) == 4
    texts = ["".join(str(o.get("data", {}).get("text/plain", o.get("text", ""))) for o in c.outputs)
             for c in checks]
    with use_language("sl"):
        not_attempted = _("Not attempted yet")
    assert not_attempted == "Še ni odgovora"
    assert all(text.startswith("Še ni odgovora") for text in texts), texts
    assert not any("Not attempted" in text for text in texts)


# --------------------------------------------------------------------------------------------
# the handouts
# --------------------------------------------------------------------------------------------


def test_slovenian_handouts_are_in_slovenian(edition: Path) -> None:
    pages = sorted((edition / "sl" / "handouts").glob("*.html"))
    assert [p.stem + ".ipynb" for p in pages] == SL_LESSONS
    page = edition / "sl" / "handouts" / "01-three-decades-of-diplomacy.html"
    source = page.read_text(encoding="utf-8")
    assert '<html lang="sl">' in source
    assert "<title>Tri desetletja diplomacije: Kazahstan in Slovenija</title>" in source
    assert re.search(r"<h2[^>]*>Pregled", source) and re.search(r"<h2[^>]*>Učni cilji", source)
    assert 'counter(page) " od " counter(pages)' in source and '" of "' not in source
    text = page_text(page)
    assert "Kazahstan in Slovenija od leta 1992 · dijaška izdaja · različica" in text
    assert "# TU NAPIŠI SVOJO KODO" in text and "YOUR CODE HERE" not in text
    # a map becomes a note in Slovenian; its table of places stays
    maps = page_text(edition / "sl" / "handouts" / "04-making-the-map.html")
    assert "Interaktivni zemljevid" in maps and "Interactive map" not in maps


def test_english_handouts_stay_english(edition: Path) -> None:
    source = (edition / "handouts" / "04-making-the-map.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in source
    assert '"page " counter(page) " of " counter(pages)' in source
    assert "Interactive map" in source and "Interaktivni" not in source
    assert "Kazakhstan and Slovenia since 1992 \u00b7 student edition \u00b7 version" in source


def test_a_handout_speaks_the_language_it_is_given() -> None:
    nb = new_notebook(cells=[
        new_markdown_cell("# Spomeniki"),
        new_code_cell("m", execution_count=1, outputs=[new_output(
            "display_data", data={"text/html": "<iframe></iframe>", "text/plain": "<Map: dva>"})]),
    ], metadata={"kzsi": {"language": "sl"}})
    page = handout_html(nb, "Spomeniki")  # the language from the lesson's metadata
    assert '<html lang="sl">' in page and "Interaktivni zemljevid (dva):" in page
    english = handout_html(nb, "Spomeniki", language="en")
    assert '<html lang="en">' in english and "Interactive map (dva):" in english


KAZAKH = "әғқңөұүһі"
SLOVENIAN = "čšžČŠŽ"


def pdf_fonts(data: bytes) -> dict[str, set[str]]:
    """Each font of a PDF printed by Chromium, with the characters its ToUnicode map lists.

    A character listed for a DejaVu font was drawn with DejaVu's glyph (not a fallback font,
    and not a missing-glyph box, which maps to no character).
    """
    objects = {int(m.group(1)): m.start() for m in re.finditer(rb"\n(\d+) 0 obj\b", data)}

    def stream(number: int) -> bytes:
        head = re.compile(rb"\s*<<(.*?)>>\s*stream\r?\n", re.S).match(
            data, data.index(b"obj", objects[number]) + 3)
        assert head, number
        length = int(re.search(rb"/Length (\d+)", head.group(1)).group(1))  # type: ignore[union-attr]
        body = data[head.end():head.end() + length]
        return zlib.decompress(body) if b"FlateDecode" in head.group(1) else body

    fonts: dict[str, set[str]] = {}
    for font in re.finditer(rb"/BaseFont /([^\s/]+)[^>]*?/ToUnicode (\d+) 0 R", data, re.S):
        cmap = stream(int(font.group(2))).decode("latin-1")
        chars: set[str] = set()
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for _glyph, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                chars.add(bytes.fromhex(uni).decode("utf-16-be"))
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high, uni in re.findall(
                    r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                first = int(uni, 16)
                chars.update(chr(first + i) for i in range(int(high, 16) - int(low, 16) + 1))
        fonts.setdefault(font.group(1).decode().split("+")[-1], set()).update(chars)
    return fonts


@needs_browser
def test_a_handout_pdf_draws_kazakh_and_slovenian_letters_with_dejavu(tmp_path: Path) -> None:
    words = f"Қазақстан және Словения: {KAZAKH} {KAZAKH.upper()}; Slovenija: {SLOVENIAN}"
    nb = new_notebook(cells=[new_markdown_cell(f"# Қазақ тілі\n\n{words}"),
                             new_code_cell('place = "Өскемен"  # Šoštanj', execution_count=1,
                                           outputs=[new_output("stream", text="Үшарал, Žalec\n")])])
    page = tmp_path / "kk.html"
    page.write_text(handout_html(nb, "Қазақ тілі", language="sl"), encoding="utf-8")
    fonts = pdf_fonts(html_to_pdf(page, tmp_path / "kk.pdf").read_bytes())
    assert fonts and all(name.startswith("DejaVu") for name in fonts), sorted(fonts)
    drawn = set().union(*fonts.values())
    for letter in KAZAKH + KAZAKH.upper() + SLOVENIAN:
        assert letter in drawn, letter
    assert set("Өскемен") <= fonts["DejaVuSansMono"]  # the code, in the monospaced DejaVu


# --------------------------------------------------------------------------------------------
# the safety of a rebuild, with language folders
# --------------------------------------------------------------------------------------------


@pytest.fixture()
def course(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "notebooks"
    (folder / "sl").mkdir(parents=True)
    cell = "### BEGIN SOLUTION\nn = 2\n### END SOLUTION"
    nbformat.write(new_notebook(cells=[new_code_cell(cell)]), folder / "01-demo.ipynb")
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Primer"), new_code_cell(cell)],
                                metadata={"kzsi": {"language": "sl"}}), folder / "sl" / "01-demo.ipynb")
    yield folder


def test_a_students_file_in_the_language_folder_stops_a_rebuild(course: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "student"
    written = build_student_edition(course, out)
    assert sorted(p.relative_to(out).as_posix() for p in written) == ["01-demo.ipynb",
                                                                     "sl/01-demo.ipynb"]
    lesson = out / "sl" / "01-demo.ipynb"
    assert "# TU NAPIŠI SVOJO KODO" in lesson.read_text(encoding="utf-8")
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "# TU NAPIŠI SVOJO KODO", "n = 2  # moj odgovor"), encoding="utf-8")
    (out / "sl" / "moji-zapiski.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(StudentEditionError, match=r"holds 2 file\(s\) .*sl/01-demo\.ipynb \(changed\), "
                                                  r"sl/moji-zapiski\.ipynb \(new\)\. .*--force"):
        build_student_edition(course, out)
    assert "moj odgovor" in lesson.read_text(encoding="utf-8")  # nothing was touched
    build_student_edition(course, out, force=True)
    assert "moj odgovor" not in lesson.read_text(encoding="utf-8")
    assert not (out / "sl" / "moji-zapiski.ipynb").exists()


def test_a_broken_translated_lesson_builds_nothing(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "student"
    build_student_edition(course, out)
    before = (out / MARKER_FILE).read_text(encoding="utf-8")
    broken = nbformat.read(course / "sl" / "01-demo.ipynb", as_version=4)
    broken.cells.append(new_code_cell("1/0", execution_count=2, outputs=[new_output(
        "error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])]))
    nbformat.write(broken, course / "sl" / "01-demo.ipynb")
    (course / "02-more.ipynb").write_text((course / "01-demo.ipynb").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    with pytest.raises(StudentEditionError, match=r"sl/01-demo\.ipynb"):
        build_student_edition(course, out)
    assert (out / MARKER_FILE).read_text(encoding="utf-8") == before  # the old edition, whole
    assert not (out / "02-more.ipynb").exists()


def test_a_language_folder_without_lessons_is_no_edition(course: Path, tmp_path: Path) -> None:
    for path in (course / "sl").iterdir():
        path.unlink()
    out = tmp_path / "student"
    written = build_student_edition(course, out)
    assert [p.relative_to(out).as_posix() for p in written] == ["01-demo.ipynb"]
    assert not (out / "sl").exists() or not any((out / "sl").iterdir())


def test_the_command_names_each_languages_edition(course: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "student"
    args = argparse.Namespace(out=out, notebooks=course, handouts=True, force=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(handouts_module, "find_chromium", lambda: None)
        assert student.cli(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"student edition: 1 notebooks in {out}",
        f"handouts: 1 files (HTML) in {out / 'handouts'}",
        f"student edition (sl): 1 notebooks in {out / 'sl'}",
        f"handouts (sl): 1 files (HTML) in {out / 'sl' / 'handouts'}",
        "no Chromium found: print the HTML handouts from a browser (File > Print)",
    ]
    assert '<html lang="sl">' in (out / "sl" / "handouts" / "01-demo.html").read_text(encoding="utf-8")
