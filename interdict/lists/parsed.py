"""What every list parser returns: the whole list, fully read, or an exception (never half)."""

from __future__ import annotations

from dataclasses import dataclass

from interdict.core.entity import Entity


@dataclass(frozen=True, slots=True)
class ParsedList:
    """One list file, completely parsed."""

    list: str  # short list name, e.g. "un", "ofac_sdn"
    format: str  # the format module that read it, e.g. "un_xml", "ofac_advanced_xml"
    published: str | None  # the list's own publication date (ISO), if it states one
    entities: tuple[Entity, ...]
    source: str  # the file path or URL it came from
    sha256: str  # of the file as stored (compressed bytes for .bz2/.gz)
