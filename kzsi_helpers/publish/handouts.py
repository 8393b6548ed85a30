r"""Printable handouts of the lessons: print-ready A4 HTML pages, and PDFs where Chromium is installed.

A handout is a lesson (normally its student edition) rendered by nbconvert's ``lab`` template
through ``kzsi_helpers/templates/handout``: no CDN scripts, no ``In [ ]:`` prompts, a print
stylesheet that saves paper (no forced page breaks, a code cell kept with the start of its output,
charts at most 58 mm high), the lesson title and the page number in every page's footer,
link addresses printed, and room to write under each exercise. What only makes sense on a screen is
left out: interactive maps become a short note (the table of the same places that follows each map
is printed), and so do cells tagged ``screen-only`` and paragraphs that explain how to trust a
notebook in JupyterLab.

A handout speaks its lesson's language (:func:`kzsi_helpers.publish.student_edition.lesson_language`):
``<html lang="sl">``, and the handout's own words (the line at the top, the map notes, *page 1 of
3* in the footer) from the package's catalogue, in Python with ``_()`` and in the template with
``{{ _("...") }}``. The print stylesheet names DejaVu Sans first, which draws Slovenian (č, š, ž)
and Kazakh (ә, ғ, қ, ң, ө, ұ, ү, һ, і) letters alike.

Examples
--------
>>> from nbformat.v4 import new_markdown_cell, new_notebook
>>> nb = new_notebook(cells=[new_markdown_cell("# Demo\n\nText.\n\nIf you see no map, "
...                                            "the notebook is not trusted yet: run `jupyter trust`.")])
>>> [c.source for c in printable(nb).cells]
['# Demo\n\nText.']
"""

from __future__ import annotations

import copy
import html
import os
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from kzsi_helpers.course.release import VERSION
from kzsi_helpers.i18n.language import use_language
from kzsi_helpers.i18n.messages import N_, _, gettext
from kzsi_helpers.publish.pdf import find_chromium, html_to_pdf
from kzsi_helpers.publish.student_edition import lesson_language

if TYPE_CHECKING:
    from nbconvert import HTMLExporter

__all__ = ["HANDOUT_LINE", "SCREEN_ONLY_TAG", "printable", "handout_html", "lesson_title",
           "write_handouts", "handout_line", "css_counters"]

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: The line at the top of every handout (in English; :func:`handout_line` in another language).
_EDITION_LINE = N_("Kazakhstan and Slovenia since 1992 \u00b7 student edition \u00b7 version {version} "
                   "\u00b7 lesson text CC BY 4.0, code MIT")
HANDOUT_LINE = _EDITION_LINE.format(version=VERSION)
#: Cells with this tag are shown on screen (JupyterLab, the site) but not printed.
SCREEN_ONLY_TAG = "screen-only"

_MAP_OUTPUT = re.compile(r"leaflet|<iframe", re.IGNORECASE)
# a paragraph that is about JupyterLab's trust mechanism, which paper does not have
_SCREEN_ONLY_TEXT = re.compile(r"\bnot trusted\b|\bjupyter trust\b|\btrust (the|this) notebook",
                               re.IGNORECASE)
# a link whose text is its own address (printing the address again would repeat it)
_BARE_LINK = re.compile(r'<a href="([^"]+)"([^>]*)>(\1)</a>')
_MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_LESSON_LINK = re.compile(r"([0-9]{2}-[\w.-]+)\.ipynb(#.*)?")
# a rendered link to another lesson's handout (what _relink made of a link to its notebook)
_HANDOUT_LINK = re.compile(r'<a\b[^>]*?\shref="[0-9]{2}-[\w.-]+\.html(?:#[^"]*)?"[^>]*>(.*?)</a>',
                           re.S)


def handout_line(language: str | None = None) -> str:
    """Return the line at the top of a handout, in a language (default: the current one).

    Examples
    --------
    >>> handout_line("en") == HANDOUT_LINE
    True
    """
    if language is None:
        return _(_EDITION_LINE).format(version=VERSION)
    with use_language(language):
        return _(_EDITION_LINE).format(version=VERSION)


def _map_note(plain: str = "") -> dict[str, str]:
    named = re.fullmatch(r"<\w*Map: (.+)>", plain.strip())
    if named:
        text = _("Interactive map ({name}): open this lesson in JupyterLab or on the course website "
                 "to explore it. Every map in the course is accompanied by a table of the same "
                 "places, printed in this handout.").format(name=named.group(1))
    else:
        text = _("Interactive map: open this lesson in JupyterLab or on the course website to "
                 "explore it. Every map in the course is accompanied by a table of the same places, "
                 "printed in this handout.")
    return {
        "text/html": f'<div class="kzsi-map-note"><p>{html.escape(text)}</p></div>',
        "text/plain": f"[{text}]",
    }


def _relink(source: str) -> str:
    """Point links to other lessons at their handouts; unlink other relative links.

    A handout lives in ``handouts/``, where relative links of the notebooks would not resolve;
    and a PDF must not carry the absolute path of the folder it was printed in.

    >>> _relink("[next](02-b.ipynb#Part), [data](../data/x.csv)")
    '[next](02-b.html#Part), data'
    """

    def replace(match: re.Match[str]) -> str:
        text, target = match.group(1), match.group(2)
        if re.match(r"(https?:|mailto:|#)", target):
            return match.group(0)
        lesson = _LESSON_LINK.fullmatch(target)
        if lesson:
            return f"[{text}]({lesson.group(1)}.html{lesson.group(2) or ''})"
        return text

    return _MD_LINK.sub(replace, source)


def _drop_screen_only(source: str) -> str:
    """Remove the paragraphs of a Markdown cell that only make sense in JupyterLab."""
    paragraphs = re.split(r"\n\s*\n", source)
    return "\n\n".join(p for p in paragraphs if not _SCREEN_ONLY_TEXT.search(p))


def printable(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of a lesson with what paper cannot show left out or replaced by a note.

    Interactive maps and scripts become a short note; cells tagged ``screen-only`` and Markdown
    paragraphs about trusting a notebook are left out; links are pointed at the handouts.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The lesson.

    Returns
    -------
    nbformat.NotebookNode
        A new notebook; ``nb`` is not changed.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> nb = new_notebook(cells=[new_code_cell("x", metadata={"tags": ["screen-only"]})])
    >>> len(printable(nb).cells), len(nb.cells)
    (0, 1)
    """
    nb = copy.deepcopy(nb)
    kept = []
    for cell in nb.cells:
        if SCREEN_ONLY_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "markdown":
            cell.source = _relink(_drop_screen_only(cell.source))
            if not cell.source.strip():
                continue
        kept.append(cell)
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
    nb.cells = kept
    return nb


def _css_string(text: str) -> str:
    r"""Quote text as a CSS string that nothing in it can end (or end the <style> it is in).

    >>> _css_string('A "quote" </style>')
    '"A \\22 quote\\22  \\3c \\2f style\\3e "'
    """
    safe = re.compile(r"[A-Za-z0-9 ,.:;!?'()\-\u00c0-\u024f]")
    return '"' + "".join(c if safe.fullmatch(c) else f"\\{ord(c):x} " for c in text) + '"'


def css_counters(text: str) -> str:
    r"""Write a sentence with ``{page}`` and ``{pages}`` as a CSS ``content`` value (page counters).

    The template's filter ``kzsi_css_counters``: ``{{ _("page {page} of {pages}") |
    kzsi_css_counters }}`` gives the footer's *page 1 of 3* in the handout's language.

    Examples
    --------
    >>> print(css_counters("page {page} of {pages}"))
    "page " counter(page) " of " counter(pages)
    >>> print(css_counters("stran {page} od {pages}"))
    "stran " counter(page) " od " counter(pages)
    """
    parts = []
    for piece in re.split(r"(\{pages?\})", text):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def handout_html(nb: nbformat.NotebookNode, title: str, resources_dir: str | Path | None = None,
                 edition_line: str | None = None, for_pdf: bool = False,
                 language: str | None = None) -> str:
    r"""Render a notebook as a print-ready, offline HTML page.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook (normally a student edition).
    title : str
        The page title, also printed in the footer of every page with the page number.
    resources_dir : str or path, optional
        Folder that relative image paths in markdown are resolved against.
    edition_line : str, optional
        The small line at the top of the page (default: :func:`handout_line` in the page's
        language).
    for_pdf : bool, optional
        Page to be printed to PDF: links to other lessons become plain text too.
    language : str, optional
        The page's language (``<html lang>`` and the handout's own words); default: the lesson's
        (:func:`kzsi_helpers.publish.student_edition.lesson_language`).

    Returns
    -------
    str
        A standalone HTML document.

    Examples
    --------
    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> page = handout_html(new_notebook(cells=[new_markdown_cell("# Title\n\n## Part")]), "Demo")
    >>> "@media print" in page, "<script src=" in page, 'content: "Demo"' in page
    (True, False, True)
    >>> '<html lang="sl">' in handout_html(new_notebook(), "Demo", language="sl")
    True
    """
    language = language or lesson_language(nb)
    with use_language(language):
        nb = printable(nb)
        nb.metadata["title"] = title
        resources = {
            "metadata": {"name": title, "path": str(resources_dir or "")},
            "kzsi_edition_line": handout_line() if edition_line is None else edition_line,
            "kzsi_footer_title": _css_string(title),
        }
        body, _resources = _exporter(resources_dir is not None, language).from_notebook_node(
            nb, resources=resources)
    body = _BARE_LINK.sub(r'<a class="kzsi-bare-link" href="\1"\2>\3</a>', body)
    return _for_pdf(body) if for_pdf else body


@lru_cache(maxsize=8)
def _exporter(embed_images: bool, language: str = "en") -> HTMLExporter:
    """Make a handout exporter once per language (compiling its templates costs a quarter second).

    Its template finds ``_`` (the package's gettext, in the language in force when it renders)
    and the filter ``kzsi_css_counters`` (:func:`css_counters`).
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="handout", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input_prompt=True, exclude_output_prompt=True,
                            embed_images=embed_images, language_code=language)
    exporter.environment.globals["_"] = gettext
    exporter.environment.filters["kzsi_css_counters"] = css_counters
    return exporter


def _for_pdf(page: str) -> str:
    """Make the printed copy of a handout page: links to other lessons become their text.

    A PDF travels alone, so a link to the handout beside it would lead nowhere.

    >>> _for_pdf('See <a href="02-b.html#Part">the map</a> and <a href="https://x.org">x</a>.')
    'See the map and <a href="https://x.org">x</a>.'
    >>> _for_pdf('<a class="kzsi-bare-link" href="02-b.html">02-b.html</a>')
    '02-b.html'
    """
    return _HANDOUT_LINK.sub(r"\1", page)


def lesson_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    r"""Find the lesson's ``# Title`` (first level-1 heading of a Markdown cell), else ``fallback``.

    Examples
    --------
    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> lesson_title(new_notebook(cells=[new_markdown_cell("# Trade\n\nText")]), "03-trade")
    'Trade'
    """
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def write_handouts(editions: Iterable[tuple[Path, nbformat.NotebookNode]], folder: str | Path,
                   resources_dir: str | Path | None = None,
                   chromium: str | None = None, language: str | None = None) -> list[Path]:
    r"""Write ``NN-name.html`` for each lesson, and ``NN-name.pdf`` where Chromium is installed.

    Parameters
    ----------
    editions : iterable of (path, notebook)
        Each lesson's notebook file (for its name) and the notebook to print.
    folder : str or path
        The handouts folder (created if missing).
    resources_dir : str or path, optional
        Folder that relative image paths are resolved against (the lessons folder).
    chromium : str, optional
        The browser that prints; default :func:`kzsi_helpers.publish.pdf.find_chromium`. Pass ``""`` to
        write the HTML only.
    language : str, optional
        The handouts' language (default: each lesson's, see :func:`handout_html`).

    Returns
    -------
    list of pathlib.Path
        The files written, HTML and PDF in lesson order.

    Examples
    --------
    >>> import tempfile
    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> nb = new_notebook(cells=[new_markdown_cell("# One\n\nText.")])
    >>> with tempfile.TemporaryDirectory() as out:
    ...     [p.name for p in write_handouts([(Path("01-one.ipynb"), nb)], out, chromium="")]
    ['01-one.html']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    browser = find_chromium() if chromium is None else (chromium or None)
    pages: list[Path] = []
    prints: list[tuple[Path, Path]] = []  # (the printed copy's HTML, its PDF)
    try:
        for path, nb in editions:
            page = folder / f"{Path(path).stem}.html"
            body = handout_html(nb, lesson_title(nb, Path(path).stem), resources_dir=resources_dir,
                                language=language)
            page.write_text(body, encoding="utf-8")
            pages.append(page)
            if browser:
                source = folder / f".{page.stem}.print.html"
                prints.append((source, page.with_suffix(".pdf")))
                source.write_text(_for_pdf(body), encoding="utf-8")
        # each Chromium prints one page; printing two or more at a time uses the cores it waits on
        with ThreadPoolExecutor(max_workers=max(1, min(len(prints), os.cpu_count() or 1))) as pool:
            pdfs = list(pool.map(lambda job: html_to_pdf(job[0], job[1], browser), prints))
    finally:
        for source, _pdf in prints:
            source.unlink(missing_ok=True)
    if not browser:
        return pages
    return [path for pair in zip(pages, pdfs, strict=True) for path in pair]
