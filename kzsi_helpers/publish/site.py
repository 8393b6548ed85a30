"""Render the course to a static HTML site that works offline (``python -m kzsi_helpers site``).

Each lesson page is the committed, executed notebook rendered by nbconvert's ``HTMLExporter`` with
the ``kzsi-site`` template (``kzsi_helpers/templates/kzsi-site``), which extends nbconvert's ``lab``
template: it drops require.js, MathJax and Mermaid (all from a CDN, none needed), links JupyterLab's
stylesheet once for the whole site, puts the alt text from the output metadata on every figure and adds
previous / index / next navigation. The index page lists the lessons with their objectives and times,
how to use the course, the licence and the sources.

This module builds the whole site (the index, the sidebar, search, shared files, the links to the
browser edition); reading and rendering one lesson's page is :mod:`kzsi_helpers.publish.pages`.
The site is built in a temporary folder beside the output folder and moved into place only when every
page has rendered: the output folder holds the whole site or is left as it was.
The example of :func:`build_site` builds a small site.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from kzsi_helpers.course import paths as course_paths
from kzsi_helpers.course.folders import BuildError, build_folder
from kzsi_helpers.course.lessons import LessonError, check_no_errors, lesson_paths
from kzsi_helpers.course.release import version_line
from kzsi_helpers.publish.pages import (
    TEMPLATE_NAME,
    TEMPLATES,
    Lesson,
    SiteError,
    call_student,
    display_path,
    lab_css,
    make_exporter,
    read_lesson,
    read_notebook,
    render_lesson,
    student_transform,
)
from kzsi_helpers.publish.search import (
    Section,
    glossary_anchor,
    glossary_sections,
    index_script,
    page_sections,
)
from kzsi_helpers.publish.site_maps import share_notebook_maps, write_map_assets

__all__ = ["build_site", "lite_lesson_urls", "lite_beside", "cli", "SITE_TITLE"]

#: A file in the root of every built site: only a folder holding it is ever replaced by a new build.
MARKER = ".kzsi-site"
STATIC = "static"
#: Where the sidebar goes in a rendered page (a comment in the page templates).
SIDEBAR_PLACEHOLDER = "<!--kzsi-sidebar-->"
#: Files copied from the template's static folder into every site.
STATIC_FILES = ("kzsi-site.css", "kzsi-site.js")

SITE_TITLE = "Kazakhstan and Slovenia since 1992"
DESCRIPTION = (
    "An open course in Python and Jupyter on the relations between Kazakhstan and Slovenia since "
    "1992: the diplomacy, the memorials and places that link the two countries, their trade, and how "
    "to check what a news article claims. Every number is computed from the course's data tables, "
    "and every fact names its sources."
)
LICENCE = (
    "Code: MIT licence. Lesson text and data: Creative Commons Attribution 4.0 (CC BY 4.0). "
    "Sources are listed on the course index page."
)
COMMANDS = {
    "install": "python -m pip install -r requirements.txt",
    "lab": "python -m kzsi_helpers lab",
}

def _jinja() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES / TEMPLATE_NAME)),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


def _render_index(env: Any, lessons: Sequence[Lesson], site: dict[str, Any],
                  glossary: Sequence[dict[str, str]]) -> str:
    return env.get_template("course-index.html.j2").render(
        kzsi=site,
        lessons=lessons,
        description=DESCRIPTION,
        sources=_sources(),
        commands=COMMANDS,
        glossary=glossary,
    )


def _glossary() -> list[dict[str, str]]:
    """Read the course glossary (data/glossary.csv): term, definition, the term's id on the index."""
    from kzsi_helpers.data.tables import load

    rows = []
    for record in load("glossary").reset_index().to_dict("records"):
        term, definition = str(record["term"]), str(record["definition"])
        rows.append({"term": term, "definition": definition, "anchor": glossary_anchor(term)})
    return rows


def _with_sidebar(env: Any, page: str, site: dict[str, Any], sections: Sequence[Section]) -> str:
    """Put the sidebar (every lesson, this page's sections) in place of the placeholder."""
    if SIDEBAR_PLACEHOLDER not in page:
        raise SiteError(f"the page template has no {SIDEBAR_PLACEHOLDER} for the sidebar")
    macro = env.get_template("kzsi-nav.html.j2").module.sidebar
    top = [s for s in sections if s.level == 2]
    return page.replace(SIDEBAR_PLACEHOLDER, str(macro(site, top)), 1)


def _sources() -> list[dict[str, str]]:
    """Read the course's sources (data/sources.csv), as plain strings for the index page."""
    from kzsi_helpers.data.tables import load

    table = load("sources")
    rows = []
    for record in table.to_dict("records"):
        rows.append({k: "" if _missing(v) else str(v) for k, v in record.items()})
    return rows


def _missing(value: Any) -> bool:
    try:
        return value is None or value != value  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------------------------------
# the build


def _check_replaceable(out: Path, notebooks: Path) -> None:
    """Refuse to replace a folder that is not a site built here (a wrong --out must not cost files)."""
    if out == notebooks or out in notebooks.parents or out == course_paths.course_root():
        raise SiteError(f"--out {display_path(out)} would replace the lessons or the course folder")
    if out.exists():
        if not out.is_dir():
            raise SiteError(f"--out {display_path(out)} is a file, not a folder")
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise SiteError(
                f"--out {display_path(out)} already holds files that are not a kzsi site; "
                "choose an empty or new folder"
            )


#: The browser edition's configuration file: a folder that holds it is a built browser edition.
LITE_CONFIG = "jupyter-lite.json"
#: The browser edition's folder of the teacher edition (kzsi_helpers.lite.build.TEACHER_FOLDER).
LITE_TEACHER_FOLDER = "teacher"


def lite_lesson_urls(lite: str, stems: Sequence[str], student: bool = False) -> dict[str, str]:
    """Address of each lesson in the browser edition at ``lite``, for :func:`build_site`.

    Parameters
    ----------
    lite : str
        Address of the browser edition's folder, relative to the site folder (``"../lite/"``) or
        absolute (``"https://school.example/kzsi-lite/"``).
    stems : sequence of str
        The lessons, by notebook stem.
    student : bool, optional
        Link to the student edition (the top of the browser edition) instead of the teacher
        edition (its ``teacher/`` folder).

    Returns
    -------
    dict of str to str
        Notebook stem to the address that opens that lesson in JupyterLab in the browser.

    Raises
    ------
    SiteError
        If ``lite`` is an address of another kind than ``http``, ``https`` or relative
        (``javascript:``, ``data:``, ``file:``...): every lesson page would carry it as a link.

    Examples
    --------
    >>> lite_lesson_urls("../lite", ["03-memorials-map"])
    {'03-memorials-map': '../lite/lab/index.html?path=teacher/03-memorials-map.ipynb'}
    >>> lite_lesson_urls("https://example.org/lite/", ["01-a"], student=True)["01-a"]
    'https://example.org/lite/lab/index.html?path=01-a.ipynb'
    """
    scheme = urlsplit(lite.strip()).scheme.lower()
    if scheme not in ("", "http", "https") or any(
            ord(c) < 32 for c in lite):
        raise SiteError(f"--lite {lite!r}: give the browser edition's address as http://..., "
                        "https://... or a path relative to the site folder (such as ../lite/)")
    base = lite if not lite or lite.endswith("/") else lite + "/"
    folder = "" if student else f"{LITE_TEACHER_FOLDER}/"
    return {stem: f"{base}lab/index.html?path={quote(folder + stem + '.ipynb', safe='/')}"
            for stem in stems}


def lite_beside(out: str | os.PathLike[str]) -> str | None:
    """``"../lite/"`` if a built browser edition sits beside the site folder, else None.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "lite").mkdir()
    ...     before = lite_beside(Path(tmp) / "site")
    ...     _ = (Path(tmp) / "lite" / LITE_CONFIG).write_text("{}", encoding="utf-8")
    ...     before, lite_beside(Path(tmp) / "site")
    (None, '../lite/')
    """
    return "../lite/" if (Path(out).parent / "lite" / LITE_CONFIG).is_file() else None


def build_site(
    out: str | os.PathLike[str] | None = None,
    notebooks: str | os.PathLike[str] | None = None,
    student: bool = False,
    paths: Sequence[str | os.PathLike[str]] | None = None,
    lite_urls: Mapping[str, str] | None = None,
) -> list[Path]:
    r"""Render the lessons and the course index to a static site.

    Parameters
    ----------
    out : str or path-like, optional
        The site folder (default: ``site/`` in the course folder). It is replaced as a whole, and
        only if it is empty or a site built by this function.
    notebooks : str or path-like, optional
        The lessons folder (default: the course's ``notebooks/``).
    student : bool, optional
        Render the student edition (``kzsi_helpers.publish.student_edition.student_notebook`` on each lesson).
    paths : sequence of path, optional
        Lesson notebooks to render instead of every ``NN-*.ipynb`` in ``notebooks``.
    lite_urls : mapping of str to str, optional
        For each lesson (by notebook stem, ``"03-memorials-map"``), the address of the same lesson
        in the browser edition (JupyterLite), relative to the site folder or absolute; its page
        then links to it ("Run this lesson in your browser"). Lessons not in it get no link.

    Returns
    -------
    list of pathlib.Path
        The pages written: the index first, then the lessons in course order.

    Raises
    ------
    SiteError
        If a lesson cannot be read or rendered (the message names the notebook and the cell), if a
        figure has no alt text, or if ``out`` holds something else. ``out`` is then left as it was.
    FileNotFoundError
        If ``out`` or ``notebooks`` is not given and no course folder is found.

    Examples
    --------
    >>> import tempfile, nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# One\n\nFirst.")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     nbformat.write(nb, Path(tmp) / "01-one.ipynb")
    ...     [p.name for p in build_site(Path(tmp) / "site", notebooks=tmp)]
    ['index.html', '01-one.html']
    """
    notebooks = Path(notebooks).resolve() if notebooks else course_paths.notebooks_dir()
    out = Path(out).resolve() if out else course_paths.output_dir("site")
    lesson_files = [Path(p) for p in paths] if paths is not None else lesson_paths(notebooks)
    if not lesson_files:
        raise SiteError(f"{display_path(notebooks)}: no lesson notebooks (NN-name.ipynb) to render")
    _check_replaceable(out, notebooks)
    transform = student_transform() if student else None

    notebooks_read = [(path, read_notebook(path)) for path in lesson_files]
    for path, nb in notebooks_read:
        try:
            check_no_errors(nb, display_path(path))  # a lesson must not publish a traceback
        except LessonError as exc:
            raise SiteError(str(exc)) from exc
    lessons = [read_lesson(path, nb) for path, nb in notebooks_read]
    stems = [lesson.path.stem for lesson in lessons]
    edition = "student edition" if student else ""
    base = {
        "site_title": SITE_TITLE,
        "edition": edition,
        "static": STATIC,
        "index": "index.html",
        "licence": LICENCE,
        "version": version_line(),
        "lesson_stems": stems,
        "lessons": [{"href": x.href, "title": x.title, "number": x.number} for x in lessons],
        "lite_url": None,
    }
    lite_urls = dict(lite_urls or {})
    env = _jinja()
    glossary = _glossary()

    exporter = make_exporter()
    marker_text = "Built by python -m kzsi_helpers site; the next build replaces this folder.\n"
    with build_folder(out, MARKER, marker_text) as building:
        (building / STATIC).mkdir()
        (building / STATIC / "jupyterlab.css").write_text(lab_css(exporter), encoding="utf-8")
        for name in STATIC_FILES:
            shutil.copyfile(TEMPLATES / TEMPLATE_NAME / "static" / name, building / STATIC / name)
        written = [Path("index.html")]
        shared_maps = 0
        searchable: list[tuple[str, str, Sequence[Section]]] = []
        first = {"href": lessons[0].href, "title": lessons[0].title}
        index_site = dict(base, prev=None, next=first, page_title=SITE_TITLE, current="index.html")
        page = _render_index(env, lessons, index_site, glossary)
        sections = page_sections(page)
        (building / "index.html").write_text(_with_sidebar(env, page, index_site, sections),
                                             encoding="utf-8")
        searchable.append(("index.html", "Course index", sections + glossary_sections(glossary)))
        for i, ((path, nb), lesson) in enumerate(zip(notebooks_read, lessons, strict=True)):
            nb = copy.deepcopy(nb)
            if transform is not None:
                try:
                    nb = call_student(transform, nb, display_path(path))
                except Exception as exc:
                    raise SiteError(f"{display_path(path)}: the student edition failed: {exc}") from exc
            shared_maps += share_notebook_maps(nb, STATIC)
            nb.metadata["title"] = f"{lesson.title} | {SITE_TITLE}"
            prev = lessons[i - 1] if i > 0 else None
            nxt = lessons[i + 1] if i + 1 < len(lessons) else None
            site = dict(
                base,
                source=path,
                page_title=lesson.title,
                current=lesson.href,
                lite_url=lite_urls.get(lesson.path.stem),
                prev={"href": prev.href, "title": prev.title} if prev else None,
                next={"href": nxt.href, "title": nxt.title} if nxt else None,
            )
            page = render_lesson(exporter, nb, site)
            sections = page_sections(page)
            (building / lesson.href).write_text(_with_sidebar(env, page, site, sections),
                                                encoding="utf-8")
            searchable.append((lesson.href, f"{lesson.number:02d} {lesson.title}", sections))
            written.append(Path(lesson.href))
        if shared_maps:
            write_map_assets(building / STATIC)
        (building / STATIC / "search-index.js").write_text(index_script(searchable),
                                                           encoding="utf-8")
    return [out / p for p in written]


def cli(args: argparse.Namespace) -> int:
    """Entry point of ``python -m kzsi_helpers site [--out DIR] [--notebooks DIR] [--student] [--lite URL]``.

    Each lesson page links to the same lesson in the browser edition at ``--lite`` (an address
    relative to the site folder, or absolute), or at ``../lite/`` when a built browser edition
    sits beside the site folder; with neither, the pages have no such link.

    Parameters
    ----------
    args : argparse.Namespace
        ``out``, ``notebooks``, ``student`` and ``lite``, as parsed by ``kzsi_helpers.cli``.

    Returns
    -------
    int
        0 on success, 1 if the site could not be built (the reason is printed to stderr).

    Examples
    --------
    >>> cli(argparse.Namespace(out=Path("site"), notebooks=Path("no-such-folder"), student=False))
    1
    """
    import time

    started = time.perf_counter()
    student = bool(getattr(args, "student", False))
    try:
        out = Path(args.out).resolve() if args.out else course_paths.output_dir("site")
        lite = getattr(args, "lite", None) or lite_beside(out)
        notebooks = Path(args.notebooks).resolve() if args.notebooks else course_paths.notebooks_dir()
        stems = [p.stem for p in lesson_paths(notebooks)] if lite else []
        pages = build_site(out, notebooks, student=student,
                           lite_urls=lite_lesson_urls(lite, stems, student) if lite else None)
    except (SiteError, BuildError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in pages[0].parent.rglob("*") if f.is_file())
    print(
        f"wrote {len(pages)} pages ({size / 1e6:.1f} MB) to {display_path(pages[0].parent)} in "
        f"{time.perf_counter() - started:.1f} s; open {display_path(pages[0])}"
    )
    if lite:
        print(f"each lesson page links to the browser edition at {lite} (served, not from disk: "
              "python -m kzsi_helpers serve)")
    return 0
