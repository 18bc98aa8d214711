"""Regional benchmark (issue 21): recall by kind and false places on eval/regional-dev.jsonl,
with the embedded data and with the Kosovo GeoNames dump and municipality layer added.

A gold place is found when a resolved mention overlaps its span, and right when it lies where
eval/regional-README.md says: towns, villages, crossings, sites and lakes within 10 km of the
gold point; rivers within 5 km of any of the river's points; regions and valleys within 60 km;
countries inside the country (the place is that country, or within 60 km of its point);
municipalities within 10 km or with the gold point inside the place's polygon. Recall is over
the places with a gold point (those that need the dump only in the run with it); places with
no point (region phrases, borders, places neither data dir has) count for recognition only.

A false place is a resolved mention that overlaps no gold place, other than a people's name
(Serbian, Albanian: mentions for ``--places``, never incidents) and a place inside an
organisation's name (label ORG>PART: "Kosovo Police"; a mention, never an incident), which
are counted apart.

    .venv/bin/python benchmarks/regional.py [--fast] [--embedded DIR] [--with-dump DIR] [--list]

``--with-dump DIR``: a data directory holding the dump and the layer; made there when it
holds no gazetteer (``geo data build``, ``add-geonames --file``, ``add-boundaries --file``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.articles import Article  # noqa: E402
from geo.geodesy import distance_km  # noqa: E402
from geo.model import Resolution  # noqa: E402
from geo.pipeline import Pipeline  # noqa: E402

GEODATA = ROOT.parent / "shared" / "geodata"
DUMP = GEODATA / "geonames" / "XK.txt"
LAYER = GEODATA / "geoboundaries" / "geoBoundaries-XKX-ADM2_simplified.geojson"
# How far from the gold point (km) a place of each kind may lie.
WITHIN_KM = {"town": 10.0, "village": 10.0, "crossing": 10.0, "site": 10.0, "lake": 10.0, "river": 5.0,
             "region": 60.0, "valley": 60.0, "country": 60.0, "municipality": 10.0}
KINDS = ["town", "country", "village", "crossing", "lake", "river", "region", "valley", "site", "municipality"]
APART_LABELS = {"NORP": "peoples' names", "ORG>PART": "inside organisation names"}


def make_dump_dir(data_dir: Path) -> None:
    """A data directory with the embedded build, the Kosovo dump and its municipalities."""
    env = {**os.environ, "GEO_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    for args in (["data", "build"], ["data", "add-geonames", "--file", str(DUMP)],
                 ["data", "add-boundaries", "--file", str(LAYER), "--level", "ADM2"]):
        subprocess.run([sys.executable, "-m", "geo.cli", *args], env=env, check=True)


def read_reports(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def right(pipeline: Pipeline, gold: dict, r: Resolution) -> bool:
    """Whether the resolved place lies where the gold place is (see the module's doc)."""
    p = r.place
    if p is None or not gold["points"]:
        return False
    near = min(distance_km(p.lat, p.lon, lat, lon) for lat, lon in gold["points"])
    if near <= WITHIN_KM[gold["kind"]]:
        return True
    if gold["kind"] == "country":  # the country the gold point is, under the name the text gives
        named = pipeline.gazetteer.lookup(gold["name"])
        return p.is_country and any(c.is_country and c.geonameid == gold["geonameid"]
                                    and c.country_code == p.country_code for c in named)
    if gold["kind"] == "municipality" and getattr(r.geometry, "geom_type", "") in ("Polygon", "MultiPolygon"):
        from shapely.geometry import Point

        return r.geometry.contains(Point(gold["lon"], gold["lat"]))
    return False


def _overlapping(gold: dict, rs: list[Resolution]) -> list[Resolution]:
    return [r for r in rs if r.mention.start < gold["end"] and gold["start"] < r.mention.end]


def score(pipeline: Pipeline, reports: list[dict], with_dump: bool) -> dict:
    articles = [Article(id=rep["id"], text=rep["text"]) for rep in reports]
    resolved = pipeline.run(articles).resolutions
    by_kind: dict[str, Counter] = defaultdict(Counter)
    misses, false_places, apart = [], [], Counter()
    for rep, rs in zip(reports, resolved, strict=True):
        for gold in rep["places"]:
            hits = _overlapping(gold, rs)
            found = any(r.place is not None for r in hits)
            scored = bool(gold["points"]) and (with_dump or not gold["needs_dump"])
            counts = by_kind[gold["kind"]]
            counts["n"] += 1
            counts["found"] += found
            if scored:
                ok = any(right(pipeline, gold, r) for r in hits)
                counts["scored"] += 1
                counts["right"] += ok
                if not ok:
                    got = next((f"{r.place.name} ({r.place.country_code} {r.place.feature_code})"
                                for r in hits if r.place is not None), "not found")
                    misses.append(f"{rep['id']} {gold['kind']} {gold['name']!r}: {got}")
        golds = [(g["start"], g["end"]) for g in rep["places"]]
        for r in rs:
            if r.place is None or any(r.mention.start < e and s < r.mention.end for s, e in golds):
                continue
            if r.mention.label in APART_LABELS:
                apart[r.mention.label] += 1
                continue
            false_places.append(f"{rep['id']} {r.mention.text!r} [{r.mention.label}] -> "
                                f"{r.place.name} ({r.place.country_code} {r.place.feature_code})")
    return {"by_kind": by_kind, "misses": misses, "false": false_places, "apart": apart, "reports": len(reports)}


def report(title: str, result: dict, listing: bool) -> None:
    by_kind = result["by_kind"]
    scored = sum(c["scored"] for c in by_kind.values())
    right_n = sum(c["right"] for c in by_kind.values())
    print(f"\n## {title}\n")
    print("| kind | mentions | found | scored | right | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in [*KINDS, *sorted(set(by_kind) - set(KINDS))]:
        c = by_kind.get(kind)
        if not c:
            continue
        recall = f"{c['right'] / c['scored']:.2f}" if c["scored"] else "–"
        print(f"| {kind} | {c['n']} | {c['found']} | {c['scored']} | {c['right']} | {recall} |")
    n_false = len(result["false"])
    print(f"| all | {sum(c['n'] for c in by_kind.values())} | {sum(c['found'] for c in by_kind.values())} "
          f"| {scored} | {right_n} | {right_n / scored:.3f} |")
    print(f"\nfalse places: {n_false} in {result['reports']} reports ({n_false / result['reports']:.2f} a report); "
          + ", ".join(f"{APART_LABELS[k]} apart: {v}" for k, v in sorted(result["apart"].items())))
    if listing:
        print("\nmisses:\n  " + "\n  ".join(result["misses"]))
        print("false places:\n  " + "\n  ".join(result["false"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=Path, default=ROOT / "eval" / "regional-dev.jsonl")
    parser.add_argument("--embedded", type=Path, default=None, help="the embedded data dir (default: geo's)")
    parser.add_argument("--with-dump", type=Path, default=None, help="a data dir with the Kosovo dump and layer")
    parser.add_argument("--fast", action="store_true", help="the --fast recogniser")
    parser.add_argument("--list", action="store_true", help="list the misses and false places")
    args = parser.parse_args()
    reports = read_reports(args.reports)
    runs = [("embedded data", args.embedded, False)]
    if args.with_dump is not None:
        if not (args.with_dump / "gazetteer.sqlite").exists():
            make_dump_dir(args.with_dump)
        runs.append(("with the Kosovo dump and municipalities", args.with_dump, True))
    for title, data_dir, with_dump in runs:  # each its own recogniser: it looks names up in its data dir
        pipeline = Pipeline(data_dir=data_dir, fast=args.fast)
        report(f"{title}{' (--fast)' if args.fast else ''}", score(pipeline, reports, with_dump), args.list)


if __name__ == "__main__":
    main()
