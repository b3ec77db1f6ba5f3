"""The pre-filter never drops a subject that screening matches (typos, nicknames, joined names,
other scripts, identifiers), and does drop unrelated ones."""

from __future__ import annotations

from collections.abc import Iterable

from interdict.core.entity import Identifier, IdentifierType
from interdict.screening import ScreeningIndex, screen
from interdict.subjects.model import Subject
from interdict.subjects.probes import ALWAYS, subject_tokens, token_probes
from interdict.subjects.reach import delta_signatures

QUERIES = ("Pak Jin Hyok", "Park Jinhyok", "PAK JINHYOK", "Jin Hyok Park", "Ri Won-ho", "Kim Jong-un",
           "Shevchenko Yulia", "Шевченко Юлия Александровна", "최룡해", "Komid", "Korea Daesong Bank",
           "Golden Star Trading Co Ltd", "Muhammad Abd al Rahman al Hamidy", "Jon Michael Smithson",
           "KDBKKPPY", "IMO 9163180", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "Jupitor",
           # letters that print alike ("rn" for "m") and digits that look like letters
           "Kornid", "Kirn Yong Su", "5HEVCHENK0 YULIYA", "1azarus Group",
           # misspelt table words, read as the word they misspell (`screening.table_typos`)
           "Foreign Trade Bank of the Democratc Peoples Republic of Korea",
           "Golden Star Tradng Compnay Limitd",
           # a word left out (`screening.left_out`) and a family name with the patronymic (`lineage`)
           "Golden Star Company Limited", "Shevchenko Aleksandrovna")


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


def test_a_name_cut_at_the_end_of_an_mt_line_is_always_screened() -> None:
    # Blocking looks such a name's last word up as the start of any listed word, which no probe
    # covers: the subject is screened against every delta.
    cut = "KOREA MINING DEVELOPMENT TRADING CO"
    assert len(cut) == 35
    assert ALWAYS in subject_tokens(Subject("1", cut))
    assert ALWAYS not in subject_tokens(Subject("2", "KOREA MINING DEVELOPMENT TRADING"))
