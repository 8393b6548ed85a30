"""Benchmark the lessons against the import floor: what does running them cost beyond the imports?

Usage (from the course folder)::

    python benchmarks/bench_lessons.py [--rounds 3] [--out results.md]   # 2 rounds by default

``benchmarks/README-lessons.md`` quotes one such table with what the numbers mean; ``--out`` writes
the bare table, so point it at a file of its own rather than at that README.

Each round runs, taking turns so that a change in the machine's load hits both sides alike:

- every lesson of ``notebooks/`` in a fresh kernel (nbclient, as ``python -m kzsi_helpers execute``
  and nbval do), from kernel start to the last cell;
- as many fresh kernels that only import what the lessons import (pandas, matplotlib with the inline
  backend, folium and kzsi_helpers): the *import floor*, which no lesson can go below;
- as many kernels that make the same imports, then run as many empty cells (``pass``) as the lesson
  has code cells: the *cell floor*. Its difference from the import floor is what the kernel's
  messaging costs per cell (requests, replies, status and output streams), whatever the cell does;
  the lessons' own work is what they cost beyond it.

Each run is timed twice: wall-clock seconds, and the CPU seconds the kernel process used (user plus
system, from ``getrusage`` once the kernel has exited). The CPU time is what the lesson itself costs;
the wall time adds what the machine's other work takes from it, so on a shared machine it is the
noisier of the two.

The target (issue "One clear house and fast lessons"): all lessons together cost at most 1.3 times
the import floor. Prints a Markdown table and writes it to ``--out`` when given.
"""

from __future__ import annotations

import argparse
import platform
import resource
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


def run_notebook(nb: nbformat.NotebookNode, cwd: Path) -> tuple[float, float]:
    """Wall seconds from kernel start to the end of the last cell, and the kernel's CPU seconds."""
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}}, allow_errors=False)
    cpu_before = _children_cpu()
    started = time.perf_counter()
    client.execute()  # starts the kernel, runs every cell, shuts the kernel down and reaps it
    return time.perf_counter() - started, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def floor_notebook(code_cells: int = 1) -> nbformat.NotebookNode:
    """The imports in one cell, then ``code_cells - 1`` empty cells."""
    cells = [new_code_cell(FLOOR_CODE)] + [new_code_cell("pass") for _ in range(code_cells - 1)]
    return new_notebook(cells=cells,
                        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                 "language": "python"}})


Times = dict[str, list[tuple[float, float]]]  # lesson -> (wall, cpu) per round
Totals = list[tuple[float, float]]  # (wall, cpu) of the five floor kernels, per round


def measure(rounds: int) -> tuple[Times, Totals, Totals, int]:
    """Per-lesson times, per-round totals of the import floor and of the cell floor, code cells."""
    lesson_cells = {path: sum(cell.cell_type == "code"
                              for cell in nbformat.read(path, as_version=4).cells)
                    for path in lessons()}
    per_lesson: Times = {path.stem: [] for path in lesson_cells}
    floor_totals: Totals = []
    cell_totals: Totals = []
    for _ in range(rounds):
        floor_runs, cell_runs = [], []
        for path, code_cells in lesson_cells.items():
            per_lesson[path.stem].append(run_notebook(nbformat.read(path, as_version=4), path.parent))
            floor_runs.append(run_notebook(floor_notebook(), path.parent))
            cell_runs.append(run_notebook(floor_notebook(code_cells), path.parent))
        floor_totals.append(_sum(floor_runs))
        cell_totals.append(_sum(cell_runs))
    return per_lesson, floor_totals, cell_totals, sum(lesson_cells.values())


def _sum(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(wall for wall, _ in runs), sum(cpu for _, cpu in runs)


def report(per_lesson: Times, floor_totals: Totals, cell_totals: Totals, code_cells: int,
           rounds: int) -> str:
    def median(runs: list[tuple[float, float]], which: int) -> float:
        return statistics.median(run[which] for run in runs)

    lessons_wall = sum(median(runs, 0) for runs in per_lesson.values())
    lessons_cpu = sum(median(runs, 1) for runs in per_lesson.values())
    floor_wall, floor_cpu = median(floor_totals, 0), median(floor_totals, 1)
    cells_wall, cells_cpu = median(cell_totals, 0), median(cell_totals, 1)
    ratios = [sum(per_lesson[stem][r][which] for stem in per_lesson) / floor_totals[r][which]
              for which in (0, 1) for r in range(rounds)]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {_cores()} cores, "
        f"Python {platform.python_version()}, matplotlib {_version('matplotlib')}; "
        f"median of {rounds} rounds.",
        "",
        "| lesson | fresh kernel to last cell (s) | kernel CPU (s) |",
        "| --- | --- | --- |",
    ]
    lines += [f"| `{stem}` | {median(runs, 0):.1f} | {median(runs, 1):.1f} |"
              for stem, runs in per_lesson.items()]
    lines += [
        "",
        "| what | wall (s) | kernel CPU (s) |",
        "| --- | --- | --- |",
        f"| all lessons | {lessons_wall:.1f} | {lessons_cpu:.1f} |",
        f"| import floor ({len(per_lesson)} kernels that only import pandas, matplotlib, folium, "
        f"kzsi_helpers) | {floor_wall:.1f} | {floor_cpu:.1f} |",
        f"| **ratio** (target at most 1.3) | **{lessons_wall / floor_wall:.2f}** | "
        f"**{lessons_cpu / floor_cpu:.2f}** |",
        f"| ratio in each round | {', '.join(f'{x:.2f}' for x in ratios[:rounds])} | "
        f"{', '.join(f'{x:.2f}' for x in ratios[rounds:])} |",
        f"| cell floor (the same imports, then as many empty cells as the lessons: "
        f"{code_cells} in all) | {cells_wall:.1f} | {cells_cpu:.1f} |",
        f"| lessons against the cell floor | {lessons_wall / cells_wall:.2f} | "
        f"{lessons_cpu / cells_cpu:.2f} |",
    ]
    return "\n".join(lines) + "\n"


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown table here")
    args = parser.parse_args(argv)
    per_lesson, floor_totals, cell_totals, code_cells = measure(args.rounds)
    text = report(per_lesson, floor_totals, cell_totals, code_cells, args.rounds)
    print(text)
    if args.out:
        args.out.write_text("# Lessons against the import floor\n\n"
                            "`python benchmarks/bench_lessons.py`\n\n" + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
