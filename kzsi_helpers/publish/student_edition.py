"""The student edition of one lesson, as a chain of notebook preprocessors.

In the manner of nbgrader's ``ClearSolutions`` and nbconvert's ``TagRemovePreprocessor``, each step
is a small preprocessor with nbconvert's interface (``preprocess(nb, resources)`` returning
``(nb, resources)``, and ``preprocess_cell(cell, resources, index)``), so it can be read, tested and
reordered on its own. They are plain classes (nbconvert itself is not imported, which would cost
more than a second), run in this order by :func:`student_notebook`:

1. :class:`ClearSolutions`: in a code cell, every block between ``### BEGIN SOLUTION`` and
   ``### END SOLUTION`` becomes ``# YOUR CODE HERE`` and ``raise NotImplementedError()``, or the
   student's scaffold written after ``### BLANKS`` (uncommented, with its blanks ``____``) (same
   indentation, the lines around the block kept); the cell's outputs are cleared and it is tagged
   ``raises-exception``, so running the whole notebook does not stop there. In a markdown cell such
   a block becomes ``YOUR ANSWER HERE``. These words are written in the lesson's language (its
   ``kzsi.language`` metadata, as in ``notebooks/sl/``): ``# TU NAPIŠI SVOJO KODO`` in Slovenian;
2. :class:`ClearExerciseOutputs`: the outputs of the cells that call ``.check()``, ``.hint()`` or
   ``.solution()`` are cleared (they showed *Correct*, or hints the student has not asked for yet);
3. :class:`RemoveSolutionCells`: cells tagged ``solution`` (worked answers of discussion questions,
   ``ex.q1.solution()`` calls) are removed.

Everything else (narrative, charts, maps, tables) is kept as it is.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

from kzsi_helpers.i18n.language import LANGUAGES, current_language, use_language
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["StudentEditionError", "stub_solutions", "Preprocessor", "ClearSolutions",
           "ClearExerciseOutputs", "RemoveSolutionCells", "STUDENT_CHAIN", "student_notebook",
           "BEGIN_SOLUTION", "END_SOLUTION", "CODE_STUB", "MARKDOWN_STUB", "SOLUTION_TAG",
           "RAISES_TAG", "CODE_WORDS", "lesson_language", "stubs"]

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
#: The words of the code stub (a comment in the lesson's language) and of the Markdown stub.
CODE_WORDS = N_("YOUR CODE HERE")
MARKDOWN_STUB = N_("YOUR ANSWER HERE")
#: The code stub in English (see :func:`stubs` for another language).
CODE_STUB = (f"# {CODE_WORDS}", "raise NotImplementedError()")
SOLUTION_TAG = "solution"
RAISES_TAG = "raises-exception"

# A marker line: "### BEGIN SOLUTION" (any number of #, any case, surrounding spaces allowed),
# so that a slightly mistyped marker is still recognised and never leaks a solution.
_BEGIN = re.compile(r"^\s*#+\s*BEGIN\s+SOLUTION\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*#+\s*END\s+SOLUTION\s*$", re.IGNORECASE)
# Inside a solution block: the student's scaffold follows, each line commented out with "# ".
_BLANKS = re.compile(r"^\s*#+\s*BLANKS\s*$", re.IGNORECASE)
BLANKS = "### BLANKS"
_EXERCISE_CALL = re.compile(r"\.\s*(check|hint|solution)\s*\(|\bhand_in\s*\(")


class StudentEditionError(ValueError):
    """A lesson cannot be turned into its student edition (e.g. unbalanced solution markers).

    Examples
    --------
    >>> isinstance(StudentEditionError("x"), ValueError)
    True
    """


def lesson_language(nb: Any) -> str:
    """Return the language a lesson is written in: its ``kzsi.language`` metadata, else the current one.

    A translated lesson (``notebooks/sl/``) records its language in its metadata; the English
    lessons record none.

    Examples
    --------
    >>> lesson_language({"metadata": {"kzsi": {"language": "sl"}}})
    'sl'
    >>> from kzsi_helpers.i18n.language import use_language
    >>> with use_language("en"):
    ...     lesson_language({"metadata": {}})
    'en'
    """
    recorded = (nb.get("metadata") or {}).get("kzsi", {}).get("language")
    return recorded if recorded in LANGUAGES else current_language()


def stubs(language: str | None = None) -> tuple[tuple[str, str], str]:
    """Return the code stub and the Markdown stub in a language (default: the current one).

    Only the words change; the code (``raise NotImplementedError()``) stays as it is.

    Examples
    --------
    >>> stubs("en")
    (('# YOUR CODE HERE', 'raise NotImplementedError()'), 'YOUR ANSWER HERE')
    >>> stubs("sl")[0][0]
    '# TU NAPIŠI SVOJO KODO'
    """
    with use_language(language or current_language()):
        return (f"# {_(CODE_WORDS)}", CODE_STUB[1]), _(MARKDOWN_STUB)


def stub_solutions(source: str, *, markdown: bool = False, where: str = "cell",
                   language: str | None = None) -> tuple[str, int]:
    r"""Replace every ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` block in one cell's source.

    Parameters
    ----------
    source : str
        The cell's source.
    markdown : bool, optional
        Replace with ``YOUR ANSWER HERE`` (markdown) instead of the code stub.
    where : str, optional
        Names the cell in error messages (e.g. ``"01-lesson.ipynb, cell 12"``).
    language : str, optional
        The language of the stub's words (default: the current language).

    Returns
    -------
    tuple of (str, int)
        The new source and how many blocks were replaced.

    Raises
    ------
    StudentEditionError
        If a ``BEGIN`` has no ``END``, an ``END`` has no ``BEGIN``, or blocks are nested.

    Examples
    --------
    >>> src = "for x in range(3):\n    ### BEGIN SOLUTION\n    total = x\n    ### END SOLUTION"
    >>> print(stub_solutions(src)[0])
    for x in range(3):
        # YOUR CODE HERE
        raise NotImplementedError()
    >>> src = '### BEGIN SOLUTION\nn = len(events)\n### BLANKS\n# n = len(____)\n### END SOLUTION'
    >>> print(stub_solutions(src)[0])
    n = len(____)
    >>> stub_solutions("### END SOLUTION", where="demo, cell 1")
    Traceback (most recent call last):
    ...
    kzsi_helpers.publish.student_edition.StudentEditionError: demo, cell 1: line 1 has '### END SOLUTION' without a '### BEGIN SOLUTION' before it.
    """  # noqa: E501
    code_stub, markdown_stub = stubs(language)
    out: list[str] = []
    begin_line = 0
    indent = ""
    blocks = 0
    scaffold: list[str] | None = None  # the lines after "### BLANKS" in the open block
    for number, line in enumerate(source.split("\n"), start=1):
        if begin_line and _BLANKS.match(line):
            scaffold = []
        elif begin_line and scaffold is not None and not _END.match(line):
            scaffold.append(_uncomment(line, indent, f"{where}: line {number}"))
        elif _BEGIN.match(line):
            if begin_line:
                raise StudentEditionError(
                    f"{where}: line {number} opens a second '{BEGIN_SOLUTION}' before the one on "
                    f"line {begin_line} is closed with '{END_SOLUTION}'.")
            begin_line = number
            indent = line[: len(line) - len(line.lstrip())]
        elif _END.match(line):
            if not begin_line:
                raise StudentEditionError(
                    f"{where}: line {number} has '{END_SOLUTION}' without a '{BEGIN_SOLUTION}' "
                    "before it.")
            begin_line = 0
            blocks += 1
            if scaffold:
                out.extend(scaffold)
            else:
                stub = (markdown_stub,) if markdown else code_stub
                out.extend(indent + text for text in stub)
            scaffold = None
        elif not begin_line:
            out.append(line)
    if begin_line:
        raise StudentEditionError(
            f"{where}: the '{BEGIN_SOLUTION}' on line {begin_line} has no '{END_SOLUTION}' after "
            "it.")
    return "\n".join(out), blocks


def _uncomment(line: str, indent: str, where: str) -> str:
    """Turn one commented scaffold line (``# economy = ...``) into the student's code line."""
    body = line[len(indent):] if line.startswith(indent) else line.lstrip()
    if not line.strip():
        return ""
    if not body.startswith("#"):
        raise StudentEditionError(
            f"{where}: after '{BLANKS}' every line is the student's scaffold commented out with "
            f"'# ' (so the teacher edition does not run it); this one is not: {line.strip()!r}.")
    return indent + (body[2:] if body.startswith("# ") else body[1:])


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _clear_outputs(cell: Any) -> None:
    cell["outputs"] = []
    cell["execution_count"] = None


class Preprocessor:
    """A step of the student edition, with nbconvert's preprocessor interface.

    ``resources`` carries ``"name"``, the notebook's name for error messages, and ``"language"``,
    the lesson's language.

    Examples
    --------
    >>> nb, resources = Preprocessor().preprocess({"cells": []}, {})
    >>> nb, resources
    ({'cells': []}, {})
    """

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Apply :meth:`preprocess_cell` to every cell (cell numbers start at 1, as a reader counts)."""
        for index, cell in enumerate(nb["cells"], start=1):
            nb["cells"][index - 1], resources = self.preprocess_cell(cell, resources, index)
        return nb, resources

    def preprocess_cell(self, cell: Any, resources: dict[str, Any],
                        index: int) -> tuple[Any, dict[str, Any]]:
        """Change one cell (here: leave it as it is)."""
        return cell, resources


class ClearSolutions(Preprocessor):
    r"""Replace the solution blocks by stubs; clear and tag the code cells that had one.

    Examples
    --------
    >>> cell = {"cell_type": "code", "source": "### BEGIN SOLUTION\nn = 1\n### END SOLUTION",
    ...         "metadata": {}, "outputs": [{"output_type": "stream"}], "execution_count": 3}
    >>> cell, _ = ClearSolutions().preprocess_cell(cell, {"name": "demo"}, 1)
    >>> cell["source"].splitlines(), cell["outputs"], cell["metadata"]["tags"]
    (['# YOUR CODE HERE', 'raise NotImplementedError()'], [], ['raises-exception'])
    """

    def preprocess_cell(self, cell: Any, resources: dict[str, Any],
                        index: int) -> tuple[Any, dict[str, Any]]:
        """Stub one cell's solution blocks."""
        tags = _tags(cell)
        if SOLUTION_TAG in tags:  # removed as a whole by RemoveSolutionCells
            return cell, resources
        cell_id = cell.get("id")
        where = f"{resources.get('name', 'notebook')}, cell {index}" + (
            f" (id {cell_id})" if cell_id else "")
        language = resources.get("language")
        if cell["cell_type"] == "markdown":
            cell["source"], _blocks = stub_solutions(cell["source"], markdown=True, where=where,
                                                     language=language)
        elif cell["cell_type"] == "code":
            cell["source"], blocks = stub_solutions(cell["source"], where=where, language=language)
            if blocks:
                _clear_outputs(cell)
                if RAISES_TAG not in tags:
                    cell.setdefault("metadata", {})["tags"] = [*tags, RAISES_TAG]
        return cell, resources


class ClearExerciseOutputs(Preprocessor):
    """Clear the outputs of cells that call ``.check()``, ``.hint()``, ``.solution()`` or ``hand_in()``.

    Examples
    --------
    >>> cell = {"cell_type": "code", "source": "ex.q1.check()", "outputs": [{}],
    ...         "execution_count": 2}
    >>> ClearExerciseOutputs().preprocess_cell(cell, {}, 1)[0]["outputs"]
    []
    >>> cell = {"cell_type": "code", "source": "hand_in(ex, my_name)", "outputs": [{}]}
    >>> ClearExerciseOutputs().preprocess_cell(cell, {}, 1)[0]["outputs"]
    []
    """

    def preprocess_cell(self, cell: Any, resources: dict[str, Any],
                        index: int) -> tuple[Any, dict[str, Any]]:
        """Clear one cell's outputs if it calls an exercise's feedback."""
        if cell["cell_type"] == "code" and _EXERCISE_CALL.search(cell["source"]):
            _clear_outputs(cell)
        return cell, resources


class RemoveSolutionCells(Preprocessor):
    """Remove the cells tagged ``solution`` (as nbconvert's ``TagRemovePreprocessor`` does).

    Examples
    --------
    >>> nb = {"cells": [{"metadata": {"tags": ["solution"]}}, {"metadata": {}}]}
    >>> len(RemoveSolutionCells().preprocess(nb, {})[0]["cells"])
    1
    """

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Keep the cells without the ``solution`` tag."""
        nb["cells"] = [cell for cell in nb["cells"] if SOLUTION_TAG not in _tags(cell)]
        return nb, resources


#: The steps of the student edition, in order.
STUDENT_CHAIN: tuple[type[Preprocessor], ...] = (ClearSolutions, ClearExerciseOutputs,
                                                 RemoveSolutionCells)


def student_notebook(nb: Any, name: str = "notebook",
                     chain: Sequence[type[Preprocessor]] = STUDENT_CHAIN,
                     language: str | None = None) -> Any:
    r"""Make the student edition of one lesson (a new notebook; the input is left unchanged).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The lesson (teacher edition), as read by :func:`nbformat.read`.
    name : str, optional
        The notebook's name, used in error messages.
    chain : sequence of Preprocessor classes, optional
        The steps to apply (default: :data:`STUDENT_CHAIN`).
    language : str, optional
        The language of the words the edition writes (the stubs); default
        :func:`lesson_language` (the lesson's metadata, else the current language).

    Returns
    -------
    nbformat.NotebookNode
        The student edition. Applying the function again changes nothing.

    Raises
    ------
    StudentEditionError
        If a cell's solution markers are unbalanced; the message names the notebook and the cell.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> nb = new_notebook(cells=[
    ...     new_code_cell("### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION"),
    ...     new_code_cell("ex.q1.check()"),
    ...     new_code_cell("ex.q1.solution()", metadata={"tags": ["solution"]}),
    ... ])
    >>> student = student_notebook(nb)
    >>> print(student.cells[0].source)
    # YOUR CODE HERE
    raise NotImplementedError()
    >>> student.cells[0].metadata["tags"], len(student.cells)
    (['raises-exception'], 2)
    >>> student_notebook(student) == student
    True
    """
    new = copy.deepcopy(nb)
    resources: dict[str, Any] = {"name": name, "language": language or lesson_language(nb)}
    for step in chain:
        new, resources = step().preprocess(new, resources)
    return new
