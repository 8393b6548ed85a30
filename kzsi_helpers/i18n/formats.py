"""Dates and numbers as the current language writes them, from CLDR's data (through Babel).

English keeps the course's own forms (``20 October 1992``, ``1,234.5``), so the English lessons are
unchanged; every other language takes CLDR's (``20. oktober 1992``, ``1.234,5`` in Slovenian).

Examples
--------
>>> import datetime
>>> from kzsi_helpers.i18n.language import use_language
>>> with use_language("sl"):
...     format_number(1234.5, 1), format_day(datetime.date(1992, 10, 20))
('1.234,5', '20. oktober 1992')
"""

from __future__ import annotations

import datetime as dt

from kzsi_helpers.i18n.language import SOURCE, current_language

__all__ = ["format_number", "format_day", "format_month", "format_day_span", "decimal_separator"]

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _language(language: str | None) -> str:
    return language or current_language()


def format_number(value: float, decimals: int | None = None, language: str | None = None) -> str:
    """Write a number with the language's thousands and decimal separators.

    Parameters
    ----------
    value : float
        The number.
    decimals : int, optional
        Digits after the decimal point (rounded); default: as many as ``value`` has, for a whole
        number none.
    language : str, optional
        A language code; default: the current language.

    Examples
    --------
    >>> format_number(11131, language="en"), format_number(11131, language="sl")
    ('11,131', '11.131')
    >>> format_number(0.25, 2, language="sl")
    '0,25'
    """
    code = _language(language)
    if decimals is None:
        decimals = 0 if float(value) == int(value) else len(repr(float(value)).split(".")[1])
    if code == SOURCE:
        return f"{value:,.{decimals}f}"
    from babel import numbers as babel_numbers

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return babel_numbers.format_decimal(round(float(value), decimals), format=pattern, locale=code,
                                        decimal_quantization=True)


def decimal_separator(language: str | None = None) -> str:
    """Return the character that separates a number's decimals (``.`` in English, ``,`` in Slovenian).

    Examples
    --------
    >>> decimal_separator("sl")
    ','
    """
    code = _language(language)
    if code == SOURCE:
        return "."
    from babel import numbers as babel_numbers

    return babel_numbers.get_decimal_symbol(code)


def format_day(day: dt.date, language: str | None = None) -> str:
    """Write a day in full: ``20 October 1992``, ``20. oktober 1992``.

    Examples
    --------
    >>> format_day(dt.date(2002, 9, 23), "en")
    '23 September 2002'
    """
    code = _language(language)
    if code == SOURCE:
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    from babel import dates as babel_dates

    return babel_dates.format_date(day, format="long", locale=code)


def format_month(day: dt.date, language: str | None = None) -> str:
    """Write a month and its year: ``September 2002``, ``september 2002``.

    Examples
    --------
    >>> format_month(dt.date(2002, 9, 1), "sl")
    'september 2002'
    """
    code = _language(language)
    if code == SOURCE:
        return f"{_MONTHS[day.month - 1]} {day.year}"
    from babel import dates as babel_dates

    return babel_dates.format_skeleton("yMMMM", day, locale=code)


def format_day_span(first: dt.date, last: dt.date, language: str | None = None) -> str:
    """Write a span of days as briefly as the language allows: ``23–24 September 2002``.

    Examples
    --------
    >>> format_day_span(dt.date(2002, 9, 23), dt.date(2002, 9, 24), "en")
    '23–24 September 2002'
    """
    code = _language(language)
    if code == SOURCE:
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{last.day} {_MONTHS[last.month - 1]} {last.year}"
        if first.year == last.year:
            return f"{first.day} {_MONTHS[first.month - 1]} – {format_day(last, code)}"
        return f"{format_day(first, code)} – {format_day(last, code)}"
    # CLDR's interval patterns abbreviate the month in some languages: write both days in full
    return f"{format_day(first, code)} – {format_day(last, code)}"
