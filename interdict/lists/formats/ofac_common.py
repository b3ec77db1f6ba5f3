"""What the three OFAC formats share: their labels for identifiers and facts, and the packed Remarks text.

OFAC writes the same labels ("Passport", "SWIFT/BIC", "Digital Currency Address - XBT",
"Vessel Registration Identification", ...) as code-table values in the advanced XML, as `idType` in the
classic XML and as `Label value;` items in the legacy CSV Remarks. One table maps them all.
"""

from __future__ import annotations

import functools
import re

from interdict.core.entity import Identifier, IdentifierType
from interdict.lists.normalize import clean, country_code_cached

LIST_SDN = "ofac_sdn"
LIST_CONS = "ofac_cons"
CRYPTO_PREFIX = "Digital Currency Address - "
# A UN Security Council permanent reference number: regime, i(ndividual) or e(ntity), number
# ("KPi.033"); OFAC remarks cite it as "UN Ref KPi.033" or bare.
_UN_REFERENCE = re.compile(r"(?<![\w.])([A-Z]{2}[ie]\.\d{3})(?!\w|\.\w)")


def un_references(*texts: str | None) -> tuple[str, ...]:
    """"un:<ref>" for each UN reference number cited in `texts`, so the subject linker joins the UN entry."""
    return tuple(dict.fromkeys(f"un:{m}" for text in texts if text for m in _UN_REFERENCE.findall(text)))

# Ordered: the first pattern that matches a label decides its type.
_RULES: tuple[tuple[re.Pattern[str], IdentifierType], ...] = tuple(
    (re.compile(p, re.I), t)
    for p, t in (
        (r"^Digital Currency Address - ", IdentifierType.CRYPTO),
        (r"^SWIFT/BIC$", IdentifierType.BIC),
        (r"^Vessel Registration Identification$", IdentifierType.IMO),
        (r"^MMSI$", IdentifierType.MMSI),
        (r"Call Sign$", IdentifierType.CALL_SIGN),
        (
            r"^Aircraft (Serial Identification|Manufacturer's Serial|Construction Number|Tail Number)"
            r"|^Previous Aircraft Tail Number$|^Aircraft Mode S",
            IdentifierType.AIRCRAFT,
        ),
        (r"^(Email Address|EMAIL)$", IdentifierType.EMAIL),
        (r"^Website$", IdentifierType.WEBSITE),
        (r"^(Phone Number|PHONE|Telephone)$", IdentifierType.PHONE),
        (r"^Legal Entity Number$", IdentifierType.LEI),
        (r"Passport", IdentifierType.PASSPORT),
        (r"^Global Intermediary", IdentifierType.REGISTRATION),
        (r"Driver|Electoral|Military|Identification (Number|Document)", IdentifierType.NATIONAL_ID),
        (
            r"^(SSN|Tax ID No\.|R\.?F\.?C\.?|NIT #|RUC #|C\.U\.I\.T\.|C\.I\.F\.|V\.A\.T\. Number"
            r"|N\.I\.F\.|RTN|C\.U\.I\.|RIF #)$"
            r"|Fiscal Code|Tax|US FEIN|NUIT|paraguayan tax",
            IdentifierType.TAX_ID,
        ),
        (
            r"Registration|Registry|\bRegister\b|Company Number|Incorporation|Charity|Chamber|Gazette"
            r"|Commercial Code|Credit Code|USCC|License|Licence|Mercantil|C\.R\. No\.|Enterprise Number"
            r"|Business Number|Organization Code|Branch Unit|D-U-N-S|LE Number|BIK \(RU\)|OGRN"
            r"|Permit|Trademark|^File Number$|C\.R\.$",
            IdentifierType.REGISTRATION,
        ),
        (
            r"\bID\b|Identi|Cedula|D\.N\.I\.|C\.U\.R\.P\.|CNP|N\.I\.E\.|C\.I\.N\.|C\.U\.I\.P\.|Credencial|Tazkira"
            r"|Citizen's Card|Birth Certificate|Residen|Immigration|Electoral|Seafarer|Travel Document"
            r"|Cartilla|Military|Refugee|Stateless|VisaNumber|Numero de Identidad|Tarjeta de Identidad"
            r"|I\.F\.E\.|Serial No\.",
            IdentifierType.NATIONAL_ID,
        ),
    )
)

# Labels OFAC uses inside Remarks, longest first so that "Passport" does not cut "Diplomatic Passport".
REMARK_ID_LABELS: tuple[str, ...] = tuple(
    sorted(
        (
            "Passport",
            "Diplomatic Passport",
            "British National Overseas Passport",
            "Stateless Person Passport",
            "National ID No.",
            "Cedula No.",
            "SSN",
            "R.F.C.",
            "RFC",
            "D.N.I.",
            "NIT #",
            "US FEIN",
            "Driver's License No.",
            "RUC #",
            "N.I.E.",
            "C.I.F.",
            "Business Registration Document #",
            "RIF #",
            "Registration ID",
            "LE Number",
            "Bosnian Personal ID No.",
            "Registered Charity No.",
            "V.A.T. Number",
            "Credencial electoral",
            "Kenyan ID No.",
            "Italian Fiscal Code",
            "Serial No.",
            "C.I.N.",
            "C.U.I.T.",
            "Tax ID No.",
            "Moroccan Personal ID No.",
            "Public Security and Immigration No.",
            "C.U.R.P.",
            "C.R. No.",
            "UK Company Number",
            "Immigration No.",
            "Travel Document Number",
            "Electoral Registry No.",
            "Identification Number",
            "National Foreign ID Number",
            "Dubai Chamber of Commerce Membership No.",
            "Trade License No.",
            "Commercial Registry Number",
            "Certificate of Incorporation Number",
            "Tourism License No.",
            "Aircraft Serial Identification",
            "C.U.I.P.",
            "Vessel Registration Identification",
            "Personal ID Card",
            "Federal ID Card",
            "Residency Number",
            "Fiscal Code",
            "Pilot License Number",
            "Folio Mercantil No.",
            "Turkish Identification Number",
            "Refugee ID Card",
            "MMSI",
            "Company Number",
            "Public Registration Number",
            "N.I.F.",
            "RTN",
            "Numero de Identidad",
            "Tarjeta de Identidad",
            "Tazkira National ID Card",
            "Chinese Commercial Code",
            "Registration Number",
            "Business Registration Number",
            "Unified Social Credit Code (USCC)",
            "Legal Entity Number",
            "Birth Certificate Number",
            "Matricula Mercantil No",
            "Citizen's Card Number",
            "Government Gazette Number",
            "Enterprise Number",
            "Organization Code",
            "SWIFT/BIC",
            "Website",
            "Email Address",
            "Phone Number",
            "D-U-N-S Number",
            "BIK (RU)",
            "Telephone",
            "Aircraft Manufacturer's Serial Number (MSN)",
            "Aircraft Tail Number",
            "Previous Aircraft Tail Number",
            "Aircraft Construction Number (also called L/N or S/N or F/N)",
            "Aircraft Mode S Transponder Code",
            "Vessel Call Sign",
            "Other Vessel Call Sign",
        ),
        key=len,
        reverse=True,
    )
)

_ISSUED = re.compile(r"\s+(?:issued|expires|expiring|valid)\b.*$", re.I)
_PARENS = re.compile(r"\s*\(([^()]*)\)\s*")


@functools.lru_cache(maxsize=1024)
def identifier_type(label: str) -> IdentifierType | None:
    """The identifier type OFAC's label stands for, None when the label is a fact, not an identifier."""
    value = " ".join(label.split())
    for pattern, kind in _RULES:
        if pattern.search(value):
            return kind
    return None


def crypto_currency(label: str) -> str | None:
    """ "XBT" for "Digital Currency Address - XBT"; None for other labels."""
    if label.startswith(CRYPTO_PREFIX):
        return label[len(CRYPTO_PREFIX) :].strip() or None
    return None


def make_identifier(
    label: str, value: str, country: str | None = None, *, default: IdentifierType | None = None
) -> Identifier | None:
    """An Identifier for an OFAC label/value pair, or None when the label is not an identifier kind."""
    kind = identifier_type(label) or default
    number = clean(value)
    if kind is None or number is None:
        return None
    if kind is IdentifierType.IMO:
        # "Vessel Registration Identification" is usually "IMO 1234567" but sometimes a national
        # register number ("RS 150443"), which must not pass for an IMO number.
        imo = re.sub(r"^IMO\s*", "", number, flags=re.I)
        kind, number = (
            (IdentifierType.IMO, imo)
            if re.fullmatch(r"\d{7}", imo)
            else (IdentifierType.REGISTRATION, number)
        )
    return Identifier(
        type=kind,
        value=number,
        country=country_code_cached(country) if country else None,
        currency=crypto_currency(label),
        note=" ".join(label.split()),
    )


def split_identifier_value(text: str) -> tuple[str, str | None, str | None]:
    """Split a Remarks identifier value `563410081 (Korea, North) expires 2020` → (number, country, rest)."""
    rest = None
    value = text.strip().rstrip(".")
    if m := _ISSUED.search(value):
        rest = m.group(0).strip()
        value = value[: m.start()]
    country = None
    if m := _PARENS.search(value):
        country = m.group(1).strip() or None
        value = (value[: m.start()] + " " + value[m.end() :]).strip()
    return value, country, rest
