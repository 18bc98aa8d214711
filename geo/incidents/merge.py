"""One incident reported by several articles is one feature: merged at output time.

Incidents merge when they are of the same event type at the same place (and phrase around
it), on the same day or period, and that place is precise (``geo_precision`` 1 or 2): two
country-level events on one day are seldom one event. The merged incident keeps the first
report's fields; ``sources`` lists each article once (its title, link, date, sentence and the
counts it gave), ``evidence`` and ``actors`` are the union, and ``fatalities`` and
``injuries`` the highest count any source gives.
"""

from __future__ import annotations

import logging

import geopandas as gpd
import pandas as pd

from geo.model import INCIDENT_COLUMNS, plain

log = logging.getLogger("geo")

# What a merged incident adds to the incident schema.
MERGED_COLUMNS = ["sources", "n_sources"]
MAX_ACTORS = 2
_MERGE_PRECISION = 2


def _place_key(row: dict) -> tuple:
    gid = plain(row.get("geonameid"))
    where = ("geonames", int(gid)) if gid is not None else (
        "name", row.get("name"), round(float(row["lat"]), 4), round(float(row["lon"]), 4))
    return (*where, row.get("phrase") or "")


def _key(row: dict, pos: int) -> tuple:
    precision = plain(row.get("geo_precision"))
    if precision is None or precision > _MERGE_PRECISION:
        return ("alone", pos)
    return (row.get("event_type"), row.get("sub_event_type"), _place_key(row), row.get("date"),
            row.get("date_precision"))


def _source(row: dict) -> dict:
    return {"article_id": str(plain(row.get("article_id"), "")), "title": str(plain(row.get("title"), "")),
            "url": str(plain(row.get("url"), "")), "published": str(plain(row.get("published"), "")),
            "sentence": str(plain(row.get("sentence"), "")), "fatalities": plain(row.get("fatalities")),
            "injuries": plain(row.get("injuries"))}


def _most(a: object, b: object) -> object:
    a, b = plain(a), plain(b)
    return b if a is None else a if b is None else max(a, b)


def _union(a: object, b: object, limit: int | None = None) -> list:
    out = list(dict.fromkeys([*(a if isinstance(a, list) else []), *(b if isinstance(b, list) else [])]))
    return out[:limit] if limit else out


def merge_incidents(incidents: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per incident, its ``sources`` the articles that reported it (each once)."""
    shapes = [c for c in (incidents.geometry.name, "shape") if c in incidents.columns]
    records = incidents.drop(columns=shapes).to_dict(orient="records")
    entries: dict[tuple, dict] = {}
    for pos, row in enumerate(records):
        key = _key(row, pos)
        entry = entries.get(key)
        if entry is None:
            entries[key] = {"pos": pos, "row": dict(row), "sources": [_source(row)],
                            "articles": {row.get("article_id")}}
            continue
        first = entry["row"]
        first["evidence"] = _union(first.get("evidence"), row.get("evidence"))
        first["actors"] = _union(first.get("actors"), row.get("actors"), MAX_ACTORS)
        first["fatalities"] = _most(first.get("fatalities"), row.get("fatalities"))
        first["injuries"] = _most(first.get("injuries"), row.get("injuries"))
        if row.get("article_id") not in entry["articles"]:  # an article is listed once
            entry["articles"].add(row.get("article_id"))
            entry["sources"].append(_source(row))
    chosen = list(entries.values())
    frame = incidents.iloc[[e["pos"] for e in chosen]].reset_index(drop=True)
    for column in ("evidence", "actors", "fatalities", "injuries"):
        if column in frame.columns:
            frame[column] = pd.Series([e["row"].get(column) for e in chosen], index=frame.index, dtype=object)
    frame["sources"] = pd.Series([e["sources"] for e in chosen], index=frame.index, dtype=object)
    frame["n_sources"] = [len(e["sources"]) for e in chosen]
    order = [c for c in INCIDENT_COLUMNS if c in frame.columns] + MERGED_COLUMNS
    out = frame[order + [c for c in frame.columns if c not in order]]
    log.info("incidents: %d merged from %d reports", len(out), len(incidents))
    return gpd.GeoDataFrame(out, geometry=incidents.geometry.name, crs=incidents.crs)
