"""Online geocoders as a fallback for the mentions the offline gazetteer cannot resolve.

The offline resolver runs first; every mention it leaves without a place (except border
phrases and peoples' names) is asked of an online service through geopy's geocoder for it
(``Nominatim``, ``Photon``, ``ArcGIS``), paced by geopy's ``RateLimiter`` (one request a
second for the public services, as Nominatim's usage policy asks) and sent with a real
user agent. Every answer, "not found" included, is kept in an SQLite cache in the data
directory (``online-cache.sqlite``) keyed by service, server and folded name, so a name is
never asked twice. A 429 is retried a few times, after the server's Retry-After when it
gives one; a timeout, a 5xx, a refused connection or a malformed answer is logged as one
warning (quoting at most 200 characters of what the server said, control characters
escaped) and the mention stays unresolved; after several failures in a row the service is
left alone for the rest of the run. The timeout bounds a whole request and an answer is at
most 5 MB (``adapter``).

``$GEO_ONLINE_DOMAIN``, ``$GEO_ONLINE_SCHEME`` and ``$GEO_ONLINE_USER_AGENT`` override the
server and user agent (a private Nominatim, or a test server on 127.0.0.1).

Shaped like geopy: one module per service (``nominatim``, ``photon``, ``arcgis``) holds
geopy's class for it, how to call it politely and the parser of its records (decoded JSON
alone, so it is tested without HTTP), registered once in ``services.SERVICES``; ``cache``
keeps the answers, ``adapter`` does the HTTP, ``geocoder`` asks a service, ``resolver``
fills what the offline resolver left.
"""

from geo.resolution.online.base import Answer, Record, Service, answer_from_location, answer_place
from geo.resolution.online.cache import CACHE_NAME, OnlineCache
from geo.resolution.online.geocoder import DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, OnlineGeocoder, build_geocoder
from geo.resolution.online.osm import feature
from geo.resolution.online.resolver import ONLINE_CONFIDENCE, SKIP_LABELS, OnlineFallbackResolver, online_resolver
from geo.resolution.online.services import SERVICES, service

__all__ = [
    "CACHE_NAME", "DEFAULT_TIMEOUT", "DEFAULT_USER_AGENT", "ONLINE_CONFIDENCE", "SERVICES", "SKIP_LABELS", "Answer",
    "OnlineCache", "OnlineFallbackResolver", "OnlineGeocoder", "Record", "Service", "answer_from_location",
    "answer_place", "build_geocoder", "feature", "online_resolver", "service",
]
