"""A ``geo watch`` cycle over 20 feeds of 50 entries each, with no new entries.

Each feed is served from its own loopback address (127.0.0.1 to 127.0.0.20), so the
per-host politeness applies as it would to 20 sites. The store already holds every entry's
story. The first cycle reads each site's robots.txt and each feed (200); after the default
one-second host delay, the measured cycle asks each feed conditionally and gets a 304.
Target: under 2 s.

    .venv/bin/python benchmarks/feed_cycle.py [--feeds 20] [--entries 50] [--cycles 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.news_pages import FeedItem, rss  # noqa: E402
from tests.news_server import NewsServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--cycles", type=int, default=3, help="no-change cycles measured (the median is printed)")
    args = parser.parse_args()

    from geo import config
    from geo.articles import Article
    from geo.pipeline import Pipeline, PipelineSpec
    from geo.sources import FetchOptions
    from geo.store import MentionRows, Store
    from geo.watch import Outputs, StoreMap, Watch

    work = Path(tempfile.mkdtemp(prefix="geo-feed-cycle-"))
    data = work / "data"
    data.mkdir()
    for item in config.data_dir().iterdir():  # the gazetteer, with a web cache of this run's own
        if not item.name.startswith("web-cache"):
            (data / item.name).symlink_to(item)
    store = work / "feeds.gpkg"
    with ExitStack() as stack:
        servers = [stack.enter_context(NewsServer(f"127.0.0.{i + 1}")) for i in range(args.feeds)]
        feeds, stored = [], []
        for server in servers:
            when = dt.datetime(2023, 6, 1, tzinfo=dt.UTC)
            items = [FeedItem(f"{server.url}/news/{n}", f"Story {n} from {server.url}", when + dt.timedelta(hours=n),
                              summary="Police in Zvečan said the road was blocked.") for n in range(args.entries)]
            server.page("/feed.xml", rss("Site", server.url, items), "application/rss+xml")
            feeds.append(f"{server.url}/feed.xml")
            stored += [Article(item.link, "Police in Zvečan said.", when.date(), item.title, item.link, item.link)
                       for item in items]
        with Store(store) as st:  # the stories are stored already: nothing new to fetch
            st.add(stored, MentionRows([]))
        spec = PipelineSpec(data, fast=True)
        pipeline = Pipeline(spec)
        watch = Watch(feeds, store, Outputs(work / "map.html", tiles=None, self_contained=False), spec,
                      fetch=FetchOptions(), report=lambda c: None)
        store_map = StoreMap(store, watch.outputs, pipeline)

        start = time.perf_counter()
        first = watch.cycle(feeds, pipeline, store_map)
        cold = time.perf_counter() - start
        sent = watch.reader.fetcher.requests
        times = []
        for _ in range(args.cycles):
            time.sleep(FetchOptions().delay)  # what --every leaves between two cycles, at least
            start = time.perf_counter()
            cycle = watch.cycle(feeds, pipeline, store_map)
            times.append(time.perf_counter() - start)
            assert cycle.articles == 0 and cycle.failed == 0, cycle
        hits = sum(len(s.requests) for s in servers)
        answered_304 = sum(1 for s in servers for r in s.requests if "if-none-match" in r.headers)
        watch.reader.close()
    print(f"{args.feeds} feeds x {args.entries} entries, {len(stored)} stories stored, host delay "
          f"{FetchOptions().delay:g} s")
    print(f"first cycle (robots.txt and feeds, 200s): {cold:.2f} s, {sent} requests, {first.articles} new articles")
    times.sort()
    print(f"no-change cycle: {times[len(times) // 2]:.2f} s median of {len(times)} "
          f"(min {times[0]:.2f}, max {times[-1]:.2f}); {answered_304} conditional requests over those cycles, "
          f"{hits} requests in all; target under 2 s")


if __name__ == "__main__":
    main()
