"""The incremental store: idempotent ingest, GDAL-readable, and safe against SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import pytest

from geo.articles import Article
from geo.errors import DataError, InputError
from geo.store import LayerRows, Store
from tests.conftest import SAMPLES, XKX_ADM2

SENTENCES = [
    "Police in Zvečan used tear gas against protesters on {day}.",
    "Serbian troops moved closer to the administrative line near Raška.",
    "Barricades near Zubin Potok and Leposavić stayed up for another day.",
    "Officials in Pristina accused Belgrade of stoking tension in northern Kosovo.",
    "A patrol was attacked 12 km north of Mitrovica, police said.",
    "Diplomats from Germany and France met leaders in Belgrade and Pristina.",
]


def _corpus(path, n):
    """``n`` short dated articles made from the sentences above."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3)).format(day="Monday")
            day = 1 + i % 28
            f.write(json.dumps({"id": f"a{i:04d}", "date": f"2023-06-{day:02d}", "title": f"Report {i}",
                                "url": f"https://example.org/{i}", "text": text}) + "\n")
    return path


def _geo(*args, data_dir, **kw):
    return subprocess.Popen([sys.executable, "-m", "geo.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={"GEO_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}, **kw)


def _keys(path):
    with Store(path, create=False) as st:
        m = st.mentions()
        return sorted(zip(m["article_id"], m["start"], m["end"], m["name"], strict=True))


def test_roundtrip_and_idempotence(pipeline, tmp_path):
    from geo.articles import read_articles

    docs = read_articles([SAMPLES])
    result = pipeline.run(docs)
    frame = result.mentions_frame()
    path = tmp_path / "s.gpkg"
    with Store(path) as st:
        assert st.add(docs, frame) == 4
        assert st.add(docs, frame) == 0  # the same articles again change nothing
        back = st.mentions()
        assert len(back) == len(frame)
        assert set(back["geometry_type"]) >= {"Point", "Polygon"}
        for a, b in zip(back["shape"], frame["shape"], strict=True):
            assert a.equals_exact(b, 1e-9)
        assert list(st.articles()["id"]) == [a.id for a in docs]
        incidents = result.incidents_frame()
        assert st.add(docs, frame, incidents) == 0  # articles already in: their incidents are not added again
    with Store(path) as st:
        assert len(st.incidents()) == 0  # the first add gave no incidents
    fresh = tmp_path / "t.gpkg"
    with Store(fresh) as st:
        st.add(docs, frame, incidents)
        back = st.incidents()
        assert len(back) == len(incidents) > 0
        for column in ("evidence", "actors", "places_mentioned"):
            assert list(back[column]) == [list(v) for v in incidents[column]]
        assert list(back["geo_precision"]) == list(incidents["geo_precision"])
        assert st.stats()["incidents"] == len(incidents)
    # GDAL reads the store as the GeoPackage it is.
    layer = gpd.read_file(path, layer="mentions")
    assert len(layer) == len(frame) and layer.crs.to_epsg() == 4326


def test_duplicate_ids_are_one_article(pipeline, tmp_path):
    docs = [Article("x", "Police in Belgrade said."), Article("x", "Police in Belgrade said.")]
    with Store(tmp_path / "s.gpkg") as st:
        assert st.add(docs, pipeline.run(docs[:1]).mentions_frame()) == 1
        assert list(st.articles()["id"]) == ["x"]


def test_not_a_store(tmp_path):
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"not sqlite" * 200)
    with pytest.raises(DataError, match="not a readable store"):
        Store(bad)
    with pytest.raises(InputError, match="no store here"):
        Store(tmp_path / "none.gpkg", create=False)
    with pytest.raises(InputError, match="is a directory"):
        Store(tmp_path)


def test_sigkill_during_ingest_loses_nothing_committed(data_dir, tmp_path):
    corpus = _corpus(tmp_path / "feed.jsonl", 160)
    store = tmp_path / "feed.gpkg"
    proc = _geo("ingest", str(corpus), "--store", str(store), "--batch-size", "8", data_dir=data_dir)
    committed = 0
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if store.exists():
            try:
                db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1)
                committed = db.execute("SELECT count(*) FROM articles").fetchone()[0]
                db.close()
            except sqlite3.Error:
                continue
            if committed >= 24:
                break
    assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    # Readable, consistent, and holding at least what was committed before the kill.
    db = sqlite3.connect(store)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n_articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 24 <= n_articles < 160
    stored = dict(db.execute("SELECT id, mentions FROM articles"))
    actual = dict(db.execute("SELECT article_id, count(*) FROM mentions GROUP BY article_id"))
    assert all(actual.get(i, 0) == n for i, n in stored.items())  # no half-written article
    assert set(actual) <= set(stored)
    db.close()
    assert len(gpd.read_file(store, layer="articles")) == n_articles

    # A rerun finishes the batch; the result is what one uninterrupted run writes.
    rerun = _geo("ingest", str(corpus), "--store", str(store), data_dir=data_dir)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert f"{160 - n_articles} already" not in err and f"{n_articles} already in" in err
    clean = tmp_path / "clean.gpkg"
    once = _geo("ingest", str(corpus), "--store", str(clean), data_dir=data_dir)
    assert once.wait(timeout=300) == 0
    assert _keys(store) == _keys(clean)


def test_map_and_export_read_the_store_with_filters(data_dir, tmp_path):
    from typer.testing import CliRunner

    from geo.cli import app

    runner = CliRunner()
    store = tmp_path / "s.gpkg"
    assert runner.invoke(app, ["ingest", str(SAMPLES), "--store", str(store)]).exit_code == 0

    def features(*args):
        out = tmp_path / "out.geojson"
        result = runner.invoke(app, ["export", "--store", str(store), "-o", str(out), *args])
        assert result.exit_code == 0, result.output
        return json.loads(out.read_text())["features"]

    everything = features()
    direct = tmp_path / "direct.geojson"
    assert runner.invoke(app, ["export", str(SAMPLES), "-o", str(direct)]).exit_code == 0
    assert len(everything) == len(json.loads(direct.read_text())["features"])  # the store gives what a run gives
    later = features("--since", "2023-06-01")
    assert later and all(f["properties"]["date"] >= "2023-06-01" for f in later) and len(later) < len(everything)
    early = features("--until", "2023-01-01")
    assert early and all(f["properties"]["date"] <= "2023-01-01" for f in early)
    protests = features("--type", "Protests")
    assert protests and {f["properties"]["event_type"] for f in protests} == {"Protests"}
    arrests = features("--type", "arrests")  # a sub-event type
    assert arrests and {f["properties"]["sub_event_type"] for f in arrests} == {"arrests"}
    places = features("--places", "--since", "2023-06-01")
    assert places and all(f["properties"]["date"] >= "2023-06-01" for f in places)
    html = tmp_path / "m.html"
    assert runner.invoke(app, ["map", "--store", str(store), "--since", "2023-06-01", "-o", str(html)]).exit_code == 0
    assert html.stat().st_size > 0


@pytest.mark.parametrize(("args", "message"), [
    (["--type", "nope"], "--type 'nope': choose an event type"),
    (["--since", "2023-13-01"], "--since '2023-13-01': not a date"),
    ([], "give articles or --store PATH"),
])
def test_store_reading_errors(data_dir, args, message):
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "export", *args], capture_output=True, text=True,
                          env={"GEO_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert proc.returncode == 2 and message in proc.stderr and proc.stderr.count("\n") == 1


def test_rows_share_a_shape_and_the_extent_grows_by_batch(pipeline, tmp_path):
    from geo.articles import read_articles
    from geo.store import mention_rows

    docs = read_articles([SAMPLES])
    frame = pipeline.run(docs).mentions_frame()
    rows = mention_rows(frame)
    blobs = {}
    for shape, rec in zip(frame["shape"], rows.records, strict=True):
        blobs.setdefault(id(shape), rec[0])
        assert rec[0] is blobs[id(shape)]  # a polygon named twice is encoded (and pickled) once
    assert len(blobs) < len(frame)
    with Store(tmp_path / "s.gpkg") as st:
        first, rest = docs[:1], docs[1:]
        st.add(first, frame[frame["article_id"] == first[0].id])
        st.add(rest, rows)  # the rows as a Dask worker sends them
        extent = st.db.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents "
                               "WHERE table_name = 'mentions'").fetchone()
    assert extent == (frame["lon"].min(), frame["lat"].min(), frame["lon"].max(), frame["lat"].max())


def test_a_failed_first_ingest_leaves_no_empty_store(data_dir, tmp_path):
    from typer.testing import CliRunner

    from geo.cli import app

    runner = CliRunner()
    store = tmp_path / "new.gpkg"
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--store", str(store), "--model", "no_such_pipeline"])
    assert result.exit_code != 0 and "no_such_pipeline" in str(result.exception)
    assert not store.exists() and list(tmp_path.iterdir()) == []
    # A store that was there before the failed run stays as it was.
    assert runner.invoke(app, ["ingest", str(SAMPLES), "--store", str(store), "--fast"]).exit_code == 0
    before = _keys(store)
    more = _corpus(tmp_path / "more.jsonl", 3)
    result = runner.invoke(app, ["ingest", str(more), "--store", str(store), "--model", "no_such_pipeline"])
    assert result.exit_code != 0 and store.exists() and _keys(store) == before


@pytest.mark.skipif(not XKX_ADM2.exists(), reason=f"{XKX_ADM2} is absent (the read-only ../shared folder)")
@pytest.mark.parametrize("ingested_with_layer", [True, False])
def test_map_from_a_store_reads_the_runs_boundaries_as_a_run_does(data_dir, tmp_path, ingested_with_layer):
    """`geo --boundaries F map --store S` counts incidents per municipality under the names a
    run from the articles uses ("Leposavić", not "Municipality of Leposaviq"), at F's level."""
    from typer.testing import CliRunner

    from geo.cli import app

    runner = CliRunner()
    layer = ["--boundaries", str(XKX_ADM2)]
    store = tmp_path / "s.gpkg"
    ingested = layer if ingested_with_layer else []
    ingest = runner.invoke(app, [*ingested, "ingest", str(SAMPLES), "--store", str(store)])
    assert ingest.exit_code == 0, ingest.output

    def adm2(*source):
        out = tmp_path / "out.geojson"
        result = runner.invoke(app, [*layer, "export", *source, "-o", str(out)])
        assert result.exit_code == 0, result.output
        return sorted((f["properties"]["incident_id"], f["properties"]["adm2"])
                      for f in json.loads(out.read_text())["features"])

    direct = adm2(str(SAMPLES))
    assert any(name == "Leposavić" for _, name in direct)
    assert adm2("--store", str(store)) == direct
    html = tmp_path / "m.html"
    assert runner.invoke(app, [*layer, "map", "--store", str(store), "-o", str(html)]).exit_code == 0
    page = html.read_text()
    assert "Incidents per district or municipality (ADM2)" in page
    assert "Municipality of" not in page


# -- stores that cannot be written to: damaged, not geo's, missing a table, read-only, a full disk --

@contextmanager
def _mounted(target: Path, *options: str):
    """``target`` mounted for the test: a tmpfs (``size=...``), or with "bind" the file itself
    read-only. Root writes any file whatever its mode, so a read-only store or a full disk
    needs a mount: without the right to mount, the test is skipped."""
    if "bind" in options:
        steps = [["mount", "--bind", str(target), str(target)], ["mount", "-o", "remount,bind,ro", str(target)]]
    else:
        steps = [["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(target)]]
    done = 0
    try:
        for step in steps:
            proc = subprocess.run(step, capture_output=True, text=True)
            if proc.returncode:
                pytest.skip(f"cannot mount here ({proc.stderr.strip()[:80]})")
            done += 1
        yield target
    finally:
        if done:  # lazily: a file still open there (a failed test's) must not keep the mount
            subprocess.run(["umount", "--lazy", str(target)], capture_output=True)


def _filled_store(path: Path, n: int = 2000) -> Path:
    with Store(path) as st:
        st.add([Article(f"a{i:05d}", "Police in Belgrade said.", title="T" * 300) for i in range(n)],
               LayerRows("mentions", []))
    return path


def test_a_damaged_store_is_refused_when_opened_for_writing(tmp_path):
    """Bytes overwritten in its data pages (quick_check fails): nothing is added to it, and
    the one line says how to recover."""
    path = _filled_store(tmp_path / "s.gpkg")
    data = bytearray(path.read_bytes())
    for page in range(20, 40, 3):
        data[page * 4096:page * 4096 + 12] = b"\xa5" * 12
    path.write_bytes(bytes(data))
    with pytest.raises(DataError) as caught:
        Store(path)
    said = str(caught.value)
    assert said.startswith(f"{path}: the store is damaged (") and "\n" not in said
    assert said.endswith(f"move it aside and ingest the articles again into a new store, or salvage its rows with "
                         f"'sqlite3 {path} .recover | sqlite3 NEW.gpkg'")
    assert path.read_bytes() == bytes(data)


def test_an_sqlite_file_that_is_no_store_gets_no_layers(tmp_path):
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.commit()
    db.close()
    before = path.read_bytes()
    for create in (True, False):
        with pytest.raises(InputError, match=r"other.sqlite: an SQLite database, but not a geo store "
                                             r"\(its tables: notes\); give another path"):
            Store(path, create=create)
    assert path.read_bytes() == before


@pytest.mark.parametrize("table", ["articles", "mentions", "gpkg_contents", "incidents"])
def test_a_store_missing_one_of_its_tables_is_refused(tmp_path, table):
    path = _filled_store(tmp_path / "s.gpkg", 3)
    db = sqlite3.connect(path)
    db.execute(f"DROP TABLE {table}")
    db.commit()
    db.close()
    for create in (True, False):
        with pytest.raises(DataError, match=f"s.gpkg: a geo store without its {table} table; move it aside"):
            Store(path, create=create)


def test_a_store_an_older_geo_made_still_gains_the_incidents_layer(tmp_path):
    path = _filled_store(tmp_path / "old.gpkg", 3)
    db = sqlite3.connect(path)
    for sql in ("DROP TABLE incidents", "DROP TABLE geo_store",
                "DELETE FROM gpkg_contents WHERE table_name='incidents'",
                "DELETE FROM gpkg_geometry_columns WHERE table_name='incidents'"):
        db.execute(sql)
    db.commit()
    db.close()
    with Store(path, create=False) as st:
        assert st.missing_incidents() == 3 and st.stats()["incidents"] == 0
    with Store(path) as st:
        assert st.missing_incidents() == 3 and st.incidents().empty


def test_a_read_only_store_is_refused_before_anything_is_geocoded(data_dir, tmp_path):
    from typer.testing import CliRunner

    from geo.cli import app
    from geo.errors import OutputError

    path = _filled_store(tmp_path / "s.gpkg", 3)
    with _mounted(path, "bind", "ro"):
        # The pipeline named cannot even be loaded: the store is checked first.
        result = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--store", str(path), "--model", "no_such_pipeline"])
    assert isinstance(result.exception, OutputError), result.exception
    assert str(result.exception) == (f"{path}: cannot write to the store (attempt to write a readonly database); "
                                     "every batch committed before is kept, and a rerun adds the rest")


@pytest.fixture(scope="module")
def fast_pipeline(data_dir):
    from geo.pipeline import Pipeline

    return Pipeline(data_dir=data_dir, fast=True)


def test_a_full_disk_during_ingest_keeps_the_batches_committed(fast_pipeline, data_dir, tmp_path):
    """SQLite rolls a batch back itself when the disk fills ("cannot rollback" followed):
    one line, and the store holds the batches committed before it, whole."""
    from geo.errors import OutputError
    from geo.ingest import ingest
    from geo.pipeline import PipelineSpec

    text = " ".join(SENTENCES[i] for i in (0, 2, 4)).format(day="Monday")  # towns: 140 kB a batch
    docs = [Article(f"a{i:04d}", text, title="T" * 200) for i in range(100)]
    folder = tmp_path / "small"
    folder.mkdir()
    with _mounted(folder, "size=400k"):
        store = folder / "s.gpkg"
        with pytest.raises(OutputError) as caught:
            ingest(docs, store, PipelineSpec(data_dir, fast=True), batch_size=25, pipeline=fast_pipeline)
        assert str(caught.value) == (f"{store}: cannot write to the store (database or disk is full); every batch "
                                     "committed before is kept, and a rerun adds the rest")
        db = sqlite3.connect(store)
        assert db.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        db.close()
        assert 0 < stored < len(docs) and stored % 25 == 0


def test_two_writers_at_once_report_what_each_wrote(fast_pipeline, data_dir, tmp_path):
    """A second ingest of the same articles between two batches of the first (a store named
    through a symlink once escaped the lock): each reports the articles, places and
    incidents it wrote itself, and the lock is one, however the store is named."""
    from geo.ingest import StoreLock, ingest
    from geo.pipeline import PipelineSpec

    spec = PipelineSpec(data_dir, fast=True)
    docs = [Article(f"a{i:02d}", SENTENCES[i % len(SENTENCES)].format(day="Monday")) for i in range(12)]
    store, link = tmp_path / "s.gpkg", tmp_path / "link.gpkg"
    link.symlink_to(store)
    second = []

    def between(done: int, total: int) -> None:
        if not second:
            second.append(ingest(docs, link, spec, batch_size=4, pipeline=fast_pipeline, locked=True))

    first = ingest(docs, store, spec, batch_size=4, pipeline=fast_pipeline, locked=True, progress=between)
    with Store(store, create=False) as st:
        stats = st.stats()
    assert (first.added, second[0].added) == (4, 8)
    assert first.places + second[0].places == stats["mentions"] > 0
    assert first.incidents + second[0].incidents == stats["incidents"]
    assert StoreLock(link, "geo ingest").path == StoreLock(tmp_path / "." / "s.gpkg", "geo ingest").path


def test_a_stream_is_ingested_as_it_is_read(fast_pipeline, data_dir, tmp_path, monkeypatch):
    """Articles from a stream (geo.articles.iter_articles, as the CLI gives them) are looked up
    and geocoded a chunk at a time, not read whole first: memory does not grow with a feed."""
    from geo import ingest as ingest_module
    from geo.pipeline import PipelineSpec

    monkeypatch.setattr(ingest_module, "_READ_AHEAD", 5)
    spec = PipelineSpec(data_dir, fast=True)
    docs = [Article(f"a{i:02d}", SENTENCES[i % len(SENTENCES)].format(day="Monday")) for i in range(12)]
    store = tmp_path / "s.gpkg"
    ingest_module.ingest(docs[3:6], store, spec, pipeline=fast_pipeline)
    read, seen = [], []

    def stream():
        for doc in docs:
            read.append(doc.id)
            yield doc

    report = ingest_module.ingest(stream(), store, spec, batch_size=2, pipeline=fast_pipeline,
                                  progress=lambda done, total: seen.append((done, total, len(read))))
    assert (report.added, report.already, report.stored_articles) == (9, 3, 12)
    # (stored so far, of how many, read so far) after each batch: chunks of 5, less what was stored
    assert seen == [(2, None, 5), (3, None, 5), (5, None, 10), (7, None, 10), (9, None, 12)]
