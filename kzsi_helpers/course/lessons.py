"""The lessons of the course: which there are, in what order, and what their skeleton says.

Every other module asks this one: the table of lessons (:mod:`kzsi_helpers.course.toc`), ``execute``, the
site and the student edition. A lesson is a notebook ``NN-name.ipynb`` in the lessons folder
(:func:`kzsi_helpers.course.paths.notebooks_dir` by default), numbered by its first two digits; lesson 00
is the front door. Notebooks are read here as plain JSON, so this module works where nbformat is
not installed (the browser edition, whose Pyodide has no nbformat).

Examples
--------
>>> [p.name[:2] for p in lesson_paths()][:2]
['00', '01']
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kzsi_helpers.course import paths

__all__ = ["LessonError", "lesson_paths", "read_json", "markdown_cells", "cell_source", "title",
           "lesson_info", "error_outputs", "check_no_errors", "START_HERE"]

#: File name of the course's front door (lesson 00).
START_HERE = "00-start-here.ipynb"
#: Tag of a cell whose error is part of the lesson (it shows what a mistake looks like).
RAISES_TAG = "raises-exception"

_TITLE = re.compile(r"^#\s+(?P<title>\S.*?)\s*$", re.MULTILINE)
# The two lines as each edition writes them (English, then the translations built from it), so that
# lesson 00 of a translated edition can read its own lessons.
_TIME = re.compile(r"\*\*(?:Time to learn|Čas za učenje|Время на урок|Сабаққа кететін уақыт)\*\*\s*:"
                   r"\s*(?P<minutes>\d+)\s*(?:min(?:ute|ut)?s?|минут[аы]?|мин)\b", re.IGNORECASE)
_OBJECTIVES = re.compile(r"^##\s+(?:Learning objectives|Učni cilji|Цели урока|Сабақтың мақсаттары)\s*$",
                         re.MULTILINE | re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}\s")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(?P<text>\S.*)$")


class LessonError(ValueError):
    """A lesson notebook cannot be used as it is; the message names the notebook (and the cell).

    Examples
    --------
    >>> isinstance(LessonError("01-x.ipynb: no title"), ValueError)
    True
    """


def lesson_paths(folder: str | os.PathLike[str] | None = None, start: bool = True) -> list[Path]:
    """List the lesson notebooks in course order (by their number, then name).

    Parameters
    ----------
    folder : str or path-like, optional
        The lessons folder (default: :func:`kzsi_helpers.course.paths.notebooks_dir`).
    start : bool, optional
        Include lesson 00 (the front door); False lists only the lessons it introduces.

    Returns
    -------
    list of pathlib.Path
        ``NN-*.ipynb`` files, sorted.

    Examples
    --------
    >>> [p.name[:2] for p in lesson_paths(start=False)][:1]
    ['01']
    """
    base = Path(folder) if folder is not None else paths.notebooks_dir()
    found = sorted(p for p in base.glob("[0-9][0-9]-*.ipynb") if p.is_file())
    return [p for p in found if start or not p.name.startswith("00-")]


def read_json(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a notebook file as plain JSON (no nbformat needed).

    Parameters
    ----------
    path : str or path-like
        The notebook.

    Returns
    -------
    dict
        The notebook, as stored.

    Raises
    ------
    LessonError
        If the file cannot be read or is not a notebook (the message names it).

    Examples
    --------
    >>> sorted(read_json(lesson_paths()[0]))[:2]
    ['cells', 'metadata']
    """
    path = Path(path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise LessonError(f"{path.name}: could not be read as a notebook ({exc})") from exc
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise LessonError(f"{path.name}: could not be read as a notebook (no list of cells)")
    return nb


def cell_source(cell: Mapping[str, Any]) -> str:
    r"""Return a cell's source as one string (stored notebooks may split it into lines).

    Examples
    --------
    >>> cell_source({"source": ["# A\n", "text"]})
    '# A\ntext'
    """
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def markdown_cells(nb: Mapping[str, Any]) -> list[str]:
    """Return the sources of a notebook's markdown cells, in order.

    Examples
    --------
    >>> markdown_cells({"cells": [{"cell_type": "markdown", "source": "# A"},
    ...                           {"cell_type": "code", "source": "1"}]})
    ['# A']
    """
    return [cell_source(c) for c in nb.get("cells", []) if c.get("cell_type") == "markdown"]


def title(nb: Mapping[str, Any], fallback: str = "") -> str:
    r"""Return a lesson's title: the first ``# Title`` line of its markdown, or ``fallback``.

    Examples
    --------
    >>> title({"cells": [{"cell_type": "markdown", "source": "Intro\n# Trade"}]})
    'Trade'
    >>> title({"cells": []}, "03-trade")
    '03-trade'
    """
    match = _TITLE.search("\n\n".join(markdown_cells(nb)))
    return match.group("title") if match else fallback


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


def lesson_info(path: str | os.PathLike[str], strict: bool = True,
                nb: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Read a lesson's number, title, description, learning objectives and time from its notebook.

    This is the one reader of the lesson skeleton: lesson 00's table and the site's index use it.

    Parameters
    ----------
    path : str or path-like
        A lesson notebook ``NN-name.ipynb``.
    strict : bool, optional
        If True (the default), a missing title, objectives or time is an error; if False, it comes
        back empty (``""``, ``[]``, ``None``), for a page that shows what there is.
    nb : mapping, optional
        The notebook, if already read (nbformat's node or plain JSON).

    Returns
    -------
    dict
        ``number`` (str, e.g. ``"04"``), ``file`` (the file name), ``title``, ``description`` (the
        first paragraph after the title, or ``""``), ``objectives`` (list of str) and ``minutes``
        (int, or None when not strict).

    Raises
    ------
    LessonError
        If the notebook cannot be read or, when strict, has no ``# Title``, no bullet points under
        ``## Learning objectives`` or no ``**Time to learn**: NN minutes`` line; the message names
        the notebook.

    Examples
    --------
    >>> text = "# Trade;## Learning objectives;- read a table;**Time to learn**: 30 minutes"
    >>> nb = {"cells": [{"cell_type": "markdown", "source": text.replace(";", chr(10) * 2)}]}
    >>> info = lesson_info("03-trade.ipynb", nb=nb)
    >>> info["number"], info["title"], info["objectives"], info["minutes"]
    ('03', 'Trade', ['read a table'], 30)
    >>> lesson_info("03-trade.ipynb", nb=nb, strict=False)["description"]
    ''
    """
    path = Path(path)
    cells = markdown_cells(nb if nb is not None else read_json(path))
    text = "\n\n".join(cells)
    heading = _TITLE.search(text)
    objectives = _objectives(cells)
    time = _TIME.search(text)
    if strict and not heading:
        raise LessonError(f"{path.name}: no lesson title (a markdown line starting with '# ')")
    if strict and not objectives:
        raise LessonError(
            f"{path.name}: no learning objectives (bullet points under a "
            "'## Learning objectives' heading)"
        )
    if strict and not time:
        raise LessonError(f"{path.name}: no time to learn (a line '**Time to learn**: NN minutes')")
    description = ""
    if heading:
        paragraph = text[heading.end():].lstrip("\n").split("\n\n", 1)[0].strip()
        if paragraph and not _HEADING.match(paragraph):
            description = " ".join(paragraph.split())
    return {
        "number": path.name[:2],
        "file": path.name,
        "title": heading.group("title") if heading else "",
        "description": description,
        "objectives": objectives,
        "minutes": int(time.group("minutes")) if time else None,
    }


def error_outputs(nb: Mapping[str, Any]) -> Iterable[tuple[int, Mapping[str, Any], str]]:
    """Yield the stored error outputs (tracebacks) of a notebook, except in cells meant to raise.

    Yields
    ------
    tuple of (int, mapping, str)
        The cell's number (1-based, as a reader counts), the cell, and ``"Name: message"``.

    Examples
    --------
    >>> error = {"output_type": "error", "ename": "NameError", "evalue": "x", "traceback": []}
    >>> [(n, what) for n, _, what in error_outputs({"cells": [
    ...     {"cell_type": "code", "source": "x", "outputs": [error]}]})]
    [(1, 'NameError: x')]
    """
    for number, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        if RAISES_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                yield number, cell, f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"


def check_no_errors(nb: Mapping[str, Any], name: str) -> None:
    """Refuse a notebook that stores an error output (a lesson must not publish a traceback).

    The site, the student edition and the handouts call this on every lesson. A cell tagged
    ``raises-exception`` may keep its error: it is part of the lesson.

    Parameters
    ----------
    nb : mapping
        The notebook (nbformat's node or plain JSON).
    name : str
        The notebook's name, for the message.

    Raises
    ------
    LessonError
        Naming the notebook, the cell (number and id) and the error.

    Examples
    --------
    >>> error = {"output_type": "error", "ename": "KeyError", "evalue": "'year'", "traceback": []}
    >>> check_no_errors({"cells": [{"cell_type": "code", "id": "ab12", "source": "t['year']",
    ...                             "outputs": [error]}]}, "03-trade.ipynb")
    Traceback (most recent call last):
    ...
    kzsi_helpers.course.lessons.LessonError: 03-trade.ipynb, cell 1 (id ab12): stores an error output (KeyError: 'year'); fix the cell and re-execute the lesson (python -m kzsi_helpers execute 03-trade.ipynb)
    """  # noqa: E501
    for number, cell, what in error_outputs(nb):
        cell_id = cell.get("id")
        where = f"{name}, cell {number}" + (f" (id {cell_id})" if cell_id else "")
        raise LessonError(
            f"{where}: stores an error output ({what}); fix the cell and re-execute the lesson "
            f"(python -m kzsi_helpers execute {name})"
        )
