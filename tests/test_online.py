"""The online fallback: each service's parser on answers recorded by the team (tests/fixtures/online),
and the whole path against a real HTTP server on 127.0.0.1 that answers like Nominatim, Photon and ArcGIS."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.articles import Article
from geo.errors import InputError
from geo.model import Mention
from geo.resolution import ContextResolver
from geo.resolution.online import (
    CACHE_NAME,
    DEFAULT_USER_AGENT,
    SERVICES,
    Answer,
    OnlineCache,
    OnlineFallbackResolver,
    OnlineGeocoder,
    Record,
    answer_place,
    build_geocoder,
    feature,
    online_resolver,
)
from tests.nominatim_server import ARCGIS_PATH, NominatimServer

RECORDED = Path(__file__).parent / "fixtures" / "online"
# Where an answer holds its records: Photon's GeoJSON features, ArcGIS's candidates; Nominatim's is a list.
_RECORDS_IN = {"photon": "features", "arcgis": "candidates"}

FAST = 0.05  # min delay between requests in tests that do not measure it


@pytest.fixture
def server():
    with NominatimServer() as s:
        yield s


@pytest.fixture
def offline(gazetteer):
    return ContextResolver(gazetteer)


def mention(text: str, label: str = "GPE", start: int = 0) -> Mention:
    return Mention("a1", text, start, start + len(text), label, sentence=text)


def article(*texts: str) -> Article:
    return Article("a1", " ".join(texts))


def resolver(offline, server, tmp_path, service: str = "nominatim", **kwargs) -> OnlineFallbackResolver:
    kwargs.setdefault("min_delay_seconds", FAST)
    online = OnlineGeocoder(service, cache=OnlineCache(tmp_path / CACHE_NAME), domain=server.domain,
                            scheme="http", **kwargs)
    return OnlineFallbackResolver(offline, online)


def test_unknown_name_resolved_online(offline, server, tmp_path):
    mentions = [mention("Pristina"), mention("Xqzzyville Junction", start=20), mention("Serbs", "NORP", 50),
                mention("the Kosovo–Serbia border", "BORDER", 60)]
    out = resolver(offline, server, tmp_path).resolve(article("x"), mentions)
    assert [r.mention for r in out] == mentions
    pristina, village, serbs, border = out
    assert pristina.place is not None and pristina.place.source != "online:nominatim"
    place = village.place
    assert place is not None and place.source == "online:nominatim"
    assert (place.name, place.country_code, place.feature_class, place.feature_code) == \
        ("Xqzzyville Junction", "XK", "P", "PPL")
    assert (place.lat, place.lon, place.geonameid, place.population) == (42.9151, 20.6772, None, 340)
    assert place.admin2 == "Zubin Potok"
    assert village.confidence == 0.5 and village.extra["online"] == "nominatim"
    assert serbs.place is None or serbs.place.source != "online:nominatim"
    assert border.place is None
    # Only the name the gazetteer lacks was asked, in Nominatim's form.
    assert [r.params["q"] for r in server.requests] == ["Xqzzyville Junction"]
    assert server.requests[0].path == "/search"
    assert server.requests[0].params["format"] == "json" and server.requests[0].params["addressdetails"] == "1"


def test_second_run_asks_nothing(offline, server, tmp_path):
    mentions = [mention("Xqzzyville Junction"), mention("Qzzunknownvile", start=30)]
    first = online_resolver(offline, "nominatim", data_dir=tmp_path, domain=server.domain, scheme="http",
                            min_delay_seconds=FAST)
    found, missing = first.resolve(article("x"), mentions)
    assert found.place is not None and missing.place is None
    assert server.count() == 2
    assert (tmp_path / CACHE_NAME).exists()
    first.online.cache.close()

    # A new run (new resolver, new connection to the cache): answers and "not found" come from disk.
    again = online_resolver(offline, "nominatim", data_dir=tmp_path, domain=server.domain, scheme="http",
                            min_delay_seconds=FAST)
    respelt = mention("xqzzyville  JUNCTION", start=60)
    found2, missing2, respelt2 = again.resolve_all([article("x")], [[*mentions, respelt]])[0]
    assert found2.place == found.place and respelt2.place == found.place and missing2.place is None
    assert server.count() == 2
    assert len(again.online.cache) == 2


def test_photon(offline, server, tmp_path):
    out = resolver(offline, server, tmp_path, "photon").resolve(
        article("x"), [mention("Vrqzzka Crossing", "FAC"), mention("Qzzunknownvile", start=30)])
    place = out[0].place
    assert place is not None and place.source == "online:photon"
    assert (place.name, place.country_code, place.feature_code) == ("Vrqzzka Crossing", "RS", "PSTB")
    assert (place.lat, place.lon) == (42.8901, 20.8702)
    assert out[1].place is None
    assert [r.path for r in server.requests] == ["/api", "/api"]
    assert server.requests[0].params["q"] == "Vrqzzka Crossing"


def test_arcgis(offline, server, tmp_path):
    out = resolver(offline, server, tmp_path, "arcgis").resolve(
        article("x"), [mention("Vrqzzka Crossing", "FAC"), mention("Qzzunknownvile", start=30)])
    place = out[0].place
    assert place is not None and place.source == "online:arcgis"
    assert (place.name, place.country_code, place.feature_class, place.feature_code) == \
        ("Vrqzzka Crossing", "RS", "P", "PPL")
    assert (place.lat, place.lon, place.admin1, place.admin2) == (42.8901, 20.8702, "Central Serbia", "Raška District")
    assert out[1].place is None
    assert [r.path for r in server.requests] == [ARCGIS_PATH, ARCGIS_PATH]
    assert server.requests[0].params["singleLine"] == "Vrqzzka Crossing"
    assert server.requests[0].params["outFields"] == "*"


def test_429_is_retried_after_retry_after(offline, server, tmp_path, caplog):
    server.fail_429, server.retry_after = 2, "1"
    start = time.monotonic()
    with caplog.at_level(logging.INFO, logger="geo"):
        out = resolver(offline, server, tmp_path).resolve(article("x"), [mention("Xqzzyville Junction")])
    assert caplog.text.count("429 for 'Xqzzyville Junction', retrying in 1 s") == 2
    assert out[0].place is not None and out[0].place.name == "Xqzzyville Junction"
    assert server.count() == 3
    times = [r.time for r in server.requests]
    assert all(b - a >= 0.9 for a, b in zip(times, times[1:], strict=False))  # waited as asked
    assert time.monotonic() - start < 5


def test_429_without_retry_after_backs_off_then_gives_up(offline, server, tmp_path, caplog):
    server.fail_429 = 10
    res = resolver(offline, server, tmp_path, max_retries=2, retry_wait_seconds=0.1)
    with caplog.at_level(logging.WARNING, logger="geo"):
        out = res.resolve(article("x"), [mention("Xqzzyville Junction")])
    assert out[0].place is None
    assert server.count() == 3  # one try and two retries
    assert "rate limited" in caplog.text


def test_long_retry_after_is_not_waited_for(offline, server, tmp_path, caplog):
    server.fail_429, server.retry_after = 10, "3600"
    res = resolver(offline, server, tmp_path)
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="geo"):
        out = res.resolve(article("x"), [mention("Xqzzyville Junction"), mention("Qzzolnik", start=30)])
    assert [r.place for r in out] == [None, None]
    assert server.count() == 1 and time.monotonic() - start < 2
    assert "not asked again" in caplog.text


def test_500_leaves_the_mention_unresolved(offline, server, tmp_path, caplog):
    server.status = 500
    res = resolver(offline, server, tmp_path)
    mentions = [mention("Xqzzyville Junction"), mention("Pristina", start=30)]
    with caplog.at_level(logging.WARNING, logger="geo"):
        out = res.resolve(article("x"), mentions)
    assert out[0].place is None and out[1].place is not None  # the run went on
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "Xqzzyville Junction" in warnings[0].getMessage()
    assert server.count() == 1
    # A failure is not cached: once the server recovers, the next run asks again.
    server.status = None
    again = resolver(offline, server, tmp_path)
    assert again.resolve(article("x"), mentions)[0].place is not None
    assert server.count() == 2


def test_timeout_leaves_the_mention_unresolved(offline, server, tmp_path, caplog):
    server.delay = 5.0
    res = resolver(offline, server, tmp_path, timeout=0.5)
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="geo"):
        out = res.resolve(article("x"), [mention("Xqzzyville Junction")])
    assert out[0].place is None
    assert time.monotonic() - start < 3
    assert "no answer within 0.5 s" in caplog.text


def test_repeated_failures_stop_asking(offline, server, tmp_path, caplog):
    server.status = 503
    online = OnlineGeocoder("nominatim", cache=None, domain=server.domain, scheme="http",
                            min_delay_seconds=FAST, max_failures=2)
    res = OnlineFallbackResolver(offline, online)
    names = ["Xqzzyville Junction", "Qzzolnik", "Vrqzzka Crossing", "Qzzunknownvile"]
    with caplog.at_level(logging.WARNING, logger="geo"):
        out = res.resolve(article("x"), [mention(n, start=i * 30) for i, n in enumerate(names)])
    assert all(r.place is None for r in out)
    assert server.count() == 2 and online.disabled
    assert "not asked again" in caplog.text


def test_requests_are_spaced_by_the_rate_limiter(offline, server, tmp_path):
    names = ["Xqzzyville Junction", "Qzzolnik", "Vrqzzka Crossing", "Qzzunknownvile"]
    res = resolver(offline, server, tmp_path, min_delay_seconds=0.2)
    res.resolve(article("x"), [mention(n, start=i * 30) for i, n in enumerate(names)])
    times = [r.time for r in server.requests]
    assert len(times) == 4, [r.path for r in server.requests]
    # The limiter spaces the starts; one request delayed on its way (a loaded machine) arrives
    # closer to the next, so the spacing is checked over the whole run.
    assert times[-1] - times[0] >= 3 * 0.2 * 0.95


def test_nominatim_waits_a_second_by_default(server):
    online = OnlineGeocoder("nominatim", cache=None, domain=server.domain, scheme="http")
    assert online.min_delay_seconds == 1.0


def test_user_agent_is_sent(offline, server, tmp_path):
    resolver(offline, server, tmp_path).resolve(article("x"), [mention("Qzzolnik")])
    assert server.requests[-1].user_agent == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("geo/") and "geopy/" not in DEFAULT_USER_AGENT
    mine = "geo-tests/1.0 (someone@example.org)"
    resolver(offline, server, tmp_path / "b", user_agent=mine).resolve(article("x"), [mention("Qzzolnik")])
    assert server.requests[-1].user_agent == mine


def test_environment_points_at_another_server(server, monkeypatch):
    monkeypatch.setenv("GEO_ONLINE_DOMAIN", server.domain)
    monkeypatch.setenv("GEO_ONLINE_SCHEME", "http")
    geocoder = build_geocoder("photon", timeout=2)
    assert geocoder.geocode("Qzzolnik").latitude == 43.0123
    assert server.requests[-1].path == "/api"


def test_domain_may_be_a_url(server):
    geocoder = build_geocoder("nominatim", domain=f"http://{server.domain}/", timeout=2)
    assert (geocoder.scheme, geocoder.domain) == ("http", server.domain)
    assert geocoder.geocode("Qzzolnik").longitude == 20.9876


def test_unknown_service_is_an_input_error():
    with pytest.raises(InputError, match="nominatim, photon"):
        build_geocoder("googlemaps")


def test_pipeline_mentions_resolve_online(pipeline, server, tmp_path):
    art = Article("a1", "Shots were fired overnight in Xqzzyville Junction, a village near Zubin Potok.")
    mentions = pipeline.recognizer.recognize([art])
    res = resolver(pipeline.resolver, server, tmp_path)
    out = {r.mention.text: r.place for r in res.resolve_all([art], mentions)[0]}
    if "Xqzzyville Junction" not in out:
        pytest.skip("the spaCy model did not take the made-up name for a place")
    assert out["Xqzzyville Junction"].source == "online:nominatim"
    assert out["Zubin Potok"] is not None and out["Zubin Potok"].source != "online:nominatim"
    assert server.count() == 1


@pytest.mark.parametrize(("key", "value", "addresstype", "expected"), [
    ("place", "city", "city", ("P", "PPL")),
    ("boundary", "administrative", "city", ("P", "PPL")),
    ("boundary", "administrative", "country", ("A", "PCLI")),
    ("barrier", "border_control", "", ("S", "PSTB")),
    ("waterway", "river", "", ("H", "STM")),
    ("shop", "bakery", "", ("S", "BLDG")),
    ("whatever", "unknown", "", ("P", "PPL")),
])
def test_feature_codes(key, value, addresstype, expected):
    assert feature(key, value, addresstype) == expected


def recorded(service: str) -> list[dict]:
    """The records of a recorded answer, as geopy hands them on (``Location.raw``)."""
    answer = json.loads((RECORDED / f"{service}.json").read_text(encoding="utf-8"))
    key = _RECORDS_IN.get(service)
    return answer[key] if key else answer


def test_every_service_has_recorded_answers():
    assert sorted(p.stem for p in RECORDED.glob("*.json")) == sorted(SERVICES)


@pytest.mark.parametrize(("service", "index", "expected"), [
    ("nominatim", 0, Record("Leposavić", "P", "PPL", "xk", "", "District of Mitrovica", 3913)),
    ("nominatim", 1, Record("District of Mitrovica", "A", "ADM2", "xk", "", "District of Mitrovica", 272247)),
    ("nominatim", 2, Record("", "R", "RD", "xk", "", "District of Mitrovica", 0)),  # jsonv2's "category"
    ("photon", 0, Record("Jarinje", "S", "PSTB", "XK", "District of Mitrovica", "Leposavić Municipality")),
    ("photon", 1, Record("Mitrovica", "P", "PPL", "xk", "District of Mitrovica", "")),
    ("photon", 2, Record("Gazivode Lake", "H", "LK", "XK", "District of Mitrovica", "Zubin Potok Municipality")),
    ("arcgis", 0, Record("Zvečan", "P", "PPL", "XK", "Mitrovicë", "Zvečan")),  # from "XKX"
    ("arcgis", 1, Record("", "P", "PPL", "XK", "Prishtinë", "")),
])
def test_parsers_read_recorded_answers(service, index, expected):
    assert SERVICES[service].parse(recorded(service)[index]) == expected


@pytest.mark.parametrize(("service", "index", "display_name", "expected"), [
    ("nominatim", 0, "Leposavić, Leposavić Municipality, District of Mitrovica, Kosovo", ("Leposavić", "XK")),
    ("nominatim", 2, "Ulica Kralja Petra, Mitrovica North, District of Mitrovica, Kosovo",
     ("Ulica Kralja Petra", "XK")),
    ("arcgis", 1, "Rruga Nëna Terezë, Prishtinë", ("Rruga Nëna Terezë", "XK")),
])
def test_a_record_without_a_name_is_named_by_its_answer(service, index, display_name, expected):
    answer = Answer("the query", True, 42.9, 20.8, display_name, recorded(service)[index])
    place = answer_place(SERVICES[service], answer)
    assert (place.name, place.country_code) == expected
    assert (place.lat, place.lon, place.geonameid, place.source) == (42.9, 20.8, None, f"online:{service}")
    assert answer_place(SERVICES[service], Answer("the query", True, 1.0, 2.0)).name == "the query"


def _wired() -> bool:
    import inspect

    from geo.pipeline import Pipeline

    return "online" in inspect.signature(Pipeline.__init__).parameters


def test_cli_online(data_dir, server, tmp_path):
    if not _wired():
        pytest.skip("--online is not wired into the Pipeline and CLI yet")
    import json

    from typer.testing import CliRunner

    from geo.cli import app

    data = tmp_path / "data"  # the test gazetteer, with this test's own online cache beside it
    data.mkdir()
    for name in ("gazetteer.sqlite", "countries.gpkg"):
        (data / name).symlink_to(data_dir / name)
    art = tmp_path / "a.txt"
    art.write_text("date 2026-11-20\nShots were fired overnight in Xqzzyville Junction, a village near Zubin Potok.\n")
    args = ["geocode", str(art), "--json", "--data-dir", str(data), "--online", "nominatim",
            "--online-domain", f"http://{server.domain}"]
    for _ in range(2):  # the second run answers from the cache
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        rows = {r["text"]: r for r in map(json.loads, result.stdout.splitlines())}
        if "Xqzzyville Junction" not in rows:
            pytest.skip("the spaCy model did not take the made-up name for a place")
        assert rows["Xqzzyville Junction"]["name"] == "Xqzzyville Junction"
        assert rows["Xqzzyville Junction"]["geonameid"] is None
    assert server.count() == 1 and (data / CACHE_NAME).exists()
    bad = CliRunner().invoke(app, ["geocode", str(art), "--data-dir", str(data), "--online", "bing"])
    assert isinstance(bad.exception, InputError) and "bing" in str(bad.exception)  # exit status 2 from main()


# -- hostile servers: a malformed, slow or huge answer is one warning and an unresolved mention --

class Lines(logging.Handler):
    """Every log line of every logger (geo's, geopy's, urllib3's), as it would be printed."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def __enter__(self):
        root = logging.getLogger()
        self._level = root.level
        root.addHandler(self)
        root.setLevel(logging.INFO)
        return self

    def __exit__(self, *exc) -> None:
        logging.getLogger().removeHandler(self)
        logging.getLogger().setLevel(self._level)

    def warnings(self) -> list[str]:
        return [line for line in self.lines if "online geocoder" in line and "unresolved" in line]


def _quoted_safely(lines: list[str]) -> None:
    for line in lines:
        assert "\n" not in line and "\x1b" not in line and len(line) < 600, line[:300]


ODD_NUMBERS = st.one_of(st.sampled_from(["1e308", "-1e308", "nan", "NaN", "inf", "north", "", "91", "1,5", "0x10",
                                         "9" * 400]),
                        st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.none(), st.booleans(),
                        st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                             max_size=2))
ODD_TEXT = st.one_of(st.text(max_size=30), st.none(), st.integers(), st.lists(st.text(max_size=5), max_size=3),
                     st.just("\x1b[2J\x1b[31mpwned\u202e"))
JSON = st.recursive(st.none() | st.booleans() | st.floats() | st.text(max_size=10),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=10)
NOMINATIM_RECORD = st.fixed_dictionaries({"lat": ODD_NUMBERS, "lon": ODD_NUMBERS}, optional={
    "display_name": ODD_TEXT, "name": ODD_TEXT, "class": ODD_TEXT, "type": ODD_TEXT, "addresstype": ODD_TEXT,
    "address": st.one_of(JSON, st.fixed_dictionaries({}, optional={"country_code": ODD_TEXT, "state": ODD_TEXT})),
    "extratags": st.one_of(JSON, st.fixed_dictionaries({"population": ODD_NUMBERS}))})
PHOTON_FEATURE = st.fixed_dictionaries({
    "geometry": st.one_of(JSON, st.fixed_dictionaries({"coordinates": st.lists(ODD_NUMBERS, max_size=3)})),
    "properties": st.one_of(JSON, st.fixed_dictionaries({}, optional={
        "name": ODD_TEXT, "countrycode": ODD_TEXT, "osm_key": ODD_TEXT, "osm_value": ODD_TEXT, "state": ODD_TEXT}))})
ANSWERS = {
    "nominatim": st.one_of(st.lists(NOMINATIM_RECORD, min_size=1, max_size=2), JSON),
    "photon": st.one_of(st.fixed_dictionaries({"type": st.just("FeatureCollection"),
                                               "features": st.lists(PHOTON_FEATURE, min_size=1, max_size=2)}), JSON),
}


@pytest.fixture(scope="module")
def odd_server():
    with NominatimServer() as s:
        yield s


@pytest.mark.parametrize("service", ["nominatim", "photon"])
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_answer_is_a_place_or_one_warning(odd_server, service, data):
    answer = data.draw(st.one_of(ANSWERS[service].map(lambda v: json.dumps(v).encode()), st.binary(max_size=200)))
    odd_server.body = answer
    online = OnlineGeocoder(service, cache=None, domain=odd_server.domain, scheme="http", min_delay_seconds=0)
    with Lines() as log:
        found = online.place("Somewhere")
    if found is not None:
        place, _ = found
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180 and 0 <= place.population < 2**63
        assert isinstance(place.name, str) and place.name
    assert len(log.warnings()) <= 1
    _quoted_safely(log.lines)


@pytest.mark.parametrize("answer", [b'["a", "b"]', b'[{"lat": "1e308", "lon": "20", "display_name": "X"}]',
                                    b'[{"lat": "nan", "lon": "20", "display_name": "X"}]',
                                    b'[{"lat": "north", "lon": "20", "display_name": "X"}]', b"[" * 100_000])
def test_a_malformed_answer_does_not_stop_the_run(offline, server, tmp_path, answer):
    server.body = answer
    res = resolver(offline, server, tmp_path)
    with Lines() as log:
        out = res.resolve(article("x"), [mention("Xqzzyville Junction"), mention("Pristina", start=30)])
    assert out[0].place is None and out[1].place is not None
    assert len(log.warnings()) == 1 and "Xqzzyville Junction" in log.warnings()[0]


def test_a_slow_server_is_given_up_on_after_the_timeout(offline, server, tmp_path):
    server.byte_delay = 0.05  # the answer, headers and all, a byte every 50 ms: some 40 s
    res = resolver(offline, server, tmp_path, timeout=1.0)
    start = time.monotonic()
    with Lines() as log:
        out = res.resolve(article("x"), [mention("Xqzzyville Junction")])
    assert out[0].place is None and time.monotonic() - start < 2.5
    assert log.warnings() and "no answer within 1 s" in log.warnings()[0]


def test_a_huge_answer_is_refused_unread_and_never_echoed(offline, server, tmp_path):
    server.body_size = 60_000_000  # escape codes and x's, not JSON
    res = resolver(offline, server, tmp_path, timeout=20)
    start = time.monotonic()
    with Lines() as log:
        out = res.resolve(article("x"), [mention("Xqzzyville Junction")])
    assert out[0].place is None and time.monotonic() - start < 5
    assert len(log.warnings()) == 1 and "more than 5000000 bytes" in log.warnings()[0]
    _quoted_safely(log.lines)
    # An error page is quoted too, briefly and escaped, even in geopy's own log at -v.
    server.body_size, server.status, server.body = 0, 500, b"\x1b[2J\x1b[31m" + b"y" * 100_000
    with Lines() as log:
        resolver(offline, server, tmp_path).resolve(article("x"), [mention("Qzzolnik")])
    assert len(log.warnings()) == 1 and "500" in log.warnings()[0]
    _quoted_safely(log.lines)


def test_a_refused_connection_is_one_warning(offline, tmp_path):
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    online = OnlineGeocoder("nominatim", cache=None, domain=f"127.0.0.1:{port}", scheme="http", min_delay_seconds=0)
    with Lines() as log:
        out = OnlineFallbackResolver(offline, online).resolve(article("x"), [mention("Xqzzyville Junction")])
    assert out[0].place is None
    assert [line for line in log.lines if "Retrying" in line or "unresolved" in line] == [
        f"online geocoder nominatim (http://127.0.0.1:{port}): 'Xqzzyville Junction' cannot connect "
        "(Connection refused); the mention stays unresolved"]
