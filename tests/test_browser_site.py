"""The rendered site in a real browser: offline, maps that work, links, accessibility, no XSS.

Playwright for Python drives Debian's Chromium (``/usr/bin/chromium``; no browser download). Without
it the module is skipped with the reason, unless ``KZSI_REQUIRE_BROWSER=1`` (set by ``.ci/run``),
which turns the skip into a failure. The site of the real lessons is built once per session; a second,
one-page site renders a map whose place is named ``<img src=x onerror=alert(1)>``.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kzsi_helpers import load, site
from kzsi_helpers.execute import lesson_paths

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = lesson_paths(NOTEBOOKS)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
EVIL = "<img src=x onerror=alert(1)>"
MARKERS = "path.kzsi-place"  # the maps' CircleMarkers (kzsi_helpers.maps.place_markers)


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


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The site of the real lessons (shared with test_site.py: built once a session)."""
    out = tmp_path_factory.getbasetemp() / "kzsi-real-site"
    if not (out / site.MARKER).is_file():
        site.build_site(out, notebooks=NOTEBOOKS)
    return out


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

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context()
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


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_page(path: Path) -> Visit:
        opened.append(Visit(browser, path))
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
    return ["index.html"] + [site.page_name(p) for p in LESSONS]


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


@pytest.mark.parametrize("name", page_names())
def test_page_offline_links_alt_and_axe(real_site, visit, name):
    v = visit(real_site / name)
    page = v.page
    assert page.title(), "the page has no <title>"
    assert page.get_attribute("html", "lang") == "en"

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


# Syntax-highlighted code is thousands of <span>s, and axe's colour-contrast rule spends seconds on
# them; but a span's colours depend only on its token class. So axe checks everything but the code,
# then every rule on one span of each token class (and colour) and on the first code cell whole.
MARK_CODE_SAMPLES = """() => {
  const seen = new Set();
  for (const el of document.querySelectorAll('.jp-InputArea-editor .highlight span')) {
    const key = el.className + '|' + getComputedStyle(el).color;
    if (!seen.has(key)) { seen.add(key); el.setAttribute('data-kzsi-axe-sample', ''); }
  }
  const first = document.querySelector('.jp-InputArea-editor');
  if (first) first.setAttribute('data-kzsi-axe-sample', '');
  return seen.size;
}"""


def serious_violations(page, frames) -> list:
    axe = axe_module.Axe()
    for frame in frames:  # axe in the top page collects the frames' results when it runs there
        frame.evaluate(axe.axe_script)
    runs = [axe.run(page, context={"exclude": [[".jp-InputArea-editor"]]})]
    if page.evaluate(MARK_CODE_SAMPLES):
        runs.append(axe.run(page, context={"include": [["[data-kzsi-axe-sample]"]]}))
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for run in runs for v in run.response["violations"]
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("number", range(len(LESSONS)))
def test_prev_next_index(real_site, visit, number):
    v = visit(real_site / site.page_name(LESSONS[number]))
    nav = v.page.locator("nav").first
    expected = {"index": "index.html"}
    if number > 0:
        expected["prev"] = site.page_name(LESSONS[number - 1])
    if number + 1 < len(LESSONS):
        expected["next"] = site.page_name(LESSONS[number + 1])
    found = {}
    for rel in ("prev", "index", "next"):
        link = nav.locator(f"a[rel={rel}]")
        if link.count():
            found[rel] = link.get_attribute("href")
    assert found == expected
    if "next" in expected:  # and following it lands on the next lesson
        nav.locator("a[rel=next]").click()
        v.page.wait_for_load_state("load")
        assert v.page.url.endswith("/" + expected["next"])


def has_map(path: Path) -> bool:
    """True if a stored output of the notebook is a map (a folium <iframe srcdoc=...>)."""
    nb = nbformat.read(path, as_version=4)
    htmls = [str(o.get("data", {}).get("text/html", ""))
             for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    return any("<iframe " in h and " srcdoc=" in h for h in htmls)


MAP_LESSONS = [p for p in LESSONS if has_map(p)]


def test_the_course_has_maps():
    assert MAP_LESSONS, "no lesson shows a map (lesson 02 should)"


@pytest.mark.parametrize("name", [site.page_name(p) for p in MAP_LESSONS])
def test_maps_have_a_marker_per_place_and_popups_name_them(real_site, visit, name):
    v = visit(real_site / name)
    frames = v.map_frames()
    assert frames, f"{name}: the notebook has a map, the page has none"
    known = places_by_name()
    for frame in frames:
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
