"""Incidents on a map of local news (issues 19 and 20): how many incidents LGL-dev's articles
make, the share at precision 3 (a region, border, country or larger), how many a people's
name places (none may), and how early the timeline starts (no date before 2005 from
background years).

    .venv/bin/python benchmarks/lgl_map.py [--corpus ../shared/eval/lgl-dev.jsonl] [--fast]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.articles import read_path  # noqa: E402
from geo.incidents import merge_incidents  # noqa: E402
from geo.incidents.places import PEOPLE_LABELS  # noqa: E402
from geo.pipeline import Pipeline, PipelineSpec  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "eval" / "lgl-dev.jsonl")
    parser.add_argument("--fast", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: absent (the dev corpora are in ../shared/eval)")
    articles = list(read_path(args.corpus))
    incidents = Pipeline.from_spec(PipelineSpec(fast=args.fast).check()).run(articles).incidents_frame()
    kept = incidents[~incidents["background"].fillna(False).astype(bool)]
    shown = merge_incidents(kept)  # as `geo map` draws them: one report of several articles merged
    n = len(shown)
    precision = Counter(int(p) for p in shown["geo_precision"].dropna())
    by_people = int(shown["label"].isin(PEOPLE_LABELS).sum())
    years = sorted(int(str(d)[:4]) for d in shown["date"].dropna())
    early = sum(1 for y in years if y < 2005)
    print(f"{len(articles)} articles, {n} incidents on the map ({len(kept)} before merging; "
          f"{len(incidents) - len(kept)} background, left off)")
    for p in (1, 2, 3):
        print(f"  precision {p}: {precision[p]} ({precision[p] / max(n, 1):.0%})")
    print(f"placed by a people's name: {by_people}")
    print(f"timeline: {years[0] if years else '-'} to {years[-1] if years else '-'}; dated before 2005: {early}")


if __name__ == "__main__":
    main()
