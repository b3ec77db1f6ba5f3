"""Issue 12 §2: an input file that is not UTF-8 is an error naming the file and the line (with the
column and the byte), not a byte offset into the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core.errors import InputError
from interdict.services.matching import read_pairs_file
from interdict.services.name_screening import read_batch_file
from interdict.services.subjects import remove_subjects
from interdict.subjects.readers import read_subject_file

# Three good lines, then "Jos\xe9" as Windows-1252 writes it: the byte 0xe9 is not UTF-8.
LINES = [b"id,name", b"1,Pak Jin Hyok", b"2,Kim Jong Un", b"3,Jos\xe9 Garc\xeda"]


def _file(tmp_path: Path, name: str, lines: list[bytes], bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + b"\r\n".join(lines) + b"\r\n")
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_batch_file_names_the_line(tmp_path: Path, bom: bool) -> None:
    path = _file(tmp_path, "batch.csv", LINES, bom)
    with pytest.raises(InputError) as err:
        read_batch_file(path)
    assert err.value.source == str(path)
    assert err.value.location == "line 4"
    assert "0xe9 at column 6" in err.value.detail


def test_subject_file_names_the_line(tmp_path: Path) -> None:
    path = _file(tmp_path, "subjects.csv", LINES)
    with pytest.raises(InputError) as err:
        read_subject_file(path)
    assert (err.value.source, err.value.location) == (str(path), "line 4")
    assert str(path) in str(err.value) and "line 4" in str(err.value)


def test_pairs_file_names_the_line(tmp_path: Path) -> None:
    path = _file(tmp_path, "pairs.csv", [b"name1,name2", b"Pak Jin Hyok,Park Jin Hyok", b"Jos\xe9,Jose"])
    with pytest.raises(InputError) as err:
        read_pairs_file(path, None)
    assert (err.value.source, err.value.location) == (str(path), "line 3")


def test_id_file_names_the_line(tmp_path: Path) -> None:
    path = _file(tmp_path, "ids.txt", [b"1", b"\xff2"])
    with pytest.raises(InputError) as err:
        remove_subjects(path)
    assert (err.value.location, "0xff at column 1" in err.value.detail) == ("line 2", True)


def test_a_missing_file_is_still_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_batch_file(tmp_path / "nope.csv")
    assert err.value.source == str(tmp_path / "nope.csv") and err.value.location is None
