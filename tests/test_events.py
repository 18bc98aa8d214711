"""Event typing: the event table and actor table, reading one sentence (triggers in their
clause, inflections, figurative use, negation, modality, reported speech), actors, counts,
background sentences, and the parser used on trigger sentences only."""

import datetime as dt

import pytest

from geo.errors import InputError
from geo.incidents.clauses import bases, compile_phrases, window_asserted, words
from geo.incidents.counts import read_counts
from geo.incidents.dates import background, resolve_date
from geo.incidents.events import (
    EventReader,
    default_actor_table,
    default_event_table,
    read_actor_table,
    read_event_table,
)

BATTLES, BOMBS, CIVILIANS = "Battles", "Explosions/Remote violence", "Violence against civilians"
PROTESTS, RIOTS, DEVELOPMENTS = "Protests", "Riots", "Strategic developments"


@pytest.fixture(scope="module")
def fast():
    return EventReader()


@pytest.fixture(scope="module")
def parsed():
    return EventReader(parse=True)


# The team's own sentences, in the plain style of agency copy (not from the dev set).
REPORTS = [
    ("Kosovo Police officers traded fire with a group of armed men near Jarinje on Sunday.", BATTLES,
     "armed clash"),
    ("Troops and rebels fought for several hours outside Beni, the army said.", BATTLES, "armed clash"),
    ("Unidentified gunmen opened fire on an army checkpoint in Zamfara, killing two soldiers.", BATTLES,
     "armed clash"),
    ("A police patrol came under fire near the border crossing overnight.", BATTLES, "armed clash"),
    ("There was a shoot-out between special police and a criminal gang in Novi Pazar.", BATTLES, "armed clash"),
    ("Insurgents overran a military outpost and took control of the town of Mansila.", BATTLES,
     "non-state actor overtakes territory"),
    ("The army said it had recaptured the village of Kiwanja from M23 rebels.", BATTLES,
     "government regains territory"),
    ("Artillery shells hit residential blocks in Kharkiv on Friday night.", BOMBS,
     "shelling/artillery/missile attack"),
    ("Militants fired three rockets at a base near Kirkuk.", BOMBS, "shelling/artillery/missile attack"),
    ("An airstrike on a fuel depot near Hodeidah killed four people.", BOMBS, "air/drone strike"),
    ("A roadside bomb struck a military convoy in Gao, wounding five soldiers.", BOMBS,
     "remote explosive/landmine/IED"),
    ("A farmer was killed when his tractor hit a landmine near Kupiansk.", BOMBS, "remote explosive/landmine/IED"),
    ("Someone threw a hand grenade at a cafe in Kumanovo overnight.", BOMBS, "grenade"),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu.", BOMBS, "suicide bomb"),
    ("Gunmen shot dead a village chief in Ituri on Tuesday.", CIVILIANS, "attack"),
    ("Masked men beat a journalist outside his home in Belgrade.", CIVILIANS, "attack"),
    ("Armed men kidnapped six passengers from a bus near Kaduna.", CIVILIANS, "abduction/forced disappearance"),
    ("Militiamen raped two women near a camp for displaced people in Djugu.", CIVILIANS, "sexual violence"),
    ("About 300 people protested in front of the government building in Pristina.", PROTESTS,
     "peaceful protest"),
    ("Serb residents blocked the road to the Jarinje crossing with trucks.", PROTESTS, "peaceful protest"),
    ("Police used water cannon to disperse students marching on parliament in Dhaka.", PROTESTS,
     "protest with intervention"),
    ("Police arrested 14 protesters outside the courthouse in Tbilisi.", PROTESTS, "protest with intervention"),
    ("Troops opened fire on demonstrators in Mandalay, killing three.", PROTESTS,
     "excessive force against protesters"),
    ("Protesters hurled stones at riot police and set cars on fire in Sofia.", RIOTS, "violent demonstration"),
    ("Demonstrators clashed with police outside the municipal building in Zvecan.", RIOTS,
     "violent demonstration"),
    ("A mob lynched two men accused of theft in Kasai.", RIOTS, "mob violence"),
    ("Villagers beat a suspected cattle thief to death near Mopti.", RIOTS, "mob violence"),
    ("Fans of two clubs fought with knives and iron bars after the derby in Split.", RIOTS, "mob violence"),
    ("Police arrested three men suspected of smuggling weapons in Tetovo.", DEVELOPMENTS, "arrests"),
    ("Army engineers defused a roadside bomb near Kandahar.", DEVELOPMENTS, "disrupted weapons use"),
    ("Police seized 20 rifles and four grenades from a warehouse in Leposavic.", DEVELOPMENTS,
     "disrupted weapons use"),
    ("Police seized weapons and explosives in a raid on a farm.", DEVELOPMENTS, "disrupted weapons use"),
    ("The two sides signed a ceasefire agreement in Doha on Saturday.", DEVELOPMENTS, "agreement"),
    ("Serbia deployed additional troops along the administrative line with Kosovo.", DEVELOPMENTS, "other"),
    ("Kosovo closed two border crossings with Serbia on Monday.", DEVELOPMENTS, "other"),
    ("Militiamen looted shops in the market of Bunia.", DEVELOPMENTS, "looting/property destruction"),
]


@pytest.mark.parametrize(("sentence", "event_type", "sub_event_type"), REPORTS)
def test_reports_are_typed_with_and_without_the_parser(fast, parsed, sentence, event_type, sub_event_type):
    for reader in (fast, parsed):
        reading = reader.read(sentence)
        assert reading is not None, sentence
        assert (reading.event_type, reading.sub_event_type) == (event_type, sub_event_type), sentence
        assert reading.evidence and all(e in sentence for e in reading.evidence)
        assert 0 < reading.confidence <= 0.95


NOT_EVENTS = [
    # figurative and other senses
    "Firefighters fought a fire in the old warehouse for three hours.",
    "Crews battled the blaze until dawn.",
    "She battled cancer for six years.",
    "Flood fighting crews worked along the river all night.",
    "The Tigers stormed back to win the game in overtime.",
    "United stormed to victory in the final.",
    "The senator launched an attack on the budget proposal.",
    "The opposition attacked the government over the new tax.",
    "Two ministers clashed over the pension reform.",
    "He suffered a heart attack at home.",
    "The striker shot wide in the second half.",
    "The film bombed at the box office.",
    "Russian rocket lifted off from the Baikonur cosmodrome.",
    "The museum shows shells found on the beach.",
    "Council Member Bill Banning said the vote would be close.",
    "Dick Lynch said the office will open in May.",
    "She lives in the 700 block of Knox Road.",
    "Participants sat in a circle on the carpet.",
    "Chefs demonstrated Passover recipes.",
    "A dog attacked a jogger in the park.",
    # statements, negation, modality and reported speech
    "Belgrade accused Kosovo of attacking Serbs in the north.",
    "The minister condemned the attack and called for calm.",
    "The EU urged both sides to avoid violence.",
    "Police denied attacking the journalists.",
    "No shots were fired.",
    "None of its soldiers had fired at the crowd, KFOR said.",
    "Protesters could clash with police at the weekend.",
    "The opposition threatened to block roads if the law passes.",
    "The mayor warned that militants might attack the town.",
    # accidents, courts, advocacy
    "Two people were killed in a car crash on the highway.",
    "He was charged with assault and released on bail.",
    "The walk raises awareness of sexual violence.",
    "Police executed a search warrant at the house.",
    "Troops fired tear gas during a training exercise.",
]


@pytest.mark.parametrize("sentence", NOT_EVENTS)
def test_sentences_that_report_no_event(fast, sentence):
    assert fast.read(sentence) is None


@pytest.mark.parametrize("sentence", NOT_EVENTS[20:29])
def test_the_parser_reads_statements_and_negation_too(parsed, sentence):
    assert parsed.read(sentence) is None


def test_a_gerund_after_for_or_of_is_a_charge_not_a_new_event(fast, parsed):
    for reader in (fast, parsed):
        reading = reader.read("He was arrested for attacking a neighbour.")
        assert (reading.sub_event_type, reading.evidence) == ("arrests", ("arrested",))


def test_seized_weapons_with_an_explosion_are_an_explosion(fast):
    assert fast.read("Police seized weapons after a bomb exploded in the market.").event_type == BOMBS


def test_a_statement_that_also_asserts_the_event_is_an_event(fast, parsed):
    sentence = "Belgrade accused Kosovo of the attack, in which two Serbs were shot and wounded."
    for reader in (fast, parsed):
        assert reader.read(sentence).event_type == CIVILIANS


@pytest.mark.parametrize(("sentence", "evidence"), [
    ("There was a shoot-out in Zvecan.", "shoot-out"),
    ("There was a shootout in Zvecan.", "shootout"),
    ("Police baton-charged the crowd of protesters.", "baton-charged"),
    ("The air-strike hit a school.", "air-strike"),
    ("Shots were fired at the police station.", "Shots"),
    ("Two men were beaten by masked men.", "beaten"),
])
def test_hyphens_and_inflections(fast, sentence, evidence):
    assert evidence in fast.read(sentence).evidence


def test_base_forms_and_phrases():
    assert {"fire"} <= bases("fired") and {"shoot"} <= bases("shots") and {"beat"} <= bases("beaten")
    assert "firefight" not in bases("firefighting")  # a word of its own
    assert "clash" in bases("clashes") and "kidnap" in bases("kidnapped")
    phrases = compile_phrases("air strike")
    assert (("base", "airstrike"),) in phrases  # two words also as one
    w = words("Gunmen fired two shots at the patrol.")
    phrase = compile_phrases("fire+ ... at")[0]
    from geo.incidents.clauses import match_at
    assert match_at(phrase, w, 1, len(w.tokens)) == 5


def test_a_month_is_no_march_and_may_is_not_modal():
    w = words("He retires on march 31, and in May they march.")
    assert w.norms[3] == "<month>" and w.norms[8] == "<month>" and w.norms[-2] == "march"
    assert window_asserted(words("They may march."), 2) is False


def test_attributions_take_no_part(fast):
    # ", police said" is its own clause: the police are not the attack's target
    reading = fast.read("Militants killed five villagers in an attack on a settlement, police said.")
    assert reading.event_type == CIVILIANS
    assert words("Two were hurt, police said.").attributions


@pytest.mark.parametrize(("sentence", "actors"), [
    ("Kosovo Police officers exchanged fire with unidentified gunmen.", ("Kosovo Police", "gunmen")),
    ("KFOR troops were attacked by masked men.", ("masked men", "KFOR")),
    ("Serbian police clashed with armed herders.", ("Serbian police", "armed herders")),
    ("Protesters threw stones at riot police.", ("protesters", "police")),
    ("Russian forces shelled Kherson, killing two villagers.", ("Russian forces", "community")),
    ("Police arrested 40 PTI supporters in Lahore.", ("police", "civilians")),
])
def test_actors_are_canonical_and_at_most_two(fast, sentence, actors):
    assert fast.read(sentence).actors == actors


@pytest.mark.parametrize(("sentence", "fatalities", "injuries"), [
    ("Two officers were killed.", 2, None),
    ("Gunmen attacked the bus, killing three.", 3, None),
    ("One person died.", 1, None),
    ("The blast left 12 dead.", 12, None),
    ("The death toll rose to 9.", 9, None),
    ("A soldier was killed.", 1, None),
    ("He was shot dead.", 1, None),
    ("No one was killed.", 0, None),
    ("Nobody was hurt, police said.", 0, 0),
    ("No casualties were reported.", 0, 0),
    ("Two soldiers and three civilians were killed.", 5, None),
    ("Five people, including two children, were killed.", 5, None),
    ("killing five soldiers and a civilian", 6, None),
    ("twenty-five people were killed and a dozen injured", 25, 12),
    ("Gunmen killed two soldiers and wounded three.", 2, 3),
    ("A 25-year-old man was killed in 2019.", 1, None),
])
def test_counts(sentence, fatalities, injuries):
    counts = read_counts(sentence)
    assert (counts.fatalities, counts.injuries) == (fatalities, injuries)


def test_vague_counts_keep_their_words():
    counts = read_counts("Dozens of people were killed and several injured.")
    assert counts.fatalities is None and counts.fatalities_text == "Dozens of people were killed"
    assert counts.injuries is None and "several" in counts.injuries_text
    assert read_counts("Two officers were killed.").fatalities_text == "Two officers were killed"


def test_readings_carry_counts(fast):
    reading = fast.read("Gunmen opened fire on a police patrol, killing two officers and wounding one.")
    assert (reading.fatalities, reading.fatalities_text, reading.injuries) == (2, "killing two officers", 1)


ARTICLE = dt.date(2023, 6, 15)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Police clashed with protesters on Sunday.", False),
    ("In April protesters blocked the roads.", False),
    ("Last year police arrested 20 people.", False),
    ("He fought in World War I.", True),
    ("Serbs fled during the 1998-99 war.", True),
    ("Kosovo has been under international administration since 1999.", True),
    ("In the 1990s the region saw war.", True),
    ("The 1992-95 siege of Sarajevo killed thousands.", True),
    ("In 2003 a bomb exploded in the market.", True),
    ("Police arrested him on June 1, 2022.", True),
    ("It was the worst violence since 1999.", False),  # a comparison: the violence is news
    ("On Sunday police clashed with protesters, the worst since 1999.", False),
    ("The town was shelled in 1991; today the damage can hardly be seen.", True),
    ("The army defeated the nobles at Kosovo Polje in 1389.", True),
    ("Victims of the 1995 massacre were buried there.", True),
    ("Ten years ago, a gunman killed seven people in the church.", True),
    ("A year ago, police clashed with protesters here.", False),
    ("Government troops and rebels fought in the civil war's latest battle on Sunday.", False),
])
def test_background(sentence, expected):
    assert background(sentence, resolve_date(sentence, ARTICLE), ARTICLE) is expected


def test_a_capitalised_in_opens_a_date():
    assert resolve_date("In 2003 a bomb exploded.", ARTICLE).text == "In 2003"
    assert resolve_date("In April it rained.", ARTICLE).date == dt.date(2023, 4, 1)


# --- Tables ----------------------------------------------------------------------------------

def test_the_team_table_lists_the_taxonomy_in_order_with_colours():
    table = default_event_table()
    assert list(table.event_types) == [BATTLES, BOMBS, CIVILIANS, PROTESTS, RIOTS, DEVELOPMENTS]
    assert all(table.colour(t).startswith("#") for t in table.event_types)
    assert len(set(table.event_types.values())) == 6
    assert table.sub_event_types(BATTLES)[0] == "armed clash"
    assert "arrests" in table.sub_event_types(DEVELOPMENTS)
    assert {e.cls for e in default_actor_table().entries} >= {"state", "armed", "civilians", "protesters"}


USER_TABLE = """# a user's own table
type\tViolence\t#000000\tshooting, beating
type\tUnrest\t#ffffff\tgathering
set\t@guns\tshoot, open fire
event\tViolence\tshooting\t@guns
event\tViolence\tbeating\tbeat\ttarget:civilians
event\tUnrest\tgathering\tgather, sit-in
not\tsports\tshoot\twith:game
"""


def test_a_users_table_is_read_and_used(tmp_path):
    path = tmp_path / "types.tsv"
    path.write_text(USER_TABLE, encoding="utf-8")
    table = read_event_table(path)
    assert list(table.event_types) == ["Violence", "Unrest"] and table.colour("Unrest") == "#ffffff"
    reader = EventReader(table)
    assert reader.read("Gunmen opened fire on the bus.").sub_event_type == "shooting"
    assert reader.read("Masked men beat a journalist.").sub_event_type == "beating"
    assert reader.read("Masked men beat the odds.") is None
    assert reader.read("Hundreds staged a sit-in outside the court.").event_type == "Unrest"
    assert reader.read("He shot twice in the game.") is None


@pytest.mark.parametrize(("row", "message"), [
    ("event\tViolence\tshooting", "expected 'event<TAB>event type<TAB>sub type<TAB>triggers[<TAB>conditions]'"),
    ("type\tRiots\tred\tmob violence", "expected a colour #rrggbb, not 'red'"),
    ("event\tRiots\tmob violence\tlynch", "unknown event type 'Riots'"),
    ("event\tViolence\tlooting\tloot", "'looting' is not a sub type of 'Violence'"),
    ("event\tViolence\tshooting\t@rifles", "unknown set @rifles"),
    ("event\tViolence\tshooting\tshoot\ttarget:", "bad condition 'target:'"),
    ("event\tViolence\tshooting\tshoot\tvictim:civilians", "bad condition 'victim:civilians'"),
    ("incident\tViolence", "a row starts with type, set, event or not"),
])
def test_a_bad_row_is_one_error_naming_file_and_line(tmp_path, row, message):
    path = tmp_path / "types.tsv"
    path.write_text(USER_TABLE + row + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_event_table(path)
    assert str(err.value).startswith(f"{path}:9: ") and message in str(err.value)
    assert "\n" not in str(err.value)


def test_an_unknown_actor_class_names_the_row(tmp_path):
    path = tmp_path / "types.tsv"
    path.write_text(USER_TABLE + "event\tViolence\tshooting\tsnipe\ttarget:aliens\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"types.tsv:9: unknown actor class aliens"):
        EventReader(read_event_table(path))


def test_a_missing_table_and_a_bad_actor_row(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_event_table(tmp_path / "nope.tsv")
    bad = tmp_path / "actors.tsv"
    bad.write_text("police\tstate\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"actors.tsv:1: expected 'canonical name<TAB>class<TAB>patterns'"):
        read_actor_table(bad)


# --- The parser on trigger sentences only --------------------------------------------------

class _Recording(EventReader):
    """Records what goes to the parser."""

    def __init__(self) -> None:
        super().__init__(parse=True)
        self.parsed: list[str] = []

    def _nlp_pipe(self, texts):
        self.parsed += texts
        return super()._nlp_pipe(texts)


def test_only_sentences_with_a_trigger_are_parsed_in_one_batch():
    reader = _Recording()
    sentences = ["The weather was fine.", "Gunmen attacked a police patrol.", "Kurti met Vucic in Brussels.",
                 "Police fired tear gas at protesters."]
    readings = reader.read_all(sentences)
    assert reader.parsed == [sentences[1], sentences[3]]
    assert [r.event_type if r else None for r in readings] == [None, BATTLES, None, PROTESTS]
    assert readings[1].confidence > EventReader().read(sentences[1]).confidence  # the parse confirmed it


def test_the_parser_reads_roles_the_window_cannot(fast, parsed):
    sentence = "Security forces fired live rounds at protesters in Baghdad, killing four."
    assert parsed.read(sentence).sub_event_type == "excessive force against protesters"
    assert fast.read(sentence).sub_event_type == "excessive force against protesters"
    denial = "The army denied reports that its troops had shelled villages near Idlib."
    assert parsed.read(denial) is None and fast.read(denial) is None
