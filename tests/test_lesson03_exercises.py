"""Lesson 03's exercises: each checker tells right, wrong and not attempted apart, and its
messages never give the expected value away."""

import math
import re
from pathlib import Path

import folium
import pandas as pd
import pytest

from kzsi_helpers.exercises import lesson03 as ex
from kzsi_helpers.maps.basemap import offline_map
from kzsi_helpers.maps.places import memorial_map

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def places():
    return pd.read_csv(DATA / "places.csv", dtype={"date": str}, keep_default_na=False)


def distance_km(a, b):
    """Haversine on the IUGG mean radius, written here independently of kzsi_helpers.maps.geo."""
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def point(places, place_id):
    row = places.set_index("id").loc[place_id]
    return (float(row["lat"]), float(row["lon"]))


def no_leak(feedback, *values):
    """The message must not contain the expected value, in any usual rounding."""
    text = feedback.message + feedback.code
    for value in values:
        if isinstance(value, float):
            for shown in {f"{value:.0f}", f"{value:.1f}", f"{value:.2f}", f"{value:,.0f}"}:
                assert not re.search(rf"(?<![\d.]){re.escape(shown)}(?![\d])", text), shown
        else:
            assert str(value) not in text


def all_statuses(question, right, wrong):
    assert question.check().status == "not attempted"
    assert question.check(None).status == "not attempted"
    assert question.check(right).status == "correct"
    assert question.check(wrong).status == "incorrect"


def test_q1_distance_trnovo_povir(places):
    km = distance_km(point(places, "trnovo-kobilnik"), point(places, "povir"))
    all_statuses(ex.q1, km, km + 5)
    for wrong in (km + 5, "34 km", [km], km * 1000, True):
        feedback = ex.q1.check(wrong)
        assert feedback.status == "incorrect"
        no_leak(feedback, km)
    assert "metres" in ex.q1.check(km * 1000).message
    tr, po = point(places, "trnovo-kobilnik"), point(places, "povir")
    swapped = distance_km((tr[1], tr[0]), (po[1], po[0]))
    assert "swapped" in ex.q1.check(swapped).message
    no_leak(ex.q1.check(km), km)


def test_q2_distance_povir_astana(places):
    km = distance_km(point(places, "povir"), point(places, "astana"))
    all_statuses(ex.q2, round(km), km * 0.9)
    no_leak(ex.q2.check(km * 0.9), km)
    no_leak(ex.q2.check("far"), km)


def test_q3_my_map(places):
    memorials = places[places["kind"] != "capital"]
    mine = pd.DataFrame([{"id": "mine", "name": "Mine", "kind": "memorial", "lat": 46.2,
                          "lon": 15.1, "location_precision": "exact"}])
    right = memorial_map(pd.concat([memorials, mine], ignore_index=True), id_prefix="t")
    wrong = memorial_map(memorials, id_prefix="t")
    all_statuses(ex.q3, right, wrong)
    assert ex.q3.check("a map").status == "incorrect"
    assert "already in places.csv" in ex.q3.check(wrong).message


def test_q4_approximate_ids(places):
    expected = set(places.loc[places["location_precision"] == "approximate", "id"])
    exact = set(places["id"]) - expected
    some = sorted(expected)[:-1]
    all_statuses(ex.q4, expected, some)
    assert ex.q4.check(sorted(expected)).status == "correct"  # a list is fine too
    assert ex.q4.check(places[places["location_precision"] == "approximate"]).correct
    for wrong in (some, expected | exact, set(some) | exact, "povir", [1, 2], {"nowhere"}):
        feedback = ex.q4.check(wrong)
        assert feedback.status == "incorrect"
        # never names an expected id the student did not give
        for place_id in expected - (set(wrong) if not isinstance(wrong, str) else set()):
            assert place_id not in feedback.message
    assert "missing" in ex.q4.check(some).message
    assert "exact" in ex.q4.check(expected | exact).message


def test_q5_source_criticism():
    all_statuses(ex.q5, "b", "a")
    assert ex.q5.check("B ").correct
    assert ex.q5.check("z").status == "incorrect"
    for wrong in ("a", "c", "d", "z"):
        message = ex.q5.check(wrong).message
        assert "'b'" not in message and " b." not in message


def test_q6_farthest_memorial(places):
    memorials = places[places["kind"] != "capital"]
    home = point(places, "ljubljana")
    km = {r.id: distance_km(home, (r.lat, r.lon)) for r in memorials.itertuples()}
    right = max(km, key=km.get)
    wrong = min(km, key=km.get)
    all_statuses(ex.q6, right, wrong)
    name = memorials.set_index("id").loc[right, "name"]
    assert "id" in ex.q6.check(name).message
    for value in (wrong, name, "ljubljana", 3):
        feedback = ex.q6.check(value)
        assert feedback.status == "incorrect"
        no_leak(feedback, right)


def test_q7_is_a_discussion_question():
    assert ex.q7.check().status == "discussion"
    assert ex.q7.solution().message


def build_capitals_map(places, *, popups=True, group=True, control=True, swap=False):
    capitals = places[places["kind"] == "capital"]
    m = offline_map([[44, 12], [53, 73]], title="t", id_prefix="t8")
    parent = folium.FeatureGroup(name="Capitals").add_to(m) if group else m
    for row in capitals.itertuples():
        where = (row.lon, row.lat) if swap else (row.lat, row.lon)
        folium.CircleMarker(where, popup=folium.Popup(f"{row.name} (capital)") if popups else None
                            ).add_to(parent)
    if control:
        folium.LayerControl().add_to(m)
    return m


def test_q8_capitals_map_by_hand(places):
    right = build_capitals_map(places)
    all_statuses(ex.q8, right, build_capitals_map(places, control=False))
    assert ex.q8.check("a map").status == "incorrect"
    empty = offline_map([[44, 12], [53, 73]], title="t", id_prefix="t8")
    assert "no markers" in ex.q8.check(empty).message
    assert "popup" in ex.q8.check(build_capitals_map(places, popups=False)).message
    assert "FeatureGroup" in ex.q8.check(build_capitals_map(places, group=False)).message
    assert "LayerControl" in ex.q8.check(build_capitals_map(places, control=False)).message
    assert "swapped" in ex.q8.check(build_capitals_map(places, swap=True)).message
    only_one = build_capitals_map(places[places["id"] != "astana"])
    assert "Astana" in ex.q8.check(only_one).message
    for wrong in (empty, only_one, build_capitals_map(places, swap=True)):
        no_leak(ex.q8.check(wrong), "51.15", "71.47", "46.05", "14.50")


@pytest.mark.parametrize("question", [ex.q1, ex.q2, ex.q3, ex.q4, ex.q5, ex.q6, ex.q7, ex.q8])
def test_every_question_has_hints_and_a_solution(question):
    assert question.hint().message
    assert question.solution().message or question.solution().code
