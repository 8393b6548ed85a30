"""The hand-in step in a desktop JupyterLab, started as ``python -m kzsi_helpers lab`` starts it.

A student lesson is opened in Chromium, one answer and the name are typed, Run All runs, and the
button *Save and download my work* downloads the notebook: the file holds the answer, its check's
record and the name. Needs Debian's Chromium; skipped without it (failed under .ci/run).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from kzsi_helpers.course.launch import lab_command
from kzsi_helpers.publish.report import class_report
from kzsi_helpers.publish.student_edition import student_notebook

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
LESSON = "01-three-decades-of-diplomacy.ipynb"


def _cannot_run(reason: str) -> None:
    if os.environ.get("KZSI_REQUIRE_BROWSER") == "1":
        pytest.fail(f"KZSI_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not CHROMIUM.exists():
    _cannot_run(f"the browser tests need Chromium at {CHROMIUM}")
try:
    import playwright.sync_api as sync_api
except ImportError as exc:
    _cannot_run(f"the browser tests need playwright: {exc}")

from test_lite_browser import _RUN_ALL  # noqa: E402  (the same Run All and typing as in the browser edition)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with the course's settings, serving a folder with one student lesson."""
    base = tmp_path_factory.mktemp("lab")
    lessons = base / "lessons"
    lessons.mkdir()
    nb = student_notebook(nbformat.read(ROOT / "notebooks" / LESSON, as_version=4), name=LESSON)
    nbformat.write(nb, lessons / LESSON)
    port = _free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(base / "config"), JUPYTER_DATA_DIR=str(base / "data"),
               JUPYTER_RUNTIME_DIR=str(base / "runtime"), JUPYTERLAB_WORKSPACES_DIR=str(base / "ws"))
    command = lab_command(lessons, ["--no-browser", "--allow-root", f"--port={port}",
                                    "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
                                    "--ServerApp.password=", "--ServerApp.port_retries=0"])
    process = subprocess.Popen(command, cwd=base, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"JupyterLab stopped: {command}") from None
                time.sleep(0.2)
        yield url, lessons
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_hand_in_button_downloads_the_saved_lesson_in_jupyterlab(lab, tmp_path: Path) -> None:
    url, lessons = lab
    name = "Bor Kranjc"
    answer = 'grade = "medium"'
    outside: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        try:
            context = browser.new_context(accept_downloads=True)

            def guard(route) -> None:
                if route.request.url.startswith((url, "data:", "blob:")):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            context.route("**/*", guard)
            page = context.new_page()
            page.goto(f"{url}/lab/tree/{LESSON}", wait_until="load")
            result = page.evaluate(_RUN_ALL, [["before", "ex.q3.check()", answer],
                                              ["in", 'my_name = ""', f'my_name = "{name}"']])
            assert result["stoppedAt"] == -1  # Run All went on past the empty answers
            button = page.locator("button.kzsi-hand-in-button")
            assert button.is_visible()
            with page.expect_download() as caught:
                button.click()
            assert caught.value.suggested_filename == f"{LESSON[:-6]} - {name}.ipynb"
            saved = tmp_path / "bor.ipynb"
            caught.value.save_as(saved)
        finally:
            browser.close()
    downloaded = json.loads(saved.read_text(encoding="utf-8"))
    on_disk = json.loads((lessons / LESSON).read_text(encoding="utf-8"))  # saved first
    for nb in (downloaded, on_disk):
        assert nb["metadata"]["kzsi"]["student_name"] == name
        sources = ["".join(c["source"]) for c in nb["cells"]]
        assert sources[sources.index("ex.q3.check()") - 1] == answer
    report = class_report([saved])
    (student,) = report.students
    assert student.name == name and student.answers["q3"].status == "correct"
    assert outside == []
