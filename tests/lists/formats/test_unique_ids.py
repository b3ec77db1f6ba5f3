"""A list id that repeats within one file is refused, with the same message in every format."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from interdict.core.errors import ListFormatError
from interdict.lists.formats import eu, internal, uk_fcdo, uk_ofsi
from interdict.lists.parsed import ParsedList


def _refused(parse: Callable[[Path], ParsedList], path: Path) -> ListFormatError:
    with pytest.raises(ListFormatError) as info:
        parse(path)
    return info.value


def test_eu_names_both_lines(test_data: Path, tmp_path: Path) -> None:
    text = (test_data / "lists" / "eu" / "eu_fsf_sample.xml").read_text("utf-8")
    duplicate = tmp_path / "duplicate.xml"
    duplicate.write_text(text.replace('"EU.2616.36"', '"EU.27.28"'), "utf-8")
    err = _refused(eu.parse, duplicate)
    assert (err.location, err.detail) == ("line 18", "a unique euReferenceNumber; EU.27.28 is also at line 3")


def test_uk_fcdo_names_the_first_line(test_data: Path, tmp_path: Path) -> None:
    text = (test_data / "lists" / "uk" / "UK-Sanctions-List.xml").read_text("utf-8")
    duplicate = tmp_path / "duplicate.xml"
    duplicate.write_text(text.replace(">DPR0075</UniqueID>", ">DPR0001</UniqueID>"), "utf-8")
    err = _refused(uk_fcdo.parse, duplicate)
    assert (err.location, err.detail) == ("line 130", "a unique UniqueID; DPR0001 already appears at line 82")


def test_internal_names_the_row(test_data: Path, tmp_path: Path) -> None:
    lines = (test_data / "lists" / "internal" / "watchlist.csv").read_text("utf-8").splitlines(keepends=True)
    duplicate = tmp_path / "duplicate.csv"
    duplicate.write_text("".join([*lines, lines[1]]), "utf-8")
    err = _refused(internal.parse, duplicate)
    assert (err.location, err.detail) == (f"row {len(lines) + 1}, column id", "a unique id; INT-0001 repeats")


def test_uk_ofsi_refuses_two_groups_with_one_reference(test_data: Path, tmp_path: Path) -> None:
    text = (test_data / "lists" / "ofsi" / "ConList.csv").read_text("utf-8")
    banner, rest = text.split("\n", 1)
    rows = list(csv.reader(io.StringIO(rest)))
    group = rows[0].index("Group ID")
    rows[1][group] = "999999"  # a second group that carries the first group's UK Sanctions List Ref
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    duplicate = tmp_path / "ConList.csv"
    duplicate.write_text(f"{banner}\n{out.getvalue()}", "utf-8")
    err = _refused(uk_ofsi.parse, duplicate)
    assert (err.location, err.detail) == ("Group ID DPR0001", "one group per UK Sanctions List Ref")
