"""Read the trade files a maintainer downloads: a Eurostat Comext export and a Kazakh bulletin table.

Two formats, as the course's sources publish them:

- **Eurostat Comext**, dataset DS-045409 ("EU trade since 1988 by HS2-4-6 and CN8"), exported from
  the Comext web application as a *relational view* CSV: one row per reporter, partner, product,
  flow, statistical procedure and month, with the columns ``REPORTER, PARTNER, PRODUCT, FLOW,
  STAT_PROCEDURE, PERIOD, VALUE_IN_EUR`` (periods such as ``Aug. 2024``, flows ``1-IMPORT`` and
  ``2-EXPORT``). :func:`read_comext` keeps Slovenia's trade with Kazakhstan, the product total
  (``TOTAL``, so product detail rows are not added twice) and the total procedure.
- **Kazakhstan's Bureau of National Statistics**, bulletin *Основные показатели внешней торговли
  Республики Казахстан*: one sheet per period, titled ``2023 год`` or ``за январь-декабрь 2019
  года``, in thousand US dollars, one row per country with turnover, exports and imports.
  :func:`read_bns` reads the ``.xls`` file (this needs the ``xlrd`` package) or a sheet saved as
  CSV, and returns Slovenia's row of every sheet.

Both raise :class:`~kzsi_helpers.data.errors.DataError` naming the file (and line) when the file is not in
the expected format.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from kzsi_helpers.data.errors import DataError
from kzsi_helpers.trade.amounts import parse_amount

__all__ = ["MonthValue", "BnsYear", "read_comext", "read_bns", "MONTH_ABBR"]

#: Month abbreviations used in Comext periods ("Jan.", ..., "May.", ...).
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
COMEXT_COLUMNS = ("REPORTER", "PARTNER", "PRODUCT", "FLOW", "PERIOD", "VALUE_IN_EUR")
COMEXT_FLOWS = {"1-IMPORT": "si_imports_from_kz", "2-EXPORT": "si_exports_to_kz"}
_RU_MONTHS = {"январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6,
              "июль": 7, "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12}


@dataclass(frozen=True)
class MonthValue:
    """One month of one flow from a Comext export (euros)."""

    year: int
    month: int
    flow: str
    value_eur: float
    line: int


@dataclass(frozen=True)
class BnsYear:
    """Slovenia's row of one sheet of a Kazakh bulletin (thousand US dollars, as published)."""

    year: int
    months: int
    exports: str
    imports: str
    turnover: str
    sheet: str
    line: int = 0  #: the line of Slovenia's row in the sheet (1 is the first), for messages


def _comext_period(text: str) -> tuple[int, int] | None:
    """Parse ``Aug. 2024`` (also ``2024-08`` and ``2024M08``) into (year, month)."""
    text = text.strip()
    match = re.fullmatch(r"([A-Z][a-z]{2})\.?\s+(\d{4})", text)
    if match and match.group(1) in MONTH_ABBR:
        return int(match.group(2)), MONTH_ABBR.index(match.group(1)) + 1
    match = re.fullmatch(r"(\d{4})(?:-|M)(\d{2})", text)
    if match and 1 <= int(match.group(2)) <= 12:
        return int(match.group(1)), int(match.group(2))
    return None


def read_comext(path: str | Path, reporter: str = "Slovenia",
                partner: str = "Kazakhstan") -> list[MonthValue]:
    """Read a Comext relational-view CSV and return the monthly totals for one pair of countries.

    Parameters
    ----------
    path : str or path-like
        The CSV file exported from Comext.
    reporter, partner : str
        The countries as Comext names them.

    Returns
    -------
    list of MonthValue
        One item per flow and month, in file order.

    Raises
    ------
    DataError
        If a column is missing, a period, flow or value cannot be read, a month appears twice, or
        the file has no product-total rows for the pair.

    Examples
    --------
    >>> from kzsi_helpers.course.paths import course_root
    >>> rows = read_comext(course_root() / "tests" / "fixtures" / "comext_2025_jan_aug.csv")
    >>> sorted({r.flow for r in rows}), len(rows)
    (['si_exports_to_kz', 'si_imports_from_kz'], 16)
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot be read as a UTF-8 text file ({exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in COMEXT_COLUMNS if c not in header]
    first = text.splitlines()[0] if text.strip() else ""
    for mark, name in (("\t", "tabs"), (";", "semicolons")):
        if missing and len(header) <= 1 and mark in first:
            raise DataError(f"{path}, line 1: the columns are separated by {name}, but a Comext "
                            "relational-view export separates them with commas: export it again "
                            "as CSV (comma-separated)")
    if missing:
        raise DataError(f"{path}, line 1: not a Comext relational-view export: missing column(s) "
                        f"{', '.join(missing)} (expected {', '.join(COMEXT_COLUMNS)})")
    out: list[MonthValue] = []
    seen: dict[tuple[int, int, str], int] = {}
    products: set[str] = set()
    for line, raw in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        if row["REPORTER"] != reporter or row["PARTNER"] != partner:
            continue
        products.add(row["PRODUCT"])
        if not row["PRODUCT"].upper().startswith("TOTAL"):
            continue  # product detail: the TOTAL row already holds it
        if row.get("STAT_PROCEDURE", "T-Total") not in ("T-Total", "TOTAL", ""):
            continue  # a single procedure; the total procedure holds it
        period = _comext_period(row["PERIOD"])
        if period is None:
            raise DataError(f"{path}, line {line}, column 'PERIOD': expected a month such as "
                            f"'Aug. 2024', found {row['PERIOD']!r}")
        flow = COMEXT_FLOWS.get(row["FLOW"])
        if flow is None:
            raise DataError(f"{path}, line {line}, column 'FLOW': expected one of "
                            f"{', '.join(COMEXT_FLOWS)}, found {row['FLOW']!r}")
        try:
            value = float(parse_amount(row["VALUE_IN_EUR"]))
        except ValueError as exc:
            raise DataError(f"{path}, line {line}, column 'VALUE_IN_EUR': expected a number of "
                            f"euros: {exc}") from None
        if value < 0:
            raise DataError(f"{path}, line {line}, column 'VALUE_IN_EUR': negative value {value}")
        key = (*period, flow)
        if key in seen:
            raise DataError(f"{path}, line {line}: {row['FLOW']} for {row['PERIOD']} appears twice "
                            f"(also line {seen[key]})")
        seen[key] = line
        out.append(MonthValue(period[0], period[1], flow, value, line))
    if not out:
        found = f" (products found: {', '.join(sorted(products))})" if products else ""
        raise DataError(f"{path}: no product-total rows (PRODUCT 'TOTAL', all procedures) for "
                        f"reporter {reporter!r} and partner {partner!r}{found}")
    return out


def _grid_from_csv(path: Path) -> dict[str, list[list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot be read as a UTF-8 text file ({exc})") from None
    dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else csv.excel
    return {path.stem: [list(r) for r in csv.reader(io.StringIO(text), dialect)]}


def _grid_from_xls(path: Path) -> dict[str, list[list[str]]]:
    try:
        import xlrd  # noqa: F401  (only needed for the bureau's .xls files)
    except ImportError:
        raise DataError(f"{path}: reading .xls files needs the xlrd package "
                        "(python -m pip install xlrd), or save the sheet as CSV") from None
    import pandas as pd

    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=object)
    except Exception as exc:  # xlrd raises its own error types for broken files
        raise DataError(f"{path}: not a readable Excel file ({exc})") from None
    return {name: [["" if pd.isna(v) else (repr(v) if isinstance(v, float) else str(v))
                    for v in row] for row in frame.itertuples(index=False)]
            for name, frame in sheets.items()}


def _bns_sheet(path: Path, name: str, grid: list[list[str]], country: str) -> BnsYear | None:
    """Slovenia's row of one sheet, or None if the sheet is not a country table."""
    cells = [c.strip() for row in grid[:8] for c in row if c and c.strip()]
    header = next((i for i, row in enumerate(grid[:12])
                   if any(c.strip() == "Товарооборот" for c in row)), None)
    if header is None:
        return None  # a cover, contents or notes sheet
    columns = {c.strip(): j for j, c in enumerate(grid[header]) if c and c.strip()}
    if not {"Товарооборот", "Экспорт", "Импорт"} <= set(columns):
        raise DataError(f"{path}, sheet {name!r}, line {header + 1}: expected the columns "
                        "Товарооборот, Экспорт and Импорт")
    if not any("тыс. долларов США" in c for c in cells):
        raise DataError(f"{path}, sheet {name!r}: the unit 'тыс. долларов США' (thousand US "
                        "dollars) was not found above the table")
    year = months = None
    for cell in cells:
        whole = re.search(r"(\d{4})\s+год\b", cell)
        part = re.search(r"январь\s*-\s*([а-я]+)\s+(\d{4})", cell)
        if part and part.group(1) in _RU_MONTHS:
            year, months = int(part.group(2)), _RU_MONTHS[part.group(1)]
            break
        if whole:
            year, months = int(whole.group(1)), 12
            break
    if year is None or months is None:
        raise DataError(f"{path}, sheet {name!r}: no period such as '2023 год' or "
                        "'за январь-декабрь 2019 года' above the table")
    for i, row in enumerate(grid[header + 1:], start=header + 2):
        if row and row[0].strip() == country:
            values = []
            for col in ("Экспорт", "Импорт", "Товарооборот"):
                try:
                    text = parse_amount(row[columns[col]])
                except ValueError as exc:
                    raise DataError(f"{path}, sheet {name!r}, line {i}, column {col!r}: expected "
                                    f"a number: {exc}") from None
                values.append(text)
            exports, imports, turnover = values
            return BnsYear(year, months, exports, imports, turnover, sheet=name, line=i)
    raise DataError(f"{path}, sheet {name!r}: no row for {country!r}")


def read_bns(path: str | Path, country: str = "Словения") -> list[BnsYear]:
    """Read a Kazakh bulletin table and return Slovenia's row of every period in it.

    Parameters
    ----------
    path : str or path-like
        The bureau's ``.xls`` file, or one sheet of it saved as CSV.
    country : str
        The country's name as the bulletin writes it.

    Returns
    -------
    list of BnsYear
        One item per sheet that holds a country table.

    Raises
    ------
    DataError
        If no sheet is a country table, or a table lacks the unit, the period, the columns or the
        country's row.

    Examples
    --------
    >>> from kzsi_helpers.course.paths import course_root
    >>> rows = read_bns(course_root() / "tests" / "fixtures" / "bns_2023.csv")
    >>> [(r.year, r.months, r.exports) for r in rows]
    [(2023, 12, '2735.7098')]
    """
    path = Path(path)
    grids = _grid_from_xls(path) if path.suffix.lower() in (".xls", ".xlsx") else _grid_from_csv(path)
    found = [y for name, grid in grids.items() if (y := _bns_sheet(path, name, grid, country))]
    if not found:
        raise DataError(f"{path}: not a bulletin table of the Bureau of National Statistics: no "
                        "sheet has the columns Товарооборот, Экспорт and Импорт")
    return found
