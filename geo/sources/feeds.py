"""RSS and Atom feeds: their entries' links, titles, dates and own text, by ``feedparser``.

Feeds come from outside, so XML that declares entities (the "billion laughs" and its
quadratic cousin) is refused before any parser expands them: ``defusedxml`` reads the
prolog with entities forbidden. ``feedparser`` is only ever given bytes, never a URL, so it
fetches nothing itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from geo.errors import InputError
from geo.sources.pages import language_code

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]")


@dataclass(frozen=True)
class Entry:
    link: str  # absolute, as the feed gives it ("" when it has none)
    title: str
    date: dt.date | None  # published, else updated
    updated: float | None  # Unix time it was last updated (else published), for "edited since"
    text: str  # the entry's own content (or summary) as plain text


@dataclass(frozen=True)
class Feed:
    title: str
    language: str  # ISO 639-1, or ""
    entries: list[Entry]


def looks_like_feed(body: bytes) -> bool:
    """An RSS, Atom or RSS 1.0 document: its root element, near the start."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return False
    return bool(_FEED_ROOT.search(head)) and not re.search(rb"<html[\s>]", head[:512], re.I)


def refuse_entities(body: bytes, url: str) -> None:
    """An InputError for XML that declares entities or external references; XML that is
    merely malformed passes (feedparser's lenient parser reads it without a DTD)."""
    if b"<!DOCTYPE" not in body and b"<!ENTITY" not in body:
        return
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree

    try:
        defusedxml.ElementTree.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise InputError(f"{url}: XML that declares entities ({type(exc).__name__}); not read") from None
    except ParseError:
        pass


def parse_feed(body: bytes, url: str, content_type: str = "") -> Feed:
    """The feed's entries, in the feed's order, duplicates (the same link twice) dropped."""
    import feedparser

    refuse_entities(body, url)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    if parsed.bozo and not parsed.entries and not parsed.feed:
        raise InputError(f"{url}: not a readable feed ({parsed.get('bozo_exception')})")
    entries, seen = [], set()
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        key = link or item.get("id") or item.get("title")
        if key in seen:
            continue
        seen.add(key)
        # dict.get: feedparser's own get maps a missing "updated" to "published", with a warning
        updated = dict.get(item, "updated_parsed") or item.get("published_parsed")
        published = item.get("published_parsed") or updated
        entries.append(Entry(link, _plain(item.get("title", "")), _day(published),
                             calendar.timegm(updated) if updated else None, _entry_text(item)))
    return Feed(_plain(parsed.feed.get("title", "")), language_code(parsed.feed.get("language")), entries)


def _day(parsed) -> dt.date | None:
    """feedparser's UTC struct_time as a date."""
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _entry_text(item) -> str:
    contents = item.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="") or item.get("summary", "")
    return _plain(html)


def _plain(html: str) -> str:
    """Sanitised feed HTML as text: block ends become line breaks."""
    if "<" not in html and "&" not in html:
        return html.strip()
    import lxml.html

    html = re.sub(r"(?i)<br\s*/?>|</(p|div|li|h[1-6]|blockquote)>", "\n", html)
    try:
        text = lxml.html.fragment_fromstring(html, create_parent="div").text_content()
    except (ValueError, lxml.etree.ParserError):
        return ""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
