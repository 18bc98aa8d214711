"""Stage 5: joining places to administrative boundaries.

Layers are polygons with a name: the country polygons written at ``geo data build``
(level ADM0; ``geo.gazetteer.countries`` writes and reads them) and any boundary layers
added to the data directory (``boundaries/*.geojson``, named ``<anything>-ADM<n>...``).
Each place point takes the name of the polygon it lies in at each level, by one spatial
join per layer.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import config
from geo.errors import InputError, excerpt
from geo.gazetteer.countries import countries_layer
from geo.gazetteer.names import display_name
from geo.geodesy import WGS84
from geo.model import Layer

_LEVEL = re.compile(r"ADM(\d)", re.I)
NAME_COLUMNS = ("shapeName", "name", "NAME", "Name", "NAME_EN", "name_en", "ADMIN")


def _name_column(frame: gpd.GeoDataFrame, where: str) -> str:
    for col in NAME_COLUMNS:
        if col in frame.columns:
            return col
    raise InputError(f"{where}: no name column (looked for {', '.join(NAME_COLUMNS)})")


def _check_polygons(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Boundaries are areas: a layer of points or lines has nothing a place can lie within."""
    kinds = frame.geometry[frame.geometry.notna() & ~frame.geometry.is_empty].geom_type.value_counts()
    others = kinds.drop(["Polygon", "MultiPolygon"], errors="ignore")
    if len(others):
        found = ", ".join(f"{n} {kind}" for kind, n in others.items())
        raise InputError(f"{path}: boundaries must be polygons, the layer has {found}")


def _check_projected(frame: gpd.GeoDataFrame, path: Path) -> None:
    """A projected CRS counts in metres or feet: coordinates that all lie within ±180 and ±90
    are degrees under a wrong label (they would collapse to a few metres around 0, 0)."""
    minx, miny, maxx, maxy = frame.total_bounds
    if frame.crs.is_projected and -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
        raise InputError(f"{path}: the file says {frame.crs.to_string()} (projected: metres or feet), but every "
                         "coordinate lies within ±180 and ±90: they look like degrees; label it EPSG:4326")


def read_layer(path: Path, level: int | None = None, name: str | None = None, repair: bool = True) -> Layer:
    """A boundary file (GeoJSON, shapefile, GeoPackage) as a Layer in EPSG:4326. Layers geo
    installed itself were repaired when installed (``repair=False`` skips the slow pass)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise InputError(f"{path}: cannot read boundaries ({excerpt(exc)})") from None
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.isna().all() or frame.geometry.is_empty.all():
        raise InputError(f"{path}: the layer has no geometry")
    _check_polygons(frame, path)
    if frame.crs is None:
        # GeoJSON is WGS84 by definition (RFC 7946); other formats must say what they are.
        if path.suffix.lower() not in (".geojson", ".json"):
            raise InputError(f"{path}: unknown CRS (no projection information); add one (.prj) or use GeoJSON")
        frame = frame.set_crs(WGS84)
    elif frame.crs.to_epsg() != WGS84:
        _check_projected(frame, path)
        try:
            frame = frame.to_crs(WGS84)
        except Exception as exc:
            raise InputError(f"{path}: cannot transform from its CRS to WGS84 ({excerpt(exc)})") from None
    minx, miny, maxx, maxy = frame.total_bounds
    if not (-180.5 <= minx <= maxx <= 180.5 and -90.5 <= miny <= maxy <= 90.5):
        raise InputError(f"{path}: coordinates are not longitude/latitude (unknown or wrong CRS)")
    col = _name_column(frame, str(path))
    code = next((c for c in ("iso_a2", "shapeISO", "ISO_A2", "code") if c in frame.columns), None)
    out = gpd.GeoDataFrame(
        {"name": frame[col].astype(str), "code": frame[code].astype(str) if code else ""},
        geometry=frame.geometry.make_valid(method="structure", keep_collapsed=False) if repair else frame.geometry,
        crs=WGS84,
    )
    if level is None:
        m = _LEVEL.search(path.stem)
        level = int(m.group(1)) if m else 0
    out = out[~(out.geometry.isna() | out.geometry.is_empty)]
    return Layer(name or path.stem, level, out, path)


def installed_layers(data_dir: Path | None = None) -> list[Layer]:
    """Country polygons, then every added layer, coarsest level first."""
    layers = [countries_layer(data_dir)]
    folder = config.boundaries_dir(data_dir)
    if folder.is_dir():
        extra = sorted(p for p in folder.iterdir() if p.suffix in (".geojson", ".gpkg", ".shp"))
        layers += sorted((read_layer(p, repair=False) for p in extra), key=lambda lay: lay.level)
    return layers


# A run's own boundary file with no ADMn in its name is taken for first-level regions.
RUN_LAYER_LEVEL = 1


def run_layers(data_dir: Path | None = None, files: Sequence[Path] = ()) -> list[Layer]:
    """Every layer a run joins places to: the country polygons and the installed layers,
    then the run's own boundary files (``--boundaries``), at the ADMn level their name gives
    (else ``RUN_LAYER_LEVEL``) and with names in their common English form, as installed
    layers have ("Municipality of Leposaviq" is "Leposavić"); coarsest level first."""
    extra = []
    for path in files:
        path = Path(path)
        layer = read_layer(path, level=None if _LEVEL.search(path.stem) else RUN_LAYER_LEVEL)
        extra.append(dataclasses.replace(layer, frame=layer.frame.assign(name=layer.frame["name"].map(display_name))))
    return installed_layers(data_dir) + sorted(extra, key=lambda lay: lay.level)


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


def layer_file_name(name: str, level: int) -> str:
    """``XKX-ADM2.geojson``: the level is in the name so installed_layers can read it back."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "layer"
    return f"{safe}.geojson" if _LEVEL.search(safe) else f"{safe}-ADM{level}.geojson"


def install_layer(path: Path, level: int, name: str, data_dir: Path | None = None) -> gpd.GeoDataFrame:
    """Copy a boundary file into the data directory as a named layer (GeoJSON, WGS84), each
    polygon tagged with the country it lies in and named in its common English form
    ("Municipality of Leposaviq" -> "Leposavić"; ``local_name`` keeps the original)."""
    layer = read_layer(path, level, name)
    frame = layer.frame
    countries = countries_layer(data_dir).frame
    inside = gpd.sjoin(
        gpd.GeoDataFrame(geometry=frame.geometry.representative_point(), crs=WGS84),
        countries[["code", "geometry"]].rename(columns={"code": "country"}), how="left", predicate="within",
    )
    inside = inside[~inside.index.duplicated(keep="first")]
    frame = frame.assign(country=inside["country"].fillna("").astype(str), local_name=frame["name"],
                         name=frame["name"].map(display_name))
    folder = config.boundaries_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / layer_file_name(name, level)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        frame.to_file(tmp, driver="GeoJSON")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return frame
