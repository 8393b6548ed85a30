"""Offline, deterministic folium maps of the course's places.

:func:`memorial_map` shows the Second World War memorials of lesson 03; :func:`countries_map`
shows the two capitals and the great-circle distance between them (lessons 00 and 03). Both
return a :class:`folium.Map` that:

- works with no network: Leaflet and jQuery are inlined from installed packages (see
  :mod:`kzsi_helpers.maps.offline`), folium's CDN links (Bootstrap, Font Awesome, awesome-markers) are
  dropped, and the base layer is a small Natural Earth GeoJSON shipped in ``data/``; OpenStreetMap
  tiles can be switched on (``tiles="OpenStreetMap"``) when a network is there;
- renders the same HTML on every run (counter ids instead of random ones; a stable text repr);
- escapes every text that comes from a data table;
- draws an exact location as a filled circle and an approximate one as a hollow, dashed circle,
  and says so in a legend (the markers and the legend: :mod:`kzsi_helpers.maps.markers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import folium
import pandas as pd

from kzsi_helpers.charts.figures import PALETTE
from kzsi_helpers.i18n.formats import format_number
from kzsi_helpers.i18n.messages import _
from kzsi_helpers.maps.basemap import BORDERS_ATTRIBUTION, OfflineMap, offline_map
from kzsi_helpers.maps.geo import distance_km, great_circle_points
from kzsi_helpers.maps.markers import (
    GROUP_LABELS,
    KIND_COLOURS,
    KIND_LABELS,
    OTHER_COLOUR,
    Legend,
    check_places,
    circle_swatch,
    place_markers,
)
from kzsi_helpers.maps.offline import escape_text, stable_ids

__all__ = ["memorial_map", "countries_map"]

#: Tile servers that may be switched on: name -> (URL template, attribution).
TILES: dict[str, tuple[str, str]] = {
    "openstreetmap": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
}
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
        raise ValueError(_("tiles must be None (offline, the default) or one of {names}; "
                           "got {tiles}").format(names=sorted(TILES), tiles=repr(tiles)))
    url, attribution = TILES[key]
    folium.TileLayer(
        tiles=url,
        attr=attribution,
        name=_("OpenStreetMap tiles (online)"),
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
        items.append((circle_swatch(KIND_COLOURS.get(kind, OTHER_COLOUR), exact=True),
                      _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind))
    precisions = set(places["location_precision"].astype(str))
    if "exact" in precisions:
        items.append((circle_swatch("#555555", exact=True), _("Filled: exact location")))
    if "approximate" in precisions:
        items.append((circle_swatch("#555555", exact=False),
                      _("Hollow, dashed: approximate (village, town or cemetery point)")))
    items.extend(extra)
    return Legend(_("Legend"), items, note=_(BORDERS_ATTRIBUTION), position=position)


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
        Rows of ``places.csv`` (lesson 03 passes the memorials and the grave).
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
    >>> from kzsi_helpers.maps.markers import marker_locations
    >>> places = load("places")
    >>> m = memorial_map(places)
    >>> len(marker_locations(m)) == len(places)
    True
    >>> memorial_map(places).get_root().render() == m.get_root().render()
    True
    """
    places = check_places(places)
    n = len(places)
    if not title:
        title = (_("{n} place in Slovenia and beyond") if n == 1
                 else _("{n} places in Slovenia and beyond")).format(n=n)
    with stable_ids(id_prefix):
        m = _base_map(title, id_prefix, _bounds(zip(places["lat"], places["lon"],
                                                    strict=True)),
                      ratio, highlight=("705",), tiles=tiles)
        _add_tiles(m, tiles)
        for kind, group in places.groupby("kind", sort=False):
            label = (_(GROUP_LABELS[str(kind)]) if str(kind) in GROUP_LABELS
                     else _("Other places ({kind})").format(kind=kind))
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
    >>> from kzsi_helpers.maps.markers import marker_locations
    >>> places = load("places")
    >>> m = countries_map(places[places["kind"] == "capital"])
    >>> m
    <OfflineMap: Ljubljana and Astana>
    >>> len(marker_locations(m))
    2
    """
    places = check_places(places)
    if not title:
        names = places["name"].astype(str).tolist()
        title = names[0]
        for name in names[1:]:
            title = _("{first} and {second}").format(first=title, second=name)
    points = list(zip(places["lat"], places["lon"], strict=True))
    extra: list[tuple[str, str]] = []
    with stable_ids(id_prefix):
        m = _base_map(title, id_prefix, _bounds(points, pad=2.0), ratio,
                      highlight=("705", "398"), tiles=tiles)
        _add_tiles(m, tiles)
        layer = folium.FeatureGroup(name=_("Capital cities"))
        if len(points) == 2:  # the line first, so the markers stay clickable on top of it
            km = distance_km(points[0], points[1])
            label = _("{start} to {end}: about {km} km (great circle)").format(
                start=escape_text(places["name"].iloc[0]), end=escape_text(places["name"].iloc[1]),
                km=format_number(km, 0))
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
                          'stroke-dasharray="4 3"/></svg>',
                          _("Great circle: about {km} km").format(km=format_number(km, 0))))
        for marker in place_markers(places):
            marker.add_to(layer)
        layer.add_to(m)
        _legend(places, extra).add_to(m)
        folium.LayerControl(collapsed=False).add_to(m)
        m.fit_bounds(_bounds(points, pad=2.0), padding=(20, 20), max_zoom=8)
    return m
