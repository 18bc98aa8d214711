{# The offline basemap (the world's countries) when the tiles cannot load, with names drawn by
    zoom: those in view whose zoom has come, most important first, none over another. Then the
    start: markers made, everything counted once, the panel opened where there is room. -#}
  var labelPane = map.createPane("geo-labels");
  labelPane.style.zIndex = 450;
  labelPane.style.pointerEvents = "none";
  labelPane.setAttribute("aria-hidden", "true");
  var LABEL_CLASSES = ["country", "region", "boundary", "town"], CHAR_W = [7.5, 6.2, 6.2, 6.4], LINE_H = [15, 14, 14, 14];
  var labelNodes = [];
  function drawLabels() {
    if (!api.fallbackActive) { labelPane.style.display = "none"; return; }
    labelPane.style.display = "";
    var zoom = map.getZoom(), size = map.getSize(), placed = [], drawn = [], labels = D.labels;
    for (var k = 0; k < labels.length && drawn.length < 250; k++) {
      var label = labels[k];
      if (label[3] > zoom) { continue; }
      var p = map.latLngToContainerPoint([label[1], label[2]]);
      var w = label[0].length * CHAR_W[label[4]] + 8, h = LINE_H[label[4]];
      var box = [p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2];
      if (box[2] < 0 || box[0] > size.x || box[3] < 0 || box[1] > size.y) { continue; }
      var free = true;
      for (var j = 0; j < placed.length && free; j++) {
        var o = placed[j];
        free = box[2] < o[0] || box[0] > o[2] || box[3] < o[1] || box[1] > o[3];
      }
      if (free) { placed.push(box); drawn.push(label); }
    }
    drawn.forEach(function (label, j) {
      var node = labelNodes[j] || (labelNodes[j] = el("div", null, null, labelPane));
      node.className = "geo-label geo-label-" + LABEL_CLASSES[label[4]];
      node.textContent = label[0];
      node.style.display = "";
      var at = map.latLngToLayerPoint([label[1], label[2]]);  // left and top: its CSS transform centres it
      node.style.left = at.x + "px"; node.style.top = at.y + "px";
    });
    for (var r = drawn.length; r < labelNodes.length; r++) { labelNodes[r].style.display = "none"; }
    api.labelsShown = drawn.map(function (label) { return label[0]; });
  }
  map.on("zoomstart", function () { labelPane.style.display = "none"; });
  map.on("moveend zoomend", drawLabels);

  function fallBack() {
    if (api.fallbackActive || !fallback) { return; }
    api.fallbackActive = true;
    map.getContainer().style.background = "#cfe3ef";
    if (!map.hasLayer(fallback)) { fallback.addTo(map); }
    var credit = map.attributionControl;  // the tiles' credit goes with them
    if (credit) {
      if (tiles && tiles.getAttribution()) { credit.removeAttribution(tiles.getAttribution()); }
      credit.addAttribution("Natural Earth, GeoNames");
    }
    drawLabels();
  }
  if (tiles) { tiles.on("tileerror", fallBack); } else { fallBack(); }
  api.fallBack = fallBack;

  // Where a marker is: zoomed to out of its cluster, then answer.
  api.show = function (i, done) {
    // markercluster waits for a move that never comes when a marker is already in view.
    var m = markers[i], called = false;
    function finish() { if (!called) { called = true; if (done) { done(m); } } }
    if (!m) { finish(); return; }
    if (m._map && cluster.getVisibleParent(m) === m) { finish(); return; }
    cluster.zoomToShowLayer(m, finish);
    // markercluster may spiderfy a cluster at the last zoom and then wait for an event that
    // does not come: from 1.5 s on, spiderfy the cluster ourselves and answer once the marker
    // is on the map (or after 20 s, so no caller waits for ever).
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

  function start() {
    // The panel and the view first, the cluster off the map meanwhile: a zoom queues
    // markercluster's animation, which breaks when it runs while the markers load in chunks.
    var clustered = map.hasLayer(cluster);
    if (clustered) { map.removeLayer(cluster); }
    setPanel(window.innerWidth > NARROW);
    if (D.fit) { map.fitBounds(D.fit, {animate: false}); }
    if (clustered) { map.addLayer(cluster); }
    makeMarkers();
    cluster.options.chunkedLoading = true;
    cluster.options.chunkProgress = function (done, total) { if (done >= total) { api.ready = true; } };
    refresh();
    if (!cluster._map || !markers.some(Boolean)) { api.ready = true; }
  }
