"""The incident map in a real browser: Debian's headless Chromium, driven by Playwright, with
the network cut off (only file: URLs load) for a --self-contained map.

Checks: no console errors (tiles that cannot load are expected: the country polygons take
over), one marker per incident written, a popup that opens on a click with its sentence, the
type filter, the timeline, and XSS payloads in article text and titles that never run.
The screenshot is written to build/screenshots/incident-map.png.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TILE_HOST = "tile.openstreetmap.org"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"),
]

# In the style of the OWASP XSS filter evasion cheat sheet.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=x onerror=alert(1)>",
    "\"><img src=x onerror=alert(2)>",
    "<svg/onload=alert(3)>",
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<a href=\"javascript:alert(4)\">click</a>",
    "<iframe src=\"javascript:alert(5)\"></iframe>",
    "<body onload=alert(6)>",
    "<<SCRIPT>alert(7);//<</SCRIPT>",
    "</script><script>alert(8)</script>",
    "${alert(9)}",
    "`;alert(10);`",
    "\\x3cscript\\x3ealert(11)\\x3c/script\\x3e",
    "\\u003cimg src=x onerror=alert(12)\\u003e",
    "&#60;script&#62;alert(13)&#60;/script&#62;",
    "%3Cscript%3Ealert(14)%3C%2Fscript%3E",
    "<div style=\"background-image: url(javascript:alert(15))\">x</div>",
    "<img src=x onerror=\"window.__xss=1\">",
]
PLACES = ["Zvečan", "Leposavić", "Zubin Potok", "Pristina", "Belgrade"]


def _xss_articles(path: Path) -> Path:
    lines = []
    for i, payload in enumerate(PAYLOADS):
        place = PLACES[i % len(PLACES)]
        text = (f"Police arrested two men in {place} on Monday {payload} after a protest. "
                f"Protesters blocked the road near {place} {payload} on Tuesday.")
        lines.append(json.dumps({"id": f"xss-{i}", "date": "2023-06-07", "title": f"Report {payload}",
                                 "url": "javascript:alert(99)" if i % 2 else "https://example.org/a?q=<b>",
                                 "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def written(pipeline, tmp_path_factory):
    """The sample and XSS articles, mapped (--self-contained) and exported."""
    from geo.articles import read_articles
    from geo.incidents import merge_incidents
    from geo.outputs.geojson import write_geojson
    from geo.outputs.webmap import build_map, write_map

    folder = tmp_path_factory.mktemp("map")
    docs = read_articles([SAMPLES, _xss_articles(folder / "xss.jsonl")])
    result = pipeline.run(docs)
    layers = result.layers
    frame = merge_incidents(result.incidents_frame())
    html, geojson = folder / "map.html", folder / "incidents.geojson"
    write_map(build_map(frame, layers, step_ms=100), html, self_contained=True)
    write_geojson(frame, geojson)
    features = json.loads(geojson.read_text())["features"]
    return {"html": html, "frame": frame, "features": features, "layers": layers, "folder": folder}


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Page:
    """One page load with the network cut off; what it logged, asked and requested."""

    def __init__(self, browser, html: Path, tile_host: str = TILE_HOST) -> None:
        self.tile_host = tile_host
        self.context = browser.new_context(viewport={"width": 1200, "height": 800})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("dialog", self._dialog)
        self.page.goto(html.as_uri())
        self.page.wait_for_function("window.geoIncidents && window.geoIncidents.ready", timeout=30_000)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort("internetdisconnected")

    def _console(self, msg) -> None:
        where = (msg.location or {}).get("url", "")
        if msg.type == "error" and not (self.tile_host in where and msg.text.startswith("Failed to load resource")):
            self.errors.append(f"{msg.text} ({where})")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def page(browser, written):
    p = Page(browser, written["html"])
    yield p
    p.close()


def test_opens_offline_with_no_console_errors(page, written):
    page.page.wait_for_timeout(500)
    assert page.errors == []
    # Nothing but map tiles is asked of the network: scripts, styles and icons are inlined.
    assert page.requests and all(TILE_HOST in url for url in page.requests), page.requests[:5]
    # The tiles failed, so the country polygons are the basemap.
    assert page.eval("geoIncidents.fallbackActive") is True
    assert page.eval("document.querySelectorAll('.leaflet-geo-basemap-pane path').length") > 3
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(shots / "incident-map.png"))


def test_one_marker_per_incident_written(page, written):
    n = len(written["frame"])
    assert n == len(written["features"]) > 20
    assert page.eval("geoIncidents.total") == n
    assert page.eval("geoIncidents.cluster.getLayers().length") == n
    legend = page.eval("Array.from(document.querySelectorAll('.geo-legend label')).map(l => l.textContent)")
    assert sum(int(t.rsplit("(", 1)[1].rstrip(")")) for t in legend) == n


def _open_popup(page, index: int):
    """Zoom until the marker is out of its cluster, then click it like a reader would."""
    # page.evaluate has no timeout of its own: the promise bounds itself.
    page.eval("i => new Promise(done => { geoIncidents.show(i, () => setTimeout(done, 400)); "
              "setTimeout(done, 30000); })", index)
    box = page.eval("""i => { const r = geoIncidents.markers[i]._path.getBoundingClientRect();
                              return [r.x + r.width / 2, r.y + r.height / 2]; }""", index)
    page.page.mouse.click(*box)
    return page.page.wait_for_selector(".leaflet-popup-content .geo-popup", timeout=5_000)


def test_a_popup_opens_with_its_sentence(page, written):
    frame = written["frame"]
    index = next(i for i, s in enumerate(frame["sentence"]) if "armed group attacked" in s)
    popup = _open_popup(page, index)
    row = frame.iloc[index]
    assert row["sentence"] in popup.inner_text()
    assert popup.query_selector("mark").inner_text() == row["text"]
    assert row["event_type"] in popup.inner_text() and row["date"] in popup.inner_text()
    assert row["title"] in popup.inner_text()
    page.page.screenshot(path=str(ROOT / "build" / "screenshots" / "incident-popup.png"))


def test_the_type_filter_hides_that_type(page, written):
    frame = written["frame"]
    kind = "Protests"
    hidden = int((frame["event_type"] == kind).sum())
    assert hidden > 0
    page.page.click(f'.geo-legend input[data-type="{kind}"]')
    assert page.eval("geoIncidents.visible") == len(frame) - hidden
    types = page.eval("""() => { const d = geoIncidents.cluster.getLayers().map(m => m.geoIndex); return d; }""")
    assert len(types) == len(frame) - hidden and all(frame.iloc[i]["event_type"] != kind for i in types)
    page.page.click(f'.geo-legend input[data-type="{kind}"]')
    assert page.eval("geoIncidents.visible") == len(frame)


def test_the_timeline_moves(page, written):
    dates = sorted(d for d in written["frame"]["date"] if d)
    slider = page.page.locator(".geo-slider")
    slider.focus()
    page.page.keyboard.press("Home")
    first = page.eval("geoIncidents.visible")
    assert first == sum(1 for d in written["frame"]["date"] if not d or d <= dates[0]) < len(dates)
    assert dates[0] in page.page.inner_text(".geo-count")
    page.page.keyboard.press("ArrowRight")
    assert page.eval("geoIncidents.visible") > first
    page.page.keyboard.press("Home")
    page.page.click(".geo-play")  # playback: one date every 100 ms, to the last
    page.page.wait_for_function("+document.querySelector('.geo-slider').value === +document.querySelector("
                                "'.geo-slider').max", timeout=10_000)
    assert page.eval("geoIncidents.visible") == len(written["frame"])
    assert dates[-1] in page.page.inner_text(".geo-count")


def test_xss_payloads_never_run(page, written):
    frame = written["frame"]
    xss = [i for i, sources in enumerate(frame["sources"]) if any(s["article_id"].startswith("xss-") for s in sources)]
    # The payload articles report the same incidents, so they merge: every payload is in a source.
    texts = [s["sentence"] + s["title"] for i in xss for s in frame.iloc[i]["sources"]]
    assert {p for p in PAYLOADS if any(p in t for t in texts)} == set(PAYLOADS)
    for i in xss:  # every popup, opened
        page.eval("i => new Promise(done => { geoIncidents.show(i, m => { m.openPopup(); done(); }); "
                  "setTimeout(done, 30000); })", i)
        text = page.page.inner_text(".leaflet-popup-content")
        for source in frame.iloc[i]["sources"]:
            assert source["title"] in text  # shown as text
    _open_popup(page, xss[0])
    page.page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.eval("window.__xss") is None
    injected = page.eval("""document.querySelectorAll(
        '.leaflet-popup-content img, .leaflet-popup-content svg, .leaflet-popup-content script, iframe, object, '
        + 'embed, [onerror], [onload], a[href^="javascript"], img[src="x"], body [style*="javascript"]').length""")
    assert injected == 0
    links = page.eval("Array.from(document.querySelectorAll('.leaflet-popup-content a')).map(a => a.href)")
    assert all(link.startswith("https://") for link in links)
    assert page.errors == []


def test_layers_switch_and_the_choropleth_shows_counts(page, written):
    control = page.page.locator(".leaflet-control-layers-overlays label")
    control.filter(has_text="Incidents").filter(has_not_text="per").locator("input").uncheck()
    assert page.eval("geoIncidents.cluster._map") is None
    control.filter(has_text="Heatmap").locator("input").check()
    assert page.eval("document.querySelectorAll('canvas.leaflet-heatmap-layer').length") == 1
    # The heatmap's weights come from the script alone: one point per place, the busiest at 1.
    spots = page.eval("""() => {
        const heat = Object.values(window).find(v => v instanceof L.HeatLayer);
        return heat._latlngs.map(p => p[2]);
    }""")
    places = {(round(lat, 5), round(lon, 5)) for lat, lon in zip(written["frame"]["lat"], written["frame"]["lon"],
                                                                  strict=True)}
    assert len(spots) == len(places) and max(spots) == 1
    painted = page.eval("""() => {
        const c = document.querySelector('canvas.leaflet-heatmap-layer');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i]) n++; } return n;
    }""")
    assert painted > 0
    # Hover the polygon with the most incidents: its tooltip names it and gives the count.
    point = page.eval("""() => {
        let best = null;
        Object.values(window).forEach(v => {
            if (v instanceof L.GeoJSON) v.eachLayer(l => {
                const p = l.feature && l.feature.properties;
                if (p && p.incidents && (!best || p.incidents > best.p.incidents)) best = {l, p};
            });
        });
        const c = best.l._map.latLngToContainerPoint(best.l.getCenter());
        const r = best.l._map.getContainer().getBoundingClientRect();
        return [r.x + c.x, r.y + c.y, best.p.name, best.p.incidents];
    }""")
    page.page.mouse.move(point[0], point[1])
    tooltip = page.page.wait_for_selector(".leaflet-tooltip")
    assert point[2] in tooltip.inner_text() and str(point[3]) in tooltip.inner_text()
    assert point[3] == sum(1 for name in written["frame"]["adm0"] if name == point[2])
    page.page.screenshot(path=str(ROOT / "build" / "screenshots" / "incident-choropleth.png"))
    assert page.errors == []


# Every kind of --tiles value the CLI takes besides the default (the tests above): none, folium's
# classic names and any xyzservices provider; each with the host its tiles come from.
TILES = {"none": None, "CartoDB positron": "basemaps.cartocdn.com", "Esri.WorldImagery": "server.arcgisonline.com"}


def test_every_tiles_value_gives_a_working_map(browser, written):
    """One browser for every --tiles value: the map loads with no console error, its markers,
    legend, timeline and layer control, and the country polygons as the basemap once the
    tiles fail (at once without tiles)."""
    from geo.outputs.webmap import build_map, write_map

    n = len(written["frame"])
    for tiles, host in TILES.items():
        html = written["folder"] / f"tiles-{tiles.replace(' ', '-')}.html"
        fmap = build_map(written["frame"], written["layers"], tiles=None if tiles == "none" else tiles, step_ms=100)
        write_map(fmap, html, self_contained=True)
        page = Page(browser, html, tile_host=host or "no tiles")
        try:
            page.page.wait_for_function("geoIncidents.fallbackActive", timeout=10_000)
            assert page.errors == [], tiles
            assert all(host and host in url for url in page.requests), (tiles, page.requests[:3])
            assert page.eval("geoIncidents.cluster.getLayers().length") == n, tiles
            assert page.eval("document.querySelectorAll('.geo-legend label').length") > 3, tiles
            assert page.eval("document.querySelectorAll('.geo-slider').length") == 1, tiles
            overlays = page.eval("Array.from(document.querySelectorAll("
                                 "'.leaflet-control-layers-overlays label')).map(l => l.textContent.trim())")
            assert "Incidents" in overlays and "Countries (basemap without tiles)" in overlays, (tiles, overlays)
            assert page.eval("document.querySelectorAll('.leaflet-geo-basemap-pane path').length") > 3, tiles
        finally:
            page.close()
