"""Map one ISO 20022 transaction (pacs.008/009/004, pain.001) onto the Payment model.

Elements are addressed by local name so every version of a message maps with the same code;
the element names are the same across versions for everything read here.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from interdict.core.errors import MessageFormatError
from interdict.core.payment import Account, FreeText, Party, Payment, PostalAddress
from interdict.payments.accounts import account, bic_country

_ROLES = {
    "Dbtr": "debtor",
    "Cdtr": "creditor",
    "UltmtDbtr": "ultimate_debtor",
    "UltmtCdtr": "ultimate_creditor",
    "InitgPty": "initiating_party",
    "DbtrAgt": "debtor_agent",
    "CdtrAgt": "creditor_agent",
    "IntrmyAgt1": "intermediary",
    "IntrmyAgt2": "intermediary",
    "IntrmyAgt3": "intermediary",
    "PrvsInstgAgt1": "previous_instructing_agent",
    "PrvsInstgAgt2": "previous_instructing_agent",
    "PrvsInstgAgt3": "previous_instructing_agent",
    "InstgAgt": "instructing_agent",
    "InstdAgt": "instructed_agent",
    "InstgRmbrsmntAgt": "sender_correspondent",
    "InstdRmbrsmntAgt": "receiver_correspondent",
    "ThrdRmbrsmntAgt": "reimbursement_institution",
}
_CONTEXT = {"UndrlygCstmrCdtTrf": "underlying_", "OrgnlTxRef": "original_", "RtrChain": "original_"}
_SKIP = {"RmtInf", "PmtId", "RgltryRptg", "Tax", "RltdRmtInf", "SplmtryData", "ChrgsInf"}
_TEXTS = {"Ustrd", "InstrInf", "AddtlInf", "AddtlRmtInf", "Inf", "AddtlTxInf"}
_CHARGES = {"DEBT": "OUR", "CRED": "BEN", "SHAR": "SHA", "SLEV": "SLEV"}
_LIMITS = {"Nm": 140, "AdrLine": 70, "Ustrd": 140, "InstrInf": 140, "StrtNm": 70, "TwnNm": 35}
_TX = {"pacs.008": "CdtTrfTxInf", "pacs.009": "CdtTrfTxInf", "pacs.004": "TxInf"}


def local(el: etree._Element) -> str:
    """The local name of an element (no namespace)."""
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def local_path(el: etree._Element) -> str:
    """An XPath of local names ("/Envelope/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/Cdtr/Nm")."""
    parts = []
    node: etree._Element | None = el
    while node is not None:
        parts.append(local(node))
        node = node.getparent()
    return "/" + "/".join(reversed(parts))


# Children by local name, per element, for the message being mapped. lxml's `find("{*}A/{*}B")`
# costs ~5 us a call and mapping one transaction makes ~60 of them (the largest part of reading a
# pacs.008); each element's children are listed once here instead. Thread-local, and reset for
# every transaction, so it holds at most one message's elements.
_STATE = threading.local()


def _reset() -> None:
    _STATE.children = {}


def _children(el: etree._Element) -> dict[str, list[etree._Element]]:
    try:
        cache: dict[etree._Element, dict[str, list[etree._Element]]] = _STATE.children
    except AttributeError:
        cache = _STATE.children = {}
    found = cache.get(el)
    if found is None:
        found = cache[el] = {}
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                found.setdefault(tag.rpartition("}")[2], []).append(child)
    return found


@functools.cache
def _steps(path: str) -> tuple[str, ...]:
    return tuple(path.split("/"))


def _kids(el: etree._Element | None, path: str) -> list[etree._Element]:
    """Every element at a path of local names below `el` (any namespace), in document order."""
    level = [] if el is None else [el]
    for step in _steps(path):
        level = [c for e in level for c in _children(e).get(step, ())]
    return level


def _find(el: etree._Element | None, path: str) -> etree._Element | None:
    for step in _steps(path):
        if el is None:
            return None
        found = _children(el).get(step)
        el = found[0] if found else None
    return el


def _text(el: etree._Element | None, path: str) -> str | None:
    found = _find(el, path)
    return found.text.strip() if found is not None and found.text and found.text.strip() else None


def transactions(body: etree._Element, family: str) -> Iterator[tuple[etree._Element, list[etree._Element]]]:
    """Each transaction with the elements whose parties it inherits (group header, payment info)."""
    _reset()
    grp = _kids(body, "GrpHdr")
    if family == "pain.001":
        for pmt in _kids(body, "PmtInf"):
            for tx in _kids(pmt, "CdtTrfTxInf"):
                yield tx, [*grp, pmt]
        return
    for tx in _kids(body, _TX[family]):
        yield tx, grp


def to_payment(
    msgdef: str,
    hdr: etree._Element | None,
    body: etree._Element,
    tx: etree._Element,
    context: list[etree._Element],
    source: str,
) -> Payment:
    """The Payment of one transaction; raises MessageFormatError with an XPath for a bad value."""
    _reset()
    grp = _find(body, "GrpHdr")
    pmt = context[-1] if context and local(context[-1]) == "PmtInf" else None
    parties = _header_parties(hdr)
    for ctx in context:
        parties += list(_parties(ctx, "", f"{local(ctx)}", skip={"CdtTrfTxInf"}))
    parties += list(_parties(tx, "", local(tx), skip=set()))
    amount_el = _first(tx, ("IntrBkSttlmAmt", "RtrdIntrBkSttlmAmt", "Amt/InstdAmt", "Amt/EqvtAmt/Amt"))
    if amount_el is None:
        raise MessageFormatError(
            source,
            local_path(tx),
            "expected a settlement or instructed amount (IntrBkSttlmAmt, RtrdIntrBkSttlmAmt or Amt/InstdAmt)",
        )
    instd = _first(tx, ("InstdAmt", "RtrdInstdAmt"))
    pid = _find(tx, "PmtId")
    return Payment(
        message_id=_identity(msgdef, hdr, grp, pmt, tx),
        format="iso20022",
        type=_kind(msgdef, hdr, tx),
        source=source,
        uetr=_text(pid, "UETR") or _text(tx, "OrgnlUETR"),
        reference=_text(pid, "InstrId") or _text(tx, "RtrId") or _text(grp, "MsgId"),
        end_to_end_id=_text(pid, "EndToEndId") or _text(tx, "OrgnlEndToEndId"),
        related_reference=_text(tx, "OrgnlInstrId"),
        sender_bic=_text(hdr, "Fr/FIId/FinInstnId/BICFI") or _agent_bic(tx, grp, "InstgAgt"),
        receiver_bic=_text(hdr, "To/FIId/FinInstnId/BICFI") or _agent_bic(tx, grp, "InstdAgt"),
        amount=_amount(amount_el, source),
        currency=amount_el.get("Ccy"),
        value_date=_date(_value_date(tx, grp, pmt), source),
        instructed_amount=_amount(instd, source),
        instructed_currency=instd.get("Ccy") if instd is not None else None,
        exchange_rate=_amount(_find(tx, "XchgRate"), source),
        charges=_CHARGES.get(_text(tx, "ChrgBr") or _text(pmt, "ChrgBr") or ""),
        created_at=_datetime(_text(grp, "CreDtTm") or _text(hdr, "CreDt")),
        validation_flag=_text(hdr, "BizSvc"),
        parties=tuple(parties),
        texts=tuple(_texts(tx, local(tx))),
        codes=_codes(tx),
    )


def _kind(msgdef: str, hdr: etree._Element | None, tx: etree._Element) -> str:
    """ "pacs.009.001.11 COV" for a cover, "... ADV" for an advice (BizSvc *.adv.*)."""
    kind = msgdef + (" COV" if _find(tx, "UndrlygCstmrCdtTrf") is not None else "")
    svc = _text(hdr, "BizSvc")
    return kind + " ADV" if svc and ".adv" in svc else kind


def _codes(tx: etree._Element) -> tuple[tuple[str, str], ...]:
    codes = [("RtrRsn", c) for r in _kids(tx, "RtrRsnInf") if (c := _text(r, "Rsn/Cd"))]
    paths = ("Purp/Cd", "PmtTpInf/SvcLvl/Cd", "PmtTpInf/CtgyPurp/Cd")
    return tuple(codes + [(p, c) for p in paths if (c := _text(tx, p))])


def _value_date(tx: etree._Element, grp: etree._Element | None, pmt: etree._Element | None) -> str | None:
    return (
        _text(tx, "IntrBkSttlmDt")
        or _text(grp, "IntrBkSttlmDt")
        or _text(pmt, "ReqdExctnDt")
        or _text(pmt, "ReqdExctnDt/Dt")
    )


def _first(tx: etree._Element, paths: tuple[str, ...]) -> etree._Element | None:
    return next((el for p in paths if (el := _find(tx, p)) is not None), None)


def _agent_bic(tx: etree._Element, grp: etree._Element | None, name: str) -> str | None:
    for base in (tx, grp):
        bic = _text(base, f"{name}/FinInstnId/BICFI") or _text(base, f"{name}/FinInstnId/BIC")
        if bic:
            return bic
    return None


def _header_parties(hdr: etree._Element | None) -> list[Party]:
    out = []
    for tag, role in (("Fr", "sender"), ("To", "receiver")):
        fi = _find(hdr, f"{tag}/FIId/FinInstnId")
        if fi is not None:
            out.append(_agent(fi, role, f"AppHdr/{tag}"))
    return out


def _parties(el: etree._Element, prefix: str, path: str, skip: set[str]) -> Iterator[Party]:
    for child in el:
        if not isinstance(child.tag, str):
            continue
        name = local(child)
        here = f"{path}/{name}"
        if name in _ROLES:
            yield _party(el, child, prefix + _ROLES[name], here)
        elif name in _CONTEXT:
            yield from _parties(child, _CONTEXT[name], here, skip)
        elif name not in skip and name not in _SKIP and len(child):
            yield from _parties(child, prefix, here, skip)


def _party(parent: etree._Element, el: etree._Element, role: str, path: str) -> Party:
    inner = next((x for x in (_find(el, "Pty"), _find(el, "Agt")) if x is not None), el)
    acct_el = _find(parent, f"{local(el)}Acct/Id")
    acct = None
    if acct_el is not None:
        value = _text(acct_el, "IBAN") or _text(acct_el, "Othr/Id")
        acct = account(value) if value else None
    fi = _find(inner, "FinInstnId")
    if fi is not None:
        return _agent(fi, role, path, acct)
    org, prv = _find(inner, "Id/OrgId"), _find(inner, "Id/PrvtId")
    addr = _address(_find(inner, "PstlAdr"))
    ids = [("BIC", v) for p in ("AnyBIC", "BICOrBEI") if (v := _text(org, p))]
    ids += [("LEI", v) for v in [_text(org, "LEI")] if v]
    ids += [("other", v) for o in _kids(org, "Othr") + _kids(prv, "Othr") if (v := _text(o, "Id"))]
    birth = _find(prv, "DtAndPlcOfBirth")
    country = (
        _text(inner, "CtryOfRes") or (addr.country if addr else None) or (acct.country if acct else None)
    )
    return Party(
        role,
        path,
        name=_text(inner, "Nm"),
        address=addr,
        account=acct,
        bic=next((v for k, v in ids if k == "BIC"), None),
        is_institution=True if org is not None else (False if prv is not None else None),
        country=country,
        birth_date=_text(birth, "BirthDt"),
        birth_place=", ".join(x for x in (_text(birth, "CityOfBirth"), _text(birth, "CtryOfBirth")) if x)
        or None,
        identifiers=tuple(ids),
    )


def _agent(fi: etree._Element, role: str, path: str, acct: Account | None = None) -> Party:
    bic = _text(fi, "BICFI") or _text(fi, "BIC")
    addr = _address(_find(fi, "PstlAdr"))
    ids = [("LEI", v) for v in [_text(fi, "LEI")] if v]
    ids += [("clearing", v) for v in [_text(fi, "ClrSysMmbId/MmbId")] if v]
    return Party(
        role,
        path,
        name=_text(fi, "Nm"),
        address=addr,
        bic=bic,
        is_institution=True,
        account=acct,
        country=(bic_country(bic) if bic else None) or (addr.country if addr else None),
        identifiers=tuple(ids),
    )


def _address(el: etree._Element | None) -> PostalAddress | None:
    if el is None:
        return None
    return PostalAddress(
        lines=tuple(a.text.strip() for a in _kids(el, "AdrLine") if a.text and a.text.strip()),
        street=_text(el, "StrtNm"),
        building=_text(el, "BldgNb"),
        postcode=_text(el, "PstCd"),
        town=_text(el, "TwnNm"),
        subdivision=_text(el, "CtrySubDvsn"),
        country=_text(el, "Ctry"),
    )


def _texts(tx: etree._Element, path: str) -> Iterator[FreeText]:
    for el in tx.iter():
        if isinstance(el.tag, str) and local(el) in _TEXTS and el.text and el.text.strip():
            parent = el.getparent()
            where = f"{local(parent)}/{local(el)}" if parent is not None else local(el)
            yield FreeText(where, el.text.strip())
    for strd in tx.iter("{*}Strd"):
        text = " ".join(t.strip() for t in strd.itertext() if t.strip())
        if text:
            yield FreeText("RmtInf/Strd", text)


def length_errors(tx: etree._Element, source: str) -> list[MessageFormatError]:
    """Oversized text fields (checked here too because not every scheme variant has an XSD)."""
    out = []
    for el in tx.iter():
        if isinstance(el.tag, str) and (limit := _LIMITS.get(local(el))) and el.text and len(el.text) > limit:
            out.append(
                MessageFormatError(
                    source,
                    local_path(el),
                    f"{local(el)} has {len(el.text)} characters, at most {limit} allowed",
                )
            )
    return out


def _amount(el: etree._Element | None, source: str) -> Decimal | None:
    if el is None or not el.text:
        return None
    try:
        return Decimal(el.text.strip())
    except InvalidOperation as exc:
        raise MessageFormatError(source, local(el), f"expected a decimal amount, found {el.text!r}") from exc


def _date(text: str | None, source: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise MessageFormatError(source, "date", f"expected YYYY-MM-DD, found {text!r}") from exc


def _datetime(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _identity(
    msgdef: str,
    hdr: etree._Element | None,
    grp: etree._Element | None,
    pmt: etree._Element | None,
    tx: etree._Element,
) -> str:
    """A content hash of the transaction and what frames it (header ids, group and payment info ids)."""
    h = hashlib.sha256(msgdef.encode())
    for part in (
        _text(hdr, "Fr/FIId/FinInstnId/BICFI"),
        _text(hdr, "To/FIId/FinInstnId/BICFI"),
        _text(grp, "MsgId"),
        _text(pmt, "PmtInfId"),
    ):
        h.update(f"|{part}".encode())
    try:
        h.update(etree.tostring(tx, method="c14n"))
    except etree.C14NError:  # e.g. relative namespace URIs: fall back to the plain serialisation
        h.update(etree.tostring(tx))
    return "mx-" + h.hexdigest()[:24]
