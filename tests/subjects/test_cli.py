"""The daily workflow through the CLI on the small UN fixtures (v1 → v2: KPi.066 removed, KPe.047
added, KPe.001 changed): hits become alerts, a decided hit is not raised again, a changed entry is,
a removed entry's hit closes its case."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from interdict.cli import app
from interdict.services.cases import Actor, CaseStore, Role, views, workflow
from interdict.services.subject_alerts import RESCREEN

runner = CliRunner()
CUSTOMERS = ("id,name,kind\nc1,John Smith,person\nc2,Ri Won Ho,person\n"
             "c3,Korea Mining Development Trading Corporation,organization\nc4,Kim Jong Sik,person\n"
             "c5,Foreign Trade Bank of the Democratic People's Republic of Korea,\n")


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr + result.stdout
    return result.stdout


def _flat(out: str) -> str:
    """The output with rich's line wrapping undone (the width differs between terminals)."""
    return " ".join(out.split())


def _hits(out: str) -> set[tuple[str, str]]:
    return {(h["subject_id"], h["entry_id"]) for h in json.loads(out)["new_hits"]}


def test_daily_workflow(interdict_home: Path, test_data: Path, tmp_path: Path) -> None:
    lists = test_data / "lists"
    customers = tmp_path / "customers.csv"
    customers.write_text(CUSTOMERS, encoding="utf-8")
    _run("lists", "load", str(lists / "un_v1.xml"))
    assert "5 added" in _flat(_run("subjects", "load", str(customers)))
    first = _run("subjects", "rescreen", "--json")
    assert json.loads(first)["list_versions"] == {"un": 1}
    assert _hits(first) == {("c2", "KPi.033"), ("c3", "KPe.001"), ("c4", "KPi.066")}
    store = CaseStore()
    try:
        with store.read() as s:
            queue = views.list_cases(s, views.CaseFilter())
        assert len(queue) == 3
        ri = next(c for c in queue if "RI WON HO" in c["title"])
        with store.write() as s:
            workflow.decide(s, Actor("ana", Role.ANALYST), ri["id"], "false_positive", "another Ri Won Ho")
        out = _flat(_run("lists", "load", str(lists / "un_v2.xml")))
        assert "3 entries changed; the subject base (5 subjects) awaits a re-screen" in out
        second = json.loads(_run("subjects", "rescreen", "--json"))
        assert second["list_versions"] == {"un": 2}
        # The decided Ri Won Ho hit is not raised again; the changed KOMID entry and the new FTB are.
        assert {(h["subject_id"], h["entry_id"]) for h in second["new_hits"]} == {("c3", "KPe.001"),
                                                                                 ("c5", "KPe.047")}
        assert second["closed"] == [{"subject_id": "c4", "list": "un", "entry_id": "KPi.066",
                                     "why": "entry removed"}]
        with store.read() as s:
            cases = {c["title"]: c for c in views.list_cases(s, views.CaseFilter())}
        kim = next(c for t, c in cases.items() if "KIM JONG SIK" in t)
        assert kim["state"] == "closed" and kim["outcome"] == "not_relevant"
        with store.read() as s:
            detail = views.case_detail(s, kim["id"])
        assert any(e["actor"] == RESCREEN.name and "KPi.066 entry removed" in e["text"]
                   for e in detail["events"])
    finally:
        store.close()
    assert json.loads(_run("subjects", "rescreen", "--json"))["new_hits"] == []
    shown = json.loads(_run("subjects", "show", "c4", "--json"))
    assert shown["seen"] == {"un": 2} and shown["hits"][0]["closed_why"] == "entry removed"


def test_lists_load_rescreen(interdict_home: Path, test_data: Path, tmp_path: Path) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text(CUSTOMERS, encoding="utf-8")
    _run("lists", "load", str(test_data / "lists" / "un_v1.xml"))
    _run("subjects", "load", str(customers))
    _run("subjects", "rescreen", "--no-alerts")
    out = _flat(_run("lists", "load", "--rescreen", str(test_data / "lists" / "un_v2.xml")))
    assert "(delta) against un v2" in out and "2 new hits" in out and "1 hits closed" in out
    listed = json.loads(_run("subjects", "list", "--json"))
    assert listed["total"] == 5 and all(s["seen"] == {"un": 2} for s in listed["subjects"])
