"""Offline, deterministic folium maps of the course's places.

:func:`memorial_map` shows the Second World War memorials of lesson 02; :func:`countries_map`
shows the two capitals and the great-circle distance between them (lessons 00 and 02). Both
return a :class:`folium.Map` that:

- works with no network: Leaflet and jQuery are inlined from installed packages (see
  :mod:`kzsi_helpers.offline`), folium's CDN links (Bootstrap, Font Awesome, awesome-markers) are
  dropped, and the base layer is a small Natural Earth GeoJSON shipped in ``data/``; OpenStreetMap
  tiles can be switched on (``tiles="OpenStreetMap"``) when a network is there;
- renders the same HTML on every run (counter ids instead of random ones; a stable text repr);
- escapes every text that comes from a data table;
- draws an exact location as a filled circle and an approximate one as a hollow, dashed circle,
  and says so in a legend.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template

from kzsi_helpers.basemap import (
    BORDERS_ATTRIBUTION,
    OfflineMap,
    borders_geojson,
    offline_map,
)
from kzsi_helpers.data import require_table
from kzsi_helpers.figures import PALETTE
from kzsi_helpers.geo import distance_km, great_circle_points
from kzsi_helpers.offline import escape_text, stable_ids

__all__ = [
    "OfflineMap",
    "Legend",
    "memorial_map",
    "countries_map",
    "place_markers",
    "marker_locations",
    "borders_geojson",
    "offline_map",
    "REQUIRED_COLUMNS",
]

#: Columns a places table must have (the others of ``places.csv`` are used when present).
REQUIRED_COLUMNS = ("id", "name", "kind", "lat", "lon", "location_precision")

#: Colour of each kind of place (Okabe-Ito; the kind is also written in the legend and popups).
KIND_COLOURS: dict[str, str] = {
    "memorial": PALETTE["blue"],
    "grave": PALETTE["vermillion"],
    "capital": PALETTE["black"],
}
KIND_LABELS: dict[str, str] = {
    "memorial": "Memorial",
    "grave": "Grave and memorial plaque",
    "capital": "Capital city",
}
OTHER_COLOUR = PALETTE["reddish_purple"]
#: Names of the marker layers in the layer control.
GROUP_LABELS: dict[str, str] = {
    "memorial": "Memorials",
    "grave": "Graves and plaques",
    "capital": "Capital cities",
}

#: Tile servers that may be switched on: name -> (URL template, attribution).
TILES: dict[str, tuple[str, str]] = {
    "openstreetmap": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
}
class Legend(MacroElement):
    """A map legend drawn as a Leaflet control (a box in a corner of the map).

    Parameters
    ----------
    title : str
        Heading of the legend.
    items : sequence of (str, str)
        ``(symbol_html, label)`` pairs; the symbol is trusted HTML (an inline SVG made by this
        module), the label is escaped.
    note : str, optional
        A trusted HTML line under the items (e.g. the borders' attribution).
    position : str, optional
        ``"bottomleft"`` (default), ``"bottomright"``, ``"topleft"`` or ``"topright"``.

    Examples
    --------
    >>> legend = Legend("Legend", [(_circle("#000000", exact=True), "exact")])
    >>> "exact" in legend.html
    True
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .kzsi-legend { background: #ffffff; padding: 6px 9px; font: 13px/1.4 sans-serif;
                       color: #222222; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3);
                       max-width: 260px; }
        .kzsi-legend summary { font-weight: bold; cursor: pointer; }
        .kzsi-legend[open] summary { margin-bottom: 4px; }
        .kzsi-legend ul { list-style: none; margin: 0; padding: 0; }
        .kzsi-legend li { margin: 2px 0; }
        .kzsi-legend svg { vertical-align: middle; margin-right: 6px; }
        .kzsi-legend p { margin: 4px 0 0 0; font-size: 11px; color: #444444; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("details", "kzsi-legend");
            div.open = true;
            div.setAttribute("role", "region");
            div.setAttribute("aria-label", {{ this.title|tojson }});
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        title: str,
        items: Sequence[tuple[str, str]],
        note: str = "",
        position: str = "bottomleft",
    ) -> None:
        super().__init__()
        self._name = "Legend"
        self.title = title
        self.position = position
        self.items = list(items)
        rows = "".join(f"<li>{symbol}{escape_text(label)}</li>" for symbol, label in self.items)
        note_html = f"<p>{note}</p>" if note else ""
        self.html = f"<summary>{escape_text(title)}</summary><ul>{rows}</ul>{note_html}"


def _circle(colour: str, *, exact: bool) -> str:
    """Inline SVG of a legend symbol: filled (exact) or hollow dashed (approximate)."""
    if exact:
        shape = f'<circle cx="8" cy="8" r="6" fill="{colour}" stroke="{colour}" stroke-width="2"/>'
    else:
        shape = (f'<circle cx="8" cy="8" r="6" fill="#ffffff" stroke="{colour}" '
                 'stroke-width="2" stroke-dasharray="3 2"/>')
    return f'<svg width="16" height="16" aria-hidden="true">{shape}</svg>'


def _check_places(places: pd.DataFrame) -> pd.DataFrame:
    require_table(places, REQUIRED_COLUMNS, "places", "the map")
    coords = places[["lat", "lon"]].apply(pd.to_numeric, errors="coerce")
    bad = coords.isna().any(axis=1) | ~coords["lat"].between(-90, 90) | \
        ~coords["lon"].between(-180, 180)
    if bad.any():
        first = places.loc[bad, "id"].iloc[0]
        raise ValueError(f"place {first!r} has no valid lat/lon (latitude -90..90, "
                         "longitude -180..180, decimal degrees)")
    precision = set(places["location_precision"].astype(str)) - {"exact", "approximate"}
    if precision:
        raise ValueError(f"location_precision must be 'exact' or 'approximate'; found "
                         f"{sorted(precision)}")
    return places.assign(lat=coords["lat"].astype(float), lon=coords["lon"].astype(float))


def _cell(row: pd.Series, column: str) -> str:
    value = row.get(column)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def _popup_html(row: pd.Series) -> str:
    """Build the popup of one place; every value from the table is escaped."""
    kind = _cell(row, "kind")
    exact = _cell(row, "location_precision") == "exact"
    lines = [f"<strong>{escape_text(_cell(row, 'name'))}</strong>"]
    local = _cell(row, "name_local")
    if local and local != _cell(row, "name"):
        lines.append(f"<em>{escape_text(local)}</em>")
    lines.append(f"What: {escape_text(KIND_LABELS.get(kind, kind))}")
    date = _cell(row, "date")
    if date:
        lines.append(f"Date: {escape_text(date)}")
    description = _cell(row, "description")
    if description:
        lines.append(escape_text(description))
    where = "exact" if exact else "approximate"
    note = _cell(row, "location_note")
    lines.append(f"Location: {where}" + (f" ({escape_text(note)})" if note else ""))
    sources = _cell(row, "source_ids")
    if sources:
        lines.append(f"Sources: {escape_text(sources.replace(';', '; '))}")
    return '<div class="kzsi-popup">' + "<br>".join(lines) + "</div>"


def place_markers(places: pd.DataFrame) -> list[folium.CircleMarker]:
    """Make one circle marker per row of a places table.

    Exact locations are filled circles; approximate ones are hollow with a dashed outline. The
    colour shows the kind of place (and the popup says it in words). Popups and tooltips are
    escaped. Each marker's SVG path gets the CSS class ``kzsi-place``.

    Parameters
    ----------
    places : pandas.DataFrame
        Rows of ``places.csv`` (at least :data:`REQUIRED_COLUMNS`).

    Returns
    -------
    list of folium.CircleMarker
        In the table's order; not yet added to a map.

    Examples
    --------
    >>> row = pd.DataFrame([{"id": "x", "name": "<b>X</b>", "kind": "memorial", "lat": 46.0,
    ...                      "lon": 14.5, "location_precision": "approximate"}])
    >>> [m.location for m in place_markers(row)]
    [[46.0, 14.5]]
    """
    places = _check_places(places)
    markers = []
    for _, row in places.iterrows():
        kind = _cell(row, "kind")
        colour = KIND_COLOURS.get(kind, OTHER_COLOUR)
        exact = _cell(row, "location_precision") == "exact"
        tooltip = escape_text(_cell(row, "name")) + ("" if exact else " (approximate location)")
        style: dict[str, Any] = {
            "color": colour,
            "weight": 3,
            "fill": True,
            "fill_color": colour if exact else "#ffffff",
            "fill_opacity": 0.9 if exact else 0.6,
            "class_name": "kzsi-place",
        }
        if not exact:
            style["dash_array"] = "5 4"
        popup = folium.Popup(folium.Html(_popup_html(row), script=True), max_width=280)
        marker = folium.CircleMarker(
            location=(float(row["lat"]), float(row["lon"])),
            radius=9 if kind != "capital" else 7,
            popup=popup,
            tooltip=folium.Tooltip(tooltip),
            **style,
        )
        # the accessible name (escaped here; the page's script reads it as text, see basemap)
        marker.options["kzsiName"] = escape_text(_cell(row, "name"))
        markers.append(marker)
    return markers


def marker_locations(m: folium.Map) -> list[tuple[float, float]]:
    """List the (lat, lon) of every circle marker on a map, in the order they were added.

    Parameters
    ----------
    m : folium.Map
        A map, e.g. from :func:`memorial_map`.

    Returns
    -------
    list of tuple
        One ``(lat, lon)`` per :class:`folium.CircleMarker`, searched in all layers.

    Examples
    --------
    >>> from kzsi_helpers import load
    >>> len(marker_locations(memorial_map(load("places")))) > 0
    True
    """
    found: list[tuple[float, float]] = []

    def walk(element: Element) -> None:
        for child in element._children.values():
            if isinstance(child, folium.CircleMarker):
                found.append((float(child.location[0]), float(child.location[1])))
            walk(child)

    walk(m)
    return found


def _bounds(points: Iterable[tuple[float, float]], pad: float = 0.3) -> list[list[float]]:
    lats, lons = zip(*points, strict=True)
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    # a single point (or a tiny cluster) still gets a readable regional view
    if north - south < 2 * pad:
        mid = (north + south) / 2
        south, north = mid - pad, mid + pad
    if east - west < 2 * pad:
        mid = (east + west) / 2
        west, east = mid - pad, mid + pad
    return [[south, west], [north, east]]


def _base_map(title: str, id_prefix: str, bounds: list[list[float]], ratio: str,
              highlight: Sequence[str], tiles: str | None) -> OfflineMap:
    return offline_map(bounds, title=title, id_prefix=id_prefix, ratio=ratio,
                       highlight=highlight, outlines_only=tiles is not None, fit=False)


def _add_tiles(m: folium.Map, tiles: str | None) -> None:
    if tiles is None:
        return
    key = str(tiles).strip().lower()
    if key not in TILES:
        raise ValueError(f"tiles must be None (offline, the default) or one of "
                         f"{sorted(TILES)}; got {tiles!r}")
    url, attribution = TILES[key]
    folium.TileLayer(
        tiles=url,
        attr=attribution,
        name="OpenStreetMap tiles (online)",
        overlay=True,
        control=True,
        show=True,
        max_zoom=19,
        referrer_policy="strict-origin-when-cross-origin",
    ).add_to(m)


def _legend(places: pd.DataFrame, extra: Sequence[tuple[str, str]] = (),
            position: str = "bottomleft") -> Legend:
    items: list[tuple[str, str]] = []
    for kind in dict.fromkeys(places["kind"].astype(str)):
        items.append((_circle(KIND_COLOURS.get(kind, OTHER_COLOUR), exact=True),
                      KIND_LABELS.get(kind, kind)))
    precisions = set(places["location_precision"].astype(str))
    if "exact" in precisions:
        items.append((_circle("#555555", exact=True), "Filled: exact location"))
    if "approximate" in precisions:
        items.append((_circle("#555555", exact=False),
                      "Hollow, dashed: approximate (village, town or cemetery point)"))
    items.extend(extra)
    return Legend("Legend", items, note=BORDERS_ATTRIBUTION, position=position)


def memorial_map(
    places: pd.DataFrame,
    *,
    tiles: str | None = None,
    id_prefix: str = "memorials",
    title: str | None = None,
    ratio: str = "60%",
) -> OfflineMap:
    """Map the Second World War memorials (or any places table) in Slovenia, offline.

    One circle marker per row at the row's ``lat``/``lon``; filled for an exact location,
    hollow and dashed for an approximate one; the colour shows the kind of place. Popups give
    the name, what the place is, the date, the one-line description, how exact the point is
    and the source ids. Country borders from Natural Earth form the base layer; a legend, a
    layer control and a scale bar are included, and the view fits the places.

    Parameters
    ----------
    places : pandas.DataFrame
        Rows of ``places.csv`` (lesson 02 passes the memorials and the grave).
    tiles : {None, "OpenStreetMap"}, optional
        ``None`` (default) draws no tiles and needs no network. ``"OpenStreetMap"`` adds OSM
        tiles (with attribution and a referrer policy), which need an internet connection.
    id_prefix : str, optional
        Prefix of the map's element ids; give each map on one page its own.
    title : str, optional
        Used in the map's text representation.
    ratio : str, optional
        Height of the map as a percentage of its width, in a notebook (at least 300 px).

    Returns
    -------
    OfflineMap
        A :class:`folium.Map`; display it in Jupyter or ``.save("map.html")``.

    Raises
    ------
    ValueError
        If the table lacks a needed column, has no rows or a bad coordinate.

    Examples
    --------
    >>> from kzsi_helpers import load
    >>> places = load("places")
    >>> m = memorial_map(places)
    >>> len(marker_locations(m)) == len(places)
    True
    >>> memorial_map(places).get_root().render() == m.get_root().render()
    True
    """
    places = _check_places(places)
    n = len(places)
    title = title or f"{n} place{'s' if n != 1 else ''} in Slovenia and beyond"
    with stable_ids(id_prefix):
        m = _base_map(title, id_prefix, _bounds(zip(places["lat"], places["lon"],
                                                    strict=True)),
                      ratio, highlight=("705",), tiles=tiles)
        _add_tiles(m, tiles)
        for kind, group in places.groupby("kind", sort=False):
            label = GROUP_LABELS.get(str(kind), f"Other places ({kind})")
            layer = folium.FeatureGroup(name=escape_text(label))
            for marker in place_markers(group):
                marker.add_to(layer)
            layer.add_to(m)
        # Slovenia's memorials lie west, centre and north-east: the legend goes bottom right,
        # where no marker is, and the view keeps the top edge clear of the layer control.
        _legend(places, position="bottomright").add_to(m)
        folium.LayerControl(collapsed=False).add_to(m)
        view = folium.map.FitBounds(_bounds(zip(places["lat"], places["lon"], strict=True)),
                                    padding_top_left=(30, 110), padding_bottom_right=(30, 60),
                                    max_zoom=11)
        view.options["animate"] = False  # the first view is shown at once, not zoomed into
        m.add_child(view)
    return m


def countries_map(
    places: pd.DataFrame,
    *,
    tiles: str | None = None,
    id_prefix: str = "countries",
    title: str | None = None,
    ratio: str = "50%",
) -> OfflineMap:
    """Map the two capitals, Ljubljana and Astana, and the great-circle line between them.

    The line follows the great circle (the shortest way over the Earth's surface), which
    looks curved on the flat map; its tooltip gives the distance from
    :func:`kzsi_helpers.distance_km`. Slovenia and Kazakhstan are shaded.

    Parameters
    ----------
    places : pandas.DataFrame
        Places to show, e.g. the capitals of ``load("places")``. A line and distance are
        drawn when the table has exactly two rows.
    tiles : {None, "OpenStreetMap"}, optional
        As in :func:`memorial_map`.
    id_prefix : str, optional
        Prefix of the map's element ids.
    title : str, optional
        Used in the map's text representation.
    ratio : str, optional
        Height of the map as a percentage of its width, in a notebook (at least 300 px).

    Returns
    -------
    OfflineMap
        The map.

    Examples
    --------
    >>> from kzsi_helpers import load
    >>> places = load("places")
    >>> m = countries_map(places[places["kind"] == "capital"])
    >>> m
    <OfflineMap: Ljubljana and Astana>
    >>> len(marker_locations(m))
    2
    """
    places = _check_places(places)
    title = title or " and ".join(places["name"].astype(str))
    points = list(zip(places["lat"], places["lon"], strict=True))
    extra: list[tuple[str, str]] = []
    with stable_ids(id_prefix):
        m = _base_map(title, id_prefix, _bounds(points, pad=2.0), ratio,
                      highlight=("705", "398"), tiles=tiles)
        _add_tiles(m, tiles)
        layer = folium.FeatureGroup(name="Capital cities")
        if len(points) == 2:  # the line first, so the markers stay clickable on top of it
            km = distance_km(points[0], points[1])
            label = (f"{escape_text(places['name'].iloc[0])} to "
                     f"{escape_text(places['name'].iloc[1])}: about {km:,.0f} km "
                     "(great circle)")
            folium.PolyLine(
                great_circle_points(points[0], points[1], n=64),
                color=PALETTE["orange"],
                weight=3,
                dash_array="8 6",
                tooltip=folium.Tooltip(label),
                class_name="kzsi-distance",
            ).add_to(layer)
            extra.append(('<svg width="16" height="16" aria-hidden="true"><line x1="0" y1="8" '
                          f'x2="16" y2="8" stroke="{PALETTE["orange"]}" stroke-width="3" '
                          'stroke-dasharray="4 3"/></svg>', f"Great circle: about {km:,.0f} km"))
        for marker in place_markers(places):
            marker.add_to(layer)
        layer.add_to(m)
        _legend(places, extra).add_to(m)
        folium.LayerControl(collapsed=False).add_to(m)
        m.fit_bounds(_bounds(points, pad=2.0), padding=(20, 20), max_zoom=8)
    return m
