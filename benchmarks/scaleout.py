"""Scale-out benchmark: `geo ingest` in one process against a local Dask cluster.

    .venv/bin/python benchmarks/scaleout.py [CORPUS.jsonl] [--limit 5000] [--workers 2] [--fast] [--repeat 3]

Prints the wall time of each run, articles per second and the speed-up, and checks both
stores hold the same places. A shared virtual machine's speed drifts by a fifth from one
minute to the next, so with --repeat the two kinds of run alternate (one, many, many, one,
...) and the speed-up reported is the median of the pairs run side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def ingest(corpus: Path, store: Path, extra: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geo.cli", "ingest", str(corpus), "--store", str(store), *extra],
                   check=True, capture_output=True, text=True, env=os.environ.copy())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "eval" / "wiktor.jsonl")
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="pairs of runs, alternating")
    args = parser.parse_args()
    if args.repeat < 1 or args.limit < 1:
        parser.error("--repeat and --limit must be at least 1")
    from geo.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with args.corpus.open(encoding="utf-8") as src, corpus.open("w", encoding="utf-8") as out:
            for i, line in enumerate(src):
                if i >= args.limit:
                    break
                doc = json.loads(line)
                out.write(json.dumps({"id": doc["id"], "text": doc["text"], "date": doc.get("date")}) + "\n")
        extra = ["--fast"] if args.fast else []
        pairs = []
        for i in range(args.repeat):
            for path in Path(tmp).glob("*.gpkg"):
                path.unlink()
            runs = {}
            for kind in (("one", "many") if i % 2 == 0 else ("many", "one")):
                options = extra if kind == "one" else [*extra, "--workers", str(args.workers)]
                runs[kind] = ingest(corpus, Path(tmp) / f"{kind}.gpkg", options)
            pairs.append((runs["one"], runs["many"]))
        keys = []
        for name in ("one.gpkg", "many.gpkg"):
            with Store(Path(tmp) / name, create=False) as st:
                m = st.mentions()
                keys.append(sorted(zip(m["article_id"], m["start"], m["name"], strict=True)))
    n = args.limit
    print(f"{args.corpus.name}: {n} articles, {os.cpu_count()} cores, {'fast' if args.fast else 'default'} pipeline")
    for one, many in pairs:
        print(f"one process\t{one:.1f} s\t{n / one:.1f} articles/s")
        print(f"{args.workers} local Dask workers\t{many:.1f} s\t{n / many:.1f} articles/s\tspeed-up {one / many:.2f}x")
    if len(pairs) > 1:
        print(f"median speed-up\t{statistics.median(one / many for one, many in pairs):.2f}x over {len(pairs)} pairs")
    print(f"same places in both stores\t{keys[0] == keys[1]} ({len(keys[0])} places)")


if __name__ == "__main__":
    main()
