"""Growing the gazetteer and boundaries with the real commands, against a local server."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import zipfile

import pandas as pd
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


# -- hostile dumps: bounded memory, one-line errors, the data left as it was ---------------------

def _zip(path, name, data, declared=None):
    """A deflated zip of ``data``; ``declared``: the size its directory claims instead."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, data)
    if declared is not None:
        raw = bytearray(path.read_bytes())
        central = raw.index(b"PK\x01\x02")
        raw[central + 24:central + 28] = declared.to_bytes(4, "little")  # uncompressed size
        path.write_bytes(bytes(raw))
    return path


def _xk_rows():
    return (GEODATA / "geonames" / "XK.txt").read_text(encoding="utf-8").splitlines(keepends=True)


@pytest.mark.parametrize(("make", "message"), [
    # A 3 GiB-declared member is refused before a byte is inflated.
    (lambda d: _zip(d / "XK.zip", "XK.txt", b"x", declared=3 * 2**30), "more than --max-dump-bytes"),
    # 40 MB of one repeated row deflates to some 40 KB: no GeoNames dump does that.
    (lambda d: _zip(d / "XK.zip", "XK.txt", _xk_rows()[0].encode() * (40_000_000 // len(_xk_rows()[0]))),
     "times its compressed size"),
    # A directory that declares fewer bytes than the member holds, or more.
    (lambda d: _zip(d / "XK.zip", "XK.txt", "".join(_xk_rows()[:500]).encode(), declared=1000),
     "not a readable zip"),
    (lambda d: _zip(d / "XK.zip", "XK.txt", "".join(_xk_rows()[:500]).encode(), declared=10**6),
     "not the 1000000 its zip declares"),
])
def test_zip_bombs_and_liars_are_refused(fresh_data, tmp_path, make, message):
    from geo.errors import InputError
    from geo.gazetteer.grow import add_geonames

    before = _digest(fresh_data / "gazetteer.sqlite")
    with pytest.raises(InputError, match=message) as caught:
        add_geonames(make(tmp_path), fresh_data, max_bytes=2_000_000_000)
    assert "\n" not in str(caught.value)
    assert _digest(fresh_data / "gazetteer.sqlite") == before
    assert sorted(p.name for p in fresh_data.iterdir()) == ["countries.gpkg", "gazetteer.sqlite"]


def test_streams_and_oversized_dumps_are_refused_as_read(tmp_path):
    from geo.errors import InputError
    from geo.gazetteer.grow import MAX_LINE_BYTES, read_dump

    # A FIFO of 3 MB with no line end (as /dev/zero would be): refused at the first long line.
    fifo = tmp_path / "XK.txt"
    os.mkfifo(fifo)
    def write() -> None:
        with contextlib.suppress(BrokenPipeError):  # the reader stops at the first megabyte
            fifo.write_bytes(b"0" * 3 * MAX_LINE_BYTES)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    with pytest.raises(InputError, match=r"XK.txt:1: a line of more than 1048576 bytes"):
        list(read_dump(fifo))
    writer.join(10)
    big = tmp_path / "big.txt"
    big.write_text("".join(_xk_rows()[:100]), encoding="utf-8")
    with pytest.raises(InputError, match="more than --max-dump-bytes 1000"):
        next(read_dump(big, max_bytes=1000))
    zipped = _zip(tmp_path / "XK.zip", "XK.txt", "".join(_xk_rows()).encode())
    with pytest.raises(InputError, match="more than --max-dump-bytes 100000"):
        next(read_dump(zipped, max_bytes=100_000))


@pytest.mark.parametrize(("column", "value", "message"), [
    (0, str(2**63), "geonameid 9223372036854775808 does not fit in 64 bits"),
    (14, str(2**64), "population 18446744073709551616 does not fit in 64 bits"),
    (8, "../../etc", "country code '../../etc' is not two capital letters"),
])
def test_rows_sqlite_or_a_source_name_cannot_take_are_input_errors(fresh_data, tmp_path, column, value, message):
    from geo.errors import InputError
    from geo.gazetteer.grow import add_geonames

    rows = _xk_rows()
    cols = rows[41].split("\t")
    cols[column] = value
    rows[41] = "\t".join(cols)
    bad = tmp_path / "XK.txt"
    bad.write_text("".join(rows), encoding="utf-8")
    before = _digest(fresh_data / "gazetteer.sqlite")
    with pytest.raises(InputError) as caught:
        add_geonames(bad, fresh_data)
    assert str(caught.value) == f"{bad}:42: malformed GeoNames row ({message})" and caught.value.exit_code == 2
    assert _digest(fresh_data / "gazetteer.sqlite") == before


def test_a_geonameid_twice_in_a_dump_is_one_place(fresh_data, tmp_path, caplog):
    import sqlite3

    from geo.gazetteer.grow import add_geonames

    rows = _xk_rows()
    doubled = tmp_path / "XK.txt"
    doubled.write_text("".join(rows + rows[100:150]), encoding="utf-8")
    assert add_geonames(doubled, fresh_data) == {"XK": 5698}
    assert "50 rows repeat a geonameid" in caplog.text
    db = sqlite3.connect(fresh_data / "gazetteer.sqlite")
    assert db.execute("SELECT count(*), count(DISTINCT geonameid) FROM places WHERE source = 'geonames-dump:XK'"
                      ).fetchone() == (5698, 5698)
    db.close()


def test_max_dump_bytes_on_the_command_line(fresh_data, tmp_path):
    zipped = _zip(tmp_path / "XK.zip", "XK.txt", "".join(_xk_rows()).encode())
    proc = _geo("data", "add-geonames", "--file", str(zipped), "--max-dump-bytes", "100000", data_dir=fresh_data)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert proc.stderr.startswith(f"Error: {zipped}!XK.txt: inflates to 751620 bytes, more than --max-dump-bytes "
                                  "100000"), proc.stderr


def test_boundary_files_that_cannot_be_what_they_claim(fresh_data, tmp_path):
    import geopandas as gpd

    from geo.boundaries import read_layer
    from geo.errors import InputError

    src = gpd.read_file(GEODATA / "geoboundaries" / "geoBoundaries-XKX-ADM2_simplified.geojson")
    points = tmp_path / "points.geojson"
    src.assign(geometry=src.geometry.representative_point()).to_file(points)
    mixed = tmp_path / "mixed.geojson"
    gpd.GeoDataFrame(pd.concat([src.iloc[:30], src.iloc[30:].assign(geometry=src.iloc[30:].boundary)]),
                     crs=src.crs).to_file(mixed)
    for path, message in [(points, "boundaries must be polygons, the layer has 38 Point"),
                          (mixed, "boundaries must be polygons, the layer has 8 LineString")]:
        with pytest.raises(InputError) as caught:
            read_layer(path)
        assert str(caught.value) == f"{path}: {message}"
    mislabelled = tmp_path / "municipalities.gpkg"
    src.set_crs(3857, allow_override=True).to_file(mislabelled)  # degrees, labelled Web Mercator
    proc = _geo("data", "add-boundaries", "--file", str(mislabelled), "--level", "ADM2", data_dir=fresh_data)
    assert proc.returncode == 2 and proc.stderr == (
        f"Error: {mislabelled}: the file says EPSG:3857 (projected: metres or feet), but every coordinate lies "
        "within ±180 and ±90: they look like degrees; label it EPSG:4326\n"), proc.stderr
    assert not (fresh_data / "boundaries").exists()


def test_a_merged_dump_places_its_country_at_geonames_own_point(grown):
    # The dump's PCLI row is GeoNames' point for Kosovo (42.58333, 21.0): the point the
    # field's corpora use; countryinfo's is elsewhere.
    from geo.gazetteer import Gazetteer

    kosovo = Gazetteer(grown / "gazetteer.sqlite").country("XK")
    assert distance_km(kosovo.lat, kosovo.lon, 42.58333, 21.0) < 0.1


def test_a_merged_dumps_places_are_found_by_another_spelling(grown, data_dir):
    from geo.gazetteer import Gazetteer

    # Hanit të Elez, a municipality only the dump holds, by another transliteration of its name:
    # the merge indexes the spellings of what it adds.
    assert Gazetteer(data_dir / "gazetteer.sqlite").spelled_otherwise("Hanyt te Elez") == ()
    assert "Hanit të Elez" in {p.name for p in Gazetteer(grown / "gazetteer.sqlite").spelled_otherwise("Hanyt te Elez")}
