"""Format detection: the registry picks the module that reads a file, through bz2/gzip too."""

from __future__ import annotations

import bz2
import gzip
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from interdict.core.errors import ListFormatError
from interdict.lists import formats


def test_detects_the_un_xml(test_data: Path) -> None:
    module = formats.detect(test_data / "lists" / "un_v1.xml")
    assert module.__name__ == "interdict.lists.formats.un"
    parsed = formats.parse_list(test_data / "lists" / "un_v1.xml")
    assert parsed.list == "un" and len(parsed.entities) == 3


@pytest.mark.parametrize("compress", [bz2.compress, gzip.compress])
def test_detects_through_compression(
    test_data: Path, tmp_path: Path, compress: Callable[[bytes], bytes]
) -> None:
    path = tmp_path / "un_v1.xml.z"
    path.write_bytes(compress((test_data / "lists" / "un_v1.xml").read_bytes()))
    assert formats.read_head(path).startswith(b"<?xml")
    assert formats.detect(path).__name__ == "interdict.lists.formats.un"


def test_unknown_file_names_the_file_and_the_known_formats(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list: eggs, milk\n")
    with pytest.raises(ListFormatError) as info:
        formats.detect(path)
    message = str(info.value)
    assert str(path) in message
    assert "known formats:" in message and "un_xml" in message


def test_missing_file_is_a_list_format_error(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match="no such file"):
        formats.detect(tmp_path / "absent.xml")


def test_known_formats_follow_registry_order() -> None:
    names = [m.__name__.rsplit(".", 1)[1] for m in formats.format_modules()]
    assert names == [n for n in formats.FORMAT_MODULES if n in names]
    assert "un" in names


def test_existing_module_that_fails_to_import_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "zz_broken.py").write_text("import interdict_dependency_that_does_not_exist\n")
    monkeypatch.setattr(formats, "__path__", [*formats.__path__, str(tmp_path)])
    monkeypatch.setattr(formats, "FORMAT_MODULES", ("zz_absent", "un", "zz_broken"))
    with pytest.raises(ModuleNotFoundError, match="interdict_dependency_that_does_not_exist"):
        formats.format_modules()


def test_absent_module_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "FORMAT_MODULES", ("zz_absent", "un"))
    assert [m.FORMAT for m in formats.format_modules()] == ["un_xml"]


def test_discover_searches_folders_and_keeps_a_csv_set_whole(test_data: Path, tmp_path: Path) -> None:
    root = tmp_path / "downloads"
    shutil.copytree(test_data / "lists" / "ofac_csv_small", root / "ofac" / "sdn_csv")
    shutil.copy(test_data / "lists" / "un_v1.xml", root / "un.xml")
    (root / "README.md").write_text("<CONSOLIDATED_LIST> quoted in a note\n")
    (root / "broken.xml").write_text("<CONSOLIDATED_LIST><INDIVIDUALS>")
    found, skipped = formats.discover(root)
    # A file a format claims is a list even when broken: loading it reports the error.
    assert found == [root / "broken.xml", root / "ofac" / "sdn_csv", root / "un.xml"]
    assert skipped == [root / "README.md"]
    assert formats.discover(root / "un.xml") == ([root / "un.xml"], [])


# What each format's file starts with (its root element, or its first lines), as a note would quote it.
_QUOTED_ROOTS = {
    "un": '<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09Z"><INDIVIDUALS>',
    "ofac_advanced": '<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/'
                     'exports/ADVANCED_XML">',
    "ofac_xml": '<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">',
    "eu": '<export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity logicalId="13">',
    "uk_fcdo": "<Designations><DateGenerated>20/11/2026</DateGenerated><Designation>",
    "uk_ofsi": "Last Updated,20/11/2026\nName 6,Name 1,Name 2,Group ID",
    "ftm": '{"id": "NK-1", "schema": "Person", "properties": {"name": ["A B"]}}',
    "internal": "id,name,kind\nINT-1,A B,person",
}


@pytest.mark.parametrize("module", sorted(_QUOTED_ROOTS))
def test_a_note_quoting_a_list_is_not_that_list(module: str, tmp_path: Path) -> None:
    note = tmp_path / "README.md"
    quoted = _QUOTED_ROOTS[module]
    note.write_text(f"# Downloads\n\nThe file starts like this:\n\n```\n{quoted}\n```\n", "utf-8")
    head = formats.read_head(note)
    assert [m.FORMAT for m in formats.format_modules() if m.sniff(note, head)] == []
    with pytest.raises(ListFormatError, match="no list format"):
        formats.detect(note)


def test_xml_root_is_found_after_declaration_and_comments(test_data: Path, tmp_path: Path) -> None:
    body = (test_data / "lists" / "un_v1.xml").read_bytes().split(b"?>", 1)[1]
    path = tmp_path / "un.xml"
    prolog = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- not <sdnList> -->\n<!DOCTYPE CONSOLIDATED_LIST>\n'
    path.write_bytes(prolog + body.lstrip())
    assert formats.detect(path).__name__ == "interdict.lists.formats.un"
    other = tmp_path / "other.xml"
    other.write_bytes(b'<?xml version="1.0"?>\n<!-- <CONSOLIDATED_LIST> -->\n'
                      b"<notes><CONSOLIDATED_LIST/></notes>")
    with pytest.raises(ListFormatError, match="no list format"):
        formats.detect(other)


def test_line_based_sniffers_read_whole_lines(tmp_path: Path) -> None:
    from interdict.lists.formats import ftm, uk_ofsi

    note = tmp_path / "notes.txt"
    note.write_text("Last Updated: 2026-11-20. The Name 6 and Group ID columns are new.\n", "utf-8")
    assert not uk_ofsi.sniff(note, note.read_bytes())
    assert not ftm.sniff(note, b'{"comment": "an entity has a \\"schema\\" and \\"id\\""}\n{}\n')
    assert ftm.sniff(note, b'{"id": "p1", "schema": "Person", "properties": {}}\n')
