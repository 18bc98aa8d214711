import itertools
import json
import os
import re

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon, box

from geo.errors import OutputError
from geo.geometry.parts import directional_part, graded_part
from geo.incidents.events import default_event_table
from geo.incidents.merge import merge_incidents
from geo.model import Layer
from geo.outputs.escaping import close_guard, escape_text, safe_link, script_json
from geo.outputs.files import write_output
from geo.outputs.geojson import to_geojson, write_geojson
from geo.outputs.incident_layer import _Strings, encode_column, incident_payload
from geo.outputs.map_labels import basemap_labels
from geo.outputs.map_shapes import (
    choropleth_levels,
    circle,
    incident_areas,
    place_level,
    split_antimeridian,
    world_basemap,
)
from geo.outputs.palette import BACKGROUNDS, OSM_LAND, contrast, cvd_distance, marker_colour, type_styles
from geo.outputs.webmap import build_map, render_map
from tests.conftest import incident_rows

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "`;alert(1);`",
    "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
    "\\u003cimg src=x onerror=alert(1)\\u003e",
    "</div></script><svg onload=alert(1)>",
]


def _frame(**over):
    row = {"article_id": "a1", "title": "T", "date": "2023-01-02", "url": "https://example.org/a",
           "text": "Belgrade", "start": 10, "end": 18, "label": "GPE", "sentence": "Police in Belgrade said.",
           "sentence_start": 0, "name": "Belgrade", "lat": 44.804, "lon": 20.465, "geonameid": 792680,
           "feature_class": "P", "feature_code": "PPLC", "country_code": "RS", "admin1": "Central Serbia",
           "admin2": "", "population": 1273651, "confidence": 0.96, "candidates": 5, "adm0": None}
    row.update(over)
    return gpd.GeoDataFrame([row], geometry=[Point(row["lon"], row["lat"])], crs=4326)


def test_geojson_is_rfc7946():
    fc = json.loads(to_geojson(_frame()))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    [f] = fc["features"]
    assert f["geometry"] == {"type": "Point", "coordinates": (20.465, 44.804)} or \
        f["geometry"]["coordinates"] == [20.465, 44.804]
    lon, lat = f["geometry"]["coordinates"]
    assert (lon, lat) == (20.465, 44.804)  # longitude first
    for key in ("article_id", "text", "start", "end", "name", "lat", "lon", "geonameid",
                "feature_code", "country_code", "admin1", "confidence"):
        assert key in f["properties"]
    assert f["properties"]["adm0"] is None
    assert fc["bbox"] == [20.465, 44.804, 20.465, 44.804]
    json.dumps(fc, allow_nan=False)


def test_geojson_from_another_crs_is_reprojected(tmp_path):
    frame = _frame().to_crs(3857)
    write_geojson(frame, tmp_path / "x.geojson")
    lon, lat = json.loads((tmp_path / "x.geojson").read_text())["features"][0]["geometry"]["coordinates"]
    assert abs(lon - 20.465) < 1e-6 and abs(lat - 44.804) < 1e-6


def test_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.geojson"
    target.write_text("old")
    with pytest.raises(OutputError, match="is a directory"):
        write_output(tmp_path, "x")
    with pytest.raises(OutputError, match="does not exist"):
        write_output(tmp_path / "nope" / "x.html", "x")
    os.chmod(tmp_path, 0o500)
    try:
        if os.access(tmp_path, os.W_OK):  # root ignores permissions
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(OutputError, match="cannot write"):
            write_output(target, "new")
    finally:
        os.chmod(tmp_path, 0o700)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]


@pytest.mark.parametrize("payload", XSS)
def test_escape_text_leaves_nothing_active(payload):
    out = escape_text(payload)
    for bad in ("<", ">", "$", "`", "\\"):
        assert bad not in out


def test_links_are_http_only():
    assert safe_link("https://example.org/a") == "https://example.org/a"
    assert safe_link("javascript:alert(1)") is None
    assert safe_link("data:text/html,<script>") is None


def test_inlined_text_cannot_close_its_element():
    assert close_guard("a</script>b</SCRIPT >c</style>", "script") == "a<\\/script>b<\\/SCRIPT >c</style>"
    assert close_guard("x{}</Style>", "style") == "x{}<\\/Style>"


def test_names_in_tooltips_are_escaped():
    """Choropleth and basemap names reach folium's HTML: always escaped. Article text (a
    region's phrase) is only in the data block, read as text."""
    name = "<b>Serbia</b> ${x}"
    countries = gpd.GeoDataFrame({"name": [name], "code": ["RS"]}, geometry=[Point(20.5, 44.0).buffer(1)], crs=4326)
    incidents = incident_rows([{"sentence": "Police arrested two men in Belgrade.", "text": "Belgrade", "start": 27,
                                "end": 35, "name": "Belgrade", "lat": 44.0, "lon": 20.5, "adm0": name}])
    incidents["shape"] = [Point(20.5, 44.0).buffer(0.5)]
    incidents["geometry_type"], incidents["modifier"], incidents["phrase"] = "Polygon", "north", "north ${y}"
    incidents["geo_precision"], incidents["feature_code"] = 3, "ADM1"
    [level] = choropleth_levels(incidents, [Layer("countries", 0, countries)])
    assert list(level.frame["name"]) == [name]  # raw here; escaped where it is written into folium's HTML
    html = build_map(incidents, [Layer("countries", 0, countries)]).get_root().render()
    # The incidents' own data block is JSON read as text (its <, > and & as \\u escapes).
    html = re.sub(r'<script type="application/json".*?</script>', "", html, flags=re.S)
    assert "Serbia" in html and "<b>Serbia" not in html and "${x}" not in html and "${y}" not in html


def test_map_renders_incidents_and_countries():
    countries = gpd.GeoDataFrame({"name": ["Serbia"], "code": ["RS"]},
                                 geometry=[Point(20.5, 44.0).buffer(1)], crs=4326)
    incidents = incident_rows([{"title": XSS[0], "sentence": "Police arrested two men in Belgrade.", "start": 27,
                                "end": 35, "text": "Belgrade", "name": "Belgrade", "lat": 44.0, "lon": 20.5,
                                "event_type": "Strategic developments", "sub_event_type": "arrests",
                                "adm0": "Serbia"}])
    fmap = build_map(incidents, [Layer("countries", 0, countries)])
    html = fmap.get_root().render()
    assert "L.markerClusterGroup" in html and "Serbia" in html and "L.heatLayer" in html
    assert "<script>alert(1)</script>" not in html
    # The incident layer's script, from its template files, names the map's elements.
    [cluster] = [c for c in fmap._children.values() if type(c).__name__ == "MarkerCluster"]
    assert f"var map = {fmap.get_name()}, cluster = {cluster.get_name()};" in html
    # The heatmap's weights are written once, by that script from the incidents' data.
    assert re.search(r"L\.heatLayer\(\s*\[\]", html) and "heat.setLatLngs(pts)" in html


@pytest.mark.parametrize("tiles", ["foo", "https://tiles.example.org/{z}/{x}/{y}.png", "Thunderforest.OpenCycleMap"])
def test_tiles_folium_cannot_use_are_an_input_error(tiles):
    from geo.errors import InputError

    with pytest.raises(InputError, match="--tiles") as caught:
        build_map(_frame().iloc[:0], tiles=tiles)
    assert "\n" not in str(caught.value)


def test_the_page_has_a_title_a_language_and_zooms():
    page = render_map(build_map(incident_rows([{}]), [], title="Kosovo incidents"))
    assert '<html lang="en">' in page and "<title>Kosovo incidents</title>" in page
    viewport = re.search(r'<meta name="viewport"[^>]*>', page).group(0)
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport


# -- colours and shapes ----------------------------------------------------------------------------
def test_type_colours_are_colour_blind_safe_and_stand_out():
    table = default_event_table()
    colours = [table.colour(t) for t in table.event_types]
    for a, b in itertools.combinations(colours, 2):
        assert cvd_distance(a, b) >= 15, (a, b)  # the old palette had pairs at 4.6 to 8
    for colour in colours:
        assert marker_colour(colour) == colour.lower()  # no darkening needed
        for background in BACKGROUNDS:
            assert contrast(colour, background) >= 3, (colour, background)
    styles = type_styles([(t, table.colour(t)) for t in table.event_types])
    assert len({shape for _, _, shape in styles}) == len(styles)  # a shape each, not colour alone


def test_a_light_colour_is_darkened_to_three_to_one():
    out = marker_colour("#E69F00")  # Okabe-Ito orange: 1.96 against OSM land
    assert min(contrast(out, b) for b in BACKGROUNDS) >= 3 > contrast("#E69F00", OSM_LAND)
    r, g, b = (int(out[i:i + 2], 16) for i in (1, 3, 5))
    assert r > g > b  # still an orange


# -- shapes fit to draw --------------------------------------------------------------------------
def _steps(geom) -> float:
    """The largest step in longitude between neighbouring points of any ring or line."""
    worst = 0.0
    for part in shapely.get_parts(geom):
        rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            lon = np.asarray(ring.coords)[:, 0]
            worst = max(worst, float(np.abs(np.diff(lon)).max()) if len(lon) > 1 else 0.0)
    return worst


def test_a_ring_across_the_180th_meridian_is_cut_there():
    # Chukotka-like: from 170 E across the date line to 170 W, written as the data has it.
    ring = Polygon([(170, 64), (179, 64), (-175, 64), (-170, 66), (-175, 68), (175, 68), (170, 64)])
    assert _steps(ring) > 180  # drawn as is: a band round the world
    cut = split_antimeridian(ring)
    assert _steps(cut) <= 180 and len(shapely.get_parts(cut)) == 2
    assert cut.bounds[0] == -180 and cut.bounds[2] == 180
    assert split_antimeridian(Point(1, 2)).equals(Point(1, 2))
    line = split_antimeridian(LineString([(178, 10), (-178, 11)]))
    assert _steps(line) <= 180 and line.length < 5
    assert _steps(circle(65.0, 179.5, 100)) <= 180


def test_the_world_basemap_has_no_band_round_the_world(data_dir):
    from geo.boundaries import countries_layer

    countries = countries_layer(data_dir).frame
    assert max(_steps(g) for g in countries["simplified"]) > 180  # Russia and Fiji as the data has them
    world = world_basemap(countries, (15, 38, 26, 48))
    assert len(world) > 240 and {"Russia", "Fiji", "Kosovo", "Brazil"} <= set(world["name"])
    assert max(_steps(g) for name, g in zip(world["name"], world.geometry, strict=True) if name != "Antarctica") <= 180


def test_northern_kosovo_without_municipalities_is_graded_not_cut_straight():
    kosovo = box(20.0, 42.0, 21.6, 43.3)
    straight = directional_part(kosovo, "north")
    bands = graded_part(kosovo, "north")
    weights = [w for _, w in bands]
    assert weights == sorted(weights, reverse=True) and weights[0] == 1 and len(bands) == 4
    assert bands[0][0].within(straight.buffer(1e-9))  # the solid band lies inside the cut
    assert shapely.union_all([g for g, _ in bands]).area > straight.area  # the fading bands reach past it
    countries = gpd.GeoDataFrame({"name": ["Kosovo"], "code": ["XK"]}, geometry=[kosovo], crs=4326)
    countries["simplified"] = countries.geometry
    munis = box(20.4, 42.8, 21.0, 43.3)  # with a layer: the municipalities' union, drawn as it is
    frame = incident_rows([{"geo_precision": 3, "feature_code": "PCLI", "country_code": "XK", "name": "Kosovo",
                            "modifier": "north", "phrase": p, "geometry_type": "Polygon", "article_id": a}
                           for a, p in (("a", "northern Kosovo"), ("b", "the north of Kosovo"), ("c", "north"))])
    frame["shape"] = [straight, straight, munis]
    member, areas = incident_areas(frame, countries)
    assert member == [0, 0, 1]
    assert areas[0].label == "northern Kosovo" and len(areas[0].parts) == 4  # graded; the shorter phrase
    assert len(areas[1].parts) == 1 and not areas[0].whole


def test_how_each_precision_is_drawn():
    frame = incident_rows([
        {"geo_precision": 1},
        {"geo_precision": 2, "modifier": "near", "phrase": "near Zvečan"},
        {"geo_precision": 3, "name": "Kosovo", "feature_code": "PCLI", "geometry_type": "Polygon"},
        {"geo_precision": 3, "name": "Kosovo–Serbia border", "feature_code": "BORDER", "geometry_type": "LineString"},
        {"geo_precision": 3, "name": "Central Serbia", "feature_code": "ADM1", "uncertainty_km": 111.0},
        {"geo_precision": 3, "name": "Europe", "feature_code": "CONT", "country_code": "", "uncertainty_km": 2000.0},
    ])
    frame["shape"] = [None, None, box(20, 42, 21.6, 43.3), LineString([(20.5, 43.3), (21.3, 42.9)]), None, None]
    member, areas = incident_areas(frame, None)
    assert member[:2] == [-1, -1] and all(m >= 0 for m in member[2:])
    assert [a.whole for a in areas] == [True, False, False, True]
    assert areas[2].circle and abs(areas[2].shape.bounds[3] - 42.9075 - 1.0) < 0.05  # 111 km north of the point
    table = default_event_table()
    payload = incident_payload(frame, type_styles([(t, table.colour(t)) for t in table.event_types]), member,
                               areas, [], [])
    assert payload["draw"] == [0, 1, 3, 2, 2, 3]  # markers of precision 1 and 2, shapes, the country layer


def test_choropleth_counts_each_place_at_the_levels_it_is_fine_enough_for():
    countries = gpd.GeoDataFrame({"name": ["Kosovo"], "code": ["XK"]}, geometry=[box(20, 42, 21.5, 43.3)], crs=4326)
    munis = gpd.GeoDataFrame({"name": ["Zvečan", "Leposavić"], "code": ["", ""]},
                             geometry=[box(20.7, 42.85, 20.95, 43.0), box(20.6, 43.0, 21.0, 43.3)], crs=4326)
    frame = merge_incidents(incident_rows([
        {"adm2": "Zvečan"},
        {"article_id": "b", "event_type": "Strategic developments", "sub_event_type": "arrests", "adm2": "Zvečan"},
        {"article_id": "c", "text": "Kosovo", "name": "Kosovo", "geonameid": 831053, "feature_code": "PCLI",
         "geometry_type": "Polygon", "geo_precision": 3, "adm2": "Zvečan"},  # a country: counted per country only
    ]))
    country, muni = choropleth_levels(frame, [Layer("countries", 0, countries), Layer("XKX-ADM2", 2, munis)])
    assert list(country.frame["name"]) == ["Kosovo"] and country.member == [0, 0, 0]
    assert list(muni.frame["name"]) == ["Zvečan"] and muni.member == [0, 0, -1]
    assert place_level("PCLI", "Polygon") == 0 and place_level("BORDER", "LineString") == 0
    assert place_level("ADM1", "Point") == 1 and place_level("PPL", "Point") == 9


# -- the data block --------------------------------------------------------------------------------
def _decode(spec: dict, strings: list, n: int) -> list:
    """What map_data.js's reader does, in Python."""
    if "all" in spec:
        return [spec["all"]] * n
    if "s" in spec:
        codes = spec["s"] if isinstance(spec["s"], list) else [spec["s"]] * n
        return [strings[c] if c >= 0 else None for c in codes]
    if "v" in spec:
        return spec["v"]
    lengths = spec["len"]
    total = sum(x or 0 for x in lengths)
    if "items" in spec:
        items = _decode(spec["items"], strings, total)
    else:
        columns = {k: _decode(v, strings, total) for k, v in spec["rec"].items()}
        items = [{k: columns[k][j] for k in columns} for j in range(total)]
    out, at = [], 0
    for length in lengths:
        out.append(None if length is None else items[at:at + length])
        at += length or 0
    return out


def test_the_data_block_holds_what_geo_export_writes_and_cannot_close_its_script():
    frame = merge_incidents(incident_rows([
        {"sentence": "Protesters clashed in Zvečan on Monday </script><script>alert(1)</script>",
         "title": "<img src=x onerror=alert(1)>", "url": "javascript:alert(1)", "fatalities": 2},
        {"text": "Leposavić", "name": "Leposavić", "geonameid": 1, "start": 0, "lat": 43.1, "lon": 20.8,
         "sentence": "Protesters clashed in Zvečan on Monday </script><script>alert(1)</script>",
         "title": "<img src=x onerror=alert(1)>", "url": "javascript:alert(1)", "actors": []},
    ]))
    table = default_event_table()
    payload = incident_payload(frame, type_styles([(t, table.colour(t)) for t in table.event_types]),
                               [-1, -1], [], [], [])
    exported = [f["properties"] for f in json.loads(to_geojson(frame))["features"]]
    assert payload["fields"] == list(exported[0])  # the same properties, in the same order
    for name in payload["fields"]:
        assert _decode(payload["cols"][name], payload["strings"], payload["n"]) == [p[name] for p in exported], name
    assert payload["strings"].count(frame["sentence"].iloc[0]) == 1  # a sentence written once
    text = script_json(payload)
    assert "<" not in text and ">" not in text and json.loads(text) == payload


def test_encoded_columns():
    strings = _Strings()
    assert encode_column(["a", None, "a"], strings) == {"s": [0, -1, 0]}
    assert encode_column(["b", "b"], strings) == {"s": 1}
    assert encode_column([1, 1, 1], strings) == {"all": 1}
    assert encode_column([1.5, None, 2], strings) == {"v": [1.5, None, 2]}
    spec = encode_column([["x", "y"], [], None, ["y"]], strings)
    assert spec["len"] == [2, 0, None, 1] and _decode(spec, strings.values, 4) == [["x", "y"], [], None, ["y"]]
    records = [[{"a": "x", "n": 1}], [{"a": "y", "n": None}, {"a": "x", "n": 2}]]
    assert _decode(encode_column(records, strings), strings.values, 2) == records


def test_basemap_labels_name_countries_regions_and_towns(gazetteer, data_dir):
    from geo.boundaries import countries_layer

    layers = [countries_layer(data_dir)]
    labels = basemap_labels(layers, gazetteer, (19.0, 41.5, 23.0, 46.5))
    names = {label[0]: label for label in labels}
    assert names["Russia"][3] <= 2 and names["Kosovo"][3] <= 6  # big countries first, at low zoom
    assert names["Belgrade"][3] <= 4 < names["Zvečan"][3] <= 10  # a capital early, a small town late
    assert any(label[4] == 1 for label in labels)  # first-level regions
    assert labels.index(names["Russia"]) < labels.index(names["Belgrade"]) < labels.index(names["Zvečan"])
    assert len(labels) < 15_000
