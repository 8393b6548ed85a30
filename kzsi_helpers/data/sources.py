"""Turn source ids into citations for a lesson's *Sources* section."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable

import pandas as pd

from kzsi_helpers.data.errors import DataError
from kzsi_helpers.data.freshness import stored_date
from kzsi_helpers.data.rules import split_ids
from kzsi_helpers.data.tables import load
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["cite", "sources_section", "collect_ids"]

#: The names of the sources' languages (English; shown through ``_()``).
_LANGUAGES = {
    "en": N_("English"), "sl": N_("Slovene"), "ru": N_("Russian"), "kk": N_("Kazakh"),
    "de": N_("German"), "it": N_("Italian"), "hu": N_("Hungarian"), "ca": N_("Catalan"),
    "sh": N_("Serbo-Croatian"),
}


def collect_ids(*items: str | Iterable[str] | pd.DataFrame) -> list[str]:
    """Gather source ids from strings, lists of ids and tables, without repeats.

    Parameters
    ----------
    *items : str, iterable of str, or pandas.DataFrame
        ``"a;b"`` strings, lists of ids, or tables with a ``source_ids`` column.

    Returns
    -------
    list of str
        The ids in the order first seen.

    Examples
    --------
    >>> collect_ids("kazinform-2022;mfa-kz-povir", ["kazinform-2022"])
    ['kazinform-2022', 'mfa-kz-povir']
    """
    seen: dict[str, None] = {}
    for item in items:
        if isinstance(item, pd.DataFrame):
            cells: Iterable[str] = item["source_ids"].astype(str) if "source_ids" in item else []
        elif isinstance(item, str):
            cells = [item]
        else:
            cells = item
        for cell in cells:
            for source_id in split_ids(cell):
                seen.setdefault(source_id, None)
    return list(seen)


def cite(
    *items: str | Iterable[str] | pd.DataFrame, data_dir: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Look up sources by id and return them as a citation table.

    Parameters
    ----------
    *items : str, iterable of str, or pandas.DataFrame
        Source ids (``"a;b"`` or a list) or tables with a ``source_ids`` column.
    data_dir : str or path-like, optional
        The data folder (default: the course's ``data/``).

    Returns
    -------
    pandas.DataFrame
        One row per id, in the order given, with ``id``, ``citation`` (plain text) and ``url``.

    Raises
    ------
    DataError
        If an id is not in ``sources.csv``.

    Examples
    --------
    >>> cite("kazinform-2022")["citation"].item()[:30]
    'Kazinform (citing the press se'
    """
    ids = collect_ids(*items)
    sources = load("sources", data_dir).set_index("id")
    unknown = [i for i in ids if i not in sources.index]
    if unknown:
        raise DataError(_("sources.csv: no source with id {ids}").format(
            ids=", ".join(map(repr, unknown))))
    rows = []
    for source_id in ids:
        s = sources.loc[source_id]
        date = f" ({stored_date(str(s['published']))})" if s["published"] else ""
        code = str(s["language"])
        language = _(_LANGUAGES[code]) if code in _LANGUAGES else code
        rows.append(
            {
                "id": source_id,
                "citation": f"{s['publisher']}{date}. {s['title']}. "
                + _("In {language}.").format(language=language),
                "url": str(s["url"]),
                "publisher": f"{s['publisher']}{date}",
                "title": str(s["title"]),
                "language": language,
            }
        )
    return pd.DataFrame(rows, columns=["id", "citation", "url", "publisher", "title", "language"])


def _markdown_text(text: str) -> str:
    """Escape text for Markdown: HTML special characters and link brackets."""
    escaped = html.escape(str(text), quote=False)
    return escaped.replace("[", "\\[").replace("]", "\\]").replace("*", "\\*").replace("_", "\\_")


class _SourceList:
    """A list of citations that shows as Markdown in Jupyter and as text elsewhere."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.table = table

    def _repr_markdown_(self) -> str:
        lines = []
        for row in self.table.itertuples(index=False):
            publisher = _markdown_text(row.publisher)
            title = _markdown_text(row.title)
            url = html.escape(row.url, quote=True).replace(")", "%29").replace("(", "%28")
            lines.append(f"- **{row.id}**: {publisher}. [{title}]({url}). "
                         + _("In {language}.").format(language=row.language))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return "\n".join(
            f"[{row.id}] {row.citation} {row.url}" for row in self.table.itertuples(index=False)
        )


def sources_section(
    *items: str | Iterable[str] | pd.DataFrame, data_dir: str | os.PathLike[str] | None = None
) -> _SourceList:
    """Build the *Sources* list of a lesson from ids and tables.

    Parameters
    ----------
    *items : str, iterable of str, or pandas.DataFrame
        Source ids, or tables whose ``source_ids`` column should be cited.
    data_dir : str or path-like, optional
        The data folder (default: the course's ``data/``).

    Returns
    -------
    object
        Displays as a Markdown list in Jupyter (text escaped) and as plain lines elsewhere; its
        ``table`` attribute is the DataFrame from :func:`cite`.

    Examples
    --------
    >>> section = sources_section("kazinform-2022")
    >>> section.table["id"].tolist()
    ['kazinform-2022']
    """
    return _SourceList(cite(*items, data_dir=data_dir))
