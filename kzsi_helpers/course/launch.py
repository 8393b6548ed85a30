"""Open the lessons in JupyterLab, trusted, so their saved maps show without running anything."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary

from kzsi_helpers.course.paths import notebooks_dir

__all__ = ["trust_notebooks", "lesson_folders", "lab_command", "LAB_SETTINGS", "cli"]

#: JupyterLab settings the course starts with, as command-line options (no patch): no "Would you
#: like to get notified about official Jupyter news?" prompt (no news feed at all) and no check
#: for updates (both would ask a server on the internet and cover part of a classroom screen);
#: and the application object exposed to the page, for the hand-in step's download button.
LAB_SETTINGS = (
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    # the hand-in step's button saves and downloads the notebook through JupyterLab's application
    # object (window.jupyterapp), as the browser edition has it
    "--LabApp.expose_app_in_browser=True",
)


def trust_notebooks(folder: str | Path | None = None, notary: NotebookNotary | None = None) -> list[Path]:
    """Mark the lessons as trusted, as ``jupyter trust`` does, on this machine.

    Notebooks executed elsewhere are untrusted on a new machine, and JupyterLab then hides their
    HTML and JavaScript outputs (the maps). Trusting them records their signature in the user's
    Jupyter data folder; the files themselves are not changed.

    Parameters
    ----------
    folder : str or path, optional
        The lessons folder (default: the course's ``notebooks/``).
    notary : nbformat.sign.NotebookNotary, optional
        The signature store (default: the user's).

    Returns
    -------
    list of pathlib.Path
        The notebooks trusted.
    """
    base = Path(folder) if folder else notebooks_dir()
    notary = notary or NotebookNotary()
    trusted = []
    for path in sorted(base.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        notary.sign(nb)
        trusted.append(path)
    return trusted


def lesson_folders(notebooks: Path | None = None) -> list[Path]:
    """Return the folders of lessons to trust: ``notebooks/``, and ``student/`` once built.

    Parameters
    ----------
    notebooks : pathlib.Path, optional
        The teacher's lessons folder (default: the course's ``notebooks/``); the student
        edition is looked for beside it.

    Returns
    -------
    list of pathlib.Path
        Existing folders, the teacher's first.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "notebooks").mkdir()
    ...     before = [p.name for p in lesson_folders(Path(tmp) / "notebooks")]
    ...     (Path(tmp) / "student").mkdir()
    ...     after = [p.name for p in lesson_folders(Path(tmp) / "notebooks")]
    >>> before, after
    (['notebooks'], ['notebooks', 'student'])
    """
    notebooks = notebooks or notebooks_dir()
    return [p for p in (notebooks, notebooks.parent / "student") if p.is_dir()]


def lab_command(folder: Path, extra: list[str]) -> list[str]:
    """Return the command that opens ``folder`` in JupyterLab with the course's settings.

    Parameters
    ----------
    folder : pathlib.Path
        The folder JupyterLab opens.
    extra : list of str
        More options for JupyterLab (they come last, so they win).

    Returns
    -------
    list of str

    Examples
    --------
    >>> lab_command(Path("notebooks"), ["--no-browser"])[3:5]
    ['notebooks', '--LabApp.news_url=None']
    """
    return [sys.executable, "-m", "jupyterlab", str(folder), *LAB_SETTINGS, *extra]


def cli(args: argparse.Namespace) -> int:
    """Entry point of ``python -m kzsi_helpers lab [JUPYTERLAB OPTIONS]``: trust, then open JupyterLab.

    Trusts the lessons in ``notebooks/`` and, if it has been built, the student edition in
    ``student/``, then opens ``notebooks/`` in JupyterLab without the news prompt.

    Parameters
    ----------
    args : argparse.Namespace
        ``extra``: options passed on to ``jupyter lab`` (e.g. ``--allow-root``, ``--no-browser``);
        ``lang``: open a translated edition's folder (``notebooks/sl/``) instead.

    Returns
    -------
    int
        JupyterLab's exit code.
    """
    folders = lesson_folders()
    # the translated editions (notebooks/sl/, ...) are trusted too
    folders += sorted(p for p in folders[0].iterdir() if p.is_dir() and any(p.glob("[0-9][0-9]-*.ipynb")))
    open_folder = folders[0]
    lang = getattr(args, "lang", None)
    if lang and lang != "en":
        open_folder = folders[0] / lang
        if open_folder not in folders:
            raise FileNotFoundError(f"{open_folder} has no lessons: build them first with "
                                    f"python -m kzsi_helpers execute --lang {lang}")
    count = sum(len(trust_notebooks(folder)) for folder in folders)
    names = ", ".join(f"{f.relative_to(folders[0].parent)}/" for f in folders)
    print(f"Trusted {count} lessons in {names}; opening JupyterLab (stop it with Ctrl+C) ...",
          flush=True)
    return subprocess.call(lab_command(open_folder, list(args.extra)))
