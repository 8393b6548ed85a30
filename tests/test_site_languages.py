"""The site in every language the course has built, checked in its HTML (no browser).

The site of the real lessons (``real_site`` of conftest.py, built once per run from ``notebooks/``)
has the English pages in its root and the Slovenian ones, built from ``notebooks/sl/``, in ``sl/``.
One more build here, of the English lessons alone, shows that adding a language changes an English
page by its language switch only. The behaviour on small made-up lessons (a language that lacks a
lesson, the links to the browser edition, a broken translation) is in ``test_site_languages_fixture.py``;
the search and axe in a browser are in ``test_browser_site.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from kzsi_helpers.course.lessons import lesson_paths
from kzsi_helpers.publish import pages, site

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = lesson_paths(NOTEBOOKS)
SL_LESSONS = lesson_paths(NOTEBOOKS / "sl")
#: Each language's name in that language, as the switch must show it.
NAMES = {"en": "English", "sl": "slovenščina", "kk": "қазақ тілі", "ru": "русский"}
#: The translated languages the real course has built.
LANGS = [code for code in ("sl", "kk", "ru") if (NOTEBOOKS / code).is_dir()]
#: A word of each language's lessons that no English page has; the Kazakh one with Kazakh letters.
WORDS = {"sl": "veleposlaništvo", "kk": "қатынастар", "ru": "отношения"}
#: A word of the Slovenian lessons that no English page has ("embassy" in the nominative).
SLOVENIAN_WORD = "veleposlaništvo"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_names(lessons: list[Path]) -> list[str]:
    return ["index.html"] + [pages.page_name(p) for p in lessons]


def search_docs(folder: Path) -> list[dict]:
    first = (folder / "static" / "search-index.js").read_text(encoding="utf-8").split("\n")[0]
    prefix = "window.kzsiSearchIndex = "
    assert first.startswith(prefix) and first.endswith(";")
    return json.loads(first[len(prefix):-1])


def words(docs: list[dict]) -> set[str]:
    return {w.lower() for d in docs for w in re.findall(r"\w+", d["t"] + " " + d["x"])}


def test_the_course_has_slovenian_lessons():
    assert [p.name for p in SL_LESSONS] == [p.name for p in LESSONS]


def test_every_slovenian_lesson_has_a_page_and_the_language_its_own_search(real_site):
    sl = real_site / "sl"
    assert sorted(p.name for p in sl.glob("*.html")) == sorted(page_names(SL_LESSONS))
    assert (sl / "static" / "search-index.js").is_file()
    # the shared files are not copied into the language's folder
    assert sorted(p.name for p in (sl / "static").iterdir()) == ["search-index.js"]


@pytest.mark.parametrize("name", page_names(SL_LESSONS))
def test_every_page_has_its_language(real_site, name):
    assert soup(real_site / "sl" / name).html["lang"] == "sl"
    assert soup(real_site / name).html["lang"] == "en"


def switch_links(page: BeautifulSoup) -> list:
    navs = page.select("nav.kzsi-languages")
    assert len(navs) == 1, "one language switch per page"
    assert navs[0].find_parent("header") is not None, "the switch is in the page's header"
    return navs[0].find_all("a")


def _folder(site_root: Path, lang: str) -> Path:
    return site_root if lang == "en" else site_root / lang


def _href(lang: str, other: str, name: str) -> str:
    if lang == "en":
        return f"{other}/{name}"
    return f"../{name}" if other == "en" else f"../{other}/{name}"


@pytest.mark.parametrize(("lang", "name"), [("en", n) for n in page_names(LESSONS)]
                         + [(code, n) for code in LANGS for n in page_names(SL_LESSONS)])
def test_the_switch_leads_to_the_same_page_in_every_other_language(real_site, lang, name):
    here = _folder(real_site, lang) / name
    links = {link["hreflang"]: link for link in switch_links(soup(here))}
    assert sorted(links) == sorted({"en", *LANGS} - {lang})
    for other, link in links.items():
        assert link["lang"] == other
        assert link.get_text() == NAMES[other]
        assert link["href"] == _href(lang, other, name)
        target = (here.parent / urlsplit(link["href"]).path).resolve()
        assert target.is_file(), link["href"]
        target_page = soup(target)
        assert target_page.html["lang"] == other
        # the same lesson: its h1 is that lesson's title in the other language, and the switch
        # there leads back to this page
        if name != "index.html":
            folder = NOTEBOOKS if other == "en" else NOTEBOOKS / other
            title = pages.read_lesson(folder / name.replace(".html", ".ipynb")).title
            assert target_page.find("h1").get_text().replace("¶", "").strip() == title
        back = {b["hreflang"]: b for b in switch_links(target_page)}[lang]
        assert (target.parent / back["href"]).resolve() == here.resolve()


def test_the_example_of_the_brief(real_site):
    to_sl = {a["hreflang"]: a["href"] for a in switch_links(soup(real_site / "03-memorials-map.html"))}
    to_en = {a["hreflang"]: a["href"] for a in switch_links(soup(real_site / "sl" / "03-memorials-map.html"))}
    assert (to_sl["sl"], to_en["en"]) == ("sl/03-memorials-map.html", "../03-memorials-map.html")


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_its_pages_lang_and_search(real_site, lang):
    folder = real_site / lang
    assert sorted(p.name for p in folder.glob("*.html")) == sorted(page_names(SL_LESSONS))
    for name in page_names(SL_LESSONS):
        assert soup(folder / name).html["lang"] == lang
    assert WORDS[lang] in words(search_docs(folder))
    assert WORDS[lang] not in words(search_docs(real_site))


def test_the_slovenian_search_has_slovenian_pages_only(real_site):
    sl_docs, en_docs = search_docs(real_site / "sl"), search_docs(real_site)
    assert SLOVENIAN_WORD in words(sl_docs)
    assert SLOVENIAN_WORD not in words(en_docs)
    # every result of the Slovenian search is a section of a Slovenian page (relative to sl/)
    for doc in sl_docs:
        target, _, fragment = doc["u"].partition("#")
        assert (real_site / "sl" / target).is_file(), doc["u"]
        assert f'id="{fragment}"' in (real_site / "sl" / target).read_text(encoding="utf-8"), doc["u"]
    assert {d["u"].partition("#")[0] for d in en_docs} == set(page_names(LESSONS))
    # the lesson pages are listed by their number and their Slovenian title
    titles = {d["p"] for d in sl_docs}
    for path in SL_LESSONS:
        assert f"{path.name[:2]} {pages.read_lesson(path).title}" in titles


def test_slovenian_maps_use_the_shared_leaflet_of_the_root(real_site):
    frames = [f for name in page_names(SL_LESSONS)
              for f in soup(real_site / "sl" / name).find_all("iframe", srcdoc=True)]
    assert frames, "lesson 00 has maps"
    for frame in frames:
        inner = BeautifulSoup(frame["srcdoc"], "html.parser")
        assert [s["src"] for s in inner.find_all("script", src=True)][:2] == [
            "../static/leaflet.js", "../static/jquery.min.js"]


# --------------------------------------------------------------------------------------------
# English: unchanged but for the switch
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def english_only(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("english-only") / "site"
    site.build_site(out, notebooks=NOTEBOOKS, languages=())
    return out


# the switch as the pages write it (nbconvert's pages list the attributes in alphabetical order)
SWITCH = re.compile(r'\n<nav [^>]*\bclass="kzsi-languages"[^>]*>\n<ul>\n'
                    r'(?:<li><a (?:(?:href|hreflang|lang)="[^"]*" ?){3}>[^<]*</a></li>\n)+</ul>\n</nav>')


def test_a_site_without_translations_has_no_switch(english_only):
    assert not (english_only / "sl").exists()
    for name in page_names(LESSONS):
        assert not soup(english_only / name).select("nav.kzsi-languages"), name


@pytest.mark.parametrize("name", page_names(LESSONS))
def test_english_pages_are_unchanged_but_for_the_switch(real_site, english_only, name):
    with_languages = (real_site / name).read_text(encoding="utf-8")
    assert len(SWITCH.findall(with_languages)) == 1
    assert SWITCH.sub("", with_languages) == (english_only / name).read_text(encoding="utf-8")


def test_english_search_and_shared_files_are_unchanged(real_site, english_only):
    for path in sorted((english_only / "static").iterdir()):
        assert path.read_bytes() == (real_site / "static" / path.name).read_bytes(), path.name


# --------------------------------------------------------------------------------------------
# the site's own words in Slovenian (from the package's catalogue, kzsi_helpers/i18n/locale/sl)
# --------------------------------------------------------------------------------------------


def test_the_slovenian_index_speaks_slovenian(real_site):
    page = soup(real_site / "sl" / "index.html")
    assert page.select_one("a.kzsi-skip").get_text() == "Preskoči na kazalo gradiva"
    assert page.find("h1").get_text() == "Kazahstan in Slovenija od leta 1992"
    assert [h.get_text() for h in page.select("main h2")] == [
        "Učne ure", "Kako uporabljati gradivo", "Slovarček pojmov", "Licenca", "Viri"]
    assert page.select_one("nav.kzsi-nav-top a[rel=index]").get_text() == "Kazalo gradiva"
    assert page.select_one("#kzsi-search-input")["placeholder"] == "beseda, npr. Povir"
    assert re.fullmatch(r"Čas za učenje: \d+ minut", page.select_one("p.kzsi-time").get_text())
    assert "python -m kzsi_helpers lab --lang sl" in page.select_one("main pre").get_text()
    assert page.select("footer p")[1].get_text().startswith("Različica ")
    # the glossary's terms stay English in the data: marked as English for screen readers
    terms = page.select("dl.kzsi-glossary dt")
    assert terms and all(t["lang"] == "en" for t in terms)


def test_a_slovenian_lesson_page_speaks_slovenian(real_site):
    page = soup(real_site / "sl" / "03-memorials-map.html")
    nav = page.select_one("nav.kzsi-nav-top")
    assert nav["aria-label"] == "Učne ure"
    assert nav.select_one("a[rel=prev]").get_text().startswith("Prejšnja učna ura: ")
    assert nav.select_one("a[rel=next]").get_text().startswith("Naslednja učna ura: ")
    assert page.select_one("nav.kzsi-sidebar p").get_text() == "Vsebina gradiva"
    assert page.select_one("nav.kzsi-languages")["aria-label"] == "Ta stran v drugih jezikih"
    words_sl = (real_site / "sl" / "static" / "search-index.js").read_text(encoding="utf-8")
    assert "\\u0160tevilo razdelkov" in words_sl.split("\n")[1]  # "Število razdelkov ..."
