"""Reading and writing PO catalogues, whole or not at all, with errors that name the file and line.

Babel reads and writes the catalogues. It forgives some broken lines (a string whose closing quote
is missing is read as empty), so :func:`read_catalog` first checks every line's syntax itself.

Examples
--------
>>> import tempfile, pathlib
>>> cat = new_catalog("sl")
>>> _ = cat.add("Hello", "Zdravo")
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = write_catalog(cat, pathlib.Path(tmp) / "x.po")
...     read_catalog(path).get("Hello").string
'Zdravo'
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel is imported where it is used: English needs no catalogue
    from babel.messages.catalog import Catalog, Message

from kzsi_helpers.course.folders import write_text
from kzsi_helpers.i18n.header import header_text, read_header

__all__ = ["CatalogError", "new_catalog", "read_catalog", "write_catalog", "catalog_text",
           "is_translated", "translation", "catalog_fields"]


_STRING = r'"(?:[^"\\]|\\.)*"'
_LINE = re.compile(rf'^(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_STRING}|{_STRING})?$')


class CatalogError(ValueError):
    """A catalogue is broken, or a translation in it breaks a rule; the message names file and line.

    Examples
    --------
    >>> str(CatalogError("translations/sl/01.po:12: the number 1992 is missing"))
    'translations/sl/01.po:12: the number 1992 is missing'
    """


def new_catalog(language: str, project: str = "kzsi") -> Catalog:
    """Return an empty catalogue for ``language`` with the course's header.

    Examples
    --------
    >>> new_catalog("sl").locale.language
    'sl'
    """
    from babel.messages.catalog import Catalog

    return Catalog(locale=language, project=project, fuzzy=False, charset="utf-8",
                   creation_date=None, revision_date=None)


def read_catalog(path: str | os.PathLike[str], language: str | None = None) -> Catalog:
    """Read a PO file, after checking that every line of it is well formed.

    Raises
    ------
    CatalogError
        Naming the file and the line, if a line is broken or Babel cannot read the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     bad = pathlib.Path(tmp) / "bad.po"
    ...     _ = bad.write_text('msgid "a"\\nmsgstr "b\\n', encoding="utf-8")
    ...     read_catalog(bad)
    Traceback (most recent call last):
    ...
    kzsi_helpers.i18n.catalog.CatalogError: ...bad.po:2: not a well-formed PO line: 'msgstr "b'
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        where = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise CatalogError(f"{path}:{where}: not UTF-8 text") from exc
    for number, line in enumerate(text.splitlines(), start=1):
        if not _LINE.match(line.strip()):
            raise CatalogError(f"{path}:{number}: not a well-formed PO line: {line.strip()[:60]!r}")
    from babel.messages.pofile import PoFileError, read_po

    try:
        return read_po(io.StringIO(text), locale=language, abort_invalid=True)
    except PoFileError as exc:
        raise CatalogError(f"{path}:{exc.lineno}: {str(exc).rsplit(' on ', 1)[0]}") from exc
    except ValueError as exc:  # a header Babel cannot read (a bad Language, say)
        raise CatalogError(f"{path}:1: {exc}") from exc


def catalog_text(catalog: Catalog, fields: dict[str, str] | None = None) -> str:
    """Return a catalogue as PO text: the course's header, then the entries in the order added.

    Lines are not wrapped and no date is written, so the same catalogue gives the same bytes.

    Examples
    --------
    >>> cat = new_catalog("sl")
    >>> _ = cat.add("Hi", "Živjo")
    >>> catalog_text(cat).splitlines()[-2:]
    ['msgid "Hi"', 'msgstr "Živjo"']
    """
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=True, include_previous=True,
             sort_output=False, ignore_obsolete=False)
    body = buffer.getvalue().decode("utf-8").strip("\n")
    header = header_text(str(catalog.locale or ""), fields or {})
    return header + ("\n" + body + "\n" if body else "")


def catalog_fields(path: str | os.PathLike[str]) -> dict[str, str]:
    """Return the header fields of a PO file (empty if the file does not exist).

    Examples
    --------
    >>> catalog_fields("/nonexistent.po")
    {}
    """
    path = Path(path)
    return read_header(path.read_text(encoding="utf-8")) if path.is_file() else {}


def write_catalog(catalog: Catalog, path: str | os.PathLike[str],
                  fields: dict[str, str] | None = None) -> Path:
    """Write a catalogue whole (beside first, then in place) and return its path.

    ``fields`` are the course's header fields; by default those already in the file are kept.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_catalog(new_catalog("sl"), pathlib.Path(tmp) / "a.po").suffix
    '.po'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = catalog_fields(path)
    kept.update(fields or {})
    return write_text(path, catalog_text(catalog, kept))


def is_translated(message: Message) -> bool:
    """Tell whether an entry has a translation that is not marked fuzzy.

    Examples
    --------
    >>> from babel.messages.catalog import Message
    >>> is_translated(Message("a", "b")), is_translated(Message("a", "")), \
is_translated(Message("a", "b", flags=["fuzzy"]))
    (True, False, False)
    """
    return bool(message.string) and not message.fuzzy


def translation(message: Message | None, fallback: str) -> str:
    """Return an entry's translation, or ``fallback`` if it has none (or it is fuzzy).

    Examples
    --------
    >>> from babel.messages.catalog import Message
    >>> translation(Message("a", "b"), "a"), translation(None, "a")
    ('b', 'a')
    """
    if message is None or not is_translated(message):
        return fallback
    return str(message.string)
