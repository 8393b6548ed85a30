"""Benchmark the browser edition's start-up against a bare JupyterLite of the same versions.

Usage (from the course folder, after the README's set-up; needs Debian's Chromium)::

    python benchmarks/bench_startup.py [--repeat 5] [--site lite] [--out benchmarks/README-startup.md]

Builds, side by side:

- the course's browser edition (``python -m kzsi_helpers lite``; or ``--site`` an existing build);
- a bare JupyterLite: the same jupyterlite-core and Pyodide kernel, the same verified Pyodide
  files (served locally, as the machine is offline; no course wheels in them), and nothing of the
  course: no lessons, no settings, no interface translation, no Run All patch.

Then, in one run, alternating the two, each time in a new headless Chromium (nothing cached):
from navigation to ``lab/index.html`` until a new notebook's kernel is idle (the same steps in
both: ``notebook:create-new``), and for the course also until a lesson opened by its address has
its kernel idle. Prints the medians and every run as Markdown; the course may add at most 20 %.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
NEW_NOTEBOOK_READY = """async (open) => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  let app;
  for (let i = 0; i < 1800; i++) {
    app = window.jupyterapp;
    if (app && app.commands && app.commands.hasCommand('notebook:create-new')) break;
    await sleep(50);
  }
  await app.started;
  await app.restored;
  if (open) await app.commands.execute('notebook:create-new', {kernelName: 'python'});
  for (let i = 0; i < 3600; i++) {
    const panel = Array.from(app.shell.widgets('main')).find((w) => w.sessionContext);
    const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (kernel && kernel.status === 'idle') return performance.now();
    await sleep(50);
  }
  return -1;
}"""


def bare_jupyterlite(out: Path, course: Path) -> Path:
    """Build a JupyterLite with no course files: the same versions and the same Pyodide files.

    The kernel's own packages come from the verified Pyodide files, and ``comm`` (which the
    kernel's ipykernel needs and a bare JupyterLite would fetch from PyPI) is the same wheel the
    course's build bundles, copied from ``course``.
    """
    from kzsi_helpers.lite import pyodide_dist
    from kzsi_helpers.lite.build import KERNEL_PLUGIN

    src = out.parent / "bare-src"
    (src / "static").mkdir(parents=True)
    target = src / "static" / "pyodide"
    lock = pyodide_dist.collect_pyodide(target)  # the kernel's own packages
    course_lock = json.loads((course / "static/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    comm = course_lock["packages"]["comm"]
    lock["packages"]["comm"] = comm
    shutil.copyfile(course / "static/pyodide" / comm["file_name"], target / comm["file_name"])
    (target / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    config = {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "exposeAppInBrowser": True,
        "litePluginSettings": {KERNEL_PLUGIN: {"disablePyPIFallback": True}}}}
    (src / "jupyter-lite.json").write_text(json.dumps(config), encoding="utf-8")
    empty = out.parent / "bare-contents"
    empty.mkdir()
    subprocess.run([sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(src),
                    "--contents", str(empty), "--output-dir", str(out), "--apps", "lab",
                    "--no-sourcemaps", "--no-unused-shared-packages"],
                   cwd=src, check=True, capture_output=True)
    return out


def serve(site: Path):
    from kzsi_helpers.lite.serve import make_server

    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def cold_start(pw, url: str, open_new: bool) -> float:
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    try:
        page = browser.new_context().new_page()
        page.goto(url, wait_until="commit")
        ready = page.evaluate(NEW_NOTEBOOK_READY, open_new)
        if ready < 0:
            raise RuntimeError(f"{url}: the kernel never became idle")
        return ready / 1000
    finally:
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--site", type=Path, default=None, help="an existing course build")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        course = args.site
        if course is None:
            course = work / "course"
            subprocess.run([sys.executable, "-m", "kzsi_helpers", "lite", "--out", str(course)],
                           cwd=ROOT, check=True, capture_output=True)
        bare = bare_jupyterlite(work / "bare" / "site", course)
        (course_server, course_url), (bare_server, bare_url) = serve(course), serve(bare)
        runs: dict[str, list[float]] = {"course, new notebook": [], "bare, new notebook": [],
                                        "course, a lesson by its address": []}
        try:
            with sync_playwright() as pw:
                for _ in range(args.repeat):  # alternating, so a slow minute hits both
                    runs["bare, new notebook"].append(cold_start(pw, f"{bare_url}/lab/index.html", True))
                    runs["course, new notebook"].append(
                        cold_start(pw, f"{course_url}/lab/index.html", True))
                    runs["course, a lesson by its address"].append(cold_start(
                        pw, f"{course_url}/lab/index.html?path=01-three-decades-of-diplomacy.ipynb",
                        False))
        finally:
            for server in (course_server, bare_server):
                server.shutdown()
                server.server_close()
    base = statistics.median(runs["bare, new notebook"])
    lines = [f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, headless Debian Chromium, "
             f"{args.repeat} cold starts each (a new browser each time), alternating.", "",
             "| start-up, navigation to kernel idle | median (s) | against bare | every run (s) |",
             "| --- | --- | --- | --- |"]
    for what, values in runs.items():
        median = statistics.median(values)
        lines.append(f"| {what} | {median:.1f} | {median / base:.2f} | "
                     + ", ".join(f"{v:.1f}" for v in values) + " |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text("# Start-up: the browser edition against a bare JupyterLite\n\n"
                            "`python benchmarks/bench_startup.py`\n\n" + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
