{# The incident layer's script: a Jinja template rendered by folium (IncidentLayer in
    incident_layer.py). Every value goes in through folium's tojavascript filter: an element
    becomes its variable name, None becomes null, anything else escaped JSON. The incidents
    themselves are not here: they are read from the JSON block the element writes beside it. -#}
(function () {
  var data = JSON.parse(document.getElementById({{ (this.get_name() ~ "_data")|tojavascript }}).textContent);
  var map = {{ this.map|tojavascript }}, cluster = {{ this.cluster|tojavascript }};
  var heat = {{ this.heat|tojavascript }}, tiles = {{ this.tiles|tojavascript }};
  var fallback = {{ this.fallback|tojavascript }};
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
    if (/^https?:\/\//i.test(url)) {
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
    if (data.dt[i]) { when += " \u00b7 \u201c" + data.dt[i] + "\u201d"; }
    var where = place[1] && place[1] !== place[0] ? place[0] + ", " + place[1] : place[0];
    el("div", "geo-meta", where + " \u00b7 " + when, box);
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
      counter.textContent = (last >= 0 ? "up to " + data.dates[dateAt] + " \u00b7 " : "") +
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
    var play = el("button", "geo-play", "\u25b6", box), slider = el("input", "geo-slider", null, box);
    play.type = "button"; play.title = "Play the incidents in date order";
    slider.type = "range"; slider.min = 0; slider.max = Math.max(last, 0); slider.value = Math.max(last, 0);
    slider.disabled = last < 1; play.disabled = last < 1;
    slider.addEventListener("input", function () { dateAt = +slider.value; refresh(); });
    play.addEventListener("click", function () {
      if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; return; }
      if (dateAt >= last) { dateAt = 0; slider.value = 0; refresh(); }
      play.textContent = "\u23f8";
      timer = setInterval(function () {
        if (dateAt >= last) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; return; }
        dateAt++; slider.value = dateAt; refresh();
      }, {{ this.step_ms|tojavascript }});
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
