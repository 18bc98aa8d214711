{# The side panel: the search box, the filters with the legend, the list of the incidents in
    view (virtual: only the rows on screen exist) and the downloads. The list follows the map
    (it is redone when the map stops moving or a filter changes) and the map follows the list
    (a row flies the map to its incident and opens it; an opened marker selects its row). -#}
  var ROW_H = 64, NARROW = 700;
  var panel = el("aside", "geo-panel", null, document.body);
  panel.id = "geo-panel";
  panel.setAttribute("aria-label", "Incidents: search, filters and list");
  var head = el("div", "geo-panel-head", null, panel);
  el("h1", null, "Incidents", head);
  // The map is the page's main content; the panel is beside it (an aside).
  map.getContainer().setAttribute("role", "main");
  map.getContainer().setAttribute("aria-label", "Map of the incidents");
  var closer = el("button", "geo-close", "\u00d7", head);
  closer.type = "button"; closer.setAttribute("aria-label", "Close the panel");

  // -- search -----------------------------------------------------------------------------
  var searchBox = el("div", "geo-search", null, panel);
  var searchLabel = el("label", null, "Search places, sentences and titles", searchBox);
  searchLabel.htmlFor = "geo-search-input";
  var searchInput = el("input", null, null, searchBox);
  searchInput.type = "search"; searchInput.id = "geo-search-input"; searchInput.autocomplete = "off";
  var searchCount = el("div", "geo-meta", "", searchBox);
  searchCount.setAttribute("aria-live", "polite");

  // -- filters and legend --------------------------------------------------------------------
  var filters = el("details", "geo-filters", null, panel);
  filters.open = window.innerWidth > NARROW;
  el("summary", null, "Filters and legend", filters);
  var typeSet = el("fieldset", "geo-legend", null, filters);
  el("legend", null, "Event types (colour and shape)", typeSet);
  var typeLabels = [];
  TYPES.forEach(function (t, k) {
    if (!typeTotals[k]) { return; }
    var label = el("label", null, null, typeSet), box = el("input", null, null, label);
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-type", t[0]);
    box.addEventListener("change", function () { filter.types[k] = box.checked; refresh(); });
    label.appendChild(shapeSvg(k, 1, 16));
    typeLabels[k] = el("span", null, "", label);
  });
  function choice(label, options, onChange) {
    var row = el("label", "geo-choice", label + " ", filters), select = el("select", null, null, row);
    var any = el("option", null, "any", select);
    any.value = "";
    options.forEach(function (o) {
      var parent = select;
      if (o.group) {
        parent = select.querySelector('optgroup[data-group="' + o.groupIndex + '"]');
        if (!parent) { parent = el("optgroup", null, null, select); parent.label = o.group; parent.setAttribute("data-group", o.groupIndex); }
      }
      var opt = el("option", null, o.text, parent);
      opt.value = String(o.value);
    });
    select.addEventListener("change", function () { onChange(select.value === "" ? null : +select.value); refresh(); });
    return select;
  }
  function tally(codesOf) {
    var counts = {};
    for (var i = 0; i < n; i++) { codesOf(i).forEach(function (c) { counts[c] = (counts[c] || 0) + 1; }); }
    return Object.keys(counts).map(Number).sort(function (a, b) { return counts[b] - counts[a] || (S[a] < S[b] ? -1 : 1); })
      .map(function (c) { return {value: c, count: counts[c]}; });
  }
  if (subCodes) {
    var subTypeOf = {};
    for (var s0 = 0; s0 < n; s0++) { if (subCodes[s0] >= 0) { subTypeOf[subCodes[s0]] = D.type[s0]; } }
    var subs = tally(function (i) { return subCodes[i] >= 0 ? [subCodes[i]] : []; })
      .sort(function (a, b) { return subTypeOf[a.value] - subTypeOf[b.value]; })
      .map(function (o) { return {value: o.value, text: S[o.value] + " (" + o.count + ")",
                                  group: TYPES[subTypeOf[o.value]][0], groupIndex: subTypeOf[o.value]}; });
    choice("Sub-event type", subs, function (v) { filter.sub = v; });
  }
  if (hasActors) {
    var actors = tally(function (i) { return codes("actors", i); })
      .slice(0, 300).map(function (o) { return {value: o.value, text: S[o.value] + " (" + o.count + ")"}; });
    if (actors.length) { choice("Actor", actors, function (v) { filter.actor = v; }); }
  }
  function toggle(label, checked, onChange) {
    var row = el("label", "geo-check", null, filters), box = el("input", null, null, row);
    box.type = "checkbox"; box.checked = checked;
    row.appendChild(document.createTextNode(" " + label));
    box.addEventListener("change", function () { onChange(box.checked); });
    return box;
  }
  toggle("Size markers by fatalities", false, function (v) { sizeByFatalities = v; resizeMarkers(); });
  var backgrounds = D.background.filter(Boolean).length;
  if (backgrounds) {
    toggle("Background: " + backgrounds + " events told as past, outside the timeline", true,
           function (v) { filter.background = v; refresh(); });
  }
  var key = el("ul", "geo-key", null, filters);
  [[1, "solid: precision 1, the place itself"], [2, "ring: precision 2, near a place or a district"]]
    .forEach(function (k) {
      var li = el("li", null, null, key);
      li.appendChild(shapeSvg(0, k[0], 14));
      li.appendChild(document.createTextNode(" " + k[1]));
    });
  el("li", "geo-key-shape", "shaded shape: precision 3, a region or border; the country layer (off at first) " +
     "holds incidents that name only a country or larger", key);

  // -- the list of incidents in view ---------------------------------------------------------
  var inViewText = el("div", "geo-inview", "", panel);
  inViewText.setAttribute("aria-live", "polite");
  var list = el("div", "geo-list", null, panel), spacer = el("div", "geo-spacer", null, list);
  list.setAttribute("role", "listbox"); list.tabIndex = 0;
  list.setAttribute("aria-label", "Incidents in view, newest first: arrow keys to move, Enter to show on the map");
  // Newest first, undated last, then in data order: one numeric sort of keys (rank * 2^21 + index).
  var order = new Int32Array(n);
  (function () {
    var newest = -Infinity, oldest = Infinity, keys = new Float64Array(n), k;
    for (k = 0; k < n; k++) {
      if (D.day[k] !== null) { newest = Math.max(newest, D.day[k]); oldest = Math.min(oldest, D.day[k]); }
    }
    for (k = 0; k < n; k++) {
      keys[k] = (D.day[k] === null ? newest - oldest + 1 : newest - D.day[k]) * 2097152 + k;
    }
    keys.sort();
    for (k = 0; k < n; k++) { order[k] = keys[k] % 2097152; }
  })();
  var inView = [], active = -1, rows = {}, listPending = false, wanted = null;
  function within(i, b) {
    var a = D.area[i];
    if (a >= 0) { return !!areaBounds[a] && b.intersects(areaBounds[a]); }
    var lat = number("lat", i), lon = number("lon", i);
    if (lat < b.getSouth() || lat > b.getNorth()) { return false; }
    return [lon, lon - 360, lon + 360].some(function (x) { return x >= b.getWest() && x <= b.getEast(); });
  }
  function updateList() {
    listPending = false;
    var b = map.getBounds(), layerOn = [map.hasLayer(cluster), map.hasLayer(cluster),
      !!regionsLayer && map.hasLayer(regionsLayer), !!wholeLayer && map.hasLayer(wholeLayer)];
    var current = active >= 0 ? inView[active] : null;
    inView = [];
    for (var k = 0; k < n; k++) {
      var i = order[k];
      if (on[i] && layerOn[D.draw[i]] && within(i, b)) { inView.push(i); }
    }
    inViewText.textContent = inView.length + " of " + api.visible + " selected incidents in view";
    active = current === null ? -1 : inView.indexOf(current);
    if (wanted !== null) { active = inView.indexOf(wanted); wanted = null; }
    spacer.style.height = inView.length * ROW_H + "px";
    Object.keys(rows).forEach(function (r) { rows[r].remove(); delete rows[r]; });
    drawRows();
    scrollToActive();
    api.inView = inView;
  }
  function scheduleList() {
    if (!listPending) { listPending = true; requestAnimationFrame(updateList); }
  }
  function row(k) {
    var i = inView[k], r = el("div", "geo-row");
    r.id = "geo-row-" + i; r.setAttribute("role", "option");
    r.setAttribute("aria-selected", k === active ? "true" : "false");
    r.style.top = k * ROW_H + "px";
    r.appendChild(shapeSvg(D.type[i], precisionOf(i) === 2 ? 2 : 1, 16));
    var body = el("div", "geo-row-body", null, r);
    el("div", "geo-row-title", dateText(i) + " \u00b7 " + TYPES[D.type[i]][0] +
       (D.area[i] >= 0 ? " \u00b7 " + D.areas[D.area[i]][0] : ""), body);
    el("div", "geo-row-place", placeLabel(i), body);
    el("div", "geo-row-text", text("sentence", i), body);
    r.addEventListener("click", function () { activate(k); });
    return r;
  }
  function drawRows() {
    var first = Math.max(0, Math.floor(list.scrollTop / ROW_H) - 4);
    var last = Math.min(inView.length, Math.ceil((list.scrollTop + list.clientHeight) / ROW_H) + 4);
    Object.keys(rows).forEach(function (k) {
      if (k < first || k >= last) { rows[k].remove(); delete rows[k]; }
    });
    for (var k = first; k < last; k++) { if (!rows[k]) { rows[k] = spacer.appendChild(row(k)); } }
    if (active >= 0 && rows[active]) { list.setAttribute("aria-activedescendant", rows[active].id); }
    else { list.removeAttribute("aria-activedescendant"); }
  }
  function scrollToActive() {
    if (active < 0) { return; }
    var top = active * ROW_H;
    if (top < list.scrollTop) { list.scrollTop = top; }
    else if (top + ROW_H > list.scrollTop + list.clientHeight) { list.scrollTop = top + ROW_H - list.clientHeight; }
    drawRows();
  }
  function setActive(k) {
    if (rows[active]) { rows[active].setAttribute("aria-selected", "false"); }
    active = k;
    scrollToActive();
    if (rows[active]) { rows[active].setAttribute("aria-selected", "true"); }
  }
  function flyTo(i) {
    var a = D.area[i];
    if (a >= 0) {
      var layer = D.areas[a][1] ? wholeLayer : regionsLayer;
      if (layer && !map.hasLayer(layer)) { map.addLayer(layer); }
      map.once("moveend", function () { openArea(a, undefined, i); });
      map.fitBounds(areaBounds[a], {padding: [30, 30], maxZoom: 9});
    } else {
      api.show(i, openMarker);
    }
  }
  function activate(k) {
    setActive(k);
    if (window.innerWidth <= NARROW) { setPanel(false); }
    flyTo(inView[k]);
  }
  function selectRow(i) {
    var k = inView.indexOf(i);
    if (k >= 0) { setActive(k); } else { wanted = i; }
  }
  list.addEventListener("scroll", drawRows);
  list.addEventListener("keydown", function (e) {
    var k = active < 0 ? 0 : active, page = Math.max(1, Math.floor(list.clientHeight / ROW_H));
    var moves = {ArrowDown: k + 1, ArrowUp: k - 1, PageDown: k + page, PageUp: k - page, Home: 0,
                 End: inView.length - 1};
    if (e.key in moves && inView.length) {
      e.preventDefault();
      setActive(Math.max(0, Math.min(inView.length - 1, active < 0 ? 0 : moves[e.key])));
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      activate(active);
    }
  });
  map.on("moveend overlayadd overlayremove", scheduleList);
  listeners.push(scheduleList);
  listeners.push(function (count) {
    typeLabels.forEach(function (label, k) {
      if (label) { label.textContent = " " + TYPES[k][0] + " (" + typeCounts[k] + ")"; }
    });
  });

  // -- showing and hiding the panel -----------------------------------------------------------
  var opener = L.control({position: "topright"}), openButton;
  opener.onAdd = function () {
    var box = el("div", "leaflet-bar geo-opener");
    openButton = el("button", null, "\u2630 Incidents", box);
    openButton.type = "button";
    openButton.setAttribute("aria-controls", "geo-panel");
    openButton.addEventListener("click", function () { setPanel(!document.body.classList.contains("geo-panel-open")); });
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  opener.addTo(map);
  function setPanel(open) {
    document.body.classList.toggle("geo-panel-open", open);
    openButton.setAttribute("aria-expanded", open ? "true" : "false");
    map.invalidateSize();
    if (open && window.innerWidth <= NARROW) { searchInput.focus(); }
    if (!open && panel.contains(document.activeElement)) { openButton.focus(); }
    scheduleList();
  }
  closer.addEventListener("click", function () { setPanel(false); });
  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && window.innerWidth <= NARROW) { setPanel(false); }
  });
  api.setPanel = setPanel;
  api.updateList = updateList;
  api.activate = function (i) { selectRow(i); flyTo(i); };
