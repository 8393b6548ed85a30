"""kzsi_helpers.course.lessons: the one place that knows the lessons, read without nbformat."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kzsi_helpers.course import lessons, paths, toc

ROOT = paths.course_root()


def test_discovery_order_and_start_flag(tmp_path: Path) -> None:
    for name in ("02-b.ipynb", "00-start-here.ipynb", "01-a.ipynb", "1-bad.ipynb", "notes.ipynb"):
        nbformat.write(new_notebook(), tmp_path / name)
    (tmp_path / "03-folder.ipynb").mkdir()  # not a file: not a lesson
    assert [p.name for p in lessons.lesson_paths(tmp_path)] == [
        "00-start-here.ipynb", "01-a.ipynb", "02-b.ipynb"]
    assert [p.name for p in lessons.lesson_paths(tmp_path, start=False)] == ["01-a.ipynb", "02-b.ipynb"]
    assert toc.lesson_paths(tmp_path) == lessons.lesson_paths(tmp_path, start=False)


def test_default_folder_comes_from_paths() -> None:
    assert lessons.lesson_paths()[0] == paths.notebooks_dir() / lessons.START_HERE


def test_unreadable_notebook_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "01-broken.ipynb"
    bad.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(lessons.LessonError, match=r"01-broken\.ipynb: could not be read"):
        lessons.lesson_info(bad)
    with pytest.raises(toc.TocError, match=r"01-broken\.ipynb"):
        toc.lesson_info(bad)


def test_title_reads_json_lines_and_nbformat_nodes() -> None:
    stored = {"cells": [{"cell_type": "markdown", "source": ["Intro\n", "# The title\n", "x"]}]}
    assert lessons.title(stored) == "The title"
    node = new_notebook(cells=[new_markdown_cell("# Node title")])
    assert lessons.title(node) == "Node title"


def test_error_outputs_are_found_except_in_cells_meant_to_raise() -> None:
    error = new_output("error", ename="ValueError", evalue="bad", traceback=["..."])
    nb = new_notebook(cells=[
        new_markdown_cell("# L"),
        new_code_cell("raise ValueError('shown on purpose')", outputs=[error],
                      metadata={"tags": ["raises-exception"]}),
        new_code_cell("x = 1"),
        new_code_cell("int('x')", outputs=[error]),
    ])
    found = [(n, what) for n, _, what in lessons.error_outputs(nb)]
    assert found == [(4, "ValueError: bad")]
    with pytest.raises(lessons.LessonError, match=r"01-l\.ipynb, cell 4 \(id [\w-]+\): stores an "
                                                  r"error output \(ValueError: bad\)"):
        lessons.check_no_errors(nb, "01-l.ipynb")


def test_lesson_00_table_renders_without_nbformat(tmp_path: Path) -> None:
    """The browser edition has no nbformat: what lesson 00's cell imports and calls must work."""
    script = (
        "import sys\n"
        "sys.modules['nbformat'] = None  # importing it now raises ImportError\n"
        "from kzsi_helpers import lesson_info, lesson_paths\n"
        "from kzsi_helpers.course import toc\n"
        "infos = [lesson_info(p) for p in lesson_paths(sys.argv[1])]\n"
        "print(len(infos), sum(i['minutes'] for i in infos))\n"
        "print(toc.generated_cell(sys.argv[1]) == toc.lessons_table(sys.argv[1]))\n"
        "print('nbformat' in sys.modules and sys.modules['nbformat'] is not None)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", script, str(paths.notebooks_dir())],
                            capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert result.returncode == 0, result.stderr
    expected_minutes = 0
    for path in lessons.lesson_paths(start=False):  # worked out here from the raw JSON
        text = "".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"])
        expected_minutes += int(text.split("**Time to learn**:")[1].split("minutes")[0])
    count, minutes = result.stdout.split()[:2]
    assert (int(count), int(minutes)) == (len(lessons.lesson_paths(start=False)), expected_minutes)
    assert result.stdout.split()[2:] == ["True", "False"]


def test_no_import_cycle_and_no_lazy_imports_between_the_commands() -> None:
    """toc does not import execute; execute imports toc at the top (the command runs toc first)."""
    files = {"toc": "course/toc", "execute": "course/execute", "lessons": "course/lessons",
             "site": "publish/site", "student": "publish/student"}
    source = {name: (ROOT / "kzsi_helpers" / f"{path}.py").read_text(encoding="utf-8")
              for name, path in files.items()}
    assert "execute" not in source["toc"].split('"""', 2)[2].split("def ")[0]
    assert "from kzsi_helpers.course import folders, times, toc" in source["execute"]
    for name, text in source.items():
        assert "import_module(\"kzsi_helpers.course.toc\")" not in text, name
        assert "from kzsi_helpers.course.execute import" not in text, name


MAX_CODE_LINES = 15  # issue 13: code cells show data and are short; the story is in Markdown


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")),
                         ids=lambda p: p.stem)
def test_every_code_cell_is_short(path: Path) -> None:
    """Each cell as the teacher sees it (without the student's scaffold) and as the student does."""
    from kzsi_helpers.publish.student_edition import stub_solutions

    def shown(source: str) -> int:
        teacher = re.sub(r"\n### BLANKS\n.*?(?=### END SOLUTION)", "\n", source, flags=re.S)
        return max(len(teacher.splitlines()), len(stub_solutions(source)[0].splitlines()))

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    long = [(number, shown("".join(c["source"])))
            for number, c in enumerate(cells, start=1)
            if c["cell_type"] == "code" and shown("".join(c["source"])) > MAX_CODE_LINES]
    assert long == [], f"{path.name}: (cell, lines) over {MAX_CODE_LINES} lines: {long}"
