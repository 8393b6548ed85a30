"""The course's folium maps, tested through their object model and their rendered HTML."""

import re
from pathlib import Path

import folium
import pandas as pd
import pytest
from branca.element import Element

from kzsi_helpers.maps.markers import Legend, marker_locations, place_markers
from kzsi_helpers.maps.offline import escape_text, stable_ids
from kzsi_helpers.maps.places import countries_map, memorial_map

DATA = Path(__file__).resolve().parent.parent / "data"
EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def places():
    # expected values straight from the CSV, not through the code under test
    return pd.read_csv(DATA / "places.csv", dtype={"date": str}, keep_default_na=False)


@pytest.fixture(scope="module")
def memorials(places):
    return places[places["kind"] != "capital"].reset_index(drop=True)


def children(element, kind):
    found = []
    for child in element._children.values():
        if isinstance(child, kind):
            found.append(child)
        found += children(child, kind)
    return found


def html_of(m):
    return m.get_root().render()


def test_one_marker_per_place_at_the_tables_coordinates(places):
    m = memorial_map(places)
    markers = children(m, folium.CircleMarker)
    assert len(markers) == len(places)
    got = sorted((round(mk.location[0], 6), round(mk.location[1], 6)) for mk in markers)
    want = sorted(zip(places["lat"].round(6), places["lon"].round(6), strict=True))
    assert got == want
    assert sorted(marker_locations(m)) == sorted(got)


def test_maps_take_dataframes_and_never_read_files(places):
    with pytest.raises(TypeError):
        memorial_map()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        countries_map()  # type: ignore[call-arg]
    capitals = places[places["kind"] == "capital"]
    assert sorted(marker_locations(countries_map(capitals))) == sorted(
        zip(capitals["lat"], capitals["lon"], strict=True))


def test_every_marker_has_a_popup_with_name_kind_date_description_sources(memorials):
    m = memorial_map(memorials)
    html = html_of(m)
    for _, row in memorials.iterrows():
        for value in (row["name"], row["date"], row["description"]):
            assert escape_text(value) in html
        for source in row["source_ids"].split(";"):
            assert source in html
    for marker in children(m, folium.CircleMarker):
        assert len(children(marker, folium.Popup)) == 1
        assert len(children(marker, folium.Tooltip)) == 1


@pytest.mark.parametrize("name", [EVIL, "<script>alert('x')</script>", "back`tick ${alert(1)} \\"])
def test_popups_and_tooltips_are_escaped(memorials, name):
    evil = memorials.copy()
    evil.loc[0, "name"] = name
    evil.loc[1, "description"] = name
    html = html_of(memorial_map(evil))
    assert name not in html
    assert escape_text(name) in html
    # nothing from the data can open a tag or end folium's JavaScript template literals
    assert "<img src=x" not in html
    assert "${alert" not in html
    tooltip = children(memorial_map(evil), folium.Tooltip)[0].text
    assert "<" not in tooltip and "`" not in tooltip


def test_no_remote_script_or_stylesheet(memorials):
    html = html_of(memorial_map(memorials))
    tags = re.findall(r"<(?:script|link)\b[^>]*>", html, flags=re.IGNORECASE)
    assert tags, "the page should have script tags"
    for tag in tags:
        assert not re.search(r"(src|href)\s*=", tag, flags=re.IGNORECASE), tag
    for host in ("cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com",
                 "netdna.bootstrapcdn.com"):
        assert host not in html
    assert "L.tileLayer" not in html  # offline by default: no tiles at all
    assert "url(images/" not in html  # Leaflet's CSS images are inlined


def test_tiles_only_when_asked_with_attribution_and_referrer_policy(memorials):
    html = html_of(memorial_map(memorials, tiles="OpenStreetMap"))
    assert html.count("L.tileLayer(") == 1
    urls = set(re.findall(r'L\.tileLayer\(\s*"([^"]+)"', html))
    assert urls == {"https://tile.openstreetmap.org/{z}/{x}/{y}.png"}
    assert "OpenStreetMap\\u003c/a\\u003e contributors" in html
    assert '"referrerPolicy": "strict-origin-when-cross-origin"' in html
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", html, flags=re.IGNORECASE):
        assert not re.search(r"(src|href)\s*=", tag, flags=re.IGNORECASE), tag
    with pytest.raises(ValueError, match="tiles"):
        memorial_map(memorials, tiles="Stamen Toner")


def capitals(places):
    return places[places["kind"] == "capital"]


def test_ids_and_repr_are_deterministic(memorials, places):
    first, second = memorial_map(memorials), memorial_map(memorials)
    assert html_of(first) == html_of(second)
    assert first._repr_html_() == second._repr_html_()
    assert first._repr_html_() == first._repr_html_()  # rendering twice changes nothing
    assert not re.search(r"_[0-9a-f]{32}\b", html_of(first))
    assert "0x" not in repr(first) and repr(first).startswith("<OfflineMap")
    assert html_of(countries_map(capitals(places))) == html_of(countries_map(capitals(places)))


def test_two_maps_on_one_page_have_distinct_ids(memorials, places):
    a = set(re.findall(r"map_[a-z_0-9]+", html_of(memorial_map(memorials))))
    b = set(re.findall(r"map_[a-z_0-9]+", html_of(countries_map(capitals(places)))))
    assert a and b and not (a & b)


def test_id_generator_is_restored_even_after_an_error():
    original = Element.__dict__["_generate_id"]
    with pytest.raises(RuntimeError), stable_ids("oops"):
        Element()
        raise RuntimeError("boom")
    assert Element.__dict__["_generate_id"] is original
    assert len(Element()._id) == 32
    with pytest.raises(ValueError):
        with stable_ids("Bad-Prefix"):
            pass


def test_exact_and_approximate_look_different(memorials):
    markers = dict(zip(memorials["id"], place_markers(memorials), strict=True))
    for _, row in memorials.iterrows():
        options = markers[row["id"]].options
        if row["location_precision"] == "exact":
            assert not options.get("dashArray")
            assert options["fillColor"] == options["color"]
        else:
            assert options["dashArray"]
            assert options["fillColor"] == "#ffffff"
    assert set(memorials["location_precision"]) == {"exact", "approximate"}


def test_legend_layer_control_and_view(memorials):
    m = memorial_map(memorials)
    (legend,) = children(m, Legend)
    assert "exact location" in legend.html and "approximate" in legend.html
    assert "Natural Earth" in legend.html
    assert len(children(m, folium.LayerControl)) == 1
    assert len(children(m, folium.GeoJson)) == 1
    (fit,) = children(m, folium.map.FitBounds)
    (south, west), (north, east) = fit.bounds
    assert south <= memorials["lat"].min() and north >= memorials["lat"].max()
    assert west <= memorials["lon"].min() and east >= memorials["lon"].max()


def test_countries_map_draws_the_great_circle(places):
    m = countries_map(capitals(places))
    (line,) = children(m, folium.PolyLine)
    capital_rows = places[places["kind"] == "capital"]
    ends = [tuple(line.locations[0]), tuple(line.locations[-1])]
    assert ends == [pytest.approx((r.lat, r.lon), abs=1e-5) for r in capital_rows.itertuples()]
    assert "km" in children(line, folium.Tooltip)[0].text


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.drop(columns=["lat"]), "missing the column"),
        (lambda d: d.assign(lat=200.0), "valid lat/lon"),
        (lambda d: d.assign(location_precision="roughly"), "location_precision"),
        (lambda d: d.iloc[0:0], "no rows"),
    ],
)
def test_bad_tables_give_readable_errors(memorials, change, message):
    with pytest.raises(ValueError, match=message):
        memorial_map(change(memorials))


def test_a_student_can_add_a_place(memorials):
    extra = pd.DataFrame([{"id": "my-place", "name": "My place", "kind": "memorial",
                           "lat": 46.5, "lon": 15.6, "location_precision": "approximate"}])
    m = memorial_map(pd.concat([memorials, extra], ignore_index=True))
    assert (46.5, 15.6) in marker_locations(m)
    assert "My place" in html_of(m)


def test_notebook_output_has_a_titled_iframe_and_a_trust_note(memorials):
    out = memorial_map(memorials, title="Test map")._repr_html_()
    assert '<iframe title="Map: Test map" srcdoc="' in out
    assert "jupyter trust" in out and "File -> Trust Notebook" not in out
    assert out.count("<iframe") == 1


def test_places_table_has_the_lessons_rows():
    from kzsi_helpers import load

    table = load("places")  # validates against the schema and the sources table
    assert {"trnovo-kobilnik", "povir", "zale", "murska-sobota", "zuzemberk", "ljubljana",
            "astana"} <= set(table["id"])
    approximate = table[table["location_precision"] == "approximate"]
    assert approximate["location_note"].str.len().min() > 20  # each says what the point marks
    assert (table.loc[table["kind"] == "capital", "date"].fillna("") == "").all()


def test_branca_patch_point_is_where_stable_ids_expects_it():
    # stable_ids swaps this classmethod; if branca moves or renames it, every map would break
    generator = Element.__dict__.get("_generate_id")
    assert isinstance(generator, classmethod), "branca.element.Element._generate_id moved"
    assert re.fullmatch(r"[0-9a-f]{32}", Element()._id)
    with stable_ids("patch"):
        assert Element().get_name() == "element_patch_0001"


def test_plain_folium_markers_on_the_offline_map_render_the_same_every_run():
    from kzsi_helpers.maps.basemap import offline_map

    def build():
        m = offline_map([[45.4, 13.4], [46.9, 16.6]], title="t", id_prefix="plain")
        layer = folium.FeatureGroup(name="Mine").add_to(m)
        folium.CircleMarker((46.05, 14.51), popup="Ljubljana", tooltip="Ljubljana").add_to(layer)
        folium.LayerControl().add_to(m)
        return m

    first, second = build(), build()
    assert first._repr_html_() == second._repr_html_()
    assert not re.search(r"_[0-9a-f]{32}\b", html_of(first))
    assert "plain_u0001" in html_of(first)


def test_markers_carry_their_accessible_name_escaped(memorials):
    evil = memorials.copy()
    evil.loc[0, "name"] = "A <b>&</b> `x`"
    markers = place_markers(evil)
    assert markers[0].options["kzsiName"] == "A &lt;b&gt;&amp;&lt;/b&gt; &#96;x&#96;"
    assert markers[1].options["kzsiName"] == memorials["name"][1].replace("'", "&#x27;")
    html = html_of(memorial_map(memorials))
    assert 'setAttribute("tabindex", "0")' in html and "aria-label" in html


def test_map_height_follows_width_but_never_below_300px(memorials, places):
    out = memorial_map(memorials, ratio="60%")._repr_html_()
    assert "padding-bottom:max(300px, 60%);" in out
    assert "padding-bottom:max(300px, 50%);" in countries_map(capitals(places))._repr_html_()


def test_legend_folds_and_the_page_folds_controls_on_small_screens(memorials):
    html = html_of(memorial_map(memorials))
    assert 'L.DomUtil.create("details", "kzsi-legend")' in html
    assert "clientWidth < 560" in html and "leaflet-control-layers-expanded" in html


@pytest.mark.parametrize("which", ["memorials", "capitals"])
def test_one_map_stays_within_600_kB(memorials, places, which):
    m = memorial_map(memorials) if which == "memorials" else countries_map(capitals(places))
    assert len(m._repr_html_().encode("utf-8")) <= 600_000
