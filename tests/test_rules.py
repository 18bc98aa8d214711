"""The recognition rulebook: the sentence splitter every recogniser uses, the context and
gazetteer tests, and that the spaCy path, --fast and the evaluation cut the same sentences."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.articles import Article
from geo.model import Place
from geo.recognition.rules import (
    Sentences,
    credible,
    in_place_context,
    in_small_town_context,
    lies_in,
    major,
    notable,
    only_small_towns,
    sentence_spans,
)


def _sentences(text):
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Police said. Protesters blocked roads in Zvečan! Then?\n\nA new paragraph",
     ["Police said.", "Protesters blocked roads in Zvečan!", "Then?", "A new paragraph"]),
    # A dotted abbreviation ends a sentence only before a word that goes on no name.
    ("Troops left the U.S. The president said so. U.S. Rep. John Smith agreed.",
     ["Troops left the U.S.", "The president said so.", "U.S. Rep. John Smith agreed."]),
    ("Washington County is a county in the U.S. state of Missouri. Its seat is Potosi.",
     ["Washington County is a county in the U.S. state of Missouri.", "Its seat is Potosi."]),
    # Titles, dates and numbers.
    ("Gen. Smith met Mr. Jones and Dr. Brown on Jan. 5 in St. Louis. No. 10 was shut.",
     ["Gen. Smith met Mr. Jones and Dr. Brown on Jan. 5 in St. Louis.", "No. 10 was shut."]),
    # Initials, and times before a day's name.
    ("George W. Bush met J. R. R. Tolkien's heirs at 5 p.m. Monday. It rained.",
     ["George W. Bush met J. R. R. Tolkien's heirs at 5 p.m. Monday.", "It rained."]),
    # AP's state abbreviations.
    ("Flooding hit Charleston, W.Va., and Athens, Ga. The rain went on.",
     ["Flooding hit Charleston, W.Va., and Athens, Ga.", "The rain went on."]),
    # ... and Canada's provinces: a dateline runs on after one.
    ("Sudbury, Ont. — Police say a crowd gathered. The rain went on.",
     ["Sudbury, Ont. — Police say a crowd gathered.", "The rain went on."]),
    # Quotes close with their sentence; a quote ended by ! or ? before "he said" does not end it.
    ('He said, "Go home." Then he left. "Why?" she asked. “We stay,” he said. “Never.” It ended.',
     ['He said, "Go home."', "Then he left.", '"Why?" she asked.', "“We stay,” he said.", "“Never.”",
      "It ended."]),
    # A line break ends a heading or a list item, not a line wrapped inside a sentence.
    ("Tensions flaring over car plates\nKosovar leader derided the\nforces. 12 people died.",
     ["Tensions flaring over car plates", "Kosovar leader derided the\nforces.", "12 people died."]),
    ("  \n\n  Leading white space. Trailing white space.  \n\n ",
     ["Leading white space.", "Trailing white space."]),
    ("Police said. Šabac is calm. “Ćuprija too,” they said.",
     ["Police said.", "Šabac is calm.", "“Ćuprija too,” they said."]),
    ("", []),
    (" \n ", []),
])
def test_sentence_spans(text, expected):
    assert _sentences(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Police", "said", ".", "U.S.", "Gen.", "The", " ", "\n", "\n\n", "“", "”", "!",
                                 "in", "Zvečan", "5", "Jan.", "W."]), max_size=30))
def test_sentences_are_stripped_ordered_and_cover_the_text(parts):
    text = " ".join(parts)
    spans = sentence_spans(text)
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())
    assert all(a < b and text[a:b] == text[a:b].strip() for a, b in spans)
    assert all(b <= following for (_, b), (following, _) in zip(spans, spans[1:], strict=False))


def test_the_sentence_around_a_span():
    text = "One. Two in Nis here! Three."
    sentences = Sentences(text)
    assert sentences.around(12, 15) == ("Two in Nis here!", 5)
    # A span across a boundary takes both sentences.
    assert sentences.around(text.index("here"), text.index("Three") + 2) == ("Two in Nis here! Three.", 5)
    assert Sentences("").around(0, 0) == ("", 0)


def test_context_rules_on_plain_words():
    # ``preceding`` runs backwards from the word before the name.
    assert in_place_context(["the", "near"], [])
    assert in_place_context(["of"], [])
    assert in_place_context(["In"], []) and in_place_context(["north"], []) and in_place_context(["Northern"], [])
    # A compass point in capitals is part of a name: "North Side", "East Bank".
    assert not in_place_context(["North"], []) and not in_small_town_context(["East"], "")
    assert in_place_context(["police"], ["Crossing"])
    assert in_place_context(["police"], ["crossing"])
    assert not in_place_context(["the", "police"], ["said"])
    assert not in_place_context([], [])
    # "a" goes before a place used as an adjective ("at a Buford home"), and before firms and
    # proteins ("an FDA report", "of a Kelch protein"): only a name the model tagged passes it.
    assert not in_place_context(["an", "of"], []) and not in_place_context(["a", "in"], [])
    assert in_place_context(["a", "at"], [], tagged=True)
    # The small-town rule: no article, and "of" is too weak.
    assert in_small_town_context(["in"], "")
    assert in_small_town_context(["the"], "crossing")
    assert not in_small_town_context(["the", "in"], "")
    assert not in_small_town_context(["of", "department"], "")
    assert in_small_town_context(["of", "village", "tiny", "the"], "")


def _place(code, population=0, feature_class="A"):
    return Place("X", 0.0, 0.0, feature_class, code, population=population)


def test_tests_of_what_the_gazetteer_says():
    country, capital, region = _place("PCLI"), _place("PPLC", 1, "P"), _place("ADM1", 600_000)
    town, big_town, zip_town = _place("PPL", 5_000, "P"), _place("PPL", 200_000, "P"), _place("PPL", 0, "P")
    assert notable((country,)) and notable((capital,)) and notable((big_town,)) and not notable((town,))
    assert credible((town,), 1000) and not credible((capital,), 1000) and credible((region,), 10**9)
    assert major((country,)) and major((capital,)) and major((region,)) and not major((big_town,))
    assert not major((_place("ADM1", 400_000),))
    assert only_small_towns((zip_town,)) and not only_small_towns((zip_town, town))



def test_a_place_lies_in_a_country_or_unit_its_codes_name():
    state = Place("Tamaulipas", 24.0, -98.8, "A", "ADM1", "MX", admin1_code="28", id=1)
    town = Place("Victoria", 23.7, -99.1, "P", "PPLA", "MX", admin1_code="28", id=2)
    elsewhere = Place("Victoria", 28.8, -97.0, "P", "PPLA2", "US", admin1_code="TX", id=3)
    county = Place("Bar", 42.1, 19.1, "A", "ADM2", "ME", admin1_code="02", admin2_code="A1", id=4)
    seat = Place("Bar", 42.1, 19.1, "P", "PPLA", "ME", admin1_code="02", admin2_code="A1", id=5)
    country = Place("Mexico", 23.0, -102.0, "A", "PCLI", "MX", id=6)
    assert lies_in((elsewhere, town), (state,)) and lies_in((town,), (country,)) and lies_in((seat,), (county,))
    assert not lies_in((elsewhere,), (state,)) and not lies_in((state,), (town,)) and not lies_in((state,), (state,))
    assert not lies_in((seat,), (state,)) and not lies_in((country,), (country,))
    # the codes alone (Place.in_unit): a unit holds itself; a town holds nothing; a level may be asked
    assert town.in_unit(state) and state.in_unit(state) and seat.in_unit(county) and town.in_unit(country)
    assert not elsewhere.in_unit(state) and not state.in_unit(town) and elsewhere.in_unit(county, 0) is False
    assert Place("Ulcinj", 41.9, 19.2, "P", "PPL", "ME", admin1_code="02", admin2_code="B2").in_unit(county, 1)

HARD_TEXT = ("Gen. Smith said troops left the U.S. The convoy reached Belgrade on Jan. 5.\n"
             "Police in Zvečan said. Officials met in Pristina near the Jarinje crossing.\n\n"
             "Kosovo and Serbia talked in Brussels.")


def test_every_recogniser_cuts_the_same_sentences(pipeline, gazetteer):
    """An incident is a sentence: the spaCy path, --fast and the evaluation's gold mentions
    give each mention the rules' sentence."""
    from geo.evaluation import sentence_around
    from geo.recognition.fast import FastRecognizer

    article = Article("t", HARD_TEXT)
    expected = set(_sentences(HARD_TEXT))
    assert "Gen. Smith said troops left the U.S." in expected
    doc = pipeline.recognizer.nlp(HARD_TEXT)
    assert {s.text.strip() for s in doc.sents} == expected
    for recognizer in (pipeline.recognizer, FastRecognizer(gazetteer)):
        [mentions] = recognizer.recognize([article])
        assert {"Belgrade", "Pristina", "Brussels"} <= {m.text for m in mentions}
        for m in mentions:
            assert m.sentence in expected
            assert HARD_TEXT[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence
            assert sentence_around(HARD_TEXT, m.start, m.end) == (m.sentence, m.sentence_start)


# --- the article's focus, people, and forms that say what a name is (issue 21) ---------------

def _at(name, cc, code="PPL", population=0, lat=42.0, lon=21.0, source="geonames-cities500", fclass=None):
    return Place(name, lat, lon, fclass or ("A" if code.startswith(("ADM", "PCL")) else "P"), code, cc,
                 population=population, source=source)


_NEIGHBOURS = {"XK": ["AL", "ME", "MK", "RS"], "US": ["CA", "MX"]}.get
_AREAS = {"XK": 10_900.0, "RS": 88_000.0, "US": 9_500_000.0, "CH": 41_000.0}.get


def test_the_focus_is_the_countries_named_the_main_one_and_its_neighbours():
    from geo.recognition.rules import article_focus

    kosovo, switzerland = _at("Kosovo", "XK", "PCLI"), _at("Switzerland", "CH", "PCLI")
    gjilan = _at("Gjilan", "XK", "PPLA", 50_000, 42.46, 21.47)
    focus = article_focus([(kosovo,), (gjilan,), (gjilan,), (switzerland,)], lambda cc: _NEIGHBOURS(cc, []),
                          _AREAS)
    # Switzerland, named in passing, is in it, but not its neighbours; Kosovo's neighbours are.
    assert {"XK", "RS", "AL", "CH"} <= focus.countries and "DE" not in focus.countries
    assert focus.points == ((42.46, 21.47),)  # named twice
    assert focus.home == {"XK", "RS", "AL", "ME", "MK"}  # Kosovo, where most of its places lie, and its neighbours
    assert focus.holds(_at("Raška", "RS", "PPLA3")) and not focus.holds(_at("Kürti", "CN", "PPL", 500, 36.8, 81.6))
    # Near a place named twice, across a border.
    assert focus.holds(_at("Far", "GR", "PPL", 10, 41.5, 21.5))


def test_a_large_country_is_in_the_focus_only_near_the_places_named():
    from geo.recognition.rules import article_focus

    texas = _at("Austin", "US", "PPLA", 900_000, 30.3, -97.7)
    focus = article_focus([(texas,), (texas,)], lambda cc: _NEIGHBOURS(cc, []), _AREAS)
    assert "US" not in focus.countries and not focus.home
    assert focus.holds(_at("Round Rock", "US", "PPL", 100_000, 30.5, -97.7))
    assert not focus.holds(_at("Council", "US", "PPLA2", 800, 44.7, -116.4))


def test_focus_places_are_established_and_an_acronym_only_by_its_own_name():
    from geo.recognition.rules import Focus

    focus = Focus(frozenset({"XK", "RS"}))
    assert focus.places((_at("Bujanovac", "RS", "PPLA3"),), "Bujanovac")
    assert focus.places((_at("Banjska", "XK", "PPL", source="geonames-dump:XK"),), "Banjska")
    assert not focus.places((_at("Register", "RS", "PPL"),), "Register")  # no seat, no people, no dump
    assert not focus.places((_at("Pristina", "XK", "PPLC", 200_000),), "PR")
    assert focus.places((_at("Zvecan", "XK", "PPLA"),), "ZVECAN")


def test_people_an_article_names():
    from geo.recognition.rules import Focus, a_person, people_named

    text = ("Prime Minister Albin Kurti told reporters . Kurti said so , said Dejan , a driver . "
            "Residents of Banjska said it was calm . Belgrade said no . Mr Vucic left . Zvecan told us")
    words = text.split(" ")
    runs = [(2, 4)]  # "Albin Kurti", a person's name the model tagged
    people = people_named(words, runs)
    assert {"albin", "kurti", "dejan", "vucic"} <= people.named
    assert {"belgrade", "zvecan"} <= people.speaking and "banjska" not in people.speaking  # "residents of ... said"
    focus = Focus(frozenset({"XK", "RS"}))
    banjska, belgrade = (_at("Banjska", "XK", "PPL", source="geonames-dump:XK"),), (
        _at("Belgrade", "RS", "PPLC", 1_200_000),)
    kurti, dejan = (_at("Kurti", "CN", "PPL", 900),), (_at("Deyang", "CN", "PPLA2", 900_000),)
    assert a_person("Kurti", people, kurti, focus) and a_person("Dejan", people, dejan)
    # A speech verb after a name marks a person only given the focus, and not a place of it by
    # its own name ("Zvecan told us") nor a notable place ("Belgrade said").
    zvecan = (_at("Zvecan", "XK", "PPLA"),)
    assert not a_person("Zvecan", people, zvecan, focus) and not a_person("Belgrade", people, belgrade, focus)
    assert a_person("Zvecan", people, (_at("Zvecan", "US", "PPL", 10, 40.0, -90.0),), focus)
    assert not a_person("Zvecan", people, zvecan) and not a_person("Banjska", people, banjska, focus)
    # "major" is a title only in capitals.
    assert "belgrade" not in people_named(["a", "major", "Belgrade", "hospital"], []).named
    # a unit's name of several words after a locative, and a speech verb: the unit's police or officials spoke
    for words in (["Police", "in", "Kosovo-Pomoravlje", "District", "said"],
                  ["Police", "in", "Kosovo", "-", "Pomoravlje", "District", "said"]):
        assert "district" not in people_named(words, []).speaking


def test_forms_that_say_a_name_is_no_place():
    from geo.recognition.rules import (
        Focus,
        abbreviation_is_a_place,
        an_institution,
        dateline,
        needs_context,
        organisation_follows,
    )

    mesa, bc = (_at("Mesa", "US", "PPL", 500_000),), (_at("British Columbia", "CA", "ADM1", 4_000_000),)
    assert not abbreviation_is_a_place("M.S.", mesa) and abbreviation_is_a_place("B.C.", bc)
    pecs = (_at("Pécs", "HU", "PPLA", 145_000),)
    assert not abbreviation_is_a_place("PZ", pecs)  # an alternate name of a town
    assert abbreviation_is_a_place("NYC", (_at("New York City", "US", "PPL", 8_000_000),))
    most = (_at("Most", "CZ", "PPL", 67_000), _at("Most", "CZ", "ADM2", 111_000))
    assert needs_context("MOST", most, Focus(frozenset({"XK"})))
    assert not needs_context("MOST", most, Focus(frozenset({"CZ"})))
    assert not needs_context("Most", most, Focus())
    hub = (_at("Hub", "PK", "PPL", 195_000),)
    assert an_institution(["the", "at"], "Hub", ",", hub)
    assert not an_institution(["the", "on"], "Raška", "side", (_at("Raška", "RS", "PPLA3"),))
    assert not an_institution(["the", "in"], "Hague", ",", (_at("The Hague", "NL", "PPLG", 500_000),))
    assert dateline("ZUBIN POTOK", True, ",") and not dateline("Zubin Potok", True, ",")
    assert not dateline("MOST", False, ",")
    # a name in any case before its country, a date or a weekday and a dash or a colon
    assert dateline("Sumy", True, " — A drone hit a block.") and dateline("Kaya", True, " (Burkina Faso), 2 March — x")
    assert dateline("Derry", True, ", Monday: Petrol bombs") and dateline("Bor", True, ", South Sudan — Raiders")
    assert not dateline("Police", True, " said: x") and not dateline("Sumy", False, " — x")
    assert not dateline("JAMES", True, ": The first one was") and not dateline("Reading", True, ": a list")
    assert organisation_follows("Police") and not organisation_follows("police") and not organisation_follows("said")


def test_a_datelines_place_and_where_it_ends():
    from geo.recognition.rules import DATELINE

    for line, place in [("PRISTINA, May 29 (Agency) - Talks", "PRISTINA"), ("Kherson, 16 March: A shell", "Kherson"),
                        ("BAR, Montenegro, Aug 16 — x", "BAR"), ("Ras al Ain, Syria — x", "Ras al Ain"),
                        ("Kaya (Burkina Faso), 2 March — Gunmen", "Kaya")]:
        m = DATELINE.match(line)
        assert m and m.group("place") == place and line[m.end():][:1] not in " —-:"
    assert DATELINE.match("Gunmen attacked the town — then fled.") is None


def test_a_focus_place_is_none_of_those():
    from geo.recognition.rules import Focus, People, focus_place

    focus = Focus(frozenset({"XK", "RS"}))
    raska = (_at("Raška", "RS", "PPLA3"),)
    assert focus_place("Raška", raska, ["from"], "and", focus, People())
    assert not focus_place("Raška", raska, [], "Police", focus, People())
    assert not focus_place("Raška", raska, [], "said", focus, People(named=frozenset({"raska"})))
    assert not focus_place("Oct", (_at("Ocht", "RS", "PPLA3"),), [], "17", focus, People())


def test_a_name_misspelt_by_a_letter_in_the_focus_area():
    from geo.folding import fold, one_edit_keys
    from geo.recognition.rules import Focus, misspelt

    assert {"zubin potok", "zubi potok", "zubikpotok"} <= one_edit_keys("zubik potok")
    assert "zubik potok" not in one_edit_keys("zubik potok")
    towns = {fold(p.name): (p,) for p in (_at("Zubin Potok", "XK", "PPLA"), _at("Preševo", "RS", "PPLA3"),
                                          _at("Hubin Potok", "US", "PPL", 900))}
    lookup = lambda key: towns.get(key, ())  # noqa: E731
    focus = Focus(frozenset({"XK", "RS"}), home=frozenset({"XK", "RS"}))
    assert misspelt("Zubik Potok", lookup, focus) == "Zubin Potok"
    assert misspelt("Presovo", lookup, focus) == ""  # one word: no guess
    assert misspelt("Zubik Potok", lookup, Focus()) == ""  # no focus, no guess
    # Only in the article's home: a small country most of its places lie in, and its neighbours.
    assert misspelt("Zubik Potok", lookup, Focus(frozenset({"XK", "RS"}))) == ""
    assert misspelt("Pres", lookup, focus) == ""  # too short to guess
    assert misspelt("Zubik Police", lookup, focus) == ""  # an organisation's name
    assert misspelt("Zubin potok", lookup, focus) == "" and misspelt("March 14", lookup, focus) == ""


def test_a_name_spelled_otherwise_than_the_gazetteer_in_the_articles_countries():
    from geo.recognition.rules import Focus, spelled_as

    tarhuna = _at("Tarhuna", "LY", "PPL", 210_697)
    spellings = {"Tarhouna": (tarhuna,), "Gharian": (_at("Gharyan", "LY", "PPLA", 85_219),),
                 "Kasime": (_at("Al Qasim", "SA", "ADM1", 1_270_469), _at("Jasim", "SY", "PPLA3", 30_283)),
                 "Mayadeen": (_at("Al Mayadin", "SY", "PPLA2", 54_534),),
                 "Mayadin Police": (_at("Al Mayadin", "SY", "PPLA2", 54_534),)}
    spelled_otherwise = lambda name: spellings.get(name, ())  # noqa: E731
    libya = Focus(all_countries=frozenset({"LY"}))
    assert spelled_as("Tarhouna", spelled_otherwise, libya) == "Tarhuna"
    # Only in the countries the article's places lie in; with none, only a notable place.
    assert spelled_as("Mayadeen", spelled_otherwise, libya) == ""
    assert spelled_as("Tarhouna", spelled_otherwise, Focus()) == "Tarhuna"
    assert spelled_as("Gharian", spelled_otherwise, Focus()) == ""
    # Two places of other names: no guess; in one country of the two, that one.
    assert spelled_as("Kasime", spelled_otherwise, Focus(all_countries=frozenset({"SA", "SY"}))) == ""
    assert spelled_as("Kasime", spelled_otherwise, Focus(all_countries=frozenset({"SY", "IQ"}))) == "Jasim"
    # The countries its own sentence's places lie in come first: "the Kasime district of Riyadh".
    both = Focus(all_countries=frozenset({"SA", "SY"}))
    assert spelled_as("Kasime", spelled_otherwise, both, frozenset({"SA"})) == "Al Qasim"
    assert spelled_as("Tarhouna", spelled_otherwise, libya, frozenset({"TN"})) == ""
    # An organisation's name, a word in lower case, initials, a short word
    assert spelled_as("Mayadin Police", spelled_otherwise, Focus(all_countries=frozenset({"SY"}))) == ""
    assert spelled_as("tarhouna", spelled_otherwise, libya) == ""
    spellings |= {"T.R.H.": (tarhuna,), "Tarhu": (tarhuna,)}
    assert spelled_as("T.R.H.", spelled_otherwise, libya) == "" and spelled_as("Tarhu", spelled_otherwise, libya) == ""


def test_a_town_by_an_other_name_that_spells_its_own_otherwise():
    from geo.recognition.rules import a_town_by_name, bearing

    tarhuna, north_east = _at("Tarhuna", "LY", "PPL", 210_697), _at("North East", "US", "PPL", 4_172)
    assert bearing((tarhuna,), "Tarhunah") == (tarhuna,) and a_town_by_name("Tarhunah", (tarhuna,))
    qusayr = _at("Al Qusayr", "SY", "PPLA2", 41_062)
    assert bearing((qusayr,), "Qusair") == (qusayr,)  # the article apart
    assert bearing((_at("Waal", "NL", "PPL", 9_000),), "Val") == ()  # too short to tell
    # word for word: a direction run together is no town of two words
    assert bearing((north_east,), "Northeast") == () and not a_town_by_name("Northeast", (north_east,))
    assert not a_town_by_name("Tarhunah", (_at("Tarkuna", "LY", "PPL", 9_000),))


@pytest.mark.parametrize(("before", "after", "firm"), [
    ("clashes broke out in", "on Sunday", True),
    ("a car bomb exploded near", ",", True),
    ("troops reached the town of", ".", True),
    ("fighting south of", "overnight", True),
    ("protests in rural", "on Friday", True),
    ("fighters took", "district", True),
    ("", "'s main market was shelled", True),
    ("", "was shelled overnight", True),
    ("talks in the", "on Monday", False),  # "in the Senate": an institution's
    ("a rally in", "'s honour", False),  # a person's possessive
    ("officials said", "had left", False),
    ("the mayor of", "said", False),
])
def test_a_firm_place_context_for_a_name_the_gazetteer_lacks(before, after, firm):
    from geo.incidents.places import event_words
    from geo.recognition.rules import firmly_a_place

    following = after.replace("'s", "'s ").split()
    assert firmly_a_place(reversed(before.split()), following, event_words()) is firm


def test_where_a_name_the_model_ran_together_is_cut():
    from geo.recognition.rules import kind_after, repaired_parts

    assert repaired_parts(["Nis", ",", "Serbia"]) == [(0, 1), (2, 3)]
    assert repaired_parts(["Tigre", "(", "Buenos", "Aires"]) == [(0, 1), (2, 4)]
    assert repaired_parts(["Belgrade", "-", "Stari", "Grad"]) == [(0, 1), (2, 4)]
    assert repaired_parts(["Gardez", "city"]) == [(0, 1)] and repaired_parts(["Diyala", "province"]) == [(0, 1)]
    assert repaired_parts(["Preševo", "Valley"]) == [(0, 1)]
    assert repaired_parts(["north", "-", "west", "Serbia"]) == [(0, 4)]
    assert kind_after("Valley") == "VAL" and kind_after("crossing") == "PSTB"
    # A settlement's word asks for a town, a unit's for a unit; "region" for a first-level unit.
    assert kind_after("town") == kind_after("City") == "PPL" and kind_after("province") == "ADMD"
    assert kind_after("region") == "ADM1"


def test_a_kind_word_keeps_to_its_class_of_place():
    from geo.model import Place
    from geo.recognition.rules import of_kind

    unit = Place("Tahoua", 15.0, 5.0, feature_class="A", feature_code="ADM1", country_code="NE")
    town = Place("Tahoua", 14.9, 5.3, feature_class="P", feature_code="PPLA", country_code="NE")
    country = Place("Niger", 17.0, 9.0, feature_class="A", feature_code="PCLI", country_code="NE")
    assert of_kind("PPL", (unit, town)) == (town,) and of_kind("ADMD", (unit, town)) == (unit,)
    assert of_kind("", (unit, town)) == (unit, town)
    assert of_kind("ADMD", (town,)) == (town,)  # none of the class: all stay
    assert of_kind("PPL", (country, unit)) == (country, unit)  # "the Niger town of": the country's name
    # Only between namesakes of one country: "the Lancaster district" is no US county.
    abroad = dataclasses.replace(unit, country_code="US")
    assert of_kind("ADMD", (town, abroad)) == (town, abroad)


def test_a_place_inside_an_organisations_name():
    from geo.recognition.rules import in_organisation_name

    assert in_organisation_name([], ["Police", "closed"])
    assert in_organisation_name(["at"], ["State", "University", "said"])
    assert in_organisation_name(["of", "Bank", "the"], [")"])
    assert not in_organisation_name(["in"], ["state", "police"]) and not in_organisation_name(["of", "residents"], [])


def test_the_format_characters_recognition_drops_are_unicode_category_cf():
    import sys
    import unicodedata

    from geo.recognition.base import FORMAT_CHARACTERS

    cf = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    matched = {chr(c) for c in range(sys.maxunicode + 1) if FORMAT_CHARACTERS.fullmatch(chr(c))}
    assert matched == cf, f"Unicode {unicodedata.unidata_version}: add {sorted(map(hex, map(ord, cf - matched)))}"


def test_a_firm_cue_makes_a_known_town_a_place():
    from geo.model import Place
    from geo.recognition.rules import cued_town, firmly_placed

    assert firmly_placed(["outside"]) and firmly_placed(["near"])
    assert firmly_placed(["of", "town", "the"]) and firmly_placed(["of", "outskirts", "the", "on"])
    assert not firmly_placed(["in"]) and not firmly_placed(["of", "Department", "the"])
    town = Place("Bria", 6.5, 22.0, feature_class="P", feature_code="PPLA", country_code="CF", population=29000)
    zip_town = Place("House", 35.0, -103.9, feature_class="P", feature_code="PPL", country_code="US")
    assert cued_town("Bria", (town,), ["outside"]) and not cued_town("Bria", (town,), ["in"])
    assert not cued_town("House", (zip_town,), ["near"])  # a ZIP-code town: a common word
    assert not cued_town("May", (dataclasses.replace(town, name="May"),), ["near"])
    # a site standing in a town: "the fish market in Bria", "a mosque in Bria"; not "in" after other nouns
    assert cued_town("Bria", (town,), ["in", "market", "fish", "the"]) and firmly_placed(["in", "mosque", "a"])
    assert not firmly_placed(["in", "interest", "his"])


def test_a_verb_of_violence_or_of_taking_ground_is_a_firm_cue():
    from geo.incidents.places import event_words
    from geo.model import Place
    from geo.recognition.rules import cued_town, firmly_placed

    # The verbs come from the incidents' event table: inflected forms only, and only those that
    # take a place (not "arrested", nor the noun "attack").
    words = event_words()
    place_verb = words.place_verb
    assert place_verb("overran") and place_verb("bombarded") and place_verb("retaken")
    assert not place_verb("attack") and not place_verb("arrested") and not place_verb("found")
    # A verb-only trigger ("refuse+" for protesters) makes no event noun: "Gabon refuses mass tourism".
    assert words.event_noun("rockets") and not words.event_noun("refuses") and not words.event_noun("demands")
    assert firmly_placed(["shelled"], words) and firmly_placed(["shelling"], words)
    assert firmly_placed(["from", "withdrew"], words) and firmly_placed(["into", "advanced"], words)
    assert not firmly_placed(["from", "arrived"], words) and not firmly_placed(["shelled"])  # no table: no verb
    town = Place("Djibo", 14.1, -1.6, feature_class="P", feature_code="PPLA", country_code="BF", population=60000)
    assert cued_town("Djibo", (town,), ["overran"], words) and not cued_town("Djibo", (town,), ["visited"], words)
    # Several words: an alternate spelling counts; one word must be the town's own name.
    assert cued_town("Wadi Halfa", (town,), ["shelled"], words) and not cued_town("Halfa", (town,), ["shelled"], words)
    # A verb and its particles from the table's phrases ("took back X", "took control of X",
    # "moved into X"); not a phrase whose actors follow ("fell to X", "fighting between X and Y").
    assert firmly_placed(["back", "took"], words) and firmly_placed(["of", "control", "seized"], words)
    assert firmly_placed(["into", "rolled"], words) and not firmly_placed(["back", "came"], words)
    assert not firmly_placed(["to", "fell"], words) and not firmly_placed(["between", "fighting"], words)
    assert cued_town("Djibo", (town,), ["back", "taking"], words) and not firmly_placed(["back", "took"])


def test_the_words_after_a_sentences_subject_cue_a_town():
    from geo.incidents.places import event_words
    from geo.model import Place
    from geo.recognition.rules import cued_town, placed_after

    words = event_words()
    # A passive of violence or of taking ground: "X was shelled", "X has been retaken", "X was heavily bombed".
    assert placed_after(["was", "shelled", "overnight"], words) and placed_after(["has", "been", "retaken"], words)
    assert placed_after(["was", "heavily", "bombed"], words) and not placed_after(["shelled", "Y"], words)
    # ... not one that takes a person ("X was shot"), nor an active verb, nor without the table.
    assert not placed_after(["was", "shot"], words) and not placed_after(["was", "arrested"], words)
    assert not placed_after(["shelled", "the", "town"], words) and not placed_after(["was", "shelled"])
    # A possessive that owns a site, a garrison or an office: "X's covered market", "X's mayor".
    assert placed_after(["'s", "covered", "market", "went"]) and placed_after(["’s", "garrison", "beat"])
    assert placed_after(["'s", "mayor", "said"]) and not placed_after(["'s", "lawyer", "said"])
    assert not placed_after(["'s", "new", "novel", "about", "a", "market"])  # too far to be what it owns
    # Where it lies: "X lies barely ten kilometres from", "X sits just north of"; not a person's lying.
    assert placed_after(["lies", "barely", "ten", "kilometres", "from"]) and placed_after(["sits", "just", "north"])
    assert not placed_after(["lies", "in", "hospital"]) and not placed_after(["stands", "by", "his", "words"])
    town = Place("Sevare", 14.5, -4.1, feature_class="P", feature_code="PPL", country_code="ML", population=30000)
    assert cued_town("Sevare", (town,), [], words, ["was", "shelled"]) and not cued_town("Sevare", (town,), [], words)


def test_a_word_of_the_land_after_a_locative_is_a_firm_cue():
    from geo.recognition.rules import firmly_placed

    # "in rural X", "across remote X": only land is rural or remote; "rural" alone, or "in" alone, is not firm.
    assert firmly_placed(["rural", "in"]) and firmly_placed(["remote", "across"])
    assert not firmly_placed(["rural"]) and not firmly_placed(["rural", "the"]) and not firmly_placed(["in"])


def test_region_after_a_name_is_its_first_level_unit_where_one_bears_it():
    from geo.model import Place
    from geo.recognition.rules import kind_after, of_kind

    region = kind_after("region")
    unit = Place("Tahoua", 15.0, 5.0, feature_class="A", feature_code="ADM1", country_code="NE")
    town = Place("Tahoua", 14.9, 5.3, feature_class="P", feature_code="PPLA", country_code="NE")
    namesake = Place("Tahoua", 40.0, 30.0, feature_class="P", feature_code="PPL", country_code="TR")
    assert of_kind(region, (town, unit, namesake)) == (unit,)  # "the Tahoua region": no town, here or abroad
    natural = Place("Sahel", 14.0, 0.0, feature_class="L", feature_code="RGN", country_code="")
    assert of_kind(region, (town, natural)) == (town, natural)  # no unit bears the name: all stay
    abroad = dataclasses.replace(unit, country_code="VC")  # a unit where no town bears the name: all stay
    assert of_kind(region, (namesake, abroad)) == (namesake, abroad)


def test_an_event_noun_is_the_tables_word_not_a_verb():
    from geo.incidents.places import event_words

    event_noun = event_words().event_noun

    assert event_noun("rockets") and event_noun("missile") and event_noun("attack")
    assert not event_noun("attacked") and not event_noun("blocking") and not event_noun("market")


def test_a_town_the_model_gave_a_label_no_place_has_after_a_locative():
    from geo.model import Place
    from geo.recognition.rules import mislabelled_town

    town = Place("Zenica", 44.2, 17.9, feature_class="P", feature_code="PPLA2", country_code="BA", population=70000)
    city = dataclasses.replace(town, name="Tuzla", population=120000)
    assert mislabelled_town("Zenica", "DATE", (town,), ["in"])
    assert mislabelled_town("Zenica", "LANGUAGE", (town,), ["in"])
    assert not mislabelled_town("Zenica", "DATE", (town,), ["on"])  # no locative before it
    assert not mislabelled_town("Zenica", "DATE", (town,), ["of", "members"])  # "of" is too weak
    # A product's, an event's or a work's label ("in Windows", "at Wimbledon"): only a notable town; for an event's
    # ("a billiard hall in X"), also the one town of its name with 10,000 people or more, not one of two such towns
    # in two countries.
    assert not mislabelled_town("Zenica", "PRODUCT", (town,), ["in"])
    assert mislabelled_town("Zenica", "EVENT", (town,), ["in"])
    assert not mislabelled_town("Zenica", "EVENT", (town, dataclasses.replace(town, country_code="HR")), ["in"])
    assert mislabelled_town("Tuzla", "EVENT", (city,), ["in"])
    assert not mislabelled_town("May", "DATE", (dataclasses.replace(town, name="May"),), ["in"])


def test_a_kind_of_more_than_one_word_after_a_name():
    from geo.recognition.rules import kind_after

    assert kind_after("local government area of") == kind_after("LGA,") == "ADMD"
    assert kind_after("department, the") == kind_after("Oblast") == "ADM1"
    assert kind_after("local elections") == ""


def test_a_place_after_an_event_noun_and_on_or_after_a_word_that_describes_it():
    from geo.incidents.places import event_words
    from geo.recognition.rules import firmly_placed, in_place_context

    words = event_words()
    assert firmly_placed(reversed(["aircraft", "dropped", "two", "bombs", "on"]), words)
    assert firmly_placed(reversed(["a", "drone", "strike", "on"]), words)
    assert not firmly_placed(reversed(["a", "report", "on"]), words)
    assert in_place_context(reversed(["fighting", "in", "rural"]), [], tagged=True)
    assert not in_place_context(reversed(["a", "rural"]), [], tagged=True)


def test_a_compass_point_before_of_is_a_place_context():
    from geo.recognition.rules import firmly_placed, in_small_town_context

    # "15 km west of X": a town of unknown population is a place there, as after "the village of"
    assert in_small_town_context(reversed(["15", "km", "west", "of"]), ",")
    assert firmly_placed(reversed(["about", "15", "km", "north", "of"]))
    assert not in_small_town_context(reversed(["the", "Department", "of"]), "")


def test_an_office_after_a_name_is_of_the_place_it_names():
    from geo.recognition.rules import an_office_after

    assert an_office_after(["regional", "governor", "said"]) and an_office_after(["mayor", ","])
    assert an_office_after(["city", "mayor"]) and not an_office_after(["regional", "office"])
    assert not an_office_after(["said", "the", "governor"])


def test_a_peoples_word_qualifies_the_lower_case_noun_after_it():
    from geo.recognition.rules import qualifies_a_noun
    assert qualifies_a_noun("NORP", "tribal") and qualifies_a_noun("NORP", "fighters")
    # a function word, a time word or a place's noun after it leaves it a name; so does another label
    assert not any(qualifies_a_noun("NORP", w) for w in ("on", "and", "overnight", "village", "Province"))
    assert not qualifies_a_noun("GPE", "tribal")


def test_two_names_of_one_place_and_a_colon_after_its_region_in_a_dateline():
    from geo.recognition.rules import DATELINE, dateline

    m = DATELINE.match("Derry/Londonderry, Northern Ireland: Youths threw petrol bombs.")
    assert m and m.group("place") == "Derry/Londonderry"
    assert dateline("Mitrovica", True, ", Kosovo: Crowds gathered") and not dateline("JAMES", True, ": The first")


def test_an_apposition_says_its_name_is_a_place_past_an_adverb_and_a_longer_phrase():
    from geo.recognition.rules import apposed_place, apposed_place_noun

    assert apposed_place([",", "once", "the", "second", "-", "largest", "town", "in", "the", "north"])
    assert apposed_place([",", "a", "commuter", "town", "just", "south", "of", "Tirana"])
    assert apposed_place([",", "a", "Roma", "-", "majority", "village", "a", "few", "kilometres", "from"])
    assert not apposed_place([",", "a", "town", "councillor", ",", "said"])
    # a unit's seat: "the county headquarters in", "the district capital,"; not "the district council,"
    assert apposed_place([",", "the", "county", "headquarters", "in", "southern", "Vojvodina"])
    assert apposed_place([",", "the", "district", "capital", ",", "was"])
    assert not apposed_place([",", "the", "district", "council", ",", "said"])
    # a phrase ended before the noun: "the head of the district council" names no place
    assert apposed_place_noun([",", "the", "head", "of", "the", "district", "council"]) == ""


def test_a_unit_after_a_comma_that_holds_the_name():
    from geo.recognition.rules import held_by_next

    town = (dataclasses.replace(_at("Uruapan", "MX", "PPLA2"), admin1_code="16"),)
    units = {"Michoacán": (dataclasses.replace(_at("Michoacán", "MX", "ADM1"), admin1_code="16"),),
             "Jalisco": (dataclasses.replace(_at("Jalisco", "MX", "ADM1"), admin1_code="14"),)}
    lookup = lambda name: units.get(name, ())  # noqa: E731
    assert held_by_next(town, [",", "in", "Michoacán", ",", "is"], lookup)
    assert held_by_next(town, [",", "Michoacán", ",", "is"], lookup)
    assert not held_by_next(town, [",", "in", "Jalisco", ","], lookup) and not held_by_next(town, ["is"], lookup)


def test_a_towns_name_as_another_transliteration_spells_it_is_its_own():
    from geo.recognition.rules import bearing

    mykolaiv = (_at("Mykolayiv", "UA", "PPLA"),)
    assert bearing(mykolaiv, "Mykolaiv") == mykolaiv
    assert bearing((_at("Bory", "PL", "PPL"),), "Bori") == ()  # a short name: its very spelling only


def test_the_arabic_article_is_no_part_of_its_own_and_a_plural_place_noun_before_of():
    from geo.recognition.rules import repaired_parts

    assert repaired_parts(["Al", "-", "Fashir"]) == [(0, 3)]
    assert repaired_parts(["Belgrade", "-", "Zemun"]) == [(0, 1), (2, 3)]
    assert in_place_context(iter(["of", "districts", "northern", "the"]), "")
    assert in_place_context(iter(["of", "neighbourhoods", "the"]), "")


def test_a_settlements_word_after_a_town_the_model_called_a_product():
    from geo.recognition.rules import mislabelled_town

    narail = (_at("Narail", "BD", "PPL", 50_000),)
    assert mislabelled_town("Narail", "PRODUCT", narail, iter(["in"]), "town")
    assert not mislabelled_town("Narail", "PRODUCT", narail, iter(["in"]), "on")  # a small town: a product's name
    # a small town in a country the report names, or whose people it names
    assert mislabelled_town("Narail", "PRODUCT", narail, iter(["in"]), "on", {"BD"})
    assert not mislabelled_town("Narail", "PRODUCT", narail, iter(["in"]), "on", {"IN"})


def test_a_number_capitalised_at_a_sentences_start_is_never_a_place_alone():
    from geo.recognition.rules import never_alone

    assert never_alone("Ten") and never_alone("Three") and not never_alone("Ten Sleep")
