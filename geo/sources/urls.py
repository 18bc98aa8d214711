"""URLs as article ids: the same story reached through two feeds, or with a campaign's
tracking parameters, is one URL."""

from __future__ import annotations

from urllib.parse import unquote_plus, urlsplit, urlunsplit

# Query parameters that say how a reader arrived, not which page it is.
TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "ga_", "_hs")
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mkt_tok", "_ga", "_gl",
    "ocid", "cmpid", "ncid", "sr_share", "ref", "ref_src", "ref_url", "at_medium",
    "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4", "smid", "smtyp", "xtor",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_http(url: str) -> bool:
    return url[:8].lower().startswith(("http://", "https://"))


def clean_url(url: str) -> str:
    """The URL without tracking parameters or fragment, its scheme and host in lower case
    and a default port dropped: ``HTTPS://Example.org:443/a?utm_source=x#top`` is
    ``https://example.org/a``."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    # The kept parameters keep their own spelling: only whole ``key=value`` pieces are dropped.
    query = "&".join(piece for piece in parts.query.split("&") if piece and not _tracking(piece))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _tracking(piece: str) -> bool:
    key = unquote_plus(piece.split("=", 1)[0]).lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def host_of(url: str) -> str:
    """``host:port`` of a URL: the unit of politeness (one request at a time, a delay
    between two) and of robots.txt."""
    parts = urlsplit(url)
    port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 0)
    return f"{(parts.hostname or '').lower()}:{port}"


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))
