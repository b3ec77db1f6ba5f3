"""OFAC SDN list in the "advanced" XML format (sdn_advanced.xml, plain or .bz2), streamed in one pass.

The file's order is DateOfIssue, ReferenceValueSets, Locations, IDRegDocuments, DistinctParties,
ProfileRelationships, SanctionsEntries. Code tables, locations and documents are small and come
first, so they are kept as plain dicts; each DistinctParty is turned into a compact draft at once
and its element freed; relationships and sanctions entries (programmes, listing date), which come
last, are attached to the drafts before the Entities are built. Memory stays bounded by the output.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from interdict.core.entity import Entity
from interdict.core.errors import ListFormatError
from interdict.lists.formats import ofac_advanced_parts as parts
from interdict.lists.formats.ofac_common import LIST_SDN
from interdict.lists.formats.xmlstream import iter_elements, line_of, local, release, root_start
from interdict.lists.normalize import file_sha256
from interdict.lists.parsed import ParsedList

FORMAT = "ofac_advanced_xml"
NAMESPACE = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"
_TAGS = (
    "DateOfIssue",
    "ReferenceValueSets",
    "Location",
    "IDRegDocument",
    "DistinctParty",
    "ProfileRelationship",
    "SanctionsEntry",
)


def sniff(path: Path, head: bytes) -> bool:
    """True for an OFAC advanced XML file (the ADVANCED_XML namespace on a <Sanctions> root)."""
    root = root_start(head)
    return root is not None and root[0] == "Sanctions" and b"exports/ADVANCED_XML" in root[1]


def parse(path: Path) -> ParsedList:
    """Read the whole advanced SDN list; ListFormatError if it is malformed, truncated or another format."""
    path = Path(path)
    state = parts.State(source=str(path), ns=f"{{{NAMESPACE}}}")
    for element in iter_elements(path, _TAGS, "Sanctions", NAMESPACE):
        _dispatch(state, element)
        release(element)
    if state.refs is None or not state.parties:
        raise ListFormatError(
            str(path),
            "/Sanctions/DistinctParties",
            "expected ReferenceValueSets and at least one DistinctParty",
        )
    entities = tuple(_finish(state))
    return ParsedList(
        list=LIST_SDN,
        format=FORMAT,
        published=state.published,
        entities=entities,
        source=str(path),
        sha256=file_sha256(path),
    )


def _dispatch(state: parts.State, element: etree._Element) -> None:
    tag = local(element.tag)
    if tag == "ReferenceValueSets":
        state.refs = parts.read_refs(element, state.ns)
        return
    if tag == "DateOfIssue":
        state.published = parts.ymd(element, state.ns)
        return
    if state.refs is None:
        raise ListFormatError(
            state.source,
            line_of(element),
            f"<{tag}> before <ReferenceValueSets>: expected the code tables first",
        )
    if tag in ("Location", "IDRegDocument") and state.parties:
        # The schema orders them before DistinctParties; read later, they could no longer be joined.
        raise ListFormatError(
            state.source, line_of(element), f"<{tag}> after <DistinctParties>: expected the schema order"
        )
    if tag == "Location":
        parts.read_location(state, element)
    elif tag == "IDRegDocument":
        parts.read_document(state, element)
    elif tag == "DistinctParty":
        parts.read_party(state, element)
    elif tag == "ProfileRelationship":
        parts.read_relationship(state, element)
    else:
        parts.read_sanctions_entry(state, element)


def _finish(state: parts.State) -> list[Entity]:
    names = {pid: draft.names[0].full for pid, draft in state.parties.items() if draft.names}
    entities = []
    for pid, draft in state.parties.items():
        for relation, target in state.relations.get(pid, ()):
            label = names.get(target, "")
            draft.extra.append((relation, f"{label} ({LIST_SDN}:{target})".strip()))
        entities.append(draft.build())
    return entities
