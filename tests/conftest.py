"""Shared fixtures: one gazetteer built per test session, the spaCy pipeline loaded once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GEO_SHARED_DIR", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "kosovo-2023-01-02.txt"
SAMPLES = ROOT / "data" / "articles"
# A municipal layer of Kosovo (geoBoundaries ADM2), for the tests that join boundaries.
XKX_ADM2 = SHARED / "geodata" / "geoboundaries" / "geoBoundaries-XKX-ADM2_simplified.geojson"
# Built once and reused while the build code and tables are unchanged.
TEST_DATA = Path(os.environ.get("GEO_TEST_DATA_DIR", ROOT / "build" / "test-data"))


def incident_rows(rows: list[dict]):
    """Incident records (one per article and place), as the incidents stage makes them."""
    base = {"article_id": "a", "title": "T", "published": "2023-05-29", "url": "https://example.org/a",
            "date": "2023-05-29", "date_precision": "day", "date_text": "on Monday", "background": False,
            "event_type": "Riots", "sub_event_type": "violent demonstration", "evidence": ["clashed"],
            "confidence": 0.8, "actors": ["protesters", "police"], "fatalities": None, "fatalities_text": "",
            "injuries": None, "injuries_text": "", "place_basis": "sentence", "geo_precision": 1,
            "places_mentioned": [], "text": "Zvečan", "start": 34, "end": 40, "label": "GPE", "sentence_start": 0,
            "sentence": "Protesters clashed with police in Zvečan on Monday.", "name": "Zvečan",
            "lat": 42.9075, "lon": 20.8403, "geonameid": 784136, "feature_class": "P", "feature_code": "PPLA2",
            "country_code": "XK", "admin1": "Mitrovica", "admin2": "Zvečan", "population": 7000,
            "place_confidence": 0.9, "candidates": 2, "modifier": "", "phrase": "", "geometry_type": "Point",
            "uncertainty_km": 1.0, "adm0": "Kosovo"}
    full = [{**base, **r} for r in rows]
    import geopandas as gpd
    from shapely.geometry import Point

    return gpd.GeoDataFrame(full, geometry=[Point(r["lon"], r["lat"]) for r in full], crs=4326)


def needs_shared(path: Path = SHARED):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent (the read-only ../shared folder)")


def _stale(data: Path) -> bool:
    gaz = data / "gazetteer.sqlite"
    if not gaz.exists() or not (data / "countries.gpkg").exists():
        return True
    # the tables the build reads
    tables = ("aliases.tsv", "regions.tsv", "display_names.tsv", "water_bodies.tsv", "name_forms.tsv")
    # the build code, and the folding its keys are made by
    inputs = [*(ROOT / "geo" / "gazetteer").glob("*.py"), ROOT / "geo" / "folding.py",
              *(ROOT / "geo" / "tables" / t for t in tables)]
    return any(p.stat().st_mtime > gaz.stat().st_mtime for p in inputs)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    from geo.gazetteer.build import build

    if _stale(TEST_DATA):
        build(TEST_DATA)
    os.environ["GEO_DATA_DIR"] = str(TEST_DATA)
    return TEST_DATA


@pytest.fixture(scope="session")
def gazetteer(data_dir):
    from geo.gazetteer import open_gazetteer

    return open_gazetteer(data_dir / "gazetteer.sqlite")


@pytest.fixture(scope="session")
def pipeline(data_dir):
    from geo.pipeline import Pipeline

    return Pipeline(data_dir=data_dir)


# The event types, as the tests of the event reader name them.
BATTLES, BOMBS, CIVILIANS = "Battles", "Explosions/Remote violence", "Violence against civilians"
PROTESTS, RIOTS, DEVELOPMENTS = "Protests", "Riots", "Strategic developments"


def assert_typed(readers, sentence: str, event_type: str | None, sub_event_type: str | None) -> None:
    """Each reader (``fast``, ``parsed``) reads the sentence as that type and sub type (None, None: no event)."""
    for reader in readers:
        reading = reader.read(sentence)
        got = (reading.event_type, reading.sub_event_type) if reading else None
        assert got == ((event_type, sub_event_type) if event_type else None), (sentence, reading, reader.parse)


@pytest.fixture(scope="session")
def fast():
    """The event reader without the parser (``--fast``'s)."""
    from geo.incidents.events import EventReader

    return EventReader()


@pytest.fixture(scope="session")
def parsed():
    """The event reader with the parser (the default pipeline's)."""
    from geo.incidents.events import EventReader

    return EventReader(parse=True)


@pytest.fixture(scope="session")
def seed_result(pipeline):
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (the read-only ../shared folder)")
    from geo.articles import read_articles

    return pipeline.run(read_articles([SEED]))


@pytest.fixture(autouse=True)
def _browser_watchdog(request):
    """A browser test that hangs (a lost Chromium event) fails after 3 minutes instead of
    holding CI forever."""
    if request.node.get_closest_marker("browser") is None:
        yield
        return
    import signal

    def _timeout(signum, frame):
        raise TimeoutError(f"{request.node.nodeid}: no answer from the browser in 180 s")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(180)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
