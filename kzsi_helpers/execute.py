"""Re-execute lessons in place, so the committed outputs are fresh and reproducible."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

import nbformat

__all__ = ["execute_notebook", "lesson_paths", "merge_streams", "cli"]

ROOT = Path(__file__).resolve().parent.parent


def lesson_paths(folder: str | Path | None = None) -> list[Path]:
    """List the lesson notebooks, in course order (by their number).

    Parameters
    ----------
    folder : str or path, optional
        The lessons folder (default: the course's ``notebooks/``).

    Returns
    -------
    list of pathlib.Path
        ``NN-*.ipynb`` files, sorted.

    Examples
    --------
    >>> [p.name[:2] for p in lesson_paths()][:1]
    ['00']
    """
    base = Path(folder) if folder else ROOT / "notebooks"
    return sorted(p for p in base.glob("[0-9][0-9]-*.ipynb") if p.is_file())


def merge_streams(outputs: list) -> list:
    r"""Join consecutive stdout (or stderr) outputs into one, as the reader sees them.

    The kernel sends printed text in chunks whose boundaries depend on timing; merging them makes
    the saved notebook the same on every run.

    Parameters
    ----------
    outputs : list of nbformat.NotebookNode
        A code cell's outputs.

    Returns
    -------
    list of nbformat.NotebookNode
        The outputs with each run of same-named streams joined.

    Examples
    --------
    >>> from nbformat.v4 import new_output
    >>> parts = [new_output("stream", name="stdout", text="a"),
    ...          new_output("stream", name="stdout", text="b\n")]
    >>> [o.text for o in merge_streams(parts)]
    ['ab\n']
    """
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = previous["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def execute_notebook(path: str | Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel and save it with its outputs.

    The kernel starts in the notebook's folder, as in JupyterLab. No timing metadata is
    recorded, so running twice gives the same file.

    Parameters
    ----------
    path : str or path
        The notebook.
    timeout : int, optional
        Seconds allowed per cell.

    Returns
    -------
    nbformat.NotebookNode
        The executed notebook (also written back to ``path``).

    Examples
    --------
    >>> execute_notebook("notebooks/01-three-decades-of-diplomacy.ipynb")  # doctest: +SKIP
    """
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    client.execute()
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
    nbformat.write(nb, path)
    return nb


def _run(paths: Iterable[Path]) -> int:
    for path in paths:
        print(f"executing {path} ...", flush=True)
        execute_notebook(path)
    return 0


def cli(args: argparse.Namespace) -> int:
    """Entry point of ``python -m kzsi_helpers execute [PATHS]``.

    Parameters
    ----------
    args : argparse.Namespace
        ``paths``: notebooks to run (default: every lesson).

    Returns
    -------
    int
        0 on success.

    Examples
    --------
    >>> cli(argparse.Namespace(paths=[]))  # doctest: +SKIP
    """
    paths = list(args.paths) or lesson_paths()
    toc_first = [p for p in paths if p.name.startswith("00-")]
    if toc_first:
        from importlib import import_module

        # lesson 00's table of lessons is generated from the other lessons: refresh it first
        import_module("kzsi_helpers.toc").update(toc_first[0].parent)
    return _run(paths)
