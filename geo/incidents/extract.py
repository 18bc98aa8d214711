"""Incidents from place mentions: a sentence that reports an event, at each place it names.

An incident is one sentence of an article whose words match the type lexicon (see
``types.py``), tied to each resolved place the sentence names and to the date it reports
(``dates.py``). Sentences that match no word only comment and give no incident. The same
incident reported more than once (same type, same place, same date and precision: several
articles, or one sentence naming a place twice) is one row whose ``sources`` list every
article and sentence that reported it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

import geopandas as gpd
import pandas as pd

from geo.incidents.dates import ResolvedDate, resolve_date
from geo.incidents.types import Classification, Lexicon, default_lexicon
from geo.model import plain

log = logging.getLogger("geo")

# Written first, before the place's own columns (name, lat, lon, geonameid, admin names...).
INCIDENT_COLUMNS = ["incident_id", "date", "date_precision", "date_text", "type", "evidence", "sentence",
                    "sources", "n_sources"]


def _place_key(row: dict) -> tuple:
    gid = plain(row.get("geonameid"))
    if gid is not None:
        return ("geonames", int(gid), row.get("phrase") or "")
    return ("name", row.get("name"), round(float(row["lat"]), 4), round(float(row["lon"]), 4),
            row.get("phrase") or "")


def _article_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _incident_id(key: tuple) -> str:
    return "inc-" + hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:12]


def incidents_from_mentions(mentions: gpd.GeoDataFrame, lexicon: Lexicon | None = None) -> gpd.GeoDataFrame:
    """One row per incident and place, merged across sources; the place's columns (and its
    point geometry and ``shape``) are kept beside the incident's."""
    lexicon = lexicon or default_lexicon()
    types: dict[str, Classification | None] = {}
    dates: dict[tuple[str, object], ResolvedDate] = {}
    entries: dict[tuple, dict] = {}
    records = mentions.drop(columns=[c for c in (mentions.geometry.name, "shape") if c in mentions.columns]) \
        .to_dict(orient="records")
    for pos, row in enumerate(records):
        sentence = str(plain(row.get("sentence"), ""))
        if sentence not in types:
            types[sentence] = lexicon.classify(sentence)
        kind = types[sentence]
        if kind is None:
            continue
        published = row.get("date")
        if (sentence, published) not in dates:
            dates[sentence, published] = resolve_date(sentence, _article_date(published))
        when = dates[sentence, published]
        day = when.date.isoformat() if when.date else None
        key = (kind.type, _place_key(row), day, when.precision)
        source = {"article_id": str(plain(row.get("article_id"), "")), "title": str(plain(row.get("title"), "")),
                  "url": str(plain(row.get("url"), "")), "published": str(plain(published, "")), "sentence": sentence}
        entry = entries.get(key)
        if entry is None:
            entries[key] = {"pos": pos, "incident_id": _incident_id(key), "date": day,
                            "date_precision": when.precision, "date_text": when.text, "type": kind.type,
                            "evidence": list(kind.evidence), "sources": [source],
                            "seen": {(source["article_id"], row.get("sentence_start"))}}
            continue
        seen = (source["article_id"], row.get("sentence_start"))
        if seen not in entry["seen"]:
            entry["seen"].add(seen)
            entry["sources"].append(source)
            entry["evidence"] += [w for w in kind.evidence if w not in entry["evidence"]]
    chosen = list(entries.values())
    frame = mentions.iloc[[e["pos"] for e in chosen]].reset_index(drop=True)
    frame = frame.drop(columns=["date"], errors="ignore")
    extra = pd.DataFrame({
        "incident_id": [e["incident_id"] for e in chosen],
        "date": [e["date"] for e in chosen],
        "date_precision": [e["date_precision"] for e in chosen],
        "date_text": [e["date_text"] for e in chosen],
        "type": [e["type"] for e in chosen],
        "evidence": [e["evidence"] for e in chosen],
        "sentence": list(frame["sentence"]) if "sentence" in frame.columns else [None] * len(chosen),
        "sources": [e["sources"] for e in chosen],
        "n_sources": [len(e["sources"]) for e in chosen],
    }, index=frame.index)
    rest = [c for c in frame.columns if c not in INCIDENT_COLUMNS]
    out = gpd.GeoDataFrame(pd.concat([extra, frame[rest]], axis=1), geometry=mentions.geometry.name,
                           crs=mentions.crs)
    out = out[[c for c in INCIDENT_COLUMNS if c in out.columns] + [c for c in out.columns
                                                                   if c not in INCIDENT_COLUMNS]]
    log.info("incidents: %d from %d place mentions (%d sentences only comment)", len(out), len(mentions),
             sum(1 for v in types.values() if v is None))
    return out
