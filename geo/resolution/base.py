"""The resolution stage's interface: mentions in, places (or no answer) out, aligned."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence

from geo.articles import Article
from geo.gazetteer import Gazetteer
from geo.geodesy import distance_km  # noqa: F401  (re-exported: geo.resolution.distance_km)
from geo.model import Mention, Place, Resolution
from geo.recognition import ADMINISTRATIVE, POPULATED, REGIONAL, SEAT, UNIT_WORDS, of_kind, widens_a_point

# An adjective or people's name: Dagestan-i, Europe-an(s), Ossetia-n(s), Georgia-n.
_ADJECTIVE = re.compile(r"([A-Z][\w' -]+?)(?:ians?|ans?|is?|ese)")
# Words run together, as in hashtags: SierraLeone, NewYork, JammuAndKashmir.
_RUN_TOGETHER = re.compile(r"(?<=[a-z])(?=[A-Z])")



class Resolver(ABC):
    """Chooses, for each mention, the gazetteer place it names."""

    name = "resolver"

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def candidates(self, mention: Mention) -> tuple[Place, ...]:
        if mention.label == "BORDER":
            # "the border" is the line the geometry stage draws between its countries, not
            # a place of that name (Bordères, whose GeoNames names include "Border").
            return ()
        text = (mention.reads or mention.text).lstrip("#")  # recognition's reading of a misspelt name
        # A state's postal code is a candidate beside whatever bears those letters as a name.
        places = (tuple(dict.fromkeys(self._state_code(text) + self.gazetteer.lookup(text)))
                  or self._adjective_of(text) or self._run_together(text))
        if mention.label == "NORP" and self.gazetteer.is_demonym(mention.text):
            # "Serbian forces": a people's name stands for its country, not a town.
            places = tuple(p for p in places if p.is_admin or p.feature_code == "CONT") or places
        # "near Mandera", "12 km north of X": a point moved, the town rather than the county of its name
        kind = mention.kind or (POPULATED if widens_a_point(mention.modifier) else "")
        if kind == SEAT:  # "the Manipur capital": the unit's seat, where the gazetteer knows it
            seats = tuple(dict.fromkeys(s for s in map(self.gazetteer.seat, places) if s is not None))
            return seats or of_kind(POPULATED, places)
        return of_kind(kind, places + self._unit_of_seat(text, kind, places))

    def _unit_of_seat(self, name: str, kind: str, places: tuple[Place, ...]) -> tuple[Place, ...]:
        """"the Belgorod region" where the gazetteer knows Belgorod only as a town: the unit
        of its country named with a unit's word ("Belgorod Oblast"), if there is one."""
        if kind not in (REGIONAL, ADMINISTRATIVE) or not places or any(p.feature_class == "A" for p in places):
            return ()
        countries = {p.country_code for p in places if p.feature_class == "P"}
        return tuple(dict.fromkeys(u for word in UNIT_WORDS for u in self.gazetteer.lookup(f"{name} {word}")
                                   if u.feature_class == "A" and u.country_code in countries))

    def _state_code(self, name: str) -> tuple[Place, ...]:
        """A US state by its postal code standing alone ("Memphis, TN" tweets "TN")."""
        from geo.resolution.evidence import US_STATES

        place = self.gazetteer.region("US", name) if name in US_STATES else None
        return (place,) if place else ()

    def _run_together(self, name: str) -> tuple[Place, ...]:
        """A name whose words are run together (a hashtag), looked up with its words apart.
        Tried last: McAllen and DeKalb are names as written."""
        spaced = _RUN_TOGETHER.sub(" ", name)
        return self.gazetteer.lookup(spaced) if spaced != name else ()

    def _adjective_of(self, name: str) -> tuple[Place, ...]:
        """The country, region or continent an unknown adjective or people's name comes
        from: European, Dagestani, Ossetians (the gazetteer's demonym table has the common ones)."""
        m = _ADJECTIVE.fullmatch(name)
        if not m:
            return ()
        stem = m.group(1)
        for base in (stem + "a", stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else ""):
            if len(base) < 4:
                continue
            places = tuple(p for p in self.gazetteer.lookup(base)
                           if p.is_country or p.feature_code in ("ADM1", "CONT", "RGN") or p.population >= 100_000)
            if places:
                return places
        return ()

    @abstractmethod
    def resolve(self, article: Article, mentions: Sequence[Mention]) -> list[Resolution]:
        """One resolution per mention, in order; ``place`` is None where there is no answer."""

    def resolve_all(self, articles: Sequence[Article],
                    mentions: Sequence[Sequence[Mention]]) -> list[list[Resolution]]:
        return [self.resolve(a, m) for a, m in zip(articles, mentions, strict=True)]
