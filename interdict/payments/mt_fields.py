"""MT field formats: line-count and line-length rules, and parsing of party, amount and date fields.

Limits follow the SWIFT MT user handbook's field formats (n*35x etc.); fields not in the table are
only checked against the X character set.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from interdict.core.errors import MessageFormatError
from interdict.core.payment import Account, Party, PostalAddress
from interdict.payments.accounts import account, bic_country, bic_shape_ok

# The MT types mapped onto payments (the keys of `mt_map._SPECS`); any other type is held as
# unsupported before its text block is read against the field rules below.
SUPPORTED_TYPES = frozenset(
    ("103", "202", "205", "199", "299", "192", "292", "196", "296", "190", "290", "191", "291", "900", "910")
)


def unsupported_type(mt_type: str) -> str:
    """The hold reason for a message type that is not mapped."""
    known = ", ".join(f"MT{t}" for t in sorted(SUPPORTED_TYPES))
    return f"unsupported message type MT{mt_type}: expected {known}"


# tag (or tag prefix for every option) -> (max lines, max characters per line)
_SHAPE: dict[str, tuple[int, int]] = {
    "20": (1, 16),
    "21": (1, 16),
    "23B": (1, 4),
    "23E": (1, 35),
    "26T": (1, 3),
    "13C": (1, 18),
    "32A": (1, 24),
    "33B": (1, 18),
    "36": (1, 12),
    "71A": (1, 3),
    "71F": (1, 18),
    "71G": (1, 18),
    "70": (4, 35),
    "72": (6, 35),
    "77B": (3, 35),
    "79": (35, 50),
    "77A": (20, 35),
    "76": (6, 35),
    "11S": (2, 10),
    "11R": (2, 10),
    "25": (1, 35),
    "58": (5, 35),
    "59": (5, 35),
    "50": (5, 35),
    "52": (5, 35),
    "53": (5, 35),
    "54": (5, 35),
    "55": (5, 35),
    "56": (5, 35),
    "57": (5, 35),
}
_AMOUNT = re.compile(r"(\d{1,15}),(\d*)")
_BIC_LINE = re.compile(r"[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?")


def check_shape(tag: str, lines: list[str], source: str, line_no: int) -> None:
    """Raise MessageFormatError when a field has too many lines or a line is too long."""
    shape = _SHAPE.get(tag) or _SHAPE.get(tag[:2])
    if shape is None:
        return
    max_lines, max_len = shape
    if len(lines) > max_lines:
        raise MessageFormatError(
            source, f"field :{tag}: line {line_no}", f"expected at most {max_lines} lines, found {len(lines)}"
        )
    for k, line in enumerate(lines):
        # The account line of party fields may hold "/34x" (35 characters with the slash).
        if len(line) > max_len:
            raise MessageFormatError(
                source,
                f"field :{tag}: line {line_no + k}",
                f"expected at most {max_len} characters, found {len(line)}",
            )


def parse_amount(text: str, source: str, tag: str) -> Decimal:
    """An MT amount with a decimal comma ("1000,00", "12,")."""
    m = _AMOUNT.fullmatch(text)
    if not m:
        raise MessageFormatError(source, f"field :{tag}:", f"expected an amount like 1234,56, found {text!r}")
    try:
        return Decimal(f"{m.group(1)}.{m.group(2) or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise MessageFormatError(source, f"field :{tag}:", f"bad amount {text!r}") from exc


def parse_32a(value: str, source: str) -> tuple[date, str, Decimal]:
    """:32A: value date YYMMDD, currency, amount."""
    m = re.fullmatch(r"(\d{6})([A-Z]{3})(.+)", value)
    if not m:
        raise MessageFormatError(
            source, "field :32A:", f"expected YYMMDD + currency + amount, found {value!r}"
        )
    return parse_yymmdd(m.group(1), source, "32A"), m.group(2), parse_amount(m.group(3), source, "32A")


def parse_ccy_amount(value: str, source: str, tag: str) -> tuple[str, Decimal]:
    """:33B:/:71F:/:71G: currency + amount."""
    m = re.fullmatch(r"([A-Z]{3})(.+)", value)
    if not m:
        raise MessageFormatError(source, f"field :{tag}:", f"expected currency + amount, found {value!r}")
    return m.group(1), parse_amount(m.group(2), source, tag)


def parse_yymmdd(text: str, source: str, tag: str) -> date:
    """A six-digit date; years 80-99 are 19xx as in SWIFT usage."""
    try:
        yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:6])
        return date(1900 + yy if yy >= 80 else 2000 + yy, mm, dd)
    except ValueError as exc:
        raise MessageFormatError(source, f"field :{tag}:", f"expected a date YYMMDD, found {text!r}") from exc


def parse_party(
    tag: str, lines: tuple[str, ...], role: str, source: str, institution: bool, label: str = ""
) -> Party:
    """Read a party field in any option: A (BIC), B (location), C (account), D/K/none (name and
    address), F (structured numbered lines)."""
    option = tag[2:]
    rest = list(lines)
    acct = None
    where = label or tag
    if option == "F" and tag.startswith("50") and rest and not rest[0].startswith("/"):
        ident = rest.pop(0)  # "NIDN/DE/121231234342" style party identifier
        return _party_f(rest, role, where, lines, identifiers=(("party_id", ident),))
    if rest and rest[0].startswith("/"):
        first = rest.pop(0)
        acct = account(first if first.startswith("//") else first[1:])
    if option == "F":
        return _party_f(rest, role, where, lines, account_=acct)
    tag = where
    if option == "A":
        bic = rest[0].strip() if rest else ""
        if not bic_shape_ok(bic):
            raise MessageFormatError(
                source, f"field :{tag}:", f"expected a BIC (8 or 11 characters), found {bic!r}"
            )
        return Party(
            role, tag, bic=bic, account=acct, is_institution=True, country=bic_country(bic), raw_lines=lines
        )
    if option in ("B", "C"):
        loc = rest[0] if rest else None
        return Party(
            role,
            tag,
            account=acct,
            is_institution=institution or None,
            address=PostalAddress(lines=(loc,)) if loc else None,
            raw_lines=lines,
        )
    name = rest[0] if rest else None
    addr = tuple(rest[1:])
    country = addr[-1].strip() if addr and re.fullmatch(r"\s*[A-Z]{2}\s*", addr[-1]) else None
    return Party(
        role,
        tag,
        name=name,
        account=acct,
        is_institution=True if institution else None,
        address=PostalAddress(lines=addr, country=country) if addr else None,
        country=country or (acct.country if acct else None),
        raw_lines=lines,
    )


def _party_f(
    rest: list[str],
    role: str,
    tag: str,
    lines: tuple[str, ...],
    account_: Account | None = None,
    identifiers: tuple[tuple[str, str], ...] = (),
) -> Party:
    """Option F: numbered lines 1/ name, 2/ address, 3/ country/town, 4/ birth date, 5/ birth place,
    6/ customer id, 7/ national id, 8/ additional information."""
    by: dict[str, list[str]] = {}
    for line in rest:
        m = re.match(r"([1-8])/(.*)", line)
        if m:
            by.setdefault(m.group(1), []).append(m.group(2))
    name = " ".join(by.get("1", [])) or None
    town_lines = by.get("3", [])
    country = (
        town_lines[0].split("/")[0] if town_lines and re.match(r"[A-Z]{2}(/|$)", town_lines[0]) else None
    )
    towns = tuple(t.split("/", 1)[1] if "/" in t else t for t in town_lines)
    ids = (
        identifiers
        + tuple(("customer_id", v) for v in by.get("6", ()))
        + tuple(("national_id", v) for v in by.get("7", ()))
    )
    birth = by["4"][0] if by.get("4") else None
    acct = account_
    return Party(
        role,
        tag,
        name=name,
        account=acct,
        address=PostalAddress(lines=tuple(by.get("2", [])) + towns, country=country),
        country=country or (acct.country if acct else None),
        birth_date=birth,
        birth_place=by["5"][0] if by.get("5") else None,
        is_institution=False if birth else None,
        identifiers=ids,
        raw_lines=lines,
    )


def is_bic_line(text: str) -> bool:
    """True if a line is a BIC on its own."""
    return bool(_BIC_LINE.fullmatch(text.strip()))
