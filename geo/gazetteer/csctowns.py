"""Towns from the Countries States Cities database (PyPI ``countrystatecity-countries``:
152,000 cities with their state and a point) that cities500 lacks.

Each city's state is matched to the GeoNames admin1 code through its ISO 3166-2 code, so
the article's region evidence applies to it. A city is added only when no populated place
of its region and name lies within 25 km of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.folding import fold
from geo.gazetteer.sources import Subdivision, read_json
from geo.gazetteer.writer import Writer
from geo.gazetteer.zips import SAME_TOWN_KM
from geo.geodesy import distance_km


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


def add_towns(w: Writer, found: Iterable[Town], source: str = "countrystatecity") -> int:
    """Add the towns no populated place of their country and region (by any of its names)
    already stands for: none within ``zips.SAME_TOWN_KM``; ``w`` is the build's writer.
    Returns how many were added."""
    # (name, country) -> [(region, lat, lon)]: one list, not one per region too (memory).
    known: dict[tuple[str, str], list[tuple[str, float, float]]] = defaultdict(list)
    for key, cc, admin1, lat, lon in w.db.execute(
            "SELECT n.key, p.country_code, p.admin1_code, p.lat, p.lon FROM names n "
            "JOIN places p ON p.id = n.place_id WHERE p.feature_class = 'P'"):
        known[(key, cc)].append((admin1, lat, lon))
    n = 0
    for t in found:
        here = known[(fold(t.name), t.country)]
        # A town of unknown region is the country's namesake wherever that lies.
        if (here and not t.admin1) or any(
                a1 == t.admin1 and distance_km(t.lat, t.lon, lat, lon) <= SAME_TOWN_KM for a1, lat, lon in here):
            continue
        w.place(name=t.name, lat=t.lat, lon=t.lon, fclass="P", fcode="PPL", cc=t.country, admin1_code=t.admin1,
                source=source)
        here.append((t.admin1, t.lat, t.lon))
        n += 1
    return n
