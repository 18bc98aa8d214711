"""Property-based tests: any input gives a valid result or a clean error, never a crash."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, Polygon

from geo.articles import Article, ReadOptions, read_articles
from geo.errors import InputError
from geo.outputs.geojson import to_geojson

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".jsonl"]))
def test_readers_take_any_bytes(tmp_path, data, suffix):
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    for on_error in ("fail", "skip"):
        try:
            articles = read_articles([path], ReadOptions(on_error=on_error))
        except InputError as exc:
            assert str(path) in str(exc)
            continue
        for a in articles:
            assert isinstance(a.text, str) and a.text.strip() and a.id


@SETTINGS
@given(text=st.text(min_size=1, max_size=300))
def test_seed_text_reads_or_fails_cleanly(tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    try:
        [article] = read_articles([path])
    except InputError:
        return
    assert article.text == article.text.strip()


@pytest.fixture(scope="module")
def fast_recognizer(gazetteer):
    from geo.recognition.fast import FastRecognizer

    return FastRecognizer(gazetteer, ["NATO"])


words = st.sampled_from(["Belgrade", "Kosovo", "the", "border", "in", "near", "NATO", "Zvečan", "U.S.", "and",
                         "northern", "Serbia", ".", ",", "\n\n", "Приштина", "‮", "<script>", "12", "km"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.one_of(words, st.text(max_size=8)), max_size=40))
def test_recognisers_give_valid_spans(pipeline, fast_recognizer, parts):
    text = " ".join(parts)
    if not text.strip():
        return
    article = Article("p", text)
    for recognizer in (fast_recognizer, pipeline.recognizer):
        [mentions] = recognizer.recognize([article])
        for m in mentions:
            assert text[m.start:m.end] == m.text
            assert m.sentence in text


coords = st.tuples(st.floats(-180, 180, allow_nan=False), st.floats(-90, 90, allow_nan=False))


@SETTINGS
@given(points=st.lists(coords, min_size=1, max_size=5), label=st.text(max_size=30),
       square=st.floats(0.001, 5, allow_nan=False))
def test_geojson_is_always_valid(points, label, square):
    x, y = points[0]
    x, y = max(-175.0, min(x, 170.0)), max(-85.0, min(y, 80.0))
    shapes = [Point(px, py) for px, py in points] + [Polygon([(x, y), (x + square, y), (x + square, y + square),
                                                             (x, y + square)])]
    frame = gpd.GeoDataFrame({"text": [label] * len(shapes), "value": [math.nan] + [1.0] * (len(shapes) - 1)},
                             geometry=shapes, crs=4326)
    fc = json.loads(to_geojson(frame))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    for f, (geom) in zip(fc["features"], shapes, strict=True):
        assert f["properties"]["text"] == label
        assert f["properties"]["value"] is None or f["properties"]["value"] == 1.0
        g = f["geometry"]
        if g["type"] == "Point":
            lon, lat = g["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert abs(lon - geom.x) <= 1e-6 and abs(lat - geom.y) <= 1e-6
        else:
            for ring in g["coordinates"]:
                assert ring[0] == ring[-1] and len(ring) >= 4
