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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from geo.articles import Article
from geo.folding import fold
from geo.geodesy import distance_km, distance_matrix_km
from geo.model import Mention, Place, Resolution
from geo.resolution.base import Resolver
from geo.resolution.evidence import Evidence, expand_acronym, qualifier, text_evidence

KIND_PRIOR = {
    "PCLI": 4.0, "PCLD": 3.0, "PCLF": 3.0, "PCLS": 3.0, "PCLIX": 3.0, "PCL": 3.0, "TERR": 2.5,
    "CONT": 4.0, "RGN": 2.0, "ADM1": 2.0, "PPLC": 2.5, "PPLA": 1.2, "PPLA2": 0.6, "ADM2": 0.6,
    "PPLA3": 0.2, "PPLA4": 0.1, "PPLG": 0.8,
    "OCN": 4.0, "SEA": 3.0, "GULF": 2.5, "STRT": 2.5, "CHN": 2.0, "CNL": 2.0, "BAY": 1.5, "LK": 1.5,
}

# A district or region named like a town of its country within this distance is the town's
# (Pristina the district, Pristina the city): a bare name in news is the city.
_SHADOW_KM = 75.0
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


@dataclass
class _Context:
    countries: Counter
    regions: Counter
    admins: Counter
    points: list[tuple[float, float, float]]


def _context(by_name: dict[str, tuple[Place, float]]) -> tuple[_Context, dict[str, int]]:
    """The context the chosen places make, weighted by confidence: their countries, the
    first-level regions the towns lie in and those named, and the points of all but
    countries and vast places; with where each name's point is in ``points``."""
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
    points: list[tuple[float, float, float]] = []
    for key, (place, conf) in by_name.items():
        if not place.is_country and place.feature_code not in _VAST:
            point_of[key] = len(points)
            points.append((place.lat, place.lon, conf))
    return _Context(countries, regions, admins, points), point_of


def _drop_shadowed_regions(cands: tuple[Place, ...]) -> tuple[Place, ...]:
    """Pristina the district and Pristina the city: a bare name in news is the city."""
    towns = [p for p in cands if p.feature_class == "P"]
    if not towns:
        return cands
    keep = []
    for p in cands:
        if p.feature_code in ("ADM1", "ADM2") and any(
            t.country_code == p.country_code and fold(t.name) == fold(p.name)
            and distance_km(t.lat, t.lon, p.lat, p.lon) < _SHADOW_KM for t in towns
        ):
            continue
        keep.append(p)
    return tuple(keep)


def _names_a_region(m: Mention, cands: Sequence[Place]) -> frozenset[str]:
    """The countries where the mention is a first-level region's own name (California,
    Washington: the US)."""
    key = fold(m.text)
    return frozenset(p.country_code for p in cands if p.feature_code == "ADM1" and fold(p.name) == key)


class ContextResolver(Resolver):
    name = "context"

    def __init__(self, gazetteer, weights: Weights | None = None) -> None:
        super().__init__(gazetteer)
        self.w = weights or Weights()
        self._names: dict[str, tuple] = {}
        self._sentence_names: dict[str, tuple] = {}  # counties by their own names only

    def _prior(self, m: Mention, p: Place) -> float:
        w = self.w
        score = w.kind * KIND_PRIOR.get(p.feature_code, 0.0)
        if p.is_country:
            score += w.country
        elif p.feature_code == "ADM1":
            score += w.adm1
        score += w.population * math.log10(p.population + 1)
        if fold(p.name) == fold(m.text):
            score += w.own_name
        elif p.feature_code == "ADM2":
            score += w.adm2_alias
        return score

    def _textual(self, p: Place, ev: Evidence, key: str, qual: tuple[set, set],
                 peer: frozenset[str] = frozenset()) -> float:
        """Agreement with what the text names anywhere, and with a ", Region" qualifier.
        In ``peer`` countries (where the name is a region's own), a town of that name gains
        nothing from the regions the text names: beside Pennsylvania and Wisconsin,
        "California" is the state, not California, Pennsylvania; its county or a qualifier
        still tell."""
        w = self.w
        score = 0.0
        if p.country_code:
            score += w.text_country * ev.country_share(p.country_code, key)
        if p.admin1_code and not p.is_country:
            if not (p.country_code in peer and p.feature_code != "ADM1"):
                score += w.text_region * ev.relative("regions", (p.country_code, p.admin1_code), key)
            if p.admin2_code:
                score += w.text_county * ev.relative("counties", (p.country_code, p.admin1_code, p.admin2_code), key)
        countries, regions = qual
        if regions:
            if (p.country_code, p.admin1_code) in regions and not p.is_country:
                score += w.qualifier
        elif p.country_code in countries and not p.is_country:
            score += w.qualifier
        return score

    def _sentence(self, p: Place, sev: Evidence | None, key: str, county_only: bool = False,
                  counties: frozenset = frozenset()) -> float:
        """Agreement with the regions and counties the mention's own sentence names. With
        ``county_only`` (the name is also a state's or province's), the sentence must name
        the candidate's county: "Washington, Pennsylvania and California" is a list of
        states, "Ontario is a city in San Bernardino County, California" a town. A county's
        share is among ``counties``, those holding a candidate: "Greenfield is the seat of
        Adair County" names four Adair Counties but only Iowa's has a Greenfield."""
        if sev is None or p.is_country or p.feature_code == "ADM1" or not p.admin1_code:
            return 0.0
        w = self.w
        county = 0.0
        if p.admin2_code:
            votes = sev.share("counties", (p.country_code, p.admin1_code, p.admin2_code), key)
            total = sum(sev.share("counties", k, key) for k in counties)
            county = votes / total if total > 1e-9 else 0.0
        if county_only and county < 0.5:
            return 0.0
        # Only a sentence mostly about one region counts: in a list of states, a town
        # named like one of them ("Oregon, Missouri") gains nothing from the others.
        region = sev.fraction("regions", (p.country_code, p.admin1_code), key)
        score = w.sentence_region * region if region >= 0.5 else 0.0
        score += w.sentence_county * county if county >= 0.5 else 0.0
        return score

    def _contextual(self, p: Place, ctx: _Context, nearby: float, own_vote: tuple[str, float],
                    own_admin: tuple[tuple | None, float] = (None, 0.0),
                    peer: frozenset[str] = frozenset()) -> float:
        """Agreement with the other names of the article (the mention's own vote removed);
        ``peer`` as in ``_textual``."""
        w = self.w
        score = 0.0
        total = sum(ctx.countries.values()) - own_vote[1]
        if p.country_code and total > 1e-9:
            votes = ctx.countries[p.country_code] - (own_vote[1] if own_vote[0] == p.country_code else 0.0)
            score += w.same_country * max(0.0, votes) / total
        town_of_peer = p.country_code in peer and p.feature_code != "ADM1"
        if p.admin1_code and not p.is_country and not town_of_peer:
            score += w.same_region * min(1.0, ctx.regions[(p.country_code, p.admin1_code)])
        if p.feature_code == "ADM1":  # "Atlanta, Georgia": the region holding the article's towns
            score += w.contains_other * min(1.0, ctx.admins[(p.country_code, p.admin1_code)])
        elif p.feature_class == "P" and p.admin1_code and w.town_region and not town_of_peer:  # towns of one state
            k = (p.country_code, p.admin1_code)
            votes = ctx.admins[k] - (own_admin[1] if own_admin[0] == k else 0.0)
            score += w.town_region * min(1.0, max(0.0, votes))
        if not p.is_country and p.feature_code not in _VAST:
            score += w.nearby * nearby
        return score

    def _nearby(self, cs: Sequence[Place], ctx: _Context, own: int) -> list[float]:
        """Each candidate's closeness to the article's other places: their confidence-weighted
        mean of exp(-km / scale), one distance matrix for all candidates."""
        others = len(ctx.points) - (1 if 0 <= own < len(ctx.points) else 0)
        if not others:
            return [0.0] * len(cs)
        import numpy as np

        lat2, lon2, wt = (np.array(col, dtype=float) for col in zip(*ctx.points, strict=True))
        if 0 <= own < len(wt):
            wt[own] = 0.0  # the mention's own vote is not its context
        km = distance_matrix_km([p.lat for p in cs], [p.lon for p in cs], lat2, lon2)
        near = np.exp(-km / self.w.nearby_scale_km) @ wt
        return (near / max(1.0, float(wt.sum()))).tolist()

    @staticmethod
    def _softmax_top(scores: list[float]) -> tuple[int, float]:
        top = max(range(len(scores)), key=scores.__getitem__)
        z = sum(math.exp(s - scores[top]) for s in scores)
        return top, 1.0 / z

    def resolve(self, article: Article, mentions: Sequence[Mention]) -> list[Resolution]:
        ev = (text_evidence(self.gazetteer, article.text, self._names, self.w.lead_chars, self.w.lead_weight)
              if article.text else Evidence())
        cands = [_drop_shadowed_regions(expand_acronym(ev, m.text) or self.candidates(m)) for m in mentions]
        priors = [[self._prior(m, p) for p in cs] for m, cs in zip(mentions, cands, strict=True)]
        peers = [_names_a_region(m, cs) for m, cs in zip(mentions, cands, strict=True)]
        quals = [qualifier(self.gazetteer, article.text, m, bool(peer)) if cs else (set(), set())
                 for m, cs, peer in zip(mentions, cands, peers, strict=True)]
        by_sentence: dict[str, Evidence] = {}
        for m, cs in zip(mentions, cands, strict=True):
            if cs and m.sentence and m.sentence not in by_sentence:
                by_sentence[m.sentence] = text_evidence(self.gazetteer, m.sentence, self._sentence_names,
                                                        own_names=True)
        # One sense per article: a name's sentences are pooled, so "Stratford, named for
        # Stratford-upon-Avon in England" does not send one mention of the town abroad.
        # The pool is the sum over the sentences divided by the geometric mean of their
        # number and the number that name a candidate's region: the plain mean let nine
        # sentences that name none ("the population of Stamford rose") drown the one that
        # does ("Stamford is a city in Fairfield County, Connecticut"); the mean over the
        # naming ones alone let one list ("Cornwall and Kent") outvote an article's context.
        # Fixed per name, so added to the priors once rather than in every pass.
        pooled: dict[tuple, list] = {}
        names = [(fold(m.text), tuple(p.id for p in cs)) for m, cs in zip(mentions, cands, strict=True)]
        for m, cs, name in zip(mentions, cands, names, strict=True):
            if cs:
                county_only = any(p.feature_code == "ADM1" for p in cs)
                counties = frozenset((p.country_code, p.admin1_code, p.admin2_code) for p in cs if p.admin2_code)
                terms = [self._sentence(p, by_sentence.get(m.sentence), name[0], county_only, counties)
                         for p in cs]
                acc = pooled.setdefault(name, [[0.0] * len(cs), 0, 0])
                acc[0] = [a + t for a, t in zip(acc[0], terms, strict=True)]
                acc[1] += 1
                acc[2] += any(terms)
        pooled_terms = {name: [t / math.sqrt(n * max(1, ev)) for t in total]
                        for name, (total, n, ev) in pooled.items()}
        priors = [[prior + pooled_terms[name][i] for i, prior in enumerate(ps)] if ps else ps
                  for name, ps in zip(names, priors, strict=True)]
        winners = [self._softmax_top(ps) if ps else None for ps in priors]
        scores: list[list[float]] = []
        # Each pass takes its context from the places the one before chose.
        for _ in range(max(1, self.w.passes - 1)):
            scores = self._pass(mentions, cands, priors, quals, peers, winners, ev)
            winners = [self._softmax_top(sc) if sc else None for sc in scores]
        out = []
        for m, cs, sc, win in zip(mentions, cands, scores, winners, strict=True):
            if win is None:
                out.append(Resolution(m, None, 0.0, 0))
                continue
            top, conf = win
            out.append(Resolution(m, cs[top], round(conf, 3), len(cs), {"score": round(sc[top], 3)}))
        return out

    def _pass(self, mentions, cands, priors, quals, peers, winners, ev: Evidence) -> list[list[float]]:
        # Context from the winners, one vote per distinct name so a name repeated twenty
        # times does not drown the rest.
        by_name: dict[str, tuple[Place, float]] = {}
        for m, cs, f in zip(mentions, cands, winners, strict=True):
            if f is not None:
                key = fold(m.text)
                if key not in by_name or by_name[key][1] < f[1]:
                    by_name[key] = (cs[f[0]], f[1])
        ctx, point_of = _context(by_name)
        done: dict[tuple, list[float]] = {}
        out = []
        for m, cs, ps, qual, peer in zip(mentions, cands, priors, quals, peers, strict=True):
            if not cs:
                out.append([])
                continue
            key = fold(m.text)
            # A name repeated with the same qualifier and candidates scores the same (the
            # candidates can differ: "Spanish" as a people keeps the country alone).
            memo = (key, frozenset(qual[0]), frozenset(qual[1]), tuple(p.id for p in cs))
            if memo not in done:
                own = point_of.get(key, -1)
                voted = by_name.get(key)
                own_vote = (voted[0].country_code, voted[1]) if voted and voted[0].country_code else ("", 0.0)
                own_admin = ((voted[0].country_code, voted[0].admin1_code) if voted and voted[0].feature_class == "P"
                             else None, voted[1] if voted else 0.0)
                near = self._nearby(cs, ctx, own)
                done[memo] = [self._contextual(p, ctx, nb, own_vote, own_admin, peer)
                              + self._textual(p, ev, key, qual, peer)
                              for p, nb in zip(cs, near, strict=True)]
            # The prior is the mention's own (its sentence's evidence is in it).
            out.append([prior + sc for prior, sc in zip(ps, done[memo], strict=True)])
        return out

