"""Where an event happened: the roles a sentence's places play, precision and the fallbacks."""

from __future__ import annotations

import re

from shapely.geometry import Point, box

from geo.incidents.places import event_places, geo_precision, roles, split_paragraphs
from geo.model import Mention, Place, Resolution

TOWN = {"feature_class": "P", "feature_code": "PPL"}
PLACES = {
    "Zvečan": Place("Zvečan", 42.91, 20.84, country_code="XK", admin1_code="07", **TOWN),
    "Leposavić": Place("Leposavić", 43.10, 20.80, country_code="XK", admin1_code="07", **TOWN),
    "Mitrovica": Place("Mitrovica", 42.89, 20.87, country_code="XK", admin1_code="07", **TOWN),
    "Banjska": Place("Banjska", 42.99, 20.77, country_code="XK", admin1_code="07", **TOWN),
    "Pristina": Place("Pristina", 42.67, 21.17, country_code="XK", feature_class="P", feature_code="PPLC"),
    "Belgrade": Place("Belgrade", 44.80, 20.47, country_code="RS", feature_class="P", feature_code="PPLC"),
    "Novi Sad": Place("Novi Sad", 45.25, 19.84, country_code="RS", admin1_code="VO", **TOWN),
    "Niš": Place("Niš", 43.32, 21.90, country_code="RS", **TOWN),
    "Kosovo": Place("Kosovo", 42.58, 20.89, feature_class="A", feature_code="PCLI", country_code="XK"),
    "Serbia": Place("Serbia", 44.0, 21.0, feature_class="A", feature_code="PCLI", country_code="RS"),
    "Vojvodina": Place("Vojvodina", 45.4, 20.2, feature_class="A", feature_code="ADM1", country_code="RS",
                       admin1_code="VO"),
    "Ras": Place("Ras", 25.0, 55.0, country_code="AE", **TOWN),  # a namesake far away of a Novi Sad quarter
    "Lake Gazivoda": Place("Gazivode Lake", 43.0, 20.6, feature_class="H", feature_code="LK", country_code="XK"),
}
PLACES["PRISTINA"] = PLACES["Pristina"]
PLACES["NOVI SAD"] = PLACES["Novi Sad"]
PLACES["Mitrovicë"] = PLACES["Mitrovica"]
SHAPES = {"Kosovo": box(20.0, 41.8, 21.8, 43.3), "Serbia": box(18.8, 42.2, 23.0, 46.2),
          "Vojvodina": box(18.8, 44.6, 21.5, 46.2)}


def _resolve(text: str, names: list[str | tuple], labels: dict | None = None) -> list[Resolution]:
    """Resolutions of ``names`` (or (name, modifier, phrase)) found in order in ``text``."""
    out, at = [], 0
    for item in names:
        name, modifier, phrase = item if isinstance(item, tuple) else (item, "", "")
        start = text.index(name, at)
        at = start + len(name)
        m = Mention("a", name, start, at, (labels or {}).get(name, "GPE"), modifier=modifier, phrase=phrase)
        place = PLACES.get(name)
        shape = SHAPES.get(name, Point(place.lon, place.lat) if place else None)
        km = 60.0 if name in SHAPES else 1.0
        out.append(Resolution(m, place, 0.9, 1, geometry=shape, uncertainty_km=km))
    return out


def _places(text: str, names: list, at: int = -1, labels: dict | None = None):
    """The event places (name, precision, basis) and other names of sentence ``at``."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S.*?(?:\.(?=\s|$)|$)", text, re.M)]
    sentences = split_paragraphs(text, spans)
    resolutions = _resolve(text, names, labels)
    located = [roles(text, s, [r for r in resolutions if s.start <= r.mention.start < s.end]) for s in sentences]
    chosen, mentioned = event_places(text, sentences, located, at % len(sentences))
    return [(p.resolution.mention.text, p.precision, p.basis) for p in chosen], mentioned


def test_locating_words_choose_the_places_and_lists_count_each():
    chosen, _ = _places("Protests were held in Belgrade, Novi Sad and Niš on Sunday.",
                        ["Belgrade", "Novi Sad", "Niš"])
    assert [c[0] for c in chosen] == ["Belgrade", "Novi Sad", "Niš"]


def test_a_qualifier_an_origin_a_speaker_and_a_people_locate_nothing():
    chosen, mentioned = _places("Serbian police clashed with protesters in Zvečan, Kosovo, officials in Pristina "
                                "said.", ["Serbian", "Zvečan", "Kosovo", "Pristina"], labels={"Serbian": "NORP"})
    assert chosen == [("Zvečan", 1, "sentence")]
    assert mentioned == ["Serbian", "Kosovo", "Pristina"]
    chosen, _ = _places("Kosovo Police arrested two men in Leposavić.", ["Kosovo", "Leposavić"])
    assert chosen == [("Leposavić", 1, "sentence")]


def test_a_city_that_speaks_for_its_government_is_no_finer_place():
    # "Belgrade said": the capital speaks; it is neither where the arrest happened nor a finer
    # place of the country the sentence locates it in.
    chosen, mentioned = _places("Belgrade said the men were arrested inside Serbia, Pristina said.",
                                ["Belgrade", "Serbia", "Pristina"])
    assert chosen == [("Serbia", 3, "sentence")] and mentioned == ["Belgrade", "Pristina"]


def test_a_country_gives_way_to_a_finer_place_in_the_sentence_or_before_it():
    chosen, mentioned = _places("Clashes broke out in Zvečan and across Kosovo.", ["Zvečan", "Kosovo"])
    assert chosen == [("Zvečan", 1, "sentence")] and mentioned == ["Kosovo"]
    chosen, _ = _places("Tension rose in Leposavić. Gunmen later attacked a patrol in Kosovo.",
                        ["Leposavić", "Kosovo"])
    assert chosen == [("Leposavić", 1, "paragraph")]
    # ... but not a finer place outside it
    chosen, _ = _places("Talks were held in Belgrade. Gunmen later attacked a patrol in Kosovo.",
                        ["Belgrade", "Kosovo"])
    assert chosen == [("Kosovo", 3, "sentence")]


def test_a_sentence_without_a_place_takes_one_from_the_report():
    text = "Police reinforced checkpoints near Leposavić. The attackers fled after an hour."
    chosen, _ = _places(text, [("Leposavić", "near", "near Leposavić")])
    assert chosen == [("Leposavić", 2, "paragraph")]
    chosen, _ = _places("PRISTINA, May 29 (Agency) - Gunmen fired on a patrol. The attackers fled.", ["PRISTINA"],
                        at=0)
    assert chosen == [("PRISTINA", 1, "dateline")]
    text = "Zvečan was calm.\n\nTalks went on. Nothing more was said. The attackers fled after an hour."
    chosen, _ = _places(text, ["Zvečan"])
    assert chosen == [("Zvečan", 1, "article")]


def test_a_place_after_a_verb_of_violence_or_of_taking_ground_locates_the_event():
    chosen, mentioned = _places("Rebels withdrew from Banjska under a deal brokered by Serbia.", ["Banjska", "Serbia"])
    assert chosen == [("Banjska", 1, "sentence")] and mentioned == ["Serbia"]
    chosen, _ = _places("Militants overran Leposavić and shelled Zvečan, officials in Belgrade said.",
                        ["Leposavić", "Zvečan", "Belgrade"])
    assert [c[0] for c in chosen] == ["Leposavić", "Zvečan"]
    # "from" after a noun is still where actors come from
    chosen, _ = _places("Gunmen from Banjska attacked a patrol in Zvečan.", ["Banjska", "Zvečan"])
    assert chosen == [("Zvečan", 1, "sentence")]


def test_where_fire_came_from_across_is_no_place_of_the_event():
    # "from across the lake": where the shells came from; the town hit, named before, is where it happened
    text = "Shelling hit Zvečan overnight. Troops shelled the edge of the town from across Lake Gazivoda."
    chosen, mentioned = _places(text, ["Zvečan", "Lake Gazivoda"])
    assert chosen == [("Zvečan", 1, "paragraph")] and mentioned == ["Lake Gazivoda"]
    # "across the lake" without "from" still locates it
    chosen, _ = _places("Troops fired shells across Lake Gazivoda.", ["Lake Gazivoda"])
    assert chosen == [("Lake Gazivoda", 2, "sentence")]


def test_a_finer_place_inside_a_region_of_the_same_sentence_leads():
    chosen, mentioned = _places("Rebels took control of Banjska in northern Kosovo on Monday.",
                                ["Banjska", ("Kosovo", "north", "northern Kosovo")])
    assert chosen == [("Banjska", 1, "sentence")] and "Kosovo" in mentioned
    chosen, _ = _places("Shells hit the Vojvodina region town of Novi Sad.", ["Vojvodina", "Novi Sad"])
    assert chosen == [("Novi Sad", 1, "sentence")]
    # ... not one outside it
    chosen, _ = _places("Officials of Belgrade reported clashes in northern Kosovo.",
                        ["Belgrade", ("Kosovo", "north", "northern Kosovo")])
    assert chosen == [("Kosovo", 3, "sentence")]


def test_a_town_beside_a_border_leads_over_the_border():
    from shapely.geometry import LineString

    line = "the administrative line"
    PLACES[line] = Place("Kosovo–Serbia border", 43.2, 20.8, feature_class="L", feature_code="BORDER",
                         country_code="XK")
    SHAPES[line] = LineString([(20.5, 43.2), (21.0, 43.2)])
    try:
        text = "Troops were sent to Leposavić near the administrative line on Friday."
        chosen, _ = _places(text, ["Leposavić", line], labels={line: "BORDER"})
        assert chosen == [("Leposavić", 1, "sentence")]
        text = "Troops were sent to Belgrade and then near the administrative line on Friday."
        chosen, _ = _places(text, ["Belgrade", line], labels={line: "BORDER"})
        assert chosen == [(line, 3, "sentence")]  # far from the line: the border stays
    finally:
        del PLACES[line], SHAPES[line]


def test_a_country_that_owns_the_place_after_it_qualifies_it():
    chosen, mentioned = _places("Protests spread across Serbia's Vojvodina province.", ["Serbia", "Vojvodina"])
    assert chosen == [("Vojvodina", 3, "sentence")] and mentioned == ["Serbia"]


def test_a_groups_people_of_a_place_named_act_elsewhere():
    chosen, mentioned = _places("Local leaders of Banjska signed a truce in the centre of Mitrovica.",
                                ["Banjska", "Mitrovica"])
    assert chosen == [("Mitrovica", 1, "sentence")] and mentioned == ["Banjska"]


def test_a_headlines_region_gives_way_to_the_dateline_after_it():
    from geo.recognition import sentence_spans

    text = "Shots fired at patrol in northern Kosovo\nMitrovica, Kosovo, May 3 (Agency) - Gunmen fired at a patrol."
    sentences = split_paragraphs(text, sentence_spans(text))
    resolutions = _resolve(text, [("Kosovo", "north", "northern Kosovo"), "Mitrovica", "Kosovo"])
    located = [roles(text, s, [r for r in resolutions if s.start <= r.mention.start < s.end]) for s in sentences]
    chosen, _ = event_places(text, sentences, located, 0)
    assert [(p.resolution.mention.text, p.basis) for p in chosen] == [("Mitrovica", "dateline")]


def test_an_appositive_position_qualifies_the_place_before_it():
    chosen, mentioned = _places("Gunmen attacked a patrol near the village of Banjska, north of Mitrovica.",
                                ["Banjska", ("Mitrovica", "north of", "north of Mitrovica")])
    assert chosen == [("Banjska", 1, "sentence")] and mentioned == ["Mitrovica"]
    # ... a place named without a locating word too: its people's event is there, not near the town
    chosen, mentioned = _places("A thief was beaten by residents of Leposavić, west of Zvečan, on Monday.",
                                ["Leposavić", ("Zvečan", "west of", "west of Zvečan")])
    assert chosen == [("Leposavić", 1, "sentence")] and mentioned == ["Zvečan"]


def test_a_quarter_named_with_its_town_that_resolved_far_away_is_the_town():
    chosen, mentioned = _places("A bomb went off in the Stari Ras area of Novi Sad on Friday.", ["Ras", "Novi Sad"])
    assert chosen == [("Novi Sad", 1, "sentence")]


def test_a_town_a_school_is_named_after_locates_an_event_at_the_school_when_nothing_else_does():
    labels = {"Novi Sad": "ORG>PART", "Vojvodina": "ORG>PART"}
    chosen, _ = _places("Students occupied the library of the University of Novi Sad on Monday.", ["Novi Sad"],
                        labels=labels)
    assert chosen == [("Novi Sad", 1, "sentence")]
    # not where its students come from, nor a region's name
    chosen, _ = _places("Students from the University of Novi Sad blocked a road in Niš.", ["Novi Sad", "Niš"],
                        labels=labels)
    assert chosen == [("Niš", 1, "sentence")]
    chosen, mentioned = _places("Students occupied the library of the University of Vojvodina on Monday.",
                                ["Vojvodina"], labels=labels)
    assert chosen == [] and mentioned == ["Vojvodina"]


def test_precision_follows_the_place_and_the_words_around_it():
    def precision(name, modifier="", phrase=""):
        [r] = _resolve(f"in {name}", [(name, modifier, phrase)])
        return geo_precision(r)

    assert precision("Zvečan") == 1
    assert precision("Zvečan", "near", "near Zvečan") == 2
    assert precision("Mitrovica", "12 km north", "12 km north of Mitrovica") == 2
    assert precision("Lake Gazivoda") == 2
    assert precision("Kosovo") == 3 and precision("Kosovo", "north", "northern Kosovo") == 3
    municipality = Place("Leposavić", 43.1, 20.8, "A", "ADM1", "XK")  # as GeoNames' 2012 dump codes it
    small = Resolution(Mention("a", "Leposavić", 0, 9, "GPE"), municipality, 1.0, 1, uncertainty_km=11.0)
    large = Resolution(Mention("a", "Texas", 0, 5, "GPE"), Place("Texas", 31, -99, "A", "ADM1", "US"), 1.0, 1,
                       uncertainty_km=390.0)
    assert geo_precision(small) == 2 and geo_precision(large) == 3


def test_a_country_in_brackets_qualifies_and_here_is_the_datelines_place():
    chosen, mentioned = _places("Gunmen attacked a convoy in Zvečan (Kosovo) on Monday.", ["Zvečan", "Kosovo"])
    assert chosen == [("Zvečan", 1, "sentence")] and mentioned == ["Kosovo"]
    text = "PRISTINA, May 2 (Agency) - Talks went on. Gunmen fired on a patrol 15 km east of here in Kosovo."
    chosen, _ = _places(text, ["PRISTINA", "Kosovo"])
    assert chosen == [("PRISTINA", 2, "dateline")]


def test_where_words_were_spoken_or_published_locates_no_event():
    # A statement's, a broadcast's or a speaker's seat named after the event's region: the region stands.
    for said in ("the ministry said in a statement issued in Belgrade", "officials said in Belgrade on Monday",
                 "according to a statement read on state television in Belgrade"):
        chosen, mentioned = _places(f"Gunmen burned six houses in a village in Vojvodina, {said}.",
                                    ["Vojvodina", "Belgrade"])
        assert chosen == [("Vojvodina", 3, "sentence")] and mentioned == ["Belgrade"], said
    # An organisation's seat before a verb of speech: "the Orthodox Church in X has condemned".
    chosen, _ = _places("The Orthodox Church in Belgrade has condemned an attack on a monastery in Zvečan.",
                        ["Belgrade", "Zvečan"])
    assert chosen == [("Zvečan", 1, "sentence")]


def test_supporters_of_a_place_and_the_streets_or_centre_of_a_town():
    chosen, mentioned = _places("Supporters of Niš and local fans fought in the streets of Novi Sad on Sunday.",
                                ["Niš", "Novi Sad"])
    assert chosen == [("Novi Sad", 1, "sentence")] and mentioned == ["Niš"]
    chosen, _ = _places("Residents of Banjska marched through the centre of Mitrovica on Monday.",
                        ["Banjska", "Mitrovica"])
    assert chosen == [("Mitrovica", 1, "sentence")]
    # "residents of X" alone locates their event; it is no speaker's seat ("residents of X said").
    chosen, _ = _places("Residents of Banjska said gunmen fired on their houses overnight.", ["Banjska"])
    assert chosen == [("Banjska", 1, "sentence")]


def test_a_dateline_alone_on_its_line_gives_way_to_the_place_named_before_the_event():
    # "PRISTINA, Kosovo —" ends its sentence at the dash; it is still the dateline, and the town the
    # context paragraph names is where "the town" of the event sentence is.
    text = ("PRISTINA, Kosovo —\n\nThe fields around Zvečan had been quiet for months.\n\n"
            "Gunmen fired on a patrol 10 km south of the town.")
    chosen, _ = _places(text, ["PRISTINA", "Kosovo", ("Zvečan", "near", "around Zvečan")])
    assert chosen == [("Zvečan", 2, "paragraph")]


def test_where_people_went_or_were_treated_is_no_place_of_the_event():
    chosen, mentioned = _places("Gunmen attacked a bus near Zvečan, and survivors walked to Leposavić, where the "
                                "wounded were taken to a hospital in Mitrovica.",
                                [("Zvečan", "near", "near Zvečan"), "Leposavić", "Mitrovica"])
    assert chosen == [("Zvečan", 2, "sentence")] and mentioned == ["Leposavić", "Mitrovica"]
    chosen, _ = _places("Tension rose in Banjska. A convoy bound for Niš was ambushed on the road to Belgrade.",
                        ["Banjska", "Niš", "Belgrade"])
    assert chosen == [("Banjska", 1, "paragraph")]
    chosen, _ = _places("A man hurt in the attack died later in a Belgrade hospital.", ["Belgrade"])
    assert chosen == []


def test_a_care_centre_named_before_its_town_is_where_the_hurt_were_treated():
    # the hospital words are one list: "a trauma centre in X" as "a hospital in X"
    for care in ("a hospital", "a trauma centre", "the medical center", "an infirmary"):
        chosen, mentioned = _places(f"Gunmen attacked a bus near Zvečan; two of the wounded died in {care} in "
                                    "Mitrovica.", [("Zvečan", "near", "near Zvečan"), "Mitrovica"])
        assert chosen == [("Zvečan", 2, "sentence")] and mentioned == ["Mitrovica"], care


def test_how_far_from_a_place_says_where_not_whence():
    # ... and near it (precision 2, as "near X" and "12 km north of X"), not the place itself
    text = "The hamlet lies a short drive from Leposavić. Gunmen attacked it on Sunday night."
    chosen, _ = _places(text, ["Leposavić"])
    assert chosen == [("Leposavić", 2, "paragraph")]
    chosen, _ = _places("Gunmen fired on a patrol 20 km from Zvečan on Sunday.", ["Zvečan"])
    assert chosen == [("Zvečan", 2, "sentence")]
    chosen, _ = _places("Checkpoints along the road from Leposavić to the boundary came under fire.", ["Leposavić"])
    assert chosen == [("Leposavić", 2, "sentence")]


def test_the_seat_of_what_people_come_from_is_no_place_of_the_event():
    chosen, mentioned = _places("Students from the Faculty of Law in Zvečan and the Technical College in Leposavić "
                                "marched in Pristina on Monday.", ["Zvečan", "Leposavić", "Pristina"])
    assert chosen == [("Pristina", 1, "sentence")] and mentioned == ["Zvečan", "Leposavić"]


def test_a_quarter_named_in_a_report_datelined_at_a_city_is_the_citys_not_a_far_namesakes():
    # "the Niš area" in a report datelined PRISTINA: the quarter of that name is Pristina's; the town
    # Niš, 90 km away, is a namesake.
    text = "PRISTINA, May 29 (Agency) - Residents of the Niš area say thefts have grown. Gunmen shot a man there."
    chosen, _ = _places(text, ["PRISTINA", "Niš"])
    assert chosen == [("PRISTINA", 1, "paragraph")]
    # ... and a town near the city keeps its own place
    text = "PRISTINA, May 29 (Agency) - Residents of the Banjska area say thefts have grown. Gunmen shot a man there."
    chosen, _ = _places(text, ["PRISTINA", "Banjska"])
    assert chosen == [("Banjska", 1, "paragraph")]


def test_a_district_holds_only_its_own_towns_not_its_provinces_others():
    # A town of another district of the same province (here one that opens the report, in capitals before
    # a colon) is no finer place inside a district the event's sentence names.
    district = Place("Kurram", 33.7, 70.2, feature_class="A", feature_code="ADM2", country_code="PK",
                     admin1_code="03", admin2_code="K1")
    town = Place("Mardan", 34.2, 72.0, feature_class="P", feature_code="PPLA2", country_code="PK",
                 admin1_code="03", admin2_code="M1")
    own = Place("Parachinar", 33.9, 70.1, feature_class="P", feature_code="PPLA2", country_code="PK",
                admin1_code="03", admin2_code="K1")
    PLACES.update({"Kurram": district, "MARDAN": town, "PARACHINAR": own})
    SHAPES["Kurram"] = box(69.8, 33.3, 70.6, 34.1)
    try:
        text = "MARDAN: Gunmen attacked a checkpoint in Kurram on Monday."
        chosen, _ = _places(text, ["MARDAN", "Kurram"])
        assert [c[0] for c in chosen] == ["Kurram"]
        # its own town is finer inside it
        chosen, _ = _places("PARACHINAR: Gunmen attacked a checkpoint in Kurram on Monday.", ["PARACHINAR", "Kurram"])
        assert [c[0] for c in chosen] == ["PARACHINAR"]
    finally:
        for name in ("Kurram", "MARDAN", "PARACHINAR"):
            del PLACES[name]
        del SHAPES["Kurram"]


def test_a_schools_town_gives_way_to_a_town_named_outright():
    # Neither town has a locating word before it; the one named outright, not the school's, is where they went.
    chosen, mentioned = _places("Hundreds of University of Novi Sad students took buses to Belgrade on Monday "
                                "and marched to the parliament.", ["Novi Sad", "Belgrade"],
                                labels={"Novi Sad": "ORG>PART"})
    assert chosen == [("Belgrade", 1, "sentence")] and mentioned == ["Novi Sad"]


def test_a_towns_police_act_in_their_town_a_countrys_come_from_it():
    # "Leposavić police detained": the town's own police, at work there when nothing else says where.
    chosen, _ = _places("Leposavić police detained two men on Friday.", ["Leposavić"])
    assert chosen == [("Leposavić", 1, "sentence")]
    # ... a finer place cued in the sentence still leads, and a country's police is an actor from it.
    chosen, _ = _places("Niš police detained two men in Novi Sad.", ["Niš", "Novi Sad"])
    assert chosen == [("Novi Sad", 1, "sentence")]
    chosen, mentioned = _places("Serbia police detained two men.", ["Serbia"])
    assert chosen == [] and mentioned == ["Serbia"]


def test_a_part_of_the_city_in_a_report_datelined_there_that_resolved_far_away_is_the_city():
    # "the city's Ras district" in a report datelined PRISTINA: a part of Pristina, not the far namesake.
    text = "PRISTINA, May 29 (Agency) - A grenade was thrown at a cafe in the city's Ras district on Friday."
    chosen, _ = _places(text, ["PRISTINA", "Ras"])
    assert chosen == [("PRISTINA", 1, "sentence")]
    # ... one near the city keeps its own place
    text = "PRISTINA, May 29 (Agency) - A grenade was thrown at a cafe in the city's Banjska district on Friday."
    chosen, _ = _places(text, ["PRISTINA", "Banjska"])
    assert chosen == [("Banjska", 1, "sentence")]


PLACES["Roma"] = Place("Rome", 41.89, 12.48, country_code="IT", feature_class="P", feature_code="PPLC")
PLACES["the Hungarian border"] = Place("Hungary–Serbia border", 46.1, 19.9, country_code="RS", feature_class="L",
                                       feature_code="BORDER")


def test_a_peoples_name_before_where_it_lives_is_no_place():
    # "a Roma camp": Roma, only another name of Rome, tells who lives in the camp near Zvečan.
    chosen, _ = _places("Masked men attacked a Roma camp near Zvečan on Friday night.",
                        ["Roma", ("Zvečan", "near", "")])
    assert chosen == [("Zvečan", 2, "sentence")]
    chosen, _ = _places("Masked men burned a Roma settlement on Friday night.", ["Roma"])
    assert chosen == []
    # ... a place's own name before the same noun is that place
    chosen, _ = _places("Masked men burned huts in the Banjska camp on Friday night.", ["Banjska"])
    assert chosen == [("Banjska", 1, "sentence")]


def test_locals_telling_what_befell_them_are_no_speakers_seat():
    chosen, _ = _places("Villagers in Banjska said gunmen had burned two houses.", ["Banjska"])
    assert chosen == [("Banjska", 1, "sentence")]
    chosen, _ = _places("Officials in Pristina said gunmen had burned two houses.", ["Pristina"])
    assert chosen == []


def test_where_the_people_described_work_gives_way_to_where_the_event_was():
    chosen, _ = _places("Two doctors working at a clinic in Pristina were abducted near Leposavić on Monday.",
                        ["Pristina", ("Leposavić", "near", "")])
    assert chosen == [("Leposavić", 2, "sentence")]
    # ... and locates it when nothing else does
    chosen, _ = _places("Two doctors working in Pristina were abducted on Monday.", ["Pristina"])
    assert chosen == [("Pristina", 1, "sentence")]


def test_where_a_movement_set_out_from_gives_way_to_where_the_event_was():
    # the place left, fled or come from, through its object: only when nothing else locates the event
    for text in ("A teacher was shot dead in Niš after he left a school in Novi Sad.",
                 "Families fleeing the fighting in Novi Sad were shelled in Niš.",
                 "A driver was beaten in Niš on his way home from a wedding in Novi Sad.",
                 "Troops fired on civilians in Niš who had fled the town of Novi Sad."):
        chosen, mentioned = _places(text, ["Novi Sad", "Niš"] if text.index("Novi Sad") < text.index("Niš")
                                    else ["Niš", "Novi Sad"])
        assert chosen == [("Niš", 1, "sentence")], text
        assert mentioned == ["Novi Sad"], text
    chosen, _ = _places("The convoy was ambushed shortly after leaving a camp near Novi Sad.", ["Novi Sad"])
    assert chosen == [("Novi Sad", 1, "sentence")]
    # ... and a place in apposition to it says where it lies
    chosen, _ = _places("Gunmen shot a cleric as he left a mosque in Banjska, near Mitrovica, on Monday.",
                        ["Banjska", ("Mitrovica", "near", "near Mitrovica")])
    assert chosen == [("Banjska", 1, "sentence")]
    # what an event left behind, and where fighting raged as people fled, are the event's places
    chosen, _ = _places("The blast ripped through a market, leaving 12 dead in Niš.", ["Niš"])
    assert chosen == [("Niš", 1, "sentence")]
    chosen, _ = _places("Families fled Novi Sad as fighting raged in Niš.", ["Novi Sad", "Niš"])
    assert chosen == [("Niš", 1, "sentence")]


def test_the_road_between_two_towns_is_near_them():
    chosen, _ = _places("Gunmen ambushed a bus on the road between Zvečan and Leposavić on Monday.",
                        ["Zvečan", "Leposavić"])
    assert chosen[0] == ("Zvečan", 2, "sentence")


def test_where_a_deal_was_brokered_is_not_where_troops_withdrew():
    chosen, mentioned = _places("Under a truce signed in Belgrade, troops withdrew on Sunday from positions around "
                                "Banjska.", ["Belgrade", ("Banjska", "near", "")])
    assert chosen == [("Banjska", 2, "sentence")] and "Belgrade" in mentioned


def test_a_border_in_a_region_is_the_regions_stretch_of_it():
    chosen, mentioned = _places("Smugglers fired on a patrol along the Hungarian border in Vojvodina on Monday.",
                                ["the Hungarian border", "Vojvodina"], labels={"the Hungarian border": "BORDER"})
    assert chosen == [("Vojvodina", 3, "sentence")] and "the Hungarian border" in mentioned


def test_the_town_refers_to_the_town_named_before():
    # "outside the town": near the town the protesters came from
    chosen, _ = _places("Farmers from Leposavić blocked the main road outside the town on Monday.", ["Leposavić"])
    assert chosen == [("Leposavić", 2, "sentence")]
    # ... named in an earlier sentence, in any role; "in the village" is in it
    text = "Herders from Banjska lost cattle to raiders last year. On Monday gunmen fired on a bus in the village."
    chosen, _ = _places(text, ["Banjska"], at=1)
    assert chosen == [("Banjska", 1, "paragraph")]
    # ... a capitalised name is no such reference
    chosen, _ = _places("Herders from Banjska lost cattle. A grenade hit the City police station.", ["Banjska"], at=1)
    assert chosen == []


def test_not_far_from_a_town_is_near_it_not_whence():
    """"in a village not far from X": near X (precision 2), not people or things from X."""
    chosen, _ = _places("Troops clashed with rebels in a village not far from Niš on Friday.", ["Niš"])
    assert chosen == [("Niš", 2, "sentence")]


def test_a_countrys_act_or_actor_in_the_possessive_is_no_place_of_the_event():
    # "Serbia's reply came ..." after a sentence naming the town: the country acts, the town is where
    chosen, _ = _places("Talks on the quarry filled the papers of Novi Sad for weeks. Kosovo's reply came on "
                        "Monday, when drones hit the quarry.", ["Novi Sad", "Kosovo"])
    assert chosen == [("Novi Sad", 1, "paragraph")]
    # a town's own police in the possessive stay their town's
    chosen, _ = _places("Protests spread in Serbia. Niš's police fired tear gas at a march.", ["Serbia", "Niš"])
    assert chosen == [("Niš", 1, "sentence")]


def test_the_far_end_of_a_road_from_one_town_to_another_is_a_destination():
    # "the road from X to Y ... there": the road's far end is where it leads, not where the event was
    chosen, _ = _places("The road from Zvečan to Mitrovica has been shut for weeks. On Monday residents began a "
                        "sit-in there.", ["Zvečan", "Mitrovica"])
    assert [c[0] for c in chosen] == ["Zvečan"]


def test_a_quarter_with_a_namesake_far_away_is_in_the_town_named_before_without_a_dateline():
    # no dateline: the town the sentences before name is the one whose quarter it is
    chosen, _ = _places("Gunmen had kept out of Novi Sad since the spring. They came back on Wednesday. They went "
                        "from house to house in the Ras area, shooting residents.", ["Novi Sad", "Ras"])
    assert [c[0] for c in chosen] == ["Novi Sad"]


def test_the_town_told_back_at_a_distance_or_in_the_possessive():
    # "12 km south of the town": near the town named before, whatever its role there
    text = "Traders in Niš had warned for weeks that the roads were unsafe. On Friday bandits robbed a bus 12 km " \
           "south of the town."
    chosen, _ = _places(text, ["Niš"], at=1, labels={"Niš": "ORG"})
    assert chosen == [("Niš", 2, "paragraph")]
    # "behind the town's post office": in it
    text = "The mayor of Zvečan said he had been threatened. A grenade went off behind the town's post office."
    chosen, _ = _places(text, ["Zvečan"], at=1)
    assert chosen == [("Zvečan", 1, "paragraph")]


def test_a_reservoir_named_after_a_town_is_no_town_told_back():
    PLACES["Gazivode"] = Place("Gazivode", 43.0, 20.6, feature_class="P", feature_code="RSV", country_code="XK")
    text = "From the bank in Zvečan you can see the Gazivode reservoir. A shell hit the town's market."
    chosen, _ = _places(text, ["Zvečan", "Gazivode"], at=1)
    assert chosen == [("Zvečan", 1, "paragraph")]


def test_the_town_is_not_where_someone_was_headed_when_another_is_named():
    text = "Convoys out of Zvečan need an escort, and the road to Banjska is shut. On Friday a patrol was " \
           "ambushed 20 km west of the town."
    chosen, _ = _places(text, ["Zvečan", "Banjska"], at=1)
    assert chosen == [("Zvečan", 2, "paragraph")]


def test_where_someone_was_due_to_go_or_was_taken_is_no_place_of_the_event():
    text = "Rezoning had split Leposavić for months. On Sunday a councillor's car blew up in a car park, an hour " \
           "before he was due to fly to a conference in Belgrade."
    chosen, _ = _places(text, ["Leposavić", "Belgrade"], at=1)
    assert chosen == [("Leposavić", 1, "paragraph")]
    text = "Patrols in Zvečan were stepped up. A man was stabbed on Tuesday; doctors in Mitrovica, where he was " \
           "flown, said he would live."
    chosen, _ = _places(text, ["Zvečan", "Mitrovica"], at=1)
    assert chosen == [("Zvečan", 1, "paragraph")]


def test_a_travel_time_in_an_apposition_says_where_the_town_lies():
    text = "Banjska, a quiet town two hours' drive north of Mitrovica, had escaped the unrest. On Friday a crowd " \
           "set fire to a police car in the square."
    chosen, _ = _places(text, ["Banjska", "Mitrovica"], at=1)
    assert chosen == [("Banjska", 1, "paragraph")]


def test_a_region_qualifying_this_town_is_the_town_told_back():
    text = "NOVI SAD, Serbia — Shops had closed early in this Vojvodina town for weeks. On Friday gunmen robbed " \
           "a bank and fled."
    chosen, _ = _places(text, ["NOVI SAD", "Serbia", "Vojvodina"], at=1)
    assert chosen == [("NOVI SAD", 1, "dateline")]


def test_a_noun_in_ing_between_a_source_and_its_place_is_no_verb():
    # "said at a news briefing in X", "according to a deputy at the meeting in X": where the source spoke
    from geo.incidents.places import a_verb_among

    assert not a_verb_among("at a news briefing") and not a_verb_among("at the meeting")
    assert a_verb_among("police gunmen attacked a village") and a_verb_among("after shelling")
    assert not a_verb_among("attacked at the meeting", skip=1)


def test_a_name_made_an_adjective_with_a_hyphen_places_nothing():
    # "a Belgrade-backed militia", "a Pristina-based group": who backs or houses someone, never where (issue 19)
    chosen, mentioned = _places("A drone struck a car near Zvečan, killing two members of a Belgrade-backed militia.",
                                ["Zvečan", "Belgrade"])
    assert chosen == [("Zvečan", 1, "sentence")] and mentioned == ["Belgrade"]
    chosen, _ = _places("Gunmen of a Pristina-based group fired on a patrol on Monday.", ["Pristina"])
    assert chosen == []


def test_where_the_wounded_were_treated_places_nothing_but_the_scene_does():
    text = "Patrols in Zvečan were stepped up. A bomb hit an army truck on Monday, and a soldier was being " \
           "treated in Mitrovica."
    chosen, _ = _places(text, ["Zvečan", "Mitrovica"], at=1)
    assert chosen == [("Zvečan", 1, "paragraph")]
    chosen, _ = _places("A soldier was shot and treated at the scene in Mitrovica.", ["Mitrovica"])
    assert chosen == [("Mitrovica", 1, "sentence")]


def test_whom_a_source_told_and_where_places_nothing():
    chosen, mentioned = _places("Serbia has sent 500 more police to Vojvodina province, the interior minister told "
                                "parliament in Belgrade on Monday.", ["Serbia", "Vojvodina", "Belgrade"])
    assert chosen == [("Vojvodina", 3, "sentence")] and "Belgrade" in mentioned
    # a verb between: what the source told happened there
    chosen, _ = _places("A driver told police he was attacked in Novi Sad on Monday.", ["Novi Sad"])
    assert chosen == [("Novi Sad", 1, "sentence")]


def test_a_unit_after_a_comma_and_in_qualifies_the_town():
    chosen, mentioned = _places("Gunmen killed two men in Novi Sad, in Vojvodina, on Monday.",
                                ["Novi Sad", "Vojvodina"])
    assert chosen == [("Novi Sad", 1, "sentence")] and mentioned == ["Vojvodina"]


def _roles(text: str, names: list, labels: dict | None = None) -> dict[str, str]:
    """The role of each name of a one-sentence text."""
    [sentence] = split_paragraphs(text, [(0, len(text))])
    return {loc.r.mention.text: loc.role for loc in roles(text, sentence, _resolve(text, names, labels))}


def test_an_apposition_with_a_peoples_name_and_a_distance_says_where_the_town_lies():
    text = "Banjska, a Serb-majority village a few kilometres north of Mitrovica, had been calm for years."
    found = _roles(text, ["Banjska", "Serb", ("Mitrovica", "north of", "north of Mitrovica")], {"Serb": "NORP"})
    assert found == {"Banjska": "other", "Serb": "people", "Mitrovica": "qualifier"}


def test_a_places_other_name_after_a_slash_is_only_mentioned():
    assert _roles("Protesters marched in Mitrovica/Mitrovicë on Monday.", ["Mitrovica", "Mitrovicë"]) == {
        "Mitrovica": "event", "Mitrovicë": "qualifier"}


def test_a_sentence_without_a_place_takes_the_place_an_event_was_located_at_before_one_only_named():
    text = "Shells struck Zvečan on Monday, the Mitrovica mayor said. One woman was killed."
    chosen, _ = _places(text, ["Zvečan", "Mitrovica"], at=1)
    assert chosen == [("Zvečan", 1, "paragraph")]


def test_the_edge_or_the_heart_of_the_city_is_the_town_named_before():
    text = "Novi Sad, in Vojvodina, has been calm for years. On Monday farmers at the edge of the city found two " \
           "bodies in a burnt car."
    chosen, _ = _places(text, ["Novi Sad", "Vojvodina"], at=1)
    assert chosen == [("Novi Sad", 2, "paragraph")]
    text = "Novi Sad, in Vojvodina, has been calm for years. On Monday a bomb went off in the heart of the city."
    chosen, _ = _places(text, ["Novi Sad", "Vojvodina"], at=1)
    assert chosen == [("Novi Sad", 1, "paragraph")]


def test_the_town_told_back_is_not_the_one_a_patrol_came_from():
    text = "The nearest police to Banjska is a patrol that drives up from Mitrovica twice a week. On Tuesday " \
           "gendarmes set up a base on the edge of the town."
    chosen, _ = _places(text, ["Banjska", "Mitrovica"], at=1)
    assert chosen == [("Banjska", 2, "paragraph")]


def test_a_street_named_after_a_country_is_no_place_of_the_event():
    text = "NOVI SAD, Serbia — Protesters barricaded Kosovo Road with burning tyres on Tuesday."
    chosen, _ = _places(text, ["NOVI SAD", "Serbia", "Kosovo"])
    assert chosen == [("NOVI SAD", 1, "dateline")]


def test_a_region_named_before_gives_way_to_the_datelines_town_inside_it():
    text = "NOVI SAD, Serbia — Sirens sounded across Vojvodina for hours, officials said. Two drones struck a " \
           "warehouse on Tuesday."
    chosen, _ = _places(text, ["NOVI SAD", "Serbia", "Vojvodina"], at=1)
    assert chosen == [("NOVI SAD", 1, "dateline")]
    # a town outside the region keeps the region
    text = "PRISTINA, Kosovo — Sirens sounded across Vojvodina for hours, officials said. Two drones struck a " \
           "warehouse on Tuesday."
    chosen, _ = _places(text, ["PRISTINA", "Kosovo", "Vojvodina"], at=1)
    assert chosen == [("Vojvodina", 3, "paragraph")]


def test_where_fire_came_from_is_no_place_of_the_event_however_long_the_origin():
    text = "Shells fired from positions held by rebel units near Zvečan landed on the edge of Banjska overnight."
    located = _roles(text, ["Zvečan", "Banjska"])
    assert located["Zvečan"] == "origin"
    text = "Drones launched from across the border in Vojvodina hit a warehouse in Banjska."
    located = _roles(text, ["Vojvodina", "Banjska"])
    assert located == {"Vojvodina": "origin", "Banjska": "event"}


def test_a_clause_after_a_colon_holds_the_event_when_the_one_before_tells_none():
    text = "In Kosovo the picture was the mirror image: shells landed in three villages of Serbia's Vojvodina."
    [sentence] = split_paragraphs(text, [(0, len(text))])
    located = [roles(text, sentence, _resolve(text, ["Kosovo", "Serbia", "Vojvodina"]))]
    chosen, _ = event_places(text, [sentence], located, 0, ("shells",), lambda clause: "shells" in clause)
    assert [(p.resolution.mention.text, p.basis) for p in chosen] == [("Vojvodina", "sentence")]


def test_the_target_of_a_plot_is_no_place_of_the_event():
    text = "NOVI SAD, Serbia — Police searching a house in the town found explosives that a gang had been " \
           "preparing for attacks in Belgrade."
    chosen, _ = _places(text, ["NOVI SAD", "Serbia", "Belgrade"])
    assert chosen == [("NOVI SAD", 1, "dateline")]


def test_a_road_or_an_estate_named_after_a_town_far_away_is_in_the_datelines_town():
    text = "NOVI SAD, Serbia — Police fired tear gas at protesters along the Niš road on Tuesday."
    chosen, _ = _places(text, ["NOVI SAD", "Serbia", "Niš"])
    assert chosen == [("NOVI SAD", 1, "sentence")]
    text = "A feud in Novi Sad claimed the lives of two men last year. On Sunday a man was shot in the Ras estate."
    chosen, _ = _places(text, ["Novi Sad", "Ras"], at=1)
    assert chosen == [("Novi Sad", 1, "sentence")]


def test_where_fire_came_from_locates_it_when_the_sentence_names_no_place_it_fell():
    text = "Rockets fired from positions east of Mitrovica struck a camp in the north of the city."
    located = _roles(text, [("Mitrovica", "east of", "east of Mitrovica")])
    assert located["Mitrovica"] == "event"
    text = "Extra police units sent from Belgrade were in Novi Sad on Sunday."
    assert _roles(text, ["Belgrade", "Novi Sad"])["Novi Sad"] == "event"


def test_a_region_told_back_keeps_the_region_over_the_datelines_town():
    text = "NOVI SAD — Parents in the north of Vojvodina say they fear the roads. On Thursday gunmen stopped a " \
           "bus in the south of the region."
    chosen, _ = _places(text, ["NOVI SAD", "Vojvodina"], at=1)
    assert chosen == [("Vojvodina", 3, "paragraph")]


def test_the_ends_of_a_road_a_town_lies_on_locate_nothing_while_the_town_is_named():
    text = "Banjska, a market town on the road between Zvečan and Leposavić, had been spared for years. On " \
           "Saturday gunmen took away 23 people."
    chosen, _ = _places(text, ["Banjska", "Zvečan", "Leposavić"], at=1)
    assert chosen == [("Banjska", 1, "paragraph")]
    assert _roles(text.split(". ")[0], ["Banjska", "Zvečan", "Leposavić"]) == {
        "Banjska": "other", "Zvečan": "route", "Leposavić": "route"}
    # the dateline's town, told back, lies on the road
    text = "NOVI SAD, Serbia — The town sits on the main road between Belgrade and Subotica. On Saturday " \
           "soldiers shot dead seven people."
    chosen, _ = _places(text, ["NOVI SAD", "Serbia", "Belgrade"], at=1)
    assert chosen == [("NOVI SAD", 1, "dateline")]


def test_the_first_end_of_a_road_locates_an_event_along_it_when_nothing_else_does():
    text = "Gunmen ambushed a bus on the road between Zvečan and Leposavić. Five people were killed."
    chosen, _ = _places(text, ["Zvečan", "Leposavić"], at=0)
    assert chosen == [("Zvečan", 2, "sentence")]
    chosen, _ = _places(text, ["Zvečan", "Leposavić"], at=1)
    assert chosen == [("Zvečan", 2, "paragraph")]
    text = "A bomb tore through a minibus on the road between Zvečan and Leposavić in Kosovo on Saturday."
    chosen, _ = _places(text, ["Zvečan", "Leposavić", "Kosovo"])
    assert chosen == [("Zvečan", 2, "sentence")]


def test_the_town_told_back_is_not_where_fire_came_from_told_back():
    text = "NOVI SAD, Serbia — Gangs have long built drones in workshops in Niš. On Tuesday drones launched " \
           "from that area struck the power station in the town."
    chosen, _ = _places(text, ["NOVI SAD", "Serbia", "Niš"], at=1)
    assert chosen == [("NOVI SAD", 1, "dateline")]
    text = "Gangs have long built drones in workshops in Niš. On Tuesday drones struck a warehouse on the edge " \
           "of this town."
    chosen, _ = _places(text, ["Niš"], at=1)
    assert chosen == [("Niš", 2, "paragraph")]


def test_a_section_of_a_town_far_from_the_datelines_is_a_quarter_of_the_datelines():
    PLACES["University"] = Place("University", 45.0, 19.0, country_code="RS", feature_class="P", feature_code="PPLX")
    try:
        text = "NOVI SAD, Serbia — A crowd packed the University District on Saturday and flipped a car."
        chosen, _ = _places(text, ["NOVI SAD", "Serbia", "University"])
        assert chosen == [("NOVI SAD", 1, "sentence")]
    finally:
        del PLACES["University"]


def test_clinics_the_survivors_reached_are_no_place_of_the_event():
    text = "Fighters assaulted at least 14 women in villages across Vojvodina, and several survivors had since " \
           "reached clinics in Novi Sad."
    assert _roles(text, ["Vojvodina", "Novi Sad"]) == {"Vojvodina": "event", "Novi Sad": "hospital"}


def test_the_place_of_an_earlier_event_given_as_the_cause_is_no_place_of_the_event():
    text = "NOVI SAD, Serbia — Students marched to the town square on Monday to demand safer housing after a " \
           "fire damaged a dormitory in Niš last week."
    assert _roles(text, ["Niš"])["Niš"] == "cause"
    chosen, _ = _places(text, ["NOVI SAD", "Serbia", "Niš"])
    assert chosen == [("NOVI SAD", 1, "dateline")]
    # the event's own "after" clause, undated apart, places it
    text = "Police fired tear gas after protesters blocked a road in Niš on Monday."
    assert _roles(text, ["Niš"])["Niš"] == "event"


def test_a_regions_office_is_who_speaks_not_where_and_its_building_is_a_site():
    text = "Drones hit a warehouse in the town, the Vojvodina regional military administration said."
    assert _roles(text, ["Vojvodina"])["Vojvodina"] == "origin"
    text = "Residents held a sit-in outside the Vojvodina provincial council building on Saturday."
    assert _roles(text, ["Vojvodina"])["Vojvodina"] == "event"


def test_a_district_named_before_gives_way_to_the_datelines_town_its_code_puts_in_it():
    district = Place("Pčinja", 42.5, 22.0, feature_class="A", feature_code="ADM2", country_code="RS",
                     admin1_code="S", admin2_code="24")
    PLACES["Pčinja"] = district
    PLACES["VRANJE"] = Place("Vranje", 42.55, 21.9, country_code="RS", admin1_code="S", admin2_code="24", **TOWN)
    PLACES["NIŠ"] = Place("Niš", 43.32, 21.9, country_code="RS", admin1_code="S", admin2_code="20", **TOWN)
    try:
        text = "VRANJE, Serbia — A man died in the Pčinja district jail last month. The march was peaceful."
        chosen, _ = _places(text, ["VRANJE", "Serbia", "Pčinja"], at=1)
        assert chosen == [("VRANJE", 1, "dateline")]
        # a town of another district keeps the district the report spoke of
        text = "NIŠ, Serbia — A man died in the Pčinja district jail last month. The march was peaceful."
        chosen, _ = _places(text, ["NIŠ", "Serbia", "Pčinja"], at=1)
        assert chosen == [("Pčinja", 2, "paragraph")]
    finally:
        for name in ("Pčinja", "VRANJE", "NIŠ"):
            del PLACES[name]
