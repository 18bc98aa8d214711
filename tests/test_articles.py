import datetime as dt
import json

import pytest

from geo.articles import read_articles
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
