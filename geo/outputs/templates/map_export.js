{# Downloads of what the filters select, as GeoJSON and CSV: the properties geo export writes,
    in its order (D.fields, from the one schema). The geometry is the incident's point, or the
    shape it is drawn as (simplified for drawing). In the CSV, lists and records are JSON, and
    text that a spreadsheet would run as a formula starts with an apostrophe. -#}
  function geometryOf(i) {
    var a = D.area[i];
    if (a >= 0) {
      if (D.areaShapes[a]) { return D.areaShapes[a]; }
      if (areaParts[a].length) { return areaParts[a][0].feature.geometry; }
    }
    return {type: "Point", coordinates: [number("lon", i), number("lat", i)]};
  }
  function selected() {
    var out = [];
    for (var i = 0; i < n; i++) { if (on[i]) { out.push(i); } }
    return out;
  }
  function properties(i) {
    var out = {};
    D.fields.forEach(function (f) { out[f] = value(f, i); });
    return out;
  }
  function toGeoJSON(indices) {
    var features = indices.map(function (i) {
      return JSON.stringify({type: "Feature", geometry: geometryOf(i), properties: properties(i)});
    });
    return '{"type": "FeatureCollection", "features": [' + features.join(",\n") + "]}\n";
  }
  function cell(v) {
    if (v === null || v === undefined) { return ""; }
    var s = typeof v === "object" ? JSON.stringify(v) : String(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function toCSV(indices) {
    var lines = [D.fields.map(cell).join(",")];
    indices.forEach(function (i) { lines.push(D.fields.map(function (f) { return cell(value(f, i)); }).join(",")); });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  function save(textOut, name, type) {
    var url = URL.createObjectURL(new Blob([textOut], {type: type}));
    var a = el("a", null, null, document.body);
    a.href = url; a.download = name;
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  var downloads = el("div", "geo-downloads", null, panel);
  var downloadText = el("span", null, "", downloads);
  [["GeoJSON", function () { save(toGeoJSON(selected()), "incidents.geojson", "application/geo+json"); }],
   ["CSV", function () { save(toCSV(selected()), "incidents.csv", "text/csv;charset=utf-8"); }]]
    .forEach(function (d) {
      var button = el("button", null, d[0], downloads);
      button.type = "button";
      button.setAttribute("aria-label", "Download the selected incidents as " + d[0]);
      button.addEventListener("click", d[1]);
    });
  listeners.push(function (count) { downloadText.textContent = "Download the " + count + " selected incidents: "; });
  api.exportGeoJSON = function () { return toGeoJSON(selected()); };
  api.exportCSV = function () { return toCSV(selected()); };
