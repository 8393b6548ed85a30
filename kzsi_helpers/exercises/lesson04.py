"""Exercises for lesson 04, *Making the map: memorials and capitals with Folium*.

Every expected answer is computed from ``data/places.csv`` when the answer is checked, so the
questions stay right if the data are corrected. No message states the expected value. The maps
are checked through their object model (markers, where they are, popups, layers), never as
pictures.

- ``q2`` ``hollow_circles``: how many places on the map are drawn hollow and dashed?
- ``q3`` ``my_map``: a memorial map with one more place, of your choosing (blanks to fill);
- ``q4`` ``farthest_memorial_id``: *Now you try*, the distance loop from another capital;
- ``q5`` ``capitals_map``: a folium map built by hand: the two capitals as circle markers with
  popups, in a feature group, with a layer control.

Examples
--------
>>> from kzsi_helpers.exercises import lesson04 as ex
>>> ex.q2.check().status
'not attempted'
>>> ex.q2.check("five").message
'Give a whole number, such as 3 (without quotes).'
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import folium
import pandas as pd

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.i18n.formats import format_number
from kzsi_helpers.i18n.messages import N_, _
from kzsi_helpers.maps.geo import distance_km
from kzsi_helpers.maps.markers import marker_locations

__all__ = ["q2", "q3", "q4", "q5"]


# ---- reading the data (at check time) -------------------------------------------------------


def _places() -> pd.DataFrame:
    return load("places")


def _memorials() -> pd.DataFrame:
    places = _places()
    return places[places["kind"] != "capital"]


def _point(place_id: str) -> tuple[float, float]:
    places = _places()
    row = places.loc[places["id"] == place_id].iloc[0]
    return float(row["lat"]), float(row["lon"])


def _whole_number(value: Any) -> int | None:
    """Return the answer as an int if it is a whole number (5, 5.0, "5", " 5 "), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().rstrip(".")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(number) or number != int(number):
        return None
    return int(number)


# ---- q2: count the hollow circles -----------------------------------------------------------


def _check_hollow(value: Any) -> Verdict:
    number = _whole_number(value)
    if number is None:
        return Verdict(False, _("Give a whole number, such as 3 (without quotes)."))
    memorials = _memorials()
    approximate = int((memorials["location_precision"] == "approximate").sum())
    if number == approximate:
        return Verdict(True, _("For each of them the sources give only the village, town "
                               "or cemetery, and `location_note` says what the point marks."))
    if number == len(memorials) - approximate:
        return Verdict(False, _("That is the number of filled circles, the exact points. Count "
                                "the hollow, dashed ones."))
    return Verdict(False, _("Count the rows of the table whose `location_precision` is "
                            "'approximate'."))


q2 = Question(
    var="hollow_circles",
    checker=_check_hollow,
    hints=[N_("A hollow, dashed circle is an approximate location."),
           N_("Count the word 'approximate' in the column `location_precision` of the table.")],
    solution="hollow_circles = 4",
)


# ---- q3: add a place --------------------------------------------------------------------------


def _check_map(value: Any) -> Verdict:
    if not isinstance(value, folium.Map):
        return Verdict(False, _("`my_map` should be a map: the result of "
                                "`memorial_map(my_places)`."))
    places = _places()
    known = {(round(float(la), 5), round(float(lo), 5))
             for la, lo in zip(places["lat"], places["lon"], strict=True)}
    locations = [(round(la, 5), round(lo, 5)) for la, lo in marker_locations(value)]
    if not locations:
        return Verdict(False, _("Your map has no markers. Pass a places table to memorial_map."))
    new = [point for point in locations if point not in known]
    if not new:
        return Verdict(False, _("Your map shows only the places of the course's table: add a "
                                "row of your own with its own lat and lon."))
    return Verdict(True, _("Your map has {n} place(s) of your own. Did you set "
                           "location_precision honestly?").format(n=format_number(len(new))))


q3 = Question(
    var="my_map",
    checker=_check_map,
    hints=[
        N_("Fill in the blanks: a name in quotes and 'exact' or 'approximate', then two numbers "
           "for my_lat and my_lon."),
        N_("Latitude first: places in Slovenia have a latitude of about 45 to 47 and a longitude "
           "of about 13 to 16."),
    ],
    solution=(
        'my_name, my_precision = "Halfway between Trnovo and Povir", "approximate"\n'
        'my_lat = (p.loc["trnovo-kobilnik", "lat"] + p.loc["povir", "lat"]) / 2\n'
        'my_lon = (p.loc["trnovo-kobilnik", "lon"] + p.loc["povir", "lon"]) / 2\n'
        'mine = pd.DataFrame({"id": ["my-place"], "name": [my_name], "kind": ["my place"],\n'
        '                     "lat": [my_lat], "lon": [my_lon], "location_precision": [my_precision]})\n'
        'my_places = pd.concat([memorials, mine], ignore_index=True)\n'
        'my_map = memorial_map(my_places, id_prefix="mine")'
    ),
    explanation=N_("Any place works. For a real place, take its coordinates from a source you "
                   "can name; a point worked out from the table, like a halfway point, is "
                   "approximate."),
)


# ---- q4: now you try --------------------------------------------------------------------------


def _check_farthest(value: Any) -> Verdict:
    if not isinstance(value, str):
        return Verdict(False, _("Answer with one id, as text (in quotes)."))
    memorials = _memorials()
    given = value.strip()
    if given not in set(memorials["id"]):
        if given in set(memorials["name"]):
            return Verdict(False, _("Answer with the place's id (the id column), not its name."))
        return Verdict(False, _("That is not the id of a memorial or grave in the table."))
    home = _point("ljubljana")
    distances = {row.id: distance_km(home, (row.lat, row.lon))
                 for row in memorials.itertuples()}
    ranked = sorted(distances, key=distances.__getitem__)
    if given == ranked[-1]:
        return Verdict(True, _("You measured every memorial from Ljubljana and took the "
                               "largest distance."))
    if given == ranked[0]:
        return Verdict(False, _("That is the *nearest* memorial: the farthest is at the other "
                                "end of the sorted table."))
    astana = _point("astana")
    from_astana = {row.id: distance_km(astana, (row.lat, row.lon))
                   for row in memorials.itertuples()}
    if given == max(from_astana, key=from_astana.__getitem__):
        return Verdict(False, _("That is the farthest from Astana, as in section 3. Measure "
                                "from Ljubljana this time."))
    return Verdict(False, _("There is a memorial farther from Ljubljana. Compute the distance "
                            "for every row, then sort."))


q4 = Question(
    var="farthest_memorial_id",
    checker=_check_farthest,
    hints=[
        N_("Copy the loop of section 3 and start from the point of the row 'ljubljana'."),
        N_("Make the table with `pd.DataFrame({\"id\": ..., \"km\": ...})`, sort it by km and "
           "take the id of the last row."),
    ],
    solution=(
        'ljubljana = (p.loc["ljubljana", "lat"], p.loc["ljubljana", "lon"])\n'
        'km_from_ljubljana = []\n'
        'for place in memorials.itertuples():\n'
        '    km_from_ljubljana.append(distance_km(ljubljana, (place.lat, place.lon)))\n'
        'from_ljubljana = pd.DataFrame({"id": memorials["id"], "km": km_from_ljubljana})\n'
        'farthest_memorial_id = from_ljubljana.sort_values("km").iloc[-1]["id"]'
    ),
)


# ---- q5: a folium map by hand -----------------------------------------------------------------


def _descendants(element: Any) -> Iterable[Any]:
    for child in element._children.values():
        yield child
        yield from _descendants(child)


def _popup_text(marker: Any) -> str:
    texts = []
    for child in marker._children.values():
        if isinstance(child, folium.Popup):
            texts += [str(getattr(h, "data", "")) for h in child.html._children.values()]
    return " ".join(texts)


def _check_capitals_map(value: Any) -> Verdict:
    if not isinstance(value, folium.Map):
        return Verdict(False, _("`capitals_map` should be the folium map you built: start from "
                                "`offline_map(...)` and add to it."))
    markers = [c for c in _descendants(value)
               if isinstance(c, (folium.CircleMarker, folium.Marker))]
    if not markers:
        return Verdict(False, _("Your map has no markers yet: add a `folium.CircleMarker` for "
                                "each capital."))
    places = _places()
    for row in places[places["kind"] == "capital"].itertuples():
        near = [m for m in markers if abs(float(m.location[0]) - row.lat) < 0.01
                and abs(float(m.location[1]) - row.lon) < 0.01]
        if not near:
            if any(abs(float(m.location[0]) - row.lon) < 0.01 for m in markers):
                return Verdict(False, _("A marker looks as if latitude and longitude were "
                                        "swapped: folium wants `location=(lat, lon)`."))
            return Verdict(False, _("There is no marker where the table puts {name}: take its "
                                    "lat and lon from `capitals`.").format(name=row.name))
        if not any(row.name.casefold() in _popup_text(m).casefold() for m in near):
            return Verdict(False, _("The marker of {name} needs a popup with the city's name: "
                                    "`popup=folium.Popup(place.name)`.").format(name=row.name))
        if not any(isinstance(m._parent, folium.FeatureGroup) for m in near):
            return Verdict(False, _("Put the markers in a `folium.FeatureGroup(name=...)` and "
                                    "add the group to the map, not the markers themselves."))
    if not any(isinstance(c, folium.LayerControl) for c in _descendants(value)):
        return Verdict(False, _("Add a `folium.LayerControl()` to the map, so the layer can be "
                                "switched on and off."))
    return Verdict(True, _("Two markers with popups, in a layer you can switch off. That is "
                           "what `countries_map` builds for you, plus the line and a legend."))


q5 = Question(
    var="capitals_map",
    checker=_check_capitals_map,
    hints=[
        N_("Start as in section 1: `capitals_map = offline_map(cap_bounds, title=..., "
           "id_prefix=\"ex5\")`, with `cap_bounds` from the capitals' lat and lon."),
        N_("Make `layer = folium.FeatureGroup(name=\"Capital cities\")`; for each row of "
           "`capitals.itertuples()` add `folium.CircleMarker(location=(place.lat, place.lon), "
           "popup=folium.Popup(place.name))` to the layer; then add the layer and a "
           "`folium.LayerControl()` to the map."),
    ],
    solution=(
        'cap_bounds = [[capitals["lat"].min(), capitals["lon"].min()],\n'
        '              [capitals["lat"].max(), capitals["lon"].max()]]\n'
        'capitals_map = offline_map(cap_bounds, title="The two capitals", id_prefix="ex5")\n'
        'layer = folium.FeatureGroup(name="Capital cities")\n'
        'for place in capitals.itertuples():\n'
        '    folium.CircleMarker(location=(place.lat, place.lon), radius=7, fill=True,\n'
        '                        popup=folium.Popup(place.name)).add_to(layer)\n'
        'layer.add_to(capitals_map)\n'
        'folium.LayerControl().add_to(capitals_map)\n'
        'capitals_map.fit_bounds(cap_bounds, padding=(60, 60))'
    ),
)
