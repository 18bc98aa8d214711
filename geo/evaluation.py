"""Scoring the geoparser on annotated corpora (the JSON Lines format of ``../shared/eval``).

Two modes, as in the literature (Gritta et al. 2017/2018; Mordecai 3):

- gold spans: the resolver is given the corpus's own toponyms and only chooses places;
- end to end: recognition finds the mentions, resolution places them; recognition is scored
  by precision, recall and F1 over exact and over overlapping spans, resolution over the
  gold toponyms that recognition found (overlapping spans).

Geographic metrics over a list of errors (km between the chosen point and the gold one):
accuracy within 161 km (100 miles), mean and median error, and the AUC of the error curve:
the errors, sorted, as ln(1 + km) / ln(20039), integrated by the trapezoid rule over an
x axis scaled to [0, 1]. Lower AUC is better. A toponym left without an answer (no
candidate in the gazetteer) counts as the largest error, 20,039 km (half the equator), so
every gold toponym is scored.
"""

from __future__ import annotations

import json
import logging
import math
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from geo.articles import Article, parse_date
from geo.errors import InputError
from geo.geodesy import valid_point
from geo.model import Mention, Resolution
from geo.recognition.rules import Sentences

if TYPE_CHECKING:
    from geo.pipeline import PipelineSpec

log = logging.getLogger("geo")

MAX_ERROR_KM = 20039.0
ACC_KM = 161.0
# Gold spans are given to the resolver with this label: a place named in running text.
GOLD_LABEL = "GPE"


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonameid: int | None = None


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    toponyms: tuple[Toponym, ...]
    dataset: str = ""
    date: str | None = None

    def article(self) -> Article:
        date = parse_date(self.date, self.id) if self.date else None
        return Article(id=self.id, text=self.text, date=date, source=self.dataset)


def _toponym(raw: dict, text: str, where: str) -> Toponym:
    try:
        t = Toponym(int(raw["start"]), int(raw["end"]), str(raw["name"]), float(raw["lat"]),
                    float(raw["lon"]), int(raw["geonameid"]) if raw.get("geonameid") is not None else None)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{where}: malformed toponym ({exc.__class__.__name__}: {exc})") from None
    if not (0 <= t.start < t.end <= len(text)) or text[t.start:t.end] != t.name:
        raise InputError(f"{where}: toponym {t.name!r} does not match text[{t.start}:{t.end}]")
    if not valid_point(t.lat, t.lon):
        raise InputError(f"{where}: toponym {t.name!r} has coordinates out of range")
    return t


def read_corpus(path: Path, limit: int | None = None) -> list[Document]:
    """The documents of a corpus file (the first ``limit`` of them), validated; errors name
    the file and line."""
    path = Path(path)
    try:
        f = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read corpus ({exc.strerror or exc})") from None
    docs: list[Document] = []
    with f:
        for lineno, line in enumerate(f, start=1):
            if limit is not None and len(docs) >= limit:
                break
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                raw = json.loads(line)
                text = raw["text"]
                toponyms = raw.get("toponyms") or []
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{where}: not a corpus document ({exc.__class__.__name__}: {exc})") from None
            if not isinstance(text, str) or not isinstance(toponyms, list):
                raise InputError(f"{where}: 'text' must be a string and 'toponyms' a list")
            tops = tuple(sorted((_toponym(t, text, where) for t in toponyms), key=lambda t: (t.start, t.end)))
            docs.append(Document(str(raw.get("id", lineno)), text, tops, str(raw.get("dataset") or ""),
                                 raw.get("date")))
    if not docs:
        raise InputError(f"{path}: no documents")
    return docs


def sentence_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence holding text[start:end] and its offset: the recognisers' sentences
    (``geo.recognition.rules``), so a gold mention's is the one recognition would give it."""
    return _sentences(text).around(start, end)


@lru_cache(maxsize=1)  # a document's toponyms ask in turn
def _sentences(text: str) -> Sentences:
    return Sentences(text)


def gold_mentions(doc: Document) -> list[Mention]:
    out = []
    for t in doc.toponyms:
        sentence, offset = sentence_around(doc.text, t.start, t.end)
        out.append(Mention(article_id=doc.id, text=t.name, start=t.start, end=t.end, label=GOLD_LABEL,
                           sentence=sentence, sentence_start=offset))
    return out


# --- metrics -------------------------------------------------------------------------------

def error_km(r: Resolution | None, t: Toponym) -> float:
    """Distance from the chosen place to the gold point; the largest error without an answer."""
    from geo.resolution.base import distance_km

    if r is None or r.place is None:
        return MAX_ERROR_KM
    return min(MAX_ERROR_KM, distance_km(r.place.lat, r.place.lon, t.lat, t.lon))


def auc(errors: Sequence[float]) -> float:
    """Area under the curve of sorted ln(1 + error) / ln(20039) (trapezoid rule, x in [0, 1])."""
    if not errors:
        return float("nan")
    ys = [math.log1p(min(e, MAX_ERROR_KM)) / math.log(MAX_ERROR_KM) for e in sorted(errors)]
    if len(ys) == 1:
        return ys[0]
    return sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False)) / (len(ys) - 1)


def geo_metrics(errors: Sequence[float]) -> dict[str, float]:
    """acc@161, mean and median km, AUC over a list of errors."""
    if not errors:
        return {"acc_161": float("nan"), "mean_km": float("nan"), "median_km": float("nan"), "auc": float("nan")}
    return {
        "acc_161": sum(e <= ACC_KM for e in errors) / len(errors),
        "mean_km": statistics.fmean(errors),
        "median_km": statistics.median(errors),
        "auc": auc(errors),
    }


def prf(found: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = found / predicted if predicted else 0.0
    r = found / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match_overlapping(gold: Sequence[Toponym], predicted: Sequence[Mention]) -> dict[int, int]:
    """One-to-one pairs (gold index -> predicted index) of overlapping spans: an exact
    match first, else the largest overlap."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for gi, g in enumerate(gold):
        best, best_key = None, None
        for pi, m in enumerate(predicted):
            if pi in used or m.end <= g.start or m.start >= g.end:
                continue
            key = ((m.start, m.end) == (g.start, g.end), min(m.end, g.end) - max(m.start, g.start))
            if best_key is None or key > best_key:
                best, best_key = pi, key
        if best is not None:
            pairs[gi] = best
            used.add(best)
    return pairs


@dataclass
class Record:
    """One scored gold toponym (for error analysis)."""

    doc_id: str
    toponym: Toponym
    resolution: Resolution | None
    error_km: float

    @property
    def id_match(self) -> bool | None:
        if self.toponym.geonameid is None:
            return None
        return bool(self.resolution and self.resolution.place
                    and self.resolution.place.geonameid == self.toponym.geonameid)


@dataclass
class Scores:
    gold_spans: bool
    records: list[Record] = field(default_factory=list)
    n_gold: int = 0
    n_predicted: int = 0
    n_exact: int = 0
    n_overlap: int = 0
    n_reachable: int = 0
    seconds: float = 0.0

    def summary(self) -> dict[str, float | int | bool | None]:
        errors = [r.error_km for r in self.records]
        ids = [r.id_match for r in self.records if r.id_match is not None]
        out: dict[str, float | int | bool | None] = {
            "gold_spans": self.gold_spans, "n": self.n_gold, "scored": len(self.records)}
        out.update(geo_metrics(errors))
        out["no_candidate"] = (sum(1 for r in self.records if r.resolution is None or not r.resolution.candidates)
                               / len(self.records) if self.records else float("nan"))
        if self.gold_spans:
            # The ceiling the gazetteer sets: toponyms with some candidate within 161 km.
            out["reachable_161"] = self.n_reachable / len(self.records) if self.records else float("nan")
        out["id_n"] = len(ids)
        out["id_acc"] = sum(ids) / len(ids) if ids else float("nan")
        if not self.gold_spans:
            out["predicted"] = self.n_predicted
            out["precision"], out["recall"], out["f1"] = prf(self.n_overlap, self.n_predicted, self.n_gold)
            out["exact_precision"], out["exact_recall"], out["exact_f1"] = prf(
                self.n_exact, self.n_predicted, self.n_gold)
        out["seconds"] = self.seconds
        # NaN (no GeoNames ids, nothing found) is written as null: JSON has no NaN.
        return {k: (None if isinstance(v, float) and math.isnan(v) else round(v, 4) if isinstance(v, float) else v)
                for k, v in out.items()}


# --- running -------------------------------------------------------------------------------

def _batches(items: Sequence, size: int) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def evaluate(docs: Sequence[Document], pipeline, *, gold_spans: bool, batch_size: int = 64,
             progress: Callable[[int, int], None] | None = None) -> Scores:
    """Score ``pipeline`` (a ``geo.pipeline.Pipeline``: its resolver, and its recogniser
    without ``gold_spans``) on the documents."""
    began = time.perf_counter()
    scores = Scores(gold_spans=gold_spans)
    done = 0
    for batch in _batches(docs, batch_size):
        articles = [d.article() for d in batch]
        if gold_spans:
            mentions = [gold_mentions(d) for d in batch]
            resolved = pipeline.resolver.resolve_all(articles, mentions)
        else:
            resolved = pipeline.run(articles, geometry=False).resolutions
        for doc, rs in zip(batch, resolved, strict=True):
            _score_doc(scores, doc, rs, gold_spans)
            if gold_spans:
                scores.n_reachable += sum(_reachable(pipeline.resolver, r.mention, t)
                                          for r, t in zip(rs, doc.toponyms, strict=True))
        done += len(batch)
        if progress:
            progress(done, len(docs))
    scores.seconds = time.perf_counter() - began
    log.info("evaluated %d documents in %.1f s", len(docs), scores.seconds)
    return scores


def _reachable(resolver, mention: Mention, t: Toponym) -> bool:
    from geo.resolution.base import distance_km

    return any(distance_km(p.lat, p.lon, t.lat, t.lon) <= ACC_KM for p in resolver.candidates(mention))


def _score_doc(scores: Scores, doc: Document, rs: Sequence[Resolution], gold_spans: bool) -> None:
    scores.n_gold += len(doc.toponyms)
    if gold_spans:
        pairs = dict(enumerate(rs))
    else:
        scores.n_predicted += len(rs)
        exact = {(r.mention.start, r.mention.end) for r in rs}
        scores.n_exact += sum((t.start, t.end) in exact for t in doc.toponyms)
        matched = match_overlapping(doc.toponyms, [r.mention for r in rs])
        scores.n_overlap += len(matched)
        pairs = {gi: rs[pi] for gi, pi in matched.items()}
    for gi, t in enumerate(doc.toponyms):
        if gi in pairs:
            scores.records.append(Record(doc.id, t, pairs[gi], error_km(pairs[gi], t)))


def evaluate_file(corpus: Path, spec: PipelineSpec | None = None, *, gold_spans: bool, limit: int | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Scores:
    """Read a corpus and score the pipeline ``spec`` names on it (default: the default pipeline)."""
    from geo.pipeline import Pipeline, PipelineSpec

    spec = (spec or PipelineSpec()).check()
    if limit is not None and limit < 1:
        raise InputError(f"--limit {limit}: must be at least 1")
    docs = read_corpus(corpus, limit)
    return evaluate(docs, Pipeline.from_spec(spec), gold_spans=gold_spans, progress=progress)


_LABELS = [
    ("n", "gold toponyms"), ("scored", "scored (resolved by the tool)"), ("acc_161", "acc@161"),
    ("mean_km", "mean error km"), ("median_km", "median error km"), ("auc", "AUC (lower is better)"),
    ("id_acc", "GeoNames id match"), ("no_candidate", "no candidate"),
    ("reachable_161", "a candidate within 161 km"),
    ("precision", "precision (overlap)"), ("recall", "recall (overlap)"), ("f1", "F1 (overlap)"),
    ("exact_precision", "precision (exact)"), ("exact_recall", "recall (exact)"), ("exact_f1", "F1 (exact)"),
    ("seconds", "seconds"),
]


def format_summary(summary: dict) -> str:
    """The summary as aligned ``label  value`` lines."""
    lines = []
    for key, label in _LABELS:
        if key not in summary:
            continue
        v = summary[key]
        if v is None:
            v = float("nan")
        if key == "scored" and summary.get("gold_spans"):
            continue
        if key == "scored":
            label = "found (overlap), resolution scored on"
        text = f"{v:,}" if isinstance(v, int) else ("n/a" if math.isnan(v) else
                                                     f"{v:,.1f}" if key.endswith("km") or key == "seconds"
                                                     else f"{v:.3f}")
        lines.append(f"{label:<38}{text:>10}")
    return "\n".join(lines)
