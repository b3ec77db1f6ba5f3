"""Fixtures of the payments tests: a small hand-made screening index, the XSDs, a pipeline factory."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from interdict.core.entity import Entity, EntityKind, Identifier, IdentifierType, Name
from interdict.core.store import connect
from interdict.payments.iso20022 import SchemaSet
from interdict.payments.pipeline import PaymentPipeline
from interdict.payments.policy import Policy
from interdict.payments.screen import PaymentScreener
from interdict.screening import AllowList, ScreeningIndex, build_index

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # the synthetic traffic generator lives beside the package
    sys.path.insert(0, str(REPO))

PAYMENTS_DATA = Path(__file__).resolve().parents[1] / "data" / "payments"


def small_entities() -> list[Entity]:
    """Three listed entries: a vessel named like a street, a bank with a BIC, a person."""
    return [
        Entity(
            "test",
            "JUP",
            EntityKind.VESSEL,
            (Name("JUPITER"),),
            programs=("IRAN-TEST",),
            identifiers=(Identifier(IdentifierType.IMO, "IMO 9000002"),),
        ),
        Entity(
            "test",
            "KETB",
            EntityKind.ORGANIZATION,
            (Name("Korea Example Trade Bank"),),
            programs=("DPRK-TEST",),
            identifiers=(Identifier(IdentifierType.BIC, "KETBKPPY"),),
        ),
        Entity(
            "test", "VPE", EntityKind.PERSON, (Name("Viktor Petrovsky Example"),), programs=("RUSSIA-TEST",)
        ),
    ]


@pytest.fixture(scope="session")
def small_index() -> ScreeningIndex:
    """A screening index over the three hand-made entries."""
    return build_index(small_entities())


@pytest.fixture(scope="session")
def schemas(shared_data: Path) -> SchemaSet:
    """The ISO 20022 XSDs of the shared data."""
    return SchemaSet(shared_data / "payments" / "iso20022" / "xsd")


@pytest.fixture(scope="session")
def payments_data() -> Path:
    """Hand-written payment messages (tests/data/payments)."""
    return PAYMENTS_DATA


PipelineFactory = Callable[..., PaymentPipeline]


@pytest.fixture()
def make_pipeline(small_index: ScreeningIndex) -> PipelineFactory:
    """Build a pipeline over an in-memory store (or a given connection) with the small index."""

    def make(
        policy: Policy | None = None,
        conn: object = None,
        allow: AllowList | None = None,
        now: datetime | None = None,
    ) -> PaymentPipeline:
        policy = policy or Policy()
        db = conn if conn is not None else connect(":memory:")
        screener = PaymentScreener(small_index, policy.screening, allow)
        return PaymentPipeline(db, screener, policy, now=now or datetime(2026, 11, 24, 10, 0))  # type: ignore[arg-type]

    return make
