"""The whole pipeline: articles in, mentions, resolution, boundaries, a frame out.

Each stage is its own package (``recognition``, ``resolution``) or module
(``boundaries``); this module only wires them together.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geo import config
from geo.articles import Article
from geo.gazetteer import open_gazetteer
from geo.geodesy import WGS84
from geo.model import Resolution
from geo.recognition.base import Recognizer
from geo.resolution import RESOLVERS, Resolver

if TYPE_CHECKING:  # geopandas, spaCy and the geometry stage load only when a run needs them
    import geopandas as gpd

    from geo.geometry import GeometryStage

# The columns every mention row has, in the order outputs write them.
MENTION_COLUMNS = [
    "article_id", "title", "date", "url", "text", "start", "end", "label", "sentence", "sentence_start",
    "name", "lat", "lon", "geonameid", "feature_class", "feature_code", "country_code",
    "admin1", "admin2", "population", "confidence", "candidates",
    "modifier", "phrase", "geometry_type", "uncertainty_km",
]


@dataclass
class Geocoded:
    """What the pipeline found: per article, one resolution per mention."""

    articles: list[Article]
    resolutions: list[list[Resolution]]

    def mentions_frame(self, layers=None) -> gpd.GeoDataFrame:
        """One row per resolved mention, a point geometry each, joined to boundaries."""
        import geopandas as gpd
        from shapely import points
        from shapely.geometry import Point

        from geo.boundaries import join_boundaries

        rows, shapes = [], []
        for article, resolutions in zip(self.articles, self.resolutions, strict=True):
            for r in resolutions:
                if r.place is None:
                    continue
                m, p = r.mention, r.place
                rows.append({
                    "article_id": article.id, "title": article.title,
                    "date": article.date.isoformat() if article.date else None, "url": article.url,
                    "text": m.text, "start": m.start, "end": m.end, "label": m.label,
                    "sentence": m.sentence, "sentence_start": m.sentence_start,
                    "name": p.name, "lat": p.lat, "lon": p.lon,
                    "geonameid": p.geonameid, "feature_class": p.feature_class,
                    "feature_code": p.feature_code, "country_code": p.country_code,
                    "admin1": p.admin1, "admin2": p.admin2, "population": p.population,
                    "confidence": r.confidence, "candidates": r.candidates,
                    "modifier": m.modifier, "phrase": m.phrase,
                    "geometry_type": r.geometry_type or "Point", "uncertainty_km": r.uncertainty_km,
                })
                shapes.append(r.geometry if r.geometry is not None else Point(p.lon, p.lat))
        # The active geometry is the place's point (markers, spatial joins); ``shape`` is what
        # the mention means on the ground (a polygon, a part of one, a border line, a point).
        frame = gpd.GeoDataFrame(
            rows, columns=MENTION_COLUMNS,
            geometry=points([r["lon"] for r in rows], [r["lat"] for r in rows]) if rows else [],
            crs=WGS84,
        )
        frame["shape"] = gpd.GeoSeries(shapes, index=frame.index, crs=WGS84)
        if layers and len(frame):
            frame = join_boundaries(frame, layers)
        return frame

    def incidents_frame(self, layers=None, lexicon=None) -> gpd.GeoDataFrame:
        """One row per incident and place it names (``geo.incidents``), with the place's
        columns, merged across the articles that report it."""
        from geo.incidents import incidents_from_mentions

        return incidents_from_mentions(self.mentions_frame(layers), lexicon)


class Pipeline:
    """Recognition then resolution, with the gazetteer and spaCy pipeline loaded once."""

    def __init__(self, *, data_dir: Path | None = None, model: str | None = None,
                 resolver: str = "context", recognizer: Recognizer | None = None,
                 boundaries: Sequence[Path] = (), online: str | None = None,
                 online_domain: str | None = None) -> None:
        self.data_dir = data_dir or config.data_dir()
        self.boundaries = [Path(b) for b in boundaries]
        self.gazetteer = open_gazetteer(config.gazetteer_path(self.data_dir))
        self._recognizer = recognizer
        self._model = model
        self.resolver: Resolver = RESOLVERS[resolver](self.gazetteer)
        if online:  # the names the gazetteer lacks, asked of an online geocoder (cached in data_dir)
            from geo.resolution.online import online_resolver

            self.resolver = online_resolver(self.resolver, online, data_dir=self.data_dir, domain=online_domain)
        self._layers = None
        self._geometry: GeometryStage | None = None

    @property
    def recognizer(self) -> Recognizer:
        if self._recognizer is None:
            from geo.recognition.spacy_recognizer import SpacyRecognizer

            self._recognizer = SpacyRecognizer(self._model, self.gazetteer.path)
        return self._recognizer

    def use_recognizer(self, recognizer: Recognizer) -> None:
        self._recognizer = recognizer

    def run(self, articles: Sequence[Article], geometry: bool = True) -> Geocoded:
        """Recognise and resolve; with ``geometry``, also give each place its shape (this
        reads the boundary layers: ``geo geocode`` does without)."""
        articles = list(articles)
        mentions = self.recognizer.recognize(articles)
        resolved = self.resolver.resolve_all(articles, mentions)
        if geometry:
            resolved = [self.geometry.apply(a, rs) for a, rs in zip(articles, resolved, strict=True)]
        return Geocoded(articles, resolved)

    def run_batches(self, articles: Sequence[Article], batch_size: int = 64) -> Iterator[Geocoded]:
        """The pipeline over consecutive batches, so callers can write (and show progress)
        as they go; spaCy still sees each batch as one ``nlp.pipe`` stream."""
        articles = list(articles)
        for i in range(0, len(articles), batch_size):
            yield self.run(articles[i:i + batch_size])

    def layers(self) -> list:
        """Boundary layers (countries first, then installed ones, then this run's own
        ``boundaries`` files, whose level is the ADMn in their name or else 1), read once."""
        if self._layers is None:
            from geo.boundaries import LEVEL_IN_NAME, installed_layers, read_layer
            from geo.gazetteer.names import display_name

            extra = [read_layer(p, level=None if LEVEL_IN_NAME.search(p.stem) else 1) for p in self.boundaries]
            for layer in extra:  # "Municipality of Leposaviq" -> "Leposavić", as installed layers are
                layer.frame["name"] = layer.frame["name"].map(display_name)
            self._layers = installed_layers(self.data_dir) + sorted(extra, key=lambda lay: lay.level)
        return self._layers

    @property
    def geometry(self) -> GeometryStage:
        if self._geometry is None:
            from geo.geometry import GeometryStage

            self._geometry = GeometryStage(self.layers(), self.gazetteer)
        return self._geometry
