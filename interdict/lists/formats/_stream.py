"""Streaming helpers shared by the XML and CSV list readers (EU, UK, internal, FtM).

Files may be stored bz2- or gzip-compressed; every reader opens them through `open_binary`. XML is
read with lxml `iterparse` (bounded memory: each record is cleared once read) and every lxml error
becomes a `ListFormatError` naming the file, the line and what was expected.
"""

from __future__ import annotations

import bz2
import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

from lxml import etree

from interdict.core.errors import ListFormatError


@contextmanager
def open_binary(path: Path) -> Iterator[IO[bytes]]:
    """Open a list file for reading bytes, transparently decompressing .bz2 / .gz content."""
    try:
        with path.open("rb") as raw:
            magic = raw.read(3)
    except OSError as exc:
        raise ListFormatError(str(path), None, f"cannot read the file: {exc}") from exc
    if magic.startswith(b"BZh"):
        with bz2.open(path, "rb") as bz:
            yield bz
    elif magic.startswith(b"\x1f\x8b"):
        with gzip.open(path, "rb") as gz:
            yield cast(IO[bytes], gz)
    else:
        with path.open("rb") as fh:
            yield fh


def local(tag: Any) -> str:
    """The local name of an element tag, without its namespace."""
    # str.rpartition rather than etree.QName: this runs for every element of a 100 MB file.
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def iter_records(path: Path, record: str, root: str) -> Iterator[tuple[Any, Any]]:
    """Yield `(root_element, record_element)` for each `record` element, in any namespace.

    The root must have the local name `root`; each record is cleared after the caller has used it.
    Malformed or truncated XML raises ListFormatError with the line number.
    """
    source = str(path)
    try:
        with open_binary(path) as fh:
            context = etree.iterparse(
                fh, events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=True,
                remove_comments=True,
            )
            top = None
            for event, elem in context:
                if top is None:
                    top = elem
                    if local(elem.tag) != root:
                        found = local(elem.tag)
                        raise ListFormatError(
                            source, f"line {elem.sourceline}", f"root element <{root}>, found <{found}>"
                        )
                    continue
                if event == "end" and local(elem.tag) == record and elem.getparent() is top:
                    yield top, elem
                    elem.clear()
                    while elem.getprevious() is not None:
                        del top[0]
            if top is None:
                raise ListFormatError(source, "line 1", f"an XML document with root <{root}>; it is empty")
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else None)
        where = f"line {line}" if line else None
        raise ListFormatError(source, where, f"well-formed XML ({exc.msg})") from exc
    except (EOFError, OSError) as exc:  # truncated bz2/gzip streams
        raise ListFormatError(source, None, f"a complete file ({exc})") from exc


def text(elem: Any, path: str) -> str | None:
    """Stripped text of the first descendant matching `path` (local names, `/`-separated), or None."""
    node = find(elem, path)
    if node is None or node.text is None:
        return None
    value = " ".join(node.text.split())
    return value or None


def find(elem: Any, path: str) -> Any:
    """The first element at the `/`-separated local-name `path` below `elem`, or None."""
    nodes = findall(elem, path)
    return nodes[0] if nodes else None


def findall(elem: Any, path: str) -> list[Any]:
    """Every element at the `/`-separated local-name `path` below `elem` (namespace-agnostic)."""
    current = [elem]
    for step in path.split("/"):
        current = [child for node in current for child in node if local(child.tag) == step]
    return current


def texts(elem: Any, path: str) -> list[str]:
    """Stripped, non-empty texts of every element at `path` below `elem`."""
    out = []
    for node in findall(elem, path):
        value = " ".join((node.text or "").split())
        if value:
            out.append(value)
    return out


def script_of(name: str) -> str | None:
    """The writing system of a name (None for Latin): "Hangul", "Cyrillic", "Arabic", "Han", ..."""
    from rigour.text.scripts import text_scripts

    scripts = {s for s in text_scripts(name) if s not in ("Latin", "Common", "Inherited")}
    return sorted(scripts)[0] if scripts else None


def unique(values: Any) -> tuple[Any, ...]:
    """The values in first-seen order without duplicates or None."""
    return tuple(dict.fromkeys(v for v in values if v is not None))
