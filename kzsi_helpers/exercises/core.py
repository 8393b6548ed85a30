"""Exercises that check themselves: ``q.check()``, ``q.hint()``, ``q.solution()``.

Modelled on Kaggle Learn's learntools. A lesson's questions live in
``kzsi_helpers.exercises.lessonNN``; the student writes an answer into a named variable and calls
``q1.check()``, which finds the variable in the notebook, and says whether the answer is *not
attempted*, *incorrect* or *correct*, with a friendly sentence that never gives the expected value
away. The worked answer in the lesson sits between ``### BEGIN SOLUTION`` and ``### END SOLUTION``
so that the student edition can replace it with a stub.
"""

from __future__ import annotations

import html
import inspect
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kzsi_helpers.exercises.answers import describe_answer
from kzsi_helpers.exercises.blanks import BlankError, is_blank
from kzsi_helpers.exercises.checkers import Checker, Verdict
from kzsi_helpers.exercises.record import MIME, check_record, previous_cell, remember
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["Question", "Feedback", "NOT_ATTEMPTED", "CORRECT", "INCORRECT", "DISCUSSION",
           "inline_markdown"]

NOT_ATTEMPTED = "not attempted"
CORRECT = "correct"
INCORRECT = "incorrect"
DISCUSSION = "discussion"
_MISSING: Any = object()
#: The line under a correct answer's feedback that says what was checked (the answer key reads it).
ANSWER_LABEL = N_("Your answer")

#: Each status's colour and label (English, marked: translated when the feedback is shown).
_STYLE = {
    NOT_ATTEMPTED: ("#0072B2", N_("Not attempted yet")),
    CORRECT: ("#009E73", N_("Correct")),
    INCORRECT: ("#D55E00", N_("Not quite")),
    DISCUSSION: ("#6A3D9A", N_("Discussion question")),
    "hint": ("#E69F00", N_("Hint")),
    "solution": ("#444444", N_("Solution")),
}


def _shown(text: str) -> str:
    """Return a marked sentence in the current language (an empty one stays empty)."""
    return _(text) if text else text


@dataclass(frozen=True)
class Feedback:
    """The result of ``check()``, ``hint()`` or ``solution()``: shows nicely in Jupyter.

    Attributes
    ----------
    status : str
        ``"not attempted"``, ``"incorrect"``, ``"correct"``, ``"discussion"``, ``"hint"`` or
        ``"solution"``.
    message : str
        The sentence shown to the student (plain text; escaped when shown as HTML).
    code : str
        Code shown under the message (for solutions), else empty.
    answer : str
        For a correct answer, what was checked in a few words (``"11,131"``, ``"a table of 4
        rows"``), shown under the message; the answer key is read from these lines.

    Examples
    --------
    >>> Feedback("correct", "Well done.")
    Correct: Well done.
    """

    status: str
    message: str
    code: str = ""
    answer: str = ""
    record: dict | None = None

    def __post_init__(self) -> None:
        # the label is shown before the message: never "Not quite: Not quite. ..."
        english = _STYLE[self.status][1]
        text = self.message.strip()
        for label in dict.fromkeys((english, _(english))):
            if label and text.lower().startswith(label.lower()):
                text = text[len(label):].lstrip(" .:,;!").strip()
                object.__setattr__(self, "message", text[:1].upper() + text[1:])
                break

    def __repr__(self) -> str:
        label = _(_STYLE[self.status][1])
        text = f"{label}: {self.message}"
        if self.answer:
            text += f"\n{_(ANSWER_LABEL)}: {self.answer}"
        return f"{text}\n{self.code}" if self.code else text

    def _repr_html_(self) -> str:
        colour, english = _STYLE[self.status]
        label = _(english)
        body = inline_markdown(self.message)
        code = f"<pre><code>{html.escape(self.code)}</code></pre>" if self.code else ""
        if self.answer:
            body += (f'<br><span class="kzsi-answer">{html.escape(_(ANSWER_LABEL))}: '
                     f'{html.escape(self.answer)}</span>')
        return (
            f'<div class="kzsi-feedback kzsi-{self.status.replace(" ", "-")}" '
            f'style="border-left: 6px solid {colour}; padding: 0.3em 0.8em;">'
            f'<strong style="color: #1a1a1a;">{label}:</strong> {body}{code}</div>'
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        # the check's record for the class report, beside the text and HTML IPython adds
        return {MIME: self.record} if self.record is not None else {}

    @property
    def correct(self) -> bool:
        """True if the answer was checked and is right."""
        return self.status == CORRECT


_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")
_EM = re.compile(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])")


def inline_markdown(text: str) -> str:
    """Render the inline Markdown of a feedback sentence as HTML (code, bold, italics).

    Everything is HTML-escaped first, so a message can never inject markup.

    Parameters
    ----------
    text : str
        A sentence with ``code``, ``**bold**`` or ``*italic*`` spans.

    Returns
    -------
    str
        HTML.

    Examples
    --------
    >>> inline_markdown("Use `df.merge(other, on='year')` and **check** <b>it</b>.")
    'Use <code>df.merge(other, on=&#x27;year&#x27;)</code> and <strong>check</strong> &lt;b&gt;it&lt;/b&gt;.'
    """
    parts = _CODE.split(text)
    out = []
    for i, part in enumerate(parts):
        escaped = html.escape(part)
        if i % 2:
            out.append(f"<code>{escaped}</code>")
        else:
            out.append(_EM.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", escaped)))
    return "".join(out)


class Question:
    """One exercise: where the answer goes, how it is checked, hints and the solution.

    Parameters
    ----------
    var : str
        Name of the variable the student assigns (``""`` for a discussion question).
    checker : callable, optional
        Takes the student's value and returns a bool or a :class:`Verdict`. ``None`` makes a
        discussion question, which has no single right answer.
    hints : list of str
        One or more hints, from gentle to explicit (English, marked with ``N_``: each is
        translated when it is shown).
    solution : str
        The worked answer (code, never translated; or text for a discussion question, marked
        with ``N_`` and translated when shown).
    explanation : str, optional
        Said after a correct answer (and with the solution); marked with ``N_``, translated
        when shown.
    solution_is_code : bool, optional
        Show the solution as code (default) or as text.

    Examples
    --------
    >>> from kzsi_helpers.exercises.checkers import equals
    >>> q = Question(var="answer", checker=equals(42), hints=["Six times seven."],
    ...              solution="answer = 6 * 7")
    >>> q.check()
    Not attempted yet: Assign your answer to `answer`, then run this cell again.
    >>> q.check(41).status
    'incorrect'
    >>> answer = 42
    >>> q.check()
    Correct: Well done.
    Your answer: 42
    """

    def __init__(
        self,
        var: str,
        checker: Checker | None,
        hints: Sequence[str],
        solution: str,
        explanation: str = "",
        solution_is_code: bool = True,
    ) -> None:
        if not hints:
            raise ValueError("A question needs at least one hint.")
        if not solution:
            raise ValueError("A question needs a solution.")
        self.var = var
        # the module that builds the question (kzsi_helpers.exercises.lesson01): its lesson number
        caller = inspect.currentframe()
        caller = caller.f_back if caller is not None else None
        self._module = str(caller.f_globals.get("__name__", "")) if caller is not None else ""
        self.checker = checker
        self.hints = list(hints)
        self.solution_text = solution
        self.explanation = explanation
        self.solution_is_code = solution_is_code

    def _lookup(self, frame: Any) -> Any:
        namespace = frame.f_globals if frame is not None else {}
        return namespace.get(self.var, _MISSING)

    def check(self, value: Any = _MISSING) -> Feedback:
        """Check the answer and say whether it is not attempted, incorrect or correct.

        Parameters
        ----------
        value : object, optional
            The answer. If left out, the variable named by ``var`` is looked up in the notebook
            (the caller's global namespace).

        Returns
        -------
        Feedback
            Shows as a coloured box in Jupyter; ``.status`` is the verdict.

        Examples
        --------
        >>> from kzsi_helpers.exercises.checkers import equals
        >>> q = Question("n", equals(2), ["Count them."], "n = 2")
        >>> q.check(2).correct
        True
        """
        looked_up = value is _MISSING
        if looked_up:
            frame = inspect.currentframe()
            value = self._lookup(frame.f_back if frame is not None else None)
        feedback = self._verdict(value)
        if not looked_up:
            return feedback
        # run from a notebook: leave the record the class report reads (never the answer itself)
        record = check_record(self.lesson, self.name, feedback.status, previous_cell())
        remember(record)  # for the hand-in step's summary
        return Feedback(feedback.status, feedback.message, feedback.code, feedback.answer, record)

    @property
    def lesson(self) -> str:
        """The lesson's number, from the module that defines the question (``"01"``), or ``""``."""
        match = re.search(r"lesson(\d\d)", self._module)
        return match.group(1) if match else ""

    @property
    def name(self) -> str:
        """The question's name in its module (``"q1"``), or its answer variable if it has none."""
        module = sys.modules.get(self._module)
        for key, item in vars(module).items() if module is not None else ():
            if item is self:
                return key
        return self.var

    def _verdict(self, value: Any) -> Feedback:
        if self.checker is None:
            return Feedback(DISCUSSION, _("There is no single right answer here: discuss your "
                                          "reasoning with a partner or your class, then compare "
                                          "with `solution()`."))
        if value is _MISSING or value is None or value is Ellipsis:
            return Feedback(NOT_ATTEMPTED, _("Assign your answer to `{var}`, then run this "
                                             "cell again.").format(var=self.var))
        if is_blank(value):
            return Feedback(NOT_ATTEMPTED, _("Fill in the blank (`____`) in your answer to "
                                             "`{var}`, then run both cells again.")
                            .format(var=self.var))
        try:
            result = self.checker(value)
        except BlankError:
            return Feedback(NOT_ATTEMPTED, _("Your answer still has a blank (`____`) inside: fill "
                                             "it in, then run both cells again."))
        except Exception as exc:  # a student's odd value must not crash the checker
            return Feedback(INCORRECT, _("Your answer could not be checked ({error}). Is it the "
                                         "right kind of value?").format(error=type(exc).__name__))
        verdict = result if isinstance(result, Verdict) else Verdict(bool(result))
        if verdict.correct:
            return Feedback(CORRECT, verdict.message or _shown(self.explanation)
                            or _("Well done."), answer=describe_answer(value))
        return Feedback(INCORRECT, verdict.message or _("Try `hint()` if you are stuck."))

    def hint(self, n: int | None = None) -> Feedback:
        """Give a hint; call again with ``n=2``, ``n=3`` for stronger ones.

        Parameters
        ----------
        n : int, optional
            Which hint (1-based). Default: the first.

        Returns
        -------
        Feedback
            The hint, and how many more there are.

        Examples
        --------
        >>> from kzsi_helpers.exercises.checkers import equals
        >>> Question("n", equals(2), ["Count them.", "There are two."], "n = 2").hint().message
        'Count them. (More: hint(2).)'
        """
        index = 1 if n is None else int(n)
        if not 1 <= index <= len(self.hints):
            raise ValueError(_("This question has hints 1 to {n}.").format(n=len(self.hints)))
        text = _shown(self.hints[index - 1])
        if index < len(self.hints):
            text += " " + _("(More: hint({n}).)").format(n=index + 1)
        return Feedback("hint", text)

    def solution(self) -> Feedback:
        """Show the worked answer.

        Returns
        -------
        Feedback
            The solution (as code, or as text for a discussion question).

        Examples
        --------
        >>> from kzsi_helpers.exercises.checkers import equals
        >>> print(Question("n", equals(2), ["Count."], "n = 2").solution().code)
        n = 2
        """
        if self.solution_is_code:
            return Feedback("solution", _shown(self.explanation) or _("One way to do it:"),
                            self.solution_text)
        return Feedback("solution", _shown(self.solution_text))
