"""The baseline the field compares against: the most populous place of the name."""

from __future__ import annotations

from collections.abc import Sequence

from geo.articles import Article
from geo.model import Mention, Resolution
from geo.resolution.base import Resolver


class PopulationResolver(Resolver):
    name = "population"

    def resolve(self, article: Article, mentions: Sequence[Mention]) -> list[Resolution]:
        out = []
        for m in mentions:
            cands = self.candidates(m)
            best = max(cands, key=lambda p: p.population, default=None)
            out.append(Resolution(m, best, 1.0 / len(cands) if cands else 0.0, len(cands)))
        return out
