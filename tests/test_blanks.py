"""Exercises scaffolded with blanks: ``____`` in the student edition, a comment in the teacher's."""

from __future__ import annotations

import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from kzsi_helpers.exercises import NOT_ATTEMPTED, Question, ____, equals
from kzsi_helpers.exercises.blanks import BlankError
from kzsi_helpers.publish.student_edition import StudentEditionError, stub_solutions, student_notebook

EVENTS = pd.DataFrame({"category": ["economy", "diplomacy", "economy"], "year": [2014, 1992, 2022]})
SCAFFOLDED = (
    "### BEGIN SOLUTION\n"
    'economy = events[events["category"] == "economy"]\n'
    "### BLANKS\n"
    '# economy = events[events["category"] == ____]\n'
    "### END SOLUTION"
)


@pytest.mark.parametrize("use", [
    lambda: EVENTS[EVENTS["category"] == ____],
    lambda: EVENTS["year"] - ____,
    lambda: EVENTS.groupby(____).size(),
    lambda: EVENTS[____],
    lambda: ____.days,
    lambda: len(____),
    lambda: bool(____),
])
def test_any_use_of_the_blank_stops_with_a_sentence(use) -> None:
    with pytest.raises(NotImplementedError, match=r"Fill in the blank first: replace ____"):
        use()


def test_the_blank_is_an_error_of_its_own_kind_and_shows_as_four_underscores() -> None:
    assert issubclass(BlankError, NotImplementedError)
    assert repr(____) == "____"


@pytest.mark.parametrize("answer", [____, [____], ("SI", ____), {"SI": ____}])
def test_a_checker_given_the_blank_says_not_attempted(answer) -> None:
    feedback = Question("answer", equals(1), ["One."], "answer = 1").check(answer)
    assert feedback.status == NOT_ATTEMPTED
    assert "blank" in feedback.message


def test_the_student_edition_gets_the_scaffold_and_the_teacher_runs_the_answer() -> None:
    student, blocks = stub_solutions(SCAFFOLDED)
    assert blocks == 1
    assert student == 'economy = events[events["category"] == ____]'
    teacher_namespace = {"events": EVENTS}
    exec(SCAFFOLDED, teacher_namespace)  # the scaffold is a comment in the teacher edition
    assert list(teacher_namespace["economy"]["year"]) == [2014, 2022]
    with pytest.raises(BlankError):
        exec(student, {"events": EVENTS, "____": ____})


def test_a_scaffold_keeps_the_blocks_indentation_and_its_blank_lines() -> None:
    source = ("for year in [1992, 2022]:\n    ### BEGIN SOLUTION\n    print(year)\n    ### BLANKS\n"
              "    # print(____)\n\n    ### END SOLUTION")
    assert stub_solutions(source)[0] == "for year in [1992, 2022]:\n    print(____)\n"


def test_an_uncommented_scaffold_line_is_refused_naming_the_line() -> None:
    source = "### BEGIN SOLUTION\nx = 1\n### BLANKS\nx = ____\n### END SOLUTION"
    with pytest.raises(StudentEditionError, match=r"lesson, cell 3: line 4: .*not: 'x = ____'"):
        stub_solutions(source, where="lesson, cell 3")


def test_a_scaffolded_cell_is_tagged_to_raise_and_cleared_in_the_student_notebook() -> None:
    nb = new_notebook(cells=[new_code_cell(SCAFFOLDED, outputs=[], execution_count=3)])
    cell = student_notebook(nb, name="demo.ipynb").cells[0]
    assert cell.source == 'economy = events[events["category"] == ____]'
    assert "raises-exception" in cell.metadata["tags"]
    assert cell.execution_count is None
