"""Generate the table of lessons in ``00-start-here.ipynb`` from the lessons themselves.

Like the Python Data Science Handbook's navigation script, this tool rewrites exactly one marked
cell and nothing else: a markdown cell of lesson 00 tagged ``generated-toc`` (or holding the line
``<!-- begin generated: lessons -->``). Each lesson notebook ``NN-*.ipynb`` (other than 00) must
follow the lesson skeleton: a ``# Title`` line, a ``## Learning objectives`` section with bullet
points, and a line ``**Time to learn**: NN minutes``. Running the tool twice changes nothing the
second time. Command line: ``python -m kzsi_helpers toc [--check]``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

import nbformat

from kzsi_helpers.execute import lesson_paths as execute_lesson_paths

__all__ = ["TocError", "lesson_info", "lesson_paths", "lessons_table", "generated_cell", "update", "cli",
           "BEGIN", "END", "TAG", "START_HERE"]

#: Tag of the generated cell in lesson 00.
TAG = "generated-toc"
#: First and last lines of the generated cell.
BEGIN = "<!-- begin generated: lessons (python -m kzsi_helpers toc; do not edit by hand) -->"
END = "<!-- end generated: lessons -->"
#: File name of the course's front door.
START_HERE = "00-start-here.ipynb"

_TITLE = re.compile(r"^#\s+(?P<title>\S.*?)\s*$", re.MULTILINE)
_TIME = re.compile(r"\*\*Time to learn\*\*\s*:\s*(?P<minutes>\d+)\s*min(?:ute)?s?\b", re.IGNORECASE)
_OBJECTIVES = re.compile(r"^##\s+Learning objectives\s*$", re.MULTILINE | re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}\s")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(?P<text>\S.*)$")


class TocError(ValueError):
    """A lesson notebook lacks a part of the skeleton the table of lessons needs.

    Examples
    --------
    >>> isinstance(TocError("01-x.ipynb: no title"), ValueError)
    True
    """


def _markdown(path: Path) -> list[str]:
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # any unreadable file gets the same clear message
        raise TocError(f"{path.name}: could not be read as a notebook ({exc})") from exc
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def _objectives(cells: list[str]) -> list[str]:
    """Bullets under '## Learning objectives', up to the next heading (may span cells)."""
    lines: list[str] = []
    found = False
    for source in cells:
        if not found:
            match = _OBJECTIVES.search(source)
            if not match:
                continue
            found = True
            source = source[match.end():]
        stop = False
        for line in source.splitlines():
            if _HEADING.match(line):
                stop = True
                break
            lines.append(line)
        if stop:
            break
    items: list[str] = []
    for line in lines:
        bullet = _BULLET.match(line)
        if bullet:
            items.append(bullet.group("text").strip())
        elif items and line.strip() and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()  # a bullet continued on the next line
    return items


def lesson_info(path: str | Path, strict: bool = True) -> dict[str, Any]:
    """Read a lesson's number, title, description, learning objectives and time from its notebook.

    This is the one reader of the lesson skeleton: lesson 00's table and the site's index use it.

    Parameters
    ----------
    path : str or path
        A lesson notebook ``NN-name.ipynb``.
    strict : bool, optional
        If True (the default), a missing title, objectives or time is an error; if False, it comes
        back empty (``""``, ``[]``, ``None``), for a page that shows what there is.

    Returns
    -------
    dict
        ``number`` (str, e.g. ``"04"``), ``file`` (the file name), ``title``, ``description`` (the
        first paragraph after the title, or ``""``), ``objectives`` (list of str) and ``minutes``
        (int, or None when not strict).

    Raises
    ------
    TocError
        If the notebook cannot be read or, when strict, has no ``# Title``, no bullet points under
        ``## Learning objectives`` or no ``**Time to learn**: NN minutes`` line; the message names
        the notebook.

    Examples
    --------
    >>> import tempfile, nbformat
    >>> text = "# Trade;## Learning objectives;- read a table;**Time to learn**: 30 minutes"
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
    ...     text.replace(";", chr(10) * 2))])
    >>> folder = Path(tempfile.mkdtemp())
    >>> nbformat.write(nb, folder / "03-trade.ipynb")
    >>> info = lesson_info(folder / "03-trade.ipynb")
    >>> info["title"], info["objectives"], info["minutes"]
    ('Trade', ['read a table'], 30)
    >>> lesson_info(folder / "03-trade.ipynb", strict=False)["description"]
    ''
    """
    path = Path(path)
    cells = _markdown(path)
    text = "\n\n".join(cells)
    title = _TITLE.search(text)
    objectives = _objectives(cells)
    time = _TIME.search(text)
    if strict and not title:
        raise TocError(f"{path.name}: no lesson title (a markdown line starting with '# ')")
    if strict and not objectives:
        raise TocError(
            f"{path.name}: no learning objectives (bullet points under a "
            "'## Learning objectives' heading)"
        )
    if strict and not time:
        raise TocError(f"{path.name}: no time to learn (a line '**Time to learn**: NN minutes')")
    description = ""
    if title:
        paragraph = text[title.end():].lstrip("\n").split("\n\n", 1)[0].strip()
        if paragraph and not _HEADING.match(paragraph):
            description = " ".join(paragraph.split())
    return {
        "number": path.name[:2],
        "file": path.name,
        "title": title.group("title") if title else "",
        "description": description,
        "objectives": objectives,
        "minutes": int(time.group("minutes")) if time else None,
    }


def lesson_paths(folder: str | Path) -> list[Path]:
    """List the lessons the table covers: ``NN-*.ipynb`` in course order, without lesson 00.

    Parameters
    ----------
    folder : str or path
        The lessons folder.

    Returns
    -------
    list of pathlib.Path
        The lesson notebooks, sorted by file name.

    Examples
    --------
    >>> import tempfile
    >>> lesson_paths(tempfile.mkdtemp())
    []
    """
    return [p for p in execute_lesson_paths(folder) if not p.name.startswith("00-")]


def _cell_text(text: str) -> str:
    """Make text safe inside a markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def lessons_table(folder: str | Path) -> str:
    """Build the markdown of the generated cell: one table row per lesson, and the total time.

    Parameters
    ----------
    folder : str or path
        The lessons folder.

    Returns
    -------
    str
        Markdown between the :data:`BEGIN` and :data:`END` marker lines, with links to the
        notebooks.

    Raises
    ------
    TocError
        If a lesson lacks its title, objectives or time.

    Examples
    --------
    >>> import tempfile, nbformat
    >>> text = "# Trade;## Learning objectives;- read a table;**Time to learn**: 30 minutes"
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
    ...     text.replace(";", chr(10) * 2))])
    >>> folder = Path(tempfile.mkdtemp())
    >>> nbformat.write(nb, folder / "03-trade.ipynb")
    >>> print(lessons_table(folder).splitlines()[3])
    | 03 | [Trade](03-trade.ipynb) | 30 minutes | read a table |
    """
    infos = [lesson_info(p) for p in lesson_paths(folder)]
    lines = [
        BEGIN,
        "| No. | Lesson | Time to learn | After it you can |",
        "|---|---|---|---|",
    ]
    for info in infos:
        objectives = "<br>".join(f"• {_cell_text(o)}" for o in info["objectives"])
        if len(info["objectives"]) == 1:
            objectives = _cell_text(info["objectives"][0])
        lines.append(
            f"| {info['number']} | [{_cell_text(info['title'])}]({info['file']}) | "
            f"{info['minutes']} minutes | {objectives} |"
        )
    total = sum(info["minutes"] for info in infos)
    count = len(infos)
    lines += [
        "",
        f"**Total**: {count} lesson{'s' if count != 1 else ''}, {total} minutes "
        f"(about {round(total / 60, 1)} hours) plus this introduction.",
        END,
    ]
    return "\n".join(lines)


def _marked_cell(nb: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    marked = [
        cell for cell in nb.cells
        if cell.cell_type == "markdown"
        and (TAG in cell.get("metadata", {}).get("tags", []) or BEGIN.split(" (")[0] in cell.source)
    ]
    if len(marked) != 1:
        raise TocError(
            f"{path.name}: expected exactly one markdown cell tagged {TAG!r} (or starting with "
            f"'<!-- begin generated: lessons'), found {len(marked)}"
        )
    return marked[0]


def generated_cell(folder: str | Path) -> str:
    """Return the current text of the generated cell in lesson 00.

    Parameters
    ----------
    folder : str or path
        The lessons folder holding ``00-start-here.ipynb``.

    Returns
    -------
    str
        The cell's markdown, as committed.

    Examples
    --------
    >>> generated_cell("notebooks").startswith("<!-- begin generated")  # doctest: +SKIP
    True
    """
    path = Path(folder) / START_HERE
    return _marked_cell(nbformat.read(path, as_version=4), path).source


def update(folder: str | Path) -> bool:
    """Rewrite the generated cell of lesson 00 if the lessons changed.

    Parameters
    ----------
    folder : str or path
        The lessons folder holding ``00-start-here.ipynb`` and the lessons.

    Returns
    -------
    bool
        True if the cell changed (the file was written), False if it was already up to date (the
        file is not touched).

    Raises
    ------
    TocError
        If lesson 00 or its marked cell is missing, or a lesson lacks part of its skeleton.

    Examples
    --------
    >>> update("notebooks")  # doctest: +SKIP
    False
    """
    path = Path(folder) / START_HERE
    if not path.is_file():
        raise TocError(f"{path}: not found (the table of lessons lives in lesson 00)")
    nb = nbformat.read(path, as_version=4)
    cell = _marked_cell(nb, path)
    table = lessons_table(folder)
    if cell.source == table:
        return False
    cell.source = table
    tags = cell.setdefault("metadata", {}).setdefault("tags", [])
    if TAG not in tags:
        tags.append(TAG)
    nbformat.write(nb, path)
    return True


def cli(args: argparse.Namespace) -> int:
    """Entry point of ``python -m kzsi_helpers toc [--check] [--notebooks DIR]``.

    Parameters
    ----------
    args : argparse.Namespace
        ``notebooks``: the lessons folder; ``check``: only report whether the table is stale.

    Returns
    -------
    int
        0 if the table is (now) up to date; 1 with ``--check`` if it is stale.

    Examples
    --------
    >>> cli(argparse.Namespace(notebooks=Path("notebooks"), check=True))  # doctest: +SKIP
    0
    """
    folder = Path(args.notebooks)
    if args.check:
        if generated_cell(folder) != lessons_table(folder):
            print(f"{folder / START_HERE}: the table of lessons is out of date; "
                  "run `python -m kzsi_helpers toc`")
            return 1
        print(f"{folder / START_HERE}: the table of lessons is up to date")
        return 0
    changed = update(folder)
    print(f"{folder / START_HERE}: table of lessons {'updated' if changed else 'already up to date'}")
    return 0
