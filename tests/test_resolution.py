from geo.articles import Article
from geo.resolution import ContextResolver, PopulationResolver, distance_km


def _resolve(pipeline, text, resolver=None):
    article = Article("t", text)
    [mentions] = pipeline.recognizer.recognize([article])
    return (resolver or pipeline.resolver).resolve(article, mentions)


def test_seed_places(seed_result):
    rs = seed_result.resolutions[0]
    by_text = {}
    for r in rs:
        by_text.setdefault(r.mention.text, r.place)
    belgrade = by_text["Belgrade"]
    assert distance_km(belgrade.lat, belgrade.lon, 44.80, 20.47) < 10
    assert by_text["Kosovo"].is_country and by_text["Kosovo"].country_code == "XK"
    assert by_text["Serbia"].is_country and by_text["Serbia"].country_code == "RS"
    assert by_text["Kosovar"].country_code == "XK"
    # Nothing but a country's conventional centre (Russia's is in Siberia) lands outside Europe.
    for r in rs:
        if r.place and not r.place.is_country:
            assert 34 < r.place.lat < 72 and -25 < r.place.lon < 45, (r.mention.text, r.place)


def test_context_chooses_the_us_state(pipeline):
    rs = _resolve(pipeline, "Storms hit Atlanta, Savannah and Macon in Georgia on Monday.")
    georgia = next(r.place for r in rs if r.mention.text == "Georgia")
    assert (georgia.feature_code, georgia.country_code) == ("ADM1", "US")


def test_context_chooses_the_country(pipeline):
    rs = _resolve(pipeline, "Russia and Armenia held talks with Georgia in Tbilisi.")
    georgia = next(r.place for r in rs if r.mention.text == "Georgia")
    assert georgia.country_code == "GE" and georgia.is_country


def test_a_country_by_its_own_name_over_a_town_that_also_bears_it(pipeline):
    # GeoNames also calls a town near the capital "Kosovo"; the country's towns named around
    # it are no evidence for the town, as a state's towns are none for its namesake town.
    rs = _resolve(pipeline, "A Kosovo customs officer was hurt near Podujevo on Saturday, officials in "
                            "Pristina said.\n\nKosovo later closed two crossings with Serbia for the night.")
    places = [r.place for r in rs if r.mention.text == "Kosovo"]
    assert places and all(p.is_country and p.country_code == "XK" for p in places)


def test_a_country_is_not_its_own_town_that_bears_its_name_only_as_an_alternate(pipeline):
    # One mention, in a sentence naming the town's district: the district's evidence is for
    # the town, but a town only also called "Kosovo" is never the country's own name.
    rs = _resolve(pipeline, "The government of Kosovo closed two crossings, officials in Pristina said.")
    kosovo = next(r.place for r in rs if r.mention.text == "Kosovo")
    assert kosovo.is_country and kosovo.country_code == "XK"
    # A town abroad that bears a country's name as its own keeps its chance.
    rs = _resolve(pipeline, "Mexico, Missouri, is a city in Audrain County.")
    mexico = next(r.place for r in rs if r.mention.text == "Mexico")
    assert mexico.country_code == "US" and mexico.feature_class == "P"


def test_city_over_district_of_the_same_name(pipeline):
    rs = _resolve(pipeline, "Police in Mitrovica and Pristina were on alert.")
    assert all(r.place.feature_class == "P" and r.place.country_code == "XK" for r in rs)


def test_unknown_names_get_no_answer(pipeline, gazetteer):
    article = Article("t", "x")
    from geo.model import Mention

    m = Mention("t", "Xqzzyville", 0, 10, "GPE")
    [r] = ContextResolver(gazetteer).resolve(article, [m])
    assert r.place is None and r.confidence == 0


def test_population_baseline(pipeline, gazetteer):
    rs = _resolve(pipeline, "Officials met in Paris.", PopulationResolver(gazetteer))
    assert rs[0].place.country_code == "FR"


def _gold(text: str, name: str, sentence_end: int | None = None):
    from geo.model import Mention

    start = text.index(name)
    sentence = text[:sentence_end] if sentence_end else text
    return Mention("t", name, start, start + len(name), "GPE", sentence=sentence, sentence_start=0)


def test_a_county_named_with_its_state_is_that_state_s_county(gazetteer):
    # "Washington County, Arkansas" is evidence for Arkansas's county, not for all thirty
    # Washington Counties; the town in it follows (without it: Farmington, Missouri).
    text = ("Farmington is a city in Washington County, Arkansas. Although the first settlers came from the "
            "Deep South in 1828, the community did not incorporate until 1946. The Ozark Mountains lie "
            "north, and Missouri is an hour away.")
    [r] = ContextResolver(gazetteer).resolve(Article("t", text), [_gold(text, "Farmington", text.index(".") + 1)])
    assert (r.place.country_code, r.place.admin1_code) == ("US", "AR")


def test_the_mention_s_own_sentence_names_its_region(gazetteer):
    # Peru the country is the likelier Peru, but not in a sentence about Indiana.
    text = "Peru is a city in, and the county seat of, Miami County, Indiana, United States."
    [r] = ContextResolver(gazetteer).resolve(Article("t", text), [_gold(text, "Peru")])
    assert (r.place.country_code, r.place.admin1_code) == ("US", "IN")
    # A list of states is about none of them: Oregon stays the state.
    text = "Cases were reported in Arizona, California, Colorado, Georgia, Missouri, New Mexico and Oregon."
    [r] = ContextResolver(gazetteer).resolve(Article("t", text), [_gold(text, "Oregon")])
    assert (r.place.feature_code, r.place.admin1_code) == ("ADM1", "OR")


def test_one_name_with_two_candidate_sets_in_an_article(gazetteer):
    # "Spanish" as a people's name keeps the country alone, as a matched name every
    # Spanish place: the scores of one must not be reused for the other.
    from geo.model import Mention

    text = "Spanish troops arrived. The Spanish town was quiet."
    mentions = [Mention("t", "Spanish", 0, 7, "NORP", "Spanish troops arrived.", 0),
                Mention("t", "Spanish", 28, 35, "GAZETTEER", "The Spanish town was quiet.", 24)]
    resolver = ContextResolver(gazetteer)
    assert len(resolver.candidates(mentions[0])) != len(resolver.candidates(mentions[1]))
    resolved = resolver.resolve(Article("t", text), mentions)
    assert resolved[0].place is not None and resolved[0].place.country_code == "ES"


def test_a_sentence_naming_the_county_is_not_drowned_by_the_rest(pipeline):
    text = ("Stamford is a city in Fairfield County, Connecticut, United States. The population of Stamford "
            "rose in 2014. Stamford has many offices. Stamford grew after the railway came. Stamford's "
            "mayor spoke. Stamford is large. The people of Stamford voted. Stamford was named after "
            "Stamford in Lincolnshire, England.")
    rs = _resolve(pipeline, text)
    stamford = {(r.place.country_code, r.place.admin1_code) for r in rs if r.mention.text == "Stamford"}
    assert stamford == {("US", "CT")}



def test_a_list_of_states_is_states_not_their_namesake_towns(pipeline):
    text = ("Bee colonies collapsed in Pennsylvania this winter. The disorder has been found in states "
            "including Georgia, Oklahoma, Pennsylvania, Wisconsin and California. Officials are "
            "investigating cases in Washington, Pennsylvania and California.")
    rs = _resolve(pipeline, text)
    california = {(r.place.feature_code, r.place.admin1_code) for r in rs if r.mention.text == "California"}
    assert california == {("ADM1", "CA")}
    # The state or the capital (the list does not tell), never Washington, Pennsylvania.
    assert all(r.place.admin1_code != "PA" for r in rs if r.mention.text == "Washington")


def test_a_town_named_like_a_state_keeps_its_qualifier_and_county(pipeline):
    rs = _resolve(pipeline, "Washington, Pennsylvania, lies in Washington County. Police in Washington said so.")
    towns = {(r.place.feature_class, r.place.admin1_code) for r in rs if r.mention.text == "Washington"}
    assert towns == {("P", "PA")}


def test_a_county_named_in_many_states_tells_where_only_one_has_the_town(pipeline):
    # Iowa, Kentucky, Missouri and Oklahoma have an Adair County; only Iowa's has a Greenfield,
    # and the sentence says so whatever else the article names.
    from geo.evaluation import Document, Toponym, gold_mentions

    text = ("Greenfield is a city and county seat of Adair County, United States. Its band has played "
            "in Boston, Massachusetts.")
    doc = Document("t", text, tuple(Toponym(text.index(n), text.index(n) + len(n), n, 0.0, 0.0) for n in
                                    ("Greenfield", "Boston", "Massachusetts")))
    rs = pipeline.resolver.resolve(doc.article(), gold_mentions(doc))
    greenfield = {(r.place.admin1_code, r.place.admin2) for r in rs if r.mention.text == "Greenfield"}
    assert greenfield == {("IA", "Adair County")}


def test_hashtag_names_and_state_codes_find_their_places(gazetteer):
    from geo.model import Mention

    resolver = ContextResolver(gazetteer)

    def best(name: str):
        cands = resolver.candidates(Mention("t", name, 0, len(name), "GPE"))
        return cands[0] if cands else None

    assert best("SierraLeone").country_code == "SL" and best("SierraLeone").is_country
    assert (best("#NewYork").country_code, best("#NewYork").admin1_code) == ("US", "NY")
    assert (best("TN").feature_code, best("TN").admin1_code) == ("ADM1", "TN")
    assert best("McAllen").name == "McAllen"  # a name as written comes first
    assert all(p.feature_code != "ADM1" for p in resolver.candidates(Mention("t", "Tn", 0, 2, "GPE")))


def test_the_border_is_no_place_of_that_name(gazetteer):
    from geo.model import Mention

    # GeoNames lists "Border" among the names of Bordères, in the Pyrenees.
    assert any(p.country_code == "FR" for p in gazetteer.lookup("the border"))
    border = Mention("t", "the border", 0, 10, "BORDER")
    assert ContextResolver(gazetteer).candidates(border) == ()


def test_a_region_named_with_del_is_read_whole(gazetteer):
    """'Agusan del Norte' is one name: the text's runs used to stop at 'Agusan de'."""
    from geo.resolution.evidence import text_evidence

    ev = text_evidence(gazetteer, "Carmen is a municipality in the province of Agusan del Norte, Philippines.")
    assert "agusan del norte" in ev.by_name
    assert any(k[:2] == ("PH", p.admin1_code) for p in gazetteer.lookup("Agusan del Norte") for k in ev.counties)


def test_a_capitals_name_is_evidence_only_for_what_holds_the_city(gazetteer):
    """Singapore (city and country) tells the country; Washington tells nothing (not the
    state); Bali, which GeoNames also lists among Paris's names, is still Bali."""
    from geo.resolution.evidence import admin_places

    assert {(p.country_code, p.feature_code) for p in admin_places(gazetteer, "Singapore")} == {("SG", "PCLI")}
    assert admin_places(gazetteer, "Washington") == ()
    assert {p.country_code for p in admin_places(gazetteer, "Berlin")} == {"DE"}
    assert "ID" in {p.country_code for p in admin_places(gazetteer, "Bali")}


def test_a_district_of_singapore_is_placed_in_singapore(pipeline):
    from geo.articles import Article
    from geo.model import Mention

    text = ("Changi is a district at the eastern end of Singapore. Changi is home to Changi Airport, "
            "Singapore's main airport.")
    article = Article(id="changi", text=text)
    mention = Mention("changi", "Changi", 0, 6, "GPE")
    (res,) = pipeline.resolver.resolve(article, [mention])
    assert res.place is not None and res.place.country_code == "SG"


def test_a_qualifier_named_like_a_capital_or_a_country_means_the_region_or_the_country(gazetteer):
    """', Washington' after a town is the state (the capital's name counts for nothing in
    running text); ', Mexico' is the country, not its State of México."""
    from geo.resolution.evidence import _named_regions

    assert _named_regions(gazetteer, "Washington") == ({"US"}, {("US", "WA")})
    countries, regions = _named_regions(gazetteer, "Mexico")
    assert countries == {"MX"} and regions == set()
    countries, regions = _named_regions(gazetteer, "Georgia")
    assert {"GE", "US"} <= countries and ("US", "GA") in regions


def test_open_waters_are_resolved_to_the_sea_not_a_namesake_town(pipeline):
    rs = _resolve(pipeline, "Russian warships patrolled the Black Sea and the Sea of Azov, "
                            "while a tanker was seized in the Strait of Hormuz.")
    by_text = {r.mention.text: r.place for r in rs if r.place}
    kinds = {text.removeprefix("the "): p.feature_code for text, p in by_text.items()}
    assert kinds.get("Black Sea") == "SEA" and kinds.get("Sea of Azov") == "SEA"
    assert kinds.get("Strait of Hormuz") == "STRT"
    rs = _resolve(pipeline, "The earthquake struck deep under the Pacific, far from Japan and Chile.")
    pacific = next(r.place for r in rs if r.mention.text.endswith("Pacific"))
    assert pacific.feature_code == "OCN" and pacific.country_code == ""


def test_a_small_namesake_abroad_needs_evidence_of_its_own_surroundings(gazetteer):
    # An article about Cuba that names the US and Miami: Havana is Cuba's capital, not the
    # Florida town of 1,700; Belgium beside a US embassy is still the country.
    text = ("Long lines formed outside travel agencies in Havana on Monday as Cubans applied for "
            "passports. Many hope to fly to Miami, and the US embassy expects more visa requests.")
    resolver = ContextResolver(gazetteer)
    mentions = [_gold(text, n) for n in ("Havana", "Miami", "US")]
    havana = resolver.resolve(Article("t", text), mentions)[0].place
    assert havana.country_code == "CU"
    text = "Antwerp, Belgium's second city, will charge newcomers a fee, the US embassy said."
    rs = resolver.resolve(Article("t", text), [_gold(text, n) for n in ("Antwerp", "Belgium", "US")])
    assert [r.place.country_code for r in rs[:2]] == ["BE", "BE"] and rs[1].place.is_country
    # With its county named, the small town is the one meant.
    text = "Havana is a town in Gadsden County, Florida, north of Tallahassee."
    [r] = resolver.resolve(Article("t", text), [_gold(text, "Havana")])
    assert (r.place.country_code, r.place.admin1_code) == ("US", "FL")


def test_a_list_keeps_to_one_kind_of_place(gazetteer):
    # Among states, Washington is the state, not the capital it is best known as.
    resolver = ContextResolver(gazetteer)
    text = "Officials in Texas, Washington and Oregon reported new cases."
    rs = resolver.resolve(Article("t", text), [_gold(text, n) for n in ("Texas", "Washington", "Oregon")])
    assert [r.place.feature_code for r in rs] == ["ADM1", "ADM1", "ADM1"]
    text = "Floods closed roads in California, New York and Texas."
    rs = resolver.resolve(Article("t", text), [_gold(text, n) for n in ("California", "New York", "Texas")])
    assert rs[1].place.feature_code == "ADM1"


def test_a_direction_alone_is_a_region_only_in_a_country_the_text_names(gazetteer):
    # "North Caucasus" split by the recogniser is not Cameroon's North Region (a map reviewer
    # found it); in an article about Cameroon, "the Far North" is that region.
    resolver = ContextResolver(gazetteer)
    text = "Militants attacked a police post in the North Caucasus on Sunday, Russian media said."
    [r] = resolver.resolve(Article("t", text), [_gold(text, "North")])
    assert r.place is None
    text = "Fighting in the North left twelve dead, officials in Moscow said."
    [r] = resolver.resolve(Article("t", text), [_gold(text, "North")])
    assert r.place is None or r.place.country_code == "RU"
    text = "Boko Haram attacked two villages in Cameroon's Far North on Sunday."
    [r] = resolver.resolve(Article("t", text), [_gold(text, "Far North")])
    assert r.place is not None and r.place.country_code == "CM"


def _gold_in_sentence(text: str, name: str):
    from geo.evaluation import sentence_around
    from geo.model import Mention

    start = text.index(name)
    sentence, offset = sentence_around(text, start, start + len(name))
    return Mention("t", name, start, start + len(name), "GPE", sentence=sentence, sentence_start=offset)


def test_where_the_text_places_a_name_chooses_among_its_namesakes(gazetteer):
    resolver = ContextResolver(gazetteer)
    # A relative position: the Salem 25 km north of Boston, not Oregon's capital.
    text = "Salem, a city 25 km north of Boston, closed its schools."
    salem = resolver.resolve(Article("t", text), [_gold(text, "Salem"), _gold(text, "Boston")])[0].place
    assert (salem.country_code, salem.admin1_code) == ("US", "MA")
    # An appositive with a direction and no distance.
    text = "Police entered Zvecan, a town north of Mitrovica, on Monday."
    zvecan = resolver.resolve(Article("t", text), [_gold(text, "Zvecan"), _gold(text, "Mitrovica")])[0].place
    assert zvecan.country_code == "XK"
    # A village the text places by Mitrovica but which only a far namesake (Bansko, in
    # Bulgaria) matches without the Kosovo dump is left without an answer.
    text = "Banjska, a village north of Kosovska Mitrovica, was raided by gunmen."
    rs = resolver.resolve(Article("t", text), [_gold(text, "Banjska"), _gold(text, "Kosovska Mitrovica")])
    assert rs[0].place is None and rs[1].place.country_code == "XK"
    # So is one the text puts on a town's outskirts or not far from it (no distance, no direction); not one
    # near a border, whose point says nothing of where its neighbours lie
    from geo.model import Place
    from geo.resolution.phrases import anchored, anchors

    far = Place("Ubari", 26.6, 12.8, country_code="LY", feature_class="P", feature_code="PPL")
    town = Place("Kindu", -2.95, 25.92, country_code="CD", feature_class="P", feature_code="PPLA")
    line = Place("Congo border", -4.0, 15.0, country_code="CD", feature_class="A", feature_code="ADMD")
    for text, other, dropped in (("Gunmen raided Ubari, on the outskirts of Kindu, on Sunday.", town, True),
                                 ("Gunmen raided Ubari, not far from Kindu, on Sunday.", town, True),
                                 ("Gunmen raided Ubari, near the Congo border, on Sunday.", line, False)):
        second = "Kindu" if other is town else "Congo border"
        cands = [(far,), (other,)]
        anchored(cands, [[0.0], [0.0]], anchors(text, [_gold(text, "Ubari"), _gold(text, second)]), 1.0)
        assert (cands[0] == ()) == dropped, text
    # A place and the town it lies by ("the village of X, Y").
    from geo.resolution.phrases import anchors

    text = "Shots were fired in the village of Banjska, Leposavic, police said."
    [a, _] = anchors(text, [_gold(text, "Banjska"), _gold(text, "Leposavic")])
    assert a is not None and a.other == 1 and a.bare


def test_a_country_in_the_mention_s_own_sentence_tells(gazetteer):
    # "protested in Odessa" next to Ukraine is Odesa, though the article is about the US too
    # (without the sentence's country: Odessa, Texas).
    resolver = ContextResolver(gazetteer)
    text = "US senators in Washington promised more aid. Hundreds protested in Odessa on Sunday as Ukraine mourned."
    names = ("US", "Washington", "Odessa", "Ukraine")
    rs = resolver.resolve(Article("t", text), [_gold_in_sentence(text, n) for n in names])
    assert rs[2].place.country_code == "UA"


def test_organisation_names_do_not_set_the_article_s_country(gazetteer):
    # "US" before "dollar" says nothing of where the article is: Georgia is the country here.
    resolver = ContextResolver(gazetteer)
    text = "The US dollar rose against the euro. Thousands marched in Georgia's capital on Sunday."
    rs = resolver.resolve(Article("t", text), [_gold_in_sentence(text, n) for n in ("US", "Georgia")])
    assert rs[1].place.country_code == "GE" and rs[1].place.is_country
    from geo.resolution.evidence import in_organisation

    text = "Soldiers of the Patriotic Force of Congo and the Military Police clashed; the US embassy said so."
    for name in ("Congo", "Police", "US"):
        start = text.index(name)
        assert in_organisation(text, start, start + len(name))
    text = "Talks in the US ended. Washington County. Police said so."
    assert not in_organisation(text, text.index("US"), text.index("US") + 2)
    assert not in_organisation(text, text.index("Washington"), text.index("Washington") + 10)


def test_a_countrys_police_tell_where_the_article_is_its_army_does_not(gazetteer):
    # A police force keeps order at home: "Montenegro Police" in a report names the country it is in;
    # an army, a party or a generic force ("the Military Police", "the Border Police") does not.
    from geo.resolution.evidence import in_organisation, text_evidence

    text = "Montenegro Police officers detained two men, a local Serb said."
    assert not in_organisation(text, 0, len("Montenegro"))
    assert text_evidence(gazetteer, text).countries[("ME",)] > 0
    text = "The Montenegro Army and the Military Police searched the area."
    assert in_organisation(text, text.index("Montenegro"), text.index("Montenegro") + 10)
    assert text_evidence(gazetteer, text).countries[("ME",)] == 0


def test_a_site_street_or_river_is_never_a_namesake_village_far_away(gazetteer):
    resolver = ContextResolver(gazetteer)
    # "Pearson" of Pearson International Airport is no Pearson, Georgia: the airport is in
    # Toronto, so the mention backs off to Toronto; a street likewise to its town.
    text = "Flights from Pearson International Airport in Toronto were delayed for hours."
    rs = resolver.resolve(Article("t", text), [_gold(text, "Pearson"), _gold(text, "Toronto")])
    assert rs[0].place == rs[1].place and rs[0].place.country_code == "CA" and rs[0].extra["site_in"] == 1
    text = "Protesters gathered on Collins Avenue, Miami Beach, on Sunday."
    rs = resolver.resolve(Article("t", text), [_gold(text, "Collins Avenue"), _gold(text, "Miami Beach")])
    assert rs[0].place == rs[1].place and rs[0].place.admin1_code == "FL"
    # A river's name is the river or the region named after it, never a town of that name.
    text = "The Mississippi River rose again on Monday."
    [r] = resolver.resolve(Article("t", text), [_gold(text, "Mississippi")])
    assert r.place is None or r.place.feature_class != "P"
    # A site named after the article's own town keeps it.
    text = "Police closed Pristina airport on Monday."
    [r] = resolver.resolve(Article("t", text), [_gold(text, "Pristina")])
    assert r.place.country_code == "XK"


def test_a_kind_word_after_the_name_chooses_the_town_or_the_unit(pipeline):
    # Tahoua the region's point is 140 km from its seat: "Tahoua town" is the seat.
    rs = _resolve(pipeline, "Gunmen attacked a convoy near Tahoua town on Friday.")
    town = next(r.place for r in rs if r.mention.text == "Tahoua")
    assert town.feature_class == "P" and town.country_code == "NE"
    rs = _resolve(pipeline, "Gunmen attacked a convoy in Zinder province on Friday.")
    unit = next(r.place for r in rs if r.mention.text == "Zinder")
    assert unit.feature_code == "ADM1" and unit.country_code == "NE"


def test_a_city_by_its_own_name_over_a_region_some_language_calls_so(gazetteer):
    from geo.model import Place
    from geo.resolution.context import _drop_units_by_another_name

    # A region some language calls by a large city's own name gives way to the city; beside a
    # small town of the name, or by its own name, the region stays.
    region = Place("Provincia di Oria", 41.0, 12.0, feature_class="A", feature_code="ADM1", country_code="IT",
                   population=5_000_000, id=1)
    city = Place("Sorano", 22.9, 97.7, feature_class="P", feature_code="PPL", country_code="MM",
                 population=130_000, id=2)
    village = Place("Sorano", 42.7, 11.7, feature_class="P", feature_code="PPL", country_code="IT",
                    population=3_000, id=3)
    assert _drop_units_by_another_name("sorano", (region, city)) == (city,)
    assert _drop_units_by_another_name("sorano", (region, village)) == (region, village)
    assert _drop_units_by_another_name("provincia di oria", (region, city)) == (region, city)
    resolver = ContextResolver(gazetteer)
    # Volzhsky, a city of 320,000, is spelt Volzhskiy too, the own name of a village of 7,000 in
    # the same country: the city.
    text = "Troops clashed with rebels 10 km south of Volzhskiy on Friday."
    [r] = resolver.resolve(Article("t", text), [_gold(text, "Volzhskiy")])
    assert (r.place.name, r.place.feature_class) == ("Volzhsky", "P")
    text = "Protesters marched in Tuscany on Monday."
    [r] = resolver.resolve(Article("t", text), [_gold(text, "Tuscany")])
    assert (r.place.country_code, r.place.feature_code) == ("IT", "ADM1")
    # A namesake abroad bearing the very name keeps it: Sidney is no Sydney by spelling alone.
    text = "Protesters marched in Odessa, Texas, on Monday."
    [r] = resolver.resolve(Article("t", text), [_gold(text, "Odessa")])
    assert r.place.country_code == "US"


def test_a_name_in_brackets_after_a_mention_is_its_other_name(gazetteer):
    resolver = ContextResolver(gazetteer)
    text = "Gunmen attacked a convoy on the outskirts of Kirovohrad (Kropyvnytskyi) on Friday."
    r = resolver.resolve(Article("t", text), [_gold(text, "Kirovohrad")])[0]
    assert (r.place.name, r.place.feature_class) == ("Kropyvnytskyy", "P")


def test_a_small_town_reached_by_another_of_its_names_far_abroad_is_a_stray(gazetteer):
    # "the Bolan area" beside Kandahar: no Bolano in Italy (its own name is not "Bolan").
    resolver = ContextResolver(gazetteer)
    text = "Gunmen killed a shopkeeper in the Bolan area near Kandahar on Monday, Afghan police said."
    rs = resolver.resolve(Article("t", text), [_gold(text, n) for n in ("Bolan", "Kandahar", "Afghan")])
    assert rs[0].place is None and rs[1].place.country_code == "AF"
    # A town of tens of thousands known abroad by an exonym is no stray: Auschwitz in a story
    # from Ohio is Oświęcim.
    text = "Survivors from Columbus, Ohio, returned to Auschwitz for the anniversary on Monday."
    rs = resolver.resolve(Article("t", text), [_gold(text, n) for n in ("Columbus", "Ohio", "Auschwitz")])
    assert rs[2].place is not None and rs[2].place.country_code == "PL"


def test_a_units_word_after_its_seats_name_is_the_unit(pipeline):
    # "department", "oblast", "local government area": the unit, not its seat; where the gazetteer
    # knows the name only as a town, the unit by its GeoNames name ("Kurskaya oblast'", "Kursk Oblast").
    cases = [("Fighting flared in rural areas of Sucre department, in northern Colombia, on Monday.", "Sucre",
              "ADM1", "CO"),
             ("Troops fought bandits in Gwoza local government area of Borno State on Sunday.", "Gwoza", "ADM2", "NG"),
             ("Shelling hit a village in the Bryansk region overnight.", "Bryansk", "ADM1", "RU")]
    for text, name, code, country in cases:
        place = next(r.place for r in _resolve(pipeline, text) if r.mention.text == name)
        assert (place.feature_code, place.country_code) == (code, country), text


def test_a_point_moved_or_widened_is_the_town_not_the_county_of_its_name(pipeline):
    # "near Wajir", "10 km east of Garissa": Kenya's counties bear their seats' names; a point is
    # moved or widened, so the county is no candidate (a "county" word elsewhere drew some to it).
    from geo.model import Mention

    for name, modifier in [("Wajir", "near"), ("Garissa", "10 km east of")]:
        mention = Mention("t", name, 0, len(name), "LOC", modifier=modifier)
        candidates = pipeline.resolver.candidates(mention)
        assert candidates and {(p.feature_class, p.country_code) for p in candidates} == {("P", "KE")}
    assert any(p.feature_class == "A" for p in pipeline.resolver.candidates(Mention("t", "Wajir", 0, 5, "LOC")))


def test_the_unit_after_a_comma_and_in_is_the_one_that_holds_the_town(pipeline):
    # Oaxaca is a state and its capital city: "Juchitán, in Oaxaca" names the state.
    rs = _resolve(pipeline, "Juchitán, in Oaxaca, is among the towns where residents feel least safe.")
    oaxaca = next(r.place for r in rs if r.mention.text == "Oaxaca")
    assert (oaxaca.feature_code, oaxaca.country_code) == ("ADM1", "MX")


def test_a_county_named_the_irish_way_is_no_evidence_for_a_namesake_abroad(gazetteer):
    """'Co Roscommon' is the Irish county, which the gazetteer may not hold: never Roscommon, Michigan."""
    from geo.resolution.evidence import text_evidence

    for text in ("Gardaí in Co Roscommon said on Monday.", "Police in Co. Antrim said on Monday."):
        ev = text_evidence(gazetteer, text)
        assert ("US",) not in ev.countries and "roscommon" not in ev.by_name and "antrim" not in ev.by_name
