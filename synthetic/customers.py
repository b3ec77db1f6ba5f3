"""Synthetic customer bases and list updates for continuous-screening tests and benchmarks (not
product code).

- `customer_names`: a bank's mix of people and companies. Given names are the English given names
  of the `nicknames` package (Apache-2.0) and the payment generator's international ones; surnames
  the payment generator's and made-up ones in a few languages' shapes, so that most names are new
  to the lists, as customers are.
- `older_un`: an earlier publication of the real UN list, made by editing the real file as the
  Security Council's updates do (entries not yet listed, names spelt otherwise, entries since
  delisted), so that loading it and then the real file is a realistic day's delta.
All deterministic for a given seed.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from lxml import etree

from synthetic import payments as sp

_SYLLABLES = ("ka", "ro", "vin", "mel", "dor", "sa", "li", "ber", "tan", "gor", "us", "en", "mar", "ti",
              "lo", "nes", "ha", "mi", "to", "ra", "zu", "el", "an", "is", "ko", "pe", "dri")
_ENDINGS = ("son", "sen", "ov", "ova", "ez", "es", "ini", "escu", "berg", "mann", "ski", "ić", "yan", "oglu",
            "", "", "", "")


@cache
def given_names() -> tuple[str, ...]:
    """English given names (the `nicknames` package's table) and the payment generator's."""
    with files("nicknames").joinpath("names.csv").open(encoding="utf-8") as fh:
        names = {row[0].strip().title() for row in csv.reader(fh) if row and row[0].strip().isalpha()}
    return tuple(sorted(names | {n.title() for n in sp.FIRST}))


def surname(rng: random.Random) -> str:
    """A surname: a common one a third of the time, else a made-up one of two or three syllables."""
    if rng.random() < 0.33:
        return rng.choice(sp.LAST).title()
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    return (stem + rng.choice(_ENDINGS)).capitalize()


def customer_names(rng: random.Random, n: int, listed: list[str] | None = None,
                   listed_share: float = 0.0) -> list[str]:
    """`n` customer names: 75 % people (some with a middle name), 25 % companies, and a share of
    listed names (as written, or with one letter changed) when `listed` is given."""
    first = given_names()
    out = []
    for _ in range(n):
        r = rng.random()
        if listed and r < listed_share:
            name = rng.choice(listed)
            if rng.random() < 0.5 and len(name) > 4:
                at = rng.randrange(1, len(name) - 1)
                name = name[:at] + rng.choice("aeioun") + name[at + 1:]
            out.append(name)
        elif r < 0.75:
            middle = f" {rng.choice(first)}" if rng.random() < 0.2 else ""
            out.append(f"{rng.choice(first)}{middle} {surname(rng)}")
        else:
            head = surname(rng) if rng.random() < 0.6 else rng.choice(sp.ORG_A).title()
            out.append(f"{head} {rng.choice(sp.ORG_B).title()} {rng.choice(sp.ORG_C)}")
    return out


@dataclass(frozen=True)
class UnEdits:
    """An earlier UN publication written from the real one, and the names behind its edits."""

    path: Path
    added: list[str]  # entries the real (newer) file adds
    changed: list[tuple[str, str]]  # (name in the older file, name in the real one)
    delisted: list[tuple[str, str]]  # (reference number, name) of entries only the older file holds


def _full_name(entry: etree._Element) -> str:
    return " ".join(t for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME") if (t := entry.findtext(tag)))


def older_un(real: Path, dest: Path, *, seed: int, added: int, changed: int, delisted: int) -> UnEdits:
    """Write an earlier version of the real UN list to `dest`, dated 2025-06-01."""
    tree = etree.parse(str(real))
    root = tree.getroot()
    root.set("dateGenerated", "2025-06-01T00:00:00.000Z")
    rng = random.Random(seed)
    picked = rng.sample(root.findall("INDIVIDUALS/INDIVIDUAL"), added + changed + delisted)
    added_names = [_full_name(e) for e in picked[:added]]
    for entry in picked[:added]:
        entry.getparent().remove(entry)
    changes = []
    for entry in picked[added:added + changed]:
        node = entry.find("FIRST_NAME")
        assert node is not None and node.text
        real_name, node.text = _full_name(entry), node.text.translate(str.maketrans("AEIOU", "OUAEI"))
        changes.append((_full_name(entry), real_name))
    gone = []
    for n, entry in enumerate(picked[added + changed:]):
        copy = etree.fromstring(etree.tostring(entry))
        for tag, value in (("REFERENCE_NUMBER", f"ZZi.{900 + n}"), ("DATAID", str(99_000_000 + n))):
            node = copy.find(tag)
            assert node is not None
            node.text = value
        first = copy.find("FIRST_NAME")
        assert first is not None
        first.text = f"{first.text} {rng.choice(sp.LAST)}"
        gone.append((f"ZZi.{900 + n}", _full_name(copy)))
        entry.getparent().append(copy)
    tree.write(str(dest), xml_declaration=True, encoding="UTF-8")
    return UnEdits(dest, added_names, changes, gone)
