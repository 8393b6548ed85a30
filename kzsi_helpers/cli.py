"""Command line: ``python -m kzsi_helpers COMMAND``.

Commands
--------
site
    Render the course to a static HTML site (``--out site/``, ``--student`` for the student edition).
student
    Build the student edition of the lessons (``--out student/``).
execute
    Re-execute the lessons in place, so their stored outputs are fresh.
toc
    Regenerate the table of lessons in ``notebooks/00-start-here.ipynb``.
lab
    Trust the lessons (so saved maps show) and open them in JupyterLab.
lite
    Build the browser edition: JupyterLite, offline, nothing to install (``--out lite/``).
serve
    Serve a built folder (the browser edition) on http://127.0.0.1:8000/.
import-trade
    Import a Eurostat or Kazakh statistics file into the trade tables (dry run unless ``--write``).
timing
    Print each lesson's time by the timing model (``--check`` fails a lesson over 45 minutes).
answer-key
    Write ``docs/answer-key.md`` from the executed lessons.
report
    Write the class report from the notebooks students hand in (``--out report.html``, ``--csv``).

Whatever goes wrong, a command ends with a sentence on what failed and exits with status 1: no
Python traceback reaches the user unless ``--debug`` is given (``python -m kzsi_helpers --debug
student``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

__all__ = ["main"]

# Folder defaults are None: each command asks kzsi_helpers.course.paths (the course folder found from the
# working directory or KZSI_COURSE_DIR), so an installed wheel works too.
NOTEBOOKS = None

# command -> (module, function, help). The function takes the parsed arguments, returns an exit code.
_COMMANDS = {
    "site": ("kzsi_helpers.publish.site", "cli", "render the course to a static HTML site"),
    "student": ("kzsi_helpers.publish.student", "cli", "build the student edition of the lessons"),
    "execute": ("kzsi_helpers.course.execute", "cli", "re-execute the lessons in place"),
    "toc": ("kzsi_helpers.course.toc", "cli",
            "write each lesson's time from the timing model, and the table of lessons in lesson 00"),
    "timing": ("kzsi_helpers.course.times", "cli", "print each lesson's time by the timing model"),
    "answer-key": ("kzsi_helpers.course.answer_key", "cli",
                   "write docs/answer-key.md from the executed lessons (execute does it too)"),
    "lab": ("kzsi_helpers.course.launch", "cli", "trust the lessons and open them in JupyterLab"),
    "lite": ("kzsi_helpers.lite.build", "cli", "build the browser edition (JupyterLite, offline)"),
    "serve": ("kzsi_helpers.lite.serve", "cli", "serve a built folder over HTTP (for the browser edition)"),
    "translate": ("kzsi_helpers.i18n.build", "cli_translate",
                  "update a language's catalogues from the English lessons, data and messages"),
    "import-trade": ("kzsi_helpers.trade.importer", "cli",
                     "import a Eurostat or Kazakh statistics file into the trade tables"),
    "report": ("kzsi_helpers.publish.report", "cli",
               "write the class report from the notebooks students hand in (never runs them)"),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kzsi_helpers", description=__doc__.split("\n")[0])
    parser.add_argument("--debug", action="store_true",
                        help="show the Python traceback when a command fails")
    sub = parser.add_subparsers(dest="command", required=True)
    site = sub.add_parser("site", help=_COMMANDS["site"][2])
    site.add_argument("--out", type=Path, default=None, help="output folder (default: site/)")
    site.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="lessons folder")
    site.add_argument("--student", action="store_true", help="render the student edition")
    site.add_argument("--lite", default=None, metavar="URL",
                      help="address of the browser edition, relative to the site folder or "
                           "absolute, for each page's 'Run this lesson in your browser' link "
                           "(default: ../lite/ if a browser edition is built there)")
    student = sub.add_parser("student", help=_COMMANDS["student"][2])
    student.add_argument("--out", type=Path, default=None,
                         help="output folder (default: student/)")
    student.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="lessons folder")
    student.add_argument("--handouts", action="store_true",
                         help="also write print-ready HTML handouts")
    student.add_argument("--force", action="store_true",
                         help="replace an earlier edition even if it holds files the build did not "
                              "write (students' work, say)")
    execute = sub.add_parser("execute", help=_COMMANDS["execute"][2])
    execute.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all lessons)")
    execute.add_argument("--timeout", type=int, default=None, metavar="SECONDS",
                         help="seconds a cell may run before it is stopped (default 300)")
    execute.add_argument("--lang", default=None, metavar="CODE",
                         help="build a translated edition from its catalogues into notebooks/CODE/ "
                              "and run it (e.g. sl); the English lessons are not touched")
    translate = sub.add_parser("translate", help=_COMMANDS["translate"][2])
    translate.add_argument("--lang", default=None, metavar="CODE",
                           help="one language (default: every translated language)")
    toc = sub.add_parser("toc", help=_COMMANDS["toc"][2])
    toc.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="lessons folder")
    toc.add_argument("--check", action="store_true",
                     help="exit 1 if the table is out of date, without writing")
    times = sub.add_parser("timing", help=_COMMANDS["timing"][2])
    times.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="lessons folder")
    times.add_argument("--sections", action="store_true", help="also each section's minutes")
    times.add_argument("--check", action="store_true",
                       help="exit 1 if a lesson is over 45 minutes or states another time")
    key = sub.add_parser("answer-key", help=_COMMANDS["answer-key"][2])
    key.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="lessons folder")
    key.add_argument("--check", action="store_true", help="exit 1 if the key is out of date")
    lab = sub.add_parser("lab", help=_COMMANDS["lab"][2],
                         description="Other options go to jupyter lab, e.g. --allow-root or --no-browser.")
    lab.add_argument("--lang", default=None, metavar="CODE",
                     help="open the lessons of a translated edition (notebooks/CODE/), e.g. sl")
    lite = sub.add_parser("lite", help=_COMMANDS["lite"][2])
    lite.add_argument("--out", type=Path, default=None, help="output folder (default: lite/)")
    lite.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="lessons folder")
    lite.add_argument("--pyodide", type=Path, default=None,
                      help="folder or tarball with the official Pyodide 0.27.7 packages "
                           "(default: fetched once into the cache, then verified)")
    serve = sub.add_parser("serve", help=_COMMANDS["serve"][2])
    serve.add_argument("folder", type=Path, nargs="?", default=Path("lite"),
                       help="the built folder (default: lite/)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1; 0.0.0.0 for the classroom)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--no-browser", action="store_true", help="do not open a browser")
    trade = sub.add_parser("import-trade", help=_COMMANDS["import-trade"][2])
    trade.add_argument("source", choices=["eurostat", "stat-kz"], help="who published the file")
    trade.add_argument("file", type=Path, help="the downloaded file (CSV, or .xls for stat-kz)")
    mode = trade.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="show the changes only (default)")
    mode.add_argument("--write", action="store_true", help="apply the changes to data/")
    trade.add_argument("--status", choices=["provisional", "final"], default="provisional",
                       help="status of the figures, as the statistics office gives it")
    trade.add_argument("--source-id", help="row of sources.csv to cite (default: the usual one)")
    trade.add_argument("--data-dir", type=Path, help="data folder (default: the course's data/)")
    trade.add_argument("--replace-note", action="store_true",
                       help="when only a year's status changes, replace the row's note too "
                            "(default: keep it, with its status word changed)")
    report = sub.add_parser("report", help=_COMMANDS["report"][2])
    report.add_argument("paths", nargs="+", type=Path, metavar="FILES_OR_FOLDER",
                        help="handed-in notebooks, or folders of them")
    report.add_argument("--out", type=Path, default=Path("report.html"),
                        help="the report's HTML file (default: report.html)")
    report.add_argument("--csv", type=Path, default=None, help="also write the table as CSV")
    report.add_argument("--lang", default=None, metavar="CODE",
                        help="the report's language (default: English), e.g. sl")
    report.add_argument("--lesson", default=None, metavar="NN",
                        help="the lesson to report (default: the one most files belong to)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code (0 on success).

    Examples
    --------
    >>> main(["toc", "--check"])  # doctest: +ELLIPSIS
    /.../notebooks/00-start-here.ipynb: the table of lessons is up to date
    0
    """
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    module, function, _ = _COMMANDS[args.command]
    if args.command == "execute" and getattr(args, "lang", None) not in (None, "en"):
        module, function = "kzsi_helpers.i18n.build", "cli_execute"
    try:
        return int(getattr(import_module(module), function)(args) or 0)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except Exception as exc:  # the one place where any failure becomes a sentence
        if args.debug:
            raise
        print(f"error: {failure_sentence(exc)}", file=sys.stderr)
        print(f"(python -m kzsi_helpers --debug {args.command} ... shows where it failed)",
              file=sys.stderr)
        return 1


def failure_sentence(exc: BaseException) -> str:
    """Say what failed in a sentence a teacher can act on, naming the file where there is one.

    Examples
    --------
    >>> failure_sentence(PermissionError(13, "Permission denied", "data/events.csv"))
    'could not write data/events.csv: Permission denied'
    >>> failure_sentence(FileNotFoundError("KZSI_COURSE_DIR='/x' is not a course folder"))
    "KZSI_COURSE_DIR='/x' is not a course folder"
    >>> failure_sentence(ValueError("the port must be 0-65535"))
    'the port must be 0-65535'
    >>> failure_sentence(KeyError("year"))
    "KeyError: 'year' (an unexpected failure: please report it with the command you ran)"
    """
    if isinstance(exc, OSError) and exc.errno is None and str(exc).strip():
        return str(exc).strip()  # raised with a sentence of ours, not by the system
    if isinstance(exc, OSError):
        from kzsi_helpers.course.folders import describe_os_error

        return describe_os_error(exc)
    text = str(exc).strip()
    # the course's own errors (DataError, SiteError, BuildError...) are Value- or RuntimeErrors
    # whose message is already the sentence
    if isinstance(exc, (ValueError, RuntimeError)) and text:
        return text
    return f"{type(exc).__name__}: {text or 'no message'} (an unexpected failure: please report it " \
           "with the command you ran)"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
