"""The rows an import adds, read from each kind of file: Eurostat's Comext extract, the Kazakh bulletin.

Each row carries, under :data:`ORIGIN`, where it comes from in the input file (the lines summed, or
the sheet and line), so that an error found later can point the maintainer at the input.
:func:`restatus` keeps a row's own note when only its status changes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from kzsi_helpers.data.errors import DataError
from kzsi_helpers.trade.formats import MONTH_ABBR, read_bns, read_comext

__all__ = ["FLOW_ORDER", "ORIGIN", "restatus", "eurostat_rows", "bns_rows"]

#: The order of the two flows of a year in ``trade_si``.
FLOW_ORDER = {"si_exports_to_kz": 0, "si_imports_from_kz": 1}

#: Key of a new row's origin in the input file (kept out of the table itself).
ORIGIN = "_from"

_STATUS_WORD = re.compile(r"^(Provisional|Final)\b[:.]?\s*", re.IGNORECASE)


def restatus(note: str, status: str) -> str:
    """Keep a row's note and change only its status word (the note's first word).

    Examples
    --------
    >>> restatus("Provisional: Jan-Aug; checked by hand against the bulletin.", "final")
    'Final: Jan-Aug; checked by hand against the bulletin.'
    >>> restatus("Figures from the yearbook.", "final")
    'Final: Figures from the yearbook.'
    """
    return f"{status.capitalize()}: {_STATUS_WORD.sub('', note, count=1)}".rstrip()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def eurostat_rows(path: Path, status: str, source_id: str) -> list[dict[str, str]]:
    """Turn a Comext extract into one row of ``trade_si`` per year and flow (months summed).

    Examples
    --------
    >>> from kzsi_helpers.course.paths import course_root
    >>> rows = eurostat_rows(course_root() / "tests" / "fixtures" / "comext_2025_jan_aug.csv",
    ...                      "provisional", "eurostat-comext-exports")
    >>> [(r["year"], r["flow"], r["months_covered"]) for r in rows][0]
    ('2025', 'si_exports_to_kz', '8')
    """
    months: dict[tuple[int, str], dict[int, float]] = defaultdict(dict)
    lines: dict[tuple[int, str], list[int]] = defaultdict(list)
    for item in read_comext(path):
        months[(item.year, item.flow)][item.month] = item.value_eur
        lines[(item.year, item.flow)].append(item.line)
    rows = []
    for (year, flow), values in sorted(months.items(), key=lambda kv: (kv[0][0],
                                                                         FLOW_ORDER[kv[0][1]])):
        covered = sorted(values)
        if covered != list(range(1, len(covered) + 1)):
            gaps = [MONTH_ABBR[m - 1] for m in range(1, max(covered) + 1) if m not in values]
            raise DataError(f"{path}: {flow} {year} lacks {', '.join(gaps)}: the table records "
                            "months from January onwards, without gaps")
        period = f"Jan-{MONTH_ABBR[len(covered) - 1]}"
        rows.append({"year": str(year), "flow": flow, "value_eur": _number(sum(values.values())),
                     "months_covered": str(len(covered)), "period": period,
                     "source_ids": source_id, "confidence": "high",
                     "note": f"{status.capitalize()}: sum of the monthly values {period} {year} "
                             f"in the Comext extract {path.name}.",
                     ORIGIN: f"{path}, lines {', '.join(map(str, sorted(lines[(year, flow)])))}"})
    return rows


def _decimals(*texts: str) -> int:
    return max((len(t.split(".")[1]) if "." in t else 0) for t in texts)


def bns_rows(path: Path, status: str, source_id: str) -> list[dict[str, str]]:
    """Turn a Kazakh bulletin into one row of ``trade_kz`` per whole year, checked by its sum.

    Examples
    --------
    >>> from kzsi_helpers.course.paths import course_root
    >>> row = bns_rows(course_root() / "tests" / "fixtures" / "bns_2023.csv", "final",
    ...                "bns-trade-bulletins")[0]
    >>> row["turnover"], row["_from"].endswith("line 10")
    ('111504.35667', True)
    """
    rows = []
    for item in read_bns(path):
        if item.months != 12:
            raise DataError(f"{path}, sheet {item.sheet!r}: covers {item.months} month(s) of "
                            f"{item.year} only (Jan-{MONTH_ABBR[item.months - 1]}); trade_kz holds "
                            "whole years (it has no column for the months covered)")
        places = _decimals(item.exports, item.imports, item.turnover)
        rounding = 10.0 ** -places
        exports, imports, turnover = (float(v) for v in (item.exports, item.imports, item.turnover))
        if abs(exports + imports - turnover) > 1.5 * rounding + 1e-9:
            raise DataError(f"{path}, sheet {item.sheet!r}: exports {item.exports} plus imports "
                            f"{item.imports} do not make the turnover {item.turnover}; wrong columns?")
        rows.append({"year": str(item.year), "kz_exports_to_si": _number(exports),
                     "kz_imports_from_si": _number(imports), "turnover": _number(turnover),
                     "rounding": f"{rounding:.{places}f}" if places else "1",
                     "source_ids": source_id, "confidence": "high",
                     "note": f"{status.capitalize()}: from the bulletin table {path.name}, sheet "
                             f"{item.sheet!r}, thousand USD as published.",
                     ORIGIN: f"{path}, sheet {item.sheet!r}, line {item.line}"})
    return rows
