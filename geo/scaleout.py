"""Running the pipeline over Dask workers: a local cluster or an existing scheduler.

Articles are cut into partitions; each worker process builds one Pipeline (the gazetteer,
the spaCy pipeline and the boundary layers, loaded once per worker) and returns each
partition's articles and mentions frame. The caller writes results as they arrive, so the
store stays single-writer and crash-safe. Workers read the same data directory, so on a
cluster it must be on a shared file system (or built on each machine at the same path).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence

from geo.articles import Article
from geo.errors import PipelineError
from geo.pipeline import Pipeline, PipelineSpec
from geo.store import LayerRows, incident_rows, mention_rows

log = logging.getLogger("geo")

_PIPELINES: dict[PipelineSpec, Pipeline] = {}

# A local cluster's settings, where Dask's defaults cost this work CPU that the cores lack.
_LOCAL_CLUSTER_CONFIG = {
    # Dask sets MALLOC_TRIM_THRESHOLD_ in its workers to hand freed memory back to the OS
    # at once; any value set this way also fixes glibc's mmap threshold, so every array
    # over 128 KiB is mapped and unmapped anew. For this many-small-arrays work that cost
    # a quarter more CPU (system time doubled); glibc's default adapts.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # The dashboard's upkeep: a stack sample every 10 ms in each worker, an event-loop
    # tick every 20 ms in every server, memory and system polls, work stealing every
    # second. Idle, that is an eighth of a core of the two; nothing here reads it.
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    # The partitions are alike and queued on the scheduler: nothing to steal.
    "distributed.scheduler.work-stealing": False,
}


def _pipeline(spec: PipelineSpec) -> Pipeline:
    """The worker's pipeline for ``spec``, built once per worker process."""
    if spec not in _PIPELINES:
        _PIPELINES[spec] = Pipeline.from_spec(spec)
    return _PIPELINES[spec]


def geocode_partition(articles: list[Article], spec: PipelineSpec) -> tuple[list[Article], LayerRows, LayerRows]:
    """Run on a worker: the partition's articles, their mentions and their incidents as the
    store's rows (encoded here, so the caller only inserts them and a shared polygon travels
    once)."""
    result = _pipeline(spec).run(articles)
    return articles, mention_rows(result.mentions_frame()), incident_rows(result.incidents_frame())


def partitions(articles: Sequence[Article], size: int, workers: int) -> list[list[Article]]:
    """Consecutive partitions of ``size`` articles, the last two rounds' worth cut in
    quarters: when the work runs out, no worker idles long waiting for another's last
    partition (at 64 WikToR articles a partition takes a worker about 3 s)."""
    n = len(articles)
    head = max(0, n - 2 * workers * size)
    small = max(1, size // 4)
    return ([list(articles[i:min(i + size, head)]) for i in range(0, head, size)]
            + [list(articles[i:i + small]) for i in range(head, n, small)])


def local_cluster(workers: int):
    """A Dask cluster of ``workers`` processes on this machine, one thread each, with
    ``_LOCAL_CLUSTER_CONFIG`` (passed on to the workers by their nannies)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(_LOCAL_CLUSTER_CONFIG):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            dashboard_address=":0", silence_logs=logging.ERROR)


def map_partitions(articles: Sequence[Article], spec: PipelineSpec, partition_size: int = 64,
                   workers: int | None = None, scheduler: str | None = None) -> Iterator[tuple]:
    """(articles, mentions, incidents as ``geo.store.LayerRows``) per partition, in the order they finish; ``spec``
    with absolute paths (``PipelineSpec.portable``), as every worker builds its pipeline from it."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise PipelineError("Dask is not installed: pip install 'dask[distributed]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=os.environ.get("GEO_DASK_TIMEOUT", "15s"))
        except (OSError, TimeoutError) as exc:
            raise PipelineError(f"Dask scheduler {scheduler}: cannot connect ({exc})") from None
        cluster = None
    else:
        if not log.isEnabledFor(logging.INFO):  # Dask narrates every start and stop at INFO
            for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.worker",
                         "distributed.core", "distributed.http.proxy"):
                logging.getLogger(name).setLevel(logging.ERROR)
        cluster = local_cluster(workers or 2)
        client = Client(cluster)
    try:
        parts = partitions(articles, partition_size, max(1, len(client.nthreads())))
        # Each result is let go once taken: a future the client holds keeps its result in the
        # worker's memory, so a long ingest would hold every partition's rows twice over.
        pending = as_completed([client.submit(geocode_partition, part, spec, pure=False) for part in parts])
        for future in pending:
            result = future.result()
            future.release()
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
