"""The timing model, the times it writes (lessons, guide) and the answer key read from the lessons.

Expected minutes are worked out by hand in each test from the model's stated rates (150 words a
minute, half a minute per teaching cell, seven per code exercise, two per short answer).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kzsi_helpers.course import answer_key, guide_times, times, timing

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def words(n: int) -> str:
    return " ".join(["word"] * n)


def test_the_model_counts_reading_cells_and_exercises_at_the_stated_rates() -> None:
    nb = new_notebook(cells=[
        new_markdown_cell("# Title\n\n" + words(148)),  # 150 words: 1 minute
        new_code_cell("print(x)", outputs=[new_output("stream", name="stdout", text=words(75))]),
        new_code_cell("fig", outputs=[new_output("display_data", data={"image/png": "AAA",
                                                                       "text/plain": words(300)})]),
        new_code_cell("### BEGIN SOLUTION\nanswer = df[df['a'] == 1]\n### END SOLUTION"),
        new_code_cell("### BEGIN SOLUTION\nanswer = 'b'\n### END SOLUTION"),
        new_code_cell("ex.q1.check()", outputs=[new_output("stream", name="stdout", text=words(30))]),
        new_markdown_cell("## Sources\n\n" + words(1500)),
        new_code_cell("sources_section(events)"),
    ])
    result = timing.estimate(nb)
    # reading: 150 + 75 (printed) + 30 (the check's printed feedback); the chart's text is looked at
    assert result.reading_words == 255
    assert (result.cells, result.code_exercises, result.short_answers) == (2, 1, 1)
    assert result.minutes == pytest.approx(255 / 150 + 2 * 0.5 + 7 + 7)  # a short answer: 7 too
    assert result.stated == 17  # 16.7 rounded up
    assert list(result.sections) == ["(title)"]


def test_sections_add_up_to_the_lesson() -> None:
    nb = new_notebook(cells=[new_markdown_cell("# T"), new_markdown_cell("## 1. One\n\n" + words(297)),
                             new_code_cell("x = 1"), new_markdown_cell("## 2. Two"),
                             new_code_cell("### BEGIN SOLUTION\ny = x + 1\n### END SOLUTION")])
    result = timing.estimate(nb)
    assert result.sections["1. One"] == pytest.approx(300 / 150 + 0.5)  # "## 1. One" is 3 words
    assert result.sections["2. Two"] == pytest.approx(3 / 150 + 7)
    assert sum(result.sections.values()) == pytest.approx(result.minutes)


def lesson(folder: Path, name: str, body_words: int, stated: int) -> Path:
    nb = new_notebook(cells=[
        new_markdown_cell(f"# {name}\n\n## Learning objectives\n\n- one\n\n"
                          f"**Time to learn**: {stated} minutes\n\n{words(body_words)}"),
        new_code_cell("1 + 1")])
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def test_update_times_writes_the_models_time_and_check_reports_it(tmp_path: Path, capsys) -> None:
    path = lesson(tmp_path, "01-a", 1488, 30)  # 12 + 1488 words = 10 minutes, + 0.5 -> 11
    assert times.stale_times(tmp_path) == [(path, 30, 11)]
    args = argparse.Namespace(notebooks=tmp_path, sections=False, check=True)
    assert times.cli(args) == 1
    assert "01-a.ipynb: states 30 minutes, the model gives 11" in capsys.readouterr().out
    assert times.update_times(tmp_path) == [path]
    assert "**Time to learn**: 11 minutes" in nbformat.read(path, 4).cells[0].source
    assert times.update_times(tmp_path) == []
    assert times.cli(args) == 0


def test_timing_check_fails_a_lesson_over_a_period(tmp_path: Path, capsys) -> None:
    lesson(tmp_path, "01-long", 6988, 48)  # (12 + 6988) / 150 + 0.5 = 47.17 -> 48
    assert times.cli(argparse.Namespace(notebooks=tmp_path, sections=True, check=True)) == 1
    out = capsys.readouterr().out
    assert "01-long.ipynb: 47.2 minutes, over a 45-minute period" in out
    assert "NO" in out.splitlines()[1]


def course(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    lesson(folder, "01-a", 1488, 11)
    return folder


def test_the_guide_gets_the_models_times_between_markers_and_stays_put(tmp_path: Path) -> None:
    folder = course(tmp_path)
    guide = tmp_path / "docs" / "teachers-guide.md"
    guide.write_text(f"# Guide\n\nText.\n\n{guide_times.BEGIN}\nold\n{guide_times.END}\n\nMore.\n")
    page = tmp_path / "docs" / "guide" / "01-a.md"
    page.write_text("# Lesson 01\n\nA plan.\n")
    assert sorted(guide_times.update_guide(folder)) == sorted([guide, page])
    text = guide.read_text()
    assert text.startswith("# Guide\n\nText.\n\n") and text.endswith("\n\nMore.\n")
    assert "| 01 | 01-a | 11 | [01-a.md](guide/01-a.md) |" in text
    assert "In all 11 minutes by the model for 1 lessons, each within one 45-minute period." in text
    plan = page.read_text()
    assert plan.startswith(f"# Lesson 01\n\n{guide_times.BEGIN}\n")  # inserted after the title
    assert "| **the whole lesson** (stated in the lesson) | **11** |" in plan
    assert guide_times.update_guide(folder) == []


def test_a_lesson_over_a_period_is_named_in_the_guide(tmp_path: Path) -> None:
    folder = course(tmp_path)
    lesson(folder, "02-long", 6988, 48)
    assert "lessons 02 over a 45-minute period" in guide_times.lessons_block(folder)


def checked(source: str, text: str) -> nbformat.NotebookNode:
    return new_code_cell(source, outputs=[new_output("execute_result", data={"text/plain": text},
                                                      execution_count=1)], execution_count=1)


def test_the_answer_key_is_read_from_the_checks_of_the_teacher_edition(tmp_path: Path, capsys) -> None:
    folder = course(tmp_path)
    nbformat.write(new_notebook(cells=[
        new_markdown_cell("# Trade\n\n### Exercise 1: the balance"),
        checked("ex.q1.check()", "Correct: Right.\nYour answer: -1,234.5"),
        new_markdown_cell("### Exercise 2: discuss"),
        checked("ex.q2.check()", "Discussion question: There is no single right answer."),
    ]), folder / "02-trade.ipynb")
    key = answer_key.answer_key(folder)
    assert "## 02 Trade" in key
    assert "| Exercise 1: the balance | q1 | -1,234.5 |" in key
    assert "| Exercise 2: discuss | q2 | discussion: no single answer" in key
    args = argparse.Namespace(notebooks=folder, check=True)
    assert answer_key.cli(args) == 1  # not written yet
    assert answer_key.update_answer_key(folder) is True
    assert (tmp_path / "docs" / "answer-key.md").read_text() == key
    assert answer_key.update_answer_key(folder) is False
    assert answer_key.cli(args) == 0
    assert "up to date" in capsys.readouterr().out
def test_the_committed_answer_key_and_guide_times_match_the_lessons(tmp_path: Path) -> None:
    """Fails when a lesson changed and `python -m kzsi_helpers execute` was not run."""
    assert answer_key.cli(argparse.Namespace(notebooks=NOTEBOOKS, check=True)) == 0
    copy = tmp_path / "course"
    shutil.copytree(NOTEBOOKS, copy / "notebooks")
    shutil.copytree(ROOT / "docs", copy / "docs")
    assert guide_times.update_guide(copy / "notebooks") == []
    assert (copy / "docs" / "answer-key.md").read_text() == answer_key.answer_key(copy / "notebooks")
