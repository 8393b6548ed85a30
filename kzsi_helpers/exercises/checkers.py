"""What a checker decides about an answer, and the ready-made checkers: a value, a number, a choice.

A checker is any callable that takes the student's answer and returns a :class:`Verdict` (or a
bool). :class:`~kzsi_helpers.exercises.core.Question` runs it and turns the verdict into feedback.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kzsi_helpers.i18n.messages import N_, _

__all__ = ["Verdict", "Checker", "equals", "close_to", "choice", "normalize_answer", "letter_answer",
           "rows_kept"]


@dataclass(frozen=True)
class Verdict:
    """What a checker decided about an answer.

    Parameters
    ----------
    correct : bool
        Whether the answer is right.
    message : str, optional
        A sentence for the student; it must not contain the expected value.

    Examples
    --------
    >>> Verdict(False, "Count the days, not the years.").correct
    False
    """

    correct: bool
    message: str = ""



Checker = Callable[[Any], "bool | Verdict"]


def equals(expected: Any, *, wrong: str = N_("That is not the value we expect.")) -> Checker:
    """Make a checker that accepts exactly one value (compared with ``==``).

    Parameters
    ----------
    expected : object
        The right answer (never shown to the student).
    wrong : str, optional
        What to say when the answer is wrong (marked with ``N_``: translated when said).

    Returns
    -------
    callable
        A checker for :class:`Question`.

    Examples
    --------
    >>> equals(3)(3).correct, equals(3)(4).correct
    (True, False)
    """

    def checker(value: Any) -> Verdict:
        try:
            same = bool(value == expected)
        except (TypeError, ValueError):
            same = False
        return Verdict(same, "" if same else _(wrong))

    return checker


def close_to(
    expected: float,
    *,
    tolerance: float = 0.05,
    wrong: str = N_("Check which numbers you used and the formula."),
) -> Checker:
    """Make a checker for a number, accepting a small absolute difference.

    Parameters
    ----------
    expected : float
        The right answer (never shown to the student).
    tolerance : float, optional
        The largest accepted absolute difference.
    wrong : str, optional
        What to say when the number is off (marked with ``N_``: translated when said).

    Returns
    -------
    callable
        A checker for :class:`Question`.

    Examples
    --------
    >>> close_to(46.5, tolerance=0.1)(46.48).correct
    True
    >>> close_to(46.5)("46.5").message
    'Your answer should be a number, not text.'
    """

    def checker(value: Any) -> Verdict:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and math.isnan(value)
        ):
            try:
                import numpy as np

                if isinstance(value, np.generic) and np.issubdtype(type(value), np.number):
                    value = float(value)
                else:
                    raise TypeError
            except TypeError:
                return Verdict(False, _("Your answer should be a number, not text.")
                               if isinstance(value, str) else _("Your answer should be a number."))
        ok = abs(float(value) - expected) <= tolerance
        return Verdict(ok, "" if ok else _(wrong))

    return checker


def normalize_answer(value: Any) -> str:
    """Reduce a typed answer to what it says: lower case, single spaces, no outer punctuation.

    What a student would reasonably type for the same answer comes out the same: any case, spaces
    around or doubled, a full stop or quotation marks around it, hyphens or underscores for spaces.

    Parameters
    ----------
    value : object
        The answer (anything; it is turned into text).

    Returns
    -------
    str
        The normalized text (``""`` for an empty answer).

    Examples
    --------
    >>> normalize_answer("  Partly-Supported. ")
    'partly supported'
    >>> normalize_answer('"not_verified"!')
    'not verified'
    """
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    text = re.sub(r"[-_\u2010-\u2015]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(_OUTER_PUNCTUATION).strip()


_OUTER_PUNCTUATION = " .,;:!?\"'`\u2018\u2019\u201c\u201d\u00ab\u00bb()[]{}"
_LETTER = re.compile(r"^\(?([a-z])\s*[).:]?(?:\s|$)")


def letter_answer(value: Any) -> str | None:
    """Read a multiple-choice letter however it is written: ``b``, ``B``, ``b)``, ``(b)``, ``b.``.

    Returns
    -------
    str or None
        The lower-case letter, or None if the answer does not start with a single letter.

    Examples
    --------
    >>> [letter_answer(v) for v in ["b", "B)", "(b)", " b. Trnovo ob Soči", "be", ""]]
    ['b', 'b', 'b', 'b', None, None]
    """
    text = unicodedata.normalize("NFKC", str(value)).casefold().strip()
    found = _LETTER.match(text)
    return found.group(1) if found else None


def choice(expected: str, options: Sequence[str], *,
           synonyms: Mapping[str, Sequence[str]] | None = None,
           wrong: str = N_("That option is not the best fit: read the evidence again."),
           ) -> Callable[[Any], Verdict]:
    """Make a checker for a multiple-choice answer: a letter or an option's words.

    Letters are read however they are written (``b``, ``B)``, ``(b)``); words are compared after
    :func:`normalize_answer` (case, spaces, hyphens, a final full stop), and each option may have
    synonyms (``"partially supported"`` for ``"partly supported"``).

    Parameters
    ----------
    expected : str
        The right option (never shown to the student).
    options : sequence of str
        All valid options; anything else is reported as not one of them.
    synonyms : mapping of str to sequence of str, optional
        Other words a student may use for an option.
    wrong : str, optional
        What to say for a valid option that is not the right one (marked with ``N_``: translated
        when said).

    Returns
    -------
    callable
        A checker for :class:`Question`.

    Examples
    --------
    >>> pick = choice("b", ["a", "b", "c"])
    >>> pick("B)").correct, pick("d").message
    (True, 'Answer with one of: a, b, c.')
    >>> grade = choice("partly supported", ["supported", "partly supported"],
    ...                synonyms={"partly supported": ["partially supported"]})
    >>> grade("Partially supported.").correct
    True
    """
    valid = [normalize_answer(o) for o in options]
    aliases = {normalize_answer(o): normalize_answer(o) for o in options}
    for option, words in (synonyms or {}).items():
        aliases.update({normalize_answer(w): normalize_answer(option) for w in words})
    letters = all(len(o) == 1 for o in valid)
    right = normalize_answer(expected)

    def checker(value: Any) -> Verdict:
        given = letter_answer(value) if letters else aliases.get(normalize_answer(value))
        if given is None or given not in valid:
            return Verdict(False, _("Answer with one of: {options}.").format(options=", ".join(valid)))
        ok = given == right
        return Verdict(ok, "" if ok else _(wrong))

    return checker


def rows_kept(value: Any, full: Any, expected: set[str], *, table: str, empty: str, extra: str,
              missing: str, right: str, special: Callable[[set[str]], Verdict | None] | None = None,
              ) -> Verdict:
    """Check a table a student filtered from ``full``: the rows kept, by their ``id``, and nothing lost.

    The steps are the same for every filter exercise; the sentences are the lesson's. In order: a
    DataFrame, with all of ``full``'s columns (including ``id``), not empty, no extra rows, no
    missing rows, no row twice.

    Parameters
    ----------
    value : object
        The student's answer.
    full : pandas.DataFrame
        The whole table the student filtered.
    expected : set of str
        The ids of the rows a right filter keeps.
    table : str
        The table's name in the lesson (``events``), for the messages.
    empty, extra, missing, right : str
        What to say for an empty table, rows that should not be there, rows missing, and a right
        answer (already in the current language: the lesson wraps them with ``_``).
    special : callable, optional
        Called with the ids kept, after the table's shape is checked: a Verdict for a mistake the
        lesson knows (filtering on the wrong column, say), or None.

    Returns
    -------
    Verdict

    Examples
    --------
    >>> import pandas as pd
    >>> full = pd.DataFrame({"id": ["a", "b", "c"], "kind": ["x", "y", "x"]})
    >>> say = dict(table="things", empty="Empty.", extra="Too many.", missing="Too few.", right="Yes.")
    >>> rows_kept(full[full["kind"] == "x"], full, {"a", "c"}, **say).message
    'Yes.'
    >>> rows_kept(full[full["kind"] == "y"], full, {"a", "c"}, **say).message
    'Too many.'
    """
    import pandas as pd

    if not isinstance(value, pd.DataFrame):
        return Verdict(False, _("Your answer should be a table (a pandas DataFrame): the rows of "
                                "`{table}` that match.").format(table=table))
    if "id" not in value.columns or len(value.columns) < len(full.columns):
        return Verdict(False, _("Keep all the columns of `{table}` (filter the rows, not the "
                                "columns), so that we can see which rows you kept.")
                       .format(table=table))
    if value.empty:
        return Verdict(False, empty)
    kept = set(value["id"].astype(str))
    known = special(kept) if special is not None else None
    if known is not None:
        return known
    if kept - expected:
        return Verdict(False, extra)
    if expected - kept:
        return Verdict(False, missing)
    if len(value) != len(expected):
        return Verdict(False, _("Some rows appear more than once: filter the table once."))
    return Verdict(True, right)
