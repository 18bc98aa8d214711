"""Looking places up in the gazetteer database by folded name."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import zlib
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from geo import config
from geo.errors import DataError
from geo.folding import SUN_LETTERS, edit_distance, fold, transliteration_key
from geo.gazetteer.writer import SPELLED_PLACES
from geo.model import Place

SCHEMA_VERSION = "1"
# The entries a build makes: raised whenever the build adds or moves places (the tables stay
# as they were, so an older build still works, without the newer entries). 1: builds before
# this was written down; 2: regions named by their parts, the 25 km town rule, countries at
# their mainland's centre; 3: names in other scripts than Latin and Cyrillic dropped (their
# transliterations made Apia "By"), names with dashes kept (North Ossetia–Alania), withdrawn
# countries' names for their successors (Zaire), no withdrawn code's names for its new bearer;
# 4: oceans, seas, straits and great lakes (the team's water_bodies.tsv); 5: each country's
# neighbours and area (meta 'neighbours', 'country_km2'); the region's forms of its places' names
# (geo/tables/name_forms.tsv, names of kind 'form'); 6: keys folded to a fixed point (folding.fold:
# "Chhattisgarh" is "cattisgarh", no longer "chattisgarh", whose fold differs), so a key folds to itself;
# 7: the names of towns and units by their transliteration keys (table 'spellings'; raise this when
# ``folding.transliteration_key`` changes).
CONTENT_VERSION = 7
log = logging.getLogger(__name__)
_PLACE_COLUMNS = (
    "id, geonameid, name, lat, lon, feature_class, feature_code, country_code, "
    "admin1_code, admin2_code, admin1, admin2, population, source"
)


def _place(row: tuple) -> Place:
    return Place(
        id=row[0], geonameid=row[1], name=row[2], lat=row[3], lon=row[4],
        feature_class=row[5], feature_code=row[6], country_code=row[7],
        admin1_code=row[8], admin2_code=row[9], admin1=row[10], admin2=row[11],
        population=row[12], source=row[13],
    )


# A place another spelling of a name finds (``spelled_otherwise``) has an own name at most this many
# letters from the name, both as ``transliteration_key`` writes them ("Boukamal": Ālbū Kamāl, found by
# another of its names; not a town that some romanisation of its name makes a common word's namesake).
OWN_NAME_EDITS = 2
_NAMES_KEPT = 200_000  # ``Gazetteer.lookup``'s answers kept by name, as many as its keys' cache
_MARK_BITS_MIN, _MARK_BITS_MAX = 16, 28  # ``Gazetteer._crc_marks``: 8 KB to 32 MB


class Gazetteer:
    """Read-only access to a gazetteer database built by ``geo data build``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise DataError(f"{self.path}: no gazetteer here; run 'geo data build' to build it")
        try:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            version = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DataError(
                f"{self.path}: damaged gazetteer ({exc}); rebuild it with 'geo data build'"
            ) from None
        if not version or version[0] != SCHEMA_VERSION:
            raise DataError(f"{self.path}: gazetteer schema is outdated; rebuild it with 'geo data build'")
        self._by_key = lru_cache(maxsize=200_000)(self._query_key)
        self._by_spelling = lru_cache(maxsize=4096)(self._query_spelling)
        # ``lookup``'s answers by the name as written: recognition asks for the same words many times
        # over (every run, its parts, the words around it), and folding them again cost more than the rest.
        self._by_name: dict[str, tuple[Place, ...]] = {}

    @cached_property
    def _key_crcs(self) -> np.ndarray:
        """The sorted CRC-32s of every name key. Most words a run looks up are no place (in
        LGL-dev five in six), and ruling them out here is ten times cheaper than asking
        SQLite; a CRC that matches by chance only costs the query."""
        return self._filters[0]

    @cached_property
    def _demonym_keys(self) -> frozenset[str]:
        """The keys that are a people's or adjective form: a few hundred, held in memory (a
        query for each name the recognisers test cost more than the rest of the test)."""
        return self._filters[1]

    @cached_property
    def _filters(self) -> tuple[np.ndarray, frozenset[str]]:
        """The name filter and the demonym keys, kept beside the database (stamped with its
        size, time and inode, so a replaced gazetteer gets new ones)."""
        st = self.path.stat()
        stamp = np.array([st.st_size, st.st_mtime_ns, st.st_ino], dtype=np.int64)
        side = self.path.with_name(f"{self.path.name}.keys.npz")
        try:
            with np.load(side) as saved:
                if np.array_equal(saved["stamp"], stamp):
                    return saved["crcs"], frozenset(saved["demonyms"].tolist())
        except (OSError, ValueError, KeyError):
            pass
        # Streamed from the cursor: a gazetteer grown with all of GeoNames has tens of millions of keys.
        keys = self._db.execute("SELECT DISTINCT key FROM names")
        crcs = np.unique(np.fromiter((zlib.crc32(k.encode()) for (k,) in keys), dtype=np.uint32))
        demonyms = sorted(k for (k,) in self._db.execute("SELECT DISTINCT key FROM names WHERE kind = 'demonym'"))
        tmp = side.with_name(f"{side.name}.{os.getpid()}.tmp.npz")
        try:  # written aside and renamed: a reader never sees half a file
            np.savez(tmp, stamp=stamp, crcs=crcs, demonyms=np.array(demonyms, dtype=str))
            os.replace(tmp, side)
        except OSError:  # a read-only data directory: the filters stay in memory
            tmp.unlink(missing_ok=True)
        return crcs, frozenset(demonyms)

    def prepare(self) -> None:
        """Write the name filter now (after a build or merge), not at the first lookup."""
        self._filters  # noqa: B018

    @cached_property
    def _crc_marks(self) -> tuple[bytes, int]:
        """A bit for each value of a CRC-32's top bits that some name key's CRC has, and the shift
        that gives those bits: about 16 bits a key, so that a word no name has (most words a run
        looks up) is ruled out by one bit, without the array's search."""
        crcs = self._key_crcs
        bits = min(_MARK_BITS_MAX, max(_MARK_BITS_MIN, (16 * len(crcs)).bit_length()))
        marks = np.zeros(1 << (bits - 3), dtype=np.uint8)
        if len(crcs):
            tops = crcs >> np.uint32(32 - bits)  # sorted as the CRCs are
            tops = tops[np.r_[True, tops[1:] != tops[:-1]]]  # each once
            at = tops >> np.uint32(3)
            firsts = np.flatnonzero(np.r_[True, at[1:] != at[:-1]])  # each byte's first
            # a byte's bits are distinct powers of two: their sum is the byte
            marks[at[firsts]] = np.add.reduceat(np.left_shift(1, tops & np.uint32(7)), firsts)
        return marks.tobytes(), 32 - bits

    def _may_have(self, key: str) -> bool:
        crc = zlib.crc32(key.encode())
        marks, shift = self._crc_marks
        top = crc >> shift
        if not marks[top >> 3] >> (top & 7) & 1:
            return False
        crcs = self._key_crcs
        i = int(crcs.searchsorted(np.uint32(crc)))  # a uint32: a Python int would cast the array
        return i < len(crcs) and int(crcs[i]) == crc

    def known_keys(self, keys: Iterable[str]) -> list[str]:
        """Those of ``keys`` that may be names (the name filter, once for them all: a misspelt
        name's hundreds of neighbours cost one array search, not one each)."""
        keys = list(keys)
        crcs = self._key_crcs
        if not keys or not len(crcs):
            return []
        wanted = np.fromiter(map(zlib.crc32, map(str.encode, keys)), dtype=np.uint32, count=len(keys))
        at = np.minimum(crcs.searchsorted(wanted), len(crcs) - 1)
        return [keys[i] for i in np.flatnonzero(crcs[at] == wanted)]

    def _query_key(self, key: str) -> tuple[Place, ...]:
        if not self._may_have(key):
            return ()
        rows = self._db.execute(
            f"SELECT DISTINCT {_PLACE_COLUMNS.replace('id,', 'p.id,', 1)} FROM names n "
            "JOIN places p ON p.id = n.place_id WHERE n.key = ? ORDER BY p.population DESC",
            (key,),
        ).fetchall()
        return tuple(_place(r) for r in rows)

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place with this name (any spelling that folds the same), most populous first;
        failing that, for one word, the places whose own Arabic name is it with the article
        ("Qamishli": Al Qāmishlī; "Raqqa": Ar Raqqah)."""
        found = self._by_name.get(name)
        if found is None:
            if len(self._by_name) >= _NAMES_KEPT:
                self._by_name.clear()
            key = fold(name)
            found = self._by_name[name] = (self._by_key(key) or self._by_article(key)) if key else ()
        return found

    def _by_article(self, key: str) -> tuple[Place, ...]:
        # Not the other way: "Al Gore" is no Gore.
        if " " in key:  # a name of several words is no Arabic name's short form
            return ()
        # "al", or "a" and the sun letter it takes ("Ar Raqqah"); as the place's own name, not an alternate
        # one. Not "el": Spanish names take it too ("El Control", "El Niño").
        forms = {f"al {key}"} | ({f"a{key[0]} {key}"} if key[0] in SUN_LETTERS else set())
        return tuple(dict.fromkeys(p for form in sorted(forms) for p in self._by_key(form) if fold(p.name) == form))

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        return self._by_key(key)

    def spelled_otherwise(self, name: str) -> tuple[Place, ...]:
        """The towns and units (``writer.SPELLED_PLACES``) with a name that ``name`` spells
        otherwise: the same ``folding.transliteration_key`` ("Tarhouna" for Tarhuna, "Boukamal" for
        Al Bukamal, one of Ālbū Kamāl's names), and an own name at most ``OWN_NAME_EDITS`` letters
        from it; most populous first. For a name in a firm place context that ``lookup`` does not
        find: what decides between them is recognition's (``rules.spelled_as``). None from a
        gazetteer built before the spellings."""
        return self._by_spelling(transliteration_key(fold(name)))

    def _query_spelling(self, spelling: str) -> tuple[Place, ...]:
        if not spelling or not self._has_spellings:
            return ()
        rows = self._db.execute(
            f"SELECT DISTINCT {_PLACE_COLUMNS.replace('id,', 'p.id,', 1)} FROM spellings s "
            f"JOIN names n ON n.key = s.key JOIN places p ON p.id = n.place_id "
            f"WHERE s.spelling = ? AND ({SPELLED_PLACES}) ORDER BY p.population DESC", (spelling,)).fetchall()
        return tuple(p for p in map(_place, rows)
                     if edit_distance(transliteration_key(fold(p.name)), spelling) <= OWN_NAME_EDITS)

    @cached_property
    def _has_spellings(self) -> bool:
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'spellings'").fetchone() is not None

    def is_demonym(self, name: str) -> bool:
        """Whether the name is a people's or adjective form (Serbian, Kosovar)."""
        return fold(name) in self._demonym_keys

    def country(self, code: str) -> Place | None:
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE country_code = ? AND feature_code LIKE 'PCL%' "
            "ORDER BY population DESC LIMIT 1",
            (code,),
        ).fetchone()
        return _place(row) if row else None

    def seat(self, unit: Place) -> Place | None:
        """The town that is a country's capital (PPLC) or a first-level unit's seat (PPLA), for
        "the Manipur capital", "the Kosovo capital"; None for other places or where none is known."""
        if unit.is_country:
            where, args = "feature_code = 'PPLC'", (unit.country_code,)
        elif unit.feature_code == "ADM1" and unit.admin1_code:
            where, args = "feature_code = 'PPLA' AND admin1_code = ?", (unit.country_code, unit.admin1_code)
        else:
            return None
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE country_code = ? AND {where} ORDER BY population DESC LIMIT 1",
            args,
        ).fetchone()
        return _place(row) if row else None

    def region(self, country: str, admin1: str) -> Place | None:
        """The first-level region of that country and GeoNames admin1 code ("US", "OK")."""
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE country_code = ? AND admin1_code = ? "
            "AND feature_code = 'ADM1' ORDER BY population DESC LIMIT 1",
            (country, admin1),
        ).fetchone()
        return _place(row) if row else None

    def largest(self, feature_class: str = "P", feature_codes: tuple[str, ...] = (), min_population: int = 0,
                bounds: tuple[float, float, float, float] | None = None, limit: int = 1000) -> list[Place]:
        """The most populous places of a class (or of these feature codes), most populous first:
        at least ``min_population``, within ``bounds`` (west, south, east, north) when given.
        What a map labels its towns and regions with."""
        where, args = ["population >= ?"], [min_population]
        if feature_codes:
            where.append(f"feature_code IN ({','.join('?' * len(feature_codes))})")
            args += list(feature_codes)
        else:
            where.append("feature_class = ?")
            args.append(feature_class)
        if bounds:
            where.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
            args += [bounds[0], bounds[2], bounds[1], bounds[3]]
        rows = self._db.execute(f"SELECT {_PLACE_COLUMNS} FROM places WHERE {' AND '.join(where)} "
                                "ORDER BY population DESC, id LIMIT ?", (*args, limit)).fetchall()
        return [_place(r) for r in rows]

    def count(self, country: str, feature_code: str) -> int:
        """How many places of that kind the country has (its first-level units, say)."""
        return self._db.execute("SELECT count(*) FROM places WHERE country_code = ? AND feature_code = ?",
                                (country, feature_code)).fetchone()[0]

    def _meta_json(self, key: str) -> dict:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        try:
            value = json.loads(row[0]) if row else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @cached_property
    def _neighbours(self) -> dict[str, frozenset[str]]:
        return {cc: frozenset(codes) for cc, codes in self._meta_json("neighbours").items()}

    @cached_property
    def _areas(self) -> dict[str, float]:
        return {cc: float(km2) for cc, km2 in self._meta_json("country_km2").items()}

    def neighbours(self, code: str) -> frozenset[str]:
        """The countries that border this one (none from a gazetteer built before geo knew them)."""
        return self._neighbours.get(code, frozenset())

    def country_km2(self, code: str) -> float | None:
        """The country's area in km² (None when unknown: a gazetteer built before geo kept it)."""
        return self._areas.get(code)

    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    @property
    def content_version(self) -> int:
        value = self.meta().get("content", "1")
        return int(value) if value.isdigit() else 1

    @property
    def outdated(self) -> bool:
        """Whether an older geo built this gazetteer: it works, without the newer entries."""
        return self.content_version < CONTENT_VERSION

    def added_sources(self) -> list[str]:
        """What was merged into the gazetteer after its build (a rebuild drops it)."""
        return [name for (name,) in self._db.execute(
            "SELECT name FROM sources WHERE name LIKE 'GeoNames dump %' OR name LIKE 'Boundaries %'")]

    def sources(self) -> list[tuple[str, str, str, int]]:
        return self._db.execute("SELECT name, version, licence, rows FROM sources").fetchall()

    def close(self) -> None:
        self._db.close()


def prepare_name_filter(path: Path) -> None:
    """Write the name filter of the gazetteer at ``path`` (after a build or merge replaced it)."""
    gaz = Gazetteer(path)
    try:
        gaz.prepare()
    finally:
        gaz.close()


_open: dict[Path, Gazetteer] = {}


def open_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: the data directory's), opened once per process."""
    path = Path(path or config.gazetteer_path()).resolve()
    if path not in _open:
        gaz = _open[path] = Gazetteer(path)
        if gaz.outdated:
            log.warning("%s", outdated_message(gaz))
    return _open[path]


def outdated_message(gaz: Gazetteer) -> str:
    added = gaz.added_sources()
    again = f"; then add again what you merged into it ({', '.join(added)})" if added else ""
    return (f"{gaz.path}: built by an older geo (entries version {gaz.content_version}, this geo "
            f"builds {CONTENT_VERSION}), so it lacks the newer places: run 'geo data build'{again}")


def forget_open(path: Path) -> None:
    """Drop a cached connection after the file was replaced, so the next open sees the new one."""
    gaz = _open.pop(Path(path).resolve(), None)
    if gaz is not None:
        gaz.close()
