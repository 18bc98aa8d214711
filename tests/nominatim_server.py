"""A real HTTP server on 127.0.0.1 that answers like Nominatim (``/search``), Photon (``/api``) and
ArcGIS (``.../GeocodeServer/findAddressCandidates``).

It knows a few made-up places (``PLACES``), answers anything else with an empty result,
and records every request (time, path, query parameters, user agent). Switches make it
misbehave: ``delay`` (seconds before answering), ``fail_429`` (answer that many requests
with 429, with ``retry_after`` as the Retry-After header when set), ``status`` (answer
every request with that status, e.g. 500), ``body`` (answer every request with these bytes
instead, a JSON list of strings or a point at "1e308"), ``body_size`` (answer with that many
bytes of text with terminal escape codes, written a chunk at a time) and ``byte_delay`` (send the status line,
headers and body a byte at a time, this many seconds apart).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from tests.local_server import LocalServer

# name -> (lat, lon, OSM key, OSM value, country code, country, state, county, population)
PLACES = {
    "xqzzyville junction": ("Xqzzyville Junction", 42.9151, 20.6772, "place", "village", "xk", "Kosovo",
                            "District of Mitrovica", "Zubin Potok", "340"),
    "vrqzzka crossing": ("Vrqzzka Crossing", 42.8901, 20.8702, "barrier", "border_control", "rs", "Serbia",
                         "Central Serbia", "Raška District", ""),
    "qzzolnik": ("Qzzolnik", 43.0123, 20.9876, "place", "hamlet", "rs", "Serbia", "Central Serbia",
                 "Raška District", "45"),
}

# ArcGIS names countries by ISO 3166 alpha-3 codes.
ALPHA3 = {"xk": "XKX", "rs": "SRB"}
ARCGIS_PATH = "/arcgis/rest/services/World/GeocodeServer/findAddressCandidates"


@dataclass
class Request:
    time: float
    path: str
    params: dict[str, str]
    user_agent: str


class NominatimServer(LocalServer):
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.delay = 0.0
        self.fail_429 = 0
        self.retry_after: str | None = None
        self.status: int | None = None
        self.body: bytes | None = None
        self.body_size = 0
        self.byte_delay = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        # path -> the answer to a request's parameters, as each service would give it
        self.answers = {
            "/search": lambda params: self.nominatim(params.get("q", ""), params),
            "/api": lambda params: self.photon(params.get("q", "")),
            ARCGIS_PATH: lambda params: self.arcgis(params.get("singleLine", "")),
        }
        super().__init__(self._handler())
        self.domain = f"127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self._stop.set()
        super().__exit__(*exc)

    def count(self, path: str | None = None) -> int:
        with self._lock:
            return sum(1 for r in self.requests if path is None or r.path == path)

    # -- answers ---------------------------------------------------------------------------
    @staticmethod
    def nominatim(query: str, params: dict[str, str]) -> list[dict]:
        found = PLACES.get(" ".join(query.lower().split()))
        if found is None:
            return []
        name, lat, lon, key, value, cc, country, state, county, population = found
        record = {
            "place_id": 1000 + len(name), "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
            "osm_type": "node", "osm_id": 5000 + len(name), "lat": str(lat), "lon": str(lon),
            "class": key, "type": value, "place_rank": 19, "importance": 0.21, "addresstype": value,
            "name": name, "display_name": f"{name}, {county}, {state}, {country}",
            "boundingbox": [str(lat - 0.01), str(lat + 0.01), str(lon - 0.01), str(lon + 0.01)],
        }
        if params.get("addressdetails") == "1":
            record["address"] = {value if key == "place" else "road": name, "county": county, "state": state,
                                 "country": country, "country_code": cc}
        if params.get("extratags") and population:
            record["extratags"] = {"population": population}
        return [record]

    @staticmethod
    def photon(query: str) -> dict:
        found = PLACES.get(" ".join(query.lower().split()))
        features = []
        if found is not None:
            name, lat, lon, key, value, cc, country, state, county, _ = found
            features.append({
                "type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"osm_type": "N", "osm_id": 5000 + len(name), "osm_key": key, "osm_value": value,
                               "type": "house" if key != "place" else value, "name": name, "country": country,
                               "countrycode": cc.upper(), "state": state, "county": county},
            })
        return {"type": "FeatureCollection", "features": features}

    @staticmethod
    def arcgis(query: str) -> dict:
        found = PLACES.get(" ".join(query.lower().split()))
        candidates = []
        if found is not None:
            name, lat, lon, _, _, cc, country, state, county, _ = found
            candidates.append({
                "address": f"{name}, {county}, {state}", "location": {"x": lon, "y": lat}, "score": 100,
                "attributes": {"Match_addr": f"{name}, {county}, {state}", "Addr_type": "Locality", "Type": "Village",
                               "PlaceName": name, "Subregion": county, "Region": state, "Country": ALPHA3[cc],
                               "CntryName": country, "X": lon, "Y": lat},
                "extent": {"xmin": lon - 0.01, "ymin": lat - 0.01, "xmax": lon + 0.01, "ymax": lat + 0.01},
            })
        return {"spatialReference": {"wkid": 4326, "latestWkid": 4326}, "candidates": candidates}

    def _handler(self):
        server = self

        class Handler(_Handler):
            owner = server

        return Handler


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    owner: NominatimServer

    def log_message(self, *args) -> None:  # quiet
        pass

    def handle(self) -> None:
        with contextlib.suppress(ConnectionError):  # the client gave up on a long answer
            super().handle()

    def _send(self, status: int, body: bytes, content_type: str = "application/json",
              headers: dict[str, str] | None = None) -> None:
        if self.owner.byte_delay:
            self._trickle(status, body, content_type)
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, status: int, body: bytes, content_type: str) -> None:
        """Status line, headers and body a byte at a time (a slow or hostile server)."""
        whole = (f"HTTP/1.1 {status} OK\r\nContent-Type: {content_type}\r\n"
                 f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        for i in range(len(whole)):
            if self.owner._stop.wait(self.owner.byte_delay):
                return
            self.wfile.write(whole[i:i + 1])
            self.wfile.flush()

    def _send_huge(self, size: int) -> None:
        """``size`` bytes of text that is not JSON, with terminal escape codes in it, a chunk at a
        time, with no Content-Length (the body ends when the connection closes)."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        chunk = b"\x1b[31mred\x1b[0m\n" + b"x" * 65_520
        for _ in range(size // len(chunk)):
            self.wfile.write(chunk)
        self.wfile.write(b"x" * (size % len(chunk)))

    def _answer(self, path: str, params: dict[str, str], too_many: bool) -> None:
        owner = self.owner
        if too_many:
            headers = {"Retry-After": owner.retry_after} if owner.retry_after is not None else {}
            self._send(429, b'{"error": "Too Many Requests"}', headers=headers)
        elif owner.status is not None:
            self._send(owner.status, owner.body or b"<html><body>Internal Server Error</body></html>", "text/html")
        elif owner.body_size:
            self._send_huge(owner.body_size)
        elif owner.body is not None:
            self._send(200, owner.body)
        elif path in owner.answers:
            self._send(200, json.dumps(owner.answers[path](params)).encode())
        else:
            self._send(404, b'{"error": "not found"}')

    def do_GET(self) -> None:
        owner = self.owner
        url = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(url.query).items()}
        with owner._lock:
            owner.requests.append(Request(time.monotonic(), url.path, params, self.headers.get("User-Agent", "")))
            too_many = owner.fail_429 > 0
            if too_many:
                owner.fail_429 -= 1
        try:
            if owner.delay and owner._stop.wait(owner.delay):
                return
            self._answer(url.path, params, too_many)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass
