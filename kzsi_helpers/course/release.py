"""The course's version and release date: written here once, read by everything that shows them.

``pyproject.toml`` takes the package's version from :data:`VERSION`, ``kzsi_helpers.__version__``
is the same object, and the site's footer, the handouts and the browser edition show
:func:`version_line`. ``CITATION.cff`` and ``CHANGELOG.md`` repeat the version and the date for
people and citation tools; ``tests/test_release.py`` fails when they disagree with this module.

Examples
--------
>>> VERSION.count("."), RELEASE_DATE[:4].isdigit()
(2, True)
"""

from __future__ import annotations

import datetime as _dt

__all__ = ["VERSION", "RELEASE_DATE", "version_line"]

#: The course's version (semantic versioning: a new lesson or exercise is a minor release, a fact
#: corrected or a bug fixed is a patch).
VERSION = "1.0.0"
#: The day this version was released, ISO 8601.
RELEASE_DATE = "2026-12-07"


def version_line() -> str:
    """Say which release this is, for a footer: the version and its date in words.

    Returns
    -------
    str
        For example ``"Version 1.0.0, 7 December 2026"``.

    Examples
    --------
    >>> version_line().startswith(f"Version {VERSION}, ")
    True
    """
    day = _dt.date.fromisoformat(RELEASE_DATE)
    return f"Version {VERSION}, {day.day} {day:%B} {day.year}"
