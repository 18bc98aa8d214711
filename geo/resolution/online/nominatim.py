"""Nominatim (OpenStreetMap's geocoder): a record is one result of ``/search?format=json``
with its address details and extra tags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geopy.geocoders import Nominatim

from geo.resolution.online.base import Record, Service, text
from geo.resolution.online.osm import feature


def _population(value: Any) -> int:
    """OSM's population tag, as written there ("12,345", "1 200", "5000;5200"); 0 if none."""
    try:
        return max(0, int(str(value).replace(",", "").replace(" ", "").split(";")[0]))
    except ValueError:
        return 0


def parse(raw: Mapping[str, Any]) -> Record:
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    fclass, fcode = feature(str(raw.get("class", raw.get("category", ""))), str(raw.get("type", "")),
                            str(raw.get("addresstype", "")))
    return Record(name=text(raw.get("name")), feature_class=fclass, feature_code=fcode,
                  country_code=text(address.get("country_code")), admin1=text(address.get("state")),
                  admin2=text(address.get("county")),
                  population=_population((raw.get("extratags") or {}).get("population", 0)))


# https://operations.osmfoundation.org/policies/nominatim/: at most one request a second.
SERVICE = Service("nominatim", Nominatim, parse, 1.0, {"addressdetails": True, "extratags": True, "language": "en"})
