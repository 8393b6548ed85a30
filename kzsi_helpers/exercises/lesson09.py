"""Exercises for lesson 09, *Checking claims yourself*: dates, names, a method, and your verdicts.

Questions
---------
q1
    What happened in 2011, the year some pages give for the Žale monument? (a letter)
q2
    Spot the Slovakia/Slovenia mix-up in a paragraph invented for the exercise.
q3
    Fill in the blank: keep the memory claims only (a pandas filter with ``==``).
q5
    Now you try, with different data: grade a claim from an aviation news site.
q6
    Discussion: a claim of the article whose verdict can be argued either way.
    (q4, a second source for Bisol, became a worked example; q7, the second held-back claim,
    became homework in the teacher's guide.)

The lesson also uses :func:`claim_without_verdict`, :func:`fabricated_paragraph` and
:func:`verdict_chart_alt`.

Examples
--------
>>> from kzsi_helpers.exercises import lesson09 as ex
>>> ex.q1.check().status
'not attempted'
>>> ex.q2.check("z").status
'incorrect'
"""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict, letter_answer
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.exercises.lesson08 import (  # noqa: F401 (the lesson uses VERDICTS, HELD_BACK)
    HELD_BACK,
    VERDICTS,
    _Sentences,
    other_publishers,
    read_verdict,
)
from kzsi_helpers.i18n.formats import format_number
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["q1", "q2", "q3", "q5", "q6", "EVENTS_2011", "NOW_YOU_TRY",
           "claim_without_verdict", "fabricated_paragraph", "verdict_chart_alt"]

def claim_without_verdict(claim_id: str) -> None:
    """Print a claim with its evidence and the publishers of its other sources, without a verdict.

    Examples
    --------
    >>> claim_without_verdict("business-club-2014")  # doctest: +ELLIPSIS
    Claim: Entrepreneurs ...
    """
    row = load("claims").set_index("id").loc[claim_id]
    for part in (_("Claim: {claim}").format(claim=row["claim"]),
                 _("Evidence: {evidence}").format(evidence=row["evidence"]),
                 _("Other sources: {publishers}").format(publishers=other_publishers(row["source_ids"]))):
        print(textwrap.fill(part, 100))


def verdict_chart_alt(totals: pd.Series) -> str:
    """Write the alt text of the verdicts chart: what each bar shows, in one sentence.

    Parameters
    ----------
    totals : pandas.Series
        Number of claims per verdict, indexed by verdict.

    Examples
    --------
    >>> verdict_chart_alt(pd.Series({"supported": 2, "contradicted": 0}))
    "Horizontal bar chart of the verdicts on the article's 2 claims: 2 supported, 0 contradicted."
    """
    parts = [f"{format_number(n)} {verdict}" for verdict, n in totals.items()]
    return _("Horizontal bar chart of the verdicts on the article's {n} claims: {counts}.").format(
        n=format_number(int(totals.sum())), counts=", ".join(parts))


# --- q1: what happened in 2011? (blank) -------------------------------------------------------

#: The options of q1.
EVENTS_2011 = _Sentences({
    "a": N_("the monument at Žale was unveiled"),
    "b": N_("the initiative for the monument was taken"),
    "c": N_("the monument was renovated"),
})


def _event_2011(value: Any) -> Verdict:
    letter = letter_answer(value)
    if letter not in EVENTS_2011:
        return Verdict(False, _("Answer with the letter of one option: a, b or c."))
    if letter == "b":
        return Verdict(True)
    if letter == "a":
        return Verdict(False, _("Three reports written at the unveiling give a later year. Read "
                          "the note again: what does it date to 2011?"))
    return Verdict(False, _("Nothing in our data speaks of a renovation. Read the note again: "
                      "what does it date to 2011?"))


q1 = Question(
    var="event_2011",
    checker=_event_2011,
    hints=[N_("Read the note printed under the monument's name."),
           N_("The note names two events and two years. Which event goes with 2011?")],
    solution='event_2011 = "b"',
    explanation=N_("The initiative dates from 2011; the unveiling came years later. A date "
                   "always belongs to an event."),
)


# --- q2: spot the mix-up ----------------------------------------------------------------------

def _fact(country: str, name: str) -> str:
    facts = load("country_facts")
    row = facts[(facts["country"] == country) & (facts["fact"] == name)]
    return str(row["value"].item())


def fabricated_paragraph() -> dict[str, str]:
    """Build the paragraph of q2, invented for the exercise, sentence by sentence.

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
    people = int(_fact("SI", "population"))
    return {
        "a": _("Slovenia became a member of the United Nations in {year}.").format(
            year=_fact("SI", "un_member_since")[:4]),
        "b": _("Kazakhstan's capital is {capital}, and its currency is the {currency}.").format(
            capital=_fact("KZ", "capital"), currency=_fact("KZ", "currency")),
        "c": _("Kazakhstan's ambassador later laid flowers in Bratislava, the Slovenian capital, "
               "in memory of the partisans."),
        "d": _("Slovenia has about {millions} million inhabitants, and Slovene is its main "
               "official language.").format(millions=format_number(people / 1_000_000, 1)),
    }


def _mixup(value: Any) -> Verdict:
    letter = letter_answer(value)
    if letter not in fabricated_paragraph():
        return Verdict(False, _("Answer with the letter of one sentence of the paragraph."))
    if letter == "c":
        return Verdict(True)
    return Verdict(False, _("That sentence agrees with the course's data. Check each place name "
                      "against the country facts."))


q2 = Question(
    var="mixup_sentence",
    checker=_mixup,
    hints=[N_("Check every place name in the paragraph against the country facts above."),
           N_("Which capital does the country facts table give for Slovenia (SI)?")],
    solution='mixup_sentence = "c"',
    explanation=N_("Bratislava is the capital of Slovakia. Slovenia's capital, in our country "
                   "facts, is Ljubljana."),
)


# --- q3: the memory claims only (blank) -------------------------------------------------------

def _memory(value: Any) -> Verdict:
    claims = load("claims")
    right = claims[claims["category"] == "memory"]
    if not hasattr(value, "columns") or "category" not in value.columns:
        return Verdict(False, _("Your answer should be the table `claims` with some rows kept: "
                          "`claims[claims[\"category\"] == ...]`."))
    kept = set(value["category"])
    if kept == {"memory"} and len(value) == len(right):
        return Verdict(True)
    if not len(value):
        return Verdict(False, _("The filter kept no rows. Write the topic in lower case, in "
                          "quotation marks, as in the table's `category` column."))
    if kept == {"memory"}:
        return Verdict(False, _("Some memory claims are missing. Filter the whole table `claims`, "
                          "not a part of it."))
    if len(kept) > 1:
        return Verdict(False, _("You kept claims of other topics too. Compare the `category` "
                          "column with one topic only."))
    return Verdict(False, _("Those are claims of another topic. Which topic are the Trnovo and "
                      "Povir claims?"))


q3 = Question(
    var="memory",
    checker=_memory,
    hints=[N_("The topics are the values of the column `category`, written in lower case."),
           N_("The topic you want is written in the exercise's title; put it in quotation marks.")],
    solution='memory = claims[claims["category"] == "memory"]',
    explanation=N_("`memory_counts` now shows how the memory claims were graded."),
)


# --- q5: now you try, with different data -----------------------------------------------------

#: A claim from another source, for q5 (not in data/claims.csv).
NOW_YOU_TRY = _Sentences({
    "claim": N_("Kazakhstan opened an embassy in Slovenia in September 2024."),
    "source_id": "exyu-2025-flights",
})
_Q5_WRONG = {
    "supported": N_("Look at the sources of the events row about the opening. Does anyone but "
                    "the aviation site report it?"),
    "partly supported": N_("Which part does another source confirm? An ambassador at work in "
                           "Ljubljana later fits an embassy, but dates nothing."),
    "contradicted": N_("Does any source say the embassy did not open then? Careful: a Slovenian "
                       "embassy is a different embassy."),
}


def _embassy(value: Any) -> Verdict:
    verdict = read_verdict(value)
    if verdict is None:
        return Verdict(False, _("Answer with one of the four verdicts of lesson 08."))
    if verdict == "not verified":
        return Verdict(True)
    return Verdict(False, _(_Q5_WRONG[verdict]))


q5 = Question(
    var="verdict_embassy",
    checker=_embassy,
    hints=[N_("Search the events table for 'embassy' and 'ambassador'. Whose embassy is each row "
              "about?"),
           N_("Read the sources and the note of the row about a Kazakh embassy opening.")],
    solution=('mentions = events[events["description"].str.contains("embassy", case=False)]\n'
              'verdict_embassy = "not verified"'),
    explanation=N_("Only the aviation news site gives that date. A Kazakh ambassador at work in "
                   "Ljubljana later fits an embassy, but nothing confirms when it opened."),
)


# --- q6: a verdict that can be argued either way ----------------------------------------------

q6 = Question(
    var="",
    checker=None,
    hints=[N_("What exactly does the article say about the companies: that they do business in "
              "Kazakhstan, or that they are registered there?")],
    solution=N_(
        "Both verdicts can be argued. For *partly supported*: five of the six firms turn up in "
        "sources other than the article, and only Iskratel does not. For *not verified*: the "
        "article says these are companies registered with Slovenian capital in Kazakhstan. The "
        "sources show business there, not a registered company, and the KRKA and Lek item is "
        "itself a Kazakh ministry report. Our table says partly supported. A good answer names "
        "what is confirmed and what is not."
    ),
    solution_is_code=False,
)
