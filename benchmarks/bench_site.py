"""Benchmark the course site: build time, page weight, duplicated assets, time to markers.

Usage (from the course folder)::

    python benchmarks/bench_site.py [--repeat 3] [--notebooks notebooks/]

Measures, and prints as Markdown tables (copied into ``benchmarks/README-site.md``):

1. build time of ``python -m kzsi_helpers site`` against plain ``jupyter nbconvert --to html`` of
   the same notebooks, both as fresh processes taking turns, median of ``--repeat`` runs each
   (target: ratio <= 1.5);
2. for each page: its size on disk and the total bytes a browser loads for it (the page plus every
   file it requests, each counted once), and whether any asset (inline script or stylesheet, image)
   is in the page or in one of its maps more than once (target: < 2 MB, no duplicates); the site's
   maps load one shared copy of Leaflet and jQuery from its static folder;
3. for each page with maps: the time from navigation to every map's markers visible in headless
   Chromium, median of ``--repeat`` loads.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
MARKERS = "path.leaflet-interactive"  # any marker: lesson 03 also has a map built with plain folium
# the srcdoc of a map frame, in double or single quotes (the site writes whichever needs no escaping)
SRCDOC = re.compile(r"""<iframe[^>]*?\ssrcdoc=(?:"([^"]*)"|'([^']*)')""", re.DOTALL)
STYLE_OR_SCRIPT = re.compile(r"<(script|style)\b[^>]*>(.*?)</\1>", re.DOTALL | re.IGNORECASE)
DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]{200,}")


def timed(commands: list[list[str]], repeat: int) -> list[float]:
    """Median wall time of each command; the commands take turns, so load changes hit both."""
    runs: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for command, times in zip(commands, runs, strict=True):
            started = time.perf_counter()
            subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
            times.append(time.perf_counter() - started)
    return [statistics.median(times) for times in runs]


def build_times(notebooks: list[Path], repeat: int, work: Path) -> tuple[float, float, Path]:
    site_dir = work / "site"
    nbconvert_dir = work / "nbconvert"
    site_cmd = [sys.executable, "-m", "kzsi_helpers", "site", "--out", str(site_dir),
                "--notebooks", str(notebooks[0].parent)]
    nbconvert_cmd = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html",
                     "--output-dir", str(nbconvert_dir), *map(str, notebooks)]
    site_time, nbconvert_time = timed([site_cmd, nbconvert_cmd], repeat)
    return site_time, nbconvert_time, site_dir


def blocks(text: str) -> list[str]:
    """Inline <script>/<style> bodies and base64 data URIs of one HTML document (not its frames)."""
    outside_frames = SRCDOC.sub("", text)
    found = [body for _, body in STYLE_OR_SCRIPT.findall(outside_frames) if len(body) > 2000]
    found += DATA_URI.findall(outside_frames)
    return found


def duplicates(page: Path) -> tuple[int, list[str]]:
    """The number of maps, and assets found more often than once per map (or twice in the page)."""
    text = page.read_text(encoding="utf-8")
    frames = [html.unescape(double or single) for double, single in SRCDOC.findall(text)]
    problems = []
    top = Counter(hashlib.sha1(b.encode()).hexdigest() for b in blocks(text))
    problems += [f"page asset x{n}" for n in top.values() if n > 1]
    for i, doc in enumerate(frames, 1):
        inner = Counter(hashlib.sha1(b.encode()).hexdigest() for b in blocks(doc))
        problems += [f"map {i}: asset x{n}" for n in inner.values() if n > 1]
    return len(frames), problems


def browser_measures(site_dir: Path, pages: list[Path], repeat: int):
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page_path in pages:
            loaded: set[str] = set()
            marker_times = []
            for attempt in range(repeat):
                context = browser.new_context()
                context.route("http*://**/*", lambda route: route.abort())
                page = context.new_page()
                urls: list[str] = []
                page.on("request", lambda request, urls=urls: urls.append(request.url))
                started = time.perf_counter()
                page.goto(page_path.as_uri(), wait_until="commit")
                frames = page.locator("iframe[srcdoc]")
                page.wait_for_load_state("domcontentloaded")
                count = frames.count()
                for i in range(count):
                    frames.nth(i).content_frame.locator(MARKERS).last.wait_for(state="visible")
                if count:
                    marker_times.append(time.perf_counter() - started)
                page.wait_for_load_state("load")
                if attempt == 0:
                    loaded = {u for u in urls if u.startswith("file:")}
                    outside = [u for u in urls if not u.startswith(("file:", "data:", "about:"))]
                    if outside:
                        print(f"warning: {page_path.name} requested {outside}", file=sys.stderr)
                context.close()
            total = sum(Path(unquote(urlsplit(u).path)).stat().st_size for u in loaded)
            results[page_path.name] = (total, statistics.median(marker_times) if marker_times else None)
        browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    args = parser.parse_args(argv)

    from kzsi_helpers.course.lessons import lesson_paths

    notebooks = lesson_paths(args.notebooks)
    work = Path(tempfile.mkdtemp(prefix="kzsi-bench-site-"))
    try:
        site_time, nbconvert_time, site_dir = build_times(notebooks, args.repeat, work)
        pages = [site_dir / "index.html"] + [site_dir / (p.stem + ".html") for p in notebooks]
        measures = browser_measures(site_dir, pages, args.repeat)
        total_site = sum(f.stat().st_size for f in site_dir.rglob("*") if f.is_file())
        plain_total = sum(f.stat().st_size for f in (work / "nbconvert").glob("*.html"))

        print(f"## Build time ({len(notebooks)} lessons, median of {args.repeat})\n")
        print("| command | seconds |\n| --- | ---: |")
        print(f"| `python -m kzsi_helpers site` | {site_time:.2f} |")
        print(f"| `jupyter nbconvert --to html` (same notebooks) | {nbconvert_time:.2f} |")
        print(f"| ratio | {site_time / nbconvert_time:.2f} (target <= 1.5) |\n")
        print(f"Whole site on disk: {total_site / 1e6:.2f} MB "
              f"(plain nbconvert output: {plain_total / 1e6:.2f} MB).\n")
        print("## Pages\n")
        print("| page | size on disk | bytes the browser loads | maps | duplicated assets "
              "| navigation to markers visible |")
        print("| --- | ---: | ---: | ---: | --- | ---: |")
        worst = 0
        for page in pages:
            size = page.stat().st_size
            loaded, markers = measures[page.name]
            maps, dups = duplicates(page)
            worst = max(worst, loaded)
            marker_text = f"{markers * 1000:.0f} ms" if markers is not None else "-"
            print(f"| {page.name} | {size / 1e6:.2f} MB | {loaded / 1e6:.2f} MB | {maps} | "
                  f"{', '.join(dups) or 'none'} | {marker_text} |")
        print(f"\nLargest page load: {worst / 1e6:.2f} MB (target < 2 MB).")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
