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

__all__ = ["describe_answer"]

_LIMIT = 80


def _number(value: float) -> str:
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        # thousands separators from five digits on: a year (2023) stays as it is written
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


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
        return f"a table of {len(value):,} row{'s' if len(value) != 1 else ''}"
    if kind == "Series":
        return f"a column of {len(value):,} value{'s' if len(value) != 1 else ''}"
    if kind == "Timedelta":
        return f"{value.days:,} days"
    if kind == "Timestamp":
        return value.date().isoformat()
    if hasattr(value, "get_title") and hasattr(value, "figure"):  # a matplotlib Axes
        title = " ".join(value.get_title().split())  # one line, even for a two-line title
        return f'a chart titled "{title}"' if title else "a chart"
    if hasattr(value, "get_root") and hasattr(value, "add_child"):  # a folium map
        return "a map"
    text = repr(value)
    return text if len(text) <= _LIMIT else text[: _LIMIT - 3] + "..."
