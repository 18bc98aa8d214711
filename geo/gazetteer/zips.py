"""US towns from the ZIP code database of PyPI ``zipcodes`` (42,789 ZIP codes, each with the
town the Postal Service names it by, its state, county and a point).

cities500 leaves out the US towns and townships of under 500 people and most unincorporated
communities (Harwinton, Lanexa, Meadow Grove), which local news and Wikipedia name. A town
the Postal Service names (one per name, state and county) is added as a PPL of unknown
population, at the median of its ZIP codes' points, with its state and county codes so the
article's state and county evidence applies to it, unless a place of its state and name
lies within 25 km of it.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from geo.errors import DataError
from geo.folding import fold
from geo.gazetteer.sources import Subdivision
from geo.gazetteer.writer import Writer
from geo.geodesy import distance_km

# Armed forces "states" (AA, AE, AP) name no place.
_NOT_PLACES = {"MILITARY"}


@dataclass(frozen=True)
class ZipTown:
    name: str
    state: str  # postal code, which is also the GeoNames admin1 code
    county: str  # county FIPS (the GeoNames admin2 code), "" when unknown
    lat: float
    lon: float


def _records() -> list[dict]:
    try:
        import zipcodes
    except ImportError:
        raise DataError("Python package 'zipcodes' is not installed; run 'make setup'") from None
    return zipcodes.list_all()


def zip_towns(subdivisions: Iterable[Subdivision], records: Iterable[dict] | None = None) -> Iterator[ZipTown]:
    """One town per (name, state) the ZIP codes name, at the median of their points; the
    county is the one most of its ZIP codes lie in."""
    counties = {(sub.code.split(".")[1], fold(sub.name)): sub.code.split(".")[2]
                for sub in subdivisions if sub.level == 2 and sub.code.startswith("US.")}
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in _records() if records is None else records:
        if r.get("zip_code_type") in _NOT_PLACES or not r.get("city") or not r.get("state"):
            continue
        # By county too: New York's Jefferson (Schoharie County) and another state's own
        # namesakes 300 km apart are two towns, not one at the midpoint.
        groups[(fold(r["city"]), r["state"], fold(r.get("county") or ""))].append(r)
    for (_, state, _), rows in groups.items():
        try:
            lats = [float(r["lat"]) for r in rows]
            lons = [float(r["long"]) for r in rows]
        except (KeyError, TypeError, ValueError):
            continue
        names = [r["city"] for r in rows]
        fips = [counties.get((state, fold(r.get("county") or ""))) for r in rows]
        fips = [f for f in fips if f]
        # The most common spelling and county; a tie goes to the first seen, so every
        # build is the same (the order of a set of strings changes from run to run).
        yield ZipTown(name=Counter(names).most_common(1)[0][0], state=state,
                      county=Counter(fips).most_common(1)[0][0] if fips else "",
                      lat=statistics.median(lats), lon=statistics.median(lons))


# A place of the town's name and state this close is the town itself.
SAME_TOWN_KM = 25.0


def add_zip_towns(w: Writer, towns: Iterable[ZipTown]) -> int:
    """Add the towns no US populated place of their state and name (by any of its names)
    already stands for: none within ``SAME_TOWN_KM`` (Watkins Glen, once called Jefferson,
    does not stand for Jefferson, 130 km off); ``w`` is the build's writer. Returns how many
    were added."""
    db = w.db
    known: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for key, state, lat, lon in db.execute(
            "SELECT n.key, p.admin1_code, p.lat, p.lon FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE p.country_code = 'US' AND p.feature_class = 'P'"):
        known[(key, state)].append((lat, lon))
    n = 0
    for t in towns:
        here = known[(fold(t.name), t.state)]
        if any(distance_km(t.lat, t.lon, lat, lon) <= SAME_TOWN_KM for lat, lon in here):
            continue
        w.place(name=t.name, lat=t.lat, lon=t.lon, fclass="P", fcode="PPL", cc="US", admin1_code=t.state,
                admin2_code=t.county, source="zipcodes")
        here.append((t.lat, t.lon))
        n += 1
    return n
