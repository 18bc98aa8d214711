import datetime as dt
import json

import pytest

from geo.articles import ReadOptions, read_articles
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
