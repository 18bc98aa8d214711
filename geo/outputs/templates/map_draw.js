{# Markers, clusters, the shapes of precision-3 incidents, popups and uncertainty. -#}
  var SHAPE_PATHS = {
    circle: "M2.5 10a7.5 7.5 0 1 0 15 0a7.5 7.5 0 1 0 -15 0Z",
    square: "M3 3H17V17H3Z",
    diamond: "M10 1L19 10L10 19L1 10Z",
    triangle: "M10 1.5L19 17.5H1Z",
    "triangle-down": "M10 18.5L19 2.5H1Z",
    star: "M10 0.5L12.47 6.6L19.04 7.06L13.99 11.3L15.58 17.69L10 14.2L4.42 17.69L6.01 11.3L0.96 7.06L7.53 6.6Z",
    hexagon: "M18.8 10L14.4 17.62L5.6 17.62L1.2 10L5.6 2.38L14.4 2.38Z",
    pentagon: "M10 1L18.56 7.22L15.29 17.28L4.71 17.28L1.44 7.22Z",
    cross: "M7 2H13V7H18V13H13V18H7V13H2V7H7Z"
  };
  var SIZES = [20, 26, 32, 40, 48];
  var sizeByFatalities = false;
  function sizeClass(i) {
    if (!sizeByFatalities) { return 0; }
    var f = number("fatalities", i) || 0;
    return f <= 0 ? 0 : f < 3 ? 1 : f < 10 ? 2 : f < 50 ? 3 : 4;
  }
  // A type's shape in its colour: precision 1 solid, precision 2 a ring; a white halo and a
  // dark edge keep it 3:1 against any fill beneath.
  function shapeSvg(type, precision, size) {
    var d = SHAPE_PATHS[TYPES[type][2]] || SHAPE_PATHS.circle, colour = TYPES[type][1];
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "-3 -3 26 26");
    svg.setAttribute("width", size); svg.setAttribute("height", size);
    svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false");
    function path(fill, stroke, width) {
      var p = document.createElementNS("http://www.w3.org/2000/svg", "path");
      p.setAttribute("d", d); p.setAttribute("fill", fill); p.setAttribute("stroke", stroke);
      p.setAttribute("stroke-width", width); p.setAttribute("stroke-linejoin", "round");
      svg.appendChild(p);
    }
    path("#ffffff", "#ffffff", 5);
    if (precision === 2) { path("none", "#1a1a1a", 6.5); path("#ffffff", colour, 4); }
    else { path(colour, "#1a1a1a", 1.6); }
    return svg;
  }
  var icons = {};
  function iconFor(i) {
    var type = D.type[i], precision = D.draw[i] === 1 ? 2 : 1, size = SIZES[sizeClass(i)];
    var key = type + "/" + precision + "/" + size;
    if (!icons[key]) {
      icons[key] = L.divIcon({html: shapeSvg(type, precision, size).outerHTML, iconSize: [size, size],
                              className: "geo-marker geo-p" + precision});
    }
    return icons[key];
  }
  function markerLabel(i) {
    return TYPES[D.type[i]][0] + ": " + placeLabel(i) + ", " + dateText(i) +
      " (precision " + precisionOf(i) + ")";
  }
  // Markers announce what they are, and show their uncertainty while focused.
  var GeoMarker = L.Marker.extend({
    onAdd: function (m) {
      L.Marker.prototype.onAdd.call(this, m);
      var icon = this._icon, i = this.geoIndex;
      if (icon) {
        icon.setAttribute("aria-label", markerLabel(i));
        L.DomEvent.on(icon, "focus", function () { showUncertainty(i); });
        L.DomEvent.on(icon, "blur", hideUncertainty);
      }
      return this;
    }
  });
  var ClusterIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var div = L.DivIcon.prototype.createIcon.call(this, old);
      div.setAttribute("aria-label", this.options.label);
      return div;
    }
  });
  // A cluster's count per type, from its child clusters' (kept on each cluster while its
  // count and the filters are unchanged: as markers load in chunks, only the clusters that
  // grew are counted again).
  var countGeneration = 0;
  function clusterTypes(c) {
    if (c._geoGeneration === countGeneration && c._geoCount === c._childCount) { return c._geoTypes; }
    var counts = new Int32Array(TYPES.length), k, t;
    for (k = 0; k < c._markers.length; k++) { counts[D.type[c._markers[k].geoIndex]]++; }
    for (k = 0; k < c._childClusters.length; k++) {
      var sub = clusterTypes(c._childClusters[k]);
      for (t = 0; t < counts.length; t++) { counts[t] += sub[t]; }
    }
    c._geoGeneration = countGeneration; c._geoCount = c._childCount; c._geoTypes = counts;
    return counts;
  }
  // A cluster is a ring of its types' shares around its count.
  cluster.options.iconCreateFunction = function (c) {
    var counts = Array.prototype.slice.call(clusterTypes(c));
    var total = c.getChildCount(), size = total < 10 ? 36 : total < 100 ? 42 : total < 1000 ? 48 : 54;
    var svg = ['<svg viewBox="0 0 42 42" width="' + size + '" height="' + size + '" aria-hidden="true">',
               '<circle cx="21" cy="21" r="20" fill="#ffffff" stroke="#1a1a1a" stroke-width="1.2"/>'];
    var offset = 25, parts = [];
    counts.forEach(function (count, t) {
      if (!count) { return; }
      var share = count / total * 100;
      svg.push('<circle cx="21" cy="21" r="15.9155" fill="none" stroke="' + TYPES[t][1] +
               '" stroke-width="7" stroke-dasharray="' + share.toFixed(2) + ' ' + (100 - share).toFixed(2) +
               '" stroke-dashoffset="' + offset.toFixed(2) + '"/>');
      offset -= share;
      parts.push(count + " " + TYPES[t][0]);
    });
    svg.push('<circle cx="21" cy="21" r="11.5" fill="#ffffff"/><text x="21" y="25.5" text-anchor="middle" ' +
             'font-size="12" font-weight="bold" fill="#1a1a1a">' + total + '</text></svg>');
    return new ClusterIcon({html: svg.join(""), className: "geo-cluster", iconSize: [size, size],
                            label: "Cluster of " + total + " incidents: " + parts.join(", ") +
                                   ". Press Enter to zoom in."});
  };
  cluster.on("clusterkeypress", function (e) {
    if (e.originalEvent.keyCode !== 13) { return; }
    if (map.getZoom() >= map.getMaxZoom()) { e.layer.spiderfy(); } else { e.layer.zoomToBounds({padding: [30, 30]}); }
  });

  var markers = new Array(n);
  api.markers = markers; api.cluster = cluster;
  // markercluster listens to every marker for moves and drags, which these never make, and
  // unhooks each one when cleared: a second at 100,000 markers, whenever a filter drops most.
  cluster._childMarkerEventHandlers = {};
  function makeMarkers() {
    for (var i = 0; i < n; i++) {
      if (D.draw[i] >= 2) { continue; }
      var m = new GeoMarker([number("lat", i), number("lon", i)], {icon: iconFor(i), keyboard: true,
                                                                   riseOnHover: true});
      m.geoIndex = i;
      markers[i] = m;
    }
  }
  // One popup for every marker, filled when it opens (a popup bound to each of 100,000 markers
  // would be 100,000 objects and 400,000 listeners before anything is shown).
  var markerPopup = L.popup({maxWidth: Math.min(360, window.innerWidth - 60), autoPanPadding: [20, 20],
                             offset: [0, -6]});
  function openMarker(m) {
    markerPopup.geoIndex = m.geoIndex;
    markerPopup.setLatLng(m.getLatLng()).setContent(detail(m.geoIndex));
    map.openPopup(markerPopup);
  }
  cluster.on("click", function (e) { if (e.layer.geoIndex !== undefined) { openMarker(e.layer); } });
  cluster.on("keypress", function (e) {
    if (e.layer.geoIndex !== undefined && e.originalEvent.keyCode === 13) { openMarker(e.layer); }
  });
  api.openMarker = function (i) { if (markers[i]) { openMarker(markers[i]); } };
  function resizeMarkers() {
    for (var i = 0; i < n; i++) { if (markers[i]) { markers[i].setIcon(iconFor(i)); } }
    cluster.refreshClusters();
  }

  // The uncertainty of a marker: a dashed circle of its radius while hovered, focused or open.
  var ring = null;
  function showUncertainty(i) {
    hideUncertainty();
    var km = number("uncertainty_km", i);
    if (D.draw[i] >= 2 || km === null) { return; }
    ring = L.circle([number("lat", i), number("lon", i)], {radius: Math.max(km, 0.05) * 1000, color: "#1a1a1a",
      weight: 1.5, dashArray: "5 4", fillColor: TYPES[D.type[i]][1], fillOpacity: 0.08, interactive: false})
      .addTo(map);
  }
  function hideUncertainty() { if (ring) { map.removeLayer(ring); ring = null; } }
  cluster.on("mouseover", function (e) { if (e.layer.geoIndex !== undefined) { showUncertainty(e.layer.geoIndex); } });
  cluster.on("mouseout", function (e) {
    if (e.layer.geoIndex !== undefined && !(map.hasLayer(markerPopup) && markerPopup.geoIndex === e.layer.geoIndex)) {
      hideUncertainty();
    }
  });
  map.on("popupopen", function (e) {
    if (e.popup === markerPopup) { showUncertainty(markerPopup.geoIndex); selectRow(markerPopup.geoIndex); }
  });
  map.on("popupclose", function (e) { if (e.popup === markerPopup) { hideUncertainty(); } });

  // An incident's details: built with DOM calls, never parsed as HTML.
  function detail(i) {
    var box = el("div", "geo-popup"), head = el("div", "geo-popup-head", null, box);
    head.appendChild(shapeSvg(D.type[i], precisionOf(i) === 2 ? 2 : 1, 16));
    el("b", null, " " + TYPES[D.type[i]][0], head);
    if (text("sub_event_type", i)) { el("span", "geo-meta", " \u00b7 " + text("sub_event_type", i), head); }
    sentenceNode(i, box);
    var when = dateText(i) + (text("date_text", i) ? " \u00b7 \u201c" + text("date_text", i) + "\u201d" : "");
    el("div", "geo-meta", placeLabel(i) + " \u00b7 " + when, box);
    el("div", "geo-meta", precisionText(i), box);
    var actors = value("actors", i) || [];
    if (actors.length) { el("div", "geo-meta", "Actors: " + actors.join(", "), box); }
    [["fatalities", "Fatalities"], ["injuries", "Injuries"]].forEach(function (f) {
      var count = number(f[0], i);
      if (count !== null) {
        var words = text(f[0] + "_text", i);
        el("div", "geo-meta", f[1] + ": " + count + (words ? " (\u201c" + words + "\u201d)" : ""), box);
      }
    });
    var evidence = (value("evidence", i) || []).join(", ");
    if (evidence) { el("div", "geo-meta", "Evidence: " + evidence, box); }
    if (value("background", i)) { el("div", "geo-meta", "Background: told as past, not news", box); }
    var list = el("ul", "geo-sources", null, box), own = text("sentence", i);
    sourcesOf(i).forEach(function (s) {
      var li = el("li", null, null, list), title = s.title || s.article_id || "article";
      if (/^https?:\/\//i.test(s.url || "")) {
        var a = el("a", null, title, li);
        a.href = s.url; a.target = "_blank"; a.rel = "noopener noreferrer";
      } else { el("i", null, title, li); }
      if (s.published) { li.appendChild(document.createTextNode(" (" + s.published + ")")); }
      if (s.sentence && s.sentence !== own) { el("div", "geo-meta", s.sentence, li); }
    });
    return box;
  }

  // The shapes of precision-3 incidents: their drawn parts, a tag naming them with a count,
  // and a popup listing their incidents.
  var areaParts = D.areas.map(function () { return []; });
  var areaTags = [], areaBounds = [];
  [regionsLayer, wholeLayer].forEach(function (layer) {
    if (!layer) { return; }
    layer.eachLayer(function (part) {
      var a = part.feature.properties.a;
      areaParts[a].push(part);
      part.on("click", function (e) { L.DomEvent.stop(e); openArea(a, e.latlng); });
    });
  });
  D.areas.forEach(function (area, a) {
    var bounds = L.latLngBounds([]);
    areaParts[a].forEach(function (p) { bounds.extend(p.getBounds()); });
    areaBounds[a] = bounds.isValid() ? bounds : null;
    // Its name then its count, which its accessible name starts with (what is seen is what is read).
    var tag = el("span", "geo-area-tag");
    el("span", null, area[0], tag);
    tag.appendChild(document.createTextNode(" "));
    var count = el("b", null, "", tag);
    var marker = L.marker([area[2], area[3]], {icon: L.divIcon({html: tag, className: "geo-area-badge",
      iconSize: null, iconAnchor: [14, 12]}), keyboard: true});
    marker.on("click", function () { openArea(a); });
    marker.on("keypress", function (e) { if (e.originalEvent.keyCode === 13) { openArea(a); } });
    marker.on("add", function () { if (marker._icon) { marker._icon.setAttribute("aria-label", tagLabel(a)); } });
    marker.geoCount = count;
    areaTags[a] = marker;
    var layer = area[1] ? wholeLayer : regionsLayer;
    if (layer) { layer.addLayer(marker); }
  });
  // Tags that would cover one another: the one with more incidents is shown (the others'
  // shapes stay, and their incidents are in the list).
  function placeTags() {
    var placed = [];
    areaTags.map(function (tag, a) { return [areaCounts[a], a]; })
      .sort(function (x, y) { return y[0] - x[0] || x[1] - y[1]; })
      .forEach(function (pair) {
        var icon = areaTags[pair[1]]._icon;
        if (!icon) { return; }
        icon.style.display = "";
        var r = icon.getBoundingClientRect();
        var free = placed.every(function (o) {
          return r.right < o.left || r.left > o.right || r.bottom < o.top || r.top > o.bottom;
        });
        if (free) { placed.push(r); } else { icon.style.display = "none"; }
      });
  }
  map.on("zoomend moveend overlayadd", placeTags);
  function tagLabel(a) { return D.areas[a][0] + " " + areaTags[a].geoCount.textContent + " incidents: open the list"; }
  var areaPopup = L.popup({maxWidth: Math.min(360, window.innerWidth - 60), autoPanPadding: [20, 20]});
  function openArea(a, at, only) {
    var box = el("div", "geo-popup"), shown = [];
    for (var i = 0; i < n; i++) { if (D.area[i] === a && on[i]) { shown.push(i); } }
    el("b", null, D.areas[a][0] + " \u00b7 " + shown.length + " incidents", box);
    el("div", "geo-meta", "Drawn as its shape: where in it the events happened is not known.", box);
    var list = el("ul", "geo-area-list", null, box);
    shown.forEach(function (i) {
      var li = el("li", null, null, list), button = el("button", "geo-linkish", null, li);
      button.type = "button";
      button.appendChild(shapeSvg(D.type[i], 1, 14));
      button.appendChild(document.createTextNode(" " + dateText(i) + " \u00b7 " + TYPES[D.type[i]][0]));
      el("div", "geo-meta geo-clip", text("sentence", i), li);
      button.addEventListener("click", function () { openDetail(i, a); });
    });
    areaPopup.setLatLng(at || [D.areas[a][2], D.areas[a][3]]).setContent(box).openOn(map);
    if (only !== undefined) { openDetail(only, a); }
  }
  function openDetail(i, a) {
    var box = detail(i), back = el("button", "geo-linkish", "\u2190 All incidents of " + D.areas[a][0]);
    back.type = "button";
    back.addEventListener("click", function () { openArea(a); });
    box.insertBefore(back, box.firstChild);
    areaPopup.setContent(box);
    if (!map.hasLayer(areaPopup)) { areaPopup.setLatLng([D.areas[a][2], D.areas[a][3]]).openOn(map); }
    selectRow(i);
  }
  api.openArea = openArea;
  api.placeLabel = placeLabel;
  api.ringRadius = function () { return ring ? ring.getRadius() : null; };
  api.layers = {regions: regionsLayer, whole: wholeLayer, choropleths: choropleths};
  api.areaTags = areaTags;
