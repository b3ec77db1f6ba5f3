"""Accounts and BICs: IBAN and BIC checks with `schwifty` (maintained registry data, not our own)."""

from __future__ import annotations

import re
from functools import lru_cache

from schwifty import BIC, IBAN
from schwifty.exceptions import InvalidCountryCode, SchwiftyException

from interdict.core.payment import Account

_IBAN_SHAPE = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}")
_BIC_SHAPE = re.compile(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?")


@lru_cache(maxsize=65536)
def account(value: str) -> Account:
    """Classify an account string; IBAN-shaped values are checked (country, length, checksum)."""
    v = value.strip().replace(" ", "").upper()
    if v.startswith("//") or re.match(r"[CD]/", v):
        return Account(value=value.strip(), scheme="clearing")
    if _IBAN_SHAPE.fullmatch(v):
        try:
            iban = IBAN(v)
        except InvalidCountryCode:
            return Account(value=v, scheme="other")  # IBAN-shaped, but the country has no IBAN
        except SchwiftyException:
            return Account(value=v, scheme="iban", iban_valid=False, country=v[:2])
        return Account(value=iban.compact, scheme="iban", iban_valid=True, country=iban.country_code)
    return Account(value=value.strip(), scheme="other")


def bic_shape_ok(value: str) -> bool:
    """True if the value has the shape of a BIC (8 or 11 characters, country letters)."""
    return bool(_BIC_SHAPE.fullmatch(value))


@lru_cache(maxsize=65536)
def bic_country(value: str) -> str | None:
    """The country of a BIC (letters 5-6) when the BIC is well formed and the country exists."""
    if not bic_shape_ok(value):
        return None
    try:
        return str(BIC(value, allow_invalid=True).country_code)
    except SchwiftyException:
        return None
