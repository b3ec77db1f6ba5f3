"""Every text node of an ISO 20022 message that the mapper did not read, as free text to screen.

The mapper reads the fields whose meaning it knows (parties, addresses, identifiers, remittance
text); a message can carry a name anywhere else (a contact name, a department, an element a later
version adds). Screening every other text node, named by its XPath, means no element of a message
goes unscreened. Values that cannot hold a name (dates, times, amounts, UUIDs) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from interdict.core.payment import FreeText, Party, Payment
from interdict.payments.iso_map import local

_NOT_TEXT = re.compile(
    r"^(?:[+-]?\d+(?:[.,]\d+)?"  # numbers and amounts
    r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?"  # ISO dates and date-times
    r"|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"  # UUIDs (UETR)
)


_TEXT_NODES = etree.XPath("//text()[normalize-space()]")


def unread_texts(
    payment: Payment, root: etree._Element, others: Iterable[etree._Element]
) -> Iterator[FreeText]:
    """Text nodes of the file below `root` not already screened as a field of `payment`, skipping
    the subtrees in `others` (the file's other transactions, Documents and headers). Text between
    elements (which no XSD of ours allows, but an unvalidated header might carry) counts too."""
    screened = _screened(payment)
    skip = set(others)
    # One XPath call lists the text nodes in C; only the few not screened yet are looked at closely.
    for node in _TEXT_NODES(root):
        text = str(node).strip()
        if text in screened or _NOT_TEXT.match(text):
            continue
        el = node.getparent()
        if el is None:
            continue
        owner = el.getparent() if node.is_tail else el
        if skip and any(a in skip for a in (el, *el.iterancestors())):
            continue
        screened.add(text)
        yield FreeText(_xpath(owner) if owner is not None else "/", text)


def _screened(payment: Payment) -> set[str]:
    out = {t.text.strip() for t in payment.texts}
    for party in payment.parties:
        out.update(v.strip() for v in _party_values(party) if v)
    return out


def _party_values(p: Party) -> Iterator[str | None]:
    yield from (p.name, p.bic, p.country)
    if p.account is not None:
        yield p.account.value
    yield from (value for _, value in p.identifiers)
    a = p.address
    if a is not None:
        yield from (*a.lines, a.street, a.building, a.postcode, a.town, a.subdivision, a.country)


def _xpath(el: etree._Element) -> str:
    """The element's path of local names, with a position where siblings share its name."""
    parts = []
    node: etree._Element | None = el
    while node is not None:
        name = local(node)
        parent = node.getparent()
        if parent is not None:
            same = [c for c in parent if isinstance(c.tag, str) and local(c) == name]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/" + "/".join(reversed(parts))
