"""Read an amount as a statistics office writes it: spaces, thousands separators, a decimal comma.

Both conventions occur in the files a maintainer downloads: ``111,504.3`` (English) and
``111 504,3`` or ``111.504,3`` (Russian, Slovene, German). A figure is read only when its meaning is
certain; ``111,504`` or ``111.504`` alone could be a hundred thousand or a hundred, so it is
refused with a sentence that says why, never read at a thousandth of its size.

Examples
--------
>>> parse_amount("111 504,3"), parse_amount("1,234,567"), parse_amount("2.5")
('111504.3', '1234567', '2.5')
>>> parse_amount("111,504")
Traceback (most recent call last):
...
ValueError: '111,504' could be 111504 or 111.504: save the file without thousands separators, or with spaces between the thousands
"""  # noqa: E501

from __future__ import annotations

import re

__all__ = ["parse_amount"]

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f']+")
_GROUPED = re.compile(r"^-?\d{1,3}([.,])\d{3}(\1\d{3})*$")


def _ambiguous(text: str) -> bool:
    """One separator, one to three digits before it (not a leading zero) and exactly three after."""
    return re.fullmatch(r"-?[1-9]\d{0,2}[.,]\d{3}", text) is not None


def parse_amount(text: str) -> str:
    """Return an amount as plain decimal text (``"111504.3"``), or raise ValueError saying why.

    Parameters
    ----------
    text : str
        The cell as written: digits, spaces or apostrophes between thousands, ``,`` or ``.`` as
        thousands separator or decimal mark, an optional leading minus.

    Returns
    -------
    str
        The same amount with no separators and ``.`` as the decimal mark.

    Raises
    ------
    ValueError
        For an empty cell, other characters (digits of another script included), separators that
        do not group thousands, or a figure that both conventions read differently.

    Examples
    --------
    >>> parse_amount("1.234.567,89"), parse_amount("0,504"), parse_amount("-3 982")
    ('1234567.89', '0.504', '-3982')
    """
    raw = text
    text = _SPACES.sub("", text.strip())
    if not text:
        raise ValueError("the cell is empty")
    if not re.fullmatch(r"-?[0-9.,]+", text) or not re.search(r"[0-9]", text):
        raise ValueError(f"{raw!r} is not a number written with the digits 0-9")
    if _ambiguous(text):
        whole = text.replace(",", "").replace(".", "")
        decimal = text.replace(",", ".")
        raise ValueError(f"{raw!r} could be {whole} or {decimal}: save the file without thousands "
                         "separators, or with spaces between the thousands")
    commas, dots = text.count(","), text.count(".")
    if commas and dots:  # the last one is the decimal mark, the other groups thousands
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        whole, _, fraction = text.rpartition(decimal_mark)
        if not _GROUPED.match(whole) or grouping in fraction or not fraction.isdigit():
            raise ValueError(f"{raw!r}: its separators do not group thousands")
        return f"{whole.replace(grouping, '')}.{fraction}"
    mark = "," if commas else "." if dots else ""
    if not mark:
        return text
    if text.count(mark) > 1:  # only thousands are grouped more than once
        if not _GROUPED.match(text):
            raise ValueError(f"{raw!r}: its separators do not group thousands")
        return text.replace(mark, "")
    return text.replace(",", ".")  # one mark, not three digits after it: a decimal mark
