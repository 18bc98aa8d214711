"""Scoring incidents on event reports (geo eval --events)."""

from __future__ import annotations

import json

import pytest

from geo.errors import InputError
from geo.event_evaluation import EventScores, Report, format_events, read_reports

ZVECAN = (42.9075, 20.8403)


def _report(**over) -> Report:
    fields = {"id": "r", "text": "t", "date": "2023-05-29", "lat": ZVECAN[0], "lon": ZVECAN[1], "precision": 1,
              "event_type": "Protests", "sub_event_type": "peaceful protest", "fatalities": None}
    fields.update(over)
    return Report(**fields)


def test_the_lead_is_scored_by_distance_type_and_fatalities():
    scores = EventScores()
    # 12 km off, the right type, the right count
    scores.add(_report(fatalities=2), {"lat": ZVECAN[0] + 0.108, "lon": ZVECAN[1], "event_type": "Protests",
                                       "fatalities": 2})
    # 300 km off, another type, a wrong count
    scores.add(_report(event_type="Battles", fatalities=1, precision=2),
               {"lat": ZVECAN[0] + 2.7, "lon": ZVECAN[1], "event_type": "Riots", "fatalities": 0})
    scores.add(_report(event_type="Battles", precision=3), None)  # no incident at all
    s = scores.summary()
    assert s["reports"] == 3 and s["incident_recall"] == pytest.approx(2 / 3)
    assert (s["within_10km"], s["within_25km"], s["within_161km"]) == (0, pytest.approx(1 / 3), pytest.approx(1 / 3))
    assert s["within_25km_p1"] == 1 and s["within_161km_p2"] == 0 and s["within_161km_p3"] == 0
    assert s["type_agreement"] == 0.5 and s["type_agreement_all"] == pytest.approx(1 / 3)
    assert s["type_agreement_by_type"] == {"Battles": 0, "Protests": 1}
    assert s["fatality_reports"] == 2 and s["fatality_agreement"] == 0.5
    assert ["Battles", None, 1] in s["confusion"]
    text = format_events(s)
    assert "precision 1" in text and "Battles -> no incident: 1" in text


def test_reports_are_checked_line_by_line(tmp_path):
    good = {"id": "a", "text": "Police in Zvečan fired tear gas.", "date": "2023-05-29", "lat": 42.9, "lon": 20.8,
            "precision": 1, "event_type": "Protests", "sub_event_type": "peaceful protest", "fatalities": None}
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "precision": 4}) + "\n")
    with pytest.raises(InputError, match=r"r.jsonl:2: the point must be lat/lon degrees and the precision 1, 2 or 3"):
        read_reports(path)
    path.write_text(json.dumps({"id": "b", "text": "Calm in Skopje."}) + "\n")
    assert read_reports(path, scored=False)[0].text == "Calm in Skopje."


def test_eval_events_end_to_end(data_dir, tmp_path):
    from typer.testing import CliRunner

    from geo.cli import app

    reports, quiet = tmp_path / "r.jsonl", tmp_path / "n.jsonl"
    reports.write_text(json.dumps({
        "id": "a", "text": "Police fired tear gas at protesters in Zvečan on Monday.", "date": "2023-05-29",
        "lat": ZVECAN[0], "lon": ZVECAN[1], "precision": 1, "event_type": "Protests",
        "sub_event_type": "excessive force against protesters", "fatalities": None}) + "\n")
    quiet.write_text(json.dumps({"id": "n", "text": "The weather in Skopje was mild.", "date": "2023-05-29"}) + "\n")
    result = CliRunner().invoke(app, ["eval", "--events", str(reports), "--non-events", str(quiet), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["incident_recall"] == 1 and summary["within_10km_p1"] == 1
    assert summary["non_event_incident_rate"] == 0


def test_incidents_at_a_whole_country_beside_a_finer_place_are_counted(pipeline):
    from dataclasses import replace

    from geo.articles import Article
    from geo.event_evaluation import Coarse

    text = "Protesters blocked a road in Novi Sad, Serbia, on Monday."
    geocoded = pipeline.run([Article(id="a", text=text)])
    record = geocoded.incidents[0][0]
    assert record["name"] == "Novi Sad"
    counted = Coarse()
    counted.add(geocoded)
    assert (counted.incidents, counted.beside_finer) == (0, 0)
    # The same incident, had it been placed on the country the sentence also names: counted.
    serbia = text.index("Serbia")
    at_country = replace(geocoded, incidents=[[{**record, "start": serbia, "geo_precision": 3}]])
    counted = Coarse()
    counted.add(at_country)
    assert (counted.incidents, counted.beside_finer) == (1, 1)
    # A country that names nothing finer near it is an incident place, not counted as wrong.
    alone = pipeline.run([Article(id="b", text="Protesters blocked roads across Serbia on Monday.")])
    counted = Coarse()
    counted.add(alone)
    assert (counted.incidents, counted.beside_finer) == (1, 0)
    # A city elsewhere in the country (where a statement was issued) is not inside the province.
    seat = pipeline.run([Article(id="c", text="Militiamen attacked a camp in Ituri province, officials said in a "
                                               "statement issued in Kinshasa.")])
    counted = Coarse()
    counted.add(seat)
    assert (counted.incidents, counted.beside_finer) == (1, 0)
    # A town in the province where a speaker is, or where survivors fled, is not where it happened.
    for elsewhere in ("Militiamen attacked a camp in Ituri province, local officials in Bunia said.",
                      "Militiamen attacked a camp in Ituri province, and hundreds of families fled towards Bunia."):
        counted = Coarse()
        counted.add(pipeline.run([Article(id="d", text=elsewhere)]))
        assert (counted.incidents, counted.beside_finer) == (1, 0), elsewhere
