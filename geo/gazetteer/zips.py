"""US towns from the ZIP code database of PyPI ``zipcodes`` (42,789 ZIP codes, each with the
town the Postal Service names it by, its state, county and a point).

cities500 leaves out the US towns and townships of under 500 people and most unincorporated
communities (Harwinton, Lanexa, Meadow Grove), which local news and Wikipedia name. A town
the Postal Service names and no cities500 place of its state bears is added as a PPL of
unknown population, at the median of its ZIP codes' points, with its state and county
codes so the article's state and county evidence applies to it.
"""

from __future__ import annotations

import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from geo.errors import DataError
from geo.folding import fold
from geo.gazetteer.sources import Subdivision

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
        groups[(fold(r["city"]), r["state"])].append(r)
    for (_, state), rows in groups.items():
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


def add_zip_towns(w, towns: Iterable[ZipTown]) -> int:
    """Add the towns no US populated place of their state is already named (by any of its
    names); ``w`` is the build's writer. Returns how many were added."""
    db: sqlite3.Connection = w.db
    known = set(db.execute(
        "SELECT n.key, p.admin1_code FROM names n JOIN places p ON p.id = n.place_id "
        "WHERE p.country_code = 'US' AND p.feature_class = 'P'"))
    n = 0
    for t in towns:
        if (fold(t.name), t.state) in known:
            continue
        w.place(name=t.name, lat=t.lat, lon=t.lon, fclass="P", fcode="PPL", cc="US", admin1_code=t.state,
                admin2_code=t.county, source="zipcodes")
        n += 1
    return n
