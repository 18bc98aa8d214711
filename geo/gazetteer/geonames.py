"""The GeoNames dump format: 19 tab-separated columns, no header.

Used for the embedded cities500 rows and for the country dumps users download.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from geo.errors import InputError, excerpt
from geo.geodesy import valid_point

COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
    "feature_class", "feature_code", "country_code", "cc2", "admin1_code",
    "admin2_code", "admin3_code", "admin4_code", "population", "elevation", "dem",
    "timezone", "modification_date",
)


# SQLite's INTEGER is 64 bits: a larger id or population cannot be stored.
INT64 = range(-(2**63), 2**63)
# ISO 3166 alpha-2, as GeoNames writes it (empty for places in no country, such as seas).
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


def _int64(value: str, column: str) -> int:
    number = int(value)
    if number not in INT64:
        raise ValueError(f"{column} {value} does not fit in 64 bits")
    return number


@dataclass(frozen=True)
class GeoNamesRow:
    geonameid: int
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin2_code: str
    population: int


def parse_line(line: str, where: str) -> GeoNamesRow:
    cols = line.rstrip("\n").split("\t")
    if len(cols) != len(COLUMNS):
        raise InputError(f"{where}: expected {len(COLUMNS)} tab-separated columns, got {len(cols)}")
    try:
        lat, lon = float(cols[4]), float(cols[5])
        if not valid_point(lat, lon):
            raise ValueError("coordinates out of range")
        if cols[8] and not _COUNTRY_CODE.fullmatch(cols[8]):
            # It names the dump's source ("GeoNames dump XK"): ../../etc is no country.
            raise ValueError(f"country code {cols[8]!r} is not two capital letters")
        return GeoNamesRow(
            geonameid=_int64(cols[0], "geonameid"),
            name=cols[1],
            asciiname=cols[2],
            alternatenames=tuple(a for a in cols[3].split(",") if a),
            lat=lat,
            lon=lon,
            feature_class=cols[6],
            feature_code=cols[7],
            country_code=cols[8],
            admin1_code=cols[10],
            admin2_code=cols[11],
            population=_int64(cols[14] or "0", "population"),
        )
    except ValueError as exc:
        raise InputError(f"{where}: malformed GeoNames row ({excerpt(exc)})") from None


def read_rows(stream: IO[str], name: str) -> Iterator[GeoNamesRow]:
    """Rows of a GeoNames dump; a malformed row raises ``InputError`` naming the line."""
    for lineno, line in enumerate(stream, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        yield parse_line(line, f"{name}:{lineno}")


def read_admin_codes(stream: IO[str], name: str) -> Iterator[tuple[str, str]]:
    """(code, name) pairs of admin1CodesASCII.txt / admin2Codes.txt (``CC.A1[.A2]``)."""
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2 or "." not in cols[0]:
            raise InputError(f"{name}:{lineno}: expected 'CC.CODE<TAB>name' columns")
        yield cols[0], cols[1]
