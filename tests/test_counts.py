"""How many: counts read from one sentence (geo.incidents.counts), the wordings regional and military
reports use for deaths, their zeros, and the numbers that are not people."""

import pytest

from geo.incidents.clauses import words
from geo.incidents.counts import read_counts


@pytest.mark.parametrize(("sentence", "fatalities", "injuries"), [
    # death euphemisms: martyred, martyrdom, neutralised, eliminated, sent to hell
    ("An elderly farmer was martyred near the olive grove on Tuesday.", 1, None),
    ("Six civilians, among them two women, were martyred in the shelling.", 6, None),
    ("Three Levies personnel embraced martyrdom and two others were wounded.", 3, 2),
    ("Troops neutralised eleven bandits in a gun battle, the army said.", 11, None),
    ("Four militiamen were killed and 19 attackers neutralized during the assault.", 23, None),
    ("Eight insurgents were eliminated in the raid on the hideout.", 8, None),
    ("One policeman died while five militants were sent to hell, the statement said.", 6, None),
    # a thing neutralised or eliminated is no one
    ("Sappers neutralised two explosive devices on the bridge.", None, None),
    ("Engineers neutralized the bomb before it went off.", None, None),
    ("The new rule eliminated the backlog.", None, None),
    # a life lost, one dying named without a number
    ("A security guard lost his life in the explosion.", 1, None),
    ("She lost her life when the shell struck the kitchen.", 1, None),
    ("Two lives were lost when the roof was shelled.", 2, None),
    ("The elderly shepherd died at the scene, villagers said.", 1, None),
    ("The 71-year-old pensioner died on the way to hospital.", 1, None),
    ("The conductor later succumbed to his wounds.", 1, None),
    ("The wounded bus driver succumbed in hospital overnight.", 1, None),
    ("The bakery's owner, who was opening the shutters, died at the scene.", 1, None),
    ("A pensioner was pronounced dead on arrival at the clinic.", 1, None),
    # not the one dying: a place or the wounded after a preposition
    ("Seven traders wounded in the raid later died.", 7, 7),
    ("Two of the wounded later succumbed.", 2, 2),
    # the wounded who die, told with any death's words, are dead; a part of the wounded counted before
    # is none of its own
    ("Three of the wounded failed to survive the night.", 3, 3),
    ("One of the injured did not make it, the hospital said.", 1, 1),
    ("Four of the injured died in hospital on Sunday.", 4, 4),
    ("Raiders shot eleven herders, four of whom later succumbed to their wounds.", 4, None),
    ("The shell wounded twelve shoppers; two of the injured did not make it.", 2, 12),
    ("The nurse did not make it to the clinic on time.", None, None),
    ("The courier did not make it to the border.", None, None),
    # nobody killed
    ("A spokesman for the governor said that no life was lost.", 0, None),
    ("No lives were lost in the blaze at the depot.", 0, None),
    ("There was no loss of life, the fire brigade said.", 0, None),
    ("The two guards were treated in hospital and their lives are not in danger.", 0, None),
])
def test_death_wordings(sentence, fatalities, injuries):
    counts = read_counts(sentence)
    assert (counts.fatalities, counts.injuries) == (fatalities, injuries), counts


@pytest.mark.parametrize(("sentence", "fatalities"), [
    # a day of the month is no count of the dead
    ("On 7 December, a man was shot dead outside a bakery.", 1),
    ("On 2 March, gunmen killed a teacher in the square.", 1),
    ("On March 14, a soldier was killed by a sniper.", 1),
    ("On 19 October two villagers were shot dead.", 2),
    ("Late on September 3, three fishermen were shot dead.", 3),
    # an age is none either
    ("One of the two passengers, aged 31, died of his injuries.", 1),
    ("A 52-year-old woman was stabbed to death.", 1),
    ("Gunmen shot dead two 16-year-old boys.", 2),
    ("The victim was a 34 year-old mechanic; he was shot dead.", 1),
    ("The shopkeeper, 60, died in hospital.", 1),
    ("A nurse, 41, and her daughter, 8, were shot dead at their home.", 2),
    ("The two brothers, aged 17 and 20, were killed by a landmine.", 2),
    ("Police said a man aged 30 was stabbed to death.", 1),
    ("A third victim, a 15-year-old boy, succumbed to his injuries.", 1),
    # things burned or destroyed are no people
    ("Rioters torched at least 40 homes and three shops, and four people were killed.", 4),
    ("Attackers burned 12 stores and two churches; five people were killed.", 5),
    # a bracketed gloss between a number and its noun, quote marks around the verb
    ("Three boda-boda (motorcycle taxi) riders were shot dead on the highway.", 3),
    ('Five soldiers were killed and 12 rebels were "neutralised" in the clashes.', 17),
])
def test_numbers_that_are_not_people(sentence, fatalities):
    assert read_counts(sentence).fatalities == fatalities, read_counts(sentence)


@pytest.mark.parametrize(("text", "fatalities"), [
    # an event just after the lead, with no place of its own: the same scene, its toll the lead's
    ("Insurgents overran the garrison town of Mopti on Monday after a night of clashes. At least nine "
     "civilians were killed by stray mortar rounds, a hospital official said.", 9),
    ("Bandits kidnapped 30 passengers from a bus on the highway near Kaduna. One passenger who tried to flee "
     "was shot dead.", 1),
    ("Government forces recaptured the town of Kismayo on Thursday. The defence ministry said 11 fighters were "
     "killed in the operation and that troops had secured the port.", 11),
    # ... with no count of its own: the sentence after it tells the scene's toll
    ("Students hurled stones at the parliament building in Skopje on Friday. Police drove them back with "
     "pepper spray. No one was hurt, the interior ministry said.", 0),
    ("Angry residents stoned a police station in Tetovo late on Sunday. Officers fired warning shots into the "
     "air. Three officers were lightly hurt and their lives are not in danger.", 0),
    # a later toll with another time is another time's
    ("Tribal elders in Khost agreed on Monday to a truce. Feuding between the clans has killed 25 people "
     "since March.", None),
    # ... or set apart from it in time or place
    ("Soldiers clashed with rebels in Beni on Monday. Later gunmen ambushed a truck in a nearby village, "
     "killing three traders.", None),
    # a death told with "also" just after adds to the toll
    ("Three guards were killed when a car bomb exploded at the gate of a prison in Mogadishu on Tuesday. The "
     "driver of the car was also killed, police said.", 4),
    # a toll sentence's place where the hurt were taken is not its own: the toll is the event's
    ("A roadside bomb hit a police truck near Kirkuk on Monday. Three policemen were killed and a fourth was "
     "taken to a hospital in Baghdad.", 3),
    ("Gunmen attacked a police station in Garissa on Friday. Police said two officers and five attackers were "
     "killed; the injured were airlifted to Nairobi.", 7),
    # a toll that rises in a sentence after is the event's
    ("A car bomb exploded outside a market in Kandahar on Monday, killing five people. The toll rose to eight on "
     "Tuesday after three of the wounded died.", 8),
    # the wounded who died, told after the event, are its dead
    ("Gunmen raked a minibus with fire near Kisii on Monday, wounding seven passengers. Two of the wounded "
     "failed to survive.", 2),
    # nobody killed, said after the scene's other counts
    ("Fans of two clubs fought with stones and bottles outside the stadium in Split on Saturday. Police said 9 "
     "people were hurt and 15 were arrested. Nobody was killed.", 0),
    # one more named by its ordinal, or said with "also" in a sentence with no place of its own, adds
    ("Three people were killed when a missile hit a market in Kharkiv on Monday. A fourth victim, an elderly "
     "woman, died in hospital that night.", 4),
    ("Fighting between two militias in the town of Sirte killed four fighters on Friday. Three civilians also "
     "died, according to a local monitor, which said the fighting had stopped by evening.", 7),
    # one dying, set apart by an aside, in the sentence after
    ("A crowd beat a man accused of theft in Kano on Monday, police said. The man, said to be a trader, died "
     "in hospital.", 1),
])
def test_counts_told_after_the_event(pipeline, text, fatalities):
    import datetime as dt

    from geo.articles import Article

    rows = pipeline.run([Article("a", text, dt.date(2024, 5, 30))]).incidents_frame().to_dict(orient="records")
    assert rows
    got = rows[0]["fatalities"]
    assert (None if got is None or got != got else got) == fatalities, rows[0]


@pytest.mark.parametrize(("sentence", "fatalities", "injuries"), [
    # a toll without "death" before it, when it rises or stands at a number
    ("By Monday the toll had risen to 9 after two more bodies were found.", 9, None),
    ("The toll climbed to eleven overnight.", 11, None),
    ("Drivers paid the toll at the bridge.", None, None),
    # "both" of two people
    ("Both passengers were killed when the car was hit.", 2, None),
    ("Both of them died in hospital.", 2, None),
    ("Fighters on both sides were killed, the monitor said.", None, None),
    # a partitive group and a group "along with" another add up
    ("Four policemen and at least nine of the gunmen were killed in the fighting.", 13, None),
    ("The gunman shot dead his uncle and three of his cousins.", 4, None),
    ("In what police called a land dispute, a farmer shot dead his son-in-law and two of his cousins.", 3, None),
    ("Police said five guards were killed, along with 8 of the raiders.", 13, None),
    ("Three officers died together with two of the hijackers.", 5, None),
    ("Four guards were shot dead along with their driver.", 5, None),
    ("The pilot was killed along with his co-pilot.", 2, None),
    # the soldier's euphemism
    ("Three policemen paid the ultimate price in the ambush.", 3, None),
    ("Nine rebels were neutralised and one trooper paid the supreme price.", 10, None),
    # nobody after an active cue
    ("The bomb tore through the market stalls but injured nobody.", 0, 0),
    ("Shells hit the depot, killing no one, officials said.", 0, None),
    # "gave no toll" is no number at all
    ("The ministry gave no death toll.", None, None),
    ("Officials did not release a toll.", None, None),
    # the wounded who died are dead, not hurt
    ("Four youths admitted with stab wounds had died, a nurse said.", 4, 4),
    # a subject set apart by commas before "died"
    ("The driver, who had been shot twice, died on the way to hospital.", 1, None),
    ("The victim, believed to be from Kisumu, died at the scene.", 1, None),
    ("The guard, said to be in his fifties, died in hospital.", 1, None),
    # another event's deaths, told in a relative clause with a time of their own
    ("Thousands marched in the capital over the bridge collapse that killed 9 people in March.", None, None),
    ("Crowds gathered at the site of the fire which killed 30 people last year.", None, None),
    ("Residents recalled the bombing of the mosque in May 2019, in which a cleric was killed.", None, None),
    ("Protests followed the siege in 2016, during which 40 people died.", None, None),
    # a subject with a relative clause of its own before a passive cue
    ("Three fishermen who had been mending their nets were killed by the blast.", 3, None),
    # an operation that made it possible to kill: a killing done
    ("The air strikes made it possible to neutralise 12 terrorists, the army said.", 12, None),
    ("Troops managed to kill four of the raiders before they fled.", 4, None),
    ("The gang threatened to kill two hostages.", None, None),
    # a part of the group before it ("four of them women") is among its number, not added to it
    ("Nine people, four of them women, were killed in Bunia.", 9, None),
    ("Three soldiers, one of them an officer, and two civilians were killed.", 5, None),
    # none of the hurt in danger of their lives: nobody killed
    ("The attack wounded three guards; none is in a life-threatening condition.", 0, 3),
    # a toll someone puts at a number ("paid the toll at the bridge" is no count)
    ("A hospital official in Kismayo put the death toll at 11.", 11, None),
    ("Officials placed the toll at seven, all of them farmers.", 7, None),
    ("He paid the toll at the bridge in Kano.", None, None),
    ("Gunmen killed at least 12 people in Mubi, a rights group said; police put the toll at eight.", 12, None),
])
def test_groups_tolls_and_nobody(sentence, fatalities, injuries):
    counts = read_counts(sentence)
    assert (counts.fatalities, counts.injuries) == (fatalities, injuries), counts


@pytest.mark.parametrize(("sentence", "fatalities", "injuries"), [
    # a couple is two people, "a couple of" is no count
    ("An artillery shell struck a farmhouse near Kupiansk, killing an elderly couple.", 2, None),
    ("A retired couple died when the drone hit their flat in Sloviansk.", 2, None),
    ("Gunmen shot the couple and their grandson at the gate.", None, None),
    ("Gunmen stormed the farm, killing the couple and their grandson.", 3, None),
    ("Rebels held the road for a couple of hours and two drivers were killed.", 2, None),
    # an execution of a number of people: that many killed; of a warrant or a plan, none
    ("The execution of nine fishermen near Mopti has been blamed on the militia.", 9, None),
    ("The summary executions of 11 villagers in Djibo were condemned.", 11, None),
    ("The execution of a search warrant at the flat in Kano led to three arrests.", None, None),
    # a heap of the dead, told by "a ... of": how many is untold
    ("The raiders left a trail of bodies along the road to Kalehe.", None, None),
    ("Residents described a pile of bodies near the river.", None, None),
    # treated and released from hospital: the one hurt lived
    ("The cyclist, 29, was treated in hospital and released the same night.", 0, None),
    ("The officer was taken to hospital and later discharged.", 0, None),
    ("Two guards were released from custody on Monday.", None, None),
])
def test_couples_executions_heaps_and_the_discharged(sentence, fatalities, injuries):
    counts = read_counts(sentence)
    assert (counts.fatalities, counts.injuries) == (fatalities, injuries), counts


@pytest.mark.parametrize(("sentence", "trigger", "fatalities"), [
    # the dead of what came before the event, in a clause with its own subject and verb: not its toll
    ("Students stoned a police station in Kisii on Friday after a classmate died in custody.", "stoned", None),
    ("Cars were burnt in Roubaix overnight, hours after a teenager was shot dead by an officer.", "burnt", None),
    # the event's own act in that clause, or an event named there, keep their count
    ("Gunmen fled into the forest after killing four farmers near Zurmi.", "fled", 4),
    ("Police detained 40 men after clashes that killed two in Jos.", "detained", 2),
    # the trigger inside the background clause: its counts are its own
    ("Calm returned to Jos after a mob killed three traders.", "killed", 3),
])
def test_the_dead_of_what_came_before_are_not_the_events(sentence, trigger, fatalities):
    w = words(sentence)
    assert read_counts(w, w.tokens.index(trigger)).fatalities == fatalities


@pytest.mark.parametrize(("sentence", "fatalities", "injuries"), [
    # "as many as" is a hedge on the number after it, not a clause
    ("A drone struck a wedding party near Marib, killing as many as 14 guests.", 14, None),
    # a sum of money is no count of people
    ("Four bandits, including two brothers who had a bounty of Rs 5 lakh on them, were killed by troops.", 4, None),
    ("The kidnappers demanded $ 20,000 and shot two guards.", None, None),
    # groups joined by "and", a possessive before the number, an age in a group, a subject after a colon
    ("Shelling of a suburb of Donetsk killed a man and his three daughters.", 4, None),
    ("A land dispute near Kisumu turned violent: a 52-year-old trader and his brother, 30, were shot dead.",
     2, None),
    ("The lorry driver, a 41-year-old man from Eldoret, died at the scene.", 1, None),
    ("Gunmen fired on a patrol near Gao on Tuesday: the soldiers returned fire and one attacker was killed.", 1,
     None),
    # "did not survive" is a death, not a zero
    ("The pilot did not survive; two passengers were hurt.", 1, 2),
    ("He didn't survive his wounds.", 1, None),
    ("Three of the miners failed to survive the night.", 3, None),
    ("The cook survived the blast.", 0, None),
    # nobody where it struck: no one killed or hurt
    ("No one was inside the depot when the rocket hit, officials said.", 0, 0),
    ("No one was arrested.", None, None),
    # a toll named far from its verb
    ("The toll from Sunday's ferry fire off the coast of Pemba island near Mkoani rose to 23.", 23, None),
])
def test_hedges_sums_joined_groups_and_survival(sentence, fatalities, injuries):
    counts = read_counts(sentence)
    assert (counts.fatalities, counts.injuries) == (fatalities, injuries), counts


@pytest.mark.parametrize(("sentence", "fatalities"), [
    # "both" before an irregular plural is two people
    ("A shell hit a minibus outside Idlib, killing both women aboard.", 2),
    ("A rocket struck a car near Marib on Sunday, killing both men in it.", 2),
    # a part of a group counted before it is no count of its own
    ("Gunmen killed four herders near Kafanchan, beheading two of them.", 4),
    ("Jihadists killed seven villagers near Diffa on Friday, executing three of them in front of the mosque.", 7),
    ("Bandits stopped a bus carrying 40 passengers, killing two of them.", 2),
    # the dead "on one side" are their own group; "among the dead" alone is a part of a count given elsewhere
    ("Among the dead on the government side were a captain and three soldiers.", 4),
    ("Twelve militants were killed; among the dead on the army's side were two officers.", 14),
    ("Among the dead were two nurses and a doctor.", None),
])
def test_both_parts_and_sides(sentence, fatalities):
    assert read_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(("text", "fatalities"), [
    # another side's dead, told after the first side's count, add to it
    ("Insurgents attacked an army post near Diffa on Saturday. Eleven attackers were killed in the fighting, the "
     "army said. Among the dead on the army's side were a sergeant and two soldiers.", 14),
    # a sentence that names where the source sits, or where the cattle were driven, tells the toll of the event
    ("Soldiers clashed with rebels near Uvira on Monday. Three soldiers and five rebels were killed, according "
     "to a lawmaker in the South Kivu provincial assembly.", 8),
    ("Gunmen raided cattle camps near Bor on Friday and the herders fought back. Six herders and three of the "
     "raiders were killed, and hundreds of cattle were driven off towards Juba.", 9),
    # one who died in a town's hospital died of the event told before
    ("Rival fans fought with flares and bottles outside the stadium in Split on Saturday. A 22-year-old supporter "
     "who was hurt in the brawl died on Monday in Zagreb's University Hospital Centre.", 1),
    ("Rival fans fought with flares and bottles outside the stadium in Split on Saturday. A 22-year-old supporter "
     "who was hurt in the brawl died on Monday in hospital in Zagreb.", 1),
    # "another" opens the sentence, before the count it adds
    ("Gunmen attacked a police post in Djibo on Sunday, killing four officers. Another three soldiers died of "
     "their wounds.", 7),
])
def test_tolls_told_with_a_place_that_is_not_the_events(pipeline, text, fatalities):
    import datetime as dt

    from geo.articles import Article

    rows = pipeline.run([Article("a", text, dt.date(2024, 5, 30))]).incidents_frame()
    lead = rows.sort_values("sentence_start").iloc[0]
    assert lead["fatalities"] == fatalities, rows[["name", "fatalities", "fatalities_text"]]


def test_nobody_killed_but_many_treated_after_a_fight_is_the_fight(pipeline):
    import datetime as dt

    from geo.articles import Article

    text = ("Nobody was killed, but 14 people were treated at Prizren's general hospital after rival groups of youths "
            "fought with sticks and stones near the town's bus station on Saturday night.")
    rows = pipeline.run([Article("a", text, dt.date(2024, 5, 30))]).incidents_frame()
    assert len(rows), "no incident"
    lead = rows.iloc[0]
    assert (lead["event_type"], lead["fatalities"], lead["name"]) == ("Riots", 0, "Prizren")


@pytest.mark.parametrize(("sentence", "fatalities"), [
    # one person the object names without a number, between "shot" and "dead", is one
    ("Bandits stopped a truck near Gusau and shot the driver dead.", 1),
    ("Unknown men shot the village chief dead outside his house in Bunia.", 1),
    ("Militiamen shot his brother-in-law dead in front of the family.", 1),
    # several, unnumbered, are no count; numbered, their number
    ("Gunmen shot the guards dead at the gate of the mine.", None),
    ("Gunmen shot the two guards dead at the gate of the mine.", 2),
])
def test_one_named_by_role_shot_dead(sentence, fatalities):
    assert read_counts(sentence).fatalities == fatalities, read_counts(sentence)


@pytest.mark.parametrize(("sentence", "fatalities"), [
    # a range counts its lower end, as coders do; a number in thousands is one number
    ("Gunmen killed 10-12 civilians in a village near Mopti.", 10),
    ("Between 10 and 12 civilians were killed in the raid on the market.", 10),
    ("Gunmen killed between 10 and 12 civilians near Mopti.", 10),
    ("The fighting killed 1,200 people and displaced 30,000 in Darfur.", 1200),
    ("Five soldiers and 12 rebels were killed near Djibo.", 17),
])
def test_ranges_and_thousands(sentence, fatalities):
    assert read_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(("sentence", "fatalities", "injuries"), [
    # a score or a span of years is no count of people
    ("Fans rioted in Split after Croatia beat Italy 27-19, and two people were injured.", None, 2),
    ("The 2013-14 killings in the valley left 300 dead.", 300, None),
])
def test_scores_and_spans_of_years_count_nobody(sentence, fatalities, injuries):
    counts = read_counts(sentence)
    assert (counts.fatalities, counts.injuries) == (fatalities, injuries)


@pytest.mark.parametrize(("sentence", "fatalities", "injuries"), [
    # one named by whose he is ("the shop's owner"), past a relative clause set in commas
    ("The shop's owner, who was closing up, died at the scene; three customers were hurt.", 1, 3),
    ("The family's driver died in hospital on Tuesday.", 1, None),
    # one who counted the bodies is no body
    ("At least nine soldiers died, according to a nurse who counted the bodies at the hospital.", 9, None),
    ("A farmer found the bodies in a ditch outside the village.", None, None),
    # a time after a killing verb is no one killed
    ("Herders found the bodies of four men, apparently killed within the past week, in a ravine.", 4, None),
    ("Police found the bodies of three men, killed the night before, on a farm.", 3, None),
    ("Gunmen killed the village chief on Sunday.", 1, None),
])
def test_possessors_counters_and_times(sentence, fatalities, injuries):
    counts = read_counts(sentence)
    assert (counts.fatalities, counts.injuries) == (fatalities, injuries), counts


@pytest.mark.parametrize(("sentence", "fatalities", "injuries"), [
    # the wounded who died, their wounds in an aside, are dead
    ("Three others, seriously injured, later died at the district clinic.", 3, None),
    # a group added with "as was", "as were"; a plural without a number is how many?
    ("Six miners were killed, as was their foreman, the company said.", 7, None),
    ("Four guards died, as were two prisoners.", 6, None),
    ("Two guards died, as were the attackers.", 2, None),
    # the body of one named
    ("Shepherds found the body of Ahmed Yusuf Hassan near a well outside Garissa.", 1, None),
    ("Divers searched the body of water below the dam.", None, None),
    ("Her body, bound with wire, was found on a beach near Tumaco.", 1, None),
    ("The bullet lodged in his body armour.", None, None),
    # one who was struck and died: the subject of "was" and of the death "and" joins to it
    ("A street vendor was hit in the chest by police fire and died before reaching the clinic.", 1, None),
    ("She was seized at the market gate, beaten and hacked to death by the mob.", 1, None),
    ("Police said the suspect was arrested and the crowd dispersed.", None, None),
    # a death that set the event off is the cause's, not the event's
    ("The death of a fisherman in police custody set off two nights of rioting in the port.", None, None),
    ("The killing of a trader by soldiers sparked protests across the market town.", None, None),
    ("The death of a soldier was confirmed by the army.", 1, None),
    # one who died in an earlier event with a time of its own
    ("Mourners gathered for a student who was shot dead at the gates last month.", None, None),
    # the hurt not believed in danger of their lives: nobody killed
    ("His wounds are not thought to be life-threatening, the hospital said.", 0, None),
])
def test_asides_added_groups_the_one_named_and_the_cause(sentence, fatalities, injuries):
    counts = read_counts(sentence)
    assert (counts.fatalities, counts.injuries) == (fatalities, injuries), counts
