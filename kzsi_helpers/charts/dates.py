"""The dates of the events table: the period each date covers, and dates written out in words.

A date in ``events.csv`` is a day (``1992-11-07``), a month (``1992-11``) or only a year (``1992``).
:func:`event_periods` gives the period each one covers (for the bars of the timeline chart) and
checks every date; :func:`format_date` writes a date the way the lessons print it.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kzsi_helpers.data.errors import DataError
from kzsi_helpers.data.tables import require_table
from kzsi_helpers.i18n.formats import format_day, format_day_span, format_month
from kzsi_helpers.i18n.messages import _

__all__ = ["event_periods", "format_date", "REQUIRED_COLUMNS"]

#: Columns a table must have for :func:`kzsi_helpers.charts.timeline.plot_timeline`.
REQUIRED_COLUMNS = ("date", "title", "category")

_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


@dataclass(frozen=True)
class _Period:
    start: _dt.date
    end: _dt.date
    precision: str


def _parse_date(value: Any, row: int, column: str, title: str) -> _Period | None:
    """Turn a cell into the period it covers; None for an empty cell."""
    where = _("row {row} ({title}), column {column}").format(row=row, title=repr(title),
                                                            column=repr(column))
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):  # None, NaN, NA, NaT
        return None
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date)):
        day = value.date() if isinstance(value, (pd.Timestamp, _dt.datetime)) else value
        return _Period(day, day, "day")
    text = str(value)
    if not text.strip():
        return None
    match = _PARTIAL.match(text)
    if not match:
        raise DataError(
            _("plot_timeline: {where}: cannot read the date {text}; write it as YYYY-MM-DD, "
              "YYYY-MM or YYYY (for example 1992-10-20)").format(where=where, text=repr(text))
        )
    year_text, month_text, day_text = match.groups()
    year = int(year_text)  # the pattern always has the year
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    try:
        if day is not None and month is not None:
            start = end = _dt.date(year, month, day)
            precision = "day"
        elif month is not None:
            start = _dt.date(year, month, 1)
            following = _dt.date(year + month // 12, month % 12 + 1, 1)
            end = following - _dt.timedelta(days=1)
            precision = "month"
        else:
            start, end, precision = _dt.date(year, 1, 1), _dt.date(year, 12, 31), "year"
    except ValueError as exc:
        raise DataError(_("plot_timeline: {where}: {text} is not a real date ({error})").format(
            where=where, text=repr(text), error=exc)) from exc
    return _Period(start, end, precision)


def event_periods(events: pd.DataFrame) -> pd.DataFrame:
    """Work out the period each event covers, from its ``date`` and optional ``end_date``.

    Parameters
    ----------
    events : pandas.DataFrame
        A table with the columns ``date``, ``title`` and ``category`` (and optionally
        ``end_date``), like ``load("events")``. Dates are text (``YYYY``, ``YYYY-MM`` or
        ``YYYY-MM-DD``) or timestamps.

    Returns
    -------
    pandas.DataFrame
        One row per event, same index, with ``start`` and ``end`` (timestamps: the first and last
        day the date can mean) and ``precision`` (``"day"``, ``"month"`` or ``"year"``).

    Raises
    ------
    DataError
        If the table is empty, lacks a required column, or holds a date that cannot be read
        (the message names the row, the title and the value).

    Examples
    --------
    >>> table = pd.DataFrame({"date": ["1992", "2002-05-22"], "title": ["a", "b"],
    ...                       "category": ["diplomacy", "visit"]})
    >>> periods = event_periods(table)
    >>> periods["precision"].tolist()
    ['year', 'day']
    >>> str(periods["end"].iloc[0].date())
    '1992-12-31'
    """
    require_table(events, REQUIRED_COLUMNS, "events", "plot_timeline")
    rows = []
    for position, (_index, event) in enumerate(events.iterrows(), start=1):
        title = str(event["title"])
        period = _parse_date(event["date"], position, "date", title)
        if period is None:
            raise DataError(
                _("plot_timeline: row {row} ({title}) has no date; every event needs one").format(
                    row=position, title=repr(title))
            )
        start, end, precision = period.start, period.end, period.precision
        if "end_date" in events.columns:
            until = _parse_date(event["end_date"], position, "end_date", title)
            if until is not None:
                if until.end < start:
                    raise DataError(
                        _("plot_timeline: row {row} ({title}): end_date {end} comes before "
                          "date {start}").format(row=position, title=repr(title), end=until.end,
                                                 start=start)
                    )
                end = until.end
        rows.append({"start": pd.Timestamp(start), "end": pd.Timestamp(end),
                     "precision": precision})
    return pd.DataFrame(rows, index=events.index, columns=["start", "end", "precision"])


def format_date(date: str, end_date: str | None = None) -> str:
    """Write a partial date (and an optional last day) the way people read it.

    Parameters
    ----------
    date : str
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as in the ``date`` column of ``events``.
    end_date : str, optional
        The last day of a span (``YYYY-MM-DD``); empty or None for a single date.

    Returns
    -------
    str
        For example ``"20 October 1992"``, ``"September 2002"``, ``"1992"`` or
        ``"31 March – 1 April 2025"``, in the current language (Slovenian:
        ``"20. oktober 1992"``). Only as precise as the data: a year stays a year.

    Raises
    ------
    DataError
        If a date cannot be read.

    Examples
    --------
    >>> format_date("1992-10-20")
    '20 October 1992'
    >>> format_date("2002-09"), format_date("1992")
    ('September 2002', '1992')
    >>> format_date("2002-09-23", "2002-09-24")
    '23–24 September 2002'
    >>> from kzsi_helpers.i18n.language import use_language
    >>> with use_language("sl"):
    ...     format_date("1992-10-20"), format_date("2002-09")
    ('20. oktober 1992', 'september 2002')
    """
    first = _parse_date(date, 1, "date", str(date))
    if first is None:
        raise DataError(_("format_date: the date is empty"))
    if first.precision == "year":
        text = str(first.start.year)
    elif first.precision == "month":
        text = format_month(first.start)
    else:
        text = format_day(first.start)
    last = _parse_date(end_date, 1, "end_date", str(date)) if end_date else None
    if last is None or last.end == first.end:
        return text
    if first.precision != "day":
        return f"{text} – {format_day(last.end)}"
    return format_day_span(first.start, last.end)
