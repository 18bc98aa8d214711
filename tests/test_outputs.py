import json
import os
import re

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo.errors import OutputError
from geo.model import Layer
from geo.outputs.escaping import close_guard, escape_text, safe_link
from geo.outputs.files import write_output
from geo.outputs.geojson import to_geojson, write_geojson
from geo.outputs.webmap import build_map, choropleth_frames, region_shapes
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
    """Region, choropleth and basemap names reach folium's HTML tooltips: always escaped."""
    name = "<b>Serbia</b> ${x}"
    countries = gpd.GeoDataFrame({"name": [name], "code": ["RS"]}, geometry=[Point(20.5, 44.0).buffer(1)], crs=4326)
    incidents = incident_rows([{"sentence": "Police arrested two men in Belgrade.", "text": "Belgrade", "start": 27,
                                "end": 35, "name": "Belgrade", "lat": 44.0, "lon": 20.5, "adm0": name}])
    incidents["shape"] = [Point(20.5, 44.0).buffer(0.5)]
    incidents["geometry_type"], incidents["modifier"], incidents["phrase"] = "Polygon", "northern", "north ${y}"
    [shapes] = choropleth_frames(incidents, [Layer("countries", 0, countries)]).values()
    assert list(shapes["name"]) == ["&lt;b&gt;Serbia&lt;/b&gt; &#36;{x}"]
    assert list(region_shapes(incidents)["label"]) == ["north &#36;{y}"]
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
    # The incident layer's script, from its template file, names the map's elements.
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
