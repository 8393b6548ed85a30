"""Which language the course speaks now, and the languages it ships.

The language of a kernel is, in this order:

1. the one set with :func:`set_language` (or inside :func:`use_language`);
2. ``$KZSI_LANG``, if it names a known language;
3. the name of the working folder, if it is a language code: a lesson in ``notebooks/sl/`` runs in
   a kernel whose working folder is ``sl``, so it speaks Slovenian with no line of code changed;
4. English, the source.

Examples
--------
>>> with use_language("sl"):
...     current_language()
'sl'
>>> language_name("sl")
'slovenščina'
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["SOURCE", "LANGUAGES", "TRANSLATED", "SHIPPED", "current_language", "set_language",
           "use_language", "language_name", "check_language"]

#: The language the lessons are written in.
SOURCE = "en"
#: Every language the course knows, by its code, with its name in that language.
LANGUAGES: dict[str, str] = {"en": "English", "sl": "slovenščina", "kk": "қазақ тілі", "ru": "русский"}
#: The languages built from catalogues (every one but the source).
TRANSLATED: tuple[str, ...] = tuple(code for code in LANGUAGES if code != SOURCE)
#: The translated languages that must be complete before a release.
SHIPPED: tuple[str, ...] = ("sl", "kk", "ru")

_chosen: str | None = None


def check_language(code: str) -> str:
    """Return ``code`` if the course knows that language, else raise a ValueError that lists them.

    Examples
    --------
    >>> check_language("sl")
    'sl'
    """
    if code not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        raise ValueError(f"unknown language {code!r}: the course knows {known}")
    return code


def current_language() -> str:
    """Return the code of the language in force (see the module's docstring for the order).

    Examples
    --------
    >>> current_language() in LANGUAGES
    True
    """
    if _chosen is not None:
        return _chosen
    env = os.environ.get("KZSI_LANG", "").strip()
    if env in LANGUAGES:
        return env
    try:
        folder = Path.cwd().name
    except OSError:  # the working folder was removed
        return SOURCE
    return folder if folder in TRANSLATED else SOURCE


def set_language(code: str | None) -> None:
    """Make ``code`` the language of this kernel (``None`` goes back to the automatic choice).

    Examples
    --------
    >>> set_language("sl"); current_language()
    'sl'
    >>> set_language(None)
    """
    global _chosen
    _chosen = None if code is None else check_language(code)


@contextlib.contextmanager
def use_language(code: str) -> Iterator[str]:
    """Speak ``code`` inside a ``with`` block, then go back to the language before it.

    Examples
    --------
    >>> with use_language("en") as code:
    ...     code
    'en'
    """
    global _chosen
    before = _chosen
    set_language(code)
    try:
        yield code
    finally:
        _chosen = before


def language_name(code: str) -> str:
    """Return a language's name in that language (``'slovenščina'`` for ``'sl'``).

    Examples
    --------
    >>> language_name("en")
    'English'
    """
    return LANGUAGES[check_language(code)]
