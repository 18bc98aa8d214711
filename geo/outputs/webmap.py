"""The interactive map: folium, its plugins, and article text that is always escaped.

folium pastes popup and tooltip HTML into JavaScript template literals, where ``${...}``
runs code and backslash escapes turn into markup. So every piece of article text goes
through ``escape_text``, which also writes ``$``, ``\\`` and backticks as entities.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlparse

import folium
import geopandas as gpd
from folium.plugins import MarkerCluster

from geo.outputs.files import write_atomic

_ENTITIES = {"$": "&#36;", "\\": "&#92;", "`": "&#96;"}
COUNTRY_STYLE = {"color": "#555555", "weight": 1.5, "fillColor": "#9ecae1", "fillOpacity": 0.15}


def escape_text(text: object) -> str:
    """Text as HTML that is inert both as markup and inside a JS template literal."""
    escaped = html.escape(str(text), quote=True)
    return "".join(_ENTITIES.get(c, c) for c in escaped)


def safe_link(url: str) -> str | None:
    """Only http(s) links are made clickable: no ``javascript:`` or ``data:`` URLs."""
    try:
        scheme = urlparse(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def highlighted_sentence(sentence: str, start: int, end: int) -> str:
    """The sentence with the mention at [start, end) (sentence offsets) marked."""
    if not (0 <= start < end <= len(sentence)):
        return escape_text(sentence)
    return (escape_text(sentence[:start]) + "<mark>" + escape_text(sentence[start:end]) + "</mark>"
            + escape_text(sentence[end:]))


def popup_html(row) -> str:
    offset = row.get("sentence_start")
    start = row["start"] - offset if offset is not None else -1
    parts = [f"<b>{escape_text(row['name'])}</b>"]
    if row.get("feature_code"):
        parts[0] += f" <small>({escape_text(row['feature_code'])}, {escape_text(row['country_code'])})</small>"
    parts.append(f"<p>{highlighted_sentence(row['sentence'] or '', start, start + len(row['text']))}</p>")
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


def build_map(mentions: gpd.GeoDataFrame, countries: gpd.GeoDataFrame | None = None,
              tiles: str | None = "OpenStreetMap") -> folium.Map:
    """A map with a clustered marker per mention and the polygons of the countries named."""
    fmap = folium.Map(location=[44.0, 20.9], zoom_start=6, tiles=tiles, control_scale=True)
    if countries is not None and len(mentions):
        named = countries[countries["code"].isin(set(mentions["country_code"]))]
        if len(named):
            shapes = named[["name", "code", "geometry"]].copy()
            shapes["geometry"] = shapes.geometry.simplify(0.01, preserve_topology=True)
            shapes["name"] = shapes["name"].map(escape_text)
            folium.GeoJson(
                shapes.to_json(), name="Countries named", style_function=lambda _: COUNTRY_STYLE,
                tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
            ).add_to(fmap)
    cluster = MarkerCluster(name="Places mentioned").add_to(fmap)
    for row in mentions.to_dict(orient="records"):
        folium.Marker(
            [row["lat"], row["lon"]],
            popup=folium.Popup(popup_html(row), max_width=360),
            tooltip=escape_text(row["text"]),
        ).add_to(cluster)
    if len(mentions):
        minx, miny, maxx, maxy = mentions.total_bounds
        pad = 0.5
        fmap.fit_bounds([[miny - pad, minx - pad], [maxy + pad, maxx + pad]])
    folium.LayerControl(collapsed=False).add_to(fmap)
    return fmap


def write_map(fmap: folium.Map, path: Path) -> None:
    write_atomic(Path(path), fmap.get_root().render())
