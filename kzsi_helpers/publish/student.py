"""The student edition of the lessons: worked answers replaced by stubs, solutions removed.

The committed lessons in ``notebooks/`` are the teacher edition. This module derives the student
edition from them, the way nbgrader does (the steps are the preprocessors of
:mod:`kzsi_helpers.publish.student_edition`; a lesson that stores an error output is refused):

* in a code cell, every block between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes
  ``# YOUR CODE HERE`` and ``raise NotImplementedError()`` (same indentation, the lines around the
  block kept); the cell's outputs are cleared and it is tagged ``raises-exception``, so running
  the whole notebook does not stop there. In a markdown cell such a block becomes
  ``YOUR ANSWER HERE``;
* cells tagged ``solution`` (worked answers of discussion questions, ``ex.q1.solution()`` calls)
  are removed;
* the outputs of the cells that call ``.check()``, ``.hint()`` or ``.solution()`` are cleared
  (they showed *Correct*, or hints the student has not asked for yet);
* everything else (narrative, charts, maps, tables) is kept as it is.

:func:`build_student_edition` writes the edition of every lesson to a folder, whole or not at all,
optionally with print-ready HTML handouts (and PDFs where a Chromium is installed). Each translated
language whose lessons are in ``notebooks/<lang>/`` gets the same edition in ``<out>/<lang>/``
(handouts in ``<out>/<lang>/handouts/``), in the same build: a lesson in ``student/sl/`` runs in a
kernel whose working folder is ``sl``, so its checks answer in Slovenian, and the words the edition
writes (``# YOUR CODE HERE``, the handouts' own) are in the lesson's language.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

import nbformat

from kzsi_helpers.course import lessons, paths
from kzsi_helpers.course.folders import build_folder
from kzsi_helpers.i18n.language import SOURCE, TRANSLATED
from kzsi_helpers.publish.handouts import write_handouts
from kzsi_helpers.publish.student_edition import (
    StudentEditionError,
    student_notebook,
)

__all__ = ["build_student_edition", "cli", "language_folders", "students_files"]


#: File that marks a folder as a student edition built here (so a rebuild may replace it).
MARKER_FILE = ".kzsi-student-edition"
MARKER_TEXT = ("Student edition of the kzsi lessons, built by `python -m kzsi_helpers student`.\n"
               "Do not edit: it is rebuilt from notebooks/ and replaced as a whole.\n")



MANIFEST_LINE = "Files written (sha256):"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(folder: Path) -> str:
    """Write the marker's text: what the edition is, and every file written with its sha256."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MARKER_FILE)
    lines = [f"{_digest(p)}  {p.relative_to(folder).as_posix()}" for p in files]
    return MARKER_TEXT + MANIFEST_LINE + "\n" + "\n".join(lines) + "\n"


def students_files(out: Path, lessons_built: Iterable[str] = ()) -> list[str]:
    """Files in a built student edition that the build did not write, or that changed since.

    Students who work inside ``student/`` (one shared computer, say) save their answers there;
    a rebuild must not delete them without a word. Checkpoint copies (``.ipynb_checkpoints``)
    follow their notebooks and are not listed on their own.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = Path(tmp)
    ...     _ = (folder / "01-a.ipynb").write_text("{}")
    ...     _ = (folder / MARKER_FILE).write_text(_manifest(folder))
    ...     _ = (folder / "01-a.ipynb").write_text('{"answer": 42}')
    ...     _ = (folder / "my-notes.ipynb").write_text("{}")
    ...     students_files(folder)
    ['01-a.ipynb (changed)', 'my-notes.ipynb (new)']
    """
    text = (out / MARKER_FILE).read_text(encoding="utf-8", errors="replace")
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != MARKER_FILE
                   and ".ipynb_checkpoints" not in p.parts)
    if MANIFEST_LINE not in text:
        # built before the files were recorded: only notebooks that are no lesson can be told apart
        known = set(lessons_built)
        return [f"{p.relative_to(out).as_posix()} (new)" for p in files
                if p.suffix == ".ipynb" and (p.parent != out or p.name not in known)]
    recorded: dict[str, str] = {}
    for line in text.split(MANIFEST_LINE, 1)[1].splitlines():
        digest, _, name = line.partition("  ")
        if name:
            recorded[name] = digest
    found = []
    for path in files:
        name = path.relative_to(out).as_posix()
        if name not in recorded:
            found.append(f"{name} (new)")
        elif _digest(path) != recorded[name]:
            found.append(f"{name} (changed)")
    return found


def _check_target(notebooks_dir: Path, out_dir: Path, force: bool = False,
                  lessons_built: Iterable[str] = ()) -> None:
    nbs, out = notebooks_dir.resolve(), out_dir.resolve()
    if out == nbs or nbs in out.parents or out in nbs.parents:
        raise StudentEditionError(f"The output folder {out_dir} would overlap the lessons folder "
                                  f"{notebooks_dir}: choose another --out (e.g. student/).")
    if out.exists() and (not out.is_dir() or (any(out.iterdir())
                                              and not (out / MARKER_FILE).is_file())):
        raise StudentEditionError(f"{out_dir} exists and is not a student edition built by this "
                                  "command: choose an empty or new folder for --out.")
    if out.is_dir() and (out / MARKER_FILE).is_file() and not force:
        saved = students_files(out, lessons_built)
        if saved:
            shown = ", ".join(saved[:5]) + (f" and {len(saved) - 5} more" if len(saved) > 5 else "")
            raise StudentEditionError(
                f"{out_dir} holds {len(saved)} file(s) that the last build did not write or that "
                f"changed since: {shown}. They may be students' work: move them out of {out_dir} "
                "to keep them, or build again with --force to discard them.")


def language_folders(notebooks_dir: str | Path) -> list[tuple[str, Path]]:
    """List the translated languages whose lessons are in ``notebooks_dir/<lang>/``, with that folder.

    Examples
    --------
    >>> [code for code, folder in language_folders(paths.notebooks_dir())]
    ['sl', 'kk', 'ru']
    """
    folder = Path(notebooks_dir)
    return [(code, folder / code) for code in TRANSLATED
            if (folder / code).is_dir() and lessons.lesson_paths(folder / code)]


def _copy_assets(notebooks_dir: Path, target: Path, lessons: Iterable[Path],
                 skip_folders: Iterable[str] = ()) -> None:
    """Copy what the lessons may refer to (images, small files), not other notebooks.

    ``skip_folders`` are left out too (the language folders, which get editions of their own).
    """
    skip = {p.name for p in lessons} | set(skip_folders)
    for item in sorted(notebooks_dir.iterdir()):
        if item.name in skip or item.name.startswith(".") or item.name == "__pycache__":
            continue
        if item.suffix == ".ipynb":
            continue
        if item.is_dir():
            shutil.copytree(item, target / item.name,
                            ignore=shutil.ignore_patterns(".*", "__pycache__", "*.ipynb"))
        elif item.is_file():
            shutil.copy2(item, target / item.name)


def _read_lesson(path: Path, name: str | None = None) -> nbformat.NotebookNode:
    """Read a lesson, or say which file is not a readable notebook (cut off, or not valid)."""
    name = name or path.name
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # JSON and schema errors: name the file, say what to do
        reason = str(exc).strip().splitlines()[0][:200]
        raise StudentEditionError(
            f"{name}: not a readable notebook ({reason}); restore it from git or re-save it "
            "in JupyterLab") from exc
    return nb


def build_student_edition(notebooks_dir: str | Path, out_dir: str | Path,
                          handouts: bool = False, force: bool = False) -> list[Path]:
    r"""Write the student edition of every lesson to ``out_dir`` (and optionally handouts).

    The folder is built in a temporary sibling and moved into place at the end, so it is written
    whole or not at all; ``notebooks_dir`` is only read. Building twice gives identical files.

    Parameters
    ----------
    notebooks_dir : str or path
        The lessons (teacher edition), ``NN-*.ipynb``; a translated language's lessons in
        ``<lang>/NN-*.ipynb`` there get their edition in ``out_dir/<lang>/``.
    out_dir : str or path
        Where the student edition goes (replaced if it is an earlier student edition).
    handouts : bool, optional
        Also write ``handouts/NN-*.html`` (print-ready) and, where a Chromium is installed,
        ``handouts/NN-*.pdf``; for a translated language, ``<lang>/handouts/``.
    force : bool, optional
        Replace an earlier edition even if it holds files the build did not write or that changed
        since (students' work, say); without it such a folder is refused and the files named.

    Returns
    -------
    list of pathlib.Path
        The notebooks and handouts written, in ``out_dir`` (English first, then each language).

    Raises
    ------
    StudentEditionError
        If there are no lessons, a lesson's markers are unbalanced, or ``out_dir`` is unsafe
        (overlaps the lessons, is a folder this command did not make, or holds files it did not
        write).

    Examples
    --------
    >>> import tempfile
    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = Path(tmp) / "notebooks"
    ...     folder.mkdir()
    ...     nbformat.write(new_notebook(cells=[new_code_cell(
    ...         "### BEGIN SOLUTION\nn = 2\n### END SOLUTION")]), folder / "01-demo.ipynb")
    ...     written = build_student_edition(folder, Path(tmp) / "student")
    ...     [p.name for p in written], "NotImplementedError" in written[0].read_text()
    (['01-demo.ipynb'], True)
    """
    # the real folder: a relative --out works like an absolute one, and a symbolic link to the
    # edition stays a link to the rebuilt folder
    notebooks_dir, out_dir = Path(notebooks_dir), Path(out_dir).resolve()
    lesson_files = lessons.lesson_paths(notebooks_dir)
    if not lesson_files:
        raise StudentEditionError(f"No lessons (NN-*.ipynb) in {notebooks_dir}.")
    _check_target(notebooks_dir, out_dir, force, [p.name for p in lesson_files])
    translated = language_folders(notebooks_dir)
    # (language, lessons folder, folder in the edition, [(lesson, its teacher edition)])
    sources = [(SOURCE, notebooks_dir, Path(), _read_lessons(lesson_files, Path()))]
    sources += [(code, folder, Path(code), _read_lessons(lessons.lesson_paths(folder), Path(code)))
                for code, folder in translated]
    written: list[Path] = []
    with build_folder(out_dir, MARKER_FILE, _manifest) as tmp:
        for language, folder, sub, teacher in sources:
            target = tmp / sub
            target.mkdir(exist_ok=True)
            editions = []
            for path, nb in teacher:
                name = (sub / path.name).as_posix()
                student = student_notebook(nb, name=name, language=language)
                nbformat.validate(student)
                nbformat.write(student, target / path.name)
                written.append(sub / path.name)
                editions.append((path, student))
            _copy_assets(folder, target, [p for p, _nb in teacher],
                         skip_folders=[code for code, _f in translated] if sub == Path() else ())
            if handouts:
                written += [p.relative_to(tmp) for p in
                            write_handouts(editions, target / "handouts", resources_dir=folder,
                                           language=language)]
    return [out_dir / rel for rel in written]


def _read_lessons(files: Iterable[Path],
                  sub: Path) -> list[tuple[Path, nbformat.NotebookNode]]:
    """Read the lessons of one language and refuse any that stores an error output."""
    teacher = []
    for path in files:
        name = (sub / path.name).as_posix()
        nb = _read_lesson(path, name)
        try:
            lessons.check_no_errors(nb, name)  # never hand out a lesson with a traceback
        except lessons.LessonError as exc:
            raise StudentEditionError(str(exc)) from exc
        teacher.append((path, nb))
    return teacher


def cli(args: argparse.Namespace) -> int:
    """Entry point of ``python -m kzsi_helpers student [--out DIR] [--handouts]``.

    Parameters
    ----------
    args : argparse.Namespace
        ``out`` (folder), ``notebooks`` (lessons folder), ``handouts`` (bool).

    Returns
    -------
    int
        0 on success, 1 if the edition could not be built (the reason is printed).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:  # doctest: +ELLIPSIS
    ...     cli(argparse.Namespace(out=Path(tmp) / "student", notebooks=None, handouts=False))
    student edition: 10 notebooks in /.../student
    student edition (sl): 10 notebooks in /.../student/sl
    student edition (kk): 10 notebooks in /.../student/kk
    student edition (ru): 10 notebooks in /.../student/ru
    0
    """
    try:
        notebooks = args.notebooks if args.notebooks is not None else paths.notebooks_dir()
        out = args.out if args.out is not None else paths.output_dir("student")
        written = build_student_edition(notebooks, out, handouts=args.handouts,
                                        force=getattr(args, "force", False))
    except (StudentEditionError, RuntimeError, FileNotFoundError) as exc:
        print(f"student edition not built: {exc}", file=sys.stderr)
        return 1
    args.out = out
    root = Path(out).resolve()
    for code in [SOURCE, *TRANSLATED]:
        folder = root if code == SOURCE else root / code
        mine = [p for p in written if p.parent in (folder, folder / "handouts")]
        notebooks = [p for p in mine if p.suffix == ".ipynb"]
        if not notebooks:
            continue
        where = Path(args.out) if code == SOURCE else Path(args.out) / code
        # the code only: under LC_ALL=C a language's own name (slovenščina) cannot be printed
        label = "" if code == SOURCE else f" ({code})"
        print(f"student edition{label}: {len(notebooks)} notebooks in {where}")
        pages = [p for p in mine if p.suffix in (".html", ".pdf")]
        if args.handouts:
            kinds = sorted({p.suffix[1:].upper() for p in pages})
            print(f"handouts{label}: {len(pages)} files ({', '.join(kinds) or 'none'}) in "
                  f"{where / 'handouts'}")
    if args.handouts and ".pdf" not in {p.suffix for p in written}:
        print("no Chromium found: print the HTML handouts from a browser (File > Print)")
    return 0
