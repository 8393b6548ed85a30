"""The hand-in step that ends a lesson: a summary of the exercises, and the work to download.

A student writes their name and runs one cell, ``hand_in(ex, my_name)``. It shows each exercise of
the lesson with what its check said when it last ran in this session (done and correct, tried,
not attempted), and a button that saves the notebook and downloads it, the name written into its
metadata (``kzsi.student_name``) for the class report. The button needs JupyterLab's application
object, which the browser edition and ``python -m kzsi_helpers lab`` expose; where it is missing
(another Jupyter, the course website) the output says how to save and download by hand instead.

The output also carries a small record (:data:`~kzsi_helpers.exercises.record.HAND_IN_MIME`) with
the name, so the class report finds it in a file downloaded by hand too.

Examples
--------
>>> from kzsi_helpers.exercises import lesson01
>>> step = hand_in(lesson01, "Ana")
>>> step.name, list(step.results)
('Ana', ['q1', 'q2', 'q3', 'q4'])
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any

from kzsi_helpers.course.release import VERSION
from kzsi_helpers.exercises.core import CORRECT, DISCUSSION, INCORRECT, NOT_ATTEMPTED, Question
from kzsi_helpers.exercises.record import FORMAT, HAND_IN_MIME, session_checks
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["HandIn", "RESULTS", "hand_in", "lesson_exercises"]

#: What the summary says of an exercise, by the status of its last check (none: not attempted).
RESULTS = {CORRECT: N_("done and correct"), INCORRECT: N_("tried, not yet correct"),
           DISCUSSION: N_("discussed"), NOT_ATTEMPTED: N_("not attempted")}
#: What the button does, in the page (CONFIG is replaced by the texts and the name, as JSON). It
#: finds the notebook whose page holds this output, writes the name into the notebook's metadata,
#: saves it, and downloads the notebook as saved. Without JupyterLab's application object (a
#: Jupyter that does not expose it, the course website) it leaves the button hidden and the line
#: that says how to do it by hand.
_SCRIPT = """(function () {
  const config = CONFIG;
  const script = document.currentScript;
  const box = script && script.closest('.kzsi-hand-in');
  const app = window.jupyterapp;
  if (!box || !app || !app.shell || typeof app.shell.widgets !== 'function') return;
  const panel = Array.from(app.shell.widgets('main')).find(
    (w) => w.node.contains(box) && w.context && w.context.model);
  if (!panel) return;
  const button = box.querySelector('.kzsi-hand-in-button');
  const status = box.querySelector('.kzsi-hand-in-status');
  box.querySelector('.kzsi-hand-in-manual').hidden = true;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      const model = panel.context.model;
      const meta = Object.assign({}, model.getMetadata('kzsi') || {});
      meta.student_name = config.name;
      model.setMetadata('kzsi', meta);
      await panel.context.save();
      const stem = panel.context.path.split('/').pop().replace(/\\.ipynb$/, '');
      const file = config.fileName ? stem + ' - ' + config.fileName + '.ipynb' : stem + '.ipynb';
      const text = JSON.stringify(model.toJSON(), null, 1) + '\\n';
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], {type: 'application/x-ipynb+json'}));
      link.download = file;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      status.textContent = config.saved.replace('{file}', file);
    } catch (error) {
      status.textContent = config.failed;
    }
  });
})();"""
#: Characters a file name may not hold on Windows, macOS or Linux, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_NAME_LENGTH = 80


def lesson_exercises(lesson: str) -> dict[str, bool]:
    """Return a lesson's exercises, in order, each with whether it is a discussion question.

    Parameters
    ----------
    lesson : str
        The lesson's number, ``"01"``.

    Returns
    -------
    dict
        ``{"q1": False, ...}`` (True for a question with no single right answer); empty for a
        lesson without exercises.

    Examples
    --------
    >>> lesson_exercises("02")
    {'q1': False, 'q2': False, 'q3': False, 'q5': False, 'q6': True}
    >>> lesson_exercises("00")
    {}
    """
    return dict(_exercises(lesson))  # a copy: the caller may change it


@cache
def _exercises(lesson: str) -> tuple[tuple[str, bool], ...]:
    if not re.fullmatch(r"\d\d", lesson):
        return ()
    try:
        module = import_module(f"kzsi_helpers.exercises.lesson{lesson}")
    except ImportError:
        return ()
    found = {name: item.checker is None for name, item in vars(module).items()
             if isinstance(item, Question) and re.fullmatch(r"q\d+", name)}
    return tuple(sorted(found.items(), key=lambda item: int(item[0][1:])))


@dataclass
class HandIn:
    """The hand-in step's output: shows as a summary with a download button in Jupyter.

    Attributes
    ----------
    lesson : str
        The lesson's number (``"01"``).
    name : str
        The name the student wrote, on one line.
    results : dict
        Each exercise (``"q1"``) and the status of its last check in this session
        (``"correct"``, ``"incorrect"``, ``"discussion"``, ``"not attempted"``).
    checked : int
        How many of the exercises were checked in this session (0: the lesson was reopened and
        not run again, and the summary says to run it first).
    """

    lesson: str
    name: str
    results: dict[str, str] = field(default_factory=dict)
    checked: int = 0

    def counts(self) -> dict[str, int]:
        """Return how many exercises are done (correct or discussed), tried, and not attempted.

        Examples
        --------
        >>> HandIn("01", "Ana", {"q1": "correct", "q2": "incorrect", "q3": "not attempted",
        ...                      "q4": "discussion"}).counts()
        {'done': 2, 'tried': 1, 'open': 1}
        """
        statuses = list(self.results.values())
        done = sum(status in (CORRECT, DISCUSSION) for status in statuses)
        tried = statuses.count(INCORRECT)
        return {"done": done, "tried": tried, "open": len(statuses) - done - tried}

    def _lines(self) -> list[tuple[str, str]]:
        return [(_("Exercise {number}").format(number=exercise[1:]), _(RESULTS[status]))
                for exercise, status in self.results.items()]

    def _heading(self) -> str:
        if not self.name:
            return _("Write your name between the quotes above, then run this cell again.")
        return _("{name}, lesson {lesson}").format(name=self.name, lesson=self.lesson)

    def _summary(self) -> str:
        counts = self.counts()
        summary = _("{done} of {total} exercises done, {tried} tried, {open} not attempted (from the "
                    "checks you ran since you opened the lesson).").format(
                        total=len(self.results), **counts)
        if self.results and not self.checked:
            summary += " " + _("No check has run since you opened the lesson: run the whole lesson "
                               "first (Run > Run All Cells), then this cell again.")
        return summary

    def __repr__(self) -> str:
        lines = [self._heading(), *(f"- {label}: {result}" for label, result in self._lines()),
                 self._summary()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        texts = {"exercise": _("Exercise"), "result": _("Result"),
                 "manual": _("To hand in: save the notebook (Ctrl+S), then use File > Download, "
                             "and give the file to your teacher."),
                 "button": _("Save and download my work")}
        texts = {key: html.escape(text) for key, text in texts.items()}
        rows = "".join(f"<tr><td>{html.escape(label)}</td><td>{html.escape(result)}</td></tr>"
                       for label, result in self._lines())
        config = {"name": self.name, "fileName": " ".join(_UNSAFE.sub(" ", self.name).split()),
                  "saved": _("Saved and downloaded: {file}. Give this file to your teacher."),
                  "failed": _("The download did not work here: save the notebook (Ctrl+S), then "
                              "use File > Download.")}
        # JSON inside a script: no "<", ">" or "&" that could close the script or start markup
        safe = json.dumps(config, ensure_ascii=False, sort_keys=True)
        safe = safe.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return (f'<div class="kzsi-hand-in"><p><strong>{html.escape(self._heading())}</strong></p>'
                f'<table><thead><tr><th>{texts["exercise"]}</th><th>{texts["result"]}</th></tr>'
                f'</thead><tbody>{rows}</tbody></table><p>{html.escape(self._summary())}</p>'
                f'<p class="kzsi-hand-in-manual">{texts["manual"]}</p>'
                f'<button type="button" class="kzsi-hand-in-button" hidden>{texts["button"]}</button>'
                f'<p class="kzsi-hand-in-status" role="status"></p>'
                f'<script>{_SCRIPT.replace("CONFIG", safe)}</script></div>')

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        # the name for the class report, also in a file downloaded by hand
        return {HAND_IN_MIME: {"course": "kzsi", "format": FORMAT, "version": VERSION,
                               "lesson": self.lesson, "student_name": self.name}}


def hand_in(lesson: ModuleType, name: str = "") -> HandIn:
    r"""Sum up a lesson's exercises for the student, and offer their work to download.

    Parameters
    ----------
    lesson : module
        The lesson's exercises, as the lesson imports them (``ex``).
    name : str
        The student's name, as they want the teacher to see it.

    Returns
    -------
    HandIn
        Each exercise with the status of its last check in this session.

    Examples
    --------
    >>> from kzsi_helpers.exercises import lesson02
    >>> step = hand_in(lesson02, "  Ana\n Novak ")
    >>> step.name, list(step.results)
    ('Ana Novak', ['q1', 'q2', 'q3', 'q5', 'q6'])
    """
    match = re.search(r"lesson(\d\d)$", getattr(lesson, "__name__", ""))
    if match is None:
        raise TypeError("hand_in needs the lesson's exercises, as the lesson imports them: "
                        "hand_in(ex, my_name)")
    number = match.group(1)
    checked = session_checks(number)
    results = {exercise: checked.get(exercise, NOT_ATTEMPTED) for exercise in lesson_exercises(number)}
    clean = " ".join(str(name).split())[:_NAME_LENGTH]
    return HandIn(number, clean, results, sum(exercise in checked for exercise in results))
