"""Looking names up (geo.gazetteer.store): the name filter beside the database."""

from __future__ import annotations

import os
import sqlite3

from geo.folding import fold
from geo.gazetteer.store import SCHEMA_VERSION, Gazetteer
from geo.gazetteer.writer import SCHEMA


def _tiny_gazetteer(path, names):
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    for pid, name in enumerate(names, start=1):
        db.execute("INSERT INTO places (id, name, lat, lon, feature_class, feature_code) VALUES (?,?,?,?,?,?)",
                   (pid, name, 43.0, 20.6, "P", "PPL"))
        db.execute("INSERT INTO names VALUES (?,?,?)", (fold(name), pid, "name"))
    db.commit()
    db.close()


def test_the_name_filter_is_written_beside_the_database_and_follows_a_replaced_one(tmp_path):
    path = tmp_path / "gazetteer.sqlite"
    _tiny_gazetteer(path, ["Jarinje"])
    gaz = Gazetteer(path)
    assert [p.name for p in gaz.lookup("JARINJE")] == ["Jarinje"]
    assert gaz.lookup("Zvečan") == ()
    assert not gaz.is_demonym("Zvečan")
    assert (tmp_path / "gazetteer.sqlite.keys.npz").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer.sqlite", "gazetteer.sqlite.keys.npz"]
    gaz.close()
    # A merge writes a new database and renames it over the old one: the filter is renewed.
    _tiny_gazetteer(tmp_path / "new.sqlite", ["Jarinje", "Zvečan"])
    os.replace(tmp_path / "new.sqlite", path)
    gaz = Gazetteer(path)
    assert [p.name for p in gaz.lookup("Zvecan")] == ["Zvečan"]
    gaz.close()


def test_a_damaged_name_filter_is_rebuilt(tmp_path):
    path = tmp_path / "gazetteer.sqlite"
    _tiny_gazetteer(path, ["Leposavić"])
    (tmp_path / "gazetteer.sqlite.keys.npz").write_bytes(b"not numpy")
    gaz = Gazetteer(path)
    assert [p.name for p in gaz.lookup("Leposavic")] == ["Leposavić"]
    gaz.close()


def test_a_merge_writes_the_new_filter_itself(tmp_path):
    import numpy as np

    from geo.gazetteer.grow import updating

    path = tmp_path / "gazetteer.sqlite"
    _tiny_gazetteer(path, ["Jarinje"])
    with updating(tmp_path) as db:
        db.execute("INSERT INTO places (id, name, lat, lon, feature_class, feature_code) "
                   "VALUES (2, 'Zvečan', 43, 20.8, 'P', 'PPL')")
        db.execute("INSERT INTO names VALUES ('zvecan', 2, 'name')")
    with np.load(tmp_path / "gazetteer.sqlite.keys.npz") as saved:  # written by the merge, for this file
        st = path.stat()
        assert list(saved["stamp"]) == [st.st_size, st.st_mtime_ns, st.st_ino]
        assert len(saved["crcs"]) == 2
    gaz = Gazetteer(path)
    assert [p.name for p in gaz.lookup("Zvečan")] == ["Zvečan"]
    gaz.close()


def test_the_demonyms_are_kept_beside_the_name_filter_and_an_older_filter_is_renewed(tmp_path):
    import numpy as np

    path = tmp_path / "gazetteer.sqlite"
    _tiny_gazetteer(path, ["Serbia"])
    db = sqlite3.connect(path)
    db.execute("INSERT INTO names VALUES ('serbian', 1, 'demonym')")
    db.commit()
    db.close()
    side = tmp_path / "gazetteer.sqlite.keys.npz"
    st = path.stat()  # a filter written before demonyms were kept beside it: the same stamp, no demonyms
    np.savez(side, stamp=np.array([st.st_size, st.st_mtime_ns, st.st_ino], dtype=np.int64),
             crcs=np.array([], dtype=np.uint32))
    gaz = Gazetteer(path)
    assert gaz.is_demonym("Serbian") and not gaz.is_demonym("Serbia")
    gaz.close()
    with np.load(side) as saved:
        assert list(saved["demonyms"]) == ["serbian"]


def test_the_marks_before_the_name_filter_rule_out_no_name_the_gazetteer_has(tmp_path):
    import numpy as np

    path = tmp_path / "gazetteer.sqlite"
    names = [f"Selo {n}" for n in range(3000)] + ["Jarinje", "Zvečan"]
    _tiny_gazetteer(path, names)
    gaz = Gazetteer(path)
    assert all(gaz.lookup(name) for name in names)
    assert not any(gaz.lookup(f"Qxz {n}") for n in range(3000))
    # one bit for each value of the CRCs' top bits, as a plain array of marks would set them
    marks, shift = gaz._crc_marks
    expected = np.zeros(8 * len(marks), dtype=bool)
    expected[gaz._key_crcs >> np.uint32(shift)] = True
    assert marks == np.packbits(expected, bitorder="little").tobytes()
    gaz.close()
    empty = tmp_path / "empty.sqlite"
    _tiny_gazetteer(empty, [])
    gaz = Gazetteer(empty)
    assert gaz.lookup("Jarinje") == ()
    gaz.close()
