"""The lessons as the browser edition ships them: what JupyterLite shows differently from JupyterLab.

- a saved output given as a list of lines shows with commas between them (:func:`lite_notebook_json`);
- a saved map shows only a note about trusting the notebook (:func:`drop_stored_maps` puts a note
  to run the cell in its place, in the lesson's language);
- the kernel may not start in the notebook's folder, whose name says a lesson's language
  (:func:`mark_cell_language` writes the language where the kernel sees it);
- work is kept only in the browser, so each student lesson's first cell says so and how to
  download it (:func:`add_browser_work_note`);
- the whole folder is downloaded by a school, so saved charts are stored with a palette of at most
  256 colours (:func:`palette_images`), which a chart of a few flat colours does not need more of.
"""

from __future__ import annotations

import base64
import io
import json
import re

import nbformat

from kzsi_helpers.i18n.language import LANGUAGES, SOURCE, TRANSLATED, use_language
from kzsi_helpers.i18n.messages import N_, _

__all__ = ["MAP_PLACEHOLDER", "WORK_NOTE", "WORK_NOTE_NO_HAND_IN", "add_browser_work_note",
           "drop_stored_maps", "lite_notebook_json", "mark_cell_language",
           "notebook_language", "palette_images"]


def lite_notebook_json(nb: nbformat.NotebookNode) -> str:
    r"""Write a notebook for JupyterLite: every multi-line text as one string, not a list of lines.

    On disk, nbformat splits long texts into lists of lines, and a Jupyter server joins them again
    before JupyterLab sees them. JupyterLite hands the file to JupyterLab as it is, and a saved
    output given as a list shows with commas between its lines (a table gets a row of commas
    above it). The notebook itself is unchanged.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> out = new_output("execute_result", {"text/html": "<table>\n<tr><td>1</td></tr>\n</table>"})
    >>> text = lite_notebook_json(new_notebook(cells=[new_code_cell("t", outputs=[out])]))
    >>> json.loads(text)["cells"][0]["outputs"][0]["data"]["text/html"]
    '<table>\n<tr><td>1</td></tr>\n</table>'
    """
    nbformat.validate(nb)
    return json.dumps(nb, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def notebook_language(nb: nbformat.NotebookNode) -> str:
    """Return the language a notebook's metadata names (``kzsi.language``), else English.

    Examples
    --------
    >>> from nbformat.v4 import new_notebook
    >>> kazakh = new_notebook(metadata={"kzsi": {"language": "kk"}})
    >>> notebook_language(kazakh), notebook_language(new_notebook())
    ('kk', 'en')
    """
    code = nb.metadata.get("kzsi", {}).get("language")
    return code if code in LANGUAGES else SOURCE


def mark_cell_language(nb: nbformat.NotebookNode) -> int:
    """Write a translated notebook's language into each code cell's metadata; return how many.

    JupyterLab sends a cell's metadata with each request to run it, so the kernel can tell the
    lesson's language from the cell it runs, also where it cannot see the notebook's folder: a
    site opened over plain HTTP from another computer (a classroom server) has no service worker,
    and then JupyterLite's Pyodide kernel does not start in the notebook's folder.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
    >>> nb = new_notebook(cells=[new_code_cell("1"), new_markdown_cell("x")],
    ...                   metadata={"kzsi": {"language": "sl"}})
    >>> mark_cell_language(nb), nb.cells[0].metadata["kzsi"], "kzsi" in nb.cells[1].metadata
    (1, {'language': 'sl'}, False)
    """
    language = notebook_language(nb)
    if language not in TRANSLATED:
        return 0
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    for cell in code:
        cell.metadata.setdefault("kzsi", {})["language"] = language
    return len(code)


#: What a lesson shows in the browser edition where the committed lesson shows a drawn map.
MAP_PLACEHOLDER = N_("*Run this cell to draw the map.* (In the browser edition a map is drawn when "
                      "its cell runs: the copy saved in the lesson is not shown here.)")
_MAP_HTML = re.compile(r"<iframe|leaflet", re.IGNORECASE)


def drop_stored_maps(nb: nbformat.NotebookNode) -> int:
    """Replace the saved outputs that are maps by a note to run the cell; return how many.

    JupyterLite treats every notebook as untrusted, so a saved map (HTML in a frame) would show
    only a note about trusting the notebook, and would weigh nearly 500 kB each in the folder.
    The note is in the notebook's language (:func:`notebook_language`).

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> out = new_output("execute_result", {"text/html": "<iframe srcdoc=...>", "text/plain": "m"},
    ...                  execution_count=3)
    >>> nb = new_notebook(cells=[new_code_cell("m", outputs=[out])])
    >>> drop_stored_maps(nb), nb.cells[0].outputs[0]["data"]["text/markdown"][:28]
    (1, '*Run this cell to draw the m')
    """
    count = 0
    with use_language(notebook_language(nb)):
        note = _(MAP_PLACEHOLDER)
    for cell in nb.cells:
        for i, output in enumerate(cell.get("outputs", [])):
            html = output.get("data", {}).get("text/html", "")
            if _MAP_HTML.search(html if isinstance(html, str) else "".join(html)):
                cell.outputs[i] = nbformat.v4.new_output(
                    "display_data", {"text/markdown": note, "text/plain": note})
                count += 1
    return count


def _palette_png(raw: bytes) -> bytes | None:
    """Return the PNG with a palette of at most 256 colours, or None where that would not help."""
    from PIL import Image

    with Image.open(io.BytesIO(raw)) as image:
        if image.mode == "P":
            return None
        if image.mode == "RGBA":
            if image.getchannel("A").getextrema() != (255, 255):
                return None  # see-through parts would be lost
            image = image.convert("RGB")
        elif image.mode != "RGB":
            return None
        small = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                               dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    data = out.getvalue()
    return data if len(data) < len(raw) else None


def palette_images(nb: nbformat.NotebookNode) -> int:
    """Store each saved PNG output with a palette of at most 256 colours; return how many changed.

    A matplotlib chart is drawn in a few flat colours plus the soft edges of its lines and letters;
    matplotlib saves it with 16 million possible colours per pixel. Median-cut quantization
    (Pillow, no dithering) keeps the picture as the eye sees it at about 40 % of the bytes. An
    image with see-through pixels, or one that would not get smaller, is left as it is. The result
    is the same on every run.

    Examples
    --------
    >>> import base64, io
    >>> from PIL import Image
    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> picture = Image.new("RGBA", (40, 20), "white")
    >>> picture.paste((0, 114, 178, 255), (5, 5, 30, 15))
    >>> buffer = io.BytesIO(); picture.save(buffer, format="PNG")
    >>> png = base64.b64encode(buffer.getvalue()).decode()
    >>> nb = new_notebook(cells=[new_code_cell("plot", outputs=[
    ...     new_output("display_data", {"image/png": png, "text/plain": "<Figure>"})])])
    >>> palette_images(nb)
    1
    >>> stored = nb.cells[0].outputs[0]["data"]["image/png"]
    >>> shown = Image.open(io.BytesIO(base64.b64decode(stored)))
    >>> shown.mode, shown.size, shown.convert("RGB").getpixel((10, 10))
    ('P', (40, 20), (0, 114, 178))
    """
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            stored = data.get("image/png")
            if not stored:
                continue
            text = stored if isinstance(stored, str) else "".join(stored)
            smaller = _palette_png(base64.b64decode(text))
            if smaller is not None:
                data["image/png"] = base64.b64encode(smaller).decode("ascii")
                count += 1
    return count


#: The line the browser edition adds to a student lesson's first cell (with a hand-in step, and without).
WORK_NOTE = N_("**In the browser edition your work is kept only in this browser, on this computer.** "
               "To keep it or hand it in, use the hand-in step at the end of the lesson "
               "(*Save and download my work*) or *File > Download*.")
WORK_NOTE_NO_HAND_IN = N_("**In the browser edition your work is kept only in this browser, on this "
                          "computer.** To keep a copy, use *File > Download*.")


def add_browser_work_note(nb: nbformat.NotebookNode) -> bool:
    """Add one line to the lesson's first cell: work stays in this browser, and how to download it.

    The line is a quotation block at the end of the first Markdown cell, in the lesson's language;
    a lesson that ends with the hand-in step points to it. Returns whether a line was added.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
    >>> nb = new_notebook(cells=[new_markdown_cell("# Lesson"), new_code_cell("hand_in(ex, my_name)")])
    >>> add_browser_work_note(nb), nb.cells[0].source.splitlines()[2][:52]
    (True, '> **In the browser edition your work is kept only in')
    >>> "hand-in step" in nb.cells[0].source
    True
    """
    if not nb.cells or nb.cells[0].cell_type != "markdown":
        return False
    has_step = any(cell.cell_type == "code" and "hand_in(" in cell.source for cell in nb.cells)
    with use_language(notebook_language(nb)):
        note = _(WORK_NOTE if has_step else WORK_NOTE_NO_HAND_IN)
    nb.cells[0].source = nb.cells[0].source.rstrip("\n") + "\n\n> " + note
    return True
