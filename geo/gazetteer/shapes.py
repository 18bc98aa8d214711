"""Points for polygons: where the gazetteer places a country, state or county that has a
polygon. The centre of the area (computed in an equal-area projection, so a northern
state is not pulled north), kept only when it lies inside the shape; else a point that
is surely inside it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from geo.geodesy import WGS84


def _largest_part(geom):
    parts = getattr(geom, "geoms", None)
    return max(parts, key=lambda g: g.area) if parts else geom


def _laea(lat0: float, lon0: float):
    """Lambert azimuthal equal-area projection of the sphere centred on (lat0, lon0): the
    forward map on an (n, 2) array of lon, lat degrees, and the inverse of one x, y."""
    p0, l0 = np.radians(lat0), np.radians(lon0)

    def forward(xy: np.ndarray) -> np.ndarray:
        lam, phi = np.radians(xy[:, 0]) - l0, np.radians(xy[:, 1])
        k = np.sqrt(2.0 / np.maximum(1.0 + np.sin(p0) * np.sin(phi) + np.cos(p0) * np.cos(phi) * np.cos(lam),
                                     1e-12))
        return np.column_stack((k * np.cos(phi) * np.sin(lam),
                                k * (np.cos(p0) * np.sin(phi) - np.sin(p0) * np.cos(phi) * np.cos(lam))))

    def inverse(x: float, y: float) -> tuple[float, float]:
        rho = float(np.hypot(x, y))
        if rho < 1e-15:
            return lat0, lon0
        c = 2.0 * np.arcsin(min(rho / 2.0, 1.0))
        lat = np.arcsin(np.cos(c) * np.sin(p0) + y * np.sin(c) * np.cos(p0) / rho)
        lon = l0 + np.arctan2(x * np.sin(c), rho * np.cos(p0) * np.cos(c) - y * np.sin(p0) * np.sin(c))
        return float(np.degrees(lat)), float((np.degrees(lon) + 540.0) % 360.0 - 180.0)

    return forward, inverse


def _equal_area_centroid(shape) -> tuple[float, float] | None:
    """The centroid of a shape in a Lambert azimuthal equal-area projection centred on it
    (areas kept, little distortion even for Russia or Canada; a shape cut by the
    antimeridian is one piece there), when it lies inside the shape."""
    anchor = shape.representative_point()
    forward, inverse = _laea(anchor.y, anchor.x)
    projected = shapely.transform(shape, forward)
    centre = projected.centroid
    if centre.is_empty or not projected.contains(centre):
        return None
    return inverse(centre.x, centre.y)


def inner_point(shape, *, mainland: bool = False) -> tuple[float, float] | None:
    """(lat, lon) for a shape in EPSG:4326 (``None`` when empty): its equal-area centroid
    if that falls inside, else a point surely inside. With ``mainland``, only the largest
    part of a multi-polygon counts (a country's mainland, not its far islands)."""
    if shape is None or shape.is_empty:
        return None
    shape = shape if shape.is_valid else shapely.make_valid(shape)
    if mainland:
        shape = _largest_part(shape)
    point = _equal_area_centroid(shape)
    if point is None:
        p = shape.representative_point()
        point = (p.y, p.x)
    return point


# Parts of a country this close to its largest polygon belong to its mainland: Canada's
# Arctic islands (straits of tens of km) do, Alaska (800 km of Canada away) does not.
_NEAR_MAINLAND_KM = 150.0


@dataclass(frozen=True)
class CountryPoint:
    whole: tuple[float, float]  # inside the whole shape
    mainland: tuple[float, float]  # the centre of the largest polygon and the parts near it
    mainland_share: float  # the mainland's share of the area (small for an archipelago)


def _mainland(shape, forward):
    """The largest polygon with the parts within ``_NEAR_MAINLAND_KM`` of it, and the
    same in the equal-area projection (unit sphere: distances in radians)."""
    parts = list(getattr(shape, "geoms", [shape]))
    projected = [shapely.transform(g, forward) for g in parts]
    main = max(range(len(parts)), key=lambda i: projected[i].area)
    near = _NEAR_MAINLAND_KM / 6371.0
    keep = [i for i in range(len(parts))
            if i == main or projected[i].distance(projected[main]) <= near]
    # The parts are disjoint already: a multi-polygon of them, no union needed.
    return (shapely.multipolygons([parts[i] for i in keep]), shapely.multipolygons([projected[i] for i in keep]))


def country_point(shape) -> CountryPoint | None:
    """Where a country's polygons put it: whole and mainland points and the mainland's
    share of the area."""
    whole = inner_point(shape)
    if whole is None:
        return None
    shape = shape if shape.is_valid else shapely.make_valid(shape)
    anchor = _largest_part(shape).representative_point()
    forward, _ = _laea(anchor.y, anchor.x)
    area = shapely.transform(shape, forward).area
    main, main_projected = _mainland(shape, forward)
    share = main_projected.area / area if area > 0 else 1.0
    return CountryPoint(whole=whole, mainland=inner_point(main) or whole, mainland_share=share)


@dataclass(frozen=True)
class SubdivisionPoint:
    point: tuple[float, float]
    name: str  # the Census Bureau's name: "Texas", "Fairfield" (a county, without "County")


def us_subdivision_points(atlas: Path, us_states: Path) -> dict[tuple[str, ...], SubdivisionPoint]:
    """US states and counties from the Census Bureau's shapes (npm us-atlas), keyed as the
    GeoNames admin codes: ("US", postal code) and ("US", postal code, county FIPS)."""
    import geopandas as gpd

    postal = {s["fips"]: code for code, s in json.loads(us_states.read_text(encoding="utf-8")).items()}
    points: dict[tuple[str, ...], SubdivisionPoint] = {}
    for layer, file in (("states", "states-10m.json"), ("counties", "counties-10m.json")):
        shapes = gpd.read_file(atlas / file, layer=layer).set_crs(WGS84, allow_override=True)
        for ident, name, shape in zip(shapes["id"], shapes["name"], shapes.geometry, strict=True):
            ident, point = str(ident), inner_point(shape)
            state = postal.get(ident[:2])
            if state is None or point is None:
                continue
            key = ("US", state) if layer == "states" else ("US", state, ident[2:])
            points[key] = SubdivisionPoint(point, str(name))
    return points
