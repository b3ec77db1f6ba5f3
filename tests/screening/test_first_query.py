"""The first query builds only the tables its words need: rigour's org-type tables (~0.1 s of a
one-name `interdict screen`) only when both names carry a legal form."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from interdict.screening import tables
from interdict.screening.legal_families import canonical_forms, families

ROOT = Path(__file__).resolve().parents[2]


def test_canonical_forms_hold_every_form_with_a_family() -> None:
    # The fast path in scoring._legal_forms_differ is exact only if this holds.
    assert set(families()) <= canonical_forms()
    assert canonical_forms() == set(tables.legal_forms().values())


def loaded_after(query: str, listed: str) -> set[str]:
    code = ("import sys, json\n"
            "from tests.screening.conftest import org\n"
            "from interdict.core.match import Query\n"
            "from interdict.screening import build_index, screen\n"
            f"index = build_index([org('1', {listed!r})])\n"
            f"print(json.dumps([len(screen(index, Query({query!r}))), sorted(sys.modules)]))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    _, modules = json.loads(done.stdout)
    return set(modules)


def test_names_without_legal_forms_on_both_sides_skip_the_families() -> None:
    # Scored (words left over on both sides), a legal form on one side only: no family needed.
    assert "rigour.names.org_types" not in loaded_after("Korea Kwangson Banking Trading",
                                                        "Korea Kwangson Banking Shipping Corp")
    assert "rigour.names.org_types" in loaded_after("Deutsche Bank AG", "Deutsche Bank PLC")


def test_the_nickname_table_is_read_without_importing_the_package() -> None:
    from importlib.resources import files

    csv_path = tables._nicknames_csv()
    assert csv_path.read_bytes() == files("nicknames").joinpath("names.csv").read_bytes()
    code = ("import sys\nfrom interdict.screening import tables\n"
            "from interdict.screening.tokens import skeleton\n"
            "assert tables.nicknames()[skeleton('bill')] and 'nicknames' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT,
                   env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
