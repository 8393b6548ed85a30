"""Run All that goes on past a cell tagged ``raises-exception``, in the browser edition too.

JupyterLab sends each cell with ``stop_on_error``: ``false`` for a cell tagged
``raises-exception`` (its ``OutputArea.execute``), ``true`` for the others, and a Jupyter kernel
drops the queued cells only after an error in a cell that asked it to. JupyterLite's in-browser
kernel manager (``@jupyterlite/kernel``, ``Kernels.startNew``, since jupyterlite PR #1671) cancels
every queued request whenever any cell replies with an error, without reading ``stop_on_error``:
Run All stops at a student lesson's first empty answer, which a desktop JupyterLab runs past.

The patch makes the manager do what ipykernel does. It notes the ids of the execute requests that
came with ``stop_on_error: false`` and, when the error reply answers one of them, leaves the queue
alone. An error in any other cell still cancels the rest, as before. In the source this is, in
``packages/kernel/src/kernels.ts``::

    const goOn = new Set<string>();            // beside the mutex
    // where a client's message arrives:
    if (msg.header.msg_type === 'execute_request' && msg.content.stop_on_error === false) {
      goOn.add(msg.header.msg_id);
    }
    // where an execute_reply goes out:
    const keep = goOn.delete(msg.parent_header.msg_id);
    if (msg.content.status === 'error' && !keep) { mutex.cancel(); }

The built app holds that code minified in one chunk. :func:`patch_run_all` finds the chunk by
name, checks its sha256 before it changes a byte, and stops the build, naming the file, when a
JupyterLite release has moved or changed it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from kzsi_helpers.lite.pyodide_dist import LiteBuildError

__all__ = ["RUN_ALL_PATCH", "ChunkPatch", "patch_run_all"]


@dataclass(frozen=True)
class ChunkPatch:
    """A narrow change to one file of JupyterLite's built app.

    Attributes
    ----------
    path : str
        The file, relative to the built site (``build/100.fc995bd.js``).
    sha256 : str
        Its checksum as jupyterlite-core ships it; any other file stops the build.
    patched_sha256 : str
        Its checksum after the change (a second build finds it patched and leaves it).
    edits : tuple of (str, str)
        Each piece of text, found exactly once, and what replaces it.
    """

    path: str
    sha256: str
    patched_sha256: str
    edits: tuple[tuple[str, str], ...]


#: jupyterlite-core 0.6.4: the kernel manager's chunk, and the three places of the change.
RUN_ALL_PATCH = ChunkPatch(
    path="build/100.fc995bd.js",
    sha256="212ab5adc71b0add123e6d483d2f0c057bd17537ca7593c9ff6c39ddde8a07b0",
    patched_sha256="d0c154220c692f97b5685c19771fb9fb9c0a4c2d6b30a76ef233b3bd07c4bc03",
    edits=(
        # a set of request ids, beside the mutex (h) in startNew
        ("const h=new w,d=(e,s,t)=>{", "const h=new w,kzsiGoOn=new Set,d=(e,s,t)=>{"),
        # a client's message (s) arrives: note an execute_request that may fail and go on
        ('"input_reply"===s.header.msg_type?',
         '("execute_request"===s.header.msg_type&&!1===s.content.stop_on_error&&'
         'kzsiGoOn.add(s.header.msg_id),"input_reply"===s.header.msg_type)?'),
        # an execute_reply (e) goes out: cancel the queue only if its request did not say go on
        ('"execute_reply"===e.header.msg_type&&"error"===e.content.status&&h.cancel()',
         '"execute_reply"===e.header.msg_type&&!kzsiGoOn.delete(e.parent_header.msg_id)&&'
         '"error"===e.content.status&&h.cancel()'),
    ),
)


def _apply(text: str, patch: ChunkPatch) -> str:
    for old, new in patch.edits:
        if text.count(old) != 1:
            raise LiteBuildError(f"{patch.path}: expected one {old[:40]!r}..., found {text.count(old)}")
        text = text.replace(old, new)
    return text


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def patch_run_all(site: str | os.PathLike[str], patch: ChunkPatch = RUN_ALL_PATCH) -> Path:
    """Apply ``patch`` to the built site ``site``; return the changed file.

    Parameters
    ----------
    site : str or path-like
        The folder ``jupyter lite build`` wrote.
    patch : ChunkPatch
        The change (default: :data:`RUN_ALL_PATCH`).

    Returns
    -------
    pathlib.Path
        The patched file.

    Raises
    ------
    LiteBuildError
        If the file is missing or its sha256 is neither the expected one nor that of the
        patched file; the message names the file (the patch must then be made again for the new
        JupyterLite release).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> chunk = "let a=1;f(a)"
    >>> toy = ChunkPatch("build/x.js", _sha256(chunk.encode()), "", (("f(a)", "g(a)"),))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     site = Path(folder)
    ...     (site / "build").mkdir()
    ...     _ = (site / "build/x.js").write_text(chunk)
    ...     print(patch_run_all(site, toy).read_text())
    ...     _ = (site / "build/x.js").write_text("let a=2;f(a)")  # another release's file
    ...     try:
    ...         patch_run_all(site, toy)
    ...     except LiteBuildError as error:
    ...         print(str(error)[:18], "...", str(error)[-40:])
    let a=1;g(a)
    build/x.js: sha256 ... te release (kzsi_helpers/lite/runall.py)
    """
    path = Path(site) / patch.path
    if not path.is_file():
        raise LiteBuildError(f"{patch.path}: not in the built site; the JupyterLite release has moved "
                             "the kernel manager's code, so the Run All patch must be made again "
                             "(kzsi_helpers/lite/runall.py)")
    data = path.read_bytes()
    found = _sha256(data)
    if patch.patched_sha256 and found == patch.patched_sha256:
        return path
    if found != patch.sha256:
        raise LiteBuildError(f"{patch.path}: sha256 {found} is not that of jupyterlite-core's file "
                             f"({patch.sha256}); the Run All patch must be made again for this "
                             "JupyterLite release (kzsi_helpers/lite/runall.py)")
    patched = _apply(data.decode("utf-8"), patch).encode("utf-8")
    beside = path.with_name(path.name + ".part")
    beside.write_bytes(patched)
    beside.replace(path)
    return path
