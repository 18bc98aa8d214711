"""Following the news: poll feeds and pages, watch folders, ingest what is new into a store,
and rewrite the map and GeoJSON after each cycle that changed the incidents.

One cycle reads the sources (feeds and pages conditionally, so an unchanged one costs a
304; a folder's changed files, as ``watchfiles`` reports them), ingests the new articles
and the stories edited at their URLs, and, when the incidents changed, writes the map and
GeoJSON aside and renames them into place. The store is locked for as long as the watch
runs. ``stop`` (Ctrl-C, SIGTERM) ends it between two requests or two batches: each batch
is one committed transaction and each output is renamed whole, so nothing is half-written.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.articles import TEXT_SUFFIXES, WEB_KINDS, WEB_SUFFIXES, ReadCounts, ReadOptions, read_articles, source_kind
from geo.errors import InputError
from geo.ingest import WATCH, StoreLock, ingest, stored_times
from geo.pipeline import Pipeline, PipelineSpec, event_table, stored_incidents
from geo.sources import FetchOptions, Stopped, WebReader

log = logging.getLogger("geo")

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
REWRITE_EVERY = 60.0  # seconds: within a long cycle the outputs are rewritten at most this often


def parse_every(text: str) -> float:
    """``90``, ``90s``, ``15m``, ``1h``, ``1d`` as seconds (at least one)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(text).lower())
    if not m or float(m.group(1)) * _UNITS[m.group(2) or "s"] < 1:
        raise InputError(f"--every {text!r}: give a period such as 30s, 15m or 1h (at least 1 s)")
    return float(m.group(1)) * _UNITS[m.group(2) or "s"]


@dataclass(frozen=True)
class Outputs:
    """What a watch keeps up to date from the store."""

    map: Path
    geojson: Path | None = None
    tiles: str | None = "OpenStreetMap"
    self_contained: bool = True


@dataclass(frozen=True)
class Cycle:
    number: int
    articles: int  # new articles stored
    updated: int  # stories edited at their URL, stored anew
    incidents: int  # incidents the map gained
    skipped: int  # read but not taken (another language)
    failed: int  # sources, entries or files that could not be read
    seconds: float

    def line(self) -> str:
        """The one line a cycle prints."""
        updated = f", {self.updated} updated" if self.updated else ""
        return (f"{time.strftime('%Y-%m-%d %H:%M:%S')} cycle {self.number}: {self.articles} new articles{updated}, "
                f"{self.incidents} new incidents, {self.skipped} skipped, {self.failed} failed ({self.seconds:.1f} s)")


class StoreMap:
    """The map and GeoJSON of a store, rewritten when its incidents change."""

    def __init__(self, store: Path, outputs: Outputs, pipeline: Pipeline) -> None:
        self.store, self.outputs, self.pipeline = Path(store), outputs, pipeline
        self.incidents = 0

    def write(self) -> int:
        """Write both outputs from the store; returns how many incidents it gained since."""
        from geo.outputs.geojson import write_geojson
        from geo.outputs.webmap import build_map, write_map

        layers = self.pipeline.layers()
        frame = stored_incidents(self.store, layers)
        fmap = build_map(frame, layers, tiles=self.outputs.tiles, table=event_table(self.pipeline.spec),
                         gazetteer=self.pipeline.gazetteer)
        write_map(fmap, self.outputs.map, self_contained=self.outputs.self_contained)
        if self.outputs.geojson:
            write_geojson(frame, self.outputs.geojson)
        gained, self.incidents = len(frame) - self.incidents, len(frame)
        return gained


class FolderChanges:
    """The article files created or changed in some folders, as ``watchfiles`` reports
    them, gathered by a thread until taken."""

    def __init__(self, folders: Sequence[Path], stop: threading.Event) -> None:
        self.folders, self.stop = list(folders), stop
        self._paths: set[Path] = set()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="geo-watch-folders", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import watchfiles

        def wanted(change: watchfiles.Change, path: str) -> bool:
            return change != watchfiles.Change.deleted and _is_article_file(Path(path))

        for changes in watchfiles.watch(*self.folders, watch_filter=wanted, stop_event=self.stop,
                                        raise_interrupt=False, recursive=False):
            with self._lock:
                self._paths.update(Path(p) for _, p in changes if Path(p).is_file())

    def take(self) -> list[Path]:
        with self._lock:
            paths, self._paths = sorted(self._paths), set()
        return paths


class Watch:
    """``geo watch``: the sources, the store, what to keep up to date, and how often."""

    def __init__(self, sources: Sequence[str], store: Path, outputs: Outputs, spec: PipelineSpec, *,
                 every: float = 900.0, fetch: FetchOptions | None = None, read: ReadOptions | None = None,
                 batch_size: int = 64, stop: threading.Event | None = None,
                 report: Callable[[Cycle], None] | None = None, on_wait: Callable[[str], None] | None = None) -> None:
        self.store, self.outputs, self.spec, self.every = Path(store), outputs, spec, every
        self.read = read or ReadOptions(on_error="skip")
        self.batch_size = batch_size
        self.stop = stop or threading.Event()
        self.report = report or (lambda cycle: print(cycle.line(), flush=True))
        self.on_wait = on_wait
        self.folders = [Path(s) for s in sources if source_kind(s) == "path" and Path(s).is_dir()]
        self.polled = [s for s in sources if not (source_kind(s) == "path" and Path(s).is_dir())]
        if not self.folders and not self.polled:
            raise InputError("give feeds, pages or folders to watch")
        self.reader = WebReader(spec.data_dir, fetch, stored=stored_times(self.store), stop=self.stop)
        self.cycles = 0

    def run(self, cycles: int | None = None) -> int:
        """Cycle until stopped (or ``cycles`` are done); returns the number of cycles run."""
        with StoreLock(self.store, f"{WATCH}", self.on_wait):
            pipeline = Pipeline.from_spec(self.spec)
            store_map = StoreMap(self.store, self.outputs, pipeline)
            if self.store.exists():  # the outputs catch up with what an earlier run committed
                store_map.write()
            changes = FolderChanges(self.folders, self.stop) if self.folders else None
            files: list[str | Path] = list(self.folders)  # the first cycle reads the folders whole
            next_poll = 0.0
            try:
                while not self.stop.is_set():
                    poll = time.monotonic() >= next_poll
                    if poll:
                        next_poll = time.monotonic() + self.every
                    todo = [*(self.polled if poll else []), *files]
                    if todo:
                        self.report(self.cycle(todo, pipeline, store_map))
                        if cycles and self.cycles >= cycles:
                            break
                    files = self._wait(changes, next_poll)
            except Stopped:
                pass
            finally:
                self.reader.close()
        return self.cycles

    def cycle(self, sources: Sequence[str | Path], pipeline: Pipeline, store_map: StoreMap) -> Cycle:
        """Read the sources, store what is new or edited a batch at a time (each batch is
        committed before the next is fetched), and rewrite the outputs after a batch that
        changed the incidents (at most every ``REWRITE_EVERY`` seconds, and at the end)."""
        start = time.monotonic()
        self.cycles += 1
        counts = ReadCounts()
        options = dataclasses.replace(self.read, counts=counts)
        web = [(kind, str(s)) for s in sources if (kind := source_kind(s)) in WEB_KINDS]
        # A watched folder may be empty (what it will hold comes later): its files, if any.
        files = [f for s in sources if source_kind(s) not in WEB_KINDS for f in _article_files(Path(s))]
        batches = itertools.chain([read_articles(files, options, web=self.reader)] if files else [],
                                  self.reader.read_batches(web, options, self.batch_size))
        added = updated = gained = 0
        pending, written_at = not self.outputs.map.exists(), time.monotonic()
        for batch in batches:
            if batch:
                report = ingest(batch, self.store, self.spec, batch_size=self.batch_size, pipeline=pipeline,
                                locked=True, progress=self._between_batches)
                added, updated = added + report.added, updated + report.replaced
                pending = pending or bool(report.added or report.replaced)
            if pending and time.monotonic() - written_at >= REWRITE_EVERY:
                gained, pending, written_at = gained + store_map.write(), False, time.monotonic()
            if self.stop.is_set():
                break  # what is stored is committed; the outputs catch up below
        if pending and self.store.exists():
            gained += store_map.write()
        return Cycle(self.cycles, added, updated, max(gained, 0), counts.skipped, counts.failed,
                     time.monotonic() - start)

    def _between_batches(self, done: int, total: int) -> None:
        if self.stop.is_set() and done < total:
            raise Stopped("stopped")  # the batches so far are committed

    def _wait(self, changes: FolderChanges | None, until: float) -> list[str | Path]:
        """Wait until the next poll, a folder's change or a stop: the changed files."""
        while not self.stop.is_set():
            files = changes.take() if changes else []
            if files:
                return files
            left = until - time.monotonic()
            if left <= 0:
                return []
            self.stop.wait(min(left, 0.5))
        return []


def _is_article_file(path: Path) -> bool:
    return path.suffix in (*TEXT_SUFFIXES, *WEB_SUFFIXES) and not path.name.startswith(".")


def _article_files(path: Path) -> list[Path]:
    """A folder's article files (name order), or the file itself."""
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.iterdir() if p.is_file() and _is_article_file(p))
