"""The readable screening explanation: each method's short form, the generic fallback, and escaping."""

from __future__ import annotations

import copy
import json
from typing import Any

from interdict.web.auth import TEMPLATES
from interdict.web.explain import explanation_view

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
# The shape the engine writes for "Saddam Hussein Al-Tikriti" against the UN list (docs/screening.md).
NAME: dict[str, Any] = {
    "method": "name",
    "query_form": "saddam husayn al tikriti",
    "query_rule": "as written",
    "matched_name": "SADDAM HUSSEIN AL-TIKRITI",
    "name_form": "saddam husayn al tikriti",
    "name_type": "primary",
    "name_quality": "strong",
    "script": "latin",
    "tokens": [
        {"query": "saddam", "name": "saddam", "similarity": 1.0, "rule": "exact", "weight": 0.769},
        {"query": "husayn", "name": "husayn", "similarity": 1.0, "rule": "exact", "weight": 0.584},
        {"query": "tikriti", "name": "tikriti", "similarity": 0.9, "rule": "typo:1", "weight": 0.55},
    ],
    "unmatched_query": [],
    "unmatched_name": [{"token": "al", "weight": 0.175}],
    "coverage": {"query": 1.0, "name": 0.92},
    "evidence": 1.0,
    "name_similarity": 0.91,
    "spelling_variants": [{"side": "query", "written": "hussein", "read_as": "husayn"}],
    "adjustments": [
        {"feature": "dob", "delta": -0.15, "why": "date of birth 1988 conflicts with listed 1937"}
    ],
    "score": 0.76,
    "records_scored": 9,
}


def _render(explanation: Any, query_name: str | None = None) -> str:
    template = TEMPLATES.env.from_string('{% from "_why.html" import why %}{{ why(x, q) }}')
    return template.render(x=explanation, q=query_name)


def test_name_explanation_reads_as_sentence_table_and_adjustments() -> None:
    html = _render(NAME, "Saddam Hussein Al-Tikriti")
    assert (
        "&#39;Saddam Hussein Al-Tikriti&#39; read as written matched the primary name "
        "&#39;SADDAM HUSSEIN AL-TIKRITI&#39; (strong) — score 0.76"
    ) in html
    assert html.count('<tr><td class="tok">') == 3
    assert (
        '<td class="tok">tikriti</td><td class="arrow" aria-hidden="true">→</td><td class="tok">tikriti</td>'
        '<td class="rule">typo:1</td><td class="num">0.90</td><td class="num">0.55</td>' in html
    )
    assert '<span class="tok">hussein</span> → <span class="tok">husayn</span>' in html
    assert "-0.15</b> dob: date of birth 1988 conflicts with listed 1937" in html
    assert "Unmatched in list name" in html and "Unmatched in query" not in html
    assert '<details class="raw">' in html and "&#34;records_scored&#34;: 9" in html


def test_identifier_and_text_have_their_own_short_form() -> None:
    ident = {
        "method": "identifier",
        "identifier_type": "bic",
        "key": "bic:KDBKKPPY",
        "listed_value": "KDBKKPPY",
        "score": 1.0,
        "why": "bic 'KDBKKPPY' equals listed 'KDBKKPPY'",
    }
    view = explanation_view(ident)
    assert (
        view is not None
        and view.sentence == "BIC identifier matched the listed value 'KDBKKPPY' — score 1.00"
    )
    text = dict(NAME, method="text", window="saddam hussein tikriti", window_start=4, window_size=3)
    tview = explanation_view(text)
    assert tview is not None and tview.sentence.startswith("The words 'saddam hussein tikriti' (words 5–7 of")
    assert len(tview.pairs) == 3


def test_unknown_method_or_shape_falls_back_to_generic_dump() -> None:
    broken = copy.deepcopy(NAME)
    broken["tokens"][0]["weight"] = "heavy"
    for expl in ({"method": "phonetic", "codes": ["S350"]}, broken, {"reasons": ["listed"]}, ["x"]):
        assert explanation_view(expl) is None
        html = _render(expl)
        assert 'table class="tokens"' not in html and ('<dl class="explain">' in html or "<ul" in html)


def test_hostile_names_render_inert() -> None:
    expl = copy.deepcopy(NAME)
    expl["matched_name"] = HOSTILE
    expl["tokens"][0]["name"] = HOSTILE
    expl["adjustments"][0]["why"] = HOSTILE
    html = _render(expl, HOSTILE)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    raw = json.dumps(expl, indent=2, ensure_ascii=False)
    assert raw.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")[:40] in html
