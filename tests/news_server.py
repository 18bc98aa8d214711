"""A news site on a loopback address (127.0.0.1, or any of 127.0.0.0/8), for the tests of
reading pages and feeds: pages and feeds with ETag and Last-Modified (304s), robots.txt,
and misbehaviour on demand: redirects, 429 with Retry-After, 500s, slow and huge bodies,
gzip bombs. It records every request (path and headers)."""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Respond = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)


class NewsServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Respond] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer((host, 0), self._handler())
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> NewsServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    # -- what it serves ---------------------------------------------------------------------
    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        """A body with an ETag and Last-Modified, answered with a 304 when unchanged."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(time.time() - 3600, usegmt=True)

        def respond(h: BaseHTTPRequestHandler) -> None:
            if h.headers.get("If-None-Match") == etag:
                h.send_response(304)
                h.send_header("ETag", etag)
                h.end_headers()
                return
            _send(h, 200, data, {"Content-Type": content_type, "ETag": etag, "Last-Modified": modified,
                                 **(headers or {})})

        self.routes[path] = respond

    def robots(self, text: str) -> None:
        self.page("/robots.txt", text, "text/plain")

    def status(self, path: str, *codes: int, then: Respond | None = None,
               headers: dict[str, str] | None = None) -> None:
        """Answer with these statuses in turn (with ``headers``), then with ``then``."""
        left = list(codes)

        def respond(h: BaseHTTPRequestHandler) -> None:
            if left:
                _send(h, left.pop(0), b"busy", {"Content-Type": "text/plain", **(headers or {})})
            elif then:
                then(h)
            else:
                _send(h, 500, b"error", {"Content-Type": "text/plain"})

        self.routes[path] = respond

    def redirect(self, path: str, location: str, code: int = 301) -> None:
        self.routes[path] = lambda h: _send(h, code, b"", {"Location": location})

    def slow(self, path: str, body: bytes, pause: float) -> None:
        """Headers at once, then the body a few bytes at a time, ``pause`` seconds apart."""
        def respond(h: BaseHTTPRequestHandler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.end_headers()
            try:
                for i in range(0, len(body), 64):
                    h.wfile.write(body[i:i + 64])
                    h.wfile.flush()
                    time.sleep(pause)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout) or was killed

        self.routes[path] = respond

    def huge(self, path: str, size: int, with_length: bool) -> None:
        """``size`` bytes of HTML, with or without a Content-Length (then until the connection closes)."""
        chunk = (b"<p>" + b"Filler text about nothing in particular. " * 24 + b"</p>\n")

        def respond(h: BaseHTTPRequestHandler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            if with_length:
                h.send_header("Content-Length", str(size))
            h.end_headers()
            sent = 0
            try:
                while sent < size:
                    part = chunk[:size - sent]
                    h.wfile.write(part)
                    sent += len(part)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its cap

        self.routes[path] = respond

    def gzip_bomb(self, path: str, inflated: int) -> None:
        """A small gzip body that inflates to ``inflated`` bytes of zeros."""
        body = gzip_of_zeros(inflated)
        self.routes[path] = lambda h: _send(h, 200, body, {"Content-Type": "text/html", "Content-Encoding": "gzip"})

    def encoded(self, path: str, body: str, encoding: str) -> None:
        """A page sent gzip-, deflate- (zlib) or raw-deflate-encoded ("deflate-raw": some servers' deflate)."""
        data = body.encode("utf-8")
        if encoding == "gzip":
            data = gzip.compress(data)
        else:
            bits = -zlib.MAX_WBITS if encoding == "deflate-raw" else zlib.MAX_WBITS
            packer = zlib.compressobj(6, zlib.DEFLATED, bits)
            data = packer.compress(data) + packer.flush()
        header = "deflate" if encoding.startswith("deflate") else encoding
        self.routes[path] = lambda h: _send(h, 200, data, {"Content-Type": "text/html; charset=utf-8",
                                                           "Content-Encoding": header})

    # -- the handler ------------------------------------------------------------------------
    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                with server._lock:
                    server.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
                respond = server.routes.get(self.path) or server.routes.get(path)
                if respond is None:
                    _send(self, 404, b"not found", {"Content-Type": "text/plain"})
                    return
                respond(self)

        return Handler


def _send(h: BaseHTTPRequestHandler, code: int, body: bytes, headers: dict[str, str]) -> None:
    h.send_response(code)
    for name, value in headers.items():
        h.send_header(name, value)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    if body:
        h.wfile.write(body)


def gzip_of_zeros(size: int) -> bytes:
    """A gzip stream of ``size`` zero bytes, made a megabyte at a time (it stays small)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    parts.append(packer.compress(bytes(size & ((1 << 20) - 1))))
    parts.append(packer.flush())
    return b"".join(parts)
