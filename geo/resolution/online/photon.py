"""Photon (komoot's OpenStreetMap geocoder): a record is one GeoJSON feature of ``/api``'s
FeatureCollection, the OSM tag and address in its properties."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geopy.geocoders import Photon

from geo.resolution.online.base import Record, Service, mapping, text
from geo.resolution.online.osm import feature


def parse(raw: Mapping[str, Any]) -> Record:
    props = mapping(raw.get("properties"))
    fclass, fcode = feature(text(props.get("osm_key")), text(props.get("osm_value")), text(props.get("type")))
    return Record(name=text(props.get("name")), feature_class=fclass, feature_code=fcode,
                  country_code=text(props.get("countrycode")), admin1=text(props.get("state")),
                  admin2=text(props.get("county")))


SERVICE = Service("photon", Photon, parse, 1.0, {"language": "en"})
