"""How the incident map scales: HTML size, Python time and time until interactive in
headless Chromium, for 1k, 10k and 100k incidents, beside folium's plain map (one ``Marker``
with its popup per point, in a ``MarkerCluster``).

Incidents are made up but real-sized: sentences of 20 to 40 words (about 180 characters),
each naming one or two of 2,000 places in Kosovo and Serbia, eight sentences an article,
dates over 90 days. Targets at 100k (issue 6): HTML at most 1.5 times the GeoJSON export,
written in under 10 s, interactive in under 5 s; the panel and its search (issue 23) meet
them too. Maps are written self-contained (the browser runs offline); sizes are given both
ways. The basemap's names come from the gazetteer of ``--data-dir``.

    .venv/bin/python benchmarks/map_scale.py                 # 1k, 10k, 100k; plain map up to 10k
    .venv/bin/python benchmarks/map_scale.py --sizes 1000 --plain-max 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import folium
import geopandas as gpd
from folium.plugins import MarkerCluster
from shapely import points

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.boundaries import countries_layer  # noqa: E402
from geo.gazetteer import open_gazetteer  # noqa: E402
from geo.geodesy import WGS84  # noqa: E402
from geo.incidents import merge_incidents  # noqa: E402
from geo.model import INCIDENT_COLUMNS, Layer  # noqa: E402
from geo.outputs.assets import inline_assets  # noqa: E402
from geo.outputs.escaping import escape_text, safe_link  # noqa: E402
from geo.outputs.geojson import to_geojson  # noqa: E402
from geo.outputs.webmap import build_map, render_map  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# What each made-up sentence reports, as the incidents stage types it.
EVENTS = [("police arrested two men", "Strategic developments", "arrests"),
          ("protesters blocked the main road", "Protests", "peaceful protest"),
          ("an armed group attacked a patrol", "Battles", "armed clash"),
          ("troops were deployed", "Strategic developments", "other"),
          ("a crowd threw stones at police", "Riots", "violent demonstration"),
          ("clashes broke out with police", "Riots", "violent demonstration"),
          ("gunmen shot a shopkeeper", "Violence against civilians", "attack"),
          ("a grenade exploded", "Explosions/Remote violence", "grenade")]
FILLER = (  # noqa: SIM905  (a sentence reads better than a word list)
    "residents said the situation remained tense as officers from the regional unit secured the "
    "area while local leaders and international observers called for calm and a return to talks "
    "in the days ahead according to a statement released later by the authorities "
).split()


def incidents(n: int, seed: int = 6) -> gpd.GeoDataFrame:
    """``n`` incidents (as the incidents stage makes them, per article): each sentence names
    one or two places."""
    rnd = random.Random(seed)
    places = [(f"Place {i}", rnd.uniform(41.9, 46.1), rnd.uniform(19.0, 22.9)) for i in range(2000)]
    start = dt.date(2023, 5, 1)
    rows = []
    article = sentence_no = 0
    while len(rows) < n:
        if sentence_no % 8 == 0:
            article += 1
            published = start + dt.timedelta(days=rnd.randrange(90))
            title = f"Report {article}: tension in the north as talks stall and crowds gather again"
        sentence_no += 1
        named = rnd.sample(places, 2 if rnd.random() < 0.3 else 1)
        words = rnd.sample(FILLER, rnd.randint(14, 30))
        event, event_type, sub_event_type = rnd.choice(EVENTS)
        sentence = (f"On {published:%A}, {event} in {named[0][0]}"
                    + (f" and {named[1][0]}" if len(named) > 1 else "") + ", " + " ".join(words) + ".")
        for name, lat, lon in named:
            at = sentence.index(name)
            rows.append({"incident_id": f"inc-{len(rows)}", "date": published.isoformat(), "date_precision": "day",
                         "date_text": f"On {published:%A}", "background": False, "event_type": event_type,
                         "sub_event_type": sub_event_type, "evidence": [event.split()[-3]], "confidence": 0.8,
                         "actors": [], "fatalities": None, "fatalities_text": "", "injuries": None,
                         "injuries_text": "", "place_basis": "sentence", "geo_precision": 1, "places_mentioned": [],
                         "article_id": f"art-{article}", "title": title, "published": published.isoformat(),
                         "url": f"https://news.example.org/{article}", "text": name, "start": at, "end": at + len(name),
                         "label": "GPE", "sentence": sentence, "sentence_start": 0, "name": name, "lat": lat,
                         "lon": lon, "geonameid": 10_000_000 + int(name.split()[1]), "feature_class": "P",
                         "feature_code": "PPL", "country_code": "XK" if lat < 43.3 else "RS", "admin1": "",
                         "admin2": "", "population": 1000, "place_confidence": 0.9, "candidates": 3, "modifier": "",
                         "phrase": "", "geometry_type": "Point", "uncertainty_km": 1.0,
                         "adm0": "Kosovo" if lat < 43.3 else "Serbia"})
    rows = rows[:n]
    return gpd.GeoDataFrame(rows, columns=[*INCIDENT_COLUMNS, "adm0"],
                            geometry=points([r["lon"] for r in rows], [r["lat"] for r in rows]), crs=WGS84)


def _marked(sentence: str, start: int, end: int) -> str:
    """The sentence as escaped HTML with the mention at [start, end) (sentence offsets) marked."""
    if not (0 <= start < end <= len(sentence)):
        return escape_text(sentence)
    return (escape_text(sentence[:start]) + "<mark>" + escape_text(sentence[start:end]) + "</mark>"
            + escape_text(sentence[end:]))


def popup_html(row: dict) -> str:
    """A popup for one mention or incident row, as escaped HTML: what a folium map with one
    ``Popup`` per point writes."""
    offset = row.get("sentence_start")
    start = row["start"] - offset if offset is not None else -1
    parts = [f"<b>{escape_text(row['name'])}</b>"]
    if row.get("event_type"):
        parts[0] += f" &middot; {escape_text(row['event_type'])}"
    elif row.get("feature_code"):
        parts[0] += f" <small>({escape_text(row['feature_code'])}, {escape_text(row['country_code'])})</small>"
    parts.append(f"<p>{_marked(row['sentence'] or '', start, start + len(row['text']))}</p>")
    meta = [escape_text(row["date"])] if row.get("date") else []
    title = row.get("title") or row.get("article_id") or ""
    link = safe_link(row.get("url") or "")
    if link:
        meta.append(f'<a href="{escape_text(link)}" target="_blank" rel="noopener noreferrer">'
                    f"{escape_text(title)}</a>")
    elif title:
        meta.append(f"<i>{escape_text(title)}</i>")
    if meta:
        parts.append("<small>" + " &middot; ".join(meta) + "</small>")
    return "".join(parts)


def plain_map(frame: gpd.GeoDataFrame) -> folium.Map:
    """folium's way: one Marker and Popup per point."""
    fmap = folium.Map(location=[43.5, 21.0], zoom_start=7)
    cluster = MarkerCluster().add_to(fmap)
    for row in frame.drop(columns=["geometry", "shape"], errors="ignore").to_dict(orient="records"):
        folium.Marker([row["lat"], row["lon"]], popup=folium.Popup(popup_html(row), max_width=360),
                      tooltip=escape_text(row["name"])).add_to(cluster)
    return fmap


# The panel and the search, once the map is interactive: the index of words (built once, in
# idle time), a query that keeps a tenth of the incidents (the query alone, then with the map,
# legend, choropleth and list following it), clearing it, and the list of incidents in view.
PANEL_SCRIPT = """() => {
    const a = geoIncidents, out = {};
    let t = performance.now();
    out.hits = a.search('place 12');
    out.search_s = (performance.now() - t) / 1000;
    out.index_s = a.indexMs / 1000; out.query_ms = a.queryMs;
    t = performance.now(); a.search(''); out.clear_s = (performance.now() - t) / 1000;
    t = performance.now(); a.updateList(); out.list_ms = performance.now() - t;
    out.in_view = a.inView.length; out.rows = document.querySelectorAll('.geo-row').length;
    return out;
}"""


def time_to_interactive(browser, path: Path, ready: str, after: str | None = None) -> tuple[float | None, dict]:
    """Seconds from navigation until ``ready`` holds, and what ``after`` then returns."""
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    page = context.new_page()
    t0 = time.perf_counter()
    try:
        page.goto(path.as_uri(), wait_until="commit", timeout=120_000)
        page.wait_for_function(ready, timeout=120_000, polling=50)
        tti = time.perf_counter() - t0
        if after:
            page.wait_for_function("geoIncidents.indexMs !== undefined", timeout=120_000, polling=100)
        return tti, (page.evaluate(after) if after else {})
    except Exception as exc:  # a page that never gets there is a result, not a crash
        print(f"  {path.name}: not interactive ({str(exc).splitlines()[0]})", file=sys.stderr)
        return None, {}
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--plain-max", type=int, default=10_000, help="largest plain folium map to write")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "build" / "test-data")
    args = parser.parse_args()
    layers = [countries_layer(args.data_dir)]
    gazetteer = open_gazetteer(args.data_dir / "gazetteer.sqlite")
    layers = [Layer("countries", 0, layers[0].frame)]
    from playwright.sync_api import sync_playwright

    out = Path(tempfile.mkdtemp(prefix="geo-map-scale-"))
    print("| incidents | map | HTML MB | self-contained MB | GeoJSON MB | HTML / GeoJSON | Python s | interactive s |")
    print("|---|---|---|---|---|---|---|---|")
    panel = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in args.sizes:
            frame = merge_incidents(incidents(n))
            geojson_mb = len(to_geojson(frame).encode()) / 1e6
            t0 = time.perf_counter()
            page = render_map(build_map(frame, layers, gazetteer=gazetteer))
            python_s = time.perf_counter() - t0
            offline = inline_assets(page)
            path = out / f"geo-{n}.html"
            path.write_text(offline, encoding="utf-8")
            html_mb = len(page.encode()) / 1e6
            tti, after = time_to_interactive(browser, path, "window.geoIncidents && window.geoIncidents.ready",
                                             PANEL_SCRIPT)
            print(f"| {len(frame):,} | geo | {html_mb:.1f} | {len(offline.encode()) / 1e6:.1f} | {geojson_mb:.1f} "
                  f"| {html_mb / geojson_mb:.2f} | {python_s:.1f} | {tti:.1f} |" if tti else "| - |", flush=True)
            panel.append((len(frame), after))
            if n <= args.plain_max:
                t0 = time.perf_counter()
                page = render_map(plain_map(frame))
                python_s = time.perf_counter() - t0
                offline = inline_assets(page)
                path = out / f"plain-{n}.html"
                path.write_text(offline, encoding="utf-8")
                html_mb = len(page.encode()) / 1e6
                ready = "document.querySelectorAll('.marker-cluster, .leaflet-marker-icon').length > 0"
                tti = time_to_interactive(browser, path, ready)
                print(f"| {len(frame):,} | folium Marker per point | {html_mb:.1f} | {len(offline.encode()) / 1e6:.1f} "
                      f"| {geojson_mb:.1f} | {html_mb / geojson_mb:.2f} | {python_s:.1f} | "
                      f"{f'{tti[0]:.1f}' if tti[0] else 'never'} |", flush=True)
        browser.close()
    print("\n| incidents | search index (once, idle) s | query ms | query shown on map s | cleared s | list in view ms "
          "| rows in view | rows in the page |")
    print("|---|---|---|---|---|---|---|---|")
    for n, a in panel:
        if a:
            print(f"| {n:,} | {a['index_s']:.2f} | {a['query_ms']:.1f} | {a['search_s']:.2f} | {a['clear_s']:.2f} "
                  f"| {a['list_ms']:.1f} | {a['in_view']:,} | {a['rows']} |")


if __name__ == "__main__":
    main()
