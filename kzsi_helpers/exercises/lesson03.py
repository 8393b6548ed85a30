"""Exercises for lesson 03, *Remembering the Second World War: memorials at Trnovo and Povir*.

Every expected answer is computed from ``data/places.csv`` when the answer is checked, so the
questions stay right if the data are corrected. No message ever states the expected value.

- ``q1`` ``trnovo_povir_km``: great-circle distance from Trnovo to Povir, in km;
- ``q2`` ``povir_astana_km``: great-circle distance from the grave at Povir to Astana, in km;
- ``q3`` ``my_map``: a memorial map with one more place, of your choosing;
- ``q4`` ``approximate_ids``: the ids of the places whose point is only approximate;
- ``q5`` ``kasse_sebero_answer``: source criticism, what do we know about the name "Kasse Sebero"?
- ``q6`` ``farthest_memorial_id``: *Now you try*, q1's method on other places;
- ``q7`` (discussion): what would confirm the claim of Kazakhstani names at Trnovo?
- ``q8`` ``capitals_map``: a folium map built by hand: the two capitals as circle markers with
  popups, in a feature group, with a layer control (checked through the map's object model).

Examples
--------
>>> from kzsi_helpers.exercises import lesson03 as ex
>>> ex.q1.check().status
'not attempted'
>>> ex.q4.check(["povir", "nowhere"]).message
"Use the ids from the table's id column; these are not ids of places: ['nowhere']."
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from kzsi_helpers.data.tables import load
from kzsi_helpers.exercises.checkers import Verdict, choice
from kzsi_helpers.exercises.core import Question
from kzsi_helpers.maps.geo import distance_km

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]


# ---- reading the data (at check time) -------------------------------------------------------


def _point(place_id: str) -> tuple[float, float]:
    places = load("places")
    row = places.loc[places["id"] == place_id].iloc[0]
    return float(row["lat"]), float(row["lon"])


def _number(value: Any) -> float | None:
    """Return the answer as a float, or None if it is not a number (text, a bool, a list)."""
    if isinstance(value, (bool, str)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _distance_checker(a: str, b: str, tolerance: float):
    """Check a distance between two places of the table, in km, within ``tolerance`` km."""

    def checker(value: Any) -> Verdict:
        number = _number(value)
        if number is None:
            return Verdict(False, "Your answer should be a single number of kilometres "
                           "(not text, not a list).")
        pa, pb = _point(a), _point(b)
        expected = distance_km(pa, pb)
        if abs(number - expected) <= tolerance:
            return Verdict(True, "Right: that is the great-circle distance, as the crow flies. "
                           "By road it is longer.")
        if abs(number - expected * 1000) <= tolerance * 1000:
            return Verdict(False, "Check the unit: distance_km gives kilometres, not metres.")
        swapped = distance_km((pa[1], pa[0]), (pb[1], pb[0]))
        if abs(number - swapped) <= tolerance:
            return Verdict(False, "It looks as if latitude and longitude were swapped: "
                           "distance_km wants (lat, lon).")
        return Verdict(False, "Take both points' lat and lon from the places table "
                       "and pass them to distance_km as (lat, lon) pairs.")

    return checker


# ---- q1, q2: distances ----------------------------------------------------------------------

q1 = Question(
    var="trnovo_povir_km",
    checker=_distance_checker("trnovo-kobilnik", "povir", tolerance=0.5),
    hints=[
        "Find the rows with id 'trnovo-kobilnik' and 'povir' in the places table.",
        "Make a (lat, lon) pair for each, e.g. `(row['lat'], row['lon'])`, and call "
        "`distance_km(a, b)`.",
    ],
    solution=(
        "p = places.set_index('id')\n"
        "trnovo = (p.loc['trnovo-kobilnik', 'lat'], p.loc['trnovo-kobilnik', 'lon'])\n"
        "povir = (p.loc['povir', 'lat'], p.loc['povir', 'lon'])\n"
        "trnovo_povir_km = distance_km(trnovo, povir)"
    ),
    explanation="Both points are village points, so the distance between the memorials "
    "themselves may differ by a kilometre or so.",
)

q2 = Question(
    var="povir_astana_km",
    checker=_distance_checker("povir", "astana", tolerance=5.0),
    hints=[
        "Astana is a row of the places table too (kind 'capital', id 'astana').",
        "Same method as q1: two (lat, lon) pairs and `distance_km`.",
    ],
    solution=(
        "p = places.set_index('id')\n"
        "povir_astana_km = distance_km(tuple(p.loc['povir', ['lat', 'lon']]),\n"
        "                              tuple(p.loc['astana', ['lat', 'lon']]))"
    ),
    explanation="That is how far the partisan buried at Povir lies from the capital of the "
    "country whose embassy put up his plaque; the capitals are a little closer.",
)


# ---- q3: add a place --------------------------------------------------------------------------


def _check_map(value: Any) -> Verdict:
    import folium

    from kzsi_helpers.maps.markers import marker_locations

    if not isinstance(value, folium.Map):
        return Verdict(False, "`my_map` should be a map: the result of "
                       "`memorial_map(my_places)`.")
    places = load("places")
    known = {(round(float(la), 5), round(float(lo), 5))
             for la, lo in zip(places["lat"], places["lon"], strict=True)}
    locations = [(round(la, 5), round(lo, 5)) for la, lo in marker_locations(value)]
    if not locations:
        return Verdict(False, "Your map has no markers. Pass a places table to memorial_map.")
    new = [p for p in locations if p not in known]
    if not new:
        return Verdict(False, "Your map shows only places that are already in places.csv: "
                       "add a row of your own with its own lat and lon.")
    return Verdict(True, f"Your map has {len(new)} place(s) of your own. Did you set "
                   "location_precision honestly?")


q3 = Question(
    var="my_map",
    checker=_check_map,
    hints=[
        "Make a one-row DataFrame with the columns id, name, kind, lat, lon, "
        "location_precision (and a description and source if you have them).",
        "Join it to the memorials with `pd.concat([memorials, mine], ignore_index=True)` and "
        "pass the result to `memorial_map`.",
    ],
    solution=(
        "p = places.set_index('id')\n"
        "mine = pd.DataFrame([{\n"
        "    'id': 'halfway', 'name': 'Halfway between Trnovo and Povir', 'kind': 'my place',\n"
        "    'lat': (p.loc['trnovo-kobilnik', 'lat'] + p.loc['povir', 'lat']) / 2,\n"
        "    'lon': (p.loc['trnovo-kobilnik', 'lon'] + p.loc['povir', 'lon']) / 2,\n"
        "    'location_precision': 'exact', 'source_ids': '',\n"
        "}])\n"
        "my_places = pd.concat([memorials, mine], ignore_index=True)\n"
        "my_map = memorial_map(my_places, id_prefix='mine')"
    ),
    explanation="Any place works. For a real place, take its coordinates from a source you "
    "can name, and say whether the point is exact or approximate.",
)


# ---- q4: approximate locations ----------------------------------------------------------------


def _as_ids(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return None
    if isinstance(value, pd.DataFrame):
        if "id" not in value.columns:
            return None
        value = value["id"]
    if not isinstance(value, Iterable):
        return None
    ids = []
    for item in value:
        if not isinstance(item, str):
            return None
        ids.append(item.strip())
    return ids


def _check_approximate(value: Any) -> Verdict:
    ids = _as_ids(value)
    if ids is None:
        return Verdict(False, "Give a set or list of ids (text), e.g. {'id-a', 'id-b'}.")
    places = load("places")
    unknown = sorted(set(ids) - set(places["id"]))
    if unknown:
        return Verdict(False, "Use the ids from the table's id column; these are not ids of "
                       f"places: {unknown}.")
    expected = set(places.loc[places["location_precision"] == "approximate", "id"])
    given = set(ids)
    if given == expected:
        return Verdict(True, "Right. For each of them the sources give only the village, town "
                       "or cemetery point, and location_note says what the point marks.")
    if given < expected:
        return Verdict(False, "Some approximate places are missing from your answer.")
    if given > expected:
        return Verdict(False, "Your answer includes a place whose location is exact.")
    return Verdict(False, "Some ids are missing and some do not belong: filter on the "
                   "location_precision column.")


q4 = Question(
    var="approximate_ids",
    checker=_check_approximate,
    hints=[
        "The column location_precision says 'exact' or 'approximate'.",
        "`set(places.loc[places['location_precision'] == 'approximate', 'id'])`",
    ],
    solution="approximate_ids = set(places.loc[places['location_precision'] == 'approximate', "
    "'id'])",
    explanation="Read their location_note: the point is the village, town or cemetery, "
    "because no source gives the monument's own coordinates.",
)


# ---- q5: source criticism ---------------------------------------------------------------------

q5 = Question(
    var="kasse_sebero_answer",
    checker=choice("b", ["a", "b", "c", "d"]),
    hints=[
        "Which sources name the partisan at Povir at all? Look at the row's source_ids and note.",
        "Compare what the Kazakh foreign ministry wrote in 2016 with what it wrote in 2019.",
    ],
    solution="kasse_sebero_answer = 'b'",
    explanation="Right: one ministry text (2019) is the only source of the name, and the same "
    "ministry called him unnamed in 2016. We do not know his real name, unit or dates.",
)


# ---- q6: now you try --------------------------------------------------------------------------


def _check_farthest(value: Any) -> Verdict:
    if not isinstance(value, str):
        return Verdict(False, "Answer with one id, as text (in quotes).")
    places = load("places")
    memorials = places[places["kind"] != "capital"]
    given = value.strip()
    if given not in set(memorials["id"]):
        if given in set(places["name"]):
            return Verdict(False, "Answer with the place's id (the id column), not its name.")
        return Verdict(False, "That is not the id of a memorial or grave in the table.")
    home = _point("ljubljana")
    distances = {row.id: distance_km(home, (row.lat, row.lon))
                 for row in memorials.itertuples()}
    if given == max(distances, key=distances.__getitem__):
        return Verdict(True, "Right: you measured every memorial from the capital and "
                       "took the largest.")
    return Verdict(False, "There is a memorial farther from Ljubljana. Compute the distance "
                   "for every row, then pick the largest.")


q6 = Question(
    var="farthest_memorial_id",
    checker=_check_farthest,
    hints=[
        "Measure from the point of the row with id 'ljubljana' to every memorial and grave.",
        "Build a Series: `memorials.apply(lambda r: distance_km(home, (r['lat'], r['lon'])), "
        "axis=1)`, then use `.idxmax()` to find the row.",
    ],
    solution=(
        "p = places.set_index('id')\n"
        "home = (p.loc['ljubljana', 'lat'], p.loc['ljubljana', 'lon'])\n"
        "km = memorials.set_index('id').apply(\n"
        "    lambda r: distance_km(home, (r['lat'], r['lon'])), axis=1)\n"
        "farthest_memorial_id = km.idxmax()"
    ),
)


# ---- q7: discussion ---------------------------------------------------------------------------

q7 = Question(
    var="",
    checker=None,
    hints=[
        "What exactly does the starting article claim, and what do the Slovene sources on "
        "Kobilnik say about the names on the plates?",
    ],
    solution=(
        "We would need the list of the 2,345 names (or photographs of the 83 plates) and, for "
        "each name, evidence of where the person came from: birthplace, unit records, or a "
        "Soviet or Kazakh archive. The Slovene sources say the plates list fallen fighters and "
        "victims from the Nova Gorica area 'and members of other nations', which fits Soviet "
        "fighters but does not prove Kazakhstani names. Until then the claim stays "
        "'not verified'."
    ),
    solution_is_code=False,
)


# ---- q8: a folium map by hand -----------------------------------------------------------------


def _descendants(element: Any) -> Iterable[Any]:
    for child in element._children.values():
        yield child
        yield from _descendants(child)


def _popup_text(marker: Any) -> str:
    import folium

    texts = []
    for child in marker._children.values():
        if isinstance(child, folium.Popup):
            texts += [str(getattr(h, "data", "")) for h in child.html._children.values()]
    return " ".join(texts)


def _check_capitals_map(value: Any) -> Verdict:
    import folium

    if not isinstance(value, folium.Map):
        return Verdict(False, "`capitals_map` should be the folium map you built: start from "
                       "`offline_map(...)` and add to it.")
    markers = [c for c in _descendants(value)
               if isinstance(c, (folium.CircleMarker, folium.Marker))]
    if not markers:
        return Verdict(False, "Your map has no markers yet: add a `folium.CircleMarker` for each "
                       "capital.")
    places = load("places")
    for row in places[places["kind"] == "capital"].itertuples():
        near = [m for m in markers if abs(float(m.location[0]) - row.lat) < 0.01
                and abs(float(m.location[1]) - row.lon) < 0.01]
        if not near:
            swapped = any(abs(float(m.location[0]) - row.lon) < 0.01 for m in markers)
            if swapped:
                return Verdict(False, "A marker looks as if latitude and longitude were "
                               "swapped: folium wants `location=(lat, lon)`.")
            return Verdict(False, f"There is no marker where the table puts {row.name}: "
                           "take its lat and lon from `capitals`.")
        if not any(row.name.casefold() in _popup_text(m).casefold() for m in near):
            return Verdict(False, f"The marker of {row.name} needs a popup with the city's "
                           "name: `popup=folium.Popup(place.name)`.")
        if not any(isinstance(m._parent, folium.FeatureGroup) for m in near):
            return Verdict(False, "Put the markers in a `folium.FeatureGroup(name=...)` and add "
                           "the group to the map, not the markers themselves.")
    if not any(isinstance(c, folium.LayerControl) for c in _descendants(value)):
        return Verdict(False, "Add a `folium.LayerControl()` to the map, so the layer can be "
                       "switched on and off.")
    return Verdict(True, "Right: two markers with popups, in a layer you can switch off. "
                   "That is what `countries_map` builds for you, plus the line and a legend.")


q8 = Question(
    var="capitals_map",
    checker=_check_capitals_map,
    hints=[
        "Start as in section 5: `capitals_map = offline_map(bounds, title=..., "
        "id_prefix=\"ex8\")`, with `bounds` from the capitals' lat and lon.",
        "Make `layer = folium.FeatureGroup(name=\"Capital cities\")`; for each row of "
        "`capitals.itertuples()` add `folium.CircleMarker(location=(place.lat, place.lon), "
        "popup=folium.Popup(place.name))` to the layer; then add the layer and a "
        "`folium.LayerControl()` to the map.",
    ],
    solution=(
        "bounds = [[capitals['lat'].min(), capitals['lon'].min()],\n"
        "          [capitals['lat'].max(), capitals['lon'].max()]]\n"
        "capitals_map = offline_map(bounds, title='The two capitals, by hand', id_prefix='ex8')\n"
        "layer = folium.FeatureGroup(name='Capital cities')\n"
        "for place in capitals.itertuples():\n"
        "    folium.CircleMarker(location=(place.lat, place.lon), radius=7, fill=True,\n"
        "                        popup=folium.Popup(place.name), tooltip=place.name).add_to(layer)\n"
        "layer.add_to(capitals_map)\n"
        "capitals_map.add_child(folium.LayerControl())"
    ),
)
