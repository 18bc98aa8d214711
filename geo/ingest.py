"""Adding articles to a store: only those it lacks (and web stories edited since), geocoded
in batches (in this process or on Dask workers) and committed one batch at a time, by one
writer at a time."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from geo.articles import Article, from_web, text_id
from geo.errors import InputError
from geo.pipeline import Pipeline, PipelineSpec
from geo.store import Store

WATCH = "geo watch"
_READ_AHEAD = 1_000  # articles of a stream looked up in the store together, then geocoded in batches


@dataclass(frozen=True)
class IngestReport:
    added: int  # articles added by this run
    places: int  # their place mentions
    incidents: int  # and their incidents
    already: int  # articles the store had before (unchanged)
    stored_articles: int  # what the store holds now
    stored_places: int
    stored_incidents: int
    replaced: int = 0  # web stories edited since the store took them, written anew


class StoreLock:
    """One writer per store: an flock on ``<store>.lock`` beside it, which names its holder.
    A second ``geo ingest`` waits for the first (``on_wait`` says so once); ``geo watch``
    holds the lock for as long as it runs, so anything else that would write beside it
    refuses at once, naming it. The holder removes the file when done; the kernel releases
    the lock of a process that dies, even by SIGKILL (its file stays, and is reused)."""

    def __init__(self, store: Path, holder: str, on_wait: Callable[[str], None] | None = None) -> None:
        self.store = Path(store)
        real = Path(os.path.realpath(store))  # one lock, however the store is named (through a symlink)
        self.path = real.with_name(real.name + ".lock")
        self.holder = holder
        self.on_wait = on_wait
        self.fd: int | None = None

    def __enter__(self) -> StoreLock:
        waited = False
        while True:
            fd = self._open()
            try:
                waited = self._lock(fd, waited)
                if self._still_there(fd):
                    break
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # its holder removed the file as we waited: lock the one there now
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{self.holder} (pid {os.getpid()})\n".encode(), 0)
        self.fd = fd
        return self

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise InputError(f"{self.store}: cannot lock the store ({exc.strerror}: {self.path})") from None

    def _lock(self, fd: int, waited: bool) -> bool:
        """Take the flock, waiting for an ingest (said once), refusing beside a watch."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return waited
        except BlockingIOError:
            other = os.pread(fd, 200, 0).decode("utf-8", errors="replace").strip() or "another geo"
        if other.startswith(WATCH):
            raise InputError(f"{self.store}: {other} is writing to this store; stop it first, or give "
                             "it what you would add (a folder it watches, a feed)")
        if self.on_wait and not waited:
            self.on_wait(f"{self.store}: waiting for {other} to finish writing to it")
        fcntl.flock(fd, fcntl.LOCK_EX)
        return True

    def _still_there(self, fd: int) -> bool:
        try:
            return os.stat(self.path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            return False

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            self.path.unlink(missing_ok=True)  # while still held: a waiter sees it gone and opens afresh
            os.close(self.fd)  # closing releases the flock
            self.fd = None


def stored_times(store: Path) -> Callable[[Sequence[str]], dict[str, float]]:
    """What a store holds, for a web reader (``geo.sources.WebReader(stored=...)``): of
    these ids, id -> Unix time the store took it; nothing while there is no store."""
    store = Path(store)

    def stored(ids: Sequence[str]) -> dict[str, float]:
        if not store.exists():
            return {}
        with Store(store, create=False) as st:
            return {i: dt.datetime.fromisoformat(taken).timestamp() for i, (_, taken) in st.versions(ids).items()}

    return stored


def geocoded_batches(articles: Sequence[Article], spec: PipelineSpec, batch_size: int = 64,
                     workers: int | None = None, scheduler: str | None = None,
                     pipeline: Pipeline | None = None) -> Iterator[tuple]:
    """(articles, their mentions and incidents, as frames or the store's rows) per batch: in
    this process (with ``pipeline`` when given, else one built from ``spec``), or on a Dask
    cluster (``workers`` local processes, or an existing ``scheduler``)."""
    if workers or scheduler:
        from geo.boundaries import run_layers
        from geo.scaleout import map_partitions

        # A bad --boundaries file is a one-line error here, not a traceback on each worker.
        run_layers(spec.data_dir, spec.boundaries)
        yield from map_partitions(articles, spec.portable(), batch_size, workers=workers, scheduler=scheduler)
        return
    for result in (pipeline or Pipeline.from_spec(spec)).run_batches(articles, batch_size):
        yield result.articles, result.mentions_frame(), result.incidents_frame()


def ingest(articles: Iterable[Article], store: Path, spec: PipelineSpec, *, batch_size: int = 64,
           workers: int | None = None, scheduler: str | None = None,
           progress: Callable[[int, int | None], None] | None = None, pipeline: Pipeline | None = None,
           locked: bool = False, on_wait: Callable[[str], None] | None = None) -> IngestReport:
    """Geocode the articles the store lacks and add them, a committed batch at a time, so a
    killed run loses nothing committed and a rerun finishes the rest. An article read from
    the web whose text differs from the stored one (a story edited at its URL) replaces it.
    ``articles`` may be a stream (``geo.articles.iter_articles``): it is then looked up and
    geocoded _READ_AHEAD articles at a time as it is read, so memory does not grow with it.
    ``progress(done, total)`` is called after each batch (``total``: of a list, what it lacks;
    of a stream, None). A first ingest that fails before its first batch leaves no empty
    store behind. The store is locked for the run (``StoreLock``) unless the caller holds the
    lock (``locked``)."""
    store = Path(store)
    with nullcontext() if locked else StoreLock(store, "geo ingest", on_wait):
        return _ingest(articles, store, spec, batch_size, workers, scheduler, progress, pipeline)


@dataclass
class _Tally:
    written: int = 0
    replaced: int = 0
    places: int = 0
    incidents: int = 0
    done: int = 0
    already: int = 0


def _ingest(articles: Iterable[Article], store: Path, spec: PipelineSpec, batch_size: int, workers: int | None,
            scheduler: str | None, progress: Callable[[int, int | None], None] | None,
            pipeline: Pipeline | None) -> IngestReport:
    created = not store.exists()
    dask = bool(workers or scheduler)
    whole = isinstance(articles, Sequence) or dask  # else a stream, looked up and geocoded as it is read
    tally = _Tally()
    try:
        with Store(store) as st:
            for chunk in [list(articles)] if whole else _chunked(articles, _READ_AHEAD):
                stored = st.versions(a.id for a in chunk)
                todo = [a for a in chunk if a.id not in stored or _edited(a, stored[a.id][0])]
                tally.already += len(chunk) - len(todo)
                if not todo:
                    continue
                pipeline = pipeline if dask else pipeline or Pipeline.from_spec(spec)  # one for every chunk
                for batch, mentions, incidents in geocoded_batches(todo, spec, batch_size, workers, scheduler,
                                                                   pipeline):
                    again = sum(a.id in stored for a in batch)
                    added = st.write(batch, mentions, incidents, replace=bool(again))
                    tally.written += added.articles
                    tally.replaced += again
                    tally.places += added.mentions  # what was written: not an article another writer stored first
                    tally.incidents += added.incidents
                    tally.done += len(batch)
                    if progress:
                        progress(tally.done, len(todo) if whole else None)
            stats = st.stats()
    except BaseException:
        if created and not tally.written:
            for path in (store, store.with_name(f"{store.name}-journal")):
                path.unlink(missing_ok=True)
        raise
    return IngestReport(tally.written - tally.replaced, tally.places, tally.incidents, tally.already,
                        stats["articles"], stats["mentions"], stats["incidents"], tally.replaced)


def _chunked(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _edited(article: Article, stored_hash: str | None) -> bool:
    """A web story whose text is not the one stored (files keep their first version)."""
    return from_web(article) and stored_hash != text_id(article.text)
