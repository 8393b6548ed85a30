"""Benchmark the lesson 03 maps: size of one map's HTML and time to build and render it.

Run from the repository root:

    python benchmarks/bench_map.py            # 15 repeats (default)
    python benchmarks/bench_map.py --repeat 30

Prints a Markdown table (median and spread of the times, sizes in KB) for benchmarks/README-map.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

import folium

from kzsi_helpers import load
from kzsi_helpers.maps.offline import leaflet_assets
from kzsi_helpers.maps.places import countries_map, memorial_map

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, repeat):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return result, times


def row(label, times, size=None):
    ms = [t * 1000 for t in times]
    q = statistics.quantiles(ms, n=4) if len(ms) >= 4 else [min(ms), 0, max(ms)]
    size_text = f"{size / 1024:.0f}" if size is not None else ""
    return (f"| {label} | {statistics.median(ms):.1f} | {q[0]:.1f} to {q[2]:.1f} | "
            f"{size_text} |")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)

    places = load("places")
    memorials = places[places["kind"] != "capital"].reset_index(drop=True)
    capitals = places[places["kind"] == "capital"].reset_index(drop=True)
    leaflet_assets()  # read the packages once, as a notebook kernel does on the first map

    lines = [
        f"Python {platform.python_version()}, folium {folium.__version__}, "
        f"{args.repeat} repeats, times in milliseconds (median; quartiles).",
        "",
        "| what | median ms | quartiles ms | HTML KB |",
        "|---|---:|---:|---:|",
    ]
    m, t_build = timed(lambda: memorial_map(memorials), args.repeat)
    html, t_render = timed(lambda: m._repr_html_(), args.repeat)
    page = m.get_root().render()
    _, t_both = timed(lambda: memorial_map(memorials)._repr_html_(), args.repeat)
    lines.append(row("memorial_map: build (5 places)", t_build))
    lines.append(row("memorial_map: render to notebook HTML (iframe srcdoc)", t_render, len(html)))
    lines.append(row("memorial_map: build + render", t_both))
    c, t_cbuild = timed(lambda: countries_map(capitals), args.repeat)
    chtml, t_crender = timed(lambda: c._repr_html_(), args.repeat)
    lines.append(row("countries_map: build", t_cbuild))
    lines.append(row("countries_map: render to notebook HTML", t_crender, len(chtml)))

    assets = len(leaflet_assets().encode())
    geojson = (ROOT / "data" / "ne_countries.geojson").stat().st_size
    notebook = next((ROOT / "notebooks").glob("04-*.ipynb")).stat().st_size
    lines += [
        "",
        f"- One map page (`get_root().render()`, UTF-8): {len(page.encode()) / 1024:.0f} KB, of "
        f"which inlined Leaflet + jQuery {assets / 1024:.0f} KB and the borders GeoJSON file "
        f"{geojson / 1024:.0f} KB.",
        f"- Lesson notebook with both maps' outputs: {notebook / 1024:.0f} KB "
        "(limit 3 MB).",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
