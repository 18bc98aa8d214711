"""Adding articles to a store: only those it lacks, geocoded in batches (in this process or
on Dask workers) and committed one batch at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.articles import Article
from geo.pipeline import Pipeline, PipelineSpec
from geo.store import Store


@dataclass(frozen=True)
class IngestReport:
    added: int  # articles added by this run
    places: int  # their place mentions
    incidents: int  # and their incidents
    already: int  # articles the store had before
    stored_articles: int  # what the store holds now
    stored_places: int
    stored_incidents: int


def geocoded_batches(articles: Sequence[Article], spec: PipelineSpec, batch_size: int = 64,
                     workers: int | None = None, scheduler: str | None = None) -> Iterator[tuple]:
    """(articles, their mentions and incidents, as frames or the store's rows) per batch: in
    this process, or on a Dask cluster (``workers`` local processes, or an existing ``scheduler``)."""
    if workers or scheduler:
        from geo.boundaries import run_layers
        from geo.scaleout import map_partitions

        # A bad --boundaries file is a one-line error here, not a traceback on each worker.
        run_layers(spec.data_dir, spec.boundaries)
        yield from map_partitions(articles, spec.portable(), batch_size, workers=workers, scheduler=scheduler)
        return
    for result in Pipeline.from_spec(spec).run_batches(articles, batch_size):
        yield result.articles, result.mentions_frame(), result.incidents_frame()


def ingest(articles: Sequence[Article], store: Path, spec: PipelineSpec, *, batch_size: int = 64,
           workers: int | None = None, scheduler: str | None = None,
           progress: Callable[[int, int], None] | None = None) -> IngestReport:
    """Geocode the articles the store lacks and add them, a committed batch at a time, so a
    killed run loses nothing committed and a rerun finishes the rest. ``progress(done,
    total)`` is called after each batch. A first ingest that fails before its first batch
    leaves no empty store behind."""
    store = Path(store)
    created = not store.exists()
    added = places = found = done = 0
    try:
        with Store(store) as st:
            known = st.known_ids(a.id for a in articles)
            todo = [a for a in articles if a.id not in known]
            for batch, mentions, incidents in (geocoded_batches(todo, spec, batch_size, workers, scheduler)
                                               if todo else ()):
                added += st.add(batch, mentions, incidents)
                places += len(mentions)
                found += len(incidents)
                done += len(batch)
                if progress:
                    progress(done, len(todo))
            stats = st.stats()
    except BaseException:
        if created and not added:
            for path in (store, store.with_name(f"{store.name}-journal")):
                path.unlink(missing_ok=True)
        raise
    return IngestReport(added, places, found, len(articles) - len(todo), stats["articles"], stats["mentions"],
                        stats["incidents"])
