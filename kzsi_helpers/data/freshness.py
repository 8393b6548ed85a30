"""How old the course's facts are, worked out from the data rather than typed into the lessons.

Two questions a reader should be able to answer on every page: *when were these facts last
checked?* and *how far does each statistical series go?* Both answers come from ``data/``:

- the day the facts were last checked is declared once, in ``datapackage.json`` (the top-level
  property ``kzsi:factsChecked``), and the newest dated source is read from ``sources.csv``;
- the last period of each trade series (year, months covered, provisional or final) is read from
  ``trade_kz.csv`` and ``trade_si.csv``. A row's status is the first word of its note:
  ``Provisional`` or ``Final`` (the convention ``python -m kzsi_helpers import-trade`` writes);
  a note that starts otherwise gives ``not stated``.

The module reads the CSV files with pandas and ``json`` only (no Frictionless, no nbformat), so it
works in the browser edition of the course as well.

Examples
--------
>>> checked_line().startswith("Facts last checked on ")
True
"""

from __future__ import annotations

import datetime as _dt
import os
import re

import pandas as pd

from kzsi_helpers.data.errors import DataError
from kzsi_helpers.data.tables import data_folder, read_package
from kzsi_helpers.i18n.formats import format_day, format_month
from kzsi_helpers.i18n.language import SOURCE, current_language
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["facts_checked", "newest_source", "record_status", "series_coverage", "checked_line",
           "coverage_lines", "press_checks", "format_partial_date", "period_words", "stored_date"]

#: Top-level property of ``datapackage.json`` that holds the day the facts were last checked.
CHECKED_PROPERTY = "kzsi:factsChecked"
#: The words a trade row's note may start with to give its status.
STATUSES = ("provisional", "final")
#: How the trade tables write the months of a period (``Jan-Aug``).
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                       "Dec")
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PERIOD = re.compile(r"^([A-Z][a-z]{2})-([A-Z][a-z]{2})$")
#: The trade series of the course: (series label, table, flow or None for trade_kz). The labels
#: are English; :func:`coverage_lines` shows them through ``_()``.
SERIES = (
    (N_("Kazakhstan's records (BNS), exports and imports"), "trade_kz", None),
    (N_("Slovenia's exports to Kazakhstan (Eurostat)"), "trade_si", "si_exports_to_kz"),
    (N_("Slovenia's imports from Kazakhstan (Eurostat)"), "trade_si", "si_imports_from_kz"),
)
_STATUS_WORDS = {"provisional": N_("figures provisional"), "final": N_("figures final"),
                 "not stated": N_("status not stated")}


def _table(name: str, data_dir: str | os.PathLike[str] | None) -> pd.DataFrame:
    """Read one table as text, without validation (that is ``load``'s job)."""
    folder = data_folder(data_dir)
    resources = {r["name"]: r for r in read_package(folder)["resources"]}
    if name not in resources:
        raise DataError(f"{folder / 'datapackage.json'}: no table named {name!r}")
    path = folder / resources[name]["path"]
    if not path.is_file():
        raise DataError(f"{path}: file not found (table {name!r})")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def format_partial_date(text: str) -> str:
    """Write a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date in words.

    Parameters
    ----------
    text : str
        The date as the tables store it.

    Returns
    -------
    str
        For example ``"3 March 2026"``, ``"March 2026"`` or ``"2026"``.

    Raises
    ------
    ValueError
        If ``text`` is not such a date.

    Examples
    --------
    >>> format_partial_date("2026-03-03"), format_partial_date("2024-09"), format_partial_date("2019")
    ('3 March 2026', 'September 2024', '2019')
    """
    match = _PARTIAL.match(text.strip())
    if not match:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {text!r}")
    year, month, day = match.groups()
    if month is None:
        return year
    if day is None:
        return format_month(_dt.date(int(year), int(month), 1))
    return format_day(_dt.date(int(year), int(month), int(day)))


def stored_date(text: str) -> str:
    """Show a date of a table: as stored (``2022-10-20``) in English, in words in other languages.

    Examples
    --------
    >>> from kzsi_helpers.i18n.language import use_language
    >>> stored_date("2022-10-20")
    '2022-10-20'
    >>> with use_language("sl"):
    ...     stored_date("2022-10-20"), stored_date("not a date")
    ('20. oktober 2022', 'not a date')
    """
    if current_language() == SOURCE:
        return text
    try:
        return format_partial_date(text)
    except ValueError:  # a date of another form is shown as it is
        return text


def period_words(period: str) -> str:
    """Write a period of months as the trade tables store it (``Jan-Aug``) in the current language.

    Parameters
    ----------
    period : str
        ``Mmm-Mmm`` with the English abbreviations of :data:`MONTH_ABBREVIATIONS`.

    Returns
    -------
    str
        The period unchanged in English; in another language with its abbreviations from CLDR
        (``jan.–avg.`` in Slovenian). Text of another form is returned unchanged.

    Examples
    --------
    >>> from kzsi_helpers.i18n.language import use_language
    >>> period_words("Jan-Aug")
    'Jan-Aug'
    >>> with use_language("sl"):
    ...     period_words("Jan-Aug")
    'jan.–avg.'
    """
    language = current_language()
    match = _PERIOD.match(str(period).strip())
    if language == SOURCE or not match or not set(match.groups()) <= set(MONTH_ABBREVIATIONS):
        return period
    from babel.dates import get_month_names

    names = get_month_names("abbreviated", context="stand-alone", locale=language)
    first, last = (MONTH_ABBREVIATIONS.index(m) + 1 for m in match.groups())
    return f"{names[first]}–{names[last]}"


def facts_checked(data_dir: str | os.PathLike[str] | None = None) -> _dt.date:
    """Return the day the course's facts were last checked against their sources.

    Parameters
    ----------
    data_dir : str or path-like, optional
        The data folder (default: the course's ``data/``).

    Returns
    -------
    datetime.date
        The value of ``kzsi:factsChecked`` in ``datapackage.json``.

    Raises
    ------
    DataError
        If the property is missing or is not a date ``YYYY-MM-DD``.

    Examples
    --------
    >>> facts_checked() >= _dt.date(2026, 3, 3)  # not before the newest source
    True
    """
    value = read_package(data_dir).get(CHECKED_PROPERTY)
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataError(f"datapackage.json: property {CHECKED_PROPERTY!r} should be a date "
                        f"YYYY-MM-DD, found {value!r}") from None


def newest_source(data_dir: str | os.PathLike[str] | None = None) -> pd.Series:
    """Return the most recently published source (by its ``published`` date).

    Parameters
    ----------
    data_dir : str or path-like, optional
        The data folder (default: the course's ``data/``).

    Returns
    -------
    pandas.Series
        The row of ``sources.csv`` with the latest ``published`` date (the first such row if
        several share it); sources without a date are ignored.

    Examples
    --------
    >>> row = newest_source()
    >>> row["published"] >= "2026"
    True
    """
    sources = _table("sources", data_dir)
    dated = sources[sources["published"] != ""].copy()
    # Sort by the first day of each period, so "2026" counts as 1 January 2026.
    dated["_start"] = dated["published"].map(lambda t: (t + "-01-01")[:10])
    return dated.sort_values("_start", kind="stable").iloc[-1].drop("_start")


def record_status(note: str) -> str:
    """Tell whether a trade row is provisional or final, from the first word of its note.

    Parameters
    ----------
    note : str
        The row's ``note``.

    Returns
    -------
    str
        ``"provisional"``, ``"final"`` or ``"not stated"``.

    Examples
    --------
    >>> record_status("Provisional: sum of the months January to August 2025.")
    'provisional'
    >>> record_status("Final. Sum of the monthly values.")
    'final'
    >>> record_status("Sum of the monthly values.")
    'not stated'
    """
    first = re.match(r"\s*([A-Za-z]+)", note or "")
    word = first.group(1).lower() if first else ""
    return word if word in STATUSES else "not stated"


def series_coverage(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Return the last period of each trade series.

    Parameters
    ----------
    data_dir : str or path-like, optional
        The data folder (default: the course's ``data/``).

    Returns
    -------
    pandas.DataFrame
        One row per series with ``series``, ``table``, ``flow``, ``last_year``,
        ``months_covered`` (12 for ``trade_kz``, which holds whole years only), ``period``,
        ``complete`` (all 12 months), ``status`` and ``source_ids``.

    Examples
    --------
    >>> cov = series_coverage()
    >>> cov.columns.tolist()
    ['series', 'table', 'flow', 'last_year', 'months_covered', 'period', 'complete', 'status', 'source_ids']
    >>> int(cov.loc[cov["table"] == "trade_kz", "months_covered"].item())
    12
    """
    rows = []
    for label, table, flow in SERIES:
        frame = _table(table, data_dir)
        if flow is not None:
            frame = frame[frame["flow"] == flow]
        if frame.empty:
            continue
        frame = frame.assign(_year=frame["year"].astype(int)).sort_values("_year", kind="stable")
        last = frame.iloc[-1]
        months = int(last["months_covered"]) if "months_covered" in frame else 12
        rows.append({
            "series": label, "table": table, "flow": flow or "",
            "last_year": int(last["_year"]), "months_covered": months,
            "period": last["period"] if "period" in frame else "Jan-Dec",
            "complete": months == 12, "status": record_status(last["note"]),
            "source_ids": last["source_ids"],
        })
    return pd.DataFrame(rows)


def checked_line(data_dir: str | os.PathLike[str] | None = None) -> str:
    """Write the line each lesson shows: when the facts were last checked, and the newest source.

    Parameters
    ----------
    data_dir : str or path-like, optional
        The data folder (default: the course's ``data/``).

    Returns
    -------
    str
        For example ``"Facts last checked on 2 December 2026; the newest source is dated
        3 March 2026."``

    Examples
    --------
    >>> "; the newest source is dated " in checked_line()
    True
    """
    checked = facts_checked(data_dir).isoformat()
    newest = newest_source(data_dir)["published"]
    return _("Facts last checked on {checked}; the newest source is dated {newest}.").format(
        checked=format_partial_date(checked), newest=format_partial_date(newest))


def coverage_lines(data_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Write one sentence per trade series: how far it goes and whether its last period is final.

    Parameters
    ----------
    data_dir : str or path-like, optional
        The data folder (default: the course's ``data/``).

    Returns
    -------
    list of str
        For example ``"Slovenia's exports to Kazakhstan (Eurostat): up to 2024, Jan-Aug only
        (8 of 12 months); status not stated."``

    Examples
    --------
    >>> lines = coverage_lines()
    >>> len(lines) == len(series_coverage())
    True
    """
    lines = []
    for row in series_coverage(data_dir).itertuples(index=False):
        span = (_("the whole year") if row.complete
                else _("{period} only ({months} of 12 months)").format(
                    period=period_words(row.period), months=row.months_covered))
        status = _(_STATUS_WORDS[row.status])
        lines.append(_("{series}: up to {year}, {span}; {status}.").format(
            series=_(row.series), year=row.last_year, span=span, status=status))
    return lines


def press_checks(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Say, for each press figure, whether a complete year of Slovenia's records can check it.

    A press figure names a year (its ``ref_period``, if the source states one). It can be checked
    only against a year for which ``trade_si`` has all 12 months of every flow the figure needs
    (both flows for turnover).

    Parameters
    ----------
    data_dir : str or path-like, optional
        The data folder (default: the course's ``data/``).

    Returns
    -------
    pandas.DataFrame
        The ``id``, ``measure`` and ``value_meur`` of each row of ``trade_press``, with
        ``ref_year`` (``<NA>`` when the year is not stated), ``checkable`` (bool) and ``reason``.

    Examples
    --------
    >>> checks = press_checks()
    >>> checks.columns.tolist()
    ['id', 'measure', 'value_meur', 'ref_year', 'checkable', 'reason']
    >>> bool(checks.loc[checks["ref_year"].isna(), "checkable"].any())
    False
    """
    press = _table("trade_press", data_dir)
    si = _table("trade_si", data_dir)
    whole = {(int(r.year), r.flow) for r in si.itertuples() if r.months_covered == "12"}
    rows = []
    for r in press.itertuples(index=False):
        # A year stated by the source: the ref_period is a bare year ("2024").
        stated = re.fullmatch(r"\s*(\d{4})\s*", r.ref_period)
        year = int(stated.group(1)) if stated else None
        needed = (["si_exports_to_kz", "si_imports_from_kz"] if r.measure == "turnover"
                  else [r.measure])
        if year is None:
            ok, reason = False, _("the source does not state the year")
        else:
            missing = [f for f in needed if (year, f) not in whole]
            ok = not missing
            reason = (_("a complete year of Slovenia's records exists") if ok else
                      _("no complete year {year} in Slovenia's records for {flows}").format(
                          year=year, flows=", ".join(missing)))
        rows.append({"id": r.id, "measure": r.measure, "value_meur": float(r.value_meur),
                     "ref_year": year, "checkable": ok, "reason": reason})
    out = pd.DataFrame(rows)
    out["ref_year"] = out["ref_year"].astype("Int64")
    return out
