"""Describe a checked answer in a few words: what a correct answer's feedback and the answer key show.

Examples
--------
>>> describe_answer(11131), describe_answer(2023), describe_answer(46.4999)
('11,131', '2023', '46.5')
>>> describe_answer("partly supported")
"'partly supported'"
"""

from __future__ import annotations

import math
from typing import Any

from kzsi_helpers.i18n.formats import decimal_separator, format_number
from kzsi_helpers.i18n.messages import _

__all__ = ["describe_answer"]

_LIMIT = 80


def _number(value: float) -> str:
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        # thousands separators from five digits on: a year (2023) stays as it is written
        return format_number(int(value)) if abs(value) >= 10_000 else str(int(value))
    text = format_number(value, 2)
    point = decimal_separator()
    return text.rstrip("0").rstrip(point) if point in text else text


def describe_answer(value: Any) -> str:
    """Say what an answer is, briefly: a number or text as written, a table by its size, a chart.

    Parameters
    ----------
    value : object
        The answer a checker accepted.

    Returns
    -------
    str
        At most about 80 characters, for example ``'3982'``, ``'11,131'``, ``"('b', 2)"``,
        ``'a table of 4 rows'``, ``'a chart titled "Events per category"'``.

    Examples
    --------
    >>> import pandas as pd
    >>> describe_answer(pd.DataFrame({"a": [1, 2]})), describe_answer(("SI", 3))
    ('a table of 2 rows', "('SI', 3)")
    >>> describe_answer(pd.Timedelta(days=3))
    '3 days'
    """
    if hasattr(value, "item") and getattr(value, "shape", None) == ():  # a numpy scalar
        value = value.item()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return _number(value)
    kind = type(value).__name__
    if kind == "DataFrame":
        rows = _("a table of {n} row") if len(value) == 1 else _("a table of {n} rows")
        return rows.format(n=format_number(len(value)))
    if kind == "Series":
        values = _("a column of {n} value") if len(value) == 1 else _("a column of {n} values")
        return values.format(n=format_number(len(value)))
    if kind == "Timedelta":
        return _("{n} days").format(n=format_number(value.days))
    if kind == "Timestamp":
        return value.date().isoformat()
    if hasattr(value, "get_title") and hasattr(value, "figure"):  # a matplotlib Axes
        title = " ".join(value.get_title().split())  # one line, even for a two-line title
        return _('a chart titled "{title}"').format(title=title) if title else _("a chart")
    if hasattr(value, "get_root") and hasattr(value, "add_child"):  # a folium map
        return _("a map")
    text = repr(value)
    return text if len(text) <= _LIMIT else text[: _LIMIT - 3] + "..."
