"""Directions and relations written just before a place's name ("northern Kosovo", "the north
of Kosovo", "near Zvečan", "outside Pristina", "12 km north of Mitrovica", "30 km from Kaya"),
read from the text alone: one reading for every recogniser, the spaCy components and the
gazetteer-only one alike.

The modifier says what the phrase means relative to the place; the geometry stage turns it
into a part of the place's shape or a wider uncertainty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

DIRECTIONS = {
    "northern": "north", "southern": "south", "eastern": "east", "western": "west", "central": "central",
    "north": "north", "south": "south", "east": "east", "west": "west",
    "northwestern": "north-west", "northeastern": "north-east", "southwestern": "south-west",
    "southeastern": "south-east", "northwest": "north-west", "northeast": "north-east",
    "southwest": "south-west", "southeast": "south-east",
}
RELATIONS = {"near": "near", "outside": "outside", "around": "near", "nearby": "near"}
UNITS_KM = {"km": 1.0, "kms": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometer": 1.0,
            "miles": 1.609344, "mile": 1.609344, "mi": 1.609344}
DASHES = frozenset({"-", "–", "—", "/"})
# Words, numbers (with a unit glued on: "30km") and each other sign apart.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:km|mi)?|[^\W\d_]+|[^\w\s]", re.UNICODE)
# How far back a phrase may start: "the far north of", "5 kilometres south-west of".
_LOOK_BACK_CHARS = 60


def modifier_before(text: str, start: int, floor: int = 0) -> tuple[str, int] | None:
    """The relation or direction written just before the name at ``text[start]`` (not
    reading before ``floor``, the sentence's start): the modifier ("near", "outside",
    "north", "north-west", "12 km north", "30 km from", "north of") and where its phrase
    starts in ``text``; None when there is none."""
    window = text[max(floor, start - _LOOK_BACK_CHARS):start]
    base = start - len(window)
    found = [(base + m.start(), m.group()) for m in _TOKEN.finditer(window)]
    words = [w.lower() for _, w in found]
    hit = relation_before(words, len(words)) or direction_before(words, len(words))
    return (hit[0], found[hit[1]][0]) if hit else None


def direction_before(words: Sequence[str], start: int) -> tuple[str, int] | None:
    """The direction just before ``words[start]`` (lower-case tokens): 'northern X',
    'north-west X', 'the north of X'; the modifier and the index its phrase starts at."""
    if start >= 3 and words[start - 2] in DASHES:
        a, b = words[start - 3], words[start - 1]
        if a in ("north", "south") and b in ("east", "west", "eastern", "western"):
            return f"{a}-{DIRECTIONS[b].split('-')[-1]}", start - 3
    if start >= 1 and words[start - 1] in DIRECTIONS:
        return DIRECTIONS[words[start - 1]], start - 1
    # "the north of Kosovo", "the far north of Kosovo" (without "the" it is outside: see below)
    if start >= 2 and words[start - 1] == "of" and words[start - 2] in DIRECTIONS:
        begin = start - 2
        while begin > 0 and words[begin - 1] in ("far", "deep", "extreme"):
            begin -= 1
        if begin > 0 and words[begin - 1] == "the":
            return DIRECTIONS[words[start - 2]], begin - 1
    return None


def relation_before(words: Sequence[str], start: int) -> tuple[str, int] | None:
    """'near X', 'outside X', '12 km north of X', 'close to X', 'north of X', as
    ``direction_before``."""
    if start >= 1 and words[start - 1] in RELATIONS:
        return RELATIONS[words[start - 1]], start - 1
    if start >= 2 and words[start - 2] == "close" and words[start - 1] == "to":
        return "near", start - 2
    # N km from X ("a village about 30 km from Kaya"): within that distance, in no direction.
    if start >= 3 and words[start - 1] == "from":
        km_at = _distance_before(words, start - 1)
        if km_at is not None:
            return f"{km_at[0]:g} km from", km_at[1]
    # N km DIRECTION of X ("12 km north of", "5 kilometres south-west of")
    if start >= 4 and words[start - 1] == "of":
        i = start - 2
        direction = words[i]
        if i >= 2 and words[i - 1] in DASHES:
            direction = f"{words[i - 2]}-{direction}"
            i -= 2
        if direction.replace("-", "") in {d.replace("-", "") for d in DIRECTIONS}:
            km_at = _distance_before(words, i)
            if km_at is not None:
                return f"{km_at[0]:g} km {DIRECTIONS.get(direction, direction)}", km_at[1]
            if words[i - 1] != "the":  # "north of Mitrovica", "south-east of Pristina"
                return f"{DIRECTIONS[direction.replace('-', '')]} of", i
    return None


def _distance_before(words: Sequence[str], end: int) -> tuple[float, int] | None:
    """The distance in km written just before ``words[end]`` ("30 km", "12 miles", "30km")
    and the index it starts at."""
    if end < 1:
        return None
    unit = words[end - 1]
    glued = re.fullmatch(r"(\d+(?:\.\d+)?)(km|mi)", unit)
    if glued:
        return float(glued.group(1)) * UNITS_KM[glued.group(2)], end - 1
    number = words[end - 2].replace(",", "") if end >= 2 else ""
    if unit in UNITS_KM and re.fullmatch(r"\d+(?:\.\d+)?", number):
        return float(number) * UNITS_KM[unit], end - 2
    return None
