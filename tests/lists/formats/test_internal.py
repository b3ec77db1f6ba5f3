"""Internal watchlists: the documented CSV and JSON-lines formats (docs/lists.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core.entity import EntityKind, IdentifierType
from interdict.core.errors import ListFormatError
from interdict.lists.formats import detect, internal


@pytest.fixture(scope="module")
def folder(test_data: Path) -> Path:
    return test_data / "lists" / "internal"


def test_csv_watchlist(folder: Path) -> None:
    parsed = internal.parse(folder / "watchlist.csv")
    assert (parsed.list, parsed.format, parsed.published) == ("internal", "internal_csv", None)
    pak, hanseong, vessel = parsed.entities
    assert [n.full for n in pak.names] == ["Pak Jin Hyok", "Park Jin Hyok", "박진혁"]
    assert pak.names[2].script == "Hangul"
    assert pak.birth_dates == ("1984-08-15",) and pak.nationalities == ("kp",)
    assert [(i.type, i.value, i.country) for i in pak.identifiers] == [
        (IdentifierType.PASSPORT, "P0000042", "kp")]
    assert hanseong.kind is EntityKind.ORGANIZATION and hanseong.nationalities == ("kr",)
    crypto = hanseong.identifiers[1]
    assert (crypto.type, crypto.currency) == (IdentifierType.CRYPTO, "ETH")
    assert hanseong.remarks == "Internal risk decision, 2025-03-02"
    assert vessel.identifiers[0].value == "9000001"  # "IMO 9000001" normalised


def test_jsonl_watchlist_with_own_list_name(folder: Path) -> None:
    parsed = internal.parse(folder / "watchlist.jsonl")
    assert (parsed.list, parsed.format) == ("bank_fraud", "internal_jsonl")
    petrov, star = parsed.entities
    assert petrov.names[1].script == "Cyrillic"
    assert {(i.type, i.currency) for i in petrov.identifiers} == {
        (IdentifierType.PASSPORT, None), (IdentifierType.CRYPTO, "XBT")}
    assert star.nationalities == ("ru", "ae")


def test_registry_detects_both_forms(folder: Path) -> None:
    assert detect(folder / "watchlist.csv") is internal
    assert detect(folder / "watchlist.jsonl") is internal


@pytest.mark.parametrize(
    ("name", "location", "message"),
    [
        ("watchlist_bad_kind.csv", "row 2, column kind", "person, organization"),
        ("watchlist_bad_identifier.csv", "row 2, column identifiers", "type:value"),
        ("watchlist_truncated.jsonl", "line 2", "one JSON object per line"),
    ],
)
def test_bad_files_name_row_and_column(folder: Path, name: str, location: str, message: str) -> None:
    with pytest.raises(ListFormatError, match=message) as err:
        internal.parse(folder / name)
    assert err.value.location == location
    assert err.value.source == str(folder / name)


def test_rejects_bad_values(tmp_path: Path) -> None:
    cases = {
        "id,name,dob\nA,Alice,15/08/1984\n": "row 2, column dob",
        "id,name,country\nA,Alice,Atlantis\n": "row 2, column country",
        "id,name,identifiers\nA,Alice,telex:123\n": "row 2, column identifiers",
        "id,name,identifiers\nA,Alice,crypto:1Abc\n": "row 2, column identifiers",
        "id,name\nA,Alice\nA,Alice B\n": "row 3, column id",
        "id,name,colour\nA,Alice,red\n": "row 1",
        'id,name\nA,Alice\n"B,Bob\n': "row 3",
    }
    for number, (text, location) in enumerate(cases.items()):
        path = tmp_path / f"case{number}.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ListFormatError) as err:
            internal.parse(path)
        assert err.value.location == location, text


def test_mixed_list_names_rejected(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "1", "name": "A", "list": "x"}\n{"id": "2", "name": "B", "list": "y"}\n', "utf-8")
    with pytest.raises(ListFormatError, match="one list name per file"):
        internal.parse(path)
