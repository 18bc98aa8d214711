"""Regions named by the subdivisions cut from them: North, South, West, East and Central
Darfur make Darfur; West, Central and East Java make Java; East and West Sussex make
Sussex. News names the whole ("fighting in Darfur") where the gazetteer
holds only its parts, so the whole is added as a region at the centre of its parts.

A region is added only where two or more subdivisions of one level and one country share
the stem, the stem is no generic word ("Northern Province", "Western Cape") and names no
place the country already has (East and West Baton Rouge do not make a second Baton Rouge)
and no country or big city ("Macedonia": Greece's three are not North Macedonia; Somalia's
Middle and Lower Juba make no rival to South Sudan's capital).
"""

from __future__ import annotations

import re
from collections import defaultdict

from geo.folding import fold
from geo.gazetteer.writer import Writer

_COMPASS = ("north east", "north west", "south east", "south west", "northeast", "northwest", "southeast",
            "southwest", "north", "south", "east", "west", "central", "northern", "southern", "eastern",
            "western", "upper", "lower", "middle", "centre", "center", "far")
_PART = re.compile(rf"^(?:{'|'.join(_COMPASS)})[ -](.+)$")
# What a subdivision's name ends in besides its stem: "West Darfur State".
_KIND_SUFFIX = re.compile(r"\s+(?:state|province|region|division|governorate|department|district|county|"
                          r"oblast|krai|prefecture|parish|paris|borough|municipality|territory|regency|city|atoll|"
                          r"(?:administrative |autonomous )?okrug|autonomous|regional|aimak|aimag|aymag)$",
                          re.IGNORECASE)
# Stems that are kinds of place, not names: "Northern Province", "Western Cape", "North Coast".
_GENERIC = frozenset({
    "province", "region", "state", "district", "territory", "territories", "department", "division", "area",
    "zone", "coast", "cape", "islands", "island", "highlands", "lowlands", "frontier", "county", "governorate",
    "municipality", "parish", "borough", "oblast", "prefecture", "valley", "hills", "mountains", "lakes",
    "river", "plains", "desert", "delta", "bank", "shore", "side", "end", "central", "provinces", "hill",
    "regency", "city", "atoll", "administrative", "okrug", "autonomous", "regional", "aimak", "aimag", "aymag",
})


def _strip_kind(name: str) -> str:
    while (shorter := _KIND_SUFFIX.sub("", name).strip()) != name:  # "Regional State", "Autonomous Region"
        name = shorter
    return name


def _stem(key: str) -> str | None:
    m = _PART.match(key)
    if not m:
        return None
    stem = _strip_kind(m.group(1))
    if len(stem) < 3 or stem in _GENERIC or stem in _COMPASS or _PART.match(stem) or stem.isdigit():
        return None
    return stem


def add_part_regions(writer: Writer) -> int:
    """Add the regions through the build's writer; how many were added."""
    db = writer.db
    subdivisions = {pid: row for pid, *row in db.execute(
        "SELECT id, name, lat, lon, feature_code, country_code, admin1_code, population FROM places "
        "WHERE feature_code IN ('ADM1', 'ADM2')")}
    groups: dict[tuple, set[int]] = defaultdict(set)
    shown: dict[tuple, str] = {}
    for key, pid in db.execute(
            "SELECT key, place_id FROM names WHERE place_id IN "
            "(SELECT id FROM places WHERE feature_code IN ('ADM1', 'ADM2'))"):
        stem = _stem(key)
        if stem is None:
            continue
        name, _, _, fcode, cc, admin1, _ = subdivisions[pid]
        # Second-level parts belong to one first-level one: East and West Sussex, England.
        group = (cc, fcode, admin1 if fcode == "ADM2" else "", stem)
        groups[group].add(pid)
        words = name.split()
        for i in range(1, len(words)):  # the name's own spelling: "Darfur" of "North Darfur State"
            tail = _strip_kind(" ".join(words[i:]))
            if fold(tail) == stem:
                shown[group] = tail
                break

    def taken(cc: str, stem: str) -> bool:
        # A country's name, or a capital's or a big city's anywhere: the Juba of Somalia's
        # Middle and Lower Juba must not stand beside South Sudan's capital.
        return db.execute(
            "SELECT 1 FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ? AND (p.country_code = ? "
            "OR p.feature_code IN ('PCLI', 'PPLC') OR p.population >= 100000 AND p.feature_class = 'P') LIMIT 1",
            (stem, cc)).fetchone() is not None

    n = 0
    added: dict[frozenset[int], int] = {}  # parts -> region: North Savo and Northern Savonia are one
    for group, pids in sorted(groups.items()):
        cc, _, admin1, stem = group
        if len(pids) < 2 or taken(cc, stem):
            continue
        if frozenset(pids) in added:
            writer.names(added[frozenset(pids)], [stem], "alt")
            continue
        rows = [subdivisions[p] for p in pids]
        lat = sum(r[1] for r in rows) / len(rows)
        lon = sum(r[2] for r in rows) / len(rows)
        name = shown.get(group) or " ".join(w.capitalize() for w in stem.split())
        added[frozenset(pids)] = writer.place(name=name, lat=lat, lon=lon, fclass="L", fcode="RGN", cc=cc,
                                              admin1_code=admin1, population=sum(r[6] for r in rows),
                                              source="subdivision parts")
        n += 1
    return n
