"""Stage 4: what each resolved mention means on the ground.

Countries and macro-regions become their polygons, places from boundary layers their
polygon in that layer, towns a point with an uncertainty from their size. Then the
mention's own words adjust it: "northern Kosovo" is the north of Kosovo's polygon (the
municipalities there when an ADM layer is installed), "near Zvečan" is Zvečan's point with
a wider radius, "12 km north of Mitrovica" a point 12 km north, and a border mention is the
line two countries share (the two it names, else the article's two most salient neighbours).
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Sequence

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.articles import Article
from geo.folding import fold
from geo.gazetteer import Gazetteer
from geo.gazetteer.countries import outline_tolerance, outlines, simplified
from geo.geodesy import radius_km
from geo.geometry.parts import BEARINGS, directional_part, offset_point, shared_border
from geo.model import Layer, Place, Resolution, salient_countries

# Uncertainty of a point by kind (km) where the place has no polygon.
_POINT_KM = {"CONT": 2000.0, "RGN": 500.0, "ADM1": 60.0, "ADM2": 15.0, "ADM3": 8.0, "PCLI": 200.0,
             "OCN": 3000.0, "SEA": 300.0, "GULF": 200.0, "BAY": 100.0, "STRT": 20.0, "CHN": 50.0,
             "CNL": 50.0, "LK": 30.0}
# How wide a town's point is taken to be when the text makes it another kind of place ("the
# Preševo Valley", "the Ibar river in Zvečan", "the Jarinje crossing": Mention.kind) and the
# gazetteer has no entry of that kind: a valley or a river reaches well beyond the town.
_KIND_KM = {"VAL": 15.0, "STM": 25.0, "CNL": 15.0, "GRGE": 10.0, "LK": 5.0, "RSV": 5.0, "PSTB": 2.0, "MSTY": 2.0,
            "AIRP": 3.0, "DAM": 3.0, "BDG": 1.0, "MN": 3.0, "PS": 3.0}
_NEAR_KM = {"near": 10.0, "outside": 15.0}
_ADMIN_UNITS = ("ADM1", "ADM2")
_OF_KM = 15.0  # "north of Mitrovica" names no distance
# "12 km north of X": a point that far, uncertain by a fifth of the distance (at least 2 km).
_OFFSET_SHARE, _OFFSET_MIN_KM = 0.2, 2.0
BORDER_CODE = "BORDER"
# A border line drawn between the countries a phrase names (or the article's two most
# salient neighbours): how sure it is when the phrase itself had no score, and how far the
# true line may lie from the drawn one (the 200 m polygons, and layers that do not meet).
_BORDER_CONFIDENCE = 0.8
_BORDER_KM = 2.0


def point_uncertainty_km(place: Place) -> float:
    if place.feature_code in _POINT_KM:
        return _POINT_KM[place.feature_code]
    if place.feature_class == "P":
        return round(min(30.0, 1.0 + math.sqrt(max(place.population, 0)) / 100), 1)
    return 5.0


class GeometryStage:
    def __init__(self, layers: Sequence[Layer], gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # Country polygons at 200 m by ISO code, and the outline each is drawn with whole:
        # both made at ``geo data build`` (the first of duplicate codes wins).
        self.countries: dict[str, BaseGeometry] = {}
        self._outlines: dict[int, BaseGeometry] = {}  # id(whole polygon) -> its outline
        countries = layers[0].frame if layers else None
        if countries is not None:
            simple = countries["simplified"] if "simplified" in countries else simplified(countries.geometry.values)
            drawn = countries["outline"] if "outline" in countries else outlines(simple)
            for code, geom, outline in zip(countries["code"], simple, drawn, strict=True):
                if code and code not in self.countries:
                    self.countries[code] = geom
                    self._outlines[id(geom)] = outline
        self.layers = {lay.name: lay for lay in layers[1:]}
        # A layer's polygons by folded name, for the places its names were indexed as.
        self._layer_shapes: dict[tuple[str, str], BaseGeometry] = {}
        for lay in layers[1:]:
            for name, geom in zip(lay.frame["name"].map(fold), lay.frame.geometry, strict=True):
                self._layer_shapes.setdefault((lay.name, name), geom)
        # Subdivisions for "northern X": the finest installed layer's polygons.
        finest = max((lay.level for lay in layers[1:]), default=0)
        self.subdivisions = [g for lay in layers[1:] if lay.level == finest and finest > 0
                             for g in lay.frame.geometry]
        self._region_shapes: dict[str, BaseGeometry | None] = {}
        # Shared borders by country pair, and place shapes by place: each is computed once a run.
        self._borders: dict[frozenset, BaseGeometry | None] = {}
        self._shapes: dict[Place, tuple[BaseGeometry, float]] = {}
        self._units: dict[tuple[str, str], float | None] = {}
        try:
            self.regions: dict[str, list[str]] = json.loads(gazetteer.meta().get("regions", "{}"))
        except ValueError:
            self.regions = {}

    # -- the shape a place has --------------------------------------------------------------
    def place_shape(self, place: Place) -> tuple[BaseGeometry, float]:
        if place not in self._shapes:  # places are frozen dataclasses: their own key
            self._shapes[place] = self._place_shape(place)
        return self._shapes[place]

    def _place_shape(self, place: Place) -> tuple[BaseGeometry, float]:
        point = Point(place.lon, place.lat)
        shape: BaseGeometry | None = None
        if place.is_country:
            shape = self.countries.get(place.country_code)
        elif place.feature_code == "RGN" and place.name in self.regions:
            if place.name not in self._region_shapes:  # a union takes a while: once per region
                members = [self.countries[c] for c in self.regions[place.name] if c in self.countries]
                self._region_shapes[place.name] = shapely.union_all([m.buffer(0) for m in members]) \
                    if members else None
            shape = self._region_shapes[place.name]
        elif place.source.startswith("boundaries:"):
            shape = self._layer_shapes.get((place.source.split(":", 1)[1], fold(place.name)))
        if shape is None or shape.is_empty:
            return point, self._unit_km(place) or point_uncertainty_km(place)
        if place.feature_code == "RGN" and id(shape) not in self._outlines:
            self._outlines[id(shape)] = shapely.simplify(shape, outline_tolerance(shape), preserve_topology=True)
        return shape, round(radius_km(shape), 1)

    def _unit_km(self, place: Place) -> float | None:
        """An administrative unit without a polygon is as wide as its country's units are on
        average: the radius of the country's area shared among them (a Kosovo municipality
        about 10 km, a US state some 240 km; GeoNames codes Kosovo's municipalities as ADM1)."""
        if place.feature_code not in _ADMIN_UNITS or place.country_code not in self.countries:
            return None
        key = (place.country_code, place.feature_code)
        if key not in self._units:
            n = self.gazetteer.count(*key)
            self._units[key] = round(radius_km(self.countries[place.country_code]) / math.sqrt(n), 1) if n else None
        return self._units[key]

    # -- the mention's words ----------------------------------------------------------------
    def _modified(self, place: Place, shape: BaseGeometry, km: float, modifier: str) -> tuple[BaseGeometry, float]:
        if modifier in _NEAR_KM:
            return Point(place.lon, place.lat), round(km + _NEAR_KM[modifier], 1) if shape.geom_type == "Point" \
                else round(km, 1)
        m = re.fullmatch(r"(\d+(?:\.\d+)?) km ([a-z-]+)", modifier)
        if m and m.group(2) in BEARINGS:
            dist = float(m.group(1))
            return offset_point(place.lat, place.lon, m.group(2), dist), round(
                (km if shape.geom_type == "Point" else 0) + max(_OFFSET_MIN_KM, _OFFSET_SHARE * dist), 1)
        m = re.fullmatch(r"(\d+(?:\.\d+)?) km from", modifier)
        if m:  # "30 km from X": somewhere on a circle that wide around X
            return Point(place.lon, place.lat), round((km if shape.geom_type == "Point" else 0) + float(m.group(1)), 1)
        m = re.fullmatch(r"([a-z-]+) of", modifier)
        if m and m.group(1) in BEARINGS:
            reach = (km if shape.geom_type != "Point" else 0) + _OF_KM
            return offset_point(place.lat, place.lon, m.group(1), reach), round(reach, 1)
        if (modifier in BEARINGS or modifier == "central") and shape.geom_type in ("Polygon", "MultiPolygon"):
            part = directional_part(shape, modifier, self.subdivisions or None)
            if not part.is_empty:
                return part, round(radius_km(part), 1)
        return shape, km

    def _country_shape(self, name: str, article_places: dict[str, Place]) -> tuple[str, BaseGeometry] | None:
        place = article_places.get(fold(name))
        if place is None:
            found = [p for p in self.gazetteer.lookup(name) if p.is_country or p.feature_code == "RGN"]
            place = found[0] if found else None
        if place is None:
            return None
        shape, _ = self.place_shape(place)
        return (place.country_code or place.name, shape) if shape.geom_type != "Point" else None

    def _border(self, anchors: tuple[str, ...], salient: list[str],
                article_places: dict[str, Place]) -> tuple[str, str, BaseGeometry] | None:
        named = [s for s in (self._country_shape(a, article_places) for a in anchors) if s]
        candidates = [(c, self.countries[c]) for c in salient if c in self.countries]
        if len(named) >= 2:
            pairs = [(named[0], named[1])]
        elif len(named) == 1:
            pairs = [(named[0], c) for c in candidates if c[0] != named[0][0]]
        else:
            pairs = [(a, b) for i, a in enumerate(candidates) for b in candidates[i + 1:]]
        for (code_a, a), (code_b, b) in pairs:
            pair = frozenset((code_a, code_b))
            if pair not in self._borders:
                self._borders[pair] = shared_border(a, b)
            line = self._borders[pair]
            if line is not None:
                return code_a, code_b, line
        return None

    def apply(self, article: Article, resolutions: Sequence[Resolution]) -> list[Resolution]:
        salient = salient_countries(resolutions)
        article_places = {fold(r.mention.text): r.place for r in resolutions
                          if r.place is not None and (r.place.is_country or r.place.feature_code == "RGN")}
        out = []
        for r in resolutions:
            m = r.mention
            if m.label == "BORDER":
                found = self._border(m.anchors, salient, article_places)
                if found is None:
                    out.append(r)
                    continue
                a, b, line = found
                names = [self.gazetteer.country(c).name if self.gazetteer.country(c) else c for c in (a, b)]
                mid = line.interpolate(0.5, normalized=True)
                place = Place(name=f"{names[0]}–{names[1]} border", lat=mid.y, lon=mid.x, feature_class="A",
                              feature_code=BORDER_CODE, country_code=a, source="geometry")
                out.append(dataclasses.replace(r, place=place, confidence=r.confidence or _BORDER_CONFIDENCE,
                                               geometry=line, uncertainty_km=_BORDER_KM))
                continue
            if r.place is None:
                out.append(r)
                continue
            shape, km = self.place_shape(r.place)
            if m.modifier:  # parts are cut from the detailed polygon, the whole drawn as its outline
                shape, km = self._modified(r.place, shape, km, m.modifier)
            shape = self._outlines.get(id(shape), shape)
            place = r.place
            if m.kind in _KIND_KM and place.feature_class == "P":  # a town standing for the site it names
                place, km = dataclasses.replace(place, feature_code=m.kind), max(km, _KIND_KM[m.kind])
            out.append(dataclasses.replace(r, place=place, geometry=shape, uncertainty_km=km))
        return out
