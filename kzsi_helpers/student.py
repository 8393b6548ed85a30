"""The student edition of the lessons: worked answers replaced by stubs, solutions removed.

The committed lessons in ``notebooks/`` are the teacher edition. This module derives the student
edition from them, the way nbgrader does (the steps are the preprocessors of
:mod:`kzsi_helpers.student_edition`; a lesson that stores an error output is refused):

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
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import nbformat

from kzsi_helpers import lessons, paths
from kzsi_helpers.folders import build_folder
from kzsi_helpers.student_edition import (  # noqa: F401 (re-exported: the student edition's steps)
    BEGIN_SOLUTION,
    CODE_STUB,
    END_SOLUTION,
    MARKDOWN_STUB,
    RAISES_TAG,
    SOLUTION_TAG,
    StudentEditionError,
    stub_solutions,
    student_notebook,
)

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

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: File that marks a folder as a student edition built here (so a rebuild may replace it).
MARKER_FILE = ".kzsi-student-edition"
MARKER_TEXT = ("Student edition of the kzsi lessons, built by `python -m kzsi_helpers student`.\n"
               "Do not edit: it is rebuilt from notebooks/ and replaced as a whole.\n")
#: The line at the top of every handout.
HANDOUT_LINE = ("Kazakhstan and Slovenia since 1992 \u00b7 student edition \u00b7 lesson text CC BY 4.0, "
                "code MIT")

_MAP_OUTPUT = re.compile(r"leaflet|<iframe", re.IGNORECASE)


def _map_note(plain: str = "") -> dict[str, str]:
    named = re.fullmatch(r"<\w*Map: (.+)>", plain.strip())
    what = f"Interactive map ({named.group(1)})" if named else "Interactive map"
    text = (f"{what}: open this lesson in JupyterLab or on the course website to explore it. "
            "Every map in the course is accompanied by a table of the same places, printed in "
            "this handout.")
    return {
        "text/html": f'<div class="kzsi-map-note"><p>{html.escape(text)}</p></div>',
        "text/plain": f"[{text}]",
    }


# a link whose text is its own address (printing the address again would repeat it)
_BARE_LINK = re.compile(r'<a href="([^"]+)"([^>]*)>(\1)</a>')
_MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_LESSON_LINK = re.compile(r"([0-9]{2}-[\w.-]+)\.ipynb(#.*)?")


def _relink(source: str, keep_lessons: bool) -> str:
    """Point links to other lessons at their handouts; unlink other relative links.

    A handout lives in ``handouts/``, where relative links of the notebooks would not resolve;
    and a PDF must not carry the absolute path of the folder it was printed in.
    """

    def replace(match: re.Match[str]) -> str:
        text, target = match.group(1), match.group(2)
        if re.match(r"(https?:|mailto:|#)", target):
            return match.group(0)
        lesson = _LESSON_LINK.fullmatch(target)
        if lesson and keep_lessons:
            return f"[{text}]({lesson.group(1)}.html{lesson.group(2) or ''})"
        return text

    return _MD_LINK.sub(replace, source)


def _printable(nb: nbformat.NotebookNode, keep_lesson_links: bool = True) -> nbformat.NotebookNode:
    """Replace what cannot be printed (interactive maps, scripts) by a short note."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _relink(cell.source, keep_lesson_links)
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            for key in ("application/javascript", "application/vnd.jupyter.widget-view+json"):
                data.pop(key, None)
            if _MAP_OUTPUT.search(str(data.get("text/html", ""))):
                output["data"] = _map_note(str(data.get("text/plain", "")))
                output["metadata"] = {}
    return nb


def handout_html(nb: nbformat.NotebookNode, title: str, resources_dir: str | Path | None = None,
                 edition_line: str = HANDOUT_LINE, for_pdf: bool = False) -> str:
    r"""Render a notebook as a print-ready, offline HTML page.

    Uses nbconvert's ``lab`` template through ``kzsi_helpers/templates/handout`` (no CDN scripts,
    a print stylesheet, no input prompts, alt text on charts). Interactive maps are replaced by a
    note; the table of places that follows each map stays. Links to other lessons point to their
    handouts (``NN-name.html``); other relative links become plain text.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook (normally a student edition).
    title : str
        The page title.
    resources_dir : str or path, optional
        Folder that relative image paths in markdown are resolved against.
    edition_line : str, optional
        The small line at the top of the page.
    for_pdf : bool, optional
        Page to be printed to PDF: links to other lessons become plain text too.

    Returns
    -------
    str
        A standalone HTML document.

    Examples
    --------
    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> page = handout_html(new_notebook(cells=[new_markdown_cell("# Title\n\n## Part")]), "Demo")
    >>> "@media print" in page, "<script src=" in page
    (True, False)
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="handout",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=resources_dir is not None,
    )
    nb = _printable(nb, keep_lesson_links=not for_pdf)
    nb.metadata["title"] = title
    resources = {
        "metadata": {"name": title, "path": str(resources_dir or "")},
        "kzsi_edition_line": edition_line,
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return _BARE_LINK.sub(r'<a class="kzsi-bare-link" href="\1"\2>\3</a>', body)


def find_chromium() -> str | None:
    """Find a Chromium (or Chrome) to print HTML to PDF: ``KZSI_CHROMIUM``, else on the ``PATH``.

    Returns
    -------
    str or None
        The executable, or None if there is none.

    Examples
    --------
    >>> find_chromium() is None or Path(find_chromium()).exists()
    True
    """
    candidates = [os.environ.get("KZSI_CHROMIUM", "")]
    candidates += [shutil.which(name) or "" for name in
                   ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9]{14}[^)]*\)")


_PDF_NODE_ID = re.compile(rb"\(node([0-9]{8})\)")


def _fixed_date(match: re.Match[bytes]) -> bytes:
    # same length as the original, so the PDF's cross-reference offsets stay valid
    original = match.group(0)
    fixed = b"/" + match.group(1) + b" (D:19800101000000"
    return fixed + b" " * (len(original) - len(fixed) - 1) + b")"


def _reproducible_pdf(data: bytes) -> bytes:
    """Fix what varies between two prints of the same page, keeping every byte offset.

    Chromium stamps the time, and numbers the structure elements of a tagged (accessible) PDF
    after DOM node ids that can shift by one between runs; they are renumbered in order of first
    appearance, with the same width, so references between them stay consistent.
    """
    data = _PDF_DATE.sub(_fixed_date, data)
    numbers: dict[bytes, bytes] = {}

    def renumber(match: re.Match[bytes]) -> bytes:
        new = numbers.setdefault(match.group(1), b"%08d" % (len(numbers) + 1))
        return b"(node" + new + b")"

    return _PDF_NODE_ID.sub(renumber, data)


def html_to_pdf(html_path: str | Path, pdf_path: str | Path, chromium: str | None = None,
                timeout: int = 120) -> Path:
    """Print an HTML file to PDF with a locally installed Chromium (headless, offline).

    The PDF's dates and structure ids are normalised, so the same page gives the same file.

    Parameters
    ----------
    html_path : str or path
        The page to print (local file).
    pdf_path : str or path
        Where to write the PDF.
    chromium : str, optional
        The browser executable (default: :func:`find_chromium`).
    timeout : int, optional
        Seconds to wait for the browser.

    Returns
    -------
    pathlib.Path
        The PDF written.

    Raises
    ------
    RuntimeError
        If no Chromium is found or printing fails.

    Examples
    --------
    >>> html_to_pdf("lesson.html", "lesson.pdf")  # doctest: +SKIP
    PosixPath('lesson.pdf')
    """
    browser = chromium or find_chromium()
    if browser is None:
        raise RuntimeError("No Chromium found: install it (e.g. apt-get install chromium) or set "
                           "KZSI_CHROMIUM to its path.")
    html_path = Path(html_path).resolve()
    pdf_path = Path(pdf_path).resolve()
    with tempfile.TemporaryDirectory(prefix="kzsi-chromium-") as profile:
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-extensions", "--no-pdf-header-footer",
            f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}", html_path.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                check=False)
    if result.returncode != 0 or not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        raise RuntimeError(f"Chromium could not print {html_path.name} to PDF "
                           f"(exit {result.returncode}): {result.stderr.strip()[-500:]}")
    pdf_path.write_bytes(_reproducible_pdf(pdf_path.read_bytes()))
    return pdf_path


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
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = Path(tmp) / "notebooks"
    ...     folder.mkdir()
    ...     nbformat.write(new_notebook(cells=[new_code_cell(
    ...         "### BEGIN SOLUTION\nn = 2\n### END SOLUTION")]), folder / "01-demo.ipynb")
    ...     written = build_student_edition(folder, Path(tmp) / "student")
    ...     [p.name for p in written], "NotImplementedError" in written[0].read_text()
    (['01-demo.ipynb'], True)
    """
    notebooks_dir, out_dir = Path(notebooks_dir), Path(out_dir)
    lesson_files = lessons.lesson_paths(notebooks_dir)
    if not lesson_files:
        raise StudentEditionError(f"No lessons (NN-*.ipynb) in {notebooks_dir}.")
    _check_target(notebooks_dir, out_dir)
    teacher = []
    for path in lesson_files:
        nb = nbformat.read(path, as_version=4)
        try:
            lessons.check_no_errors(nb, path.name)  # never hand out a lesson with a traceback
        except lessons.LessonError as exc:
            raise StudentEditionError(str(exc)) from exc
        teacher.append((path, nb))
    written: list[Path] = []
    with build_folder(out_dir, MARKER_FILE, MARKER_TEXT) as tmp:
        editions = []
        for path, nb in teacher:
            student = student_notebook(nb, name=path.name)
            nbformat.validate(student)
            nbformat.write(student, tmp / path.name)
            written.append(Path(path.name))
            editions.append((path, student))
        _copy_assets(notebooks_dir, tmp, lesson_files)
        if handouts:
            (tmp / "handouts").mkdir()
            chromium = find_chromium()
            for path, student in editions:
                title = lessons.title(student, path.stem)
                page = tmp / "handouts" / f"{path.stem}.html"
                page.write_text(handout_html(student, title, resources_dir=notebooks_dir),
                                encoding="utf-8")
                written.append(page.relative_to(tmp))
                if chromium:
                    with tempfile.TemporaryDirectory(prefix="kzsi-print-") as printing:
                        source = Path(printing) / page.name
                        source.write_text(handout_html(student, title, resources_dir=notebooks_dir,
                                                       for_pdf=True), encoding="utf-8")
                        pdf = html_to_pdf(source, page.with_suffix(".pdf"), chromium)
                    written.append(pdf.relative_to(tmp))
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
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:  # doctest: +ELLIPSIS
    ...     cli(argparse.Namespace(out=Path(tmp) / "student", notebooks=None, handouts=False))
    student edition: 5 notebooks in /.../student
    0
    """
    try:
        notebooks = args.notebooks if args.notebooks is not None else paths.notebooks_dir()
        out = args.out
        if out is None:
            root = paths.course_root()
            if root is None:
                raise FileNotFoundError("no course folder found: give --out and --notebooks, or "
                                        "set KZSI_COURSE_DIR")
            out = root / "student"
        written = build_student_edition(notebooks, out, handouts=args.handouts)
    except (StudentEditionError, RuntimeError, FileNotFoundError) as exc:
        print(f"student edition not built: {exc}", file=sys.stderr)
        return 1
    args.out = out
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
