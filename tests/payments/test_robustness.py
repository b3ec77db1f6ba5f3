"""Nothing is ever dropped: mangled input always gives items that carry a payment or an error."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from interdict.payments.iso20022 import SchemaSet
from interdict.payments.reader import iter_files, read_bytes

pytestmark = pytest.mark.shared

SNIPPETS = [
    b":59:",
    b"{4:",
    b"-}",
    b"}",
    b"{",
    b"\r\n:32A:",
    b"<Nm>x</Nm>",
    b":50F:/1\r\n9/X",
    b"$\r\n",
    b"\xff",
]


def _mangle(rng: random.Random, data: bytearray) -> bytes:
    op = rng.randrange(4)
    if op == 0:
        return bytes(data[: rng.randrange(len(data))])
    if op == 1:
        for _ in range(rng.randint(1, 5)):
            data[rng.randrange(len(data))] = rng.choice(b":{}/-\r\n$A0<>&\xff")
    elif op == 2:
        i = rng.randrange(len(data))
        del data[i : i + rng.randint(1, 40)]
    else:
        i = rng.randrange(len(data) + 1)
        data[i:i] = rng.choice(SNIPPETS)
    return bytes(data)


def test_mangled_messages_are_never_dropped(
    shared_data: Path, schemas: SchemaSet, payments_data: Path
) -> None:
    files = list(iter_files([shared_data / "payments", payments_data]))
    rng = random.Random(2016)
    for _ in range(400):
        f = rng.choice(files)
        items = list(read_bytes(_mangle(rng, bytearray(f.read_bytes())), f.name, schemas))
        assert items, f.name
        assert all(i.payment is not None or i.errors for i in items)
        assert all(i.message_id for i in items)


def test_an_ack_without_its_message_is_kept(shared_data: Path) -> None:
    text = (shared_data / "payments/mt/prowide_MT103-bulk-with-ack_01.fin").read_text()
    ack_only = text[: text.index("{1:", 3)]
    [item] = list(read_bytes(ack_only.encode(), "ack.fin"))
    assert item.payment is None and "F21 ACK/NAK with no message after it" in str(item.errors[0])
