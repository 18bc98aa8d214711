"""The incident map in a real browser: Debian's headless Chromium, driven by Playwright, with
the network cut off (only file: URLs load) for a --self-contained map, at 1400x900 and 390x844.

One browser for the module; three maps: the sample articles with the seed article (what
`make map` draws), the same with articles full of XSS payloads, and 1,000 made-up incidents.
Checks, by issue 23's points: place labels, shapes across the 180th meridian, filters that
agree, the timeline, search, the list, downloads and filters of the panel, offline basemap
names, precision and uncertainty, merged sources, phones, keyboard and colour; axe-core finds
no serious or critical violation; no control overlaps another; XSS payloads never run.
Screenshots go to build/screenshots/; with GEO_DOCS_SCREENSHOTS=1, README's also to docs/:
    GEO_DOCS_SCREENSHOTS=1 .venv/bin/python -m pytest tests/test_map_browser.py -k "opens_offline or phone"
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import unicodedata
from pathlib import Path

import pytest

from geo.config import npm_dir
from tests.conftest import ROOT, SAMPLES, SEED

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TILE_HOST = "tile.openstreetmap.org"
DESKTOP, PHONE = {"width": 1400, "height": 900}, {"width": 390, "height": 844}
SHOTS = ROOT / "build" / "screenshots"

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


def _write(frame, layers, gazetteer, path: Path) -> dict:
    from geo.outputs.geojson import to_geojson
    from geo.outputs.webmap import build_map, write_map

    write_map(build_map(frame, layers, gazetteer=gazetteer, step_ms=100), path, self_contained=True)
    return {"html": path, "frame": frame.reset_index(drop=True),
            "features": json.loads(to_geojson(frame))["features"]}


@pytest.fixture(scope="module")
def maps(pipeline, gazetteer, tmp_path_factory):
    """The sample map (the sample articles and the seed article, background left out as
    `geo map` does), the same with the XSS articles, and 1,000 made-up incidents."""
    from benchmarks.map_scale import incidents
    from geo.articles import read_articles
    from geo.incidents import merge_incidents

    folder = tmp_path_factory.mktemp("map")
    # A report that names only a country, for the layer of whole countries, and one that names
    # a region phrase only (the seed's barricades in northern Kosovo): the sample articles have
    # neither, and the seed (which has both) is absent where ../shared is.
    country_only = folder / "country-only.jsonl"
    country_only.write_text(json.dumps({"id": "country-only", "date": "2023-06-18", "text":
                                        "Thousands of people protested across Montenegro on Sunday against a "
                                        "new law on religious property."}) + "\n"
                            + json.dumps({"id": "region-only", "date": "2023-06-19", "text":
                                          "Serbs in northern Kosovo blocked roads with trucks on Monday."}) + "\n",
                            encoding="utf-8")
    sample = pipeline.run(read_articles([SAMPLES, country_only, *([SEED] if SEED.exists() else [])]))
    frame = merge_incidents(sample.incidents_frame())
    news = frame[~frame["background"].fillna(False).astype(bool)]
    xss = pipeline.run(read_articles([SAMPLES, _xss_articles(folder / "xss.jsonl")]))
    many = merge_incidents(incidents(1000))
    return {"sample": _write(news, sample.layers, gazetteer, folder / "sample.html"),
            "xss": _write(merge_incidents(xss.incidents_frame()), xss.layers, gazetteer, folder / "xss.html"),
            "many": _write(many, sample.layers[:1], gazetteer, folder / "many.html")}


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Page:
    """One page load with the network cut off; what it logged, asked and requested."""

    def __init__(self, browser, html: Path, viewport: dict = DESKTOP) -> None:
        self.context = browser.new_context(viewport=viewport, accept_downloads=True)
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
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort("internetdisconnected")

    def _console(self, msg) -> None:
        where = (msg.location or {}).get("url", "")
        if msg.type == "error" and not (TILE_HOST in where and msg.text.startswith("Failed to load resource")):
            self.errors.append(f"{msg.text} ({where})")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def show(self, index: int) -> None:
        """Zoom until the marker is out of its cluster, then open it."""
        # page.evaluate has no timeout of its own: the promise bounds itself.
        self.eval("i => new Promise(done => { geoIncidents.show(i, m => { if (m) geoIncidents.openMarker(i); "
                  "setTimeout(done, 300); }); setTimeout(done, 30000); })", index)

    def settle(self, ms: int = 400) -> None:
        self.page.wait_for_timeout(ms)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser):
    pages = []

    def opener(html: Path, viewport: dict = DESKTOP) -> Page:
        pages.append(Page(browser, html, viewport))
        return pages[-1]

    yield opener
    for p in pages:
        p.close()


def _shot(page: Page, name: str, docs: bool = False) -> None:
    """A screenshot in build/screenshots/; README's (``docs``) also in docs/ when
    GEO_DOCS_SCREENSHOTS is set."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / name))
    if docs and os.environ.get("GEO_DOCS_SCREENSHOTS"):
        (ROOT / "docs").mkdir(exist_ok=True)
        page.page.screenshot(path=str(ROOT / "docs" / name))


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def _label(row) -> str:
    """A place's label as the page writes it: the place, its region, its country, each once."""
    parts: list[str] = []
    for part in (row["phrase"] or row["name"], row["admin1"], row["adm0"] or row["country_code"]):
        if part and not any(part.lower() in p.lower() for p in parts):
            parts.append(part)
    return ", ".join(parts)


def _matches(frame, words) -> int:
    """How many incidents have a word starting with each of ``words`` in a place, a sentence or a title."""
    def text(row) -> str:
        fields = [row.get(f) or "" for f in ("name", "phrase", "text", "admin1", "admin2", "adm0", "title",
                                             "sentence")]
        fields += [s["title"] + " " + s["sentence"] for s in row["sources"]]
        return _fold(" ".join(str(f) for f in fields))
    return sum(all(re.search(r"(^|[^\w])" + re.escape(w), text(row)) for w in words)
               for row in frame.to_dict(orient="records"))


# -- opening, precision, places ------------------------------------------------------------------
def test_opens_offline_with_every_incident_drawn_by_its_precision(open_page, maps):
    page, frame = open_page(maps["sample"]["html"]), maps["sample"]["frame"]
    page.settle(500)
    assert page.errors == []
    # Nothing but map tiles is asked of the network: scripts, styles and icons are inlined.
    assert page.requests and all(TILE_HOST in url for url in page.requests), page.requests[:5]
    assert page.eval("geoIncidents.fallbackActive") is True
    assert page.eval("document.querySelectorAll('.leaflet-geo-basemap-pane path').length") > 200  # the world
    draw = page.eval("geoIncidents.markers.map((m, i) => m ? i : -1).filter(i => i >= 0)")
    fine = [i for i, p in enumerate(frame["geo_precision"]) if p in (1, 2)]
    assert draw == fine and page.eval("geoIncidents.cluster.getLayers().length") == len(fine)
    # Precision 1 and 2 look different; precision 3 below a country is its shape, never a marker.
    icons = page.eval("geoIncidents.markers.filter(Boolean).map(m => m.options.icon.options.className)")
    assert {f"geo-marker geo-p{frame['geo_precision'][i]}" for i in fine} == set(icons)
    assert page.eval("geoIncidents.layers.regions.getLayers().filter(l => l.feature).length") > 1
    assert page.eval("geoIncidents.layers.regions._map") is not None
    # Incidents naming only a country or larger: their own layer, off at first.
    whole = [i for i, (p, code) in enumerate(zip(frame["geo_precision"], frame["feature_code"], strict=True))
             if p == 3 and str(code).startswith("PCL") and not frame["modifier"][i]]
    assert whole and page.eval("geoIncidents.layers.whole._map") is None
    # The seed article's barricades in northern Kosovo: its shape and tag plainly on the first view.
    tag = page.page.locator(".geo-area-tag", has_text="northern Kosovo")
    assert tag.is_visible()
    box, view = tag.bounding_box(), page.page.locator(".folium-map").bounding_box()
    assert view["x"] <= box["x"] and box["x"] + box["width"] <= view["x"] + view["width"]
    assert view["y"] <= box["y"] and box["y"] + box["height"] <= view["y"] + view["height"]
    _shot(page, "incident-map.png", docs=True)


def test_place_labels_have_their_separators_and_uncertainty_shows(open_page, maps):
    page, frame = open_page(maps["sample"]["html"]), maps["sample"]["frame"]
    labels = page.eval("Array.from({length: geoIncidents.total}, (_, i) => geoIncidents.placeLabel(i))")
    assert labels == [_label(row) for _, row in frame.iterrows()]
    assert not any("KosovoKosovo" in label or "BelgradeSerbia" in label for label in labels)
    belgrade = next(i for i, name in enumerate(frame["name"]) if name == "Belgrade")
    page.show(belgrade)
    popup = page.page.inner_text(".leaflet-popup-content")
    assert labels[belgrade] in popup and ", " in labels[belgrade]
    assert f"Precision {frame['geo_precision'][belgrade]}" in popup and "km" in popup
    # The uncertainty: a circle of its radius while the incident is open.
    assert page.eval("geoIncidents.ringRadius()") == pytest.approx(frame["uncertainty_km"][belgrade] * 1000)
    page.settle(400)  # the popup fades in
    _shot(page, "incident-popup.png")
    assert page.errors == []


# -- filters that agree --------------------------------------------------------------------------
def test_the_type_filter_moves_legend_choropleth_clusters_and_list_together(open_page, maps):
    page, frame = open_page(maps["sample"]["html"]), maps["sample"]["frame"]
    legend = page.eval("Array.from(document.querySelectorAll('.geo-legend label')).map(l => l.textContent.trim())")
    assert legend and not any("(0)" in t for t in legend)  # only types that have incidents
    assert sum(int(t.rsplit("(", 1)[1].rstrip(")")) for t in legend) == len(frame)
    kind = "Protests"
    hidden = int((frame["event_type"] == kind).sum())
    assert 0 < hidden < len(frame)
    page.page.click(f'.geo-legend input[data-type="{kind}"]')
    assert page.eval("geoIncidents.visible") == len(frame) - hidden
    shown = frame[frame["event_type"] != kind]
    assert page.eval("geoIncidents.levelCounts(0)") == {
        name: int((shown["adm0"] == name).sum()) for name in page.eval("Object.keys(geoIncidents.levelCounts(0))")}
    page.settle(300)
    assert all(frame["event_type"][i] != kind for i in page.eval("geoIncidents.inView"))
    assert kind in page.page.inner_text(".geo-legend")  # its count stays to be seen
    # The heatmap, once shown, weighs what the filters let through: one point per marker's place.
    page.page.hover(".leaflet-control-layers")  # the layer list is collapsed: it opens on hover or focus
    page.page.locator(".leaflet-control-layers-overlays label").filter(has_text="Heatmap").locator("input").check()
    spots = page.eval("Object.values(window).find(v => v instanceof L.HeatLayer)._latlngs.map(p => p[2])")
    markers = shown[shown["geo_precision"] < 3]
    assert len(spots) == len(set(zip(markers["lat"].round(5), markers["lon"].round(5), strict=True)))
    assert max(spots) == 1
    page.page.click(f'.geo-legend input[data-type="{kind}"]')
    assert page.eval("geoIncidents.visible") == len(frame)
    # Clusters are coloured by the types inside them.
    colours = page.eval("""() => {
        const out = [];
        geoIncidents.cluster._featureGroup.eachLayer(c => {
            if (!c.getAllChildMarkers) return;
            const kids = new Set(c.getAllChildMarkers().map(m => m.geoIndex));
            const svg = c._icon.innerHTML;
            out.push([Array.from(kids), Array.from(svg.matchAll(/stroke="(#[0-9a-f]{6})" stroke-width="7"/gi))
                                              .map(m => m[1].toLowerCase())]);
        });
        return out;
    }""")
    assert colours, "no cluster on the first view"
    palette = dict(page.eval("""Array.from(document.querySelectorAll('.geo-legend input')).map(b =>
        [b.dataset.type, b.parentNode.querySelector('path:last-child').getAttribute('fill').toLowerCase()])"""))
    for kids, strokes in colours:
        assert sorted(strokes) == sorted({palette[frame["event_type"][i]] for i in kids}), (kids, strokes)
    assert page.errors == []


def test_the_timeline_has_a_start_and_an_end_in_even_steps(open_page, maps):
    page, frame = open_page(maps["sample"]["html"]), maps["sample"]["frame"]
    days = sorted(d for d in frame["date"] if d)
    start, end = page.page.locator(".geo-slider").nth(0), page.page.locator(".geo-slider").nth(1)
    assert start.get_attribute("aria-label") == "Start date" and end.get_attribute("aria-label") == "End date"
    assert start.get_attribute("aria-valuetext") == days[0] and end.get_attribute("aria-valuetext") == days[-1]
    assert start.get_attribute("step") == "1"  # a day a step: even steps through time, not one per date
    start.focus()
    page.page.keyboard.press("ArrowRight")
    next_day = (dt.date.fromisoformat(days[0]) + dt.timedelta(days=1)).isoformat()
    assert start.get_attribute("aria-valuetext") == next_day
    assert page.eval("geoIncidents.visible") == sum(1 for d in frame["date"] if not d or d >= next_day)
    end.focus()
    page.page.keyboard.press("Home")  # an end before the start takes the start with it
    assert end.get_attribute("aria-valuetext") == start.get_attribute("aria-valuetext") == days[0]
    assert page.eval("geoIncidents.visible") == sum(1 for d in frame["date"] if not d or d == days[0])
    page.page.keyboard.press("End")
    page.page.locator(".geo-slider").nth(0).focus()
    page.page.keyboard.press("Home")
    page.page.click(".geo-play")  # playback: the end moves to the last day
    page.page.wait_for_function("geoIncidents.visible === geoIncidents.total", timeout=15_000)
    assert days[-1] in page.page.inner_text(".geo-timeline")
    assert page.errors == []


def test_background_does_not_stretch_the_timeline(open_page, maps, tmp_path, gazetteer):
    frame = maps["sample"]["frame"].copy()
    old = frame.iloc[[0]].copy()
    old["date"], old["background"], old["incident_id"] = "2003-03-01", True, "inc-old"
    import pandas as pd
    html = _write(pd.concat([frame, old], ignore_index=True).pipe(lambda f: f.set_geometry("geometry")), [], None,
                  tmp_path / "bg.html")["html"]
    page = open_page(html)
    start = page.page.locator(".geo-slider").nth(0).get_attribute("aria-valuetext")
    assert start == min(d for d in frame["date"] if d)  # not 2003
    assert page.eval("geoIncidents.visible") == len(frame) + 1
    page.page.get_by_label("Background", exact=False).uncheck()
    assert page.eval("geoIncidents.visible") == len(frame)


# -- the panel: search, list, downloads, filters ------------------------------------------------
def test_search_finds_places_sentences_and_titles(open_page, maps):
    page, frame = open_page(maps["sample"]["html"]), maps["sample"]["frame"]

    def expected(*words: str) -> int:
        return _matches(frame, words)


    for query in ("zvecan", "Zvečan", "barricades north"):  # every word, as a prefix, diacritics aside
        count = expected(*_fold(query).split())
        assert 0 < count < len(frame)
        page.page.fill("#geo-search-input", query)
        page.page.wait_for_function(f"document.querySelector('.geo-search .geo-meta').textContent === "
                                    f"'{count} incidents match'")
        assert page.eval("geoIncidents.visible") == count
    assert page.eval("geoIncidents.indexWords") > 50  # an index of words, built once
    page.page.fill("#geo-search-input", "")
    page.page.wait_for_function("geoIncidents.visible === geoIncidents.total")
    assert page.errors == []


def test_the_list_follows_the_map_and_the_map_the_list(open_page, maps):
    page, frame = open_page(maps["sample"]["html"]), maps["sample"]["frame"]
    page.settle(300)
    in_view = page.eval("geoIncidents.inView")
    rows = page.page.locator(".geo-row")
    assert in_view and 0 < rows.count() <= len(in_view)
    assert frame["date"][in_view[0]] == max(frame["date"][i] for i in in_view)  # newest first
    marker_row = next(k for k, i in enumerate(in_view) if frame["geo_precision"][i] < 3)
    rows.nth(marker_row).click()  # a row flies the map to its incident and opens it
    page.page.wait_for_selector(".leaflet-popup-content .geo-popup", timeout=20_000)
    assert frame["sentence"][in_view[marker_row]] in page.page.inner_text(".leaflet-popup-content")
    page.settle(500)
    assert page.page.locator(".geo-row[aria-selected=true]").count() == 1
    # The list follows the map: nothing of these articles lies in Brazil.
    page.eval("() => { const m = Object.values(window).find(v => v instanceof L.Map); m.setView([-10, -50], 6); }")
    page.page.wait_for_function("geoIncidents.inView.length === 0")
    assert page.page.locator(".geo-row").count() == 0
    page.eval("() => { const m = Object.values(window).find(v => v instanceof L.Map); m.setView([42.9, 20.9], 8); }")
    page.page.wait_for_function("geoIncidents.inView.length > 0")
    # Keyboard: the list is a listbox; arrows move, Enter opens.
    page.page.focus(".geo-list")
    page.page.keyboard.press("ArrowDown")
    active = page.eval("document.querySelector('.geo-list').getAttribute('aria-activedescendant')")
    assert active and active.startswith("geo-row-")
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector(".leaflet-popup-content .geo-popup", timeout=20_000)
    assert page.errors == []


def test_downloads_have_what_geo_export_writes(open_page, maps):
    page, data = open_page(maps["sample"]["html"]), maps["sample"]
    exported = {f["properties"]["incident_id"]: f["properties"] for f in data["features"]}
    with page.page.expect_download() as got:
        page.page.get_by_role("button", name="Download the selected incidents as GeoJSON").click()
    features = json.loads(Path(got.value.path()).read_text(encoding="utf-8"))["features"]
    assert len(features) == len(exported)
    for f in features:
        assert f["properties"] == exported[f["properties"]["incident_id"]]
        assert list(f["properties"]) == list(data["features"][0]["properties"])  # the same order too
        assert f["geometry"]["type"] in ("Point", "Polygon", "MultiPolygon", "LineString", "MultiLineString")
    kind = "Protests"
    page.page.click(f'.geo-legend input[data-type="{kind}"]')  # what is shown, after filters
    with page.page.expect_download() as got:
        page.page.get_by_role("button", name="Download the selected incidents as CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8-sig"))))
    assert list(rows[0]) == list(data["features"][0]["properties"])
    assert len(rows) == sum(1 for p in exported.values() if p["event_type"] != kind)
    for row in rows:
        p = exported[row["incident_id"]]
        assert row["sentence"] == p["sentence"] and json.loads(row["sources"]) == p["sources"]
    assert page.errors == []


def test_sub_type_actor_and_fatalities_filters(open_page, maps):
    page, frame = open_page(maps["sample"]["html"]), maps["sample"]["frame"]
    sub = frame["sub_event_type"].value_counts().index[0]
    page.page.get_by_label("Sub-event type").select_option(label=f"{sub} ({(frame['sub_event_type'] == sub).sum()})")
    assert page.eval("geoIncidents.visible") == int((frame["sub_event_type"] == sub).sum())
    page.page.get_by_label("Sub-event type").select_option(value="")
    actors = frame["actors"].explode().dropna().value_counts()
    actor = actors.index[0]
    page.page.get_by_label("Actor").select_option(label=f"{actor} ({actors.iloc[0]})")
    assert page.eval("geoIncidents.visible") == sum(actor in (a or []) for a in frame["actors"])
    page.page.get_by_label("Actor").select_option(value="")
    dead = [i for i, f in enumerate(frame["fatalities"]) if f and f > 0 and frame["geo_precision"][i] < 3]
    assert dead
    size = "i => geoIncidents.markers[i].options.icon.options.iconSize[0]"
    before = page.eval(size, dead[0])
    page.page.get_by_label("Size markers by fatalities").check()
    assert page.eval(size, dead[0]) > before
    assert page.errors == []


# -- the offline basemap -----------------------------------------------------------------------------
def test_the_offline_basemap_names_places_by_zoom_and_never_bands_round_the_world(open_page, maps):
    page = open_page(maps["sample"]["html"])
    find_map = "Object.values(window).find(v => v instanceof L.Map)"
    page.eval(f"() => {find_map}.setView([20, 20], 2)")
    page.settle(500)
    world = page.eval("geoIncidents.labelsShown")
    assert {"Russia", "Brazil", "China"} <= set(world)
    # No drawn edge spans more than half the world (a ring across 180 degrees drawn as a band).
    widest = page.eval("""() => {
        const worldPx = 256 * Math.pow(2, MAP.getZoom());
        let widest = 0;
        const polar = MAP.latLngToLayerPoint([-84, 0]).y;  // Antarctica's edge runs round the world, rightly
        document.querySelectorAll('.leaflet-geo-basemap-pane path, .leaflet-overlay-pane path').forEach(p => {
            for (const sub of (p.getAttribute('d') || '').split('M').slice(1)) {
                const pts = sub.split(/[LZz]/).map(pt => pt.trim().split(' ').map(Number)).filter(pt => pt.length == 2);
                for (let k = 1; k < pts.length; k++) {
                    if (pts[k][1] > polar && pts[k - 1][1] > polar) continue;
                    widest = Math.max(widest, Math.abs(pts[k][0] - pts[k - 1][0]) / worldPx);
                }
            }
        });
        return widest;
    }""".replace("MAP", find_map))
    assert widest < 0.5
    page.eval(f"() => {find_map}.setView([42.9, 20.87], 10)")
    page.settle(500)
    near = page.eval("geoIncidents.labelsShown")
    assert {"Zvečan", "Mitrovica"} & set(near) and "Brazil" not in near
    assert page.errors == []


# -- phones, keyboard, accessibility, layout -----------------------------------------------------
def _overlaps(page: Page) -> list[tuple[str, str]]:
    """Pairs of visible controls whose boxes overlap."""
    boxes = page.eval("""() => Array.from(document.querySelectorAll(
            '.leaflet-control, .geo-panel-head, .geo-search, .geo-filters, .geo-inview, .geo-list, .geo-downloads'))
        .filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden')
        .map(e => { const r = e.getBoundingClientRect();
                    return [e.className.split(' ').slice(0, 2).join(' '), r.left, r.top, r.right, r.bottom]; })
        .filter(b => b[3] > b[1] && b[4] > b[2])""")
    out = []
    for k, a in enumerate(boxes):
        for b in boxes[k + 1:]:
            if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5:
                out.append((a[0], b[0]))
    return out


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_control_overlaps_another_and_axe_finds_nothing_serious(open_page, maps, viewport):
    page = open_page(maps["sample"]["html"], viewport)
    page.settle(500)
    assert _overlaps(page) == []
    name = "desktop" if viewport == DESKTOP else "phone"
    _shot(page, f"incident-map-{name}.png", docs=viewport == PHONE)
    if viewport == PHONE:
        # The layer list is collapsed; the panel opens over the map and closes again.
        layers = page.page.locator(".leaflet-control-layers").bounding_box()
        assert layers["width"] < 60 and layers["height"] < 60
        assert page.page.locator(".geo-panel").is_hidden()
        page.page.locator(".geo-opener button").click()
        assert page.page.locator(".geo-panel").is_visible() and _overlaps(page) == []
        _shot(page, "incident-panel-phone.png")
        page.page.keyboard.press("Escape")
        assert page.page.locator(".geo-panel").is_hidden()
        timeline = page.page.locator(".geo-timeline").bounding_box()
        assert timeline["x"] >= 0 and timeline["x"] + timeline["width"] <= viewport["width"]
        page.show(next(i for i, m in enumerate(page.eval("geoIncidents.markers.map(Boolean)")) if m))
        popup = page.page.locator(".leaflet-popup").bounding_box()
        assert popup["width"] <= viewport["width"] - 20
        # Leaflet fades a popup in; axe measures contrast against what is painted, so wait for it.
        page.page.wait_for_function(
            "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    modules = npm_dir("axe-core")  # the checkout's node_modules, or $GEO_NPM_DIR's
    assert modules is not None, "npm ci installs axe-core (package.json)"
    page.page.add_script_tag(path=str(modules / "axe-core" / "axe.min.js"))
    result = page.eval("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert page.errors == []


def test_keyboard_reaches_every_kind_of_thing_and_the_page_says_what_it_is(open_page, maps):
    page = open_page(maps["sample"]["html"])
    assert page.eval("document.documentElement.lang") == "en" and page.eval("document.title")
    focused = []
    for _ in range(40):  # everything Tab reaches has a name: no unlabelled shapes
        page.page.keyboard.press("Tab")
        focused.append(page.eval("""() => { const e = document.activeElement;
            const label = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent)
                || e.getAttribute('title') || e.textContent;
            const cls = typeof e.className === 'string' ? e.className : '';
            return [e.tagName, cls, (label || '').trim()]; }"""))
    assert all(name for _, _, name in focused), [f for f in focused if not f[2]]
    assert not any(tag.lower() == "path" for tag, _, _ in focused)
    kinds = " ".join(cls for _, cls, _ in focused)
    assert "geo-marker" in kinds or "geo-cluster" in kinds
    # A cluster: Enter zooms in. A marker: Enter opens it.
    zoom = page.eval("geoIncidents.cluster._map.getZoom()")
    page.page.focus(".geo-cluster")
    page.page.keyboard.press("Enter")
    page.page.wait_for_function(f"geoIncidents.cluster._map.getZoom() > {zoom}")
    page.settle(600)
    marker = next(i for i, m in enumerate(page.eval("geoIncidents.markers.map(Boolean)")) if m)
    page.show(marker)
    page.page.click(".leaflet-popup-close-button")
    page.page.wait_for_selector(".leaflet-popup", state="detached")
    page.eval("i => geoIncidents.markers[i]._icon.focus()", marker)
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector(".leaflet-popup-content .geo-popup")
    # An area's tag: Enter lists its incidents.
    page.page.click(".leaflet-popup-close-button")
    page.page.focus(".geo-area-badge")
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector(".geo-area-list")
    assert page.errors == []


# -- many incidents, merged sources, XSS --------------------------------------------------------
def test_a_thousand_incidents_list_is_virtual_and_search_indexed(open_page, maps):
    page, frame = open_page(maps["many"]["html"]), maps["many"]["frame"]
    page.settle(300)
    in_view = page.eval("geoIncidents.inView.length")
    assert in_view > 500 and page.page.locator(".geo-row").count() < 40  # only the rows on screen exist
    page.eval("() => { const l = document.querySelector('.geo-list'); l.scrollTop = 64 * 300; "
              "l.dispatchEvent(new Event('scroll')); }")
    assert page.page.locator("#geo-row-" + str(page.eval("geoIncidents.inView[300]"))).count() == 1
    hits = page.eval("geoIncidents.search('place 12')")
    assert hits == _matches(frame, ["place", "12"]) > 0
    assert page.eval("geoIncidents.queryMs") < 100
    assert page.errors == []


def test_xss_payloads_never_run_and_merged_incidents_list_each_article_once(open_page, maps):
    page, frame = open_page(maps["xss"]["html"]), maps["xss"]["frame"]
    xss = [i for i, sources in enumerate(frame["sources"]) if any(s["article_id"].startswith("xss-") for s in sources)]
    texts = [s["sentence"] + s["title"] for i in xss for s in frame["sources"][i]]
    assert {p for p in PAYLOADS if any(p in t for t in texts)} == set(PAYLOADS)
    for i in xss:
        if frame["geo_precision"][i] < 3:
            page.show(i)
        else:
            page.eval("i => geoIncidents.activate(i)", i)
            page.settle(800)
        text = page.page.inner_text(".leaflet-popup-content")
        articles = {s["article_id"] for s in frame["sources"][i]}
        assert page.eval("document.querySelectorAll('.leaflet-popup-content .geo-sources li').length") == \
            len(articles) == frame["n_sources"][i]  # each article once
        for source in frame["sources"][i]:
            assert source["title"] in text  # shown as text
    page.eval("geoIncidents.search('script')")
    page.eval("geoIncidents.setPanel(true)")
    page.settle(300)
    assert page.dialogs == []
    assert page.eval("window.__xss") is None
    injected = page.eval("""document.querySelectorAll(
        '.leaflet-popup-content img, .leaflet-popup-content script, .geo-panel img, .geo-panel script, iframe, '
        + 'object, embed, [onerror], [onload], a[href^="javascript"], img[src="x"], '
        + 'body [style*="javascript"]').length""")
    assert injected == 0
    links = page.eval("Array.from(document.querySelectorAll('.leaflet-popup-content a')).map(a => a.href)")
    assert all(link.startswith("https://") for link in links)
    assert page.errors == []


# Every kind of --tiles value the CLI takes besides the default (the tests above): none, folium's
# classic names and any xyzservices provider; each with the host its tiles come from.
TILES = {"none": None, "CartoDB positron": "basemaps.cartocdn.com", "Esri.WorldImagery": "server.arcgisonline.com"}


def test_every_tiles_value_gives_a_working_map(open_page, maps, pipeline, gazetteer, tmp_path):
    """Every --tiles value: the map loads with no script error, its markers and the country
    polygons as the basemap once the tiles fail (at once without tiles)."""
    from geo.outputs.webmap import build_map, write_map

    frame = maps["sample"]["frame"]
    fine = int(frame["geo_precision"].isin([1, 2]).sum())
    for tiles, host in TILES.items():
        html = tmp_path / f"tiles-{tiles.replace(' ', '-')}.html"
        fmap = build_map(frame, pipeline.layers(), tiles=None if tiles == "none" else tiles, gazetteer=gazetteer,
                         step_ms=100)
        write_map(fmap, html, self_contained=True)
        page = open_page(html)
        page.page.wait_for_function("geoIncidents.fallbackActive", timeout=10_000)
        errors = [e for e in page.errors if not (host and host in e and "Failed to load resource" in e)]
        assert errors == [], tiles
        assert all(host and host in url for url in page.requests), (tiles, page.requests[:3])
        assert page.eval("geoIncidents.cluster.getLayers().length") == fine, tiles
        assert page.eval("document.querySelectorAll('.leaflet-geo-basemap-pane path').length") > 3, tiles
