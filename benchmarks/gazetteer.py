"""Gazetteer benchmark: build time, growth with a country dump, load time, lookups per
second and peak memory. Prints its figures; README records them.

    .venv/bin/python benchmarks/gazetteer.py [--data-dir DIR] [--dump ../shared/geodata/geonames/XK.txt]
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer.grow import add_geonames  # noqa: E402
from geo.gazetteer.store import Gazetteer  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=None, help="build here (default: a temp folder)")
    parser.add_argument("--dump", type=Path, default=ROOT.parent / "shared" / "geodata" / "geonames" / "XK.txt")
    parser.add_argument("--lookups", type=int, default=1_000_000)
    args = parser.parse_args()
    data = args.data_dir or Path(tempfile.mkdtemp(prefix="geo-bench-"))

    # Build and growth run in a child process so their peak memory is measured apart.
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"from geo.gazetteer.build import build; build({str(data)!r})"],
                   check=True, cwd=ROOT)
    print(f"build (cities500 + countries + regions + subdivisions)\t{time.perf_counter() - t:.1f} s")
    print(f"build peak memory (RSS)\t{child_peak_mb():.0f} MB")
    if args.dump.exists():
        t = time.perf_counter()
        added = add_geonames(args.dump, data)
        print(f"add GeoNames dump {args.dump.name} ({sum(added.values())} rows)\t{time.perf_counter() - t:.1f} s")
    else:
        print(f"add GeoNames dump\tskipped ({args.dump} absent)")
    path = data / "gazetteer.sqlite"
    db = sqlite3.connect(path)
    places, names = db.execute("SELECT (SELECT count(*) FROM places), (SELECT count(*) FROM names)").fetchone()
    keys = [k for (k,) in db.execute("SELECT key FROM names ORDER BY random() LIMIT 50000")]
    db.close()
    print(f"size\t{places} places, {names} names, {path.stat().st_size / 1e6:.0f} MB")

    t = time.perf_counter()
    gaz = Gazetteer(path)
    gaz.lookup("Belgrade")
    print(f"load (open + first lookup)\t{time.perf_counter() - t:.3f} s")

    t = time.perf_counter()
    for k in keys:
        gaz.lookup(k)
    cold = time.perf_counter() - t
    print(f"cold lookups (50,000 distinct names, from SQLite)\t{len(keys) / cold:,.0f} /s")

    # News repeats names: draw a million lookups from the names with a Zipf-like skew.
    rng = random.Random(7)
    weights = [1 / (i + 1) for i in range(len(keys))]
    stream = rng.choices(keys, weights=weights, k=args.lookups)
    t = time.perf_counter()
    for k in stream:
        gaz.lookup(k)
    warm = time.perf_counter() - t
    print(f"{args.lookups:,} lookups (Zipf mix of 50,000 names)\t{warm:.2f} s ({args.lookups / warm:,.0f} /s)")
    print(f"lookup process peak memory (RSS, growth + load + lookups)\t{peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
