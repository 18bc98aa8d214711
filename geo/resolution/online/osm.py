"""OpenStreetMap tags as GeoNames feature classes and codes (Nominatim's and Photon's records
carry the tags of the object they found)."""

from __future__ import annotations

# OSM place=* values (and Nominatim's addresstype, Photon's type) -> GeoNames class, code.
_PLACE_TYPES = {
    "country": ("A", "PCLI"), "state": ("A", "ADM1"), "province": ("A", "ADM1"), "region": ("L", "RGN"),
    "county": ("A", "ADM2"), "district": ("A", "ADM2"), "municipality": ("A", "ADM3"),
    "city": ("P", "PPL"), "town": ("P", "PPL"), "village": ("P", "PPL"), "hamlet": ("P", "PPL"),
    "isolated_dwelling": ("P", "PPL"), "farm": ("P", "PPL"), "locality": ("L", "LCTY"),
    "suburb": ("P", "PPLX"), "quarter": ("P", "PPLX"), "neighbourhood": ("P", "PPLX"),
    "city_block": ("P", "PPLX"), "island": ("T", "ISL"), "islet": ("T", "ISL"), "continent": ("L", "CONT"),
}
_NATURAL = {"peak": ("T", "PK"), "volcano": ("T", "VLC"), "water": ("H", "LK"), "lake": ("H", "LK"),
            "bay": ("H", "BAY"), "mountain_range": ("T", "MTS"), "valley": ("T", "VAL"),
            "spring": ("H", "SPNG"), "wood": ("V", "FRST"), "ridge": ("T", "RDGE")}
_BUILDING_KEYS = ("amenity", "building", "tourism", "historic", "shop", "office", "leisure", "man_made")

# (key, value) -> class, code; a value of None stands for any value of the key. An exact
# pair wins over its key's entry.
_TAGS: dict[tuple[str, str | None], tuple[str, str]] = {
    **{("place", value): code for value, code in _PLACE_TYPES.items()},
    ("boundary", "administrative"): ("A", "ADMD"),  # unless its addresstype says more
    **{("natural", value): code for value, code in _NATURAL.items()},
    ("natural", None): ("T", ""),
    ("waterway", None): ("H", "STM"),
    ("barrier", "border_control"): ("S", "PSTB"),
    ("aeroway", "aerodrome"): ("S", "AIRP"), ("aeroway", "airport"): ("S", "AIRP"),
    **{(key, value): ("S", "RSTN") for key in ("railway", "public_transport") for value in ("station", "halt")},
    ("highway", None): ("R", "RD"),
    ("military", None): ("S", "MILB"), ("landuse", "military"): ("S", "MILB"),
    **{(key, None): ("S", "BLDG") for key in _BUILDING_KEYS},
}


def feature(key: str, value: str, addresstype: str = "") -> tuple[str, str]:
    """A GeoNames feature class and code for an OSM key/value (Nominatim's class/type,
    Photon's osm_key/osm_value); else by the address type; a populated place when nothing
    closer fits."""
    key, value, addresstype = key.lower(), value.lower(), addresstype.lower()
    if (key, value) == ("boundary", "administrative") and addresstype in _PLACE_TYPES:
        return _PLACE_TYPES[addresstype]
    found = _TAGS.get((key, value)) or _TAGS.get((key, None))
    if found is not None:
        return found
    return _PLACE_TYPES.get(addresstype, ("P", "PPL"))
