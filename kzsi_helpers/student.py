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

from kzsi_helpers.folders import replace_folder

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
#: The line at the top of every handout.
HANDOUT_LINE = ("Kazakhstan and Slovenia since 1992 \u00b7 student edition \u00b7 lesson text CC BY 4.0, "
                "code MIT")

# A marker line: "### BEGIN SOLUTION" (any number of #, any case, surrounding spaces allowed),
# so that a slightly mistyped marker is still recognised and never leaks a solution.
_BEGIN = re.compile(r"^\s*#+\s*BEGIN\s+SOLUTION\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*#+\s*END\s+SOLUTION\s*$", re.IGNORECASE)
_EXERCISE_CALL = re.compile(r"\.\s*(check|hint|solution)\s*\(")
_MAP_OUTPUT = re.compile(r"leaflet|<iframe", re.IGNORECASE)


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


def _lesson_paths(folder: Path) -> list[Path]:
    from kzsi_helpers.execute import lesson_paths

    return lesson_paths(folder)


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


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
            (tmp / "handouts").mkdir()
            chromium = find_chromium()
            for path, student in editions:
                title = _title(student, path.stem)
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
