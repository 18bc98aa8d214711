"""Names for the offline basemap, each with the zoom level it appears from: countries, first-
level regions, the names of added boundary layers (``geo data add-boundaries``) and major
towns from the gazetteer. The page draws the ones in view, most important first, leaving out
any that would overlap one already drawn.

The whole world's countries, capitals and cities of 100,000 or more; towns of 1,000 or more
only around the incidents (``window``), where an analyst zooms in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import geopandas as gpd
import shapely
from shapely.ops import polylabel

from geo.gazetteer import Gazetteer
from geo.model import Layer
from geo.outputs.map_shapes import split_antimeridian

# A label: name, lat, lon, the zoom it shows from, and its class (the page styles each).
Label = list
COUNTRY, REGION, BOUNDARY, TOWN = 0, 1, 2, 3
# (smallest area in km2, zoom) for country names; smaller countries from zoom 6.
_COUNTRY_ZOOMS = ((1_500_000, 2), (300_000, 3), (50_000, 4), (5_000, 5))
# (smallest population, zoom) for towns; capitals two levels earlier than their size says.
_TOWN_ZOOMS = ((3_000_000, 4), (1_000_000, 5), (300_000, 6), (100_000, 7), (30_000, 8), (10_000, 9), (0, 10))
WORLD_TOWNS = 100_000
WINDOW_TOWNS, WINDOW_TOWNS_LIMIT = 1_000, 2_500
REGION_ZOOM, BOUNDARY_ZOOMS = 6, {1: 6, 2: 8}
# A region's name is left out where a town of that name lies within this many degrees (the
# 2012 Kosovo districts bear their towns' names).
_SAME_PLACE_DEG = 0.3
_KM_PER_DEG = 111.32


def _zoom(value: float, steps: Sequence[tuple[float, int]], last: int) -> int:
    return next((zoom for least, zoom in steps if value >= least), last)


def country_labels(countries: gpd.GeoDataFrame) -> list[Label]:
    """One name per country at a point inside its largest part, larger countries first."""
    out = []
    shapes = countries["outline"] if "outline" in countries.columns else countries.geometry  # coarse is enough
    for name, geom in zip(countries["name"], shapes, strict=True):
        geom = split_antimeridian(shapely.simplify(geom, 0.05)) if geom is not None else None
        if not name or geom is None or geom.is_empty:
            continue
        largest = max(shapely.get_parts(geom), key=lambda g: g.area)
        if largest.geom_type != "Polygon":
            continue
        point = polylabel(largest, tolerance=0.05)
        km2 = largest.area * _KM_PER_DEG ** 2 * math.cos(math.radians(point.y))
        out.append((km2, [str(name), round(point.y, 3), round(point.x, 3), _zoom(km2, _COUNTRY_ZOOMS, 6), COUNTRY]))
    return [label for _, label in sorted(out, key=lambda pair: -pair[0])]


def town_labels(gazetteer: Gazetteer, window: tuple[float, float, float, float] | None) -> list[Label]:
    """The world's capitals and cities of 100,000 or more; towns of 1,000 or more in ``window``."""
    towns = gazetteer.largest(min_population=WORLD_TOWNS, limit=20_000)
    towns += gazetteer.largest(feature_codes=("PPLC",), limit=1_000)
    if window:
        towns += gazetteer.largest(min_population=WINDOW_TOWNS, bounds=window, limit=WINDOW_TOWNS_LIMIT)
    seen, out = set(), []
    for place in sorted(towns, key=lambda p: -p.population):
        if place.id in seen:
            continue
        seen.add(place.id)
        zoom = _zoom(place.population, _TOWN_ZOOMS, 10) - (2 if place.feature_code == "PPLC" else 0)
        out.append([place.name, round(place.lat, 3), round(place.lon, 3), max(3, zoom), TOWN])
    return out


def region_labels(gazetteer: Gazetteer, towns: list[Label]) -> list[Label]:
    """First-level regions at their gazetteer point, unless a town of that name is there."""
    by_name: dict[str, list[tuple[float, float]]] = {}
    for name, lat, lon, *_ in towns:
        by_name.setdefault(name, []).append((lat, lon))
    out = []
    for place in gazetteer.largest(feature_codes=("ADM1",), limit=20_000):
        near = by_name.get(place.name, [])
        if any(abs(lat - place.lat) + abs(lon - place.lon) < _SAME_PLACE_DEG for lat, lon in near):
            continue
        out.append([place.name, round(place.lat, 3), round(place.lon, 3), REGION_ZOOM, REGION])
    return out


def boundary_labels(layers: Sequence[Layer]) -> list[Label]:
    """The names of the polygons of installed and added boundary layers (not the countries)."""
    out = []
    for layer in layers:
        if layer.level < 1:
            continue
        zoom = BOUNDARY_ZOOMS.get(layer.level, 9)
        points = layer.frame.geometry.representative_point()
        for name, point in zip(layer.frame["name"], points, strict=True):
            if name and point is not None and not point.is_empty:
                out.append([str(name), round(point.y, 3), round(point.x, 3), zoom, BOUNDARY])
    return out


def basemap_labels(layers: Sequence[Layer], gazetteer: Gazetteer | None,
                   window: tuple[float, float, float, float] | None) -> list[Label]:
    """Every label of the offline basemap, most important first: countries, towns, regions,
    boundary names. Without a gazetteer, countries and boundary names only."""
    countries = next((layer.frame for layer in layers if layer.level == 0), None)
    out = country_labels(countries) if countries is not None else []
    if gazetteer is not None:
        towns = town_labels(gazetteer, window)
        out += towns + region_labels(gazetteer, towns)
    return out + boundary_labels(layers)
