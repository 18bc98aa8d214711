"""Points for polygons: where the gazetteer places a country, state or county that has a
polygon. The centre of the area (computed in an equal-area projection, so a northern
state is not pulled north), kept only when it lies inside the shape; else a point that
is surely inside it."""

from __future__ import annotations

import json
from pathlib import Path

_EQUAL_AREA = 6933  # EPSG:6933, WGS 84 / NSIDC EASE-Grid 2.0 Global: cylindrical equal-area


def _largest_part(geom):
    parts = getattr(geom, "geoms", None)
    return max(parts, key=lambda g: g.area) if parts else geom


def inner_points(geoms, *, mainland: bool = False) -> list[tuple[float, float] | None]:
    """(lat, lon) for each geometry of a GeoSeries in EPSG:4326 (``None`` for an empty one):
    the equal-area centroid if it falls inside, else a representative point. With
    ``mainland``, only the largest part of a multi-polygon counts (a country's mainland,
    not its far islands)."""
    import geopandas as gpd

    valid = geoms.make_valid()
    if mainland:
        valid = valid.apply(lambda g: _largest_part(g) if g is not None and not g.is_empty else g)
    valid = gpd.GeoSeries(valid, crs=4326)
    projected = valid.to_crs(_EQUAL_AREA)
    centroids = gpd.GeoSeries(projected.centroid, crs=_EQUAL_AREA).to_crs(4326)
    out: list[tuple[float, float] | None] = []
    for shape, proj, centre in zip(valid, projected, centroids, strict=True):
        if shape is None or shape.is_empty:
            out.append(None)
            continue
        # Inside-tests in the projected plane: a shape cut by the antimeridian (Alaska's
        # Aleutians) is one piece there, but spans the globe in degrees.
        if proj.contains(proj.centroid):
            out.append((centre.y, centre.x))
        else:
            p = shape.representative_point()
            out.append((p.y, p.x))
    return out


def us_subdivision_points(atlas: Path, us_states: Path) -> dict[tuple[str, ...], tuple[float, float]]:
    """US states and counties from the Census Bureau's shapes (npm us-atlas), keyed as the
    GeoNames admin codes: ("US", postal code) and ("US", postal code, county FIPS)."""
    import geopandas as gpd

    postal = {s["fips"]: code for code, s in json.loads(us_states.read_text(encoding="utf-8")).items()}
    points: dict[tuple[str, ...], tuple[float, float]] = {}
    for layer, file in (("states", "states-10m.json"), ("counties", "counties-10m.json")):
        shapes = gpd.read_file(atlas / file, layer=layer).set_crs(4326, allow_override=True)
        for ident, point in zip(shapes["id"], inner_points(shapes.geometry), strict=True):
            ident = str(ident)
            state = postal.get(ident[:2])
            if state is None or point is None:
                continue
            key = ("US", state) if layer == "states" else ("US", state, ident[2:])
            points[key] = point
    return points
