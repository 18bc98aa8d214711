"""The incidents on the map: one compact data block and a ``MacroElement`` whose script (the
Jinja templates in ``templates/``, rendered by folium) turns it into markers, shapes, filters,
a timeline, a search, a list and downloads.

The data block holds every property ``geo export`` writes for each incident, read by the one
function that writes them (``geojson.property_names``, ``geojson.column_values``), so a download
from the page has the same properties as the export. It is written once, by column
(``encode_column``): every piece of text is one entry of a string table that the columns
point into (a sentence that several places share, an article that many incidents come from,
is written once); numbers as they are; lists and ``sources``' records as columns of their own. ``<``, ``>`` and
``&`` are written as ``\\u`` escapes, so no article text can close the block. Popups, rows and
tooltips are built with DOM calls (``textContent``; ``href`` only for http(s) links): article
text is never parsed as HTML.

Beside the properties, what the page needs to draw them: each incident's type (legend order),
day (for the timeline), how it is drawn (a marker of precision 1 or 2, a shape below a
country, or the layer of whole countries), its shape, and the polygon it counts in at each
choropleth level; and the basemap's labels.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

import folium
import geopandas as gpd
import jinja2
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from folium.plugins import HeatMap, MarkerCluster
from folium.template import Environment
from shapely.geometry import mapping

from geo.outputs.escaping import script_json
from geo.outputs.geojson import column_values, property_names
from geo.outputs.map_shapes import Area, ChoroplethLevel, geo_precisions

# How an incident is drawn: a marker (precision 1, 2), the shape it means, the layer of whole countries.
MARKER_1, MARKER_2, REGION, WHOLE = 0, 1, 2, 3
_EPOCH = dt.date(1970, 1, 1)


def _package_template(name: str) -> str:
    """A file of ``geo/outputs/templates``, read from the installed package (a wheel too)."""
    return (files("geo.outputs") / "templates" / name).read_text(encoding="utf-8")


# folium's Jinja (its ``tojavascript`` filter), reading the templates on first render.
_TEMPLATES = Environment(loader=jinja2.FunctionLoader(_package_template))


class _Strings:
    """Every piece of text, written once; columns hold its index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.values: list[str] = []

    def __call__(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.values)
            self.values.append(text)
        return found

    def column(self, values: list) -> list[int]:
        """A column of text (or None: -1) as indices, through ``pandas.factorize``: each
        distinct text is looked up once."""
        codes, uniques = pd.factorize(np.array(values, dtype=object), use_na_sentinel=True)
        table = np.array([self(u) for u in uniques.tolist()] + [-1], dtype=np.int64)
        return table[codes].tolist()


def encode_column(values: list, strings: _Strings) -> dict:
    """A column's values, written compactly and read back exactly (``map_data.js``):
    ``{"s": [...]}`` text as indices into ``strings`` (-1 for None; one index when every row
    has that text); ``{"v": [...]}`` any other JSON values as they are; ``{"all": value}``
    when every row has the same;
    lists as ``{"len": [...], "items": column}`` (each row's length, null for None, and the
    items of all rows as one column); lists of records (dicts, like ``sources``) as
    ``{"len": [...], "rec": {key: column}}``."""
    kinds = set(map(type, values)) - {type(None)}
    if kinds == {str}:
        codes = strings.column(values)
        return {"s": codes[0] if codes.count(codes[0]) == len(codes) else codes}
    if len(kinds) <= 1 and values and values.count(values[0]) == len(values):  # one type: 1 == True cannot mix
        return {"all": values[0]}
    if kinds == {list}:
        lengths = [None if v is None else len(v) for v in values]
        flat = [x for v in values if v for x in v]
        if flat and all(type(x) is dict for x in flat):
            keys = list(dict.fromkeys(k for x in flat for k in x))
            return {"len": lengths, "rec": {k: encode_column([x.get(k) for x in flat], strings) for k in keys}}
        return {"len": lengths, "items": encode_column(flat, strings)}
    return {"v": values}


def _day(text: object) -> int | None:
    try:
        return (dt.date.fromisoformat(str(text)[:10]) - _EPOCH).days
    except ValueError:
        return None


def _days(dates: pd.Series) -> list:
    """Each date as days since 1970-01-01 (None when undated): the timeline's unit. Each
    distinct date is read once."""
    codes, uniques = pd.factorize(dates, use_na_sentinel=True)
    table = [_day(u) for u in uniques] + [None]
    return [table[c] for c in codes.tolist()]


def _draw(incidents: gpd.GeoDataFrame, member: list[int], areas: list[Area]) -> list[int]:
    """How each incident is drawn: a marker of its precision, its shape, or in the whole-country layer."""
    markers = np.where(geo_precisions(incidents) == 2, MARKER_2, MARKER_1)
    return [(WHOLE if areas[a].whole else REGION) if a >= 0 else int(m) for m, a in zip(markers, member, strict=True)]


def incident_payload(incidents: gpd.GeoDataFrame, types: list[tuple[str, str, str]], member: list[int],
                     areas: list[Area], levels: list[ChoroplethLevel], labels: list) -> dict:
    """The page's data: the incidents' properties by column, and how to draw them."""
    strings = _Strings()
    fields = property_names(incidents)
    cols = {name: encode_column(column_values(incidents[name]), strings) for name in fields}
    n = len(incidents)
    type_index = {name: i for i, (name, _, _) in enumerate(types)}
    event_types = incidents["event_type"] if "event_type" in incidents.columns else pd.Series([None] * n)
    background = incidents["background"].fillna(False).astype(bool).tolist() if "background" in incidents.columns \
        else [False] * n
    days = _days(incidents["date"]) if "date" in incidents.columns else [None] * n
    news = [d for d, b in zip(days, background, strict=True) if d is not None and not b]
    return {
        "n": n, "strings": strings.values, "fields": fields, "cols": cols,
        "types": [list(t) for t in types],
        "type": [type_index.get(t, len(types) - 1) for t in event_types],
        "day": days, "background": background, "span": [min(news), max(news)] if news else None,
        "draw": _draw(incidents, member, areas), "area": member,
        "areas": [[a.label, int(a.whole), *a.anchor()] for a in areas],
        # The geometry a download writes for an incident drawn as a shape, where the drawn
        # bands are not that shape ("the north of X" drawn graded).
        "areaShapes": {str(k): mapping(a.shape) for k, a in enumerate(areas)
                       if len(a.parts) != 1 or not a.parts[0][0].equals(a.shape)},
        "levels": [{"title": lv.title, "names": [str(x) for x in lv.frame["name"]], "member": lv.member}
                   for lv in levels],
        "labels": labels,
    }


class _Raw(Element):
    """Text written into the page as it is, not as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class IncidentLayer(MacroElement):
    """The incidents' markers in a MarkerCluster, their shapes in ``regions`` and ``whole``,
    the choropleth that counts them, a heatmap, and the panel, timeline and basemap labels
    that go with them; the country polygons are the basemap when the tiles cannot load."""

    _template = _TEMPLATES.from_string(
        '{% macro html(this, kwargs) %}\n<style>\n{% include "incident_layer.css" %}\n</style>\n{% endmacro %}\n'
        '{% macro script(this, kwargs) %}\n{% include "incident_layer.js" %}\n{% endmacro %}\n')

    def __init__(self, payload: dict, fmap: folium.Map, cluster: MarkerCluster, *, heat: HeatMap | None = None,
                 tiles: folium.TileLayer | None = None, fallback: folium.GeoJson | None = None,
                 regions: folium.GeoJson | None = None, whole: folium.GeoJson | None = None,
                 choropleths: list[folium.GeoJson] | None = None, step_ms: int = 700) -> None:
        """``heat`` gets the shown incidents' weights from the script (``setLatLngs``) whenever
        the filters change; ``fallback`` is shown when ``tiles`` fail to load (or at once without)."""
        super().__init__()
        self._name = "IncidentLayer"
        self.payload = script_json(payload)
        self.map, self.cluster, self.heat = fmap, cluster, heat
        self.tiles, self.fallback, self.step_ms = tiles, fallback, int(step_ms)
        self.regions, self.whole, self.choropleths = regions, whole, list(choropleths or [])

    def render(self, **kwargs) -> None:
        """The template's parts, then the data block as it is (megabytes of JSON through
        Jinja's lexer would cost seconds)."""
        super().render(**kwargs)
        block = f'<script type="application/json" id="{self.get_name()}_data">{self.payload}</script>'
        self.get_root().html.add_child(_Raw(block), name=f"{self.get_name()}_data")
