"""The rules of recognition, written once for every recogniser.

The spaCy components (``components.py``), the fast recogniser (``fast.py``) and the
evaluation's gold mentions all read their word lists, their tests of what the gazetteer
says about a name, and their sentences from here:

- word lists: what before a name says it is a place ("in", "near the"), what after it does
  ("crossing", "municipality"), and words that are never a place by themselves;
- tests on a name's gazetteer entries: notable, credible, major, the small-town rule;
- one sentence splitter. An incident is a sentence, so every recogniser cuts the same ones.

The context rules take plain words as written, so a spaCy token and a regex word are judged
alike: ``preceding`` runs backwards from the word just before the name.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from geo.folding import ARABIC_ARTICLES, fold, one_edit_keys, transliteration_key, without_article
from geo.geodesy import distance_km
from geo.model import Place

# --- words ---------------------------------------------------------------------------------

# The apostrophes a possessive is written with, straight and curly ("Gjilan's", "Gjilan’s"), as a pattern's
# class (APOSTROPHE) and the possessive's endings as written ("'s", "’s": a spaCy token, a word's end).
APOSTROPHES = "'’"
APOSTROPHE = f"[{APOSTROPHES}]"
POSSESSIVES = tuple(f"{a}s" for a in APOSTROPHES)

# Words before a name that make it a place: "in X", "near the X", "northern X".
LOCATIVES = frozenset({
    "in", "near", "at", "from", "to", "into", "outside", "across", "around", "toward", "towards", "via",
    "through", "between", "of", "inside", "within", "north", "south", "east", "west", "northern",
    "southern", "eastern", "western", "central", "above", "below", "overlooking",
})
# "of" is the weakest of them: the Department of Interior, members of the House.
WEAK_LOCATIVES = frozenset({"of"})
# Words after a name that make it a place: "the Jarinje crossing", "Leposavic municipality".
PLACE_NOUNS = frozenset({
    "crossing", "village", "town", "city", "municipality", "region", "border", "river", "district",
    "province", "county", "valley", "checkpoint", "airport", "area", "state", "capital", "lake",
    "mountain", "mountains", "bridge", "suburb", "neighbourhood", "neighborhood", "camp", "side", "reservoir",
    "canal", "monastery", "gorge", "dam",
})
# Where a people lives, after its name: "a Roma settlement", "a Bedouin camp", "the Kurdish village" tell who
# lives there, not which place it is (when the name is only another name of some place: Roma for Rome).
DWELLING_NOUNS = frozenset({"settlement", "camp", "encampment", "village", "hamlet", "community", "slum", "quarter"})
# The nouns a town is told back by: "the town", "outside the village", "this Borno-like town".
TOWN_NOUNS = frozenset({"town", "village", "city", "hamlet"})
# A town's parts, named before "of" or after its possessive: "the outskirts of X", "X's streets".
_TOWN_PARTS = frozenset({"outskirts", "suburbs", "streets", "centre", "center"})
# Nouns before "of" that make the name after it a place: "the village of Iruya", "on the
# outskirts of Damboa", "the centre of Bor", "residents of Kula" ("of" alone is too weak: "the
# Department of Interior").
OF_PLACE_NOUNS = PLACE_NOUNS | _TOWN_PARTS | {"hamlet", "settlement", "heart", "residents", "inhabitants"}
# Locatives firm enough that a town the gazetteer knows by the name after them is that town,
# whatever a model took the word for ("outside Damboa" as a PRODUCT): "in" and "at" go before
# firms, events and works too ("in Windows", "at Wimbledon").
FIRM_LOCATIVES = frozenset({"near", "outside"})
# Words after a name that say what kind of place the two name, as a GeoNames feature code: the
# geometry stage makes a town so named that kind, with a wider uncertainty ("the Preševo Valley"
# is no entry of its own: Preševo as a valley). A settlement's word is PPL and a unit's ADMD
# (any level): resolution keeps to that class ("Isiolo town" is not the county of its name,
# "Diyala province" not the town). A "region" is a first-level unit or a natural region alike
# (REGIONAL): where a country has a first-level unit and a town of the name ("Tillabéri region",
# "the Donetsk region"), the unit, not a town; elsewhere all stay ("the Charlotte region" is no
# parish of St Vincent).
POPULATED, ADMINISTRATIVE, REGIONAL = "PPL", "ADMD", "ADM1"
# "the Manipur capital", "the Borno state capital": the unit's (or country's) seat, not the unit
SEAT = "SEAT"
KIND_CODES = {
    "valley": "VAL", "river": "STM", "lake": "LK", "reservoir": "RSV", "canal": "CNL", "crossing": "PSTB",
    "checkpoint": "PSTB", "monastery": "MSTY", "airport": "AIRP", "dam": "DAM", "bridge": "BDG", "mine": "MN",
    "gorge": "GRGE", "power": "PS", "city": POPULATED, "town": POPULATED, "village": POPULATED,
    "province": ADMINISTRATIVE, "district": ADMINISTRATIVE, "county": ADMINISTRATIVE,
    "municipality": ADMINISTRATIVE, "governorate": ADMINISTRATIVE, "state": ADMINISTRATIVE,
    "region": REGIONAL, "department": REGIONAL, "oblast": REGIONAL,
    "local government area": ADMINISTRATIVE, "lga": ADMINISTRATIVE,
    "capital": SEAT, "state capital": SEAT, "provincial capital": SEAT, "regional capital": SEAT,
    "district capital": SEAT, "county capital": SEAT, "departmental capital": SEAT,
}
# The words GeoNames names a unit with after its seat's name ("Belgorod Oblast", "Tillabéri
# Region"): where a name before "region" is only a town's, the unit may be found by them.
UNIT_WORDS = ("Oblast", "Region", "Province", "Department", "Governorate", "State", "District")
# Words in lower case that join a capitalised run into one name: "Bosnia and Herzegovina", "Rio de Janeiro",
# "Valle del Cauca".
NAME_CONNECTORS = frozenset({"of", "de", "del", "and", "upon", "on", "la", "le", "du", "da", "e", "i"})
UNIT_WORDS_LOWER = frozenset(w.lower() for w in UNIT_WORDS)
DETERMINERS = frozenset({"the", "a", "an"})
_THE = frozenset({"the"})
# Words that are never a place by themselves, whatever the gazetteer says (a month, a title,
# a direction, a word that opens an organisation's name: "in May", "the North", "New Party").
NOT_PLACES_ALONE = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mr", "mrs", "ms", "dr", "president", "minister", "prime", "general", "police", "army", "government",
    "the", "a", "an", "i", "we", "he", "she", "they", "it", "this", "that", "but", "and", "or", "if", "so",
    "god", "church", "university", "college", "school", "street", "road", "news", "post", "times",
    "north", "south", "east", "west", "central", "western", "eastern", "northern", "southern", "valley",
    "lake", "bay", "gulf", "man", "by", "st", "sr", "jr", "d", "human", "commerce", "market", "van",
    "union", "republic", "federal", "national", "county", "city", "state", "island", "islands", "mount",
    "new", "upper", "lower", "great", "greater", "united", "royal", "saint",
    # numbers, capitalised at a sentence's start ("Ten years have passed"): one of Sri Lanka's provinces' names
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
    "hundred", "thousand",
})


def never_alone(name: str) -> bool:
    """Whether ``name`` is one word that is never a place by itself (NOT_PLACES_ALONE: "in
    May", "the North", "the Preševo Valley" read from its last word), whatever the gazetteer
    holds (The Valley, Anguilla's capital, is also "Valley")."""
    words = name.split()
    return len(words) == 1 and words[0].lower() in NOT_PLACES_ALONE


# Words after a place's name that make the whole an organisation's name ("Kosovo Police",
# "Serbian Army", "Bank of Japan" is found from inside): the place is part of it, no place
# of its own (label ORG>PART: a mention, never an incident's place).
ORGANISATION_NOUNS = frozenset({
    "police", "army", "ministry", "ministries", "court", "government", "parliament", "assembly", "council",
    "party", "forces", "force", "guard", "university", "college", "bank", "commission", "agency", "authority",
    "office", "service", "airlines", "airways", "railways", "radio", "television", "tv", "times", "post",
    "news", "herald", "daily", "institute", "foundation", "federation", "association", "union", "league",
    "club", "company", "corporation", "group", "committee", "department", "embassy", "consulate", "mission",
})
# Words before a name that make it a person's: "Prime Minister Albin Kurti", "Mr Kurti".
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "lady", "lord", "president", "minister",
    "premier", "chancellor", "mayor", "governor", "gov", "senator", "sen", "rep", "representative", "judge",
    "ambassador", "envoy", "general", "gen", "colonel", "col", "major", "captain", "capt", "lieutenant", "lt",
    "sergeant", "sgt", "commander", "chief", "spokesman", "spokeswoman", "spokesperson", "leader", "king",
    "queen", "prince", "princess", "pope", "bishop", "patriarch", "father", "rev", "sheikh", "imam", "officer",
    "director", "chairman", "chairwoman", "deputy", "mp", "councillor", "councilor", "prosecutor", "lawyer",
    "activist", "journalist",
})
# Titles that are adjectives too ("a major Serbian city", "the general Pristina area"): titles
# only in capitals.
_ADJECTIVE_TITLES = frozenset({"major", "general", "chief", "deputy", "leader", "father"})
# Verbs after a name that make it a person's (or an organisation's): "Kurti said", "Smith told".
SPEECH_VERBS = frozenset({
    "said", "says", "told", "tells", "added", "adds", "stated", "announced", "warned", "wrote", "writes",
    "explained", "asked", "urged", "noted", "argued", "claimed", "insisted", "replied", "declared", "stressed",
    "recalled", "admitted", "denied", "believes", "thinks", "thought", "hopes", "wants", "smiled", "laughed",
    "shrugged", "nodded",
})


# --- what the gazetteer says about a name ----------------------------------------------------

NOTABLE_POPULATION = 100_000
# A one-word region the fast recogniser takes without context needs this many people (Ohio,
# not the districts of a small country).
MAJOR_REGION_POPULATION = 500_000


def credible(places: tuple[Place, ...], min_population: int) -> bool:
    """Whether a name's candidates are notable enough to trust in an entity the model labelled
    otherwise: a country, continent, sea or region, or a town of some size."""
    return any(p.is_expanse or p.feature_code == "ADM1" or p.population >= min_population for p in places)


def notable(places: tuple[Place, ...], min_population: int = NOTABLE_POPULATION) -> bool:
    """Stricter than ``credible``, for a name no model tagged: common words are small towns
    somewhere (Federal, Republic), but not countries, regions or capitals."""
    return any(p.is_expanse or p.feature_code in ("ADM1", "PPLC") or p.population >= min_population
               for p in places)


def major(places: tuple[Place, ...]) -> bool:
    """A place to take by its name alone, even after another capitalised word: a country, sea
    or continent, a capital, a populous region."""
    return any(p.is_expanse or p.feature_code == "PPLC"
               or (p.feature_code == "ADM1" and p.population >= MAJOR_REGION_POPULATION) for p in places)


def bearing(places: tuple[Place, ...], text: str) -> tuple[Place, ...]:
    """The places that bear ``text`` as their own name, and the countries, continents,
    regions and seas it is an alias of (Britain, the Pacific). A common word is some town's
    alternate name often ("City" is London's, "No" Haiti's Nord): that alone does not make
    it a place. A town's own name as another transliteration spells it is its own too (Huliaipole for
    Hulyaypole, Yabroud for Yabrūd: ``spelled_alike``)."""
    key = fold(text)
    return tuple(p for p in places if p.is_expanse or fold(p.name) == key
                 or (p.feature_class == "P" and spelled_alike(fold(p.name), key)))


def spelled_alike(own: str, key: str) -> bool:
    """Whether the folded name ``key`` spells the folded name ``own`` otherwise, word for word
    (``folding.transliteration_key``, the Arabic article apart: "Northeast" is no North East), in
    ``MISSPELT_MIN_LETTERS`` letters or more ("Val" of Val-d'Or is no Waal)."""
    return len(key) >= MISSPELT_MIN_LETTERS and transliteration_key(own) == transliteration_key(key) \
        and len(without_article(own).split()) == len(without_article(key).split())


def written_as(places: tuple[Place, ...], text: str) -> tuple[Place, ...]:
    """The places whose own name is ``text`` as written, but for case and accents: stricter than
    ``bearing``, whose key spells "ch" as "c" (Christian is not Cristian)."""
    def plain(name: str) -> str:
        return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()

    return tuple(p for p in places if plain(p.name) == plain(text))


def named_unit(name: str, places: tuple[Place, ...], following: str) -> bool:
    """A name before its unit's word ("the Amhara region", "Ituri province") names the
    administrative unit that bears it, as its own name or another (GeoNames' Amara for Amhara)."""
    kind = KIND_CODES.get(following.lower())
    return kind in (ADMINISTRATIVE, REGIONAL) and name[:1].isupper() and not never_alone(name) \
        and any(p.feature_class == "A" and p.feature_code.startswith("ADM") for p in places)


def lies_in(inner: tuple[Place, ...], outer: tuple[Place, ...]) -> bool:
    """Whether some place of ``inner`` lies in a country or a first- or second-level unit of ``outer``
    that is not itself ("Tame in Arauca": the town in the department), by their administrative codes
    (``Place.in_unit``): a unit whose own code is unknown holds nothing, nor one its peer or a larger unit."""
    def within(p: Place, unit: Place) -> bool:
        if p.id == unit.id and p.name == unit.name or not p.in_unit(unit):
            return False
        if unit.unit_level == 0:
            return not p.is_country
        if unit.unit_level == 1:
            return bool(unit.admin1_code) and p.feature_code != "ADM1"
        return bool(unit.admin2_code) and p.feature_code not in ("ADM1", "ADM2")
    return any(within(p, unit) for p in inner for unit in outer)


def only_small_towns(places: tuple[Place, ...]) -> bool:
    """Known only as small towns of unknown population (ZIP-code towns: House, Interior,
    Register): as likely an institution, a newspaper or a common word."""
    return all(p.feature_class == "P" and p.population == 0 for p in places)


# Kinds of place that stand for an established place though its population is unknown: seats
# and units of administration (GeoNames codes many Balkan towns PPLA3 with no population).
_ESTABLISHED_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLG", "ADM1", "ADM2", "ADM3"})


def established(places: Iterable[Place]) -> bool:
    """Whether a name's candidates include a place a reporter would name without saying it is
    one: a seat or unit of administration, a town with people counted, or any place of a
    country dump the user installed (its villages, crossings, lakes). ZIP-code towns of unknown
    population are not (House, Register)."""
    return any(p.feature_code in _ESTABLISHED_CODES or p.population > 0 or p.source.startswith("geonames-dump")
               or p.source.startswith("boundaries:") for p in places)


# --- the article's focus ---------------------------------------------------------------------

# How far from a place the article names often its focus reaches; a country is all focus only
# when it is no larger than a circle that wide (Serbia, Kosovo, Albania; not the United States,
# where a word that is some small town's name is too often no place: the focus there is near
# the places the article names).
FOCUS_KM = 300.0
FOCUS_KM2 = math.pi * FOCUS_KM**2
# How many times a name is said before it sets the focus; and at most how many such places do.
_FOCUS_REPEATS, _FOCUS_POINTS = 2, 5


@dataclass(frozen=True)
class Focus:
    """Where an article is about: the countries and regions it names and their neighbours, and
    the places it names most (a region within FOCUS_KM of them). Recognition takes a name
    of this area from runs it would otherwise leave (a model's PERSON or ORG, an alternate
    name, a village no one tagged)."""

    countries: frozenset[str] = frozenset()
    points: tuple[tuple[float, float], ...] = ()
    # The country most of the article's places lie in and its neighbours, when it is small:
    # where a misspelt name is looked for (``misspelt``).
    home: frozenset[str] = frozenset()
    # Every country the article's names lie in, whatever its size: where a name the gazetteer
    # spells otherwise is looked for (``spelled_as``).
    all_countries: frozenset[str] = frozenset()

    def holds(self, place: Place) -> bool:
        if place.is_expanse:
            return place.is_country and place.country_code in self.countries
        return place.country_code in self.countries or any(
            distance_km(place.lat, place.lon, lat, lon) <= FOCUS_KM for lat, lon in self.points)

    def places(self, places: tuple[Place, ...], name: str) -> tuple[Place, ...]:
        """The candidates of ``name`` in the focus area that a reporter names without saying
        they are places; an acronym in capitals only by a place's own name (PZ, a plate code,
        is no alternate name of Pécs here)."""
        inside = tuple(p for p in places if self.holds(p))
        if name.isupper() and " " not in name.strip() and len(name) <= 5:
            inside = bearing(inside, name)
        return inside if established(inside) else ()


def _top(places: tuple[Place, ...]) -> Place | None:
    """The place a name most likely means before resolution: its country or region, else its most
    populous bearer."""
    return next((p for p in places if p.is_country or p.feature_code == "ADM1"), None) or \
        (places[0] if places else None)


def countries_of(found: Iterable[tuple[Place, ...]]) -> frozenset[str]:
    """The countries the names of ``found`` (the candidates of each) most likely lie in."""
    return frozenset(top.country_code for top in map(_top, found) if top is not None and top.country_code)


def article_focus(found: Iterable[tuple[Place, ...]], neighbours: Callable[[str], Iterable[str]],
                  area_km2: Callable[[str], float | None] = lambda code: None,
                  peoples: Iterable[tuple[Place, ...]] = ()) -> Focus:
    """The focus of an article from the candidates of the names recognition found in it (one
    tuple a mention, most populous first): the countries and first-level regions it names,
    the country most of its names lie in (a country named counts as one of them) and that
    country's neighbours, and the places it names at least twice. A country named in passing
    ("workers in Germany") brings in no neighbours of its own. A country larger than the focus
    area (``FOCUS_KM2``; ``area_km2`` unknown counts as small) is in it only near those places.
    The countries of the peoples' names it found (``peoples``: "Somali officials said") are among
    ``Focus.all_countries`` only."""
    named: set[str] = set()
    towns: Counter[str] = Counter()
    tops: dict[str, Place] = {}
    counted: Counter[str] = Counter()
    for places in found:
        top = _top(places)
        if top is None or not top.country_code:
            continue
        counted[top.country_code] += 1
        if top.is_country or top.feature_code == "ADM1":
            named.add(top.country_code)
            continue
        key = fold(top.name)
        towns[key] += 1
        tops.setdefault(key, top)
    countries = set(named)
    main = counted.most_common(1)[0][0] if counted else ""
    if main:
        countries |= {main, *neighbours(main)}
    points = tuple((tops[k].lat, tops[k].lon) for k, n in towns.most_common(_FOCUS_POINTS) if n >= _FOCUS_REPEATS)
    small = frozenset(cc for cc in countries if (area_km2(cc) or 0.0) <= FOCUS_KM2)
    home = small & {main, *neighbours(main)} if main in small else frozenset()
    of_peoples = {p.country_code for places in peoples for p in places if p.is_country}
    return Focus(small, points, home, frozenset(counted) | of_peoples)


# --- people ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class People:
    """The folded words that name people in an article (``people_named``): ``named`` by the
    form of a person's name, a title before it or "said X,"; ``speaking`` before a speech
    verb ("Kurti said"), which a capital's name does too ("Belgrade said")."""

    named: frozenset[str] = frozenset()
    speaking: frozenset[str] = frozenset()


_CUES_BEFORE = TITLES | SPEECH_VERBS


def people_named(words: Sequence[str], names: Iterable[tuple[int, int]]) -> People:
    """The people of a text of ``words``: each word of a person's name of two words or more
    (``names``: start and end indices, from the model's PERSON entities or, without a model,
    runs of capitalised words that name no place), a name after a title ("Prime Minister
    Kurti") or after a speech verb and before a comma ("said Dejan, a driver"), and a name
    before a speech verb ("Kurti said"; not after "of", "in"...: "residents of Banjska said")."""
    named: set[str] = set()
    speaking: set[str] = set()
    for start, end in names:
        if end - start >= 2:
            named.update(fold(w) for w in words[start:end] if w[:1].isupper() and w.lower() not in TITLES)
    last = len(words) - 1
    for i in [i for i, word in enumerate(words) if word[:1].isupper()]:
        before = words[i - 1].rstrip(".").lower() if i else ""
        after = words[i + 1].lower() if i < last else ""
        if before in _CUES_BEFORE:
            title = before in TITLES and (words[i - 1][:1].isupper() or before not in _ADJECTIVE_TITLES)
            if title or (before in SPEECH_VERBS and after == ","):
                named.add(fold(words[i]))
                continue
        if after in SPEECH_VERBS and before not in LOCATIVES and _run_opener(words, i) not in LOCATIVES:
            speaking.add(fold(words[i]))  # not "residents of Medvegj said", "police in Una-Sana Canton said"
    return People(frozenset(named), frozenset(speaking))


def _run_opener(words: Sequence[str], i: int) -> str:
    """The word before the run of capitalised (or hyphen-joined) words that ends at ``words[i]``, in lower case."""
    j = i - 1
    while j >= 0 and (words[j][:1].isupper() or words[j] == "-"):
        j -= 1
    return words[j].rstrip(".").lower() if j >= 0 else ""


def a_person(name: str, people: People, places: tuple[Place, ...] = (), focus: Focus | None = None) -> bool:
    """Whether the article shows ``name`` is a person's (``people_named``): by its form or a
    title anywhere; or, given the article's ``focus``, by a speech verb after it, unless the
    name is a notable place's or one of the focus area's own ("Belgrade said" is the
    government in Belgrade, "residents of Banjska said" the village's people)."""
    keys = {fold(name), *(fold(w) for w in name.split())}
    if keys & people.named:
        return True
    if focus is None or not keys & people.speaking:
        return False
    own = bearing(places, name)
    return not (notable(own) or any(focus.holds(p) for p in own))


# --- forms of a name that say what it is ------------------------------------------------------

_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")


# Regions and the seats of states: "the Hague" is no institution.
_SEATS_OF_STATE = frozenset({"ADM1", "PPLC", "PPLG"})
# A place an acronym names by another of its names is a big city (NYC, LA) or more.
ACRONYM_CITY_POPULATION = 1_000_000


def abbreviation_is_a_place(name: str, places: tuple[Place, ...]) -> bool:
    """A dotted abbreviation (U.S., B.C., D.C.) names a country, a state or province or a
    capital, not a town: "the initials M.S." are no Mesa. An acronym in capitals names a
    place by its own name (MOST, USA) or, as another of its names, a country, a region or a
    big city (UK, NYC), not a town (PZ, a plate code, is one of Pécs's names)."""
    name = name.strip()
    if _DOTTED.match(name):
        return any(p.is_expanse or p.feature_code in ("ADM1", "ADM2", "PPLC") for p in places)
    if name.isupper() and " " not in name and len(name) <= 5:
        return bool(bearing(places, name)) or any(
            p.is_expanse or p.feature_code == "ADM1" or p.population >= ACRONYM_CITY_POPULATION for p in places)
    return True


def needs_context(name: str, places: tuple[Place, ...], focus: Focus) -> bool:
    """A name the words around it must make a place ("in X", "the X crossing"): an acronym
    in capitals (MOST, a television station; PZ, a plate code) that is some small place's
    name, or only another place's alternate name, outside the article's focus; a dateline
    in capitals is a place by its position (``dateline``). Countries, regions and big towns
    stand alone (USA, UK, NYC)."""
    if not (name.isupper() and " " not in name and len(name.strip(".")) <= 5):
        return False
    if any(focus.holds(p) for p in places):
        return False
    own = bearing(places, name)
    return not (own and major(own)) and not any(p.population >= ACRONYM_CITY_POPULATION for p in places)


def an_institution(preceding: Iterable[str], name: str, following: str, places: Iterable[Place]) -> bool:
    """One word after "the" that names no country, region, capital or city of a million, and
    ends its phrase,
    is an institution's or a building's name ("at the Hub,", "the Register."): a town's name takes no article, but
    goes before a noun with one ("the Raška side", "the Bujanovac municipal assembly")."""
    previous = next(iter(preceding), "")
    return (previous.lower() == "the" and " " not in name.strip() and not following[:1].islower()
            and following.lower() not in PLACE_NOUNS  # "the Preševo Valley", "the Ibar River"
            and not any(p.is_expanse or p.feature_code in _SEATS_OF_STATE or p.population >= ACRONYM_CITY_POPULATION
                        for p in places))


def focus_place(name: str, places: tuple[Place, ...], preceding: Iterable[str], following: str, focus: Focus,
                people: People) -> bool:
    """The second pass's test, for every recogniser: ``name`` (a run the model labelled
    otherwise, or none) is a place of the article's focus area by its own name or an
    alternate, and nothing shows it is something else: a month or a title alone, a person of
    the article (``people_named``), an organisation's name ("Kosovo Police"), initials, an
    institution ("the Hub"). The caller leaves out peoples' names (Serbs, Albanian)."""
    if not places or never_alone(name) or " " not in name.strip() and name.lower() in LOCATIVES:
        return False
    if a_person(name, people, places, focus) or organisation_follows(following):
        return False
    return (bool(focus.places(places, name)) and abbreviation_is_a_place(name, places)
            and not an_institution(preceding, name, following, places))


# A misspelt name, or one spelled otherwise than the gazetteer's (``spelled_as``, ``spelled_alike``), is
# looked for only this long (letters): a shorter word is too often a near miss of some place's name. A
# misspelt one only in an article with a home (Focus.home).
MISSPELT_MIN_LETTERS = 6


def misspelt(name: str, lookup_key: Callable[[str], tuple[Place, ...]], focus: Focus,
             known: Callable[[Iterable[str]], Iterable[str]] = lambda keys: keys) -> str:
    """The name of the one established place of the article's home (``Focus.home``: a small
    country most of its places lie in, and its neighbours) that ``name``, of two words or
    more (no place's name: a run the model or the rules saw as a name) misspells by one
    letter ("Zubik Potok" for Zubin Potok), or "" (none, or more than one: no guess; a single
    word is too often a name of no place one letter from a village's). ``known``
    rules out at once the keys no name has (the gazetteer's name filter)."""
    key = fold(name)
    if " " not in key or len(key.replace(" ", "")) < MISSPELT_MIN_LETTERS or not focus.home:
        return ""
    words = name.split()
    if not all(w[:1].isupper() and w.isalpha() for w in words) or any(w.lower() in ORGANISATION_NOUNS for w in words):
        return ""  # a name's words ("March 14", "this week" are none); "Hebrew University" is an organisation's
    home = Focus(focus.home)
    named = {p.name for k in _known_neighbours(key, known) for p in home.places(lookup_key(k), name)}
    return named.pop() if len(named) == 1 else ""


@lru_cache(maxsize=8192)
def _known_neighbours(key: str, known: Callable[[Iterable[str]], Iterable[str]]) -> tuple[str, ...]:
    """The keys one letter from ``key`` that ``known`` keeps: a person's name, repeated through an
    article and across a feed, costs one search of the name filter."""
    return tuple(known(one_edit_keys(key)))


# A report's dateline, where it was filed, opening a line: "PRISTINA, May 29 (Agency) - ",
# "KYIV, Ukraine -", "Kaya (Burkina Faso), 2 March — ", "Sumy — ", "Derry, Monday: ". The
# place's name, each word capitalised (a short joining word inside: "Ras al Ain"), then what
# may follow it (its country or region, a date, the agency) and a dash or a colon.
# Two names of one place may stand joined by a slash ("Gnjilane/Gjilan, Kosovo:").
_DATELINE_WORD = r"[^\W\d_a-z][\w.'’\-]*(?:/[^\W\d_a-z][\w.'’\-]*)?"
_DATELINE_NAME = rf"{_DATELINE_WORD}(?:[ ](?:[a-z]{{1,3}}[ ])?{_DATELINE_WORD}){{0,4}}"
_DATELINE_DATE = (r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?"
                  r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)")
# A colon ends a dateline only after a date or a country or region ("Derry, Monday: ", "Gjilan, Kosovo: "):
# "JAMES: " opens a transcript's line.
# A dateline alone on its line ends its sentence at the dash ("MOPTI, Mali —" then a blank line).
_DATELINE_REGION = r"(?:,\s*[A-Z][A-Za-z.' ]{1,30}?|\s*\([A-Z][^)\n]{1,30}\))"  # its country or region
DATELINE_TAIL = re.compile(rf"(?:{_DATELINE_REGION}?"
                           rf"(?:(?:,?\s*{_DATELINE_DATE})?\s*(?:\([^)\n]{{1,40}}\))?\s*[-–—]{{1,2}}"
                           rf"|,?\s*{_DATELINE_DATE}\s*(?:\([^)\n]{{1,40}}\))?\s*:)"
                           rf"|{_DATELINE_REGION}\s*:)(?:\s|$)")
DATELINE = re.compile(rf"^\s*(?P<place>{_DATELINE_NAME}){DATELINE_TAIL.pattern}")


# The country or region right after a dateline's place: "Ub, Serbia -", "Gao, Mali (AP) -", "Kaya (Burkina Faso),".
DATELINE_REGION = re.compile(r",\s*(?P<after>[A-Z][A-Za-z.' ]{1,30}?)(?=\s*[,(:\-–—])"
                             r"|\s*\((?P<inside>[A-Z][^)\n]{1,30})\)")


def dateline_region(rest: str) -> tuple[int, int] | None:
    """Where in ``rest``, the line after a dateline's place, the name of its country or region stands
    (``DATELINE_REGION``; a date or an agency may stand there too: the gazetteer tells)."""
    m = DATELINE_REGION.match(rest)
    if m is None:
        return None
    group = "after" if m.group("after") else "inside"
    return m.start(group), m.end(group)


def dateline(name: str, line_start: bool, rest: str) -> bool:
    """Whether ``name``, opening a line and followed by ``rest`` (the line's text after it), is
    a dateline's place: "Sumy — ", "Kaya (Burkina Faso), 2 March — ", or a name in capitals
    before a comma ("BUJANOVAC, March 14 -", "TORETSK, Donetsk region")."""
    if not line_start:
        return False
    return (name.isupper() and rest.startswith(",")) or DATELINE_TAIL.match(rest) is not None


# Words in lower case a model runs on after a name that are no part of one: times and verbs
# ("Bor overnight", "Kochi originated"); a noun after a name may be ("Copacabana beach").
_TIME_WORDS = frozenset({"overnight", "today", "yesterday", "tonight", "tomorrow", "now", "again", "early", "late"})


def no_part_of_a_name(word: str) -> bool:
    """Whether a word in lower case after a name is no part of it: a time word or a verb's form."""
    return word in _TIME_WORDS or word.endswith(("ed", "ing", "ly"))


# Words in lower case that may follow a place's name without qualifying it: prepositions, conjunctions,
# words of time ("fought Bor on Monday", "took Kula and Rudnik", "shelled Bor last night").
_AFTER_A_NAME = LOCATIVES | {"on", "for", "with", "and", "or", "but", "after", "before", "as", "while", "when",
                             "since", "until", "last", "this", "that", "which", "where", "by", "over", "under"}


def qualifies_a_noun(label: str, following: str) -> bool:
    """Whether a word the model took for a people's (NORP) qualifies the noun after it: a word in
    lower case follows that is no function word, time word, verb's form or place's noun ("fought
    Druze tribal gunmen", "attacked Kurdish fighters"); such a word is no town, whatever verb is
    before it ("fought Bor on Monday", "shelled Kula village" stay places)."""
    return label == "NORP" and following.isalpha() and following.islower() \
        and following not in _AFTER_A_NAME and following not in PLACE_NOUNS and not no_part_of_a_name(following)


def organisation_follows(following: str) -> bool:
    """Whether the capitalised word after a place's name makes the two an organisation's
    name ("Kosovo Police", "Serbian Army"; "Texas Rangers" not: a team is no noun here)."""
    return following[:1].isupper() and following.lower() in ORGANISATION_NOUNS


def runs_into_an_unknown_name(name: str, following: Sequence[str], places: tuple[Place, ...],
                              lookup: Callable[[str], tuple[Place, ...]]) -> bool:
    """Whether a small town's one-word name, with a capitalised word right after it (``following``: the words
    after it), is only the first word of a longer name the gazetteer does not know ("Boko Haram", "Bulo Burte",
    "Bint Jbeil"). Not when a word after it names a unit, a site or an organisation ("Gjilan Police", "Kula
    Municipality", "Ripley High School"), a day, a month or a title, a country, a region or a capital; nor when
    the place's own name goes on after ``name`` ("Tuz Khormato": Ţūz Khūrmātū, which "Tuz" also names)."""
    if " " in name.strip() or not following or not following[0][:1].isupper() or notable(places) or major(places) \
            or never_alone(following[0]) or major(lookup(following[0])):
        return False
    if any(w.lower() in PLACE_NOUNS or w.lower() in KIND_CODES or w.lower() in ORGANISATION_NOUNS
           or w.lower() in SITE_NOUNS or w.lower() in TITLES or w.lower() in UNIT_WORDS_LOWER for w in following[:3]):
        return False
    key = fold(name) + " "
    return not any(fold(p.name).startswith(key) for p in places)


def in_organisation_name(preceding: Iterable[str], following: Sequence[str]) -> bool:
    """Whether a place's name is part of an organisation's: an organisation's noun among the
    capitalised words after it ("Kosovo Police", "Colorado State University") or before "of"
    before it ("Bank of Japan", "University of Georgia")."""
    for word in following[:3]:
        if not word[:1].isupper():
            break
        if word.lower() in ORGANISATION_NOUNS:
            return True
    before = list(islice(preceding, 2))
    return len(before) == 2 and before[0] == "of" and organisation_follows(before[1])


def widens_a_point(modifier: str) -> bool:
    """"near", "outside", "12 km north", "north of": a point moved or widened; a bare
    direction ("north") is a part of a region instead."""
    return modifier in ("near", "outside") or " " in modifier


def kind_after(following: str) -> str:
    """The kind (``KIND_CODES``) the words after a name make it ("Diyala province", "Maru local
    government area"), or "": ``following``, the next word or more."""
    words = re.findall(r"[\w'’-]+", following.lower())
    for n in (3, 2, 1):
        kind = KIND_CODES.get(" ".join(words[:n]), "") if len(words) >= n else ""
        if kind:
            return kind
    return ""


def of_kind(kind: str, places: tuple[Place, ...]) -> tuple[Place, ...]:
    """The candidates a kind word after the name leaves: a unit for "Zinder province" and a
    town for "Isiolo town" where one country has both of that name (the county named after
    its seat). Only between namesakes of one country: elsewhere a district's name is its
    town's ("the Lancaster district" is no US county). Countries and larger stay: "the
    Kosovo town of" uses a country's name as an adjective."""
    if kind == REGIONAL:  # a region named after its seat ("the Donetsk region"): the unit, no town anywhere
        seats = {p.country_code for p in places if p.feature_class == "P"} \
            & {p.country_code for p in places if p.feature_code == REGIONAL}
        return tuple(p for p in places if not (seats and p.feature_class == "P" and not p.is_expanse))
    if kind not in (POPULATED, ADMINISTRATIVE):
        return places
    wanted = "P" if kind == POPULATED else "A"

    def right(p: Place) -> bool:
        return p.feature_class == wanted and not p.is_expanse

    def wrong(p: Place) -> bool:
        return p.feature_class == ("A" if kind == POPULATED else "P") and not p.is_expanse

    have = {p.country_code for p in places if right(p)}
    return tuple(p for p in places if not (wrong(p) and p.country_code in have))


# Between two names the model ran into one: "Nis, Serbia", "Tigre (Buenos Aires",
# "Belgrade-Stari Grad", "Priština/Prishtina".
_NAME_BREAKS = frozenset({",", "(", ")", "-", "–", "—", "/"})


def repaired_parts(words: Sequence[str]) -> list[tuple[int, int]]:
    """Where to cut a name that the gazetteer does not know as a whole (``words``, the
    entity's tokens): at a comma, a bracket, a dash or a slash between capitalised words ("Nis, Serbia": a
    place and its qualifier; "Belgrade-Stari Grad": a city and its part), and before a kind
    word at its end ("Gardez city", "Diyala province", "the Preševo Valley": ``kind_after``
    reads the word after the part). (start, end) of each part, in ``words``."""
    end = len(words)
    if end > 1 and words[-1].lower() in KIND_CODES:
        end -= 1
    parts, start = [], 0
    for i, word in enumerate(words[:end]):
        # Between two capitalised words only: "north-west Serbia" is one phrase.
        # Not after the Arabic article (``folding.ARABIC_ARTICLES``): "Al-Daein" is one name.
        if word in _NAME_BREAKS and 0 < i < end - 1 and words[i - 1][:1].isupper() and words[i + 1][:1].isupper() \
                and not (word == "-" and words[i - 1].lower() in ARABIC_ARTICLES):
            parts.append((start, i))
            start = i + 1
    parts.append((start, end))
    return [(a, b) for a, b in parts if a < b]


# --- the words around a name -----------------------------------------------------------------

# A compass point in capitals is part of a name, not a direction before one: "North Side",
# "East Bank", "South Philadelphia" (but "north Kosovo", "northern Kosovo").
_COMPASS_POINTS = frozenset({"north", "south", "east", "west"})


def _of_a_place(word: str) -> bool:
    """Whether ``word`` before "of" makes the name after it a place: "the village of X", "15 km
    west of X"."""
    word = word.lower()
    # "the northern districts of X", "the neighbourhoods of X": a plural too
    return word in OF_PLACE_NOUNS or word in _COMPASS_POINTS or (word.endswith("s") and word[:-1] in OF_PLACE_NOUNS)


# Words between a locative and a name that describe the place ("in rural Norte de Santander",
# "in remote Turkana"): passed over like "the".
_PLACE_ADJECTIVES = frozenset({"rural", "remote", "restive", "neighbouring", "neighboring", "nearby", "coastal"})


def _locative(word: str) -> bool:
    lower = word.lower()
    return lower in LOCATIVES and not (lower in _COMPASS_POINTS and word[:1].isupper())


def locative_before(preceding: Iterable[str], tagged: bool = False) -> str:
    """The locative word before a name ("in X", "near the X"), in lower case, or "".

    A place's name takes "the"; used as an adjective it takes "a" too ("at a Buford home"),
    but so does a firm's or a protein's ("an FDA report", "a Kelch protein"). So "a" and
    "an" are passed over only for a name the model ``tagged`` as an entity."""
    skipped = DETERMINERS if tagged else _THE
    for word in preceding:
        if word.lower() not in skipped and word.lower() not in _PLACE_ADJECTIVES:
            return word.lower() if _locative(word) else ""
    return ""


def in_place_context(preceding: Iterable[str], following: Sequence[str], tagged: bool = False) -> bool:
    """Whether the words around a name say it is a place: "in X", "near the X", "the X
    crossing", "the X regional governor" (``following``: the words and signs right after it, a
    few)."""
    return (bool(following) and following[0].lower() in PLACE_NOUNS) or an_office_after(following) \
        or bool(locative_before(preceding, tagged))


# Offices named after the place they govern, with the unit's adjective between: "the Kherson
# regional governor", "the Lviv city mayor". No person's name goes before them.
_PLACE_OFFICES = frozenset({"governor", "governors", "mayor", "mayors"})
_OFFICE_UNITS = frozenset({"regional", "provincial", "state", "city", "district", "county", "municipal", "oblast",
                           "military", "local"})


def an_office_after(after: Sequence[str]) -> bool:
    """Whether the words right ``after`` a name are an office of the place it names ("X
    regional governor", "X mayor"): part of ``in_place_context``."""
    words = [w.lower() for w in after[:3]]
    while words and words[0] in _OFFICE_UNITS:
        words.pop(0)
    return bool(words) and words[0] in _PLACE_OFFICES


# An adverb that may open an apposition before its article: "Bama, once the second-largest town in ...".
_APPOSITION_ADVERBS = frozenset({"once", "now", "still", "formerly", "long", "today", "also"})
# Words that end the noun phrase of an apposition before its place noun: "Smith, the head of the district council"
# names no place by "district".
_APPOSITION_NOUN_ENDS = frozenset({"of", "'s", "’s", ",", "in", "and", "for", "to", "who", "said"})
# Words that may follow the place noun of an apposition: "X, a railway town in the north", "X, a town,", "X, a
# commuter town just south of Y", "X, a Serb-majority town a few kilometres from Y".
_AFTER_APPOSED_NOUN = frozenset({"in", "on", "of", "near", "north", "south", "east", "west", "that", "where",
                                 "which", "some", "about", ",", ".", ";", "—", "-", "just", "a", "only", "less",
                                 "roughly", "close", "whose", "with", "located", "situated", "lying", "bordering",
                                 "straddling", "held", "controlled", "outside"})


def _apposed_noun_at(after: Sequence[str]) -> int:
    """Where the place noun of an apposition right after a name is in ``after`` (its words from the
    comma on), or -1: the article, an adverb before it, at most three words before the noun."""
    if len(after) < 3 or after[0] != ",":
        return -1
    k = 2 if after[1].lower() in _APPOSITION_ADVERBS else 1
    if k >= len(after) or after[k].lower() not in ("a", "an", "the"):
        return -1
    for i in range(k + 1, min(k + 5, len(after))):
        word = after[i].lower()
        if word in PLACE_NOUNS:
            return i
        if word in _APPOSITION_NOUN_ENDS:
            break
    return -1


def held_by_next(places: tuple[Place, ...], after: Sequence[str],
                 lookup: Callable[[str], tuple[Place, ...]]) -> bool:
    """Whether the words right ``after`` a name (from its comma on) name a unit that holds it, as a
    qualifier: "Fresnillo, in Zacatecas, is ...", "Valencia, Carabobo state" (``lies_in``)."""
    if len(after) < 2 or after[0] != ",":
        return False
    k = 2 if after[1].lower() == "in" else 1
    k += k < len(after) and after[k].lower() == "the"
    run: list[str] = []
    while k < len(after) and after[k][:1].isupper() and len(run) < 3:
        run.append(after[k])
        k += 1
    return any(lies_in(places, lookup(" ".join(run[:n]))) for n in range(len(run), 0, -1))


def apposed_place_noun(after: Sequence[str]) -> str:
    """The place noun of an apposition right after a name, which says what kind of place it is
    ("Tessalit, a town in the far north", "Bunia, the provincial capital", "Bama, once the
    second-largest town in"), or ""."""
    k = _apposed_noun_at(after)
    return after[k] if k >= 0 else ""


# What a unit's seat is called after the unit's noun: "the county headquarters", "the district capital".
_SEAT_NOUNS = frozenset({"headquarters", "seat", "capital", "town"})


def apposed_place(after: Sequence[str]) -> bool:
    """Whether an apposition right after a name (``after``, its words from the comma on, eight or
    so) says it is a place ("Indaw, a railway town in the north", "Bunia, the provincial capital,"):
    a place noun that ends its noun phrase ("X, a town councillor" is a person)."""
    k = _apposed_noun_at(after)
    if 0 <= k < len(after) - 2 and after[k + 1].lower() in _SEAT_NOUNS:
        k += 1  # "Leer, the county headquarters in", "X, the district capital,": a unit's seat
    return 0 <= k < len(after) - 1 and after[k + 1].lower() in _AFTER_APPOSED_NOUN


def in_small_town_context(preceding: Iterable[str], following: str) -> bool:
    """The small-town rule: a name known ``only_small_towns`` is a place only when the words
    say so more firmly. Town names take no article ("the House", "the Register" are
    Congress and a newspaper), and "of" is too weak ("the Department of Interior") unless a
    place noun comes before it ("the village of Iruya"); "in Lanexa" and "the Lanexa
    crossing" are places."""
    if following.lower() in PLACE_NOUNS:
        return True
    words = iter(preceding)
    previous = next(words, "")
    if previous.lower() in WEAK_LOCATIVES:
        return _of_a_place(next(words, ""))
    return _locative(previous)


# Sites that stand in a town: "the vegetable market in X", "a mosque in X". "in" after one is as firm
# as "near": a firm's, an event's or a work's name is not where a market stands ("the phone market in
# Europe" names a region, which the gazetteer's town test leaves out).
SITE_NOUNS = frozenset({
    "market", "marketplace", "bazaar", "mosque", "church", "synagogue", "temple", "school", "hospital", "clinic",
    "checkpoint", "prison", "jail", "camp", "barracks", "station", "square", "stadium", "hotel", "restaurant",
    "cafe", "bakery", "shop", "mall", "factory", "warehouse", "depot",
})
# "withdrew from X", "pushed into X": a preposition between a place verb and its place.
_VERB_PREPOSITIONS = frozenset({"from", "into"})
# "bombs on X", "a strike on X", "an attack on X": a preposition between an event's noun and its place.
_NOUN_PREPOSITIONS = frozenset({"on"})
# "the market in X": a preposition between a site (SITE_NOUNS) and the town it stands in.
_SITE_PREPOSITIONS = frozenset({"in"})


def _never(word: str) -> bool:
    return False


@dataclass(frozen=True)
class EventWords:
    """What the incidents stage's event table says of a word, for recognition's cues (the
    pipeline passes the table's: ``geo.incidents.places.event_words``; without it, no word is
    an event's). ``place_verb``: an inflected verb of violence or of taking ground, whose object
    is a place ("shelled", "recaptured", "withdrew"; not "arrested"). ``event_noun``: a noun of
    the table ("rockets", "attack"): a name before one that a model did not call a place names
    a weapon or a group ("Grad rockets")."""

    place_verb: Callable[[str], bool] = _never
    event_noun: Callable[[str], bool] = _never
    # A verb and its particles ("took back X", "moved into X", "took control of X"), given the
    # words before the name nearest first.
    place_phrase: Callable[[Sequence[str]], bool] = _never


NO_EVENT_WORDS = EventWords()


def firmly_placed(preceding: Iterable[str], event_words: EventWords = NO_EVENT_WORDS) -> bool:
    """Whether the words before a name say firmly that it is a place: "near X", "outside X",
    "the town of X", "on the outskirts of X", "the market in X", a verb of violence or of taking ground
    (``EventWords.place_verb``: "shelled X", "withdrew from X"; ``place_phrase``: "took back X"), a
    locative and a word of the land ("in rural X")."""
    nearest = [w.lower() for w in islice(preceding, 4)]
    if event_words.place_phrase(nearest):
        return True
    words = iter(nearest)
    previous = next(words, "")
    if previous in WEAK_LOCATIVES:
        return _of_a_place(next(words, ""))
    if previous in _VERB_PREPOSITIONS:
        return event_words.place_verb(next(words, ""))
    if previous in _NOUN_PREPOSITIONS:
        return event_words.event_noun(next(words, ""))
    if previous in _SITE_PREPOSITIONS:
        return next(words, "").lower() in SITE_NOUNS  # "the vegetable market in X"
    if previous in _PLACE_ADJECTIVES:
        return _locative(next(words, ""))  # "in rural X", "across remote X": only land is rural or remote
    return previous in FIRM_LOCATIVES or event_words.place_verb(previous)


# What a town's possessive owns that only a place has: a site in it (SITE_NOUNS), its office
# (_PLACE_OFFICES), its garrison or its parts ("X's garrison", "X's airport", "X's outskirts").
_PLACE_POSSESSIONS = SITE_NOUNS | _PLACE_OFFICES | _TOWN_PARTS | {"garrison", "airport", "port", "municipality"}
# "X was shelled", "X has been retaken", "X had been overrun": the passive's auxiliaries.
_PASSIVE_AUXILIARIES = frozenset({"was", "were", "is", "are", "been", "being"})
# Verbs of violence whose passive's subject is a person, not a place ("Mahmoud was shot"): no cue.
_PEOPLES_PASSIVES = frozenset({
    "killed", "wounded", "injured", "hurt", "shot", "stabbed", "beaten", "abducted", "kidnapped", "executed",
    "murdered", "tortured", "raped", "assaulted", "lynched", "hanged", "beheaded", "arrested", "detained",
})


# Where a place lies, said after its name: a verb of lying and how far or which way ("lies 10 km from", "sits
# just north of").
_LIES = frozenset({"lies", "sits", "stands"})
_HOW_FAR = frozenset({"km", "kilometres", "kilometers", "miles", "metres", "meters", "north", "south", "east",
                      "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
                      "south-east", "south-west"})


def placed_after(following: Sequence[str], event_words: EventWords = NO_EVENT_WORDS) -> bool:
    """Whether the words after a name say firmly that it is a place, as a sentence's subject
    often is (no word before it to cue it): the subject of a passive of violence or of taking
    ground ("X was shelled overnight", "X has been retaken", ``EventWords.place_verb``), or a
    possessive that owns a site, an office or a garrison ("X's main market", "X's mayor";
    at most two words between), or where it lies (``_LIES``)."""
    words = [w.lower() for w in following[:5]]
    if words and words[0] in POSSESSIVES:
        return any(w in _PLACE_POSSESSIONS for w in words[1:4])
    if words and words[0] in _LIES and any(w in _HOW_FAR for w in words[1:5]):
        return True  # "X lies barely ten kilometres from the border", "X sits just north of Y"
    k = 0
    while k < len(words) and k < 3 and (words[k] in _PASSIVE_AUXILIARIES or words[k] in ("has", "have", "had")):
        k += 1
    if k == 0 or words[k - 1] not in _PASSIVE_AUXILIARIES:
        return False
    if k < len(words) and words[k].endswith("ly"):  # "was heavily shelled"
        k += 1
    return k < len(words) and words[k] not in _PEOPLES_PASSIVES and event_words.place_verb(words[k])


def cued_town(name: str, places: tuple[Place, ...], preceding: Iterable[str],
              event_words: EventWords = NO_EVENT_WORDS, following: Sequence[str] = ()) -> bool:
    """A name no rule took, or one a model labelled something else ("outside Damboa" as a
    PRODUCT), after a firm cue (``firmly_placed``) or before one (``placed_after``: "X was
    shelled", "X's garrison") is a place when the gazetteer knows an
    established town by that very name. Common words are not: a word that is never a place
    alone (NOT_PLACES_ALONE), another place's alternate name (``bearing``), a ZIP-code town
    of unknown population (``established``: House, Register). A name of several words is no
    common word: its alternate names count too ("Wad Madani" for Wad Medani)."""
    # the gazetteer's test first: most names tried are no town, and it is the cheaper
    return a_town_by_name(name, places) \
        and (firmly_placed(preceding, event_words) or placed_after(following, event_words))


def a_town_by_name(name: str, places: tuple[Place, ...]) -> bool:
    """Whether the gazetteer knows an established town by that very name (``cued_town``)."""
    if not name[:1].isupper() or never_alone(name):
        return False
    own = places if " " in name.strip() else bearing(places, name)
    return established(p for p in own if p.feature_class == "P")


# "the town", "the city's", "the village" in the words after a name tell back a settlement named before
# ("Tumaco's fishermen ... a pier on the town's waterfront"); this many words on, before another place.
SETTLEMENT_NOUNS = TOWN_NOUNS | {"settlement"}
TOLD_BACK_WORDS = 60
# In a report that names no country, a town told back, or named after "in" with a model's label for a thing, is
# the one town of this many people by its name (``the_one_sizable_town``).
SIZABLE_TOWN_POPULATION = 10_000


def tells_back_a_town(following: Iterable[str]) -> bool:
    """Whether the words after a name (``TOLD_BACK_WORDS`` of them, up to the next place) tell a
    settlement back: "the town", "the village", "the city's" (a possessive's ending apart)."""
    previous = ""
    for word in islice(following, TOLD_BACK_WORDS):
        low = word.lower()
        if low.endswith(POSSESSIVES):
            low = low[:-2]
        if previous == "the" and low in SETTLEMENT_NOUNS:
            return True
        previous = low
    return False


def a_town_told_back(name: str, places: tuple[Place, ...], countries: Collection[str]) -> bool:
    """Whether a name that the report tells back as a settlement (``tells_back_a_town``) is a town:
    the gazetteer knows an established town by that very name (``a_town_by_name``) in a country the
    report names or whose people it names (``countries``); in a report that names no country, a
    notable one, or the one town of ``SIZABLE_TOWN_POPULATION`` people or more by its name (a reader
    needs no country for it: "Djibo has been under blockade ... outside the town")."""
    if countries:
        return a_town_by_name(name, tuple(p for p in places if p.feature_class == "P" and p.country_code in countries))
    towns = tuple(p for p in bearing(places, name) if p.feature_class == "P")
    return a_town_by_name(name, towns) and (notable(towns) or the_one_sizable_town(towns))


def the_one_sizable_town(towns: tuple[Place, ...]) -> bool:
    """Whether the towns of a name with ``SIZABLE_TOWN_POPULATION`` people or more all lie in one country (and
    some do): the one a reader knows by that name without a country named."""
    return len({p.country_code for p in towns if p.population >= SIZABLE_TOWN_POPULATION}) == 1


def firmly_a_place(preceding: Iterable[str], following: Sequence[str],
                   event_words: EventWords = NO_EVENT_WORDS) -> bool:
    """Whether the words around a name that the gazetteer does not hold say firmly that it is a
    place, which may then be read as another spelling of one (``spelled_as``): "in X" ("in the X"
    is an institution's: "in the Senate"), a firm cue before it (``firmly_placed``: "near X", "the
    town of X", "shelled X"), a settlement's or a unit's word after it ("X district"), or what only
    a place is or owns after it (``placed_after``: "X was shelled", "X's market"; a possessive
    alone is a person's: "in Ahmed's house"). ``following``: the words after the name, its
    possessive ending first."""
    if placed_after(following, event_words):
        return True
    after = following[0].lower() if following else ""
    if after in POSSESSIVES:
        return False
    nearest = list(islice(preceding, 4))
    return (bool(nearest) and nearest[0].lower() == "in") or firmly_placed(nearest, event_words) \
        or KIND_CODES.get(after) in (POPULATED, ADMINISTRATIVE, REGIONAL)


def spelled_as(name: str, spelled_otherwise: Callable[[str], tuple[Place, ...]], focus: Focus,
               sentence_countries: frozenset[str] = frozenset()) -> str:
    """The own name of the one town or unit that ``name``, a name the gazetteer does not hold in a
    firm place context (``firmly_a_place``), spells otherwise ("Tarhouna": Tarhuna, "Mayadeen": Al
    Mayādīn; ``Gazetteer.spelled_otherwise``), or "". Among the countries the places of its own
    sentence lie in (``sentence_countries``: "the Kasime district of Riyadh" is no Jasim in Syria
    however often the report names Syria), else those of the article's (``Focus.all_countries``),
    else a notable place; no guess between two places of other names. Not a word that is never a
    place alone, a title's or an organisation's, nor initials or a name shorter than
    ``MISSPELT_MIN_LETTERS`` (``may_be_spelled_otherwise``)."""
    if not may_be_spelled_otherwise(name):
        return ""
    places = spelled_otherwise(name)
    countries = sentence_countries or focus.all_countries
    places = tuple(p for p in places if p.country_code in countries) if countries \
        else tuple(p for p in places if notable((p,)))
    return places[0].name if len({fold(p.name) for p in places}) == 1 else ""


def may_be_spelled_otherwise(name: str) -> bool:
    """Whether ``name`` has the form of a place's name that ``spelled_as`` may read: capitalised
    words, ``MISSPELT_MIN_LETTERS`` letters or more, no initials, no word that is never a place
    alone, a title's or an organisation's. A test of the string alone, before any other."""
    words = name.split()
    return sum(c.isalpha() for c in name) >= MISSPELT_MIN_LETTERS and "." not in name \
        and all(w[:1].isupper() for w in words) \
        and not any(w.lower() in NOT_PLACES_ALONE or w.lower() in TITLES or w.lower() in ORGANISATION_NOUNS
                    for w in words)


def not_a_name_spelled_otherwise(text: str, name: str) -> bool:
    """Whether the text shows that a one-word ``name`` is no place's spelled otherwise: it writes it in
    lower case too (a common word, capitalised in a headline: "Life in Terror ... lived in terror"), or
    after another capitalised word (a person's surname: "named Omar Kassim ... rest in Kassim") that
    is no locative, article, title, month or direction ("In Kassim", "Mr Kassim" are none)."""
    if " " in name:
        return False
    if re.search(rf"\b{re.escape(name.lower())}\b", text):
        return True
    return any(m.group(1).lower() not in NOT_PLACES_ALONE and m.group(1).lower() not in LOCATIVES
               for m in re.finditer(rf"\b([A-Z][a-z]+) {re.escape(name)}\b", text))


# A sentence whose longer words are mostly capitalised is in a headline's case ("Car Bomb Kills 20 in
# Baghdad", "Life in Terror"): a capital there tells no name from a word.
_HEADLINE_SHARE = 0.6


def headline_case(words: Iterable[str]) -> bool:
    """Whether the sentence of ``words`` is in a headline's case."""
    long = [w for w in words if len(w) > 3 and w.isalpha()]
    return bool(long) and sum(w[0].isupper() for w in long) >= _HEADLINE_SHARE * len(long)


# Labels for a name that no word of a place could earn: a town the model calls a LANGUAGE or a DATE
# after "in" ("in Bihac", "an oil depot in Belgorod") is the model's slip. Products, events and works
# go after "in" and "at" too ("in Windows", "at Wimbledon"): only a large town's name is taken from them.
NEVER_PLACED_LABELS = frozenset({"LANGUAGE", "DATE", "LAW"})
NAMED_THINGS_LABELS = frozenset({"PRODUCT", "EVENT", "WORK_OF_ART"})


def mislabelled_town(name: str, label: str, places: tuple[Place, ...], preceding: Iterable[str],
                     following: str = "", countries: Collection[str] = ()) -> bool:
    """A town the model gave a label that is not a place's, after "in", "near", "at"...: the
    town, when the gazetteer knows an established one by that very name (for a product's, an
    event's or a work's label, a notable one, or one in a country the report names or whose people
    it names (``countries``: "base in Buulobarde ... a Somali officer"), or one a settlement's word
    follows: "in Feni town"; for an event's label also the one town of its name with
    ``SIZABLE_TOWN_POPULATION`` people or more: "a billiard hall in X", while a product is often named
    after a town that size); and a unit before its unit's word with a date's or a law's label ("in
    Amhara region" as a DATE: ``named_unit``)."""
    if label not in NEVER_PLACED_LABELS | NAMED_THINGS_LABELS \
            or locative_before(preceding, tagged=True) in ("", *WEAK_LOCATIVES):
        return False
    if label in NEVER_PLACED_LABELS and named_unit(name, places, following):
        return True  # "in Amhara region" as a DATE: the unit before its word
    if not a_town_by_name(name, places):
        return False
    towns = tuple(p for p in bearing(places, name) if p.feature_class == "P")
    return label in NEVER_PLACED_LABELS or KIND_CODES.get(following.lower()) == POPULATED or notable(towns) \
        or any(p.country_code in countries for p in towns) or (label == "EVENT" and the_one_sizable_town(towns))


# --- sentences -------------------------------------------------------------------------------

# A candidate end: . ! ? or … with any closing quotes and brackets, then white space; or a
# line break (with the white space around it).
_BREAK = re.compile(r"([.!?…]+)([\"'”’»)\]]*)\s+|[ \t]*\n\s*")
# What opens the next sentence: opening quotes or brackets, then a word.
_NEXT = re.compile(r"[\"'“‘«(\[]*(\w*)(\.?)")
# Before these the period is a title's: a name follows ("Gen. Smith", "St. Louis").
_TITLES = frozenset({
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Gens", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cpl", "Sgt",
    "Pvt", "Adm", "Brig", "Gov", "Sen", "Sens", "Rep", "Reps", "Rev", "Fr", "Msgr", "Hon", "Pres", "Supt",
    "Det", "Insp", "Atty", "St", "Mt", "Ft",
})
# Before a number these are no sentence's end: "Jan. 5", "No. 10", "Rt. 66".
_BEFORE_NUMBERS = frozenset({
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "no",
    "Art", "Vol", "vol", "p", "pp", "Fig", "Rt", "Rte", "Hwy", "Ste", "Apt", "ca", "approx",
})
# Abbreviations that can end a sentence, but seldom do: after one, a sentence starts only
# with a word that could not go on a name (below). Firms, suffixes, AP's US states and Canada's
# provinces; dotted abbreviations (U.S., D.C., a.m.) and initials (George W. Bush) are found by their form.
_ABBREVIATIONS = frozenset({
    "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "Plc", "Esq", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd",
    "vs", "etc", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn",
    "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "Ont", "Que", "Sask", "Alta",
})
# Words that open sentences and go on no name: after "in the U.S." the word "The" starts a
# sentence, "Rep." or "Army" does not.
_OPENERS = frozenset({
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our", "My",
    "This", "That", "These", "Those", "There", "Here", "But", "And", "Or", "So", "Yet", "In", "On", "At",
    "For", "From", "With", "After", "Before", "When", "While", "If", "As", "Although", "Though", "Since",
    "Because", "During", "By", "Meanwhile", "However", "Now", "Then", "Also", "Some", "Many", "Most", "All",
    "Both", "Each", "What", "Who", "Why", "How", "Where", "Which", "One", "Two", "Three", "Still", "Yesterday",
    "Today",
})


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip("\"'“‘«([")


def _is_abbreviation(word: str) -> bool:
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or ("." in word and word[-1:].isalpha())


def _ends_sentence(text: str, m: re.Match) -> bool:
    """Whether the candidate break ``m`` ends a sentence."""
    punctuation = m.group(1)
    lines = (text[m.end(2):m.end()] if punctuation else m.group()).count("\n")
    if lines >= 2:  # a blank line ends a paragraph
        return True
    following = _NEXT.match(text, m.end())
    word = following.group(1)
    if word[:1].islower():  # a line wrapped inside a sentence, "the U.S. state of Missouri"
        return False
    if lines or m.group(2) or not punctuation.endswith("."):  # a line break; a closed quote; ! or ?
        return True
    before = _word_before(text, m.start(1))
    if before in _TITLES:
        return False
    if before in _BEFORE_NUMBERS and word[:1].isdigit():
        return False
    if _is_abbreviation(before):
        return word in _OPENERS and not following.group(2)  # "A." is an initial, not the article
    return True


@lru_cache(maxsize=4096)  # recognition, resolution and the incident stage each split the same article (a batch
# of hundreds passes each stage in turn: a smaller cache would drop the first before the incidents read them)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of ``text``, white space outside.

    A sentence ends at . ! ? or … (closing quotes and brackets go with it) before a word that
    does not go on in lower case; at a blank line; and at a line break before a line that
    does not go on in lower case (a heading, a list item). A period after a title is no end
    ("Gen. Smith", "St. Louis"), nor one before a number after "Jan.", "No."...; after other
    abbreviations (U.S., Inc., Ga., initials) a sentence ends only before a word like "The"
    or "He" that goes on no name: "in the U.S. The president", not "U.S. Rep. Smith"."""
    out: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for m in _BREAK.finditer(text):
        if m.end() >= len(text) or not _ends_sentence(text, m):
            continue
        end = m.end(2) if m.group(1) else m.start()
        if end > start:
            out.append((start, end))
        start = m.end()
    end = len(text.rstrip())
    if end > start:
        out.append((start, end))
    return tuple(out)


class Sentences:
    """The sentences of one text, to find the one around a span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self._starts = [start for start, _ in self.spans]

    def around(self, start: int, end: int) -> tuple[str, int]:
        """The sentence holding text[start:end] (the sentences it spans, if more than one) and
        its offset."""
        if not self.spans:
            return "", 0
        first = max(bisect_right(self._starts, start) - 1, 0)
        last = max(bisect_right(self._starts, max(end - 1, start)) - 1, first)
        begin, stop = self.spans[first][0], self.spans[last][1]
        return self.text[begin:stop], begin
