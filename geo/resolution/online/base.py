"""What every service module shares: the Service entry, the Answer a service gave, and the
Record its parser reads from the answer's raw JSON, made into a Place."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from geopy.geocoders.base import Geocoder

from geo.geodesy import valid_point
from geo.model import Place


@dataclass(frozen=True)
class Record:
    """What a service's record says of a place beyond its point: a parser's output."""

    name: str = ""  # "": the first part of the answer's display name
    feature_class: str = "P"
    feature_code: str = "PPL"
    country_code: str = ""  # ISO 3166 alpha-2 (any case); anything else is dropped
    admin1: str = ""
    admin2: str = ""
    population: int = 0


@dataclass(frozen=True)
class Service:
    """A supported online geocoder: geopy's class, how to call it politely, and the parser
    of its records (the decoded JSON of one result, geopy's ``Location.raw``)."""

    name: str
    geocoder: type[Geocoder]
    parse: Callable[[Mapping[str, Any]], Record]
    min_delay_seconds: float
    geocode_kwargs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Answer:
    """What a service said about a name: a point with its name and raw record, or nothing."""

    query: str
    found: bool
    lat: float | None = None
    lon: float | None = None
    display_name: str = ""
    raw: dict = field(default_factory=dict, compare=False, hash=False)
    cached: bool = field(default=False, compare=False)


def answer_from_location(query: str, location: Any) -> Answer:
    """An Answer from a geopy Location (``None``: the service found nothing)."""
    if location is None:
        return Answer(query, False)
    lat, lon = location.latitude, location.longitude
    if lat is None or lon is None or not valid_point(lat, lon):
        return Answer(query, False)
    return Answer(query, True, float(lat), float(lon), text(location.address), mapping(location.raw))


def answer_place(service: Service, answer: Answer) -> Place:
    """A Place from a found answer: its point, and what the service's parser reads from its record."""
    record = service.parse(answer.raw or {})
    name = record.name or answer.display_name.split(",")[0].strip() or answer.query
    country = record.country_code.upper() if len(record.country_code) == 2 else ""
    return Place(name=name, lat=float(answer.lat), lon=float(answer.lon), feature_class=record.feature_class,
                 feature_code=record.feature_code, country_code=country, population=record.population,
                 geonameid=None, admin1=record.admin1, admin2=record.admin2, source=f"online:{service.name}")


def text(value: Any) -> str:
    """A record's field as text: a missing or empty one, or one that is no plain value (a
    list, an object), is ''."""
    return str(value) if value and isinstance(value, str | int | float) else ""


def mapping(value: Any) -> dict:
    """A record's field that should be a JSON object: anything else is an empty one."""
    return value if isinstance(value, dict) else {}
