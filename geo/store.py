"""The incremental store: a GeoPackage that ingest runs add to, article by article.

GeoPackage because it is one SQLite file: each batch of articles goes in as one SQLite
transaction (an article's row and its mentions together), so a killed ingest leaves the
store as the last committed batch left it, readable, and a rerun adds only what is missing.
QGIS, GDAL and geopandas read it as they are. (GeoParquet files cannot be appended to in
place; a crash-safe append would mean rewriting or managing a folder of part files.)

Layers: ``mentions`` (one feature per resolved mention; the geometry is what the mention
means on the ground, ``lat``/``lon`` the place's point) and ``articles`` (attributes only).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import struct
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point

from geo.articles import Article, text_id
from geo.errors import DataError, InputError
from geo.geodesy import WGS84
from geo.model import MENTION_SCHEMA, plain

_APPLICATION_ID = 0x47504B47  # "GPKG"
_USER_VERSION = 10400
_SRS = WGS84  # the GeoPackage srs_id of the mentions layer

# The store's columns are the mention schema's (geometry is the ``geom`` column).
_SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "REAL"}
MENTION_FIELDS: list[tuple[str, str]] = [(f.name, _SQL_TYPES[f.type]) for f in MENTION_SCHEMA]
_FIELD_INDEX = {n: i for i, (n, _) in enumerate(MENTION_FIELDS)}
ARTICLE_FIELDS: list[tuple[str, str]] = [
    ("id", "TEXT"), ("title", "TEXT"), ("date", "TEXT"), ("url", "TEXT"), ("source", "TEXT"),
    ("mentions", "INTEGER"), ("ingested", "TEXT"), ("date_precision", "TEXT"), ("text_hash", "TEXT"),
]
# The feature layers that hold an article's rows (keyed by ``article_id``).
LAYERS = ("mentions",)

_SCHEMA = """
CREATE TABLE gpkg_spatial_ref_sys (
    srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
    ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
    ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL),
    ('WGS 84 geodetic', {srs}, 'EPSG', {srs}, '{wkt}', NULL);
CREATE TABLE gpkg_contents (
    table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
    last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
CREATE TABLE gpkg_geometry_columns (
    table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
    CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
CREATE TABLE mentions (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY,
    {mention_columns});
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_date ON mentions (date);
CREATE TABLE articles (fid INTEGER PRIMARY KEY AUTOINCREMENT,
    {article_columns}, UNIQUE (id));
INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)
    VALUES ('mentions', 'features', 'mentions', {srs}), ('articles', 'attributes', 'articles', 0);
INSERT INTO gpkg_geometry_columns VALUES ('mentions', 'geom', 'GEOMETRY', {srs}, 0, 0);
"""


def gpkg_blob(geom) -> bytes | None:
    """A geometry as a GeoPackage binary: the 'GP' header with an xy envelope, then WKB."""
    if geom is None:
        return None
    if geom.is_empty:
        return b"GP" + struct.pack("<BBi", 0, 0b00010001, _SRS) + shapely.to_wkb(geom, byte_order=1)
    minx, miny, maxx, maxy = geom.bounds
    header = b"GP" + struct.pack("<BBi", 0, 0b00000011, _SRS) + struct.pack("<4d", minx, maxx, miny, maxy)
    return header + shapely.to_wkb(geom, byte_order=1)


def _from_blob(blob: bytes | None):
    if blob is None:
        return None
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0b111]
    return shapely.from_wkb(blob[8 + envelope:])


@dataclass
class MentionRows:
    """A mentions frame as the store's rows: (GeoPackage blob, *MENTION_FIELDS) tuples."""

    records: list[tuple]

    def __len__(self) -> int:
        return len(self.records)


def mention_rows(mentions: gpd.GeoDataFrame) -> MentionRows:
    """The rows ``Store.add`` inserts. A shape shared by many mentions (a country's polygon)
    is encoded once and its blob shared, so pickling the rows (Dask) sends it once too."""
    if not len(mentions):
        return MentionRows([])
    shapes = mentions["shape"] if "shape" in mentions.columns else mentions.geometry
    names = [n for n, _ in MENTION_FIELDS]
    blobs: dict[int, bytes | None] = {}
    records = []
    for geom, rec in zip(shapes, mentions.reindex(columns=names).itertuples(index=False, name=None), strict=True):
        key = id(geom)
        if key not in blobs:
            blobs[key] = gpkg_blob(geom)
        records.append((blobs[key], *(plain(v) for v in rec)))
    return MentionRows(records)


class Store:
    """A geo store at ``path`` (created on first use)."""

    def __init__(self, path: Path, create: bool = True) -> None:
        self.path = Path(path)
        exists = self.path.exists()
        if not exists and not create:
            raise InputError(f"{self.path}: no store here (create one with 'geo ingest ... --store {self.path}')")
        if exists and self.path.is_dir():
            raise InputError(f"{self.path}: is a directory, not a store file")
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=DELETE")  # a GeoPackage is one file: no WAL sidecars
            if not exists or not self._has_table("mentions"):
                if exists and self._has_table("gpkg_contents"):
                    raise InputError(f"{self.path}: a GeoPackage, but not a geo store (no 'mentions' layer)")
                self._create()
            self._check()
        except sqlite3.DatabaseError as exc:
            raise DataError(f"{self.path}: not a readable store ({exc})") from None

    def _has_table(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() \
            is not None

    def _create(self) -> None:
        # One script, one transaction: a store is created whole or not at all.
        from pyproj import CRS

        schema = _SCHEMA.format(wkt=CRS.from_epsg(_SRS).to_wkt(version="WKT1_GDAL"), srs=_SRS,
                                mention_columns=", ".join(f'"{n}" {t}' for n, t in MENTION_FIELDS),
                                article_columns=", ".join(f'"{n}" {t}' for n, t in ARTICLE_FIELDS))
        self.db.executescript(f"BEGIN; {schema} PRAGMA application_id = {_APPLICATION_ID}; "
                              f"PRAGMA user_version = {_USER_VERSION}; COMMIT;")

    def _check(self) -> None:
        cols = {r[1] for r in self.db.execute("PRAGMA table_info(mentions)")}
        missing = [n for n, _ in MENTION_FIELDS if n not in cols]
        if missing:
            raise DataError(f"{self.path}: store made by another version (no {', '.join(missing)} column)")
        have = {r[1] for r in self.db.execute("PRAGMA table_info(articles)")}
        for name, kind in ARTICLE_FIELDS:  # columns added since: older stores gain them, empty
            if name not in have:
                try:
                    self.db.execute(f'ALTER TABLE articles ADD COLUMN "{name}" {kind}')
                except sqlite3.OperationalError:
                    break  # a read-only store: readers do without

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str] | None = None) -> set[str]:
        if ids is None:
            return {r[0] for r in self.db.execute("SELECT id FROM articles")}
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            found.update(r[0] for r in self.db.execute(
                f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def versions(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str]]:
        """Of these ids, those stored: id -> (hash of the stored text, when it was ingested)."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, tuple[str | None, str]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            found.update((r[0], (r[1], r[2])) for r in self.db.execute(
                f"SELECT id, text_hash, ingested FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def add(self, articles: Sequence[Article], mentions: gpd.GeoDataFrame | MentionRows,
            replace: bool = False) -> int:
        """Add articles and their mentions in one transaction; articles already in the store
        are skipped, or with ``replace`` their rows in every layer are deleted and written
        anew (a story edited at its URL). ``mentions`` is the pipeline's frame or its
        ``mention_rows`` (made where the frame was, e.g. on a Dask worker). Returns how many
        articles were written."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        known = self.known_ids(a.id for a in articles)
        fresh, taken = [], set()
        for a in articles:  # the first article of an id, if the store lacks it (or it is replaced)
            if a.id not in taken and (replace or a.id not in known):
                taken.add(a.id)
                fresh.append(a)
        if not fresh:
            return 0
        stale = [a.id for a in fresh if a.id in known]
        rows = mentions if isinstance(mentions, MentionRows) else mention_rows(mentions)
        ids = {a.id for a in fresh}
        at = 1 + _FIELD_INDEX["article_id"]  # a row is (blob, *MENTION_FIELDS)
        records = [rec for rec in rows.records if rec[at] in ids]
        counts = Counter(rec[at] for rec in records)
        names = [n for n, _ in MENTION_FIELDS]
        placeholders = ",".join("?" * (len(names) + 1))
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for i in range(0, len(stale), 500):
                chunk = stale[i:i + 500]
                marks = ",".join("?" * len(chunk))
                for layer in LAYERS:
                    self.db.execute(f"DELETE FROM {layer} WHERE article_id IN ({marks})", chunk)
                self.db.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
            self.db.executemany(
                f"INSERT INTO mentions (geom, {', '.join(f'{chr(34)}{n}{chr(34)}' for n in names)}) "
                f"VALUES ({placeholders})", records)
            self.db.executemany(
                "INSERT INTO articles (id, title, date, url, source, mentions, ingested, date_precision, text_hash) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                [(a.id, a.title, a.date.isoformat() if a.date else None, a.url, a.source,
                  int(counts.get(a.id, 0)), now, a.date_precision, text_id(a.text)) for a in fresh])
            self._update_extent(records)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return len(fresh)

    def _update_extent(self, records: list[tuple]) -> None:
        """Widen the layer's extent by the batch's points (not a scan of the whole table)."""
        lon_at, lat_at = 1 + _FIELD_INDEX["lon"], 1 + _FIELD_INDEX["lat"]
        lons = [r[lon_at] for r in records if r[lon_at] is not None]
        lats = [r[lat_at] for r in records if r[lat_at] is not None]
        if not lons:
            return
        old = self.db.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents "
                              "WHERE table_name='mentions'").fetchone()
        new = [min(lons), min(lats), max(lons), max(lats)]
        if old[0] is not None:
            new = [min(new[0], old[0]), min(new[1], old[1]), max(new[2], old[2]), max(new[3], old[3])]
        self.db.execute("UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, "
                        "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name='mentions'", new)

    # -- reading ----------------------------------------------------------------------------
    def articles(self) -> pd.DataFrame:
        return pd.read_sql_query("SELECT id, title, date, url, source, mentions, ingested, date_precision "
                                 "FROM articles ORDER BY fid", self.db)

    def mentions(self, since: dt.date | None = None, until: dt.date | None = None) -> gpd.GeoDataFrame:
        """Stored mentions (optionally of articles dated within [since, until]) as the
        pipeline's mentions frame: point geometry, the real geometry in ``shape``."""
        where, args = [], []
        if since:
            where.append("date >= ?")
            args.append(since.isoformat())
        if until:
            where.append("date <= ?")
            args.append(until.isoformat())
        sql = "SELECT * FROM mentions" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY fid"
        frame = pd.read_sql_query(sql, self.db, params=args)
        shapes = [_from_blob(b) for b in frame.pop("geom")]
        frame = frame.drop(columns=["fid"])
        out = gpd.GeoDataFrame(frame, geometry=[Point(x, y) for x, y in zip(frame["lon"], frame["lat"], strict=True)],
                               crs=_SRS)
        out["shape"] = gpd.GeoSeries(shapes, index=out.index, crs=_SRS)
        return out

    def stats(self) -> dict[str, int]:
        a, m = self.db.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions)").fetchone()
        return {"articles": a, "mentions": m}

