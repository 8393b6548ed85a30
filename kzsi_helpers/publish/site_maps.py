"""One copy of Leaflet and jQuery per site instead of one per map.

A folium map in a lesson is an ``<iframe srcdoc="...">`` that carries its own Leaflet, jQuery and
Leaflet's CSS (about 250 kB, from :func:`kzsi_helpers.maps.offline.leaflet_assets`), so that it works
alone in JupyterLab, in a downloaded notebook and in the browser edition. On the course site a page
with four maps would load those libraries four times. The site therefore swaps each map's inline
copy for ``<script src>``/``<link>`` tags that point at one saved copy in the site's static folder.

A ``srcdoc`` frame resolves relative addresses against the page that holds it, so the same tags
work on a web server and from ``file://`` (a classic ``<script src>`` may load a local file; only
``fetch`` may not). A map whose inline copy is not exactly the current one (a notebook executed
with another Leaflet) is left as it is and still works.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

from kzsi_helpers.maps.offline import LEAFLET_VERSION, leaflet_assets, leaflet_files

__all__ = ["SHARED_FILES", "share_map_assets", "share_notebook_maps", "write_map_assets"]

#: The files :func:`write_map_assets` saves, in the order a map loads them.
SHARED_FILES = ("leaflet.css", "leaflet.js", "jquery.min.js")

# the srcdoc attribute of an <iframe> start tag (folium writes it double-quoted and escaped)
_SRCDOC = re.compile(r'(<iframe\b[^>]*?\ssrcdoc=")([^"]*)(")', re.IGNORECASE)


def _links(static: str) -> str:
    css, js, jq = (f"{static}/{name}" for name in SHARED_FILES)
    return (
        f'<!-- Leaflet and jQuery: one copy for the whole site, in {static}/ -->\n'
        f'<link rel="stylesheet" href="{css}">\n<script src="{js}"></script>\n'
        f'<script src="{jq}"></script>'
    )


def share_map_assets(text: str, static: str) -> tuple[str, int]:
    """Point the maps in an HTML output at the site's shared copy of Leaflet and jQuery.

    Parameters
    ----------
    text : str
        An HTML output, as a notebook stores it (folium writes each map as an ``<iframe srcdoc>``).
    static : str
        The static folder's address relative to the page, such as ``"static"``.

    Returns
    -------
    text : str
        The output with every map's inline copy replaced by tags that load the shared files.
    count : int
        How many maps were changed (0 if none carried the current inline copy).

    Examples
    --------
    >>> import html
    >>> from kzsi_helpers.maps.offline import leaflet_assets
    >>> doc = "<html><head>" + leaflet_assets() + "</head><body>map</body></html>"
    >>> frame = '<iframe srcdoc="' + html.escape(doc) + '" style="border:none"></iframe>'
    >>> shared, count = share_map_assets(frame, "static")
    >>> count, len(frame) > 200_000, len(shared) < 1_000
    (1, True, True)
    >>> '&lt;script src=&quot;static/leaflet.js&quot;&gt;' in shared
    True
    >>> share_map_assets("<p>no map</p>", "static")
    ('<p>no map</p>', 0)
    """
    assets = leaflet_assets()
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        doc = html.unescape(match.group(2))
        if assets not in doc:
            return match.group(0)
        count += 1
        doc = doc.replace(assets, _links(static), 1)
        return match.group(1) + html.escape(doc, quote=True) + match.group(3)

    return _SRCDOC.sub(replace, text), count


def share_notebook_maps(nb: Any, static: str) -> int:
    """Apply :func:`share_map_assets` to every HTML output of a notebook, in place.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A lesson, already copied if the original must stay as it is.
    static : str
        The static folder's address relative to the page.

    Returns
    -------
    int
        How many maps were changed.

    Examples
    --------
    >>> import html, nbformat
    >>> from kzsi_helpers.maps.offline import leaflet_assets
    >>> frame = '<iframe srcdoc="' + html.escape("<head>" + leaflet_assets() + "</head>") + '"></iframe>'
    >>> out = nbformat.v4.new_output("display_data", data={"text/html": [frame]})
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("m", outputs=[out])])
    >>> share_notebook_maps(nb, "static"), len(nb.cells[0].outputs[0].data["text/html"]) < 1_000
    (1, True)
    """
    changed = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            value = data.get("text/html")
            if not value:
                continue
            text, count = share_map_assets(value if isinstance(value, str) else "".join(value), static)
            if count:
                data["text/html"] = text
                changed += count
    return changed


def write_map_assets(folder: str | os.PathLike[str]) -> list[Path]:
    """Save Leaflet's CSS and JS and jQuery, as the maps inline them, into ``folder``.

    Parameters
    ----------
    folder : str or path-like
        The site's static folder (it must exist).

    Returns
    -------
    list of pathlib.Path
        The files written, in :data:`SHARED_FILES` order.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_map_assets(tmp)]
    ['leaflet.css', 'leaflet.js', 'jquery.min.js']
    """
    files = leaflet_files()
    written = []
    for name in SHARED_FILES:
        path = Path(folder) / name
        what = "jQuery (MIT)" if name.startswith("jquery") else f"Leaflet {LEAFLET_VERSION} (BSD-2-Clause)"
        header = f"/* {what}, from the installed xstatic package; shared by the site's maps */"
        path.write_text(f"{header}\n{files[name]}\n", encoding="utf-8")
        written.append(path)
    return written
