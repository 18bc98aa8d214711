"""Plain data objects passed between the pipeline's stages."""

from __future__ import annotations

from dataclasses import dataclass, field
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

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A"

    @property
    def is_marine(self) -> bool:
        return self.feature_code in MARINE_CODES

    @property
    def is_expanse(self) -> bool:
        """A country, continent, macro-region or open water."""
        return self.is_country or self.feature_code in _EXPANSE_CODES


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
