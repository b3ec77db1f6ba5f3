"""Two versions of the real UN list and a generated customer base, for the re-screen tests.

The older version is the real file edited as a list publisher edits it (`synthetic.customers`):
entries not yet listed (the newer version adds them), names spelt otherwise (the newer version
changes them), and entries the newer version delisted. Made once per session from the shared data.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from interdict.screening import ScreeningIndex, build_index
from synthetic.customers import UnEdits, customer_names, older_un
from tests.screening.conftest import ENTITIES

ADDED, CHANGED, DELISTED = 15, 10, 6


@dataclass(frozen=True)
class UnVersions:
    """The older and newer UN files, and the edits between them."""

    old: Path
    new: Path
    edits: UnEdits


@pytest.fixture(scope="session")
def un_versions(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> UnVersions:
    """Older (edited, dated 2025-06-01) and newer (the real file) versions of the UN list."""
    real = shared_data / "lists" / "un" / "consolidated.xml"
    folder = tmp_path_factory.mktemp("un-versions")
    new = folder / "un-new.xml"
    shutil.copyfile(real, new)
    edits = older_un(real, folder / "un-old.xml", seed=16, added=ADDED, changed=CHANGED, delisted=DELISTED)
    return UnVersions(edits.path, new, edits)


@pytest.fixture(scope="session")
def customer_file(un_versions: UnVersions, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CSV base: 2,500 generated customers plus the names behind every edit (as written, and
    with a typo), so that the re-screen has hits to add and to close."""
    edits = un_versions.edits
    names = customer_names(random.Random(7), 2500)
    listed = [*edits.added, *(new for _, new in edits.changed), *(old for old, _ in edits.changed),
              *(name for _, name in edits.delisted)]
    names += listed + [n[:-1] + ("X" if n[-1] != "X" else "Y") for n in listed]
    path = tmp_path_factory.mktemp("customers") / "customers.csv"
    rows = [f"C{n:05d},\"{name}\",{'' if n % 3 else 'any'}" for n, name in enumerate(names)]
    path.write_text("\n".join(["id,name,kind", *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small_index() -> ScreeningIndex:
    """The screening tests' index over their hand-made entities."""
    return build_index(ENTITIES, {"test:O1": "subject-komid"})
