"""The resolver: the offline resolver first, an online service for what it leaves unresolved."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from geo.articles import Article
from geo.folding import fold
from geo.model import Mention, Place, Resolution
from geo.resolution.base import Resolver
from geo.resolution.online.cache import CACHE_NAME, OnlineCache
from geo.resolution.online.geocoder import OnlineGeocoder

# How sure an online answer is: the service's best match for a bare name, with none of the
# article's context the offline resolver weighs.
ONLINE_CONFIDENCE = 0.5
# Mentions never sent: border phrases (the geometry stage draws them) and peoples' names
# ("Serbs") that the gazetteer does not know, which a street-level geocoder would misplace.
SKIP_LABELS = frozenset({"BORDER", "NORP"})


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
