"""Identifiers: per-type normalisation to exact-match keys, and recognising identifiers in queries.

Keys are `type:value` strings. Crypto addresses keep each chain's case rules: bech32 (bc1…, ltc1…)
and 0x-hex (Ethereum and EVM chains) are case-insensitive and folded to lower case; base58
(Bitcoin legacy, Tron, Solana, ...) is case-sensitive and kept as written. BICs match on their
first 8 characters (institution + country + location), so a branch BIC finds its listed head office.
"""

from __future__ import annotations

import re

from interdict.core.entity import Identifier, IdentifierType

_BECH32 = re.compile(r"^(bc1|tb1|ltc1|bcrt1)[02-9ac-hj-np-z]{8,87}$", re.IGNORECASE)
_HEX = re.compile(r"^0x[0-9a-f]{40}$", re.IGNORECASE)
_BASE58 = re.compile(r"^[1-9A-HJ-NP-Za-km-z]{25,64}$")
_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")
# As typed: "IMO 9163180", "IMO9163180", "IMO No. 9163180", "IMO number: 9163180", "IMO# 9163180".
_IMO = re.compile(r"^(?:IMO)?[\s:#.-]*(?:(?:No|Nr|Number)\b[\s:#.-]*)?(\d{7})$", re.IGNORECASE)
_DOC = re.compile(r"^(?=.*\d)[A-Z0-9]{5,24}$")
_SEPARATORS = re.compile(r"[\s./-]+")
_DOCUMENT_TYPES = {IdentifierType.PASSPORT, IdentifierType.NATIONAL_ID, IdentifierType.TAX_ID,
                   IdentifierType.REGISTRATION, IdentifierType.OTHER, IdentifierType.AIRCRAFT,
                   IdentifierType.MMSI, IdentifierType.CALL_SIGN, IdentifierType.LEI}


def crypto_key(value: str) -> str:
    """The exact-match form of a digital-currency address under its chain's case rule."""
    value = value.strip()
    if _BECH32.match(value) or _HEX.match(value):
        return "crypto:" + value.lower()
    return "crypto:" + value


def imo_valid(digits: str) -> bool:
    """IMO check digit: weighted sum of the first six digits (7..2), last digit = sum mod 10."""
    total = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True))
    return total % 10 == int(digits[6])


def identifier_key(ident: Identifier) -> str | None:
    """The exact-match key of a listed identifier, or None when it cannot be matched exactly."""
    value = ident.value.strip()
    if not value:
        return None
    if ident.type == IdentifierType.CRYPTO:
        return crypto_key(value)
    compact = _SEPARATORS.sub("", value).upper()
    if ident.type == IdentifierType.IMO:
        m = _IMO.match(compact)
        return f"imo:{m.group(1)}" if m else None
    if ident.type == IdentifierType.BIC:
        return f"bic:{compact[:8]}" if len(compact) >= 8 else None
    if ident.type in (IdentifierType.EMAIL, IdentifierType.WEBSITE, IdentifierType.PHONE):
        return f"{ident.type.value}:{value.lower()}"
    if ident.type in _DOCUMENT_TYPES:
        return f"doc:{compact}" if compact.isalnum() else None
    return None


def recognise(text: str, type: IdentifierType | None = None) -> list[tuple[str, IdentifierType]]:
    """Exact-match keys a pasted value could stand for (an IMO, BIC, crypto address, document)."""
    value = text.strip()
    if not value or len(value) > 100:
        return []
    if type is not None:
        key = identifier_key(Identifier(type, value))
        return [(key, type)] if key else []
    keys: list[tuple[str, IdentifierType]] = []
    compact = _SEPARATORS.sub("", value).upper()
    prefixed = value[:3].upper() == "IMO"
    if (m := _IMO.match(value)) and (prefixed or imo_valid(m.group(1))):
        keys.append((f"imo:{m.group(1)}", IdentifierType.IMO))
    if " " not in value and (_BECH32.match(value) or _HEX.match(value) or _BASE58.match(value)):
        keys.append((crypto_key(value), IdentifierType.CRYPTO))
    if _BIC.match(compact) and len(value.split()) <= 4:
        keys.append((f"bic:{compact[:8]}", IdentifierType.BIC))
    if _DOC.match(compact) and not keys:
        keys.append((f"doc:{compact}", IdentifierType.PASSPORT))
    if "@" in value and " " not in value:
        keys.append((f"email:{value.lower()}", IdentifierType.EMAIL))
    return keys
