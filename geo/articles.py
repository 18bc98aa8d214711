"""Stage 1: reading articles: the seed text format, folders of it, JSON Lines, standard input,
and (through a web reader, ``geo.sources.WebReader``) web pages and feeds by URL or file.

The seed format is a header of ``key value`` lines (``date YYYY-MM-DD`` first; ``title``
and ``url`` may follow), then the text. JSON Lines carry ``id, date, title, url, text``.
``source_kind`` is the one place that decides what an argument is.

Files and streams (standard input, a FIFO) are read a bounded piece at a time: a seed-format
article is refused as soon as it is over ``--max-article-chars``, JSON Lines are read a line
at a time (a line longer than an article within the limit can be is refused unkept), and a
folder's FIFOs and devices are passed over.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import itertools
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from geo.errors import InputError, excerpt

log = logging.getLogger("geo")

_HEADER = re.compile(r"^(date|title|url)[ \t]+(.*)$")
_DATE_THEN_TEXT = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$", re.S)
_MAX_BYTES = 500_000_000  # one file or stream; a feed of JSON Lines may be large
_SURROGATE = re.compile("[\ud800-\udfff]")
_RECORD_STRINGS = ("id", "text", "date", "title", "url")  # a surrogate in one is no Unicode text
_PIECE = 1 << 20  # bytes read at a time
_HEADER_CHARS = 10_000  # the seed format's header lines, beside the article's own limit
_LINE_EXTRA = 1 << 20  # a JSON line's other fields, beside its text
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))
_LINE_END = re.compile(rb"\r\n|\r|\n")
_BOM = b"\xef\xbb\xbf"
_OS_ERRORS = {errno.ENOENT: "no such file", errno.EISDIR: "is a directory", errno.EACCES: "permission denied",
              errno.EPERM: "permission denied", errno.ELOOP: "a symlink loop (too many levels of symbolic links)"}


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    date: dt.date | None = None
    title: str = ""
    url: str = ""
    source: str = ""  # where it was read: file and line, or the URL asked for
    date_precision: str = ""  # "fetched": no date was given, ``date`` is the day it was fetched


def text_id(text: str) -> str:
    """A stable id for an article that has none: a hash of its text."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


_MAGIC = {b"\x89PNG": "a PNG image", b"PK\x03\x04": "a zip archive", b"\x1f\x8b": "a gzip archive",
          b"%PDF": "a PDF document", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
          b"SQLite format 3": "an SQLite database"}


def _check_text(head: bytes, name: str) -> None:
    """Refuse what is plainly not text, from its first bytes: a known binary format, or a NUL."""
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            raise InputError(f"{name}: {kind}, not text")
    if b"\x00" in head[:8192]:
        raise InputError(f"{name}: binary file, not text")


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), falling back to Windows-1252 (a superset of the
    printable Latin-1) with a warning; line endings become ``\n``."""
    _check_text(data, name)
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


@dataclass
class ReadCounts:
    """What a read left out: ``failed`` (bad input skipped under ``on_error="skip"``: a file,
    a line, a URL) and ``skipped`` (not taken: a page in another language, a FIFO in a folder)."""

    failed: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class ReadOptions:
    """How reading treats bad input: ``on_error`` "fail" stops at the first bad article,
    "skip" warns (naming file and line) and goes on; articles longer than
    ``max_article_chars`` are refused (the parser's time and memory grow with length).
    ``counts``, when given, tallies what was left out."""

    on_error: str = "fail"
    max_article_chars: int = 2_000_000
    counts: ReadCounts | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.on_error not in ("fail", "skip"):
            raise InputError(f"--on-error {self.on_error!r}: choose fail or skip")


def problem(exc: InputError, options: ReadOptions) -> None:
    """A bad input: raised under ``on_error="fail"``, else one warning (and counted)."""
    if options.on_error == "fail":
        raise exc
    log.warning("%s (skipped)", exc)
    if options.counts is not None:
        options.counts.failed += 1



def check_length(article: Article, where: str, options: ReadOptions) -> Article:
    if len(article.text) > options.max_article_chars:
        raise InputError(f"{where}: article of {len(article.text):,} characters is over the "
                         f"{options.max_article_chars:,} limit (raise it with --max-article-chars)")
    return article


def _jsonl_record(line: str, where: str) -> Article:
    try:
        record = json.loads(line)
    except RecursionError:
        raise InputError(f"{where}: malformed JSON (nested too deeply)") from None
    except ValueError as exc:  # a JSONDecodeError, or a number of more than 4,300 digits
        said = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc).split(";")[0]
        raise InputError(f"{where}: malformed JSON ({excerpt(said, 100)})") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{where}: missing or non-string 'text'")
    for key in _RECORD_STRINGS:  # JSON can escape half a surrogate pair ("\\ud800"): no Unicode text
        half = _SURROGATE.search(value) if isinstance(value := record.get(key), str) else None
        if half:
            raise InputError(f"{where}: {key!r} holds a lone surrogate ({excerpt(half.group())}), not Unicode text")
    article_id = record.get("id")
    return Article(
        id=str(article_id) if article_id not in (None, "") else text_id(body),
        text=body,
        date=parse_date(record.get("date"), where),
        title=str(record.get("title") or ""),
        url=str(record.get("url") or ""),
        source=where,
    )


def _unreadable(name: str, exc: OSError) -> InputError:
    """A file that cannot be opened or read, as one line."""
    return InputError(f"{name}: {_OS_ERRORS.get(exc.errno) or f'cannot read ({exc.strerror or exc})'}")


def _open(path: Path) -> BinaryIO:
    """A file to read, refused when it is larger than one file may be. A FIFO given by name
    waits for its writer, as a pipe does."""
    try:
        stream = path.open("rb")
        size = os.fstat(stream.fileno()).st_size
    except OSError as exc:
        raise _unreadable(str(path), exc) from None
    if size > _MAX_BYTES:
        stream.close()
        raise InputError(f"{path}: {size:,} bytes is more than the {_MAX_BYTES:,} byte limit for one file")
    return stream


def _pieces(stream: BinaryIO, name: str) -> Iterator[bytes]:
    """A file's or a stream's bytes, a bounded piece at a time, refused past the limit for one
    file (a stream has no size to check beforehand)."""
    total = 0
    while True:
        try:
            piece = stream.read(_PIECE)
        except OSError as exc:
            raise _unreadable(name, exc) from None
        if not piece:
            return
        total += len(piece)
        if total > _MAX_BYTES:
            raise InputError(f"{name}: more than {_MAX_BYTES:,} bytes, the limit for one file")
        yield piece


def _whole(pieces: Iterator[bytes], name: str, options: ReadOptions) -> bytes:
    """All of one article's file, refused as soon as it is surely over the limit (with room
    for a header): each piece's characters are counted as UTF-8 (at most 4 bytes each; a byte
    of Windows-1252 is one)."""
    most = options.max_article_chars + _HEADER_CHARS
    kept: list[bytes] = []
    chars = size = 0
    for piece in pieces:
        kept.append(piece)
        size += len(piece)
        chars += len(piece.translate(None, _UTF8_CONTINUATION))
        if chars > most or size > 4 * most:
            raise InputError(f"{name}: article of more than {most:,} characters is over the "
                             f"{options.max_article_chars:,} limit (raise it with --max-article-chars)")
    return b"".join(kept)


def _lines(pieces: Iterator[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of a file (any line ending), each at most ``limit`` bytes: a longer one is
    ``None``, read past but not kept."""
    pending, overlong = b"", False
    for piece in itertools.chain(pieces, [b""]):
        done, searched = 0, max(0, len(pending) - 1)  # what was searched before, but a \r that ended it
        pending += piece
        for m in _LINE_END.finditer(pending, searched):
            if piece and m.end() == len(pending) and m.group() == b"\r":
                break  # a \r\n may be cut between two pieces
            yield None if overlong or m.start() - done > limit else pending[done:m.start()]
            overlong, done = False, m.end()
        pending = pending[done:]
        if len(pending) > limit:
            overlong, pending = True, b""
        if not piece and (pending or overlong):
            yield None if overlong else pending


def _read_stream(stream: BinaryIO, name: str, stem: str, jsonl: bool | None,
                 options: ReadOptions) -> Iterator[Article]:
    """The articles of one file or stream, in the seed format or JSON Lines (``None``: JSON
    Lines when it starts with ``{``), read a bounded piece at a time."""
    pieces = _pieces(stream, name)
    first = next(pieces, b"")
    _check_text(first, name)
    if jsonl is None:
        jsonl = first.removeprefix(_BOM).lstrip().startswith(b"{")
    pieces = itertools.chain([first], pieces)
    if jsonl:
        yield from _jsonl_articles(pieces, name, options)
        return
    text = decode(_whole(pieces, name, options), name)
    if not text.strip():
        raise InputError(f"{name}: empty file" if not text else f"{name}: only whitespace, no article")
    yield check_length(parse_seed(text, name, stem), name, options)


def _jsonl_articles(pieces: Iterator[bytes], name: str, options: ReadOptions) -> Iterator[Article]:
    """JSON Lines a line at a time; a line longer than an article within the limit can be
    (its text all \\u escapes, 6 bytes a character, and other fields) is refused unread."""
    limit = 6 * options.max_article_chars + _LINE_EXTRA
    lineno, found, warned = 0, False, False
    for lineno, raw in enumerate(_lines(pieces, limit), start=1):
        if raw is not None and not raw.removeprefix(_BOM).strip():
            continue
        found, where = True, f"{name}:{lineno}"
        try:
            if raw is None:
                raise InputError(f"{where}: a line of more than {limit:,} bytes, longer than an article within "
                                 f"the {options.max_article_chars:,} character limit (raise it with "
                                 "--max-article-chars)")
            try:
                line = (raw.removeprefix(_BOM) if lineno == 1 else raw).decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("cp1252", errors="replace")
                if not warned:
                    log.warning("%s: not UTF-8, read as Windows-1252", name)
                warned = True
            yield check_length(_jsonl_record(line, where), where, options)
        except InputError as exc:
            problem(exc, options)
    if not found:
        raise InputError(f"{name}: only whitespace, no article" if lineno else f"{name}: empty file")


TEXT_SUFFIXES = (".txt", ".jsonl")  # what a folder's articles are
WEB_SUFFIXES = {".html": "html", ".htm": "html", ".xml": "feed", ".rss": "feed", ".atom": "feed"}
WEB_KINDS = ("url", "html", "feed")


def source_kind(source: str | Path) -> str:
    """What an argument is: "stdin" (``-``), "url" (http or https: a page or a feed),
    "html" (a saved page), "feed" (an RSS or Atom file), or "path" (a text or JSON Lines
    file, or a folder)."""
    text = str(source)
    if text == "-":
        return "stdin"
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://", text)
    if scheme:
        if scheme.group(1).lower() in ("http", "https"):
            return "url"
        raise InputError(f"{text}: only http and https URLs are read")
    return WEB_SUFFIXES.get(Path(text).suffix.lower(), "path")


def read_url_list(path: Path) -> list[str]:
    """The URLs in a file, one a line (``--urls``); blank lines and ``#`` comments skipped."""
    urls = []
    with _open(Path(path)) as stream:
        text = decode(b"".join(_pieces(stream, str(path))), str(path))
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not re.match(r"^https?://\S+$", line, re.I):
            raise InputError(f"{path}:{lineno}: {line[:80]!r} is not an http(s) URL")
        urls.append(line)
    return urls


def from_web(article: Article) -> bool:
    """Read from a URL, or from a saved page or feed: its id is a canonical URL."""
    return bool(re.match(r"^https?://", article.source, re.I)) or Path(article.source).suffix.lower() in WEB_SUFFIXES


class WebSource(Protocol):
    """What reads the web kinds of source (``geo.sources.WebReader``): each (kind, source)
    pair's articles, fetched together (hosts in parallel); bad ones go through ``problem``."""

    def read_all(self, sources: Sequence[tuple[str, str]], options: ReadOptions) -> dict[str, list[Article]]: ...


def read_path(path: Path, options: ReadOptions | None = None, web: WebSource | None = None) -> Iterator[Article]:
    """Articles in one file or folder (``.txt`` in the seed format, ``.jsonl``; with a web
    reader also a folder's ``.html`` pages and ``.xml`` feeds). A file is read a bounded piece
    at a time; a folder's FIFOs, devices and sub-folders are passed over with a warning."""
    options = options or ReadOptions()
    if path.is_dir():
        yield from _read_folder(path, options, web)
        return
    with _open(path) as stream:
        yield from _read_stream(stream, str(path), path.stem, path.suffix in (".jsonl", ".json"), options)


def _read_folder(path: Path, options: ReadOptions, web: WebSource | None) -> Iterator[Article]:
    suffixes = (*TEXT_SUFFIXES, *WEB_SUFFIXES) if web is not None else TEXT_SUFFIXES
    try:
        files = sorted(p for p in path.iterdir() if p.suffix in suffixes)
    except OSError as exc:
        raise _unreadable(str(path), exc) from None
    if not files:
        raise InputError(f"{path}: folder holds no {' or '.join(TEXT_SUFFIXES)} articles"
                         + (" (nor .html pages or .xml feeds)" if web is not None else ""))
    for file in files:
        try:
            if not _regular(file, options):
                continue
            if file.suffix in WEB_SUFFIXES:
                yield from web.read_all([(WEB_SUFFIXES[file.suffix], str(file))], options)[str(file)]
            else:
                yield from read_path(file, options)
        except InputError as exc:
            problem(exc, options)


def _regular(file: Path, options: ReadOptions) -> bool:
    """Whether a folder's file is a regular one (through its symlinks) to read: a FIFO would
    wait for a writer for ever, a device may never end."""
    try:
        mode = file.stat().st_mode
    except OSError as exc:
        raise _unreadable(str(file), exc) from None
    if stat.S_ISREG(mode):
        return True
    kind = {stat.S_IFIFO: "a FIFO", stat.S_IFDIR: "a folder", stat.S_IFSOCK: "a socket"}.get(
        stat.S_IFMT(mode), "a device")
    log.warning("%s: %s, not a regular file (skipped)", file, kind)
    if options.counts is not None:
        options.counts.skipped += 1
    return False


def read_stdin(options: ReadOptions | None = None) -> Iterator[Article]:
    """Articles on standard input, read a bounded piece at a time: JSON Lines when it starts
    with ``{``, else one article in the seed format."""
    yield from _read_stream(sys.stdin.buffer, "<stdin>", "stdin", None, options or ReadOptions())


def read_articles(sources: Iterable[str | Path], options: ReadOptions | None = None,
                  web: WebSource | None = None) -> list[Article]:
    """Every article from the given sources, as a list (``iter_articles``)."""
    return list(iter_articles(sources, options, web))


def iter_articles(sources: Iterable[str | Path], options: ReadOptions | None = None,
                  web: WebSource | None = None) -> Iterator[Article]:
    """Every article from the given sources (``-`` is standard input; URLs, ``.html`` and
    ``.xml`` files through ``web``), in order, as it is read. An id seen twice is an error
    (``on_error="fail"``) or keeps its first article (``"skip"``); from the web it is the
    same story reached twice (two feeds, a link with tracking parameters) and is kept once
    without a word."""
    options = options or ReadOptions()
    kinds = [(source, source_kind(source)) for source in sources]
    wanted = [(kind, str(source)) for source, kind in kinds if kind in WEB_KINDS]
    if wanted and web is None:
        raise InputError(f"{wanted[0][1]}: web pages and feeds are read through geo.sources.WebReader")
    fetched = web.read_all(wanted, options) if wanted else {}
    seen: dict[str, str] = {}
    for source, kind in kinds:
        if kind in WEB_KINDS:
            batch = fetched.get(str(source), [])
        else:
            batch = read_stdin(options) if kind == "stdin" else read_path(Path(source), options, web)
        for article in batch:
            if article.id in seen:
                if not from_web(article):
                    problem(InputError(f"{article.source}: duplicate article id {article.id!r} "
                                       f"(first at {seen[article.id]})"), options)
                continue
            seen[article.id] = article.source
            yield article
