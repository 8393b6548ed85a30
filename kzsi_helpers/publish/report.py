r"""The class report: the students' own check results, one row per student, with no server.

``python -m kzsi_helpers report FILES_OR_FOLDER... --out report.html [--csv report.csv] [--lang CODE]``
reads the notebooks students hand in (:mod:`kzsi_helpers.publish.report_files`: JSON only, never
running a student's code) and writes one self-contained HTML page: a table with one row per student
and one column per exercise of the lesson (correct, tried and wrong, changed since it was checked,
not attempted, discussed), a chart of how the class did on each exercise (an inline PNG with alt
text, and the same counts as a table), each student's answer code on demand (``<details>``), and a
line for every file or record left out. The page says plainly that these are the students' own
check results, for formative use, not an exam grade. Every text from a student's file is escaped
(the template is autoescaped).

One lesson per report: the one given with ``--lesson``, else the one most files belong to (the
lowest number on a tie); files of another lesson get a line. When one student handed in two files,
the report keeps the file saved last (its modification time; on a tie, the later by name) and lists
the other. The page is written whole (beside, then replaced) and is the same on every run for the
same files: no timestamps, students sorted by name.

Examples
--------
>>> report = ClassReport("01", {"q1": False}, [], [("x.txt", "not a notebook: it is not JSON text")])
>>> render_csv(report).splitlines()
['\ufeffStudent,q1']
"""

from __future__ import annotations

import argparse
import base64
import csv
import io
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kzsi_helpers.course.folders import write_text
from kzsi_helpers.course.release import VERSION
from kzsi_helpers.exercises.handin import lesson_exercises
from kzsi_helpers.i18n.formats import format_number
from kzsi_helpers.i18n.language import SOURCE, check_language, current_language, use_language
from kzsi_helpers.i18n.messages import N_, _
from kzsi_helpers.publish.report_files import (
    MAX_BYTES,
    STATUSES,
    HandedIn,
    HandedInError,
    handed_in_files,
    plain_text,
    read_handed_in,
)
from kzsi_helpers.publish.site_languages import template_gettext

__all__ = ["ClassReport", "STATUS_LABELS", "class_report", "status_counts", "render_html", "render_csv",
           "class_figure", "class_chart", "cli"]

#: Each status's words (translated where shown), mark, and colour (Okabe-Ito) with a hatch for the chart.
STATUS_LABELS: dict[str, tuple[str, str, str, str]] = {
    "correct": (N_("correct"), "✓", "#009E73", ""),
    "wrong": (N_("tried and wrong"), "✗", "#D55E00", "//"),
    "changed": (N_("changed since it was checked"), "↻", "#E69F00", ".."),
    "not-attempted": (N_("not attempted"), "–", "#BBBBBB", ""),
    "discussed": (N_("discussed (no single right answer)"), "◇", "#CC79A7", "\\\\"),
}


@dataclass
class ClassReport:
    """One lesson's report: its exercises, the students (sorted by name) and the problem lines.

    Attributes
    ----------
    lesson : str
        The lesson's number (``"01"``).
    exercises : dict
        Exercise -> whether it is a discussion question, in the lesson's order.
    students : list of HandedIn
        One per student, sorted by name.
    problems : list of (str, str)
        ``(file, sentence)`` for each file or part of a file left out, or changed after its check.
    """

    lesson: str
    exercises: dict[str, bool]
    students: list[HandedIn]
    problems: list[tuple[str, str]]


def class_report(paths: Sequence[Path], lesson: str | None = None,
                 max_bytes: int = MAX_BYTES) -> ClassReport:
    """Read the handed-in files and gather one lesson's report (words in the current language).

    Parameters
    ----------
    paths : sequence of pathlib.Path
        Notebooks and folders of notebooks.
    lesson : str, optional
        The lesson to report (``"01"``); default: the one most files belong to.
    max_bytes : int, optional
        Larger files are refused unread.

    Returns
    -------
    ClassReport

    Examples
    --------
    >>> report = class_report([Path("notebooks/01-three-decades-of-diplomacy.ipynb")])
    >>> [student.name for student in report.students], report.problems
    (['01-three-decades-of-diplomacy'], [])
    >>> sorted(set(answer.status for answer in report.students[0].answers.values()))
    ['correct']
    """
    files, problems = handed_in_files(paths)
    read: list[HandedIn] = []
    for path, label, name in files:
        try:
            handed = read_handed_in(path, label, name, max_bytes)
        except HandedInError as exc:
            problems.append((label, str(exc)))
            continue
        read.append(handed)
        problems.extend((label, note) for note in handed.notes)
    counts = Counter(handed.lesson for handed in read)
    lesson = lesson or (min(counts, key=lambda n: (-counts[n], n)) if counts else "")
    students: dict[str, HandedIn] = {}
    for handed in read:
        if handed.lesson != lesson:
            problems.append((handed.label, _("a notebook of lesson {found}, not lesson {lesson}: left out "
                                             "(report it with --lesson {found})")
                             .format(found=handed.lesson, lesson=lesson)))
            continue
        if handed.changed:
            problems.append((handed.label, _("answers changed after their check ran: {exercises}")
                             .format(exercises=", ".join(handed.changed))))
        key = " ".join(handed.name.casefold().split())
        other = students.get(key)
        if other is not None:
            kept, dropped = sorted((other, handed), key=lambda h: (h.saved, h.label), reverse=True)
            students[key] = kept
            problems.append((dropped.label, _("the same student ({name}) as {kept}: left out (the report "
                                              "keeps the file saved last)")
                             .format(name=dropped.name, kept=kept.label)))
        else:
            students[key] = handed
    ordered = sorted(students.values(), key=lambda h: (h.name.casefold(), h.name, h.label))
    problems.sort(key=lambda problem: problem[0])  # each file's lines together, files by name
    return ClassReport(lesson, lesson_exercises(lesson) if lesson else {}, ordered, problems)


def status_counts(report: ClassReport) -> dict[str, Counter[str]]:
    """Count each exercise's statuses over the class.

    Examples
    --------
    >>> status_counts(ClassReport("01", {"q1": False}, [], []))
    {'q1': Counter()}
    """
    return {exercise: Counter(s.answers[exercise].status for s in report.students if exercise in s.answers)
            for exercise in report.exercises}


def _hardest(report: ClassReport, counts: dict[str, Counter[str]]) -> str:
    """Say which exercises had the fewest correct answers (discussion questions are not counted)."""
    checked = [e for e, discussion in report.exercises.items() if not discussion]
    if not checked or not report.students:
        return ""
    fewest = min(counts[e]["correct"] for e in checked)
    if fewest == len(report.students):
        return ""  # everyone had every exercise right: none was hardest
    return _("Hardest for the class: {exercises} ({correct} of {students} students correct).").format(
        exercises=", ".join(e for e in checked if counts[e]["correct"] == fewest),
        correct=format_number(fewest), students=format_number(len(report.students)))


def class_figure(report: ClassReport) -> Any:
    """Draw how the class did on each exercise: stacked bars of students by status, q1 at the top.

    The figure is made without pyplot, so nothing global (a notebook's backend) is touched.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = class_figure(ClassReport("01", {"q1": False, "q2": False}, [], []))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()], fig.axes[0].get_xlabel()
    (['q1', 'q2'], 'Students')
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from kzsi_helpers.charts.figures import add_source_line

    counts = status_counts(report)
    exercises = list(report.exercises)
    height = 0.5 * len(exercises) + 1.8
    fig = Figure(figsize=(7, height))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    fig.subplots_adjust(bottom=0.8 / height, top=1 - 0.4 / height)  # room for the source line
    left = [0] * len(exercises)
    for status in STATUSES:
        values = [counts[e][status] for e in exercises]
        if not any(values) and status == "discussed":
            continue
        label, _mark, colour, hatch = STATUS_LABELS[status]
        ax.barh(exercises, values, left=left, color=colour, hatch=hatch, edgecolor="#333333",
                linewidth=0.5, label=_(label))
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()  # q1 at the top, as in the lesson
    ax.set_xlabel(_("Students"))
    ax.set_ylabel(_("Exercise"))
    ax.set_title(_("Lesson {lesson}: results per exercise").format(lesson=report.lesson))
    ax.set_xlim(0, max(1, len(report.students)))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8, frameon=False)
    add_source_line(ax, _("the students' notebooks (their own check results)"))
    return fig


def class_chart(report: ClassReport) -> tuple[bytes, str]:
    r"""Render :func:`class_figure` as PNG, with alt text that gives every count.

    Returns
    -------
    tuple
        ``(png, alt)``: PNG bytes (the same on every run) and the alt text.

    Examples
    --------
    >>> png, alt = class_chart(ClassReport("01", {"q1": False}, [], []))
    >>> png[:4], alt.split(". ")[1]
    (b'\x89PNG', 'q1: 0 correct, 0 tried and wrong, 0 changed since it was checked, 0 not attempted.')
    """
    from kzsi_helpers.charts.figures import figure_png

    png = figure_png(class_figure(report))
    counts = status_counts(report)
    parts = []
    for exercise, discussion in report.exercises.items():
        shown = ("discussed", "changed", "not-attempted") if discussion else STATUSES[:4]
        words = ", ".join(f"{format_number(counts[exercise][s])} {_(STATUS_LABELS[s][0])}" for s in shown)
        parts.append(f"{exercise}: {words}")
    alt = _("Bar chart of how many students had each result, per exercise.") + " " + "; ".join(parts) + "."
    hardest = _hardest(report, counts)
    return png, f"{alt} {hardest}" if hardest else alt


def render_html(report: ClassReport) -> str:
    """Render the report as one self-contained HTML page, in the current language.

    Examples
    --------
    >>> page = render_html(ClassReport("01", {"q1": False}, [], [("<b>.ipynb", "not a notebook")]))
    >>> "&lt;b&gt;.ipynb" in page and "<b>.ipynb" not in page
    True
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    # the report's own templates (not publish.pages, which needs nbformat: the browser edition's
    # kernel has no nbformat, and the teacher's report notebook runs this there)
    env = Environment(loader=FileSystemLoader(str(Path(__file__).resolve().parent / "templates" / "report")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(_=template_gettext, number=format_number)
    counts = status_counts(report)
    png, alt = class_chart(report) if report.exercises else (b"", "")
    labels = {status: (_(words), mark, colour) for status, (words, mark, colour, _hatch)
              in STATUS_LABELS.items()}
    statuses = STATUSES if any(report.exercises.values()) else STATUSES[:4]
    return env.get_template("report.html.j2").render(
        report=report, counts=counts, labels=labels, statuses=statuses, alt=alt,
        chart="data:image/png;base64," + base64.b64encode(png).decode("ascii") if png else "",
        hardest=_hardest(report, counts), lang=current_language(), version=VERSION)


def _cell(text: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (``=cmd|...``): quote it with ``'``."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(report: ClassReport) -> str:
    """Render the table as CSV (UTF-8 with a byte order mark, so spreadsheets read the letters).

    One row per student: the name, then each exercise's status in words (current language).

    Examples
    --------
    >>> from kzsi_helpers.publish.report_files import Answer
    >>> student = HandedIn("a.ipynb", "=1+1", "01", {"q1": Answer("wrong")})
    >>> render_csv(ClassReport("01", {"q1": False}, [student], [])).splitlines()[1]
    "'=1+1,tried and wrong"
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_("Student"), *report.exercises])
    for student in report.students:
        writer.writerow([_cell(student.name), *(_(STATUS_LABELS[student.answers[e].status][0])
                                                for e in report.exercises)])
    return "\ufeff" + buffer.getvalue()


def cli(args: argparse.Namespace) -> int:
    """Run ``python -m kzsi_helpers report``: write the report, say each problem, exit 0 or 1.

    Each problem line (``FILE: sentence``) goes to standard error; the report is written only when
    at least one student's notebook could be used (exit status 0), else nothing is written (1).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     cli(argparse.Namespace(paths=[Path(folder)], out=Path(folder) / "r.html", csv=None,
    ...                            lang="en", lesson=None))
    1
    """
    lang = check_language(args.lang or SOURCE)
    lesson = getattr(args, "lesson", None)
    if lesson is not None and not lesson_exercises(str(lesson).zfill(2)):
        raise ValueError(f"lesson {lesson!r} has no exercises: give a lesson number such as 01")
    with use_language(lang):
        report = class_report(args.paths, str(lesson).zfill(2) if lesson else None)
        for label, sentence in report.problems:
            print(plain_text(f"{label}: {sentence}", 1000), file=sys.stderr)
        if not report.students:
            print(_("Nothing written: no handed-in notebook could be used."), file=sys.stderr)
            return 1
        write_text(args.out, render_html(report))
        if args.csv is not None:
            write_text(args.csv, render_csv(report))
        print(_("Wrote {out}: lesson {lesson}; students: {students}; problem lines: {problems}.").format(
            out=args.out, lesson=report.lesson, students=len(report.students),
            problems=len(report.problems)))
    return 0
