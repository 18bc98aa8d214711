"""Writing an output (``-o``) with respect for what is at the path.

- a regular file, or a new one, is written aside in its folder and renamed over the path, so a
  failure never leaves a half-written file; an existing file keeps its mode (and owner, where
  we may set it), a new one gets the umask's
- a symlink is followed: the file it names is replaced that way, the link stays
- standard output (``-``), a device, a FIFO, or a descriptor (``/dev/stdout``, ``/dev/fd/3``)
  is written to directly: that is how output is piped on
- anything else (a folder, a socket, a block device) is refused
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
from pathlib import Path

from geo.errors import OutputError

STDOUT = "-"
# Names of a process's open descriptors: the shell already opened them, so they are written
# through (a redirect's file is neither replaced nor truncated by us).
_DESCRIPTOR = re.compile(r"/dev/std(?:out|err)|/dev/fd/\d+|/proc/(?:self|thread-self|\d+)/fd/\d+")
_MAX_LINKS = 40  # Linux's own limit on symlinks followed in one path


def write_output(path: Path | str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` as the module says; ``OutputError`` (exit 2) when
    it cannot be written or is not something to write to."""
    if str(path) == STDOUT:
        _write_stdout(text)
        return
    path = Path(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: nothing is written
        raise OutputError(f"{path}: cannot write ({exc.reason} at character {exc.start})") from None
    try:
        info = os.stat(path)  # follows symlinks
    except FileNotFoundError:
        info = None
    except OSError as exc:  # a symlink loop, a file used as a folder, no permission
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a directory, not a file")
    if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode) or _is_descriptor(path)):
        _write_through(path, data)
    elif info is None or stat.S_ISREG(info.st_mode):
        _replace(Path(os.path.realpath(path)), data, info, shown=path)
    else:
        raise OutputError(f"{path}: not a regular file, device or FIFO ({_kind(info.st_mode)}); "
                          "give another path")


def _is_descriptor(path: Path) -> bool:
    """Whether ``path``, or a symlink it leads through, names an open descriptor."""
    here = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        if _DESCRIPTOR.fullmatch(here):
            return True
        if not os.path.islink(here):
            return False
        here = os.path.normpath(os.path.join(os.path.dirname(here), os.readlink(here)))
    return False


def _kind(mode: int) -> str:
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "an unknown kind of file"


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader left: the CLI ends quietly
    except OSError as exc:
        raise OutputError(f"standard output: cannot write ({exc.strerror})") from None


def _write_through(path: Path, data: bytes) -> None:
    # Append: a descriptor's redirect (> or >>) already decided where writing starts.
    try:
        with open(path, "ab") as out:
            out.write(data)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None


def _replace(target: Path, data: bytes, info: os.stat_result | None, shown: Path) -> None:
    """Write ``target`` aside and rename it into place; ``info``: the file there now, if any."""
    folder = target.parent
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{shown}: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise OutputError(f"{shown}: folder {folder} does not exist")
    try:
        tmp, fd = _create_aside(target)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as out:
            if info is not None:
                os.fchmod(out.fileno(), stat.S_IMODE(info.st_mode))
                with contextlib.suppress(OSError):  # only root may give a file away: it is then ours
                    os.fchown(out.fileno(), info.st_uid, info.st_gid)
            out.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{shown}: cannot write ({exc.strerror})") from None


def _create_aside(target: Path) -> tuple[Path, int]:
    """A new hidden file beside ``target``, created with mode 0666 less the umask (what a new
    output gets), and its descriptor."""
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "no free temporary name")
