"""The site in every language the course has built: where each language's pages go, and its words.

English, the source, is the root of the site (``index.html``, ``03-memorials-map.html``). Each
translated language whose lessons exist in ``notebooks/<lang>/`` has a whole site of its own in
``<lang>/`` (``sl/index.html``, ``sl/03-memorials-map.html``) with its own search index
(``sl/static/search-index.js``, so a search finds only that language's pages); the shared files
(stylesheets, scripts, Leaflet) stay in the root's ``static/``. Every page links to the same page in
the other languages (:func:`language_links`).

The site's own words (navigation, search, the index page) are the templates' ``{{ _("...") }}``
(:func:`template_gettext`) and the search script's messages (:func:`script_words`), both in the
language in force (:func:`kzsi_helpers.i18n.language.use_language`).

Examples
--------
>>> [(x["href"], x["lang"], x["name"]) for x in language_links(
...     "en", "03-memorials-map.html", {"en": {"03-memorials-map.html"}, "sl": {"03-memorials-map.html"}})]
[('sl/03-memorials-map.html', 'sl', 'slovenščina')]
"""

from __future__ import annotations

import html
import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from kzsi_helpers.course.lessons import lesson_paths
from kzsi_helpers.i18n.language import LANGUAGES, SOURCE, TRANSLATED, check_language
from kzsi_helpers.i18n.messages import _

__all__ = ["SiteLanguage", "site_languages", "language_links", "from_language_folder",
           "template_gettext", "script_words"]


@dataclass(frozen=True)
class SiteLanguage:
    """One language of the site: its code, its lesson notebooks and its folder in the site.

    Examples
    --------
    >>> sl = SiteLanguage("sl", ())
    >>> sl.folder, sl.up, SiteLanguage("en", ()).folder
    ('sl/', '../', '')
    """

    code: str
    lessons: tuple[Path, ...]

    @property
    def folder(self) -> str:
        """Where the language's pages go, relative to the site's root (``""`` or ``"sl/"``)."""
        return "" if self.code == SOURCE else f"{self.code}/"

    @property
    def up(self) -> str:
        """From one of the language's pages back to the site's root (``""`` or ``"../"``)."""
        return "../" * self.folder.count("/")


def site_languages(notebooks: str | os.PathLike[str],
                   paths: Sequence[str | os.PathLike[str]] | None = None,
                   languages: Collection[str] | None = None) -> list[SiteLanguage]:
    """List the languages of a site: English, then each translated language that has lessons.

    Parameters
    ----------
    notebooks : str or path-like
        The English lessons' folder; a translated language's lessons are in ``<notebooks>/<lang>/``.
    paths : sequence of path, optional
        The English lessons to render instead of every ``NN-*.ipynb``; a translated language then
        renders the lessons of the same names (those it has).
    languages : collection of str, optional
        Only these languages (English is always built: it is the site's root).

    Returns
    -------
    list of SiteLanguage
        English first, then the translated languages in :data:`~kzsi_helpers.i18n.language.LANGUAGES`
        order; a language whose folder holds none of the lessons is left out.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("01-a.ipynb", "02-b.ipynb", "sl/02-b.ipynb"):
    ...         (Path(tmp) / name).parent.mkdir(exist_ok=True)
    ...         _ = (Path(tmp) / name).write_text("{}", encoding="utf-8")
    ...     [(x.code, [p.name for p in x.lessons]) for x in site_languages(tmp)]
    [('en', ['01-a.ipynb', '02-b.ipynb']), ('sl', ['02-b.ipynb'])]
    """
    base = Path(notebooks)
    english = [Path(p) for p in paths] if paths is not None else lesson_paths(base)
    wanted = {check_language(code) for code in languages} if languages is not None else set(TRANSLATED)
    names = {p.name for p in english}
    found = [SiteLanguage(SOURCE, tuple(english))]
    for code in TRANSLATED:
        if code not in wanted or not (base / code).is_dir():
            continue
        lessons = tuple(p for p in lesson_paths(base / code) if p.name in names)
        if lessons:
            found.append(SiteLanguage(code, lessons))
    return found


def from_language_folder(address: str, up: str) -> str:
    """Make an address relative to the site's root work from a page ``up`` below it.

    Absolute addresses (``https://...``, ``/lite/``) stay as they are.

    Examples
    --------
    >>> from_language_folder("../lite/lab/index.html?path=sl/01-a.ipynb", "../")
    '../../lite/lab/index.html?path=sl/01-a.ipynb'
    >>> from_language_folder("https://example.org/lite/", "../")
    'https://example.org/lite/'
    """
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or address.startswith("/"):
        return address
    return up + address


def language_links(code: str, page: str,
                   pages: Mapping[str, Collection[str]]) -> list[dict[str, str]]:
    """Link a page to the same page in each other language that has it.

    Parameters
    ----------
    code : str
        The page's language.
    page : str
        The page's file name (``"index.html"``, ``"03-memorials-map.html"``).
    pages : mapping of str to collection of str
        Each language of the site (in the order the links should come) to the pages it has.

    Returns
    -------
    list of dict
        ``href`` (relative to the page), ``lang`` (the code) and ``name`` (the language's own name).

    Examples
    --------
    >>> both = {"en": {"index.html", "01-a.html"}, "sl": {"index.html"}}
    >>> language_links("sl", "index.html", both)
    [{'href': '../index.html', 'lang': 'en', 'name': 'English'}]
    >>> language_links("en", "01-a.html", both)
    []
    """
    up = SiteLanguage(code, ()).up
    return [{"href": up + SiteLanguage(other, ()).folder + page, "lang": other,
             "name": LANGUAGES[other]}
            for other, has in pages.items() if other != code and page in has]


def template_gettext(text: str) -> Markup:
    """Give ``text`` in the current language, escaped for HTML text and attributes (templates' ``_``).

    ``&``, ``<``, ``>`` and ``"`` are escaped (an apostrophe stays as it is, as in the English
    templates); ``.format()`` on the result escapes the values too, except those that are already
    ``Markup`` (a link, a code span).

    Examples
    --------
    >>> template_gettext('Search "the" course')
    Markup('Search &quot;the&quot; course')
    >>> template_gettext("Run {code}").format(code=Markup("<code>x</code>"))
    Markup('Run <code>x</code>')
    """
    return Markup(html.escape(_(text), quote=False).replace('"', "&quot;"))


def script_words() -> dict[str, str]:
    """Give the messages of the site's script (``kzsi-site.js``) in the current language.

    Placeholders in braces are filled by the script: ``{query}`` (what was searched), ``{count}``
    (how many sections match) and ``{shown}`` (how many are listed).

    Examples
    --------
    >>> script_words()["one"]
    '1 section matches “{query}”.'
    """
    return {
        "none": _("Nothing in the course matches “{query}”. Try another word, or the start of one."),
        "one": _("1 section matches “{query}”."),
        "many": _("{count} sections match “{query}”."),
        "more": _("{count} sections match “{query}”; the first {shown} are shown."),
        "liteOnDisk": _("This page was opened from a file on disk, and the browser edition needs a "
                        "web server: run python -m kzsi_helpers serve on the folder that holds both "
                        "editions, then open this page at the address it prints."),
    }
