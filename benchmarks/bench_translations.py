"""Benchmark the translated editions: updating the catalogues, building a language, running it.

Usage (from the course folder)::

    python benchmarks/bench_translations.py [--rounds 2] [--lang sl] [--out results.md]

For each language that has lessons in ``notebooks/<lang>/`` (or the one given), it measures:

- ``translate``: bringing the language's catalogues up to date (on copies, so nothing is changed);
- building the language's lessons from the catalogues (``build_lessons``, into a temporary folder);
- running every lesson, the English one and the translated one taking turns, each in a fresh kernel
  in a folder named as its language (the English in ``en``), as ``execute`` and nbval do. The issue's
  target: a language's lessons cost at most 1.1 times the English ones, measured side by side.

Prints a Markdown table and writes it to ``--out`` when given. ``benchmarks/README-translations.md``
quotes one run with what the numbers mean.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kzsi_helpers.course.execute import execute_notebook  # noqa: E402
from kzsi_helpers.course.lessons import lesson_paths  # noqa: E402
from kzsi_helpers.i18n import build  # noqa: E402
from kzsi_helpers.i18n.language import TRANSLATED  # noqa: E402


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _copy_course(tmp: Path) -> Path:
    course = tmp / "course"
    for name in ("notebooks", "translations", "data"):
        shutil.copytree(ROOT / name, course / name)
    (course / "pyproject.toml").write_text("", encoding="utf-8")
    return course


def _run_all(folder: Path) -> float:
    """Seconds to run every lesson of ``folder`` (copied to a folder of the same name)."""
    return sum(_timed(lambda p=p: execute_notebook(p)) for p in lesson_paths(folder))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--lang", action="append", default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    languages = args.lang or [code for code in TRANSLATED if (ROOT / "notebooks" / code).is_dir()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        course = _copy_course(Path(tmp))
        os.environ["KZSI_COURSE_DIR"] = str(course)
        real_catalog_path = build.catalog_path  # the package's catalogues: copies too
        locale = Path(tmp) / "locale"
        shutil.copytree(ROOT / "kzsi_helpers" / "i18n" / "locale", locale)
        build.catalog_path = lambda lang, domain="messages": locale / lang / f"{domain}.po"
        english = Path(tmp) / "run" / "en"
        shutil.copytree(ROOT / "notebooks", english, ignore=shutil.ignore_patterns("[a-z][a-z]"))
        for language in languages:
            update = [_timed(lambda lang=language: build.update_language(lang)) for _ in range(args.rounds)]
            make = [_timed(lambda lang=language: build.build_lessons(lang, course / "notebooks"))
                    for _ in range(args.rounds)]
            translated = Path(tmp) / "run" / language
            shutil.copytree(course / "notebooks" / language, translated)
            en_runs, tr_runs = [], []
            for _ in range(args.rounds):
                en_runs.append(_run_all(english))
                tr_runs.append(_run_all(translated))
            ratios = [t / e for t, e in zip(tr_runs, en_runs, strict=True)]
            rows.append((language, update, make, en_runs, tr_runs, ratios))
        build.catalog_path = real_catalog_path

    def span(values: list[float], digits: int = 1) -> str:
        low, high = min(values), max(values)
        return f"{low:.{digits}f}" if round(low, digits) == round(high, digits) else \
            f"{low:.{digits}f} to {high:.{digits}f}"

    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
             f"{args.rounds} rounds.", "",
             "| language | update catalogues (s) | build lessons (s) | run English (s) | run translated (s) "
             "| translated / English | target |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for language, update, make, en_runs, tr_runs, ratios in rows:
        lines.append(f"| {language} | {span(update)} | {span(make)} | {span(en_runs)} | {span(tr_runs)} | "
                     f"{span(ratios, 2)} (median {statistics.median(ratios):.2f}) | at most 1.1 |")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
