"""The evaluation harness: corpus reading, metrics by hand on tiny corpora, the CLI."""

from __future__ import annotations

import json
import math
import re

import pytest
from typer.testing import CliRunner

from geo.cli import app
from geo.errors import InputError
from geo.evaluation import (
    MAX_ERROR_KM,
    Toponym,
    auc,
    evaluate,
    geo_metrics,
    gold_mentions,
    match_overlapping,
    prf,
    read_corpus,
    sentence_around,
)
from geo.model import Mention
from geo.resolution import distance_km
from tests.conftest import SHARED, needs_shared

runner = CliRunner()
LGL = SHARED / "eval" / "lgl-dev.jsonl"

BELGRADE = (44.80401, 20.46513)
PARIS_TEXAS = (33.66094, -95.55551)


def _doc(doc_id: str, text: str, places: list[tuple[str, float, float, int | None]]) -> dict:
    tops, at = [], 0
    for name, lat, lon, gid in places:
        start = text.index(name, at)
        tops.append({"start": start, "end": start + len(name), "name": name, "lat": lat, "lon": lon,
                     "geonameid": gid})
        at = start + len(name)
    return {"id": doc_id, "dataset": "tiny", "text": text, "date": None, "toponyms": tops}


@pytest.fixture()
def tiny(tmp_path):
    """Belgrade in Belgrade; Paris annotated as Paris, Texas (a bare Paris goes to France)."""
    path = tmp_path / "tiny.jsonl"
    docs = [
        _doc("a", "Police in Belgrade were on alert on Monday.", [("Belgrade", *BELGRADE, 792680)]),
        _doc("b", "The fair in Paris drew a crowd.", [("Paris", *PARIS_TEXAS, 4717560)]),
    ]
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_auc_by_hand():
    errors = [0.0, 100.0, 1000.0]
    ys = sorted(math.log(1 + e) / math.log(20039) for e in errors)
    assert auc(errors) == pytest.approx(((ys[0] + ys[1]) / 2 + (ys[1] + ys[2]) / 2) / 2)
    assert auc([0.0, 0.0]) == 0.0
    assert auc([50.0]) == pytest.approx(math.log(51) / math.log(20039))
    m = geo_metrics([10.0, 161.0, 162.0, 5000.0])
    assert m["acc_161"] == 0.5 and m["median_km"] == 161.5 and m["mean_km"] == pytest.approx(5333 / 4)


def test_span_matching_and_prf():
    gold = [Toponym(0, 8, "Belgrade", 0, 0), Toponym(20, 31, "Novi Sad, X", 0, 0), Toponym(40, 45, "Paris", 0, 0)]
    pred = [Mention("d", "Belgrade", 0, 8, "GPE"), Mention("d", "Novi Sad", 20, 28, "GPE"),
            Mention("d", "Sad", 25, 28, "GPE"), Mention("d", "Nis", 50, 53, "GPE")]
    assert match_overlapping(gold, pred) == {0: 0, 1: 1}
    p, r, f = prf(2, 4, 3)
    assert (p, r) == (0.5, 2 / 3) and f == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert prf(0, 0, 3) == (0.0, 0.0, 0.0)


def test_sentence_window_and_gold_mentions(tiny):
    docs = read_corpus(tiny)
    text = "One. Two in Nis here! Three."
    assert sentence_around(text, 12, 15) == ("Two in Nis here!", 5)
    (m,) = gold_mentions(docs[0])
    assert (m.text, m.start, m.end, m.label) == ("Belgrade", 10, 18, "GPE")
    assert m.sentence == docs[0].text


@pytest.mark.parametrize(("line", "message"), [
    ("not json", "tiny.jsonl:1: not a corpus document"),
    ('{"text": "In Nis.", "toponyms": [{"start": 0, "end": 2, "name": "Nis", "lat": 1, "lon": 2}]}',
     re.escape("does not match text[0:2]")),
    ('{"text": "In Nis.", "toponyms": [{"start": 3, "end": 6, "name": "Nis"}]}', "malformed toponym"),
])
def test_bad_corpus_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "tiny.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(InputError, match=message):
        read_corpus(path)


def test_gold_spans_metrics_by_hand(pipeline, tiny):
    scores = evaluate(read_corpus(tiny), pipeline, gold_spans=True)
    belgrade, paris = (r.resolution.place for r in scores.records)
    assert belgrade.country_code == "RS" and paris.country_code == "FR"
    errors = [distance_km(belgrade.lat, belgrade.lon, *BELGRADE), distance_km(paris.lat, paris.lon, *PARIS_TEXAS)]
    assert errors[0] < 161 < errors[1]
    s = scores.summary()
    assert s["n"] == 2 and s["acc_161"] == 0.5 and s["no_candidate"] == 0.0
    assert s["reachable_161"] == 1.0  # Paris, Texas is a candidate, just not the chosen one
    ys = sorted(math.log1p(e) / math.log(MAX_ERROR_KM) for e in errors)
    assert s["auc"] == pytest.approx((ys[0] + ys[1]) / 2, abs=1e-4)
    assert s["median_km"] == pytest.approx(sum(errors) / 2, abs=1e-3)
    assert s["id_n"] == 2 and s["id_acc"] == (0.5 if belgrade.geonameid == 792680 else 0.0)
    assert "precision" not in s


def test_no_candidate_is_the_largest_error(pipeline, tmp_path):
    path = tmp_path / "none.jsonl"
    path.write_text(json.dumps(_doc("x", "We met in Qwxzvbnm today.", [("Qwxzvbnm", 1.0, 1.0, None)])) + "\n")
    s = evaluate(read_corpus(path), pipeline, gold_spans=True).summary()
    assert s["acc_161"] == 0.0 and s["mean_km"] == MAX_ERROR_KM and s["no_candidate"] == 1.0
    assert s["reachable_161"] == 0.0
    assert s["id_acc"] is None


def test_cli_eval_json_both_modes(data_dir, tiny):
    result = runner.invoke(app, ["eval", str(tiny), "--gold-spans", "--json"])
    assert result.exit_code == 0, result.output
    s = json.loads(result.stdout)
    assert {"n", "acc_161", "mean_km", "median_km", "auc"} <= s.keys() and s["acc_161"] == 0.5
    base = json.loads(runner.invoke(app, ["eval", str(tiny), "--gold-spans", "--json", "--baseline",
                                          "population"]).stdout)
    assert base["resolver"] == "population" and base["n"] == 2
    e2e = json.loads(runner.invoke(app, ["eval", str(tiny), "--json", "--limit", "1"]).stdout)
    assert e2e["n"] == 1 and e2e["precision"] == 1.0 and e2e["recall"] == 1.0 and e2e["f1"] == 1.0
    assert e2e["exact_f1"] == 1.0 and e2e["acc_161"] == 1.0
    table = runner.invoke(app, ["eval", str(tiny), "--gold-spans"]).stdout
    assert "acc@161" in table and "0.500" in table


def test_cli_eval_errors(data_dir, tiny):
    result = runner.invoke(app, ["eval", str(tiny), "--baseline", "random"])
    assert result.exit_code != 0 and "population" in str(result.exception)


@needs_shared(LGL)
def test_lgl_dev_beats_population_baseline(data_dir):
    ours = json.loads(runner.invoke(app, ["eval", str(LGL), "--gold-spans", "--limit", "20", "--json"]).stdout)
    base = json.loads(runner.invoke(app, ["eval", str(LGL), "--gold-spans", "--limit", "20", "--json",
                                          "--baseline", "population"]).stdout)
    assert ours["n"] > 100
    assert ours["acc_161"] > base["acc_161"] and ours["acc_161"] >= 0.55


# --- the resolution and recognition features the harness measured -------------------------

def _resolve_gold(pipeline, text: str, names: list[str]):
    from geo.articles import Article

    at, mentions = 0, []
    for name in names:
        start = text.index(name, at)
        mentions.append(Mention("a", name, start, start + len(name), "GPE"))
        at = start + len(name)
    return pipeline.resolver.resolve(Article("a", text), mentions)


def test_acronym_spelled_out_in_the_text(pipeline):
    (r,) = _resolve_gold(pipeline, "Flu cases rose in New South Wales. NSW Health said schools stay open.", ["NSW"])
    assert (r.place.name, r.place.country_code) == ("New South Wales", "AU")


def test_place_region_qualifier(pipeline):
    (r,) = _resolve_gold(pipeline, "The fair in Paris, TX drew a crowd.", ["Paris"])
    assert (r.place.country_code, r.place.admin1_code) == ("US", "TX")
    (r,) = _resolve_gold(pipeline, "Police in Columbus, Ga., arrested two men.", ["Columbus"])
    assert (r.place.country_code, r.place.admin1_code) == ("US", "GA")


def test_text_names_the_county_and_state(pipeline):
    # Only the page's own place is a mention: the county and state come from the text.
    (r,) = _resolve_gold(pipeline, "Victoria is a city in Ellis County, Kansas, United States.", ["Victoria"])
    assert (r.place.country_code, r.place.admin1_code) == ("US", "KS")


def test_place_an_organisation_is_named_after(pipeline):
    from geo.articles import Article

    [mentions] = pipeline.recognizer.recognize([Article("a", "She studied at the University of Georgia last year.")])
    assert [m.text for m in mentions] == ["Georgia"]


def test_unknown_adjective_stands_for_its_region(pipeline):
    (r,) = _resolve_gold(pipeline, "Dagestani police said two men were killed.", ["Dagestani"])
    assert (r.place.country_code, r.place.feature_code) == ("RU", "ADM1")


def test_a_full_stop_before_a_lower_case_word_ends_no_sentence():
    from geo.evaluation import sentence_around

    text = "Washington County is a county in the U.S. state of Missouri. Its seat is Potosi."
    assert sentence_around(text, 0, 17) == ("Washington County is a county in the U.S. state of Missouri.", 0)
    assert sentence_around(text, text.index("Potosi"), len(text) - 1) == ("Its seat is Potosi.", 61)
