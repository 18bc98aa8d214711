"""What the words around a mention say about which place it is.

- Where the text places a name beside another: appositives, place and admin pairs and
  relative positions ("Banjska, a village north of Kosovska Mitrovica", "the village of
  Banjska, Leposavic", "Banjska, 12 km north of Mitrovica"): the first name's namesakes that
  lie where it says from the second name's candidates.
- Lists ("Texas, Washington and Oregon"), whose members are of one kind of place.
- A direction standing alone ("North"), which names a region only in a country the text names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.folding import fold
from geo.geodesy import distance_km
from geo.model import Mention, Place
from geo.resolution.evidence import DIRECTION_WORD, Evidence

# The kinds of place an appositive names ("a village", "a small town", "the capital").
_KIND = r"(?:village|town|city|hamlet|suburb|settlement|municipality|district|neighbo(?:u)?rhood|community|capital)"
_DIRECTIONS = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0,
    "south": 180.0, "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}
_DIRECTION = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?"
# After the first name: ", a village 12 km north of ", ", a town near ", ", on the outskirts of ", ", 5 miles west of ",
# ", in ", or a plain ", " before the second name (a place and the place it lies in).
_ANCHOR = re.compile(
    r",\s+(?:(?:a|an|the)\s+(?:\w+\s+){0,2}?" + _KIND + r"\s+)?"
    r"(?:(?P<dist>\d+(?:[.,]\d+)?)\s*(?P<unit>km|kilometres|kilometers|miles|mi)\s+)?"
    r"(?:(?P<dir>" + _DIRECTION + r")(?:ern)?\s+(?:of|from)\s+"
    r"|(?P<near>near|outside|close to|(?:on|at)\s+the\s+(?:outskirts|edge)\s+of|not\s+far\s+from)\s+(?:the\s+)?"
    r"|(?P<inside>in|of)\s+(?:the\s+)?|(?P<bare>))",
    re.I)
_LIST_GOES_ON = re.compile(r"\s*(?:,|,?\s+and\b|,?\s+or\b|&)\s+[A-Z]")
# How far from the second name the first may lie when the text gives no distance.
NEAR_KM = 40.0
# A name placed explicitly beside another whose candidates all lie farther than this from it
# is none of them.
FAR_KM = 150.0
# A distance the text gives is met within this share of it (and at least NEAR_KM / 4).
_SLACK = 0.5


@dataclass(frozen=True)
class Anchor:
    """The first mention lies near the second (``other``): ``km`` away in direction
    ``bearing`` (degrees from north) when the text says."""

    other: int
    km: float | None = None
    bearing: float | None = None
    # ", Y" alone: Y is the town or municipality the first lies in or by, when Y is a town.
    bare: bool = False
    # ", near Y", ", on the outskirts of Y": said to lie near Y, as a distance or a direction says
    near: bool = False
    # ", in Y", ", of Y": said to lie in Y
    inside: bool = False
    # "X/Y": two names of one place
    alias: bool = False


def anchors(text: str, mentions: Sequence[Mention]) -> list[Anchor | None]:
    """For each mention, the mention the text places it beside, if any."""
    by_start = {m.start: i for i, m in enumerate(mentions)}
    out: list[Anchor | None] = []
    for m in mentions:
        if text[m.end:m.end + 1] == "/" and m.end + 1 in by_start:  # "Derry/Londonderry": one place, two names
            out.append(Anchor(by_start[m.end + 1], near=True, alias=True))
            continue
        a = _ANCHOR.match(text, m.end)
        j = by_start.get(a.end()) if a else None
        if a is None or j is None or mentions[j].start == m.start:
            out.append(None)
            continue
        km = None
        if a.group("dist"):
            km = float(a.group("dist").replace(",", "."))
            km *= 1.609 if a.group("unit").lower().startswith("mi") else 1.0
        direction = a.group("dir")
        bearing = _DIRECTIONS.get(re.sub(r"[- ]", "", direction.lower())) if direction else None
        bare = a.group("bare") is not None and a.end() - a.start() <= 3
        if bare and _LIST_GOES_ON.match(text, mentions[j].end):
            out.append(None)  # "Paris, London and Berlin": a list, not a place and its town
            continue
        out.append(Anchor(j, km, bearing, bare, near=a.group("near") is not None, inside=a.group("inside") is not None))
    return out


def _bearing(a: Place, b: Place) -> float:
    """The initial bearing from b to a, degrees from north."""
    la1, la2 = math.radians(b.lat), math.radians(a.lat)
    dl = math.radians(a.lon - b.lon)
    y = math.sin(dl) * math.cos(la2)
    x = math.cos(la1) * math.sin(la2) - math.sin(la1) * math.cos(la2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


def fits(p: Place, q: Place, anchor: Anchor) -> bool:
    """Whether ``p`` lies where the anchor says from ``q``: that far (or within NEAR_KM) in that
    direction; "in Y" also anywhere inside Y's region or county."""
    if anchor.km is None and anchor.bearing is None and q.unit_level is not None:
        return p.in_unit(q)
    km = distance_km(p.lat, p.lon, q.lat, q.lon)
    if anchor.km is not None:
        if abs(km - anchor.km) > max(NEAR_KM / 4, _SLACK * anchor.km):
            return False
    elif km > NEAR_KM:
        return False
    if anchor.bearing is not None and km > 1.0:
        off = abs((_bearing(p, q) - anchor.bearing + 180.0) % 360.0 - 180.0)
        return off <= 67.5
    return True


def direction_alone(text: str, m: Mention, cands: tuple[Place, ...], ev: Evidence) -> tuple[Place, ...]:
    """The candidates of a bare direction ("North", "Far North") in countries the text names
    (Cameroon's North and Far North regions), none when a name follows it ("North Caucasus":
    recognition split the name)."""
    if not DIRECTION_WORD.fullmatch(m.text):
        return cands
    if re.match(r" [A-Z]", text[m.end:m.end + 2]):
        return ()
    key = fold(m.text)
    return tuple(p for p in cands if p.country_code and ev.country_share(p.country_code, key) > 0)


# Between two members of a list: ", ", " and ", ", or ", " & ".
_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|&|,?\s*\band\b|,?\s*\bor\b)\s*")


def kind_of(p: Place) -> str:
    """The kind of place a list keeps to: a country, a first-level region, a town (with the
    counties, which are named like towns: "Camden, Charlton and Glynn counties")."""
    if p.is_country:
        return "country"
    if p.feature_code == "ADM1":
        return "region"
    return "town" if p.feature_class == "P" or p.feature_code == "ADM2" else ""


def lists_of(text: str, mentions: Sequence[Mention]) -> list[tuple[int, ...]]:
    """For each mention, the other members of the list it stands in (mentions of one sentence
    with nothing but ", ", " and ", " or " between them)."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    groups: list[list[int]] = []
    for prev, cur in zip([None, *order], order, strict=False):
        a, b = (mentions[prev] if prev is not None else None), mentions[cur]
        if a is not None and a.end <= b.start and _LIST_SEPARATOR.fullmatch(text, a.end, b.start):
            groups[-1].append(cur)
        else:
            groups.append([cur])
    members: list[tuple[int, ...]] = [()] * len(mentions)
    for g in groups:
        for i in g:
            members[i] = tuple(j for j in g if j != i)
    return members


# Kinds of site, street and water that take a name ("Pearson International Airport", "Royal
# Street", "the Mississippi River"). Not "Beach", "Falls" or "Springs": towns are named so.
_WATER_NOUNS = r"river|creek|canal"
_SITE_NOUNS = (_WATER_NOUNS + r"|dam|reservoir|airport|airfield|street|st|avenue|ave|road|rd|boulevard|blvd|lane|"
               r"square|plaza|bridge|park|university|college|school|hospital|hotel|resort|stadium|arena|station|museum|"
               r"cathedral|church|mosque|monastery|temple|palace|prison|mall|centre|center")
_SITE_AFTER = re.compile(r"(?:\s+(?:International|Regional|Municipal|National|State|Memorial|Central))*\s+(?P<noun>"
                         + _SITE_NOUNS + r")\b\.?", re.I)
_SITE_END = re.compile(r".*\b(?P<noun>" + _SITE_NOUNS + r")\.?", re.I)
_WATER = re.compile(_WATER_NOUNS, re.I)
# After the site: " in Y", ", Y", " near Y", " at Y", " outside Y" (the town it lies in or by).
_SITE_TOWN = re.compile(r",?\s+(?:in|at|near|outside|of)\s+(?:the\s+)?|,\s+")


@dataclass(frozen=True)
class Site:
    """A mention that names a site, street or water after a place ("Pearson" of "Pearson
    International Airport", "Mississippi River"), and the mention of the town the text puts
    it in, if any."""

    town: int | None
    water: bool = False


def sites(text: str, mentions: Sequence[Mention]) -> list[Site | None]:
    """For each mention, whether it names a site rather than a place (its text ends in a
    site's noun, or one follows it), and the town the text puts the site in."""
    by_start = {m.start: i for i, m in enumerate(mentions)}
    out: list[Site | None] = []
    for i, m in enumerate(mentions):
        end = m.end
        noun = _SITE_END.fullmatch(m.text)
        if noun is None:
            noun = _SITE_AFTER.match(text, m.end)
            if noun is None:
                out.append(None)
                continue
            end = noun.end()
        town = _SITE_TOWN.match(text, end)
        j = by_start.get(town.end()) if town else None
        out.append(Site(j if j != i else None, bool(_WATER.fullmatch(noun.group("noun")))))
    return out


def site_named_whole(text: str) -> bool:
    """Whether the mention is the site's whole name ("Gazivode Lake", "Pristina Airport")."""
    return _SITE_END.fullmatch(text) is not None


def site_candidates(site: Site, cands: tuple[Place, ...], town: tuple[Place, ...]) -> tuple[Place, ...]:
    """The candidates a site's name may still mean: water or a region for a river's; those by the town
    the text puts the site in, never a namesake village far away. Without a town, a site
    named after a place is most often named after the article's own (the Pewaukee School
    District), and the candidates stay for the context to choose."""
    if site.water:  # the river, or the region it is named after (the Mississippi), never a town
        return tuple(p for p in cands if p.feature_class == "H" or p.is_expanse or p.feature_code in ("ADM1", "ADM2"))
    if town:
        return tuple(p for p in cands if any(distance_km(p.lat, p.lon, q.lat, q.lon) <= NEAR_KM for q in town))
    return cands


def anchored(cands: list[tuple[Place, ...]], bases: list[list[float]], placed: Sequence[Anchor | None],
             weight: float) -> list[list[float]]:
    """Each candidate's agreement with where the text places it: near, in, or that far in
    that direction from one of the other name's likely candidates (within 3 of its best
    prior). A bare ", Y" counts only for a town or municipality Y (regions are qualifiers).
    A name the text places by direction, distance or nearness ("Banjska, a village north of Kosovska
    Mitrovica", "X, on the outskirts of Y") none of whose candidates lies within FAR_KM of there is left without an
    answer (Bansko in Bulgaria is not that village); ``cands`` and ``bases`` lose it."""
    out = []
    for i, anchor in enumerate(placed):
        cs = cands[i]
        scores = [0.0] * len(cs)
        if anchor is not None and cs and cands[anchor.other]:
            other, prior = cands[anchor.other], bases[anchor.other]
            likely = [q for q, b in zip(other, prior, strict=True) if b >= max(prior) - 3.0
                      and not (anchor.bare and not (q.feature_class == "P" or q.feature_code == "ADM2"))]
            fit = [any(fits(p, q, anchor) for q in likely) for p in cs]
            if any(fit) and not all(fit):
                scores = [weight if f else 0.0 for f in fit]
            # near a town only: a border or a region's point says little of how far its neighbours lie
            elif not any(fit) and (anchor.km or anchor.bearing is not None
                                   or anchor.near and all(q.feature_class == "P" for q in likely)) and likely and all(
                    distance_km(p.lat, p.lon, q.lat, q.lon) > FAR_KM for p in cs for q in likely):
                cands[i], bases[i], scores = (), [], []
        out.append(scores)
    for i, anchor in enumerate(placed):
        if anchor is not None and (anchor.bare or anchor.inside or anchor.alias) and cands[i] and cands[anchor.other]:
            _qualifier_holds(cands, bases, i, anchor, out, weight)
    return out


def _qualifier_holds(cands: list[tuple[Place, ...]], bases: list[list[float]], i: int, anchor: Anchor,
                     scores: list[list[float]], weight: float) -> None:
    """The second name of "X, Y" or "X, in Y" qualifies the first: its candidates that are a unit or a
    country holding one of the first's likely candidates gain ``weight`` ("Fresnillo, in Zacatecas" is
    the state, not its capital city of the name); that of "X/Y" names it again: its candidates by the
    first's gain it."""
    j = anchor.other
    likely = [p for p, b in zip(cands[i], bases[i], strict=True) if b >= max(bases[i]) - 3.0]
    holds = [(anchor.alias or q.is_country or q.feature_code in ("ADM1", "ADM2"))
             and any(fits(p, q, anchor) for p in likely) for q in cands[j]]
    if any(holds) and not all(holds) and len(scores[j]) == len(holds):
        scores[j] = [s + (weight if h else 0.0) for s, h in zip(scores[j], holds, strict=True)]


def place_sites(text: str, mentions: Sequence[Mention], cands: list[tuple[Place, ...]]) -> dict[int, int]:
    """Keep, of a name that names a site, street or water ("Pearson" of "Pearson
    International Airport", "Royal Street"), only the places it may mean there, never a
    namesake village far away (``site_candidates``); a site whose own name the gazetteer
    holds keeps its candidates. Returns the sites to place at the town the text puts them
    in, by mention index."""
    in_town: dict[int, int] = {}
    found = sites(text, mentions) if text else [None] * len(mentions)
    # A name the article also uses alone is its own place, the site named after it (the
    # Tarma river by Tarma): that name's candidates stay for the context to choose.
    alone = {fold(m.text) for m, site in zip(mentions, found, strict=True) if site is None}
    for i, site in enumerate(found):
        if site is None or (cands[i] and site_named_whole(mentions[i].text)) or fold(mentions[i].text) in alone:
            continue
        town = cands[site.town] if site.town is not None else ()
        cands[i] = site_candidates(site, cands[i], town)
        if site.town is not None:
            in_town[i] = site.town
    return in_town
