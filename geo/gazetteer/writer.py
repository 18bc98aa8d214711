"""Writing places and the keys of their names into a gazetteer database.

The build's stages and the merges that grow an installed gazetteer (``grow``) add places
through one ``Writer``, so a place row and its name keys are written one way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from geo.folding import fold, transliteration_key

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
CREATE TABLE spellings (spelling TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (spelling, key)) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (name TEXT PRIMARY KEY, version TEXT, licence TEXT, rows INTEGER);
"""


class Writer:
    """Adds places and their names to a gazetteer database (of ``SCHEMA``); new places take
    the ids after the largest one already there."""

    def __init__(self, db: sqlite3.Connection, remember_geonameids: bool = True) -> None:
        self.db = db
        self.next_id: int = (db.execute("SELECT max(id) FROM places").fetchone()[0] or 0) + 1
        # The first place added for each GeoNames id, for the build's stages; a merge of a
        # dump of millions of rows does without (it would hold them all in memory).
        self.by_geonameid: dict[int, int] = {}
        self.remember_geonameids = remember_geonameids

    def place(self, *, name: str, lat: float, lon: float, fclass: str, fcode: str, cc: str = "",
              population: int = 0, geonameid: int | None = None, admin1_code: str = "",
              admin2_code: str = "", source: str = "", index_name: bool = True) -> int:
        """Add a place; its id. ``index_name``: its name is a key of kind ``name`` (merges
        give every name of a place to ``names`` as ``alt`` instead)."""
        pid = self.next_id
        self.next_id += 1
        self.db.execute(
            "INSERT INTO places (id, geonameid, name, lat, lon, feature_class, feature_code, "
            "country_code, admin1_code, admin2_code, population, source) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (pid, geonameid, name, lat, lon, fclass, fcode, cc, admin1_code, admin2_code,
             population, source),
        )
        if geonameid is not None and self.remember_geonameids:
            self.by_geonameid.setdefault(geonameid, pid)
        if index_name:
            self.names(pid, [name], "name")
        return pid

    def names(self, pid: int, names: Iterable[str], kind: str) -> None:
        """Index a place under the folded forms of ``names``; a key it already has keeps its kind."""
        rows = {(k, pid, kind) for k in map(fold, names) if k}
        self.db.executemany("INSERT OR IGNORE INTO names (key, place_id, kind) VALUES (?,?,?)", rows)


# The places whose names ``index_spellings`` indexes (an SQL condition on ``places p``): towns of a
# thousand people or more, seats, and first- and second-level units. A hamlet's name is too often a
# near miss of a common word or of a person's name.
SPELLED_PLACES = ("(p.feature_class = 'P' AND (p.population >= 1000 OR p.feature_code IN "
                  "('PPLC', 'PPLA', 'PPLA2', 'PPLA3', 'PPLG'))) OR p.feature_code IN ('ADM1', 'ADM2')")


def index_spellings(db: sqlite3.Connection, first_place: int = 0) -> int:
    """Index the names of ``SPELLED_PLACES`` (those of id ``first_place`` and after: what a merge
    added) by their ``folding.transliteration_key``, in the table ``spellings``; the rows added.
    A key a merge removed leaves its row, which then finds nothing."""
    keys = db.execute(
        f"SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place_id "
        f"WHERE p.id >= ? AND n.kind != 'demonym' AND ({SPELLED_PLACES})", (first_place,)).fetchall()
    before = db.total_changes
    db.executemany("INSERT OR IGNORE INTO spellings (spelling, key) VALUES (?,?)",
                   ((transliteration_key.__wrapped__(key), key) for (key,) in keys))
    return db.total_changes - before
