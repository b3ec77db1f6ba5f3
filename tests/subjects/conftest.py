"""Two versions of the real UN list and a generated customer base, for the re-screen tests.

The older version is the real file edited as a list publisher edits it: some entries not yet
listed (the newer version adds them), some with another spelling of their name (the newer version
changes them), and a few that the newer version delisted (copies of real entries under ids of their
own). Made once per session from the shared data, written to a temporary folder.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from synthetic import payments as sp

ADDED = 15  # entries the newer version adds
CHANGED = 10  # entries whose name the newer version changes
DELISTED = 6  # entries the older version has and the newer one removed


@dataclass(frozen=True)
class UnVersions:
    """The older and newer UN files, and the names behind the edits."""

    old: Path
    new: Path
    added: list[str]  # names of entries only the newer version holds
    changed: list[tuple[str, str]]  # (old name, new name)
    delisted: list[str]  # names of entries only the older version holds


def _first_name(entry: etree._Element) -> etree._Element:
    node = entry.find("FIRST_NAME")
    assert node is not None
    return node


def _full_name(entry: etree._Element) -> str:
    parts = [entry.findtext(tag) or "" for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME")]
    return " ".join(p for p in parts if p)


@pytest.fixture(scope="session")
def un_versions(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> UnVersions:
    """Older (edited, dated 2025-06-01) and newer (the real file) versions of the UN list."""
    real = shared_data / "lists" / "un" / "consolidated.xml"
    folder = tmp_path_factory.mktemp("un-versions")
    new = folder / "un-new.xml"
    shutil.copyfile(real, new)
    tree = etree.parse(str(real))
    root = tree.getroot()
    root.set("dateGenerated", "2025-06-01T00:00:00.000Z")
    people = root.findall("INDIVIDUALS/INDIVIDUAL")
    rng = random.Random(16)
    picked = rng.sample(people, ADDED + CHANGED + DELISTED)
    added, changed, delisted = picked[:ADDED], picked[ADDED:ADDED + CHANGED], picked[ADDED + CHANGED:]
    added_names = [_full_name(e) for e in added]
    for entry in added:
        entry.getparent().remove(entry)
    changes = []
    for entry in changed:
        node = _first_name(entry)
        before = node.text or ""
        # An older spelling: the first name's vowels rotated, so the entry reads as another person.
        node.text = before.translate(str.maketrans("AEIOU", "OUAEI"))
        changes.append((_full_name(entry), _full_name(entry).replace(node.text, before, 1)))
    gone = []
    for n, entry in enumerate(delisted):
        copy = etree.fromstring(etree.tostring(entry))
        ref = copy.find("REFERENCE_NUMBER")
        assert ref is not None
        ref.text = f"ZZi.{900 + n}"
        data_id = copy.find("DATAID")
        assert data_id is not None
        data_id.text = str(99_000_000 + n)
        node = _first_name(copy)
        node.text = f"{node.text} {rng.choice(sp.LAST)}"
        gone.append(_full_name(copy))
        entry.getparent().append(copy)
    old = folder / "un-old.xml"
    tree.write(str(old), xml_declaration=True, encoding="UTF-8")
    return UnVersions(old, new, added_names, changes, gone)


def customer_names(rng: random.Random, n: int) -> list[str]:
    """A customer-like mix of generated people and companies (from the synthetic name pools)."""
    syllables = ("ka", "ro", "vin", "mel", "dor", "sa", "li", "ber", "tan", "gor", "us", "en", "mar")
    out = []
    for _ in range(n):
        surname = ("".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()
                   if rng.random() < 0.6 else rng.choice(sp.LAST).title())
        if rng.random() < 0.7:
            out.append(f"{rng.choice(sp.FIRST).title()} {surname}")
        else:
            out.append(f"{surname} {rng.choice(sp.ORG_B).title()} {rng.choice(sp.ORG_C)}")
    return out


@pytest.fixture(scope="session")
def customer_file(un_versions: UnVersions, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CSV base: 2,500 generated customers plus the names behind every edit (as written, and
    with a typo), so that the re-screen has hits to add and to close."""
    rng = random.Random(7)
    names = customer_names(rng, 2500)
    listed = [*un_versions.added, *(new for _, new in un_versions.changed),
              *(old for old, _ in un_versions.changed), *un_versions.delisted]
    names += listed + [n[:-1] + ("X" if n[-1] != "X" else "Y") for n in listed]
    path = tmp_path_factory.mktemp("customers") / "customers.csv"
    rows = [f"C{n:05d},\"{name}\",{'' if n % 3 else 'any'}" for n, name in enumerate(names)]
    lines = ["id,name,kind", *rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
