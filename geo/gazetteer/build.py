"""Building the gazetteer database from the installed registry packages.

``build`` runs the declared stages (``stages.STAGES``) in order through one writer. The
database and the country polygons are written aside and swapped in at the end, so a failed
build leaves the installed gazetteer and polygons as they were.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from geo import config
from geo.gazetteer import sources as src
from geo.gazetteer.stages import STAGES, BuildContext, Stage
from geo.gazetteer.store import prepare_name_filter
from geo.gazetteer.writer import SCHEMA, Writer

log = logging.getLogger("geo")

Progress = Callable[[str], None]


def _alive(pid: str) -> bool:
    """Whether a build with this process id still runs (its temp file is not stale)."""
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _remove_stale(base: Path, target: Path, polygons: Path) -> None:
    """Remove the temp files of interrupted builds (of processes no longer running)."""
    stale_files = [(p, p.suffixes[-2]) for p in base.glob(f"{target.name}.*.tmp")]
    stale_files += [(p, p.suffixes[-2]) for p in base.glob(f"{polygons.stem}.*{polygons.suffix}")]
    for stale, pid in stale_files:
        if pid.lstrip(".").isdigit() and not _alive(pid.lstrip(".")):
            stale.unlink(missing_ok=True)


def build(data_dir: Path | None = None, sources: src.Sources | None = None,
          progress: Progress | None = None, stages: Sequence[Stage] = STAGES) -> dict[str, int]:
    """Build the gazetteer (and the country polygons) into the data directory; the rows
    each stage added, by name."""
    base = Path(data_dir) if data_dir else config.data_dir()
    base.mkdir(parents=True, exist_ok=True)
    s = sources or src.Sources.discover()
    say = progress or (lambda msg: log.info(msg))
    target = config.gazetteer_path(base)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    # The polygons go beside the gazetteer only once it is built: a failed build leaves both
    # as they were, never new polygons next to an old gazetteer.
    polygons = config.countries_path(base)
    # countries.<pid>.gpkg: GDAL wants a GeoPackage to end in .gpkg.
    polygons_tmp = polygons.with_name(f"{polygons.stem}.{os.getpid()}{polygons.suffix}")
    _remove_stale(base, target, polygons)
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        context = BuildContext(Writer(db), s, polygons_tmp)
        counts: dict[str, int] = {}
        for stage in stages:
            if stage.progress:
                say(stage.progress)
            added = stage.run(context)
            counts.update(added if isinstance(added, dict) else {stage.name: added})
        db.commit()
        db.execute("ANALYZE")
        db.close()
        os.replace(tmp, target)
        os.replace(polygons_tmp, polygons)
        prepare_name_filter(target)  # now, rather than at the first lookup
        (base / "countries.geojson").unlink(missing_ok=True)  # what builds before 0.1 wrote
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        polygons_tmp.unlink(missing_ok=True)
        raise
    return counts
