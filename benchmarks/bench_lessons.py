"""Benchmark the lessons against the import floor: what does running them cost beyond the imports?

Usage (from the course folder)::

    python benchmarks/bench_lessons.py [--rounds 2] [--out benchmarks/README-lessons.md]

Each round runs, taking turns so that a change in the machine's load hits both sides alike:

- every lesson of ``notebooks/`` in a fresh kernel (nbclient, as ``python -m kzsi_helpers execute``
  and nbval do), from kernel start to the last cell;
- as many fresh kernels that only import what the lessons import (pandas, matplotlib with the inline
  backend, folium and kzsi_helpers): the *import floor*, which no lesson can go below.

The target (issue "One clear house and fast lessons"): all lessons together cost at most 1.3 times
the import floor. Prints a Markdown table and writes it to ``--out`` when given.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
FLOOR_CODE = ("%matplotlib inline\n"
              "import pandas, matplotlib.pyplot, folium\n"
              "import kzsi_helpers")


def lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def run_notebook(nb: nbformat.NotebookNode, cwd: Path) -> float:
    """Seconds from kernel start to the end of the last cell, in a fresh kernel."""
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}}, allow_errors=False)
    started = time.perf_counter()
    client.execute()
    return time.perf_counter() - started


def floor_notebook() -> nbformat.NotebookNode:
    return new_notebook(cells=[new_code_cell(FLOOR_CODE)],
                        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                 "language": "python"}})


def measure(rounds: int) -> tuple[dict[str, list[float]], list[float]]:
    """Per-lesson times and per-round floor totals (one import-only kernel per lesson)."""
    per_lesson: dict[str, list[float]] = {p.stem: [] for p in lessons()}
    floor_totals: list[float] = []
    for _ in range(rounds):
        floor = 0.0
        for path in lessons():
            per_lesson[path.stem].append(run_notebook(nbformat.read(path, as_version=4), path.parent))
            floor += run_notebook(floor_notebook(), path.parent)
        floor_totals.append(floor)
    return per_lesson, floor_totals


def report(per_lesson: dict[str, list[float]], floor_totals: list[float], rounds: int) -> str:
    lesson_total = sum(statistics.median(t) for t in per_lesson.values())
    floor_total = statistics.median(floor_totals)
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {_cores()} cores, "
        f"Python {platform.python_version()}; median of {rounds} rounds.",
        "",
        "| lesson | fresh kernel to last cell (s) |",
        "| --- | --- |",
    ]
    lines += [f"| `{stem}` | {statistics.median(t):.1f} |" for stem, t in per_lesson.items()]
    lines += [
        "",
        "| what | seconds |",
        "| --- | --- |",
        f"| all lessons | {lesson_total:.1f} |",
        f"| import floor ({len(per_lesson)} kernels that only import pandas, matplotlib, folium, "
        f"kzsi_helpers) | {floor_total:.1f} |",
        f"| **ratio** (target at most 1.3) | **{lesson_total / floor_total:.2f}** |",
    ]
    return "\n".join(lines) + "\n"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown table here")
    args = parser.parse_args(argv)
    per_lesson, floor_totals = measure(args.rounds)
    text = report(per_lesson, floor_totals, args.rounds)
    print(text)
    if args.out:
        args.out.write_text("# Lessons against the import floor\n\n"
                            "`python benchmarks/bench_lessons.py`\n\n" + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
