"""Asking one service: geopy's geocoder for it, paced by geopy's RateLimiter, through the cache,
with a bounded retry of 429s and a run-long pause after repeated failures."""

from __future__ import annotations

import logging
import os
import threading
import time
import warnings
from typing import Any

from geopy import exc as geopy_exc
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder

from geo import __version__
from geo.errors import InputError, excerpt
from geo.folding import fold
from geo.model import Place
from geo.resolution.online.adapter import BoundedAdapter
from geo.resolution.online.base import Answer, answer_from_location, answer_place
from geo.resolution.online.cache import OnlineCache
from geo.resolution.online.services import service

log = logging.getLogger("geo")

DEFAULT_USER_AGENT = f"geo/{__version__} (offline-first news geoparser; geopy)"
DEFAULT_TIMEOUT = 10.0
# What geopy's parsers raise on JSON of another shape than they expect.
ANSWER_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)


def _is_loopback(domain: str) -> bool:
    host = domain.rsplit("@", 1)[-1]
    host = host[1:].split("]", 1)[0] if host.startswith("[") else host.split(":", 1)[0]
    return host in ("localhost", "127.0.0.1", "::1") or host.startswith("127.")


def build_geocoder(name: str, *, domain: str | None = None, scheme: str | None = None,
                   timeout: float | None = None, user_agent: str | None = None) -> Geocoder:
    """geopy's geocoder for the service; ``domain``/``scheme`` (else ``$GEO_ONLINE_DOMAIN``/
    ``$GEO_ONLINE_SCHEME``, else the public server) point it at another server. ``domain`` may
    be a URL (``http://127.0.0.1:8080``), which sets the scheme too."""
    spec = service(name)
    domain = domain or os.environ.get("GEO_ONLINE_DOMAIN") or None
    scheme = scheme or os.environ.get("GEO_ONLINE_SCHEME") or None
    if domain and "://" in domain:  # a URL: http://127.0.0.1:8080/ is scheme http, domain 127.0.0.1:8080
        given, domain = domain.split("://", 1)
        scheme = scheme or given.lower()
        domain = domain.rstrip("/")
    if scheme is not None and scheme not in ("http", "https"):
        raise InputError(f"online geocoder scheme must be http or https, not {scheme!r}")
    kwargs: dict[str, Any] = {
        "timeout": timeout if timeout is not None else DEFAULT_TIMEOUT,
        "user_agent": user_agent or os.environ.get("GEO_ONLINE_USER_AGENT") or DEFAULT_USER_AGENT,
    }
    kwargs["adapter_factory"] = BoundedAdapter
    if domain:
        kwargs["domain"] = domain
        if _is_loopback(domain):
            kwargs["proxies"] = {}  # a local server is never reached through a proxy
    if scheme:
        kwargs["scheme"] = scheme
    try:
        return spec.geocoder(**kwargs)
    except geopy_exc.ConfigurationError as error:
        raise InputError(f"online geocoder {name}: {error}") from error


class OnlineGeocoder:
    """One service asked through the cache, geopy's RateLimiter and a bounded 429 retry."""

    def __init__(self, name: str, *, cache: OnlineCache | None = None, domain: str | None = None,
                 scheme: str | None = None, timeout: float | None = None, user_agent: str | None = None,
                 min_delay_seconds: float | None = None, max_retries: int = 3, retry_wait_seconds: float = 2.0,
                 max_retry_wait_seconds: float = 30.0, max_failures: int = 5) -> None:
        self.spec = service(name)
        self.service = self.spec.name
        # geopy warns (a Python warning, two lines on stderr) before it refuses a latitude
        # such as 1e308; the refusal is our one-line warning.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"geopy\.point")
        self.geocoder = build_geocoder(self.service, domain=domain, scheme=scheme, timeout=timeout,
                                       user_agent=user_agent)
        self.domain = f"{self.geocoder.scheme}://{self.geocoder.domain}"
        self.cache = cache
        delay = self.spec.min_delay_seconds if min_delay_seconds is None else max(0.0, min_delay_seconds)
        # geopy's RateLimiter spaces the requests (thread-safe); its own retries are off
        # because only a 429 is worth retrying, and after the wait the server asks for.
        self._geocode = RateLimiter(self.geocoder.geocode, min_delay_seconds=delay, max_retries=0,
                                    error_wait_seconds=delay, swallow_exceptions=False)
        self.min_delay_seconds = delay
        self.max_retries = max_retries
        self.retry_wait_seconds = retry_wait_seconds
        self.max_retry_wait_seconds = max_retry_wait_seconds
        self.max_failures = max_failures
        self._lock = threading.Lock()
        self._failed: set[str] = set()  # names that failed in this run: not asked again
        self._failures_in_a_row = 0
        self.disabled = False
        self.requests = 0

    def lookup(self, query: str) -> Answer | None:
        """The service's answer for a name (cached or fetched); None when it could not be asked."""
        query = " ".join(query.split())
        key = fold(query)
        if not key:
            return None
        if self.cache is not None:
            hit = self.cache.get(self.service, self.domain, query)
            if hit is not None:
                return hit
        with self._lock:
            if self.disabled or key in self._failed:
                return None
        answer = self._fetch(query)
        with self._lock:
            if answer is None:
                self._failed.add(key)
                self._failures_in_a_row += 1
                if self._failures_in_a_row >= self.max_failures and not self.disabled:
                    self._disable(f"{self._failures_in_a_row} failures in a row")
                return None
            self._failures_in_a_row = 0
        if self.cache is not None:
            self.cache.put(self.service, self.domain, answer)
        return answer

    def _disable(self, why: str) -> None:
        self.disabled = True
        log.warning("online geocoder %s (%s): not asked again in this run (%s)", self.service, self.domain, why)

    def _fetch(self, query: str) -> Answer | None:
        for attempt in range(self.max_retries + 1):
            try:
                with self._lock:
                    self.requests += 1
                location = self._geocode(query, exactly_one=True, **self.spec.geocode_kwargs)
                return answer_from_location(query, location)
            except geopy_exc.GeocoderRateLimited as error:
                wait = error.retry_after if error.retry_after is not None \
                    else self.retry_wait_seconds * 2 ** attempt
                if wait > self.max_retry_wait_seconds:
                    self._warn(query, f"rate limited, asked to wait {wait:g} s")
                    with self._lock:
                        if not self.disabled:
                            self._disable(f"the server asked for a {wait:g} s pause")
                    return None
                if attempt == self.max_retries:
                    self._warn(query, f"still rate limited after {self.max_retries} retries")
                    return None
                log.info("online geocoder %s: 429 for %r, retrying in %g s", self.service, query, wait)
                time.sleep(max(wait, 0.0))
            except (geopy_exc.GeocoderAuthenticationFailure, geopy_exc.GeocoderInsufficientPrivileges) as error:
                self._warn(query, f"refused: {error}")
                with self._lock:
                    if not self.disabled:
                        self._disable("the server refused us")
                return None
            except geopy_exc.GeocoderTimedOut:
                self._warn(query, f"no answer within {self.geocoder.timeout:g} s")
                return None
            except geopy_exc.GeocoderUnavailable as error:
                self._warn(query, str(error))
                return None
            except geopy_exc.GeopyError as error:  # 5xx, unparseable answers
                self._warn(query, f"{type(error).__name__}: {error}")
                return None
            except ANSWER_ERRORS as error:  # geopy read a malformed answer: "1e308", "north", ["a", "b"]
                self._warn(query, f"a malformed answer ({type(error).__name__}: {error})")
                return None
        return None  # pragma: no cover

    def _warn(self, query: str, problem: str) -> None:
        """One line on stderr, whatever the article or the server said."""
        log.warning("online geocoder %s (%s): '%s' %s; the mention stays unresolved",
                    self.service, self.domain, excerpt(query), excerpt(problem))

    def place(self, query: str) -> tuple[Place, Answer] | None:
        """The place a name is, by this service (None: not found or not asked)."""
        answer = self.lookup(query)
        if answer is None or not answer.found or answer.lat is None or answer.lon is None:
            return None
        return answer_place(self.spec, answer), answer
