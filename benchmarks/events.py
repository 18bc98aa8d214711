"""Incidents on event reports: the table README shows (``geo eval --events`` for the default
pipeline and for ``--fast``), on the team's development set and its independent check set.

    .venv/bin/python benchmarks/events.py [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.event_evaluation import evaluate_events_file  # noqa: E402
from geo.pipeline import PipelineSpec  # noqa: E402

SETS = [("development", "events-dev.jsonl", "non-events.jsonl"),
        ("check", "events-check.jsonl", "non-events-check.jsonl")]
ROWS = [
    ("reports with an incident", "incident_recall"),
    ("lead within 10 km", "within_10km"),
    ("lead within 25 km", "within_25km"),
    ("lead within 161 km", "within_161km"),
    ("coded to the town itself: within 25 km", "within_25km_p1"),
    ("near a town or a district: within 25 km", "within_25km_p2"),
    ("region, border, country: within 161 km", "within_161km_p3"),
    ("event type right, with an incident", "type_agreement"),
    ("event type right, all reports", "type_agreement_all"),
    ("Battles right", None),
    ("fatalities right (reports with a number)", "fatality_agreement"),
    ("non-event sentences made incidents", "non_event_incident_rate"),
    ("at a country or region with a finer place in its sentence or the two before", "coarse"),
]


def _cell(summary: dict, key: str | None) -> str:
    if key == "coarse":
        return f"{summary['coarse_beside_finer']} of {summary['coarse_incidents']}"
    value = summary["type_agreement_by_type"].get("Battles") if key is None else summary.get(key)
    return "–" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=ROOT / "eval")
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory (default: geo's)")
    args = parser.parse_args()
    columns = []
    for name, reports, quiet in SETS:
        if not (args.eval_dir / reports).exists():
            print(f"skipping the {name} set: {args.eval_dir / reports} is absent", file=sys.stderr)
            continue
        for fast in (False, True):
            spec = PipelineSpec(data_dir=args.data_dir, fast=fast)
            summary = evaluate_events_file(args.eval_dir / reports, spec, non_events=args.eval_dir / quiet)
            columns.append((f"{name} ({summary['reports']}), {'--fast' if fast else 'default'}", summary))
            print(f"{name} {'fast' if fast else 'default'}: done", file=sys.stderr)
    print("| figure | " + " | ".join(label for label, _ in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for label, key in ROWS:
        print(f"| {label} | " + " | ".join(_cell(s, key) for _, s in columns) + " |")


if __name__ == "__main__":
    main()
