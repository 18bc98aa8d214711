"""Incidents: dates resolved against the article, merged sources, the export's properties
and the map's data block (what a sentence reports: tests/test_events.py; where:
tests/test_incident_places.py)."""

import datetime as dt
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from geo.cli import app
from geo.incidents import resolve_date
from geo.incidents.dates import background
from geo.incidents.events import default_event_table
from geo.incidents.merge import merge_incidents
from geo.outputs.assets import inline_assets
from geo.outputs.webmap import build_map, render_map
from tests.conftest import SAMPLES, incident_rows

SUNDAY = dt.date(2023, 1, 1)
MONDAY = dt.date(2023, 1, 2)


@pytest.mark.parametrize(("sentence", "date", "precision", "text"), [
    ("Kurti on Sunday called for more troops.", "2023-01-01", "day", "Sunday"),
    ("Kurti said in a statement on January 1.", "2023-01-01", "day", "January 1"),
    ("Police arrested him on 30 December.", "2022-12-30", "day", "30 December"),
    ("Police arrested him on December 30, 2021.", "2021-12-30", "day", "December 30, 2021"),
    ("Protesters gathered yesterday.", "2023-01-01", "day", "yesterday"),
    ("Shots were fired last night.", "2023-01-01", "day", "last night"),
    ("Tensions escalated this week.", "2023-01-02", "week", "this week"),
    ("Troops moved last week.", "2022-12-26", "week", "last week"),
    ("Roads were blocked last month.", "2022-12-01", "month", "last month"),
    ("Mayors were elected in April.", "2022-04-01", "month", "in April"),
    ("As tensions escalated this week, Kurti on Sunday called for help.", "2023-01-01", "day", "Sunday"),
    ("Clashes broke out on 2022-11-05.", "2022-11-05", "day", "2022-11-05"),
    ("Clashes broke out.", "2023-01-02", "day", ""),
])
def test_dates_resolve_against_the_article(sentence, date, precision, text):
    got = resolve_date(sentence, MONDAY)
    assert (got.date.isoformat(), got.precision, got.text) == (date, precision, text)


def test_weekday_on_the_article_day_is_that_day_and_no_article_date_is_no_date():
    assert resolve_date("Police moved in on Sunday.", SUNDAY).date == SUNDAY
    assert resolve_date("Police moved in last Sunday.", SUNDAY).date == SUNDAY - dt.timedelta(days=7)
    assert resolve_date("Police moved in on Sunday.", None).date is None
    assert resolve_date("It happened on February 30.", MONDAY).text == ""  # no such day


EXPRESSIONS = ["yesterday", "last night", "today", "on Sunday", "last Monday", "this week", "last week",
               "this month", "last month", "in April", "in December", "on January 1", "on December 31", "31 December",
               "this year", "last year", "in 2003", "in April 2023", "2023-02-28", "since 1999", "ten years ago",
               "during the 1998-99 war", "in the 1990s", "World War I"]


@settings(max_examples=150, deadline=None)
@given(day=st.one_of(st.sampled_from([dt.date.min, dt.date.max, dt.date(1, 1, 7), dt.date(9999, 12, 25),
                                      dt.date(1, 12, 31), dt.date(9999, 1, 1)]), st.dates()),
       said=st.lists(st.sampled_from(EXPRESSIONS), min_size=1, max_size=3), clause=st.booleans())
def test_dates_at_the_ends_of_the_calendar(day, said, clause):
    """Relative dates against 0001-01-01 or 9999-12-31 raised OverflowError (an internal error
    for the whole run): a date that cannot be counted is left to the article's."""
    sentence = f"Police clashed with protesters {' and '.join(said)}{'; today it was calm' if clause else ''}."
    when = resolve_date(sentence, day)
    assert when.date is not None and when.precision in ("day", "week", "month", "year")
    assert background(sentence, when, day) in (True, False)


def test_the_same_incident_from_several_articles_is_merged_with_every_source():
    frame = merge_incidents(incident_rows([
        {"fatalities": 1},
        {"article_id": "b", "title": "Other paper", "url": "https://example.net/b", "published": "2023-05-30",
         "sentence": "Clashes broke out in Zvečan on Monday.", "evidence": ["Clashes"], "fatalities": 2},
        {"article_id": "b", "sentence": "Protesters clashed again in Zvečan on Monday."},  # the same article again
        {"article_id": "c", "event_type": "Strategic developments", "sub_event_type": "arrests"},  # another type
        {"article_id": "d", "geo_precision": 3, "text": "Kosovo", "name": "Kosovo", "geonameid": 831053},
        {"article_id": "e", "geo_precision": 3, "text": "Kosovo", "name": "Kosovo", "geonameid": 831053},
    ]))
    assert len(frame) == 4  # country-level reports never merge
    riot = frame[(frame["event_type"] == "Riots") & (frame["geo_precision"] == 1)].iloc[0]
    assert [s["article_id"] for s in riot["sources"]] == ["a", "b"] and riot["n_sources"] == 2  # each article once
    assert riot["sources"][1]["title"] == "Other paper" and riot["sources"][1]["url"] == "https://example.net/b"
    assert set(riot["evidence"]) == {"clashed", "Clashes"} and riot["sentence"].startswith("Protesters clashed")
    assert riot["fatalities"] == 2 and [s["fatalities"] for s in riot["sources"]] == [1, 2]  # the highest count
    assert frame[frame["event_type"] == "Strategic developments"].iloc[0]["sources"][0]["article_id"] == "c"


def test_cli_export_writes_incident_features(data_dir, tmp_path):
    out = tmp_path / "i.geojson"
    result = CliRunner().invoke(app, ["export", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    features = json.loads(out.read_text())["features"]
    assert len(features) >= 10
    for f in features:
        p = f["properties"]
        for key in ("date", "date_precision", "event_type", "sub_event_type", "evidence", "confidence", "actors",
                    "fatalities", "injuries", "sentence", "sources", "place_basis", "geo_precision",
                    "places_mentioned", "name", "lat", "lon", "geonameid", "country_code", "uncertainty_km"):
            assert key in p, key
        table = default_event_table()
        assert p["event_type"] in table.event_types and p["sub_event_type"] in table.sub_event_types(p["event_type"])
        assert p["evidence"] and p["geo_precision"] in (1, 2, 3)
        assert p["sources"] and {"article_id", "title", "url", "fatalities"} <= set(p["sources"][0])
    kinds = {f["properties"]["event_type"] for f in features}
    assert {"Protests", "Battles"} <= kinds
    banjska = [f["properties"] for f in features if "Banjska" in f["properties"]["sentence"]]
    assert banjska and banjska[0]["date"] == "2023-09-24" and banjska[0]["date_text"] == "Sunday"
    assert banjska[0]["fatalities"] == 1 and banjska[0]["injuries"] == 1
    places = CliRunner().invoke(app, ["export", str(SAMPLES), "-o", "-", "--places"])
    assert len(json.loads(places.stdout)["features"]) > len(features)


def test_map_has_every_incident_once_and_inlines_its_assets(pipeline, tmp_path):
    from geo.articles import read_articles

    result = pipeline.run(read_articles([SAMPLES]))
    layers = result.layers
    frame = merge_incidents(result.incidents_frame())
    page = render_map(build_map(frame, layers), self_contained=False)
    data = re.search(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', page, re.S).group(1)
    assert json.loads(data)["n"] == len(frame)
    assert "L.heatLayer" in page and "Incidents per country" in page
    offline = inline_assets(page)
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="https?://', offline)
    assert "L.MarkerClusterGroup" in offline and "font/woff2;base64" in offline


def test_cli_map_self_contained_needs_no_network(data_dir, tmp_path):
    out = tmp_path / "m.html"
    result = CliRunner().invoke(app, ["map", str(SAMPLES), "-o", str(out), "--self-contained", "--tiles", "none"])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="https?://', page)
    assert "tile.openstreetmap.org" not in page and "geoIncidents" in page


def test_a_toll_reported_after_an_event_is_that_events(pipeline):
    from geo.articles import Article

    text = ("Gunmen attacked a police patrol in Leposavić on Monday. The local mayor said three officers were "
            "killed. Talks resumed later.")
    result = pipeline.run([Article("a", text, dt.date(2023, 5, 30))])
    incidents = result.incidents_frame()
    assert len(incidents) == 1  # the toll is not an attack of its own
    [row] = incidents.to_dict(orient="records")
    assert row["name"] == "Leposavić" and row["fatalities"] == 3 and "three officers" in row["fatalities_text"]


def test_a_toll_that_points_back_at_the_event_is_that_events(pipeline):
    from geo.articles import Article

    text = ("Bandits ambushed a convoy of traders on the road outside Gusau on Friday. Three of the six drivers "
            "wounded in the ambush later succumbed to their injuries, a police spokesman said.")
    incidents = pipeline.run([Article("a", text, dt.date(2023, 5, 30))]).incidents_frame()
    assert len(incidents) == 1  # "in the ambush" is the ambush already told
    [row] = incidents.to_dict(orient="records")
    assert row["fatalities"] == 3


def test_a_toll_told_by_its_count_after_the_event_is_that_events(pipeline):
    from geo.articles import Article

    text = ("Government troops regained control of the town of Kidal on Saturday, pushing back jihadist fighters "
            "who had held it for a month. The army said eleven fighters died in the fighting.")
    incidents = pipeline.run([Article("a", text, dt.date(2024, 3, 5))]).incidents_frame()
    assert len(incidents) == 1  # "died in the fighting": the fighting already told, and its toll
    assert incidents.iloc[0]["fatalities"] == 11


def _in_order(pipeline, text: str):
    """The text's incidents, in the order of their sentences."""
    from geo.articles import Article

    return pipeline.run([Article("a", text, dt.date(2024, 3, 5))]).incidents_frame().sort_values("sentence_start")


def test_nobody_hurt_just_after_an_event_is_that_events_too(pipeline):
    lead = _in_order(pipeline, "Riot police fired tear gas at opposition supporters outside the parliament in "
                               "Skopje on Friday. Twenty protesters were detained and no one was hurt, police "
                               "said.").iloc[0]
    assert (lead["fatalities"], lead["injuries"]) == (0, 0)
    # ... but a number a later event gives is that event's own
    ordered = _in_order(pipeline, "Artillery shelled the town of Nikopol on Monday, killing two men. Later a drone "
                                  "hit a car in a nearby village, wounding its driver.")
    assert ordered.iloc[0]["fatalities"] == 2 and ordered["injuries"].isna().iloc[0]


def test_a_toll_killed_in_the_fighting_without_its_article_is_the_events(pipeline):
    from geo.articles import Article

    text = ("Herders and farmers fought with machetes outside Makurdi on Tuesday. Six herders and two farmers "
            "were killed in clashes that went on into the night.")
    incidents = pipeline.run([Article("a", text, dt.date(2024, 3, 5))]).incidents_frame()
    assert len(incidents) == 1 and incidents.iloc[0]["fatalities"] == 8


def test_a_sentence_telling_more_of_the_event_gives_its_counts(pipeline):
    from geo.articles import Article

    # "The explosion ...": the event told on, even with a place of its own (where the speaker is)
    lead = _in_order(pipeline, "A car bomb exploded outside a hotel in Kismayo on Sunday evening. The explosion "
                               "damaged three shops, but nobody was hurt, police said in Mogadishu.").iloc[0]
    assert (lead["fatalities"], lead["injuries"]) == (0, 0)
    # ... and through it, the toll a later sentence folds into it
    text = ("Rebels attacked an army base near Beni on Monday. The attack started before dawn when fighters "
            "stormed a checkpoint on the road to Butembo. A local official said two soldiers and three rebels "
            "were killed.")
    incidents = pipeline.run([Article("b", text, dt.date(2024, 3, 5))]).incidents_frame()
    assert list(incidents.sort_values("sentence_start")["fatalities"]) == [5, 5]
    # a headline tells the event of the story's first sentence: that sentence's incident, with its counts
    text = ("Bomb hits market in Maiduguri\nA bomb exploded in a crowded market in Maiduguri on Friday, killing "
            "four traders, police said.")
    incidents = pipeline.run([Article("c", text, dt.date(2024, 3, 5))]).incidents_frame()
    assert list(incidents.sort_values("sentence_start")["fatalities"]) == [4]
    # but "The army shot" is a new event's subject and verb, not the one before told on
    text = "Police fired tear gas at protesters in Kumasi on Monday. The army shot two men dead in Accra later."
    incidents = pipeline.run([Article("d", text, dt.date(2024, 3, 5))]).incidents_frame()
    assert list(incidents.sort_values("sentence_start")["fatalities"].fillna(-1)) == [-1, 2]


def test_a_distance_from_a_town_is_where_rather_than_the_region_it_lies_in(pipeline):
    from geo.articles import Article

    text = ("Gunmen killed nine herders in a village about 40 km from Ouahigouya, in the Nord region, "
            "on Monday, residents said.")
    incidents = pipeline.run([Article("a", text, dt.date(2024, 3, 5))]).incidents_frame()
    [row] = incidents.to_dict(orient="records")
    assert row["name"] == "Ouahigouya" and row["geo_precision"] == 2 and row["modifier"] == "40 km from"


def test_a_small_namesake_abroad_gives_way_to_the_reports_own_town(pipeline):
    from geo.articles import Article

    # No Mahala in North Macedonia: the villages of that name lie 400 km and more away, in
    # countries the report never names. The neighbourhood is the dateline's city's.
    text = ("BITOLA, North Macedonia, May 3 — A car bomb went off in the city's Mahala neighbourhood late on "
            "Monday.\n\nTwo men were hurt, police said.")
    result = pipeline.run([Article("a", text, dt.date(2024, 5, 3))])
    [mahala] = [r for r in result.resolutions[0] if r.mention.text == "Mahala"]
    assert mahala.place is None
    [row] = result.incidents_frame().to_dict(orient="records")
    assert row["name"] == "Bitola" and row["place_basis"] == "dateline"
    # Its own country named, a namesake is no stray: "Mahala, a village in Bosnia".
    text = "BITOLA, North Macedonia, May 3 — Police said a man from Mahala in Bosnia was arrested."
    [mahala] = [r for r in pipeline.run([Article("b", text, dt.date(2024, 5, 3))]).resolutions[0]
                if r.mention.text == "Mahala"]
    assert mahala.place is not None and mahala.place.country_code == "BA"


def test_a_context_first_sentence_gives_way_to_the_event_told_next(pipeline):
    """An opening that tells an event only in a background clause ("after another night of shelling") is
    context when the next sentence reports an event of its own."""
    from geo.articles import Article

    text = ("The governor said in Bauchi on Monday that he would send more police to the area after another night of "
            "gunfire. Shortly before dawn, bandits opened fire on a police post in Alkaleri, and officers "
            "returned fire for an hour.")
    incidents = pipeline.run([Article("a", text, dt.date(2024, 3, 5))]).incidents_frame()
    lead = incidents.sort_values("sentence_start").iloc[0]
    assert (lead["name"], lead["event_type"]) == ("Alkaleri", "Battles")
    # ... and stays the event when no sentence after it tells one
    text = ("The governor said in Bauchi on Monday that he would send more police to Alkaleri after another night "
            "of gunfire. Schools in the town were closed.")
    incidents = pipeline.run([Article("b", text, dt.date(2024, 3, 5))]).incidents_frame()
    assert len(incidents) >= 1
    # ... and when the next sentence tells on the same event
    text = ("Police said they were looking for a man seen near a bakery in Kičevo moments before a hand grenade "
            "exploded at its door on Tuesday. The blast shattered the windows, but no one was hurt, a police "
            "spokesman said in Skopje.")
    incidents = pipeline.run([Article("c", text, dt.date(2024, 3, 5))]).incidents_frame()
    assert incidents.sort_values("sentence_start").iloc[0]["name"] == "Kičevo"


def test_a_sentence_telling_gunshot_wounds_or_the_sides_words_for_killed_is_a_toll(pipeline):
    """"found with gunshot wounds", "were neutralised", "were martyred" after an event tell its toll, no
    event of their own."""
    from geo.articles import Article

    text = ("Shots were fired outside a café in Ulcinj late on Sunday, police said. Two men were found with "
            "gunshot wounds. One of them died later in hospital.")
    result = pipeline.run([Article("a", text, dt.date(2024, 6, 3))])
    incidents = result.incidents_frame()
    assert len(incidents) == 1
    text = ("Troops clashed with militants near Dori on Monday. Six militants were neutralised, the army said.")
    incidents = pipeline.run([Article("b", text, dt.date(2024, 6, 3))]).incidents_frame()
    assert len(incidents) == 1 and incidents.iloc[0]["event_type"] == "Battles"


@pytest.mark.parametrize(("victims", "event_type"), [
    ("Four villagers were killed, police said.", "Violence against civilians"),
    ("Four soldiers were killed, the army said.", "Battles"),
])
def test_an_attack_with_no_victim_named_takes_the_victims_of_the_toll_told_next(pipeline, victims, event_type):
    """"Militants attacked X." names no victim: typed by who attacked alone, it is a clash; the toll told next
    says whom it was done to."""
    from geo.articles import Article

    text = f"Militants attacked Leposavić late on Sunday. {victims}"
    incidents = pipeline.run([Article("a", text, dt.date(2024, 6, 3))]).incidents_frame()
    assert list(incidents["event_type"]) == [event_type] and list(incidents["fatalities"]) == [4]


def test_a_headline_is_the_event_its_body_tells(pipeline):
    """A headline announces the body's event: the body gives its place, type and counts, after a dateline
    and a sentence of context, and the headline is no incident of its own."""
    text = ("Convoy ambushed near Gao\n\nGAO, Mali —\n\nThe road north of the town carries most of the region's "
            "fuel. Militants attacked an army convoy outside Gao on Tuesday and fought the soldiers for an hour; "
            "nine soldiers were killed.")
    incidents = _in_order(pipeline, text)
    assert len(incidents) == 1
    lead = incidents.iloc[0]
    assert (lead["event_type"], lead["fatalities"], lead["sentence"].split()[0]) == ("Battles", 9, "Militants")
    # a headline over a body that tells no event stays the incident
    lead = _in_order(pipeline, "Grenade thrown at police station in Gao\nThe mayor called for calm.").iloc[0]
    assert lead["sentence_start"] == 0 and lead["event_type"] == "Explosions/Remote violence"


@pytest.mark.parametrize(("context", "event", "event_type", "fatalities"), [
    # a habit
    ("Roadside bombs are common on the highway between Kandahar and Herat.",
     "On Monday a bomb hit a minibus near Herat, killing six passengers.", "Explosions/Remote violence", 6),
    # a lasting state
    ("Rival gangs have fought over the market district of Cap-Haïtien for three years, residents say.",
     "Gunmen shot dead four traders in Cap-Haïtien on Tuesday.", "Violence against civilians", 4),
    # what came before, in the past perfect
    ("Police in Mombasa had arrested three suspects in a raid last month.",
     "On Sunday, gunmen attacked a police station in Mombasa and killed two officers.", None, 2),
])
def test_a_sentence_setting_the_scene_is_background(pipeline, context, event, event_type, fatalities):
    """A habit, a lasting state or what came before, told ahead of the report's event, is no incident of
    the report: background, left off the map unless asked; the event after it is the lead."""
    incidents = _in_order(pipeline, f"{context} {event}")
    assert all(incidents[incidents["sentence_start"] == 0]["background"])
    news = incidents[~incidents["background"].astype(bool)]
    lead = news.iloc[0]
    assert lead["sentence"] == event and lead["fatalities"] == fatalities
    assert event_type is None or lead["event_type"] == event_type


def test_a_scene_setting_sentence_alone_or_dated_stays_news(pipeline):
    # dated to a day, a habit tells that day's news
    lead = _in_order(pipeline, "On Friday, as every week, protesters marched in Belgrade.").iloc[0]
    assert not lead["background"]
    # a report that tells nothing after it keeps it
    lead = _in_order(pipeline, "Gunmen had attacked a village near Bunia, residents said. The mayor called "
                               "for calm.").iloc[0]
    assert not lead["background"] and lead["event_type"] == "Violence against civilians"


def test_a_place_of_another_clause_that_tells_no_event_locates_none(pipeline):
    """"X had been quiet for weeks, but troops stormed positions near Y": the event's clause
    has its own place; a clause joined by "but" or ";" that tells no event only mentions X."""
    for text, place in [
        ("The front west of Donetsk had been quiet for weeks, but on Friday troops stormed trenches near Marinka.",
         "Mar'yinka"),
        ("Markets in Maiduguri reopened on Monday, but gunmen attacked a village near Konduga that night.",
         "Konduga"),
        ("Police in Bitola had expected a calm weekend; protesters clashed with officers in Prilep instead.",
         "Prilep"),
    ]:
        incidents = _in_order(pipeline, text)
        assert list(incidents["name"]) == [place], text
    # a clause that tells an event of its own keeps its place
    incidents = _in_order(pipeline, "Gunmen attacked a market in Gao on Monday, but soldiers arrested them near "
                                    "Ansongo.")
    assert "Gao" in set(incidents["name"])


def test_a_road_from_a_town_or_a_distance_from_it_is_near_it(pipeline):
    """"the highway from X to Y", "20 km from X": where along it, near X (precision 2), not X itself."""
    for text in ["Gunmen ambushed a bus on the highway from Maiduguri to Damboa, killing nine.",
                 "A mine exploded 20 km from Kidal, killing two soldiers."]:
        lead = _in_order(pipeline, text).iloc[0]
        assert lead["geo_precision"] == 2, text


def test_a_relative_clause_dated_long_before_dates_who_not_the_event(pipeline):
    """"members of a group that fought in the valley in 1999": the year says who the people are; the arrest
    the sentence reports is news, and the clause's fight no event of it."""
    lead = _in_order(pipeline, "Police arrested two former members of a militia that fought in the hills above "
                               "Tetovo in 2001, in a village near Gostivar.").iloc[0]
    assert not lead["background"] and lead["event_type"] == "Strategic developments"


@pytest.mark.parametrize(("text", "lead_sentence", "event_type", "fatalities"), [
    # bodies found, the marks of their killing told in the next sentence
    ("Two charred bodies were found in a burnt-out van on a farm track near Tuzla on Monday, police said. A farmer "
     "had seen smoke; one of the men had a bullet wound to the head.", 0, "Violence against civilians", 2),
    # the mines told before, one of them struck: the toll after it does not retype it
    ("Rebels have planted landmines along the roads around Kidal, the army warned in March. On Sunday one of them "
     "was struck by a bus carrying traders. Three passengers were killed.", 1, "Explosions/Remote violence", 3),
    # a development in the context costs no lives: the bodies found next are the event
    ("Bunia had been quiet since the army set up a checkpoint on the main road. On Monday residents found the "
     "bodies of five men, several with machete wounds, near the market in Bunia.", 1, "Violence against civilians", 5),
    # a fight told in the present sets the scene
    ("Cúcuta has become one of Colombia's most violent cities as gangs fight over smuggling routes. On Monday "
     "passers-by found three bodies under a bridge in Cúcuta; all had been shot, police said.", 1,
     "Violence against civilians", 3),
])
def test_the_event_sentence_of_a_killing_told_around_its_bodies(pipeline, text, lead_sentence, event_type, fatalities):
    incidents = _in_order(pipeline, text)
    news = incidents[~incidents["background"].astype(bool)]
    lead = news.iloc[0]
    sentences = re.split(r"(?<=\.) ", text)
    assert lead["sentence"] == sentences[lead_sentence], (lead["sentence"], list(news["event_type"]))
    assert (lead["event_type"], lead["fatalities"]) == (event_type, fatalities)
