"""Ingest over Dask workers gives what one process gives."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import XKX_ADM2, needs_shared
from tests.test_store import _corpus, _keys

pytest.importorskip("distributed", reason="Dask (distributed) is not installed")


def _ingest(data_dir, *args):
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "ingest", *args], capture_output=True, text=True,
                          env={"GEO_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_two_local_workers_match_one_process(data_dir, tmp_path):
    corpus = _corpus(tmp_path / "feed.jsonl", 240)
    _ingest(data_dir, str(corpus), "--store", str(tmp_path / "one.gpkg"))
    proc = _ingest(data_dir, str(corpus), "--store", str(tmp_path / "two.gpkg"), "--workers", "2",
                   "--batch-size", "16")
    assert "added 240 articles" in proc.stderr
    assert _keys(tmp_path / "one.gpkg") == _keys(tmp_path / "two.gpkg")


def test_unreachable_scheduler_is_one_line(data_dir, tmp_path):
    corpus = _corpus(tmp_path / "feed.jsonl", 3)
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "ingest", str(corpus), "--store",
                           str(tmp_path / "s.gpkg"), "--scheduler", "tcp://127.0.0.1:9"],
                          capture_output=True, text=True, timeout=120,
                          env={"GEO_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin", "GEO_DASK_TIMEOUT": "2s"})
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: Dask scheduler tcp://127.0.0.1:9: cannot connect")
    assert proc.stderr.count("\n") == 1


@needs_shared(XKX_ADM2)
def test_workers_join_the_runs_own_boundaries(data_dir, tmp_path):
    from geo.store import Store

    layer = XKX_ADM2
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a1", "date": "2023-01-01", "text": "Protesters blocked roads in Leposavić."}\n')
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "--boundaries", str(layer), "ingest", str(feed),
                           "--store", str(tmp_path / "s.gpkg"), "--workers", "1"], capture_output=True, text=True,
                          env={"GEO_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}, timeout=600)
    assert proc.returncode == 0, proc.stderr
    with Store(tmp_path / "s.gpkg", create=False) as st:
        assert list(st.mentions()["adm2"]) == ["Leposavić"]


def test_a_bad_boundary_file_with_workers_is_one_line(data_dir, tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text("not json")
    corpus = _corpus(tmp_path / "feed.jsonl", 3)
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "--boundaries", str(bad), "ingest", str(corpus),
                           "--store", str(tmp_path / "s.gpkg"), "--workers", "1"], capture_output=True, text=True,
                          env={"GEO_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}, timeout=600)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"Error: {bad}: cannot read boundaries") and proc.stderr.count("\n") == 1


def test_partitions_cover_the_articles_in_order_with_a_finer_tail():
    from geo.articles import Article
    from geo.scaleout import partitions

    articles = [Article(f"a{i}", "text") for i in range(1000)]
    parts = partitions(articles, 64, 2)
    assert [a.id for part in parts for a in part] == [a.id for a in articles]
    sizes = [len(p) for p in parts]
    assert sizes[0] == 64 and max(sizes) == 64
    assert sum(sizes[-16:]) == 256 and set(sizes[-16:]) == {16}  # the last two rounds of two workers, in quarters
    assert [len(p) for p in partitions(articles[:10], 64, 2)] == [10]
    assert partitions([], 64, 2) == []


def _worker_settings():
    import os

    import dask

    return (os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled"),
            dask.config.get("distributed.scheduler.work-stealing"))


def test_local_workers_run_without_the_dashboards_upkeep():
    from distributed import Client

    from geo.scaleout import local_cluster

    # Dask's defaults: glibc's mmap threshold fixed by MALLOC_TRIM_THRESHOLD_, a stack sample
    # every 10 ms, work stealing; each cost this work CPU (README, "Throughput").
    with local_cluster(1) as cluster, Client(cluster) as client:
        assert list(client.run(_worker_settings).values()) == [(None, False, False)]
