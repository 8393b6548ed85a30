"""The class report (issue 27, items 3 and 4): one row per student from the checks' records, never
running a student's code; bad files get a line each and never break the report or reach into it.

The handed-in files are made here from the real lesson 01 (teacher edition, every answer correct)
by editing its JSON: a right one, a wrong one, a blank one (the student edition), one changed after
its checks ran, and each bad file of item 4. No kernel is started.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from kzsi_helpers import cli
from kzsi_helpers.exercises.record import MIME, answer_hash
from kzsi_helpers.publish import report as rep
from kzsi_helpers.publish.report_files import MAX_BYTES, read_handed_in
from kzsi_helpers.publish.student_edition import student_notebook

ROOT = Path(__file__).resolve().parent.parent
LESSON01 = ROOT / "notebooks" / "01-three-decades-of-diplomacy.ipynb"
LESSON02 = ROOT / "notebooks" / "02-a-timeline-of-relations.ipynb"
SCRIPT_NAME = "Bor <script>alert('name')</script>"
SCRIPT_FILE = "<b onmouseover=alert(2)>eve.ipynb"
SCRIPT_CODE = "days_si = 1  # </code></pre><script>alert('code')</script>"


def check_cells(nb) -> dict[str, int]:
    """Exercise -> index of the cell whose output holds its record."""
    found = {}
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if MIME in output.get("data", {}):
                found[output["data"][MIME]["exercise"]] = index
    return found


def record(nb, exercise: str) -> dict:
    cell = nb.cells[check_cells(nb)[exercise]]
    return next(o["data"][MIME] for o in cell.outputs if MIME in o.get("data", {}))


def answer_as(nb, exercise: str, code: str, status: str) -> None:
    """The student wrote ``code`` and its check said ``status`` (record and hash agree)."""
    index = check_cells(nb)[exercise]
    nb.cells[index - 1].source = code
    record(nb, exercise).update(status=status, answer_sha256=answer_hash(code))


def save(nb, path: Path, name: str | None = None, mtime: float = 1_700_000_000) -> Path:
    if name is not None:
        nb.metadata.setdefault("kzsi", {})["student_name"] = name
    nbformat.write(nb, path)
    os.utime(path, (mtime, mtime))
    return path


@pytest.fixture(scope="module")
def teacher():
    """Lesson 01 as a student who got every answer right would hand it in.

    Each record gets the hash of its answer cell, as a check run in Jupyter leaves it (the
    committed lesson may have been executed where the kernel kept no history: a null hash).
    """
    nb = nbformat.read(LESSON01, as_version=4)
    for exercise, index in check_cells(nb).items():
        record(nb, exercise)["answer_sha256"] = answer_hash(nb.cells[index - 1].source)
    return nb


@pytest.fixture(scope="module")
def handed_in(tmp_path_factory, teacher) -> Path:
    folder = tmp_path_factory.mktemp("handed-in")
    # Ana: the teacher edition as it is (every answer correct), handed in twice; the later file counts
    save(copy.deepcopy(teacher), folder / "ana.ipynb", "Ana Novak", mtime=1_700_000_500)
    save(copy.deepcopy(teacher), folder / "ana-first.ipynb", " ana  novak", mtime=1_700_000_000)
    # Bor: q1 wrong, q2 changed after its check, q3 never checked (output cleared), q4 correct;
    # a name and an output full of markup
    bor = copy.deepcopy(teacher)
    answer_as(bor, "q1", "days_si = 100", "incorrect")
    q2 = check_cells(bor)["q2"]
    bor.cells[q2 - 1].source += "\n# edited after the check"
    bor.cells[check_cells(bor)["q3"]].outputs = []
    bor.cells[q2 - 1].outputs = [nbformat.v4.new_output(
        "display_data", data={"text/html": "<script>alert('output')</script>", "text/plain": "x"})]
    save(bor, folder / "bor.ipynb", SCRIPT_NAME)
    # Cene: the student edition, untouched (stubs, no records), no name written: the file's name
    save(student_notebook(teacher), folder / "cene.ipynb")
    # Eve: a file name with markup; q4 wrong, with code that tries to close the <pre>
    eve = copy.deepcopy(teacher)
    answer_as(eve, "q4", SCRIPT_CODE, "incorrect")
    save(eve, folder / SCRIPT_FILE)
    # bad files
    (folder / "notes.ipynb").write_text("<html><script>alert('file')</script>", encoding="utf-8")
    (folder / "old.ipynb").write_text(json.dumps({"nbformat": 3, "worksheets": []}), encoding="utf-8")
    save(nbformat.read(LESSON02, as_version=4), folder / "dan.ipynb", "Dan")
    future = copy.deepcopy(teacher)
    for exercise in check_cells(future):
        record(future, exercise)["version"] = "2.0.0"
    save(future, folder / "fran.ipynb", "Fran")
    mixed = copy.deepcopy(teacher)  # one record of another course, one unreadable: left out
    record(mixed, "q2")["course"] = "<script>alert('course')</script>"
    record(mixed, "q3")["status"] = "<script>alert('status')</script>"
    save(mixed, folder / "gal.ipynb", "Gal")
    with open(folder / "huge.ipynb", "wb") as handle:  # sparse: instant, never read
        handle.truncate(MAX_BYTES + 1)
    checkpoints = folder / ".ipynb_checkpoints"
    checkpoints.mkdir()
    save(copy.deepcopy(teacher), checkpoints / "ana-checkpoint.ipynb", "Ghost")
    return folder


# The table, by hand: sorted by name ("<" sorts before letters)
EXPECTED_TABLE = [
    ["Student", "q1", "q2", "q3", "q4"],
    ["<b onmouseover=alert(2)>eve", "correct", "correct", "correct", "tried and wrong"],
    ["Ana Novak", "correct", "correct", "correct", "correct"],
    [SCRIPT_NAME, "tried and wrong", "changed since it was checked", "not attempted", "correct"],
    ["cene", "not attempted", "not attempted", "not attempted", "not attempted"],
    ["Gal", "correct", "not attempted", "not attempted", "correct"],
]

EXPECTED_LINES = {
    "ana-first.ipynb: the same student (ana novak) as {folder}/ana.ipynb: left out (the report "
    "keeps the file saved last)",
    "bor.ipynb: answers changed after their check ran: q2",
    "dan.ipynb: a notebook of lesson 02, not lesson 01: left out (report it with --lesson 02)",
    "fran.ipynb: recorded by another course or version (kzsi 2.0.0); this report reads kzsi 1.0.0",
    "gal.ipynb: check results recorded by another course or version (<script>alert('course')"
    "</script> 1.0.0), left out: 1",
    "gal.ipynb: check results that could not be read, left out: 1",
    "huge.ipynb: larger than 20 MB: not read",
    "notes.ipynb: not a notebook: it is not JSON text",
    "old.ipynb: not a notebook in the format Jupyter saves (nbformat 4)",
}


@pytest.fixture(scope="module")
def run(handed_in, tmp_path_factory):
    """Run the command once: its status, its standard output and error, the HTML and the CSV."""
    out = tmp_path_factory.mktemp("report")
    capture = pytest.MonkeyPatch()
    stdout, stderr = io.StringIO(), io.StringIO()
    capture.setattr("sys.stdout", stdout)
    capture.setattr("sys.stderr", stderr)
    try:
        status = cli.main(["report", str(handed_in), "--out", str(out / "report.html"),
                           "--csv", str(out / "report.csv")])
    finally:
        capture.undo()
    return (status, stdout.getvalue(), stderr.getvalue(),
            (out / "report.html").read_text(encoding="utf-8"),
            (out / "report.csv").read_text(encoding="utf-8"))


def test_the_csv_is_the_table_written_by_hand(run) -> None:
    status, *_, table = run
    assert status == 0
    assert table.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(table[1:]))) == EXPECTED_TABLE


def test_each_problem_is_a_line_on_the_command_line_naming_the_file(run, handed_in) -> None:
    status, out, err, *_ = run
    lines = {line.replace(f"{handed_in}/", "", 1) for line in err.splitlines()}
    assert lines == {line.format(folder=handed_in) for line in EXPECTED_LINES}
    assert out.startswith("Wrote ")
    assert out.endswith("report.html: lesson 01; students: 5; problem lines: 9.\n")
    assert "Ghost" not in out + err  # hidden folders (.ipynb_checkpoints) are not read


class Elements(HTMLParser):
    """The page's elements and their text, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data) -> None:
        self.text.append(data)


def parsed(page: str) -> Elements:
    elements = Elements()
    elements.feed(page)
    return elements


def test_no_markup_from_a_student_file_reaches_the_page(run) -> None:
    page = run[3]
    elements = parsed(page)
    tags = [tag for tag, _attrs in elements.tags]
    assert "script" not in tags and "<script" not in page.lower()
    assert not any(name.startswith("on") for _tag, attrs in elements.tags for name in attrs)
    assert tags.count("b") == 0 and tags.count("img") == 1
    text = "".join(elements.text)
    # the name, the file's name and the code are there, as text
    assert SCRIPT_NAME in text and "<b onmouseover=alert(2)>eve" in text and SCRIPT_CODE in text
    assert "alert('output')" not in page and "alert('file')" not in page  # outputs are never shown
    assert "alert('status')" not in page


def test_the_page_is_self_contained_with_a_chart_and_the_answers(run) -> None:
    page = run[3]
    elements = parsed(page)
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    image = next(attrs for tag, attrs in elements.tags if tag == "img")
    assert image["src"].startswith("data:image/png;base64,iVBORw0KGgo")
    assert image["alt"] == (
        "Bar chart of how many students had each result, per exercise. "
        "q1: 3 correct, 1 tried and wrong, 0 changed since it was checked, 1 not attempted; "
        "q2: 2 correct, 0 tried and wrong, 1 changed since it was checked, 2 not attempted; "
        "q3: 2 correct, 0 tried and wrong, 0 changed since it was checked, 3 not attempted; "
        "q4: 3 correct, 1 tried and wrong, 0 changed since it was checked, 1 not attempted. "
        "Hardest for the class: q2, q3 (2 of 5 students correct).")
    assert [tag for tag, _ in elements.tags].count("details") == 5
    assert "not an exam grade" in page and "own check results" in page
    text = "".join(elements.text)
    assert "days_si = 100" in text and "No answer cell found." not in text
    assert "raise NotImplementedError()" in text  # cene's stub, as saved


def test_the_page_is_the_same_on_every_run(handed_in, run) -> None:
    with rep.use_language("en"):
        again = rep.render_html(rep.class_report([handed_in]))
    assert again == run[3]


def test_the_page_speaks_the_language_asked_for(handed_in, tmp_path) -> None:
    assert cli.main(["report", str(handed_in / "ana.ipynb"), "--out", str(tmp_path / "r.html"),
                     "--lang", "sl"]) == 0
    assert '<html lang="sl">' in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_nothing_usable_writes_nothing_and_exits_1(handed_in, tmp_path, capsys) -> None:
    out = tmp_path / "r.html"
    status = cli.main(["report", str(handed_in / "notes.ipynb"), str(tmp_path / "missing"),
                       "--out", str(out)])
    err = capsys.readouterr().err.splitlines()
    assert status == 1 and not out.exists()
    assert err == [f"{handed_in}/notes.ipynb: not a notebook: it is not JSON text",
                   f"{tmp_path}/missing: no such file or folder",
                   "Nothing written: no handed-in notebook could be used."]


def test_a_lesson_can_be_chosen(handed_in, tmp_path, capsys) -> None:
    assert cli.main(["report", str(handed_in), "--out", str(tmp_path / "r.html"),
                     "--csv", str(tmp_path / "r.csv"), "--lesson", "2"]) == 0
    table = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))
    assert table == [["Student", "q1", "q2", "q3", "q5", "q6"],
                     ["Dan", "correct", "correct", "correct", "correct",
                      "discussed (no single right answer)"]]
    assert "a notebook of lesson 01, not lesson 02" in capsys.readouterr().err


def test_a_spreadsheet_formula_in_a_name_stays_text(teacher, tmp_path) -> None:
    save(copy.deepcopy(teacher), tmp_path / "x.ipynb", "=HYPERLINK(\"http://x\")")
    table = rep.render_csv(rep.class_report([tmp_path]))
    assert table.splitlines()[1].startswith("\"'=HYPERLINK(")


def test_the_last_check_run_counts(teacher, tmp_path) -> None:
    """A check cell copied and run again later: the later run's record is the one shown."""
    nb = copy.deepcopy(teacher)
    index = check_cells(nb)["q3"]
    again = copy.deepcopy(nb.cells[index])
    again.id, again.execution_count = "again", 99
    again.outputs[0]["data"][MIME]["status"] = "incorrect"
    nb.cells.insert(index + 1, again)  # its answer cell is the check cell above: changed
    nb.cells[index].execution_count = 98
    path = save(nb, tmp_path / "x.ipynb")
    assert read_handed_in(path, "x", "x").answers["q3"].status == "changed"
    nb.cells[index + 1].execution_count = 1  # run before the first one: the first counts
    save(nb, path)
    assert read_handed_in(path, "x", "x").answers["q3"].status == "correct"


def test_an_unknown_hash_keeps_the_status_and_files_in_subfolders_are_named_by_folder(teacher,
                                                                                    tmp_path) -> None:
    """A record without a hash cannot tell a change; two students' files of the same name."""
    for student in ("ana", "bor"):
        (tmp_path / student).mkdir()
        nb = copy.deepcopy(teacher)
        record(nb, "q1")["answer_sha256"] = None
        nb.cells[check_cells(nb)["q1"] - 1].source = "days_si = 1  # changed, but who can tell"
        save(nb, tmp_path / student / LESSON01.name)
    report = rep.class_report([tmp_path])
    assert [s.name for s in report.students] == [f"ana/{LESSON01.stem}", f"bor/{LESSON01.stem}"]
    assert report.students[0].answers["q1"].status == "correct" and not report.problems


def test_the_chart_stacks_each_exercise_by_status(handed_in) -> None:
    with rep.use_language("en"):
        ax = rep.class_figure(rep.class_report([handed_in])).axes[0]
    widths = {}
    for bars in ax.containers:
        widths[bars.get_label()] = [bar.get_width() for bar in bars]
    assert widths == {"correct": [3, 2, 2, 3], "tried and wrong": [1, 0, 0, 1],
                      "changed since it was checked": [0, 1, 0, 0], "not attempted": [1, 2, 3, 1]}
    assert [t.get_text() for t in ax.get_yticklabels()] == ["q1", "q2", "q3", "q4"]
    assert ax.get_xlim() == (0, 5) and ax.get_title() == "Lesson 01: results per exercise"
