"""Nominatim (OpenStreetMap's geocoder): a record is one result of ``/search?format=json``
with its address details and extra tags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geopy.geocoders import Nominatim

from geo.resolution.online.base import Record, Service, mapping, text
from geo.resolution.online.osm import feature


def _population(value: Any) -> int:
    """OSM's population tag, as written there ("12,345", "1 200", "5000;5200"); 0 if none, or
    if it is no count a store could hold (over 64 bits)."""
    try:
        count = max(0, int(text(value).replace(",", "").replace(" ", "").split(";")[0]))
    except ValueError:
        return 0
    return count if count < 2**63 else 0


def parse(raw: Mapping[str, Any]) -> Record:
    address = mapping(raw.get("address"))
    fclass, fcode = feature(text(raw.get("class", raw.get("category", ""))), text(raw.get("type", "")),
                            text(raw.get("addresstype", "")))
    return Record(name=text(raw.get("name")), feature_class=fclass, feature_code=fcode,
                  country_code=text(address.get("country_code")), admin1=text(address.get("state")),
                  admin2=text(address.get("county")),
                  population=_population(mapping(raw.get("extratags")).get("population", 0)))


# https://operations.osmfoundation.org/policies/nominatim/: at most one request a second.
SERVICE = Service("nominatim", Nominatim, parse, 1.0, {"addressdetails": True, "extratags": True, "language": "en"})
