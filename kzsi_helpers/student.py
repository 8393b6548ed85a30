"""The student edition of the lessons: worked answers replaced by stubs, solutions removed.

The committed lessons in ``notebooks/`` are the teacher edition. This module derives the student
edition from them, the way nbgrader does:

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
optionally with print-ready HTML handouts (and PDFs where a Chromium is installed).
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import nbformat

from kzsi_helpers.folders import replace_folder
from kzsi_helpers.handouts import handout_html, write_handouts
from kzsi_helpers.pdf import find_chromium, html_to_pdf

__all__ = [
    "StudentEditionError",
    "stub_solutions",
    "student_notebook",
    "handout_html",
    "find_chromium",
    "html_to_pdf",
    "build_student_edition",
    "cli",
]

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
MARKDOWN_STUB = "YOUR ANSWER HERE"
SOLUTION_TAG = "solution"
RAISES_TAG = "raises-exception"
#: File that marks a folder as a student edition built here (so a rebuild may replace it).
MARKER_FILE = ".kzsi-student-edition"

# A marker line: "### BEGIN SOLUTION" (any number of #, any case, surrounding spaces allowed),
# so that a slightly mistyped marker is still recognised and never leaks a solution.
_BEGIN = re.compile(r"^\s*#+\s*BEGIN\s+SOLUTION\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*#+\s*END\s+SOLUTION\s*$", re.IGNORECASE)
_EXERCISE_CALL = re.compile(r"\.\s*(check|hint|solution)\s*\(")


class StudentEditionError(ValueError):
    """A lesson cannot be turned into its student edition (e.g. unbalanced solution markers).

    Examples
    --------
    >>> isinstance(StudentEditionError("x"), ValueError)
    True
    """


def stub_solutions(source: str, *, markdown: bool = False, where: str = "cell") -> tuple[str, int]:
    r"""Replace every ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` block in one cell's source.

    Parameters
    ----------
    source : str
        The cell's source.
    markdown : bool, optional
        Replace with ``YOUR ANSWER HERE`` (markdown) instead of the code stub.
    where : str, optional
        Names the cell in error messages (e.g. ``"01-lesson.ipynb, cell 12"``).

    Returns
    -------
    tuple of (str, int)
        The new source and how many blocks were replaced.

    Raises
    ------
    StudentEditionError
        If a ``BEGIN`` has no ``END``, an ``END`` has no ``BEGIN``, or blocks are nested.

    Examples
    --------
    >>> src = "for x in range(3):\n    ### BEGIN SOLUTION\n    total = x\n    ### END SOLUTION"
    >>> print(stub_solutions(src)[0])
    for x in range(3):
        # YOUR CODE HERE
        raise NotImplementedError()
    >>> stub_solutions("### END SOLUTION", where="demo, cell 1")
    Traceback (most recent call last):
    ...
    kzsi_helpers.student.StudentEditionError: demo, cell 1: line 1 has '### END SOLUTION' without a '### BEGIN SOLUTION' before it.
    """  # noqa: E501
    out: list[str] = []
    begin_line = 0
    indent = ""
    blocks = 0
    for number, line in enumerate(source.split("\n"), start=1):
        if _BEGIN.match(line):
            if begin_line:
                raise StudentEditionError(
                    f"{where}: line {number} opens a second '{BEGIN_SOLUTION}' before the one on "
                    f"line {begin_line} is closed with '{END_SOLUTION}'.")
            begin_line = number
            indent = line[: len(line) - len(line.lstrip())]
        elif _END.match(line):
            if not begin_line:
                raise StudentEditionError(
                    f"{where}: line {number} has '{END_SOLUTION}' without a '{BEGIN_SOLUTION}' "
                    "before it.")
            begin_line = 0
            blocks += 1
            stub = (MARKDOWN_STUB,) if markdown else CODE_STUB
            out.extend(indent + text for text in stub)
        elif not begin_line:
            out.append(line)
    if begin_line:
        raise StudentEditionError(
            f"{where}: the '{BEGIN_SOLUTION}' on line {begin_line} has no '{END_SOLUTION}' after "
            "it.")
    return "\n".join(out), blocks


def _clear_outputs(cell: nbformat.NotebookNode) -> None:
    cell.outputs = []
    cell.execution_count = None


def student_notebook(nb: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    r"""Make the student edition of one lesson (a new notebook; the input is left unchanged).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The lesson (teacher edition), as read by :func:`nbformat.read`.
    name : str, optional
        The notebook's name, used in error messages.

    Returns
    -------
    nbformat.NotebookNode
        The student edition. Applying the function again changes nothing.

    Raises
    ------
    StudentEditionError
        If a cell's solution markers are unbalanced; the message names the notebook and the cell.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> nb = new_notebook(cells=[
    ...     new_code_cell("### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION"),
    ...     new_code_cell("ex.q1.check()"),
    ...     new_code_cell("ex.q1.solution()", metadata={"tags": ["solution"]}),
    ... ])
    >>> student = student_notebook(nb)
    >>> print(student.cells[0].source)
    # YOUR CODE HERE
    raise NotImplementedError()
    >>> student.cells[0].metadata["tags"], len(student.cells)
    (['raises-exception'], 2)
    >>> student_notebook(student) == student
    True
    """
    new = copy.deepcopy(nb)
    kept = []
    for index, cell in enumerate(new.cells, start=1):
        tags = list(cell.get("metadata", {}).get("tags", []))
        if SOLUTION_TAG in tags:
            continue
        cell_id = cell.get("id")
        where = f"{name}, cell {index}" + (f" (id {cell_id})" if cell_id else "")
        if cell.cell_type == "markdown":
            cell.source, _ = stub_solutions(cell.source, markdown=True, where=where)
        elif cell.cell_type == "code":
            cell.source, blocks = stub_solutions(cell.source, where=where)
            if blocks:
                _clear_outputs(cell)
                if RAISES_TAG not in tags:
                    cell.setdefault("metadata", {})["tags"] = [*tags, RAISES_TAG]
            if _EXERCISE_CALL.search(cell.source):
                _clear_outputs(cell)
        kept.append(cell)
    new.cells = kept
    return new


def _lesson_paths(folder: Path) -> list[Path]:
    from kzsi_helpers.execute import lesson_paths

    return lesson_paths(folder)


def _check_target(notebooks_dir: Path, out_dir: Path) -> None:
    nbs, out = notebooks_dir.resolve(), out_dir.resolve()
    if out == nbs or nbs in out.parents or out in nbs.parents:
        raise StudentEditionError(f"The output folder {out_dir} would overlap the lessons folder "
                                  f"{notebooks_dir}: choose another --out (e.g. student/).")
    if out.exists() and (not out.is_dir() or (any(out.iterdir())
                                              and not (out / MARKER_FILE).is_file())):
        raise StudentEditionError(f"{out_dir} exists and is not a student edition built by this "
                                  "command: choose an empty or new folder for --out.")


def _copy_assets(notebooks_dir: Path, target: Path, lessons: Iterable[Path]) -> None:
    """Copy what the lessons may refer to (images, small files), not other notebooks."""
    skip = {p.name for p in lessons}
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


def build_student_edition(notebooks_dir: str | Path, out_dir: str | Path,
                          handouts: bool = False) -> list[Path]:
    r"""Write the student edition of every lesson to ``out_dir`` (and optionally handouts).

    The folder is built in a temporary sibling and moved into place at the end, so it is written
    whole or not at all; ``notebooks_dir`` is only read. Building twice gives identical files.

    Parameters
    ----------
    notebooks_dir : str or path
        The lessons (teacher edition), ``NN-*.ipynb``.
    out_dir : str or path
        Where the student edition goes (replaced if it is an earlier student edition).
    handouts : bool, optional
        Also write ``handouts/NN-*.html`` (print-ready) and, where a Chromium is installed,
        ``handouts/NN-*.pdf``.

    Returns
    -------
    list of pathlib.Path
        The notebooks and handouts written, in ``out_dir``.

    Raises
    ------
    StudentEditionError
        If there are no lessons, a lesson's markers are unbalanced, or ``out_dir`` is unsafe
        (overlaps the lessons, or is a folder this command did not make).

    Examples
    --------
    >>> import tempfile
    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> lessons = Path(tempfile.mkdtemp())
    >>> nbformat.write(new_notebook(cells=[new_code_cell(
    ...     "### BEGIN SOLUTION\nn = 2\n### END SOLUTION")]), lessons / "01-demo.ipynb")
    >>> written = build_student_edition(lessons, lessons.parent / (lessons.name + "-student"))
    >>> [p.name for p in written]
    ['01-demo.ipynb']
    >>> "NotImplementedError" in written[0].read_text()
    True
    """
    notebooks_dir, out_dir = Path(notebooks_dir), Path(out_dir)
    lessons = _lesson_paths(notebooks_dir)
    if not lessons:
        raise StudentEditionError(f"No lessons (NN-*.ipynb) in {notebooks_dir}.")
    _check_target(notebooks_dir, out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    written: list[Path] = []
    try:
        editions = []
        for path in lessons:
            student = student_notebook(nbformat.read(path, as_version=4), name=path.name)
            nbformat.validate(student)
            nbformat.write(student, tmp / path.name)
            written.append(Path(path.name))
            editions.append((path, student))
        _copy_assets(notebooks_dir, tmp, lessons)
        if handouts:
            written += [p.relative_to(tmp) for p in
                        write_handouts(editions, tmp / "handouts", resources_dir=notebooks_dir)]
        (tmp / MARKER_FILE).write_text(
            "Student edition of the kzsi lessons, built by `python -m kzsi_helpers student`.\n"
            "Do not edit: it is rebuilt from notebooks/ and replaced as a whole.\n",
            encoding="utf-8")
        tmp.chmod(0o755)
        replace_folder(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [out_dir / rel for rel in written]


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
    >>> cli(argparse.Namespace(out=Path("student"), notebooks=ROOT / "notebooks",
    ...                        handouts=False))  # doctest: +SKIP
    0
    """
    try:
        written = build_student_edition(args.notebooks, args.out, handouts=args.handouts)
    except (StudentEditionError, RuntimeError) as exc:
        print(f"student edition not built: {exc}", file=sys.stderr)
        return 1
    notebooks = [p for p in written if p.suffix == ".ipynb"]
    print(f"student edition: {len(notebooks)} notebooks in {args.out}")
    pages = [p for p in written if p.suffix in (".html", ".pdf")]
    if args.handouts:
        kinds = sorted({p.suffix[1:].upper() for p in pages})
        print(f"handouts: {len(pages)} files ({', '.join(kinds) or 'none'}) in "
              f"{Path(args.out) / 'handouts'}")
        if ".pdf" not in {p.suffix for p in pages}:
            print("no Chromium found: print the HTML handouts from a browser (File > Print)")
    return 0
