"""The student edition: stubs instead of solutions, nothing of the solutions left, runs cleanly.

Two parts: unit tests of :func:`student_notebook` and the build on a small fixture lesson, and
tests of the real lessons in ``notebooks/``: their student edition is built into a temporary
folder and every student notebook is executed (the only errors allowed are the stubs'
``NotImplementedError``, every ``check()`` says *not attempted*), and the student files are
searched for every line of every solution.
"""

from __future__ import annotations

import html
import importlib
import os
import re
from pathlib import Path

import nbformat
import pytest
from lesson_kernel import execute_in, lesson_kernel
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kzsi_helpers.cli import main
from kzsi_helpers.course.lessons import lesson_paths
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.publish.handouts import handout_html
from kzsi_helpers.publish.pdf import find_chromium, html_to_pdf
from kzsi_helpers.publish.student import MARKER_FILE, build_student_edition
from kzsi_helpers.publish.student_edition import RAISES_TAG, StudentEditionError, student_notebook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = lesson_paths(NOTEBOOKS)

SOLUTION_LINE = "answer = six * seven"
SECRET_MARKDOWN = "The decisive clue is the second column of the table."

# --------------------------------------------------------------------------------------------
# a small lesson, built in code: every kind of cell the build must handle
# --------------------------------------------------------------------------------------------


def fixture_lesson() -> nbformat.NotebookNode:
    check_out = new_output("execute_result", data={"text/plain": "Correct: Well done."},
                           execution_count=4)
    chart_out = new_output("display_data", data={"image/png": "iVBORw0KGgo=",
                                                 "text/plain": "[Figure: a bar chart]"},
                           metadata={"image/png": {"alt": "A bar chart of two bars."}})
    map_html = ('<div><iframe srcdoc="&lt;script src=&quot;leaflet.js&quot;&gt;&lt;/script&gt;">'
                "</iframe></div>")
    map_out = new_output("display_data", data={"text/html": map_html, "text/plain": "[Map]"})
    cells = [
        new_markdown_cell("# A fixture lesson\n\nA paragraph of narrative."),
        new_markdown_cell("## Imports"),
        new_code_cell(
            "import types\n\nfrom kzsi_helpers.exercises import Question, equals\n\n"
            "ex = types.SimpleNamespace(\n"
            "    q1=Question('answer', equals(42), ['Multiply.'], 'answer = 6 * 7'),\n"
            "    q2=Question('total', equals(6), ['Add.'], 'total = 6'),\n"
            ")\nsix, seven = 6, 7", execution_count=1),
        new_markdown_cell("## A chart\n\nSee [the data](https://example.org/data), "
                          "<https://example.org/raw>."),
        new_code_cell("print('chart')", execution_count=2, outputs=[chart_out]),
        new_code_cell("print('map')", execution_count=3, outputs=[map_out]),
        new_markdown_cell("## Exercises\n\n### Now you try\n\nMultiply."),
        new_code_cell(f"### BEGIN SOLUTION\n{SOLUTION_LINE}\n### END SOLUTION",
                      execution_count=3),
        new_code_cell("ex.q1.check()", execution_count=4, outputs=[check_out]),
        new_code_cell("ex.q1.hint()", execution_count=5, outputs=[
            new_output("execute_result", data={"text/plain": "Hint: Multiply."},
                       execution_count=5)]),
        new_code_cell("ex.q1.solution()", metadata={"tags": ["solution"]}, execution_count=6),
        new_code_cell(
            "def double(x):\n    ### BEGIN SOLUTION\n    return x + x\n"
            "    ### END SOLUTION\ntotal = double(3)", execution_count=7,
            outputs=[new_output("stream", name="stdout", text="done\n")]),
        new_code_cell("ex.q2.check()", execution_count=8),
        new_markdown_cell(SECRET_MARKDOWN, metadata={"tags": ["solution"]}),
        new_markdown_cell("Your view:\n\n### BEGIN SOLUTION\nTeacher's notes here.\n"
                          "### END SOLUTION"),
        new_markdown_cell("## Summary\n\nDone. Next: [the next lesson](02-next.ipynb#Part); "
                          "the data: [events](../data/events.csv)."),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}})


@pytest.fixture()
def lessons_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(fixture_lesson(), folder / "01-fixture.ipynb")
    (folder / "images").mkdir()
    (folder / "images" / "logo.txt").write_text("an asset", encoding="utf-8")
    return folder


def sources(nb: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in nb.cells]


def test_markers_replaced_by_stub_keeping_indentation_and_other_lines() -> None:
    student = student_notebook(fixture_lesson())
    text = "\n".join(sources(student))
    assert SOLUTION_LINE not in text and "return x + x" not in text
    assert "# YOUR CODE HERE\nraise NotImplementedError()" in text
    function = next(s for s in sources(student) if s.startswith("def double"))
    assert function.splitlines() == ["def double(x):", "    # YOUR CODE HERE",
                                     "    raise NotImplementedError()", "total = double(3)"]
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text


def test_stubbed_cells_are_cleared_and_tagged() -> None:
    teacher = fixture_lesson()
    student = student_notebook(teacher)
    stubbed = [c for c in student.cells if "NotImplementedError" in c.source]
    assert len(stubbed) == 2
    for cell in stubbed:
        assert cell.outputs == [] and cell.execution_count is None
        assert RAISES_TAG in cell.metadata["tags"]
    # cells without a solution get no tag
    assert all(RAISES_TAG not in c.metadata.get("tags", []) for c in student.cells
               if "NotImplementedError" not in c.source)


def test_solution_cells_removed_and_exercise_outputs_cleared() -> None:
    teacher = fixture_lesson()
    student = student_notebook(teacher)
    assert len(student.cells) == len(teacher.cells) - 2
    assert SECRET_MARKDOWN not in sources(student)
    assert "ex.q1.solution()" not in sources(student)
    for cell in student.cells:
        if re.search(r"\.(check|hint)\(", cell.source):
            assert cell.outputs == [] and cell.execution_count is None


def test_markdown_solution_block_becomes_answer_placeholder() -> None:
    student = student_notebook(fixture_lesson())
    assert "Your view:\n\nYOUR ANSWER HERE" in sources(student)
    assert "Teacher's notes" not in "\n".join(sources(student))


def test_everything_else_is_kept_unchanged() -> None:
    teacher = fixture_lesson()
    student = student_notebook(teacher)
    by_source = {c.source: c for c in student.cells}
    for cell in teacher.cells:
        untouched = ("BEGIN SOLUTION" not in cell.source
                     and "solution" not in cell.metadata.get("tags", [])
                     and not re.search(r"\.(check|hint|solution)\(", cell.source))
        if untouched:
            assert by_source[cell.source] == cell


def test_input_notebook_is_not_modified() -> None:
    teacher = fixture_lesson()
    before = nbformat.writes(teacher)
    student_notebook(teacher)
    assert nbformat.writes(teacher) == before


def test_student_notebook_is_idempotent() -> None:
    once = student_notebook(fixture_lesson())
    assert nbformat.writes(student_notebook(once)) == nbformat.writes(once)


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("### BEGIN SOLUTION\nx = 1", "has no '### END SOLUTION'"),
        ("x = 1\n### END SOLUTION", "without a '### BEGIN SOLUTION'"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "second"),
    ],
)
def test_unbalanced_markers_name_notebook_and_cell(lessons_dir: Path, tmp_path: Path,
                                                   source: str, fragment: str) -> None:
    nb = fixture_lesson()
    nb.cells.insert(3, new_code_cell(source))
    bad = lessons_dir / "02-broken.ipynb"
    nbformat.write(nb, bad)
    before = {p.name: p.read_bytes() for p in lessons_dir.glob("*.ipynb")}
    out = tmp_path / "student"
    with pytest.raises(StudentEditionError) as info:
        build_student_edition(lessons_dir, out)
    message = str(info.value)
    assert "02-broken.ipynb" in message and "cell 4" in message and fragment in message
    assert not out.exists(), "a failed build must write nothing"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".student")]
    assert {p.name: p.read_bytes() for p in lessons_dir.glob("*.ipynb")} == before


def test_build_writes_notebooks_and_assets_and_is_idempotent(lessons_dir: Path,
                                                             tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in lessons_dir.rglob("*") if p.is_file()}
    out = tmp_path / "student"
    written = build_student_edition(lessons_dir, out)
    assert written == [out / "01-fixture.ipynb"]
    assert (out / "images" / "logo.txt").read_text(encoding="utf-8") == "an asset"
    assert (out / MARKER_FILE).is_file()
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (out / "stale.ipynb").write_text("{}", encoding="utf-8")  # refused, then replaced as a whole
    with pytest.raises(StudentEditionError, match=r"stale\.ipynb \(new\)"):
        build_student_edition(lessons_dir, out)
    build_student_edition(lessons_dir, out, force=True)
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert second == first
    assert {p: p.read_bytes() for p in lessons_dir.rglob("*") if p.is_file()} == before
    assert nbformat.read(out / "01-fixture.ipynb", as_version=4) == student_notebook(
        nbformat.read(lessons_dir / "01-fixture.ipynb", as_version=4), "01-fixture.ipynb")


def test_build_refuses_unsafe_output_folders(lessons_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(StudentEditionError, match="overlap"):
        build_student_edition(lessons_dir, lessons_dir)
    with pytest.raises(StudentEditionError, match="overlap"):
        build_student_edition(lessons_dir, lessons_dir / "student")
    with pytest.raises(StudentEditionError, match="overlap"):
        build_student_edition(lessons_dir, tmp_path)
    other = tmp_path / "my-files"
    other.mkdir()
    (other / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StudentEditionError, match="not a student edition"):
        build_student_edition(lessons_dir, other)
    assert (other / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_command_line(lessons_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "student"
    assert main(["student", "--out", str(out), "--notebooks", str(lessons_dir)]) == 0
    assert (out / "01-fixture.ipynb").is_file()
    assert "1 notebooks" in capsys.readouterr().out
    broken = lessons_dir / "02-broken.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("### BEGIN SOLUTION")]), broken)
    assert main(["student", "--out", str(out), "--notebooks", str(lessons_dir)]) == 1
    assert "02-broken.ipynb, cell 1" in capsys.readouterr().err


def execute(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()  # stops at any error, except in cells tagged raises-exception
    return nb


def errors(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    return [(index, output.ename) for index, cell in enumerate(nb.cells)
            if cell.cell_type == "code" for output in cell.outputs
            if output.output_type == "error"]


def check_feedback(nb: nbformat.NotebookNode) -> list[str]:
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "code" and re.search(r"\.check\(\s*\)", cell.source):
            shown = [o.get("data", {}).get("text/plain", "") for o in cell.outputs
                     if o.output_type in ("execute_result", "display_data")]
            texts.append("\n".join(shown))
    return texts


def test_fixture_student_edition_runs_with_only_stub_errors(lessons_dir: Path) -> None:
    student = student_notebook(nbformat.read(lessons_dir / "01-fixture.ipynb", as_version=4))
    executed = execute(student, lessons_dir)
    assert [name for _, name in errors(executed)] == ["NotImplementedError"] * 2
    assert all(RAISES_TAG in executed.cells[i].metadata["tags"] for i, _ in errors(executed))
    feedback = check_feedback(executed)
    assert len(feedback) == 2
    assert all(text.startswith("Not attempted yet") for text in feedback)


# --------------------------------------------------------------------------------------------
# handouts
# --------------------------------------------------------------------------------------------


def test_handout_html_is_offline_and_print_ready() -> None:
    page = handout_html(student_notebook(fixture_lesson()), "A fixture lesson")
    assert "<title>A fixture lesson</title>" in page
    assert not re.search(r"""<script[^>]+src=|<link[^>]+href=["']https?:""", page)
    assert "require.js" not in page and "mathjax" not in page.lower()
    assert "@media print" in page and "break-before: page" not in page  # no half-empty pages
    assert 'a[href^="http"]::after' in page
    # an address shown as the link's text is not printed twice
    assert ('<a class="kzsi-bare-link" href="https://example.org/raw">https://example.org/raw</a>'
            in page)
    assert '<a href="https://example.org/data">the data</a>' in page
    assert not re.search(r'<div class="jp-(In|Out)putPrompt', page)
    assert "In&nbsp;[" not in page
    assert "<iframe" not in page and "Interactive map" in page
    assert 'alt="A bar chart of two bars."' in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "raise NotImplementedError()" in text
    assert SOLUTION_LINE not in text and "return x + x" not in text


def test_handout_links_point_to_handouts_not_to_notebooks() -> None:
    page = handout_html(student_notebook(fixture_lesson()), "A fixture lesson")
    assert 'href="02-next.html#Part"' in page and ".ipynb" not in page
    assert "../data/events.csv" not in page and "the data: events." in page
    printed = handout_html(student_notebook(fixture_lesson()), "A fixture lesson", for_pdf=True)
    assert "02-next" not in printed and "Next: the next lesson;" in printed
    assert 'href="https://example.org/data"' in printed


def test_build_with_handouts(lessons_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "student"
    written = build_student_edition(lessons_dir, out, handouts=True)
    page = out / "handouts" / "01-fixture.html"
    assert page in written and "A fixture lesson" in page.read_text(encoding="utf-8")
    pdf = out / "handouts" / "01-fixture.pdf"
    assert (pdf in written) == (find_chromium() is not None)
    if pdf.exists():  # the same PDF wherever it is built
        other = build_student_edition(lessons_dir, tmp_path / "elsewhere" / "s", handouts=True)
        assert (tmp_path / "elsewhere" / "s" / "handouts" / "01-fixture.pdf") in other
        assert pdf.read_bytes() == (tmp_path / "elsewhere/s/handouts/01-fixture.pdf").read_bytes()


needs_browser = pytest.mark.skipif(
    find_chromium() is None and not os.environ.get("KZSI_REQUIRE_BROWSER"),
    reason="no Chromium installed (PDF handouts are optional)")


@needs_browser
def test_handout_pdf_is_printed(tmp_path: Path) -> None:
    # (that the same page gives the same PDF bytes wherever it is printed: test_build_with_handouts)
    page = tmp_path / "lesson.html"
    page.write_text(handout_html(student_notebook(fixture_lesson()), "A fixture lesson"),
                    encoding="utf-8")
    first = html_to_pdf(page, tmp_path / "a.pdf").read_bytes()
    assert first.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page[^s]", first)) >= 1


# --------------------------------------------------------------------------------------------
# the real lessons
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not LESSONS:
        pytest.fail("no lessons in notebooks/")
    out = tmp_path_factory.mktemp("edition") / "student"
    build_student_edition(NOTEBOOKS, out)
    return out


def lesson_ids() -> list[str]:
    return [p.name for p in LESSONS] or ["none"]


_CALL = re.compile(r"\.(check|hint|solution)\(")


def _solution_and_other_text(nb: nbformat.NotebookNode) -> tuple[set[str], str]:
    """Lines of the worked answers, and all the rest of the teacher edition as one text.

    The rest: the lines outside the solution blocks of cells not tagged ``solution``, the
    student's scaffold of a block (after ``### BLANKS``: what the student edition gives on purpose),
    and the outputs of the cells that are neither answers nor exercise calls.
    """
    solution: set[str] = set()
    other: list[str] = []
    for cell in nb.cells:
        tagged = "solution" in cell.metadata.get("tags", [])
        inside = marked = scaffold = False
        for line in cell.source.splitlines():
            text = line.strip()
            if re.match(r"#+\s*BEGIN\s+SOLUTION", text, re.I):
                inside = marked = True
            elif re.match(r"#+\s*END\s+SOLUTION", text, re.I):
                inside = scaffold = False
            elif inside and re.match(r"#+\s*BLANKS$", text, re.I):
                scaffold = True
            elif scaffold:
                other.append(text[2:] if text.startswith("# ") else text.lstrip("#"))
            elif text:
                if tagged or inside:
                    solution.add(text)
                else:
                    other.append(line)
        if not (tagged or marked or _CALL.search(cell.source)):
            other.append(_output_text(cell))
    return solution, "\n".join(other)


def _module_solutions(lesson: Path) -> set[str]:
    try:
        module = importlib.import_module(f"kzsi_helpers.exercises.lesson{lesson.name[:2]}")
    except ModuleNotFoundError:
        return set()
    return {line.strip() for q in vars(module).values() if isinstance(q, Question)
            for line in q.solution_text.splitlines() if line.strip()}


def _non_trivial(line: str) -> bool:
    # a line that says something: not a bracket, not a lone keyword or a short name
    return len(re.findall(r"[A-Za-z0-9_]", line)) >= 6


def secret_lines(name: str) -> list[str]:
    """The solution lines of a lesson that appear nowhere else in its teacher edition."""
    teacher = nbformat.read(NOTEBOOKS / name, as_version=4)
    solution, other = _solution_and_other_text(teacher)
    solution |= _module_solutions(NOTEBOOKS / name)
    # a line the lesson also shows outside its solutions is not a secret
    return sorted(line for line in solution if _non_trivial(line) and line not in other)


def _output_text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(str(output.get("text", "")))
        parts.extend(str(v) for v in output.get("data", {}).values())
        parts.extend(output.get("traceback", []))
    return "\n".join(parts)


def _all_text(nb: nbformat.NotebookNode) -> str:
    return "\n".join(cell.source + "\n" + _output_text(cell) for cell in nb.cells)


@pytest.mark.parametrize("name", lesson_ids())
def test_no_solution_text_survives(edition: Path, name: str) -> None:
    student_text = _all_text(nbformat.read(edition / name, as_version=4))
    secret = secret_lines(name)
    teacher = nbformat.read(NOTEBOOKS / name, as_version=4)
    if _solution_and_other_text(teacher)[0]:
        assert secret, f"{name}: solutions are marked but none was found"
    leaked = [line for line in secret if line in student_text]
    assert not leaked, f"solution text left in the student edition of {name}: {leaked}"
    markers = [line for line in student_text.splitlines()
               if re.fullmatch(r"\s*#+\s*(BEGIN|END)\s+SOLUTION\s*", line, re.I)]
    assert not markers, f"{name}: solution markers left: {markers}"


def _without_imports(source: str) -> str:
    """A cell's code without its import lines (lessons import the blank ``____`` itself)."""
    return "\n".join(line for line in source.splitlines()
                     if not line.lstrip().startswith(("import ", "from ")))


@pytest.fixture(scope="module")
def kernel():
    """One kernel for the five lessons, started next to the data, as a student would run them."""
    with lesson_kernel(NOTEBOOKS) as km:
        yield km


@pytest.mark.parametrize("name", lesson_ids())
def test_student_lesson_runs_and_every_check_is_not_attempted(edition: Path, name: str,
                                                              kernel) -> None:
    teacher = nbformat.read(NOTEBOOKS / name, as_version=4)
    student = nbformat.read(edition / name, as_version=4)
    stubs = [i for i, c in enumerate(student.cells)
             if c.cell_type == "code" and "raise NotImplementedError()" in c.source]
    # a scaffold with a blank ____ may stop (BlankError, or the library's own error on ____) or,
    # when it only assigns the blank, run on: its check() then says the blank is not filled in
    scaffolds = [i for i, c in enumerate(student.cells)
                 if c.cell_type == "code" and "____" in _without_imports(c.source)]
    executed = execute_in(kernel, student)
    found = errors(executed)
    assert all(ename == "NotImplementedError" for i, ename in found if i in stubs), found
    assert {i for i, _ in found} - set(scaffolds) == set(stubs), "every stub, and only exercises, raise"
    assert all("raises-exception" in student.cells[i].metadata.get("tags", []) for i in scaffolds)
    feedback = check_feedback(executed)
    assert len(feedback) == len(check_feedback(teacher))
    for text in feedback:
        assert text.startswith(("Not attempted yet", "Discussion question")), text
    # nothing else went to stderr (warnings would show students noise)
    stderr = [o.text for c in executed.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, stderr
    text = _all_text(executed)
    assert not [line for line in secret_lines(name) if line in text]
