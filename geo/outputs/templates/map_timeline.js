{# The timeline: a start and an end over the days of the news (background left out of its
    span), in even steps: a day, or a week over a span of more than a year. Play moves the end
    through the span in at most sixty even steps. -#}
  var span = D.span, timer = null;
  var dayStep = span && span[1] - span[0] > 366 ? 7 : 1;
  if (span) { filter.from = span[0]; filter.to = span[1]; }
  var timeline = L.control({position: "bottomleft"}), timeParts = {};
  function slider(box, label, value) {
    var row = el("label", "geo-time-row", null, box);
    el("span", "geo-time-label", label, row);
    var input = el("input", "geo-slider", null, row);
    // The last step may pass the last day, so every step is whole and the last day is reachable.
    input.type = "range"; input.min = span[0]; input.step = dayStep;
    input.max = span[0] + Math.ceil((span[1] - span[0]) / dayStep) * dayStep; input.value = value;
    input.setAttribute("aria-label", label + " date");
    var out = el("output", "geo-time-value", dayText(value), row);
    return {input: input, out: out};
  }
  function showTime() {
    [["start", filter.from], ["end", filter.to]].forEach(function (pair) {
      var part = timeParts[pair[0]];
      part.input.value = pair[1];
      part.input.setAttribute("aria-valuetext", dayText(pair[1]));
      part.out.textContent = dayText(pair[1]);
    });
  }
  function setSpan(from, to) {
    filter.from = Math.max(span[0], Math.min(from, span[1]));
    filter.to = Math.max(filter.from, Math.min(to, span[1]));
    showTime();
    refresh();
  }
  function stop() {
    if (timer) { clearInterval(timer); timer = null; }
    if (timeParts.play) { timeParts.play.textContent = "\u25b6"; timeParts.play.setAttribute("aria-label", "Play"); }
  }
  function play() {
    if (timer) { stop(); return; }
    var step = Math.max(dayStep, Math.ceil((span[1] - span[0]) / 60));
    if (filter.to >= span[1]) { setSpan(filter.from, filter.from); }
    timeParts.play.textContent = "\u23f8"; timeParts.play.setAttribute("aria-label", "Pause");
    timer = setInterval(function () {
      if (filter.to >= span[1]) { stop(); return; }
      setSpan(filter.from, filter.to + step);
    }, STEP_MS);
  }
  timeline.onAdd = function () {
    var box = el("div", "geo-timeline leaflet-bar");
    box.setAttribute("role", "group"); box.setAttribute("aria-label", "Timeline");
    if (span) {
      var head = el("div", "geo-time-head", null, box);
      var button = timeParts.play = el("button", "geo-play", "\u25b6", head);
      button.type = "button"; button.setAttribute("aria-label", "Play");
      button.title = "Play: move the end date through the span";
      button.addEventListener("click", play);
      timeParts.count = el("span", "geo-count", null, head);
      timeParts.count.setAttribute("aria-live", "polite");
      timeParts.start = slider(box, "Start", span[0]);
      timeParts.end = slider(box, "End", span[1]);
      timeParts.start.input.addEventListener("input", function () {
        stop(); setSpan(+timeParts.start.input.value, Math.max(filter.to, +timeParts.start.input.value));
      });
      timeParts.end.input.addEventListener("input", function () {
        stop(); setSpan(Math.min(filter.from, +timeParts.end.input.value), +timeParts.end.input.value);
      });
      button.disabled = span[0] === span[1];
      showTime();
    } else {
      timeParts.count = el("span", "geo-count", null, box);
    }
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  timeline.addTo(map);
  listeners.push(function (count) {
    timeParts.count.textContent = count + " of " + n + " incidents";
  });
  api.setSpan = function (from, to) { setSpan(from, to); };
  api.span = span;
