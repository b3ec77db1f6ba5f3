"""Small alert inputs shaped exactly like the engines' outputs (Candidate, payment decision, taint JSON)."""

from __future__ import annotations

from typing import Any

from interdict.core.entity import EntityKind
from interdict.core.match import Candidate, Explanation, Query

QUERY = Query(name="Kim Jong Un", kind=EntityKind.PERSON, dob="1984-01-08", country="KP")


def candidate(
    list_: str = "un",
    list_id: str = "KPi.033",
    subject: str = "subject:kim",
    score: float = 0.97,
    name: str = "KIM JONG UN",
) -> Candidate:
    """A screening hit as the engine returns it."""
    return Candidate(
        list=list_,
        list_id=list_id,
        subject_id=subject,
        name=name,
        matched_name="김정은",
        query_form="kim jong un",
        score=score,
        kind="person",
        programs=("KP",),
        explanation=Explanation.from_dict(
            {"name": {"score": score, "method": "token_set"}, "dob": {"match": "exact"}}
        ),
    )


def entity(list_: str = "un", list_id: str = "KPi.033") -> dict[str, Any]:
    """The listed entry (Entity.to_dict() shape)."""
    return {
        "list": list_,
        "list_id": list_id,
        "kind": "person",
        "names": [
            {"full": "KIM JONG UN", "type": "primary", "quality": "strong", "script": None, "lang": None},
            {"full": "김정은", "type": "alias", "quality": "strong", "script": "Hangul", "lang": "ko"},
        ],
        "birth_dates": ["1984-01-08"],
        "birth_places": ["Pyongyang"],
        "nationalities": ["kp"],
        "addresses": [],
        "identifiers": [
            {"type": "passport", "value": "PD123", "country": "kp", "currency": None, "note": None}
        ],
        "programs": ["KP"],
        "listed_on": "2016-03-02",
        "remarks": None,
        "gender": "male",
        "references": [],
        "extra": [],
    }


def payment_decision(message_id: str = "MSG-0001", text: str = "JUPITER STREET") -> dict[str, Any]:
    """A held payment as `payments screen --out` writes it."""
    return {
        "message_id": message_id,
        "uetr": "8a562c67-ca16-48ba-b074-65581be6f011",
        "type": "MT103",
        "decision": "hold",
        "amount": "81000000.00",
        "currency": "USD",
        "reasons": [
            {"kind": "screening", "field": "59", "text": f"{text} ~ JUPITER (ofac_sdn:1234)", "score": 0.91}
        ],
        "parties": [{"role": "beneficiary", "name": "PHILIPPINE RCBC ACCT 1"}],
    }


def taint_result() -> dict[str, Any]:
    """`trace taint --json` output with one exit reached."""
    return {
        "policy": "haircut",
        "sources": ["1BadTheftAddr"],
        "total_source_value": 1000,
        "addresses": [{"address": "1Exchange", "tainted_value": 600, "hops": 2}],
        "exits": [
            {
                "address": "1Exchange",
                "tainted_value": 600,
                "tags": [{"label": "Example Exchange", "category": "exchange", "source": "tagpack"}],
            }
        ],
        "fees": 10,
        "unexplored_value": 390,
    }
