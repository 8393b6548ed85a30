"""Which language the course speaks now, and the languages it ships.

The language of a kernel is, in this order:

1. the one set with :func:`set_language` (or inside :func:`use_language`);
2. ``$KZSI_LANG``, if it names a known language;
3. the language written in the metadata of the notebook cell being run (or of the last one that
   had it), as the browser edition marks each cell of a translated lesson: JupyterLab sends a
   cell's metadata with the request to run it, and JupyterLite's kernel may not start in the
   notebook's folder (see :func:`cell_language`);
4. the name of the working folder, if it is a language code: a lesson in ``notebooks/sl/`` runs in
   a kernel whose working folder is ``sl``, so it speaks Slovenian with no line of code changed;
5. English, the source.

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
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["SOURCE", "LANGUAGES", "TRANSLATED", "SHIPPED", "current_language", "set_language",
           "use_language", "language_name", "check_language", "cell_language"]

#: The language the lessons are written in.
SOURCE = "en"
#: Every language the course knows, by its code, with its name in that language.
LANGUAGES: dict[str, str] = {"en": "English", "sl": "slovenščina", "kk": "қазақ тілі", "ru": "русский"}
#: The languages built from catalogues (every one but the source).
TRANSLATED: tuple[str, ...] = tuple(code for code in LANGUAGES if code != SOURCE)
#: The translated languages that must be complete before a release.
SHIPPED: tuple[str, ...] = ("sl", "kk", "ru")

_chosen: str | None = None
_last_cell: str | None = None


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
    cell = cell_language()
    if cell is not None:
        return cell
    try:
        folder = Path.cwd().name
    except OSError:  # the working folder was removed
        return SOURCE
    return folder if folder in TRANSLATED else SOURCE


def cell_language() -> str | None:
    """Return the language the notebook cell being run names in its metadata (``kzsi.language``).

    The browser edition writes a translated lesson's language into each of its code cells, and
    JupyterLab sends a cell's metadata with the request to run it. This is how a lesson knows its
    language in JupyterLite when its kernel does not start in the notebook's folder: over plain
    HTTP from another computer (a classroom server), or in a private window, there is no service
    worker and the kernel starts in ``/home/pyodide``. A cell without it (one the student added)
    keeps the language of the last cell that had it. Outside a kernel, or in a lesson that is not
    marked, it is None.

    Examples
    --------
    >>> cell_language() is None
    True
    """
    global _last_cell
    ipython = sys.modules.get("IPython")  # no IPython loaded: not in a kernel
    shell = ipython.get_ipython() if ipython is not None else None
    kernel: Any = getattr(shell, "kernel", None)
    parent = kernel.get_parent() if hasattr(kernel, "get_parent") else None
    metadata = parent.get("metadata") if isinstance(parent, dict) else None
    marked = metadata.get("kzsi") if isinstance(metadata, dict) else None
    code = marked.get("language") if isinstance(marked, dict) else None
    if code in TRANSLATED:
        _last_cell = code
    return _last_cell


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


# In a kernel, the cell that first imports the course (a lesson's first) says the lesson's language.
cell_language()
