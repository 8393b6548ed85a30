"""The site's languages on small made-up lessons: a language that lacks a lesson, the links to the
browser edition in each language, the student edition, and a broken translation that stops the
whole build. One site is built for the module (three English lessons, two Slovenian ones and a
folder of a language the course does not know); the tests that need another build make a tiny one.
"""

from __future__ import annotations

import argparse
import base64
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kzsi_helpers.publish import pages, site

# a 1x1 PNG
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005000201a5f0c0bd0000000049454e44ae426082"
)).decode()
ENGLISH = {"00-start": "Start here", "01-charts": "Charts", "02-tables": "Tables"}
SLOVENIAN = {"00-start": "Začni tukaj", "01-charts": "Grafi"}  # no 02 in Slovenian yet
SOLUTION = "answer = six * seven"


def lesson(title: str, alt: str = "A dot.") -> nbformat.NotebookNode:
    figure = new_output("display_data", data={"image/png": PNG, "text/plain": "[Figure]"},
                        metadata={"image/png": {"alt": alt}})
    return new_notebook(cells=[
        new_markdown_cell(f"# {title}\n\nWhat it is about.\n\n## {title}: part one\n\nText."),
        new_code_cell("show_figure(fig)", execution_count=1, outputs=[figure]),
        new_code_cell(f"### BEGIN SOLUTION\n{SOLUTION}\n### END SOLUTION", execution_count=2),
    ])


def write_course(folder: Path) -> Path:
    for lessons, where in ((ENGLISH, folder), (SLOVENIAN, folder / "sl"),
                           ({"00-start": "Unknown"}, folder / "xx")):
        where.mkdir(parents=True, exist_ok=True)
        for stem, title in lessons.items():
            nbformat.write(lesson(title), where / f"{stem}.ipynb")
    return folder


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def switch(path: Path) -> dict[str, str]:
    """The language switch of a page: language code to address."""
    return {a["hreflang"]: a["href"] for a in soup(path).select("nav.kzsi-languages a")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("languages")
    write_course(base / "notebooks")
    site.build_site(base / "site", notebooks=base / "notebooks", lite="../lite/")
    return base / "site"


def test_each_language_has_the_lessons_it_has(built):
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html")) == [
        "00-start.html", "01-charts.html", "02-tables.html", "index.html",
        "sl/00-start.html", "sl/01-charts.html", "sl/index.html"]
    assert not (built / "xx").exists()  # a folder that is no language of the course
    entries = soup(built / "sl" / "index.html").select("ol.kzsi-lessons h3 a")
    assert [(a["href"], a.get_text()) for a in entries] == [
        ("00-start.html", "Začni tukaj"), ("01-charts.html", "Grafi")]


def test_the_switch_only_to_languages_that_have_the_page(built):
    assert switch(built / "index.html") == {"sl": "sl/index.html"}
    assert switch(built / "01-charts.html") == {"sl": "sl/01-charts.html"}
    assert switch(built / "02-tables.html") == {}
    assert not soup(built / "02-tables.html").select("nav.kzsi-languages")
    assert switch(built / "sl" / "01-charts.html") == {"en": "../01-charts.html"}
    assert switch(built / "sl" / "index.html") == {"en": "../index.html"}


def test_navigation_stays_in_the_language(built):
    page = soup(built / "sl" / "01-charts.html")
    links = {a["rel"][0]: a["href"] for a in page.select("nav.kzsi-nav-top a[rel]")}
    assert links == {"prev": "00-start.html", "index": "index.html"}  # no next: 02 is not in Slovenian
    sidebar = [a["href"] for a in page.select("nav.kzsi-sidebar .kzsi-toc > li > a")]
    assert sidebar == ["index.html", "00-start.html", "01-charts.html"]
    assert [s["src"] for s in page.find_all("script", src=True)] == [
        "static/search-index.js", "../static/kzsi-site.js"]
    assert [s["href"] for s in page.find_all("link", rel="stylesheet")] == [
        "../static/jupyterlab.css", "../static/kzsi-site.css"]


def test_each_language_searches_its_own_pages(built):
    def urls(folder: Path) -> set[str]:
        text = (folder / "static" / "search-index.js").read_text(encoding="utf-8").split("\n")[0]
        return {u.split('"')[0] for u in text.split('"u": "')[1:]}

    assert "01-charts.html#Grafi:-part-one" in urls(built / "sl")
    assert "01-charts.html#Charts:-part-one" in urls(built)
    assert not [u for u in urls(built / "sl") if "Charts" in u or u.startswith("02-")]
    assert not [u for u in urls(built) if "Grafi" in u]


def test_lesson_pages_link_to_the_same_lesson_in_the_browser_edition(built):
    def lite(path: Path) -> list[str]:
        return [a["href"] for a in soup(path).select("p.kzsi-lite a")]

    assert lite(built / "01-charts.html") == ["../lite/lab/index.html?path=teacher/01-charts.ipynb"]
    assert lite(built / "sl" / "01-charts.html") == [
        "../../lite/lab/index.html?path=teacher/sl/01-charts.ipynb"]
    assert lite(built / "sl" / "index.html") == []


def test_the_student_edition_in_every_language(tmp_path, capsys):
    notebooks = write_course(tmp_path / "notebooks")
    args = argparse.Namespace(out=tmp_path / "student", notebooks=notebooks, student=True,
                              lite="https://school.example/lite/")
    assert site.cli(args) == 0
    assert "(also in sl/)" in capsys.readouterr().out
    out = tmp_path / "student"
    # the stub is written in the lesson's language (the student edition's own words)
    for page, stub in (("01-charts.html", "YOUR CODE HERE"), ("sl/01-charts.html", "TU NAPIŠI SVOJO KODO")):
        text = (out / page).read_text(encoding="utf-8")
        assert "six" not in text and stub in text, page
    [link] = soup(out / "sl" / "01-charts.html").select("p.kzsi-lite a")
    assert link["href"] == "https://school.example/lite/lab/index.html?path=sl/01-charts.ipynb"
    assert soup(out / "sl" / "index.html").select("span.kzsi-edition")


def test_a_broken_translation_stops_the_whole_build(tmp_path):
    notebooks = write_course(tmp_path / "notebooks")
    out = tmp_path / "site"
    site.build_site(out, notebooks=notebooks)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    nbformat.write(lesson("Grafi", alt=""), notebooks / "sl" / "01-charts.ipynb")
    with pytest.raises(pages.SiteError, match=r"sl/01-charts\.ipynb, cell 2 .*alt text"):
        site.build_site(out, notebooks=notebooks)
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "site"]


def test_unknown_language_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown language 'xx'"):
        site.build_site(tmp_path / "site", notebooks=write_course(tmp_path / "notebooks"),
                        languages=["xx"])
    assert not (tmp_path / "site").exists()
