"""The set-up command trusts the lessons, so JupyterLab shows their saved maps."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary

from kzsi_helpers.cli import main
from kzsi_helpers.course.launch import trust_notebooks

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def test_trust_marks_every_lesson_trusted(tmp_path: Path) -> None:
    for path in NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(path, tmp_path / path.name)
    notary = NotebookNotary(db_file=str(tmp_path / "signatures.db"), secret=b"test-secret")
    copies = sorted(tmp_path.glob("*.ipynb"))
    assert copies, "no lessons found"
    assert not any(notary.check_signature(nbformat.read(p, as_version=4)) for p in copies)
    trusted = trust_notebooks(tmp_path, notary=notary)
    assert trusted == copies
    assert all(notary.check_signature(nbformat.read(p, as_version=4)) for p in copies)


def test_lab_command_is_wired() -> None:
    import pytest

    with pytest.raises(SystemExit) as info:
        main(["lab", "--help"])
    assert info.value.code == 0 or info.value.code is None


def test_lab_turns_the_news_prompt_off_by_a_setting_jupyterlab_accepts() -> None:
    from jupyterlab.labapp import LabApp

    from kzsi_helpers.course.launch import LAB_SETTINGS, lab_command

    command = lab_command(Path("notebooks"), ["--no-browser"])
    assert command[-1] == "--no-browser" and set(LAB_SETTINGS) <= set(command)
    app = LabApp()
    app.parse_command_line(list(LAB_SETTINGS))  # a setting JupyterLab itself parses, no patch
    assert app.news_url is None


def test_lab_trusts_the_student_edition_too_once_built(tmp_path: Path) -> None:
    from kzsi_helpers.course.launch import lesson_folders

    (tmp_path / "notebooks").mkdir()
    assert lesson_folders(tmp_path / "notebooks") == [tmp_path / "notebooks"]
    (tmp_path / "student").mkdir()
    assert lesson_folders(tmp_path / "notebooks") == [tmp_path / "notebooks", tmp_path / "student"]
