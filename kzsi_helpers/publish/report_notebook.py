"""The class report inside a notebook: the teacher's way in the browser edition, with no server.

The teacher uploads the handed-in lessons into a folder beside the notebook and runs one cell,
``show_class_report("handed-in")``. It reads the files as :func:`~kzsi_helpers.publish.report.class_report`
does (never running a student's code), writes the same page as ``python -m kzsi_helpers report``
beside the notebook (to download and keep), and shows it in the notebook in a sandboxed frame: the
page's text is escaped into the frame's ``srcdoc``, and the frame may run no script at all.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as folder:
...     view = show_class_report(folder, out=Path(folder) / "class-report.html")
>>> view.written is None, view.students
(True, 0)
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

from kzsi_helpers.course.folders import write_text
from kzsi_helpers.i18n.messages import N_, _
from kzsi_helpers.publish.report import class_report, render_html
from kzsi_helpers.publish.report_files import plain_text

__all__ = ["HANDED_IN_FOLDER", "REPORT_NOTEBOOK", "ReportView", "show_class_report", "report_notebook",
           "write_report_notebook"]

#: The folder, beside the teacher's report notebook, that the handed-in lessons are uploaded into.
HANDED_IN_FOLDER = "handed-in"
#: The teacher's report notebook's file name.
REPORT_NOTEBOOK = "class-report.ipynb"


@dataclass
class ReportView:
    """What the report cell shows: the page in a frame, the problem lines, the file written.

    Attributes
    ----------
    page : str
        The report page ("" when no notebook could be used).
    problems : list of (str, str)
        ``(file, sentence)`` for each file or part of a file left out.
    written : pathlib.Path or None
        Where the page was written.
    students : int
        How many students the report has.
    """

    page: str
    problems: list[tuple[str, str]] = field(default_factory=list)
    written: Path | None = None
    students: int = 0

    def _lines(self) -> list[str]:
        lines = [plain_text(f"{label}: {sentence}", 1000) for label, sentence in self.problems]
        if self.written is None:
            lines.append(_("Nothing written: no handed-in notebook could be used."))
        else:
            lines.append(_("Wrote {out}: students: {students}; problem lines: {problems}.").format(
                out=self.written.name, students=self.students, problems=len(self.problems)))
        return lines

    def __repr__(self) -> str:
        return "\n".join(self._lines())

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in self._lines())
        frame = ""
        if self.page:
            frame = (f'<iframe sandbox="" srcdoc="{html.escape(self.page, quote=True)}" '
                     f'title="{html.escape(_("Class report"))}" '
                     'style="width:100%;height:640px;border:1px solid #999"></iframe>')
        return f'<div class="kzsi-class-report"><ul>{items}</ul>{frame}</div>'


def show_class_report(folder: str | os.PathLike[str] = HANDED_IN_FOLDER, lesson: str | None = None,
                      out: str | os.PathLike[str] = "class-report.html") -> ReportView:
    """Report the handed-in lessons in ``folder``; write the page to ``out`` and show it.

    Parameters
    ----------
    folder : str or path-like
        The folder the handed-in ``.ipynb`` files were uploaded into.
    lesson : str, optional
        The lesson to report (``"01"``); default: the one most files belong to.
    out : str or path-like
        Where the page is written (beside the notebook: the file browser then offers it to
        download).

    Returns
    -------
    ReportView
        Shows as the page in a sandboxed frame, with a line for each problem.
    """
    path = Path(folder)
    if not path.is_dir():
        raise FileNotFoundError(_("No folder {folder} here: make it beside this notebook and upload "
                                  "the handed-in .ipynb files into it.").format(folder=path))
    report = class_report([path], lesson)
    if not report.students:
        return ReportView("", report.problems)
    page = render_html(report)
    return ReportView(page, report.problems, write_text(out, page), len(report.students))


#: The report notebook's words (translated where it is built).
REPORT_TITLE = N_("# Class report")
REPORT_INTRO = N_("This notebook reports one lesson from the notebooks your students handed in. It "
                  "reads the results their checks recorded and never runs their code. These are the "
                  "students' own check results, for formative use, not an exam grade.")
REPORT_STEPS = N_("1. In the file browser, open the folder `handed-in` beside this notebook and drag "
                  "the handed-in `.ipynb` files into it (or use the upload button).\n"
                  "2. Run the cell below (Shift+Enter). The report shows here, and is saved as "
                  "`class-report.html` beside this notebook: right-click it and choose *Download* "
                  "to keep it.\n"
                  "3. Files with a problem get a line each above the report; the rest of the class is "
                  "reported.")
HANDED_IN_README = N_("Upload the notebooks your students handed in into this folder, then run "
                      "the class report notebook beside it.")


def report_notebook(language: str | None = None):  # -> nbformat.NotebookNode
    """Build the teacher's report notebook in ``language`` (metadata ``kzsi.language``).

    Examples
    --------
    >>> nb = report_notebook("en")
    >>> [cell.cell_type for cell in nb.cells], nb.cells[-1].source.splitlines()[-1]
    (['markdown', 'code'], 'show_class_report("handed-in")')
    """
    import nbformat

    from kzsi_helpers.i18n.language import SOURCE, use_language

    with use_language(language or SOURCE):
        text = "\n\n".join([_(REPORT_TITLE), _(REPORT_INTRO), _(REPORT_STEPS)])
    intro = nbformat.v4.new_markdown_cell(text)
    intro.id = "class-report-intro"
    code = nbformat.v4.new_code_cell("from kzsi_helpers.publish.report_notebook import show_class_report\n\n"
                                     f'show_class_report("{HANDED_IN_FOLDER}")')
    code.id = "class-report-run"
    nb = nbformat.v4.new_notebook(cells=[intro, code], metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"}})
    if language and language != SOURCE:
        nb.metadata["kzsi"] = {"language": language}
    return nb


def write_report_notebook(folder: str | os.PathLike[str], language: str | None = None) -> Path:
    """Write the report notebook into ``folder``, with an empty ``handed-in`` folder beside it.

    The folder holds a one-line ``README.md`` (a file browser shows no empty folder).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_report_notebook(folder, "sl")
    ...     readme = (Path(folder) / "handed-in" / "README.md").is_file()
    >>> written.name, readme
    ('class-report.ipynb', True)
    """
    import nbformat

    from kzsi_helpers.i18n.language import SOURCE, use_language

    target = Path(folder)
    (target / HANDED_IN_FOLDER).mkdir(parents=True, exist_ok=True)
    with use_language(language or SOURCE):
        note = _(HANDED_IN_README)
    write_text(target / HANDED_IN_FOLDER / "README.md", note + "\n")
    return write_text(target / REPORT_NOTEBOOK, nbformat.writes(report_notebook(language)) + "\n")
