"""The markers of the course's maps: one circle per place, its popup and tooltip, and the legend.

:func:`place_markers` turns a places table into Folium ``CircleMarker`` objects (colour by kind,
solid for an exact location, hollow for an approximate one, every text escaped);
:class:`Legend` explains them. :mod:`kzsi_helpers.maps.places` puts them on the maps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template

from kzsi_helpers.charts.figures import PALETTE
from kzsi_helpers.data.tables import require_table
from kzsi_helpers.i18n.messages import N_, _
from kzsi_helpers.maps.offline import escape_text

#: Columns a places table must have (the others of ``places.csv`` are used when present).
REQUIRED_COLUMNS = ("id", "name", "kind", "lat", "lon", "location_precision")

#: Colour of each kind of place (Okabe-Ito; the kind is also written in the legend and popups).
KIND_COLOURS: dict[str, str] = {
    "memorial": PALETTE["blue"],
    "grave": PALETTE["vermillion"],
    "capital": PALETTE["black"],
}
#: What each kind of place is, in words (English; shown through ``_()``).
KIND_LABELS: dict[str, str] = {
    "memorial": N_("Memorial"),
    "grave": N_("Grave and memorial plaque"),
    "capital": N_("Capital city"),
}
OTHER_COLOUR = PALETTE["reddish_purple"]
#: Names of the marker layers in the layer control (English; shown through ``_()``).
GROUP_LABELS: dict[str, str] = {
    "memorial": N_("Memorials"),
    "grave": N_("Graves and plaques"),
    "capital": N_("Capital cities"),
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
    >>> legend = Legend("Legend", [(circle_swatch("#000000", exact=True), "exact")])
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


def circle_swatch(colour: str, *, exact: bool) -> str:
    """Inline SVG of a legend symbol: filled (exact) or hollow dashed (approximate)."""
    if exact:
        shape = f'<circle cx="8" cy="8" r="6" fill="{colour}" stroke="{colour}" stroke-width="2"/>'
    else:
        shape = (f'<circle cx="8" cy="8" r="6" fill="#ffffff" stroke="{colour}" '
                 'stroke-width="2" stroke-dasharray="3 2"/>')
    return f'<svg width="16" height="16" aria-hidden="true">{shape}</svg>'


def check_places(places: pd.DataFrame) -> pd.DataFrame:
    """Check a places table for a map; return it with ``lat`` and ``lon`` as floats.

    Raises
    ------
    ValueError
        A required column is missing, a place has no valid latitude and longitude, or a
        ``location_precision`` is neither ``exact`` nor ``approximate``.

    Examples
    --------
    >>> row = {"id": "p1", "name": "A", "kind": "memorial", "lat": "46.1", "lon": "200",
    ...        "location_precision": "exact"}
    >>> check_places(pd.DataFrame([row]))
    Traceback (most recent call last):
    ...
    ValueError: place 'p1' has no valid lat/lon (latitude -90..90, longitude -180..180, decimal degrees)
    """
    require_table(places, REQUIRED_COLUMNS, "places", "the map")
    coords = places[["lat", "lon"]].apply(pd.to_numeric, errors="coerce")
    bad = coords.isna().any(axis=1) | ~coords["lat"].between(-90, 90) | \
        ~coords["lon"].between(-180, 180)
    if bad.any():
        first = places.loc[bad, "id"].iloc[0]
        raise ValueError(_("place {place} has no valid lat/lon (latitude -90..90, "
                           "longitude -180..180, decimal degrees)").format(place=repr(first)))
    precision = set(places["location_precision"].astype(str)) - {"exact", "approximate"}
    if precision:
        raise ValueError(_("location_precision must be 'exact' or 'approximate'; found "
                           "{found}").format(found=sorted(precision)))
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
    what = _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind
    lines.append(_("What: {kind}").format(kind=escape_text(what)))
    date = _cell(row, "date")
    if date:
        lines.append(_("Date: {date}").format(date=escape_text(date)))
    description = _cell(row, "description")
    if description:
        lines.append(escape_text(description))
    note = _cell(row, "location_note")
    if note:
        where = _("Location: exact ({note})") if exact else _("Location: approximate ({note})")
        lines.append(where.format(note=escape_text(note)))
    else:
        lines.append(_("Location: exact") if exact else _("Location: approximate"))
    sources = _cell(row, "source_ids")
    if sources:
        lines.append(_("Sources: {ids}").format(ids=escape_text(sources.replace(";", "; "))))
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
    places = check_places(places)
    markers = []
    for _index, row in places.iterrows():
        kind = _cell(row, "kind")
        colour = KIND_COLOURS.get(kind, OTHER_COLOUR)
        exact = _cell(row, "location_precision") == "exact"
        name = escape_text(_cell(row, "name"))
        tooltip = name if exact else _("{name} (approximate location)").format(name=name)
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
    >>> from kzsi_helpers import load, memorial_map
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
