"""Vague and relative places as geometries (issue: "northern Kosovo", "the border", ...)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from geo.articles import Article
from geo.gazetteer.names import display_name
from geo.geometry import GeometryStage
from geo.geometry.parts import directional_part, shared_border, side_box
from geo.model import Layer
from geo.resolution import distance_km
from tests.conftest import XKX_ADM2 as ADM2
from tests.conftest import needs_shared


def _run(pipeline, text, stage=None):
    article = Article("t", text)
    [mentions] = pipeline.recognizer.recognize([article])
    resolved = pipeline.resolver.resolve(article, mentions)
    return (stage or pipeline.geometry).apply(article, resolved)


def _find(resolutions, text, modifier=None):
    for r in resolutions:
        if r.mention.text == text and (modifier is None or r.mention.modifier == modifier):
            return r
    raise AssertionError(f"{text!r} ({modifier}) not in {[(r.mention.text, r.mention.modifier) for r in resolutions]}")


def test_side_boxes_of_a_square():
    sq = box(0, 0, 3, 3)
    assert directional_part(sq, "north").bounds == (0, 2, 3, 3)
    assert directional_part(sq, "west").bounds == (0, 0, 1, 3)
    assert directional_part(sq, "central").bounds == (1, 1, 2, 2)
    assert side_box(sq.bounds, "north-west").bounds == (0, 1.5, 1.5, 3)


def test_subdivisions_decide_the_part():
    cells = [box(x, y, x + 1, y + 1) for x in range(3) for y in range(3)]
    north = directional_part(box(0, 0, 3, 3), "north", cells)
    assert north.equals(box(0, 2, 3, 3))


def test_shared_border_of_touching_and_apart_polygons():
    line = shared_border(box(0, 0, 1, 1), box(1, 0, 2, 1))
    assert line.geom_type == "LineString" and abs(line.length - 1) < 1e-6
    assert shared_border(box(0, 0, 1, 1), box(5, 5, 6, 6)) is None


def test_northern_kosovo_without_municipalities(pipeline):
    rs = _run(pipeline, "Serbs in northern Kosovo removed the barricades.")
    r = _find(rs, "Kosovo", "north")
    assert r.mention.phrase == "northern Kosovo"
    assert r.geometry_type in ("Polygon", "MultiPolygon")
    kosovo = pipeline.geometry.countries["XK"]
    assert r.geometry.difference(kosovo.buffer(1e-6)).is_empty  # wholly inside Kosovo
    assert r.geometry.bounds[1] >= 42.75  # north of 42.75 N
    assert r.uncertainty_km < _find(_run(pipeline, "Kosovo voted."), "Kosovo").uncertainty_km


@pytest.mark.parametrize(("phrase", "direction"), [
    ("the north of Kosovo", "north"), ("north-west Serbia", "north-west"), ("southern Serbia", "south"),
    ("central Kosovo", "central"), ("eastern Kosovo", "east"),
])
def test_directional_phrases(pipeline, phrase, direction):
    rs = _run(pipeline, f"Police were deployed in {phrase} on Monday.")
    r = next(r for r in rs if r.mention.modifier == direction)
    whole = pipeline.geometry.countries[r.place.country_code]
    assert r.geometry.area < whole.area * 0.6
    assert r.geometry.difference(whole.buffer(1e-6)).is_empty


@needs_shared(ADM2)
def test_northern_kosovo_with_the_municipalities(pipeline):
    raw = gpd.read_file(ADM2)
    munis = gpd.GeoDataFrame({"name": raw["shapeName"].map(display_name), "code": ""}, geometry=raw.geometry,
                             crs=4326)
    stage = GeometryStage([pipeline.layers()[0], Layer("XKX-ADM2", 2, munis)], pipeline.gazetteer)
    north = _find(_run(pipeline, "Serbs in northern Kosovo removed the barricades.", stage), "Kosovo", "north")
    by_name = dict(zip(munis["name"], munis.geometry.representative_point(), strict=True))
    for inside in ("North Mitrovica", "Zvečan", "Zubin Potok", "Leposavić"):
        assert north.geometry.contains(by_name[inside]), inside
    for outside in ("Pristina", "Prizren"):
        assert not north.geometry.contains(by_name[outside]), outside


def test_the_border_in_the_seed_article_is_kosovo_serbia(seed_result, pipeline):
    [border] = [r for r in seed_result.resolutions[0] if r.mention.label == "BORDER"]
    assert border.mention.text == "the border"
    assert border.geometry.geom_type in ("LineString", "MultiLineString")
    assert border.place.name == "Kosovo–Serbia border"
    countries = pipeline.geometry.countries
    assert border.geometry.distance(countries["RS"]) < 0.01
    assert border.geometry.distance(countries["XK"]) < 0.01
    assert border.geometry.hausdorff_distance(countries["AL"].boundary) > 0.5


@pytest.mark.parametrize(("text", "pair"), [
    ("Shots were fired across the Kosovo–Serbia border.", {"XK", "RS"}),
    ("Tension rose on the border between Kosovo and Albania.", {"XK", "AL"}),
    ("Kosovo's border with North Macedonia was calm.", {"XK", "MK"}),
    ("In Kosovo, troops moved to the administrative line with Serbia.", {"XK", "RS"}),
])
def test_named_borders(pipeline, text, pair):
    [border] = [r for r in _run(pipeline, text) if r.mention.label == "BORDER"]
    countries = pipeline.geometry.countries
    for code in pair:
        assert border.geometry.distance(countries[code]) < 0.01, code
    assert border.geometry_type in ("LineString", "MultiLineString")


def test_border_crossings_are_not_lines(pipeline):
    rs = _run(pipeline, "Police closed the Jarinje border crossing.")
    assert not [r for r in rs if r.mention.label == "BORDER"]


@pytest.mark.parametrize(("name", "inside", "outside"), [
    ("the Balkans", ["RS", "XK", "GR"], ["IT", "AT"]),
    ("the Western Balkans", ["RS", "XK", "AL"], ["GR", "BG"]),
    ("the Caucasus", ["GE", "AM"], ["RU", "TR"]),
    ("the Middle East", ["IQ", "SY"], ["PK"]),
    ("the Sahel", ["ML", "NE"], ["NG"]),
])
def test_macro_regions_are_unions_of_members(pipeline, name, inside, outside):
    rs = _run(pipeline, f"Leaders from {name} met on Monday.")
    r = next(r for r in rs if r.place is not None and r.place.feature_code == "RGN")
    countries = pipeline.geometry.countries
    for code in inside:
        assert r.geometry.contains(countries[code].representative_point()), code
    for code in outside:
        assert not r.geometry.contains(countries[code].representative_point()), code


def test_relative_points(pipeline):
    rs = _run(pipeline, "Shots were fired 12 km north of Mitrovica, near Zvecan and outside Pristina.")
    north = _find(rs, "Mitrovica", "12 km north")
    town = north.place
    assert north.geometry_type == "Point"
    assert abs(distance_km(town.lat, town.lon, north.geometry.y, north.geometry.x) - 12) < 0.1
    assert north.geometry.y > town.lat
    near = _find(rs, "Zvecan", "near")
    assert near.geometry.equals(Point(near.place.lon, near.place.lat))
    plain = _find(_run(pipeline, "Police in Zvecan said."), "Zvecan")
    assert near.uncertainty_km > plain.uncertainty_km
    assert _find(rs, "Pristina", "outside").uncertainty_km > 10
    # "N km from X" names no direction: X's point, as uncertain as the distance.
    around = _find(_run(pipeline, "Shots were fired 25 km from Mitrovica."), "Mitrovica", "25 km from")
    assert around.geometry.equals(Point(around.place.lon, around.place.lat)) and around.uncertainty_km >= 25


def test_every_place_has_a_geometry_type_and_uncertainty(pipeline):
    rs = _run(pipeline, "Troops moved from Belgrade to Serbia's border with Kosovo near Raška.")
    for r in rs:
        if r.place is not None:
            assert r.geometry_type in ("Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
            assert r.uncertainty_km is not None and r.uncertainty_km > 0


def test_a_whole_country_is_drawn_at_a_detail_fit_for_its_size(pipeline):
    import shapely

    whole = _find(_run(pipeline, "Kosovo voted."), "Kosovo")
    detailed = pipeline.geometry.countries["XK"]
    assert shapely.get_num_coordinates(whole.geometry) < shapely.get_num_coordinates(detailed)
    assert whole.geometry.hausdorff_distance(detailed) < 0.02  # about 2 km: 1% of Kosovo's radius
    part = _find(_run(pipeline, "Serbs in northern Kosovo removed the barricades."), "Kosovo", "north")
    assert part.geometry.difference(detailed.buffer(1e-6)).is_empty  # cut from the detailed polygon


def test_country_polygons_come_simplified_from_the_build(pipeline):
    import shapely

    frame = pipeline.layers()[0].frame
    serbia = frame[frame["code"] == "RS"].iloc[0]
    coords = [shapely.get_num_coordinates(serbia[c]) for c in ("geometry", "simplified", "outline")]
    assert coords[0] > coords[1] > coords[2]  # 1:10m, 200 m, 1% of the radius
    assert serbia["simplified"].hausdorff_distance(serbia["geometry"]) < 0.005
    # The geometry stage takes the build's shapes as they are: it simplifies no country itself.
    assert pipeline.geometry.countries["RS"] is not None
    assert pipeline.geometry.countries["RS"].equals_exact(serbia["simplified"], 0)


def test_damaged_country_polygons_name_the_file(tmp_path):
    from geo import config
    from geo.boundaries import countries_layer
    from geo.errors import DataError

    config.countries_path(tmp_path).write_text("not a geopackage")
    with pytest.raises(DataError, match=r"countries\.gpkg: damaged country polygons .*geo data build"):
        countries_layer(tmp_path)


def test_a_town_the_text_makes_a_site_takes_its_kind_and_a_wider_radius(pipeline):
    # No entry is a valley or a crossing here: the town stands for it, with the kind's code.
    rs = _run(pipeline, "Protests spread across the Preševo Valley. Lorries queued at the Vranje crossing.")
    valley, crossing = _find(rs, "Preševo"), _find(rs, "Vranje")
    assert valley.place.feature_code == "VAL" and valley.uncertainty_km >= 15
    assert crossing.place.feature_code == "PSTB" and crossing.uncertainty_km >= 2
    town = _find(_run(pipeline, "Protests spread to Preševo."), "Preševo")
    assert town.place.feature_code.startswith("PPL")
