"""Online geocoders as a fallback for the mentions the offline gazetteer cannot resolve.

The offline resolver runs first; every mention it leaves without a place (except border
phrases and peoples' names) is asked of an online service through geopy's geocoder for it
(``Nominatim``, ``Photon``, ``ArcGIS``), paced by geopy's ``RateLimiter`` (one request a
second for the public services, as Nominatim's usage policy asks) and sent with a real
user agent. Every answer, "not found" included, is kept in an SQLite cache in the data
directory (``online-cache.sqlite``) keyed by service, server and folded name, so a name is
never asked twice. A 429 is retried a few times, after the server's Retry-After when it
gives one; a timeout, a 5xx or a refused connection is logged as one warning and the
mention stays unresolved; after several failures in a row the service is left alone for
the rest of the run.

``$GEO_ONLINE_DOMAIN``, ``$GEO_ONLINE_SCHEME`` and ``$GEO_ONLINE_USER_AGENT`` override the
server and user agent (a private Nominatim, or a test server on 127.0.0.1).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import logging
import math
import os
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geopy import exc as geopy_exc
from geopy.adapters import RequestsAdapter
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import ArcGIS, Nominatim, Photon
from geopy.geocoders.base import Geocoder

from geo import __version__
from geo.articles import Article
from geo.errors import DataError, InputError
from geo.folding import fold
from geo.model import Mention, Place, Resolution
from geo.resolution.base import Resolver

log = logging.getLogger("geo")

CACHE_NAME = "online-cache.sqlite"
DEFAULT_USER_AGENT = f"geo/{__version__} (offline-first news geoparser; geopy)"
DEFAULT_TIMEOUT = 10.0
# How sure an online answer is: the service's best match for a bare name, with none of the
# article's context the offline resolver weighs.
ONLINE_CONFIDENCE = 0.5
# Mentions never sent: border phrases (the geometry stage draws them) and peoples' names
# ("Serbs") that the gazetteer does not know, which a street-level geocoder would misplace.
SKIP_LABELS = frozenset({"BORDER", "NORP"})


@dataclass(frozen=True)
class Service:
    """A supported online geocoder: geopy's class and how to call it politely."""

    name: str
    geocoder: type[Geocoder]
    min_delay_seconds: float
    geocode_kwargs: Mapping[str, Any] = field(default_factory=dict)


SERVICES: dict[str, Service] = {
    s.name: s for s in (
        # https://operations.osmfoundation.org/policies/nominatim/: at most one request a second.
        Service("nominatim", Nominatim, 1.0, {"addressdetails": True, "extratags": True, "language": "en"}),
        Service("photon", Photon, 1.0, {"language": "en"}),
        Service("arcgis", ArcGIS, 1.0, {"out_fields": "*"}),
    )
}


def service(name: str) -> Service:
    """The supported service of that name; an InputError naming the choices otherwise."""
    found = SERVICES.get(name.strip().lower())
    if found is None:
        raise InputError(f"unknown online geocoder {name!r}; choose one of {', '.join(SERVICES)}")
    return found


def _is_loopback(domain: str) -> bool:
    host = domain.rsplit("@", 1)[-1]
    host = host[1:].split("]", 1)[0] if host.startswith("[") else host.split(":", 1)[0]
    return host in ("localhost", "127.0.0.1", "::1") or host.startswith("127.")


def _adapter_factory():
    """geopy's requests adapter, retrying only failed connections: urllib3 would otherwise
    retry a 429 or 503 itself and sleep for as long as its Retry-After says (an hour, if the
    server says so), and retry read timeouts; ``OnlineGeocoder`` decides about those."""
    if not RequestsAdapter.is_available:
        return None  # geopy falls back to its urllib adapter, which never retries
    from urllib3.util.retry import Retry

    retry = Retry(total=2, connect=2, read=False, status=0, redirect=2, respect_retry_after_header=False)
    return functools.partial(RequestsAdapter, max_retries=retry)


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
    factory = _adapter_factory()
    if factory is not None:
        kwargs["adapter_factory"] = factory
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


# -- the answers ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    """What a service said about a name: a point with its name and raw record, or nothing."""

    query: str
    found: bool
    lat: float | None = None
    lon: float | None = None
    display_name: str = ""
    raw: dict = field(default_factory=dict, compare=False, hash=False)
    cached: bool = field(default=False, compare=False)



def answer_from_location(query: str, location: Any) -> Answer:
    """An Answer from a geopy Location (``None``: the service found nothing)."""
    if location is None:
        return Answer(query, False)
    lat, lon = location.latitude, location.longitude
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)) \
            or abs(lat) > 90 or abs(lon) > 180:
        return Answer(query, False)
    raw = location.raw if isinstance(location.raw, dict) else {}
    return Answer(query, True, float(lat), float(lon), location.address or "", raw)


class OnlineCache:
    """Answers already fetched, in SQLite: one row per (service, server, folded name).

    Safe to share between threads (one connection behind a lock) and between processes
    (SQLite's own locking, WAL journal).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers ("
                " service TEXT NOT NULL, domain TEXT NOT NULL, key TEXT NOT NULL, query TEXT NOT NULL,"
                " found INTEGER NOT NULL, lat REAL, lon REAL, display_name TEXT, raw TEXT, fetched TEXT,"
                " PRIMARY KEY (service, domain, key))"
            )
        except (OSError, sqlite3.DatabaseError) as error:
            raise DataError(f"{self.path}: cannot open the online geocoder cache ({error})") from error

    def get(self, service_name: str, domain: str, query: str) -> Answer | None:
        """The cached answer (``found`` False for a cached "not found"); None when never asked."""
        key = fold(query)
        with self._lock:
            try:
                row = self._db.execute(
                    "SELECT query, found, lat, lon, display_name, raw FROM answers"
                    " WHERE service = ? AND domain = ? AND key = ?", (service_name, domain, key),
                ).fetchone()
            except sqlite3.DatabaseError as error:
                raise DataError(f"{self.path}: the online geocoder cache is damaged ({error})") from error
        if row is None:
            return None
        asked, found, lat, lon, name, raw = row
        try:
            record = json.loads(raw) if raw else {}
        except ValueError:
            record = {}
        return Answer(asked, bool(found), lat, lon, name or "", record if isinstance(record, dict) else {},
                      cached=True)

    def put(self, service_name: str, domain: str, answer: Answer) -> None:
        row = (service_name, domain, fold(answer.query), answer.query, int(answer.found), answer.lat, answer.lon,
               answer.display_name, json.dumps(answer.raw, ensure_ascii=False, default=str),
               dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        with self._lock:
            try:
                self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            except sqlite3.DatabaseError as error:
                raise DataError(f"{self.path}: cannot write the online geocoder cache ({error})") from error

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()


# -- asking a service -------------------------------------------------------------------------

class OnlineGeocoder:
    """One service asked through the cache, geopy's RateLimiter and a bounded 429 retry."""

    def __init__(self, name: str, *, cache: OnlineCache | None = None, domain: str | None = None,
                 scheme: str | None = None, timeout: float | None = None, user_agent: str | None = None,
                 min_delay_seconds: float | None = None, max_retries: int = 3, retry_wait_seconds: float = 2.0,
                 max_retry_wait_seconds: float = 30.0, max_failures: int = 5) -> None:
        self.spec = service(name)
        self.service = self.spec.name
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
            except geopy_exc.GeopyError as error:  # 5xx, unavailable, unparseable answers
                self._warn(query, f"{type(error).__name__}: {error}")
                return None
        return None  # pragma: no cover

    def _warn(self, query: str, problem: str) -> None:
        log.warning("online geocoder %s (%s): %r %s; the mention stays unresolved",
                    self.service, self.domain, query, problem)

    def place(self, query: str) -> tuple[Place, Answer] | None:
        """The place a name is, by this service (None: not found or not asked)."""
        answer = self.lookup(query)
        if answer is None or not answer.found or answer.lat is None or answer.lon is None:
            return None
        return answer_place(self.service, answer), answer


# -- from a service's record to a Place ------------------------------------------------------

_PLACE_TYPES = {
    "country": ("A", "PCLI"), "state": ("A", "ADM1"), "province": ("A", "ADM1"), "region": ("L", "RGN"),
    "county": ("A", "ADM2"), "district": ("A", "ADM2"), "municipality": ("A", "ADM3"),
    "city": ("P", "PPL"), "town": ("P", "PPL"), "village": ("P", "PPL"), "hamlet": ("P", "PPL"),
    "isolated_dwelling": ("P", "PPL"), "farm": ("P", "PPL"), "locality": ("L", "LCTY"),
    "suburb": ("P", "PPLX"), "quarter": ("P", "PPLX"), "neighbourhood": ("P", "PPLX"),
    "city_block": ("P", "PPLX"), "island": ("T", "ISL"), "islet": ("T", "ISL"), "continent": ("L", "CONT"),
}
_NATURAL = {"peak": ("T", "PK"), "volcano": ("T", "VLC"), "water": ("H", "LK"), "lake": ("H", "LK"),
            "bay": ("H", "BAY"), "mountain_range": ("T", "MTS"), "valley": ("T", "VAL"),
            "spring": ("H", "SPNG"), "wood": ("V", "FRST"), "ridge": ("T", "RDGE")}


def feature(key: str, value: str, addresstype: str = "") -> tuple[str, str]:
    """A GeoNames feature class and code for an OSM key/value (Nominatim's class/type,
    Photon's osm_key/osm_value); a populated place when nothing closer fits."""
    key, value, addresstype = key.lower(), value.lower(), addresstype.lower()
    if key == "place" and value in _PLACE_TYPES:
        return _PLACE_TYPES[value]
    if key == "boundary" and value == "administrative":
        if addresstype in _PLACE_TYPES:
            return _PLACE_TYPES[addresstype]
        return "A", "ADMD"
    if key == "natural":
        return _NATURAL.get(value, ("T", ""))
    if key == "waterway":
        return "H", "STM"
    if key == "barrier" and value == "border_control":
        return "S", "PSTB"
    if key == "aeroway" and value in ("aerodrome", "airport"):
        return "S", "AIRP"
    if key in ("railway", "public_transport") and value in ("station", "halt"):
        return "S", "RSTN"
    if key == "highway":
        return "R", "RD"
    if key == "military" or (key == "landuse" and value == "military"):
        return "S", "MILB"
    if key in ("amenity", "building", "tourism", "historic", "shop", "office", "leisure", "man_made"):
        return "S", "BLDG"
    if addresstype in _PLACE_TYPES:
        return _PLACE_TYPES[addresstype]
    return "P", "PPL"


def _population(value: Any) -> int:
    try:
        return max(0, int(str(value).replace(",", "").replace(" ", "").split(";")[0]))
    except ValueError:
        return 0


def answer_place(service_name: str, answer: Answer) -> Place:
    """A Place from a service's answer; the fields the record has (Nominatim's address
    details and extra tags, Photon's GeoJSON properties), else a populated place."""
    raw = answer.raw or {}
    first = answer.display_name.split(",")[0].strip()
    country = admin1 = admin2 = ""
    population = 0
    if "properties" in raw:  # Photon: a GeoJSON feature
        props = raw.get("properties") or {}
        name = props.get("name") or first
        fclass, fcode = feature(str(props.get("osm_key", "")), str(props.get("osm_value", "")),
                                str(props.get("type", "")))
        country = str(props.get("countrycode") or "")
        admin1, admin2 = str(props.get("state") or ""), str(props.get("county") or "")
    elif "attributes" in raw or isinstance(raw.get("address"), str):  # ArcGIS
        attrs = raw.get("attributes") or {}
        name = attrs.get("PlaceName") or first
        fclass, fcode = "P", "PPL"
        country = str(attrs.get("Country") or "")
        admin1, admin2 = str(attrs.get("Region") or ""), str(attrs.get("Subregion") or "")
    else:  # Nominatim
        address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
        name = raw.get("name") or first
        fclass, fcode = feature(str(raw.get("class", raw.get("category", ""))), str(raw.get("type", "")),
                                str(raw.get("addresstype", "")))
        country = str(address.get("country_code") or "")
        admin1, admin2 = str(address.get("state") or ""), str(address.get("county") or "")
        population = _population((raw.get("extratags") or {}).get("population", 0))
    country = country.upper() if len(country) == 2 else ""
    return Place(name=str(name or answer.query), lat=float(answer.lat), lon=float(answer.lon),
                 feature_class=fclass, feature_code=fcode, country_code=country, population=population,
                 geonameid=None, admin1=admin1, admin2=admin2, source=f"online:{service_name}")


# -- the resolver -----------------------------------------------------------------------------

class OnlineFallbackResolver(Resolver):
    """The offline resolver first; what it leaves unresolved, an online service."""

    def __init__(self, offline: Resolver, online: OnlineGeocoder, *, confidence: float = ONLINE_CONFIDENCE,
                 skip_labels: frozenset[str] = SKIP_LABELS) -> None:
        super().__init__(offline.gazetteer)
        self.offline = offline
        self.online = online
        self.confidence = confidence
        self.skip_labels = skip_labels
        self.name = f"{offline.name}+{online.service}"

    def candidates(self, mention: Mention) -> tuple[Place, ...]:
        return self.offline.candidates(mention)

    def wants(self, mention: Mention) -> bool:
        """Whether a mention the offline resolver left unresolved is worth asking online."""
        text = mention.text.strip()
        return (mention.label not in self.skip_labels and len(text) > 1
                and any(c.isalpha() for c in text) and bool(fold(text)))

    def fill(self, resolutions: Sequence[Resolution]) -> list[Resolution]:
        """The resolutions with online places where the offline resolver had none."""
        out = []
        for r in resolutions:
            if r.place is None and self.wants(r.mention):
                found = self.online.place(r.mention.text)
                if found is not None:
                    place, answer = found
                    extra = {**r.extra, "online": self.online.service, "display_name": answer.display_name}
                    r = dataclasses.replace(r, place=place, confidence=self.confidence,
                                            candidates=max(r.candidates, 1), extra=extra)
            out.append(r)
        return out

    def resolve(self, article: Article, mentions: Sequence[Mention]) -> list[Resolution]:
        return self.fill(self.offline.resolve(article, mentions))

    def resolve_all(self, articles: Sequence[Article],
                    mentions: Sequence[Sequence[Mention]]) -> list[list[Resolution]]:
        return [self.fill(rs) for rs in self.offline.resolve_all(articles, mentions)]


def online_resolver(offline: Resolver, name: str, *, data_dir: Path | None = None, domain: str | None = None,
                    scheme: str | None = None, timeout: float | None = None, user_agent: str | None = None,
                    min_delay_seconds: float | None = None, cache: bool = True) -> OnlineFallbackResolver:
    """The offline resolver with ``name`` (nominatim, photon, arcgis) as its fallback, caching
    in ``data_dir/online-cache.sqlite`` (the data directory when not given)."""
    store = None
    if cache:
        from geo import config

        store = OnlineCache((data_dir or config.data_dir()) / CACHE_NAME)
    online = OnlineGeocoder(name, cache=store, domain=domain, scheme=scheme, timeout=timeout,
                            user_agent=user_agent, min_delay_seconds=min_delay_seconds)
    return OnlineFallbackResolver(offline, online)
