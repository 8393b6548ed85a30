"""Issue 14: files written whole or not at all, builds one at a time, leftovers tidied, errors told.

Faults are injected: a disk that fills up half-way through a write, a process killed between the
two renames of a folder swap, a second build while one runs, a folder that cannot be written.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kzsi_helpers.course import execute, folders, lessons, paths, toc
from kzsi_helpers.publish import pages, site, student, student_edition

ROOT = paths.course_root()


def lesson(title: str, code: str = "x = 1", outputs: list | None = None) -> nbformat.NotebookNode:
    return new_notebook(cells=[
        new_markdown_cell(f"# {title}\n\n## Learning objectives\n\n- one thing\n\n"
                          "**Time to learn**: 10 minutes"),
        new_code_cell(code, outputs=outputs or [], execution_count=1 if outputs else None),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                "language": "python"}})


@pytest.fixture()
def course(tmp_path: Path) -> Path:
    """A small lessons folder: lesson 00 with a stale table, and lesson 01."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Start"),
                                       new_markdown_cell(f"{toc.BEGIN}\nstale\n{toc.END}")]),
                   folder / lessons.START_HERE)
    nbformat.write(lesson("One"), folder / "01-one.ipynb")
    return folder


class FullDisk:
    """A file object that writes the first half of what it is given, then the disk is full."""

    def __init__(self, real, written: list[int]) -> None:
        self.real, self.written = real, written

    def write(self, text: str) -> int:
        self.real.write(text[: len(text) // 2])
        self.written.append(len(text) // 2)
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.real.close()


def test_full_disk_mid_write_leaves_the_lesson_whole(course: Path, monkeypatch, capsys) -> None:
    path = course / lessons.START_HERE
    before = path.read_bytes()
    written: list[int] = []
    real_fdopen = os.fdopen
    monkeypatch.setattr(folders.os, "fdopen", lambda *a, **k: FullDisk(real_fdopen(*a, **k), written))
    with pytest.raises(OSError, match="No space left"):
        toc.update(course)
    assert written and written[0] > 0, "the fault must come mid-write, after some bytes"
    assert path.read_bytes() == before
    nbformat.validate(nbformat.read(path, as_version=4))
    assert sorted(p.name for p in course.iterdir()) == [lessons.START_HERE, "01-one.ipynb"]
    # the command says what could not be written, without a traceback
    assert toc.cli(argparse.Namespace(notebooks=course, check=False)) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    monkeypatch.undo()
    assert toc.update(course) is True and "| 01 | [One]" in path.read_text(encoding="utf-8")


def test_written_file_keeps_its_mode_and_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    folders.write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


ERROR = new_output("error", ename="ZeroDivisionError", evalue="division by zero",
                   traceback=["Traceback ...", "ZeroDivisionError: division by zero"])


def test_site_and_student_edition_refuse_a_stored_traceback(course: Path, tmp_path: Path,
                                                           capsys) -> None:
    nbformat.write(lesson("Two", "1 / 0", outputs=[ERROR]), course / "02-two.ipynb")
    pattern = r"02-two\.ipynb, cell 2 \(id [\w-]+\): stores an error output \(ZeroDivisionError"
    with pytest.raises(student_edition.StudentEditionError, match=pattern):
        student.build_student_edition(course, tmp_path / "student")
    with pytest.raises(pages.SiteError, match=pattern):
        site.build_site(tmp_path / "site", notebooks=course)
    assert site.cli(argparse.Namespace(out=tmp_path / "site", notebooks=course, student=False)) == 1
    assert "02-two.ipynb, cell 2" in capsys.readouterr().err
    assert not (tmp_path / "site").exists() and not (tmp_path / "student").exists()


def test_execute_names_the_failing_lesson_and_cell_and_goes_on(course: Path, capsys) -> None:
    nbformat.write(lesson("Bad", "total = 1\ntotal / 0"), course / "01-one.ipynb")
    nbformat.write(lesson("Good", "print(6 * 7)"), course / "02-good.ipynb")
    before = (course / "01-one.ipynb").read_bytes()
    status = execute.cli(argparse.Namespace(paths=[course / "01-one.ipynb", course / "02-good.ipynb"]))
    captured = capsys.readouterr()
    assert status == 1
    assert "01-one.ipynb, cell 2" in captured.err and "`total = 1`" in captured.err
    assert "ZeroDivisionError: division by zero" in captured.err
    assert "1 of 2 lessons failed: 01-one.ipynb" in captured.err
    assert "Traceback" not in captured.err and len(captured.err.splitlines()) <= 6
    assert (course / "01-one.ipynb").read_bytes() == before  # not saved half-run
    good = nbformat.read(course / "02-good.ipynb", as_version=4)
    assert good.cells[1].outputs[0]["text"] == "42\n"  # the other lesson still ran


def test_second_build_of_the_same_folder_is_told(course: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "student"
    with folders._lock(out):
        with pytest.raises(folders.BuildError, match=r"another build of this folder is running "
                                                     rf"\(pid {os.getpid()}\)"):
            student.build_student_edition(course, out)
        assert student.cli(argparse.Namespace(out=out, notebooks=course, handouts=False)) == 1
        assert "another build" in capsys.readouterr().err
    assert not out.exists()
    student.build_student_edition(course, out)  # the lock is free again
    assert (out / "01-one.ipynb").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "student"]


def test_unwritable_output_folder_says_what_and_why(course: Path, tmp_path: Path, monkeypatch,
                                                   capsys) -> None:
    parent = tmp_path / "read-only"
    parent.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: refuse the way a read-only folder would
        def denied(file, *args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))

        monkeypatch.setattr(folders, "open", denied, raising=False)
    else:
        parent.chmod(0o555)
    try:
        assert student.cli(argparse.Namespace(out=parent / "student", notebooks=course,
                                              handouts=False)) == 1
        assert site.cli(argparse.Namespace(out=parent / "site", notebooks=course,
                                           student=False)) == 1
    finally:
        parent.chmod(0o755)
    err = capsys.readouterr().err
    assert err.count("could not write") == 2 and err.count("Permission denied") == 2
    assert str(parent) in err and "Traceback" not in err


KILL_SCRIPT = """
import sys
from kzsi_helpers.publish.student import build_student_edition
build_student_edition(sys.argv[1], sys.argv[2])
"""


def test_build_killed_between_the_renames_is_restored_by_the_next_run(course: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "student"
    student.build_student_edition(course, out)
    old = (out / "01-one.ipynb").read_bytes()
    nbformat.write(lesson("One, revised"), course / "01-one.ipynb")
    env = dict(os.environ, PYTHONPATH=str(ROOT), **{folders.KILL_AT: "between-renames"})
    killed = subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(course), str(out)], env=env,
                            capture_output=True, check=False)
    assert killed.returncode == -signal.SIGKILL
    leftovers = sorted(p.name.rsplit("-", 1)[0] for p in tmp_path.iterdir() if p.name != "notebooks")
    # killed at the chosen step: the new edition built, the old one moved aside, the lock's file
    # left (the operating system released the lock itself)
    assert leftovers == [".student-building", ".student-old", ".student.lock"]
    assert not out.exists()
    # the next run first puts the old edition back, so the output is never missing for good
    folders.recover(out)
    assert (out / "01-one.ipynb").read_bytes() == old
    assert not list(tmp_path.glob(".student-*"))
    student.build_student_edition(course, out)
    assert "One, revised" in (out / "01-one.ipynb").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "student"]


def test_leftovers_of_a_killed_build_are_cleaned_by_the_next_build(course: Path,
                                                                  tmp_path: Path) -> None:
    for name in (".site-building-abc", ".student-new-xyz", ".student-building-q"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "half.html").write_text("half", encoding="utf-8")
    student.build_student_edition(course, tmp_path / "student")
    site.build_site(tmp_path / "site", notebooks=course)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "site", "student"]


def test_gitignore_covers_the_leftovers() -> None:
    names = [".site-building-abc1/", ".student-new-x/", ".site-old-123/", ".site.lock",
             ".00-start-here.ipynb-ab12.tmp"]
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("no git checkout")
    result = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert sorted(result.stdout.split()) == sorted(names)


def test_a_cell_that_runs_too_long_is_named_with_its_seconds(course: Path, capsys) -> None:
    """Issue 30: it ended with 'could not write a file' after a fixed 300 s (a TimeoutError is an
    OSError); --timeout sets the seconds, and the lesson is left as it was."""
    nbformat.write(lesson("Slow", "import time\ntime.sleep(60)"), course / "01-one.ipynb")
    before = (course / "01-one.ipynb").read_bytes()
    status = execute.cli(argparse.Namespace(paths=[course / "01-one.ipynb"], timeout=2))
    err = capsys.readouterr().err
    assert status == 1
    assert "01-one.ipynb, cell 2 (id " in err and "which starts `import time`" in err
    assert "did not finish in 2 seconds" in err and "--timeout SECONDS" in err
    assert "could not write" not in err and "Traceback" not in err
    assert (course / "01-one.ipynb").read_bytes() == before
    assert execute.cli(argparse.Namespace(paths=[course / "01-one.ipynb"], timeout=0)) == 1
    assert "--timeout 0" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["cut off", "source not text"])
def test_a_broken_lesson_is_named_by_student_and_execute(course: Path, tmp_path: Path, capsys,
                                                         damage: str) -> None:
    """Issue 30: a lesson cut off mid-file, or a cell whose source is a number, gave a traceback in
    student and execute (site and toc already explained them)."""
    path = course / "01-one.ipynb"
    text = path.read_text(encoding="utf-8")
    if damage == "cut off":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    else:
        nb = json.loads(text)
        nb["cells"][1]["source"] = 42
        path.write_text(json.dumps(nb), encoding="utf-8")
    before = path.read_bytes()
    assert student.cli(argparse.Namespace(out=tmp_path / "student", notebooks=course,
                                          handouts=False, force=False)) == 1
    assert execute.cli(argparse.Namespace(paths=[path], timeout=None)) == 1
    err = capsys.readouterr().err
    assert err.count("01-one.ipynb: not a readable notebook") == 2 and "Traceback" not in err
    assert path.read_bytes() == before
