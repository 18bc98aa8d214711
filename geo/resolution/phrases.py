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
# After the first name: ", a village 12 km north of ", ", a town near ", ", 5 miles west of ",
# ", in ", or a plain ", " before the second name (a place and the place it lies in).
_ANCHOR = re.compile(
    r",\s+(?:(?:a|an|the)\s+(?:\w+\s+){0,2}?" + _KIND + r"\s+)?"
    r"(?:(?P<dist>\d+(?:[.,]\d+)?)\s*(?P<unit>km|kilometres|kilometers|miles|mi)\s+)?"
    r"(?:(?P<dir>" + _DIRECTION + r")(?:ern)?\s+(?:of|from)\s+|(?P<near>near|outside|close to)\s+(?:the\s+)?"
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


def anchors(text: str, mentions: Sequence[Mention]) -> list[Anchor | None]:
    """For each mention, the mention the text places it beside, if any."""
    by_start = {m.start: i for i, m in enumerate(mentions)}
    out: list[Anchor | None] = []
    for m in mentions:
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
        out.append(Anchor(j, km, bearing, bare))
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
    if anchor.km is None and anchor.bearing is None and q.is_country:
        return p.country_code == q.country_code
    if anchor.km is None and anchor.bearing is None and q.feature_code in ("ADM1", "ADM2"):
        return (p.country_code, p.admin1_code) == (q.country_code, q.admin1_code) and (
            q.feature_code == "ADM1" or p.admin2_code == q.admin2_code)
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
