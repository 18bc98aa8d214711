"""The incidents on the map: one compact data block and a small ``MacroElement`` that turns it
into clustered markers coloured by type, a legend that filters by type, and a timeline.

No folium plugin filters markers by type and date together, so this element does it. Its
data is written once, as JSON in a ``<script type="application/json">`` block: the sentences
and articles are tables the incidents point into, so a sentence that several places share
(or an article that many incidents come from) is written once, not copied into every popup.
``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so no article text can close the block.
Popups are built on click with DOM calls (``textContent``, ``href`` only for http(s) links):
article text is never parsed as HTML.
"""

from __future__ import annotations

import json
import math

import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template

from geo.incidents.dates import PRECISIONS

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return text


def _int(value: object, default: int = -1) -> int:
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return int(f) if math.isfinite(f) else default


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
    from geo.outputs.webmap import safe_link

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
        "type": column("type").map(type_index).fillna(len(types) - 1).astype(int).tolist(),
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

    _template = Template("""
{% macro html(this, kwargs) %}
<style>
.geo-legend, .geo-timeline { background: #fff; padding: 6px 8px; font: 12px/1.4 sans-serif; }
.geo-legend label { display: block; margin: 0; cursor: pointer; }
.geo-swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin: 0 4px;
  border: 1px solid #333; vertical-align: -1px; }
.geo-timeline input[type=range] { width: 220px; vertical-align: middle; }
.geo-timeline button { border: 1px solid #999; background: #f4f4f4; width: 28px; cursor: pointer; }
.geo-popup p { margin: 4px 0; } .geo-popup mark { background: #ffe066; padding: 0 1px; }
.geo-popup .geo-meta { color: #555; } .geo-popup ul { margin: 2px 0 0 0; padding-left: 16px; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var data = JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent);
  var map = {{ this.map_name }}, cluster = {{ this.cluster_name }};
  var heat = {{ this.heat_name or "null" }}, tiles = {{ this.tiles_name or "null" }};
  var fallback = {{ this.fallback_name or "null" }};
  var n = data.n, typeOn = data.types.map(function () { return true; });
  var last = data.dates.length - 1, dateAt = last, shown = new Uint8Array(n), markers = new Array(n);
  var api = {total: n, ready: false, fallbackActive: false, markers: markers, cluster: cluster};
  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function link(article, parent) {
    var url = article[2], title = article[1] || article[0];
    if (/^https?:\\/\\//i.test(url)) {
      var a = el("a", null, title, parent);
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    } else { el("i", null, title, parent); }
    if (article[3]) { parent.appendChild(document.createTextNode(" (" + article[3] + ")")); }
  }
  function popup(layer) {
    var i = layer.geoIndex, type = data.types[data.type[i]], place = data.places[data.place[i]];
    var box = el("div", "geo-popup"), head = el("div", null, null, box);
    el("span", "geo-swatch", null, head).style.background = type[1];
    el("b", null, type[0], head);
    var p = el("p", "geo-sentence", null, box), s = data.sentences[data.sent[i]];
    if (data.ms[i] >= 0) {
      p.appendChild(document.createTextNode(s.slice(0, data.ms[i])));
      el("mark", null, s.slice(data.ms[i], data.me[i]), p);
      p.appendChild(document.createTextNode(s.slice(data.me[i])));
    } else { p.textContent = s; }
    var when = data.date[i] >= 0 ? data.dates[data.date[i]] : "date unknown";
    if (data.prec[i] > 0) { when += " (" + data.precisions[data.prec[i]] + ")"; }
    if (data.dt[i]) { when += " \\u00b7 \\u201c" + data.dt[i] + "\\u201d"; }
    var where = place[1] && place[1] !== place[0] ? place[0] + ", " + place[1] : place[0];
    el("div", "geo-meta", where + " \\u00b7 " + when, box);
    var ev = data.ev[i].map(function (w) { return data.words[w]; }).join(", ");
    if (ev) { el("div", "geo-meta", "Evidence: " + ev, box); }
    var src = data.src[i], list = el("ul", "geo-sources", null, box);
    for (var k = 0; k < src.length; k += 2) {
      var li = el("li", null, null, list);
      link(data.articles[src[k]], li);
      if (src[k + 1] !== data.sent[i]) { el("div", "geo-meta", data.sentences[src[k + 1]], li); }
    }
    return box;
  }
  for (var i = 0; i < n; i++) {
    var m = L.circleMarker([data.lat[i], data.lon[i]], {radius: 7, weight: 1, color: "#222",
      fillColor: data.types[data.type[i]][1], fillOpacity: 0.9});
    m.geoIndex = i;
    m.bindPopup(popup, {maxWidth: 380});
    markers[i] = m;
  }
  function visible(i) {
    return typeOn[data.type[i]] && (data.date[i] < 0 || data.date[i] <= dateAt);
  }
  var counter;
  function refresh() {
    var add = [], remove = [], count = 0, spots = {};
    for (var i = 0; i < n; i++) {
      var v = visible(i) ? 1 : 0;
      if (v) {
        count++;
        var key = data.lat[i] + "," + data.lon[i];
        spots[key] = (spots[key] || 0) + 1;
      }
      if (v && !shown[i]) { add.push(markers[i]); } else if (!v && shown[i]) { remove.push(markers[i]); }
      shown[i] = v;
    }
    if (remove.length) { cluster.removeLayers(remove); }
    if (add.length) { cluster.addLayers(add); }
    if (heat) {
      var pts = [], top = 1;
      for (var key in spots) { top = Math.max(top, spots[key]); }
      for (var key2 in spots) {
        var ll = key2.split(",");
        pts.push([+ll[0], +ll[1], spots[key2] / top]);
      }
      heat.setLatLngs(pts);
    }
    api.visible = count;
    if (counter) {
      counter.textContent = (last >= 0 ? "up to " + data.dates[dateAt] + " \\u00b7 " : "") +
        count + " of " + n + " incidents";
    }
  }
  api.refresh = refresh;
  cluster.options.chunkedLoading = true;
  cluster.options.chunkProgress = function (done, total) { if (done >= total) { api.ready = true; } };

  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var box = el("div", "geo-legend leaflet-bar");
    el("b", null, "Incident types", box);
    var counts = data.types.map(function () { return 0; });
    for (var i = 0; i < n; i++) { counts[data.type[i]]++; }
    data.types.forEach(function (t, k) {
      var label = el("label", null, null, box), box2 = el("input", null, null, label);
      box2.type = "checkbox"; box2.checked = true; box2.setAttribute("data-type", t[0]);
      box2.addEventListener("change", function () { typeOn[k] = box2.checked; refresh(); });
      el("span", "geo-swatch", null, label).style.background = t[1];
      label.appendChild(document.createTextNode(t[0] + " (" + counts[k] + ")"));
    });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  legend.addTo(map);

  var timeline = L.control({position: "bottomleft"});
  timeline.onAdd = function () {
    var box = el("div", "geo-timeline leaflet-bar"), timer = null;
    var play = el("button", "geo-play", "\\u25b6", box), slider = el("input", "geo-slider", null, box);
    play.type = "button"; play.title = "Play the incidents in date order";
    slider.type = "range"; slider.min = 0; slider.max = Math.max(last, 0); slider.value = Math.max(last, 0);
    slider.disabled = last < 1; play.disabled = last < 1;
    slider.addEventListener("input", function () { dateAt = +slider.value; refresh(); });
    play.addEventListener("click", function () {
      if (timer) { clearInterval(timer); timer = null; play.textContent = "\\u25b6"; return; }
      if (dateAt >= last) { dateAt = 0; slider.value = 0; refresh(); }
      play.textContent = "\\u23f8";
      timer = setInterval(function () {
        if (dateAt >= last) { clearInterval(timer); timer = null; play.textContent = "\\u25b6"; return; }
        dateAt++; slider.value = dateAt; refresh();
      }, {{ this.step_ms }});
    });
    counter = el("div", "geo-count", null, box);
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  timeline.addTo(map);

  function fallBack() {
    if (api.fallbackActive || !fallback) { return; }
    api.fallbackActive = true;
    map.getContainer().style.background = "#cfe3ef";
    if (!map.hasLayer(fallback)) { fallback.addTo(map); }
  }
  if (tiles) { tiles.on("tileerror", fallBack); } else { fallBack(); }
  api.fallBack = fallBack;
  api.show = function (i, done) {
    // markercluster waits for a move that never comes when a circle marker is already in view.
    var m = markers[i], called = false;
    function finish() { if (!called) { called = true; if (done) { done(m); } } }
    if (m._map && cluster.getVisibleParent(m) === m) { finish(); return; }
    cluster.zoomToShowLayer(m, finish);
    // markercluster spiderfies a cluster of circle markers at the last zoom but then waits
    // for an icon they never have: from 1.5 s on, spiderfy the cluster ourselves and answer
    // once the marker is on the map (or after 20 s, so no caller waits for ever).
    var waited = 1500;
    function check() {
      if (called) { return; }
      if (m._map || waited >= 20000) { finish(); return; }
      var parent = cluster.getVisibleParent(m);
      if (parent && parent !== m && parent.spiderfy && !cluster._inZoomAnimation) { parent.spiderfy(); }
      waited += 250;
      setTimeout(check, 250);
    }
    setTimeout(check, 1500);
  };
  refresh();
  if (!cluster._map || n === 0) { api.ready = true; }
  window.geoIncidents = api;
})();
{% endmacro %}
""")

    def render(self, **kwargs) -> None:
        """The template's parts, then the data block as it is (megabytes of JSON through
        Jinja's lexer would cost seconds)."""
        super().render(**kwargs)
        block = f'<script type="application/json" id="{self.get_name()}_data">{self.payload}</script>'
        self.get_root().html.add_child(_Raw(block), name=f"{self.get_name()}_data")

    def __init__(self, payload: dict, map_name: str, cluster_name: str, heat_name: str | None = None,
                 tiles_name: str | None = None, fallback_name: str | None = None, step_ms: int = 700) -> None:
        super().__init__()
        self._name = "IncidentLayer"
        self.payload = script_json(payload)
        self.map_name, self.cluster_name, self.heat_name = map_name, cluster_name, heat_name
        self.tiles_name, self.fallback_name, self.step_ms = tiles_name, fallback_name, int(step_ms)
