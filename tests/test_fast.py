from geo.articles import Article
from geo.recognition.fast import FastRecognizer
from geo.recognition.spacy_recognizer import read_organisations


def _texts(gazetteer, text):
    [mentions] = FastRecognizer(gazetteer, read_organisations()).recognize([Article("t", text)])
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return [m.text for m in mentions]


def test_places_and_not_organisations(gazetteer):
    text = ("NATO said KFOR troops would stay in Kosovo. Police in Zubin Potok and Leposavić closed roads "
            "as Serbian officials met in Belgrade.")
    assert _texts(gazetteer, text) == ["Kosovo", "Zubin Potok", "Leposavić", "Serbian", "Belgrade"]


def test_people_are_not_places(gazetteer):
    assert _texts(gazetteer, "Michael Jordan met Gordon Brown and Mary Smith on Monday.") == []


def test_us_style_abbreviations(gazetteer):
    assert _texts(gazetteer, "Flooding hit Charleston, W.Va., and the U.S. capital.") == [
        "Charleston", "W.Va.", "U.S."]


def test_months_and_directions_are_not_places_even_after_in(gazetteer):
    assert _texts(gazetteer, "The vote was held in May, and troops moved in the North of the country.") == []


def test_zip_code_towns_need_a_place_context(gazetteer):
    # House, Interior and Lanexa are known only as small towns of unknown population.
    for name in ("House", "Interior", "Lanexa"):
        assert all(p.population == 0 for p in gazetteer.lookup(name)), name
    text = "Members of the House and the Interior Department drove to Lanexa on Monday."
    assert _texts(gazetteer, text) == ["Lanexa"]


def test_initials_titles_and_a_firm_after_a_are_not_places(gazetteer):
    # "W." is a word, so "Bush" follows a capitalised one; "Dr." is a title; "an FDA report" is
    # no place however "of" reads.
    text = "President George W. Bush spoke to Dr. Ivins of an FDA report and a Kelch protein in Kosovo."
    assert _texts(gazetteer, text) == ["Kosovo"]


def test_a_small_town_after_of_needs_a_place_noun(gazetteer):
    assert all(p.population == 0 for p in gazetteer.lookup("Lanexa"))
    assert _texts(gazetteer, "The mayor of Lanexa spoke.") == []
    assert _texts(gazetteer, "Police reached the village of Lanexa.") == ["Lanexa"]


def test_people_institutions_and_a_partys_name_are_no_places(gazetteer):
    text = ('"Nothing moves," said Dejan, a driver from Novi Pazar. Speaking at the Hub, the minister '
            "left for Pristina. Srpska Lista won in Zvečan.")
    texts = _texts(gazetteer, text)
    assert {"Novi Pazar", "Pristina", "Zvečan"} <= set(texts)
    assert not {"Dejan", "Hub", "Srpska"} & set(texts)


def test_the_focus_area_and_a_misspelt_name(gazetteer):
    from geo.articles import Article
    from geo.recognition.fast import FastRecognizer

    text = ("ZVEČAN, Jan 16 - Roads near Zvečan and Leposavić in Kosovo were closed. Shops in Zubik Potok "
            "ran out of bread, and traders from Raška waited on the Raška side of the line.")
    [mentions] = FastRecognizer(gazetteer).recognize([Article("t", text)])
    found = {m.text: m for m in mentions}
    assert {"ZVEČAN", "Zvečan", "Leposavić", "Kosovo", "Raška"} <= set(found)
    assert found["Zubik Potok"].reads == "Zubin Potok"


def test_a_town_right_after_a_verb_of_violence_or_of_taking_ground(gazetteer):
    from geo.incidents.places import event_words

    def texts(text):
        recognizer = FastRecognizer(gazetteer, read_organisations(), event_words=event_words())
        return [m.text for m in recognizer.recognize([Article("t", text)])[0]]

    assert texts("Rebels shelled Kabala overnight.") == ["Kabala"]
    assert texts("Fighters overran Gorom-Gorom on Friday.") == ["Gorom-Gorom"]
    assert texts("Police arrested Smith on Monday.") == []
    # A sentence's subject before a passive of violence, or owning a site, as the default pipeline reads it.
    assert texts("Kabala was shelled overnight.") == ["Kabala"] and texts("Bria's market was looted.") == ["Bria"]
    assert texts("Smith was shot in the leg.") == []


def test_an_apposition_telling_its_kind_makes_a_small_town_a_place(gazetteer):
    # A town of unknown population by its name alone is as likely a word; ", a town" says it is one.
    text = "Police regained control of Bujanovac, a town in the south, after the riot on Monday."
    assert "Bujanovac" in _texts(gazetteer, text)


def test_the_last_word_of_a_longer_name_is_no_place_of_its_own(gazetteer):
    # "the Hay Nasr district": the kind word is the longer name's; "Bab al-Hadid": the name goes on.
    assert "Nasr" not in _texts(gazetteer, "Clashes broke out in the Hay Nasr district of Benghazi on Monday.")
    assert _texts(gazetteer, "Youths threw stones at soldiers in the Bab al-Hadid district on Tuesday.") == []


def test_directions_and_relations_as_the_spacy_recogniser_reads_them(gazetteer, pipeline):
    # One reading (geo.recognition.relations) for both recognisers: "outside X" is near the
    # town, not the town itself, in --fast too.
    text = ("Gunmen attacked a checkpoint outside Kandahar on Monday. Shells hit villages 12 km north of "
            "Mitrovica and the north of Kosovo. Police patrolled north-west Serbia, about 30km from Nis.")
    recognizer = FastRecognizer(gazetteer, organisations=read_organisations())
    fast = {m.text: (m.modifier, m.phrase) for m in recognizer.recognize([Article(id="a", text=text)])[0]}
    assert fast["Kandahar"] == ("outside", "outside Kandahar")
    assert fast["Mitrovica"] == ("12 km north", "12 km north of Mitrovica")
    assert fast["Kosovo"] == ("north", "the north of Kosovo")
    assert fast["Serbia"] == ("north-west", "north-west Serbia")
    assert fast["Nis"] == ("30 km from", "30km from Nis")
    spacy = {m.text: (m.modifier, m.phrase) for m in pipeline.recognizer.recognize([Article(id="a", text=text)])[0]}
    assert spacy == fast


def test_a_possessive_that_belongs_to_the_name_stays(gazetteer):
    # The gazetteer holds "St. George's" and "Saint Julian's" with their "'s"; Georgia, Malta and
    # Queens (which "Queen's" finds) hold none, so their "'s" is a possessive.
    text = ("Flooding cut roads in St. George's and Saint Julian's on Monday. Protesters marched "
            "through Georgia's capital and the Queen's Gardens near Malta's coast.")
    assert _texts(gazetteer, text) == ["St. George's", "Saint Julian's", "Georgia", "Malta"]


def test_a_name_before_an_office_of_its_place_is_the_place(gazetteer):
    # rules.in_place_context's office, as the default recogniser reads it: no person's name goes
    # before a governor's or a mayor's office, with or without the unit's word between.
    for text, town in (("The Leskovac mayor said the road was closed.", "Leskovac"),
                       ("Troops left, the Pirot municipal mayor said.", "Pirot"),
                       ("The Vranje regional governor spoke on Monday.", "Vranje")):
        assert not [p for p in gazetteer.lookup(town) if p.population >= 100_000], town  # no notable town
        assert _texts(gazetteer, text) == [town], text
    assert _texts(gazetteer, "Leskovac Dragan and the mayor said no more.") == []


def test_a_town_opening_its_sentence_before_an_apposition_or_the_unit_that_holds_it(gazetteer):
    assert _texts(gazetteer, "Dori, once the busiest market town in the north, has emptied since the spring.") == [
        "Dori"]
    assert _texts(gazetteer, "Juchitán, in Oaxaca, is among the towns where residents feel least safe.") == [
        "Juchitán", "Oaxaca"]


def test_a_unit_opening_its_sentence_before_its_units_word(gazetteer):
    assert _texts(gazetteer, "Paktika province has seen a steady run of raids since the spring.") == ["Paktika"]


def test_a_small_towns_name_that_opens_a_longer_unknown_name_is_no_place(gazetteer):
    # "Boko" is a village in Congo, "Haram" one in Norway: "Boko Haram" is neither
    assert _texts(gazetteer, "Fighters of Boko Haram raided a market near Gwoza on Monday.") == ["Gwoza"]
    # a unit's, an organisation's word or a day after the town leaves it the town
    assert _texts(gazetteer, "Youths clashed in Zvečan Tuesday as Leposavić Municipality staff left.") == [
        "Zvečan", "Leposavić"]
    assert _texts(gazetteer, "Pupils marched from Ripley High School to the courthouse.") == ["Ripley"]


def test_a_town_the_report_tells_back_as_a_settlement(gazetteer):
    # a name opening its sentence, as a possessive or a subject, with no cue but "the town" after it: the
    # one town of its name with 10,000 people or more, in a report that names no country
    assert _texts(gazetteer, "Kaédi's herders stopped grazing north of the dunes long ago. On Monday gunmen "
                             "fired on a well outside the town.") == ["Kaédi"]
    assert _texts(gazetteer, "Kaédi's herders stopped grazing north of the dunes long ago. On Monday gunmen "
                             "fired on a well outside it.") == []
    # another place named before the settlement's word is the town it tells back
    assert _texts(gazetteer, "Kaédi's herders stopped grazing long ago. On Monday gunmen fired on a well "
                             "outside Maiduguri, and the town's market closed.") == ["Maiduguri"]
    # a person the report shows
    assert _texts(gazetteer, "Mr Kaédi said the herders stopped grazing. On Monday gunmen fired on a well "
                             "outside the town.") == []
