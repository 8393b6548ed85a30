"""--out may be relative, absolute or a symbolic link, with the same result (issue 30, item 4)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kzsi_helpers.publish import student


@pytest.fixture()
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Demo\n\n## Exercises"),
                                       new_code_cell("### BEGIN SOLUTION\nn = 2\n### END SOLUTION")]),
                   folder / "01-demo.ipynb")
    return folder


def names(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and p.suffix != ".pdf")


def test_a_relative_out_with_handouts_builds_the_same_edition(course: Path, tmp_path: Path,
                                                              monkeypatch, capsys) -> None:
    # student --handouts --out RELATIVE built everything, then failed with a ValueError
    monkeypatch.setenv("KZSI_CHROMIUM", str(tmp_path / "no-chromium"))  # HTML handouts only
    monkeypatch.chdir(tmp_path)
    args = argparse.Namespace(out=Path("class"), notebooks=course, handouts=True, force=False)
    assert student.cli(args) == 0, capsys.readouterr().err
    absolute = argparse.Namespace(out=tmp_path / "absolute", notebooks=course, handouts=True,
                                  force=False)
    assert student.cli(absolute) == 0
    assert names(tmp_path / "class") == names(tmp_path / "absolute")
    assert "handouts/01-demo.html" in names(tmp_path / "class")


def test_a_link_to_the_edition_stays_a_link_and_leaves_nothing_behind(course: Path,
                                                                      tmp_path: Path) -> None:
    real = tmp_path / "real"
    student.build_student_edition(course, real)
    link = tmp_path / "link"
    link.symlink_to(real)
    for _ in range(2):
        student.build_student_edition(course, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert names(real) == [".kzsi-student-edition", "01-demo.ipynb"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "notebooks", "real"]
