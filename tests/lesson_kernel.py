"""One Jupyter kernel for several lessons in a row (test_student.py runs the student editions).

Starting a kernel and importing pandas, matplotlib and folium in it costs seconds; a test module
that runs every lesson starts one kernel next to the data and runs the lessons in it one after
another. Before each lesson the namespace is emptied (``%reset -f``) and open figures are closed,
so no name leaks from one lesson into the next; only the imported modules stay. Each lesson is
still run alone, in a kernel of its own, by the strict nbval run of ``notebooks/``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

RESET = ("get_ipython().run_line_magic('reset', '-f')\n"
         "import matplotlib.pyplot\nmatplotlib.pyplot.close('all')")


@contextmanager
def lesson_kernel(folder: Path) -> Iterator[object]:
    """A kernel manager whose kernel was started in ``folder`` (shut down on leaving)."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", cwd=str(folder))
    kc.stop_channels()
    try:
        yield km
    finally:
        km.shutdown_kernel(now=True)


def execute_in(km: object, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Run a copy of ``nb`` in the kernel, from an empty namespace; return the executed copy."""
    from nbclient import NotebookClient

    nb = copy.deepcopy(nb)
    nb.cells.insert(0, new_code_cell(RESET))
    NotebookClient(nb, km=km, timeout=120, kernel_name="python3").execute()
    assert not nb.cells[0].outputs, nb.cells[0].outputs
    del nb.cells[0]
    return nb
