"""Accuracy benchmark: every dev corpus in ../shared/eval, scored with gold spans by the
context resolver and the population baseline, and end to end on LGL-dev. Prints one
Markdown table; README records it.

    .venv/bin/python benchmarks/evaluate.py [--eval-dir ../shared/eval] [--data-dir DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.evaluation import evaluate, read_corpus  # noqa: E402
from geo.pipeline import Pipeline  # noqa: E402

CORPORA = [("LGL-dev", "lgl-dev.jsonl"), ("GeoVirus", "geovirus.jsonl"), ("WikToR", "wiktor.jsonl"),
           ("GeoCorpora", "geocorpora.jsonl"), ("TUD-Loc-2013", "tud-loc-2013.jsonl")]
END_TO_END = ["LGL-dev", "GeoVirus", "TUD-Loc-2013"]
RESOLVERS = ["context", "population"]


def _num(v, fmt: str) -> str:
    return "–" if v is None else format(v, fmt)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory (default: geo's)")
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    args = parser.parse_args()

    pipelines = {r: Pipeline(data_dir=args.data_dir, resolver=r) for r in RESOLVERS}
    rows = []
    for label, file in CORPORA:
        path = args.eval_dir / file
        if not path.exists():
            print(f"skipping {label}: {path} is absent", file=sys.stderr)
            continue
        docs = read_corpus(path, args.limit)
        modes = [True, False] if label in END_TO_END else [True]
        for gold in modes:
            for r in RESOLVERS:
                p = pipelines[r]
                if not gold and r != RESOLVERS[0]:  # one spaCy pipeline for every end-to-end run
                    p = Pipeline(data_dir=args.data_dir, resolver=r, recognizer=pipelines[RESOLVERS[0]].recognizer)
                s = evaluate(docs, p, gold_spans=gold).summary()
                rows.append((label, "gold spans" if gold else "end to end", r, s))
                print(f"{label} {'gold' if gold else 'e2e'} {r}: acc@161 {s['acc_161']}", file=sys.stderr)

    print("| corpus | mode | resolver | toponyms | acc@161 | mean km | median km | AUC | id match "
          "| no candidate | candidate within 161 km | P / R / F1 (overlap) | F1 (exact) | seconds |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for label, mode, r, s in rows:
        prf = (f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}" if "precision" in s else "")
        exact = _num(s["exact_f1"], ".3f") if "exact_f1" in s else ""
        print(f"| {label} | {mode} | {r} | {s['n']:,} | {_num(s['acc_161'], '.3f')} | {_num(s['mean_km'], ',.0f')} "
              f"| {_num(s['median_km'], ',.1f')} | {_num(s['auc'], '.3f')} | {_num(s['id_acc'], '.3f')} "
              f"| {_num(s['no_candidate'], '.3f')} | {_num(s.get('reachable_161'), '.3f')} | {prf} | {exact} "
              f"| {s['seconds']:.1f} |")


if __name__ == "__main__":
    main()
