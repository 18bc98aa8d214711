"""How a sentence's clauses are read (geo.incidents.clauses): attributions set inside a clause."""

import pytest

from geo.incidents.clauses import bases, words
from geo.incidents.events import EventReader


@pytest.fixture(scope="module")
def readers():
    return EventReader(), EventReader(parse=True)


@pytest.mark.parametrize(("sentence", "event_type"), [
    ("On Tuesday, villagers said, herders and farmers clashed with machetes outside Makurdi.", "Riots"),
    ("Late on Friday, according to a local chief, gunmen stormed a church in Kafanchan and abducted nine "
     "worshippers.", "Violence against civilians"),
    ("Overnight, witnesses said, rebels and soldiers fought for two hours near Bunia.", "Battles"),
])
def test_an_attribution_set_inside_a_clause_leaves_the_clause_its_event(readers, sentence, event_type):
    for reader in readers:
        reading = reader.read(sentence)
        assert reading is not None and reading.event_type == event_type, (sentence, reading, reader.parse)


def test_an_attribution_in_commas_ends_at_its_second_comma():
    w = words("Gunmen opened fire, according to a spokesman for the governor, killing two.")
    assert w.segments[w.tokens.index("killing")] == w.segments[w.tokens.index("Gunmen")]
    assert w.segments[w.tokens.index("spokesman")] in w.attributions
    # a reported clause that runs on to a comma is no short attribution: it stays apart
    w = words("The army shelled the town, officials said three civilians died, and more fled.")
    assert w.segments[w.tokens.index("fled")] in w.attributions


@pytest.mark.parametrize(("sentence", "event_type"), [
    # "of" after a span of time tells how long the act went on, not a charge ("accused of rioting")
    ("Broken glass lay across the square in Kisumu on Sunday after a night of rioting.", "Riots"),
    ("Schools in Tamale stayed shut on Monday after a weekend of rioting.", "Riots"),
    ("Two students in Kisii were accused of rioting.", None),
])
def test_a_span_of_time_of_an_act_is_no_charge(readers, sentence, event_type):
    for reader in readers:
        reading = reader.read(sentence)
        assert (reading and reading.event_type) == event_type, sentence


@pytest.mark.parametrize(("word", "other"), [
    ("neighbors", "neighbour"), ("neighbourhood", "neighborhood"), ("mobilized", "mobilise"), ("centres", "center"),
    ("travelers", "traveller"), ("armoured", "armor"), ("defense", "defence"), ("labor", "labour"),
    ("organizations", "organisation"), ("programs", "programme"), ("worshipers", "worshipper"),
])
def test_a_word_has_its_other_spelling_among_its_bases(word, other):
    assert other in bases(word)


@pytest.mark.parametrize("word", ["hour", "four", "tour", "door", "for"])
def test_short_words_keep_their_only_spelling(word):
    assert bases(word) == {word}


def test_a_table_word_in_one_spelling_reads_the_other(tmp_path):
    from geo.incidents.events import read_event_table

    table = tmp_path / "types.tsv"
    table.write_text("type\tProtests\t#0072b2\tpeaceful protest\n"
                     "event\tProtests\tpeaceful protest\tgather\tagent:community\n", encoding="utf-8")
    actors = tmp_path / "actors.tsv"
    actors.write_text("community\tcommunity\tneighbour\n", encoding="utf-8")
    from geo.incidents.events import read_actor_table

    reader = EventReader(read_event_table(table), read_actor_table(actors))
    reading = reader.read("Dozens of neighbors gathered outside the town hall in Ruse.")
    assert reading is not None and reading.event_type == "Protests"


@pytest.mark.parametrize(("word", "base", "not_base"), [
    ("routes", "route", "rout"), ("fires", "fire", "fir"), ("clashes", "clash", None), ("marches", "march", None),
    ("buses", "bus", None), ("heroes", "hero", None),
])
def test_es_is_an_ending_only_after_the_stems_that_take_it(word, base, not_base):
    assert base in bases(word) and (not_base is None or not_base not in bases(word))
