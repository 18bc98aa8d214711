"""Downloading data files: resumable, with progress, never over what is installed.

A download goes to ``<target>.part``; an interrupted one resumes from there with an HTTP
Range request (or restarts when the server ignores it). Only a complete, checked file is
renamed into place, so a failed download leaves the existing data as it was.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from geo import __version__
from geo.errors import DataError

# (bytes so far, total bytes or None)
Progress = Callable[[int, int | None], None]

GEONAMES_URL = "https://download.geonames.org/export/dump/"
GEOBOUNDARIES_URL = "https://www.geoboundaries.org/api/current/gbOpen/"
_CHUNK = 1 << 16


def geonames_url() -> str:
    return os.environ.get("GEO_GEONAMES_URL", GEONAMES_URL)


def geoboundaries_url() -> str:
    return os.environ.get("GEO_GEOBOUNDARIES_URL", GEOBOUNDARIES_URL)


def join_url(base: str, *parts: str) -> str:
    return base.rstrip("/") + "/" + "/".join(p.strip("/") for p in parts)


def _request(url: str, offset: int = 0) -> urllib.request.Request:
    headers = {"User-Agent": f"geo/{__version__} (offline-first geoparser)"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    return urllib.request.Request(url, headers=headers)


def fetch(url: str, target: Path, progress: Progress | None = None, timeout: float = 60.0,
          check: Callable[[Path], None] | None = None) -> Path:
    """Download ``url`` to ``target``; ``check`` may reject the finished file (raise)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    offset = part.stat().st_size if part.exists() else 0
    try:
        response = urllib.request.urlopen(_request(url, offset), timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and offset:  # the part file is already whole (or wrong): start over
            part.unlink()
            return fetch(url, target, progress, timeout, check)
        raise DataError(f"{url}: download failed (HTTP {exc.code} {exc.reason})") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DataError(f"{url}: download failed ({reason})") from None
    with response:
        resumed = offset and response.status == 206
        if not resumed:
            offset = 0
        length = response.headers.get("Content-Length")
        total = offset + int(length) if length and length.isdigit() else None
        done = offset
        try:
            with part.open("ab" if resumed else "wb") as out:
                while chunk := response.read(_CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
        except (OSError, urllib.error.URLError) as exc:
            raise DataError(f"{url}: download interrupted after {done} bytes ({exc}); "
                            "run the command again to resume") from None
    if total is not None and done < total:
        raise DataError(f"{url}: download ended after {done} of {total} bytes; run the command again to resume")
    if check:
        try:
            check(part)
        except Exception:
            part.unlink(missing_ok=True)  # a bad file must not be resumed next time
            raise
    os.replace(part, target)
    return target


def fetch_json(url: str, timeout: float = 60.0) -> dict:
    try:
        with urllib.request.urlopen(_request(url), timeout=timeout) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise DataError(f"{url}: request failed (HTTP {exc.code} {exc.reason})") from None
    except (urllib.error.URLError, OSError) as exc:
        raise DataError(f"{url}: request failed ({getattr(exc, 'reason', exc)})") from None
    except ValueError:
        raise DataError(f"{url}: the answer is not JSON") from None
