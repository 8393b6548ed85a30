"""Open the lessons in JupyterLab, trusted, so their saved maps show without running anything."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary

__all__ = ["trust_notebooks", "cli"]

ROOT = Path(__file__).resolve().parent.parent


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

    Examples
    --------
    >>> [p.name for p in trust_notebooks()][:1]  # doctest: +SKIP
    ['00-start-here.ipynb']
    """
    base = Path(folder) if folder else ROOT / "notebooks"
    notary = notary or NotebookNotary()
    trusted = []
    for path in sorted(base.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        notary.sign(nb)
        trusted.append(path)
    return trusted


def cli(args: argparse.Namespace) -> int:
    """Entry point of ``python -m kzsi_helpers lab [JUPYTERLAB OPTIONS]``: trust, then open JupyterLab.

    Parameters
    ----------
    args : argparse.Namespace
        ``extra``: options passed on to ``jupyter lab`` (e.g. ``--allow-root``, ``--no-browser``).

    Returns
    -------
    int
        JupyterLab's exit code.

    Examples
    --------
    >>> cli(argparse.Namespace(extra=["--version"]))  # doctest: +SKIP
    0
    """
    paths = trust_notebooks()
    print(f"Trusted {len(paths)} lessons; opening JupyterLab (stop it with Ctrl+C) ...", flush=True)
    command = [sys.executable, "-m", "jupyterlab", str(ROOT / "notebooks"), *args.extra]
    return subprocess.call(command)
