"""A real HTTP server on 127.0.0.1 standing in for GeoNames and geoBoundaries.

It serves ../shared/geodata: ``/dump/XK.zip`` is zipped from ``geonames/XK.txt`` on the
fly, ``/gb/{ISO3}/{LEVEL}/`` answers like the geoBoundaries API, ``/files/...`` serves
files with HTTP Range support (for resumed downloads).
"""

from __future__ import annotations

import io
import json
import zipfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.local_server import LocalServer


class GeodataServer(LocalServer):
    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests: list[tuple[str, str | None]] = []
        self.ignore_range = False
        super().__init__(self._handler())
        self.url = f"http://127.0.0.1:{self.port}"

    def _body(self, path: str) -> bytes | None:
        root = self.root
        if path.startswith("/dump/") and path.endswith(".zip"):
            cc = path[len("/dump/"):-len(".zip")]
            txt = root / "geonames" / f"{cc}.txt"
            if not txt.exists():
                return None
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.write(txt, f"{cc}.txt")
            return buf.getvalue()
        if path.startswith("/gb/"):
            parts = path.strip("/").split("/")
            if len(parts) != 3:
                return None
            _, iso3, level = parts
            name = f"geoBoundaries-{iso3}-{level}_simplified.geojson"
            if not (root / "geoboundaries" / name).exists():
                return None
            return json.dumps({
                "boundaryISO": iso3, "boundaryType": level, "licenseDetail": "CC BY 4.0",
                "simplifiedGeometryGeoJSON": f"{self.url}/files/geoboundaries/{name}",
                "gjDownloadURL": f"{self.url}/files/geoboundaries/{name}",
            }).encode()
        if path.startswith("/files/"):
            f = (root / path[len("/files/"):]).resolve()
            if root.resolve() in f.parents and f.is_file():
                return f.read_bytes()
        return None

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                rng = self.headers.get("Range")
                server.requests.append((self.path, rng))
                body = server._body(self.path)
                if body is None:
                    self.send_error(404)
                    return
                start = 0
                if rng and rng.startswith("bytes=") and not server.ignore_range:
                    start = int(rng[len("bytes="):].split("-")[0])
                    if start >= len(body):
                        self.send_error(416)
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body) - start))
                self.end_headers()
                self.wfile.write(body[start:])

        return Handler
