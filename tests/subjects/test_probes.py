"""The pre-filter never drops a subject that screening matches (typos, nicknames, joined names,
other scripts, identifiers), and does drop unrelated ones."""

from __future__ import annotations

from collections.abc import Iterable

from interdict.core.entity import Identifier, IdentifierType
from interdict.screening import ScreeningIndex, screen
from interdict.subjects.model import Subject
from interdict.subjects.probes import subject_tokens, token_probes
from interdict.subjects.reach import delta_signatures

QUERIES = ("Pak Jin Hyok", "Park Jinhyok", "PAK JINHYOK", "Jin Hyok Park", "Ri Won-ho", "Kim Jong-un",
           "Shevchenko Yulia", "Шевченко Юлия Александровна", "최룡해", "Komid", "Korea Daesong Bank",
           "Golden Star Trading Co Ltd", "Muhammad Abd al Rahman al Hamidy", "Jon Michael Smithson",
           "KDBKKPPY", "IMO 9163180", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "Jupitor")


def entry_signatures(index: ScreeningIndex, entity_numbers: Iterable[int]) -> set[int]:
    """The signatures a delta of these entries offers the stored probes (the pre-filter's first step)."""
    return delta_signatures(index, list(entity_numbers))[0]


def _probes(subject: Subject) -> set[int]:
    return {p for t in subject_tokens(subject) for p in token_probes(t)}


def test_every_match_is_reached(small_index: ScreeningIndex) -> None:
    by_key = {e.key: n for n, e in enumerate(small_index.entities)}
    matched = 0
    for n, name in enumerate(QUERIES):
        subject = Subject(str(n), name)
        probes = _probes(subject)
        for cand in screen(small_index, subject.query(), limit=50):
            matched += 1
            signatures = entry_signatures(small_index, [by_key[f"{cand.list}:{cand.list_id}"]])
            assert probes & signatures, (name, cand.list_id)
    assert matched >= len(QUERIES)


def test_an_identifier_reaches_its_entry(small_index: ScreeningIndex) -> None:
    subject = Subject("1", "Anna Berg", identifiers=(Identifier(IdentifierType.PASSPORT, "AB 123456"),))
    p7 = next(n for n, e in enumerate(small_index.entities) if e.list_id == "P7")
    assert _probes(subject) & entry_signatures(small_index, [p7])
    assert not _probes(Subject("2", "Anna Berg")) & entry_signatures(small_index, [p7])


def test_unrelated_names_are_dropped(small_index: ScreeningIndex) -> None:
    everything = entry_signatures(small_index, range(len(small_index.entities)))
    for name in ("Anna Berg", "Lucas Oberholzer", "Bluewater Paper GmbH"):
        assert not _probes(Subject("x", name)) & everything, name
