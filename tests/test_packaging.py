"""geo installed from its wheel, away from the checkout: the team's tables and the map's
templates come as package data; npm's packages cannot come with it (see README)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel built from this checkout, installed (without its dependencies, which the
    test's own environment has) into a folder of its own."""
    folder = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(folder / "dist"),
                            str(ROOT)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    [wheel] = (folder / "dist").glob("geo-*.whl")
    site = folder / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site),
                           str(wheel)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return site


def _python(site: Path, *args: str, data_dir: Path, cwd: Path, stdin: str | None = None):
    env = {**os.environ, "PYTHONPATH": str(site), "GEO_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, input=stdin, cwd=cwd,
                          env=env, timeout=300)


def test_the_wheel_carries_the_tables_and_templates(installed, data_dir, tmp_path):
    code = ("import json, geo, geo.config as c; from geo.incidents import default_event_table; "
            "print(json.dumps([geo.__file__, str(c.project_table('organisations.txt')), "
            "list(default_event_table().event_types)]))")
    proc = _python(installed, "-c", code, data_dir=data_dir, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    module, organisations, types = json.loads(proc.stdout)
    assert Path(module).is_relative_to(installed)  # the wheel's geo, not the checkout's
    assert Path(organisations).is_relative_to(installed) and Path(organisations).exists()
    assert "Protests" in types
    templates = list((installed / "geo" / "outputs" / "templates").glob("*"))
    assert templates, "the map's templates are not in the wheel"


def test_the_installed_command_geocodes_away_from_the_checkout(installed, data_dir, tmp_path):
    proc = _python(installed, "-m", "geo.cli", "geocode", "--fast", "-", data_dir=data_dir, cwd=tmp_path,
                   stdin="date 2023-01-01\nPolice in Belgrade and Pristina were on alert.\n")
    assert proc.returncode == 0, proc.stderr
    assert "Belgrade" in proc.stdout and "Pristina" in proc.stdout


def test_the_installed_map_falls_back_to_the_cdn_without_npm(installed, data_dir, tmp_path, monkeypatch):
    """A wheel has no node_modules: the map loads its scripts from the CDNs, and says so once."""
    monkeypatch.delenv("GEO_NPM_DIR", raising=False)  # a checkout's node_modules named for the tests is no wheel's
    out = tmp_path / "m.html"
    proc = _python(installed, "-m", "geo.cli", "map", "--fast", str(SAMPLES), "-o", str(out),
                   data_dir=data_dir, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "npm" in line]
    assert len(warnings) == 1 and "--cdn" in warnings[0], proc.stderr
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3' in out.read_text()
