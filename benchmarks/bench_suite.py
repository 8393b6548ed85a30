"""Time the whole test suite (``python -m pytest``) as the README's second command runs it.

Usage: ``python benchmarks/bench_suite.py [--rounds N] [--out benchmarks/README-suite.md]``

Each round removes the checkout's ``__pycache__`` folders first (a fresh clone has none), then
runs ``python -m pytest -q`` and records its wall time and the CPU time the whole machine spent
meanwhile (user + system, all processes, from ``/proc/stat``; Linux only, else left out).

The machines this project runs on are shared, and their speed drifts from minute to minute: the
same code took from 100 s to 151 s within an hour. So before each round a fixed pure-Python loop
(30 million additions) is timed, as a rough sign of how fast the machine was at that moment.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def reference_loop() -> float:
    """Seconds for 30 million additions in pure Python (how fast the machine is right now)."""
    start = time.perf_counter()
    total = 0
    for i in range(30_000_000):
        total += i
    return time.perf_counter() - start


def cpu_seconds() -> float | None:
    """User + system CPU time of the whole machine since boot (None where /proc/stat is missing)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    user, nice, system = (int(x) for x in fields[:3])
    return (user + nice + system) / os.sysconf("SC_CLK_TCK")


def clean_bytecode() -> None:
    for folder in ROOT.rglob("__pycache__"):
        if ".venv" not in folder.parts:
            shutil.rmtree(folder, ignore_errors=True)


def one_round() -> dict[str, float | str]:
    loop = reference_loop()
    clean_bytecode()
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=ROOT,
                            capture_output=True, check=False)
    wall = time.perf_counter() - wall0
    cpu1 = cpu_seconds()
    summary = result.stdout.decode("utf-8", "replace").strip().splitlines()[-1]
    return {"loop": loop, "wall": wall,
            "cpu": (cpu1 - cpu0) if cpu0 is not None and cpu1 is not None else float("nan"),
            "summary": summary.strip("= ")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "README-suite.md")
    args = parser.parse_args(argv)
    rows = []
    for n in range(args.rounds):
        row = one_round()
        rows.append(row)
        print(f"round {n + 1}: {row['wall']:.1f} s wall, {row['cpu']:.0f} s CPU, "
              f"loop {row['loop']:.2f} s: {row['summary']}", flush=True)
    lines = [
        "# The whole test suite",
        "",
        "`python benchmarks/bench_suite.py` (each round: `python -m pytest -q` from a checkout "
        "without `__pycache__`)",
        "",
        f"Measured {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}.",
        "",
        "| round | reference loop (s) | wall (s) | CPU, all processes (s) | result |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {i + 1} | {r['loop']:.2f} | {r['wall']:.1f} | {r['cpu']:.0f} | {r['summary']} |"
              for i, r in enumerate(rows)]
    lines += [
        "",
        "The reference loop is 30 million additions in pure Python, timed just before the round: "
        "a longer loop means a slower machine at that moment. It is a rough guide only (it lasts "
        "about a second, the suite two minutes); to compare two versions of the code, run them "
        "one after the other, in turns, as README-suite.md describes.",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
