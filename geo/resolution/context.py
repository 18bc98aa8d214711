"""The default resolver: candidates ranked by name, kind, size and the article's context.

A candidate's score adds
- a prior for its kind: a country or continent beats a region, a region or capital beats
  a town, a town beats a hamlet of the same name;
- its size (log population);
- how the name matched (the place's own name rather than one of its alternates);
- agreement with the article: its country is one the article names or places in, its
  region is one the article names, and it lies near the article's other places.

Resolution runs in passes: the first (kind, size, names) gives each mention a provisional
place; the countries, regions and points of those, weighted by confidence, are the context
of the next, twice over. The whole text counts too (``geo.resolution.evidence``): the
countries, regions and counties it names, and ", Region" right after a mention.
Confidence is the winner's share of a softmax over the scores.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from geo.articles import Article
from geo.folding import fold, spelling_key
from geo.geodesy import distance_km, distance_matrix_km
from geo.model import Mention, Place, Resolution
from geo.recognition import DATELINE, notable
from geo.resolution.base import Resolver
from geo.resolution.evidence import (
    Evidence,
    expand_acronym,
    in_organisation,
    names_country,
    names_region,
    qualifier,
    qualifier_starts_a_list,
    text_evidence,
)
from geo.resolution.phrases import anchored, anchors, direction_alone, kind_of, lists_of, place_sites

KIND_PRIOR = {
    "PCLI": 4.0, "PCLD": 3.0, "PCLF": 3.0, "PCLS": 3.0, "PCLIX": 3.0, "PCL": 3.0, "TERR": 2.5,
    "CONT": 4.0, "RGN": 2.0, "ADM1": 2.0, "PPLC": 2.5, "PPLA": 1.2, "PPLA2": 0.6, "ADM2": 0.6,
    "PPLA3": 0.2, "PPLA4": 0.1, "PPLG": 0.8,
    "OCN": 4.0, "SEA": 3.0, "GULF": 2.5, "STRT": 2.5, "CHN": 2.0, "CNL": 2.0, "BAY": 1.5, "LK": 1.5,
}

# Without a dateline, a town abroad reached by another of its names is a stray only when this
# small: a village (Bolano, also "Bolan"), not a town of tens of thousands known abroad by an
# exonym (Oświęcim, "Auschwitz").
STRAY_BY_ANOTHER_NAME_POPULATION = 20_000
# A city this populous bearing a name as its own is what the name means rather than a region
# some language calls so (``_drop_units_by_another_name``).
CITY_POPULATION = 100_000
# A name in brackets right after a mention: "Artemivsk (Bakhmut)".
_BRACKETED = re.compile(r"\s*\(\s*([A-Z][^()\n,;]{1,40}?)\s*\)")
# A district or region named like a town of its country within this distance is the town's
# (Pristina the district, Pristina the city): a bare name in news is the city.
_SHADOW_KM = 75.0
# A small town this far from every other place of its report, in another country than all of
# them, with no evidence of its own, is a namesake of a place the gazetteer lacks (``_strays``).
STRAY_KM = 100.0
# Too large for their point to say what lies near them.
_VAST = ("CONT", "OCN")


@dataclass(frozen=True)
class Weights:
    kind: float = 1.0
    population: float = 0.45
    # A place bearing the name as its own rather than as an alternate (Maryville, not
    # Beeville, once called Maryville).
    own_name: float = 1.5
    # Beside the kind prior: a country's name is seldom a town's (Mexico, Missouri), and a
    # region's name is often also its capital's (Gaza).
    country: float = 2.0
    adm1: float = -1.0
    # "Jackson" is seldom Jackson County: a county matched by another of its names.
    adm2_alias: float = -1.0
    same_country: float = 5.0
    contains_other: float = 2.5
    same_region: float = 1.5
    nearby: float = 3.0
    nearby_scale_km: float = 300.0
    # Towns in the same first-level region as the article's other towns (a Minnesota sports
    # page: Watertown, Plainview and Elgin are the Minnesota ones).
    town_region: float = 0.5
    # Passes: the first by prior alone, each next with the places the one before chose.
    passes: int = 3
    # What the whole text names (geo.resolution.evidence), beside the mentions resolved.
    text_country: float = 2.0
    text_region: float = 1.5
    text_county: float = 3.0
    qualifier: float = 4.0
    # A name in the lead (the first sentence or two, a dateline) counts more.
    lead_chars: int = 400
    lead_weight: float = 3.0
    # The regions and counties named in the mention's own sentence ("Peru is a city in Miami
    # County, Indiana"; "Washington County is a county in the U.S. state of Missouri").
    sentence_region: float = 3.0
    sentence_county: float = 3.0
    # A town this far below its name's most notable bearer in kind, size and name (a town of
    # 2,000 beside a capital of millions or a country) takes the article's countries and
    # regions only with evidence of its own surroundings, or in proportion to its nearness
    # to the article's other places (exp(-km / nearby_scale_km), averaged) up to this.
    namesake_gap: float = 2.5
    namesake_near: float = 0.2
    # A list's members are of one kind ("Tokyo, New York and London" are cities, "California,
    # New York and Texas" states): agreement with the kinds the list's other members took.
    list_kind: float = 2.0
    # Where the text places the name beside another ("Banjska, a village north of Kosovska
    # Mitrovica", "the village of Banjska, Leposavic"): as strong as a ", Region" qualifier.
    anchored: float = 4.0
    # A country the mention's own sentence names ("protested in Odessa", next to Ukraine).
    sentence_country: float = 2.0


@dataclass
class _Context:
    countries: Counter
    regions: Counter
    admins: Counter
    points: list[tuple[float, float, float, bool]]  # lat, lon, confidence, whether a town

    @cached_property
    def country_votes(self) -> float:
        """All the votes of ``countries`` (summed once a pass, not for each candidate)."""
        return sum(self.countries.values())

    @cached_property
    def columns(self) -> tuple:
        """``points`` as arrays of latitudes, longitudes, confidences and whether a town, made once a
        pass for every name's ``_nearby``."""
        import numpy as np

        return tuple(np.array(col, dtype=float) for col in zip(*self.points, strict=True))


@dataclass
class _Named:
    """A mention, its candidates and what is fixed about them across the passes."""

    mention: Mention
    key: str
    cands: tuple[Place, ...]
    base: list[float]  # kind, size and name: how notable each candidate is
    sentence: list[float]  # the pooled evidence of the name's sentences
    qual: tuple[set, set]
    peer: frozenset[str]
    specific: list[float]  # its county named in the text, a qualifier
    home_named: list[bool]  # its region named in one of the name's sentences
    loose: list[float]  # a qualifier that may be a list's next item ("Paris, New York and Milan")
    listed: frozenset[str]  # its own name and those of the regions in its list
    sentence_country: list[float]  # its country named in one of the name's sentences
    # Whether a country it names is context for the others: not inside an organisation's name
    # ("the Patriotic Force of Congo") nor before a currency or a mission ("the US dollar").
    votes: bool = True

    @property
    def priors(self) -> list[float]:
        return [b + s + c for b, s, c in zip(self.base, self.sentence, self.sentence_country, strict=True)]

    @cached_property
    def most_notable(self) -> int:
        """The index of the candidate of the highest ``base``."""
        return max(range(len(self.cands)), key=self.base.__getitem__)


def _context(by_name: dict[str, tuple[Place, float]], doubtful: frozenset[str] = frozenset(),
             ) -> tuple[_Context, dict[str, int]]:
    """The context the chosen places make, weighted by confidence: their countries, the
    first-level regions the towns lie in and those named, and the points of all but
    countries and vast places; with where each name's point is in ``points``. The names in
    ``doubtful`` (small namesakes chosen over a far more notable place) count as towns for no
    other name's nearness: two of them must not vouch for each other (Toronto, Ohio and
    Vienna, West Virginia)."""
    countries: Counter = Counter()
    regions: Counter = Counter()
    admins: Counter = Counter()
    for place, conf in by_name.values():
        if place.feature_class == "P" and place.admin1_code:
            admins[(place.country_code, place.admin1_code)] += conf
        if place.country_code:
            countries[place.country_code] += conf
        if place.feature_code == "ADM1":
            regions[(place.country_code, place.admin1_code)] += conf
    point_of: dict[str, int] = {}
    points: list[tuple[float, float, float, bool]] = []
    for key, (place, conf) in by_name.items():
        if not place.is_country and place.feature_code not in _VAST:
            point_of[key] = len(points)
            points.append((place.lat, place.lon, conf, place.feature_class == "P" and key not in doubtful))
    return _Context(countries, regions, admins, points), point_of


def _drop_shadowed_regions(cands: tuple[Place, ...]) -> tuple[Place, ...]:
    """Pristina the district and Pristina the city: a bare name in news is the city. So is a
    region's seat of its name however far the region's centre lies (Gao, 80 km from the Gao
    region's point)."""
    towns = [p for p in cands if p.feature_class == "P"]
    if not towns:
        return cands
    keep = []
    for p in cands:
        if p.feature_code in ("ADM1", "ADM2") and any(
            t.country_code == p.country_code and fold(t.name) == fold(p.name)
            and (distance_km(t.lat, t.lon, p.lat, p.lon) < _SHADOW_KM
                 or (p.feature_code == "ADM1" and t.feature_code == "PPLA" and t.admin1_code == p.admin1_code))
            for t in towns
        ):
            continue
        keep.append(p)
    return tuple(keep)


def _drop_units_by_another_name(key: str, cands: tuple[Place, ...]) -> tuple[Place, ...]:
    """A first-level region matched only by another of its names gives way to a city that bears
    the name as its own: "Lashio" is the city of 130,000, not Lazio, which some language calls
    so (an English name of a region, "Tuscany", meets no such city and stays; a county named
    "Madison" is the prior's matter, ``Weights.adm2_alias``)."""
    if not any(p.feature_class == "P" and p.population >= CITY_POPULATION and _own_name(p, key) for p in cands):
        return cands
    return tuple(p for p in cands if not (p.feature_code == "ADM1" and not _own_name(p, key)))


def _drop_towns_shadowed_by_country(key: str, cands: tuple[Place, ...]) -> tuple[Place, ...]:
    """A country's name is not one of its own towns' when the town bears it only as an
    alternate name (Kosovo Polje, also called "Kosovo"): without this the article's towns
    around it outvote the country. Towns abroad named after it (Mexico, Missouri) and towns
    bearing it as their own name stay."""
    countries = {p.country_code for p in cands if p.is_country}
    if not countries:
        return cands
    return tuple(p for p in cands
                 if not (p.feature_class == "P" and p.country_code in countries and not _own_name(p, key)))


def _own_name(p: Place, key: str) -> bool:
    """Whether the place bears the name as its own, or as its own without the word "City"
    that only sets a city apart from its state or country (New York for New York City,
    Quebec for Quebec City): the name it is best known by."""
    own = fold(p.name)
    return own == key or (p.feature_class == "P" and own == f"{key} city")


def _spelled_own(key: str, cands: tuple[Place, ...]) -> frozenset[int]:
    """The towns whose own name is the name as another transliteration spells it (Mykolayiv for
    "Mykolaiv"; ``folding.spelling_key``), where every town bearing the very name lies in the same
    country: the country cannot tell them apart, so the name is as much theirs. A namesake abroad
    keeps its own (Sidney, Montana is no Sydney)."""
    if len(key) < 6:
        return frozenset()
    spelled = spelling_key(key)
    variants = [p for p in cands if p.feature_class == "P" and p.id and not _own_name(p, key)
                and spelling_key(fold(p.name)) == spelled]
    exact = {p.country_code for p in cands if p.feature_class == "P" and _own_name(p, key)}
    return frozenset(p.id for p in variants if exact <= {p.country_code})


def _names_a_region(m: Mention, cands: Sequence[Place]) -> frozenset[str]:
    """The countries where the mention is a first-level region's own name (California,
    Washington: the US) or the country's own (Kosovo: a town GeoNames also calls "Kosovo"
    gains nothing from the country's towns)."""
    key = fold(m.text)
    return frozenset(p.country_code for p in cands
                     if (p.feature_code == "ADM1" or p.is_country) and fold(p.name) == key)


class ContextResolver(Resolver):
    name = "context"

    def __init__(self, gazetteer, weights: Weights | None = None) -> None:
        super().__init__(gazetteer)
        self.w = weights or Weights()
        self._names: dict[str, tuple] = {}
        self._sentence_names: dict[str, tuple] = {}  # counties by their own names only

    def _prior(self, m: Mention, p: Place, spelled: frozenset[int] = frozenset()) -> float:
        w = self.w
        score = w.kind * KIND_PRIOR.get(p.feature_code, 0.0)
        if p.is_country:
            score += w.country
        elif p.feature_code == "ADM1":
            score += w.adm1
        score += w.population * math.log10(p.population + 1)
        if _own_name(p, fold(m.text)) or p.id in spelled:
            score += w.own_name
        elif p.feature_code == "ADM2":
            score += w.adm2_alias
        return score

    def _textual(self, p: Place, ev: Evidence, key: str, peer: frozenset[str] = frozenset()) -> float:
        """Agreement with the countries and regions the text names anywhere. In ``peer``
        countries (where the name is a region's own), a town of that name gains nothing from
        the regions the text names: beside Pennsylvania and Wisconsin, "California" is the
        state, not California, Pennsylvania; its county or a qualifier still tell."""
        w = self.w
        score = 0.0
        if p.country_code:
            score += w.text_country * ev.country_share(p.country_code, key)
        if p.admin1_code and not p.is_country and not (p.country_code in peer and p.feature_code != "ADM1"):
            score += w.text_region * ev.relative("regions", (p.country_code, p.admin1_code), key)
        return score

    def _county(self, p: Place, ev: Evidence, key: str) -> float:
        """Agreement with the counties the text names anywhere."""
        if not p.admin2_code or p.is_country:
            return 0.0
        return self.w.text_county * ev.relative("counties", (p.country_code, p.admin1_code, p.admin2_code), key)

    def _also_named(self, text: str, m: Mention) -> frozenset:
        """The places that bear the name in brackets right after the mention, its other name
        ("Artemivsk (Bakhmut)", "Kiev (Kyiv)"): evidence for the candidate that bears both."""
        other = _BRACKETED.match(text, m.end) if text else None
        if other is None:
            return frozenset()
        return frozenset(p.id for p in self.gazetteer.lookup(other.group(1)) if p.id)

    def _qualified(self, p: Place, qual: tuple[set, set]) -> float:
        """Agreement with a ", Region" qualifier right after the mention."""
        countries, regions = qual
        if p.is_country:
            return 0.0
        inside = (p.country_code, p.admin1_code) in regions if regions else p.country_code in countries
        return self.w.qualifier if inside else 0.0

    def _sentence(self, p: Place, sev: Evidence | None, key: str | frozenset[str], county_only: bool = False,
                  county_votes: float = 0.0) -> float:
        """Agreement with the regions and counties the mention's own sentence names. With
        ``county_only`` (the name is also a state's or province's), the sentence must name
        the candidate's county: "Washington, Pennsylvania and California" is a list of
        states, "Ontario is a city in San Bernardino County, California" a town. A county's
        share is of ``county_votes``, the sentence's votes for the counties that hold a
        candidate: "Greenfield is the seat of Adair County" names four
        Adair Counties but only Iowa's has a Greenfield."""
        if sev is None or p.is_country or p.feature_code == "ADM1" or not p.admin1_code:
            return 0.0
        w = self.w
        county = 0.0
        if p.admin2_code:
            votes = sev.share("counties", (p.country_code, p.admin1_code, p.admin2_code), key)
            county = votes / county_votes if county_votes > 1e-9 else 0.0
        if county_only and county < 0.5:
            return 0.0
        # Only a sentence mostly about one region counts: in a list of states, a town
        # named like one of them ("Oregon, Missouri") gains nothing from the others.
        region = sev.fraction("regions", (p.country_code, p.admin1_code), key)
        score = w.sentence_region * region if region >= 0.5 else 0.0
        score += w.sentence_county * county if county >= 0.5 else 0.0
        return score

    def _contextual(self, p: Place, ctx: _Context, voted: tuple[Place, float] | None = None,
                    peer: frozenset[str] = frozenset()) -> float:
        """Agreement with the other names of the article: ``voted`` is the place the mention's
        own name chose and its confidence, whose country and town are left out; ``peer`` as in
        ``_textual``."""
        w = self.w
        own, conf = voted if voted else (None, 0.0)
        own_region = (own.country_code, own.admin1_code) if own and own.admin1_code else None
        score = 0.0
        own_country = own.country_code if own else ""
        total = ctx.country_votes - (conf if own_country else 0.0)
        if p.country_code and total > 1e-9:
            votes = ctx.countries[p.country_code] - (conf if own_country == p.country_code else 0.0)
            score += w.same_country * max(0.0, votes) / total
        town_of_peer = p.country_code in peer and p.feature_code != "ADM1"
        k = (p.country_code, p.admin1_code)
        if p.admin1_code and not p.is_country and not town_of_peer:
            score += w.same_region * min(1.0, ctx.regions[k])
        # The article's towns in region k, but for the mention's own (Tokyo the city is no
        # evidence for Tokyo the prefecture).
        towns = ctx.admins[k] - (conf if own and own.feature_class == "P" and own_region == k else 0.0)
        if p.feature_code == "ADM1":  # "Atlanta, Georgia": the region holding the article's towns
            score += w.contains_other * min(1.0, max(0.0, towns))
        elif p.feature_class == "P" and p.admin1_code and w.town_region and not town_of_peer:  # towns of one state
            score += w.town_region * min(1.0, max(0.0, towns))
        return score

    def _nearby(self, cs: Sequence[Place], ctx: _Context, own: int) -> tuple[list[float], list[float]]:
        """Each candidate's closeness to the article's other places, and to its other towns
        alone: their confidence-weighted mean of exp(-km / scale), one distance matrix for
        all candidates."""
        others = len(ctx.points) - (1 if 0 <= own < len(ctx.points) else 0)
        if not others:
            return [0.0] * len(cs), [0.0] * len(cs)
        import numpy as np

        lat2, lon2, wt, town = ctx.columns
        if 0 <= own < len(wt):
            wt = wt.copy()
            wt[own] = 0.0  # the mention's own vote is not its context
        km = distance_matrix_km([p.lat for p in cs], [p.lon for p in cs], lat2, lon2)
        closeness = np.exp(-km / self.w.nearby_scale_km)
        near = closeness @ wt / max(1.0, float(wt.sum()))
        town_wt = wt * town
        near_towns = closeness @ town_wt / max(1.0, float(town_wt.sum()))
        return near.tolist(), near_towns.tolist()

    @staticmethod
    def _softmax_top(scores: list[float]) -> tuple[int, float]:
        top = max(range(len(scores)), key=scores.__getitem__)
        z = sum(math.exp(s - scores[top]) for s in scores)
        return top, 1.0 / z

    def resolve(self, article: Article, mentions: Sequence[Mention]) -> list[Resolution]:
        ev = (text_evidence(self.gazetteer, article.text, self._names, self.w.lead_chars, self.w.lead_weight)
              if article.text else Evidence())
        beside = anchors(article.text, mentions) if article.text else [None] * len(mentions)
        # the Y of "X, in Y" keeps its unit beside its seat of the name: it may be where X lies (the state of
        # "Fresnillo, in Zacatecas", not its capital city)
        holders = {a.other for a in beside if a is not None and a.inside}
        found = [expand_acronym(ev, m.text) or self.candidates(m) for m in mentions]
        cands = [direction_alone(article.text, m, _drop_towns_shadowed_by_country(
                     fold(m.text), _drop_units_by_another_name(
                         fold(m.text), cs if i in holders else _drop_shadowed_regions(cs))), ev)
                 for i, (m, cs) in enumerate(zip(mentions, found, strict=True))]
        in_town = place_sites(article.text, mentions, cands)
        lists = lists_of(article.text, mentions) if article.text else [()] * len(mentions)
        bases = [[self._prior(m, p, spelled) for p in cs]
                 for m, cs in zip(mentions, cands, strict=True) for spelled in (_spelled_own(fold(m.text), cs),)]
        placed = anchored(cands, bases, beside, self.w.anchored)
        sentence, local, in_country = self._pooled_sentences(mentions, cands, lists)
        named = []
        for m, cs, base, sent, near_home, others, beside, country in zip(
                mentions, cands, bases, sentence, local, lists, placed, in_country, strict=True):
            peer = _names_a_region(m, cs)
            qual = qualifier(self.gazetteer, article.text, m, bool(peer)) if cs else (set(), set())
            key = fold(m.text)
            qualified = [self._qualified(p, qual) for p in cs]
            # "Paris, New York and Milan": the qualifier may be the list's next item, so it
            # counts like the article's other regions, not as the town's own surroundings.
            listed = qualifier_starts_a_list(article.text, m) if any(qualified) else False
            also = self._also_named(article.text, m)
            specific = [self._county(p, ev, key) + (0.0 if listed else q) + b
                        + (self.w.qualifier if p.id in also else 0.0)
                        for p, q, b in zip(cs, qualified, beside, strict=True)]
            loose = [q if listed else 0.0 for q in qualified]
            listed_names = frozenset({key, *(k for i in others if ev.names_a_region(k := fold(mentions[i].text)))})
            votes = not (article.text and in_organisation(article.text, m.start, m.end, m.sentence_start))
            named.append(_Named(m, key, cs, base, sent, qual, peer, specific, near_home, loose, listed_names, country,
                                votes))
        winners = [self._softmax_top(n.priors) if n.cands else None for n in named]
        scores: list[list[float]] = []
        # Each pass takes its context from the places the one before chose.
        for _ in range(max(1, self.w.passes - 1)):
            scores = self._pass(named, winners, ev, lists)
            winners = [self._softmax_top(sc) if sc else None for sc in scores]
        strays = self._strays(named, winners, ev, article.text)
        out = []
        for i, (m, cs, sc, win) in enumerate(zip(mentions, cands, scores, winners, strict=True)):
            if win is None:
                out.append(Resolution(m, None, 0.0, 0))
                continue
            if i in strays:
                out.append(Resolution(m, None, 0.0, len(cs), {"stray": cs[win[0]].name}))
                continue
            top, conf = win
            out.append(Resolution(m, cs[top], round(conf, 3), len(cs), {"score": round(sc[top], 3)}))
        # A site none of whose name's places lies by the town the text puts it in is placed at
        # that town ("Collins Avenue, Miami Beach"; "Pearson International Airport in Toronto").
        for i, j in in_town.items():
            if out[i].place is None and out[j].place is not None:
                out[i] = Resolution(mentions[i], out[j].place, round(out[j].confidence / 2, 3), 0, {"site_in": j})
        return out

    def _pooled_sentences(self, mentions: Sequence[Mention], cands: Sequence[tuple[Place, ...]],
                          lists: Sequence[tuple[int, ...]],
                          ) -> tuple[list[list[float]], list[list[bool]], list[list[float]]]:
        """Each candidate's agreement with the regions and counties of its name's sentences,
        whether any of them names its region, and the agreement with the countries they name.

        One sense per article: a name's sentences are pooled, so "Stratford, named for
        Stratford-upon-Avon in England" does not send one mention of the town abroad. The
        pool is the sum over the sentences divided by the geometric mean of their number
        and the number that name a candidate's region: the plain mean let nine sentences
        that name none ("the population of Stamford rose") drown the one that does
        ("Stamford is a city in Fairfield County, Connecticut"); the mean over the naming
        ones alone let one list ("Cornwall and Kent") outvote an article's context. Fixed
        per name, so added to the priors once rather than in every pass."""
        by_sentence: dict[str, Evidence] = {}
        for m, cs in zip(mentions, cands, strict=True):
            if cs and m.sentence and m.sentence not in by_sentence:
                by_sentence[m.sentence] = text_evidence(self.gazetteer, m.sentence, self._sentence_names,
                                                        own_names=True)
        pooled: dict[tuple, list] = {}
        names = [(fold(m.text), tuple(p.id for p in cs)) for m, cs in zip(mentions, cands, strict=True)]
        for i, (m, cs, name) in enumerate(zip(mentions, cands, names, strict=True)):
            if cs:
                county_only = any(p.feature_code == "ADM1" for p in cs)
                counties = frozenset((p.country_code, p.admin1_code, p.admin2_code) for p in cs if p.admin2_code)
                sev = by_sentence.get(m.sentence)
                # A region in the mention's list is the list's member, not its region ("Paris,
                # New York and Milan"); counties listed together are ("Camden and Glynn counties").
                own = frozenset({name[0], *(k for j in lists[i]
                                            if sev and sev.names_a_region(k := fold(mentions[j].text)))})
                # Summed once per mention, not per candidate: a common name has hundreds.
                county_votes = sum(sev.share("counties", k, own) for k in counties) if sev else 0.0
                terms = [self._sentence(p, sev, own, county_only, county_votes) for p in cs]
                acc = pooled.setdefault(name, [[0.0] * len(cs), 0, 0, [False] * len(cs), [False] * len(cs)])
                acc[0] = [a + t for a, t in zip(acc[0], terms, strict=True)]
                acc[1] += 1
                acc[2] += any(terms)
                acc[3] = [a or names_region(p, sev, own) for a, p in zip(acc[3], cs, strict=True)]
                # Nor is any list member its country: "Sharon, Cornwall and Salisbury".
                listed = frozenset({name[0], *(fold(mentions[j].text) for j in lists[i])})
                acc[4] = [a or names_country(p, sev, listed) for a, p in zip(acc[4], cs, strict=True)]
        pooled_terms = {name: [t / math.sqrt(n * max(1, ev)) for t in total]
                        for name, (total, n, ev, _, _) in pooled.items()}
        return ([pooled_terms[name] if cs else [] for name, cs in zip(names, cands, strict=True)],
                [pooled[name][3] if cs else [] for name, cs in zip(names, cands, strict=True)],
                [[self.w.sentence_country * f for f in pooled[name][4]] if cs else []
                 for name, cs in zip(names, cands, strict=True)])

    def _dominated(self, n: _Named, j: int) -> bool:
        """Whether candidate ``j`` is a town or county far below its name's most notable bearer,
        in another country."""
        p = n.cands[j]
        top = n.most_notable
        return ((p.feature_class == "P" or p.feature_code == "ADM2") and n.cands[top].country_code != p.country_code
                and n.base[top] - n.base[j] >= self.w.namesake_gap)

    def _locality(self, n: _Named, j: int, near: float, ev: Evidence) -> float:
        """How far the article's countries and regions may count for candidate ``j``: fully,
        unless it is a town or county far less notable than the name's most notable bearer, in
        another country (China, Texas beside China; Havana, Florida beside Havana). Such a namesake needs
        evidence of its own surroundings: its county or a qualifier named (not one that may
        be a list's next item), its region named
        in one of the name's sentences, or the article's other places near it; or, beside a
        city whose country the text never names, its region the one the text names most
        (Athens, Texas in a Texan paper). Nearness counts only to the article's towns: a
        region's point is no neighbour (New York the state does not make Parish, New York the
        "Paris" of a fashion week). Without, a text that names its country (an article
        about Cuba mentions the US and Miami) does not make it the place meant."""
        p = n.cands[j]
        if not self._dominated(n, j):
            return 1.0
        rival = n.cands[n.most_notable]
        if n.specific[j] > 0 or n.sentence[j] > 0 or n.home_named[j]:
            return 1.0
        if (not rival.is_country and ev.country_share(rival.country_code, n.key) == 0
                and ev.relative("regions", (p.country_code, p.admin1_code), n.listed) >= 0.5):
            return 1.0
        return min(1.0, near / self.w.namesake_near)

    def _strays(self, named: Sequence[_Named], winners, ev: Evidence, text: str) -> set[int]:
        """The mentions whose place is a small town with no evidence of its own (no qualifier,
        county, anchor, its region or country named anywhere in the text), in a report whose
        dateline places it (``rules.DATELINE``), that lies in another country than every other
        place of the report and more than STRAY_KM from all of them: "the port city's Polje
        neighbourhood" in a report from "BAR, Montenegro" is no village of that name in
        Bosnia. Such a name is left without an answer (an event there takes the report's own
        places: the dateline, the sentences before). Without a dateline, only a town that bears
        the name as none of its own ("the Bolan area" beside Lashkargah and Helmand is no
        Bolano in Italy)."""
        line = DATELINE.match(text) if text else None
        if line is None or not any(f is not None and n.mention.end <= line.end()
                                   for n, f in zip(named, winners, strict=True)):
            line = None
        chosen = {n.key: n.cands[f[0]] for n, f in zip(named, winners, strict=True) if f is not None}
        countries = Counter(q.country_code for q in chosen.values())
        out: set[int] = set()
        judged: dict[tuple[str, int], bool] = {}  # a name repeated is judged once
        for i, (n, f) in enumerate(zip(named, winners, strict=True)):
            if f is None or (line is not None and n.mention.end <= line.end()):  # the dateline's: the home
                continue
            j, p = f[0], n.cands[f[0]]
            if line is None and (_own_name(p, n.key) or p.population >= STRAY_BY_ANOTHER_NAME_POPULATION):
                continue
            if (p.feature_class != "P" or notable((p,)) or n.specific[j] > 0 or n.sentence[j] > 0
                    or n.home_named[j] or n.sentence_country[j] > 0 or ev.country_share(p.country_code, n.key) > 0):
                continue
            own = int(chosen[n.key].country_code == p.country_code)
            if countries[p.country_code] > own:  # another place of the report lies in its country
                continue
            memo = (n.key, p.id)
            if memo not in judged:
                points = [q for key, q in chosen.items() if key != n.key and not q.is_expanse]
                judged[memo] = bool(points) and all(
                    distance_km(p.lat, p.lon, q.lat, q.lon) > STRAY_KM for q in points)
            if judged[memo]:
                out.add(i)
        return out

    def _list_kinds(self, n: _Named, others: tuple[int, ...], named: Sequence[_Named], winners) -> list[float]:
        """Each candidate's agreement with the kinds of place the list's other members took,
        weighted by their confidence; nothing when the candidates are all of one kind."""
        kinds = [kind_of(p) for p in n.cands]
        if not others or len(set(kinds)) < 2:
            return [0.0] * len(kinds)
        took: Counter = Counter()
        for i in others:
            if winners[i] is not None:
                took[kind_of(named[i].cands[winners[i][0]])] += winners[i][1]
        total = sum(took.values())
        return [self.w.list_kind * took[k] / total if k and total > 1e-9 else 0.0 for k in kinds]

    def _pass(self, named: Sequence[_Named], winners, ev: Evidence,
              lists: Sequence[tuple[int, ...]]) -> list[list[float]]:
        # Context from the winners, one vote per distinct name so a name repeated twenty
        # times does not drown the rest.
        by_name: dict[str, tuple[Place, float]] = {}
        for n, f in zip(named, winners, strict=True):
            if f is None or (not n.votes and n.cands[f[0]].is_country):
                continue
            if n.key not in by_name or by_name[n.key][1] < f[1]:
                by_name[n.key] = (n.cands[f[0]], f[1])
        doubtful = frozenset(n.key for n, f in zip(named, winners, strict=True)
                             if f is not None and self._dominated(n, f[0]))
        ctx, point_of = _context(by_name, doubtful)
        done: dict[tuple, list[float]] = {}
        out = []
        for n, others in zip(named, lists, strict=True):
            if not n.cands:
                out.append([])
                continue
            # A name repeated with the same qualifier and candidates scores the same (the
            # candidates can differ: "Spanish" as a people keeps the country alone).
            memo = (n.key, frozenset(n.qual[0]), frozenset(n.qual[1]), tuple(p.id for p in n.cands))
            if memo not in done:
                voted = by_name.get(n.key)
                near, near_towns = self._nearby(n.cands, ctx, point_of.get(n.key, -1))
                done[memo] = [
                    (self._contextual(p, ctx, voted, n.peer) + self._textual(p, ev, n.key, n.peer)
                     + n.loose[j]) * self._locality(n, j, near_towns[j], ev)
                    + n.specific[j] + (self.w.nearby * nb if not p.is_country and p.feature_code not in _VAST else 0.0)
                    for j, (p, nb) in enumerate(zip(n.cands, near, strict=True))]
            # The prior is the mention's own (its sentence's evidence is in it).
            kinds = self._list_kinds(n, others, named, winners)
            out.append([prior + sc + k for prior, sc, k in zip(n.priors, done[memo], kinds, strict=True)])
        return out
