"""The seams of the house (docs/architecture.md): interfaces (cli, api, web) import only
`services`, `core` and themselves (`api/app.py` mounts the web app); no capability imports
`services` or an interface; `duckdb` is imported only by storage modules (`*/store.py`,
`*/store/`, `*/storage/`, `core/`); engines print nothing, so only the CLI imports `rich`. Every
import counts, also those inside functions and under TYPE_CHECKING. Written here with `ast` (a few
lines) so the suite does not depend on any tool outside the repository."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "interdict"
INTERFACES = {"cli", "api", "web"}

# Arrows not yet taken down, each named "file -> imported module" (line numbers move, so they are
# left out). Empty now: a new violation fails the test (and an entry here that no longer occurs
# would fail it too, so that the list can only shrink).
ALLOWED: set[str] = set()


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in one module of the package."""
    rel = path.relative_to(PACKAGE)
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = ["interdict", *rel.parts[:-1]][: len(rel.parts) - node.level + 1]
                out.append((node.lineno, ".".join(base + ([node.module] if node.module else []))))
            else:
                out.append((node.lineno, node.module or ""))
    return out


def _is_storage(rel: Path) -> bool:
    folders = set(rel.parts[:-1])
    return rel.name == "store.py" or bool({"store", "storage"} & folders) or rel.parts[0] == "core"


def _violation(rel: Path, module: str) -> str | None:
    """Why importing `module` from `rel` (a path inside the package) breaks a seam, or None."""
    seg = module.split(".")
    top = rel.parts[0] if len(rel.parts) > 1 else ""
    if seg[0] == "duckdb":
        return None if _is_storage(rel) else "duckdb outside a storage module"
    if seg[0] == "rich":
        return None if top == "cli" else "rich outside the CLI"
    if seg[0] != "interdict" or len(seg) < 2:
        return None
    target = seg[1]
    if top in INTERFACES:
        mounts_web = rel.as_posix() == "api/app.py" and target == "web"
        if target in INTERFACES and target != top and not mounts_web:
            return f"interface {top} imports interface {target}"
        if target not in INTERFACES | {"services", "core"}:
            return f"interface {top} imports capability {target}"
    elif top and top != "services" and target in INTERFACES | {"services"}:
        return f"capability {top} imports {target}"
    return None


def violations() -> dict[str, str]:
    """Every seam violation in the package: "file -> module" with its line and reason."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        for line, module in _imports(path):
            why = _violation(rel, module)
            if why is not None:
                found.setdefault(f"{rel.as_posix()} -> {module}", f"line {line}: {why}")
    return found


@pytest.mark.parametrize(
    ("rel", "module", "bad"),
    [
        ("cli/screen.py", "interdict.screening", True),
        ("cli/screen.py", "interdict.services.screening", False),
        ("web/pages.py", "interdict.api.engines", True),
        ("api/app.py", "interdict.web", False),
        ("api/routes_cases.py", "interdict.web", True),
        ("tracing/graph.py", "interdict.services.tracing", True),
        ("tracing/graph.py", "duckdb", True),
        ("tracing/store.py", "duckdb", False),
        ("lists/store/versions.py", "duckdb", False),
        ("core/store.py", "duckdb", False),
        ("services/screening.py", "interdict.screening", False),
        ("tracing/reports/text.py", "rich.table", True),
        ("services/tracing.py", "rich", True),
        ("cli/trace.py", "rich.table", False),
    ],
)
def test_the_rule_itself(rel: str, module: str, bad: bool) -> None:
    assert (_violation(Path(rel), module) is not None) == bad


def test_no_new_seam_violation() -> None:
    found = violations()
    new = {k: v for k, v in found.items() if k not in ALLOWED}
    assert not new, "seam violations (see docs/architecture.md):\n" + "\n".join(
        f"{k} ({v})" for k, v in sorted(new.items()))


def test_allow_list_only_shrinks() -> None:
    gone = ALLOWED - set(violations())
    assert not gone, f"no longer violated, remove from ALLOWED: {sorted(gone)}"
