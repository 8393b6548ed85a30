"""Lesson 04's exercises: each checker accepts what a student would reasonably type for a right
answer, rejects common wrong answers with a message that points at the mistake, tells *not
attempted* apart, and never gives the expected value away. Expected values are worked out here
from the CSV, with a haversine written independently of kzsi_helpers.maps.geo."""

import math
import re
from pathlib import Path

import folium
import pandas as pd
import pytest

from kzsi_helpers.exercises import ____
from kzsi_helpers.exercises import lesson04 as ex
from kzsi_helpers.maps.basemap import offline_map
from kzsi_helpers.maps.places import memorial_map

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def places():
    return pd.read_csv(DATA / "places.csv", dtype={"date": str}, keep_default_na=False)


@pytest.fixture(scope="module")
def memorials(places):
    return places[places["kind"] != "capital"]


def distance_km(a, b):
    """Haversine on the IUGG mean radius, written here independently of kzsi_helpers.maps.geo."""
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def point(places, place_id):
    row = places.set_index("id").loc[place_id]
    return (float(row["lat"]), float(row["lon"]))


def no_leak(feedback, *values):
    """The message must not contain the expected value."""
    text = feedback.message + feedback.code
    for value in values:
        assert not re.search(rf"(?<![\w.-]){re.escape(str(value))}(?![\w-])", text), value


def test_q2_hollow_circles(memorials):
    hollow = int((memorials["location_precision"] == "approximate").sum())
    filled = len(memorials) - hollow
    assert hollow != filled  # otherwise the two messages could not be told apart
    assert ex.q2.check().status == "not attempted"
    for right in (hollow, str(hollow), float(hollow)):
        assert ex.q2.check(right).status == "correct"
    for wrong, message in [(filled, "filled circles"), (len(memorials), "approximate"),
                           ("four", "whole number")]:
        feedback = ex.q2.check(wrong)
        assert feedback.status == "incorrect"
        assert message in feedback.message
        no_leak(feedback, hollow)


def test_q3_my_map(memorials):
    mine = pd.DataFrame({"id": ["mine"], "name": ["Mine"], "kind": ["my place"], "lat": [46.2],
                         "lon": [15.1], "location_precision": ["approximate"]})
    right = memorial_map(pd.concat([memorials, mine], ignore_index=True), id_prefix="t")
    assert ex.q3.check().status == "not attempted"
    assert ex.q3.check(right).status == "correct"
    wrong = memorial_map(memorials, id_prefix="t")
    assert "own lat and lon" in ex.q3.check(wrong).message
    assert "should be a map" in ex.q3.check("a map").message
    assert "should be a map" in ex.q3.check(mine).message  # the table, not the map


def test_q4_farthest_memorial(places, memorials):
    home = point(places, "ljubljana")
    km = {r.id: distance_km(home, (float(r.lat), float(r.lon))) for r in memorials.itertuples()}
    right = max(km, key=km.get)
    nearest = min(km, key=km.get)
    astana = point(places, "astana")
    km_astana = {r.id: distance_km(astana, (float(r.lat), float(r.lon)))
                 for r in memorials.itertuples()}
    from_astana = max(km_astana, key=km_astana.get)
    assert ex.q4.check().status == "not attempted"
    for answer in (right, f" {right} "):
        assert ex.q4.check(answer).status == "correct"
    name = memorials.set_index("id").loc[right, "name"]
    wrong_answers = [(nearest, "nearest"), (name, "not its name"), ("ljubljana", "not the id"),
                     (3, "as text")]
    if from_astana not in (right, nearest):
        wrong_answers.append((from_astana, "from Astana"))
    for answer, message in wrong_answers:
        feedback = ex.q4.check(answer)
        assert feedback.status == "incorrect", answer
        assert message in feedback.message, feedback.message
        no_leak(feedback, right)


def build_capitals_map(places, *, popups=True, group=True, control=True, swap=False):
    capitals = places[places["kind"] == "capital"]
    m = offline_map([[44, 12], [53, 73]], title="t", id_prefix="t5")
    parent = folium.FeatureGroup(name="Capitals").add_to(m) if group else m
    for row in capitals.itertuples():
        where = (row.lon, row.lat) if swap else (row.lat, row.lon)
        folium.CircleMarker(where, popup=folium.Popup(f"{row.name} (capital)") if popups else None
                            ).add_to(parent)
    if control:
        folium.LayerControl().add_to(m)
    return m


def test_q5_capitals_map_by_hand(places):
    assert ex.q5.check().status == "not attempted"
    assert ex.q5.check(build_capitals_map(places)).status == "correct"
    assert "should be the folium map" in ex.q5.check("a map").message
    empty = offline_map([[44, 12], [53, 73]], title="t", id_prefix="t5")
    assert "no markers" in ex.q5.check(empty).message
    assert "popup" in ex.q5.check(build_capitals_map(places, popups=False)).message
    assert "FeatureGroup" in ex.q5.check(build_capitals_map(places, group=False)).message
    assert "LayerControl" in ex.q5.check(build_capitals_map(places, control=False)).message
    assert "swapped" in ex.q5.check(build_capitals_map(places, swap=True)).message
    only_one = build_capitals_map(places[places["id"] != "astana"])
    assert "Astana" in ex.q5.check(only_one).message
    for wrong in (empty, only_one, build_capitals_map(places, swap=True)):
        no_leak(ex.q5.check(wrong), "51.15", "71.47", "46.05", "14.50")


@pytest.mark.parametrize("question", [ex.q2, ex.q3, ex.q4, ex.q5])
def test_every_question_has_hints_and_a_solution(question):
    assert question.hint().message
    assert question.solution().code
