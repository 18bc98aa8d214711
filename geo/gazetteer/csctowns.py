"""Towns from the Countries States Cities database (PyPI ``countrystatecity-countries``:
152,000 cities with their state and a point) that cities500 lacks.

Each city's state is matched to the GeoNames admin1 code through its ISO 3166-2 code, so
the article's region evidence applies to it. A city is added only when no populated place
of its region already bears its name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.folding import fold
from geo.gazetteer.sources import Subdivision, read_json


@dataclass(frozen=True)
class Town:
    name: str
    country: str
    admin1: str  # the GeoNames admin1 code, "" when the state is not matched
    lat: float
    lon: float


def towns(data: Path, subdivisions: Iterable[Subdivision]) -> Iterator[Town]:
    """Every city of the database, its state as a GeoNames admin1 code."""
    admin1 = {sub.iso: sub.code.split(".")[1] for sub in subdivisions
              if sub.level == 1 and sub.iso and sub.code.count(".") == 1}
    for country in sorted(p for p in data.glob("by-country/*") if p.is_dir()):
        states = read_json(country / "states.json")
        iso_of = {s.get("state_code"): s.get("iso3166_2") for s in states}
        for path in sorted(country.glob("states/*/cities.json")):
            for c in read_json(path):
                try:
                    lat, lon = float(c["latitude"]), float(c["longitude"])
                except (KeyError, TypeError, ValueError):
                    continue
                if not c.get("name") or not c.get("country_code"):
                    continue
                yield Town(c["name"], c["country_code"], admin1.get(iso_of.get(c.get("state_code")), ""), lat, lon)


def add_towns(w, found: Iterable[Town], source: str = "countrystatecity") -> int:
    """Add the towns no populated place of their country and region is named (by any of its
    names); ``w`` is the build's writer. Returns how many were added."""
    known = set(w.db.execute(
        "SELECT n.key, p.country_code, p.admin1_code FROM names n JOIN places p ON p.id = n.place_id "
        "WHERE p.feature_class = 'P'"))
    known_country = {(k, cc) for k, cc, _ in known}
    n = 0
    for t in found:
        key = fold(t.name)
        if (key, t.country, t.admin1) in known or (not t.admin1 and (key, t.country) in known_country):
            continue
        w.place(name=t.name, lat=t.lat, lon=t.lon, fclass="P", fcode="PPL", cc=t.country, admin1_code=t.admin1,
                source=source)
        known.add((key, t.country, t.admin1))
        known_country.add((key, t.country))
        n += 1
    return n
