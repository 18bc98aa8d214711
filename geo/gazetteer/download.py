"""Downloading data files: resumable, with progress, never over what is installed.

A download goes to ``<target>.part``; an interrupted one resumes from there with an HTTP
Range request (or restarts when the server ignores it). Only a complete, checked file is
renamed into place, so a failed download leaves the existing data as it was.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from geo import __version__
from geo.errors import DataError, excerpt

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
          check: Callable[[Path], None] | None = None, max_bytes: int | None = None) -> Path:
    """Download ``url`` to ``target``; ``check`` may reject the finished file (raise), and a
    file over ``max_bytes`` is refused as soon as it says so or passes it. ``timeout`` bounds
    each wait for the server (a stalled download), not the whole download."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    offset = part.stat().st_size if part.exists() else 0
    try:
        response = urllib.request.urlopen(_request(url, offset), timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and offset:  # the part file is already whole (or wrong): start over
            part.unlink()
            return fetch(url, target, progress, timeout, check, max_bytes)
        raise DataError(f"{url}: download failed (HTTP {exc.code} {excerpt(exc.reason)})") from None
    except (urllib.error.URLError, OSError) as exc:
        raise DataError(f"{url}: download failed ({excerpt(getattr(exc, 'reason', exc))})") from None
    with response:
        resumed = offset and response.status == 206
        if not resumed:
            offset = 0
        length = response.headers.get("Content-Length")
        total = offset + int(length) if length and length.isdigit() else None
        if max_bytes is not None and (total or 0) > max_bytes:
            raise DataError(f"{url}: {total} bytes, more than {max_bytes}; not downloaded")
        done = _save(url, response, part, offset, total, progress, max_bytes)
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


def _save(url: str, response, part: Path, offset: int, total: int | None, progress: Progress | None,
          max_bytes: int | None) -> int:
    """Append the response to ``part`` (which holds ``offset`` bytes); the bytes it then holds."""
    done = offset
    try:
        with part.open("ab" if offset else "wb") as out:
            while chunk := response.read(_CHUNK):
                out.write(chunk)
                done += len(chunk)
                if max_bytes is not None and done > max_bytes:
                    raise DataError(f"{url}: more than {max_bytes} bytes; not downloaded")
                if progress:
                    progress(done, total)
    except (OSError, urllib.error.URLError) as exc:
        raise DataError(f"{url}: download interrupted after {done} bytes ({excerpt(exc)}); "
                        "run the command again to resume") from None
    except DataError:
        part.unlink(missing_ok=True)  # too large: not a download to resume
        raise
    return done


# An API's answer (geoBoundaries' metadata is some 2 KB); a larger one is refused.
MAX_JSON_BYTES = 5_000_000


def fetch_json(url: str, timeout: float = 60.0) -> dict:
    """A JSON object from an API: at most ``MAX_JSON_BYTES``, its body read within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    body = bytearray()
    try:
        with urllib.request.urlopen(_request(url), timeout=timeout) as response:
            while chunk := response.read1(_CHUNK):
                body += chunk
                if len(body) > MAX_JSON_BYTES:
                    raise DataError(f"{url}: an answer of more than {MAX_JSON_BYTES} bytes")
                if time.monotonic() > deadline:
                    raise DataError(f"{url}: no whole answer within {timeout:g} s")
        answer = json.loads(body.decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise DataError(f"{url}: request failed (HTTP {exc.code} {excerpt(exc.reason)})") from None
    except (urllib.error.URLError, OSError) as exc:
        raise DataError(f"{url}: request failed ({excerpt(getattr(exc, 'reason', exc))})") from None
    except (ValueError, RecursionError):
        raise DataError(f"{url}: the answer is not JSON: {excerpt(body[:1000].decode('utf-8', 'replace'))}") from None
    if not isinstance(answer, dict):
        raise DataError(f"{url}: the answer is not a JSON object: {excerpt(body[:1000].decode('utf-8', 'replace'))}")
    return answer
