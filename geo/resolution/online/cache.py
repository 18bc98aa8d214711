"""The online answers already fetched, kept in SQLite in the data directory so that a name is
never asked twice (a "not found" included)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path

from geo.errors import DataError
from geo.folding import fold
from geo.resolution.online.base import Answer

CACHE_NAME = "online-cache.sqlite"


class OnlineCache:
    """Answers already fetched, in SQLite: one row per (service, server, folded name).

    Safe to share between threads (one connection behind a lock) and between processes
    (SQLite's own locking, WAL journal).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers ("
                " service TEXT NOT NULL, domain TEXT NOT NULL, key TEXT NOT NULL, query TEXT NOT NULL,"
                " found INTEGER NOT NULL, lat REAL, lon REAL, display_name TEXT, raw TEXT, fetched TEXT,"
                " PRIMARY KEY (service, domain, key))"
            )
        except (OSError, sqlite3.DatabaseError) as error:
            raise DataError(f"{self.path}: cannot open the online geocoder cache ({error})") from error

    def get(self, service_name: str, domain: str, query: str) -> Answer | None:
        """The cached answer (``found`` False for a cached "not found"); None when never asked."""
        key = fold(query)
        with self._lock:
            try:
                row = self._db.execute(
                    "SELECT query, found, lat, lon, display_name, raw FROM answers"
                    " WHERE service = ? AND domain = ? AND key = ?", (service_name, domain, key),
                ).fetchone()
            except sqlite3.DatabaseError as error:
                raise DataError(f"{self.path}: the online geocoder cache is damaged ({error})") from error
        if row is None:
            return None
        asked, found, lat, lon, name, raw = row
        try:
            record = json.loads(raw) if raw else {}
        except ValueError:
            record = {}
        return Answer(asked, bool(found), lat, lon, name or "", record if isinstance(record, dict) else {},
                      cached=True)

    def put(self, service_name: str, domain: str, answer: Answer) -> None:
        row = (service_name, domain, fold(answer.query), answer.query, int(answer.found), answer.lat, answer.lon,
               answer.display_name, json.dumps(answer.raw, ensure_ascii=False, default=str),
               dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        with self._lock:
            try:
                self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            except sqlite3.DatabaseError as error:
                raise DataError(f"{self.path}: cannot write the online geocoder cache ({error})") from error

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()
