"""The static site (``python -m kzsi_helpers site``), checked in its HTML without a browser.

Two parts: a site built from small fixture lessons written here (a heading, a figure with alt text,
an HTML table, links between lessons, a solution block), which checks the build's behaviour and its
errors; and the site built from the real lessons in ``notebooks/``, which checks every page for
navigation, headings, alt text, offline assets and links that resolve. The browser tests (maps,
accessibility, requests) are in ``test_browser_site.py``.
"""

from __future__ import annotations

import base64
import csv
import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kzsi_helpers.cli import main
from kzsi_helpers.course.lessons import lesson_paths
from kzsi_helpers.publish import pages, site, site_pages

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

# a 1x1 PNG
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005000201a5f0c0bd0000000049454e44ae426082"
)).decode()

FIXTURES = [
    # file stem, title, objectives, minutes
    ("00-start", "Start here", ["find your way around"], 10),
    ("01-charts", "Charts of things", ["read a chart", "write alt text"], 25),
    ("02-tables", "Tables", ["filter a table"], 40),
]
SOLUTION_CODE = "answer = six * seven"


def fixture_notebook(stem: str, title: str, objectives: list[str], minutes: int,
                     alt: str | None = None) -> nbformat.NotebookNode:
    bullets = "\n".join(f"- {o}" for o in objectives)
    figure_meta = {"image/png": {"alt": alt if alt is not None else f"A dot for {title}."}}
    cells = [
        new_markdown_cell(f"# {title}\n\nWhat {stem} is about.\n\n## Learning objectives\n\n"
                          f"{bullets}\n\n**Time to learn**: {minutes} minutes"),
        new_markdown_cell("## Part one\n\nGo on to [the tables lesson](02-tables.ipynb) or back "
                          "[to the start](00-start.ipynb#Start-here)."),
        new_code_cell("x = 1\nx", execution_count=1,
                      outputs=[new_output("execute_result", data={"text/plain": "1"},
                                          execution_count=1)]),
        new_code_cell("show_figure(fig, alt)", execution_count=2,
                      outputs=[new_output("display_data",
                                          data={"image/png": PNG, "text/plain": "[Figure]"},
                                          metadata=figure_meta)]),
        new_code_cell("table", execution_count=3,
                      outputs=[new_output("execute_result", execution_count=3, data={
                          "text/html": "<table><thead><tr><th>name</th></tr></thead>"
                                       "<tbody><tr><td>Trnovo</td></tr></tbody></table>",
                          "text/plain": "name\nTrnovo"})]),
        new_markdown_cell("## Exercises"),
        new_code_cell(f"### BEGIN SOLUTION\n{SOLUTION_CODE}\n### END SOLUTION", execution_count=4),
        new_markdown_cell("## Summary\n\nDone."),
    ]
    return new_notebook(cells=cells)


def write_fixtures(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, title, objectives, minutes in FIXTURES:
        path = folder / f"{stem}.ipynb"
        nbformat.write(fixture_notebook(stem, title, objectives, minutes), path)
        paths.append(path)
    return paths


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@lru_cache(maxsize=16)
def ids_of(path: Path) -> frozenset[str]:
    return frozenset(tag["id"] for tag in soup(path).find_all(id=True))


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("fixture-site")
    write_fixtures(base / "notebooks")
    site.build_site(base / "site", notebooks=base / "notebooks")
    return base / "site"


# --------------------------------------------------------------------------------------------
# the fixture site
# --------------------------------------------------------------------------------------------


def test_one_page_per_lesson_plus_index(fixture_site):
    pages = sorted(p.name for p in fixture_site.glob("*.html"))
    assert pages == sorted(["index.html"] + [f"{stem}.html" for stem, *_ in FIXTURES])
    assert (fixture_site / site.MARKER).is_file()
    assert not list(fixture_site.parent.glob(".site-*")), "temporary build folders left behind"


@pytest.mark.parametrize("number", range(len(FIXTURES)))
def test_prev_next_index_links(fixture_site, number):
    stem, title, *_ = FIXTURES[number]
    page = soup(fixture_site / f"{stem}.html")
    for nav in page.select("nav.kzsi-nav"):
        links = {a["rel"][0]: a for a in nav.find_all("a", rel=True)}
        assert links["index"]["href"] == "index.html"
        if number == 0:
            assert "prev" not in links
        else:
            prev_stem, prev_title, *_ = FIXTURES[number - 1]
            assert links["prev"]["href"] == f"{prev_stem}.html"
            assert prev_title in links["prev"].get_text()
        if number == len(FIXTURES) - 1:
            assert "next" not in links
        else:
            next_stem, next_title, *_ = FIXTURES[number + 1]
            assert links["next"]["href"] == f"{next_stem}.html"
            assert next_title in links["next"].get_text()
    assert len(page.select("nav.kzsi-nav")) == 2  # top and bottom
    assert len(page.select("nav.kzsi-sidebar")) == 1
    assert page.html["lang"] == "en"
    assert page.title.get_text().startswith(title)
    assert page.find("h1").get_text().strip().startswith(title)


def test_index_lists_lessons_with_objectives_and_times(fixture_site):
    page = soup(fixture_site / "index.html")
    assert page.html["lang"] == "en"
    assert page.title.get_text() == site_pages.SITE_TITLE
    entries = page.select("ol.kzsi-lessons > li")
    assert len(entries) == len(FIXTURES)
    for entry, (stem, title, objectives, minutes) in zip(entries, FIXTURES, strict=True):
        link = entry.find("a")
        assert link["href"] == f"{stem}.html" and link.get_text() == title
        assert [li.get_text() for li in entry.select("ul.kzsi-objectives li")] == objectives
        assert f"{minutes} minutes" in entry.get_text()
        assert f"What {stem} is about." in entry.get_text()
    nav = page.select_one("nav.kzsi-nav")
    assert nav.find("a", rel="next")["href"] == f"{FIXTURES[0][0]}.html"
    text = page.get_text(" ")
    assert "MIT" in text and "CC BY 4.0" in text
    assert "How to use the course" in text


# the h2 headings the fixture lessons have (fixture_notebook), as nbconvert names their ids
FIXTURE_SECTIONS = ["Learning objectives", "Part one", "Exercises", "Summary"]


@pytest.mark.parametrize("number", range(len(FIXTURES)))
def test_sidebar_lists_every_lesson_and_this_pages_sections(fixture_site, number):
    stem = FIXTURES[number][0]
    bar = soup(fixture_site / f"{stem}.html").select_one("nav.kzsi-sidebar")
    top = [a for li in bar.select("ul.kzsi-toc > li") for a in li.find_all("a", recursive=False)]
    assert [a["href"] for a in top] == ["index.html"] + [f"{f[0]}.html" for f in FIXTURES]
    for a, fixture in zip(top[1:], FIXTURES, strict=True):
        assert fixture[1] in a.get_text()
    current = bar.select('[aria-current="page"]')
    assert [a["href"] for a in current] == [f"{stem}.html"]
    assert "kzsi-current" in current[0].parent["class"]
    sections = bar.select(".kzsi-current .kzsi-toc-sections a")
    assert [a.get_text() for a in sections] == FIXTURE_SECTIONS
    assert [a["href"] for a in sections] == ["#" + t.replace(" ", "-") for t in FIXTURE_SECTIONS]
    assert len(bar.select(".kzsi-toc-sections")) == 1  # only the current lesson's sections


def search_index(folder: Path) -> list[dict]:
    """The search index of a language's folder (its first line; the second has the script's words)."""
    script = (folder / "static" / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.kzsiSearchIndex = "
    index, words = script.split("\n")
    assert index.startswith(prefix) and index.endswith(";")
    assert words.startswith("window.kzsiSiteText = {") and words.endswith("};")
    assert "<" not in script and ">" not in script and "&" not in script
    return json.loads(index[len(prefix):-1])


def test_search_index_has_every_section_and_glossary_term(fixture_site):
    docs = search_index(fixture_site)
    urls = [d["u"] for d in docs]
    for stem, title, *_ in FIXTURES:
        for section in FIXTURE_SECTIONS:
            assert f"{stem}.html#{section.replace(' ', '-')}" in urls
        part = next(d for d in docs if d["u"] == f"{stem}.html#Part-one")
        assert "Trnovo" in part["x"]  # table text is searchable
        assert "x = 1" not in part["x"]  # code is not
        assert part["p"].endswith(title)
    with open(ROOT / "data" / "glossary.csv", newline="", encoding="utf-8") as handle:
        terms = [row["term"] for row in csv.DictReader(handle)]
    index_ids = ids_of((fixture_site / "index.html").resolve())
    for term in terms:
        anchor = "glossary-" + "-".join(re.findall(r"[a-z0-9]+", term.lower()))  # CIF / FOB
        assert f"index.html#{anchor}" in urls, term
        assert anchor in index_ids, term


def test_lesson_links_to_the_browser_edition_when_given(tmp_path):
    folder = tmp_path / "notebooks"
    paths = write_fixtures(folder)
    url = '../lite/lab/index.html?path=01-charts.ipynb&x="<b>'
    site.build_site(tmp_path / "site", notebooks=folder, paths=paths[:2],
                    lite_urls={"01-charts": url})
    with_link = soup(tmp_path / "site" / "01-charts.html").select("p.kzsi-lite a")
    assert [a["href"] for a in with_link] == [url]
    assert "Run this lesson in your browser" in with_link[0].get_text()
    assert '"<b>' not in (tmp_path / "site" / "01-charts.html").read_text(encoding="utf-8")
    assert not soup(tmp_path / "site" / "00-start.html").select("p.kzsi-lite")


def test_site_command_links_to_a_browser_edition_beside_it_or_given(tmp_path, capsys):
    import argparse

    folder = tmp_path / "notebooks"
    write_fixtures(folder)
    args = dict(notebooks=folder, student=False, lite=None)
    assert site.cli(argparse.Namespace(out=tmp_path / "site", **args)) == 0
    assert not soup(tmp_path / "site" / "01-charts.html").select("p.kzsi-lite")  # none built
    (tmp_path / "lite").mkdir()
    (tmp_path / "lite" / "jupyter-lite.json").write_text("{}", encoding="utf-8")
    assert site.cli(argparse.Namespace(out=tmp_path / "site", **args)) == 0
    [link] = soup(tmp_path / "site" / "01-charts.html").select("p.kzsi-lite a")
    assert link["href"] == "../lite/lab/index.html?path=teacher/01-charts.ipynb"
    args.update(student=True, lite="https://school.example/kzsi lite")
    assert site.cli(argparse.Namespace(out=tmp_path / "student-site", **args)) == 0
    [link] = soup(tmp_path / "student-site" / "01-charts.html").select("p.kzsi-lite a")
    assert link["href"] == "https://school.example/kzsi lite/lab/index.html?path=01-charts.ipynb"
    capsys.readouterr()


def test_index_lists_every_source(fixture_site):
    with open(ROOT / "data" / "sources.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    page = soup(fixture_site / "index.html")
    for row in rows:
        item = page.find(id=f"source-{row['id']}")
        assert item is not None, row["id"]
        assert row["title"] in item.get_text()
        if row["url"]:
            assert item.find("a")["href"] == row["url"]


def test_figures_carry_alt_text_from_output_metadata(fixture_site):
    for stem, title, *_ in FIXTURES:
        images = soup(fixture_site / f"{stem}.html").find_all("img")
        assert [img["alt"] for img in images] == [f"A dot for {title}."]
        assert images[0]["src"].startswith("data:image/png;base64,")


def test_no_cdn_no_require_no_mathjax(fixture_site):
    for page_path in fixture_site.glob("*.html"):
        page = soup(page_path)
        for tag in page.find_all(["script", "link", "img", "iframe"]):
            ref = tag.get("src") or tag.get("href") or ""
            assert not urlsplit(ref).scheme or ref.startswith("data:"), (page_path.name, ref)
        text = page_path.read_text(encoding="utf-8").lower()
        assert "require.js" not in text and "require.min.js" not in text
        assert "mathjax" not in text and "cdnjs" not in text and "cdn.jsdelivr" not in text
    assert (fixture_site / "static" / "jupyterlab.css").stat().st_size > 10_000


def test_links_between_lessons_point_to_pages(fixture_site):
    page = soup(fixture_site / "01-charts.html")
    hrefs = [a["href"] for a in page.select("main a[href]") if "anchor-link" not in a.get("class", [])]
    assert "02-tables.html" in hrefs and "00-start.html#Start-here" in hrefs
    assert not [h for h in hrefs if ".ipynb" in h]


def test_html_outputs_are_kept(fixture_site):
    page = soup(fixture_site / "02-tables.html")
    assert page.select_one("main table td").get_text() == "Trnovo"


# --------------------------------------------------------------------------------------------
# errors, and the output folder written whole or not at all
# --------------------------------------------------------------------------------------------


def test_figure_without_alt_text_names_notebook_and_cell(tmp_path):
    notebooks = tmp_path / "notebooks"
    write_fixtures(notebooks)
    nbformat.write(fixture_notebook("01-charts", "Charts", ["x"], 5, alt=""),
                   notebooks / "01-charts.ipynb")
    with pytest.raises(pages.SiteError, match=r"01-charts\.ipynb, cell 4 .*alt text"):
        site.build_site(tmp_path / "site", notebooks=notebooks)
    assert not (tmp_path / "site").exists()
    assert list(tmp_path.iterdir()) == [notebooks], "temporary build folder left behind"


def test_cell_that_fails_to_render_is_named_and_old_site_kept(tmp_path):
    notebooks = tmp_path / "notebooks"
    write_fixtures(notebooks)
    out = tmp_path / "site"
    site.build_site(out, notebooks=notebooks)
    before = {p.name: p.read_bytes() for p in out.glob("*.html")}
    # break one output of lesson 03 on disk: a display_data output without its "data"
    raw = json.loads((notebooks / "02-tables.ipynb").read_text(encoding="utf-8"))
    del raw["cells"][4]["outputs"][0]["data"]
    (notebooks / "02-tables.ipynb").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(pages.SiteError, match=r"02-tables\.ipynb, cell 5 \(id [\w-]+\)"):
        site.build_site(out, notebooks=notebooks)
    assert {p.name: p.read_bytes() for p in out.glob("*.html")} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "site"]


def test_unreadable_notebook_is_named(tmp_path):
    notebooks = tmp_path / "notebooks"
    write_fixtures(notebooks)
    (notebooks / "03-broken.ipynb").write_text("{not json", encoding="utf-8")
    with pytest.raises(pages.SiteError, match=r"03-broken\.ipynb: not a readable notebook"):
        site.build_site(tmp_path / "site", notebooks=notebooks)
    assert not (tmp_path / "site").exists()


def test_lesson_without_title_is_named(tmp_path):
    notebooks = tmp_path / "notebooks"
    write_fixtures(notebooks)
    nbformat.write(new_notebook(cells=[new_markdown_cell("No heading here.")]),
                   notebooks / "03-untitled.ipynb")
    with pytest.raises(pages.SiteError, match=r"03-untitled\.ipynb: .*'# Title'"):
        site.build_site(tmp_path / "site", notebooks=notebooks)


def test_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path):
    notebooks = tmp_path / "notebooks"
    write_fixtures(notebooks)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "essay.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(pages.SiteError, match="not a kzsi site"):
        site.build_site(precious, notebooks=notebooks)
    assert (precious / "essay.txt").read_text(encoding="utf-8") == "keep me"
    with pytest.raises(pages.SiteError, match="would replace the lessons"):
        site.build_site(notebooks, notebooks=notebooks)


def test_rebuild_replaces_the_whole_site(tmp_path):
    notebooks = tmp_path / "notebooks"
    paths = write_fixtures(notebooks)
    out = tmp_path / "site"
    site.build_site(out, notebooks=notebooks)
    paths[-1].unlink()
    site.build_site(out, notebooks=notebooks)
    assert not (out / "02-tables.html").exists()
    assert "next" not in {a["rel"][0] for a in soup(out / "01-charts.html").find_all("a", rel=True)}


def test_cli_reports_errors_with_exit_code(tmp_path, capsys):
    assert main(["site", "--out", str(tmp_path / "site"), "--notebooks", str(tmp_path)]) == 1
    assert "no lesson notebooks" in capsys.readouterr().err
    write_fixtures(tmp_path / "nbs")
    assert main(["site", "--out", str(tmp_path / "site"), "--notebooks", str(tmp_path / "nbs")]) == 0
    assert "wrote 4 pages" in capsys.readouterr().out


# --------------------------------------------------------------------------------------------
# the student edition
# --------------------------------------------------------------------------------------------


def test_student_flag_without_student_module_fails_clearly(tmp_path, monkeypatch):
    write_fixtures(tmp_path / "notebooks")
    monkeypatch.setitem(sys.modules, "kzsi_helpers.publish.student_edition", None)  # as if it did not exist
    with pytest.raises(pages.SiteError, match="student edition is not available"):
        site.build_site(tmp_path / "site", notebooks=tmp_path / "notebooks", student=True)
    assert not (tmp_path / "site").exists()


def test_student_site_has_no_solutions(tmp_path, fixture_site):
    write_fixtures(tmp_path / "notebooks")
    site.build_site(tmp_path / "site", notebooks=tmp_path / "notebooks", student=True)
    teacher = (fixture_site / "01-charts.html").read_text(encoding="utf-8")
    student = (tmp_path / "site" / "01-charts.html").read_text(encoding="utf-8")
    assert "six" in teacher and "six" not in student
    assert "YOUR CODE HERE" in student
    assert "student edition" in soup(tmp_path / "site" / "index.html").title.get_text()


# --------------------------------------------------------------------------------------------
# the real lessons
# --------------------------------------------------------------------------------------------

LESSONS = lesson_paths(NOTEBOOKS)


def test_there_are_lessons():
    assert LESSONS, f"no lessons in {NOTEBOOKS}"


def page_params():
    return ["index.html"] + [pages.page_name(p) for p in LESSONS]


def internal_targets(page_path: Path, page: BeautifulSoup):
    """(href, file, fragment) of every link and asset that stays inside the site."""
    for tag in page.find_all(["a", "link", "script", "img", "iframe"]):
        ref = tag.get("href") or tag.get("src")
        if not ref or ref.startswith(("data:", "mailto:")) or urlsplit(ref).scheme:
            continue
        parts = urlsplit(ref)
        target = (page_path.parent / unquote(parts.path)) if parts.path else page_path
        yield ref, target, parts.fragment


@pytest.mark.parametrize("name", page_params())
def test_real_pages_links_resolve(real_site, name):
    page_path = real_site / name
    page = soup(page_path)
    for ref, target, fragment in internal_targets(page_path, page):
        assert target.resolve().is_relative_to(real_site.resolve()), (name, ref)
        assert target.is_file(), (name, ref)
        if fragment:  # as browsers do: the fragment as written, else percent-decoded
            ids = ids_of(target.resolve())
            assert fragment in ids or unquote(fragment) in ids, (name, ref)


def page_files(page_path: Path) -> set[Path]:
    """The page and every local file it or its map frames load (scripts, stylesheets, images)."""
    files = {page_path.resolve()}
    docs = [soup(page_path)]
    docs += [BeautifulSoup(f["srcdoc"], "html.parser") for f in docs[0].find_all("iframe", srcdoc=True)]
    for doc in docs:
        for tag in doc.find_all(["script", "link", "img"]):
            ref = tag.get("src") or tag.get("href")
            if ref and not ref.startswith("data:") and not urlsplit(ref).scheme:
                files.add((page_path.parent / unquote(urlsplit(ref).path)).resolve())
    return files


@pytest.mark.parametrize("name", page_params())
def test_real_pages_weigh_under_2_mb(real_site, name):
    files = page_files(real_site / name)
    assert all(f.is_file() for f in files), sorted(str(f) for f in files if not f.is_file())
    total = sum(f.stat().st_size for f in files)
    assert total < 2_000_000, f"{name}: {total / 1e6:.2f} MB with what it loads"


def test_real_maps_load_one_shared_leaflet(real_site):
    from xstatic.pkg import jquery, leaflet

    frames = [f for name in page_params()
              for f in soup(real_site / name).find_all("iframe", srcdoc=True)]
    assert len(frames) >= 4, "lessons 00 and 03 have maps"
    # the start of Leaflet's (and jQuery's) longest line of code, read from the xstatic packages
    leaflet_js = (Path(leaflet.BASE_DIR) / "leaflet.js").read_text(encoding="utf-8")
    jquery_js = (Path(jquery.BASE_DIR) / "jquery.min.js").read_text(encoding="utf-8")
    probe = max(leaflet_js.splitlines(), key=len)[:80]
    for frame in frames:
        doc = frame["srcdoc"]
        assert probe not in doc, "a map still carries its own Leaflet"
        inner = BeautifulSoup(doc, "html.parser")
        assert [s["src"] for s in inner.find_all("script", src=True)][:2] == [
            "static/leaflet.js", "static/jquery.min.js"]
        assert inner.find("link", rel="stylesheet")["href"] == "static/leaflet.css"
    shared = (real_site / "static" / "leaflet.js").read_text(encoding="utf-8")
    assert probe in shared and len(shared) > 0.9 * len(leaflet_js)
    assert max(jquery_js.splitlines(), key=len)[:80] in (real_site / "static" / "jquery.min.js").read_text(
        encoding="utf-8")


def test_fixture_site_without_maps_ships_no_leaflet(fixture_site):
    assert not (fixture_site / "static" / "leaflet.js").exists()


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_real_lesson_pages(real_site, path):
    lesson = pages.read_lesson(path)
    page = soup(real_site / pages.page_name(path))
    assert page.html["lang"] == "en"
    assert page.title.get_text().startswith(lesson.title)
    # headings in order: the first is the only h1, and no level is skipped on the way down
    levels = [int(h.name[1]) for h in page.select("main h1, main h2, main h3, main h4, main h5, main h6")]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    for img in page.find_all("img"):
        assert img.get("alt", "").strip(), img.get("src", "")[:60]
    for frame in page.find_all("iframe"):
        assert frame.get("title", "").strip()
    titles = [f["title"] for f in page.find_all("iframe")]
    assert len(titles) == len(set(titles)), titles
    for tag in page.find_all(["script", "link"]):
        ref = tag.get("src") or tag.get("href") or ""
        assert not urlsplit(ref).scheme, ref
    # the figures in the notebook are the images of the page, with the same alt text
    nb = nbformat.read(path, as_version=4)
    alts = [o["metadata"]["image/png"]["alt"] for c in nb.cells if c.cell_type == "code"
            for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert [img["alt"] for img in page.find_all("img")] == alts


def solution_lines(nb: nbformat.NotebookNode) -> list[str]:
    """Lines between ### BEGIN SOLUTION and ### END SOLUTION that occur nowhere else in the code.

    A line of the student's scaffold (after ### BLANKS, commented out) is given to students on
    purpose, so the same line in the worked answer is no secret.
    """
    secret, shared, inside, scaffold = [], set(), False, False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        solution_cell = "solution" in cell.get("metadata", {}).get("tags", [])
        for line in cell.source.splitlines():
            if line.strip() == "### BEGIN SOLUTION":
                inside = True
            elif line.strip() == "### END SOLUTION":
                inside = scaffold = False
            elif inside and line.strip() == "### BLANKS":
                scaffold = True
            elif scaffold:
                shared.add(line.strip().removeprefix("#").strip())
            elif inside:
                secret.append(line.strip())
            elif not solution_cell:
                shared.add(line.strip())
    elsewhere = "\n".join(shared)
    return [line for line in secret
            if len(line) > 8 and not line.startswith("#") and line not in elsewhere]


def code_text(page: Path) -> str:
    return "\n".join(pre.get_text() for pre in soup(page).select(".jp-InputArea-editor pre"))


def test_real_student_site_has_no_worked_answers(real_site, tmp_path):
    site.build_site(tmp_path / "student", notebooks=NOTEBOOKS, student=True)
    for path in LESSONS:
        lines = solution_lines(nbformat.read(path, as_version=4))
        teacher = code_text(real_site / pages.page_name(path))
        student = code_text(tmp_path / "student" / pages.page_name(path))
        assert all(line in teacher for line in lines), path.name  # the check can see them
        assert [line for line in lines if line in student] == [], path.name
        if lines:
            assert "YOUR CODE HERE" in student, path.name
