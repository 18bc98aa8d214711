"""How many, across a report's sentences (geo.incidents.stage): a toll told where its source spoke, and
the dead of what came before an event, which are not its own."""

import datetime as dt

import pytest


def _lead(pipeline, text: str) -> dict:
    from geo.articles import Article

    incidents = pipeline.run([Article("a", text, dt.date(2024, 3, 5))]).incidents_frame()
    return incidents.sort_values("sentence_start").iloc[0].to_dict()


@pytest.mark.parametrize(("text", "spoken_at", "fatalities"), [
    ("Soldiers and militiamen clashed over several villages in Bakool region on Friday. A district official told "
     "a radio station in Baidoa that at least seven fighters had been killed.", "Baidoa", 7),
    ("Government forces retook two villages in Gedo region from the militants after a day of fighting. A local "
     "chief told a local radio station in Kismayo that eleven fighters had been killed.", "Kismayo", 11),
])
def test_a_toll_told_where_its_source_spoke_is_the_events(pipeline, text, spoken_at, fatalities):
    from geo.articles import Article

    incidents = pipeline.run([Article("a", text, dt.date(2024, 3, 5))]).incidents_frame()
    assert spoken_at not in set(incidents["name"])  # where the source spoke is no incident of its own
    assert incidents.sort_values("sentence_start").iloc[0]["fatalities"] == fatalities


def test_the_dead_before_an_event_are_not_its_toll_and_nobody_hurt_after_it_is(pipeline):
    text = ("Youths set fire to a bus in Kisii on Friday night, hours after a student was shot dead by police "
            "at a checkpoint. Nobody was hurt in the unrest, police said.")
    lead = _lead(pipeline, text)
    assert lead["fatalities"] == 0 and lead["injuries"] == 0


def test_a_toll_counted_after_a_heap_of_bodies_is_the_events(pipeline):
    text = ("Militiamen attacked Djibo on Sunday, burning homes and leaving a trail of bodies in the fields. By "
            "Tuesday aid workers had counted at least 14 dead.")
    assert _lead(pipeline, text)["fatalities"] == 14


@pytest.mark.parametrize(("text", "fatalities", "injuries"), [
    ("Kidal: 9 dead, 12 hurt in overnight fighting\n\nSoldiers and rebels fought for several hours around the "
     "airport of Kidal, the army said on Sunday.", 9, 12),
    ("A hospital official in Kismayo put the toll at five on Monday, all of them fishermen. Gunmen opened fire on "
     "the landing beach at dawn, residents said.", 5, None),
])
def test_an_opening_line_that_gives_a_toll_gives_the_next_sentences_event_its_counts(pipeline, text, fatalities,
                                                                                    injuries):
    lead = _lead(pipeline, text)
    assert lead["fatalities"] == fatalities
    assert injuries is None or lead["injuries"] == injuries


@pytest.mark.parametrize(("text", "event_type"), [
    # an opening sentence whose event is told only in its "after" clause stays the event when the next one
    # tells only its aftermath: arrests or a toll, at no place of its own
    ("Burnt cars still lay in the main street of Kisii on Sunday morning, after a night of rioting over the death "
     "of a student. Police said that nine people were detained.", "Riots"),
])
def test_the_aftermath_told_next_leaves_the_background_event_the_event(pipeline, text, event_type):
    assert _lead(pipeline, text)["event_type"] == event_type


def test_what_follows_a_development_told_as_background_is_news_of_its_own(pipeline):
    # a development kills no one: bodies found next are no toll of it, but the report's event
    text = ("Life in Butembo had been calm since the army set up a post on the main road in May. On Sunday herders "
            "found the bodies of six men, several with bullet wounds, in a dry riverbed, local officials said.")
    lead = _lead(pipeline, text)
    assert (lead["event_type"], lead["fatalities"]) == ("Violence against civilians", 6)


@pytest.mark.parametrize(("text", "fatalities"), [
    # bodies found, then the marks on the victims: the event is the bodies', with their count
    ("Fishermen found four bodies in a burned-out van outside Culiacán on Sunday, prosecutors said. Three of the "
     "victims had been shot.", 4),
    ("Police found the bodies of two men in a field outside Tepic on Monday. The victims had been shot in the head.",
     2),
])
def test_bodies_found_then_the_victims_marks_count_the_bodies(pipeline, text, fatalities):
    assert _lead(pipeline, text)["fatalities"] == fatalities


@pytest.mark.parametrize(("text", "fatalities"), [
    # the dead split across sentences: "two more", the body of "a third", the dead of the scene and in hospital
    ("Gunmen opened fire on a minibus near Butha-Buthe on Saturday. Two passengers died at the scene. Three more "
     "died in hospital that night, police said.", 5),
    ("Troops clashed with rebels near Kaga-Bandoro on Monday. Four rebels were killed. The bodies of two more "
     "were found in the bush the next day.", 6),
    ("Militiamen shot dead three herders at a well outside Tillabéri on Friday. The body of a fourth, a boy of 15, "
     "was found in the dunes the next morning, villagers said.", 4),
    ("Gunmen opened fire on a wedding party in Sokoto on Saturday. A 30-year-old man was pronounced dead at the "
     "scene. A woman taken to a hospital in Gusau died there on Sunday, police said.", 2),
    # a third named by an ordinal in a sentence that counts none, then found dead
    ("Gunmen shot dead two guards outside a bank in Maiduguri on Friday. The gunmen also seized a third guard, a "
     "cashier, and drove off. His body was found on Sunday in a ditch outside the town, police said.", 3),
    # "two more" killed at a place of its own is another event's
    ("A drone struck a pickup outside Bint Jbeil on Monday, killing the driver. A second strike an hour later hit "
     "a scooter near Nabatieh, killing two more people.", 1),
])
def test_the_dead_told_across_sentences_add_up(pipeline, text, fatalities):
    assert _lead(pipeline, text)["fatalities"] == fatalities


@pytest.mark.parametrize(("text", "fatalities"), [
    # an opening line about a death of the past or one that set the event off gives no toll of the news
    ("A feud between two clans in Marsabit claimed the lives of four men in 2019 and 2020, and elders had hoped it "
     "was over. On Sunday night a herder was shot in the arm at a water point in the town. His wounds are not "
     "thought to be life-threatening.", 0),
    ("The death of a student in police custody set off the unrest in Nakuru. By Tuesday a crowd had looted and "
     "burned two shops near the bus park, and nobody was injured, police said.", 0),
])
def test_an_opening_death_of_the_past_or_the_cause_is_no_toll(pipeline, text, fatalities):
    assert _lead(pipeline, text)["fatalities"] == fatalities
