"""The hand-in step that ends each lesson (issue 27, item 2), on the desktop side.

The browser side (the button saves and downloads the notebook) is in tests/test_lite_browser.py.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat
import pytest

from kzsi_helpers.course.launch import LAB_SETTINGS
from kzsi_helpers.exercises import lesson01
from kzsi_helpers.exercises.handin import hand_in
from kzsi_helpers.exercises.record import HAND_IN_MIME
from kzsi_helpers.i18n.language import use_language
from kzsi_helpers.publish.handouts import printable
from kzsi_helpers.publish.report_files import read_handed_in
from kzsi_helpers.publish.student_edition import student_notebook

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("0[1-9]-*.ipynb"))
HAND_IN_CALL = "hand_in(ex, my_name)"


def _run_as_notebook(code: str, namespace: dict) -> None:
    """Run ``code`` as a notebook cell would: the check looks the answer up in these globals."""
    exec(compile(code, "<cell>", "exec"), namespace)


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem[:2] for p in LESSONS])
def test_every_lesson_with_exercises_ends_with_the_hand_in_step(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    last = nb.cells[-1]
    assert last.cell_type == "code" and HAND_IN_CALL in last.source
    assert 'my_name = ""' in last.source
    assert nb.cells[-2].cell_type == "markdown" and nb.cells[-2].source.startswith("## Hand in")
    # the committed run names no one and shows every exercise of the lesson
    data = last.outputs[0]["data"]
    assert data[HAND_IN_MIME]["student_name"] == "" and data[HAND_IN_MIME]["lesson"] == path.name[:2]
    # the student edition starts with the step empty; a printed handout has no step at all
    student = student_notebook(nb, name=path.name)
    assert student.cells[-1].outputs == []
    assert not any("hand_in(" in cell.source or "Hand in" in cell.source
                   for cell in printable(student).cells)


def test_the_summary_counts_the_checks_run_in_this_session(monkeypatch: pytest.MonkeyPatch) -> None:
    from kzsi_helpers.exercises import record

    monkeypatch.setattr(record, "_SESSION", {})  # a fresh kernel: no check run yet
    namespace = {"ex": lesson01}
    # q1: a wrong answer; q3: right; q2 and q4 never checked
    _run_as_notebook("days_si = 1\nfeedback = ex.q1.check()", namespace)
    _run_as_notebook("grade = 'medium'\nfeedback = ex.q3.check()", namespace)
    with use_language("en"):
        step = hand_in(lesson01, "  Ana \n Novak ")
        text = repr(step)
    assert step.results == {"q1": "incorrect", "q2": "not attempted", "q3": "correct",
                            "q4": "not attempted"}
    assert step.counts() == {"done": 1, "tried": 1, "open": 2}
    assert text.splitlines() == [
        "Ana Novak, lesson 01",
        "- Exercise 1: tried, not yet correct",
        "- Exercise 2: not attempted",
        "- Exercise 3: done and correct",
        "- Exercise 4: not attempted",
        "1 of 4 exercises done, 1 tried, 2 not attempted (from the checks you ran since you "
        "opened the lesson).",
    ]
    # the last check counts: q1 answered again, right this time
    _run_as_notebook("days_si = 483\nfeedback = ex.q1.check()", namespace)
    assert hand_in(lesson01, "Ana").results["q1"] == "correct"


def test_a_reopened_lesson_with_no_check_run_is_told_to_run_it_first(monkeypatch) -> None:
    from kzsi_helpers.exercises import record

    monkeypatch.setattr(record, "_SESSION", {})
    with use_language("en"):
        text = repr(hand_in(lesson01, "Ana"))
    assert text.endswith("No check has run since you opened the lesson: run the whole lesson first "
                         "(Run > Run All Cells), then this cell again.")
    _run_as_notebook("grade = 'high'\nfeedback = ex.q3.check()", {"ex": lesson01})
    with use_language("en"):
        assert "No check has run" not in repr(hand_in(lesson01, "Ana"))


def test_without_a_name_the_step_asks_for_one() -> None:
    with use_language("en"):
        assert repr(hand_in(lesson01, "   ")).startswith("Write your name between the quotes")


def test_the_step_speaks_the_lessons_language() -> None:
    with use_language("sl"):
        text = repr(hand_in(lesson01, "Ana"))
    assert "Exercise" not in text and "not attempted" not in text, text


def test_a_name_full_of_markup_stays_text_in_the_page_and_the_script() -> None:
    name = "</script><script>alert(1)</script><b onclick=x>&amp;"
    page = hand_in(lesson01, name)._repr_html_()
    # one script element only, the step's own, and no tag from the name
    assert page.count("<script>") == 1 and page.count("</script>") == 1
    assert "<b onclick" not in page and "alert(1)</script>" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page  # the heading shows it as text
    # inside the script the name is JSON with < > & escaped, and reads back whole
    config = re.search(r"const config = (\{.*?\});\n", page).group(1)
    assert "<" not in config and ">" not in config and "&" not in config
    assert json.loads(config)["name"] == name
    # the download's file name loses what a file system refuses
    assert json.loads(config)["fileName"] == "script script alert(1) script b onclick=x &amp;"


def test_the_button_starts_hidden_and_the_by_hand_way_shows() -> None:
    page = hand_in(lesson01, "Ana")._repr_html_()
    assert re.search(r'<button type="button" class="kzsi-hand-in-button" hidden>', page)
    assert 'class="kzsi-hand-in-manual">To hand in: save the notebook (Ctrl+S)' in page


def test_the_lessons_lab_exposes_the_app_the_button_needs() -> None:
    assert "--LabApp.expose_app_in_browser=True" in LAB_SETTINGS


def test_the_report_finds_the_name_in_a_file_downloaded_by_hand(tmp_path: Path) -> None:
    nb = nbformat.read(LESSONS[0], as_version=4)
    nb.cells[-1].outputs[0]["data"][HAND_IN_MIME]["student_name"] = "Ana <i>Novak</i>"
    path = tmp_path / "download.ipynb"
    nbformat.write(nb, path)
    assert read_handed_in(path, path.name, "download").name == "Ana <i>Novak</i>"
    # the name the button wrote into the metadata comes first
    named = copy.deepcopy(nb)
    named.metadata["kzsi"] = {"student_name": "Bor"}
    nbformat.write(named, path)
    assert read_handed_in(path, path.name, "download").name == "Bor"
