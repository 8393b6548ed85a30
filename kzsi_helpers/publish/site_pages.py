"""One language's pages of the site: the course index, the lessons and the search index.

:mod:`kzsi_helpers.publish.site` renders them once per language of the site, inside
:func:`kzsi_helpers.i18n.language.use_language`: the templates' words (``{{ _("...") }}``), the
description, the glossary and the data's text columns (:func:`kzsi_helpers.data.tables.load`) then
come in that language. The index page (``course-index.html.j2``) lists the lessons with their
objectives and times, how to use the course, the glossary, the licence and the sources; a lesson's
page is :func:`kzsi_helpers.publish.pages.render_lesson`.

Examples
--------
>>> lab_command("en"), lab_command("sl")
('python -m kzsi_helpers lab', 'python -m kzsi_helpers lab --lang sl')
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from kzsi_helpers.course.lessons import LessonError, check_no_errors
from kzsi_helpers.course.release import RELEASE_DATE, VERSION
from kzsi_helpers.i18n.datatext import TEXT_COLUMNS
from kzsi_helpers.i18n.formats import format_day, format_number
from kzsi_helpers.i18n.language import SOURCE, current_language, use_language
from kzsi_helpers.i18n.messages import N_, _
from kzsi_helpers.publish.pages import (
    TEMPLATE_NAME,
    TEMPLATES,
    Lesson,
    SiteError,
    call_student,
    display_path,
    read_lesson,
    read_notebook,
    render_lesson,
)
from kzsi_helpers.publish.search import (
    Section,
    glossary_anchor,
    glossary_sections,
    index_script,
    page_sections,
)
from kzsi_helpers.publish.site_languages import (
    SiteLanguage,
    language_links,
    script_words,
    template_gettext,
)
from kzsi_helpers.publish.site_maps import share_notebook_maps

__all__ = ["SITE_TITLE", "STATIC", "DESCRIPTION", "LanguagePages", "read_lessons", "jinja_environment",
           "render_index", "glossary", "lab_command"]

#: The folder of the shared files, in the site's root (a translated language's holds its search index).
STATIC = "static"
#: Where the sidebar goes in a rendered page (a comment in the page templates).
SIDEBAR_PLACEHOLDER = "<!--kzsi-sidebar-->"

SITE_TITLE = N_("Kazakhstan and Slovenia since 1992")
LICENCE = N_(
    "Code: MIT licence. Lesson text and data: Creative Commons Attribution 4.0 (CC BY 4.0). "
    "Sources are listed on the course index page."
)
STUDENT_EDITION = N_("student edition")
DESCRIPTION = N_(
    "An open course in Python and Jupyter on the relations between Kazakhstan and Slovenia since "
    "1992: the diplomacy, the memorials and places that link the two countries, their trade, and how "
    "to check what a news article claims. Every number is computed from the course's data tables, "
    "and every fact names its sources."
)
INSTALL = "python -m pip install -r requirements.txt"


def lab_command(language: str) -> str:
    """Give the command that opens the lessons of a language in JupyterLab.

    Examples
    --------
    >>> lab_command("sl")
    'python -m kzsi_helpers lab --lang sl'
    """
    return "python -m kzsi_helpers lab" + ("" if language == SOURCE else f" --lang {language}")


def render_index(env: Any, lessons: Sequence[Lesson], site: dict[str, Any],
                 rows: Sequence[dict[str, str]]) -> str:
    """Render the index page of one language of the site (in the language in force).

    Parameters
    ----------
    env : jinja2.Environment
        The site's template environment (``_`` and ``number`` among its globals).
    lessons : sequence of Lesson
        The language's lessons, in course order.
    site : dict
        The page's ``kzsi`` context (see ``kzsi-nav.html.j2``), with ``lang``.
    rows : sequence of dict
        The glossary (:func:`glossary`).

    Returns
    -------
    str
        The page, with the sidebar's placeholder still in it.
    """
    return env.get_template("course-index.html.j2").render(
        kzsi=site,
        lessons=lessons,
        description=_(DESCRIPTION),
        sources=_sources(),
        commands={"install": INSTALL, "lab": lab_command(site["lang"])},
        glossary=rows,
    )


def glossary() -> list[dict[str, str]]:
    """Read the course glossary (``data/glossary.csv``) in the language in force.

    Each row has the term, its definition, its id on the index page (``anchor``) and the language
    the term is written in (``term_lang``: the terms are the table's key, and stay in English when
    the data layer translates only the definitions).

    Examples
    --------
    >>> row = glossary()[0]
    >>> sorted(row), row["anchor"].startswith("glossary-")
    (['anchor', 'definition', 'term', 'term_lang'], True)
    """
    from kzsi_helpers.data.tables import load

    term_lang = current_language() if "term" in TEXT_COLUMNS["glossary"] else SOURCE
    rows = []
    for record in load("glossary").reset_index().to_dict("records"):
        term, definition = str(record["term"]), str(record["definition"])
        rows.append({"term": term, "definition": definition, "anchor": glossary_anchor(term),
                     "term_lang": term_lang})
    return rows


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


def jinja_environment() -> Any:
    """Load the index page's and the sidebar's templates, with ``_`` and ``number`` as globals.

    Both speak the language in force when a template is rendered.

    Examples
    --------
    >>> from kzsi_helpers.i18n.language import use_language
    >>> with use_language("en"):
    ...     jinja_environment().from_string('{{ _("Search") }}: {{ number(1234) }}').render()
    'Search: 1,234'
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES / TEMPLATE_NAME)),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.globals.update(_=template_gettext, number=format_number)
    return env


def _with_sidebar(env: Any, page: str, site: dict[str, Any], sections: Sequence[Section]) -> str:
    """Put the sidebar (every lesson, this page's sections) in place of the placeholder."""
    if SIDEBAR_PLACEHOLDER not in page:
        raise SiteError(f"the page template has no {SIDEBAR_PLACEHOLDER} for the sidebar")
    macro = env.get_template("kzsi-nav.html.j2").module.sidebar
    top = [s for s in sections if s.level == 2]
    return page.replace(SIDEBAR_PLACEHOLDER, str(macro(site, top)), 1)


def _version_line() -> str:
    """Say which release this is, for the footer, in the language in force ("Version 1.0.0, 7 ...")."""
    day = format_day(dt.date.fromisoformat(RELEASE_DATE))
    return _("Version {version}, {date}").format(version=VERSION, date=day)


def read_lessons(edition: SiteLanguage) -> list[tuple[Path, Any, Lesson]]:
    """Read and check a language's lessons (before anything is written): path, notebook, lesson.

    Examples
    --------
    >>> read_lessons(SiteLanguage("sl", ()))
    []
    """
    found = []
    with use_language(edition.code):  # what the index says of a lesson ("44 minutes") is in its language
        for path in edition.lessons:
            nb = read_notebook(path)
            try:
                check_no_errors(nb, display_path(path))  # a lesson must not publish a traceback
            except LessonError as exc:
                raise SiteError(str(exc)) from exc
            found.append((path, nb, read_lesson(path, nb)))
    return found


class LanguagePages:
    """The pages of one language of the site, rendered in the language in force.

    ``env`` is :func:`jinja_environment`, ``exporter`` the site's nbconvert exporter, ``building``
    the site's (temporary) root, ``pages`` every language's pages (for the language switch),
    ``lite_urls`` each lesson's address in the browser edition (relative to the pages), ``transform``
    the student edition's, or None.
    """

    def __init__(self, env: Any, exporter: Any, building: Path, edition: SiteLanguage,
                 pages: Mapping[str, Collection[str]], lite_urls: Mapping[str, str],
                 transform: Any) -> None:
        self.env, self.exporter, self.edition, self.pages = env, exporter, edition, pages
        self.lite_urls, self.transform = lite_urls, transform
        self.folder = building / edition.folder
        self.static = edition.up + STATIC
        self.shared_maps = 0

    def _site(self, lessons: Sequence[Lesson], **page: Any) -> dict[str, Any]:
        """Give the ``kzsi`` context of one page (see ``kzsi-nav.html.j2``)."""
        return {
            "site_title": _(SITE_TITLE), "edition": _(STUDENT_EDITION) if self.transform else "",
            "static": self.static, "search_index": f"{STATIC}/search-index.js",
            "index": "index.html", "licence": _(LICENCE), "version": _version_line(),
            "lang": self.edition.code, "lesson_stems": [x.path.stem for x in lessons],
            "lessons": [{"href": x.href, "title": x.title, "number": x.number} for x in lessons],
            "lite_url": None,
            "languages": language_links(self.edition.code, page["current"], self.pages), **page}

    def _write(self, name: str, page: str, site: dict[str, Any]) -> list[Section]:
        sections = page_sections(page)
        (self.folder / name).write_text(_with_sidebar(self.env, page, site, sections),
                                        encoding="utf-8")
        return sections

    def write(self, read: Sequence[tuple[Path, Any, Lesson]]) -> list[Path]:
        """Write the language's index, lessons and search index; return the pages written."""
        (self.folder / STATIC).mkdir(parents=True, exist_ok=True)
        lessons = [lesson for _p, _nb, lesson in read]
        first = {"href": lessons[0].href, "title": lessons[0].title}
        site = self._site(lessons, prev=None, next=first, page_title=_(SITE_TITLE),
                          current="index.html")
        rows = glossary()
        sections = self._write("index.html", render_index(self.env, lessons, site, rows), site)
        searchable = [("index.html", _("Course index"), sections + glossary_sections(rows))]
        for i, (path, nb, lesson) in enumerate(read):
            nb = copy.deepcopy(nb)
            if self.transform is not None:
                try:
                    nb = call_student(self.transform, nb, display_path(path))
                except Exception as exc:
                    raise SiteError(f"{display_path(path)}: the student edition failed: {exc}") from exc
            self.shared_maps += share_notebook_maps(nb, self.static)
            nb.metadata["title"] = f"{lesson.title} | {site['site_title']}"
            prev = lessons[i - 1] if i > 0 else None
            nxt = lessons[i + 1] if i + 1 < len(lessons) else None
            site = self._site(
                lessons, source=path, page_title=lesson.title, current=lesson.href,
                lite_url=self.lite_urls.get(lesson.path.stem),
                prev={"href": prev.href, "title": prev.title} if prev else None,
                next={"href": nxt.href, "title": nxt.title} if nxt else None,
            )
            sections = self._write(lesson.href, render_lesson(self.exporter, nb, site), site)
            searchable.append((lesson.href, f"{lesson.number:02d} {lesson.title}", sections))
        (self.folder / STATIC / "search-index.js").write_text(
            index_script(searchable, script_words()), encoding="utf-8")
        return [Path(self.edition.folder + name) for name, _t, _s in searchable]
