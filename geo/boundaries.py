"""Stage 4: joining places to administrative boundaries.

Layers are polygons with a name: the country polygons written at ``geo data build``
(level ADM0) and any boundary layers added to the data directory (``boundaries/*.geojson``,
named ``<anything>-ADM<n>...``). Each place point takes the name of the polygon it lies in
at each level, by one spatial join per layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import config
from geo.errors import DataError

_LEVEL = re.compile(r"ADM(\d)", re.I)
NAME_COLUMNS = ("shapeName", "name", "NAME", "Name", "NAME_EN", "name_en", "ADMIN")


@dataclass(frozen=True)
class Layer:
    """A boundary layer: polygons in EPSG:4326 with a ``name`` column (and ``code`` if known)."""

    name: str
    level: int
    frame: gpd.GeoDataFrame
    path: Path | None = None


def _name_column(frame: gpd.GeoDataFrame, where: str) -> str:
    for col in NAME_COLUMNS:
        if col in frame.columns:
            return col
    raise DataError(f"{where}: no name column (looked for {', '.join(NAME_COLUMNS)})")


def read_layer(path: Path, level: int | None = None, name: str | None = None) -> Layer:
    """A boundary file (GeoJSON, shapefile, GeoPackage) as a Layer."""
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise DataError(f"{path}: cannot read boundaries ({str(exc).splitlines()[0]})") from None
    if frame.crs is None:
        frame = frame.set_crs(4326)
    elif frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    col = _name_column(frame, str(path))
    code = next((c for c in ("iso_a2", "shapeISO", "ISO_A2", "code") if c in frame.columns), None)
    out = gpd.GeoDataFrame(
        {"name": frame[col].astype(str), "code": frame[code].astype(str) if code else ""},
        geometry=frame.geometry.make_valid(method="structure", keep_collapsed=False), crs=4326,
    )
    if level is None:
        m = _LEVEL.search(path.stem)
        level = int(m.group(1)) if m else 0
    return Layer(name or path.stem, level, out[~out.geometry.is_empty], path)


def countries_layer(data_dir: Path | None = None) -> Layer:
    path = config.countries_path(data_dir)
    if not path.exists():
        raise DataError(f"{path}: no country polygons; run 'geo data build'")
    return read_layer(path, level=0, name="countries")


def installed_layers(data_dir: Path | None = None) -> list[Layer]:
    """Country polygons, then every added layer, coarsest level first."""
    layers = [countries_layer(data_dir)]
    folder = config.boundaries_dir(data_dir)
    if folder.is_dir():
        extra = sorted(p for p in folder.iterdir() if p.suffix in (".geojson", ".gpkg", ".shp"))
        layers += sorted((read_layer(p) for p in extra), key=lambda lay: lay.level)
    return layers


def join_boundaries(points: gpd.GeoDataFrame, layers: list[Layer]) -> gpd.GeoDataFrame:
    """``points`` with ``adm<level>`` columns naming the polygon each point lies in; the
    finest layer at each level wins where layers overlap."""
    out = points.copy()
    for layer in layers:
        col = f"adm{layer.level}"
        joined = gpd.sjoin(points[["geometry"]], layer.frame[["name", "geometry"]],
                           how="left", predicate="within")
        # A point on a shared edge falls in two polygons: keep the first.
        names = joined[~joined.index.duplicated(keep="first")]["name"]
        if col in out.columns:
            out[col] = names.where(names.notna(), out[col])
        else:
            out[col] = names
    for col in [c for c in out.columns if re.fullmatch(r"adm\d", c)]:
        out[col] = out[col].astype(object).where(pd.notna(out[col]), None)
    return out
