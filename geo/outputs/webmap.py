"""The interactive incident map: folium, its plugins, and article text that is always escaped.

Layers a reader can switch: the incidents (clustered markers coloured by type, with a legend
that filters by type and a timeline, see ``incident_layer.py``), a heatmap
(``folium.plugins.HeatMap``) that follows the filters, the regions and border lines that
vague places mean, and a choropleth of incident counts per administrative region at every
level installed (countries, then any ADM1/ADM2 layers; the finest is shown first). The
country polygons around the incidents are the basemap when the tiles cannot load.

folium pastes tooltip HTML into JavaScript template literals, where ``${...}`` runs code and
backslash escapes turn into markup. So every piece of text that goes into folium's HTML goes
through ``escaping.escape_text``, which also writes ``$``, ``\\`` and backticks as entities.
Incident popups never go through HTML at all: they are built with DOM calls.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Sequence
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import shapely
from folium.plugins import HeatMap, MarkerCluster

from geo.errors import InputError
from geo.geodesy import WGS84
from geo.incidents.events import EventTable, default_event_table
from geo.model import Layer
from geo.outputs.assets import AssetsMissing, inline_assets
from geo.outputs.escaping import escape_text
from geo.outputs.files import write_output
from geo.outputs.incident_layer import IncidentLayer, incident_payload

log = logging.getLogger("geo")

BASEMAP_STYLE = {"color": "#8c8c8c", "weight": 0.8, "fillColor": "#f3efe6", "fillOpacity": 1.0}
# The colour of an event type the table does not know (a store typed by another table).
OTHER_COLOUR = "#333333"
REGION_STYLE = {"color": "#6a3d9a", "weight": 3, "dashArray": "6 4", "fillColor": "#cab2d6", "fillOpacity": 0.2}
# ColorBrewer YlOrRd, six classes of the largest count.
CHOROPLETH_COLOURS = ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"]
LEVEL_NAMES = {0: "country", 1: "region (ADM1)", 2: "district or municipality (ADM2)"}
DEFAULT_CENTRE = [44.0, 20.9]

# Simplification tolerances in degrees, about a pixel where each is seen: countries at zoom 6 (2 km),
COUNTRY_TOLERANCE = 0.02
# regions, districts and the shapes of vague places closer, at zoom 9 or 10 (200 m).
REGION_TOLERANCE = 0.002
# The map opens on the 10th to 90th percentile of the incidents: a stray far mention does not zoom it out.
CORE_QUANTILES = (0.1, 0.9)
# Degrees (longitude, latitude) of basemap countries kept around that middle: a screen's worth at zoom 6.
BASEMAP_MARGIN = (10.0, 7.0)
# Degrees added around the middle when the map opens, so the outermost markers are not on its edge.
FIT_PAD = 0.3
# The deepest zoom of a map without tiles (folium's default for tiles): country polygons and markers.
NO_TILES_MAX_ZOOM = 18


def place_level(feature_code: object, geometry_type: object) -> int:
    """The finest boundary level at which a place can be counted: a town anywhere, a first-level
    region at levels 0-1, a country, a part of one or a border only at the country level."""
    code = str(feature_code or "")
    if code == "ADM1":
        return 1
    if code == "ADM2":
        return 2
    if code.startswith(("PCL", "BORDER", "RGN", "CONT")) or str(geometry_type or "Point") != "Point":
        return 0
    return 9


def _layer_frames(layers: Sequence[Layer]) -> dict[int, gpd.GeoDataFrame]:
    """Boundary polygons per level (layers of one level, such as two countries' ADM2, joined)."""
    by_level: dict[int, list[gpd.GeoDataFrame]] = {}
    for layer in layers:
        by_level.setdefault(layer.level, []).append(layer.frame[["name", "geometry"]])
    return {level: gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=WGS84)
            for level, frames in sorted(by_level.items())}


def choropleth_frames(incidents: gpd.GeoDataFrame, layers: Sequence[Layer]) -> dict[int, gpd.GeoDataFrame]:
    """Per level, the polygons that hold incidents, with ``incidents`` (the count) and ``fill``."""
    out: dict[int, gpd.GeoDataFrame] = {}
    if not len(incidents):
        return out
    levels = [place_level(c, g) for c, g in zip(incidents.get("feature_code", pd.Series([None] * len(incidents))),
                                                 incidents.get("geometry_type", pd.Series([None] * len(incidents))),
                                                 strict=True)]
    for level, polygons in _layer_frames(layers).items():
        col = f"adm{level}"
        if col not in incidents.columns:
            continue
        names = incidents[col][[lv >= level for lv in levels]].dropna()
        counts = names.value_counts()
        if counts.empty:
            continue
        shapes = polygons[polygons["name"].isin(counts.index)].drop_duplicates("name").copy()
        if shapes.empty:  # named after polygons this run does not have (a store joined to other layers)
            continue
        shapes["geometry"] = _coarse(shapes.geometry, COUNTRY_TOLERANCE if level == 0 else REGION_TOLERANCE)
        shapes["incidents"] = shapes["name"].map(counts).astype(int)
        top = int(shapes["incidents"].max())
        shapes["fill"] = [CHOROPLETH_COLOURS[max(0, math.ceil(c / top * len(CHOROPLETH_COLOURS)) - 1)]
                          for c in shapes["incidents"]]
        shapes["name"] = shapes["name"].map(escape_text)
        out[level] = shapes
    return out


def region_shapes(incidents: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The regions and border lines that vague places mean ("northern Kosovo", "the
    Kosovo–Serbia border", "the Balkans"): each distinct non-point ``shape`` the incidents
    name, except plain country and admin polygons (the choropleth draws those). The hook for
    richer vague-place geometries: whatever the geometry stage puts in ``shape`` is drawn."""
    empty = gpd.GeoDataFrame({"label": []}, geometry=[], crs=WGS84)
    if "shape" not in incidents.columns or not len(incidents):
        return empty
    rows = incidents[incidents["geometry_type"].fillna("Point") != "Point"]
    plain = rows["feature_code"].fillna("").str.startswith(("PCL", "ADM")) & (rows["modifier"].fillna("") == "")
    rows = rows[~plain]
    if not len(rows):
        return empty
    labels = [escape_text(p or n) for p, n in zip(rows["phrase"].fillna(""), rows["name"], strict=True)]
    shapes = gpd.GeoDataFrame({"label": labels}, geometry=list(rows["shape"]), crs=WGS84)
    shapes = shapes[shapes.geometry.notna()].drop_duplicates("label")
    shapes["geometry"] = _coarse(shapes.geometry, REGION_TOLERANCE)
    return shapes


def _core_bounds(incidents: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """The box around the middle of the incidents (``CORE_QUANTILES``)."""
    lon, lat = incidents.geometry.x, incidents.geometry.y
    low, high = CORE_QUANTILES
    return lon.quantile(low), lat.quantile(low), lon.quantile(high), lat.quantile(high)


def _coarse(geometry: gpd.GeoSeries, tolerance: float) -> gpd.GeoSeries:
    """Simplified, on a grid of half the tolerance: fewer points, and fewer digits per point."""
    simple = geometry.simplify(tolerance, preserve_topology=True)
    return gpd.GeoSeries(shapely.set_precision(simple.values, tolerance / 2), index=geometry.index, crs=geometry.crs)


def _basemap_countries(countries: gpd.GeoDataFrame, incidents: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The country polygons around most incidents (``BASEMAP_MARGIN`` around the middle of
    them), all of them for an empty map."""
    frame = countries[["name", "geometry"]]
    if len(incidents):
        minx, miny, maxx, maxy = _core_bounds(incidents)
        dx, dy = BASEMAP_MARGIN
        # Web Mercator ends at about 85 degrees of latitude.
        window = (max(minx - dx, -180), max(miny - dy, -85), min(maxx + dx, 180), min(maxy + dy, 85))
        frame = frame.cx[window[0]:window[2], window[1]:window[3]].copy()
        frame["geometry"] = frame.geometry.clip_by_rect(*window)
        frame = frame[~frame.geometry.is_empty]
    frame = frame.copy()
    frame["geometry"] = _coarse(frame.geometry, COUNTRY_TOLERANCE)
    frame["name"] = frame["name"].map(escape_text)
    return frame


def _type_list(incidents: gpd.GeoDataFrame, table: EventTable | None) -> list[tuple[str, str]]:
    """The legend's (event type, colour) pairs: the table's, then any other the incidents have."""
    table = table or default_event_table()
    types = [(t, table.colour(t)) for t in table.event_types]
    known = {name for name, _ in types}
    extra = sorted({t for t in incidents.get("event_type", []) if t and t not in known}) if len(incidents) else []
    return types + [(t, OTHER_COLOUR) for t in extra]


def _tile_layer(tiles: str) -> folium.TileLayer:
    """folium's layer for a tile provider name (any of xyzservices': OpenStreetMap, CartoDB positron,
    Esri.WorldImagery); ``InputError`` for a name it does not know or a provider that needs a key."""
    try:
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            layer = folium.TileLayer(tiles, name=tiles, control=True)
        for warning in said:  # "CartoDB tiles now require an API key": one line, as geo's warnings are
            log.warning("--tiles %s: %s", tiles, str(warning.message).splitlines()[0])
        return layer
    except ValueError as exc:
        raise InputError(f"--tiles {tiles!r}: not a tile provider folium can use without a key ({exc}); "
                         "give a name such as OpenStreetMap, 'CartoDB positron' or Esri.WorldImagery, "
                         "or none") from None


def build_map(incidents: gpd.GeoDataFrame, layers: Sequence[Layer] = (), tiles: str | None = "OpenStreetMap",
              table: EventTable | None = None, step_ms: int = 700) -> folium.Map:
    """The incident map: ``incidents`` from ``geo.incidents`` (one row per incident and place),
    ``layers`` the boundary layers (countries first, as ``geo.boundaries.installed_layers``)."""
    fmap = folium.Map(location=DEFAULT_CENTRE, zoom_start=6, tiles=None, control_scale=True)
    tile_layer = _tile_layer(tiles).add_to(fmap) if tiles else None
    if tile_layer is None:
        # Leaflet takes the map's zoom range from its tile layers; without one the marker
        # cluster stops with "Map has no maxZoom specified".
        fmap.options["max_zoom"] = NO_TILES_MAX_ZOOM
    countries = next((lay.frame for lay in layers if lay.level == 0), None)
    fallback = None
    if countries is not None:
        # Its own pane, above the tiles and below every other layer.
        folium.map.CustomPane("geo-basemap", z_index=250).add_to(fmap)
        fallback = folium.GeoJson(
            _basemap_countries(countries, incidents).to_json(), name="Countries (basemap without tiles)",
            style_function=lambda _: BASEMAP_STYLE, show=tiles is None, interactive=False,
            pane="geo-basemap",
        ).add_to(fmap)
    chor = choropleth_frames(incidents, layers)
    finest = max(chor) if chor else None
    for level, shapes in chor.items():
        folium.GeoJson(
            shapes.to_json(), name=f"Incidents per {LEVEL_NAMES.get(level, f'ADM{level}')}", show=level == finest,
            style_function=lambda f: {"color": "#444444", "weight": 1, "fillColor": f["properties"]["fill"],
                                      "fillOpacity": 0.55},
            highlight_function=lambda _: {"weight": 3},
            tooltip=folium.GeoJsonTooltip(fields=["name", "incidents"], aliases=["", "Incidents"]),
        ).add_to(fmap)
    regions = region_shapes(incidents)
    if len(regions):
        folium.GeoJson(regions.to_json(), name="Regions and borders named", style_function=lambda _: REGION_STYLE,
                       tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False)).add_to(fmap)
    heat = None
    if len(incidents):
        # No points here: the incident layer's script weights the visible incidents, on load and
        # whenever the type filter or the timeline changes.
        heat = HeatMap([], name="Heatmap", show=False, radius=22, blur=18, min_opacity=0.35).add_to(fmap)
    cluster = MarkerCluster(name="Incidents", options={"chunkedLoading": True}).add_to(fmap)
    payload = incident_payload(incidents, _type_list(incidents, table))
    IncidentLayer(payload, fmap, cluster, heat, tile_layer, fallback, step_ms=step_ms).add_to(fmap)
    if len(incidents):
        minx, miny, maxx, maxy = _core_bounds(incidents)
        fmap.fit_bounds([[miny - FIT_PAD, minx - FIT_PAD], [maxy + FIT_PAD, maxx + FIT_PAD]])
    folium.LayerControl(collapsed=False).add_to(fmap)
    log.info("map: %d incidents, %d choropleth levels, %d regions", len(incidents), len(chor), len(regions))
    return fmap


def render_map(fmap: folium.Map, self_contained: bool = False) -> str:
    """The page's HTML; with ``self_contained`` every script and stylesheet is inlined. Where
    npm's packages are not installed at all (geo installed from a wheel), the page loads them
    from the CDNs instead, with one warning."""
    page = fmap.get_root().render()
    if not self_contained:
        return page
    try:
        return inline_assets(page)
    except AssetsMissing as exc:
        log.warning("the map's scripts come from npm packages that are not installed here (%s): it loads them "
                    "from the CDNs, as with --cdn, and needs the network; run 'npm ci' in a checkout or set "
                    "$GEO_NPM_DIR for a map that works offline", exc.package)
        return page


def write_map(fmap: folium.Map, path: Path, self_contained: bool = False) -> None:
    write_output(Path(path), render_map(fmap, self_contained))
