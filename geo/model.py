"""Plain data objects passed between the pipeline's stages."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # geopandas loads only when a run reads boundaries
    import geopandas as gpd

# Open waters: named as places in the news ("in the Black Sea", "through the Strait of
# Hormuz") though they lie in no country.
MARINE_CODES = frozenset({"OCN", "SEA", "GULF", "STRT", "CHN"})
# Continents, macro-regions and open waters: like countries, notable for what they are,
# whatever their population.
_EXPANSE_CODES = MARINE_CODES | {"CONT", "RGN"}
# The administrative units whose codes say what lies in them, by level below the country (0).
_UNIT_LEVELS = {"ADM1": 1, "ADM2": 2}


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a named place with a point and its administrative context."""

    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str = ""
    population: int = 0
    geonameid: int | None = None
    admin1_code: str = ""
    admin2_code: str = ""
    admin1: str = ""
    admin2: str = ""
    source: str = ""
    id: int = 0

    # Kept once known (a frozen dataclass's own dict, beside its fields): resolution and recognition
    # ask these of the same places hundreds of thousands of times an article batch.
    @cached_property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A"

    @property
    def is_marine(self) -> bool:
        return self.feature_code in MARINE_CODES

    @cached_property
    def is_expanse(self) -> bool:
        """A country, continent, macro-region or open water."""
        return self.is_country or self.feature_code in _EXPANSE_CODES

    @property
    def unit_level(self) -> int | None:
        """The level of the administrative unit this place is, by its feature code: 0 a country,
        1 a first-level unit (ADM1), 2 a second-level one (ADM2); None for any other place."""
        return 0 if self.is_country else _UNIT_LEVELS.get(self.feature_code)

    def in_unit(self, unit: Place, level: int | None = None) -> bool:
        """Whether this place's administrative codes put it in ``unit``: the same country code and,
        down to ``level`` (by default the unit's own, ``unit_level``), the same first-level (1) and
        second-level (2) codes; a place of no level holds nothing by its codes. The codes alone:
        whether a unit holds itself or its peers, or needs its own code known, is the caller's to say."""
        level = unit.unit_level if level is None else level
        return level is not None and self.country_code == unit.country_code \
            and (level < 1 or self.admin1_code == unit.admin1_code) \
            and (level < 2 or self.admin2_code == unit.admin2_code)


@dataclass(frozen=True)
class Mention:
    """A stretch of an article's text that names a place."""

    article_id: str
    text: str
    start: int
    end: int
    label: str
    sentence: str = ""
    sentence_start: int = 0
    # A vague or relative phrase around the name: "northern Kosovo" has modifier "north"
    # and phrase "northern Kosovo"; "12 km north of Zvečan" has modifier "12 km north".
    # Border mentions ("the Kosovo–Serbia border") name their places in ``anchors``.
    modifier: str = ""
    phrase: str = ""
    anchors: tuple[str, ...] = ()
    # The kind of place a word after the name makes it, as a GeoNames feature code: "the
    # Preševo Valley" VAL, "the Jarinje crossing" PSTB, "the Ibar river" STM ("" for none).
    kind: str = ""
    # The place's name when the text misspells it by a letter ("Zubik Potok": "Zubin Potok").
    reads: str = ""


@dataclass(frozen=True)
class Resolution:
    """A mention with the place it was resolved to (``None``: no answer)."""

    mention: Mention
    place: Place | None
    confidence: float = 0.0
    candidates: int = 0
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    # What the mention means on the ground (a point, a polygon, a border line) and how far
    # from it the true place may be; set by the geometry stage.
    geometry: object = field(default=None, compare=False, hash=False)
    uncertainty_km: float | None = None

    @property
    def geometry_type(self) -> str | None:
        return getattr(self.geometry, "geom_type", None)


@dataclass(frozen=True)
class Layer:
    """A boundary layer: polygons in EPSG:4326 with a ``name`` column (and ``code`` if known),
    at an administrative level (0 for countries)."""

    name: str
    level: int
    frame: gpd.GeoDataFrame
    path: Path | None = None


# -- the mention schema -----------------------------------------------------------------------
# One row per resolved mention is what the pipeline hands to every output: the pipeline's
# frame, the store's ``mentions`` layer and ``geo geocode --json`` all derive from this table.

@dataclass(frozen=True)
class Field:
    """A column of the mention schema: its name, its Python type, what it describes
    (``article``, ``mention``, ``place``, ``resolution``, ``geometry`` or ``boundaries``: the
    last the spatial join adds), and whether ``geo geocode --json`` writes it."""

    name: str
    type: type
    of: str
    geocode: bool = False


MENTION_SCHEMA: tuple[Field, ...] = (
    Field("article_id", str, "article", geocode=True),
    Field("title", str, "article"),
    Field("date", str, "article"),
    Field("url", str, "article"),
    Field("text", str, "mention", geocode=True),
    Field("start", int, "mention", geocode=True),
    Field("end", int, "mention", geocode=True),
    Field("label", str, "mention", geocode=True),
    Field("sentence", str, "mention"),
    Field("sentence_start", int, "mention"),
    Field("name", str, "place", geocode=True),
    Field("lat", float, "place", geocode=True),
    Field("lon", float, "place", geocode=True),
    Field("geonameid", int, "place", geocode=True),
    Field("feature_class", str, "place", geocode=True),
    Field("feature_code", str, "place", geocode=True),
    Field("country_code", str, "place", geocode=True),
    Field("admin1", str, "place", geocode=True),
    Field("admin2", str, "place", geocode=True),
    Field("population", int, "place"),
    Field("confidence", float, "resolution", geocode=True),
    Field("candidates", int, "resolution", geocode=True),
    Field("modifier", str, "mention"),
    Field("phrase", str, "mention"),
    Field("geometry_type", str, "geometry"),
    Field("uncertainty_km", float, "geometry"),
    Field("adm0", str, "boundaries"),
    Field("adm1", str, "boundaries"),
    Field("adm2", str, "boundaries"),
    Field("adm3", str, "boundaries"),
)
# The columns the pipeline makes (the spatial join adds the ``boundaries`` ones).
MENTION_COLUMNS: list[str] = [f.name for f in MENTION_SCHEMA if f.of != "boundaries"]
# What ``geo geocode --json`` writes for each mention, resolved or not, then the place's source.
GEOCODE_FIELDS: list[str] = [f.name for f in MENTION_SCHEMA if f.geocode] + ["source"]


# An incident: what happened (the event's fields), when, from which article and sentence,
# where (``place_basis``: how its place was chosen; ``geo_precision``: 1 the town itself, 2 near
# it or a district, 3 a province, region, border, country or larger), then its place's
# fields as the mention schema has them (``place_confidence`` is the resolution's). Merged
# across articles, an incident also has ``sources`` and ``n_sources``.
INCIDENT_SCHEMA: tuple[Field, ...] = (
    Field("incident_id", str, "incident"),
    Field("date", str, "incident"),
    Field("date_precision", str, "incident"),
    Field("date_text", str, "incident"),
    Field("background", bool, "incident"),
    Field("event_type", str, "incident"),
    Field("sub_event_type", str, "incident"),
    Field("evidence", list, "incident"),
    Field("confidence", float, "incident"),
    Field("actors", list, "incident"),
    Field("fatalities", int, "incident"),
    Field("fatalities_text", str, "incident"),
    Field("injuries", int, "incident"),
    Field("injuries_text", str, "incident"),
    Field("sentence", str, "incident"),
    Field("sentence_start", int, "incident"),
    Field("place_basis", str, "incident"),
    Field("geo_precision", int, "incident"),
    Field("places_mentioned", list, "incident"),
    Field("article_id", str, "article"),
    Field("title", str, "article"),
    Field("url", str, "article"),
    Field("published", str, "article"),
    *(f for f in MENTION_SCHEMA if f.of not in ("article",) and f.name not in ("sentence", "sentence_start",
                                                                               "confidence")),
    Field("place_confidence", float, "resolution"),
)
INCIDENT_COLUMNS: list[str] = [f.name for f in INCIDENT_SCHEMA if f.of != "boundaries"]


def mention_record(article_id: str, title: str | None, date: str | None, url: str | None,
                   r: Resolution) -> dict[str, object]:
    """One mention as a record of the schema's pipeline columns (and the place's ``source``);
    the place's fields are None when it has no place."""
    m, p = r.mention, r.place
    return {
        "article_id": article_id, "title": title, "date": date, "url": url,
        "text": m.text, "start": m.start, "end": m.end, "label": m.label,
        "sentence": m.sentence, "sentence_start": m.sentence_start,
        "name": p.name if p else None, "lat": p.lat if p else None, "lon": p.lon if p else None,
        "geonameid": p.geonameid if p else None, "feature_class": p.feature_class if p else None,
        "feature_code": p.feature_code if p else None, "country_code": p.country_code if p else None,
        "admin1": p.admin1 if p else None, "admin2": p.admin2 if p else None,
        "population": p.population if p else None,
        "confidence": r.confidence, "candidates": r.candidates,
        "modifier": m.modifier, "phrase": m.phrase,
        "geometry_type": (r.geometry_type or "Point") if p else None, "uncertainty_km": r.uncertainty_km,
        "source": p.source if p else None,
    }


def plain(value: object, missing: object = None) -> object:
    """A value as plain JSON-ready Python: numpy scalars as Python numbers; None, NaN and
    infinities (pandas' missing values) as ``missing``."""
    if value is None:
        return missing
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return missing
    return value


def salient_countries(resolutions: Sequence[Resolution]) -> list[str]:
    """The countries of an article's resolved places, most mentioned first (weighted by
    confidence): the pair a bare "the border" runs between, for instance."""
    counts: dict[str, float] = {}
    for r in resolutions:
        if r.place and r.place.country_code:
            counts[r.place.country_code] = counts.get(r.place.country_code, 0.0) + r.confidence
    return sorted(counts, key=counts.__getitem__, reverse=True)
