"""Read payment files of any supported format into payments, one item per message or transaction.

MT and ISO 20022 files may be mixed in a folder; the format is recognised from the content
(`<` starts XML, `{1:` starts FIN). Nothing is dropped: a message that cannot be read still yields an
item, with its content-hash identity and the errors, so that it is held.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from interdict.core.errors import MessageFormatError
from interdict.core.payment import Payment
from interdict.payments import mt_map
from interdict.payments.iso20022 import SchemaSet, read_iso
from interdict.payments.mt import split_messages

SUFFIXES = (".fin", ".mt", ".txt", ".rje", ".xml", ".dat")


@dataclass(frozen=True, slots=True)
class ReadItem:
    """One message (or ISO transaction) as read: the payment if mappable, and every format error."""

    source: str
    message_id: str
    payment: Payment | None
    errors: tuple[MessageFormatError, ...]
    raw_type: str  # "MT103", "pacs.008.001.08" or "unknown" when unreadable


def read_bytes(data: bytes, source: str, schemas: SchemaSet | None = None) -> Iterator[ReadItem]:
    """Every message in one file's bytes (ISO 20022 validated with `schemas`, by default the
    package's XSDs). Never raises on content: what cannot be read is an item with its error."""
    read = 0
    try:
        for item in _read(data, source, schemas):
            read += 1
            yield item
    except Exception as exc:  # fail closed: the rest of the file is held, the batch goes on
        where = "start" if read == 0 else f"after message {read}"
        err = MessageFormatError(source, where, f"unreadable file: {type(exc).__name__}: {exc}")
        yield ReadItem(source, _hash_id(data) + (f"-{read}" if read else ""), None, (err,), "unknown")


def _read(data: bytes, source: str, schemas: SchemaSet | None) -> Iterator[ReadItem]:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        for it in read_iso(data, source, schemas):
            kind = it.payment.type if it.payment else it.kind
            yield ReadItem(it.source, it.message_id, it.payment, it.errors, kind)
        return
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as exc:
        err = MessageFormatError(
            source,
            f"byte {exc.start}",
            "wrong encoding: a FIN message is ASCII "
            "(SWIFT X character set); ISO 20022 files must start with '<'",
        )
        yield ReadItem(source, _hash_id(data), None, (err,), "unknown")
        return
    if "{1:" not in text:
        err = MessageFormatError(source, "start", "unknown format: expected a FIN message '{1:' or XML '<'")
        yield ReadItem(source, _hash_id(data), None, (err,), "unknown")
        return
    for chunk in split_messages(text, source):
        if chunk.message is None:
            errs = (chunk.error,) if chunk.error else ()
            yield ReadItem(chunk.source, _hash_id(chunk.raw.encode()), None, errs, "MT")
            continue
        try:
            payment = mt_map.to_payment(chunk.message)
        except Exception as exc:  # fail closed: an unforeseen shape is a format error, and held
            err = (
                exc
                if isinstance(exc, MessageFormatError)
                else MessageFormatError(
                    chunk.source, "block 4", f"unreadable message: {type(exc).__name__}: {exc}"
                )
            )
            mid = mt_map.message_identity(chunk.message)
            yield ReadItem(chunk.source, mid, None, (err,), f"MT{chunk.message.mt_type}")
            continue
        yield ReadItem(chunk.source, payment.message_id, payment, (), payment.type)


def _hash_id(raw: bytes) -> str:
    return "raw-" + hashlib.sha256(raw.strip()).hexdigest()[:24]


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the message files inside folders named (sorted, recursive)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path
