"""The site's offline search: the sections of every rendered page, as a script the pages load.

Each page of the site is cut into sections at its headings (``h1`` to ``h4`` with an ``id``); a
section's text is what a reader sees under its heading: the narrative, the tables and the printed
output, not the code (``jp-InputArea``), the navigation or the scripts. The glossary terms of
``data/glossary.csv`` are sections of the index page. :func:`index_script` writes them all as one
JavaScript file (``static/search-index.js``) that sets ``window.kzsiSearchIndex``: a page opened
from ``file://`` may load a script beside it, where ``fetch()`` of a JSON file is blocked.
``static/kzsi-search.js`` searches it in the browser and builds the results with ``textContent``
only, so nothing from the data is ever parsed as HTML.

Why not lunr: the whole course is about 150 sections and 0.2 MB of text, which a plain scan
searches in a few milliseconds, so an inverted index buys no speed; lunr's English stemmer and stop
words would mangle the Slovene and Kazakh names the course is about (Povir, Trnovo, Kobilnik), and it
has no accent folding. This index matches the start of words with accents folded (``povir`` finds
"Povir" and "Povirju", ``sencur`` finds "Šenčur") and needs no new dependency in Python or in the
browser.

Examples
--------
>>> page = '<h2 id="Povir">Povir</h2><p>A grave &amp; a plaque.</p><pre class="jp-InputArea-editor">x</pre>'
>>> [(s.anchor, s.title, s.text) for s in page_sections(page)]
[('Povir', 'Povir', 'A grave & a plaque.')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from kzsi_helpers.i18n.messages import _

__all__ = ["Section", "page_sections", "glossary_sections", "glossary_anchor", "index_script"]

#: The variable the index script sets.
INDEX_VARIABLE = "kzsiSearchIndex"
#: The variable that holds the script's messages in the pages' language (see ``index_script``).
WORDS_VARIABLE = "kzsiSiteText"
_HEADINGS = {"h1", "h2", "h3", "h4"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
# elements whose text is not what a reader looks for: scripts, code, prompts, the site's chrome
_SKIP_TAGS = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
              "button", "iframe"}
_SKIP_CLASSES = {"jp-InputArea-editor", "jp-InputPrompt", "jp-OutputPrompt", "anchor-link", "kzsi-no-index",
                 "kzsi-skip"}
_BLOCKS = {"p", "li", "tr", "td", "th", "pre", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6",
           "dt", "dd", "blockquote", "table", "ul", "ol"}


@dataclass(frozen=True)
class Section:
    """A part of a page under one heading, as the search shows it.

    Examples
    --------
    >>> Section(2, "Povir", "4. Povir", "A grave.").level
    2
    """

    level: int
    anchor: str
    title: str
    text: str


class _SectionParser(HTMLParser):
    """Cut a page into sections at headings with an id; collect the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict] = []
        self._skip: list[str] = []  # the open tags of a skipped element (nested same tags too)
        self._heading: dict | None = None

    def _skipping(self) -> bool:
        return bool(self._skip)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self._text(" ")
            return
        if self._skip:
            self._skip.append(tag)
            return
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if tag in _SKIP_TAGS or classes & _SKIP_CLASSES or "hidden" in values:
            self._skip.append(tag)
            return
        if tag in _HEADINGS and values.get("id"):
            self._heading = {"level": int(tag[1]), "anchor": values["id"], "title": [],
                             "text": [], "tag": tag}
            self.sections.append(self._heading)
        elif tag in _BLOCKS:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self._skip:
            # close the innermost open tag of that name (tolerates an unclosed <p> or <li>)
            for i in range(len(self._skip) - 1, -1, -1):
                if self._skip[i] == tag:
                    del self._skip[i:]
                    break
            return
        if self._heading is not None and tag == self._heading["tag"]:
            self._heading = None
        if tag in _BLOCKS:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text(data)

    def _text(self, data: str) -> None:
        if not self.sections:
            return
        section = self.sections[-1]
        (section["title"] if self._heading is section else section["text"]).append(data)


def _squash(parts: Iterable[str]) -> str:
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def page_sections(page: str, max_level: int = 4) -> list[Section]:
    """Cut a rendered page into its sections, in page order.

    Parameters
    ----------
    page : str
        The HTML of the page (or of its body).
    max_level : int, optional
        The deepest heading that starts a section (4: ``h1`` to ``h4``); deeper headings stay text.

    Returns
    -------
    list of Section
        One per heading with an ``id``: its level, id, title and the text up to the next heading.

    Examples
    --------
    >>> page = '<h1 id="T">Title</h1><p>Intro</p><h2 id="A">Part <a class="anchor-link">¶</a></h2>'
    >>> [(s.level, s.anchor, s.title, s.text) for s in page_sections(page)]
    [(1, 'T', 'Title', 'Intro'), (2, 'A', 'Part', '')]
    """
    parser = _SectionParser()
    parser.feed(page)
    parser.close()
    sections: list[Section] = []
    for raw in parser.sections:
        if raw["level"] > max_level:
            continue
        sections.append(Section(raw["level"], raw["anchor"], _squash(raw["title"]),
                                _squash(raw["text"])))
    return sections


def glossary_anchor(term: str) -> str:
    """Return the id of a glossary term on the index page: ``glossary-`` and the term's words.

    Examples
    --------
    >>> glossary_anchor("Non-resident ambassador")
    'glossary-non-resident-ambassador'
    """
    words = re.findall(r"\w+", term.lower())
    return "glossary-" + "-".join(words)


def glossary_sections(rows: Iterable[dict]) -> list[Section]:
    """Turn glossary rows (``term``, ``definition``) into sections of the index page.

    Examples
    --------
    >>> [s.anchor for s in glossary_sections([{"term": "partisan", "definition": "A fighter."}])]
    ['glossary-partisan']
    """
    return [Section(3, glossary_anchor(str(r["term"])), _("Glossary: {term}").format(term=r["term"]),
                    str(r["definition"])) for r in rows]


def _json(value: object) -> str:
    data = json.dumps(value, ensure_ascii=True)
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def index_script(pages: Sequence[tuple[str, str, Sequence[Section]]],
                 words: Mapping[str, str] | None = None) -> str:
    r"""Write the search index as JavaScript: ``window.kzsiSearchIndex = [...]``.

    Parameters
    ----------
    pages : sequence of (href, page title, sections)
        Each page of the site, in the order results should list them.
    words : mapping of str to str, optional
        The site script's messages in the pages' language
        (:func:`kzsi_helpers.publish.site_languages.script_words`), set as ``window.kzsiSiteText``
        on a second line.

    Returns
    -------
    str
        The script. Its data is JSON with every non-ASCII character and ``<``, ``>``, ``&``
        escaped, so no text in it can end the script or be read as markup.

    Examples
    --------
    >>> print(index_script([("02-map.html", "Map", [Section(2, "Povir", "Povir", "<b>")])]))
    window.kzsiSearchIndex = [{"u": "02-map.html#Povir", "p": "Map", "t": "Povir", "x": "\u003cb\u003e"}];
    """
    docs = [{"u": f"{href}#{section.anchor}", "p": title, "t": section.title, "x": section.text}
            for href, title, sections in pages for section in sections]
    script = f"window.{INDEX_VARIABLE} = {_json(docs)};"
    if words is not None:
        script += f"\nwindow.{WORDS_VARIABLE} = {_json(dict(words))};"
    return script
