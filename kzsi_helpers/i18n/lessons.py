"""A lesson's catalogue from its English cells, and the translated lesson from that catalogue.

Examples
--------
>>> import nbformat
>>> from nbformat.v4 import new_markdown_cell, new_notebook, new_code_cell
>>> nb = new_notebook(cells=[new_markdown_cell("# A title\\n\\nSome text."),
...                          new_code_cell('print("two words")')])
>>> cat = lesson_template(nb, "01-x.ipynb", "sl")
>>> [m.id for m in cat if m.id]
['# A title', 'Some text.', 'two words']
>>> cat["Some text."].string = "Nekaj besedila."
>>> result = translate_notebook(nb, cat, "01-x.ipynb")
>>> result.notebook.cells[0].source, result.missing
('# A title\\n\\nNekaj besedila.', 2)
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from babel.messages.catalog import Catalog

from kzsi_helpers.i18n.catalog import CatalogError, is_translated, new_catalog
from kzsi_helpers.i18n.invariants import differences
from kzsi_helpers.i18n.segments import (
    code_comments,
    code_strings,
    join_blocks,
    markdown_blocks,
    replace_spans,
)

__all__ = ["CODE", "lesson_template", "Translated", "translate_notebook", "heading_anchors",
           "rewrite_anchors", "anchor"]

#: The context of the entries that come from code cells (strings and comments).
CODE = "code"
_HEADING = re.compile(r"^#{1,6}\s+(.*)$", re.M)
_TARGET = re.compile(r"\]\(((?:\d\d-[\w.-]+\.ipynb)?)#([^)\s]+)\)")


def _pieces(cell: Any) -> list[tuple[str, str | None, int]]:
    """(text, context, line) of each translatable piece of a cell."""
    if cell.cell_type == "markdown":
        return [(b.text, None, 0) for b in markdown_blocks(cell.source) if b.translatable]
    if cell.cell_type == "code":
        spans = code_strings(cell.source) + code_comments(cell.source)
        return [(s.text, CODE, s.line) for s in sorted(spans, key=lambda s: s.start)]
    return []


def lesson_template(nb: Any, name: str, language: str) -> Catalog:
    """Return the catalogue template of an English lesson: one entry per piece, no translations.

    Each entry remembers the cell it comes from (``#: 01-x.ipynb:12`` means cell 12).
    """
    catalog = new_catalog(language)
    for index, cell in enumerate(nb.cells):
        for text, context, line in _pieces(cell):
            where = f"cell {index}" + (f", line {line} of the code" if context else "")
            catalog.add(text, "", locations=[(name, index)], context=context, auto_comments=[where])
    return catalog


@dataclass
class Translated:
    """A translated lesson, how many pieces fell back to English, and what broke the rules."""

    notebook: Any
    missing: int = 0
    total: int = 0
    problems: list[str] = field(default_factory=list)


def translate_notebook(nb: Any, catalog: Catalog, name: str, po_name: str = "") -> Translated:
    """Return a copy of an English lesson with every translated piece in place.

    A piece without a translation (or a fuzzy one) stays English and is counted as missing. A
    translation that loses a number, a code span, a link, a source id or a placeholder is not used:
    it is listed in ``problems`` (``file:line: what differs``), and the caller stops the build.
    """
    result = Translated(copy.deepcopy(nb))
    for cell in result.notebook.cells:
        pieces = _pieces(cell)
        if not pieces:
            continue
        chosen: list[str] = []
        for text, context, _line in pieces:
            result.total += 1
            message = catalog.get(text, context=context)
            if message is None or not is_translated(message):
                result.missing += 1
                chosen.append(text)
                continue
            broken = differences(text, str(message.string))
            for problem in broken:
                result.problems.append(f"{po_name or name}:{message.lineno}: {problem}")
            chosen.append(text if broken else str(message.string))
        if cell.cell_type == "markdown":
            blocks = markdown_blocks(cell.source)
            it = iter(chosen)
            cell.source = join_blocks(blocks, [next(it) if b.translatable else b.text for b in blocks])
        else:
            spans = sorted(code_strings(cell.source) + code_comments(cell.source), key=lambda s: s.start)
            cell.source = replace_spans(cell.source, list(zip(spans, chosen, strict=True)))
    return result


def anchor(heading: str) -> str:
    """Return the anchor JupyterLab gives a heading (its text, spaces as hyphens).

    Examples
    --------
    >>> anchor("6. A short glossary")
    '6.-A-short-glossary'
    >>> anchor("Lesson 00, *Start here*")
    'Lesson-00,-Start-here'
    """
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = re.sub(r"[*`]", "", text).strip()
    return text.replace(" ", "-")


def heading_anchors(nb: Any) -> list[str]:
    """Return the anchors of a lesson's headings, in order.

    Examples
    --------
    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> heading_anchors(new_notebook(cells=[new_markdown_cell("# One\\n\\n## Two b")]))
    ['One', 'Two-b']
    """
    return [anchor(m.group(1)) for cell in nb.cells if cell.cell_type == "markdown"
            for m in _HEADING.finditer(cell.source)]


def rewrite_anchors(nb: Any, anchors: dict[str, dict[str, str]], name: str) -> Any:
    """Point links at the translated headings: ``anchors[file][english] = translated``.

    A link without a file (``#Section``) points into ``name`` itself. The notebook is changed in
    place and returned.

    Raises
    ------
    CatalogError
        If a link names a heading that the English lesson does not have.
    """
    def swap(match: re.Match[str]) -> str:
        target, english = match.group(1), match.group(2)
        table = anchors.get(target or name, {})
        if english not in table:
            raise CatalogError(f"{name}: the link to {target}#{english} names no heading of "
                               f"{target or name}")
        return f"]({target}#{table[english]})"

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _TARGET.sub(swap, cell.source)
    return nb
