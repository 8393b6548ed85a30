"""The offline base map every course map starts from: a folium map with the world drawn in.

:func:`offline_map` hands over a :class:`folium.Map` that needs no network: Leaflet and jQuery
are inlined (:mod:`kzsi_helpers.maps.offline`), and the base layer is the Natural Earth file
``data/ne_countries.geojson`` (every country from the Atlantic to western China, and the seas
and the Caspian as water). Lesson 03 adds its own markers to it with plain folium code;
:mod:`kzsi_helpers.maps.places` builds the course's styled maps on it.

An :class:`OfflineMap` also

- renders the same HTML on every run: at render time every element gets a counter id
  (``<id_prefix>_0001``, ...), whoever built it;
- keeps its height in proportion to its width in a notebook, but never below 300 px;
- makes every circle marker reachable with Tab, opens its popup with Enter (or a tap or a
  click) and gives it an accessible name: the marker's ``kzsiName`` option, else its tooltip
  or popup text;
- folds its layer control (and the course's legend) on a map narrower than 560 px.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import folium
from branca.element import Element

from kzsi_helpers.i18n.messages import N_, _
from kzsi_helpers.maps.offline import escape_text, leaflet_assets, stable_ids

__all__ = ["OfflineMap", "offline_map", "borders_geojson", "BORDERS_ATTRIBUTION", "NARROW_PX"]

#: The base layer's credit line (trusted HTML; translate it with ``_()`` where it is shown).
BORDERS_ATTRIBUTION = N_(
    'Borders: <a href="https://www.naturalearthdata.com/">Natural Earth</a> (public domain)'
)
#: Below this width (CSS pixels) the map folds its controls.
NARROW_PX = 560
_RANDOM_ID = re.compile(r"[0-9a-f]{32}$")
_FOLIUM_TRUST_NOTE = "Make this Notebook Trusted to load map: File -> Trust Notebook"
_TRUST_NOTE = N_("Map not shown: this notebook is not trusted yet. Run "
                 "<code>jupyter trust</code> on this notebook in the folder it is in, or start "
                 "JupyterLab with <code>python -m kzsi_helpers lab</code>, or re-run this cell.")
_LAND = {"fillColor": "#f4f1ea", "color": "#8a8a8a", "weight": 1, "fillOpacity": 1.0}
_HIGHLIGHT = {"fillColor": "#e9dfc8", "color": "#555555", "weight": 1.5, "fillOpacity": 1.0}
_WATER = {"fillColor": "#cfe3f1", "color": "#cfe3f1", "weight": 0, "fillOpacity": 1.0}
_CSS = """<style>
.leaflet-container { background: #dcebf5; }
.leaflet-control-scale { pointer-events: none; }  /* a tap through the scale bar reaches a marker */
.leaflet-interactive.kzsi-place:focus, path.leaflet-interactive:focus {
  outline: none; stroke: #000000; stroke-width: 5px; }
@media (max-width: 560px) { .leaflet-control-layers, .kzsi-legend { font-size: 12px; } }
</style>"""

# Keyboard, screen-reader and small-screen behaviour, run once the map's layers are added.
_SCRIPT = """
(function (map) {
  function text(content) {
    if (!content) { return ""; }
    var div = document.createElement("div");
    if (typeof content === "string") { div.innerHTML = content; }
    else if (content.textContent !== undefined) { return content.textContent.trim(); }
    return div.textContent.trim();
  }
  function label(layer) {
    if (layer.options && layer.options.kzsiName) { return text(layer.options.kzsiName); }
    var tip = layer.getTooltip && layer.getTooltip();
    if (tip) { return text(tip.getContent()); }
    var popup = layer.getPopup && layer.getPopup();
    return popup ? text(popup.getContent()).split("\\n")[0] : FALLBACK_NAME;
  }
  function prepare(layer) {
    if (!(layer instanceof L.CircleMarker) || !layer.getElement) { return; }
    var el = layer.getElement();
    if (!el || el.getAttribute("tabindex") !== null) { return; }
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", label(layer));
    el.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); layer.openPopup(); }
    });
  }
  map.eachLayer(prepare);
  map.on("layeradd", function (e) { prepare(e.layer); });
  if (map.getContainer().clientWidth < NARROW) {
    var box = map.getContainer().querySelector(".leaflet-control-layers-expanded");
    if (box) {
      var toggle = box.querySelector(".leaflet-control-layers-toggle");
      box.classList.remove("leaflet-control-layers-expanded");
      toggle.setAttribute("aria-expanded", "false");
      L.DomEvent.on(toggle, "click", function (e) {
        L.DomEvent.preventDefault(e);
        var open = box.classList.toggle("leaflet-control-layers-expanded");
        toggle.setAttribute("aria-expanded", String(open));
      });
    }
    var legend = map.getContainer().querySelector("details.kzsi-legend");
    if (legend) { legend.open = false; }
  }
})(MAP);
"""


class OfflineMap(folium.Map):
    """A :class:`folium.Map` that loads nothing from the internet and renders reproducibly.

    Parameters
    ----------
    title : str
        Short description, used in the text representation and the frame's title.
    id_prefix : str
        Prefix of element ids (see :func:`kzsi_helpers.maps.offline.stable_ids`); give each map
        shown on one page its own.
    **kwargs
        Passed to :class:`folium.Map` (``tiles`` is always ``None`` here; add tile layers as
        children).

    Examples
    --------
    >>> m = OfflineMap(title="an empty map", id_prefix="doc", location=(46, 14.5))
    >>> m
    <OfflineMap: an empty map>
    >>> html = m.get_root().render()
    >>> "cdn." in html, html == m.get_root().render()
    (False, True)
    """

    default_js: list[tuple[str, str]] = []
    default_css: list[tuple[str, str]] = []

    def __init__(self, *, title: str, id_prefix: str, **kwargs: Any) -> None:
        kwargs["tiles"] = None
        kwargs.setdefault("zoom_snap", 0.25)
        super().__init__(**kwargs)
        self.title = title
        self.id_prefix = id_prefix

    def _number_elements(self) -> None:
        """Give a counter id to every element that still has branca's random one.

        Elements built inside :func:`stable_ids` keep their ids; the others (e.g. markers a
        student adds with plain folium code) are numbered in the order of the map's tree, so
        the HTML is the same on every run. Numbered once: a second render changes nothing.
        """
        counter = iter(range(1, 1_000_000))

        def walk(element: Element) -> None:
            if _RANDOM_ID.fullmatch(element._id):
                element._id = f"{self.id_prefix}_u{next(counter):04d}"
            parts = [getattr(element, part, None) for part in ("header", "html", "script")]
            for child in [*element._children.values(), *parts]:
                if isinstance(child, Element):  # a popup keeps its HTML in .html, not a child
                    walk(child)
            # folium templates use the keys of _children (the names at add time) as JS names
            element._children = OrderedDict(
                (child.get_name() if _RANDOM_ID.search(key) else key, child)
                for key, child in element._children.items()
            )

        walk(self)

    def render(self, **kwargs: Any) -> None:
        """Render with inlined Leaflet/jQuery, counter ids and the keyboard script."""
        figure = self.get_root()
        self._number_elements()
        with stable_ids(f"{self.id_prefix}_r"):
            figure.header.add_child(Element(leaflet_assets()), name="leaflet_offline", index=0)
            figure.header.add_child(Element(_CSS), name="kzsi_css")
            super().render(**kwargs)
            script = (_SCRIPT.replace("NARROW", str(NARROW_PX)).replace("MAP", self.get_name())
                      .replace("FALLBACK_NAME", json.dumps(_("map marker"))))
            figure.script.add_child(Element(script), name="kzsi_access")

    def _repr_html_(self, **kwargs: Any) -> str:
        """Show the map in a notebook: a titled frame, at least 300 px high, with a trust note."""
        out = super()._repr_html_(**kwargs)
        out = out.replace(_FOLIUM_TRUST_NOTE, _(_TRUST_NOTE), 1)
        ratio = self.get_root().ratio
        out = out.replace(f"height:0;padding-bottom:{ratio};",
                          f"height:0;padding-bottom:max(300px, {ratio});", 1)
        frame_title = escape_text(_("Map: {title}").format(title=self.title))
        return out.replace("<iframe srcdoc=", f'<iframe title="{frame_title}" srcdoc=', 1)

    def __repr__(self) -> str:
        return f"<OfflineMap: {self.title}>"


@lru_cache(maxsize=1)
def _borders_text() -> str:
    from kzsi_helpers.data.tables import data_folder

    path = data_folder() / "ne_countries.geojson"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: the map's country borders are missing; rebuild them with "
            "scripts/build_borders.py (see data/ne_countries.README.md)"
        )
    return path.read_text(encoding="utf-8")


def borders_geojson() -> dict[str, Any]:
    """Return the offline base layer: Natural Earth countries and water (a GeoJSON dict).

    Returns
    -------
    dict
        A FeatureCollection: first one ``kind="water"`` polygon (seas, oceans and the Caspian
        Sea, as holes cut out of land), then one ``kind="country"`` feature per country with
        ``name`` and ``iso_n3`` (ISO 3166-1 numeric) properties. A fresh copy on every call.

    Examples
    --------
    >>> features = borders_geojson()["features"]
    >>> features[0]["properties"]["kind"]
    'water'
    >>> {"Slovenia", "Kazakhstan", "Russia", "Ukraine"} <= {f["properties"]["name"] for f in features}
    True
    """
    return json.loads(_borders_text())


def offline_map(
    bounds: Sequence[Sequence[float]],
    *,
    title: str,
    id_prefix: str,
    ratio: str = "60%",
    highlight: Sequence[str] = (),
    outlines_only: bool = False,
    fit: bool = True,
) -> OfflineMap:
    """Return an empty offline map showing ``bounds``, with countries and water drawn in.

    Parameters
    ----------
    bounds : [[south, west], [north, east]]
        The area to show, in degrees; the view is fitted to it.
    title : str
        What the map shows (the frame's title, for screen readers).
    id_prefix : str
        Prefix of the map's element ids: lower-case letters, digits and ``_``.
    ratio : str, optional
        Height as a percentage of the width in a notebook (at least 300 px).
    highlight : sequence of str, optional
        ISO 3166-1 numeric codes of countries to shade darker (Slovenia is ``"705"``,
        Kazakhstan ``"398"``).
    outlines_only : bool, optional
        Draw borders without filling land and water (for tiles underneath).
    fit : bool, optional
        Fit the view to ``bounds`` (``False`` if the caller fits it, with its own padding).

    Returns
    -------
    OfflineMap
        Add markers and layers to it with folium, then display it.

    Examples
    --------
    >>> m = offline_map([[45.4, 13.4], [46.9, 16.6]], title="Slovenia", id_prefix="si")
    >>> _ = folium.CircleMarker((46.05, 14.51), tooltip="Ljubljana").add_to(m)
    >>> "Ljubljana" in m.get_root().render()
    True
    """
    (south, west), (north, east) = bounds
    m = OfflineMap(title=title, id_prefix=id_prefix,
                   location=((south + north) / 2, (west + east) / 2), zoom_start=5,
                   control_scale=True)
    m.get_root().ratio = ratio
    wanted = set(highlight)
    fill = {"fillOpacity": 0.0} if outlines_only else {}

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        props = feature["properties"]
        if props.get("kind") == "water":
            return {**_WATER, **fill}
        return {**(_HIGHLIGHT if props.get("iso_n3") in wanted else _LAND), **fill}

    folium.GeoJson(
        borders_geojson(),
        name="Countries and seas (Natural Earth, offline)",
        style_function=style,
        interactive=False,
        attribution=_(BORDERS_ATTRIBUTION),
        control=False,
    ).add_to(m)
    if fit:
        m.fit_bounds([[south, west], [north, east]])
    return m
