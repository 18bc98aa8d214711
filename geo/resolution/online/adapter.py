"""HTTP for the online geocoders: geopy's requests adapter, with the whole request bounded.

geopy's timeout is requests' and bounds each socket read: a server that sends a byte a second
holds a request as long as it likes, and an answer is read whole however large it is, an
error page's body into geopy's log. Here the caller waits at most the timeout for the whole
exchange (connection, headers, body), which runs in a worker thread that stops reading at the
deadline too; a body is read a socket read at a time up to ``MAX_ANSWER_BYTES``, and an error
page is quoted by its first bytes (``excerpt``), never whole. A connection that fails is not
retried (urllib3 would log a line per retry) and is reported by its cause ("Connection
refused"), not urllib3's nest of wrappers.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping

import requests
from geopy.adapters import AdapterHTTPError, RequestsAdapter
from geopy.exc import GeocoderParseError, GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.util.retry import Retry

from geo.errors import excerpt

# No geocoder's answer for one name comes near this; a larger one is refused, unread.
MAX_ANSWER_BYTES = 5_000_000
# What an error page is quoted by.
ERROR_TEXT_BYTES = 1000
_CHUNK = 1 << 16


def no_retries() -> Retry:
    """Redirects followed, nothing retried: ``OnlineGeocoder`` decides about 429s and 503s (urllib3
    would sleep for as long as a Retry-After says, an hour if the server says so), and a
    connection that fails is one warning."""
    return Retry(total=2, connect=0, read=False, status=0, other=0, redirect=2, respect_retry_after_header=False)


class BoundedAdapter(RequestsAdapter):
    """geopy's ``RequestsAdapter``, bounded in time and size (see the module)."""

    def __init__(self, *, max_bytes: int = MAX_ANSWER_BYTES, **kwargs) -> None:
        kwargs.setdefault("max_retries", no_retries())
        super().__init__(**kwargs)
        self.max_bytes = max_bytes

    def get_text(self, url: str, *, timeout: float, headers: Mapping[str, str]) -> str:
        return self._within(url, timeout, headers).decode("utf-8", "replace")

    def get_json(self, url: str, *, timeout: float, headers: Mapping[str, str]):
        body = self._within(url, timeout, headers)
        try:
            return json.loads(body)
        except (ValueError, RecursionError):  # RecursionError: [[[[... nested past Python's stack
            raise GeocoderParseError(
                f"the answer is not JSON: {excerpt(body[:ERROR_TEXT_BYTES].decode('utf-8', 'replace'))}") from None

    def _within(self, url: str, timeout: float, headers: Mapping[str, str]) -> bytes:
        """The body of a successful answer; geopy's errors otherwise, ``GeocoderTimedOut`` when
        the whole exchange is not over within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        outcome: list[bytes | Exception] = []

        def fetch() -> None:
            try:
                outcome.append(self._fetch(url, timeout, headers, deadline))
            except Exception as error:  # handed to the caller, raised there
                outcome.append(error)

        worker = threading.Thread(target=fetch, name="geo-online-request", daemon=True)
        worker.start()
        worker.join(timeout)
        if not outcome:
            # The worker stops at its next read; a server still sending headers keeps it until
            # it stops or stalls for a whole timeout. Nothing waits for it.
            raise GeocoderTimedOut(f"no whole answer within {timeout:g} s")
        if isinstance(outcome[0], Exception):
            raise outcome[0]
        return outcome[0]

    def _fetch(self, url: str, timeout: float, headers: Mapping[str, str], deadline: float) -> bytes:
        try:
            response = self.session.get(url, timeout=timeout, headers=headers, stream=True)
        except requests.Timeout:
            raise GeocoderTimedOut(f"no answer within {timeout:g} s") from None
        except requests.RequestException as error:
            raise GeocoderUnavailable(f"cannot connect ({cause(error)})") from None
        with response:
            if response.status_code >= 400:
                text = self._read(response, deadline, ERROR_TEXT_BYTES, truncate=True)
                raise AdapterHTTPError(f"HTTP {response.status_code}", status_code=response.status_code,
                                       headers=response.headers, text=excerpt(text.decode("utf-8", "replace")))
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise GeocoderServiceError(f"an answer of {declared} bytes, more than {self.max_bytes}; not read")
            return self._read(response, deadline, self.max_bytes)

    @staticmethod
    def _read(response: requests.Response, deadline: float, limit: int, truncate: bool = False) -> bytes:
        """The body, a socket read at a time (decompressed), until it ends, passes ``limit``
        bytes (``truncate``: the first ``limit`` bytes are enough) or the deadline passes."""
        body = bytearray()
        try:
            while chunk := response.raw.read1(_CHUNK, decode_content=True):
                body += chunk
                if len(body) > limit:
                    if truncate:
                        return bytes(body[:limit])
                    raise GeocoderServiceError(f"an answer of more than {limit} bytes; the rest not read")
                if time.monotonic() > deadline:
                    raise GeocoderTimedOut("the answer did not end in time")
        except (Urllib3Error, OSError) as error:
            if "timed out" in str(error).lower():
                raise GeocoderTimedOut("the answer stopped coming") from None
            raise GeocoderUnavailable(f"the answer broke off ({cause(error)})") from None
        return bytes(body)


def cause(error: BaseException) -> str:
    """What went wrong at the root of requests' and urllib3's wrappers ("Connection refused",
    "Name or service not known"), else the error itself, quoted."""
    here: BaseException | None = error
    for _ in range(10):
        if here is None:
            break
        if isinstance(here, OSError) and here.strerror:
            return here.strerror
        reason = getattr(here, "reason", None)
        first = here.args[0] if here.args and isinstance(here.args[0], BaseException) else None
        here = next((e for e in (reason, here.__cause__, first, here.__context__) if isinstance(e, BaseException)),
                    None)
    return excerpt(error)
