"""The rendered site in a real browser: offline, maps that work, links, accessibility, no XSS.

Playwright for Python drives Debian's Chromium (``/usr/bin/chromium``; no browser download). Without
it the module is skipped with the reason, unless ``KZSI_REQUIRE_BROWSER=1`` (set by ``.ci/run``),
which turns the skip into a failure. The site of the real lessons is built once per run (the
``real_site`` fixture of conftest.py); a second, one-page site renders a map whose place is named
``<img src=x onerror=alert(1)>``.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kzsi_helpers import load
from kzsi_helpers.course.lessons import lesson_paths
from kzsi_helpers.publish import pages, site

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = lesson_paths(NOTEBOOKS)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
EVIL = "<img src=x onerror=alert(1)>"
MARKERS = "path.kzsi-place"  # the maps' CircleMarkers (kzsi_helpers.maps.markers.place_markers)


def _cannot_run(reason: str) -> None:
    """Skip this module, or fail it when the browser tests are required (.ci/run)."""
    if os.environ.get("KZSI_REQUIRE_BROWSER") == "1":
        pytest.fail(f"KZSI_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not CHROMIUM.exists() or not os.access(CHROMIUM, os.X_OK):
    _cannot_run(f"the browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
try:
    import axe_playwright_python.sync_playwright as axe_module
    import playwright.sync_api as sync_api
except ImportError as exc:
    _cannot_run(f"the browser tests need playwright and axe-playwright-python "
                f"(pip install -r requirements-dev.txt): {exc}")


# --------------------------------------------------------------------------------------------
# fixtures: the sites, one browser
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory) -> Path:
    """A one-lesson site whose map shows a place with HTML in its name.

    The cell's output is what a kernel would store: IPython's display formatter applied to the
    map ``memorial_map`` returns (done here in-process; a kernel takes seconds to start).
    """
    from IPython.core.formatters import DisplayFormatter

    from kzsi_helpers import memorial_map

    places = load("places").head(2).copy()
    places.loc[0, "name"] = EVIL
    data, metadata = DisplayFormatter().format(memorial_map(places))
    base = tmp_path_factory.mktemp("evil-site")
    notebooks = base / "notebooks"
    notebooks.mkdir()
    source = ("places = load('places').head(2).copy()\n"
              f"places.loc[0, 'name'] = {EVIL!r}\nmemorial_map(places)")
    nb = new_notebook(cells=[
        new_markdown_cell("# A map with a hostile name\n\nThe first place's name is HTML."),
        new_code_cell(source, execution_count=1, outputs=[
            new_output("execute_result", data=data, metadata=metadata, execution_count=1)]),
        new_markdown_cell("## Hostile text\n\nThe name `" + EVIL + "` is only text."),
    ])
    nbformat.write(nb, notebooks / "01-evil.ipynb")
    site.build_site(base / "site", notebooks=notebooks)
    return base / "site"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Visit:
    """A page opened from file://, with every request it made and every dialog it opened."""

    def __init__(self, browser, path: Path, **options) -> None:
        # options: viewport={"width": 390, "height": 844}, color_scheme="dark", ...
        self.context = browser.new_context(**options)
        # nothing may leave the machine: abort any network request (and record it below)
        self.context.route("http*://**/*", lambda route: route.abort())
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

        def dismiss(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", dismiss)
        self.page.goto(path.as_uri(), wait_until="load")

    def map_frames(self):
        frames = []
        for handle in self.page.query_selector_all("iframe[srcdoc]"):
            frame = handle.content_frame()
            frame.wait_for_selector(".leaflet-container", state="attached", timeout=10_000)
            frames.append(frame)
        return frames

    def close(self) -> None:
        self.context.close()


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def desktop(browser, real_site):
    """Each page of the real site opened once on a desktop, for the tests that only read it.

    A page is loaded the first time a test asks for it and then kept: the checks of links, alt
    text, axe, the sidebar and the line length neither click nor navigate, and the requests and
    dialogs every one of them checks are those of the whole visit.
    """
    opened: dict[str, Visit] = {}

    def open_page(name: str) -> Visit:
        if name not in opened:
            opened[name] = Visit(browser, real_site / name, viewport=DESKTOP)
        return opened[name]

    yield open_page
    for v in opened.values():
        v.close()


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_page(path: Path, **options) -> Visit:
        opened.append(Visit(browser, path, **options))
        return opened[-1]

    yield open_page
    for v in opened:
        v.close()


def outside(requests: list[str], folder: Path) -> list[str]:
    """Requests for anything but a file inside the site folder (or inline data)."""
    inside = folder.resolve().as_uri() + "/"
    allowed = ("data:", "about:", "blob:")
    return [u for u in requests if not (u.startswith(inside) or u.startswith(allowed))]


def page_names() -> list[str]:
    return ["index.html"] + [pages.page_name(p) for p in LESSONS]


#: Translated pages checked like the English ones (offline, links, alt text, axe): each language's
#: index and lesson 03 (its maps), as the site builds them from notebooks/<lang>/ into <lang>/.
SL_PAGES = [f"{lang}/{name}" for lang in ("sl", "kk", "ru") if (NOTEBOOKS / lang).is_dir()
            for name in ("index.html", "03-memorials-map.html")]


def places_by_name() -> dict[str, dict]:
    return {row["name"]: row for row in load("places").to_dict("records")}


def marker_names(frame) -> list[str]:
    """Click every marker of a map (in turn) and read the name its popup shows."""
    names = []
    markers = frame.locator(MARKERS)
    for i in range(markers.count()):
        markers.nth(i).dispatch_event("click")
        popup = frame.locator(".leaflet-popup-content strong")
        popup.wait_for(state="visible", timeout=5_000)
        names.append(popup.inner_text())
        frame.locator(".leaflet-popup-close-button").dispatch_event("click")
        popup.wait_for(state="detached", timeout=5_000)
    return names


# --------------------------------------------------------------------------------------------
# every page
# --------------------------------------------------------------------------------------------


def test_there_are_lessons():
    assert LESSONS, f"no lessons in {NOTEBOOKS}"


@pytest.mark.parametrize("name", page_names() + SL_PAGES)
def test_page_offline_links_alt_and_axe(real_site, desktop, name):
    v = desktop(name)
    page = v.page
    assert page.title(), "the page has no <title>"
    assert page.get_attribute("html", "lang") == (name.split("/")[0] if "/" in name else "en")

    # maps draw (so their requests are recorded too), then nothing came from outside the site
    frames = v.map_frames()
    for frame in frames:
        frame.locator(".leaflet-pane").first.wait_for(state="attached")
    assert outside(v.requests, real_site) == []
    assert v.dialogs == []

    # every <img> (in the page and in the maps) has alt text
    for scope in [page, *frames]:
        missing = scope.eval_on_selector_all(
            "img", "els => els.filter(e => !(e.getAttribute('alt') || '').trim()).map(e => e.src)")
        assert missing == [], missing

    # every link inside the site resolves: to a file of the site, and to an element of it
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme != "file":
            continue
        target = Path(unquote(parts.path))
        assert target.is_file(), href
        assert target.resolve().is_relative_to(real_site.resolve()), href
        if parts.fragment and target.resolve() == (real_site / name).resolve():
            # as browsers do: the fragment as written, else percent-decoded, names an element
            found = page.evaluate(
                "([raw, decoded]) => !!(document.getElementById(raw) || document.getElementById(decoded))",
                [parts.fragment, unquote(parts.fragment)])
            assert found, href

    # axe-core, in the page and inside each map frame: no serious or critical violations
    assert serious_violations(page, frames) == []


# Syntax-highlighted code is thousands of <span>s and a printed table hundreds of cells, and axe's
# colour-contrast rule spends seconds on them; but a span's colours depend only on its token class,
# and a table row's only on whether it is odd or even (the striped rows). So axe checks everything but
# the code and the table rows after the second with every rule; then every rule on one span of each
# token class (and colour) and on the first code cell whole; then every rule but colour contrast on
# the remaining rows.
MARK_SAMPLES = """() => {
  const seen = new Set();
  for (const el of document.querySelectorAll('.jp-InputArea-editor .highlight span')) {
    const key = el.className + '|' + getComputedStyle(el).color;
    if (!seen.has(key)) { seen.add(key); el.setAttribute('data-kzsi-axe-sample', ''); }
  }
  const first = document.querySelector('.jp-InputArea-editor');
  if (first) first.setAttribute('data-kzsi-axe-sample', '');
  const rows = document.querySelectorAll('.jp-OutputArea-output tbody > tr:nth-child(n+3)');
  for (const row of rows) row.setAttribute('data-kzsi-axe-row', '');
  return [seen.size, rows.length];
}"""
AXE_RUN = "([context, options]) => axe.run(context, options)"


def serious_violations(page, frames, rules: list[str] | None = None) -> list:
    """axe's serious and critical violations in the page and its map frames (every rule, or those)."""
    script = axe_module.Axe().axe_script
    for scope in [*frames, page]:  # axe in the top page collects the frames' results
        scope.evaluate(script)
    samples, rows = page.evaluate(MARK_SAMPLES)
    only = {"resultTypes": ["violations"]}
    if rules:
        only["runOnly"] = {"type": "rule", "values": rules}
    runs = [({"exclude": [[".jp-InputArea-editor"], ["[data-kzsi-axe-row]"]]}, only)]
    if samples:
        runs.append(({"include": [["[data-kzsi-axe-sample]"]]}, only))
    if rows:
        runs.append(({"include": [["[data-kzsi-axe-row]"]]},
                     {**only, "rules": {"color-contrast": {"enabled": False}}}))
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for context, options in runs for v in page.evaluate(AXE_RUN, [context, options])["violations"]
            if v["impact"] in ("serious", "critical")]


def test_prev_next_index_from_the_first_lesson_to_the_last(real_site, visit):
    # a reader who follows "next" from the first lesson passes every lesson in order; on each
    # page the links to the previous lesson, the index and the next lesson are the right ones
    v = visit(real_site / pages.page_name(LESSONS[0]))
    for number, lesson in enumerate(LESSONS):
        assert v.page.url.endswith("/" + pages.page_name(lesson)), (number, v.page.url)
        nav = v.page.locator("nav.kzsi-nav-top")
        expected = {"index": "index.html"}
        if number > 0:
            expected["prev"] = pages.page_name(LESSONS[number - 1])
        if number + 1 < len(LESSONS):
            expected["next"] = pages.page_name(LESSONS[number + 1])
        found = {}
        for rel in ("prev", "index", "next"):
            link = nav.locator(f"a[rel={rel}]")
            if link.count():
                found[rel] = link.get_attribute("href")
        assert found == expected, pages.page_name(lesson)
        if "next" in expected:
            nav.locator("a[rel=next]").click()
            v.page.wait_for_load_state("load")
    assert outside(v.requests, real_site) == []


def has_map(path: Path) -> bool:
    """True if a stored output of the notebook is a map (a folium <iframe srcdoc=...>)."""
    nb = nbformat.read(path, as_version=4)
    htmls = [str(o.get("data", {}).get("text/html", ""))
             for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    return any("<iframe " in h and " srcdoc=" in h for h in htmls)


MAP_LESSONS = [p for p in LESSONS if has_map(p)]


def test_the_course_has_maps():
    assert MAP_LESSONS, "no lesson shows a map (lesson 03 should)"


@pytest.mark.parametrize("name", [pages.page_name(p) for p in MAP_LESSONS])
def test_maps_have_a_marker_per_place_and_popups_name_them(real_site, visit, name):
    v = visit(real_site / name)
    frames = v.map_frames()
    assert frames, f"{name}: the notebook has a map, the page has none"
    known = places_by_name()
    # Lesson 03 also builds maps with plain folium code (CircleMarkers of its own): they must show
    # markers; the course's helper maps (markers of class kzsi-place) are checked place by place.
    helper_maps = [f for f in frames if f.locator(MARKERS).count()]
    assert helper_maps, f"{name}: no map made by the course's helpers"
    for frame in frames:
        if frame not in helper_maps:
            assert frame.locator("path.leaflet-interactive").count() > 0, "a map without markers"
    for frame in helper_maps:
        names = marker_names(frame)
        assert names, "a map without markers"
        assert len(set(names)) == len(names), f"two markers show the same place: {names}"
        assert set(names) <= set(known), f"markers for places not in places.csv: {names}"
        # the map shows every place of the kinds it shows (e.g. all memorials, or both capitals)
        kinds = {known[n]["kind"] for n in names}
        expected = sorted(n for n, row in known.items() if row["kind"] in kinds)
        assert sorted(names) == expected


# --------------------------------------------------------------------------------------------
# a hostile place name
# --------------------------------------------------------------------------------------------


def test_html_in_a_place_name_is_shown_as_text(evil_site, visit):
    v = visit(evil_site / "01-evil.html")
    [frame] = v.map_frames()
    names = marker_names(frame)
    assert EVIL in names  # the popup shows the name literally
    v.page.wait_for_timeout(200)  # give a would-be onerror handler time to fire
    assert v.dialogs == []
    assert frame.locator("img[src='x']").count() == 0
    assert v.page.locator("img[src='x']").count() == 0
    assert outside(v.requests, evil_site) == []
    assert not [u for u in v.requests if u.endswith("/x")], "the injected <img> was loaded"


def test_a_page_opened_from_disk_says_the_browser_edition_needs_a_server(tmp_path, visit):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(new_notebook(cells=[new_markdown_cell("# One\n\nText.")]), folder / "01-one.ipynb")
    site.build_site(tmp_path / "site", notebooks=folder,
                    lite_urls=site.lite_lesson_urls("../lite/", ["01-one"]))
    v = visit(tmp_path / "site" / "01-one.html")
    box = v.page.locator(".kzsi-lite")
    assert box.locator("a").get_attribute("href") == "../lite/lab/index.html?path=teacher/01-one.ipynb"
    assert "needs a web server" in box.inner_text()
    assert "python -m kzsi_helpers serve" in box.inner_text()


def test_search_from_a_lesson_shows_data_text_as_text(evil_site, visit):
    v = visit(evil_site / "01-evil.html")
    search(v.page, "onerror")
    results = v.page.locator(".kzsi-search-list li")
    assert results.count() >= 1
    assert EVIL in results.first.inner_text()  # shown literally
    v.page.wait_for_timeout(200)
    assert v.dialogs == []
    assert v.page.locator(".kzsi-search-results img").count() == 0
    assert outside(v.requests, evil_site) == []


# --------------------------------------------------------------------------------------------
# search (issue 16)
# --------------------------------------------------------------------------------------------


def search(page, words: str) -> None:
    box = page.locator("#kzsi-search-input")
    box.wait_for(state="visible")
    box.fill(words)
    box.press("Enter")
    page.locator(".kzsi-search-status").wait_for(state="visible")


def headings_with(path: Path, word: str) -> list[str]:
    """The Markdown headings (## and ###) of a notebook that contain a word (read from the .ipynb)."""
    nb = nbformat.read(path, as_version=4)
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found += [line.lstrip("#").strip() for line in cell.source.splitlines()
                      if line.startswith(("## ", "### ")) and word in line]
    return found


def test_search_povir_from_the_index_lands_on_its_section(real_site, visit):
    [lesson03] = [p for p in LESSONS if p.name.startswith("03-")]
    expected = headings_with(lesson03, "Povir")
    assert expected, "lesson 03 has no heading about Povir"
    v = visit(real_site / "index.html")
    search(v.page, "Povir")
    links = v.page.locator(".kzsi-search-list li > a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    to_lesson = [h for h in hrefs if h.startswith(pages.page_name(lesson03) + "#")]
    assert to_lesson, hrefs
    status = v.page.locator(".kzsi-search-status").inner_text()
    assert f"{len(hrefs)} sections match" in status or "are shown" in status
    # the first result for lesson 03 is a section whose heading says Povir; following it lands there
    v.page.locator(f'.kzsi-search-list a[href="{to_lesson[0]}"]').first.click()
    v.page.wait_for_load_state("load")
    assert v.page.url.split("#")[0].endswith("/" + pages.page_name(lesson03))
    landed = v.page.evaluate("""() => {
        const raw = location.hash.slice(1);
        const el = document.getElementById(raw) || document.getElementById(decodeURIComponent(raw));
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return {text: el.textContent.replace('¶', '').trim(), top: r.top, height: innerHeight};
    }""")
    assert landed and landed["text"] in expected, landed
    assert -2 <= landed["top"] < landed["height"], landed  # scrolled into view
    assert outside(v.requests, real_site) == []


def test_search_for_a_word_that_is_nowhere_says_so(real_site, visit):
    v = visit(real_site / pages.page_name(LESSONS[-1]))
    search(v.page, "Xylophonequartz")
    assert "Nothing in the course matches" in v.page.locator(".kzsi-search-status").inner_text()
    assert v.page.locator(".kzsi-search-list li").count() == 0
    assert outside(v.requests, real_site) == []


def test_search_folds_accents_and_finds_glossary_terms(real_site, visit):
    import csv

    with open(ROOT / "data" / "glossary.csv", newline="", encoding="utf-8") as handle:
        term = next(csv.DictReader(handle))["term"]
    v = visit(real_site / "index.html")
    search(v.page, term.upper())
    hrefs = v.page.eval_on_selector_all(".kzsi-search-list li > a", "els => els.map(e => e.href)")
    assert any(h.endswith("index.html#glossary-" + term.replace(" ", "-")) for h in hrefs), hrefs
    # "sezana" (no accents) finds "Sežana", which lesson 03 names
    search(v.page, "sezana")
    texts = v.page.locator(".kzsi-search-list").inner_text()
    assert "Sežana" in texts


# --------------------------------------------------------------------------------------------
# sidebar, phones, line length (issue 16)
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", page_names())
def test_sidebar_links_resolve_and_mark_this_page(real_site, desktop, name):
    v = desktop(name)
    bar = v.page.locator("nav.kzsi-sidebar")
    assert bar.is_visible()
    hrefs = bar.locator("a").evaluate_all("els => els.map(e => e.href)")
    assert len(hrefs) > len(LESSONS)
    for href in hrefs:
        parts = urlsplit(href)
        target = Path(unquote(parts.path))
        assert target.is_file() and target.resolve().is_relative_to(real_site.resolve()), href
        if parts.fragment:  # a section of this page
            assert target.resolve() == (real_site / name).resolve(), href
            assert v.page.evaluate(
                "([r, d]) => !!(document.getElementById(r) || document.getElementById(d))",
                [parts.fragment, unquote(parts.fragment)]), href
    current = bar.locator('[aria-current="page"]')
    assert current.count() == 1
    assert current.get_attribute("href") == name
    # marked for the eye too, not only for screen readers
    styles = bar.evaluate("""b => { const s = a => getComputedStyle(a).backgroundColor;
        const cur = b.querySelector('[aria-current=page]');
        const other = [...b.querySelectorAll('.kzsi-toc > li > a')].find(a => a !== cur);
        return [s(cur), s(other)]; }""")
    assert styles[0] != styles[1], styles


# every line break inside printed output that is not at a space or after a hyphen ("k / nown"),
# up to 2,000 characters per output
WRAPS = """() => {
  const bad = []; const range = document.createRange();
  for (const pre of document.querySelectorAll('.jp-OutputArea-output pre')) {
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    let prevTop = null, prev = '', count = 0;
    for (let node = walker.nextNode(); node && count < 2000; node = walker.nextNode()) {
      const t = node.data;
      for (let i = 0; i < t.length && count < 2000; i++, count++) {
        const c = t[i];
        if (c === '\\n') { prevTop = null; prev = c; continue; }
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        if (!rects.length) { prev = c; continue; }
        const top = rects[0].top;
        // a break after a space, or after a hyphen (the browser's one other break opportunity)
        if (prevTop !== null && top > prevTop + 2 && !/[\\s-]/.test(prev) && !/\\s/.test(c))
          bad.push(t.slice(Math.max(0, i - 12), i) + ' / ' + t.slice(i, i + 12));
        prevTop = top; prev = c;
      }
    }
  }
  return bad;
}"""


@pytest.mark.parametrize("name", page_names())
def test_phone_nothing_scrolls_sideways_and_output_wraps_at_spaces(real_site, visit, name):
    v = visit(real_site / name, viewport=PHONE)
    widths = v.page.evaluate("""() => [document.documentElement.scrollWidth, document.body.scrollWidth,
                                       document.documentElement.clientWidth]""")
    assert max(widths[:2]) <= widths[2], widths
    assert v.page.evaluate("() => getComputedStyle(document.body).overflowX") == "visible"
    assert v.page.evaluate(WRAPS) == []


def test_phone_contents_menu_opens_and_closes(real_site, visit):
    v = visit(real_site / pages.page_name(LESSONS[0]), viewport=PHONE)
    bar, button = v.page.locator("nav.kzsi-sidebar"), v.page.locator(".kzsi-menu-button")
    assert button.is_visible() and not bar.is_visible()
    button.click()
    assert bar.is_visible() and button.get_attribute("aria-expanded") == "true"
    button.click()
    assert not bar.is_visible() and button.get_attribute("aria-expanded") == "false"


# the longest line, in characters, of every paragraph and list item of the prose (leaf blocks)
LINE_LENGTHS = """() => {
  const blocks = document.querySelectorAll(
    'main .jp-RenderedMarkdown :is(p, li), .kzsi-index main :is(p, li, dd):not(nav *)');
  const range = document.createRange(); const out = [];
  for (const el of blocks) {
    if (el.querySelector('p, li, ul, ol, table, pre')) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let top = null, line = 0, longest = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getClientRects()[0];
        if (!r) continue;
        if (top !== null && r.top > top + r.height / 2) { longest = Math.max(longest, line); line = 0; }
        if (top === null || r.top > top + r.height / 2) top = r.top;
        line += 1;
      }
    }
    out.push([Math.max(longest, line), parseFloat(getComputedStyle(el).fontSize)]);
  }
  return out;
}"""


@pytest.mark.parametrize("name", page_names())
def test_desktop_prose_lines_about_80_characters_and_16px_text(desktop, name):
    v = desktop(name)
    measured = v.page.evaluate(LINE_LENGTHS)
    assert len(measured) > 5
    longest = max(n for n, _ in measured)
    assert 60 <= longest <= 85, longest  # about 80 characters (and the column is not too narrow)
    assert min(size for _, size in measured) >= 16
    assert float(v.page.evaluate("() => getComputedStyle(document.body).fontSize")[:-2]) >= 16


# The dark theme changes colours only (CSS variables under prefers-color-scheme: dark), so in dark
# mode axe runs the rules that look at colours; the light run of the same page covers the rest.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@pytest.mark.parametrize("name", ["index.html", pages.page_name(LESSONS[-2])])
def test_dark_theme_keeps_axe_clean(real_site, visit, name):
    v = visit(real_site / name, color_scheme="dark")
    background = v.page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(17, 17, 17)", background  # the dark theme is in use
    assert serious_violations(v.page, v.map_frames(), rules=COLOUR_RULES) == []


# --------------------------------------------------------------------------------------------
# the Slovenian site: its search, the language switch
# --------------------------------------------------------------------------------------------

SLOVENIAN_WORD = "veleposlaništvo"  # "embassy": in the Slovenian lessons, in no English page


def result_hrefs(page) -> list[str]:
    return page.eval_on_selector_all(".kzsi-search-list li > a", "els => els.map(e => e.href)")


def test_slovenian_search_finds_slovenian_pages_only(real_site, visit):
    v = visit(real_site / "sl" / "index.html")
    search(v.page, SLOVENIAN_WORD)
    hrefs = result_hrefs(v.page)
    assert hrefs, v.page.locator(".kzsi-search-status").inner_text()
    for href in hrefs:
        target = Path(unquote(urlsplit(href).path))
        assert target.is_file() and target.parent == (real_site / "sl").resolve(), href
    assert SLOVENIAN_WORD in v.page.locator(".kzsi-search-list mark").first.inner_text().lower()
    # without the accents too; and following a result lands on a Slovenian page
    search(v.page, "veleposlanistvo")
    assert result_hrefs(v.page) == hrefs
    with v.page.expect_navigation():
        v.page.locator(".kzsi-search-list li > a").first.click()
    assert v.page.get_attribute("html", "lang") == "sl"
    assert "/sl/" in v.page.url
    assert outside(v.requests, real_site) == []


def test_english_search_does_not_find_slovenian_pages(real_site, visit):
    v = visit(real_site / "index.html")
    search(v.page, SLOVENIAN_WORD)
    assert result_hrefs(v.page) == []
    assert "Nothing in the course matches" in v.page.locator(".kzsi-search-status").inner_text()


def test_language_switch_by_keyboard_and_back(real_site, visit):
    v = visit(real_site / "03-memorials-map.html")
    link = "nav.kzsi-languages a"
    to_sl = 'nav.kzsi-languages a[hreflang="sl"]'
    assert v.page.locator(to_sl).is_visible()
    for _ in range(60):  # Tab from the top of the page until the Slovenian link has the focus
        v.page.keyboard.press("Tab")
        if v.page.evaluate(f"() => document.activeElement.matches({to_sl!r})"):
            break
    else:
        pytest.fail("the language switch is not reached with the Tab key")
    with v.page.expect_navigation():
        v.page.keyboard.press("Enter")
    assert v.page.url.endswith("/sl/03-memorials-map.html")
    assert v.page.get_attribute("html", "lang") == "sl"
    with v.page.expect_navigation():
        v.page.locator(f'{link}[hreflang="en"]').click()
    assert v.page.url.endswith("/03-memorials-map.html") and "/sl/" not in v.page.url
    assert outside(v.requests, real_site) == []


def test_language_switch_is_visible_on_a_phone(real_site, visit):
    v = visit(real_site / "sl" / "03-memorials-map.html", viewport=PHONE)
    assert v.page.locator("nav.kzsi-languages a").first.is_visible()
    widths = v.page.evaluate("() => [document.documentElement.scrollWidth, "
                             "document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
