"""The incidents on the map: one compact data block and a small ``MacroElement`` that turns it
into clustered markers coloured by type, a legend that filters by type, and a timeline.

No folium plugin filters markers by type and date together, so this element does it. Its
data is written once, as JSON in a ``<script type="application/json">`` block: the sentences
and articles are tables the incidents point into, so a sentence that several places share
(or an article that many incidents come from) is written once, not copied into every popup.
``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so no article text can close the block.
Popups are built on click with DOM calls (``textContent``, ``href`` only for http(s) links):
article text is never parsed as HTML. The element's script and stylesheet are Jinja templates
in ``templates/`` (``incident_layer.js``, ``incident_layer.css``), rendered by folium.
"""

from __future__ import annotations

from importlib.resources import files

import folium
import geopandas as gpd
import jinja2
import pandas as pd
from branca.element import Element, MacroElement
from folium.plugins import HeatMap, MarkerCluster
from folium.template import Environment

from geo.incidents.dates import PRECISIONS
from geo.outputs.escaping import safe_link, script_json


def _package_template(name: str) -> str:
    """A file of ``geo/outputs/templates``, read from the installed package (a wheel too)."""
    return (files("geo.outputs") / "templates" / name).read_text(encoding="utf-8")


# folium's Jinja (its ``tojavascript`` filter), reading the templates on first render.
_TEMPLATES = Environment(loader=jinja2.FunctionLoader(_package_template))


class _Table:
    """Values written once and referred to by index."""

    def __init__(self) -> None:
        self.index: dict = {}
        self.values: list = []

    def __call__(self, value) -> int:
        key = tuple(value) if isinstance(value, list) else value
        found = self.index.get(key)
        if found is None:
            found = self.index[key] = len(self.values)
            self.values.append(value)
        return found


def incident_payload(incidents: gpd.GeoDataFrame, types: list[tuple[str, str]]) -> dict:
    """The incidents as column arrays pointing into shared tables (types, dates, articles,
    sentences, places, evidence words)."""
    type_index = {name: i for i, (name, _) in enumerate(types)}
    n = len(incidents)
    dates = sorted({d for d in incidents["date"] if isinstance(d, str) and d}) if n else []
    date_index = {d: i for i, d in enumerate(dates)}
    articles, words = _Table(), _Table()
    links: dict[str, str] = {}

    def column(name: str, default=None) -> pd.Series:
        return incidents[name] if name in incidents.columns else pd.Series([default] * n, index=incidents.index,
                                                                             dtype=object)

    # Places and sentences: one table entry each, by pandas.factorize.
    names = column("name", "").fillna("").astype(str)
    where = column("adm0").where(column("adm0").notna(), column("country_code")).fillna("").astype(str)
    place_codes, place_keys = pd.factorize(names + "\x00" + where)
    sentence_col = column("sentence", "").fillna("").astype(str)
    sent_codes, sent_values = pd.factorize(sentence_col)
    sentences = _Table()
    for value in sent_values:
        sentences(value)
    start = pd.to_numeric(column("start"), errors="coerce") - pd.to_numeric(column("sentence_start"),
                                                                            errors="coerce").fillna(0)
    length = column("text", "").fillna("").astype(str).str.len()
    ok = (start >= 0) & (start + length <= sentence_col.str.len()) & (length > 0)
    cols: dict[str, list] = {
        "lat": column("lat").astype(float).round(5).tolist(),
        "lon": column("lon").astype(float).round(5).tolist(),
        "type": column("event_type").map(type_index).fillna(len(types) - 1).astype(int).tolist(),
        "date": column("date").map(date_index).fillna(-1).astype(int).tolist(),
        "prec": column("date_precision").map({p: i for i, p in enumerate(PRECISIONS)}).fillna(-1).astype(int).tolist(),
        "place": place_codes.tolist(),
        "sent": sent_codes.tolist(),
        "ms": start.where(ok, -1).fillna(-1).astype(int).tolist(),
        "me": (start + length).where(ok, -1).fillna(-1).astype(int).tolist(),
        "src": [], "ev": [],
        "dt": column("date_text", "").fillna("").astype(str).tolist(),
    }
    for sources in column("sources"):
        src = []
        for s in sources or []:
            url = s.get("url", "")
            if url not in links:
                links[url] = safe_link(url) or ""
            src += [articles([s.get("article_id", ""), s.get("title", ""), links[url], s.get("published", "")]),
                    sentences(s.get("sentence", ""))]
        cols["src"].append(src)
    cols["ev"] = [[words(w) for w in evidence] if isinstance(evidence, list) else [] for evidence in column("evidence")]
    places = [key.split("\x00", 1) for key in place_keys]
    return {"n": len(cols["lat"]), "types": [list(t) for t in types], "dates": dates,
            "precisions": list(PRECISIONS), "articles": articles.values, "sentences": sentences.values,
            "places": places, "words": words.values, **cols}


class _Raw(Element):
    """Text written into the page as it is, not as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class IncidentLayer(MacroElement):
    """Adds the incidents to a MarkerCluster, with a type legend that filters, a timeline
    (slider and playback over the incident dates), a heatmap that follows both, and the
    country polygons as the basemap when the tiles cannot load."""

    _template = _TEMPLATES.from_string(
        '{% macro html(this, kwargs) %}\n<style>\n{% include "incident_layer.css" %}\n</style>\n{% endmacro %}\n'
        '{% macro script(this, kwargs) %}\n{% include "incident_layer.js" %}\n{% endmacro %}\n')

    def __init__(self, payload: dict, fmap: folium.Map, cluster: MarkerCluster, heat: HeatMap | None = None,
                 tiles: folium.TileLayer | None = None, fallback: folium.GeoJson | None = None,
                 step_ms: int = 700) -> None:
        """``heat`` gets the visible incidents' weights from the script (``setLatLngs``) whenever
        the filters change; ``fallback`` is shown when ``tiles`` fail to load (or at once without)."""
        super().__init__()
        self._name = "IncidentLayer"
        self.payload = script_json(payload)
        self.map, self.cluster, self.heat = fmap, cluster, heat
        self.tiles, self.fallback, self.step_ms = tiles, fallback, int(step_ms)

    def render(self, **kwargs) -> None:
        """The template's parts, then the data block as it is (megabytes of JSON through
        Jinja's lexer would cost seconds)."""
        super().render(**kwargs)
        block = f'<script type="application/json" id="{self.get_name()}_data">{self.payload}</script>'
        self.get_root().html.add_child(_Raw(block), name=f"{self.get_name()}_data")
