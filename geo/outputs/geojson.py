"""GeoJSON output (RFC 7946): a FeatureCollection in WGS84, longitude first, no ``crs``."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import shapely

from geo.outputs.files import write_atomic

# RFC 7946 section 11.2: six decimals is about 10 cm, more is noise.
_GRID = 1e-6


def _clean(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _clean(value.item())
    return value


def feature_collection(frame: gpd.GeoDataFrame, shape_column: str = "shape") -> dict:
    """The frame as a GeoJSON FeatureCollection dict. Where the frame has a ``shape``
    column (what a mention means on the ground: a polygon, a border line), that is the
    feature's geometry; otherwise the active geometry is."""
    if shape_column in frame.columns:
        frame = frame.drop(columns=frame.geometry.name).set_geometry(shape_column)
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    geometries = shapely.set_precision(frame.geometry.values, _GRID) if len(frame) else []
    props = frame.drop(columns=frame.geometry.name).to_dict(orient="records")
    features = [
        {
            "type": "Feature",
            "geometry": shapely.geometry.mapping(geom) if geom is not None else None,
            "properties": {k: _clean(v) for k, v in p.items()},
        }
        for geom, p in zip(geometries, props, strict=True)
    ]
    collection: dict = {"type": "FeatureCollection", "features": features}
    if len(frame):
        collection["bbox"] = [round(float(v), 6) for v in frame.total_bounds]
    return collection


def to_geojson(frame: gpd.GeoDataFrame) -> str:
    return json.dumps(feature_collection(frame), ensure_ascii=False, allow_nan=False)


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    write_atomic(Path(path), to_geojson(frame) + "\n")
