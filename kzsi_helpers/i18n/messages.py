"""The helper package's own words in the current language: ``gettext`` (as ``_``) and ``N_``.

A module of the package writes ``from kzsi_helpers.i18n.messages import _`` and wraps each sentence
a reader sees: ``_("Your answer should be a whole number.")``. A sentence with values in it keeps
named placeholders, filled after translation: ``_("{n} rows").format(n=3)``. Strings defined when a
module is imported are marked with ``N_`` (which only marks them) and translated with ``_`` where they
are used, so the language can be chosen after the import.

The words come from ``locale/<lang>/messages.po``, read once per language; a missing or fuzzy
entry falls back to English.

Examples
--------
>>> from kzsi_helpers.i18n.language import use_language
>>> with use_language("en"):
...     _("Correct")
'Correct'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel is needed only for a translated language (not in the browser edition)
    from babel.messages.catalog import Catalog

from kzsi_helpers.i18n.catalog import read_catalog, translation
from kzsi_helpers.i18n.language import SOURCE, current_language

__all__ = ["gettext", "_", "N_", "catalog_path", "messages"]

LOCALE = Path(__file__).resolve().parent / "locale"


def catalog_path(language: str, domain: str = "messages") -> Path:
    """Return where a language's catalogue of a domain (``messages`` or ``data``) lives.

    Examples
    --------
    >>> catalog_path("sl").name
    'messages.po'
    """
    return LOCALE / language / f"{domain}.po"


@cache
def messages(language: str, domain: str = "messages") -> Catalog | None:
    """Return a language's catalogue of a domain, read once, or None if it has none.

    Examples
    --------
    >>> messages("en") is None
    True
    """
    path = catalog_path(language, domain)
    if language == SOURCE or not path.is_file():
        return None
    return read_catalog(path, language)


def gettext(text: str, context: str | None = None) -> str:
    """Return ``text`` in the current language (English if no translation is recorded).

    Parameters
    ----------
    text : str
        The English sentence, exactly as in the code.
    context : str, optional
        A ``msgctxt`` that tells apart two uses of the same English words.

    Examples
    --------
    >>> gettext("Well done.")
    'Well done.'
    """
    catalog = messages(current_language())
    if catalog is None:
        return text
    return translation(catalog.get(text, context=context), text)


_ = gettext


def N_(text: str) -> str:
    """Mark ``text`` for the catalogue without translating it now (translate it where it is used).

    Examples
    --------
    >>> N_("Not yet")
    'Not yet'
    """
    return text
