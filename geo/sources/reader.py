"""From URLs and saved files to articles: a page is one article, a feed is its entries'
pages. Hosts are fetched in parallel, one request at a time each.

An article's id is its canonical URL, so a story in two feeds, or linked with tracking
parameters, is one article. With ``stored`` (what a store holds: id -> when it was taken),
a feed's entries already stored are not fetched again, unless the feed says the entry was
updated since.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from geo.articles import Article, ReadOptions, check_length, problem, text_id
from geo.errors import InputError
from geo.sources.cache import CACHE_NAME, HttpCache
from geo.sources.feeds import Entry, Feed, looks_like_feed, parse_feed
from geo.sources.fetch import Fetcher, FetchOptions, Response
from geo.sources.pages import Page, guess_language, read_page
from geo.sources.urls import clean_url, host_of, is_http

log = logging.getLogger("geo")

# id -> Unix time the store took it
Stored = Callable[[Sequence[str]], dict[str, float]]
LANGUAGES = ("en",)  # what the pipeline reads; a page in another is skipped with a warning
HOST_THREADS = 16  # hosts fetched at once


class WebReader:
    """Reads web sources for ``geo.articles.read_articles``: URLs of pages and feeds, saved
    ``.html`` pages and ``.xml`` feeds. The HTTP cache lives in ``data_dir`` (in memory
    when None)."""

    def __init__(self, data_dir: Path | None, options: FetchOptions | None = None, *,
                 stored: Stored | None = None, stop: threading.Event | None = None) -> None:
        self.data_dir = data_dir
        self.options = options or FetchOptions()
        self.stored = stored
        self.stop = stop or threading.Event()
        self._fetcher: Fetcher | None = None
        self._lock = threading.Lock()
        self._feeds: dict[str, tuple[int, Feed]] = {}  # url -> (hash of the body, its parse)
        # Stories passed over (another language): id -> when. Not read again while the
        # reader lives (a watch), unless their feed says they were updated since.
        self._passed: dict[str, float] = {}

    @property
    def fetcher(self) -> Fetcher:
        with self._lock:
            if self._fetcher is None:  # the cache file is made only when something is fetched
                cache = HttpCache(self.data_dir / CACHE_NAME if self.data_dir else None)
                self._fetcher = Fetcher(cache, self.options, self.stop)
            return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher.cache.close()
            self._fetcher = None

    # -- the read ---------------------------------------------------------------------------
    def read_all(self, sources: Sequence[tuple[str, str]], options: ReadOptions) -> dict[str, list[Article]]:
        """Each source's articles: ``(kind, source)`` with kind "url", "html" or "feed"."""
        out: dict[str, list[Article]] = {source: [] for _, source in sources}
        for batch in self._read(sources, options, batch_size=256):
            for source, article in batch:
                out[source].append(article)
        return out

    def read_batches(self, sources: Sequence[tuple[str, str]], options: ReadOptions,
                     batch_size: int = 64) -> Iterator[list[Article]]:
        """The sources' articles a batch at a time, as their pages arrive, each story once:
        a caller can store each batch before the next is fetched."""
        seen: set[str] = set()
        for batch in self._read(sources, options, batch_size):
            fresh = [a for _, a in batch if a.id not in seen]
            seen.update(a.id for a in fresh)
            yield fresh

    def _read(self, sources: Sequence[tuple[str, str]], options: ReadOptions,
              batch_size: int) -> Iterator[list[tuple[str, Article]]]:
        """(source, article) pairs in batches: the pages given, then the feeds' entries."""
        fetched = self.fetch_all(s for kind, s in sources if kind == "url")
        feeds: dict[str, Feed] = {}
        pages: list[tuple[str, Article]] = []
        for kind, source in sources:
            try:
                opened = self._open(kind, source, fetched.get(source))
            except InputError as exc:
                problem(exc, options)
                continue
            if isinstance(opened, Feed):
                feeds[source] = opened
            else:
                pages += [(source, a) for a in self._take(*opened, options)]
        for i in range(0, len(pages), batch_size):
            yield pages[i:i + batch_size]
        wanted = self._entries_to_read([(s, e) for s, feed in feeds.items() for e in feed.entries])
        for i in range(0, len(wanted), batch_size):
            chunk = wanted[i:i + batch_size]
            responses = self.fetch_all(e.link for _, e in chunk if e.link)
            batch = []
            for source, entry in chunk:
                try:
                    article, language = self._entry_article(entry, source, responses.get(entry.link))
                except InputError as exc:
                    problem(exc, options)
                    continue
                batch += [(source, a) for a in self._take(article, language or feeds[source].language, options)]
            yield batch

    def _open(self, kind: str, source: str, response: Response | InputError | None) -> Feed | tuple[Article, str]:
        """One source: its Feed, or its page's (article, language)."""
        if isinstance(response, InputError):
            raise response
        if kind == "url":
            if looks_like_feed(response.body):
                return self._feed(response.final_url, response.body, response.content_type)
            page = read_page(response.body, response.final_url, response.content_type)
            return _page_article(page, source, response.fetched), page.language
        path = Path(source)
        try:
            body = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: {(exc.strerror or str(exc)).lower()}") from None
        if kind == "feed":
            return parse_feed(body, source)
        page = read_page(body, path.resolve().as_uri())
        article = _page_article(page, source, path.stat().st_mtime)
        if not article.url:  # no canonical URL: a saved page is named by its file, as a .txt is
            article = dataclasses.replace(article, id=path.stem)
        return article, page.language

    def _feed(self, url: str, body: bytes, content_type: str) -> Feed:
        """The feed parsed, or the last parse of the same body (an unchanged feed is not parsed again)."""
        key = hash(body)
        if url in self._feeds and self._feeds[url][0] == key:
            return self._feeds[url][1]
        feed = parse_feed(body, url, content_type)
        self._feeds[url] = (key, feed)
        return feed

    def _entries_to_read(self, entries: list[tuple[str, Entry]]) -> list[tuple[str, Entry]]:
        """The entries whose story is not yet stored, or was updated since: each story once."""
        links = [clean_url(e.link) for _, e in entries if e.link]
        known = self.fetcher.cache.canonical(links) if links else {}
        ids = [known.get(clean_url(e.link), clean_url(e.link)) if e.link else text_id(e.text) for _, e in entries]
        stored = self.stored(list(dict.fromkeys(ids))) if self.stored and ids else {}
        wanted, seen = [], set()
        for (source, entry), article_id in zip(entries, ids, strict=True):
            if article_id in seen:
                continue
            seen.add(article_id)
            taken = stored.get(article_id, self._passed.get(article_id))
            if taken is not None and not (entry.updated and entry.updated > taken):
                continue
            wanted.append((source, entry))
        return wanted

    def _entry_article(self, entry: Entry, source: str,
                       response: Response | InputError | None) -> tuple[Article, str]:
        """An entry's article and the language its page declares ("" when none)."""
        if not entry.link:  # an entry without a page: its own text is the article
            if not entry.text.strip():
                raise InputError(f"{source}: an entry without link or text ({entry.title[:60]!r})")
            date, precision = (entry.date, "") if entry.date else (dt.datetime.now(dt.UTC).date(), "fetched")
            return Article(text_id(entry.text), entry.text, date, entry.title, "", source, precision), ""
        if isinstance(response, InputError):
            raise response
        page = read_page(response.body, response.final_url, response.content_type)
        self.fetcher.cache.set_canonical(clean_url(entry.link), page.url)
        return _page_article(page, entry.link, response.fetched, entry), page.language

    def _take(self, article: Article, language: str, options: ReadOptions) -> list[Article]:
        """The article, if in a language the pipeline reads (else a warning, counted) and
        not too long. ``language`` is what the page or feed declares, else the words decide."""
        language = language or guess_language(article.text)
        if language and language not in LANGUAGES:
            log.warning("%s: in %s, not English; skipped (geo reads English only for now)", article.source,
                        "another language" if language == "other" else f"language {language!r}")
            if options.counts is not None:
                options.counts.skipped += 1
            self._passed[article.id] = time.time()
            return []
        try:
            return [check_length(article, article.source, options)]
        except InputError as exc:
            problem(exc, options)
            return []

    # -- fetching, hosts in parallel ------------------------------------------------------
    def fetch_all(self, urls: Iterable[str]) -> dict[str, Response | InputError]:
        """Each URL's response, or the InputError saying why there is none."""
        by_host: dict[str, list[str]] = {}
        for url in dict.fromkeys(urls):
            by_host.setdefault(host_of(url), []).append(url)
        out: dict[str, Response | InputError] = {}
        fetcher = self.fetcher

        def one_host(urls: list[str]) -> None:
            for url in urls:
                try:
                    out[url] = fetcher.get(url)
                except InputError as exc:
                    out[url] = exc

        if len(by_host) <= 1:
            for urls in by_host.values():
                one_host(urls)
            return out
        with ThreadPoolExecutor(max_workers=min(HOST_THREADS, len(by_host))) as pool:
            for done in [pool.submit(one_host, urls) for urls in by_host.values()]:
                done.result()  # a Stopped, or a bug, is raised here
        return out


def _page_article(page: Page, source: str, fetched: float, entry: Entry | None = None) -> Article:
    """An article from a page and, when it came through a feed, the feed's entry: the
    entry's date and title first, then the page's; no date at all is the fetch time."""
    date = (entry.date if entry else None) or page.date
    precision = ""
    if date is None:
        date, precision = dt.datetime.fromtimestamp(fetched, dt.UTC).date(), "fetched"
    title = (entry.title if entry else "") or page.title
    return Article(page.url, page.text, date, title, page.url if is_http(page.url) else "", source, precision)
