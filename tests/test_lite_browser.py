"""The browser edition, as a class would use it: served on 127.0.0.1, opened in Chromium, Run All.

Marked ``lite``: the default ``python -m pytest`` skips it (a full run of every lesson in Pyodide
takes minutes); ``.ci/run`` builds the site and runs ``python -m pytest -m lite``. Set
``KZSI_LITE_DIR`` to test an existing build; otherwise the first test builds one.

Every request to an address other than the local server is aborted and recorded, and the run must
end with none.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

from kzsi_helpers.i18n.language import SHIPPED, use_language
from kzsi_helpers.i18n.messages import gettext
from kzsi_helpers.lite import build as lite_build
from kzsi_helpers.lite.lessons import MAP_PLACEHOLDER
from kzsi_helpers.lite.pyodide_dist import LiteBuildError, collect_pyodide
from kzsi_helpers.lite.serve import make_server

pytestmark = pytest.mark.lite

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
CHROMIUM = "/usr/bin/chromium"
RESULTS = os.environ.get("KZSI_LITE_RESULTS")  # where to write the timings (benchmarks/bench_lite.py)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("KZSI_LITE_DIR")
    if given:
        return Path(given)
    return lite_build.build_lite(tmp_path_factory.mktemp("lite") / "lite", ROOT / "notebooks")


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_kernel_uses_the_sites_own_pyodide_with_pypi_off(site: Path) -> None:
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))
    settings = config["jupyter-config-data"]["litePluginSettings"][lite_build.KERNEL_PLUGIN]
    assert settings["pyodideUrl"] == "./static/pyodide/pyodide.js"
    assert settings["disablePyPIFallback"] is True
    lock = json.loads((site / "static/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    for entry in lock["packages"].values():  # every package the lock names is in the folder
        wheel = site / "static/pyodide" / entry["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"], wheel.name
    assert {"kzsi-helpers", "folium", "pandas", "matplotlib", "comm"} <= set(lock["packages"])
    assert "kzsi_helpers" in lock["packages"]["kzsi-helpers"]["imports"]
    student = {p.name for p in (site / "files").glob("*.ipynb")}
    teacher = {p.name for p in (site / "files" / lite_build.TEACHER_FOLDER).glob("*.ipynb")}
    assert student == set(LESSONS) and teacher == {*LESSONS, "class-report.ipynb"}
    # saved maps would show only a trust note in JupyterLite: each is a note to run the cell
    for path in (site / "files").rglob("*.ipynb"):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        outputs = json.dumps([c.get("outputs", []) for c in cells]).lower()
        assert "leaflet" not in outputs and "<iframe" not in outputs, path
        # texts are whole strings (JupyterLite shows a list of lines with commas between them)
        assert all(isinstance(c["source"], str) for c in cells), path
        assert all(isinstance(v, str) for c in cells for o in c.get("outputs", [])
                   for v in [*o.get("data", {}).values(), o.get("text", "")]
                   if not isinstance(v, dict)), path
    map_lesson = next((site / "files").glob("04-*.ipynb")).read_text(encoding="utf-8")
    assert map_lesson.count("Run this cell to draw the map") >= 2 * 3  # markdown + plain, 3+ maps
    notice = (site / "LICENSES-bundled.md").read_text(encoding="utf-8")
    assert "MPL-2.0" in notice and "folium" in notice


def test_the_build_leaves_out_what_no_browser_reads(site: Path) -> None:
    import zipfile

    # the icon font only as WOFF2 (the older copies were 2.8 MB; the browser run finds no 404)
    fonts = sorted(p.name for p in (site / "build").glob("fa-*"))
    assert fonts and all(name.endswith(".woff2") for name in fonts), fonts
    # the xstatic wheels without source maps and unminified copies, with what the maps read
    names = set()
    for wheel in (site / "static/pyodide").glob("xstatic_*.whl"):
        with zipfile.ZipFile(wheel) as archive:
            names |= {n.rsplit("/", 1)[-1] for n in archive.namelist()}
            record = next(n for n in archive.namelist() if n.endswith("RECORD"))
            listed = {line.split(",")[0] for line in archive.read(record).decode().splitlines()}
            assert listed == set(archive.namelist()), wheel.name
    assert {"leaflet.js", "leaflet.css", "marker-icon.png", "jquery.min.js"} <= names
    assert not {n for n in names if n.endswith(".map") or "-src" in n or n == "jquery.js"}
    # Babel with CLDR's data for the course's languages only (and root), not its 1,150 locales
    babel = next((site / "static/pyodide").glob("babel-*.whl"))
    with zipfile.ZipFile(babel) as archive:
        data = sorted(n.rsplit("/", 1)[-1] for n in archive.namelist() if "/locale-data/" in n)
    assert data == ["LICENSE.unicode", "en.dat", "kk.dat", "root.dat", "ru.dat", "sl.dat"], data
    # the budget for the browser edition with its languages: under 70 MB
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert size < 70_000_000, f"{size / 1e6:.1f} MB"


def test_saved_charts_ship_as_palette_pngs_of_the_same_picture(site: Path) -> None:
    import base64
    import io

    from PIL import Image, ImageChops

    def pngs(path: Path) -> list[bytes]:
        nb = json.loads(path.read_text(encoding="utf-8"))
        return [base64.b64decode("".join(o["data"]["image/png"]))
                for c in nb["cells"] for o in c.get("outputs", []) if "image/png" in o.get("data", {})]

    lesson = "05-economic-ties.ipynb"
    committed = pngs(ROOT / "notebooks" / lesson)
    shipped = pngs(site / "files" / lite_build.TEACHER_FOLDER / lesson)
    assert committed and len(shipped) == len(committed)
    for before, after in zip(committed, shipped, strict=True):
        old, new = Image.open(io.BytesIO(before)), Image.open(io.BytesIO(after))
        assert new.mode == "P" and new.size == old.size and len(after) < len(before)
        # no pixel moves far from its colour: the chart reads the same
        worst = ImageChops.difference(old.convert("RGB"), new.convert("RGB")).getextrema()
        assert max(high for _, high in worst) <= 48, worst


def test_the_sites_run_in_your_browser_links_open_lessons_of_this_build(site: Path) -> None:
    from urllib.parse import parse_qs, urlsplit

    from kzsi_helpers.publish import site as html_site

    assert html_site.LITE_TEACHER_FOLDER == lite_build.TEACHER_FOLDER
    stems = [Path(name).stem for name in LESSONS]
    for student in (False, True):
        for url in html_site.lite_lesson_urls("", stems, student=student).values():
            parts = urlsplit(url)
            assert (site / parts.path).is_file(), url
            [path] = parse_qs(parts.query)["path"]
            assert (site / "files" / path).is_file(), url


def test_a_changed_byte_in_a_wheel_stops_the_build_and_names_the_file(site: Path, tmp_path: Path) -> None:
    source = tmp_path / "wheels"
    shutil.copytree(site / "static" / "pyodide", source)
    numpy = next(source.glob("numpy-*.whl"))
    data = bytearray(numpy.read_bytes())
    data[len(data) // 2] ^= 0x01
    numpy.write_bytes(bytes(data))
    with pytest.raises(LiteBuildError, match=numpy.name.replace(".", r"\.")):
        collect_pyodide(tmp_path / "out", pyodide=source)
    assert not (tmp_path / "out" / numpy.name).exists()


def test_two_builds_give_the_same_files(site: Path, tmp_path: Path) -> None:
    again = lite_build.build_lite(tmp_path / "again", ROOT / "notebooks")
    first, second = _hashes(site), _hashes(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


#: The start of each script below: wait for JupyterLab, the open notebook and its session
#: (defines sleep, app and panel).
_OPEN_NOTEBOOK = """
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  let app, panel;
  for (let i = 0; i < 1200; i++) {
    app = window.jupyterapp;
    panel = app && app.shell.currentWidget;
    if (panel && panel.sessionContext && panel.content && panel.content.widgets) break;
    await sleep(100);
  }
  await panel.context.ready;
  await panel.sessionContext.ready;
"""

_RUN_ALL = """async (edits) => {
  const t0 = performance.now();
""" + _OPEN_NOTEBOOK + """  for (let i = 0; i < 1800; i++) {
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (kernel && kernel.status === 'idle') break;
    await sleep(100);
  }
  const ready = performance.now();
  // a student's typing: [where, text, new code]: in the first cell holding the text, the text
  // becomes the new code ('in'); or the code cell just before the cell whose code is the text
  // becomes the new code ('before': an answer before its check)
  const widgetsNow = panel.content.widgets;
  for (const [where, find, code] of (edits || [])) {
    let at = widgetsNow.findIndex((c) => (where === 'in')
      ? c.model.sharedModel.getSource().includes(find) : c.model.sharedModel.getSource() === find);
    if (where === 'before') {
      do { at -= 1; } while (at >= 0 && widgetsNow[at].model.type !== 'code');
    }
    const before = widgetsNow[at].model.sharedModel.getSource();
    widgetsNow[at].model.sharedModel.setSource(where === 'in' ? before.replace(find, code) : code);
  }
  await app.commands.execute('notebook:clear-all-cell-outputs');
  // Run All, as a student starts a lesson: it must go on past the empty answers to the last cell
  await app.commands.execute('notebook:run-all-cells');
  const isCode = (c) => c.model.type === 'code' && c.model.sharedModel.getSource().trim();
  // settled: no cell running and the kernel idle for 2 s in a row (it is idle for a moment
  // between two queued cells)
  let quiet = 0;
  for (let i = 0; i < 3000 && quiet < 20; i++) {
    const running = panel.content.widgets.some((c) => isCode(c) && c.model.executionState === 'running');
    quiet = (!running && panel.sessionContext.session.kernel.status === 'idle') ? quiet + 1 : 0;
    await sleep(100);
  }
  const widgets = panel.content.widgets;
  const codeWidgets = widgets.filter(isCode);
  const stoppedAt = codeWidgets.findIndex((c) => c.model.executionCount === null);
  const done = performance.now();
  const cells = codeWidgets.map((c, i) => ({
    index: i,
    source: c.model.sharedModel.getSource(),
    tags: c.model.getMetadata('tags') || [],
    count: c.model.executionCount,
    outputs: c.model.outputs.toJSON(),
  }));
  return {ready: (ready - t0) / 1000, run: (done - ready) / 1000, stoppedAt, cells};
}"""


def _text(output: dict) -> str:
    if output.get("output_type") == "stream":
        return "".join(output.get("text", ""))
    if output.get("output_type") == "error":
        return f"{output.get('ename')}: {output.get('evalue')}"
    data = output.get("data", {})
    return "".join(data.get("text/plain", "")) + "".join(data.get("text/html", ""))


@pytest.fixture(scope="module")
def browser_session(site: Path):
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed")
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    outside: list[str] = []
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        _SESSION.update(playwright=pw, browser=browser, port=port)
        context = _guarded_context(browser, port, outside)
        # a file the site should hold but does not (a font or a chunk the build left out, say)
        # (except /favicon.ico, which Chromium asks every server for on its own)
        # (and the listings of folders the site does not have, /api/contents/.../all.json, which the
        # kernel's drive asks for when a traceback passes through a library file: a blank ____ used
        # in pandas, say; the course's own folders are all there, so their listings never fail)
        context.on("response", lambda response: _MISSING.append(f"{response.status} {response.url}")
                   if response.status >= 400 and urlparse(response.url).path != "/favicon.ico"
                   and not _is_listing(urlparse(response.url).path)
                   else None)
        context.on("request", lambda request: None if urlparse(request.url).scheme in (
            "data", "blob") or urlparse(request.url).hostname == "127.0.0.1"
            else outside.append(request.url))
        yield context, f"http://127.0.0.1:{port}", outside
        context.close()
        browser.close()
    server.shutdown()
    server.server_close()


_SESSION: dict = {}  # the browser of the session, for tests that need a context of their own


def _guarded_context(browser, port: int, outside: list[str], host: str = "127.0.0.1"):
    """A new context (its own storage) where every request to another address is aborted, recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def guard(route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob") or (url.hostname == host and url.port == port):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context


def _run(context, base: str, path: str) -> dict:
    page = context.new_page()
    try:
        page.goto(f"{base}/lab/index.html?path={path}", wait_until="load")
        result = page.evaluate(_RUN_ALL, [])
        result["markers"] = max([frame.locator("path.kzsi-place").count() for frame in page.frames]
                                or [0])
        return result
    finally:
        page.close()


_TIMES: dict[str, dict[str, float]] = {}


def _is_listing(path: str) -> bool:
    return path.startswith("/api/contents/") and path.endswith("/all.json")
_MISSING: list[str] = []  # answers of 400 and over from the local server, over the whole run


def _places() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "places.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("lesson", LESSONS)
def test_student_lesson_runs_with_only_its_empty_answers_failing(browser_session, lesson: str) -> None:
    context, base, outside = browser_session
    result = _run(context, base, lesson)
    _TIMES[f"student/{lesson}"] = {"ready_s": round(result["ready"], 1), "run_s": round(result["run"], 1)}
    code = result["cells"]
    errors = [(c["index"], c["tags"], _text(o)[:300]) for c in code for o in c["outputs"]
              if o.get("output_type") == "error"]
    # Run All goes on past the empty answers, as in a desktop JupyterLab: the build patches
    # JupyterLite's kernel manager, which would otherwise cancel the rest at the first error
    # (kzsi_helpers/lite/runall.py). A stub raises NotImplementedError; a scaffold with a blank
    # ____ raises when the blank is used in an expression, and runs on when it only assigns the
    # blank (its check then says so). Cells tagged raises-exception, and only those, may fail.
    stubs = [c["index"] for c in code if "raises-exception" in c["tags"]]
    failed = [c["index"] for c in code
              if any(o.get("output_type") == "error" for o in c["outputs"])]
    assert set(failed) <= set(stubs), (failed, stubs)
    assert result["stoppedAt"] == -1, (result["stoppedAt"], failed)
    assert code[-1]["count"] is not None  # the last cell ran
    assert all(c["count"] is not None for c in code), (
        [c["index"] for c in code if c["count"] is None], errors, round(result["run"], 1))
    for cell in code:
        for output in cell["outputs"]:
            if output.get("output_type") == "error":
                assert "raises-exception" in cell["tags"], (cell["index"], _text(output))
                # Pyodide's kernel names the class in full: "<class '...BlankError'>"
                assert "NotImplementedError" in output["ename"] or "____" in cell["source"], (
                    cell["index"], _text(output))
    checks = [c for c in code if ".check()" in c["source"]]
    for cell in checks:
        assert any(_text(o).strip() for o in cell["outputs"]), f"cell {cell['index']}: no feedback"
    if lesson.startswith("04-"):
        assert result["markers"] == int((_places()["kind"] != "capital").sum())
    assert outside == []


@pytest.mark.parametrize("lesson", LESSONS)
def test_teacher_lesson_runs_without_error(browser_session, lesson: str) -> None:
    context, base, outside = browser_session
    result = _run(context, base, f"{lite_build.TEACHER_FOLDER}/{lesson}")
    _TIMES[f"teacher/{lesson}"] = {"ready_s": round(result["ready"], 1), "run_s": round(result["run"], 1)}
    errors = [(c["index"], _text(o)) for c in result["cells"] for o in c["outputs"]
              if o.get("output_type") == "error"]
    assert errors == []
    code = result["cells"]
    assert result["stoppedAt"] == -1  # Run All went through
    assert all(c["count"] is not None for c in code)
    for cell in (c for c in code if ".check()" in c["source"]):
        feedback = "".join(_text(o) for o in cell["outputs"])
        assert "Correct" in feedback or "Discussion question" in feedback, (cell["index"], feedback[:200])
    assert outside == []


# The translated editions: one short student lesson per language, Run All then cell by cell.
LANGUAGE_LESSONS = {"sl": "03-memorials-map.ipynb", "kk": "08-how-do-we-know.ipynb",
                    "ru": "01-three-decades-of-diplomacy.ipynb"}
#: The labels check() starts its feedback with (exercises.core), in English.
STATUS_LABELS = ("Not attempted yet", "Correct", "Not quite", "Discussion question")


def _said(language: str, text: str) -> str:
    with use_language(language):
        return gettext(text)


def test_every_language_has_both_editions_and_speaks_its_own_language(site: Path) -> None:
    assert set(LANGUAGE_LESSONS) == set(SHIPPED)
    for language in SHIPPED:
        student = {p.name for p in (site / "files" / language).glob("*.ipynb")}
        teacher = {p.name for p in (site / "files" / lite_build.TEACHER_FOLDER / language).glob("*.ipynb")}
        assert student == set(LESSONS) and teacher == {*LESSONS, "class-report.ipynb"}, language
        report = json.loads((site / "files" / lite_build.TEACHER_FOLDER / language /
                             "class-report.ipynb").read_text(encoding="utf-8"))
        assert report["metadata"]["kzsi"]["language"] == language
        assert "Class report" not in report["cells"][0]["source"]  # its words are translated
        note = _said(language, MAP_PLACEHOLDER)
        for path in (site / "files" / language / "04-making-the-map.ipynb",
                     site / "files" / lite_build.TEACHER_FOLDER / language / "04-making-the-map.ipynb"):
            nb = json.loads(path.read_text(encoding="utf-8"))
            assert nb["metadata"]["kzsi"]["language"] == language
            notes = [o["data"]["text/markdown"] for c in nb["cells"] for o in c.get("outputs", [])
                     if "text/markdown" in o.get("data", {})]
            assert notes.count(note) >= 3, (path, notes[:1])
            # the kernel sees a cell's metadata when it runs it, wherever the notebook is
            code = [c for c in nb["cells"] if c["cell_type"] == "code"]
            assert all(c["metadata"]["kzsi"]["language"] == language for c in code), path
    english = json.loads((site / "files" / "04-making-the-map.ipynb").read_text(encoding="utf-8"))
    assert all("kzsi" not in c["metadata"] for c in english["cells"])


def test_jupyterlabs_russian_interface_is_bundled_alone_and_trimmed(site: Path) -> None:
    folder = site / "api" / "translations"
    index = json.loads((folder / "all.json").read_text(encoding="utf-8"))
    assert sorted(index["data"]) == ["en", "ru_RU"]  # no pack exists for Slovenian or Kazakh
    assert sorted(p.name for p in folder.iterdir()) == ["all.json", "en.json", "ru_RU.json"]
    pack = json.loads((folder / "ru_RU.json").read_text(encoding="utf-8"))
    assert list(pack["data"]) == ["jupyterlab"]
    assert pack["data"]["jupyterlab"]["menu\x04File"] == ["Файл"]  # msgctxt "menu"
    assert "jupyterlab-language-pack-ru-RU 4.4" in (site / "LICENSES-bundled.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", sorted(LANGUAGE_LESSONS))
def test_a_student_lesson_in_each_language_runs_and_answers_in_it(browser_session, language: str) -> None:
    context, base, outside = browser_session
    lesson = LANGUAGE_LESSONS[language]
    result = _run(context, base, f"{language}/{lesson}")
    _TIMES[f"student/{language}/{lesson}"] = {"ready_s": round(result["ready"], 1),
                                             "run_s": round(result["run"], 1)}
    code = result["cells"]
    stubs = [c["index"] for c in code if "raises-exception" in c["tags"]]
    failed = [c["index"] for c in code if any(o.get("output_type") == "error" for o in c["outputs"])]
    assert set(failed) <= set(stubs), (failed, [_text(o)[:200] for c in code for o in c["outputs"]
                                                if o.get("output_type") == "error"])
    assert all(c["count"] is not None for c in code)
    said = [_said(language, label) for label in STATUS_LABELS]
    assert not set(said) & set(STATUS_LABELS), said  # every label is translated
    checks = [c for c in code if ".check()" in c["source"]]
    assert checks
    for cell in checks:
        feedback = "".join(_text(o) for o in cell["outputs"])
        assert any(label in feedback for label in said), (cell["index"], feedback[:300])
        assert not any(label in feedback for label in STATUS_LABELS), (cell["index"], feedback[:300])
    assert outside == []


_WAIT_FOR_APP = """async () => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < 600 && !window.jupyterapp; i++) await sleep(100);
  await window.jupyterapp.started;
  await window.jupyterapp.restored;
}"""


def test_settings_language_russian_switches_jupyterlab_with_the_network_off(browser_session) -> None:
    _context, base, outside = browser_session
    context = _guarded_context(_SESSION["browser"], _SESSION["port"], outside)  # its own settings
    page = context.new_page()
    try:
        page.goto(f"{base}/lab/index.html", wait_until="load")
        page.evaluate(_WAIT_FOR_APP)
        bar = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel")
        assert "File" in bar.all_inner_texts()
        page.locator(".lm-MenuBar-itemLabel", has_text="Settings").click()
        page.locator(".lm-Menu-itemLabel", has_text="Language").first.hover()
        page.locator(".lm-Menu-itemLabel", has_text="Русский").first.click()
        # JupyterLab asks before it reloads the page in the new language
        page.locator(".jp-Dialog-footer button.jp-mod-accept").click()
        page.wait_for_function("() => [...document.querySelectorAll('#jp-menu-panel .lm-MenuBar-itemLabel')]"
                               ".some((e) => e.textContent === 'Файл')", timeout=120_000)
        labels = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
        assert "Файл" in labels and "Настройки" in labels and "File" not in labels, labels
    finally:
        context.close()
    assert outside == []


_RUN_FIRST_CELL_THEN = """async (code) => {""" + _OPEN_NOTEBOOK + """  const idle = async () => {
    for (let i = 0; i < 1800; i++) {
      const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
      if (kernel && kernel.status === 'idle') return kernel;
      await sleep(100);
    }
  };
  await idle();
  panel.content.activeCellIndex = panel.content.widgets.findIndex((c) => c.model.type === 'code');
  await app.commands.execute('notebook:run-cell');
  const kernel = await idle();
  const out = [];
  const future = kernel.requestExecute({code});  // like a cell the student added: no metadata
  future.onIOPub = (msg) => { if (msg.content.text) out.push(msg.content.text);
                              if (msg.content.evalue) out.push(msg.content.evalue); };
  await future.done;
  return out.join('');
}"""


def _plain_http_said(site: Path) -> tuple[str, list[str]]:
    """Open a Slovenian lesson over http:// from a name that is not localhost; run one cell."""
    from playwright.sync_api import sync_playwright

    host = "kzsi-classroom.test"
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    outside: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                f"--host-resolver-rules=MAP {host} 127.0.0.1, MAP * ~NOTFOUND"])
            context = _guarded_context(browser, port, outside, host)
            page = context.new_page()
            page.goto(f"http://{host}:{port}/lab/index.html?path=sl/{LANGUAGE_LESSONS['sl']}")
            said = page.evaluate(_RUN_FIRST_CELL_THEN, "import os\n"
                                 "from kzsi_helpers.i18n.messages import _\n"
                                 "print(os.getcwd(), _('Correct'), sep='|')")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return said, outside


def test_a_classroom_server_over_plain_http_still_gets_the_lessons_language(site: Path) -> None:
    # Opened from another computer over http:// (not 127.0.0.1 or localhost), a page is not a
    # secure context: no service worker, so JupyterLite's kernel does not start in the notebook's
    # folder. The name used is not a trustworthy origin; Chromium sends it to the local server.
    # Playwright's sync API cannot start a second time inside this module's browser session, so
    # this browser runs in a process of its own.
    pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed")
    script = (f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
              "from pathlib import Path; import test_lite_browser as t; "
              f"print(json.dumps(t._plain_http_said(Path({str(site)!r}))))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    said, outside = json.loads(run.stdout.strip().splitlines()[-1])
    folder, word = said.strip().split("|")
    assert folder == "/home/pyodide"  # not /drive/sl: the folder does not say the language here
    assert word == _said("sl", "Correct") != "Correct"
    assert outside == []


def test_zero_outside_requests_over_the_whole_run(browser_session) -> None:
    _context, _base, outside = browser_session
    assert outside == []
    assert _MISSING == []
    if RESULTS and _TIMES:
        Path(RESULTS).write_text(json.dumps(_TIMES, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def test_a_student_answers_hands_in_and_the_download_holds_the_answer_and_its_check(
        browser_session, site: Path, tmp_path: Path) -> None:
    from kzsi_helpers.publish.report import class_report

    context, base, outside = browser_session
    lesson = "01-three-decades-of-diplomacy.ipynb"
    name = "Ana <b>Test</b>"
    answer = 'grade = "medium"'  # exercise 3, right (the teacher edition's answer)
    page = context.new_page()
    try:
        page.goto(f"{base}/lab/index.html?path={lesson}", wait_until="load")
        result = page.evaluate(_RUN_ALL, [["before", "ex.q3.check()", answer],
                                          ["in", 'my_name = ""', f'my_name = "{name}"']])
        assert result["stoppedAt"] == -1
        first = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets[0]"
                              ".model.sharedModel.getSource()")
        assert "kept only in this browser" in first.splitlines()[-1]  # the first cell's one line
        button = page.locator("button.kzsi-hand-in-button")
        assert button.is_visible()
        summary = page.locator(".kzsi-hand-in").inner_text()
        assert "Ana <b>Test</b>, lesson 01" in summary  # the name shows as text, not markup
        assert "1 of 4 exercises done" in summary
        with page.expect_download() as caught:
            button.click()
        download = caught.value
        assert download.suggested_filename == f"{lesson[:-6]} - Ana b Test b.ipynb"
        saved = tmp_path / "ana.ipynb"
        download.save_as(saved)
        assert "Saved and downloaded" in page.locator(".kzsi-hand-in-status").inner_text()
    finally:
        page.close()
    nb = json.loads(saved.read_text(encoding="utf-8"))
    assert nb["metadata"]["kzsi"]["student_name"] == name
    sources = ["".join(c["source"]) for c in nb["cells"]]
    check = sources.index("ex.q3.check()")
    assert sources[check - 1] == answer
    records = [o["data"]["application/vnd.kzsi.check+json"] for o in nb["cells"][check]["outputs"]
               if "application/vnd.kzsi.check+json" in o.get("data", {})]
    assert [(r["exercise"], r["status"]) for r in records] == [("q3", "correct")]
    # the teacher's report reads the file as handed in: the name, q3 right and unchanged
    report = class_report([saved])
    (student,) = report.students
    assert student.name == name and student.answers["q3"].status == "correct"
    assert student.answers["q1"].status == "not-attempted"
    assert outside == []



_UPLOAD = """async (files) => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < 600 && !(window.jupyterapp && window.jupyterapp.serviceManager); i++) await sleep(100);
  const contents = window.jupyterapp.serviceManager.contents;
  for (const [path, text] of files) {
    let model;
    try { model = {type: 'notebook', format: 'json', content: JSON.parse(text)}; }
    catch (error) { model = {type: 'file', format: 'text', content: text}; }
    await contents.save(path, model);
  }
  return true;
}"""


def test_the_teachers_report_notebook_reads_uploaded_hand_ins_in_the_browser(browser_session) -> None:
    import copy

    import nbformat

    from kzsi_helpers.exercises.record import MIME

    context, base, outside = browser_session
    teacher = nbformat.read(ROOT / "notebooks" / "01-three-decades-of-diplomacy.ipynb", as_version=4)
    ana = copy.deepcopy(teacher)
    ana.metadata["kzsi"] = {"student_name": "Ana"}
    bor = copy.deepcopy(teacher)
    bor.metadata["kzsi"] = {"student_name": "Bor <script>alert('name')</script>"}
    for cell in bor.cells:  # q1 wrong
        for output in cell.get("outputs", []):
            if output.get("data", {}).get(MIME, {}).get("exercise") == "q1":
                output["data"][MIME]["status"] = "incorrect"
    folder = f"{lite_build.TEACHER_FOLDER}/handed-in"
    files = [[f"{folder}/ana.ipynb", nbformat.writes(ana)], [f"{folder}/bor.ipynb", nbformat.writes(bor)],
             [f"{folder}/notes.ipynb", "<html><script>alert('file')</script>"]]
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(f"{base}/lab/index.html", wait_until="load")
        page.evaluate(_UPLOAD, files)
        page.goto(f"{base}/lab/index.html?path={lite_build.TEACHER_FOLDER}/class-report.ipynb",
                  wait_until="load")
        result = page.evaluate(_RUN_ALL, [])
        (cell,) = result["cells"]
        text = "".join(_text(o) for o in cell["outputs"])
        assert "notes.ipynb:" in text  # the bad file has its line
        assert "Wrote class-report.html: students: 2; problem lines: 1." in text, text[:500]
        frame = page.frame_locator("iframe[title='Class report']")
        table = frame.locator("table").first.inner_text()
        assert "Ana" in table and "Bor <script>alert('name')</script>" in table
        written = page.evaluate("""async () => (await window.jupyterapp.serviceManager.contents.get(
            'teacher/class-report.html', {content: true, format: 'text'})).content""")
        if not written.lstrip().startswith("<"):  # JupyterLite's drive keeps what a kernel wrote as base64
            import base64
            written = base64.b64decode(written).decode("utf-8")
        assert "&lt;script&gt;alert(&#39;name&#39;)" in written and "<script>alert" not in written
    finally:
        page.close()
    assert dialogs == []  # no script from a student's file ran
    assert outside == []
