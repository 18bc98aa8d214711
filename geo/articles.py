"""Stage 1: reading articles: the seed text format, folders of it, JSON Lines and standard input.

The seed format is a header of ``key value`` lines (``date YYYY-MM-DD`` first; ``title``
and ``url`` may follow), then the text. JSON Lines carry ``id, date, title, url, text``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError

log = logging.getLogger("geo")

_HEADER = re.compile(r"^(date|title|url)[ \t]+(.*)$")
_DATE_THEN_TEXT = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$", re.S)
_MAX_BYTES = 500_000_000  # one file; a feed of JSON Lines may be large


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    date: dt.date | None = None
    title: str = ""
    url: str = ""
    source: str = ""


def text_id(text: str) -> str:
    """A stable id for an article that has none: a hash of its text."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


_MAGIC = {b"\x89PNG": "a PNG image", b"PK\x03\x04": "a zip archive", b"\x1f\x8b": "a gzip archive",
          b"%PDF": "a PDF document", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
          b"SQLite format 3": "an SQLite database"}


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), falling back to Windows-1252 (a superset of the
    printable Latin-1) with a warning; line endings become ``\n``."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{name}: {kind}, not text")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        log.warning("%s: not UTF-8, read as Windows-1252", name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(value: object, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: date must be a string YYYY-MM-DD, got {value!r}")
    try:
        date = dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError(f"{where}: invalid date {value.strip()!r} (want YYYY-MM-DD)") from None
    if date > dt.date.today() + dt.timedelta(days=366):
        log.warning("%s: date %s is more than a year in the future", where, date)
    return date


def parse_seed(text: str, name: str, article_id: str) -> Article:
    """Parse one article in the seed format.

    The header is ``date``, ``title`` and ``url`` lines. Some files run the text on after
    the date on the same line (``date 2023-01-02 As tensions...``): the rest of that line
    is then the text's beginning.
    """
    fields: dict[str, str] = {}
    lines = text.lstrip("\ufeff \t").split("\n")
    body_lines = lines
    for i, line in enumerate(lines[:3]):
        m = _HEADER.match(line.strip())
        if not m or m.group(1) in fields:
            break
        key, value = m.group(1), m.group(2).strip()
        body_lines = lines[i + 1 :]
        if key == "date" and (d := _DATE_THEN_TEXT.match(value)) and d.group(2):
            fields["date"] = d.group(1)
            body_lines = [d.group(2), *lines[i + 1 :]]
            break
        fields[key] = value
    body = "\n".join(body_lines).strip()
    if not body:
        raise InputError(f"{name}: empty article (no text after the header)")
    date = parse_date(fields.get("date"), f"{name}:1")
    return Article(
        id=article_id,
        text=body,
        date=date,
        title=fields.get("title", ""),
        url=fields.get("url", ""),
        source=name,
    )


@dataclass(frozen=True)
class ReadOptions:
    """How reading treats bad input: ``on_error`` "fail" stops at the first bad article,
    "skip" warns (naming file and line) and goes on; articles longer than
    ``max_article_chars`` are refused (the parser's time and memory grow with length)."""

    on_error: str = "fail"
    max_article_chars: int = 2_000_000

    def __post_init__(self) -> None:
        if self.on_error not in ("fail", "skip"):
            raise InputError(f"--on-error {self.on_error!r}: choose fail or skip")


def _problem(exc: InputError, options: ReadOptions) -> None:
    if options.on_error == "fail":
        raise exc
    log.warning("%s (skipped)", exc)


def _check_length(article: Article, where: str, options: ReadOptions) -> Article:
    if len(article.text) > options.max_article_chars:
        raise InputError(f"{where}: article of {len(article.text):,} characters is over the "
                         f"{options.max_article_chars:,} limit (raise it with --max-article-chars)")
    return article


def parse_jsonl(text: str, name: str, options: ReadOptions | None = None) -> Iterator[Article]:
    options = options or ReadOptions()
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            yield _check_length(_jsonl_record(line, where), where, options)
        except InputError as exc:
            _problem(exc, options)


def _jsonl_record(line: str, where: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: malformed JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{where}: missing or non-string 'text'")
    article_id = record.get("id")
    return Article(
        id=str(article_id) if article_id not in (None, "") else text_id(body),
        text=body,
        date=parse_date(record.get("date"), where),
        title=str(record.get("title") or ""),
        url=str(record.get("url") or ""),
        source=where,
    )


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > _MAX_BYTES:
            raise InputError(f"{path}: {size:,} bytes is more than the {_MAX_BYTES:,} byte limit for one file")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None


def _parse(text: str, name: str, stem: str, is_jsonl: bool, options: ReadOptions) -> Iterator[Article]:
    if not text.strip():
        raise InputError(f"{name}: empty file" if not text else f"{name}: only whitespace, no article")
    if is_jsonl:
        yield from parse_jsonl(text, name, options)
    else:
        yield _check_length(parse_seed(text, name, stem), name, options)


def read_path(path: Path, options: ReadOptions | None = None) -> Iterator[Article]:
    """Articles in one file or folder (``.txt`` in the seed format, ``.jsonl``)."""
    options = options or ReadOptions()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".txt", ".jsonl"))
        if not files:
            raise InputError(f"{path}: folder holds no .txt or .jsonl articles")
        for file in files:
            try:
                yield from read_path(file, options)
            except InputError as exc:
                _problem(exc, options)
        return
    text = decode(_read_bytes(path), str(path))
    yield from _parse(text, str(path), path.stem, path.suffix in (".jsonl", ".json"), options)


def read_stdin(options: ReadOptions | None = None) -> Iterator[Article]:
    text = decode(sys.stdin.buffer.read(), "<stdin>")
    yield from _parse(text, "<stdin>", "stdin", text.lstrip().startswith("{"), options or ReadOptions())


def read_articles(sources: Iterable[str | Path], options: ReadOptions | None = None) -> list[Article]:
    """Every article from the given sources (``-`` is standard input), in order. An id seen
    twice is an error (``on_error="fail"``) or keeps its first article (``"skip"``)."""
    options = options or ReadOptions()
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for source in sources:
        batch = read_stdin(options) if str(source) == "-" else read_path(Path(source), options)
        for article in batch:
            if article.id in seen:
                _problem(InputError(f"{article.source}: duplicate article id {article.id!r} "
                                    f"(first at {seen[article.id]})"), options)
                continue
            seen[article.id] = article.source
            articles.append(article)
    return articles
