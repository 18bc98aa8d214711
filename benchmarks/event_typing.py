"""Event typing benchmark: what the reader says happened, sentence by sentence, without places.

Prints, for the reader without the parser (``--fast``) and with it (the default pipeline):
- on event reports (``eval/events-dev.jsonl``): per report, the first sentence read as an event
  that is not background (``geo.incidents.dates.background``: the map leaves those off); the
  share of reports with one, its event_type's agreement with the coded type (over reports with
  an event, and over all reports, per coded type), and fatalities right among reports that give
  a number (a report without an event counts wrong), from the event's sentence alone and with
  the counts of the sentences after it that report no event of their own ("Nobody was hurt.");
- on non-event snippets (``eval/non-events.jsonl``): the share read as an event, by the reader
  alone and with background sentences left off;
- on LGL-dev (local US news): sentences read as events, per type, and a sample to eyeball;
- speed: sentences a second, and the reader's time per LGL-dev article beside bare spaCy NER's.

    .venv/bin/python benchmarks/event_typing.py [--events F] [--non-events F] [--lgl F] [--sample 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.incidents.counts import read_counts  # noqa: E402
from geo.incidents.dates import background, resolve_date  # noqa: E402
from geo.incidents.events import EventReader, EventReading  # noqa: E402
from geo.incidents.stage import _TOLL_REACH, _TOLL_WORDS  # noqa: E402
from geo.recognition import sentence_spans  # noqa: E402


def split(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text)]


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def lead(reader: EventReader, text: str, published: str | None = None,
         keep_background: bool = False) -> tuple[EventReading | None, int | None]:
    """The first event a report tells that is not background, and the fatalities of it and of
    the sentences after it that report no event of their own, or only a toll (as the incident
    stage folds them, here without asking whether they name a place of their own)."""
    article_date = dt.date.fromisoformat(published[:10]) if published else None
    parts = split(text)
    readings = reader.read_all(parts)
    for n, (sentence, reading) in enumerate(zip(parts, readings, strict=True)):
        if reading is None or not keep_background and background(
                sentence, resolve_date(sentence, article_date), article_date):
            continue
        fatalities = reading.fatalities
        for k, (later, later_reading) in enumerate(zip(parts[n + 1:], readings[n + 1:], strict=True), start=1):
            toll = later_reading is not None and k <= _TOLL_REACH and all(
                _TOLL_WORDS.match(e) for e in later_reading.evidence)
            if fatalities is not None or later_reading is not None and not toll:
                break
            fatalities = read_counts(later).fatalities
        return reading, fatalities
    return None, None


def score_reports(reader: EventReader, reports: list[dict]) -> dict:
    per_type: dict[str, list[int]] = {}
    found = agree = sub_agree = fatal_right = fatal_total = fatal_alone = 0
    confusion: Counter = Counter()
    for report in reports:
        reading, fatalities = lead(reader, report["text"], report.get("date"))
        gold = report.get("event_type")
        got = reading.event_type if reading else "(none)"
        confusion[gold, got] += 1
        found += reading is not None
        right = got == gold
        agree += right
        sub_agree += right and reading.sub_event_type == report.get("sub_event_type")
        per_type.setdefault(gold, [0, 0])
        per_type[gold][0] += right
        per_type[gold][1] += 1
        if report.get("fatalities") is not None:
            fatal_total += 1
            fatal_alone += reading is not None and reading.fatalities == report["fatalities"]
            fatal_right += reading is not None and fatalities == report["fatalities"]
    return {"reports": len(reports), "found": found, "agree": agree, "sub_agree": sub_agree, "per_type": per_type,
            "fatal_right": fatal_right, "fatal_alone": fatal_alone, "fatal_total": fatal_total,
            "confusion": confusion}


def share(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "-"


def print_reports(name: str, s: dict) -> None:
    print(f"\n### {name}: {s['reports']} reports\n")
    print("| measure | value |\n|---|---|")
    print(f"| reports with an event (target 0.95) | {share(s['found'], s['reports'])} |")
    print(f"| event_type agreement, reports with an event | {share(s['agree'], s['found'])} |")
    print(f"| event_type agreement, all reports | {share(s['agree'], s['reports'])} |")
    print(f"| sub_event_type agreement too, reports with an event | {share(s['sub_agree'], s['found'])} |")
    for gold, (right, total) in sorted(s["per_type"].items(), key=lambda kv: str(kv[0])):
        print(f"| agreement, coded {gold} | {share(right, total)} |")
    print(f"| fatalities right, reports with a number, the event's sentence alone | "
          f"{share(s['fatal_alone'], s['fatal_total'])} |")
    print(f"| fatalities right, with the sentences after it (target 0.85) | "
          f"{share(s['fatal_right'], s['fatal_total'])} |")
    print("\nConfusion (coded -> read), the most frequent disagreements:")
    for (gold, got), n in s["confusion"].most_common():
        if gold != got:
            print(f"  {n:3d}  {gold} -> {got}")


def lgl(reader: EventReader, texts: list[str], sample: int, seed: int) -> tuple[list, float]:
    all_sentences = [s for t in texts for s in split(t)]
    start = time.perf_counter()
    readings = reader.read_all(all_sentences)
    seconds = time.perf_counter() - start
    events = [(s, r) for s, r in zip(all_sentences, readings, strict=True) if r is not None]
    print(f"\nLGL-dev: {len(events)} of {len(all_sentences)} sentences read as events "
          f"({len(events) / len(all_sentences):.1%}), {len(all_sentences) / seconds:,.0f} sentences/s, "
          f"{seconds / len(texts) * 1000:.1f} ms an article")
    for (kind, sub), n in Counter((r.event_type, r.sub_event_type) for _, r in events).most_common():
        print(f"  {n:4d}  {kind}: {sub}")
    if sample:
        print(f"\nA sample of {sample} (seed {seed}):")
        for s, r in random.Random(seed).sample(events, min(sample, len(events))):
            print(f"- [{r.event_type}: {r.sub_event_type}; {', '.join(r.evidence)}] {s[:220]}")
    return events, seconds


def ner_seconds(texts: list[str]) -> float:
    import spacy

    from geo import config

    nlp = spacy.load(config.spacy_model(), exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer",
                                                    "senter"])
    list(nlp.pipe(texts[:16]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=Path, default=ROOT / "eval" / "events-dev.jsonl")
    parser.add_argument("--non-events", type=Path, default=ROOT / "eval" / "non-events.jsonl")
    parser.add_argument("--lgl", type=Path, default=ROOT.parent / "shared" / "eval" / "lgl-dev.jsonl")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mode", choices=["fast", "parse", "both"], default="both")
    args = parser.parse_args()
    modes = ["fast", "parse"] if args.mode == "both" else [args.mode]
    texts = [d["text"] for d in lines(args.lgl)] if args.lgl.exists() else []
    timing = {}
    for mode in modes:
        reader = EventReader(parse=mode == "parse")
        reader.read_all(["Police fired tear gas at protesters."])  # load the parser outside the timing
        print(f"\n## {'without the parser (--fast)' if mode == 'fast' else 'with the parser (default)'}")
        if args.events.exists():
            print_reports(str(args.events.name), score_reports(reader, lines(args.events)))
        if args.non_events.exists():
            snippets = lines(args.non_events)
            alone = [s for s in snippets if lead(reader, s["text"], keep_background=True)[0] is not None]
            hits = [s for s in snippets if lead(reader, s["text"], s.get("date"))[0] is not None]
            print(f"\nNon-events ({args.non_events.name}): {share(len(alone), len(snippets))} read as events; "
                  f"{share(len(hits), len(snippets))} with background left off (target at most 0.05)")
            for s in alone:
                r = lead(reader, s["text"], keep_background=True)[0]
                kept = "  " if s in hits else "bg"
                print(f"  {kept} [{r.event_type}: {', '.join(r.evidence)}] {s['text'][:160]}")
        if texts:
            _, timing[mode] = lgl(reader, texts, args.sample if mode == modes[-1] else 0, args.seed)
    if texts and "parse" in timing:
        ner = ner_seconds(texts)
        print(f"\nCost on LGL-dev ({len(texts)} articles): bare NER {ner / len(texts) * 1000:.1f} ms an article; "
              + "; ".join(f"reader {m} {t / len(texts) * 1000:.1f} ms ({t / ner:.2f} of NER)"
                          for m, t in timing.items()))


if __name__ == "__main__":
    main()
