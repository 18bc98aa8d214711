"""Geometry operations for vague places: parts of a polygon, shared borders, offsets."""

from __future__ import annotations

import numpy as np
import shapely
from geopy.distance import geodesic
from shapely.geometry import MultiLineString, Point, box
from shapely.geometry.base import BaseGeometry

BEARINGS = {"north": 0, "north-east": 45, "east": 90, "south-east": 135, "south": 180, "south-west": 225,
            "west": 270, "north-west": 315}


def side_box(bounds: tuple[float, float, float, float], direction: str, scale: float = 1.0) -> BaseGeometry:
    """The part of a bounding box on one side: the outer third for north/south/east/west,
    the outer half on both axes for diagonals, the middle third on both for central;
    ``scale`` widens (over 1) or narrows that share."""
    minx, miny, maxx, maxy = bounds
    w, h = maxx - minx, maxy - miny
    if direction == "central":
        margin = (1 - scale / 3) / 2
        return box(minx + w * margin, miny + h * margin, maxx - w * margin, maxy - h * margin)
    x0, y0, x1, y1 = minx, miny, maxx, maxy
    frac = min(1.0, (1 / 2 if "-" in direction else 1 / 3) * scale)
    if "north" in direction:
        y0 = maxy - h * frac
    if "south" in direction:
        y1 = miny + h * frac
    if "east" in direction:
        x0 = maxx - w * frac
    if "west" in direction:
        x1 = minx + w * frac
    return box(x0, y0, x1, y1)


def directional_part(shape: BaseGeometry, direction: str,
                     subdivisions: list[BaseGeometry] | None = None) -> BaseGeometry:
    """The part of ``shape`` on one side. With subdivisions (municipalities, districts):
    the union of those inside ``shape`` whose centroid lies on that side; else the polygon
    cut by ``side_box``."""
    if direction not in BEARINGS and direction != "central":
        return shape
    side = side_box(shape.bounds, direction)
    if subdivisions:
        parts = np.asarray(subdivisions, dtype=object)
        inner = shape.buffer(0.01)
        shapely.prepare(inner)
        inside = shapely.contains(inner, shapely.point_on_surface(parts))
        mask = inside & shapely.contains(side, shapely.centroid(parts))
        if mask.any():
            return shapely.union_all(parts[mask])
    return shape.intersection(side)


# Where "the north of X" ends is not known: drawn as bands (share of the cut ``directional_part``
# makes, weight from 1 solid to faint) rather than one ruler-straight edge.
GRADES: tuple[tuple[float, float], ...] = ((0.75, 1.0), (1.0, 0.7), (1.25, 0.4), (1.5, 0.15))


def graded_part(shape: BaseGeometry, direction: str) -> list[tuple[BaseGeometry, float]]:
    """The part of ``shape`` on one side as bands of falling weight: its outer three quarters
    solid, then bands out to one and a half times the cut ``directional_part`` makes without
    subdivisions. Each band is the ring of ``shape`` between two cuts; empty ones are left out."""
    if direction not in BEARINGS and direction != "central":
        return [(shape, 1.0)]
    out: list[tuple[BaseGeometry, float]] = []
    inner = None
    for scale, weight in GRADES:
        part = shape.intersection(side_box(shape.bounds, direction, scale))
        band = part if inner is None else part.difference(inner)
        if not band.is_empty and band.area > 0:
            out.append((band, weight))
        inner = part
    return out


def shared_border(a: BaseGeometry, b: BaseGeometry, tolerance: float = 0.005) -> BaseGeometry | None:
    """The line two polygons share (within ``tolerance`` degrees, for layers that do not
    meet exactly), merged into as few LineStrings as it can be; None if they do not touch."""
    ax0, ay0, ax1, ay1 = a.bounds
    bx0, by0, bx1, by1 = b.bounds
    if ax0 > bx1 + tolerance or bx0 > ax1 + tolerance or ay0 > by1 + tolerance or by0 > ay1 + tolerance:
        return None  # far apart: the boxes say so without a polygon distance
    if not a.intersects(b) and a.distance(b) > tolerance:  # intersects is fast; distance is not
        return None
    # Layers cut from one topology share their vertices exactly; others only come close.
    parts = _lines(a.boundary.intersection(b.boundary)) or _lines(a.boundary.intersection(b.buffer(tolerance)))
    if not parts:
        return None
    return shapely.line_merge(MultiLineString(parts))


def _lines(geom: BaseGeometry) -> list:
    out = []
    for g in getattr(geom, "geoms", [geom]):
        if g.geom_type in ("LineString", "MultiLineString"):
            out.extend(p for p in getattr(g, "geoms", [g]) if p.length > 0)
    return out


def offset_point(lat: float, lon: float, direction: str, km: float) -> Point:
    """The point ``km`` from (lat, lon) towards ``direction`` (geodesic)."""
    dest = geodesic(kilometers=km).destination((lat, lon), BEARINGS[direction])
    return Point(dest.longitude, dest.latitude)

