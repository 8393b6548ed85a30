"""Exercises for lesson 08, *How do we know?*: who speaks, four verdicts, the first worked cases.

Questions
---------
q1
    Fill in the blank: count the sources in the table that come from Kazinform, the article's
    own outlet (``len`` of a filtered table).
q3
    In the article's words, which part of the summit claim does no other source confirm?
q4
    Discussion: why might a ministry's article call a partisan park a Soviet memorial?
q5
    Fill in the blanks: work out the hero's year of death from the ministry's report.

The lesson also uses :func:`show_claim` (one claim as a card) and :func:`other_publishers`.

Examples
--------
>>> from kzsi_helpers.exercises import lesson08 as ex
>>> ex.q1.check().status
'not attempted'
>>> ex.q3.check("z").status
'incorrect'
"""

from __future__ import annotations

import csv
import re
import textwrap
from functools import cache
from typing import Any

from kzsi_helpers.data.tables import data_folder, read_package
from kzsi_helpers.exercises.checkers import Verdict, letter_answer, normalize_answer
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.i18n.datatext import TEXT_COLUMNS, translate_cell
from kzsi_helpers.i18n.language import current_language
from kzsi_helpers.i18n.messages import N_, _, messages

__all__ = ["q1", "q3", "q4", "q5", "HELD_BACK", "VERDICTS", "VERDICT_SYNONYMS", "SUMMIT_PARTS",
           "SAME_ORIGIN_MARK", "claim_verdict", "read_verdict", "show_claim", "other_publishers",
           "same_origin_ids", "years_grave_tended"]

#: Claims held back from lesson 08's table: lesson 09 asks students to argue them.
HELD_BACK = ("company-list", "parliamentary-friendship-groups")
#: Text in a source's publisher that marks it as the article's own outlet (Kazinform / Qazinform).
SAME_ORIGIN_MARK = "Kazinform"


class _Sentences(dict):
    """A dict of sentences marked with ``N_``: reading one by its key gives it in the current language."""

    def __getitem__(self, key: str) -> str:
        return _(super().__getitem__(key))


def _verdicts() -> list[str]:
    for resource in read_package()["resources"]:
        if resource["name"] == "claims":
            for field in resource["schema"]["fields"]:
                if field["name"] == "verdict":
                    return list(field["constraints"]["enum"])
    raise LookupError("datapackage.json: the claims table has no verdict field")


#: The four verdicts, in the order the data package declares them.
VERDICTS: list[str] = _verdicts()

#: Other words a student may reasonably type for a verdict.
VERDICT_SYNONYMS: dict[str, list[str]] = {
    "supported": ["confirmed", "true"],
    "partly supported": ["partially supported", "partly confirmed", "partially confirmed",
                         "part supported", "half supported"],
    "not verified": ["unverified", "not confirmed", "unconfirmed", "cannot be verified",
                     "can't be verified", "not verifiable"],
    "contradicted": ["false", "refuted", "disproved", "wrong"],
}

#: The verdicts' names for the catalogues: a student may answer in the lesson's language too.
VERDICT_NAMES = {"supported": N_("supported"), "partly supported": N_("partly supported"),
                 "not verified": N_("not verified"), "contradicted": N_("contradicted")}


def read_verdict(value: Any) -> str | None:
    """Read a typed verdict however it is written; None if it is not one of the four.

    Examples
    --------
    >>> [read_verdict(v) for v in ["Partially supported.", " NOT-verified ", "maybe"]]
    ['partly supported', 'not verified', None]
    """
    given = normalize_answer(value)
    for verdict in VERDICTS:
        if given == verdict or given in VERDICT_SYNONYMS.get(verdict, []):
            return verdict
        if given == normalize_answer(_(VERDICT_NAMES[verdict])):  # the verdict in the lesson's language
            return verdict
    return None


def _rows(table: str) -> tuple[dict[str, str], ...]:
    return _rows_in(table, current_language())


@cache
def _rows_in(table: str, language: str) -> tuple[dict[str, str], ...]:
    """Read a table's rows as text, their text columns in ``language`` (as ``load`` gives them)."""
    with open(data_folder() / f"{table}.csv", newline="", encoding="utf-8") as fh:
        rows = tuple(csv.DictReader(fh))
    catalog = messages(language, "data")
    if catalog is None:
        return rows
    for row in rows:
        for column in TEXT_COLUMNS.get(table, ()):
            if column in row:
                row[column] = translate_cell(table, row, column, catalog)
    return rows


def _row(table: str, row_id: str) -> dict[str, str]:
    for row in _rows(table):
        if row["id"] == row_id:
            return row
    raise KeyError(_("data/{table}.csv has no row with id {row_id!r}").format(table=table, row_id=row_id))


def claim_verdict(claim_id: str) -> str:
    """Return the verdict recorded in ``data/claims.csv`` for one claim.

    Examples
    --------
    >>> claim_verdict("povir-2018-ceremony") in VERDICTS
    True
    """
    return _row("claims", claim_id)["verdict"]


def same_origin_ids() -> list[str]:
    """Ids of the sources whose publisher is Kazinform (the article's own outlet).

    Examples
    --------
    >>> "kazinform-2022" in same_origin_ids()
    True
    """
    return [r["id"] for r in _rows("sources") if SAME_ORIGIN_MARK.lower() in r["publisher"].lower()]


def other_publishers(source_ids: str) -> str:
    """Name the publishers of a claim's sources that are not Kazinform, each once.

    Parameters
    ----------
    source_ids : str
        A ``source_ids`` cell (ids separated by ``;``).

    Examples
    --------
    >>> other_publishers("kazinform-2022")
    '(none)'
    """
    names = []
    for source_id in source_ids.split(";"):
        if source_id and source_id not in same_origin_ids():
            name = _row("sources", source_id)["publisher"]
            if name not in names:
                names.append(name)
    return "; ".join(names) or _("(none)")


def show_claim(claim_id: str) -> None:
    """Print one claim as a card: what it says, our verdict, the evidence, what stays open.

    Examples
    --------
    >>> show_claim("business-club-2014")  # doctest: +ELLIPSIS
    Claim (economy): Entrepreneurs ...
    """
    row = _row("claims", claim_id)
    parts = [_("Claim ({category}): {claim}").format(category=row["category"], claim=row["claim"]),
             _("Verdict: {verdict} (confidence: {confidence})").format(
                 verdict=row["verdict"], confidence=row["confidence"]),
             _("Evidence: {evidence}").format(evidence=row["evidence"])]
    if row["note"]:
        parts.append(_("Still open: {note}").format(note=row["note"]))
    parts.append(_("Sources: {ids}").format(ids=row["source_ids"].replace(";", ", ")))
    print("\n\n".join(textwrap.fill(part, 100) for part in parts))


# --- q1: the article's own outlet (blank) -----------------------------------------------------

def _kazinform_count(value: Any) -> Verdict:
    if hasattr(value, "columns") or isinstance(value, (list, tuple, set)):
        return Verdict(False, _("That is the table itself. Put it inside `len(...)` to get the "
                          "number of its rows."))
    if isinstance(value, bool) or not isinstance(value, int):
        if hasattr(value, "item") and not hasattr(value, "__len__"):
            value = value.item()  # a numpy number
        else:
            return Verdict(False, _("Your answer should be a whole number (no quotation marks)."))
    right = len(same_origin_ids())
    if value == right:
        return Verdict(True)
    if value == len(_rows("sources")):
        return Verdict(False, _("That is the number of all the sources. Count the filtered table "
                          "`kazinform_sources` instead."))
    if value == 1:
        return Verdict(False, _("That counts the article alone. Count every row of the filtered "
                          "table."))
    return Verdict(False, _("That is not the number of rows of `kazinform_sources`. Use "
                      "`len(kazinform_sources)`."))


q1 = Question(
    var="kazinform_count",
    checker=_kazinform_count,
    hints=[N_("Put the name of the filtered table, `kazinform_sources`, in the blank."),
           N_("`len(kazinform_sources)` counts its rows.")],
    solution="kazinform_count = len(kazinform_sources)",
    explanation=N_("All these sources come from the article's own outlet. None of them can confirm "
                   "the article."),
)


# --- q3: which part is not confirmed? --------------------------------------------------------

#: The options of q3: parts of the article's sentence about the OSCE summit in Astana.
SUMMIT_PARTS = _Sentences({
    "a": N_("that an OSCE summit was held in Astana"),
    "b": N_("that Slovenia supported holding the summit in Astana"),
    "c": N_("that Slovenia was one of the first to support it"),
})
_Q3_WRONG = {
    "a": N_("The OSCE's own page confirms that the summit took place. Look for a part that no "
            "source besides the article speaks about."),
    "b": N_("A 2010 news report has a Kazakh ambassador thanking Slovenia, among others, for its "
            "support. Which part goes further than that?"),
}


def _summit_part(value: Any) -> Verdict:
    letter = letter_answer(value)
    if letter not in SUMMIT_PARTS:
        return Verdict(False, _("Answer with the letter of one part: a, b or c."))
    if letter == "c":
        return Verdict(True)
    return Verdict(False, _(_Q3_WRONG[str(letter)]))


q3 = Question(
    var="unconfirmed_part",
    checker=_summit_part,
    hints=[N_("Print the card of the claim with `ex.show_claim(\"astana-summit-first-supporter\")` "
              "and read its evidence."),
           N_("Two of the parts are in the evidence. One part is only in the article.")],
    solution='unconfirmed_part = "c"',
    explanation=N_("The OSCE confirms the summit, and a Kazakh ambassador thanked Slovenia for its "
                   "support in 2010. Nothing shows that Slovenia was *one of the first*."),
)


# --- q4: discussion ---------------------------------------------------------------------------

q4 = Question(
    var="",
    checker=None,
    hints=[N_("Think about who wrote the article, for which readers, and on which occasion.")],
    solution=N_(
        "There is no single answer. The article was written by the Kazakh side for an "
        "anniversary, to stress a shared past. Seen from Kazakhstan, a partisan park where "
        "Soviet fighters are also remembered can be described by what it means to Kazakh "
        "readers, not by its Slovene name. An official-sounding text can be sincere and still "
        "imprecise: check names and places against local sources."
    ),
    solution_is_code=False,
)


# --- q5: a year worked out (blanks) -----------------------------------------------------------

def years_grave_tended() -> int:
    """Read how many years the villagers of Povir had tended the grave (the claim's evidence).

    Examples
    --------
    >>> years_grave_tended() > 50
    True
    """
    # the number is read from the English text, the one the pattern is written for
    evidence = next(r for r in _rows_in("claims", "en") if r["id"] == "kasse-sebero")["evidence"]
    found = re.search(r"(\d+) years", evidence)
    if found is None:
        raise LookupError("data/claims.csv, claim 'kasse-sebero': its evidence gives no 'N years'")
    return int(found.group(1))


def _report_year() -> int:
    return int(_row("sources", "mfa-kz-povir")["published"][:4])


def _estimated_year(value: Any) -> Verdict:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if hasattr(value, "item") and not hasattr(value, "__len__"):
            value = value.item()  # a numpy number
        else:
            return Verdict(False, _("Your answer should be a number (no quotation marks)."))
    report, years = _report_year(), years_grave_tended()
    if value == report - years:
        return Verdict(True)
    if value == report + years:
        return Verdict(False, _("You added the two numbers. The villagers tended the grave "
                          "*before* the report: subtract."))
    if value in (report, years):
        return Verdict(False, _("That is one of the two numbers. The year of death is the one "
                          "worked out from both."))
    return Verdict(False, _("Not the difference of the two numbers: take the year the report "
                      "was published, and subtract the years the grave was tended."))


q5 = Question(
    var="estimated_year",
    checker=_estimated_year,
    hints=[N_("The report's year is printed above. The number of years is in the evidence of "
              "the claim's card."),
           N_("Take the year of the report and subtract the number of years.")],
    solution="estimated_year = report_year - years_tended",
    explanation=N_("This is the year the article states. But it is worked out from a rounded "
                   "number of years, so it is an estimate."),
)
