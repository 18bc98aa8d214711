{# Search over places, sentences and titles through an index of words, built once (when the
    box is first used): each distinct text is split into folded words once, and each word
    lists the incidents that have it. A query's words are prefixes ("zve" finds Zvečan), looked
    up by binary search in the sorted words; every word must match (AND). No keystroke scans
    the incidents' text. -#}
  var SEARCHED = ["name", "phrase", "text", "admin1", "admin2", "adm0", "adm1", "adm2", "title", "sentence"];
  var index = null;
  function words(s) { return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }
  function buildIndex() {
    var started = performance.now(), ids = new Map(), postings = [], ofString = new Map();
    function wordIds(code) {
      var found = ofString.get(code);
      if (!found) {
        found = Array.from(new Set(words(S[code]))).map(function (w) {
          var id = ids.get(w);
          if (id === undefined) { id = postings.length; ids.set(w, id); postings.push([]); }
          return id;
        });
        ofString.set(code, found);
      }
      return found;
    }
    function add(code, i) {
      if (!(code >= 0)) { return; }
      var found = wordIds(code);
      for (var k = 0; k < found.length; k++) {
        var list = postings[found[k]];
        if (list[list.length - 1] !== i) { list.push(i); }  // incidents come in order: a repeat is the last
      }
    }
    var columns = SEARCHED.map(function (f) { return textCodes(C[f], n); }).filter(Boolean);
    // The titles and sentences of every article an incident's sources list.
    var rec = C.sources && C.sources.rec, starts = rec ? R.sources.starts : null;
    var sourceColumns = rec ? ["title", "sentence"].map(function (k) { return textCodes(rec[k], starts[n]); })
      .filter(Boolean) : [];
    for (var i = 0; i < n; i++) {
      for (var f = 0; f < columns.length; f++) { add(columns[f][i], i); }
      for (var j = starts ? starts[i] : 0; starts && j < starts[i + 1]; j++) {
        for (var g = 0; g < sourceColumns.length; g++) { add(sourceColumns[g][j], i); }
      }
    }
    var sorted = Array.from(ids.keys()).sort();
    index = {words: sorted, postings: sorted.map(function (w) { return postings[ids.get(w)]; })};
    api.indexMs = performance.now() - started;
    api.indexWords = sorted.length;
  }
  function firstAtLeast(word) {
    var lo = 0, hi = index.words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (index.words[mid] < word) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }
  // The incidents every word of the query starts a word of, as a mask (null: no query).
  function search(query) {
    var wanted = words(query || "");
    if (!wanted.length) { return null; }
    if (!index) { buildIndex(); }
    var result = null;
    wanted.forEach(function (w) {
      var mask = new Uint8Array(n);
      for (var k = firstAtLeast(w); k < index.words.length && index.words[k].lastIndexOf(w, 0) === 0; k++) {
        var list = index.postings[k];
        for (var j = 0; j < list.length; j++) { mask[list[j]] = 1; }
      }
      if (result) { for (var i = 0; i < n; i++) { result[i] &= mask[i]; } } else { result = mask; }
    });
    return result;
  }
  var searchTimer = null;
  function runSearch() {
    var started = performance.now();
    filter.search = search(searchInput.value);
    api.queryMs = performance.now() - started;
    var found = 0;
    if (filter.search) { for (var i = 0; i < n; i++) { found += filter.search[i]; } }
    searchCount.textContent = filter.search ? found + " incidents match" : "";
    refresh();
    api.searchMs = performance.now() - started;
  }
  searchInput.addEventListener("focus", function () { if (!index) { buildIndex(); } });
  // Built while the page is idle after it opens, so the first query does not wait for it.
  function buildWhenIdle() {
    if (index) { return; }
    if (!api.ready) { setTimeout(buildWhenIdle, 500); return; }
    (window.requestIdleCallback || setTimeout)(function () { if (!index) { buildIndex(); } });
  }
  buildWhenIdle();
  searchInput.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 120);
  });
  api.search = function (query) { searchInput.value = query; runSearch(); return api.visible; };
