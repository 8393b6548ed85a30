"""Great-circle distances: checked against figures worked out independently of the code."""

import math

import pytest

from kzsi_helpers.maps.geo import EARTH_RADIUS_KM, distance_km, great_circle_points

# The IUGG mean Earth radius R1, in km (Moritz, "Geodetic Reference System 1980").
R1 = 6371.0088


def test_radius_is_the_iugg_mean_radius():
    assert EARTH_RADIUS_KM == R1


def test_pole_to_pole_is_half_a_great_circle():
    assert distance_km((90, 0), (-90, 0)) == pytest.approx(math.pi * R1, rel=1e-12)


def test_equator_to_pole_is_a_quarter():
    # 10,007.5 km: a quarter of the circumference 2*pi*R1 = 40,030.2 km
    assert distance_km((0, 0), (90, 0)) == pytest.approx(10007.5, abs=0.1)


def test_one_degree_along_the_equator():
    # 2*pi*R1/360 = 111.195 km
    assert distance_km((0, 10), (0, 11)) == pytest.approx(111.195, abs=0.001)


def test_one_degree_of_longitude_at_60_degrees_is_about_half():
    # along the parallel it would be exactly half of 111.195 km; the great circle is a bit shorter
    d = distance_km((60, 0), (60, 1))
    assert 55.5 < d < 111.195 / 2 + 1e-9


def test_antipodes():
    assert distance_km((46.05139, 14.50611), (-46.05139, 14.50611 - 180)) == pytest.approx(
        math.pi * R1, rel=1e-9)


def test_zero_and_symmetry():
    a, b = (45.97167, 13.74361), (45.69899, 13.93265)
    assert distance_km(a, a) == 0.0
    assert distance_km(a, b) == pytest.approx(distance_km(b, a), rel=1e-15)


def test_accepts_lists_and_numpy_like_values():
    assert distance_km([0, 0], [0, 1]) == pytest.approx(distance_km((0.0, 0.0), (0.0, 1.0)))


@pytest.mark.parametrize("bad", [(91, 0), (0, 181), (1, 2, 3), "46,14", (float("nan"), 0),
                                 ("a", 1)])
def test_bad_points_raise_a_readable_error(bad):
    with pytest.raises(ValueError, match="latitude|longitude|pair|numbers|missing"):
        distance_km(bad, (0, 0))


def test_great_circle_points_follow_the_distance():
    a, b = (46.05139, 14.50611), (51.15083, 71.47917)
    pts = great_circle_points(a, b, n=32)
    assert len(pts) == 33
    assert pts[0] == pytest.approx(a, abs=1e-5) and pts[-1] == pytest.approx(b, abs=1e-5)
    # the path is the great circle: its pieces add up to the direct distance
    total = sum(distance_km(p, q) for p, q in zip(pts[:-1], pts[1:], strict=True))
    assert total == pytest.approx(distance_km(a, b), rel=1e-5)
    # and it bulges north of the straight line in latitude (a great circle in the north)
    middle = pts[16]
    assert middle[0] > (a[0] + b[0]) / 2


def test_great_circle_points_needs_a_segment():
    with pytest.raises(ValueError):
        great_circle_points((0, 0), (1, 1), n=0)


# --- the offline base layer (data/ne_countries.geojson) ---------------------------------------
# Ljubljana and Astana as in data/places.csv (read from the CSV, not from the code under test).

def _capitals():
    import csv
    from pathlib import Path

    rows = csv.DictReader((Path(__file__).resolve().parent.parent / "data" / "places.csv")
                          .open(encoding="utf-8"))
    found = {r["id"]: (float(r["lat"]), float(r["lon"])) for r in rows}
    return found["ljubljana"], found["astana"]


def _slerp(a, b, n):
    """Points along the great circle, by spherical linear interpolation of unit vectors."""
    def vec(p):
        lat, lon = map(math.radians, p)
        return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))

    u, v = vec(a), vec(b)
    omega = math.acos(sum(x * y for x, y in zip(u, v, strict=True)))
    out = []
    for i in range(n + 1):
        t = i / n
        k1, k2 = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
        x, y, z = (k1 * p + k2 * q for p, q in zip(u, v, strict=True))
        out.append((math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))))
    return out


def _inside(lon, lat, rings):
    """Even-odd rule over all rings of a polygon (as Leaflet fills it)."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _where(lat, lon, features):
    hits = []
    for f in features:
        geom = f["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        if any(_inside(lon, lat, rings) for rings in polys):
            hits.append(f["properties"]["name"])
    return hits


@pytest.fixture(scope="module")
def base_layer():
    from kzsi_helpers.maps.basemap import borders_geojson

    return borders_geojson()["features"]


def test_every_point_on_the_ljubljana_astana_great_circle_is_in_a_country_or_water(base_layer):
    points = _slerp(*_capitals(), n=200)
    assert points[0] == pytest.approx(_capitals()[0]) and points[-1] == pytest.approx(_capitals()[1])
    crossed = []
    for lat, lon in points:
        hits = _where(lat, lon, base_layer)
        assert len(hits) == 1, f"({lat:.2f}, {lon:.2f}) falls in {hits or 'nothing'}"
        crossed.append(hits[0])
    assert crossed[0] == "Slovenia" and crossed[-1] == "Kazakhstan"
    assert {"Hungary", "Ukraine", "Russia"} <= set(crossed)


@pytest.mark.parametrize("lat, lon, name", [
    (43.0, 15.5, "Seas, oceans and the Caspian Sea"),   # Adriatic, between Split and Pescara
    (43.5, 34.0, "Seas, oceans and the Caspian Sea"),   # Black Sea, south of Crimea
    (42.0, 50.5, "Seas, oceans and the Caspian Sea"),   # middle Caspian
    (46.05, 14.51, "Slovenia"),
    (55.75, 37.62, "Russia"),                           # Moscow
    (50.45, 30.52, "Ukraine"),                          # Kyiv
    (41.31, 69.28, "Uzbekistan"),                       # Tashkent
])
def test_seas_lakes_and_countries_are_where_they_should_be(base_layer, lat, lon, name):
    assert _where(lat, lon, base_layer) == [name]
