"""Printable handouts (kzsi_helpers.publish.handouts) and PDF printing (kzsi_helpers.publish.pdf).

The real lessons are printed once, by the command a teacher types
(``python -m kzsi_helpers student --handouts``), under ``LC_ALL=C`` and into a folder whose path has
č, š and ž: the one slow test (Chromium prints every lesson's PDF in every language, about 50 s on
two cores) checks that nothing breaks there and that each handout takes at most 8 A4 pages, 7 a
lesson on average, in every language.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kzsi_helpers.course.lessons import lesson_paths
from kzsi_helpers.publish import handouts, pdf
from kzsi_helpers.publish.handouts import handout_html, printable, write_handouts

ROOT = Path(__file__).resolve().parent.parent
LESSONS = lesson_paths(ROOT / "notebooks")
# Issue 16 set 60 A4 pages for the five lessons (58 then). Cut into ten lessons of one period each
# (issue 26), each handout repeats its front matter: at most 8 pages a lesson, 7 on average.
MAX_PAGES_PER_LESSON = 8
MAX_PAGES = 7 * len(LESSONS)

needs_browser = pytest.mark.skipif(
    pdf.find_chromium() is None and not os.environ.get("KZSI_REQUIRE_BROWSER"),
    reason="no Chromium installed (PDF handouts are optional)")


def lesson() -> nbformat.NotebookNode:
    map_html = '<div><iframe srcdoc="&lt;p&gt;leaflet&lt;/p&gt;"></iframe></div>'
    return new_notebook(cells=[
        new_markdown_cell('# A "quoted" lesson </style>\n\nIntro.'),
        new_markdown_cell("## Map\n\nThe map shows the places.\n\nIf you see no map in JupyterLab, "
                          "the notebook is not trusted yet: run `jupyter trust x.ipynb`."),
        new_code_cell("m", execution_count=1, outputs=[
            new_output("display_data", data={"text/html": map_html, "text/plain": "<Map: two>"})]),
        new_markdown_cell("Only on screen.", metadata={"tags": ["screen-only"]}),
        new_markdown_cell("## Table\n\nThe table follows."),
    ])


def test_printable_leaves_out_what_paper_cannot_show() -> None:
    nb = lesson()
    out = printable(nb)
    text = "\n".join(c.source for c in out.cells)
    assert "not trusted" not in text and "jupyter trust" not in text
    assert "The map shows the places." in text  # the rest of that cell stays
    assert "Only on screen." not in text
    [html_out] = out.cells[2].outputs
    assert "<iframe" not in html_out["data"]["text/html"]
    assert "Interactive map (two)" in html_out["data"]["text/html"]
    assert len(nb.cells) == 5 and "jupyter trust" in nb.cells[1].source  # input untouched


def test_handout_has_no_forced_page_breaks_and_a_footer_with_the_title() -> None:
    page = handout_html(lesson(), 'A "quoted" lesson </style>')
    assert not re.search(r"break-before:\s*(page|always)", page)
    assert "page-break-before: always" not in page
    # the footer: the title as an escaped CSS string (a quote or </style> cannot end it), page n of m
    footer = re.search(r"@bottom-left \{ content: (\"[^\"]*\"); \}", page)
    assert footer, "no footer title"
    assert "</style>" not in footer.group(1) and '\\22 quoted\\22 ' in footer.group(1)
    assert 'counter(page) " of " counter(pages)' in page
    # a code cell is kept with the start of its output; outputs may run over a page
    assert re.search(r"\.jp-CodeCell \.jp-Cell-inputWrapper \{\s*break-after: avoid", page)
    assert re.search(r"\.jp-OutputArea-child \{\s*break-inside: auto", page)


def test_write_handouts_html_only(tmp_path: Path) -> None:
    written = write_handouts([(Path("03-x.ipynb"), lesson())], tmp_path / "h", chromium="")
    assert [p.name for p in written] == ["03-x.html"]
    assert sorted(p.name for p in (tmp_path / "h").iterdir()) == ["03-x.html"]


def fake_browser(folder: Path, stderr: bytes, code: int) -> str:
    script = folder / "fake-chromium"
    script.write_text(f"#!{sys.executable}\nimport sys\nsys.stderr.buffer.write({stderr!r})\n"
                      f"sys.exit({code})\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_a_failed_print_among_several_raises_and_leaves_no_printed_copies(tmp_path: Path) -> None:
    # the PDFs are printed two at a time; one failure must still reach the caller, and the
    # ".NN-name.print.html" copies of every lesson are removed
    browser = fake_browser(tmp_path, b"no display", 5)
    editions = [(Path(f"0{n}-x.ipynb"), lesson()) for n in range(3)]
    with pytest.raises(RuntimeError, match="exit 5"):
        write_handouts(editions, tmp_path / "h", chromium=browser)
    left = sorted(p.name for p in (tmp_path / "h").iterdir())
    assert left == ["00-x.html", "01-x.html", "02-x.html"], left


def test_chromium_output_is_decoded_as_utf8_whatever_the_locale(tmp_path: Path) -> None:
    folder = tmp_path / "učenci-šž"
    folder.mkdir()
    page = folder / "lekcija.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    message = f"cannot open {folder}/lekcija.html".encode() + b" \xff\xfe"
    browser = fake_browser(tmp_path, message, 3)
    with pytest.raises(RuntimeError) as caught:
        pdf.html_to_pdf(page, folder / "lekcija.pdf", chromium=browser)
    text = str(caught.value)
    assert "exit 3" in text and "učenci-šž" in text and "\ufffd" in text
    assert not list(folder.glob("*.pdf")) and not list(folder.glob(".*.part"))


def test_every_subprocess_in_the_printing_code_is_read_as_bytes() -> None:
    # text=True or encoding= without errors= would decode with the locale (issue 14, item 13)
    for module in (pdf, handouts):
        source = Path(module.__file__).read_text(encoding="utf-8")
        for call in re.findall(r"subprocess\.\w+\((?:[^()]|\([^()]*\))*\)", source, re.S):
            assert "text=True" not in call and "universal_newlines" not in call, call
            assert "encoding=" not in call or "errors=" in call, call


@needs_browser
def test_real_handouts_print_under_lc_all_c_into_a_path_with_c_s_z(tmp_path: Path) -> None:
    out = tmp_path / "razred čšž" / "student"
    env = dict(os.environ, LC_ALL="C", LANG="C", PYTHONIOENCODING="", PYTHONUTF8="0")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    result = subprocess.run([sys.executable, "-m", "kzsi_helpers", "student", "--handouts",
                             "--out", str(out)], capture_output=True, cwd=ROOT, env=env,
                            timeout=600, check=False)
    assert result.returncode == 0, pdf.decode_output(result.stderr)[-2000:]
    pdfs = sorted((out / "handouts").glob("*.pdf"))
    assert [p.stem for p in pdfs] == [p.stem for p in LESSONS]
    pages = {p.stem: pdf.page_count(p.read_bytes()) for p in pdfs}
    assert all(n >= 1 for n in pages.values()), pages
    assert max(pages.values()) <= MAX_PAGES_PER_LESSON, pages
    assert sum(pages.values()) <= MAX_PAGES, pages
    # and in each translated language, in its own folder (LC_ALL=C does not stop it either)
    for code in ("sl",):
        translated = sorted((out / code / "handouts").glob("*.pdf"))
        assert [p.stem for p in translated] == [p.stem for p in lesson_paths(ROOT / "notebooks" / code)]
        pages = {p.stem: pdf.page_count(p.read_bytes()) for p in translated}
        assert all(n >= 1 for n in pages.values()), pages
        assert max(pages.values()) <= MAX_PAGES_PER_LESSON, pages
        assert sum(pages.values()) <= MAX_PAGES, pages
    # nothing left behind by the printing (the copies printed, partial PDFs)
    for folder in (out / "handouts", out / "sl" / "handouts"):
        assert not [p.name for p in folder.iterdir() if p.name.startswith(".")], folder
