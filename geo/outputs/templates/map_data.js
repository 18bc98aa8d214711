{# The data block decoded: each column of geo export's properties, read by index; labels for
    places, dates and precision. Text is only ever set with textContent (el). -#}
  var S = D.strings, n = D.n, C = D.cols, TYPES = D.types;
  var DAY_MS = 86400000;
  var api = {total: n, ready: false, fallbackActive: false, visible: 0};
  var PRECISION = ["", "the place itself", "near a place, or a district", "a region, border or country"];
  var BASIS = {sentence: "the sentence", paragraph: "its paragraph", dateline: "the dateline",
               article: "the article"};

  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  // A column's reader (encode_column in incident_layer.py): row i's value as geo export
  // writes it. Text is an index into S; lists and records are columns of their own, each
  // row's items from its start (the running sum of the lengths before it).
  function reader(spec) {
    if ("all" in spec) {
      var same = spec.all;
      return function () { return same; };
    }
    if (typeof spec.s === "number") {
      var one = spec.s >= 0 ? S[spec.s] : null;
      return function () { return one; };
    }
    if (spec.s) {
      var codes = spec.s;
      return function (i) { return codes[i] >= 0 ? S[codes[i]] : null; };
    }
    if (spec.v) {
      var values = spec.v;
      return function (i) { return values[i] === undefined ? null : values[i]; };
    }
    var len = spec.len, starts = new Int32Array(len.length + 1), item;
    for (var k = 0; k < len.length; k++) { starts[k + 1] = starts[k] + (len[k] || 0); }
    if (spec.items) { item = reader(spec.items); } else {
      var keys = Object.keys(spec.rec), readers = keys.map(function (key) { return reader(spec.rec[key]); });
      item = function (j) {
        var out = {};
        for (var x = 0; x < keys.length; x++) { out[keys[x]] = readers[x](j); }
        return out;
      };
    }
    var read = function (i) {
      if (len[i] === null) { return null; }
      var out = [];
      for (var j = starts[i]; j < starts[i + 1]; j++) { out.push(item(j)); }
      return out;
    };
    read.starts = starts;
    return read;
  }
  var R = {};
  D.fields.forEach(function (f) { R[f] = reader(C[f]); });
  // A property as geo export writes it.
  function value(field, i) { return R[field] ? R[field](i) : null; }
  // A text column's indices into S, one per row (-1: none); null when it holds no text.
  function textCodes(spec, rows) {
    if (!spec || spec.s === undefined) { return null; }
    if (typeof spec.s !== "number") { return spec.s; }
    var out = new Int32Array(rows);
    out.fill(spec.s);
    return out;
  }
  // Row i's text indices in a column of text, or of lists of text (a filter compares those).
  function codes(field, i) {
    var spec = C[field];
    if (!spec) { return []; }
    if (typeof spec.s === "number") { return spec.s >= 0 ? [spec.s] : []; }
    if (spec.s) { return spec.s[i] >= 0 ? [spec.s[i]] : []; }
    if (spec.items && spec.items.s) {
      return spec.items.s.slice(R[field].starts[i], R[field].starts[i + 1]).filter(function (c) { return c >= 0; });
    }
    return [];
  }
  // A text property ("" when missing), without making lists.
  function text(field, i) {
    var v = value(field, i);
    return v === null ? "" : String(v);
  }
  function number(field, i) {
    var v = R[field] ? R[field](i) : null;
    return typeof v === "number" ? v : null;
  }
  // "Zvečan, Mitrovica, Kosovo": the place, its region and its country, each once.
  function placeLabel(i) {
    var parts = [];
    [text("phrase", i) || text("name", i), text("admin1", i), text("adm0", i) || text("country_code", i)]
      .forEach(function (part) {
        var low = part.toLowerCase();
        if (part && !parts.some(function (p) { return p.toLowerCase().indexOf(low) >= 0; })) { parts.push(part); }
      });
    return parts.join(", ");
  }
  function dayText(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function dateText(i) {
    var when = text("date", i) || "date unknown", precision = text("date_precision", i);
    if (precision && precision !== "day") { when += " (" + precision + ")"; }
    return when;
  }
  function precisionOf(i) {
    var p = number("geo_precision", i);
    return p === 1 || p === 2 || p === 3 ? p : (D.draw[i] === 1 ? 2 : D.draw[i] >= 2 ? 3 : 1);
  }
  // "Precision 2: near a place, or a district · within 12 km · placed by the sentence"
  function precisionText(i) {
    var p = precisionOf(i), km = number("uncertainty_km", i), basis = text("place_basis", i);
    var out = "Precision " + p + ": " + PRECISION[p];
    if (km !== null) { out += " \u00b7 within " + (km < 10 ? km.toFixed(1) : Math.round(km)) + " km"; }
    if (basis) { out += " \u00b7 placed by " + (BASIS[basis] || basis); }
    return out;
  }
  // The sentence with the place's words marked, as DOM nodes.
  function sentenceNode(i, parent) {
    var p = el("p", "geo-sentence", null, parent), s = text("sentence", i), words = text("text", i);
    var at = (number("start", i) || 0) - (number("sentence_start", i) || 0);
    if (words && at >= 0 && s.slice(at, at + words.length) === words) {
      p.appendChild(document.createTextNode(s.slice(0, at)));
      el("mark", null, words, p);
      p.appendChild(document.createTextNode(s.slice(at + words.length)));
    } else { p.textContent = s; }
    return p;
  }
  // The articles that reported an incident, each once.
  function sourcesOf(i) {
    var seen = {}, out = [];
    (value("sources", i) || [{article_id: text("article_id", i), title: text("title", i), url: text("url", i),
                               published: text("published", i), sentence: text("sentence", i)}])
      .forEach(function (s) {
        var key = s.article_id || s.url || s.title;
        if (!seen[key]) { seen[key] = true; out.push(s); }
      });
    return out;
  }
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
