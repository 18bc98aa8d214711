"""Peak memory of `geo data add-geonames` for a zip bomb and for a 2 GB dump (issue 25): each
run in its own process, its peak RSS printed. Target: under 1 GB for both, refused or accepted.

- a zip bomb: 3 GiB of GeoNames rows deflated to a few MB, as given (refused before a byte is
  inflated: it declares more than --max-dump-bytes) and with --max-dump-bytes 4 GB (refused by
  the compression-ratio guard)
- a 2 GB dump that is accepted: rows with unique ids and names (every row adds name keys, as
  all of GeoNames would), read, checked and merged a row at a time; ``--row-bytes`` pads each row
  (an ignored column) so the run takes minutes: at GeoNames' own 130 bytes a row it is some
  15 million rows and half an hour

    .venv/bin/python benchmarks/hostile_memory.py [--dump-gb 2] [--row-bytes 1000] [--zipped] [--data-dir D]

Files are made in a temporary folder from ../shared/geodata/geonames/XK.txt and removed after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
XK = ROOT.parent / "shared" / "geodata" / "geonames" / "XK.txt"
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


def run(label: str, data: Path, *args: str) -> None:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, "data", "add-geonames", *args], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "GEO_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)})
    peak = next((int(line.split("=")[1]) for line in proc.stderr.splitlines() if line.startswith("peak_rss_kb=")), 0)
    said = next((line for line in proc.stderr.splitlines() if line.startswith("Error:")), proc.stdout.strip())
    print(f"{label}\texit {proc.returncode}\tpeak RSS {peak / 1024:.0f} MB\t{time.perf_counter() - start:.1f} s"
          f"\t{said[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "build" / "test-data",
                        help="a built data directory to copy (default: the tests' build/test-data)")
    parser.add_argument("--bomb-gib", type=float, default=3.0)
    parser.add_argument("--dump-gb", type=float, default=2.0)
    parser.add_argument("--row-bytes", type=int, default=1000)
    parser.add_argument("--zipped", action="store_true", help="merge the dump zipped too (inflated as it is read)")
    args = parser.parse_args()
    if not (args.data_dir / "gazetteer.sqlite").exists():
        sys.exit(f"{args.data_dir}: no gazetteer; run the tests once (or geo data build --data-dir {args.data_dir})")
    with tempfile.TemporaryDirectory(prefix="geo-hostile-") as tmp:
        folder = Path(tmp)
        data = folder / "data"
        data.mkdir()
        for name in ("gazetteer.sqlite", "countries.gpkg"):
            shutil.copy(args.data_dir / name, data / name)

        bomb = folder / "XK.zip"
        t = time.perf_counter()
        write_bomb(bomb, int(args.bomb_gib * GIB))
        print(f"zip bomb\t{args.bomb_gib:g} GiB in {bomb.stat().st_size / 1e6:.1f} MB "
              f"(made in {time.perf_counter() - t:.0f} s)")
        run("zip bomb, as given", data, "--file", str(bomb))
        run("zip bomb, --max-dump-bytes 4 GB", data, "--file", str(bomb), "--max-dump-bytes", "4000000000")
        bomb.unlink()

        dump = folder / "XX.txt"
        t = time.perf_counter()
        rows = write_dump(dump, int(args.dump_gb * 1e9), args.row_bytes)
        print(f"dump\t{dump.stat().st_size / 1e9:.2f} GB, {rows} rows (made in {time.perf_counter() - t:.0f} s)")
        run("dump, accepted", data, "--file", str(dump))
        if args.zipped:
            zipped = folder / "XX.zip"
            with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.write(dump, "XX.txt")
            dump.unlink()
            run(f"dump zipped ({zipped.stat().st_size / 1e6:.0f} MB), accepted", data, "--file", str(zipped))


if __name__ == "__main__":
    main()
