"""The generated table of lessons in 00-start-here.ipynb."""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from kzsi_helpers.course import lessons, toc

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def lesson(folder: Path, name: str, source: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(source),
                                         nbformat.v4.new_code_cell("1 + 1")])
    path = folder / name
    nbformat.write(nb, path)
    return path


GOOD = """# A fixture lesson

Some description.

## Learning objectives

- read a table of trade
- compare two
  series (a bullet on two lines)

## Prerequisites

| a | b |
|---|---|
| - not a bullet | x |

**Time to learn**: 25 minutes
"""


def start_here(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Start here"),
        nbformat.v4.new_markdown_cell(f"{toc.BEGIN}\nstale\n{toc.END}"),
        nbformat.v4.new_markdown_cell("## After the table"),
    ])
    path = folder / lessons.START_HERE
    nbformat.write(nb, path)
    return path


def test_committed_table_matches_the_lessons() -> None:
    """Fails when a lesson's title, objectives or time changed and toc was not re-run."""
    assert (NOTEBOOKS / lessons.START_HERE).is_file()
    assert toc.generated_cell(NOTEBOOKS) == toc.lessons_table(NOTEBOOKS), (
        "the table of lessons in 00-start-here.ipynb is stale: run `python -m kzsi_helpers toc`"
    )


def test_committed_table_links_every_lesson() -> None:
    cell = toc.generated_cell(NOTEBOOKS)
    for path in toc.lesson_paths(NOTEBOOKS):
        assert f"]({path.name})" in cell
        nb = nbformat.read(path, as_version=4)
        title = re.search(r"^# (.+)$", nb.cells[0].source, re.MULTILINE).group(1).strip()
        assert title in cell


def test_lesson_info_reads_the_skeleton(tmp_path: Path) -> None:
    info = toc.lesson_info(lesson(tmp_path, "07-fixture.ipynb", GOOD))
    assert info["number"] == "07"
    assert info["title"] == "A fixture lesson"
    assert info["objectives"] == ["read a table of trade", "compare two series (a bullet on two lines)"]
    assert info["minutes"] == 25


def test_objectives_may_continue_in_the_next_cell(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Split\n\n## Learning objectives\n\n- first"),
        nbformat.v4.new_markdown_cell("- second\n\n## Prerequisites\n\n**Time to learn**: 5 minutes"),
    ])
    nbformat.write(nb, tmp_path / "01-split.ipynb")
    assert toc.lesson_info(tmp_path / "01-split.ipynb")["objectives"] == ["first", "second"]


@pytest.mark.parametrize(
    ("broken", "words"),
    [
        (GOOD.replace("# A fixture lesson", "A fixture lesson"), "title"),
        (GOOD.replace("- read a table of trade\n- compare two\n  series (a bullet on two lines)",
                      "Nothing here."), "learning objectives"),
        (GOOD.replace("## Learning objectives", "## Goals"), "learning objectives"),
        (GOOD.replace("**Time to learn**: 25 minutes", ""), "time to learn"),
    ],
)
def test_missing_parts_name_the_notebook(tmp_path: Path, broken: str, words: str) -> None:
    lesson(tmp_path, "05-broken-lesson.ipynb", broken)
    with pytest.raises(toc.TocError, match="05-broken-lesson.ipynb") as err:
        toc.lessons_table(tmp_path)
    assert words in str(err.value).lower()


def test_update_rewrites_only_the_marked_cell_and_is_idempotent(tmp_path: Path) -> None:
    """The lessons' times are the timing model's (words / 150 + half a minute for the one code
    cell, rounded up), worked out here from the fixtures' text, whatever the lesson typed."""
    path = start_here(tmp_path)
    first = GOOD + "\n" + "word " * 3400  # (45 + 3400) / 150 + 0.5 = 23.47 -> 24 minutes
    second = GOOD.replace("A fixture lesson", "Second") + "\n" + "word " * 5200
    # (43 + 5200) / 150 + 0.5 = 35.45 -> 36 minutes
    assert (len(first.split()), len(second.split())) == (3445, 5243)
    lesson(tmp_path, "01-first.ipynb", first)
    lesson(tmp_path, "02-second.ipynb", second)
    before = nbformat.read(path, as_version=4)
    assert toc.update(tmp_path) is True
    after = nbformat.read(path, as_version=4)
    assert [c.source for i, c in enumerate(after.cells) if i != 1] == \
        [c.source for i, c in enumerate(before.cells) if i != 1]
    cell = after.cells[1]
    assert toc.TAG in cell.metadata["tags"]
    assert "[A fixture lesson](01-first.ipynb)" in cell.source
    assert "[Second](02-second.ipynb)" in cell.source
    assert "| 24 minutes |" in cell.source and "| 36 minutes |" in cell.source
    assert "60 minutes" in cell.source  # 24 + 36, the total
    for name, minutes in [("01-first.ipynb", 24), ("02-second.ipynb", 36)]:
        assert f"**Time to learn**: {minutes} minutes" in nbformat.read(tmp_path / name, 4).cells[0].source
    assert "00-start-here" not in cell.source
    content = path.read_bytes()
    assert toc.update(tmp_path) is False
    assert path.read_bytes() == content


def test_update_without_marked_cell_is_an_error(tmp_path: Path) -> None:
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# x")]),
                   tmp_path / lessons.START_HERE)
    with pytest.raises(toc.TocError, match="generated-toc"):
        toc.update(tmp_path)


def test_cli_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    start_here(tmp_path)
    lesson(tmp_path, "01-first.ipynb", GOOD)
    args = argparse.Namespace(notebooks=tmp_path, check=True)
    assert toc.cli(args) == 1  # the lesson states 25 minutes; the model gives 1 (45 words, 1 cell)
    assert "01-first.ipynb: states 25 minutes, the timing model gives 1" in capsys.readouterr().out
    assert toc.cli(argparse.Namespace(notebooks=tmp_path, check=False)) == 0
    assert "**Time to learn**: 1 minutes" in nbformat.read(tmp_path / "01-first.ipynb", 4).cells[0].source
    lesson(tmp_path, "02-second.ipynb", GOOD.replace("25 minutes", "1 minutes"))
    assert toc.cli(args) == 1
    assert "the table of lessons is out of date" in capsys.readouterr().out
    assert toc.cli(argparse.Namespace(notebooks=tmp_path, check=False)) == 0
    assert toc.cli(args) == 0


def test_real_lessons_regenerate_in_a_copy(tmp_path: Path) -> None:
    """Running the tool on a copy of the course's lessons changes nothing (idempotence)."""
    for path in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"):
        shutil.copy(path, tmp_path / path.name)
    content = (tmp_path / lessons.START_HERE).read_bytes()
    assert toc.update(tmp_path) is False
    assert (tmp_path / lessons.START_HERE).read_bytes() == content
