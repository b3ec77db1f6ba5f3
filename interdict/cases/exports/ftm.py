"""A case's entities as FollowTheMoney JSON: listed entries (via the list exporter), payments, wallets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from followthemoney import model

from interdict.cases.exports.common import crypto_addresses, listed_entities, payments
from interdict.lists.formats.ftm import export_ftm


def case_ftm(case: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """FtM entity dicts for everything the case is about (one JSON object per line when written)."""
    yield from export_ftm(listed_entities(case))
    for pay in payments(case):
        yield from _payment(case["id"], pay)
    for wallet in crypto_addresses(case):
        if wallet["role"] == "listed":
            continue  # already exported with its listed holder
        proxy = model.make_entity("CryptoWallet")
        proxy.id = f"interdict-wallet-{wallet['address']}"
        proxy.add("publicKey", wallet["address"])
        proxy.add("summary", f"{wallet['role']}: {wallet['label']}")
        proxy.add("currencySymbol", wallet["currency"] or None, quiet=True)
        yield proxy.to_dict()


def _payment(case_id: int, pay: dict[str, Any]) -> Iterator[dict[str, Any]]:
    ref = str(pay.get("message_id") or pay.get("uetr"))
    parties: dict[str, str] = {}
    for n, party in enumerate(pay.get("parties") or []):
        if not party.get("name"):
            continue
        proxy = model.make_entity("LegalEntity")
        proxy.id = f"interdict-payment-{ref}-party-{n}"
        proxy.add("name", party["name"])
        proxy.add("country", party.get("country"), quiet=True)
        parties[str(party.get("role", n))] = str(proxy.id)
        yield proxy.to_dict()
    payment = model.make_entity("Payment")
    payment.id = f"interdict-payment-{ref}"
    payment.add("amount", pay.get("amount"), quiet=True)
    payment.add("currency", pay.get("currency"), quiet=True)
    payment.add("purpose", f"{pay.get('type', 'payment')} held, case {case_id}")
    payment.add("transactionNumber", pay.get("uetr") or ref, quiet=True)
    for role, entity_id in parties.items():
        if any(k in role for k in ("ordering", "debtor", "payer")):
            payment.add("payer", entity_id)
        elif any(k in role for k in ("benef", "creditor", "payee")):
            payment.add("beneficiary", entity_id)
    yield payment.to_dict()
