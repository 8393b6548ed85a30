r"""How long a lesson takes a class: a plain, stated model of a class's pace, applied to a notebook.

The model (issue "Lessons that fit a school period"), for a class of 16-year-olds:

- **reading**: 150 words a minute, for the Markdown and for the printed output students must read
  (text a cell prints or returns, and Markdown a cell shows). Charts, maps and HTML tables are not
  counted as words: the half minute of the cell that makes them stands for looking at them. The
  *Sources* section at the end is reference material and is not counted;
- **a teaching code cell**: half a minute to run it and see what it does;
- **an exercise that asks for code** (a cell with a worked answer between ``### BEGIN SOLUTION``
  and ``### END SOLUTION``): seven minutes;
- **a short answer** (the worked answer only types values: a letter, a word, a number, a list of
  them): seven minutes too, as the issue that set the model counted it (an answer is read, thought
  over, typed, checked and talked about, whatever its length). It is counted apart only so that the
  report shows how many of a lesson's exercises are short;
- the cells that only call ``check()``, ``hint()`` or ``solution()`` cost nothing of their own:
  their time is inside the exercise's.

A lesson fits a 45-minute period when the model gives at most :data:`PERIOD` minutes. The
*Time to learn* line of each lesson, lesson 00's table and the teacher's guide take their minutes
from :func:`estimate` (``python -m kzsi_helpers toc`` writes them); ``python -m kzsi_helpers
timing`` prints the estimate of every lesson, section by section.

Examples
--------
>>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
>>> nb = new_notebook(cells=[new_markdown_cell("# T\n\n" + "word " * 148),
...                          new_code_cell("x = 1"),
...                          new_code_cell("### BEGIN SOLUTION\nanswer = x + 1\n### END SOLUTION")])
>>> estimate(nb).minutes
8.5
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PERIOD", "WORDS_PER_MINUTE", "CELL_MINUTES", "CODE_EXERCISE_MINUTES",
           "SHORT_ANSWER_MINUTES", "Estimate", "estimate", "words", "stated_minutes"]

#: A school period, in minutes.
PERIOD = 45
WORDS_PER_MINUTE = 150
CELL_MINUTES = 0.5
CODE_EXERCISE_MINUTES = 7.0
SHORT_ANSWER_MINUTES = 7.0

_WORD = re.compile(r"\S+")
_SECTION = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)
_NOT_COUNTED = re.compile(r"^(Sources|Resources and references)\b", re.IGNORECASE)
_CHECK_CALL = re.compile(r"^\s*(\w+\.)*q\d+\w*\.(check|hint|solution)\(\)\s*$")
_SOLUTION = re.compile(r"### BEGIN SOLUTION\n(?P<body>.*?)### END SOLUTION", re.DOTALL)


def words(text: str) -> int:
    """Count the words of a text as the model does: runs of characters between spaces.

    Examples
    --------
    >>> words("The **embassy** opened in 2022.")
    5
    """
    return len(_WORD.findall(text))


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _printed_words(cell: Mapping[str, Any]) -> int:
    """Words of the text a code cell prints or returns; charts, maps and HTML tables are looked at."""
    count = 0
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            text = output.get("text", "")
            count += words(text if isinstance(text, str) else "".join(text))
            continue
        data = output.get("data", {})
        if any(kind in data for kind in ("image/png", "text/html", "image/svg+xml")):
            continue
        for kind in ("text/markdown", "text/plain"):
            if kind in data:
                text = data[kind]
                count += words(text if isinstance(text, str) else "".join(text))
                break
    return count


def _is_short_answer(body: str) -> bool:
    """Tell whether a worked answer only assigns plain values (a letter, a word, a number, a list)."""
    try:
        tree = ast.parse(body)
    except SyntaxError:
        return False
    if not tree.body:
        return False
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            return False
        try:
            ast.literal_eval(node.value)
        except ValueError:
            return False
    return True


@dataclass
class Estimate:
    """A lesson's time by the model, in minutes, with what it is made of.

    Attributes
    ----------
    reading_words : int
        Words of Markdown and of printed output that count.
    cells : int
        Teaching code cells.
    code_exercises, short_answers : int
        Exercises that ask for code, and short answers.
    sections : dict of str to float
        Minutes per ``##`` section, in the lesson's order (the part before the first ``##``
        heading is ``"(title)"``).
    """

    reading_words: int = 0
    cells: int = 0
    code_exercises: int = 0
    short_answers: int = 0
    sections: dict[str, float] = field(default_factory=dict)

    @property
    def minutes(self) -> float:
        """The lesson's minutes by the model (unrounded)."""
        return (self.reading_words / WORDS_PER_MINUTE + CELL_MINUTES * self.cells
                + CODE_EXERCISE_MINUTES * self.code_exercises
                + SHORT_ANSWER_MINUTES * self.short_answers)

    @property
    def stated(self) -> int:
        """The minutes a lesson states: the model's figure rounded up to whole minutes."""
        return stated_minutes(self.minutes)


def stated_minutes(minutes: float) -> int:
    """Round a model figure up to whole minutes, as lessons state it.

    Examples
    --------
    >>> stated_minutes(38.2), stated_minutes(45.0)
    (39, 45)
    """
    whole = int(minutes)
    return whole if minutes - whole < 1e-9 else whole + 1


def estimate(nb: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> Estimate:
    r"""Apply the model to a notebook (or a list of its cells).

    Parameters
    ----------
    nb : notebook or sequence of cells
        An nbformat notebook, its JSON as a dict, or its cells.

    Returns
    -------
    Estimate
        The minutes and their parts.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
    >>> nb = new_notebook(cells=[new_markdown_cell("## 1. Start\n\nRead this."),
    ...                          new_code_cell("### BEGIN SOLUTION\nanswer = 'b'\n### END SOLUTION"),
    ...                          new_code_cell("ex.q1.check()"),
    ...                          new_markdown_cell("## Sources\n\nNot counted at all.")])
    >>> result = estimate(nb)
    >>> result.short_answers, result.cells, result.sections
    (1, 0, {'1. Start': 7.033333333333333})
    """
    cells = nb.get("cells", []) if isinstance(nb, Mapping) else nb
    result = Estimate()
    section, counted = "(title)", True
    for cell in cells:
        source = _source(cell)
        before = result.minutes
        if cell.get("cell_type") == "markdown":
            heading = _SECTION.search(source)
            if heading:
                section = heading.group(1)
                counted = not _NOT_COUNTED.match(section)
            if counted:
                result.reading_words += words(source)
        elif cell.get("cell_type") == "code" and counted:
            result.reading_words += _printed_words(cell)
            solution = _SOLUTION.search(source)
            if solution:
                if _is_short_answer(solution.group("body")):
                    result.short_answers += 1
                else:
                    result.code_exercises += 1
            elif not _CHECK_CALL.match(source):
                result.cells += 1
        if counted:
            result.sections[section] = result.sections.get(section, 0.0) + result.minutes - before
    return result
