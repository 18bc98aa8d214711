"""An article page's main text, title, date, canonical URL and language.

``trafilatura`` finds the main text (without navigation, ads or comments) and the metadata;
its date is ``htmldate``'s reading of the page's metadata (publication, not modification;
no guessing from the body text). The canonical URL is the page's ``<link rel=canonical>``,
else the address it was read from, both without tracking parameters. The language is what
the page declares (``<html lang>``, Content-Language, ``og:locale``), else a guess from how
many of its words are English function words.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from geo.errors import InputError
from geo.sources.urls import clean_url, is_http

log = logging.getLogger("geo")

# The commonest English words in news text: together a third or more of an English article's
# words, a few percent of a French, Serbian or Albanian one's.
ENGLISH_WORDS = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "said", "by", "as", "at", "from",
    "it", "were", "be", "has", "have", "an", "are", "not", "this", "which", "after", "but", "their", "they", "had",
    "his", "her", "its", "who", "been", "will", "would", "he", "she", "we", "about", "more", "than", "also", "over",
    "into", "while", "during",
})
ENGLISH_SHARE = 0.15  # below this share of function words, a text is not English
MIN_WORDS = 30  # fewer words than this are not enough to judge


@dataclass(frozen=True)
class Page:
    text: str
    title: str
    date: dt.date | None
    url: str  # canonical
    language: str  # ISO 639-1 ("en"), or "" when neither declared nor clear


def read_page(html: bytes, url: str, content_type: str = "") -> Page:
    """The article on an HTML page read from ``url`` (an InputError when it has none);
    ``content_type`` is the HTTP header, whose charset wins over the page's own."""
    import lxml.html
    from lxml.etree import ParserError
    from trafilatura import bare_extraction

    try:
        tree = lxml.html.document_fromstring(decode_html(html, content_type))
    except (ParserError, ValueError) as exc:
        raise InputError(f"{url}: not an HTML page ({exc})") from None
    try:
        found = bare_extraction(tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
                                include_images=False, date_extraction_params={
                                    "extensive_search": False, "original_date": True,
                                    "max_date": dt.date.today().isoformat()})
    except Exception as exc:  # noqa: BLE001  (a page the extractor chokes on is one bad input, not a crash)
        raise InputError(f"{url}: the page could not be read ({type(exc).__name__}: {exc})") from None
    text = (found.text or "").strip() if found is not None else ""
    title = (found.title or "").strip() if found is not None else ""
    if title and text.startswith(title):  # the headline opens the text: it is the title, not a sentence
        text = text[len(title):].lstrip()
    if not text:
        raise InputError(f"{url}: no article text found on the page")
    date = _date(found.date if found is not None else None)
    return Page(text, title, date, canonical_url(tree, url), page_language(tree) or guess_language(text))


def decode_html(html: bytes, content_type: str = "") -> str | bytes:
    """The page as text when its encoding is known from HTTP or is UTF-8; else the bytes,
    for lxml to read the page's own ``<meta charset>``, or Windows-1252."""
    charset = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.I)
    if charset:
        try:
            return _without_xml_declaration(html.decode(charset.group(1), errors="replace"))
        except LookupError:
            pass
    if re.search(rb"<meta[^>]+charset", html[:4096], re.I):
        return html
    try:
        return _without_xml_declaration(html.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return _without_xml_declaration(html.decode("cp1252", errors="replace"))


def _without_xml_declaration(text: str) -> str:
    # lxml refuses text that still declares an encoding
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)


def canonical_url(tree, url: str) -> str:
    """``<link rel=canonical>`` resolved against ``url``, else ``url``; without tracking."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            target = urljoin(url, link.get("href").strip())
            if is_http(target):
                return clean_url(target)
    return clean_url(url) if is_http(url) else url


def page_language(tree) -> str:
    """The language the page declares, as an ISO 639-1 code."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not declared:
        for meta in tree.iter("meta"):
            kind = (meta.get("http-equiv") or meta.get("property") or "").lower()
            if kind in ("content-language", "og:locale") and meta.get("content"):
                declared = meta.get("content")
                break
    return language_code(declared)


def language_code(value: str | None) -> str:
    """``en-GB``, ``en_US``, ``EN`` -> ``en``; a list (``en, fr``) -> its first."""
    first = re.split(r"[,;\s]", (value or "").strip())[0]
    return re.split(r"[-_]", first)[0].lower() if first else ""


def guess_language(text: str) -> str:
    """"en" when enough of the words are English function words; "" when too short to tell;
    "other" otherwise."""
    words = re.findall(r"[a-zà-ÿ']+", text[:20_000].lower())
    if len(words) < MIN_WORDS:
        return ""
    share = sum(w in ENGLISH_WORDS for w in words) / len(words)
    return "en" if share >= ENGLISH_SHARE else "other"


def _date(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
