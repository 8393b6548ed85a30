"""Exercises for lesson 03, *Remembering the Second World War: the memorials at Trnovo and Povir*.

Every expected answer that comes from the data is read from ``data/`` when the answer is
checked, so the questions stay right if the data are corrected. No message states the expected
value.

- ``q1`` ``stalag_answer``: two counts of Soviet prisoners at Stalag XVIII-D disagree: what do
  we do with them? (a letter);
- ``q2`` ``povir_confidence``: look up one cell of the places table (a blank to fill);
- ``q3``, ``q4``: dropped to fit the period (numbers not reused);
- ``q5`` ``memory_claims``: *Now you try*, filter the claims table on its category;
- ``q6`` (discussion): what would confirm the claim of Kazakhstani names at Trnovo?

Examples
--------
>>> from kzsi_helpers.exercises import lesson03 as ex
>>> ex.q1.check().status
'not attempted'
>>> ex.q1.check("C)").status
'correct'
>>> ex.q2.check("Medium.").status
'correct'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict, choice, letter_answer, normalize_answer
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["q1", "q2", "q5", "q6"]


def _letter_question(right: str, letters: str, hints: dict[str, str]) -> Any:
    """Make a multiple-choice checker that also says why a chosen wrong letter is wrong."""
    pick = choice(right, list(letters))

    def checker(value: Any) -> Verdict:
        verdict = pick(value)
        letter = letter_answer(value)
        if not verdict.correct and letter in hints:
            return Verdict(False, _(hints[letter]))
        return verdict

    return checker


# ---- q1: two figures that disagree ------------------------------------------------------------

q1 = Question(
    var="stalag_answer",
    checker=_letter_question("c", "abcd", {
        "a": N_("An average of two counts that disagree is a number that no source gives."),
        "b": N_("Adding them would count the same prisoners twice: both count arrivals in 1941."),
        "d": N_("Newer is not always better: read what each source counts, and who says it."),
    }),
    hints=[
        N_("Both figures count Soviet prisoners who came to Maribor in 1941. Can you know which "
           "one is right from what the lesson shows?"),
        N_("A careful writer never makes up a number that no source gives."),
    ],
    solution="stalag_answer = 'c'",
    explanation=N_("Show both counts, each with its source, and say that they disagree. The "
                   "figure 'more than 5,000 at one time' measures something else again."),
)


# ---- q2: one cell of the places table ---------------------------------------------------------


def _check_povir_confidence(value: Any) -> Verdict:
    places = load("places").set_index("id")
    if isinstance(value, (pd.Series, pd.DataFrame)):
        return Verdict(False, _("That is more than one cell: give the row 'povir' *and* the "
                                "column 'confidence' inside `.loc[...]`."))
    given = normalize_answer(value)
    if given == normalize_answer(places.loc["povir", "confidence"]):
        return Verdict(True, _("The row's note says why it is not higher."))
    if given in {"exact", "approximate"}:
        return Verdict(False, _("That is the column location_precision (how exact the point on "
                                "the map is). Ask for the column 'confidence'."))
    if given in {"high", "medium", "low"}:
        return Verdict(False, _("That is a grade, but not the one in the row 'povir'. Check the "
                                "row id inside `.loc[...]`."))
    return Verdict(False, _("Put the column name 'confidence' in the blank, in quotes: "
                            "`p.loc[\"povir\", \"confidence\"]`."))


q2 = Question(
    var="povir_confidence",
    checker=_check_povir_confidence,
    hints=[
        N_("`.loc` takes the row first, then the column: `p.loc[row, column]`."),
        N_("The column you want is called `\"confidence\"`."),
    ],
    solution='povir_confidence = p.loc["povir", "confidence"]',
    explanation=N_("The grade is for the whole row; its note says which part is the weak one."),
)


# ---- q5: now you try, a filter ----------------------------------------------------------------


def _ids(value: Any) -> set[str] | None:
    if isinstance(value, pd.DataFrame):
        if "id" in value.columns:
            return {str(i) for i in value["id"]}
        return {str(i) for i in value.index}
    if isinstance(value, str) or not isinstance(value, Iterable):
        return None
    return {str(item).strip() for item in value}


def _check_memory_claims(value: Any) -> Verdict:
    given = _ids(value)
    if given is None:
        return Verdict(False, _("Give the filtered table: `claims[claims[\"category\"] == ...]`."))
    claims = load("claims")
    expected = set(claims.loc[claims["category"] == "memory", "id"])
    if given == expected:
        return Verdict(True, _("Now read their verdicts: how many of them are fully "
                               "supported?"))
    if not given:
        return Verdict(False, _("Your table is empty. The categories are written in lower case, "
                                "as in the table: check the spelling of the one you used."))
    if given == set(claims["id"]):
        return Verdict(False, _("That is every claim: keep only the rows whose category is the "
                                "one about remembering the war."))
    if given < expected:
        return Verdict(False, _("Some memory claims are missing: filter on the column "
                                "'category', not on a word in the claim's text."))
    return Verdict(False, _("Your table has claims of another category: filter on the column "
                            "'category'."))


q5 = Question(
    var="memory_claims",
    checker=_check_memory_claims,
    hints=[
        N_("Section 2 filtered the events with `events[events[\"category\"] == \"memory\"]`."),
        N_("Do the same with the claims table: its column is also called `category`."),
    ],
    solution=(
        'claims_table = load("claims")\n'
        'memory_claims = claims_table[claims_table["category"] == "memory"]'
    ),
    explanation=N_("The same filter works on any table that has the column."),
)


# ---- q6: discussion ---------------------------------------------------------------------------

q6 = Question(
    var="",
    checker=None,
    hints=[
        N_("What exactly does the Kazinform article claim, and what do the Slovene sources on "
           "Kobilnik say about the names on the plates?"),
    ],
    solution=N_(
        "We would need the list of names on the plates (or photographs of them) and, for each "
        "name, evidence of where the person came from: a birthplace, a unit record, or a "
        "Soviet or Kazakh archive. The Slovene sources say the plates list fallen fighters and "
        "victims from the Nova Gorica area 'and members of other nations'. That fits Soviet "
        "fighters but does not prove Kazakhstani names. Until then the claim stays "
        "'not verified'."
    ),
    solution_is_code=False,
)
