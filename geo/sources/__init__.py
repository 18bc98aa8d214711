"""Reading news from the web: pages and feeds by URL (or saved as files) into articles.

``fetch`` is polite, bounded HTTP over the on-disk ``cache``; ``pages`` finds a page's
article (trafilatura, htmldate); ``feeds`` reads RSS and Atom (feedparser, defusedxml);
``reader`` turns sources into ``geo.articles.Article`` objects for ``read_articles``.
"""

from geo.sources.cache import CACHE_NAME, HttpCache
from geo.sources.fetch import DEFAULT_USER_AGENT, Fetcher, FetchOptions, Response, Stopped
from geo.sources.reader import Stored, WebReader
from geo.sources.urls import clean_url

__all__ = ["CACHE_NAME", "DEFAULT_USER_AGENT", "FetchOptions", "Fetcher", "HttpCache", "Response", "Stopped",
           "Stored", "WebReader", "clean_url"]
