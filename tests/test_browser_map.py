"""Open the exported lesson 02 in headless Chromium with no network: the maps must draw every
marker and open a popup, and the page must not ask any server for anything.

Needs Playwright for Python and Debian's Chromium at /usr/bin/chromium. Without the browser the
test is skipped, unless KZSI_REQUIRE_BROWSER=1 (as in CI), when it fails.
"""

import os
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "notebooks" / "02-memorials-map.ipynb"
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


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    _require_browser()
    from nbconvert import HTMLExporter

    folder = tmp_path_factory.mktemp("export")
    (folder / "offline.html.j2").write_text(OFFLINE_TEMPLATE, encoding="utf-8")
    exporter = HTMLExporter(template_name="lab",
                            template_file=str(folder / "offline.html.j2"))
    body, _ = exporter.from_filename(str(LESSON))
    out = folder / "02-memorials-map.html"
    out.write_text(body, encoding="utf-8")
    return out


def test_exported_lesson_shows_every_marker_and_a_popup_offline(browser, exported):
    places = pd.read_csv(ROOT / "data" / "places.csv", dtype=str, keep_default_na=False)
    memorials = places[places["kind"] != "capital"]
    capitals = places[places["kind"] == "capital"]
    context, page, remote, errors, dialogs = open_offline(browser, exported)
    try:
        frames = map_frames(page, 2)
        assert len(frames) == 2, "the lesson should show two maps"
        memorial_frame, countries_frame = frames
        # every place is drawn (the border polygons are not interactive)
        assert memorial_frame.locator("path.leaflet-interactive").count() == len(memorials)
        assert memorial_frame.locator("path.kzsi-place").count() == len(memorials)
        assert countries_frame.locator("path.kzsi-place").count() == len(capitals)
        # click the first marker: its popup names the place
        page.locator("iframe").first.scroll_into_view_if_needed()
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
    from kzsi_helpers.maps import memorial_map

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
