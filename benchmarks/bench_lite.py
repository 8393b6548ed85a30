"""Benchmark the browser edition: build, size, start-up in Chromium, lessons against the desktop.

Usage (from the course folder, after the README's set-up; needs Debian's Chromium)::

    python benchmarks/bench_lite.py [--repeat 3] [--out benchmarks/README-lite.md]

Measures, on this machine:

1. build time of ``python -m kzsi_helpers lite`` (a fresh process; the Pyodide files already in the
   cache, as for every build after the first);
2. the folder's size, and the size of a zip of it (deflate, level 9), as a teacher would copy it
   (targets: at most 60 MB and 40 MB);
3. in headless Chromium against ``serve`` on 127.0.0.1: cold start (a new browser profile, nothing
   cached) from navigation to the kernel ready, and the same when the lesson is opened again (the
   reload: the browser's cache warm) (targets: at
   most 15 s and 5 s), median of ``--repeat``;
4. each lesson (teacher edition, which runs without errors) from kernel ready to the end of Run All
   in the browser, against the same lesson on the desktop kernel (nbclient, from kernel start to the
   last cell), measured in one run (target: at most 3 times). The browser times come from
   ``tests/test_lite_browser.py``, run with ``KZSI_LITE_RESULTS`` set.

Prints Markdown tables and writes them to ``--out`` when given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lessons import run_notebook  # noqa: E402  (the sibling benchmark's desktop runner)

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
KERNEL_READY = """async () => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < 1800; i++) {
    const app = window.jupyterapp;
    // after a reload the restored notebook is in the main area but may not be the current widget
    const panel = app && (Array.from(app.shell.widgets('main')).find((w) => w.sessionContext) ||
                          app.shell.currentWidget);
    const kernel = panel && panel.sessionContext && panel.sessionContext.session &&
      panel.sessionContext.session.kernel;
    if (kernel && kernel.status === 'idle') return performance.now();
    await sleep(50);
  }
  return -1;
}"""


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def zip_bytes(folder: Path, work: Path) -> int:
    target = work / "lite.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target.stat().st_size


def build(out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kzsi_helpers", "lite", "--out", str(out)], cwd=ROOT,
                   check=True, capture_output=True)
    return time.perf_counter() - started


def start_up(site: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Cold starts (new profile each) and reloads, navigation to kernel ready, in seconds."""
    from playwright.sync_api import sync_playwright

    from kzsi_helpers.lite.serve import make_server

    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/lab/index.html?path=00-start-here.ipynb"
    cold, warm = [], []
    try:
        with sync_playwright() as pw:
            for _ in range(repeat):
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_context().new_page()
                page.goto(url, wait_until="commit")
                cold.append(page.evaluate(KERNEL_READY) / 1000)
                # opened again (JupyterLite drops ?path= from the address once the lesson is
                # open, so a plain reload would land on the launcher): the browser's cache is warm
                page.goto(url, wait_until="commit")
                warm.append(page.evaluate(KERNEL_READY) / 1000)
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return cold, warm


def browser_lessons(site: Path, results: Path) -> dict[str, dict[str, float]]:
    env = dict(os.environ, KZSI_LITE_DIR=str(site), KZSI_LITE_RESULTS=str(results))
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-m", "lite", "-k", "teacher or zero",
                    "tests/test_lite_browser.py"], cwd=ROOT, env=env, check=True)
    return json.loads(results.read_text(encoding="utf-8"))


def desktop_lessons() -> dict[str, float]:
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    return {p.name: run_notebook(nbformat.read(p, as_version=4), p.parent) for p in paths}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = work / "lite"
        build(site)  # the first build may fetch the Pyodide files into the cache
        seconds = build(work / "again")
        size, zipped = folder_bytes(site), zip_bytes(site, work)
        cold, warm = start_up(site, args.repeat)
        in_browser = browser_lessons(site, work / "times.json")
        on_desktop = desktop_lessons()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        "headless Debian Chromium.",
        "",
        "| what | result | target |",
        "| --- | --- | --- |",
        f"| build (`python -m kzsi_helpers lite`, files cached) | {seconds:.1f} s | |",
        f"| folder | {size / 1e6:.1f} MB | at most 60 MB |",
        f"| zip of the folder | {zipped / 1e6:.1f} MB | at most 40 MB |",
        f"| cold start to kernel ready (median of {args.repeat}) | {statistics.median(cold):.1f} s "
        "| at most 15 s |",
        f"| reload to kernel ready (median of {args.repeat}) | {statistics.median(warm):.1f} s "
        "| at most 5 s |",
        "",
        "| lesson (teacher edition) | browser: kernel ready to end of Run All (s) | desktop: "
        "fresh kernel to last cell (s) | ratio (target at most 3) |",
        "| --- | --- | --- | --- |",
    ]
    for name, desk in on_desktop.items():
        lite = in_browser.get(f"teacher/{name}", {}).get("run_s")
        ratio = f"{lite / desk:.1f}" if lite else "not measured"
        lines.append(f"| `{Path(name).stem}` | {lite if lite else '-'} | {desk:.1f} | {ratio} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text("# The browser edition\n\n`python benchmarks/bench_lite.py`\n\n" + text,
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
