"""Growing the gazetteer and boundaries with the real commands, against a local server."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile

import pytest

from geo.errors import DataError
from geo.gazetteer.download import fetch
from geo.resolution import distance_km
from tests.conftest import SHARED, needs_shared
from tests.geodata_server import GeodataServer

GEODATA = SHARED / "geodata"
pytestmark = needs_shared(GEODATA)

JARINJE = "date 2023-09-24\ntitle Crossing closed\nKosovo police closed the Jarinje crossing on Sunday.\n"


def _geo(*args, data_dir, stdin=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *args], capture_output=True, text=True, input=stdin, timeout=600,
        env={"GEO_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin", **(env or {})},
    )


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def server():
    with GeodataServer(GEODATA) as s:
        yield s


@pytest.fixture
def fresh_data(data_dir, tmp_path):
    """A copy of the built data directory that a test may change."""
    target = tmp_path / "data"
    target.mkdir()
    for name in ("gazetteer.sqlite", "countries.gpkg"):
        shutil.copy(data_dir / name, target / name)
    return target


@pytest.fixture(scope="module")
def grown(data_dir, server, tmp_path_factory):
    """Data with the Kosovo dump and the Kosovo municipalities added through the server."""
    target = tmp_path_factory.mktemp("grown")
    for name in ("gazetteer.sqlite", "countries.gpkg"):
        shutil.copy(data_dir / name, target / name)
    proc = _geo("data", "add-geonames", "XK", "--base-url", f"{server.url}/dump", data_dir=target)
    assert proc.returncode == 0, proc.stderr
    assert "XK\t" in proc.stdout
    proc = _geo("data", "add-boundaries", "XKX", "--level", "ADM2", data_dir=target,
                env={"GEO_GEOBOUNDARIES_URL": f"{server.url}/gb"})
    assert proc.returncode == 0, proc.stderr
    return target


def test_jarinje_after_adding_kosovo(grown):
    proc = _geo("export", "-", "-o", "-", data_dir=grown, stdin=JARINJE)
    assert proc.returncode == 0, proc.stderr
    features = json.loads(proc.stdout)["features"]
    jarinje = next(f for f in features if f["properties"]["text"] == "Jarinje")
    lon, lat = jarinje["geometry"]["coordinates"]
    assert distance_km(lat, lon, 43.200, 20.721) < 2
    assert jarinje["properties"]["geonameid"] == 834414
    # The municipality from the ADM2 layer, in its common English form.
    assert jarinje["properties"]["adm2"] == "Leposavić"


def test_north_mitrovica_is_a_place_after_adding_municipalities(grown):
    proc = _geo("geocode", "--json", "-", data_dir=grown,
                stdin="date 2023-06-14\nProtesters gathered in North Mitrovica on Wednesday.\n")
    assert proc.returncode == 0, proc.stderr
    [row] = [json.loads(x) for x in proc.stdout.splitlines() if "North Mitrovica" in x]
    assert row["name"] == "North Mitrovica" and row["country_code"] == "XK"
    assert distance_km(row["lat"], row["lon"], 42.90, 20.85) < 15


def test_display_names_are_english(grown):
    from geo.gazetteer import Gazetteer

    gaz = Gazetteer(grown / "gazetteer.sqlite")
    towns = {p.name for n in ("Mitrovicë", "Mitrovica", "Kosovska Mitrovica") for p in gaz.lookup(n)
             if p.feature_class == "P" and p.country_code == "XK"}
    assert "Mitrovica" in towns
    assert any(p.name == "Leposavić" for p in gaz.lookup("Leposaviq"))


def test_status_reports_sources_countries_and_layers(grown):
    proc = _geo("data", "status", data_dir=grown)
    assert proc.returncode == 0, proc.stderr
    assert "GeoNames dump XK" in proc.stdout and "CC BY 4.0" in proc.stdout
    assert "XKX-ADM2" in proc.stdout and "38 polygons" in proc.stdout
    assert "XK " in proc.stdout


def test_local_zip_and_txt(fresh_data, tmp_path):
    zipped = tmp_path / "XK.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(GEODATA / "geonames" / "XK.txt", "XK.txt")
    proc = _geo("data", "add-geonames", "--file", str(zipped), data_dir=fresh_data)
    assert proc.returncode == 0, proc.stderr
    assert "XK\t5" in proc.stdout


def test_malformed_row_names_file_and_line_and_keeps_data(fresh_data, tmp_path):
    bad = tmp_path / "XK.txt"
    lines = (GEODATA / "geonames" / "XK.txt").read_text(encoding="utf-8").splitlines()
    lines[41] = lines[41].replace("\t", " ", 3)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _digest(fresh_data / "gazetteer.sqlite")
    proc = _geo("data", "add-geonames", "--file", str(bad), data_dir=fresh_data)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"Error: {bad}:42: expected 19 tab-separated columns")
    assert proc.stderr.count("\n") == 1
    assert _digest(fresh_data / "gazetteer.sqlite") == before


def test_truncated_zip_keeps_data(fresh_data, tmp_path):
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(GEODATA / "geonames" / "XK.txt", "XK.txt")
    bad = tmp_path / "XK.zip"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    before = _digest(fresh_data / "gazetteer.sqlite")
    proc = _geo("data", "add-geonames", "--file", str(bad), data_dir=fresh_data)
    assert proc.returncode == 2 and f"Error: {bad}: not a readable zip" in proc.stderr
    assert _digest(fresh_data / "gazetteer.sqlite") == before


def test_bad_boundary_files(fresh_data, tmp_path):
    no_geom = tmp_path / "nogeom.geojson"
    no_geom.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None, "properties": {"name": "X"}}]}))
    proc = _geo("data", "add-boundaries", "--file", str(no_geom), "--level", "ADM1", data_dir=fresh_data)
    assert proc.returncode == 2 and proc.stderr.startswith(f"Error: {no_geom}: the layer has no geometry")

    import geopandas as gpd

    src = gpd.read_file(GEODATA / "geoboundaries" / "geoBoundaries-XKX-ADM1_simplified.geojson")
    shp = tmp_path / "districts.shp"
    src.to_file(shp)
    shp.with_suffix(".prj").unlink()
    proc = _geo("data", "add-boundaries", "--file", str(shp), "--level", "ADM1", data_dir=fresh_data)
    assert proc.returncode == 2 and proc.stderr.startswith(f"Error: {shp}: unknown CRS")

    projected = tmp_path / "districts-3857.gpkg"
    src.to_crs(3857).to_file(projected)
    proc = _geo("data", "add-boundaries", "--file", str(projected), "--level", "ADM1", "--name", "kosovo-districts",
                data_dir=fresh_data)
    assert proc.returncode == 0, proc.stderr
    assert (fresh_data / "boundaries" / "kosovo-districts-ADM1.geojson").exists()
    assert not list((fresh_data / "boundaries").glob("*.tmp"))


def test_download_resumes_and_restarts(server, tmp_path):
    url = f"{server.url}/files/geonames/XK.txt"
    full = (GEODATA / "geonames" / "XK.txt").read_bytes()
    target = tmp_path / "XK.txt"
    part = tmp_path / "XK.txt.part"
    part.write_bytes(full[:1000])
    seen = []
    fetch(url, target, progress=lambda done, total: seen.append((done, total)))
    assert target.read_bytes() == full and not part.exists()
    assert server.requests[-1] == ("/files/geonames/XK.txt", "bytes=1000-")
    assert seen[-1] == (len(full), len(full))
    # A server that ignores Range: the download restarts from zero and is still whole.
    server.ignore_range = True
    try:
        part.write_bytes(b"garbage" * 10)
        target.unlink()
        fetch(url, target)
        assert target.read_bytes() == full
    finally:
        server.ignore_range = False


def test_failed_download_leaves_data_alone(fresh_data, server):
    before = _digest(fresh_data / "gazetteer.sqlite")
    proc = _geo("data", "add-geonames", "ZZ", "--base-url", f"{server.url}/dump", data_dir=fresh_data)
    assert proc.returncode == 1 and "HTTP 404" in proc.stderr and proc.stderr.count("\n") == 1
    assert _digest(fresh_data / "gazetteer.sqlite") == before
    with pytest.raises(DataError, match="download failed"):
        fetch("http://127.0.0.1:9/none.zip", fresh_data / "x.zip", timeout=2)


def test_a_merged_dump_places_its_country_at_geonames_own_point(grown):
    # The dump's PCLI row is GeoNames' point for Kosovo (42.58333, 21.0): the point the
    # field's corpora use; countryinfo's is elsewhere.
    from geo.gazetteer import Gazetteer

    kosovo = Gazetteer(grown / "gazetteer.sqlite").country("XK")
    assert distance_km(kosovo.lat, kosovo.lon, 42.58333, 21.0) < 0.1
