"""The interactive incident map: folium, its plugins, and article text that is always escaped.

Layers a reader can switch: the incidents (markers of precision 1 and 2, clustered, each type
a colour and a shape: ``incident_layer.py``), the regions and borders precision-3 incidents
name (their shapes, with their incidents listed), incidents that name only a whole country
or larger (off by default), a heatmap, and a choropleth of incident counts per
administrative region at every level installed (countries, then any ADM1/ADM2 layers; the
finest is shown first). The world's country polygons, with names of countries, regions and
towns by zoom, are the basemap when the tiles cannot load. Beside the map, a panel lists the
incidents in view, searches them, filters them and downloads what the filters select; a
timeline picks a span of dates. The choropleth, legend, heatmap, list and downloads all
follow the same filters.

folium pastes tooltip HTML into JavaScript template literals, where ``${...}`` runs code and
backslash escapes turn into markup. So every piece of text that goes into folium's HTML goes
through ``escaping.escape_text``. The page's own popups, rows and tooltips never go through
HTML at all: they are built with DOM calls.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

import folium
import geopandas as gpd
from folium.plugins import HeatMap, MarkerCluster

from geo.errors import InputError
from geo.gazetteer import Gazetteer
from geo.geodesy import WGS84
from geo.incidents.events import EventTable, default_event_table
from geo.model import Layer
from geo.outputs.assets import AssetsMissing, inline_assets
from geo.outputs.escaping import escape_text
from geo.outputs.files import write_output
from geo.outputs.incident_layer import IncidentLayer, incident_payload
from geo.outputs.map_labels import basemap_labels
from geo.outputs.map_shapes import Area, ChoroplethLevel, choropleth_levels, incident_areas, world_basemap
from geo.outputs.palette import BASEMAP_LAND, type_styles

log = logging.getLogger("geo")

BASEMAP_STYLE = {"color": "#8c8c8c", "weight": 0.8, "fillColor": BASEMAP_LAND, "fillOpacity": 1.0}
# The colour of an event type the table does not know (a store typed by another table).
OTHER_COLOUR = "#333333"
# Shapes of precision-3 incidents: a purple that no event type uses, solid where a band weighs 1.
REGION_COLOUR = "#5e2a84"
DEFAULT_CENTRE = [44.0, 20.9]
# The map opens on the 10th to 90th percentile of the incidents: a stray far mention does not zoom it out.
CORE_QUANTILES = (0.1, 0.9)
# Degrees (longitude, latitude) around that middle where the basemap is drawn in detail and
# towns down to 1,000 people are named: a screen's worth at zoom 6.
BASEMAP_MARGIN = (10.0, 7.0)
# Degrees added around the middle when the map opens, so the outermost markers are not on its edge.
FIT_PAD = 0.3
# The deepest zoom of a map without tiles (folium's default for tiles): country polygons and markers.
NO_TILES_MAX_ZOOM = 18
TITLE = "Incident map"


def _core_bounds(incidents: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """The box around the middle of the incidents (``CORE_QUANTILES``)."""
    lon, lat = incidents.geometry.x, incidents.geometry.y
    low, high = CORE_QUANTILES
    return lon.quantile(low), lat.quantile(low), lon.quantile(high), lat.quantile(high)


def _window(incidents: gpd.GeoDataFrame) -> tuple[float, float, float, float] | None:
    """The basemap's detailed window around most incidents (Web Mercator ends at about 85 degrees)."""
    if not len(incidents):
        return None
    minx, miny, maxx, maxy = _core_bounds(incidents)
    dx, dy = BASEMAP_MARGIN
    return max(minx - dx, -180), max(miny - dy, -85), min(maxx + dx, 180), min(maxy + dy, 85)


def _type_list(incidents: gpd.GeoDataFrame, table: EventTable | None) -> list[tuple[str, str]]:
    """The legend's (event type, table colour) pairs: the table's, then any other the incidents have."""
    table = table or default_event_table()
    types = [(t, table.colour(t)) for t in table.event_types]
    known = {name for name, _ in types}
    extra = sorted({t for t in incidents.get("event_type", []) if t and t not in known}) if len(incidents) else []
    return types + [(t, OTHER_COLOUR) for t in extra]


def _choropleth_layer(level: ChoroplethLevel, show: bool) -> folium.GeoJson:
    """A level's polygons; their counts, colours and tooltips come from the page's script."""
    frame = gpd.GeoDataFrame({"k": range(len(level.frame)), "name": level.frame["name"].map(escape_text)},
                             geometry=level.frame.geometry.values, crs=WGS84)
    return folium.GeoJson(frame.to_json(), name=level.title, show=show,
                          style_function=lambda _: {"color": "#444444", "weight": 1, "fillOpacity": 0, "opacity": 0})


def _area_layer(areas: list[Area], whole: bool, name: str) -> folium.GeoJson | None:
    """The shapes of precision-3 incidents (``whole``: those naming a whole country or larger),
    one feature per drawn part, styled by its weight."""
    rows, shapes = [], []
    for k, area in enumerate(areas):
        if area.whole != whole:
            continue
        for geom, weight in area.parts:
            line = geom.geom_type in ("LineString", "MultiLineString")
            # A circle (a region known only by its point) is a guess: dashed and faint.
            fill = 0.0 if line else 0.1 if area.circle else round(0.08 + 0.3 * weight, 3)
            style = {"color": REGION_COLOUR, "weight": 4 if line else 2, "opacity": 0.95 if weight >= 1 else 0,
                     "fillColor": REGION_COLOUR, "fillOpacity": fill,
                     "dashArray": "8 6" if whole or area.circle else None}
            rows.append({"a": k, "w": weight, "style": {key: v for key, v in style.items() if v is not None}})
            shapes.append(geom)
    if not rows:
        return None
    frame = gpd.GeoDataFrame(rows, geometry=shapes, crs=WGS84)
    return folium.GeoJson(frame.to_json(), name=name, show=not whole)


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
              table: EventTable | None = None, step_ms: int = 700, gazetteer: Gazetteer | None = None,
              title: str = TITLE) -> folium.Map:
    """The incident map: ``incidents`` from ``geo.incidents`` (one row per incident and place,
    merged), ``layers`` the boundary layers (countries first, as ``geo.boundaries.run_layers``),
    ``table`` the event types (their colours), ``gazetteer`` for the basemap's town and region
    names (without one, it names countries and boundary layers only)."""
    layers = list(layers)
    fmap = folium.Map(location=DEFAULT_CENTRE, zoom_start=6, tiles=None, control_scale=True, min_zoom=2)
    fmap.get_root().title = title
    tile_layer = _tile_layer(tiles).add_to(fmap) if tiles else None
    if tile_layer is None:
        # Leaflet takes the map's zoom range from its tile layers; without one the marker
        # cluster stops with "Map has no maxZoom specified".
        fmap.options["max_zoom"] = NO_TILES_MAX_ZOOM
    countries = next((lay.frame for lay in layers if lay.level == 0), None)
    window = _window(incidents)
    fallback = None
    if countries is not None:
        # Its own pane, above the tiles and below every other layer.
        folium.map.CustomPane("geo-basemap", z_index=250).add_to(fmap)
        fallback = folium.GeoJson(
            world_basemap(countries, window).assign(name=lambda f: f["name"].map(escape_text)).to_json(),
            name="Countries (basemap without tiles)", style_function=lambda _: BASEMAP_STYLE, show=tiles is None,
            interactive=False, pane="geo-basemap",
        ).add_to(fmap)
    levels = choropleth_levels(incidents, layers)
    choropleths = [_choropleth_layer(level, show=k == len(levels) - 1).add_to(fmap) for k, level in enumerate(levels)]
    member, areas = incident_areas(incidents, countries)
    whole = _area_layer(areas, True, "Incidents naming only a country or larger")
    regions = _area_layer(areas, False, "Regions and borders named")
    for layer in (whole, regions):
        if layer is not None:
            layer.add_to(fmap)
    heat = HeatMap([], name="Heatmap", show=False, radius=22, blur=18, min_opacity=0.35).add_to(fmap) \
        if len(incidents) else None
    cluster = MarkerCluster(name="Incidents", options={"chunkedLoading": True, "showCoverageOnHover": False}
                            ).add_to(fmap)
    types = type_styles(_type_list(incidents, table))
    payload = incident_payload(incidents, types, member, areas, levels, basemap_labels(layers, gazetteer, window))
    if len(incidents):  # the page fits these bounds before it loads the markers
        minx, miny, maxx, maxy = _core_bounds(incidents)
        payload["fit"] = [[miny - FIT_PAD, minx - FIT_PAD], [maxy + FIT_PAD, maxx + FIT_PAD]]
    IncidentLayer(payload, fmap, cluster, heat=heat, tiles=tile_layer, fallback=fallback, regions=regions,
                  whole=whole, choropleths=choropleths, step_ms=step_ms).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    log.info("map: %d incidents, %d choropleth levels, %d shapes", len(incidents), len(levels), len(areas))
    return fmap


# folium's page forbids zooming the page itself (user-scalable=no), which people with low vision need.
_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')


def _accessible(page: str) -> str:
    """The page in English (``lang``), its viewport open to zooming."""
    page = page.replace("<html>", '<html lang="en">', 1)
    return _VIEWPORT.sub('<meta name="viewport" content="width=device-width, initial-scale=1.0" />', page, count=1)


def render_map(fmap: folium.Map, self_contained: bool = False) -> str:
    """The page's HTML; with ``self_contained`` every script and stylesheet is inlined. Where
    npm's packages are not installed at all (geo installed from a wheel), the page loads them
    from the CDNs instead, with one warning."""
    page = _accessible(fmap.get_root().render())
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
