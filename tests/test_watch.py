"""Following news into the store and the map: stories edited at their URL replace the stored
ones, the CLI reads URLs, ``geo watch`` cycles (new entries between polls, unchanged feeds,
folders), one writer per store, SIGTERM, and SIGKILL in the middle of a cycle."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geo.articles import Article
from geo.cli import app
from geo.errors import InputError
from geo.ingest import StoreLock, ingest
from geo.pipeline import Pipeline, PipelineSpec
from geo.sources import FetchOptions
from geo.store import Store
from geo.watch import Outputs, Watch, parse_every
from tests.news_pages import SERBIAN, FeedItem, atom, day, minimal, rss, stories, wire
from tests.news_server import NewsServer

STORIES = stories()
ROOT = Path(__file__).resolve().parent.parent
FAST_FETCH = FetchOptions(delay=0.01, backoff=0.05, timeout=5)


@pytest.fixture
def web_data(data_dir, tmp_path) -> Path:
    """A data directory of its own (its web cache starts empty) with the test gazetteer."""
    own = tmp_path / "data"
    own.mkdir()
    for item in data_dir.iterdir():
        if item.name != "web-cache.sqlite" and not item.name.startswith("web-cache"):
            (own / item.name).symlink_to(item)
    return own


@pytest.fixture(scope="module")
def fast_pipeline(data_dir):
    return Pipeline(data_dir=data_dir, fast=True)


def _serve(server: NewsServer, chosen, template=wire) -> list[FeedItem]:
    items = []
    for s in chosen:
        server.page(f"/news/{s.slug}", template(s, f"{server.url}/news/{s.slug}"))
        items.append(FeedItem(f"{server.url}/news/{s.slug}?utm_source=rss", s.title, day(s)))
    return items


def _ids(store: Path) -> list[str]:
    with Store(store, create=False) as st:
        return sorted(st.articles()["id"])


def test_parse_every():
    assert [parse_every(x) for x in ("90", "30s", "15m", "1h", "1d", "0.5m")] == [90, 30, 900, 3600, 86400, 30]
    with pytest.raises(InputError, match="--every 'soon'"):
        parse_every("soon")


def test_a_story_edited_at_its_url_replaces_the_stored_one(fast_pipeline, data_dir, tmp_path):
    store = tmp_path / "s.gpkg"
    spec = PipelineSpec(data_dir, fast=True)
    url = "https://balkanwire.example/news/x"
    first = Article(url, "Police in Zvečan used tear gas on Monday.", dt.date(2023, 6, 5), "T", url, url)
    edited = Article(url, "Police in Leposavić and Raška used tear gas on Monday.", dt.date(2023, 6, 5), "T", url, url)
    note = Article("note", "Protesters gathered in Belgrade.", dt.date(2023, 6, 5), source="note.txt")
    report = ingest([first, note], store, spec, pipeline=fast_pipeline)
    assert (report.added, report.replaced) == (2, 0)
    again = ingest([first, Article("note", "Protesters gathered in Niš.", source="note.txt")], store, spec,
                   pipeline=fast_pipeline)
    assert (again.added, again.replaced, again.already) == (0, 0, 2)  # a file keeps its first version
    report = ingest([edited], store, spec, pipeline=fast_pipeline)
    assert (report.added, report.replaced) == (0, 1)
    with Store(store, create=False) as st:
        names = sorted(st.mentions().query("article_id == @url")["name"])
        assert names == ["Leposavić", "Raška"] and len(st.articles()) == 2
        assert st.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_cli_reads_urls_feeds_and_url_lists(web_data, tmp_path):
    runner = CliRunner()
    with NewsServer() as server:
        items = _serve(server, STORIES[:3])
        server.page("/feed.xml", rss("Balkan Wire", server.url, items), "application/rss+xml")
        listed = tmp_path / "urls.txt"
        listed.write_text(f"# one page\n{server.url}/news/{STORIES[3].slug}\n")
        _serve(server, STORIES[3:4])
        common = ["--fetch-delay", "0", "geocode", "--fast", "--data-dir", str(web_data), "--json"]
        result = runner.invoke(app, [*common, f"{server.url}/feed.xml", "--urls", str(listed)])
        assert result.exit_code == 0, result.output
        found = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
        assert found == {f"{server.url}/news/{s.slug}" for s in STORIES[:4]}
        # The global --on-error applies to URLs as to files.
        result = runner.invoke(app, [*common, f"{server.url}/missing"])
        assert isinstance(result.exception, InputError) and str(result.exception) == f"{server.url}/missing: HTTP 404"
        result = runner.invoke(app, ["--on-error", "skip", *common, f"{server.url}/missing", f"{server.url}/feed.xml"])
        assert result.exit_code == 0
        store = tmp_path / "s.gpkg"
        ingest_args = ["--fetch-delay", "0", "ingest", "--fast", "--data-dir", str(web_data), "--store", str(store)]
        assert runner.invoke(app, [*ingest_args, f"{server.url}/feed.xml"]).exit_code == 0
        before = len(server.requests)
        again = runner.invoke(app, [*ingest_args, f"{server.url}/feed.xml"])
        assert again.exit_code == 0 and "added 0 articles" in again.output
        assert [r.path for r in server.requests[before:]] == ["/feed.xml"]  # a 304, and no page asked for
        out = tmp_path / "m.html"
        mapped = runner.invoke(app, ["--fetch-delay", "0", "map", "--fast", "--data-dir", str(web_data),
                                     f"{server.url}/feed.xml", "-o", str(out), "--cdn"])
        assert mapped.exit_code == 0 and out.stat().st_size > 0
    assert _ids(store) == sorted(f"{server.url}/news/{s.slug}" for s in STORIES[:3])


def test_watch_cycles_new_entries_unchanged_feeds_edits_and_folders(fast_pipeline, web_data, tmp_path):
    """Entries added between polls are stored by the next cycle and reach the map; an
    unchanged feed costs a 304 and rewrites nothing; an entry updated since is stored anew;
    a file dropped in a watched folder is read; a page in another language is skipped."""
    store, html, geojson = tmp_path / "s.gpkg", tmp_path / "m.html", tmp_path / "m.geojson"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lines = []
    with NewsServer() as server, NewsServer("127.0.0.2") as other:
        rss_items = _serve(server, STORIES[:3])
        server.page("/feed.xml", rss("Balkan Wire", server.url, rss_items), "application/rss+xml")
        atom_items = _serve(other, STORIES[3:5], minimal)
        other.page("/sr", SERBIAN)
        other.page("/atom.xml", atom("Portal", other.url, [*atom_items, FeedItem(f"{other.url}/sr", "Barikade")]),
                   "application/atom+xml")
        watch = Watch([f"{server.url}/feed.xml", f"{other.url}/atom.xml", str(inbox)], store,
                      Outputs(html, geojson, tiles=None, self_contained=False), PipelineSpec(web_data, fast=True),
                      every=3600, fetch=FAST_FETCH, batch_size=2, report=lines.append)
        pipeline = fast_pipeline
        from geo.watch import StoreMap

        store_map = StoreMap(store, watch.outputs, pipeline)

        first = watch.cycle([f"{server.url}/feed.xml", f"{other.url}/atom.xml", inbox], pipeline, store_map)
        assert (first.articles, first.skipped, first.failed) == (5, 1, 0) and first.incidents > 0
        assert _ids(store) == sorted(i.link.split("?")[0] for i in [*rss_items, *atom_items])
        incidents = json.loads(geojson.read_text())["features"]
        assert html.exists() and len({f["properties"]["incident_id"] for f in incidents}) == first.incidents

        # New entries between polls: only they are fetched, and they reach the map.
        more = _serve(server, STORIES[5:7])
        server.page("/feed.xml", rss("Balkan Wire", server.url, [*more, *rss_items]), "application/rss+xml")
        seen = len(server.requests)
        second = watch.cycle([f"{server.url}/feed.xml", f"{other.url}/atom.xml"], pipeline, store_map)
        assert second.articles == 2 and second.updated == 0
        assert sorted(r.path.split("?")[0] for r in server.requests[seen:]) == \
            sorted(["/feed.xml", *(f"/news/{s.slug}" for s in STORIES[5:7])])
        assert len(_ids(store)) == 7
        assert len(json.loads(geojson.read_text())["features"]) > len(incidents)

        # Nothing new: conditional requests only, and the outputs are left alone.
        stamp = html.stat().st_mtime_ns
        seen, seen_other = len(server.requests), len(other.requests)
        third = watch.cycle([f"{server.url}/feed.xml", f"{other.url}/atom.xml"], pipeline, store_map)
        assert (third.articles, third.incidents, third.failed) == (0, 0, 0)
        assert [(r.path, "if-none-match" in r.headers) for r in server.requests[seen:]] == [("/feed.xml", True)]
        assert [r.path for r in other.requests[seen_other:]] == ["/atom.xml"]
        assert html.stat().st_mtime_ns == stamp

        # An entry updated since it was stored: read again, and its new text replaces the old.
        edited = STORIES[3]
        longer = type(edited)(edited.slug, edited.title, edited.date,
                              (*edited.paragraphs, "Police later said a second protest took place in Prizren."))
        other.page(f"/news/{edited.slug}", minimal(longer, f"{other.url}/news/{edited.slug}"))
        later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
        other.page("/atom.xml", atom("Portal", other.url, [
            FeedItem(atom_items[0].link, edited.title, day(edited), updated=later), *atom_items[1:]]),
            "application/atom+xml")
        fourth = watch.cycle([f"{other.url}/atom.xml"], pipeline, store_map)
        assert (fourth.articles, fourth.updated) == (0, 1)
        with Store(store, create=False) as st:
            mentions = st.mentions()
            assert "Prizren" in set(mentions[mentions["article_id"] == atom_items[0].link.split("?")[0]]["text"])
            assert len(st.articles()) == 7

    # A file dropped into a watched folder is read by the next cycle (watchfiles).
    stop = threading.Event()
    watch = Watch([str(inbox)], store, Outputs(html, geojson, tiles=None, self_contained=False),
                  PipelineSpec(web_data, fast=True), every=3600, stop=stop, report=lines.append)
    runner = threading.Thread(target=watch.run, kwargs={"cycles": 2})
    runner.start()
    deadline = time.monotonic() + 60
    while watch.cycles < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    report = "date 2023-07-20\n\nProtesters blocked the road near Zubin Potok on Thursday.\n"
    while watch.cycles < 2 and time.monotonic() < deadline:  # written again, in case watchfiles was not yet watching
        (inbox / "report.txt").write_text(report)
        runner.join(timeout=3)
    runner.join(timeout=30)
    stop.set()
    assert not runner.is_alive() and watch.cycles == 2
    assert "report" in _ids(store)
    assert lines[-1].line().split(": ", 1)[1].startswith("1 new articles")


def test_one_writer_per_store(fast_pipeline, data_dir, tmp_path):
    store = tmp_path / "s.gpkg"
    spec = PipelineSpec(data_dir, fast=True)
    doc = [Article("a", "Police in Zvečan said.", dt.date(2023, 6, 5))]
    with StoreLock(store, "geo watch"), pytest.raises(InputError, match=r"s.gpkg: geo watch \(pid \d+\) is writing"):
        ingest(doc, store, spec, pipeline=fast_pipeline)
    said = []
    holder = StoreLock(store, "geo ingest").__enter__()
    releaser = threading.Timer(0.5, holder.__exit__, args=(None, None, None))
    releaser.start()
    start = time.monotonic()
    report = ingest(doc, store, spec, pipeline=fast_pipeline, on_wait=said.append)
    assert time.monotonic() - start >= 0.45 and report.added == 1
    assert said == [f"{store}: waiting for geo ingest (pid {os.getpid()}) to finish writing to it"]


def _geo(*args, data: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "geo.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={"GEO_DATA_DIR": str(data), "PATH": "/usr/bin:/bin",
                                            "PYTHONPATH": str(ROOT)}, **kw)


def _committed(store: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_sigkill_mid_cycle_loses_nothing_committed_and_sigterm_stops_cleanly(web_data, tmp_path):
    """A watch killed with SIGKILL while it stores a feed's pages keeps every committed batch
    (and the lock dies with it); the next run stores the rest and catches the map up. A
    SIGTERM ends a watch at once, exit status 0, the store whole."""
    store, html = tmp_path / "s.gpkg", tmp_path / "m.html"
    with NewsServer() as server:
        items = []
        for n in range(30):  # 30 pages, each a little slow to come
            story = STORIES[n % len(STORIES)]
            slug = f"{story.slug}-{n}"
            body = wire(story, f"{server.url}/news/{slug}").encode()
            server.slow(f"/news/{slug}", body, pause=0.002)
            items.append(FeedItem(f"{server.url}/news/{slug}", story.title, day(story)))
        server.page("/feed.xml", rss("Balkan Wire", server.url, items), "application/rss+xml")
        args = ["--fetch-delay", "0.05", "watch", f"{server.url}/feed.xml", "--store", str(store), "--map", str(html),
                "--fast", "--cdn", "--tiles", "none", "--batch-size", "3"]
        proc = _geo(*args, data=web_data)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None and _committed(store) < 6:
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        db = sqlite3.connect(store)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        stored = dict(db.execute("SELECT id, mentions FROM articles"))
        actual = dict(db.execute("SELECT article_id, count(*) FROM mentions GROUP BY article_id"))
        db.close()
        assert 6 <= kept < 30 and all(actual.get(i, 0) == n for i, n in stored.items())

        # The next run (the lock is free: the kernel dropped it) stores the rest, and only the rest.
        rerun = _geo(*args, "--once", data=web_data)
        out, err = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, err
        assert f"cycle 1: {30 - kept} new articles" in out
        assert _committed(store) == 30 and html.exists()

        # SIGTERM: a clean stop between two polls.
        proc = _geo(*args, "--every", "1s", data=web_data)
        first_line = proc.stdout.readline()  # the first cycle's line, once it is done
        assert "cycle 1: 0 new articles" in first_line, proc.stderr.read()
        lock = store.with_name("s.gpkg.lock")
        assert lock.read_text().startswith("geo watch (pid")
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "geo: watched" in err
    assert _committed(store) == 30 and not lock.exists()
