"""The team's development and check sets (eval/README.md): well-formed, and every gold point is a
gazetteer place of the name the report gives, as the README promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.event_evaluation import read_reports
from geo.geodesy import distance_km
from geo.incidents.events import default_event_table

EVAL = Path(__file__).resolve().parent.parent / "eval"
REPORTS = ["events-dev.jsonl", "events-check.jsonl"]
SENTENCES = ["non-events.jsonl", "non-events-check.jsonl"]


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (EVAL / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", REPORTS + SENTENCES)
def test_ids_are_unique_and_every_line_reads(name):
    rows = _rows(name)
    assert len({r["id"] for r in rows}) == len(rows)
    read_reports(EVAL / name, scored=name in REPORTS)  # raises on a malformed report


@pytest.mark.parametrize("name", REPORTS)
def test_types_are_the_taxonomys(name):
    table = default_event_table()
    taxonomy = {(t, s) for t, subs in table.sub_types.items() for s in subs}
    odd = [r["id"] for r in _rows(name) if (r["event_type"], r["sub_event_type"]) not in taxonomy]
    assert not odd
    assert all(r["precision"] in (1, 2, 3) for r in _rows(name))
    assert all(r["fatalities"] is None or (isinstance(r["fatalities"], int) and r["fatalities"] >= 0)
               for r in _rows(name))


def test_every_development_gold_point_is_a_place_of_its_name():
    """Every ``place`` looked up has a candidate within 1 km of the gold point (not the Kosovo
    dump's places, nor the team's own points: a lake's, a region built from its parts)."""
    from geo.gazetteer import open_gazetteer

    gazetteer = open_gazetteer()
    far = []
    for r in _rows("events-dev.jsonl"):
        if r.get("needs_dump") or r.get("geonameid") is None:
            continue
        nearest = min((distance_km(p.lat, p.lon, r["lat"], r["lon"]) for p in gazetteer.lookup(r["place"])),
                      default=None)
        if nearest is None or nearest > 1:
            far.append((r["id"], r["place"], nearest))
    assert not far
