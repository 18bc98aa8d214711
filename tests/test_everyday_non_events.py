"""Everyday sentences that borrow the words of violence (round ten of the non-events): a match's score, cricket,
a simile, "any attack", a rejected claim, a past event named by its year or told "many years ago". The team's
own sentences about other places; beside each rule, a real event in the same words that stays one."""

import datetime as dt

import pytest

from geo.incidents.clauses import SCORE, words
from geo.incidents.dates import background, resolve_date
from tests.conftest import BATTLES, BOMBS, CIVILIANS

NON_EVENTS = [
    # A score marks sport, whatever the verb
    "Ireland beat Scotland 31-12 in Dublin on Sunday.",
    "Wales's forwards stormed over the line twice as the visitors beat Argentina 24-20 in Cardiff.",
    # Cricket's words are sport's
    "The Pakistani opener blasted 87 off 60 balls as the visitors crushed Zimbabwe by eight wickets in Harare.",
    # A simile compares with a bomb; it tells none
    "The closure of the mine hit the town of Bor like a bomb, local traders said.",
    # "any attack" names no attack that happened
    "Azerbaijan's defence ministry said in Baku that the army would respond firmly to any attack on its positions, "
    "in remarks aimed at its western neighbour.",
    # A claim the sentence rejects
    "Bulgarian police said nobody had been shot near Svilengrad, rejecting claims by a rights group that border "
    "guards had opened fire on migrants.",
    # The event a year names, the topic of a study or a book
    "A new study of the 1988 Halabja massacre, in which Iraqi forces killed thousands of people, was presented at a "
    "seminar in Erbil on Friday.",
    # A relative clause of its own "many years ago"
    "Pensioners gathered in Kragujevac on Sunday to honour the partisans who stormed the German garrison eighty "
    "years ago.",
    "Veterans met in Bitola on Sunday to honour the partisans who stormed the garrison half a century ago.",
]


@pytest.mark.parametrize("sentence", NON_EVENTS)
def test_everyday_wordings_report_no_event(fast, parsed, sentence):
    for reader in (fast, parsed):
        assert reader.read(sentence) is None, (sentence, reader.read(sentence))


EVENTS = [
    ("Rebels stormed the town of Menaka on Saturday and killed 12 villagers.", CIVILIANS),
    ("Shells hit the market in Kherson this week, killing four people.", BOMBS),
    ("Gunmen attacked a patrol near Gao on Monday, and soldiers returned fire.", BATTLES),
    ("Troops fought rebels for two days around Bunia, in clashes that left 20 dead.", BATTLES),
    ("A car bomb exploded like a thunderclap outside the ministry in Mogadishu on Monday.", BOMBS),
    ("Soldiers shot two smugglers near Oujda on Monday, the ministry said, rejecting claims that they were armed.",
     CIVILIANS),
]


@pytest.mark.parametrize(("sentence", "event_type"), EVENTS)
def test_the_same_words_in_real_events_stay_events(fast, parsed, sentence, event_type):
    for reader in (fast, parsed):
        reading = reader.read(sentence)
        assert reading is not None and reading.event_type == event_type, (sentence, reading)


@pytest.mark.parametrize(("sentence", "scored"), [
    ("Ireland beat Scotland 31-12 in Dublin.", True),
    ("The hosts won 3-1 at home.", True),
    ("a 2-0 win", True),
    ("Clashes on 12-13 March left ten dead.", False),
    ("Gunmen killed 10-12 villagers.", False),
])
def test_a_score_is_told_from_a_range(sentence, scored):
    w = words(sentence)
    assert any(SCORE in b for b in w.bases) is scored


ARTICLE = dt.date(2024, 2, 8)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Thirty years ago this week, troops shelled the bazaar in Tuzla, killing dozens; relatives laid flowers "
     "on Monday.", True),
    ("Forty years ago today, police opened fire on miners in Orgreave.", True),
    ("Seventy years ago, soldiers shot 40 villagers near Kalavryta.", True),
    # however the span is counted
    ("A century ago, colonial troops burned the village of Ngome.", True),
    ("Half a century ago soldiers fired on striking dockers in Gdynia.", True),
    ("A decade ago today, a car bomb tore through the main square of Hilla.", True),
    ("Rebels last held the valley a generation ago.", True),
    ("Decades ago, militias razed the mission at Bor.", True),
    ("A year ago, police clashed with dockers in Gdynia.", False),
    ("Shells hit the market in Kherson this week, killing four.", False),
    ("Rebels stormed the town of Menaka on Saturday.", False),
])
def test_many_years_ago_is_background_though_a_present_phrase_follows(sentence, expected):
    assert background(sentence, resolve_date(sentence, ARTICLE), ARTICLE) is expected


# Round twelve of the non-events: a dated relative clause, years since a battle, relief after a storm, a firm's
# assault on a market, a council's fire, a gas cylinder's and a factory fire's dead, a drill, denials that explain
# what was heard, an animal that attacked, riot gear at a match. Each beside a real event in the same words.
NON_EVENTS_12 = [
    "Relatives laid wreaths in Lidice on Sunday at the memorial to the 173 men who were shot when German troops "
    "razed the village on June 10, 1942.",
    "On Friday, Volgograd marked 80 years since the battle in which Soviet troops, fighting street by street, "
    "encircled the German Sixth Army.",
    "Honduras sent 800 soldiers to La Ceiba after the hurricane to hand out food and clear roads, the army said.",
    "A German discount retailer launched an assault on the Polish market on Monday, opening 40 stores in Wrocław.",
    "The ruling Progressives came under fire in Novi Sad on Tuesday when opposition councillors walked out of a "
    "stormy council session over a bus contract.",
    "Three people were killed when a gas cylinder exploded in a bakery in Kumanovo on Sunday, blowing out the "
    "windows of nearby houses.",
    "A fire that swept through a textile factory in Narayanganj on Monday killed six workers, and firefighters "
    "needed six hours to put it out.",
    "Emergency services in Odesa held drills on Tuesday simulating a drone strike on the port, evacuating 300 dock "
    "workers.",
    "Mali's army denied on Monday that militants had overrun its camp at Boni, saying the gunfire heard overnight "
    "came from soldiers test-firing new rifles.",
    "The army denied that clashes had broken out near Hpa-an, saying the explosions villagers heard came from a "
    "quarry blasting rock for a dam.",
    "A rabid hyena attacked six people in a village near Marsabit on Friday before villagers killed it.",
    "Riot police and water cannon surrounded the stadium in Plovdiv on Sunday as the city hosted the cup final, "
    "which passed off without trouble.",
]


@pytest.mark.parametrize("sentence", NON_EVENTS_12)
def test_round_twelve_wordings_report_no_event(fast, parsed, sentence):
    for reader in (fast, parsed):
        assert reader.read(sentence) is None, (sentence, reader.read(sentence))


EVENTS_12 = [
    ("Gunmen shot dead three men in Lidice on Sunday, police said.", CIVILIANS),
    ("A car bomb exploded outside the police station in Mardan on Monday, blowing out the windows of nearby "
     "shops.", BOMBS),
    ("Gunmen set fire to a warehouse in Kano on Monday, killing four workers, and firefighters needed hours to "
     "put it out.", CIVILIANS),
    ("A police patrol came under fire near Kidal on Monday as the council met to debate the budget.", BATTLES),
    ("Militants launched an assault on the market in Gao on Monday, killing five traders.", CIVILIANS),
    ("Gunmen attacked a bus near Garissa on Sunday, killing four passengers.", CIVILIANS),
]


@pytest.mark.parametrize(("sentence", "event_type"), EVENTS_12)
def test_round_twelve_words_in_real_events_stay_events(fast, parsed, sentence, event_type):
    for reader in (fast, parsed):
        reading = reader.read(sentence)
        assert reading is not None and reading.event_type == event_type, (sentence, reading)


def test_fans_met_with_riot_gear_at_a_match_are_an_intervention(fast, parsed):
    sentence = "Riot police fired tear gas at fans outside the stadium in Izmir after the match."
    for reader in (fast, parsed):
        assert reader.read(sentence) is not None


@pytest.mark.parametrize(("sentence", "expected"), [
    # a part of a year names the year: long past, it is background
    ("Forensic experts exhumed the remains of 14 people from a pit outside Vukovar, victims believed to have been "
     "killed in the autumn of 1991.", True),
    ("Militiamen burned villages near Kalemie in early 2019.", True),
    ("Militiamen burned villages near Kalemie during the winter of 2023.", False),
])
def test_a_part_of_a_year_dates_its_sentence(sentence, expected):
    assert background(sentence, resolve_date(sentence, ARTICLE), ARTICLE) is expected


# Round thirteen of the non-events: the place where a dated past happened and what it did, a car against a tree,
# films that shot it out at the box office, air tankers on a fire's flank; and a court's judgment over a deed of
# a past year, which is background. Each beside a real event in the same words.
NON_EVENTS_13 = [
    "Veterans laid flowers in Sharpeville on Saturday at the spot where police fired on a crowd on March 21, 1960, "
    "killing 69 people.",
    "Three friends were killed and a fourth badly hurt when their van struck a tree outside Tralee early on Sunday.",
    "Two animated sequels shot it out at the box office this weekend, with cinemas in Leeds and Hull sold out.",
    "Air tankers attacked the southern flank of the Cedar Fire near Ramona on Tuesday as crews cut fire lines.",
]


@pytest.mark.parametrize("sentence", NON_EVENTS_13)
def test_round_thirteen_wordings_report_no_event(fast, parsed, sentence):
    for reader in (fast, parsed):
        assert reader.read(sentence) is None, (sentence, reader.read(sentence))


EVENTS_13 = [
    ("Gunmen opened fire on a minibus near Tralee on Sunday, killing three passengers.", CIVILIANS),
    ("Rebels attacked the southern flank of the army's position near Goma on Tuesday.", BATTLES),
    ("Gunmen shot it out with police outside a bank in Lagos on Monday.", BATTLES),
]


@pytest.mark.parametrize(("sentence", "event_type"), EVENTS_13)
def test_round_thirteen_same_words_in_real_events_stay_events(fast, parsed, sentence, event_type):
    for reader in (fast, parsed):
        reading = reader.read(sentence)
        assert reading is not None and reading.event_type == event_type, (sentence, reading)


@pytest.mark.parametrize(("sentence", "expected"), [
    # a court's judgment over a deed of a past year: background, though the sentence dates itself
    ("A man was jailed for 14 years at a court in Leeds on Friday for the attempted murder of a doorman in 2021, "
     "when a petrol bomb was thrown into a bar.", True),
    ("A judge in Tacoma sentenced a 30-year-old to life on Monday for a 2020 shooting that killed two teenagers.",
     True),
    ("The retrial of four guards charged over the 2018 riot at the jail in Tuzla, in which an inmate was beaten to "
     "death, opened on Tuesday.", True),
    # the deed of this year, or the judgment said of who someone is, is news
    ("A court in Leeds jailed a man on Friday for a shooting last month that killed a doorman.", False),
    ("A gunman, who was jailed in 2015 for robbery, shot dead two guards in Tacoma on Monday.", False),
])
def test_a_courts_judgment_over_a_deed_of_a_past_year_is_background(sentence, expected):
    assert background(sentence, resolve_date(sentence, ARTICLE), ARTICLE) is expected
