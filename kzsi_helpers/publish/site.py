"""Render the course to a static HTML site that works offline (``python -m kzsi_helpers site``).

Each lesson page is the committed, executed notebook rendered by nbconvert's ``HTMLExporter`` with
the ``kzsi-site`` template (``kzsi_helpers/templates/kzsi-site``), which extends nbconvert's ``lab``
template: it drops require.js, MathJax and Mermaid (all from a CDN, none needed), links JupyterLab's
stylesheet once for the whole site, puts the alt text from the output metadata on every figure and adds
previous / index / next navigation. The index page lists the lessons with their objectives and times,
how to use the course, the licence and the sources.

The site comes in every language the course has built: English in the site's root, each translated
language whose lessons are in ``notebooks/<lang>/`` in ``<lang>/``, each page rendered in its
language and linked to the same page in the others (:mod:`kzsi_helpers.publish.site_languages`).
This module builds the whole site (the sidebar, search, shared files, the links to the browser
edition); one lesson's page is :mod:`kzsi_helpers.publish.pages`, the index page
:mod:`kzsi_helpers.publish.site_index`. The site is built in a temporary folder beside the output
folder and moved into place only when every page of every language has rendered: the output folder
holds the whole site or is left as it was. The example of :func:`build_site` builds a small site.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from urllib.parse import quote, urlsplit

from kzsi_helpers.course import paths as course_paths
from kzsi_helpers.course.folders import BuildError, build_folder
from kzsi_helpers.i18n.language import SOURCE, use_language
from kzsi_helpers.publish.pages import (
    TEMPLATE_NAME,
    TEMPLATES,
    SiteError,
    display_path,
    lab_css,
    make_exporter,
    student_transform,
)
from kzsi_helpers.publish.site_languages import from_language_folder, site_languages
from kzsi_helpers.publish.site_maps import write_map_assets
from kzsi_helpers.publish.site_pages import STATIC, LanguagePages, jinja_environment, read_lessons

__all__ = ["build_site", "lite_lesson_urls", "lite_beside", "cli"]

#: A file in the root of every built site: only a folder holding it is ever replaced by a new build.
MARKER = ".kzsi-site"
#: Files copied from the template's static folder into every site.
STATIC_FILES = ("kzsi-site.css", "kzsi-site.js")


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


def lite_lesson_urls(lite: str, stems: Sequence[str], student: bool = False,
                     language: str = SOURCE) -> dict[str, str]:
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
    language : str, optional
        The lessons' language: the browser edition keeps a translated language's lessons in a
        folder of its name, beside the English ones (``sl/01-a.ipynb``, ``teacher/sl/01-a.ipynb``).

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
    >>> lite_lesson_urls("../lite/", ["01-a"], language="sl")["01-a"]
    '../lite/lab/index.html?path=teacher/sl/01-a.ipynb'
    >>> lite_lesson_urls("../lite/", ["01-a"], student=True, language="sl")["01-a"]
    '../lite/lab/index.html?path=sl/01-a.ipynb'
    """
    scheme = urlsplit(lite.strip()).scheme.lower()
    if scheme not in ("", "http", "https") or any(
            ord(c) < 32 for c in lite):
        raise SiteError(f"--lite {lite!r}: give the browser edition's address as http://..., "
                        "https://... or a path relative to the site folder (such as ../lite/)")
    base = lite if not lite or lite.endswith("/") else lite + "/"
    folder = ("" if student else f"{LITE_TEACHER_FOLDER}/") + (
        "" if language == SOURCE else f"{language}/")
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
    lite: str | None = None,
    languages: Collection[str] | None = None,
) -> list[Path]:
    r"""Render the lessons and the course index to a static site, in every language built.

    English is the site's root; each translated language whose lessons are in
    ``notebooks/<lang>/`` gets the same pages in ``<lang>/``, rendered in that language, with its own
    search index; every page links to the same page in the other languages.

    Parameters
    ----------
    out : str or path-like, optional
        The site folder (default: ``site/`` in the course folder). It is replaced as a whole, and
        only if it is empty or a site built by this function.
    notebooks : str or path-like, optional
        The lessons folder (default: the course's ``notebooks/``).
    student : bool, optional
        Render the student edition (``kzsi_helpers.publish.student_edition.student_notebook`` on
        each lesson, in every language).
    paths : sequence of path, optional
        English lesson notebooks to render instead of every ``NN-*.ipynb`` in ``notebooks`` (a
        translated language renders those of the same names it has).
    lite_urls : mapping of str to str, optional
        For each English lesson (by notebook stem, ``"03-memorials-map"``), the address of the
        same lesson in the browser edition (JupyterLite), relative to the site folder or absolute;
        its page then links to it ("Run this lesson in your browser"). Lessons not in it get no link.
    lite : str, optional
        The browser edition's address, relative to the site folder or absolute: every lesson page
        of every language links to the same lesson in it (:func:`lite_lesson_urls`), unless
        ``lite_urls`` gives the English ones.
    languages : collection of str, optional
        Build only these translated languages (default: every one with lessons).

    Returns
    -------
    list of pathlib.Path
        The pages written: the index first, then the lessons in course order; then each translated
        language's, in the same order.

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
    ...     (Path(tmp) / "sl").mkdir()
    ...     nbformat.write(nb, Path(tmp) / "01-one.ipynb")
    ...     nbformat.write(nb, Path(tmp) / "sl" / "01-one.ipynb")
    ...     [p.relative_to(tmp).as_posix() for p in build_site(Path(tmp) / "site", notebooks=tmp)]
    ['site/index.html', 'site/01-one.html', 'site/sl/index.html', 'site/sl/01-one.html']
    """
    notebooks = Path(notebooks).resolve() if notebooks else course_paths.notebooks_dir()
    out = Path(out).resolve() if out else course_paths.output_dir("site")
    editions = site_languages(notebooks, paths, languages)
    if not editions[0].lessons:
        raise SiteError(f"{display_path(notebooks)}: no lesson notebooks (NN-name.ipynb) to render")
    _check_replaceable(out, notebooks)
    transform = student_transform() if student else None
    read = {edition.code: read_lessons(edition) for edition in editions}
    pages = {code: {"index.html", *(lesson.href for _p, _nb, lesson in found)}
             for code, found in read.items()}
    links: dict[str, Mapping[str, str]] = {}
    for edition in editions:
        stems = [lesson.path.stem for _p, _nb, lesson in read[edition.code]]
        links[edition.code] = {stem: from_language_folder(url, edition.up) for stem, url in (
            lite_lesson_urls(lite, stems, student, edition.code) if lite else {}).items()}
    if lite_urls is not None:
        links[SOURCE] = dict(lite_urls)

    exporter = make_exporter()
    env = jinja_environment()
    marker_text = "Built by python -m kzsi_helpers site; the next build replaces this folder.\n"
    with build_folder(out, MARKER, marker_text) as building:
        (building / STATIC).mkdir()
        (building / STATIC / "jupyterlab.css").write_text(lab_css(exporter), encoding="utf-8")
        for name in STATIC_FILES:
            shutil.copyfile(TEMPLATES / TEMPLATE_NAME / "static" / name, building / STATIC / name)
        written: list[Path] = []
        shared_maps = 0
        for edition in editions:
            with use_language(edition.code):
                exporter.language_code = edition.code  # nbconvert's <html lang>
                build = LanguagePages(env, exporter, building, edition, pages,
                                      links[edition.code], transform)
                written += build.write(read[edition.code])
                shared_maps += build.shared_maps
        if shared_maps:
            write_map_assets(building / STATIC)
    return [out / p for p in written]


def cli(args: argparse.Namespace) -> int:
    """Entry point of ``python -m kzsi_helpers site [--out DIR] [--notebooks DIR] [--student] [--lite URL]``.

    The site has every language whose lessons are in the lessons folder (English in its root, the
    others in ``<lang>/``). Each lesson page links to the same lesson, in its language, in the
    browser edition at ``--lite`` (an address relative to the site folder, or absolute), or at
    ``../lite/`` when a built browser edition sits beside the site folder; with neither, the pages
    have no such link.

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
        pages = build_site(out, notebooks, student=student, lite=lite)
    except (SiteError, BuildError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in pages[0].parent.rglob("*") if f.is_file())
    languages = sorted({p.parent.name for p in pages[1:] if p.parent != pages[0].parent})
    print(
        f"wrote {len(pages)} pages ({size / 1e6:.1f} MB) to {display_path(pages[0].parent)} in "
        f"{time.perf_counter() - started:.1f} s; open {display_path(pages[0])}"
        + (f" (also in {', '.join(f'{x}/' for x in languages)})" if languages else "")
    )
    if lite:
        print(f"each lesson page links to the browser edition at {lite} (served, not from disk: "
              "python -m kzsi_helpers serve)")
    return 0
