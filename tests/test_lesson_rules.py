"""Lessons that fit a school period (issue 26): the rules every lesson is held to.

- each lesson fits a 45-minute period by the timing model, and states the model's time;
- a check (``qN.check()``) at least every 15 model-minutes from the first section to the end;
- no Markdown sentence over 35 words; no line or sentence repeated within a cell;
- code a beginner can read in every teaching cell and worked answer: no private attributes, no
  nested comprehensions, no lambdas, no ``apply(..., axis=1)``, no ``textwrap``, no sentence built
  with ``str.join`` or an f-string of more than three parts;
- three to five learning objectives, each once;
- the student edition holds everything a student needs: a cell it removes shows no chart, map or
  table, and no cell it keeps uses a name that only a removed cell or a worked answer defines.

The expected values are the issue's numbers (45, 15, 35); the sentence splitter and the code rules
are written here, independently of the timing model's code.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from kzsi_helpers.course import times, timing
from kzsi_helpers.publish.student_edition import student_notebook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
# Lesson 00 is the course's front door: it teaches no code and asks no exercise.
TAUGHT = [p for p in LESSONS if not p.name.startswith("00-")]
MAX_WORDS = 35
CHECK_EVERY = 15.0
CHECK_CALL = re.compile(r"\bq\d+\w*\.check\(\s*\)")
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


# ------------------------------------------------------------------------------------------ time


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_every_lesson_fits_a_period_by_the_timing_model(path: Path) -> None:
    minutes = timing.estimate(read(path)).minutes
    assert minutes <= timing.PERIOD, f"{path.name}: {minutes:.1f} minutes by the model"


def test_every_lesson_states_the_models_time() -> None:
    assert times.stale_times(NOTEBOOKS) == []


def _counted_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The cells from the first numbered section to the end, without the Sources section."""
    cells, started = [], False
    for cell in nb.cells:
        heading = re.search(r"^## +(.+)$", cell.source, re.M) if cell.cell_type == "markdown" else None
        if heading:
            title = heading.group(1)
            if re.match(r"1\.", title):
                started = True
            if title.startswith("Sources"):
                break
        if started:
            cells.append(cell)
    return cells


@pytest.mark.parametrize("path", TAUGHT, ids=ids(TAUGHT))
def test_a_check_at_least_every_fifteen_minutes(path: Path) -> None:
    cells = _counted_cells(read(path))
    assert cells, f"{path.name}: no section numbered '## 1.'"
    gap, longest, where = 0.0, 0.0, "the start"
    since = "the first section"
    for cell in cells:
        gap += timing.estimate([cell]).minutes
        if cell.cell_type == "code" and CHECK_CALL.search(cell.source):
            if gap > longest:
                longest, where = gap, since
            gap, since = 0.0, f"the check `{CHECK_CALL.search(cell.source).group(0)}`"
    if gap > longest:
        longest, where = gap, since
    assert longest <= CHECK_EVERY, (
        f"{path.name}: {longest:.1f} model-minutes without a check after {where}")


# ----------------------------------------------------------------------------------------- prose


def _prose(markdown: str) -> str:
    """Markdown without code blocks, inline code, links' addresses, HTML comments and tables."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", "CODE", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("|"))


def sentences(markdown: str) -> list[str]:
    """Split prose into sentences: at . ! ? or : before a capital, and at headings and list items."""
    found = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)|\n(?=#)", _prose(markdown)):
        block = " ".join(block.split())
        for sentence in re.split(r"(?<=[.!?])\s+(?=[\"'(*_]*[A-Z0-9])", block):
            if sentence.strip():
                found.append(sentence.strip())
    return found


def test_the_sentence_splitter() -> None:
    text = ("# Title\n\nOne short sentence. Another one, with `code.x` and e.g. a [link](a.b).\n"
            "- a bullet without a stop\n- a second bullet\n\n| a | b |\n|---|---|\n")
    assert sentences(text) == ["# Title", "One short sentence.",
                               "Another one, with CODE and e.g. a [link].",
                               "- a bullet without a stop", "- a second bullet"]


def _markdown(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    return [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_no_markdown_sentence_over_35_words(path: Path) -> None:
    long = [f"cell {i}: {len(s.split())} words: {s[:80]}..."
            for i, source in _markdown(read(path)) for s in sentences(source)
            if len(s.split()) > MAX_WORDS]
    assert not long, f"{path.name}:\n" + "\n".join(long)


def _repeats(items: list[str]) -> list[str]:
    seen: set[str] = set()
    repeated = []
    for item in items:
        key = " ".join(item.lower().split())
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    return repeated


# Lines that may repeat in a cell: blank, fences, table rules, closing brackets, short code.
_TRIVIAL = re.compile(r"^\s*(```\w*|[-|: ]+|[)\]}]+,?|\.\.\.|#+|)\s*$")


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_no_line_or_sentence_repeated_within_a_cell(path: Path) -> None:
    found = []
    for i, cell in enumerate(read(path).cells):
        lines = [line for line in cell.source.splitlines()
                 if not _TRIVIAL.match(line) and len(line.strip()) > 12]
        found += [f"cell {i}: line {r!r}" for r in _repeats(lines)]
        if cell.cell_type == "markdown":
            found += [f"cell {i}: sentence {r!r}" for r in _repeats(sentences(cell.source))
                      if len(r.split()) > 3]
    assert not found, f"{path.name}: " + "; ".join(found)


def test_the_repeat_finder() -> None:
    assert _repeats(["The same line.", "Another.", "the  same line."]) == ["the same line."]


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_three_to_five_learning_objectives_each_once(path: Path) -> None:
    [cell] = [c for c in read(path).cells
              if c.cell_type == "markdown" and c.source.startswith("## Learning objectives")]
    items = [" ".join(m.split()) for m in re.findall(r"^- (.+(?:\n  .+)*)", cell.source, re.M)]
    assert 3 <= len(items) <= 5, f"{path.name}: {len(items)} objectives"
    assert not _repeats(items), f"{path.name}: an objective is listed twice"


# ------------------------------------------------------------------------------------------ code


def _code_problems(source: str) -> list[str]:
    """What a beginner cannot read in one cell's code, by the rules of the issue."""
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%"))
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return [f"does not parse ({exc.msg})"]
    problems = []
    comprehensions = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            problems.append(f"private attribute .{node.attr}")
        if isinstance(node, ast.Lambda):
            problems.append("lambda")
        if isinstance(node, comprehensions) and any(
                isinstance(inner, comprehensions) for inner in ast.walk(node) if inner is not node):
            problems.append("nested comprehension")
        if isinstance(node, (ast.Import, ast.ImportFrom)) and "textwrap" in ast.dump(node):
            problems.append("textwrap")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "apply" and any(k.arg == "axis" for k in node.keywords):
                problems.append("apply(..., axis=...)")
            if node.func.attr == "join" and isinstance(node.func.value, ast.Constant) and \
                    isinstance(node.func.value.value, str) and node.func.value.value.strip(" \n"):
                problems.append(f"a sentence joined with {node.func.value.value!r}.join")
        if isinstance(node, ast.JoinedStr) and \
                sum(isinstance(v, ast.FormattedValue) for v in node.values) > 3:
            problems.append("an f-string of more than three parts")
    return problems


def test_the_code_rules_catch_what_the_issue_names() -> None:
    assert "private attribute ._children" in _code_problems("m._children")
    assert "lambda" in _code_problems("df.map(lambda x: x)")
    assert "nested comprehension" in _code_problems("[[c for c in r] for r in rows]")
    assert "apply(..., axis=...)" in _code_problems("df.apply(f, axis=1)")
    assert "textwrap" in _code_problems("import textwrap")
    assert "an f-string of more than three parts" in _code_problems('alt = f"{a} {b} {c} {d}"')
    assert _code_problems('print(f"{a} to {b}: {km:.0f} km")') == []
    assert _code_problems('print(", ".join(names))') == ["a sentence joined with ', '.join"]
    assert _code_problems('events[events["category"] == "economy"]') == []
    assert _code_problems("fig, ax = plt.subplots()\nax.bar(x, y)\nax.__class__") == []


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_teaching_cells_and_worked_answers_are_code_a_beginner_can_read(path: Path) -> None:
    found = []
    for i, cell in enumerate(read(path).cells):
        if cell.cell_type != "code":
            continue
        is_sources = "sources_section(" in cell.source  # the reference list at the end
        if not is_sources:
            found += [f"cell {i}: {p}" for p in _code_problems(cell.source)]
    assert not found, f"{path.name}:\n" + "\n".join(found)


# ------------------------------------------------------------------------------ student edition


def _defined(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names


def _used(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _shown(output: dict) -> str | None:
    """What an output shows that a student would need: a chart, a map or a table (not feedback)."""
    data = output.get("data", {})
    html = data.get("text/html", "")
    html = html if isinstance(html, str) else "".join(html)
    if "image/png" in data:
        return "a chart"
    if "<iframe" in html or "leaflet" in html.lower():
        return "a map"
    if "<table" in html:
        return "a table"
    return None


def _is_exercise(source: str) -> bool:
    return "raise NotImplementedError()" in source or "____" in source


@pytest.mark.parametrize("path", TAUGHT, ids=ids(TAUGHT))
def test_the_student_edition_holds_everything_a_student_needs(path: Path) -> None:
    """Removed cells show nothing; kept cells use nothing that only the teacher edition makes.

    A teaching cell may not use a name that a worked answer or a removed cell defines (a student
    who has not answered yet could not run it); an exercise may build on earlier answers, but not on
    a removed cell.
    """
    teacher = read(path)
    student = student_notebook(read(path), name=path.name)
    problems = []
    removed: set[str] = set()
    answers: set[str] = set()
    for i, cell in enumerate(teacher.cells):
        if cell.cell_type != "code":
            continue
        if "solution" in cell.metadata.get("tags", []):
            removed |= _defined(cell.source)
            shown = [kind for output in cell.get("outputs", []) if (kind := _shown(output))]
            if shown:
                problems.append(f"cell {i} is removed from the student edition but shows {shown}")
        for block in SOLUTION.findall(cell.source):
            answers |= _defined(block)
    taught = set().union(*[_defined(c.source) for c in student.cells
                           if c.cell_type == "code" and not _is_exercise(c.source)])
    for i, cell in enumerate(student.cells):
        if cell.cell_type != "code" or CHECK_CALL.search(cell.source):
            continue
        teacher_only = removed if _is_exercise(cell.source) else removed | answers
        missing = (_used(cell.source) & teacher_only) - taught
        if missing:
            problems.append(f"student cell {i} uses {sorted(missing)}, which only "
                            "a worked answer or a removed cell makes")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def _asks_for_code(body: str) -> bool:
    """A worked answer that is code, not only values typed (a letter, a number)."""
    try:
        tree = ast.parse(body)
    except SyntaxError:
        return True
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            return True
        try:
            ast.literal_eval(node.value)
        except ValueError:
            return True
    return False


@pytest.mark.parametrize("path", TAUGHT, ids=ids(TAUGHT))
def test_the_first_code_exercise_is_scaffolded_with_blanks(path: Path) -> None:
    blocks = [block for cell in read(path).cells if cell.cell_type == "code"
              for block in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S)]
    code = [block for block in blocks if _asks_for_code(block.split("### BLANKS")[0])]
    assert code, f"{path.name}: no exercise asks for code"
    assert "### BLANKS" in code[0], f"{path.name}: the first code exercise has no blanks to fill"
