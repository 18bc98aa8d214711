"""Peak memory of geo on hostile input (issue 25): each run in its own process, its peak RSS
printed. Target: under 1 GB for any input, refused or accepted.

Dumps (`geo data add-geonames`):

- a zip bomb: 3 GiB of GeoNames rows deflated to a few MB, as given (refused before a byte is
  inflated: it declares more than --max-dump-bytes) and with --max-dump-bytes 4 GB (refused by
  the compression-ratio guard)
- a 2 GB dump that is accepted: rows with unique ids and names (every row adds name keys, as
  all of GeoNames would), read, checked and merged a row at a time; ``--row-bytes`` pads each row
  (an ignored column) so the run takes minutes: at GeoNames' own 130 bytes a row it is some
  15 million rows and half an hour

Streams (`geo geocode --fast`; ``--stream-gb`` is how much each endless stream may send):

- text without end on standard input (`yes ... | geo geocode -`), and /dev/zero: refused
- JSON Lines on standard input whose lines are each far over the limit (30 MB), under
  --on-error skip, with a good line between them: the good ones geocoded
- one article just under the 2,000,000-character limit on standard input, accepted: --fast and
  the default spaCy pipeline (read in 20,000-character pieces)
- JSON Lines of many short articles on standard input (``--feed-mb``), accepted: geocoded and
  printed, or ingested, as they are read

    .venv/bin/python benchmarks/hostile_memory.py [--dump-gb 2] [--row-bytes 1000] [--zipped] [--data-dir D]
        [--skip-dumps] [--skip-streams] [--stream-gb 1.5] [--feed-mb 20]

Files are made in a temporary folder from ../shared/geodata/geonames/XK.txt and the team's
sample articles (data/articles), and removed after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
XK = ROOT.parent / "shared" / "geodata" / "geonames" / "XK.txt"
SAMPLES = ROOT / "data" / "articles"
GIB = 2**30
# The CLI in a child that reports its own peak RSS, however it exits.
CHILD = ("import resource, sys\nfrom geo.cli import main\ntry:\n    main()\nfinally:\n"
         "    print(f'peak_rss_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', file=sys.stderr)\n")


def _rows() -> list[list[str]]:
    return [line.split("\t") for line in XK.read_text(encoding="utf-8").splitlines() if line]


def write_bomb(path: Path, size: int) -> None:
    """``size`` bytes of one row over and over, deflated about 1,000 to 1 (as the issue's 3 MB
    zip of a 3 GiB dump)."""
    block = ("\t".join(_rows()[0]) + "\n").encode() * 8_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf, \
            zf.open("XK.txt", "w", force_zip64=True) as out:
        written = 0
        while written < size:
            piece = block[:size - written]
            out.write(piece)
            written += len(piece)


def write_dump(path: Path, size: int, row_bytes: int) -> int:
    """Rows of XK.txt with new ids and names (a counter in letters), each padded to about
    ``row_bytes`` in the unused cc2 column, up to ``size`` bytes; the number of rows."""
    rows, n, done = _rows(), 0, 0
    with path.open("w", encoding="utf-8") as out:
        while True:
            cols = list(rows[n % len(rows)])
            tag = _letters(n)
            cols[0], cols[1], cols[2] = str(100_000_000 + n), f"{cols[1]} {tag}", f"{cols[2]} {tag}"
            cols[9] = ""
            line = "\t".join(cols)
            cols[9] = "X" * max(0, row_bytes - len(line) - 1)
            line = "\t".join(cols) + "\n"
            if done + len(line.encode()) > size:
                return n
            out.write(line)
            done += len(line.encode())
            n += 1


def _letters(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = chr(97 + r) + out
        if not n:
            return out


def run(label: str, data: Path, *args: str, feed: Iterable[bytes] | None = None) -> None:
    """The CLI with ``args`` in a child process, ``feed`` written to its standard input until
    it stops reading; its exit status, peak RSS, time, what it read and its first error."""
    start = time.perf_counter()
    env = {**os.environ, "GEO_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-c", CHILD, *args], stdin=subprocess.PIPE if feed else None,
                                stdout=out, stderr=err, cwd=ROOT, env=env)
        sent = [0]
        if feed:
            _write(proc, feed, sent)
        proc.wait()
        out.seek(0)
        err.seek(0)
        lines, stderr = len(out.read().splitlines()), err.read().decode("utf-8", "replace").splitlines()
    peak = next((int(line.split("=")[1]) for line in stderr if line.startswith("peak_rss_kb=")), 0)
    said = next((line for line in stderr if line.startswith("Error:")), f"{lines} lines out")
    fed = f"\tstdin took {sent[0] / 1e6:,.1f} MB" if feed else ""
    print(f"{label}\texit {proc.returncode}\tpeak RSS {peak / 1024:.0f} MB\t{time.perf_counter() - start:.1f} s"
          f"{fed}\t{said[:160]}", flush=True)


def _write(proc: subprocess.Popen, feed: Iterable[bytes], sent: list[int]) -> None:
    try:
        for chunk in feed:
            proc.stdin.write(chunk)
            sent[0] += len(chunk)
        proc.stdin.close()
    except (BrokenPipeError, ValueError):  # the child stopped reading (and closed its end)
        pass


def _repeat(block: bytes, total: int) -> Iterator[bytes]:
    for _ in range(total // len(block)):
        yield block


def streams(data: Path, stream_bytes: int, feed_bytes: int) -> None:
    texts = [path.read_text(encoding="utf-8").split("\n\n", 1)[-1].replace("\n", " ")
             for path in sorted(SAMPLES.glob("*.txt"))]
    prose = " ".join(texts).encode()
    block = (prose + b" ") * (2**20 // len(prose) + 1)
    run("endless text on stdin", data, "geocode", "--fast", "-", feed=_repeat(block, stream_bytes))
    run("/dev/zero", data, "geocode", "--fast", "/dev/zero")
    line = json.dumps({"text": prose.decode()}).encode() + b"\n"
    huge = b'{"text": "' + prose * (30_000_000 // len(prose)) + b'"}\n'

    def long_lines() -> Iterator[bytes]:
        for sent in range(0, stream_bytes, len(huge) + len(line)):
            yield huge
            yield line.replace(b'{"text"', f'{{"id": "good-{sent}", "text"'.encode())

    run("JSON Lines of 30 MB lines, skipped", data, "--on-error", "skip", "geocode", "--fast", "-",
        feed=long_lines())
    article = b"date 2023-06-01\n\n" + (prose + b" ") * (1_990_000 // (len(prose) + 1))
    run("an article of 1,990,000 characters, --fast", data, "geocode", "--fast", "-", feed=[article])
    run("an article of 1,990,000 characters, spaCy", data, "geocode", "-", feed=[article])
    articles = [json.dumps({"id": f"a{n}", "date": "2023-06-01", "text": text}).encode() + b"\n"
                for n, text in enumerate(texts * (feed_bytes // len(prose) + 1))]
    feed, size = [], 0
    for n, row in enumerate(articles):
        row = row.replace(b'"id": "a', f'"id": "{n}-a'.encode(), 1)
        if size + len(row) > feed_bytes:
            break
        feed.append(row)
        size += len(row)
    run(f"JSON Lines of {len(feed):,} articles ({size / 1e6:.0f} MB), geocode --fast", data, "geocode", "--fast",
        "-", feed=feed)
    run(f"JSON Lines of {len(feed):,} articles ({size / 1e6:.0f} MB), ingest --fast", data, "ingest", "--fast",
        "--store", str(data / "stream.gpkg"), "-", feed=feed)


def dumps(folder: Path, data: Path, args: argparse.Namespace) -> None:
    bomb = folder / "XK.zip"
    t = time.perf_counter()
    write_bomb(bomb, int(args.bomb_gib * GIB))
    print(f"zip bomb\t{args.bomb_gib:g} GiB in {bomb.stat().st_size / 1e6:.1f} MB "
          f"(made in {time.perf_counter() - t:.0f} s)")
    run("zip bomb, as given", data, "data", "add-geonames", "--file", str(bomb))
    run("zip bomb, --max-dump-bytes 4 GB", data, "data", "add-geonames", "--file", str(bomb),
        "--max-dump-bytes", "4000000000")
    bomb.unlink()

    dump = folder / "XX.txt"
    t = time.perf_counter()
    rows = write_dump(dump, int(args.dump_gb * 1e9), args.row_bytes)
    print(f"dump\t{dump.stat().st_size / 1e9:.2f} GB, {rows} rows (made in {time.perf_counter() - t:.0f} s)")
    run("dump, accepted", data, "data", "add-geonames", "--file", str(dump))
    if args.zipped:
        zipped = folder / "XX.zip"
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(dump, "XX.txt")
        dump.unlink()
        run(f"dump zipped ({zipped.stat().st_size / 1e6:.0f} MB), accepted", data, "data", "add-geonames",
            "--file", str(zipped))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "build" / "test-data",
                        help="a built data directory to copy (default: the tests' build/test-data)")
    parser.add_argument("--bomb-gib", type=float, default=3.0)
    parser.add_argument("--dump-gb", type=float, default=2.0)
    parser.add_argument("--row-bytes", type=int, default=1000)
    parser.add_argument("--zipped", action="store_true", help="merge the dump zipped too (inflated as it is read)")
    parser.add_argument("--skip-dumps", action="store_true")
    parser.add_argument("--skip-streams", action="store_true")
    parser.add_argument("--stream-gb", type=float, default=1.5, help="what an endless stream may send at most")
    parser.add_argument("--feed-mb", type=float, default=20, help="JSON Lines of short articles, accepted")
    args = parser.parse_args()
    if not (args.data_dir / "gazetteer.sqlite").exists():
        sys.exit(f"{args.data_dir}: no gazetteer; run the tests once (or geo data build --data-dir {args.data_dir})")
    with tempfile.TemporaryDirectory(prefix="geo-hostile-") as tmp:
        folder = Path(tmp)
        data = folder / "data"
        data.mkdir()
        for name in ("gazetteer.sqlite", "countries.gpkg"):
            shutil.copy(args.data_dir / name, data / name)
        if not args.skip_streams:
            streams(data, int(args.stream_gb * 1e9), int(args.feed_mb * 1e6))
        if not args.skip_dumps:
            dumps(folder, data, args)


if __name__ == "__main__":
    main()
