"""The CLI, run for real: in-process for output, as a subprocess for exit codes."""

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from geo.cli import app
from tests.conftest import SAMPLES, XKX_ADM2, needs_shared

runner = CliRunner()


def _geo(*args, data_dir, stdin=None):
    return subprocess.run([sys.executable, "-m", "geo.cli", *args], capture_output=True, text=True,
                          input=stdin, env={"GEO_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"},
                          timeout=300)


def test_geocode_json(data_dir, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("date 2023-05-29\ntitle t\nPolice in Belgrade and Pristina were on alert.\n")
    result = runner.invoke(app, ["geocode", str(f), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["Belgrade", "Pristina"]
    for key in ("article_id", "text", "start", "end", "name", "lat", "lon", "geonameid",
                "feature_code", "country_code", "admin1", "confidence"):
        assert key in rows[0]
    assert rows[0]["country_code"] == "RS" and rows[1]["country_code"] == "XK"


def test_geocode_stdin_and_table(data_dir):
    result = runner.invoke(app, ["geocode", "-"], input="date 2023-01-01\nTroops moved to Zubin Potok.\n")
    assert result.exit_code == 0, result.output
    assert "Zubin Potok" in result.stdout and "XK" in result.stdout


def test_map_and_export(data_dir, tmp_path):
    html, gj = tmp_path / "m.html", tmp_path / "p.geojson"
    assert runner.invoke(app, ["map", str(SAMPLES), "-o", str(html)]).exit_code == 0
    assert runner.invoke(app, ["export", str(SAMPLES), "-o", str(gj)]).exit_code == 0
    fc = json.loads(gj.read_text())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) >= 10
    names = {f["properties"]["name"] for f in fc["features"]}
    assert {"Belgrade", "Leposavić", "Zubin Potok"} <= names
    # One incident marker per exported incident feature (the map's data block says how many).
    block = re.search(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', html.read_text(), re.S)
    assert json.loads(block.group(1))["n"] == len(fc["features"])
    # Boundaries: every point in Kosovo or Serbia lies in that country's polygon.
    for f in fc["features"]:
        if f["properties"]["feature_class"] == "P" and f["properties"]["country_code"] in ("RS", "XK"):
            assert f["properties"]["adm0"] in ("Serbia", "Kosovo"), f["properties"]


@pytest.mark.parametrize(("args", "message"), [
    (["geocode", "/no/such/file.txt"], "Error: /no/such/file.txt: no such file"),
    (["geocode", "--resolver", "magic", "-"], "Error: --resolver 'magic': choose one of"),
    (["geocode", "--fast", "--model", "en_core_web_sm", "-"], "Error: --fast runs no spaCy pipeline"),
    (["eval", "--fast", "--model", "x", "/no/such.jsonl"], "Error: --fast runs no spaCy pipeline"),
    # Offline, the download of XK would fail before the file is reached: the pair is refused.
    (["data", "add-geonames", "XK", "--file", "XK.zip"], "Error: name country codes to download (XK RS) or give "
                                                          "--file, not both"),
])
def test_errors_are_one_line_with_exit_2(data_dir, args, message):
    proc = _geo(*args, data_dir=data_dir, stdin="Belgrade.")
    assert proc.returncode == 2
    assert proc.stderr.startswith(message) and proc.stderr.count("\n") == 1, proc.stderr


def test_bad_output_path_keeps_nothing_half_written(data_dir, tmp_path):
    proc = _geo("export", str(SAMPLES), "-o", str(tmp_path / "missing" / "x.geojson"), data_dir=data_dir)
    assert proc.returncode == 2 and proc.stderr.startswith("Error: ") and "does not exist" in proc.stderr


def test_damaged_gazetteer_says_how_to_fix(tmp_path):
    (tmp_path / "gazetteer.sqlite").write_bytes(b"garbage" * 100)
    proc = _geo("geocode", "-", data_dir=tmp_path, stdin="Belgrade.")
    assert proc.returncode == 1
    assert "damaged gazetteer" in proc.stderr and "geo data build" in proc.stderr
    assert proc.stderr.count("\n") == 1


def test_data_status(data_dir):
    result = runner.invoke(app, ["data", "status"])
    assert result.exit_code == 0
    assert "CC BY 4.0" in result.stdout and str(data_dir) in result.stdout


def _outdated_copy(data_dir, target, merged: bool):
    """A copy of the built data as an older geo left it (entries version 1), perhaps with a
    GeoNames dump merged into it since."""
    import shutil
    import sqlite3

    target.mkdir()
    for name in ("gazetteer.sqlite", "countries.gpkg"):
        shutil.copy(data_dir / name, target / name)
    db = sqlite3.connect(target / "gazetteer.sqlite")
    db.execute("DELETE FROM meta WHERE key = 'content'")
    if merged:
        db.execute("INSERT INTO sources VALUES ('GeoNames dump XK', '2026-12-01', 'CC BY 4.0 (GeoNames)', 5698)")
    db.commit()
    db.close()
    return target


def test_a_gazetteer_an_older_geo_built_is_reported_and_rebuilt_only_when_nothing_is_lost(data_dir, tmp_path):
    from geo.cli import _build_needed

    gaz_file = data_dir / "gazetteer.sqlite"
    before = gaz_file.stat().st_mtime_ns
    proc = _geo("data", "build", "--if-needed", data_dir=data_dir)  # current: nothing to do
    assert proc.returncode == 0, proc.stderr
    assert gaz_file.stat().st_mtime_ns == before and proc.stdout == ""

    old = _outdated_copy(data_dir, tmp_path / "old", merged=False)
    status = _geo("data", "status", data_dir=old)
    assert "entries version 1" in status.stdout
    assert "outdated" in status.stdout and "run 'geo data build'" in status.stdout
    proc = _geo("geocode", "-", data_dir=old, stdin="Belgrade.")  # it still works, and says so
    assert proc.returncode == 0 and "Belgrade" in proc.stdout
    assert "built by an older geo" in proc.stderr and proc.stderr.count("\n") == 1
    assert _build_needed(old)

    merged = _outdated_copy(data_dir, tmp_path / "merged", merged=True)
    before = (merged / "gazetteer.sqlite").read_bytes()
    proc = _geo("data", "build", "--if-needed", data_dir=merged)  # a rebuild would drop the dump
    assert proc.returncode == 0, proc.stderr
    assert (merged / "gazetteer.sqlite").read_bytes() == before
    assert "GeoNames dump XK" in proc.stderr and "geo data build" in proc.stderr


def test_a_missing_gazetteer_is_built_if_needed(tmp_path):
    from geo.cli import _build_needed

    assert _build_needed(tmp_path)
    (tmp_path / "gazetteer.sqlite").write_bytes(b"garbage" * 100)
    assert _build_needed(tmp_path)


def test_every_command_has_an_example():
    for name in ("geocode", "map", "export"):
        result = runner.invoke(app, [name, "--help"])
        assert "Example: geo" in result.stdout
    for name in ("build", "status"):
        assert "Example:" in runner.invoke(app, ["data", name, "--help"]).stdout


def test_output_same_as_input_is_refused(data_dir, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("date 2023-01-01\nPolice in Belgrade said.\n")
    proc = _geo("export", str(article), "-o", str(article), data_dir=data_dir)
    assert proc.returncode == 2 and "the output is also an input" in proc.stderr
    assert article.read_text().startswith("date 2023-01-01")


@needs_shared(XKX_ADM2)
def test_boundaries_for_one_run(data_dir, tmp_path):
    layer = XKX_ADM2
    article = tmp_path / "a.txt"
    article.write_text("date 2023-01-01\nProtesters blocked roads in Leposavić and Zubin Potok.\n")
    proc = _geo("--boundaries", str(layer), "export", "--places", str(article), "-o", "-", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    adm2 = {f["properties"]["text"]: f["properties"]["adm2"] for f in json.loads(proc.stdout)["features"]}
    assert adm2 == {"Leposavić": "Leposavić", "Zubin Potok": "Zubin Potok"}


def test_map_works_offline_by_default(data_dir, tmp_path):
    html = tmp_path / "m.html"
    assert runner.invoke(app, ["map", str(SAMPLES), "-o", str(html)]).exit_code == 0
    text = html.read_text()
    assert "<script src=\"http" not in text and "L.map(" in text  # every script inlined
    cdn = tmp_path / "cdn.html"
    assert runner.invoke(app, ["map", str(SAMPLES), "-o", str(cdn), "--cdn"]).exit_code == 0
    assert "<script src=\"https://cdn.jsdelivr.net/npm/leaflet@1.9.3" in cdn.read_text()


# -- hostile input: what ended as "internal error, please report it" is one line, exit 2 --

def _main(monkeypatch, capsys, *args) -> tuple[int, str]:
    """The command as a user runs it, in this process: main() turns errors into lines and
    exit codes (CliRunner would let click print its own)."""
    from geo.cli import main

    monkeypatch.setattr("sys.argv", ["geo", *args])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("args", "said"), [
    (["ingest", "--batch-size", "0", "--store", "s.gpkg", "a.txt"], "Invalid value for '--batch-size'"),
    (["ingest", "--workers", "0", "--store", "s.gpkg", "a.txt"], "Invalid value for '--workers'"),
    (["geocode", "--no-such-option", "a.txt"], "No such option: --no-such-option"),
])
def test_usage_errors_are_click_s_own_message(monkeypatch, capsys, args, said):
    code, err = _main(monkeypatch, capsys, *args)
    assert code == 2 and f"Error: {said}" in err and "internal error" not in err, err


def test_standard_output_on_a_full_disk(data_dir, monkeypatch, capsys):
    with open("/dev/full", "w") as full:
        monkeypatch.setattr("sys.stdout", full)
        code, err = _main(monkeypatch, capsys, "geocode", "--fast", str(SAMPLES))
    assert (code, err) == (2, "Error: standard output: cannot write (No space left on device)\n")


def test_a_symlink_loop_among_the_inputs(data_dir, tmp_path, monkeypatch, capsys):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "other.txt")
    (tmp_path / "other.txt").symlink_to(loop)
    code, err = _main(monkeypatch, capsys, "export", "--fast", str(loop), "-o", str(tmp_path / "out.geojson"))
    assert (code, err) == (2, f"Error: {loop}: a symlink loop (too many levels of symbolic links)\n")


def test_an_unknown_type_is_quoted_whole(data_dir, monkeypatch, capsys):
    code, err = _main(monkeypatch, capsys, "export", "--type", "alien invasion", str(SAMPLES))
    assert code == 2 and err.startswith("Error: --type 'alien invasion': choose an event type (Battles,")
    assert err.count("\n") == 1


def test_articles_dated_at_the_ends_of_the_calendar(data_dir, tmp_path):
    for name, day in (("first.txt", "0001-01-01"), ("last.txt", "9999-12-31")):
        (tmp_path / name).write_text(f"date {day}\nYesterday police clashed with protesters in Belgrade. Last week "
                                     "a bomb exploded in Pristina on Sunday. On December 30, this month.\n")
    out = tmp_path / "out.geojson"
    result = runner.invoke(app, ["export", "--fast", str(tmp_path / "first.txt"), str(tmp_path / "last.txt"),
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert {f["properties"]["published"] for f in json.loads(out.read_text())["features"]} >= {"0001-01-01"}
