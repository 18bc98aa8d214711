{# The filters (types, sub type, actor, dates, search, background) and everything that counts
    what they let through: markers, shapes, the legend, the choropleth and the heatmap. -#}
  var filter = {types: TYPES.map(function () { return true; }), sub: null, actor: null, from: null, to: null,
                search: null, background: true};
  var on = new Uint8Array(n), shown = new Uint8Array(n);
  var typeCounts = TYPES.map(function () { return 0; });
  var typeTotals = TYPES.map(function () { return 0; });
  for (var t0 = 0; t0 < n; t0++) { typeTotals[D.type[t0]]++; }
  var subCodes = textCodes(C.sub_event_type, n);
  var hasActors = !!(C.actors && C.actors.items && C.actors.items.s);

  function hasActor(i) { return codes("actors", i).indexOf(filter.actor) >= 0; }
  // Every filter but the type's: what the legend counts per type.
  function passesOthers(i) {
    if (D.background[i]) {
      if (!filter.background) { return false; }
    } else if (D.day[i] !== null && ((filter.from !== null && D.day[i] < filter.from) ||
                                      (filter.to !== null && D.day[i] > filter.to))) {
      return false;
    }
    if (filter.sub !== null && (!subCodes || subCodes[i] !== filter.sub)) { return false; }
    if (filter.actor !== null && !hasActor(i)) { return false; }
    return !(filter.search && !filter.search[i]);
  }

  var CHOROPLETH = ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"];
  var levelCounts = D.levels.map(function (level) { return new Int32Array(level.names.length); });
  var levelParts = D.levels.map(function (level, k) {
    var parts = new Array(level.names.length), layer = choropleths[k];
    if (layer) { layer.eachLayer(function (part) { parts[part.feature.properties.k] = part; }); }
    return parts;
  });
  var tip = L.tooltip({direction: "top", sticky: true, className: "geo-tip"});
  levelParts.forEach(function (parts, k) {
    parts.forEach(function (part, p) {
      if (!part) { return; }
      part.on("mouseover mousemove", function (e) {
        var box = el("div"), name = D.levels[k].names[p];
        el("b", null, name, box);
        el("div", null, "Incidents: " + levelCounts[k][p], box);
        tip.setLatLng(e.latlng).setContent(box);
        if (!map.hasLayer(tip)) { map.openTooltip(tip); }
        part.setStyle({weight: 3});
      });
      part.on("mouseout", function () { map.closeTooltip(tip); part.setStyle({weight: 1}); });
    });
  });
  function paintChoropleth() {
    levelCounts.forEach(function (counts, k) {
      var top = 0;
      for (var p = 0; p < counts.length; p++) { top = Math.max(top, counts[p]); }
      levelParts[k].forEach(function (part, q) {
        if (!part) { return; }
        var c = counts[q], cls = top ? Math.max(0, Math.ceil(c / top * CHOROPLETH.length) - 1) : 0;
        part.setStyle(c ? {fillColor: CHOROPLETH[cls], fillOpacity: 0.55, opacity: 1, color: "#444444"}
                        : {fillOpacity: 0, opacity: 0});
      });
    });
  }
  var areaCounts = new Int32Array(D.areas.length);
  function paintAreas() {
    areaParts.forEach(function (parts, a) {
      var layer = D.areas[a][1] ? wholeLayer : regionsLayer, tag = areaTags[a], count = areaCounts[a];
      if (!layer) { return; }
      parts.forEach(function (part) {
        if (count && !layer.hasLayer(part)) { layer.addLayer(part); }
        if (!count && layer.hasLayer(part)) { layer.removeLayer(part); }
      });
      tag.geoCount.textContent = String(count);
      if (tag._icon) { tag._icon.setAttribute("aria-label", tagLabel(a)); }
      if (count && !layer.hasLayer(tag)) { layer.addLayer(tag); }
      if (!count && layer.hasLayer(tag)) { layer.removeLayer(tag); }
    });
    placeTags();
  }
  function paintHeat(spots) {
    if (!heat || !spots) { return; }
    var pts = [], top = 1, key;
    for (key in spots) { top = Math.max(top, spots[key]); }
    for (key in spots) {
      var ll = key.split(",");
      pts.push([+ll[0], +ll[1], spots[key] / top]);
    }
    heat.setLatLngs(pts);
  }
  var listeners = [];
  function refresh() {
    var add = [], remove = [], count = 0, spots = heat && heat._map ? {} : null;  // the heatmap when shown
    countGeneration++;
    typeCounts = TYPES.map(function () { return 0; });
    levelCounts.forEach(function (c) { c.fill(0); });
    areaCounts.fill(0);
    for (var i = 0; i < n; i++) {
      var others = passesOthers(i), v = others && filter.types[D.type[i]] ? 1 : 0;
      if (others) { typeCounts[D.type[i]]++; }
      on[i] = v;
      if (v) {
        count++;
        for (var k = 0; k < levelCounts.length; k++) {
          var p = D.levels[k].member[i];
          if (p >= 0) { levelCounts[k][p]++; }
        }
        if (D.area[i] >= 0) { areaCounts[D.area[i]]++; } else if (spots) {
          var key = number("lat", i) + "," + number("lon", i);
          spots[key] = (spots[key] || 0) + 1;
        }
      }
      if (markers[i]) {
        if (v && !shown[i]) { add.push(markers[i]); } else if (!v && shown[i]) { remove.push(markers[i]); }
        shown[i] = v;
      }
    }
    if (remove.length > 1000 && remove.length > add.length + count / 2) {
      // markercluster removes one marker at a time: clearing and adding what stays is faster.
      var kept = [];
      for (var j = 0; j < n; j++) { if (shown[j] && markers[j]) { kept.push(markers[j]); } }
      cluster.clearLayers();
      if (kept.length) { cluster.addLayers(kept); }
    } else {
      if (remove.length) { cluster.removeLayers(remove); }
      if (add.length) { cluster.addLayers(add); }
    }
    api.visible = count;
    paintChoropleth();
    paintAreas();
    paintHeat(spots);
    listeners.forEach(function (f) { f(count); });
  }
  if (heat) { map.on("overlayadd", function (e) { if (e.layer === heat) { refresh(); } }); }
  api.refresh = refresh;
  api.filter = filter;
  api.on = on;
  // For tests and scripts: what the choropleth counts now, per polygon name of a level.
  api.levelCounts = function (k) {
    var out = {};
    D.levels[k].names.forEach(function (name, p) { out[name] = levelCounts[k][p]; });
    return out;
  };
