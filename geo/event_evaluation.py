"""Scoring incidents on event reports: where, what, how many (``geo eval --events``).

A report is one short article (agency copy, a conflict-event note) with the point, the
precision (1 the town itself, 2 near it or a district, 3 a region or larger), the event type
and the fatalities that human coders gave its event. The tool is scored by the report's
first incident in text order, its lead: whether there is one (incident recall), how far it
lies from the coded point (within 10, 25 and 161 km, by precision), whether its
``event_type`` is the coded one, and whether its ``fatalities`` match the coded count. On
sentences that report no event (sports, firefighting, history...), the share that still
became an incident is the false-incident rate.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geo.articles import Article, parse_date
from geo.errors import InputError
from geo.geodesy import distance_km, valid_point
from geo.model import Place, plain

if TYPE_CHECKING:
    import geopandas as gpd

    from geo.pipeline import Geocoded, Pipeline, PipelineSpec

RADII_KM = (10.0, 25.0, 161.0)
PRECISIONS = (1, 2, 3)


@dataclass(frozen=True)
class Report:
    id: str
    text: str
    date: str | None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    fatalities: int | None = None

    def article(self) -> Article:
        return Article(id=self.id, text=self.text, date=parse_date(self.date, self.id) if self.date else None)


def _report(raw: object, where: str, scored: bool) -> Report:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or not raw.get("id"):
        raise InputError(f"{where}: a report needs 'id' and 'text'")
    if not scored:
        return Report(str(raw["id"]), raw["text"], raw.get("date"))
    try:
        lat, lon, precision = float(raw["lat"]), float(raw["lon"]), int(raw["precision"])
        fatalities = None if raw.get("fatalities") is None else int(raw["fatalities"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{where}: malformed report ({exc.__class__.__name__}: {exc})") from None
    if not valid_point(lat, lon) or precision not in PRECISIONS:
        raise InputError(f"{where}: the point must be lat/lon degrees and the precision 1, 2 or 3")
    return Report(str(raw["id"]), raw["text"], raw.get("date"), lat, lon, precision, raw.get("event_type"),
                  raw.get("sub_event_type"), fatalities)


def read_reports(path: Path, scored: bool = True) -> list[Report]:
    """Reports from JSON Lines (``scored``: with the coded point, precision, type and
    fatalities; else text alone, as for the non-event sentences)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    reports = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{path}:{lineno}: not JSON ({exc})") from None
        reports.append(_report(raw, f"{path}:{lineno}", scored))
    if not reports:
        raise InputError(f"{path}: no reports")
    return reports


@dataclass
class Coarse:
    """Incidents placed at a whole country, first-level region or continent, and those of them
    whose sentence or the two before it name a finer place inside it (issue 19: there should
    be none; the finer place is where it happened). A finer place counts only in a role that
    could locate an event (``places.roles``: named with or without a locating word, or the
    dateline): where a speaker is ("security sources in X said"), where people fled or were
    taken ("fled towards X"), where actors come from are not where it happened, and issue 19
    puts them in ``places_mentioned``."""

    incidents: int = 0
    beside_finer: int = 0

    def add(self, geocoded: Geocoded) -> None:
        from bisect import bisect_right

        from geo.incidents.places import roles, split_paragraphs
        from geo.recognition import sentence_spans

        for article, resolutions, records in zip(geocoded.articles, geocoded.resolutions,
                                                 geocoded.incidents or (), strict=True):
            sentences = split_paragraphs(article.text, sentence_spans(article.text))
            starts = [s.start for s in sentences]
            by_start = {r.mention.start: r for r in resolutions if r.place is not None}
            in_sentence: list[list] = [[] for _ in sentences]
            for r in sorted(by_start.values(), key=lambda r: r.mention.start):
                k = bisect_right(starts, r.mention.start) - 1
                if k >= 0:
                    in_sentence[k].append(r)
            finer = [(s.index, loc.r.place) for s, rs in zip(sentences, in_sentence, strict=True)
                     for loc in roles(article.text, s, rs)
                     if (loc.locates or loc.role == "dateline") and loc.precision < 3]
            for record in records:
                whole = by_start.get(record.get("start"))
                if (record.get("background") or whole is None or record.get("geo_precision") != 3
                        or whole.mention.modifier
                        or not (whole.place.is_expanse or whole.place.feature_code == "ADM1")):
                    continue  # a region phrase or a border is no whole unit
                self.incidents += 1
                k = bisect_right(starts, whole.mention.start) - 1
                self.beside_finer += any(k - 2 <= j <= k and _inside(p, whole.place) for j, p in finer)


def _inside(place: Place, unit: Place) -> bool:
    """Whether ``place`` lies in ``unit`` (a continent, a country or a first-level region), by
    its codes: a city where a statement was issued, elsewhere in the country, is not inside a
    province named beside it."""
    return unit.feature_code == "CONT" or place.in_unit(unit, 0 if unit.is_country else 1)


def leads(reports: Sequence[Report], pipeline: Pipeline, batch_size: int = 64,
          coarse: Coarse | None = None) -> dict[str, dict]:
    """Each report's lead incident (its first in text order) as a record, by report id;
    ``coarse`` counts the run's incidents at whole countries and regions."""
    out: dict[str, dict] = {}
    for i in range(0, len(reports), batch_size):
        batch = [r.article() for r in reports[i:i + batch_size]]
        geocoded = pipeline.run(batch)
        if coarse is not None:
            coarse.add(geocoded)
        incidents = geocoded.incidents_frame()
        if len(incidents):  # background is not an incident of the report
            incidents = incidents[~incidents["background"].fillna(False).astype(bool)]
        for article_id, own in incidents.groupby("article_id", sort=False) if len(incidents) else ():
            out[str(article_id)] = _first(own)
    return out


def _first(incidents: gpd.GeoDataFrame) -> dict:
    order = incidents.sort_values(["sentence_start", "start"], kind="stable")
    row = order.drop(columns=[c for c in (order.geometry.name, "shape") if c in order.columns]).iloc[0]
    return {k: plain(v) for k, v in row.items()}


@dataclass
class EventScores:
    n: int = 0
    found: int = 0
    within: dict[tuple[int | None, float], int] = field(default_factory=Counter)  # (precision, km) -> reports
    by_precision: Counter = field(default_factory=Counter)
    typed: int = 0  # reports with an incident whose event_type is known on both sides
    type_agree: int = 0
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted) -> reports
    gold_types: Counter = field(default_factory=Counter)
    fatal_n: int = 0
    fatal_agree: int = 0
    non_events: int = 0
    non_events_incident: int = 0
    coarse: Coarse = field(default_factory=lambda: Coarse())

    def add(self, report: Report, lead: dict | None) -> None:
        self.n += 1
        self.by_precision[report.precision] += 1
        self.gold_types[report.event_type] += 1
        if report.fatalities is not None:
            self.fatal_n += 1
        if lead is None:
            self.confusion[(report.event_type, None)] += 1
            return
        self.found += 1
        km = distance_km(report.lat, report.lon, float(lead["lat"]), float(lead["lon"]))
        for radius in RADII_KM:
            if km <= radius:
                self.within[(None, radius)] += 1
                self.within[(report.precision, radius)] += 1
        predicted = lead.get("event_type")
        # Before incidents had an event_type, their own type shows what was found.
        self.confusion[(report.event_type, predicted or f"(type: {lead.get('type')})")] += 1
        if predicted is not None and report.event_type:
            self.typed += 1
            self.type_agree += predicted == report.event_type
        if report.fatalities is not None and lead.get("fatalities") == report.fatalities:
            self.fatal_agree += 1

    def summary(self) -> dict:
        def share(a: int, b: int) -> float | None:
            return a / b if b else None

        out: dict = {"reports": self.n, "incident_recall": share(self.found, self.n)}
        for radius in RADII_KM:
            out[f"within_{radius:g}km"] = share(self.within[(None, radius)], self.n)
            for p in PRECISIONS:
                out[f"within_{radius:g}km_p{p}"] = share(self.within[(p, radius)], self.by_precision[p])
        for p in PRECISIONS:
            out[f"reports_p{p}"] = self.by_precision[p]
        out["type_agreement"] = share(self.type_agree, self.typed) if self.typed else None
        out["type_agreement_all"] = share(self.type_agree, self.n) if self.typed else None
        out["type_agreement_by_type"] = {
            gold: share(self.confusion[(gold, gold)], n) for gold, n in sorted(self.gold_types.items(), key=str)
        } if self.typed else {}
        out["confusion"] = [[gold, pred, n] for (gold, pred), n in sorted(self.confusion.items(), key=str)]
        out["coarse_incidents"] = self.coarse.incidents
        out["coarse_beside_finer"] = self.coarse.beside_finer
        out["fatality_reports"] = self.fatal_n
        out["fatality_agreement"] = share(self.fatal_agree, self.fatal_n)
        if self.non_events:
            out["non_events"] = self.non_events
            out["non_event_incident_rate"] = self.non_events_incident / self.non_events
        return out


def evaluate_events(reports: Sequence[Report], pipeline: Pipeline,
                    non_events: Sequence[Report] = ()) -> EventScores:
    scores = EventScores()
    found = leads(reports, pipeline, coarse=scores.coarse)
    for report in reports:
        scores.add(report, found.get(report.id))
    if non_events:
        scores.non_events = len(non_events)
        scores.non_events_incident = len(leads(non_events, pipeline))
    return scores


def format_events(summary: dict) -> str:
    """The summary as a few aligned lines and the type confusion table."""
    def pct(v: object) -> str:
        return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.3f}"

    lines = [f"{'reports':<40}{summary['reports']:>10}", f"{'with an incident (incident recall)':<40}"
             f"{pct(summary['incident_recall']):>10}"]
    head = "lead within" + "".join(f"{f'{r:g} km':>10}" for r in RADII_KM)
    lines += ["", f"{head:<30}{'reports':>10}"]
    for p, label in ((None, "all"), *((p, f"precision {p}") for p in PRECISIONS)):
        key = "" if p is None else f"_p{p}"
        n = summary["reports"] if p is None else summary[f"reports_p{p}"]
        lines.append(f"{label:<11}" + "".join(f"{pct(summary[f'within_{r:g}km{key}']):>10}" for r in RADII_KM)
                     + f"{n:>10}")
    lines += ["", f"{'event_type agreement (with an incident)':<40}{pct(summary['type_agreement']):>10}",
              f"{'event_type agreement (all reports)':<40}{pct(summary['type_agreement_all']):>10}"]
    for gold, agree in summary["type_agreement_by_type"].items():
        lines.append(f"  {gold!s:<38}{pct(agree):>10}")
    lines.append(f"{'fatalities right (reports with a count)':<40}{pct(summary['fatality_agreement']):>10}")
    lines.append(f"{'at a country or region, a finer place near':<40}"
                 f"{summary['coarse_beside_finer']:>6} of {summary['coarse_incidents']}")
    if "non_events" in summary:
        lines.append(f"{'non-event sentences made incidents':<40}{pct(summary['non_event_incident_rate']):>10}")
    if summary["confusion"]:
        lines += ["", "confusion (coded -> found: reports)"]
        lines += [f"  {gold} -> {pred or 'no incident'}: {n}" for gold, pred, n in summary["confusion"]]
    return "\n".join(lines)


def evaluate_events_file(reports: Path, spec: PipelineSpec | None = None, *, non_events: Path | None = None,
                         limit: int | None = None) -> dict:
    """Read event reports (and non-event sentences) and score the pipeline ``spec`` names."""
    from geo.pipeline import Pipeline, PipelineSpec

    if limit is not None and limit < 1:
        raise InputError(f"--limit {limit}: must be at least 1")
    scored = read_reports(reports)[:limit]
    quiet = read_reports(non_events, scored=False)[:limit] if non_events else []
    summary = evaluate_events(scored, Pipeline.from_spec((spec or PipelineSpec()).check()), quiet).summary()
    summary["reports_file"] = str(reports)
    return summary
