"""Distances and sizes on the earth, shared by every module that measures one."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

EARTH_RADIUS_KM = 6371.0088
# Kilometres in a degree of latitude (and of longitude at the equator): the scale of the
# planar estimates of a shape's size.
KM_PER_DEGREE = 111.32
# Every frame, layer and file geo writes is in WGS84 longitude/latitude (EPSG:4326).
WGS84 = 4326


def valid_point(lat: float, lon: float) -> bool:
    """Whether (lat, lon) is a point on the earth: finite degrees within ±90 and ±180."""
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_matrix_km(lats, lons, lats2, lons2):
    """Great-circle distances (haversine) of every point of the first set to every point of
    the second: an array of shape (len(lats), len(lats2))."""
    import numpy as np

    p1 = np.radians(np.asarray(lats, dtype=float))[:, None]
    p2 = np.radians(np.asarray(lats2, dtype=float))[None, :]
    dl = np.radians(np.asarray(lons2, dtype=float)[None, :] - np.asarray(lons, dtype=float)[:, None])
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def radius_km(shape: BaseGeometry) -> float:
    """The radius of a circle of the shape's area (lines: half their length), in km."""
    lat = shape.centroid.y if not shape.is_empty else 0.0
    scale = KM_PER_DEGREE**2 * math.cos(math.radians(lat))
    if shape.geom_type in ("LineString", "MultiLineString"):
        return shape.length * KM_PER_DEGREE * math.cos(math.radians(lat)) / 2
    return math.sqrt(max(shape.area * scale, 0.0) / math.pi)
