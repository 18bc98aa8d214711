"""Names the gazetteer spells otherwise ("Tarhouna" for Tarhuna): found through their
transliteration keys in a firm place context, by both recognisers, and nothing else."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from geo.articles import Article


def test_the_gazetteer_finds_a_town_by_another_spelling_of_its_names(gazetteer):
    assert gazetteer.lookup("Tarhouna") == ()  # not a name the gazetteer holds
    assert [(p.name, p.country_code) for p in gazetteer.spelled_otherwise("Tarhouna")] == [("Tarhuna", "LY")]
    assert {p.name for p in gazetteer.spelled_otherwise("Gharian")} == {"Gharyan"}
    assert {p.name for p in gazetteer.spelled_otherwise("Sulaimaniyah")} == {"As Sulaymānīyah"}
    # A spelling no transliteration makes finds nothing.
    assert gazetteer.spelled_otherwise("Tarkuna") == () and gazetteer.spelled_otherwise("") == ()


def _gazetteer_file(tmp_path, with_spellings: bool):
    from geo.gazetteer.store import CONTENT_VERSION, SCHEMA_VERSION
    from geo.gazetteer.writer import SCHEMA, Writer, index_spellings

    path = tmp_path / "gazetteer.sqlite"
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO meta VALUES (?,?)", [("schema", SCHEMA_VERSION), ("content", str(CONTENT_VERSION))])
    w = Writer(db)
    town = w.place(name="Tarhuna", lat=32.4, lon=13.6, fclass="P", fcode="PPL", cc="LY", population=210_697)
    w.names(town, ["Tarhunah"], "alt")
    w.place(name="Tarhounet", lat=36.0, lon=9.0, fclass="P", fcode="PPL", cc="TN", population=0)  # a hamlet
    assert index_spellings(db) == 2  # the town's two names; no hamlet's
    later = w.place(name="Gharyan", lat=32.2, lon=13.0, fclass="P", fcode="PPLA", cc="LY", population=85_219)
    assert index_spellings(db, later) == 1  # what a merge added, alone
    if not with_spellings:
        db.execute("DROP TABLE spellings")  # as a gazetteer built before geo had them
    db.commit()
    db.close()
    return path


def test_spellings_are_indexed_for_towns_of_some_size_and_a_gazetteer_without_them_finds_none(tmp_path):
    from geo.gazetteer import Gazetteer

    for folder in ("new", "old"):
        (tmp_path / folder).mkdir()
    gaz = Gazetteer(_gazetteer_file(tmp_path / "new", with_spellings=True))
    assert [p.name for p in gaz.spelled_otherwise("Tarhouna")] == ["Tarhuna"]
    assert [p.name for p in gaz.spelled_otherwise("Gharian")] == ["Gharyan"]
    assert gaz.spelled_otherwise("Tarhounette") == ()
    assert Gazetteer(_gazetteer_file(tmp_path / "old", with_spellings=False)).spelled_otherwise("Tarhouna") == ()


@pytest.fixture(scope="module")
def both(data_dir, pipeline):
    from geo.pipeline import Pipeline

    return {"default": pipeline, "fast": Pipeline(data_dir=data_dir, fast=True)}


def _run(run, text):
    result = run.run([Article("a", text, dt.date(2024, 3, 5))])
    return result.resolutions[0], result.incidents_frame()


@pytest.mark.parametrize("mode", ["default", "fast"])
@pytest.mark.parametrize(("text", "written", "place", "precision"), [
    ("Gunmen attacked an army checkpoint in Tarhouna on Sunday, killing two soldiers, Libyan officials said.",
     "Tarhouna", "Tarhuna", 1),
    ("A roadside bomb exploded near Mayadeen, Syria, on Friday, killing four fighters.",
     "Mayadeen", "Al Mayādīn", 2),
    ("Kurdish fighters clashed with militants in the town of Hassakeh in northeastern Syria on Monday.",
     "Hassakeh", "Al Ḩasakah", 1),
])
def test_an_event_at_a_town_spelled_otherwise_is_placed_there(both, mode, text, written, place, precision):
    resolutions, incidents = _run(both[mode], text)
    [found] = [r for r in resolutions if r.mention.text == written]
    assert found.place is not None and found.place.name == place
    lead = incidents.sort_values("start").iloc[0]
    assert (lead["name"], lead["geo_precision"]) == (place, precision)


@pytest.mark.parametrize("mode", ["default", "fast"])
def test_no_reading_without_a_firm_context_or_in_another_country(both, mode):
    def texts(text):
        return {r.mention.text: r.place for r in _run(both[mode], text)[0]}

    # a word after "in the" is an institution's, not a town's
    assert "Tarhouna" not in texts("Libyan officials met in the Tarhouna on Sunday.")
    # the article's places lie in Mali: no Libyan town
    assert "Tarhouna" not in texts("Gunmen attacked an army post in Tarhouna, near Gao in Mali, on Sunday.")
    # no country named, and a town of 85,000 is too small to guess at
    assert "Gharian" not in texts("Rebels shelled the town of Gharian overnight.")


@pytest.mark.parametrize("mode", ["default", "fast"])
def test_a_common_word_or_a_persons_name_is_no_town_spelled_otherwise(both, mode):
    def texts(text):
        return {r.mention.text for r in _run(both[mode], text)[0]}

    # Teror, a Spanish town, in a headline's case and a word the report writes in lower case
    assert "Terror" not in texts("Life in Terror\n\nVillagers near Seville said the fire had burned for days, "
                                 "Spanish police said.")
    assert "Terror" not in texts("Villagers near Seville said they had lived in Terror. They lived in terror, "
                                 "Spanish police said.")
    # Jāsim, a Syrian town: a person the report names in full first
    assert "Kassim" not in texts("Syrian officials named Omar Kassim as the new governor. Hopes now rest in "
                                 "Kassim, residents of Daraa said.")
    # ... who, unnamed, would have been read as the town
    assert "Kassim" in texts("Syrian officials named a new governor. Gunmen killed two men in Kassim, residents "
                             "of Daraa said.")


@pytest.mark.parametrize("mode", ["default", "fast"])
@pytest.mark.parametrize("text", ["Fighters attacked an army post near Yabroud on Friday.",
                                  "Government forces shelled Kismaayo on Monday, killing four civilians."])
def test_a_towns_other_name_that_spells_its_own_otherwise_is_that_towns_very_name(both, mode, text, gazetteer):
    # Yabroud and Kismaayo are other names of Yabrūd and Kismayo (the model tags neither a place):
    # after a firm cue, a town by its very name, as "near Yabrud" would be.
    resolutions, incidents = _run(both[mode], text)
    [place] = [r.place for r in resolutions]
    assert place is not None and (place.name, place.country_code) in {("Yabrūd", "SY"), ("Kismayo", "SO")}
    assert list(incidents["name"]) == [place.name]


def test_a_place_entity_of_two_words_the_gazetteer_does_not_hold_is_read_as_another_spelling(both):
    # the model's GPE "Bulo Burte", once the article's country is known: Buulobarde
    resolutions, incidents = _run(both["default"], "A roadside bomb exploded near Bulo Burte, Somalia, on Friday, "
                                                   "killing four soldiers.")
    [found] = [r for r in resolutions if r.mention.text == "Bulo Burte"]
    assert found.place is not None and found.place.name == "Buulobarde"


@pytest.mark.parametrize("mode", ["default", "fast"])
def test_a_name_the_model_took_for_a_persons_is_read_as_another_spelling_when_firmly_placed(both, mode):
    # "residents of X": no person's name, whatever the model's label or the run's form
    resolutions, _ = _run(both[mode], "Residents of Tel Rifaat woke to a loud blast on Sunday. Two fighters "
                                      "died in Syria.")
    [found] = [r for r in resolutions if r.mention.text == "Tel Rifaat"]
    assert found.place is not None and found.place.name == "Tall Rif‘at"
