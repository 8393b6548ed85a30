"""What a translation must keep from its English entry, checked before anything is built.

A translated entry keeps: every number (the runs of digits, so ``1,234.5`` and ``1.234,5`` agree),
every code span, every link target, every source id in square brackets, every placeholder
(``{days}``, ``%s``) and a heading's level. :func:`differences` says what differs, in words.

Examples
--------
>>> differences("In 1992, `load` it.", "Leta 1992 uporabi `load`.")
[]
>>> differences("In 1992.", "Leta 1993.")
['numbers differ: English has 1992, the translation has 1993']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

__all__ = ["differences", "CHECKS"]

_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_SOURCE_ID = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)+)\]")
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.\[\]!:<>^,]*\}|%\([a-z_]+\)[sdfr]|%[sdfr]")
_HEADING = re.compile(r"^(#{1,6})\s")


def _digits(text: str) -> list[str]:
    # a code span or a link target is checked whole by its own rule; numbers are read from the prose
    prose = _LINK.sub("]", _CODE.sub(" ", text))
    return re.findall(r"\d+", prose)


def _heading(text: str) -> list[str]:
    match = _HEADING.match(text)
    return [match.group(1)] if match else []


#: Each rule: a name in words, and what it collects from a text (compared as multisets).
CHECKS: list[tuple[str, Callable[[str], list[str]]]] = [
    ("numbers", _digits),
    ("code spans", _CODE.findall),
    ("link targets", _LINK.findall),
    ("source ids", _SOURCE_ID.findall),
    ("placeholders", _PLACEHOLDER.findall),
    ("heading levels", _heading),
]


def _show(items: Counter) -> str:
    return ", ".join(sorted(items.elements())) or "none"


def differences(english: str, translated: str) -> list[str]:
    """List what ``translated`` fails to keep of ``english`` (empty if it keeps everything).

    Parameters
    ----------
    english, translated : str
        An entry's ``msgid`` and ``msgstr``.

    Returns
    -------
    list of str
        One sentence per rule broken, naming what the English has and the translation has.

    Examples
    --------
    >>> differences("See [the map](04-x.ipynb).", "Glej [zemljevid](05-x.ipynb).")
    ['link targets differ: English has 04-x.ipynb, the translation has 05-x.ipynb']
    """
    problems = []
    for name, collect in CHECKS:
        want, got = Counter(collect(english)), Counter(collect(translated))
        if want != got:
            problems.append(f"{name} differ: English has {_show(want - got)}, "
                            f"the translation has {_show(got - want)}")
    return problems
