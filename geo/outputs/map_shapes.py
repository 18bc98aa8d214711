"""The polygons and lines the map draws: the basemap's countries, the choropleth's regions and
the shapes precision-3 incidents mean, each made fit to draw.

Fit to draw: cut at the 180th meridian (a ring that runs across it would be drawn as a band
round the whole world), simplified to about a pixel where it is seen, on a grid of half that.

Where an incident is drawn follows its ``geo_precision`` (issue 19): precision 1 and 2 are
markers; precision 3 below a country ("northern Kosovo", "the Kosovo–Serbia border", a
province) is the shape it means, its incidents listed with it, never a marker at a centre;
an incident that names only a whole country, a continent, a macro-region or a sea is in a
layer of its own. "The north of X" cut from X's polygon without a layer of municipalities is
drawn as graded bands (``geo.geometry.parts.graded_part``), not as a ruler-straight edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely import affinity
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

from geo.geodesy import WGS84
from geo.geometry.parts import BEARINGS, graded_part, side_box
from geo.model import MARINE_CODES, Layer, plain

# Simplification tolerances in degrees, about a pixel where each is seen: the world at zoom 2
# to 4 (10 km), countries at zoom 6 (2 km), regions and the shapes of vague places at zoom 9
# or 10 (200 m).
WORLD_TOLERANCE = 0.1
COUNTRY_TOLERANCE = 0.02
REGION_TOLERANCE = 0.002
# A cut "the north of X" that matches X's polygon cut straight to within this share of its
# area was made without subdivisions: it is drawn graded.
_STRAIGHT_CUT_SHARE = 0.02
LEVEL_NAMES = {0: "country", 1: "region (ADM1)", 2: "district or municipality (ADM2)"}
_PART_MODIFIERS = frozenset(BEARINGS) | {"central"}
_EARTH_KM = 6371.0088
# Gaps narrower than twice this (degrees) are closed, holes smaller than this (square degrees)
# filled, in a country whose rings crossed the 180th meridian.
_GAP_DEG, _HOLE_DEG2 = 0.2, 0.05


# -- fit to draw ---------------------------------------------------------------------------------
def _unwrap_ring(coords: np.ndarray) -> np.ndarray | None:
    """The ring with longitudes made continuous across the 180th meridian, or None when it
    needs nothing (no step over 180 degrees) or circles a pole (Antarctica's ring)."""
    lon = coords[:, 0]
    if len(lon) < 2 or np.abs(np.diff(lon)).max() <= 180:
        return None
    unwrapped = np.unwrap(lon, period=360)
    if unwrapped.max() - unwrapped.min() >= 359:
        return None
    out = coords.copy()
    out[:, 0] = unwrapped
    return out


def _split_at_180(geom: BaseGeometry) -> BaseGeometry:
    """A geometry in unwrapped longitudes cut into its parts west and east of +-180, each
    shifted back into -180..180."""
    polygonal = geom.geom_type in ("Polygon", "MultiPolygon")
    kinds = ("Polygon",) if polygonal else ("LineString",)
    pieces = []
    for shift in (-360, 0, 360):
        part = geom.intersection(box(-180 + shift, -90, 180 + shift, 90))
        # Only parts of the geometry's own dimension: a cut also leaves the lines it touches.
        pieces += [affinity.translate(g, xoff=-shift) for g in shapely.get_parts(part) if g.geom_type in kinds]
    merged = shapely.union_all(pieces)
    return merged if polygonal else shapely.line_merge(merged)


def _polygon_across(poly: Polygon) -> BaseGeometry:
    ring = _unwrap_ring(np.asarray(poly.exterior.coords))
    if ring is None:
        return poly
    holes = []
    for hole in poly.interiors:
        coords = np.asarray(hole.coords)
        unwrapped = _unwrap_ring(coords)
        coords = coords if unwrapped is None else unwrapped
        coords[:, 0] += 360 * round((ring[:, 0].mean() - coords[:, 0].mean()) / 360)
        holes.append(coords)
    valid = shapely.make_valid(Polygon(ring, holes))
    return _split_at_180(shapely.union_all([g for g in shapely.get_parts(valid) if g.geom_type == "Polygon"]))


def _line_across(line: LineString) -> BaseGeometry:
    coords = _unwrap_ring(np.asarray(line.coords))
    return line if coords is None else _split_at_180(LineString(coords))


def split_antimeridian(geom: BaseGeometry | None) -> BaseGeometry | None:
    """The geometry with every ring or line that runs across the 180th meridian cut there
    into a part on each side (Russia's Chukotka, Fiji, the Aleutians)."""
    if geom is None or geom.is_empty:
        return geom
    minx, _, maxx, _ = geom.bounds
    if maxx - minx <= 180:  # no step between its points can be wider than the whole
        return geom
    if isinstance(geom, Polygon):
        return _polygon_across(geom)
    if isinstance(geom, LineString):
        return _line_across(geom)
    if isinstance(geom, (MultiPolygon, MultiLineString)) or geom.geom_type == "GeometryCollection":
        originals = list(geom.geoms)  # each access to .geoms makes new objects
        parts = [split_antimeridian(g) for g in originals]
        if all(a is b for a, b in zip(parts, originals, strict=True)):
            return geom
        if geom.geom_type == "GeometryCollection":
            return shapely.geometrycollections(parts)
        merged = shapely.union_all([g for part in parts for g in shapely.get_parts(part)])
        return _closed(merged) if geom.geom_type == "MultiPolygon" else shapely.line_merge(merged)
    return geom


def _closed(geom: BaseGeometry) -> BaseGeometry:
    """Parts that nearly meet made one, small holes filled: the country data cuts Russia into
    strips at 65, 69 and 71 degrees north that do not quite meet, and their edges would be
    drawn across it (0.1 s for Russia simplified to 2 km)."""
    closed = geom.buffer(_GAP_DEG, quad_segs=2, join_style="mitre").buffer(-_GAP_DEG, quad_segs=2, join_style="mitre")
    polygons = [Polygon(p.exterior, [h for h in p.interiors if Polygon(h).area >= _HOLE_DEG2])
                for p in shapely.get_parts(closed) if p.geom_type == "Polygon"]
    return MultiPolygon(polygons) if len(polygons) > 1 else polygons[0] if polygons else closed


def drawable(geometry: gpd.GeoSeries, tolerance: float) -> gpd.GeoSeries:
    """Cut at 180 degrees, simplified, on a grid of half the tolerance: fewer points, and fewer
    digits per point. Each distinct geometry once (a country named forty times is one)."""
    done: dict[int, BaseGeometry] = {}
    out = []
    for geom in geometry.values:
        key = id(geom)
        if key not in done:
            # Simplified first: cutting and closing a country across 180 degrees then takes a tenth of a second.
            simple = shapely.simplify(geom, tolerance, preserve_topology=True) if geom is not None else None
            split = split_antimeridian(simple)
            # Rounded point by point: drawing needs no repaired topology, and a repair costs seconds.
            done[key] = shapely.set_precision(split, tolerance / 2, mode="pointwise") if split is not None else None
        out.append(done[key])
    return gpd.GeoSeries(out, index=geometry.index, crs=geometry.crs)


def circle(lat: float, lon: float, km: float, points: int = 48) -> BaseGeometry:
    """The circle of ``km`` around a point, on the sphere, as a polygon (cut at 180 degrees)."""
    bearing = np.linspace(0, 2 * np.pi, points, endpoint=False)
    d = max(km, 0.1) / _EARTH_KM
    la, lo = math.radians(lat), math.radians(lon)
    lat2 = np.arcsin(np.sin(la) * np.cos(d) + np.cos(la) * np.sin(d) * np.cos(bearing))
    lon2 = lo + np.arctan2(np.sin(bearing) * np.sin(d) * np.cos(la), np.cos(d) - np.sin(la) * np.sin(lat2))
    coords = np.column_stack([np.degrees(lon2), np.clip(np.degrees(lat2), -89.9, 89.9)])
    return split_antimeridian(Polygon(coords))


# -- the basemap -----------------------------------------------------------------------------------
def _drawn_whole(countries: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The countries as ``geo data build`` stores them to be drawn whole (at 1% of each one's
    radius), or as they are."""
    for column in ("outline", "simplified"):
        if column in countries.columns:
            return gpd.GeoSeries(countries[column].values, index=countries.index, crs=WGS84)
    return countries.geometry


def world_basemap(countries: gpd.GeoDataFrame, window: tuple[float, float, float, float] | None
                  ) -> gpd.GeoDataFrame:
    """Every country as drawn whole: those within ``window`` (west, south, east, north; around
    the incidents) at ``COUNTRY_TOLERANCE``, the rest of the world at ``WORLD_TOLERANCE``."""
    source = _drawn_whole(countries)
    near = source.intersects(box(*window)).values if window else np.zeros(len(countries), dtype=bool)
    geometry = [*drawable(gpd.GeoSeries(source.values[near], crs=WGS84), COUNTRY_TOLERANCE),
                *drawable(gpd.GeoSeries(source.values[~near], crs=WGS84), WORLD_TOLERANCE)]
    names = [*countries["name"].values[near], *countries["name"].values[~near]]
    keep = [g is not None and not g.is_empty for g in geometry]
    return gpd.GeoDataFrame({"name": [str(n or "") for n, k in zip(names, keep, strict=True) if k]},
                            geometry=[g for g, k in zip(geometry, keep, strict=True) if k], crs=WGS84)


# -- the choropleth --------------------------------------------------------------------------------
def place_levels(feature_codes: pd.Series, geometry_types: pd.Series) -> np.ndarray:
    """The finest boundary level at which each place can be counted: a town anywhere (9), a
    first-level region at levels 0-1, a second-level one at 0-2, a country, a part of one or a
    border only at the country level."""
    code = pd.Series(feature_codes, dtype=object).fillna("").astype(str).reset_index(drop=True)
    shape = pd.Series(geometry_types, dtype=object).fillna("Point").astype(str).reset_index(drop=True)
    coarse = code.str.startswith(("PCL", "BORDER", "RGN", "CONT")) | shape.ne("Point")
    return np.select([code.eq("ADM1"), code.eq("ADM2"), coarse], [1, 2, 0], default=9)


def place_level(feature_code: object, geometry_type: object) -> int:
    """``place_levels`` for one place."""
    return int(place_levels(pd.Series([feature_code]), pd.Series([geometry_type]))[0])


@dataclass
class ChoroplethLevel:
    """The polygons of one boundary level that hold incidents (``frame``: name, geometry) and,
    per incident, the polygon it counts in (``member``: an index into ``frame``, or -1)."""

    level: int
    frame: gpd.GeoDataFrame
    member: list[int]

    @property
    def title(self) -> str:
        return f"Incidents per {LEVEL_NAMES.get(self.level, f'ADM{self.level}')}"


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series([None] * len(frame), index=frame.index, dtype=object)


def choropleth_levels(incidents: gpd.GeoDataFrame, layers: list[Layer]) -> list[ChoroplethLevel]:
    """Per installed level, its polygons that hold any incident, and where each incident counts:
    a place counts only at levels it is fine enough for (``place_level``)."""
    if not len(incidents):
        return []
    by_level: dict[int, list[gpd.GeoDataFrame]] = {}
    for layer in layers:
        shapes = _drawn_whole(layer.frame)  # the countries as drawn whole, not the 1:10m polygons
        by_level.setdefault(layer.level, []).append(
            gpd.GeoDataFrame({"name": layer.frame["name"].values}, geometry=list(shapes), crs=WGS84))
    fine = place_levels(_column(incidents, "feature_code"), _column(incidents, "geometry_type"))
    out = []
    for level, frames in sorted(by_level.items()):
        names = _column(incidents, f"adm{level}").reset_index(drop=True).where(fine >= level)
        names = names.astype(object).where(names.notna(), None)
        polygons = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=WGS84)
        polygons = polygons[polygons["name"].isin(set(names.dropna()))].drop_duplicates("name")
        if polygons.empty:  # named after polygons this run does not have (a store joined to other layers)
            continue
        polygons = polygons.reset_index(drop=True)
        polygons["geometry"] = drawable(polygons.geometry, COUNTRY_TOLERANCE if level == 0 else REGION_TOLERANCE)
        index = pd.Index(polygons["name"])
        out.append(ChoroplethLevel(level, polygons, index.get_indexer(names).tolist()))  # -1 where none
    return out


# -- where precision-3 incidents are drawn -----------------------------------------------------------
@dataclass
class Area:
    """A shape precision-3 incidents are drawn as: ``label`` ("northern Kosovo": the shortest
    of the phrases its incidents use), ``whole`` (a whole country or larger: the layer off by
    default), ``shape`` (what a download writes), ``parts`` (what is drawn: geometry and
    weight, 1 solid) and ``circle`` (a place known only as a point: the circle of its
    uncertainty)."""

    label: str
    whole: bool
    shape: BaseGeometry
    parts: list[tuple[BaseGeometry, float]] = field(default_factory=list)
    circle: bool = False

    def anchor(self) -> tuple[float, float]:
        """(lat, lon) where its name goes: inside its solid part's largest polygon, or halfway
        along its longest line."""
        solid = self.parts[0][0] if self.parts else self.shape
        pieces = list(shapely.get_parts(solid)) or [solid]
        if solid.geom_type in ("LineString", "MultiLineString"):
            point = max(pieces, key=lambda g: g.length).interpolate(0.5, normalized=True)
        else:
            point = max(pieces, key=lambda g: g.area).representative_point()
        return round(point.y, 5), round(point.x, 5)


def geo_precisions(incidents: pd.DataFrame) -> np.ndarray:
    """Each incident's precision; one without (an older store) is 1 at a point, else 3."""
    given = pd.to_numeric(_column(incidents, "geo_precision"), errors="coerce")
    point = _column(incidents, "geometry_type").fillna("Point").astype(str).eq("Point").to_numpy()
    return np.where(given.isin([1, 2, 3]).to_numpy(), given.fillna(0).to_numpy(), np.where(point, 1, 3)).astype(int)


def is_whole(feature_code: object, country_code: object, modifier: object) -> bool:
    """Whether a place is a whole country or larger: a country, continent, macro-region (a
    region of no one country) or open water, and not a part of one ("northern Kosovo")."""
    code = str(feature_code or "")
    if str(modifier or "") in _PART_MODIFIERS:
        return False
    return code.startswith("PCL") or code == "CONT" or code in MARINE_CODES or (code == "RGN" and not country_code)


def _parent(countries: dict[str, BaseGeometry], row: dict) -> BaseGeometry | None:
    if str(row.get("feature_code") or "").startswith("PCL"):
        return countries.get(str(row.get("country_code") or ""))
    return None


def _drawn_parts(shape: BaseGeometry, row: dict,
                 countries: dict[str, BaseGeometry]) -> list[tuple[BaseGeometry, float]]:
    """Graded bands for a straight cut "the north of X"; the shape itself otherwise."""
    modifier = str(row.get("modifier") or "")
    parent = _parent(countries, row) if modifier in _PART_MODIFIERS else None
    if parent is not None and shape.geom_type in ("Polygon", "MultiPolygon") and shape.area > 0:
        cut = parent.intersection(side_box(parent.bounds, modifier))
        if shape.symmetric_difference(cut).area <= _STRAIGHT_CUT_SHARE * shape.area:
            return graded_part(parent, modifier)
    return [(shape, 1.0)]


def _row_area(row: dict, wkb: dict[int, bytes]) -> tuple[tuple, Area] | None:
    """The area a precision-3 incident is drawn as, and its key: the same shape is one area."""
    shape = row.get("shape")
    whole = is_whole(row.get("feature_code"), row.get("country_code"), row.get("modifier"))
    label = str(plain(row.get("phrase")) or plain(row.get("name")) or "")
    if isinstance(shape, BaseGeometry) and not shape.is_empty and shape.geom_type != "Point":
        if id(shape) not in wkb:
            wkb[id(shape)] = shape.wkb
        return (whole, wkb[id(shape)]), Area(label, whole, shape)
    lat, lon, km = (plain(row.get(k)) for k in ("lat", "lon", "uncertainty_km"))
    if lat is None or lon is None:
        return None
    km = float(km or 25.0)
    key = (whole, round(float(lat), 4), round(float(lon), 4), km)
    return key, Area(label, whole, circle(float(lat), float(lon), km), circle=True)


def incident_areas(incidents: gpd.GeoDataFrame, countries: gpd.GeoDataFrame | None) -> tuple[list[int], list[Area]]:
    """Per incident, the area it is drawn as (an index into the list, -1 for a marker), and the
    areas, fit to draw: one per distinct shape and label."""
    polygons: dict[str, BaseGeometry] = {}
    if countries is not None and "code" in countries.columns:
        source = countries["simplified"] if "simplified" in countries.columns else countries.geometry
        for code, geom in zip(countries["code"], source, strict=True):
            polygons.setdefault(str(code), geom)
    columns = [c for c in ("geo_precision", "geometry_type", "shape", "feature_code", "country_code", "modifier",
                           "phrase", "name", "lat", "lon", "uncertainty_km") if c in incidents.columns]
    keys: dict[tuple, int] = {}
    areas: list[Area] = []
    member = [-1] * len(incidents)
    wkb: dict[int, bytes] = {}
    coarse = np.nonzero(geo_precisions(incidents) == 3)[0]
    for pos, row in zip(coarse, incidents.iloc[coarse][columns].to_dict(orient="records"), strict=True):
        found = _row_area(row, wkb)
        if found is None:
            continue
        key, area = found
        if key not in keys:
            keys[key] = len(areas)
            area.parts = _drawn_parts(area.shape, row, polygons)
            areas.append(area)
        elif len(area.label) < len(areas[keys[key]].label):
            areas[keys[key]].label = area.label
        member[pos] = keys[key]
    for area in areas:
        tolerance = COUNTRY_TOLERANCE if area.whole else REGION_TOLERANCE
        drawn = drawable(gpd.GeoSeries([g for g, _ in area.parts], crs=WGS84), tolerance)
        area.parts = [(g, w) for g, (_, w) in zip(drawn, area.parts, strict=True) if g is not None and not g.is_empty]
        area.shape = drawable(gpd.GeoSeries([area.shape], crs=WGS84), tolerance).iloc[0]
    return member, areas
