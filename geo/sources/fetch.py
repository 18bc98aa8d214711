"""Polite, bounded HTTP: a real user agent, robots.txt obeyed, one request at a time per
host with a delay between two, conditional requests against the on-disk cache, retries
with backoff on 429 and 5xx, redirects only to http(s), and every body capped in time and
size, compressed ones as they inflate.

Every failure is an ``InputError`` whose message starts with the URL, so callers report it
as the one line it is.
"""

from __future__ import annotations

import dataclasses
import email.utils
import logging
import os
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin

from geo import __version__
from geo.errors import GeoError, InputError
from geo.sources.cache import Cached, HttpCache
from geo.sources.urls import host_of, is_http, robots_url

log = logging.getLogger("geo")

DEFAULT_USER_AGENT = f"geo/{__version__} (news geoparser; obeys robots.txt)"
ROBOTS_FRESH = 86400.0  # robots.txt is asked for again after a day (RFC 9309 allows caching it that long)
ROBOTS_RETRY = 600.0  # a robots.txt that could not be read is asked for again after ten minutes
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay above this is not honoured in full
_RETRIED = {429, 500, 502, 503, 504}
_CHUNK = 1 << 16


def default_user_agent() -> str:
    """``$GEO_USER_AGENT`` (set your own, with a contact, for heavy use), else geo's."""
    return os.environ.get("GEO_USER_AGENT") or DEFAULT_USER_AGENT


@dataclass(frozen=True)
class FetchOptions:
    delay: float = 1.0  # seconds between two requests to one host (robots.txt's Crawl-delay when longer)
    timeout: float = 30.0  # seconds for one whole request: connecting, headers and body
    max_bytes: int = 10_000_000  # one body, after decompression
    retries: int = 3  # further tries after a 429 or 5xx
    backoff: float = 1.0  # the first pause before a retry when the server names none; doubles each time
    max_wait: float = 120.0  # a Retry-After longer than this is not waited for
    max_redirects: int = 5
    user_agent: str = field(default_factory=default_user_agent)

    @property
    def robots_token(self) -> str:
        """The product token robots.txt groups are matched against (``geo``)."""
        return self.user_agent.split("/", 1)[0].split()[0]


@dataclass(frozen=True)
class Response:
    url: str  # as asked
    final_url: str  # after redirects
    body: bytes
    content_type: str
    fetched: float  # Unix time the body was fetched (a 304 confirms an earlier one)
    changed: bool  # False: the cache's copy, confirmed by a 304 or still fresh


class Stopped(GeoError):
    """The caller asked to stop (Ctrl-C, SIGTERM) while a request waited its turn."""


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0  # monotonic time of the next allowed request
    delay: float = 0.0
    robots: object | None = None  # protego.Protego once read; None before
    robots_until: float = 0.0  # monotonic time after which robots.txt is read again
    robots_lock: threading.Lock = field(default_factory=threading.Lock)
    robots_error: tuple[str, float] | None = None  # why robots.txt could not be read, and until when


class Fetcher:
    """GETs through the cache. Thread-safe: different hosts are fetched in parallel by the
    caller's threads, one host's requests wait their turn."""

    def __init__(self, cache: HttpCache, options: FetchOptions | None = None,
                 stop: threading.Event | None = None) -> None:
        self.cache = cache
        self.options = options or FetchOptions()
        self.stop = stop or threading.Event()
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._session = None
        self._session_lock = threading.Lock()
        self.requests = 0  # HTTP requests sent (robots.txt included)

    # -- the public call ------------------------------------------------------------------
    def get(self, url: str) -> Response:
        """The body at ``url``: from the cache while fresh, else asked for conditionally."""
        if not is_http(url):
            raise InputError(f"{url}: only http and https URLs are fetched")
        cached = self.cache.get(url)
        if cached is not None and cached.status == 200 and cached.fresh():
            return _from_cache(url, cached)
        current = url
        for _ in range(self.options.max_redirects + 1):
            self._check_robots(current)
            conditional = cached if cached is not None and cached.status == 200 and cached.final_url == current \
                else None
            status, headers, body = self._request(current, conditional)
            if status in (301, 302, 303, 307, 308):
                current = self._redirect(url, current, headers)
                continue
            now = time.time()
            if status == 304 and conditional is not None:
                # Still the body fetched then: its time stays (a story without a date keeps its day).
                confirmed = dataclasses.replace(conditional, etag=headers.get("etag") or conditional.etag,
                                                last_modified=headers.get("last-modified") or conditional.last_modified,
                                                fresh_until=now + _max_age(headers))
                self.cache.put(confirmed)
                return _from_cache(url, confirmed)
            if status != 200:
                raise InputError(f"{url}: HTTP {status}" + (f" at {current}" if current != url else ""))
            content_type = headers.get("content-type", "")
            if "no-store" not in headers.get("cache-control", "").lower():
                self.cache.put(Cached(url, current, 200, headers.get("etag"), headers.get("last-modified"),
                                      content_type, now, now + _max_age(headers), body))
            return Response(url, current, body, content_type, now, changed=True)
        raise InputError(f"{url}: more than {self.options.max_redirects} redirects")

    def _redirect(self, url: str, current: str, headers: dict[str, str]) -> str:
        location = headers.get("location")
        if not location:
            raise InputError(f"{url}: a redirect without a Location")
        target = urljoin(current, location.strip())
        if not is_http(target):
            raise InputError(f"{url}: redirected to {target.split(':', 1)[0]}:, not http(s); not followed")
        return target

    # -- robots.txt -----------------------------------------------------------------------
    def _check_robots(self, url: str) -> None:
        host = self._host(url)
        with host.robots_lock:  # read once per host, whatever the threads
            if host.robots is None or time.monotonic() > host.robots_until:
                if host.robots_error and time.monotonic() < host.robots_error[1]:
                    raise InputError(f"{url}: {host.robots_error[0]}")
                try:
                    host.robots = self._read_robots(url)
                except InputError as exc:
                    # Not asked again for a while: every page of the host would wait for it.
                    host.robots_error = (str(exc), time.monotonic() + ROBOTS_RETRY)
                    raise InputError(f"{url}: {exc}") from None
                host.robots_until = time.monotonic() + ROBOTS_FRESH
                delay = host.robots.crawl_delay(self.options.robots_token)
                host.delay = max(self.options.delay, min(float(delay or 0), MAX_CRAWL_DELAY))
        if not host.robots.can_fetch(url, self.options.robots_token):
            raise InputError(f"{url}: robots.txt of {host_of(url).rsplit(':', 1)[0]} disallows it")

    def _read_robots(self, url: str):
        """The host's rules: its robots.txt (cached a day), everything allowed when it has
        none (4xx), nothing allowed when it answers with a server error (RFC 9309)."""
        from protego import Protego

        where = robots_url(url)
        cached = self.cache.get(where)
        if cached is None or not cached.fresh():
            cached = self._fetch_robots(where)
        text = cached.body.decode("utf-8", errors="replace") if cached.status == 200 else ""
        return Protego.parse(text)

    def _fetch_robots(self, where: str) -> Cached:
        current = where
        for _ in range(self.options.max_redirects + 1):
            try:
                status, headers, body = self._request(current, None)
            except InputError as exc:  # the host cannot be reached: that is the page's error too
                raise InputError(str(exc).split(": ", 1)[-1]) from None
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                current = urljoin(current, headers["location"].strip())
                if not is_http(current):
                    break
                continue
            if status >= 500:
                raise InputError(f"its robots.txt answered HTTP {status}, so nothing on that host is fetched")
            now = time.time()
            robots = Cached(where, current, 200 if status == 200 else 404, None, None, "text/plain", now,
                            now + ROBOTS_FRESH, body if status == 200 else b"")
            self.cache.put(robots)
            return robots
        now = time.time()
        return Cached(where, current, 404, None, None, "", now, now + ROBOTS_FRESH, b"")

    # -- one host at a time ---------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        key = host_of(url)
        with self._hosts_lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(delay=self.options.delay)
            return self._hosts[key]

    @contextmanager
    def _turn(self, url: str) -> Iterator[_Host]:
        """Hold the host: wait until its delay since the last request has passed."""
        host = self._host(url)
        with host.lock:
            wait = host.next_at - time.monotonic()
            if wait > 0 and self.stop.wait(wait):
                raise Stopped("stopped")
            if self.stop.is_set():
                raise Stopped("stopped")
            try:
                yield host
            finally:
                host.next_at = max(host.next_at, time.monotonic() + host.delay)

    # -- requests with retries ------------------------------------------------------------
    def _request(self, url: str, conditional: Cached | None) -> tuple[int, dict[str, str], bytes]:
        """(status, lower-cased headers, body) of one GET, retried on 429 and 5xx."""
        headers = {"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip, deflate",
                   "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
                             "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"}
        if conditional is not None:
            if conditional.etag:
                headers["If-None-Match"] = conditional.etag
            if conditional.last_modified:
                headers["If-Modified-Since"] = conditional.last_modified
        opts = self.options
        for attempt in range(opts.retries + 1):
            with self._turn(url) as host:
                status, answer, body = self._exchange(url, headers)
                if status not in _RETRIED:
                    return status, answer, body
                if attempt == opts.retries:
                    break
                wait = _retry_after(answer.get("retry-after"))
                wait = opts.backoff * 2 ** attempt if wait is None else wait
                if wait > opts.max_wait:
                    raise InputError(f"{url}: HTTP {status}, and the server asks to wait {wait:.0f} s")
                log.info("%s: HTTP %d, trying again in %.1f s", url, status, wait)
                # The server asked the whole host to slow down: the pause is the host's.
                host.next_at = time.monotonic() + wait
        raise InputError(f"{url}: HTTP {status} after {opts.retries + 1} tries")

    def _exchange(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        import requests

        opts = self.options
        deadline = time.monotonic() + opts.timeout
        self.requests += 1
        try:
            response = self._requests_session().get(url, headers=headers, stream=True, allow_redirects=False,
                                                    timeout=(min(opts.timeout, 10.0), opts.timeout))
        except requests.Timeout:
            raise InputError(f"{url}: no answer within {opts.timeout:g} s") from None
        except requests.RequestException as exc:
            raise InputError(f"{url}: {_reason(exc)}") from None
        with response:
            answer = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code != 200:
                return response.status_code, answer, b""
            try:
                body = _read_body(response, url, opts.max_bytes, deadline, opts.timeout)
            except requests.RequestException as exc:
                raise InputError(f"{url}: {_reason(exc)}") from None
            except OSError as exc:  # a socket timeout while reading the body
                raise InputError(f"{url}: took longer than {opts.timeout:g} s ({exc})") from None
        return 200, answer, body

    def _requests_session(self):
        import requests

        with self._session_lock:
            if self._session is None:
                self._session = requests.Session()
                self._session.trust_env = False  # no proxies or .netrc from the environment: only the hosts asked
            return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()


def _from_cache(url: str, cached: Cached) -> Response:
    return Response(url, cached.final_url, cached.body, cached.content_type, cached.fetched, changed=False)


def _reason(exc: Exception) -> str:
    """The innermost cause of a requests error, in a few words."""
    while exc.__context__ is not None and str(exc.__context__):
        exc = exc.__context__
    text = str(exc).split("] ")[-1].strip() or type(exc).__name__
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "NameResolutionError" in text or "getaddrinfo" in text:
        return "host not found"
    return text.splitlines()[0][:160]


def _max_age(headers: dict[str, str]) -> float:
    """Seconds the response stays fresh (Cache-Control max-age, else Expires; 0: ask each time)."""
    control = headers.get("cache-control", "").lower()
    if "no-cache" in control or "no-store" in control:
        return 0.0
    for part in control.split(","):
        name, _, value = part.strip().partition("=")
        if name == "max-age" and value.strip().isdigit():
            return float(value)
    expires, date = headers.get("expires"), headers.get("date")
    if expires:
        try:
            end = email.utils.parsedate_to_datetime(expires).timestamp()
            start = email.utils.parsedate_to_datetime(date).timestamp() if date else time.time()
            return max(0.0, end - start)
        except (TypeError, ValueError):
            return 0.0
    return 0.0


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class _Inflater:
    """Content-Encoding undone chunk by chunk, never past ``limit`` bytes: a gzip bomb stops
    at the cap instead of filling memory."""

    def __init__(self, encoding: str, limit: int, url: str) -> None:
        self.url, self.limit, self.size = url, limit, 0
        self.encoding = encoding.strip().lower()
        if self.encoding in ("", "identity"):
            self.inflater = None
        elif self.encoding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS)
            self.first = True
        else:
            raise InputError(f"{url}: content encoding {encoding!r} not supported")

    def feed(self, chunk: bytes) -> bytes:
        room = self.limit - self.size
        if self.inflater is None:
            data = chunk
        else:
            try:
                data = self.inflater.decompress(chunk, room + 1)
            except zlib.error:
                if self.encoding == "deflate" and getattr(self, "first", False):
                    # "deflate" is zlib-wrapped by the standard, raw by some servers.
                    self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    self.first = False
                    return self.feed(chunk)
                raise InputError(f"{self.url}: damaged {self.encoding} body") from None
            self.first = False
        self.size += len(data)
        if self.size > self.limit:
            what = "inflates to" if self.inflater is not None else "is"
            raise InputError(f"{self.url}: {what} more than the {self.limit:,}-byte limit; not read")
        return data


def _read_body(response, url: str, limit: int, deadline: float, timeout: float) -> bytes:
    encoding = response.headers.get("Content-Encoding", "")
    length = response.headers.get("Content-Length", "")
    if not encoding and length.isdigit() and int(length) > limit:
        raise InputError(f"{url}: {int(length):,} bytes, more than the {limit:,}-byte limit; not read")
    inflater = _Inflater(encoding, limit, url)
    raw = response.raw
    parts = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise InputError(f"{url}: took longer than {timeout:g} s; not read")
        sock = getattr(getattr(raw, "connection", None), "sock", None)
        if sock is not None:  # no single read may outlast the whole request's deadline
            sock.settimeout(max(left, 0.01))
        chunk = raw.read1(_CHUNK, decode_content=False)
        if not chunk:
            break
        parts.append(inflater.feed(chunk))
    return b"".join(parts)
