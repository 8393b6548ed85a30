"""Exercises for lesson 08, *How do we know?*: grading claims and checking sources.

Questions
---------
q1, q2
    Grade a claim of the Kazinform article yourself (one of the four verdicts). The expected
    verdicts are read from ``data/claims.csv``, so the lesson and the data cannot disagree.
q3
    Find a second source, other than the article, for a claim.
q4
    Spot the Slovakia/Slovenia mix-up in a paragraph invented for the exercise.
q5
    Now you try, with different data: grade a claim from another article.
q6
    Discussion: why might a ministry's article call a partisan park a Soviet memorial?

Examples
--------
>>> from kzsi_helpers.exercises import lesson08 as ex
>>> ex.q1.check().status
'not attempted'
>>> ex.q4.check("z").status
'incorrect'
"""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import Any

from kzsi_helpers.data.tables import data_folder, read_package
from kzsi_helpers.exercises.checkers import Verdict
from kzsi_helpers.exercises.core import Question

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "HELD_BACK", "VERDICTS", "SAME_ORIGIN_MARK",
           "BISOL_SOURCES_HINT", "fabricated_paragraph", "claim_verdict", "NOW_YOU_TRY"]

#: Claims held back from the lesson's table so that students grade them first (q1, q2).
HELD_BACK = ("company-list", "parliamentary-friendship-groups")
#: Text in a source's publisher that marks it as the article's own origin (Kazinform / Kazakh MFA).
SAME_ORIGIN_MARK = "Kazinform"
#: What q3 asks students to look for in the sources table.
BISOL_SOURCES_HINT = "Bisol"


def _verdicts() -> list[str]:
    for resource in read_package()["resources"]:
        if resource["name"] == "claims":
            for field in resource["schema"]["fields"]:
                if field["name"] == "verdict":
                    return list(field["constraints"]["enum"])
    raise LookupError("datapackage.json: the claims table has no verdict field")


#: The four verdicts, in the order the data package declares them.
VERDICTS: list[str] = _verdicts()


@lru_cache(maxsize=1)
def _rows(table: str) -> tuple[dict[str, str], ...]:
    with open(data_folder() / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def claim_verdict(claim_id: str) -> str:
    """Return the verdict recorded in ``data/claims.csv`` for one claim.

    Parameters
    ----------
    claim_id : str
        The claim's id.

    Returns
    -------
    str
        One of :data:`VERDICTS`.

    Raises
    ------
    KeyError
        If there is no such claim.

    Examples
    --------
    >>> claim_verdict("povir-2018-ceremony") in VERDICTS
    True
    """
    for row in _rows("claims"):
        if row["id"] == claim_id:
            return row["verdict"]
    raise KeyError(f"data/claims.csv has no claim with id {claim_id!r}")


def _verdict_checker(expected: str, wrong: str):
    valid = [v.lower() for v in VERDICTS]

    def checker(value: Any) -> Verdict:
        given = " ".join(str(value).strip().lower().split())
        if given not in valid:
            return Verdict(False, "Answer with one of the four verdicts, written as in the "
                           "claims table (see the section 'Four verdicts').")
        ok = given == expected.lower()
        return Verdict(ok, "" if ok else wrong)

    return checker


# --- q1, q2: grade two claims -------------------------------------------------------------

q1 = Question(
    var="verdict_company_list",
    checker=_verdict_checker(
        claim_verdict(HELD_BACK[0]),
        "Count the companies the other sources mention, and ask whether every part "
        "of the claim is confirmed.",
    ),
    hints=[
        "The claim names six companies. For how many of them did another source show business "
        "in Kazakhstan?",
        "If some parts of a claim are confirmed and one part is not, the verdict is neither "
        "'supported' nor 'not verified'.",
    ],
    solution=f'verdict_company_list = "{claim_verdict(HELD_BACK[0])}"',
    explanation="Five of the six companies turn up in other sources; Iskratel does not. Note "
    "also that business in Kazakhstan is not the same as a registered company there.",
)

q2 = Question(
    var="verdict_friendship_groups",
    checker=_verdict_checker(
        claim_verdict(HELD_BACK[1]),
        "Look at the date of the other source: does it speak about 2022?",
    ),
    hints=[
        "The claim is about 2022. When was the Speaker's statement made?",
        "A source that makes a claim doubtful but does not speak about the same time does not "
        "contradict it outright.",
    ],
    solution=f'verdict_friendship_groups = "{claim_verdict(HELD_BACK[1])}"',
    explanation="Nothing independent confirms the groups in 2022, and the 2025 statement is "
    "about 2025: it raises doubt but does not contradict the 2022 claim directly.",
)


# --- q3: a second source -------------------------------------------------------------------

def _second_source(value: Any) -> Verdict:
    given = str(value).strip()
    sources = {row["id"]: row for row in _rows("sources")}
    if given not in sources:
        return Verdict(False, "There is no source with that id in data/sources.csv. Copy the "
                       "id exactly from the 'id' column.")
    row = sources[given]
    if SAME_ORIGIN_MARK.lower() in row["publisher"].lower():
        return Verdict(False, "That source comes from Kazinform, like the article itself: it "
                       "cannot confirm the article. Look for a different publisher.")
    text = f"{row['title']} {row['note']}".lower()
    if BISOL_SOURCES_HINT.lower() not in text:
        return Verdict(False, "That source exists, but it is not about Bisol in Kazakhstan. "
                       "Search the titles for the company's name.")
    return Verdict(True, f"Yes: {row['publisher']} is independent of the article and reports "
                   "Bisol's work in Kazakhstan.")


q3 = Question(
    var="second_source",
    checker=_second_source,
    hints=[
        "Load the sources table and search its 'title' column for the company's name, e.g. "
        "with `.str.contains(..., case=False)`.",
        "Keep a source only if its publisher is not Kazinform: the article cannot confirm "
        "itself.",
    ],
    solution=(
        '# sources = load("sources").set_index("id"), as in the lesson\n'
        'found = sources[sources["title"].str.contains("Bisol", case=False)]\n'
        'second_source = found.index[0]'
    ),
    explanation="Two German solar news sites reported in 2012 that Bisol would build a solar "
    "plant in Kazakhstan; either id is a good answer.",
)


# --- q4: spot the mix-up -------------------------------------------------------------------

def _first(table: str, **match: str) -> dict[str, str]:
    for row in _rows(table):
        if all(row[k] == v for k, v in match.items()):
            return row
    raise KeyError(f"data/{table}.csv has no row with {match}")


def fabricated_paragraph() -> dict[str, str]:
    """Build the paragraph of q4, invented for the exercise, sentence by sentence.

    Three sentences are built from the country facts in the course's data; one carries a
    planted Slovakia/Slovenia mix-up. No real source contains this paragraph.

    Returns
    -------
    dict
        Letter (``"a"`` to ``"d"``) -> sentence.

    Examples
    --------
    >>> sorted(fabricated_paragraph())
    ['a', 'b', 'c', 'd']
    """
    def fact(country: str, name: str) -> str:
        return _first("country_facts", country=country, fact=name)["value"]

    people = int(fact("SI", "population"))
    return {
        "a": f"Slovenia became a member of the United Nations in "
        f"{fact('SI', 'un_member_since')[:4]}.",
        "b": f"Kazakhstan's capital is {fact('KZ', 'capital')}, and its currency is the "
        f"{fact('KZ', 'currency')}.",
        "c": "Kazakhstan's ambassador later laid flowers in Bratislava, the Slovenian capital, "
        "in memory of the partisans.",
        "d": f"Slovenia has about {people / 1_000_000:.1f} million inhabitants, and Slovene is "
        "its main official language.",
    }


_MIXUP = "c"


def _mixup(value: Any) -> Verdict:
    given = str(value).strip().lower().strip("()")
    if given not in fabricated_paragraph():
        return Verdict(False, "Answer with the letter of one sentence of the paragraph.")
    if given == _MIXUP:
        return Verdict(True, "Yes: Bratislava is the capital of Slovakia. Slovenia's capital, "
                       "in our country facts, is Ljubljana.")
    return Verdict(False, "That sentence agrees with the course's data. Check each place name "
                   "against the country facts.")


q4 = Question(
    var="mixup_sentence",
    checker=_mixup,
    hints=[
        "Check every place name in the paragraph against `load(\"country_facts\")`.",
        "Which capital does the country facts table give for Slovenia (SI)?",
    ],
    solution='mixup_sentence = "c"',
    explanation="Sentence c puts the Slovenian capital in Bratislava, which is Slovakia's "
    "capital: the same mix-up that spoiled many search results during the research.",
)


# --- q5: now you try, with different data -------------------------------------------------

#: A claim from another source, for q5 (not in data/claims.csv).
NOW_YOU_TRY = {
    "claim": "Kazakhstan opened an embassy in Slovenia in September 2024.",
    "source_id": "exyu-2025-flights",
}

q5 = Question(
    var="verdict_embassy",
    checker=_verdict_checker(
        "not verified",
        "Which other source, independent of the aviation site, speaks about a "
        "Kazakh embassy opening? Careful: a Slovenian embassy is a different embassy.",
    ),
    hints=[
        "Search the events table for 'embassy' and 'ambassador'. Whose embassy is each row about?",
        "The events show a Kazakh ambassador working in Ljubljana from 2025, and a Slovenian "
        "decision to open its own embassy; none of them dates a Kazakh embassy opening.",
    ],
    solution='verdict_embassy = "not verified"',
    explanation="Only the aviation news site gives that date; the events table shows a Kazakh "
    "ambassador at work in Ljubljana later, but nothing confirms when, or whether, an embassy "
    "opened.",
)


# --- q6: discussion --------------------------------------------------------------------------

q6 = Question(
    var="",
    checker=None,
    hints=["Think about who wrote the article, for which readers, and on which occasion."],
    solution=(
        "There is no single answer. The article was written by the Kazakh side for an "
        "anniversary, to stress a shared past; seen from Kazakhstan, a partisan park where "
        "Soviet fighters are also remembered can be described by what it means to Kazakh "
        "readers rather than by its official Slovene name. The lesson: an official-sounding "
        "text can be sincere and still imprecise, so check names and places against local "
        "sources."
    ),
    solution_is_code=False,
)
