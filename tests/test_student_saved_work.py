"""A rebuild of the student edition never deletes students' saved work without a word (issue 30)."""

from __future__ import annotations

import argparse
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from kzsi_helpers.publish.student import MARKER_FILE, MARKER_TEXT, build_student_edition, cli
from kzsi_helpers.publish.student_edition import StudentEditionError


@pytest.fixture()
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(new_notebook(cells=[new_code_cell("### BEGIN SOLUTION\nn = 2\n### END SOLUTION")]),
                   folder / "01-demo.ipynb")
    return folder


def test_an_answer_saved_in_the_edition_stops_the_rebuild_and_is_named(course: Path,
                                                                       tmp_path: Path) -> None:
    out = tmp_path / "student"
    build_student_edition(course, out)
    (out / "01-demo.ipynb").write_text((out / "01-demo.ipynb").read_text().replace(
        "# YOUR CODE HERE", "n = 2  # my answer"), encoding="utf-8")
    (out / "my-notes.ipynb").write_text("{}", encoding="utf-8")
    (out / ".ipynb_checkpoints").mkdir()
    (out / ".ipynb_checkpoints" / "01-demo-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(StudentEditionError, match=r"holds 2 file\(s\) .*01-demo\.ipynb \(changed\), "
                                                  r"my-notes\.ipynb \(new\)\. .*--force"):
        build_student_edition(course, out)
    assert "my answer" in (out / "01-demo.ipynb").read_text()  # nothing was touched
    assert (out / "my-notes.ipynb").is_file()


def test_force_discards_them_and_an_unchanged_edition_is_rebuilt_without_it(course: Path,
                                                                            tmp_path: Path,
                                                                            capsys) -> None:
    out = tmp_path / "student"
    args = argparse.Namespace(out=out, notebooks=course, handouts=False, force=False)
    assert cli(args) == 0
    assert cli(args) == 0  # nothing of the students' inside: rebuilt as before
    (out / "my-notes.ipynb").write_text("{}", encoding="utf-8")
    assert cli(args) == 1
    err = capsys.readouterr().err
    assert "my-notes.ipynb (new)" in err and "Traceback" not in err
    args.force = True
    assert cli(args) == 0
    assert not (out / "my-notes.ipynb").exists()


def test_an_edition_built_before_files_were_recorded_still_protects_new_notebooks(
        course: Path, tmp_path: Path) -> None:
    out = tmp_path / "student"
    build_student_edition(course, out)
    (out / MARKER_FILE).write_text(MARKER_TEXT, encoding="utf-8")  # as older versions wrote it
    (out / "01-demo-Copy1.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(StudentEditionError, match=r"01-demo-Copy1\.ipynb \(new\)"):
        build_student_edition(course, out)
    (out / "01-demo-Copy1.ipynb").unlink()
    build_student_edition(course, out)  # a lesson's own notebook is not flagged
