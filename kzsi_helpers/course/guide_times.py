r"""The teacher's guide's times, written from the timing model: the table of lessons and each plan.

The guide (``docs/teachers-guide.md``) lists the lessons with their minutes, and each lesson's page
(``docs/guide/NN-slug.md``) starts its plan with the minutes of every section. Like the lessons'
*Time to learn* lines, these numbers are never typed: ``python -m kzsi_helpers toc`` (which
``execute`` runs) rewrites the block between the markers :data:`BEGIN` and :data:`END` in each file
from :mod:`kzsi_helpers.course.timing`. A page without the markers gets the block after its title.

Examples
--------
>>> from nbformat.v4 import new_markdown_cell, new_notebook
>>> nb = new_notebook(cells=[new_markdown_cell("# T\n\n## 1. Start\n\n" + "word " * 144)])
>>> print(plan_block(nb).splitlines()[3])
| 1. Start | 1 |
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kzsi_helpers.course import folders, lessons, timing

__all__ = ["BEGIN", "END", "GUIDE", "GUIDE_PAGES", "plan_block", "lessons_block", "update_guide"]

BEGIN = "<!-- begin generated: times from the timing model (python -m kzsi_helpers toc); do not edit -->"
END = "<!-- end generated -->"
#: The guide and the folder of its lesson pages, relative to the course folder.
GUIDE = Path("docs") / "teachers-guide.md"
GUIDE_PAGES = Path("docs") / "guide"

_BLOCK = re.compile(re.escape(BEGIN.split(" (")[0]) + r".*?" + re.escape(END), re.DOTALL)


def _minutes(value: float) -> str:
    """Minutes to the nearest half, as a teacher plans them."""
    halves = round(value * 2) / 2
    return f"{halves:g}"


def plan_block(nb: dict[str, Any]) -> str:
    """Write one lesson's timing table: each section's minutes by the model, and the total."""
    estimate = timing.estimate(nb)
    rows = [(name, minutes) for name, minutes in estimate.sections.items() if minutes >= 0.25]
    lines = [BEGIN, "| part of the lesson | minutes |", "| --- | --- |"]
    lines += [f"| {name} | {_minutes(minutes)} |" for name, minutes in rows]
    lines += [f"| **the whole lesson** (stated in the lesson) | **{estimate.stated}** |", END]
    return "\n".join(lines)


def _page(course: Path, path: Path) -> Path:
    return course / GUIDE_PAGES / f"{path.stem}.md"


def lessons_block(folder: Path) -> str:
    """Write the guide's table of lessons: number, title, stated minutes, the lesson's guide page."""
    course = folder.resolve().parent
    lines = [BEGIN, "| lesson | title | minutes | plan, mistakes, exercises, exit ticket |",
             "| --- | --- | --- | --- |"]
    total, over = 0, []
    for path in lessons.lesson_paths(folder, start=True):
        nb = lessons.read_json(path)
        minutes = timing.estimate(nb).stated
        total += minutes
        if minutes > timing.PERIOD:
            over.append(path.stem[:2])
        page = _page(course, path)
        link = f"[{page.name}](guide/{page.name})" if page.is_file() else "(none yet)"
        lines.append(f"| {path.stem[:2]} | {lessons.title(nb, path.stem)} | {minutes} | {link} |")
    count = len(lessons.lesson_paths(folder, start=True))
    fits = (f"each within one {timing.PERIOD}-minute period" if not over else
            f"lessons {', '.join(over)} over a {timing.PERIOD}-minute period")
    lines += ["", f"In all {total} minutes by the model for {count} lessons, {fits}.", END]
    return "\n".join(lines)


def _replace_block(text: str, block: str) -> str:
    if _BLOCK.search(text):
        return _BLOCK.sub(lambda _: block, text, count=1)
    head, newline, rest = text.partition("\n")
    return f"{head}\n\n{block}\n{newline}{rest}" if head.startswith("# ") else f"{block}\n\n{text}"


def update_guide(folder: str | Path) -> list[Path]:
    """Rewrite the generated blocks of the guide and of each lesson's page; return what changed.

    Nothing is written when the course has no ``docs/teachers-guide.md`` (a folder of lessons
    elsewhere). Each file is written whole or not at all.
    """
    folder = Path(folder)
    course = folder.resolve().parent
    guide = course / GUIDE
    if not guide.is_file():
        return []
    targets = [(guide, lessons_block(folder))]
    for path in lessons.lesson_paths(folder, start=True):
        page = _page(course, path)
        if page.is_file():
            targets.append((page, plan_block(lessons.read_json(path))))
    written = []
    for target, block in targets:
        text = target.read_text(encoding="utf-8")
        new = _replace_block(text, block)
        if new != text:
            folders.write_text(target, new)
            written.append(target)
    return written
