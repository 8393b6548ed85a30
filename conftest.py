"""Project-wide pytest set-up, run before any lesson kernel starts.

It also adds one test to each lesson that has exercises: after strict nbval has run the lesson's
cells, every checker of the lesson is audited in the same kernel, on the answers the teacher
edition has just computed (``notebooks/NN-name.ipynb::audit of every checker``; the audit itself is
``tests/exercise_audit.py``, and ``tests/test_exercise_coverage.py`` says what it checks). Running
the lessons a second time for the audit would cost the suite a kernel and four lessons.
"""

from __future__ import annotations

import importlib.util
import json
import re
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
AUDIT_MODULE = ROOT / "tests" / "exercise_audit.py"
AUDIT_NAME = "audit of every checker"
AUDIT_TIMEOUT = 120  # seconds, as for a lesson's cell

_AUDIT_CODE = """
import importlib.util as _util, json as _json
_spec = _util.spec_from_file_location("_kzsi_exercise_audit", {audit_file!r})
_audit = _util.module_from_spec(_spec)
_spec.loader.exec_module(_audit)
with open({path!r}, "w", encoding="utf-8") as _fh:
    _json.dump(_audit.audit_module({module!r}, globals()), _fh)
"""


def pytest_configure(config):
    # Build matplotlib's font cache here, once, so a lesson kernel on a fresh machine does not print
    # "Matplotlib is building the font cache" to stderr (strict nbval would see it as a change).
    import matplotlib.font_manager  # noqa: F401


# `python -m kzsi_helpers` would run the command line if pytest imported it for doctests.
collect_ignore = ["kzsi_helpers/__main__.py"]


def exercise_module(notebook: Path) -> str | None:
    """The exercise module of a lesson (``kzsi_helpers.exercises.lessonNN``), if it has one."""
    number = re.match(r"([0-9]{2})-", notebook.name)
    if not number:
        return None
    name = f"kzsi_helpers.exercises.lesson{number.group(1)}"
    return name if importlib.util.find_spec(name) is not None else None


class LessonAudit(pytest.Item):
    """Audit every checker of a lesson in the kernel where nbval has just run the lesson."""

    def __init__(self, *, module: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.module = module

    def runtest(self) -> None:
        cells = [i for i in self.session.items if i.parent is self.parent and i is not self]
        if len(cells) != sum(cell.cell_type == "code" for cell in self.parent.nb.cells):
            pytest.skip("the audit needs every cell of the lesson to run first, in the same "
                        f"kernel: select the whole notebook ({self.parent.name})")
        kernel = getattr(self.parent, "kernel", None)
        if kernel is None or not kernel.is_alive():
            pytest.fail("nbval's kernel for this lesson is not running", pytrace=False)
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "audit.json"
            code = _AUDIT_CODE.format(audit_file=str(AUDIT_MODULE), module=self.module,
                                      path=str(out))
            msg_id = kernel.execute_cell_input(code, allow_stdin=False)
            while True:  # the kernel's reply to this request (nbval's cells have had theirs)
                reply = kernel.get_message(stream="shell", timeout=AUDIT_TIMEOUT)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            kernel.await_idle(msg_id, timeout=AUDIT_TIMEOUT)
            content = reply["content"]
            if content.get("status") != "ok" or not out.is_file():
                pytest.fail(f"the audit of {self.module} failed in the lesson's kernel: "
                            f"{content.get('ename')}: {content.get('evalue')}", pytrace=False)
            report = json.loads(out.read_text(encoding="utf-8"))
        if not report:
            pytest.fail(f"{self.parent.name}: no questions that check themselves", pytrace=False)
        problems = [p for found in report.values() for p in found]
        if problems:
            pytest.fail(f"{self.parent.name}:\n" + "\n".join(problems), pytrace=False)

    def reportinfo(self):
        return self.path, None, f"{self.parent.name}::{self.name}"


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    """Give each lesson that has exercises one more test, collected after its last cell."""
    collectors = yield
    module = exercise_module(file_path) if file_path.suffix == ".ipynb" else None
    if file_path.parent.name != "notebooks":
        # a translated edition (notebooks/sl/) runs the same checkers; the audit, which reads their
        # English wording, runs once, on the English source
        module = None
    for collector in collectors or []:
        if module and type(collector).__name__ == "IPyNbFile":  # nbval's notebook collector
            cells = collector.collect

            def collect(collector=collector, cells=cells):
                yield from cells()
                yield LessonAudit.from_parent(collector, name=AUDIT_NAME, module=module)

            collector.collect = collect
    return collectors
