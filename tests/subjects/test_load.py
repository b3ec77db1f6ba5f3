"""Loading a subject base: CSV, JSON lines and Parquet; updates by id; explicit removals; a bad
row loads nothing and names its file and line."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from interdict.core.entity import EntityKind, IdentifierType
from interdict.core.errors import InputError
from interdict.services.subjects import list_subjects, load_subjects, remove_subjects, show_subject
from interdict.subjects.readers import read_subject_file


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_jsonl_and_parquet_read_the_same_subject(tmp_path: Path) -> None:
    csv = _write(tmp_path / "a.csv", "id,name,kind,dob,country,identifiers\n"
                 "7,Ri Won Ho,person,1964-07-17,kp,passport(kp):472310082|bic:KDBKKPPY\n")
    jsonl = _write(tmp_path / "a.jsonl", '{"id": 7, "name": "Ri Won Ho", "kind": "person",'
                   ' "dob": "1964-07-17",'
                   ' "country": "kp", "identifiers": ["passport(kp):472310082",'
                   ' {"type": "bic", "value": "KDBKKPPY"}]}\n')
    parquet = tmp_path / "a.parquet"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_csv('{csv}', all_varchar=true)) TO '{parquet}' (FORMAT parquet)")
    con.close()
    subjects = [read_subject_file(p).subjects for p in (csv, jsonl, parquet)]
    assert subjects[0] == subjects[1] == subjects[2]
    s = subjects[0][0]
    assert (s.id, s.kind, s.dob, s.country) == ("7", EntityKind.PERSON, "1964-07-17", "kp")
    assert [(i.type, i.value, i.country) for i in s.identifiers] == [
        (IdentifierType.PASSPORT, "472310082", "kp"), (IdentifierType.BIC, "KDBKKPPY", None)]
    assert s.query().identifiers == s.identifiers


def test_bad_rows_name_file_and_lines_and_load_nothing(tmp_path: Path, interdict_home: Path) -> None:
    good = _write(tmp_path / "good.csv", "id,name\n1,Anna Berg\n")
    load_subjects(good)
    bad = _write(tmp_path / "bad.csv", "id,name,kind,dob\n2,Carl Holm,,\n3,,,\n4,Eva Lind,robot,\n"
                 "2,Carl Again,,\n5,Per Ek,,13/05/1990\n")
    with pytest.raises(InputError) as err:
        load_subjects(bad)
    text = str(err.value)
    assert str(bad) in text and "4 bad row(s)" in text
    for where in ("line 3:", "line 4:", "line 5:", "line 6:"):
        assert where in text
    assert "robot" in text and "first on line 2" in text
    assert list_subjects()["total"] == 1  # nothing of the bad file was loaded


def test_reload_updates_by_id_and_removals_are_explicit(tmp_path: Path, interdict_home: Path) -> None:
    first = load_subjects(_write(tmp_path / "v1.csv", "id,name\n1,Anna Berg\n2,Carl Holm\n3,Eva Lind\n"))
    assert (first.added, first.updated, first.total) == (3, 0, 3)
    # Not in the file is not removed: a partial file updates what it names.
    second = load_subjects(_write(tmp_path / "v2.csv", "id,name,deleted\n1,Anna Berg,\n2,Carl Holmberg,\n"
                                  "3,,true\n4,Per Ek,no\n"))
    assert (second.added, second.updated, second.unchanged, second.removed, second.total) == (1, 1, 1, 1, 3)
    assert show_subject("2")["name"] == "Carl Holmberg"
    assert [s["id"] for s in list_subjects()["subjects"]] == ["1", "2", "4"]
    ids = _write(tmp_path / "ids.txt", "1\n\n4\nnot-there\n")
    assert remove_subjects(ids) == 2
    assert [s["id"] for s in list_subjects()["subjects"]] == ["2"]
