"""Make folium maps work offline and render the same HTML on every run.

Three small tools used by :mod:`kzsi_helpers.maps.places`:

- :func:`leaflet_assets` returns Leaflet's JavaScript and CSS (from the installed
  ``xstatic-leaflet`` package) and jQuery (``xstatic-jquery``, which folium's popups use) as inline
  ``<script>``/``<style>`` blocks, with Leaflet's images turned into ``data:`` URIs. A map that
  embeds them asks no server for anything.
- :func:`stable_ids` swaps branca's random element ids (``os.urandom``) for a counter while a map is
  built or rendered, so the HTML is byte-for-byte the same on every run (strict nbval compares it).
- :func:`escape_text` escapes text from a data table for folium popups and tooltips, which paste it
  into a JavaScript template literal inside HTML.
"""

from __future__ import annotations

import base64
import html
import itertools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from branca.element import Element

from kzsi_helpers.i18n.messages import _

__all__ = ["LEAFLET_VERSION", "leaflet_files", "leaflet_assets", "stable_ids", "escape_text"]

#: The Leaflet version folium 0.17-0.20 is written for (and that xstatic-leaflet must provide).
LEAFLET_VERSION = "1.9.3"

_ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
_ID_LOCK = threading.RLock()
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)


def _package_dir(module: str) -> Path:
    from importlib import import_module

    try:
        pkg = import_module(f"xstatic.pkg.{module}")
    except ImportError as exc:  # pragma: no cover - a broken installation
        raise ImportError(
            f"The package xstatic-{module} is needed for offline maps: "
            f"pip install -r requirements.txt"
        ) from exc
    return Path(pkg.BASE_DIR)


@lru_cache(maxsize=1)
def leaflet_files() -> dict[str, str]:
    """Return the text of Leaflet's CSS and JS and of jQuery, ready to inline or to save.

    Read from the installed ``xstatic-leaflet`` (which must hold Leaflet
    :data:`LEAFLET_VERSION`) and ``xstatic-jquery`` packages. ``url(images/...)`` references in
    Leaflet's CSS become ``data:`` URIs and source-map comments are dropped, so nothing is fetched.

    Returns
    -------
    dict of str to str
        ``{"leaflet.css": ..., "leaflet.js": ..., "jquery.min.js": ...}``, in that order.

    Raises
    ------
    RuntimeError
        If the installed Leaflet is not the version folium expects.

    Examples
    --------
    >>> files = leaflet_files()
    >>> list(files), "url(images/" in files["leaflet.css"], "sourceMappingURL" in files["leaflet.js"]
    (['leaflet.css', 'leaflet.js', 'jquery.min.js'], False, False)
    """
    from xstatic.pkg import leaflet as xs_leaflet

    if xs_leaflet.VERSION != LEAFLET_VERSION:
        raise RuntimeError(
            f"folium's map code is written for Leaflet {LEAFLET_VERSION}, but xstatic-leaflet "
            f"provides {xs_leaflet.VERSION}: pip install 'xstatic-leaflet=={LEAFLET_VERSION}.*'"
        )
    leaflet = _package_dir("leaflet")
    jquery = _package_dir("jquery")
    css = (leaflet / "leaflet.css").read_text(encoding="utf-8")

    def inline_image(match: re.Match[str]) -> str:
        data = (leaflet / "images" / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", inline_image, css)
    js = _SOURCE_MAP.sub("", (leaflet / "leaflet.js").read_text(encoding="utf-8"))
    jq = _SOURCE_MAP.sub("", (jquery / "jquery.min.js").read_text(encoding="utf-8"))
    return {"leaflet.css": css, "leaflet.js": js, "jquery.min.js": jq}


@lru_cache(maxsize=1)
def leaflet_assets() -> str:
    """Return Leaflet's CSS and JS and jQuery (:func:`leaflet_files`) as inline HTML blocks.

    Returns
    -------
    str
        ``<style>`` and ``<script>`` elements for a page's ``<head>``.

    Raises
    ------
    RuntimeError
        If the installed Leaflet is not the version folium expects, or a file cannot be inlined.

    Examples
    --------
    >>> assets = leaflet_assets()
    >>> assets.startswith("<!-- Leaflet 1.9.3"), "<script src=" in assets, "url(images/" in assets
    (True, False, False)
    """
    files = leaflet_files()
    for name, text in files.items():
        if re.search(r"</(script|style)", text, re.IGNORECASE):  # pragma: no cover
            raise RuntimeError(f"{name} cannot be inlined: it contains a closing tag")
    return (
        f"<!-- Leaflet {LEAFLET_VERSION} (BSD-2-Clause) and jQuery (MIT), "
        "inlined from the xstatic packages so the map works offline -->\n"
        f"<style>\n{files['leaflet.css']}\n</style>\n<script>\n{files['leaflet.js']}\n</script>\n"
        f"<script>\n{files['jquery.min.js']}\n</script>"
    )


@contextmanager
def stable_ids(prefix: str) -> Iterator[None]:
    """Give every branca/folium element created inside the block a counter id.

    Branca names each element ``<kind>_<32 random hex digits>``; inside this block the ids are
    ``<prefix>_0001``, ``<prefix>_0002``, ... instead. The original id generator is put back when
    the block ends, also after an error. A lock keeps two threads from interleaving builds.

    Parameters
    ----------
    prefix : str
        Lower-case letters, digits and ``_``, starting with a letter (it becomes part of
        JavaScript variable names). Use a different prefix for each map shown on one page.

    Yields
    ------
    None

    Raises
    ------
    ValueError
        If the prefix is not a valid identifier part.

    Examples
    --------
    >>> from branca.element import Element
    >>> with stable_ids("demo"):
    ...     Element().get_name()
    'element_demo_0001'
    >>> len(Element()._id)  # random again outside the block
    32
    """
    if not _ID_PATTERN.fullmatch(prefix):
        raise ValueError(
            _("prefix must be lower-case letters, digits or '_', starting with a letter; "
              "got {prefix}").format(prefix=repr(prefix))
        )
    counter = itertools.count(1)

    def generate(cls: type) -> str:
        return f"{prefix}_{next(counter):04d}"

    with _ID_LOCK:
        original = Element.__dict__["_generate_id"]
        Element._generate_id = classmethod(generate)  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            Element._generate_id = original  # type: ignore[method-assign]


def escape_text(value: object) -> str:
    """Escape a value from a table for folium popup or tooltip HTML.

    HTML-escapes ``& < > " '`` and also the characters that would end or run code in the
    JavaScript template literal folium puts popups in: backtick, ``$`` and backslash. Each
    becomes an HTML character reference, so the browser shows the original text.

    Parameters
    ----------
    value : object
        Any value; it is converted with ``str()``.

    Returns
    -------
    str
        Text safe to place inside HTML and inside a JS template literal.

    Examples
    --------
    >>> escape_text("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> escape_text("a `b` ${c}")
    'a &#96;b&#96; &#36;{c}'
    """
    text = html.escape(str(value), quote=True)
    return text.replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")
