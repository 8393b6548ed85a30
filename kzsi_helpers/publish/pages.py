"""One lesson's page of the site: reading a lesson's notebook and rendering it with nbconvert.

:func:`read_lesson` reads what the index shows of a lesson (title, description, objectives, time);
:func:`render_lesson` renders the committed, executed notebook with the ``kzsi-site`` template
(see :mod:`kzsi_helpers.publish.site`, which builds the whole site from these pages).
"""

from __future__ import annotations

import copy
import html
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

import nbformat

from kzsi_helpers.course.lessons import LessonError, lesson_info
from kzsi_helpers.i18n.formats import format_number
from kzsi_helpers.i18n.messages import _
from kzsi_helpers.publish.site_languages import template_gettext

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "kzsi-site"

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
# a Markdown link or an HTML href to a lesson notebook beside this one: "](01-name.ipynb#part)"
_LESSON_LINK = re.compile(
    r"(?P<pre>\]\(\s*<?|href=[\"'])(?:\./)?(?P<stem>\d\d-[\w.-]+?)\.ipynb(?=[#)>\"'\s])"
)
# an <iframe ...> start tag, its attributes one by one (quoted values may hold anything but their quote)
_ATTRIBUTE = r"""\s+(?P<name>[^\s=>/"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?"""
_IFRAME_TAG = re.compile(rf"<iframe(?P<attrs>(?:{_ATTRIBUTE})*)\s*/?>", re.IGNORECASE)
_ATTRIBUTE_NAME = re.compile(_ATTRIBUTE)
_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(")


class SiteError(RuntimeError):
    """The site could not be built; the message names the notebook (and cell) and what to fix.

    Examples
    --------
    >>> str(SiteError("notebooks/01-x.ipynb, cell 3: a figure has no alt text"))
    'notebooks/01-x.ipynb, cell 3: a figure has no alt text'
    """


@dataclass(frozen=True)
class Lesson:
    """A lesson as the site shows it: where its notebook is, its page and its index entry.

    Examples
    --------
    >>> lesson = Lesson(Path("notebooks/01-a.ipynb"), "A lesson")
    >>> lesson.href, lesson.number
    ('01-a.html', 1)
    """

    path: Path
    title: str
    description: str = ""
    objectives: tuple[str, ...] = ()
    time: str = ""
    href: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "href", page_name(self.path))

    @property
    def number(self) -> int:
        """The lesson's number, from its file name (``03-trade.ipynb`` is lesson 3)."""
        return int(self.path.name[:2])


def page_name(path: str | os.PathLike[str]) -> str:
    """Return the file name of a lesson's page in the site.

    Parameters
    ----------
    path : str or path-like
        The lesson notebook.

    Returns
    -------
    str
        The notebook's name with ``.html`` instead of ``.ipynb``.

    Examples
    --------
    >>> page_name("notebooks/02-memorials-and-places.ipynb")
    '02-memorials-and-places.html'
    """
    return Path(path).stem + ".html"


def display_path(path: Path) -> str:
    """Show a path as the user typed it, relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _cell_label(nb_path: Path, index: int, cell: Any | None = None) -> str:
    """'notebooks/01-x.ipynb, cell 4 (id abc)': how errors name a cell (numbered from 1)."""
    cell_id = cell.get("id") if cell is not None else None
    suffix = f" (id {cell_id})" if cell_id else ""
    return f"{display_path(nb_path)}, cell {index + 1}{suffix}"


def _plain(markdown: str) -> str:
    """Markdown inline text without emphasis marks or link targets (for the index page).

    >>> _plain("**Read** a [map](x.html) of `places`")
    'Read a map of places'
    """
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return text.strip()


def _time_text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return _("{minutes} minutes").format(minutes=format_number(int(value)))
    return str(value).strip()


def read_lesson(path: str | os.PathLike[str], nb: nbformat.NotebookNode | None = None) -> Lesson:
    r"""Read what the index page says about a lesson.

    Uses :func:`kzsi_helpers.course.lessons.lesson_info`, the reader behind lesson 00's table, so the
    index and
    that table always agree.

    Parameters
    ----------
    path : str or path-like
        The lesson notebook.
    nb : nbformat.NotebookNode, optional
        The notebook, if already read.

    Returns
    -------
    Lesson

    Raises
    ------
    SiteError
        If the notebook cannot be read or has no ``# Title`` heading.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Trade\n\nNumbers.")])
    >>> lesson = read_lesson("03-trade.ipynb", nb)
    >>> lesson.title, lesson.href
    ('Trade', '03-trade.html')
    """
    path = Path(path)
    if nb is None:
        nb = read_notebook(path)
    try:
        # lesson 00 has no time to learn: show what there is
        info = lesson_info(path, strict=False, nb=nb)
    except LessonError as exc:
        raise SiteError(str(exc)) from exc
    if not info["title"]:
        raise SiteError(
            f"{display_path(path)}: the lesson has no '# Title' heading in a Markdown cell; "
            "its first cell should start with one"
        )
    return Lesson(
        path=path,
        title=_plain(info["title"]),
        description=_plain(info["description"]),
        objectives=tuple(_plain(o) for o in info["objectives"]),
        time=_time_text(info["minutes"]),
    )


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """Read a lesson's notebook; a missing or unreadable file is a :class:`SiteError` naming it.

    Examples
    --------
    >>> read_notebook(Path("no-such-lesson.ipynb"))
    Traceback (most recent call last):
    ...
    kzsi_helpers.publish.pages.SiteError: no-such-lesson.ipynb: no such notebook
    """
    try:
        nb = nbformat.read(path, as_version=4)
    except FileNotFoundError as exc:
        raise SiteError(f"{display_path(path)}: no such notebook") from exc
    except Exception as exc:  # JSON or schema errors: name the file
        raise SiteError(f"{display_path(path)}: not a readable notebook ({exc})") from exc
    return nb


def student_transform() -> Callable[[nbformat.NotebookNode], nbformat.NotebookNode]:
    """Return the student edition's ``student_notebook``, or raise a SiteError saying it is missing."""
    try:
        module = import_module("kzsi_helpers.publish.student_edition")
    except ModuleNotFoundError as exc:
        if exc.name not in ("kzsi_helpers.publish.student_edition", None):
            raise
        raise SiteError(
            "the student edition is not available: kzsi_helpers.publish.student_edition (its "
            "student_notebook function) is missing. Build the site without --student, or add the "
            "student edition first."
        ) from exc
    function = getattr(module, "student_notebook", None)
    if function is None:
        raise SiteError(
            "the student edition is not available: kzsi_helpers.publish.student_edition has no "
            "student_notebook(nb) function. Build the site without --student."
        )
    return function


def call_student(transform: Callable[..., Any], nb: nbformat.NotebookNode, name: str) -> Any:
    """Call ``student_notebook(nb, name=...)``, or ``(nb)`` if it takes no name."""
    import inspect

    if "name" in inspect.signature(transform).parameters:
        return transform(nb, name=name)
    return transform(nb)


# --------------------------------------------------------------------------------------------------
# nbconvert


def _site_preprocessor_class() -> type:
    """Build the nbconvert preprocessor that checks and prepares a lesson for its page (built lazily)."""
    from nbconvert.preprocessors import Preprocessor

    class SitePreprocessor(Preprocessor):
        """Check alt text, link lessons to their pages and give each map frame a title."""

        def preprocess(self, nb, resources):
            site = resources["kzsi"]
            lessons = set(site["lesson_stems"])
            heading = site["page_title"]
            frame_titles: dict[str, int] = {}
            for index, cell in enumerate(nb.cells):
                where = _cell_label(site["source"], index, cell)
                if cell.cell_type == "markdown":
                    cell.source = _link_lessons(cell.source, lessons)
                    for image in _MARKDOWN_IMAGE.finditer(cell.source):
                        if not image.group("alt").strip():
                            raise SiteError(f"{where}: a Markdown image has no alt text: ![...](...)")
                    headings = _HEADING.findall(cell.source)
                    if headings:
                        heading = _plain(headings[-1][1])
                elif cell.cell_type == "code":
                    for output in cell.get("outputs", []):
                        self._check_output(output, where)
                        # frame titles must be unique on a page: "Interactive map: Places (2)"
                        plain = _("Interactive map: {heading}").format(heading=heading)
                        count = frame_titles.get(plain, 0) + 1
                        title = plain if count == 1 else f"{plain} ({count})"
                        if _title_frames(output, title):
                            frame_titles[plain] = count
            return nb, resources

        @staticmethod
        def _check_output(output, where: str) -> None:
            data = output.get("data", {})
            for mime in ("image/png", "image/jpeg", "image/svg+xml"):
                if mime in data:
                    alt = output.get("metadata", {}).get(mime, {}).get("alt", "")
                    if not str(alt).strip():
                        raise SiteError(
                            f"{where}: a figure ({mime}) has no alt text in its output metadata; "
                            "show it with kzsi_helpers.show_figure(fig, alt=...) and re-execute"
                        )

    return SitePreprocessor


def _link_lessons(source: str, lessons: set[str]) -> str:
    """Point links to lesson notebooks at their pages.

    >>> _link_lessons("see [lesson 1](01-diplomacy.ipynb#Timeline)", {"01-diplomacy"})
    'see [lesson 1](01-diplomacy.html#Timeline)'
    >>> _link_lessons("[data](../data/x.ipynb)", {"01-diplomacy"})
    '[data](../data/x.ipynb)'
    """

    def replace(match: re.Match[str]) -> str:
        stem = match.group("stem")
        if stem not in lessons:
            return match.group(0)
        return f"{match.group('pre')}{stem}.html"

    return _LESSON_LINK.sub(replace, source)


def _title_frames(output: Any, title: str) -> bool:
    """Give an HTML output's untitled frames (folium maps) a title, for screen readers.

    Returns True if a frame got the title.

    >>> out = {"data": {"text/html": '<iframe srcdoc="&lt;a title=&quot;x&quot;&gt;" style="a"></iframe>'}}
    >>> _title_frames(out, "Map: places"), out["data"]["text/html"][:36]
    (True, '<iframe title="Map: places" srcdoc="')
    >>> _title_frames(out, "Another")
    False
    """
    data = output.get("data", {})
    value = data.get("text/html")
    if not value:
        return False
    text = value if isinstance(value, str) else "".join(value)
    changed = False

    def add_title(match: re.Match[str]) -> str:
        nonlocal changed
        names = {m.group("name").lower() for m in _ATTRIBUTE_NAME.finditer(match.group("attrs"))}
        if "title" in names:
            return match.group(0)
        changed = True
        return f'<iframe title="{html.escape(title)}"' + match.group(0)[len("<iframe"):]

    text = _IFRAME_TAG.sub(add_title, text)
    if changed:
        data["text/html"] = text
    return changed


def make_exporter() -> Any:
    """Make the site's nbconvert exporter: the ``kzsi-site`` template and the site's preprocessor.

    The templates' ``_`` gives the site's words in the language in force when a page is rendered.

    Examples
    --------
    >>> make_exporter().template_name
    'kzsi-site'
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES)],
        embed_images=True,
    )
    exporter.register_preprocessor(_site_preprocessor_class()(), enabled=True)
    exporter.environment.globals["_"] = template_gettext
    return exporter


def lab_css(exporter: Any) -> str:
    """JupyterLab's stylesheet, light theme, dark theme for readers who prefer dark (nbconvert's lab)."""
    for folder in exporter.template_paths:
        static = Path(folder) / "static"
        if Path(folder).name == "lab" and (static / "index.css").is_file():
            parts = [(static / name).read_text(encoding="utf-8")
                     for name in ("index.css", "theme-light.css", "theme-dark.css")]
            # the dark theme's variables apply only when the reader's system asks for dark
            parts[2] = "@media (prefers-color-scheme: dark) {\n" + parts[2] + "\n}"
            return "\n".join(parts)
    raise SiteError("nbconvert's lab template (static/index.css) was not found; is nbconvert installed?")


def render_lesson(exporter: Any, nb: nbformat.NotebookNode, site: dict[str, Any]) -> str:
    """Render one lesson; on failure, find the cell that fails and name it."""
    resources = {
        "metadata": {"name": Path(site["source"]).stem, "path": str(Path(site["source"]).parent)},
        "kzsi": site,
    }
    try:
        body, _ = exporter.from_notebook_node(nb, resources=copy.deepcopy(resources))
        return body
    except SiteError:
        raise
    except Exception as exc:
        for index, cell in enumerate(nb.cells):
            single = copy.deepcopy(nb)
            single.cells = [copy.deepcopy(cell)]
            try:
                exporter.from_notebook_node(single, resources=copy.deepcopy(resources))
            except Exception as cell_exc:
                raise SiteError(
                    f"{_cell_label(site['source'], index, cell)}: nbconvert could not render this "
                    f"cell: {type(cell_exc).__name__}: {cell_exc}"
                ) from exc
        raise SiteError(
            f"{display_path(site['source'])}: nbconvert could not render the notebook: "
            f"{type(exc).__name__}: {exc}"
        ) from exc


