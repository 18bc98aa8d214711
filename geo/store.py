"""The incremental store: a GeoPackage that ingest runs add to, article by article.

GeoPackage because it is one SQLite file: each batch of articles goes in as one SQLite
transaction (an article's row, its mentions and its incidents together), so a killed ingest
leaves the store as the last committed batch left it, readable, and a rerun adds only what
is missing. QGIS, GDAL and geopandas read it as they are. (GeoParquet files cannot be
appended to in place; a crash-safe append would mean rewriting or managing a folder of part
files.)

Layers: ``mentions`` (one feature per resolved mention: ``geo.model.MENTION_SCHEMA``; the
geometry is what the mention means on the ground, ``lat``/``lon`` the place's point),
``incidents`` (one feature per incident and place, per article, unmerged:
``geo.model.INCIDENT_SCHEMA``; lists are JSON text) and ``articles`` (attributes only).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
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
from geo.errors import DataError, GeoError, InputError, OutputError, excerpt
from geo.geodesy import WGS84
from geo.model import INCIDENT_SCHEMA, MENTION_SCHEMA, Field, plain

log = logging.getLogger("geo")

_APPLICATION_ID = 0x47504B47  # "GPKG"
_USER_VERSION = 10400
_SRS = WGS84  # the GeoPackage srs_id of the feature layers

# The store's columns are the schemas' (geometry is each layer's ``geom`` column).
_SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "REAL", bool: "INTEGER", list: "TEXT"}
LAYERS: dict[str, tuple[Field, ...]] = {"mentions": MENTION_SCHEMA, "incidents": INCIDENT_SCHEMA}
MENTION_FIELDS: list[tuple[str, str]] = [(f.name, _SQL_TYPES[f.type]) for f in MENTION_SCHEMA]
ARTICLE_FIELDS: list[tuple[str, str]] = [
    ("id", "TEXT"), ("title", "TEXT"), ("date", "TEXT"), ("url", "TEXT"), ("source", "TEXT"),
    ("mentions", "INTEGER"), ("ingested", "TEXT"), ("date_precision", "TEXT"), ("text_hash", "TEXT"),
]

_BASE_SCHEMA = """
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
CREATE TABLE articles (fid INTEGER PRIMARY KEY AUTOINCREMENT,
    {article_columns}, UNIQUE (id));
INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('articles', 'attributes', 'articles', 0);
"""
# A feature layer; the incidents layer came after the first stores, which gain it when
# opened for writing (their earlier articles have no incidents: see ``Store.missing_incidents``).
_LAYER_SCHEMA = """
CREATE TABLE {name} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY, {columns});
CREATE INDEX {name}_article ON {name} (article_id);
CREATE INDEX {name}_date ON {name} (date);
INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('{name}', 'features', '{name}', {srs});
INSERT INTO gpkg_geometry_columns VALUES ('{name}', 'geom', 'GEOMETRY', {srs}, 0, 0);
"""
_META = "CREATE TABLE IF NOT EXISTS geo_store (key TEXT PRIMARY KEY, value TEXT NOT NULL);"


def _layer_schema(name: str) -> str:
    columns = ", ".join(f'"{f.name}" {_SQL_TYPES[f.type]}' for f in LAYERS[name])
    return _LAYER_SCHEMA.format(name=name, columns=columns, srs=_SRS)


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
class LayerRows:
    """A frame as a layer's rows: (GeoPackage blob, *the layer's fields) tuples."""

    layer: str
    records: list[tuple]

    def __len__(self) -> int:
        return len(self.records)


@dataclass(frozen=True)
class Added:
    """What one ``Store.write`` wrote."""

    articles: int
    mentions: int
    incidents: int


def _encode(value: object, kind: type) -> object:
    value = plain(value)
    if value is None:
        return None
    if kind is list:
        return json.dumps(list(value), ensure_ascii=False)
    return int(value) if kind is bool else value


def layer_rows(frame: gpd.GeoDataFrame, layer: str = "mentions") -> LayerRows:
    """The rows ``Store.add`` inserts into ``layer``. A shape shared by many rows (a
    country's polygon) is encoded once and its blob shared, so pickling the rows (Dask)
    sends it once too."""
    if not len(frame):
        return LayerRows(layer, [])
    fields = LAYERS[layer]
    shapes = frame["shape"] if "shape" in frame.columns else frame.geometry
    blobs: dict[int, bytes | None] = {}
    records = []
    values = frame.reindex(columns=[f.name for f in fields]).itertuples(index=False, name=None)
    for geom, rec in zip(shapes, values, strict=True):
        key = id(geom)
        if key not in blobs:
            blobs[key] = gpkg_blob(geom)
        records.append((blobs[key], *(_encode(v, f.type) for v, f in zip(rec, fields, strict=True))))
    return LayerRows(layer, records)


def mention_rows(mentions: gpd.GeoDataFrame) -> LayerRows:
    return layer_rows(mentions, "mentions")


def incident_rows(incidents: gpd.GeoDataFrame) -> LayerRows:
    return layer_rows(incidents, "incidents")


# Every store has these; ``incidents`` came later (a store gains it when opened for
# writing) and ``geo_store`` with it. A file holding any of ``_GEO_MADE`` is geo's.
_REQUIRED = ("gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns", "articles", "mentions")
_GEO_MADE = {"mentions", "incidents", "geo_store"}
_RECOVER = ("move it aside and ingest the articles again into a new store, or salvage its rows with "
            "'sqlite3 {path} .recover | sqlite3 NEW.gpkg'")


class Store:
    """A geo store at ``path`` (created on first use). Opened for writing (``create``), it
    must be whole (SQLite's quick_check) and writable, or nothing is geocoded for it."""

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
            if not self._geo_made():
                if not create:
                    raise InputError(f"{self.path}: an empty file, not a store")
                self._create()
            if create:
                self._check_whole()
                self._check_writable()
            self._check()
            if create and not self._has_table("incidents"):
                self._add_incidents_layer()
        except BaseException as exc:
            if hasattr(self, "db"):
                self.db.close()
            if isinstance(exc, sqlite3.Error):
                raise self.failed(exc, writing=create) from None
            raise

    def _has_table(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() \
            is not None

    def _geo_made(self) -> bool:
        """Whether the file holds a store (False: an empty file, to make one in). A file of
        other tables is refused, and so is a store that lacks one of its tables."""
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                                "AND name NOT LIKE 'sqlite%'")}
        listed = {r[0] for r in self.db.execute("SELECT table_name FROM gpkg_contents")} \
            if "gpkg_contents" in tables else set()
        if not (tables | listed) & _GEO_MADE:
            if "gpkg_contents" in tables:
                raise InputError(f"{self.path}: a GeoPackage, but not a geo store (no 'mentions' layer)")
            if tables:
                shown = ", ".join(sorted(tables)[:3]) + (", ..." if len(tables) > 3 else "")
                raise InputError(f"{self.path}: an SQLite database, but not a geo store (its tables: {shown}); "
                                 "give another path")
            if not self.path.stat().st_size:
                return False
            raise InputError(f"{self.path}: an empty SQLite database, not a store (create one with 'geo ingest')")
        missing = [t for t in (*_REQUIRED, *(listed & {"incidents"})) if t not in tables]
        if missing:
            raise DataError(f"{self.path}: a geo store without its {', '.join(missing)} table; "
                            + _RECOVER.format(path=self.path))
        return True

    def _check_whole(self) -> None:
        """SQLite's quick check (the structure of every page, not each index's entries): a
        damaged store is refused before anything is added to it."""
        found = [r[0] for r in self.db.execute("PRAGMA quick_check(5)")]
        if found != ["ok"]:
            problem = next((line for text in found for line in text.splitlines() if not line.startswith("***")),
                           "")
            raise DataError(f"{self.path}: the store is damaged ({excerpt(problem, 100)}); "
                            + _RECOVER.format(path=self.path))

    def _check_writable(self) -> None:
        """Write the header's version as it is: a read-only file, folder or file system says
        so now, not after every article was geocoded."""
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        self.db.execute(f"PRAGMA user_version = {version}")

    def failed(self, exc: sqlite3.Error | pd.errors.DatabaseError, writing: bool) -> GeoError:
        """What SQLite said, as one line: a damaged store with how to recover; a failed write
        (a full disk, a read-only file, folder or file system); or a file that is no store."""
        said = excerpt(str(exc).rsplit(": ", 1)[-1], 100)  # pandas puts the query before SQLite's words
        code = getattr(exc, "sqlite_errorname", "") or getattr(exc.__cause__, "sqlite_errorname", "")
        if code.startswith("SQLITE_CORRUPT") or "malformed" in said:
            return DataError(f"{self.path}: the store is damaged ({said}); " + _RECOVER.format(path=self.path))
        if code.startswith("SQLITE_NOTADB"):
            return DataError(f"{self.path}: not a readable store ({said})")
        if writing:
            return OutputError(f"{self.path}: cannot write to the store ({said}); every batch committed before "
                               "is kept, and a rerun adds the rest")
        return DataError(f"{self.path}: cannot read the store ({said})")

    def _create(self) -> None:
        # One script, one transaction: a store is created whole or not at all.
        from pyproj import CRS

        schema = _BASE_SCHEMA.format(wkt=CRS.from_epsg(_SRS).to_wkt(version="WKT1_GDAL"), srs=_SRS,
                                     article_columns=", ".join(f'"{n}" {t}' for n, t in ARTICLE_FIELDS))
        layers = "".join(_layer_schema(name) for name in LAYERS)
        self.db.executescript(f"BEGIN; {schema} {layers} {_META} PRAGMA application_id = {_APPLICATION_ID}; "
                              f"PRAGMA user_version = {_USER_VERSION}; COMMIT;")

    def _add_incidents_layer(self) -> None:
        """A store an older geo made gains the incidents layer; the articles it has so far
        have none (they were ingested before incidents were stored)."""
        self.db.executescript(
            f"BEGIN; {_layer_schema('incidents')} {_META} "
            "INSERT OR REPLACE INTO geo_store VALUES ('incidents_after_article', "
            "(SELECT coalesce(max(fid), 0) FROM articles)); COMMIT;")

    def _check(self) -> None:
        for name in (n for n in LAYERS if self._has_table(n)):
            cols = {r[1] for r in self.db.execute(f"PRAGMA table_info({name})")}
            missing = [f.name for f in LAYERS[name] if f.name not in cols]
            if missing:
                raise DataError(f"{self.path}: store made by another version (no {', '.join(missing)} column "
                                f"in {name})")
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

    def add(self, articles: Sequence[Article], mentions: gpd.GeoDataFrame | LayerRows,
            incidents: gpd.GeoDataFrame | LayerRows | None = None, replace: bool = False) -> int:
        """Add articles, their mentions and their incidents in one transaction; articles
        already in the store are skipped, or with ``replace`` their rows in every layer are
        deleted and written anew (a story edited at its URL). Each is the pipeline's frame or
        its rows (made where the frame was, e.g. on a Dask worker). Returns how many articles
        were written (``write`` says how many mentions and incidents too)."""
        return self.write(articles, mentions, incidents, replace).articles

    def write(self, articles: Sequence[Article], mentions: gpd.GeoDataFrame | LayerRows,
              incidents: gpd.GeoDataFrame | LayerRows | None = None, replace: bool = False) -> Added:
        """``add``, saying what it wrote. What the store holds is read inside the transaction,
        so another writer cannot add an article between the look and the write."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            added = self._write(articles, mentions, incidents, replace)
            self.db.execute("COMMIT")
        except BaseException as exc:
            if self.db.in_transaction:  # SQLite has already rolled back after some failures (a full disk)
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self.failed(exc, writing=True) from None
            raise
        return added

    def _write(self, articles: Sequence[Article], mentions: gpd.GeoDataFrame | LayerRows,
               incidents: gpd.GeoDataFrame | LayerRows | None, replace: bool) -> Added:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        known = self.known_ids(a.id for a in articles)
        fresh, taken = [], set()
        for a in articles:  # the first article of an id, if the store lacks it (or it is replaced)
            if a.id not in taken and (replace or a.id not in known):
                taken.add(a.id)
                fresh.append(a)
        if not fresh:
            return Added(0, 0, 0)
        stale = [a.id for a in fresh if a.id in known]
        ids = {a.id for a in fresh}
        batches = {name: self._fresh(rows, ids) for name, rows in
                   (("mentions", mentions), ("incidents", incidents)) if rows is not None}
        counts = Counter(rec[self._at("mentions", "article_id")] for rec in batches.get("mentions", []))
        for i in range(0, len(stale), 500):
            chunk = stale[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for layer in (name for name in LAYERS if self._has_table(name)):
                self.db.execute(f"DELETE FROM {layer} WHERE article_id IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
        for name, records in batches.items():
            names = [f.name for f in LAYERS[name]]
            columns = ", ".join(f'"{n}"' for n in names)
            self.db.executemany(f"INSERT INTO {name} (geom, {columns}) VALUES ({','.join('?' * (len(names) + 1))})",
                                records)
            self._update_extent(name, records)
        self.db.executemany(
            "INSERT INTO articles (id, title, date, url, source, mentions, ingested, date_precision, text_hash) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            [(a.id, a.title, a.date.isoformat() if a.date else None, a.url, a.source,
              int(counts.get(a.id, 0)), now, a.date_precision, text_id(a.text)) for a in fresh])
        return Added(len(fresh), len(batches.get("mentions", [])), len(batches.get("incidents", [])))

    @staticmethod
    def _at(layer: str, field: str) -> int:
        """Where a field is in a row: (blob, *the layer's fields)."""
        return 1 + [f.name for f in LAYERS[layer]].index(field)

    def _fresh(self, rows: gpd.GeoDataFrame | LayerRows, ids: set[str]) -> list[tuple]:
        layer = rows.layer if isinstance(rows, LayerRows) else None
        if layer is None:
            layer = "incidents" if "incident_id" in rows.columns else "mentions"
            rows = layer_rows(rows, layer)
        at = self._at(layer, "article_id")
        return [rec for rec in rows.records if rec[at] in ids]

    def _update_extent(self, layer: str, records: list[tuple]) -> None:
        """Widen the layer's extent by the batch's points (not a scan of the whole table)."""
        lon_at, lat_at = self._at(layer, "lon"), self._at(layer, "lat")
        lons = [r[lon_at] for r in records if r[lon_at] is not None]
        lats = [r[lat_at] for r in records if r[lat_at] is not None]
        if not lons:
            return
        old = self.db.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name=?",
                              (layer,)).fetchone()
        new = [min(lons), min(lats), max(lons), max(lats)]
        if old[0] is not None:
            new = [min(new[0], old[0]), min(new[1], old[1]), max(new[2], old[2]), max(new[3], old[3])]
        self.db.execute("UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, "
                        "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?", [*new, layer])

    # -- reading ----------------------------------------------------------------------------
    def _query(self, sql: str) -> pd.DataFrame:
        try:
            return pd.read_sql_query(sql, self.db)
        except (sqlite3.Error, pd.errors.DatabaseError) as exc:
            raise self.failed(exc, writing=False) from None

    def articles(self) -> pd.DataFrame:
        return self._query("SELECT id, title, date, url, source, mentions, ingested, date_precision "
                           "FROM articles ORDER BY fid")

    def _layer(self, name: str) -> gpd.GeoDataFrame:
        """A stored layer as the pipeline's frame: point geometry, the real geometry in ``shape``."""
        frame = self._query(f"SELECT * FROM {name} ORDER BY fid")
        shapes = [_from_blob(b) for b in frame.pop("geom")]
        frame = frame.drop(columns=["fid"])
        for f in LAYERS[name]:
            if f.type is list:
                frame[f.name] = [json.loads(v) if isinstance(v, str) else [] for v in frame[f.name]]
            elif f.type is bool:
                frame[f.name] = frame[f.name].astype(object).where(frame[f.name].notna(), None).map(
                    lambda v: None if v is None else bool(v))
        out = gpd.GeoDataFrame(frame, geometry=[Point(x, y) for x, y in zip(frame["lon"], frame["lat"], strict=True)],
                               crs=_SRS)
        out["shape"] = gpd.GeoSeries(shapes, index=out.index, crs=_SRS)
        return out

    def mentions(self) -> gpd.GeoDataFrame:
        """Every stored mention, as the pipeline's mentions frame."""
        return self._layer("mentions")

    def incidents(self) -> gpd.GeoDataFrame:
        """Every stored incident (per article, unmerged), as the pipeline's incidents frame."""
        if not self._has_table("incidents"):
            from geo.model import INCIDENT_COLUMNS

            return gpd.GeoDataFrame(columns=[*INCIDENT_COLUMNS, "geometry"], geometry="geometry", crs=_SRS)
        return self._layer("incidents")

    def missing_incidents(self) -> int:
        """How many articles an older geo ingested without their incidents."""
        if not self._has_table("geo_store"):
            return self.stats()["articles"] if not self._has_table("incidents") else 0
        row = self.db.execute("SELECT value FROM geo_store WHERE key = 'incidents_after_article'").fetchone()
        return int(row[0]) if row else 0

    def stats(self) -> dict[str, int]:
        a, m = self.db.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions)").fetchone()
        i = self.db.execute("SELECT count(*) FROM incidents").fetchone()[0] if self._has_table("incidents") else 0
        return {"articles": a, "mentions": m, "incidents": i}
