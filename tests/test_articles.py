import datetime as dt
import json
from contextlib import contextmanager
from pathlib import Path

import pytest

from geo.articles import ReadCounts, ReadOptions, read_articles
from geo.errors import InputError
from tests.conftest import SAMPLES, SEED, needs_shared


def test_seed_format_with_header_lines(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("date 2023-05-29\ntitle Protest in Zvečan\nurl https://example.org/x\n\nPolice in Pristina said.\n")
    [a] = read_articles([f])
    assert a.id == "a" and a.date == dt.date(2023, 5, 29)
    assert a.title == "Protest in Zvečan" and a.url == "https://example.org/x"
    assert a.text == "Police in Pristina said."


def test_seed_format_with_text_on_the_date_line(tmp_path):
    f = tmp_path / "b.txt"
    f.write_text(" date 2023-01-02 As tensions escalated between Serbia and Kosovo.\n\nMore.")
    [a] = read_articles([f])
    assert a.date == dt.date(2023, 1, 2)
    assert a.text.startswith("As tensions escalated between Serbia")


@needs_shared(SEED)
def test_the_seed_article():
    [a] = read_articles([SEED])
    assert a.date == dt.date(2023, 1, 2)
    assert a.text.startswith("As tensions")


def test_folder_of_articles_in_name_order():
    articles = read_articles([SAMPLES])
    assert len(articles) == 4
    assert [a.id for a in articles] == sorted(a.id for a in articles)
    assert all(a.date and a.title for a in articles)


def test_jsonl(tmp_path):
    f = tmp_path / "x.jsonl"
    rows = [{"id": "1", "date": "2023-01-01", "title": "T", "url": "", "text": "In Belgrade."},
            {"text": "No id here."}]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    a, b = read_articles([f])
    assert a.id == "1" and a.date == dt.date(2023, 1, 1)
    assert b.id.startswith("sha1-")


@pytest.mark.parametrize(("content", "message"), [
    ('{"id": 1, "text": "ok"}\n{broken\n', "x.jsonl:2: malformed JSON"),
    ('{"id": 1}\n', "x.jsonl:1: missing or non-string 'text'"),
    ('{"text": "a", "date": "2023-13-45"}\n', "x.jsonl:1: invalid date"),
    ("[1, 2]\n", "x.jsonl:1: expected a JSON object"),
])
def test_jsonl_errors_name_file_and_line(tmp_path, content, message):
    f = tmp_path / "x.jsonl"
    f.write_text(content)
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        read_articles([f])


def test_bad_inputs(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_articles([tmp_path / "missing.txt"])
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(InputError, match="empty"):
        read_articles([tmp_path / "empty.txt"])
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="bin.txt"):
        read_articles([tmp_path / "bin.txt"])
    (tmp_path / "d").mkdir()
    with pytest.raises(InputError, match="no .txt or .jsonl"):
        read_articles([tmp_path / "d"])
    (tmp_path / "bad.txt").write_text("date 2023-02-30\nText.")
    with pytest.raises(InputError, match="invalid date"):
        read_articles([tmp_path / "bad.txt"])


def test_latin1_text_is_read(tmp_path):
    f = tmp_path / "l.txt"
    f.write_bytes("date 2023-01-01\nCaf\xe9 in Pe\xe7.".encode("latin-1"))
    [a] = read_articles([f])
    assert "Café" in a.text


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "a PNG image, not text"),
    (b"PK\x03\x04" + b"\x00" * 20, "a zip archive, not text"),
    (b"   \n\t\n", "only whitespace"),
])
def test_not_articles(tmp_path, data, message):
    f = tmp_path / "x.txt"
    f.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_articles([f])


def test_bom_and_mixed_line_endings(tmp_path):
    f = tmp_path / "x.txt"
    f.write_bytes("\ufeffdate 2023-01-01\r\ntitle T\rPolice in Pristina.\r\nMore.\n".encode())
    [a] = read_articles([f])
    assert a.title == "T" and a.text == "Police in Pristina.\nMore." and "\r" not in a.text


def test_windows_1252_warns_naming_the_file(tmp_path, caplog):
    f = tmp_path / "w.txt"
    f.write_bytes("date 2023-01-01\n\u201cPe\u0107\u201d is not Pe\xe7".encode("cp1252", errors="replace"))
    [a] = read_articles([f])
    assert "\u201c" in a.text
    assert f"{f}: not UTF-8, read as Windows-1252" in caplog.text


def test_no_date_and_future_date(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("Police in Pristina said.")
    (tmp_path / "b.txt").write_text("date 2999-01-01\nPolice in Pristina said.")
    a, b = read_articles([tmp_path])
    assert a.date is None and a.text == "Police in Pristina said."
    assert b.date.year == 2999 and "in the future" in caplog.text


def test_on_error_skip_goes_on_and_names_lines(tmp_path, caplog):
    f = tmp_path / "x.jsonl"
    f.write_text('{"id": "a", "text": "In Belgrade."}\n{bad\n{"id": "b", "text": 7}\n'
                 '{"id": "a", "text": "Again."}\n{"id": "c", "text": "In Pristina."}\n')
    with pytest.raises(InputError, match="x.jsonl:2: malformed JSON"):
        read_articles([f])
    articles = read_articles([f], ReadOptions(on_error="skip"))
    assert [a.id for a in articles] == ["a", "c"]
    for line in ("x.jsonl:2", "x.jsonl:3", "x.jsonl:4: duplicate article id 'a'"):
        assert line in caplog.text


def test_long_articles_are_refused_with_a_way_out(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("date 2023-01-01\n" + "Police in Pristina said. " * 1000)
    with pytest.raises(InputError, match="over the 10,000 limit .raise it with --max-article-chars."):
        read_articles([f], ReadOptions(max_article_chars=10_000))
    assert len(read_articles([f], ReadOptions(max_article_chars=100_000))[0].text) > 20_000


# -- hostile input: streams read in bounded pieces, odd files in folders, JSON that is no article --

class Pipe:
    """Standard input as a real pipe, fed by a thread until the reader closes it: how many
    bytes the reader took before it stopped is ``written`` (less what the pipe holds)."""

    def __init__(self, chunks) -> None:
        import os
        import threading

        self.read_fd, self.write_fd = os.pipe()
        self.written = 0
        self.thread = threading.Thread(target=self._feed, args=(chunks,), daemon=True)
        self.thread.start()
        self.buffer = os.fdopen(self.read_fd, "rb")

    def _feed(self, chunks) -> None:
        import os

        try:
            for chunk in chunks:
                view = memoryview(chunk)
                while view:
                    n = os.write(self.write_fd, view)
                    self.written += n
                    view = view[n:]
        except BrokenPipeError:
            pass
        finally:
            os.close(self.write_fd)

    def close(self) -> None:
        self.buffer.close()
        self.thread.join(10)


def _forever(block: bytes):
    while True:
        yield block


def _stdin(monkeypatch, chunks) -> Pipe:
    import types

    pipe = Pipe(chunks)
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=pipe.buffer))
    return pipe


def test_an_endless_stream_is_refused_once_past_the_limit(monkeypatch):
    """Text for ever on standard input (`yes Belgrade | geo geocode -`): refused after some
    megabytes, not read to the end (1.5 GB peaked at 8.5 GB before the refusal)."""
    pipe = _stdin(monkeypatch, _forever(b"Police in Belgrade said. " * 4000))
    try:
        with pytest.raises(InputError, match=r"<stdin>: article of more than 110,000 characters is over the "
                                             r"100,000 limit \(raise it with --max-article-chars\)"):
            read_articles(["-"], ReadOptions(max_article_chars=100_000))
    finally:
        pipe.close()
    assert pipe.written < 3_000_000  # a piece (1 MiB) past the limit, and what the pipe holds


def test_a_stream_of_json_lines_is_read_a_bounded_line_at_a_time(monkeypatch, caplog):
    """A line longer than any article within the limit is refused without being kept (skipped
    under --on-error skip), then the lines after it are read; any line ending counts."""
    good = b'{"id": "a", "text": "Police in Belgrade said."}\r\n'
    endless_line = [b'{"id": "b", "text": "' + b"x" * 500_000] * 40  # 20 MB, one line
    pipe = _stdin(monkeypatch, [good, *endless_line, b'"}\r', b'{"id": "c", "text": "In Pristina."}'])
    try:
        articles = read_articles(["-"], ReadOptions(on_error="skip", max_article_chars=10_000))
    finally:
        pipe.close()
    assert [a.id for a in articles] == ["a", "c"] and articles[1].source == "<stdin>:3"
    assert "<stdin>:2: a line of more than 1,108,576 bytes, longer than an article within the 10,000 character " \
           "limit (raise it with --max-article-chars) (skipped)" in caplog.text


def test_a_device_is_refused_from_its_first_bytes():
    """`geo geocode --fast /dev/zero` grew for ever: its first piece says it is no text."""
    with pytest.raises(InputError, match="/dev/zero: binary file, not text"):
        read_articles(["/dev/zero"])


@pytest.mark.parametrize(("line", "message"), [
    ('{"id": ' + "7" * 5000 + ', "text": "In Belgrade."}', "malformed JSON (Exceeds the limit (4300 digits)"),
    ("[" * 100_000 + "]" * 100_000, "malformed JSON (nested too deeply)"),
    ('{"text": "In Belgrade.", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}", "malformed JSON (nested too deeply)"),
    ('{"id": "s", "text": "In \\ud800 Belgrade."}', r"'text' holds a lone surrogate (\ud800), not Unicode text"),
    ('{"id": "\\udfff", "text": "In Belgrade."}', r"'id' holds a lone surrogate (\udfff), not Unicode text"),
    ('{"title": "\\udc00", "text": "In Belgrade."}', r"'title' holds a lone surrogate (\udc00)"),
])
def test_json_that_is_no_article_is_one_line_about_that_line(tmp_path, caplog, line, message):
    f = tmp_path / "x.jsonl"
    f.write_text(line + '\n{"id": "ok", "text": "In Pristina."}\n')
    with pytest.raises(InputError) as caught:
        read_articles([f])
    assert str(caught.value).startswith(f"{f}:1: {message}") and "\n" not in str(caught.value)
    assert [a.id for a in read_articles([f], ReadOptions(on_error="skip"))] == ["ok"]
    assert f"{f}:1: {message}" in caplog.text


def _folder_with(tmp_path, kind: str):
    """A folder holding a good article and, named b.txt, one odd thing."""
    import os
    import socket

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2023-01-02\nPolice in Belgrade said.\n")
    odd = folder / "b.txt"
    if kind == "fifo":
        os.mkfifo(odd)
    elif kind == "loop":
        odd.symlink_to(folder / "c.link")
        (folder / "c.link").symlink_to(odd)
    elif kind == "dangling":
        odd.symlink_to(folder / "gone")
    elif kind == "folder":
        odd.mkdir()
        (odd / "inner.txt").write_text("Police in Pristina said.")
    elif kind == "device":
        odd.symlink_to("/dev/zero")
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(odd))
        sock.close()
    return folder, odd


# What a folder's odd b.txt is, what is said of it, and whether it is bad input (an error,
# or skipped under --on-error skip) or only passed over.
ODD = {"fifo": ("a FIFO, not a regular file", False), "folder": ("a folder, not a regular file", False),
       "device": ("a device, not a regular file", False), "socket": ("a socket, not a regular file", False),
       "loop": ("a symlink loop (too many levels of symbolic links)", True), "dangling": ("no such file", True)}


def _read_within(seconds: float, *args):
    """read_articles in a thread that must end (a FIFO once hung a read for ever)."""
    import threading

    out: list = []

    def run():
        try:
            out.append(read_articles(*args))
        except InputError as exc:
            out.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert out, f"read_articles{args} did not end within {seconds} s"
    return out[0]


@pytest.mark.parametrize("kind", list(ODD))
def test_odd_files_in_a_folder(tmp_path, caplog, kind):
    folder, odd = _folder_with(tmp_path, kind)
    said, bad = ODD[kind]
    for on_error in ("fail", "skip"):
        counts = ReadCounts()
        got = _read_within(20, [folder], ReadOptions(on_error=on_error, counts=counts))
        if bad and on_error == "fail":
            assert isinstance(got, InputError) and str(got) == f"{odd}: {said}"
            continue
        assert [a.id for a in got] == ["a"]
        assert (counts.failed, counts.skipped) == ((1, 0) if bad else (0, 1))
        assert f"{odd}: {said} (skipped)" in caplog.text


def test_a_symlink_loop_as_an_argument(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(InputError, match=r"a.txt: a symlink loop \(too many levels of symbolic links\)$"):
        read_articles([tmp_path / "a.txt"])


@contextmanager
def _as_nobody():
    """As user nobody (65534): root reads a folder of mode 000 all the same, so the test
    drops root's rights (its effective uid) while it reads."""
    import os

    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def test_a_folder_of_mode_000_and_an_unreadable_file():
    import os
    import shutil
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="geo-modes-", dir="/tmp"))  # a tmp_path is root's alone (0700)
    try:
        top.chmod(0o755)
        closed = top / "closed"
        closed.mkdir()
        (closed / "a.txt").write_text("Police in Belgrade said.")
        closed.chmod(0o000)
        folder = top / "in"
        folder.mkdir()
        (folder / "a.txt").write_text("Police in Belgrade said.")
        (folder / "b.txt").write_text("Police in Pristina said.")
        os.chmod(folder / "b.txt", 0o000)
        with _as_nobody():
            with pytest.raises(InputError, match=f"^{closed}: permission denied$"):
                read_articles([closed])
            with pytest.raises(InputError, match=f"^{folder / 'b.txt'}: permission denied$"):
                read_articles([folder])
            assert [a.id for a in read_articles([folder], ReadOptions(on_error="skip"))] == ["a"]
    finally:
        closed.chmod(0o755)
        shutil.rmtree(top)
