"""ISO 20022 XML: find the BAH (head.001) and Document parts, recognise the message by namespace,
validate against the XSDs, and map each transaction onto the Payment model.

Fail closed: a Document that cannot be validated (no XSD for its message definition, or a namespace
that is not the ISO one) is held, a DTD is refused, and every text node of the message is screened
(`iso_texts`), not only the fields the mapper reads. The XSDs of the supported messages ship in
`interdict/payments/data/xsd/` and are used by default.

Any wrapper is accepted (SWIFT `Envelope`, a bare `Document`, prowide's `<message>`): Documents are
found by namespace `urn:iso:std:iso:20022:tech:xsd:<msgdef>` (or a scheme variant such as
`pain.001.001.03.ch.02`). One Payment is produced per transaction (CdtTrfTxInf / TxInf).
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from interdict.core.errors import MessageFormatError
from interdict.core.payment import Payment
from interdict.payments import iso_map
from interdict.payments.iso_map import local, local_path
from interdict.payments.iso_texts import unread_texts

# Any business area (acmt, auth, reda, seev...), so that every ISO 20022 Document is found and a type
# that is not mapped is held as unsupported rather than as "no Document".
_MSGDEF = re.compile(r"([a-z]{4}\.\d{3}\.\d{3}\.\d{2})")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
SUPPORTED = ("pacs.008", "pacs.009", "pacs.004", "pain.001")
ISO_NS = "urn:iso:std:iso:20022:tech:xsd:"
PACKAGE_XSD = Path(__file__).parent / "data" / "xsd"
# The ISO business application header v1: its XSD is not published with the samples we could verify,
# so a head.001.001.01 header is read unvalidated (its every text node is still screened).
UNVALIDATED_HEADERS = ("head.001.001.01",)


class SchemaSet:
    """XSDs by message definition ("pacs.008.001.08"), loaded once from `<msgdef>.xsd` files: in
    `folder` first, then in the XSDs shipped with the package (unless `builtin` is False)."""

    def __init__(self, folder: Path | None = None, *, builtin: bool = True) -> None:
        self.folder = folder
        self.folders = [f for f in (folder, PACKAGE_XSD if builtin else None) if f is not None]
        self._cache: dict[str, etree.XMLSchema | None] = {}
        # lxml keeps a schema's error log on the schema object: one validation at a time.
        self.lock = threading.Lock()

    def get(self, msgdef: str) -> etree.XMLSchema | None:
        """The compiled schema for a message definition, or None when no folder has one."""
        if msgdef not in self._cache:
            path = next((p for f in self.folders if (p := f / f"{msgdef}.xsd").is_file()), None)
            self._cache[msgdef] = etree.XMLSchema(etree.parse(str(path))) if path else None
        return self._cache[msgdef]


_DEFAULT: SchemaSet | None = None


def default_schemas() -> SchemaSet:
    """The XSDs every interface validates with: `$INTERDICT_XSD_DIR` (if set) before the shipped
    ones; one set per process, so each schema is compiled once."""
    global _DEFAULT
    folder = Path(env) if (env := os.environ.get("INTERDICT_XSD_DIR")) else None
    if _DEFAULT is None or _DEFAULT.folder != folder:
        _DEFAULT = SchemaSet(folder)
    return _DEFAULT


@dataclass(frozen=True, slots=True)
class IsoItem:
    """One transaction read from an ISO 20022 file: its payment (if mappable) and any errors."""

    source: str
    message_id: str
    payment: Payment | None
    errors: tuple[MessageFormatError, ...]
    kind: str = "ISO 20022"  # the message definition ("camt.053.001.08") when known


def read_iso(data: bytes, source: str, schemas: SchemaSet | None = None) -> Iterator[IsoItem]:
    """Every transaction of every Document in an XML file, with its format errors (validated with
    `schemas`, by default `default_schemas()`)."""
    schemas = schemas or default_schemas()
    raw_id = "mx-" + hashlib.sha256(data).hexdigest()[:24]
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        err = MessageFormatError(source, f"line {exc.lineno}", f"invalid XML: {exc.msg}")
        yield IsoItem(source, raw_id, None, (err,))
        return
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        # ISO 20022 messages have no DTD; its entities would be left unexpanded and unscreened.
        why = "a DTD (<!DOCTYPE ...>) is not allowed in an ISO 20022 message: its entities are not read"
        yield IsoItem(source, raw_id, None, (MessageFormatError(source, "line 1", why),))
        return
    docs = [el for el in root.iter("{*}Document") if _msgdef(el) is not None]
    if local(root) == "Document" and _msgdef(root) is not None:
        docs = [root]
    if not docs:
        ns = etree.QName(root).namespace or "(none)"
        err = MessageFormatError(
            source,
            f"/{local(root)}",
            f"no ISO 20022 Document found (root namespace {ns}); expected "
            "a Document in namespace urn:iso:std:iso:20022:tech:xsd:<msgdef>",
        )
        yield IsoItem(source, raw_id, None, (err,))
        return
    for k, doc in enumerate(docs, start=1):
        where = source if len(docs) == 1 else f"{source}#doc{k}"
        yield from _read_document(doc, _header_for(doc), where, f"{raw_id}-{k}", schemas)


def _msgdef(el: etree._Element) -> str | None:
    ns = etree.QName(el).namespace or ""
    m = _MSGDEF.search(ns)
    return m.group(1) if m else None


def _header_for(doc: etree._Element) -> etree._Element | None:
    parent = doc.getparent()
    if parent is None:
        return None
    return next((el for el in parent if isinstance(el.tag, str) and local(el) == "AppHdr"), None)


def _read_document(
    doc: etree._Element, hdr: etree._Element | None, source: str, raw_id: str, schemas: SchemaSet
) -> Iterator[IsoItem]:
    msgdef = _msgdef(doc) or ""
    errors = []
    for part in (hdr, doc):
        if part is not None:
            errors += validate(part, schemas, source)
    # Listed after the other errors: the first error shown is the most specific one.
    unchecked = [e for part in (hdr, doc) if part is not None and (e := unvalidated(part, schemas, source))]
    family = msgdef[:8]
    if family not in SUPPORTED:
        report = family in ("camt.052", "camt.053", "camt.054")
        kind = "an account report, not a payment instruction" if report else "not supported"
        why = f"{msgdef} is {kind} (unsupported message type); expected one of "
        err = MessageFormatError(source, f"/Document ({msgdef})", why + ", ".join(SUPPORTED))
        yield IsoItem(source, raw_id, None, (*errors, err, *unchecked), msgdef)
        return
    body = next((el for el in doc if isinstance(el.tag, str)), None)
    if body is None:
        yield IsoItem(
            source, raw_id, None, (*errors, MessageFormatError(source, "/Document", "empty Document"))
        )
        return
    txs = list(iso_map.transactions(body, family))
    if not txs:
        err = MessageFormatError(source, f"/Document/{local(body)}", "expected at least one transaction")
        yield IsoItem(source, raw_id, None, (*errors, err), msgdef)
        return
    errors += _count_errors(body, len(txs), source)
    errors += unchecked
    # The file's other Documents and headers are other messages: not this one's text.
    root = doc.getroottree().getroot()
    docs = [d for d in root.iter("{*}Document") if d is not doc and _msgdef(d) is not None]
    outside = [*docs, *(h for d in docs if (h := _header_for(d)) is not None and h is not hdr)]
    for n, (tx, context) in enumerate(txs, start=1):
        where = source if len(txs) == 1 else f"{source}#tx{n}"
        try:
            payment = iso_map.to_payment(msgdef, hdr, body, tx, context, where)
        except Exception as exc:  # fail closed: an unforeseen shape is a format error, and held
            err = (
                exc
                if isinstance(exc, MessageFormatError)
                else MessageFormatError(
                    where, iso_map.local_path(tx), f"unreadable transaction: {type(exc).__name__}: {exc}"
                )
            )
            yield IsoItem(where, f"{raw_id}-{n}", None, (*errors, err), msgdef)
            continue
        found = (*errors, *iso_map.length_errors(tx, where))
        others = [*outside, *(t for t, _ in txs if t is not tx)]
        extra = tuple(unread_texts(payment, root, others))
        yield IsoItem(where, payment.message_id, replace(payment, texts=(*payment.texts, *extra)), found)


def _count_errors(body: etree._Element, found: int, source: str) -> list[MessageFormatError]:
    """GrpHdr/NbOfTxs must equal the number of transactions (a truncated or padded file otherwise)."""
    declared = next((el.text for el in body.iterfind("{*}GrpHdr/{*}NbOfTxs")), None)
    if declared is None or declared.strip() == str(found):
        return []
    where = f"/Document/{local(body)}/GrpHdr/NbOfTxs"
    why = f"declares {declared.strip()} transactions, the message holds {found}"
    return [MessageFormatError(source, where, why)]


def unvalidated(part: etree._Element, schemas: SchemaSet, source: str) -> MessageFormatError | None:
    """The error for an AppHdr or Document whose definition cannot be validated: a namespace that is
    not an ISO 20022 one (a scheme variant, a foreign URN) or a version with no XSD at hand."""
    ns = etree.QName(part).namespace or "(none)"
    msgdef = ns.removeprefix(ISO_NS) if ns.startswith(ISO_NS) else None
    where = f"/{local(part)}"
    if msgdef is None or _MSGDEF.fullmatch(msgdef) is None:
        why = f"namespace {ns} is not an ISO 20022 message definition: the message cannot be validated"
        return MessageFormatError(source, where, why)
    if schemas.get(msgdef) is None and msgdef not in UNVALIDATED_HEADERS:
        why = f"no XSD for {msgdef}: the message definition cannot be validated"
        return MessageFormatError(source, where, why)
    return None


def validate(part: etree._Element, schemas: SchemaSet, source: str) -> list[MessageFormatError]:
    """XSD errors for one AppHdr or Document (an empty list when valid or no XSD is known: see
    `unvalidated`). A validator failure (e.g. on an unexpanded entity) is an error, never raised."""
    msgdef = _msgdef(part)
    iso_ns = etree.QName(part).namespace == f"{ISO_NS}{msgdef}"
    schema = schemas.get(msgdef) if msgdef and iso_ns else None
    if schema is None:
        return []
    try:
        with schemas.lock:
            return _validate(schema, part, msgdef or "", source)
    except (etree.LxmlError, ValueError) as exc:
        why = f"XSD {msgdef}: the validator failed: {type(exc).__name__}: {exc}"
        return [MessageFormatError(source, f"/{local(part)}", why)]


def _validate(
    schema: etree.XMLSchema, part: etree._Element, msgdef: str, source: str
) -> list[MessageFormatError]:
    if schema.validate(etree.ElementTree(part)):
        return []
    # Re-validate a detached copy so that the error paths start at the Document, not the Envelope.
    tree = etree.ElementTree(copy.deepcopy(part))
    schema.validate(tree)
    out = []
    for entry in list(schema.error_log)[:5]:
        path = _local_path(tree, entry.path)
        msg = re.sub(r"\{[^}]*\}", "", entry.message)
        out.append(MessageFormatError(source, f"{path} (line {entry.line})", f"XSD {msgdef}: {msg}"))
    return out


def _local_path(tree: etree._ElementTree, xpath: str | None) -> str:
    try:
        found = tree.xpath(xpath) if xpath else []
    except etree.XPathError:
        found = []
    if not found or not isinstance(found[0], etree._Element):
        return xpath or "?"
    return local_path(found[0])
