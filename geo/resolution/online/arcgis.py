"""ArcGIS (Esri's World Geocoding Service): a record is one candidate of
``findAddressCandidates``, its fields (``outFields=*``) in ``attributes``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geopy.geocoders import ArcGIS

from geo.resolution.online.base import Record, Service, text


def parse(raw: Mapping[str, Any]) -> Record:
    """A populated place (the candidate's type is not mapped), named and placed in its region."""
    attrs = raw.get("attributes") or {}
    return Record(name=text(attrs.get("PlaceName")), country_code=text(attrs.get("Country")),
                  admin1=text(attrs.get("Region")), admin2=text(attrs.get("Subregion")))


SERVICE = Service("arcgis", ArcGIS, parse, 1.0, {"out_fields": "*"})
