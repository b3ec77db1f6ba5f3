"""The compiled build (`INTERDICT_COMPILE=1 pip install .`, setup.py) gives the plain build's answers.

The wheel is built as a user would build it (pip, the in-tree backend, mypyc in pip's isolated
build environment), unpacked, and the same screening run in two fresh processes: one importing
the compiled modules, one the sources. Every UN name, a misspelling and a reordering of each, and
every listed address are screened; the answers must be equal, byte for byte.

Building takes one to four minutes (mypy's analysis, then gcc on one large C file), so it runs in
CI (`CI=true`, where it must pass) or with `INTERDICT_TEST_COMPILE=1`, and skips elsewhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, in_ci

pytestmark = pytest.mark.shared

# Run in a fresh process by each build: screen the UN list's names, variants of them and its
# addresses against an index of the UN list, and print a digest of every answer.
ANSWERS = r"""
import hashlib, json, random, sys
from pathlib import Path
import interdict.screening.scoring as scoring
from interdict.core.match import Query
from interdict.lists.formats import un
from interdict.screening import build_index, screen

parsed = un.parse(Path(sys.argv[1]))
index = build_index(parsed.entities)
names = sorted({n.full for e in parsed.entities for n in e.names})
rng = random.Random(12)
queries = []
for name in names:
    queries.append(name)
    cut = rng.randrange(len(name))
    queries.append(name[:cut] + name[cut + 1:])
    words = name.split()
    queries.append(" ".join(words[1:] + words[:1]))
queries += sorted({a.full for e in parsed.entities for a in e.addresses if a.full})
digest, hits = hashlib.sha256(), 0
for text in queries:
    found = screen(index, Query(text), threshold=0.5)
    hits += len(found)
    digest.update(json.dumps([[c.to_dict(), c.score] for c in found], sort_keys=True).encode())
# what Spark ships to its workers must survive pickling in either build
import pickle
from interdict.screening.batch_input import row_query
row = row_query(3, {"name": "Kim Jong Un"})
assert pickle.loads(pickle.dumps(row)) == row
assert len(pickle.loads(pickle.dumps(index))) == len(index)
print(json.dumps({"scoring": scoring.__file__, "queries": len(queries), "hits": hits,
                  "digest": digest.hexdigest()}))
"""


def _wanted() -> None:
    if not in_ci() and not os.environ.get("INTERDICT_TEST_COMPILE"):
        pytest.skip("builds the compiled wheel (minutes): runs in CI or with INTERDICT_TEST_COMPILE=1")


@pytest.fixture(scope="module")
def compiled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The compiled wheel, built from this checkout by pip and unpacked."""
    _wanted()
    out = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, "INTERDICT_COMPILE": "1"}
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)]
    done = subprocess.run(pip, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    wheels = list(out.glob("interdict-*.whl"))
    assert len(wheels) == 1, wheels
    site = out / "site"
    with zipfile.ZipFile(wheels[0]) as whl:
        whl.extractall(site)
    return site


def _answers(pythonpath: Path, un_xml: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    done = subprocess.run([sys.executable, "-c", ANSWERS, str(un_xml)], env=env, cwd=pythonpath,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_wheel_holds_the_per_name_modules_compiled(compiled_site: Path) -> None:
    compiled = {p.name.split(".")[0] for p in (compiled_site / "interdict" / "screening").glob("*.so")}
    assert {"tokens", "blocking", "scoring", "normalize", "engine", "sounds", "text"} <= compiled
    # left as Python on purpose (setup.py says why): what crosses to other processes by pickle
    assert not {"index", "records", "batch", "batch_input", "pairs_input"} & compiled
    assert list(compiled_site.glob("interdict_screening__mypyc*.so"))


def test_compiled_and_plain_builds_give_the_same_answers(compiled_site: Path, shared_data: Path) -> None:
    un_xml = shared_data / "lists" / "un" / "consolidated.xml"
    compiled = _answers(compiled_site, un_xml)
    plain = _answers(REPO, un_xml)
    assert str(compiled["scoring"]).endswith(".so") and str(plain["scoring"]).endswith(".py")
    assert int(str(compiled["queries"])) > 3_000 and int(str(compiled["hits"])) > 3_000
    assert {k: compiled[k] for k in ("queries", "hits", "digest")} == \
        {k: plain[k] for k in ("queries", "hits", "digest")}


def test_a_compiled_editable_install_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its extensions would sit beside the sources and run instead of the code being edited."""
    import importlib.util

    path = REPO / "build_support" / "interdict_build.py"
    spec = importlib.util.spec_from_file_location("interdict_build", path)
    assert spec is not None and spec.loader is not None
    backend = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(backend)
    monkeypatch.setenv("INTERDICT_COMPILE", "1")
    # refused at the first hook pip calls, before setup.py runs (it would fail on the missing mypyc)
    with pytest.raises(RuntimeError, match="not an editable checkout"):
        backend.get_requires_for_build_editable()
    with pytest.raises(RuntimeError, match="not an editable checkout"):
        backend.prepare_metadata_for_build_editable("unused")
