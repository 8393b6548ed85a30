"""Open the exported lesson 04 (the maps) in headless Chromium with no network: the maps must draw every
marker and open a popup, and the page must not ask any server for anything.

Needs Playwright for Python and Debian's Chromium at /usr/bin/chromium. Without the browser the
test is skipped, unless KZSI_REQUIRE_BROWSER=1 (as in CI), when it fails.
"""

import os
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "notebooks" / "04-making-the-map.ipynb"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
EVIL = "<img src=x onerror=alert(1)> `back` ${1+1}"

# nbconvert's lab template loads require.js, MathJax and mermaid from CDNs; an offline export
# leaves those blocks empty (the lesson needs none of them).
OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def _require_browser():
    missing = None
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} not found (install Debian's chromium package)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "Playwright for Python is not installed (pip install playwright)"
    if missing:
        if os.environ.get("KZSI_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KZSI_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def open_offline(browser, path):
    """Open a local file; abort and record every request that is not file:, data: or about:."""
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    remote, errors, dialogs = [], [], []

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "about:")):
            r.continue_()
        else:
            remote.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return context, page, remote, errors, dialogs


def map_frames(page, expected):
    frames = []
    for _ in range(50):
        frames = [f for f in page.frames if f != page.main_frame]
        if len(frames) >= expected and all(
                f.locator(".leaflet-container").count() for f in frames):
            break
        page.wait_for_timeout(100)
    return frames


def _export(folder: Path, lesson: Path) -> Path:
    from nbconvert import HTMLExporter

    (folder / "offline.html.j2").write_text(OFFLINE_TEMPLATE, encoding="utf-8")
    exporter = HTMLExporter(template_name="lab",
                            template_file=str(folder / "offline.html.j2"))
    body, _ = exporter.from_filename(str(lesson))
    out = folder / f"{lesson.stem}.html"
    out.write_text(body, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    _require_browser()
    return _export(tmp_path_factory.mktemp("export"), LESSON)


@pytest.fixture(scope="module")
def exported_start(tmp_path_factory):
    """Lesson 00, whose map of the two capitals is the first map a class sees."""
    _require_browser()
    return _export(tmp_path_factory.mktemp("export00"), ROOT / "notebooks" / "00-start-here.ipynb")


def test_exported_lesson_shows_every_marker_and_a_popup_offline(browser, exported):
    places = pd.read_csv(ROOT / "data" / "places.csv", dtype=str, keep_default_na=False)
    memorials = places[places["kind"] != "capital"]
    capitals = places[places["kind"] == "capital"]
    context, page, remote, errors, dialogs = open_offline(browser, exported)
    try:
        frames = map_frames(page, 4)
        assert len(frames) == 4, "the lesson should show four maps"
        steps_frame, memorial_frame, countries_frame, exercise_frame = frames
        # exercise 5's worked answer: the two capitals, drawn with plain folium code
        assert exercise_frame.locator("path.leaflet-interactive").count() == len(capitals)
        # the map built with plain folium code in section 1 draws every place too
        assert steps_frame.locator("path.leaflet-interactive").count() == len(memorials)
        # every place is drawn (the border polygons are not interactive)
        assert memorial_frame.locator("path.leaflet-interactive").count() == len(memorials)
        assert memorial_frame.locator("path.kzsi-place").count() == len(memorials)
        assert countries_frame.locator("path.kzsi-place").count() == len(capitals)
        # click the first marker: its popup names the place
        page.locator("iframe").nth(1).scroll_into_view_if_needed()
        memorial_frame.locator("path.kzsi-place").first.click(force=True)
        popup = memorial_frame.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5000)
        assert memorials.iloc[0]["name"] in popup.inner_text()
        assert memorials.iloc[0]["source_ids"].split(";")[0] in popup.inner_text()
        # the legend and the layer control are there
        assert "approximate" in memorial_frame.locator(".kzsi-legend").inner_text()
        assert memorial_frame.locator(".leaflet-control-layers").count() == 1
        assert not errors, errors
        assert remote == [], f"requests to the network: {remote}"
    finally:
        context.close()


def test_injected_name_shows_as_text(browser, tmp_path):
    from kzsi_helpers.maps.places import memorial_map

    places = pd.read_csv(ROOT / "data" / "places.csv", keep_default_na=False, dtype={"date": str})
    places = places[places["kind"] != "capital"].reset_index(drop=True)
    places.loc[0, "name"] = EVIL
    path = tmp_path / "evil.html"
    memorial_map(places).save(str(path))
    context, page, remote, errors, dialogs = open_offline(browser, path)
    try:
        page.locator("path.kzsi-place").first.wait_for(timeout=5000)
        assert page.locator("path.kzsi-place").count() == len(places)
        page.locator("path.kzsi-place").first.click(force=True)
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5000)
        assert EVIL in popup.inner_text()  # shown literally, not run
        assert page.locator(".leaflet-popup-content img").count() == 0
        assert not dialogs and not errors, (dialogs, errors)
        assert remote == []
    finally:
        context.close()


# Every box a map draws on top of its markers: the layer control (open or not), the legend, the
# zoom buttons, the scale bar and the attribution line.
CONTROLS = ('.leaflet-control-layers, .kzsi-legend, .leaflet-control-zoom, '
            '.leaflet-control-scale, .leaflet-control-attribution')
COVERED_MARKERS = """(controls) => {
    const boxes = Array.from(document.querySelectorAll(controls)).map(
        el => [el.className.split(' ')[0], el.getBoundingClientRect()]);
    const hits = [];
    for (const marker of document.querySelectorAll('path.leaflet-interactive')) {
        const m = marker.getBoundingClientRect();
        if (m.width === 0 || m.height === 0) continue;
        for (const [name, c] of boxes) {
            if (m.left < c.right && m.right > c.left && m.top < c.bottom && m.bottom > c.top) {
                hits.push(`${name} covers the marker at (${Math.round(m.left)}, ${Math.round(m.top)})`);
            }
        }
    }
    return hits; }"""


@pytest.mark.parametrize("width", [390, 1280])
def test_no_control_or_legend_covers_a_marker_on_first_view(browser, exported, width):
    """On a phone (390 px) and a desktop (1280 px), as the page first shows each map, no control,
    legend or attribution box overlaps any marker or line a reader can click."""
    _check_uncovered(browser, exported, 4, width)


@pytest.mark.parametrize("width", [390, 1280])
def test_no_control_or_legend_covers_a_marker_in_lesson_00(browser, exported_start, width):
    _check_uncovered(browser, exported_start, 1, width)


def _check_uncovered(browser, exported: Path, maps: int, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=width < 500)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        ("file:", "data:", "about:")) else r.abort())
    page = context.new_page()
    try:
        page.goto(exported.as_uri())
        page.wait_for_load_state("load")
        frames = map_frames(page, maps)
        assert len(frames) == maps
        for index, frame in enumerate(frames):
            page.locator("iframe").nth(index).scroll_into_view_if_needed()
            frame.locator("path.leaflet-interactive").first.wait_for(timeout=5000)
            hits = frame.evaluate(COVERED_MARKERS, CONTROLS)
            assert hits == [], f"map {index} at {width} px: {hits}"
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_maps_usable_on_a_phone_and_a_desktop(browser, exported, width):
    """Tap (390 px, touch) or click (1280 px) opens every marker's popup; controls leave >= 60 %
    of the map visible; the page does not scroll sideways; height grows with width, >= 300 px."""
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=width < 500)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        ("file:", "data:", "about:")) else r.abort())
    page = context.new_page()
    try:
        page.goto(exported.as_uri())
        page.wait_for_load_state("load")
        frames = map_frames(page, 3)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        for index, frame in enumerate(frames):
            page.locator("iframe").nth(index).scroll_into_view_if_needed()
            box = page.locator("iframe").nth(index).bounding_box()
            assert box["height"] >= 299, box
            covered = frame.evaluate("""() => {
                const map = document.querySelector('.leaflet-container').getBoundingClientRect();
                let area = 0;
                for (const el of document.querySelectorAll(
                        '.leaflet-control-layers, .kzsi-legend, .leaflet-control-zoom')) {
                    const r = el.getBoundingClientRect(); area += r.width * r.height; }
                return area / (map.width * map.height); }""")
            assert covered <= 0.4, f"map {index}: controls cover {covered:.0%} at {width} px"
            selector = ("path.kzsi-place" if frame.locator("path.kzsi-place").count()
                        else "path.leaflet-interactive")  # the plain folium map has no classes
            outside = frame.evaluate("""(selector) => {
                const m = document.querySelector('.leaflet-container').getBoundingClientRect();
                return Array.from(document.querySelectorAll(selector)).filter(el => {
                    const r = el.getBoundingClientRect();
                    const x = r.left + r.width / 2, y = r.top + r.height / 2;
                    return !(x >= m.left && x <= m.right && y >= m.top && y <= m.bottom); }).length;
                }""", selector)
            assert outside == 0, f"map {index}: {outside} marker(s) outside the view at {width} px"
            # A person taps one marker at a time, slower than a double tap; the test taps as fast
            # as popups open, so the map's double-tap zoom (two taps within 200 ms) is switched
            # off, lest it zoom the map between two markers.
            frame.evaluate("() => { window.kzsiMap = Object.values(window).find("
                           "v => v instanceof L.Map); window.kzsiView = [window.kzsiMap.getCenter(),"
                           " window.kzsiMap.getZoom()]; window.kzsiMap.doubleClickZoom.disable(); }")
            for i, marker in enumerate(frame.locator(selector).element_handles()):
                # a popup pans the map so that it fits; start each tap from the first view
                frame.evaluate("() => { kzsiMap.closePopup(); "
                               "kzsiMap.setView(kzsiView[0], kzsiView[1], {animate: false}); }")
                popup = frame.locator(".leaflet-popup-content").first
                for attempt in range(2):  # a second try, as a person would, on a busy machine
                    if width < 500:
                        marker.tap(force=True)
                    else:
                        marker.click(force=True)
                    try:  # wait for the popup rather than a fixed time
                        popup.wait_for(state="attached", timeout=2_500 * (attempt + 1))
                        break
                    except Exception as exc:  # playwright's TimeoutError
                        if type(exc).__name__ != "TimeoutError":
                            raise
                else:
                    pytest.fail(f"map {index}: marker {i} opened no popup at {width} px")
    finally:
        context.close()


def test_keyboard_reaches_every_marker_with_its_name_and_opens_its_popup(browser, tmp_path):
    from kzsi_helpers.maps.places import memorial_map

    places = pd.read_csv(ROOT / "data" / "places.csv", keep_default_na=False, dtype={"date": str})
    memorials = places[places["kind"] != "capital"].reset_index(drop=True)
    path = tmp_path / "keys.html"
    memorial_map(memorials).save(str(path))
    context, page, remote, errors, dialogs = open_offline(browser, path)
    try:
        page.locator("path.kzsi-place").first.wait_for(timeout=5000)
        named = []
        for _ in range(40):  # Tab through the page until every marker has had the focus
            page.keyboard.press("Tab")
            label = page.evaluate("document.activeElement.getAttribute('aria-label')")
            if page.evaluate("document.activeElement.classList.contains('kzsi-place')"):
                named.append(label)
                page.keyboard.press("Enter")
                popup = page.locator(".leaflet-popup-content").last
                popup.wait_for(timeout=3000)
                assert label in popup.inner_text()
            if len(named) == len(memorials):
                break
        assert sorted(named) == sorted(memorials["name"])
        assert not errors, errors
    finally:
        context.close()
