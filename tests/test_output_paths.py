"""What ``-o`` does with what is already at the path (geo/outputs/files.py): a regular file is
replaced whole and keeps its mode, a symlink is followed, standard output, a device or a FIFO
is written to directly, anything else is refused with exit 2."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.errors import OutputError
from geo.outputs.files import write_output
from tests.conftest import SAMPLES

TEXT = "<html>ünïcode</html>\n"
MODES = st.sampled_from([0o600, 0o640, 0o644, 0o444, 0o400, 0o755, 0o664])
# What can be at the path given as -o (and how a symlink leads to it).
KINDS = ["new", "file", "link", "chain", "relative-link", "dangling", "fifo", "link-to-fifo", "device",
         "link-to-device", "dir", "link-to-dir", "socket", "loop"]
REFUSED = {"dir", "link-to-dir", "socket", "loop"}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class FifoReader(threading.Thread):
    """Reads a FIFO to its end, as a pipe's other side would."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path, self.data = path, b""

    def run(self) -> None:
        with open(self.path, "rb") as f:
            self.data = f.read()


def _make(folder: Path, kind: str, mode: int) -> tuple[Path, Path | None]:
    """The path to give as -o, and the regular file or node it leads to (None: nothing)."""
    out = folder / "out.html"
    real = folder / "real" / "target.html"
    real.parent.mkdir()
    if kind == "file":
        out.write_text("old")
        out.chmod(mode)
        return out, out
    if kind in ("link", "chain", "relative-link", "dangling"):
        return _link(folder, out, real, kind, mode)
    if kind in ("fifo", "link-to-fifo"):
        os.mkfifo(real)
        if kind == "fifo":
            real.rename(out)
            return out, out
        out.symlink_to(real)
        return out, real
    if kind in ("device", "link-to-device"):
        node = Path("/dev/null")
        if kind == "device" and os.geteuid() == 0:
            # A device node of our own (the null device's numbers): one -o must not replace.
            node = folder / "null"
            os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        out.symlink_to(node)
        return out, node
    if kind in ("dir", "link-to-dir"):
        real.parent.joinpath("d").mkdir()
        if kind == "dir":
            out.mkdir()
        else:
            out.symlink_to(real.parent / "d")
        return out, None
    if kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(out))
        sock.close()
        return out, None
    if kind == "loop":
        out.symlink_to(folder / "other")
        (folder / "other").symlink_to(out)
        return out, None
    assert kind == "new"
    return out, out


def _link(folder: Path, out: Path, real: Path, kind: str, mode: int) -> tuple[Path, Path]:
    if kind != "dangling":
        real.write_text("old")
        real.chmod(mode)
    if kind == "chain":
        (folder / "hop").symlink_to(real)
        out.symlink_to(folder / "hop")
    else:
        out.symlink_to("real/target.html" if kind == "relative-link" else real)
    return out, real


def _listing(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), p.lstat().st_mode) for p in folder.rglob("*"))


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(KINDS), mode=MODES)
def test_what_is_at_the_path_is_respected(kind, mode):
    with tempfile.TemporaryDirectory(prefix="geo-o-", dir="/tmp") as tmp:
        folder = Path(tmp)
        out, target = _make(folder, kind, mode)
        before = _listing(folder)
        link = os.readlink(out) if out.is_symlink() else None
        reader = FifoReader(target) if kind in ("fifo", "link-to-fifo") else None
        if reader:
            reader.start()
        if kind in REFUSED:
            with pytest.raises(OutputError) as caught:
                write_output(out, TEXT)
            assert caught.value.exit_code == 2 and "\n" not in str(caught.value)
            assert _listing(folder) == before  # nothing replaced, nothing left aside
            return
        write_output(out, TEXT)
        if reader:
            reader.join(10)
            assert reader.data == TEXT.encode()
        after = _listing(folder)
        created = {str(target.relative_to(folder))} if kind in ("new", "dangling") else set()
        assert {name for name, _ in after} == {name for name, _ in before} | created  # nothing left aside
        if link is not None:
            assert os.readlink(out) == link  # the link stays a link to the same place
        if kind in ("fifo", "link-to-fifo"):
            assert stat.S_ISFIFO(target.lstat().st_mode)
        elif kind in ("device", "link-to-device"):
            assert stat.S_ISCHR(target.lstat().st_mode)
        else:
            assert target.read_text(encoding="utf-8") == TEXT
            expected = 0o666 & ~_umask() if kind in ("new", "dangling") else mode
            assert stat.S_IMODE(target.lstat().st_mode) == expected and stat.S_ISREG(target.lstat().st_mode)


def test_a_failed_replace_keeps_the_file_and_its_mode(tmp_path):
    target = tmp_path / "out.html"
    target.write_text("old")
    target.chmod(0o600)
    with pytest.raises(OutputError, match="cannot write"):
        write_output(target, "\ud800")  # not encodable: fails after the file aside was made
    assert target.read_text() == "old" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_map_writes_to_stdout_and_export_through_dev_stdout(data_dir, tmp_path):
    from typer.testing import CliRunner

    from geo.cli import app

    result = CliRunner().invoke(app, ["map", str(SAMPLES), "--fast", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith("</html>")
    # /dev/stdout redirected to a file is written through: the file is the output, not replaced.
    with open(tmp_path / "redirected.geojson", "wb") as redirected:
        proc = subprocess.run([sys.executable, "-m", "geo.cli", "export", str(SAMPLES), "--fast", "-o", "/dev/stdout"],
                              stdout=redirected, stderr=subprocess.PIPE, timeout=300,
                              env={"GEO_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "redirected.geojson").read_text().startswith('{"type": "FeatureCollection"')
