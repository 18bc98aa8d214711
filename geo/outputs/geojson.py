"""GeoJSON output (RFC 7946): a FeatureCollection in WGS84, longitude first, no ``crs``.

Written as text, not through one big dict: geometries are serialised by shapely (in C),
once per distinct shape (a country named forty times is one polygon), rounded to six
decimals (about 10 cm; RFC 7946 section 11.2) with exterior rings counter-clockwise.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.geodesy import WGS84
from geo.model import plain
from geo.outputs.files import write_output

_DECIMALS = 6
# Values JSON writes as they are (numpy scalars and NaN are not among them).
_PLAIN = frozenset({str, int, bool, list, dict, type(None)})


def _frame_for_output(frame: gpd.GeoDataFrame, shape_column: str) -> gpd.GeoDataFrame:
    """Where the frame has a ``shape`` column (what a mention means on the ground: a
    polygon, a border line), that is the feature's geometry; else the active geometry."""
    if shape_column in frame.columns:
        frame = frame.drop(columns=frame.geometry.name).set_geometry(shape_column)
    if frame.crs is not None and frame.crs.to_epsg() != WGS84:
        frame = frame.to_crs(WGS84)
    return frame


def _geometry_json(geoms) -> list[str]:
    cache: dict[int, str] = {}
    out = []
    for geom in geoms:
        if geom is None or geom.is_empty:
            out.append("null")
            continue
        key = id(geom)
        if key not in cache:
            g = shapely.transform(geom, lambda c: np.round(c, _DECIMALS))
            if g.geom_type in ("Polygon", "MultiPolygon"):
                g = shapely.orient_polygons(g, exterior_cw=False)
            cache[key] = shapely.to_geojson(g)
        out.append(cache[key])
    return out


def _bbox(frame: gpd.GeoDataFrame) -> list[float] | None:
    if not len(frame) or frame.geometry.is_empty.all():
        return None
    return [round(float(v), _DECIMALS) for v in frame.total_bounds]


def column_values(column) -> list:
    """A column as JSON-ready Python values: numbers as Python numbers, NaN as None."""
    values = column.tolist()  # numpy scalars become Python ones, column at a time
    if column.dtype.kind == "f":
        return [v if math.isfinite(v) else None for v in values]
    if column.dtype.kind == "O" and not set(map(type, values)) <= _PLAIN:  # text, lists... need nothing
        return [v if type(v) in _PLAIN else plain(v) for v in values]
    return values


def property_names(frame: gpd.GeoDataFrame, shape_column: str = "shape") -> list[str]:
    """The properties each feature has, in order: every column but the geometries. The map's
    download writes these same properties (``incident_layer.py``)."""
    return [c for c in frame.columns if c not in (frame.geometry.name, shape_column)]


def to_geojson(frame: gpd.GeoDataFrame, shape_column: str = "shape") -> str:
    frame = _frame_for_output(frame, shape_column)
    names = property_names(frame, shape_column)
    rows = zip(*(column_values(frame[c]) for c in names), strict=True) if names else ([] for _ in range(len(frame)))
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    parts = [
        '{"type": "Feature", "geometry": ' + geom + ', "properties": ' + dumps(dict(zip(names, row, strict=True))) + "}"
        for geom, row in zip(_geometry_json(frame.geometry.values), rows, strict=True)
    ]
    bbox = _bbox(frame)
    head = '{"type": "FeatureCollection", ' + (f'"bbox": {json.dumps(bbox)}, ' if bbox else "")
    return head + '"features": [' + ",\n".join(parts) + "]}"


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    write_output(Path(path), to_geojson(frame) + "\n")
