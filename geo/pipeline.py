"""The whole pipeline: articles in, mentions, resolution, geometry, boundaries, a frame out.

Each stage is its own package (``recognition``, ``resolution``, ``geometry``) or module
(``boundaries``). This module holds what they are built from, one ``PipelineSpec`` that the
CLI, the Dask workers and ``geo eval`` all build a ``Pipeline`` from, and runs them in
order: recognise, resolve, then give each place its geometry and join it to the run's
boundary layers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from geo import config
from geo.articles import Article
from geo.errors import InputError
from geo.gazetteer import open_gazetteer
from geo.geodesy import WGS84
from geo.memory import freeze_loaded
from geo.model import INCIDENT_COLUMNS, MENTION_COLUMNS, Layer, Resolution, mention_record
from geo.recognition.base import Recognizer
from geo.resolution import RESOLVERS, Resolver

if TYPE_CHECKING:  # geopandas, spaCy and the geometry stage load only when a run needs them
    import geopandas as gpd

    from geo.geometry import GeometryStage
    from geo.incidents.events import EventTable
    from geo.incidents.stage import IncidentStage


@dataclass(frozen=True)
class PipelineSpec:
    """The options a pipeline is built from: what the CLI parses, what a Dask worker needs
    to build the same pipeline as the caller, what ``geo eval`` scores."""

    data_dir: Path | None = None
    model: str | None = None  # a spaCy pipeline's name (None: ``config.spacy_model()``)
    resolver: str = "context"
    fast: bool = False  # the gazetteer recogniser (``geo.recognition.fast``), no statistical model
    boundaries: tuple[Path, ...] = ()  # the run's own boundary files (``--boundaries``)
    online: str | None = None  # an online geocoder for the names the gazetteer lacks
    online_domain: str | None = None
    types_file: Path | None = None  # the user's own event types (``--types-file``), else the team's

    def check(self) -> PipelineSpec:
        """The spec itself, once its options are known to agree (an ``InputError`` names the
        option otherwise): checked before anything slow is loaded."""
        if self.resolver not in RESOLVERS:
            raise InputError(f"--resolver {self.resolver!r}: choose one of {', '.join(RESOLVERS)}")
        if self.fast and self.model:
            raise InputError("--fast runs no spaCy pipeline: drop --model or --fast")
        if self.online:
            from geo.resolution.online import service

            service(self.online)  # an unknown service is an InputError
        return self

    def portable(self) -> PipelineSpec:
        """The same spec with absolute paths, for workers that run elsewhere."""
        base = (self.data_dir or config.data_dir()).expanduser().resolve()
        return dataclasses.replace(self, data_dir=base, boundaries=tuple(Path(b).resolve() for b in self.boundaries),
                                   types_file=Path(self.types_file).resolve() if self.types_file else None)


@dataclass
class Geocoded:
    """What the pipeline found: per article, one resolution per mention and its incident
    records, and the boundary layers its places were given geometry against (none when the
    run made no geometry, nor incidents)."""

    articles: list[Article]
    resolutions: list[list[Resolution]]
    layers: Sequence[Layer] = ()
    incidents: list[list[dict]] | None = None

    def mentions_frame(self) -> gpd.GeoDataFrame:
        """One row per resolved mention (``geo.model.MENTION_COLUMNS``): the place's point
        as the geometry, what the mention means on the ground in ``shape``, joined to the
        run's boundary layers (``adm0``, ``adm1``...)."""
        import geopandas as gpd
        from shapely import points
        from shapely.geometry import Point

        from geo.boundaries import join_boundaries

        rows, shapes = [], []
        for article, resolutions in zip(self.articles, self.resolutions, strict=True):
            date = article.date.isoformat() if article.date else None
            for r in resolutions:
                if r.place is None:
                    continue
                rows.append(mention_record(article.id, article.title, date, article.url, r))
                shapes.append(r.geometry if r.geometry is not None else Point(r.place.lon, r.place.lat))
        # The active geometry is the place's point (markers, spatial joins); ``shape`` is what
        # the mention means on the ground (a polygon, a part of one, a border line, a point).
        frame = gpd.GeoDataFrame(
            rows, columns=MENTION_COLUMNS,
            geometry=points([r["lon"] for r in rows], [r["lat"] for r in rows]) if rows else [],
            crs=WGS84,
        )
        frame["shape"] = gpd.GeoSeries(shapes, index=frame.index, crs=WGS84)
        if self.layers and len(frame):
            frame = join_boundaries(frame, list(self.layers))
        return frame

    def incidents_frame(self) -> gpd.GeoDataFrame:
        """One row per incident and place it happened at (``geo.model.INCIDENT_COLUMNS``),
        per article (``geo.incidents.merge_incidents`` merges the same incident across
        articles), joined to the run's boundary layers like the mentions."""
        return incident_frame([r for records in self.incidents or () for r in records], self.layers)


def incident_frame(records: Sequence[dict], layers: Sequence[Layer] = ()) -> gpd.GeoDataFrame:
    """Incident records as a frame: the place's point as the geometry, what the place means
    on the ground in ``shape``, joined to ``layers``."""
    import geopandas as gpd
    from shapely import points
    from shapely.geometry import Point

    from geo.boundaries import join_boundaries

    shapes = [r.get("shape") if r.get("shape") is not None else Point(r["lon"], r["lat"]) for r in records]
    frame = gpd.GeoDataFrame(
        [{c: r.get(c) for c in INCIDENT_COLUMNS} for r in records], columns=INCIDENT_COLUMNS,
        geometry=points([r["lon"] for r in records], [r["lat"] for r in records]) if records else [], crs=WGS84,
    )
    frame["shape"] = gpd.GeoSeries(shapes, index=frame.index, crs=WGS84)
    if layers and len(frame):
        frame = join_boundaries(frame, list(layers))
    return frame


class Pipeline:
    """Recognition, resolution and geometry, with the gazetteer, the spaCy pipeline and the
    boundary layers each loaded once, on first use."""

    def __init__(self, spec: PipelineSpec | None = None, *, recognizer: Recognizer | None = None,
                 **options) -> None:
        """``Pipeline(spec)``, or ``Pipeline(data_dir=..., resolver=...)`` with the spec's
        fields as keywords; ``recognizer`` replaces the one the spec names."""
        self.spec = (spec or PipelineSpec(**options)).check()
        self.data_dir = self.spec.data_dir or config.data_dir()
        self.gazetteer = open_gazetteer(config.gazetteer_path(self.data_dir))
        self._recognizer = recognizer
        self.resolver: Resolver = RESOLVERS[self.spec.resolver](self.gazetteer)
        if self.spec.online:  # the names the gazetteer lacks, asked of an online geocoder (cached in data_dir)
            from geo.resolution.online import online_resolver

            self.resolver = online_resolver(self.resolver, self.spec.online, data_dir=self.data_dir,
                                            domain=self.spec.online_domain)
        self._layers: list[Layer] | None = None
        self._geometry: GeometryStage | None = None
        self._incidents: IncidentStage | None = None

    @classmethod
    def from_spec(cls, spec: PipelineSpec) -> Pipeline:
        return cls(spec)

    @property
    def recognizer(self) -> Recognizer:
        if self._recognizer is None:
            from geo.incidents.places import event_words

            cues = event_words(event_table(self.spec))  # the event table's verbs, for recognition's cues

            if self.spec.fast:
                from geo.recognition.fast import FastRecognizer
                from geo.recognition.spacy_recognizer import read_organisations

                self._recognizer = FastRecognizer(self.gazetteer, read_organisations(), event_words=cues)
            else:
                from geo.recognition.spacy_recognizer import SpacyRecognizer

                self._recognizer = SpacyRecognizer(self.spec.model, self.gazetteer.path, event_words=cues)
            freeze_loaded()
        return self._recognizer

    def run(self, articles: Sequence[Article], geometry: bool = True) -> Geocoded:
        """Recognise and resolve; with ``geometry``, also give each place its shape and
        the run's boundary layers, and find the incidents (``geo geocode`` does without)."""
        articles = list(articles)
        mentions = self.recognizer.recognize(articles)
        resolved = self.resolver.resolve_all(articles, mentions)
        if not geometry:
            return Geocoded(articles, resolved)
        resolved = [self.geometry.apply(a, rs) for a, rs in zip(articles, resolved, strict=True)]
        return Geocoded(articles, resolved, self.layers(), self.incidents.apply(articles, resolved))

    def run_batches(self, articles: Sequence[Article], batch_size: int = 64) -> Iterator[Geocoded]:
        """The pipeline over consecutive batches, so callers can write (and show progress)
        as they go; spaCy still sees each batch as one ``nlp.pipe`` stream."""
        articles = list(articles)
        for i in range(0, len(articles), batch_size):
            yield self.run(articles[i:i + batch_size])

    def layers(self) -> list[Layer]:
        """The run's boundary layers (``geo.boundaries.run_layers``), read once."""
        if self._layers is None:
            from geo.boundaries import run_layers

            self._layers = run_layers(self.data_dir, self.spec.boundaries)
            freeze_loaded()
        return self._layers

    @property
    def incidents(self) -> IncidentStage:
        if self._incidents is None:
            from geo.incidents.events import EventReader
            from geo.incidents.stage import IncidentStage

            # The statistical parser reads the sentences a trigger marked, except with --fast.
            self._incidents = IncidentStage(EventReader(event_table(self.spec), parse=not self.spec.fast))
            freeze_loaded()
        return self._incidents

    @property
    def geometry(self) -> GeometryStage:
        if self._geometry is None:
            from geo.geometry import GeometryStage

            self._geometry = GeometryStage(self.layers(), self.gazetteer)
            freeze_loaded()
        return self._geometry


def stored(store: Path, layers: Sequence[Layer], layer: str = "mentions") -> gpd.GeoDataFrame:
    """What ``geo ingest`` stored (``mentions`` or ``incidents``, per article), as the
    pipeline makes it, joined again to ``layers`` (the run's layers decide the regions a map
    counts, whatever the ingest had)."""
    import logging

    from geo.boundaries import join_boundaries
    from geo.store import Store

    with Store(store, create=False) as st:
        frame = st.mentions() if layer == "mentions" else st.incidents()
        missing = st.missing_incidents() if layer == "incidents" else 0
    if missing:
        logging.getLogger("geo").warning("%s: %d articles were ingested by an older geo and have no incidents; "
                                         "ingest them again into a new store to map them", store, missing)
    return join_boundaries(frame, list(layers)) if len(frame) and layers else frame


def event_table(spec: PipelineSpec) -> EventTable:
    """The event types a run types incidents by: ``--types-file``, else the team's table. One
    table per file and version: recognition, incidents and the map share it."""
    from geo.incidents.events import default_event_table

    if not spec.types_file:
        return default_event_table()
    path = Path(spec.types_file)
    try:
        version = path.stat().st_mtime_ns
    except OSError:
        version = None  # read_event_table names the file and the problem
    return _users_event_table(path, version)


@lru_cache(maxsize=8)
def _users_event_table(path: Path, version: int | None) -> EventTable:
    from geo.incidents.events import read_event_table

    return read_event_table(path)


def stored_incidents(store: Path, layers: Sequence[Layer]) -> gpd.GeoDataFrame:
    """The incidents a map of the store draws: merged across articles, background left off."""
    from geo.incidents.merge import merge_incidents
    from geo.incidents.selection import Selection

    return Selection().incidents(merge_incidents(stored(store, layers, "incidents")))
