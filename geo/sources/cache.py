"""The on-disk HTTP cache: what each URL answered last, so the next request is conditional
(ETag, Last-Modified) and an unchanged feed or page costs a 304 and nothing more.
``fetched`` is when the body came: a 304 confirms it without changing that.

One SQLite file in the data directory (``web-cache.sqlite``), shared by every geo process
(WAL mode, a busy timeout). Bodies are kept zlib-compressed. Beside the responses it keeps
the canonical URL each page named, so a feed's entry whose story is already stored is
known without fetching its page again. Bodies fetched more than ``KEEP_DAYS`` ago are
dropped (the next request for them is a whole one).
"""

from __future__ import annotations

import sqlite3
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from geo.errors import DataError

CACHE_NAME = "web-cache.sqlite"
KEEP_DAYS = 60

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    url TEXT PRIMARY KEY, final_url TEXT NOT NULL, status INTEGER NOT NULL, etag TEXT, last_modified TEXT,
    content_type TEXT, fetched REAL NOT NULL, fresh_until REAL NOT NULL, body BLOB);
CREATE TABLE IF NOT EXISTS canonical (link TEXT PRIMARY KEY, id TEXT NOT NULL, seen REAL NOT NULL);
"""


@dataclass(frozen=True)
class Cached:
    """One stored response. ``fetched`` and ``fresh_until`` are Unix times: until then the
    body is used without asking the server at all."""

    url: str
    final_url: str
    status: int
    etag: str | None
    last_modified: str | None
    content_type: str
    fetched: float
    fresh_until: float
    body: bytes

    def fresh(self, now: float | None = None) -> bool:
        return (now or time.time()) < self.fresh_until


class HttpCache:
    """The cache at ``path`` (created on first use); ``None`` keeps it in memory."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            if path is not None:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(":memory:" if path is None else path, timeout=30,
                                      isolation_level=None, check_same_thread=False)
            self._wal()
            self.db.executescript(_SCHEMA)
            cutoff = time.time() - KEEP_DAYS * 86400
            self.db.execute("DELETE FROM responses WHERE fetched < ?", (cutoff,))
            self.db.execute("DELETE FROM canonical WHERE seen < ?", (cutoff,))
        except (sqlite3.Error, OSError) as exc:
            raise DataError(f"{path}: cannot open the web cache ({exc}); delete it to start afresh") from None

    def _wal(self) -> None:
        """WAL mode, so processes read while one writes. Switching to it takes a moment's
        exclusive lock, which SQLite's busy timeout does not wait for: try a few times."""
        for attempt in range(50):
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 49:
                    raise
                time.sleep(0.1)

    def close(self) -> None:
        with self._lock:
            self.db.close()

    def get(self, url: str) -> Cached | None:
        with self._lock:
            row = self.db.execute("SELECT url, final_url, status, etag, last_modified, content_type, fetched, "
                                  "fresh_until, body FROM responses WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        try:
            body = zlib.decompress(row[8]) if row[8] else b""
        except zlib.error:
            return None  # a damaged entry is a miss
        return Cached(*row[:8], body=body)

    def put(self, cached: Cached) -> None:
        with self._lock:
            self.db.execute("INSERT OR REPLACE INTO responses VALUES (?,?,?,?,?,?,?,?,?)",
                            (cached.url, cached.final_url, cached.status, cached.etag, cached.last_modified,
                             cached.content_type, cached.fetched, cached.fresh_until,
                             zlib.compress(cached.body, 6) if cached.body else b""))

    def canonical(self, links: list[str]) -> dict[str, str]:
        """The canonical URL (article id) each of these links led to, when fetched before."""
        found: dict[str, str] = {}
        with self._lock:
            for i in range(0, len(links), 500):
                chunk = links[i:i + 500]
                found.update(self.db.execute(
                    f"SELECT link, id FROM canonical WHERE link IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def set_canonical(self, link: str, article_id: str) -> None:
        with self._lock:
            self.db.execute("INSERT OR REPLACE INTO canonical VALUES (?,?,?)", (link, article_id, time.time()))
