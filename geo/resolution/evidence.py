"""What an article's own text says about where it is: the countries, first-level regions and
counties it names anywhere (not only in the mentions being resolved), and "Place, Region"
qualifiers right after a mention ("Columbus, Ga.", "Lima, Ohio", "Paris, TX").

The text is scanned for runs of capitalised words; the longest part of a run that the
gazetteer knows as a country, region or county is one piece of evidence, shared among the
places of that name (Georgia: half the country, half the US state). A name that is also a
capital's (Washington) gives only what holds the city: nothing for Washington, the country for
Singapore.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from geo.folding import fold
from geo.gazetteer import Gazetteer
from geo.model import Mention, Place
from geo.recognition import APOSTROPHE

_RUN = re.compile(r"[A-Z][\w'’-]*\.?(?: (?:[A-Z][\w'’-]*\.?|(?:of|de|del|do|da)\b))*")
_MAX_TOKENS = 4
_LINKS = ("of", "de", "del", "do", "da")
# An organisation's name is no evidence of where the article is ("the Patriotic Force of Congo",
# "the Military Police"), nor is a name that only qualifies a currency or a mission ("the US
# dollar", "the US embassy said").
_ORGANISATION_WORDS = frozenset({
    "force", "forces", "army", "police", "party", "front", "movement", "bank", "company", "corporation",
    "airlines", "airways", "university", "college", "council", "commission", "ministry", "agency",
    "institute", "fund", "league", "association", "guard", "navy", "embassy", "military", "club",
})
_ATTRIBUTIVE_NOUNS = frozenset({
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "rouble", "roubles", "ruble", "rubles",
    "yuan", "yen", "dinar", "dinars", "embassy", "embassies", "consulate", "ambassador", "envoy",
})
_NEXT_WORD = re.compile(r"[\s-]*([a-z]+)")
_NON_SPACE = re.compile(r"\S+")
# A direction standing alone ("North", "Far North", "South-West"): a region's name in a few
# countries (Cameroon's), but in most texts the first word of a longer name or "the South".
DIRECTION_WORD = re.compile(
    r"(?:the )?(?:far |upper |lower )?(?:north|south|east|west|central|northern|southern|eastern|western)"
    r"(?:[ -]?(?:east|west|eastern|western))?", re.I)
_POSSESSIVE = re.compile(rf"{APOSTROPHE}s$")
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,5}")
# After a mention: ", Region" (a name, an abbreviation such as "Ga." or a two-letter code).
_QUALIFIER = re.compile(r"\s*,\s*([A-Z][\w'’-]*\.?(?: [A-Z][\w'’-]*\.?){0,2})")
# A list's next item: ", Idaho", " and California", " or Utah".
_LIST_GOES_ON = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+[A-Z]")
# US states by their postal codes, which are also their GeoNames admin1 codes ("Paris, TX").
US_STATES = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
})


def _admin(p: Place) -> bool:
    return p.is_country or p.feature_code in ("ADM1", "ADM2")


def admin_places(gazetteer: Gazetteer, name: str, own_names: bool = False,
                 qualifying: bool = False) -> tuple[Place, ...]:
    """The countries, regions and counties a name stands for (its own names first; with
    ``own_names``, a county only by its own name: "Reynolds County", not "Roger Reynolds").
    ``qualifying``: the name qualifies another (", Washington" after a town), where a
    capital's name is the region's."""
    key = fold(name)
    if not key:
        return ()
    places = gazetteer.lookup_key(key)
    capitals = [p for p in places if p.feature_code == "PPLC" and fold(p.name) == key]
    if capitals and not qualifying:
        # In news a capital's name is the city (Washington, not the state), and says only
        # what holds the city: a city-state's country (Singapore), the region that is the
        # city (Berlin). A capital merely listed under the name (Paris, as "Bali") is no capital.
        return tuple(p for p in places if _admin(p) and any(
            c.in_unit(p, 0 if p.is_country else 1) for c in capitals))
    admins = [p for p in places if _admin(p)]
    own = [p for p in admins if fold(p.name) == key]
    if own_names and not own:
        admins = [p for p in admins if p.feature_code != "ADM2"]
    return tuple(own or admins)


@dataclass
class Evidence:
    """Votes for countries (cc), regions (cc, admin1) and counties (cc, admin1, admin2),
    kept per name so a mention's own name can be left out of its own context."""

    countries: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)
    counties: Counter = field(default_factory=Counter)
    by_name: dict[str, dict[tuple[str, tuple], float]] = field(default_factory=lambda: defaultdict(dict))
    country_total: float = 0.0
    # Initials of the regions and countries the text spells out: "NSW" for New South Wales.
    acronyms: dict[str, tuple[Place, ...]] = field(default_factory=dict)
    # By (kind, name left out): the most votes any key of the kind has, and all the kind's votes
    _top: dict[tuple[str, str], float] = field(default_factory=dict)
    _total: dict[tuple[str, str], float] = field(default_factory=dict)
    # ``relative`` by (kind, key, name left out): asked again for every candidate of a country or region
    _relative: dict[tuple[str, tuple, str | frozenset[str]], float] = field(default_factory=dict)

    def add(self, key: str, places: tuple[Place, ...], weight: float = 1.0) -> None:
        if not places or key in self.by_name:
            return
        self._top.clear()
        self._total.clear()
        self._relative.clear()
        w = weight / len(places)
        own = self.by_name[key]
        for p in places:
            votes = [("countries", (p.country_code,))]
            if p.feature_code in ("ADM1", "ADM2"):
                votes.append(("regions", (p.country_code, p.admin1_code)))
            if p.feature_code == "ADM2":
                votes.append(("counties", (p.country_code, p.admin1_code, p.admin2_code)))
            for kind, k in votes:
                getattr(self, kind)[k] += w
                own[(kind, k)] = own.get((kind, k), 0.0) + w
            self.country_total += w

    def share(self, kind: str, k: tuple, without: str | frozenset[str]) -> float:
        """Votes for k, the name ``without`` (or each of a set of names) left out."""
        total = getattr(self, kind).get(k, 0.0)
        if not total:  # no name voted for k: none has a vote to leave out
            return 0.0
        for name in (without,) if isinstance(without, str) else without:
            own = self.by_name.get(name)
            if own:
                total -= own.get((kind, k), 0.0)
        return max(0.0, total)

    def _shares(self, kind: str, without: str | frozenset[str]) -> list[float]:
        """``share`` of every key of the kind, in its order: the names' own votes looked up once,
        not once a key."""
        owns = [own for name in ((without,) if isinstance(without, str) else without)
                if (own := self.by_name.get(name))]
        votes = getattr(self, kind)
        if not owns:
            return [max(0.0, total) for total in votes.values()]
        out = []
        for k, total in votes.items():
            for own in owns:
                total -= own.get((kind, k), 0.0)
            out.append(max(0.0, total))
        return out

    def relative(self, kind: str, k: tuple, without: str | frozenset[str]) -> float:
        """Votes for k over those of the most named key of its kind (1 for it), the name
        ``without`` left out."""
        memo = (kind, k, without)
        found = self._relative.get(memo)
        if found is None:
            found = self._relative[memo] = self._relative_votes(kind, k, without)
        return found

    def _relative_votes(self, kind: str, k: tuple, without: str | frozenset[str]) -> float:
        votes = self.share(kind, k, without)
        if votes <= 0:
            return 0.0
        memo = (kind, without)
        if memo not in self._top:
            self._top[memo] = max(self._shares(kind, without))
        top = self._top[memo]
        return votes / top if top > 1e-9 else 0.0

    def fraction(self, kind: str, k: tuple, without: str | frozenset[str]) -> float:
        """Votes for k over all the votes of its kind, the name ``without`` left out: near 1
        when the text names one region, small in a list of many."""
        votes = self.share(kind, k, without)
        if votes <= 0:
            return 0.0
        memo = (kind, without)
        if memo not in self._total:
            self._total[memo] = sum(self._shares(kind, without))
        total = self._total[memo]
        return votes / total if total > 1e-9 else 0.0

    def names_a_region(self, key: str) -> bool:
        """Whether the name stands for a first-level region (or country) rather than a county."""
        votes = self.by_name.get(key, {})
        return bool(votes) and not any(kind == "counties" for kind, _ in votes)

    def country_share(self, cc: str, without: str) -> float:
        return self.relative("countries", (cc,), without)


def names_country(p: Place, sev: Evidence | None, names: frozenset[str]) -> bool:
    """Whether the sentence names the town's or region's country ("protested in Odessa",
    next to Ukraine), ``names`` left out."""
    if sev is None or p.is_country or not p.country_code:
        return False
    return sev.share("countries", (p.country_code,), names) > 1e-9


def names_region(p: Place, sev: Evidence | None, names: frozenset[str]) -> bool:
    """Whether the sentence names the candidate's first-level region ("Kingston is a city in
    Eastern Ontario"), ``names`` (the mention's own and its list's) left out."""
    if sev is None or not p.admin1_code or p.is_country:
        return False
    return sev.share("regions", (p.country_code, p.admin1_code), names) > 1e-9


def text_evidence(gazetteer: Gazetteer, text: str, cache: dict | None = None, lead_chars: int = 0,
                  lead_weight: float = 1.0, own_names: bool = False) -> Evidence:
    """The evidence of every capitalised run in the text; a name first seen in the first
    ``lead_chars`` (the lead sentence, a dateline) weighs ``lead_weight``. ``cache`` (name
    -> places) is kept by the caller across articles."""
    cache = {} if cache is None else cache
    ev = Evidence()
    for m in _RUN.finditer(text):
        for start, end in _segments(m):
            _add_run(ev, gazetteer, text, text[start:end].split(" "), start, end,
                     lead_weight if start < lead_chars else 1.0, cache, own_names)
    return ev


def in_organisation(text: str, start: int, end: int, scan_from: int = 0) -> bool:
    """Whether text[start:end] stands inside an organisation's name (a capitalised run holding
    "Force", "Police", "Bank"...) or only qualifies a currency or a mission ("US dollar").
    The runs are read from ``scan_from`` (the sentence's start)."""
    for run in _RUN.finditer(text, max(scan_from, start - 300), min(len(text), end + 100)):
        for a, b in _segments(run):
            if a <= start and b >= end:
                return _organisation(text, a, b)
    return False


def _segments(run: re.Match) -> list[tuple[int, int]]:
    """A run cut where a word ends a sentence ("Washington County. Police"): a full stop after
    a word of four letters or more (not "U.S." or "Ga.")."""
    if "." not in run.group():
        return [run.span()]
    out, start = [], run.start()
    for word in _NON_SPACE.finditer(run.group()):
        if word.group().endswith(".") and len(word.group().replace(".", "")) > 3:
            out.append((start, run.start() + word.end()))
            start = run.start() + word.end() + 1
    if start < run.end():
        out.append((start, run.end()))
    return out


# A place's police keeps order at home ("Kosovo Police", "the Afghan National Police"): its name says
# where the article is, as an army's or a party's does not (they fight or campaign abroad too).
_HOME_FORCES = frozenset({"police"})


def _organisation(text: str, start: int, end: int) -> bool:
    words = [w.lower().rstrip(".") for w in text[start:end].split(" ")]
    kinds = {w for w in words if w in _ORGANISATION_WORDS}
    if kinds and not (kinds <= _HOME_FORCES and len(words) > len(kinds)):
        return True
    after = _NEXT_WORD.match(text, end)
    return bool(after and after.group(1) in _ATTRIBUTIVE_NOUNS)


def _run_places(gazetteer: Gazetteer, name: str, own_names: bool) -> tuple[str, tuple[Place, ...]]:
    """The folded name and the places it stands for. A possessive names a country or a
    region ("Cameroon's Far North", "Ohio's governor"), not a county: "Barton's" is a person."""
    bare = _POSSESSIVE.sub("", name)
    if DIRECTION_WORD.fullmatch(bare):
        return fold(bare), ()  # no evidence of itself: "The West Australian"
    places = admin_places(gazetteer, bare, own_names)
    if bare != name:
        places = tuple(p for p in places if p.is_country or p.feature_code == "ADM1")
    return fold(bare), places


def _add_run(ev: Evidence, gazetteer: Gazetteer, text: str, tokens: list[str], start: int, end: int,
             weight: float, cache: dict, own_names: bool) -> None:
    """The evidence of one capitalised run (its ``tokens``, text[start:end]): its longest
    parts that name places, left to right. In an organisation's name a country says
    nothing of where the article is ("the Patriotic Force of Congo", "the US dollar"); a town
    still does ("the Richmond Police")."""
    tokens = _counties_joined(tokens)
    organisation = None  # asked once a part names places: most runs name none
    i = 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + _MAX_TOKENS), i, -1):
            if tokens[j - 1] in _LINKS:
                continue
            name = " ".join(tokens[i:j])
            if name not in cache:
                if len(cache) > 200_000:
                    cache.clear()
                cache[name] = _run_places(gazetteer, name, own_names)
            key, places = cache[name]
            if places and organisation is None:
                organisation = _organisation(text, start, end)
            if organisation:
                places = tuple(p for p in places if not p.is_country)
            if places and j == len(tokens):
                places = _qualified(gazetteer, text, end, places, cache)
            if places:
                ev.add(key, places, weight)
                words = [t for t in tokens[i:j] if t not in _LINKS]
                if len(words) > 1:
                    ev.acronyms.setdefault("".join(t[0] for t in words).upper(), places)
                i = j
                break
        else:
            i += 1


# "Co Clare", "Co. Antrim": a county named in the Irish and British way.
_COUNTY_ABBREVIATIONS = frozenset({"Co", "Co."})


def _counties_joined(tokens: list[str]) -> list[str]:
    """``tokens`` with "Co" and the name after it one token, "County X": evidence of the county alone, never of a
    namesake town or county abroad that the name alone would be ("Co Clare" is no Clare, Michigan)."""
    if not _COUNTY_ABBREVIATIONS.intersection(tokens[:-1]):
        return tokens
    out: list[str] = []
    k = 0
    while k < len(tokens):
        if tokens[k] in _COUNTY_ABBREVIATIONS and k + 1 < len(tokens):
            out.append(f"County {tokens[k + 1]}")
            k += 2
        else:
            out.append(tokens[k])
            k += 1
    return out


def _qualified(gazetteer: Gazetteer, text: str, end: int, places: tuple[Place, ...], cache: dict
               ) -> tuple[Place, ...]:
    """The places of a run ending at ``end`` that lie in the region a ", Region" after it names:
    "Washington County, Arkansas" is the county of that state, not all thirty."""
    q = _QUALIFIER.match(text, end)
    if not q:
        return places
    qkey = ("qualifier", q.group(1))
    if qkey not in cache:
        cache[qkey] = _named_regions(gazetteer, q.group(1))
    return within(places, cache[qkey])


def expand_acronym(ev: Evidence, name: str) -> tuple[Place, ...]:
    """The places an acronym stands for when the text spells it out ("NSW", "New South Wales")."""
    if not _ACRONYM.fullmatch(name):
        return ()
    return ev.acronyms.get(name.replace(".", ""), ())


def _named_regions(gazetteer: Gazetteer, words: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The countries and regions the longest leading part of ``words`` names ("Ohio", "GA",
    "Kenya", "New York State")."""
    # "Antwerp, Belgium's second city": the possessive names Belgium.
    tokens = _POSSESSIVE.sub("", words).split(" ")
    for j in range(len(tokens), 0, -1):
        name = " ".join(tokens[:j])
        if name in US_STATES:
            return {"US"}, {("US", name)}
        places = admin_places(gazetteer, name, qualifying=True)
        if places:
            countries = {p.country_code for p in places}
            # "Puebla, Mexico" is the country, not its State of México; "Macon, Georgia"
            # may still be the US state.
            whole = {p.country_code for p in places if p.is_country}
            regions = {(p.country_code, p.admin1_code) for p in places
                       if p.feature_code in ("ADM1", "ADM2") and p.country_code not in whole}
            return countries, regions
    return set(), set()


def within(places: tuple[Place, ...], named: tuple[set[str], set[tuple[str, str]]]) -> tuple[Place, ...]:
    """The places that lie in the named regions (else countries); all of them when none does."""
    countries, regions = named
    if regions:
        inside = tuple(p for p in places if (p.country_code, p.admin1_code) in regions and not p.is_country)
    else:
        inside = tuple(p for p in places if p.country_code in countries and not p.is_country)
    return inside or places


def qualifier_starts_a_list(text: str, m: Mention) -> bool:
    """Whether the ", Region" after the mention is followed by more of a list ("Paris, New
    York and Milan"): then it may be the list's next item rather than the mention's region."""
    q = _QUALIFIER.match(text, m.end)
    return bool(q and _LIST_GOES_ON.match(text, q.end()))


def qualifier(gazetteer: Gazetteer, text: str, m: Mention,
              peer: bool = False) -> tuple[set[str], set[tuple[str, str]]]:
    """The countries and regions named right after the mention (", Ohio", ", GA", ", Kenya").
    With ``peer`` (the mention is itself a region's name), one followed by more of a list is
    the list's next item, not a qualifier: "Washington, Pennsylvania and California"."""
    q = _QUALIFIER.match(text, m.end)
    if not q or (peer and _LIST_GOES_ON.match(text, q.end())):
        return set(), set()
    return _named_regions(gazetteer, q.group(1))
