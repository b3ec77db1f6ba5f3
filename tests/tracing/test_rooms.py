"""The tracing package keeps its seams: DuckDB only in the store, no terminal library, no printing."""

from __future__ import annotations

import ast
from pathlib import Path

import interdict.tracing

ROOT = Path(interdict.tracing.__file__).parent


def _modules() -> list[tuple[str, ast.Module]]:
    return [(str(f.relative_to(ROOT)), ast.parse(f.read_text(encoding="utf-8"))) for f in ROOT.rglob("*.py")]


def _imports(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_duckdb_only_in_the_store_and_no_rich_anywhere() -> None:
    mods = _modules()
    assert len(mods) > 20
    assert [name for name, tree in mods if "duckdb" in _imports(tree)] == ["store.py"]
    assert [name for name, tree in mods if "rich" in _imports(tree)] == []


def test_no_tracing_module_prints() -> None:
    printing = [
        name
        for name, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
    ]
    assert printing == []


def test_sources_engines_and_reports_live_in_their_rooms() -> None:
    names = {name for name, _ in _modules()}
    assert {"sources/recognise.py", "sources/bitcoin.py", "sources/ethereum.py", "sources/transfers.py",
            "sources/tagpacks.py", "sources/ofac.py", "heuristics/utxo.py", "reports/report.py",
            "reports/text.py", "reports/render.py", "policies/taint_utxo.py"} <= names
    assert not names & {"detect.py", "bitcoin.py", "heuristics.py", "report.py", "render.py"}


def test_decimals_come_from_the_shipped_data_file() -> None:
    from interdict.tracing.ledger import DECIMALS, read_decimals

    table = ROOT / "data" / "decimals.tsv"
    assert read_decimals(table) == DECIMALS
    assert DECIMALS["BTC"] == 8 and DECIMALS["ETH"] == 18 and DECIMALS["USDT"] == 6
    pyproject = (ROOT.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"tracing/data/**/*"' in pyproject  # shipped in the wheel, not only in a checkout
