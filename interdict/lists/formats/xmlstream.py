"""Streaming XML for list parsers: lxml `iterparse` over plain, .bz2 or .gz files, bounded memory.

Every failure (syntax error, truncation, broken compression, wrong root) becomes a ListFormatError
naming the file, the line and what was expected, so a parser never returns half a list.
"""

from __future__ import annotations

import bz2
import gzip
import io
import queue
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

from interdict.core.errors import ListFormatError

CHUNK = 1 << 20
# What may come before the root element: a byte order mark, whitespace, the XML declaration and
# other processing instructions, comments, a DOCTYPE without an internal subset.
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*>)*", re.S)
_START_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)(?=[\s/>]|$)([^<>]*)")
QUEUED_CHUNKS = 8  # bounds the read-ahead to 8 MiB


class _ReadAhead(io.RawIOBase):
    """Decompresses in a background thread while the caller parses.

    bz2 decompression is about half the time of reading the OFAC advanced list and releases the
    GIL, so on two cores it overlaps with lxml parsing. Memory stays bounded by the queue.
    """

    def __init__(self, inner: io.BufferedIOBase) -> None:
        self._inner = inner
        self._queue: queue.Queue[bytes | BaseException] = queue.Queue(QUEUED_CHUNKS)
        self._buffer = memoryview(b"")
        self._done = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._pump, name="list-read-ahead", daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        try:
            while not self._stop.is_set():
                chunk = self._inner.read(CHUNK)
                self._queue.put(chunk)
                if not chunk:
                    return
        except BaseException as exc:  # handed to the reading thread, raised there
            self._queue.put(exc)

    def readable(self) -> bool:
        """Always readable (io protocol)."""
        return True

    def readinto(self, target: memoryview) -> int:  # type: ignore[override]
        """Fill `target` from the decompressed chunks; 0 at the end; re-raise the reader's error."""
        while not self._buffer and not self._done:
            item = self._queue.get()
            if isinstance(item, BaseException):
                self._done = True
                raise item
            self._buffer = memoryview(item)
            self._done = not item
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size

    def close(self) -> None:
        """Stop the reader thread (even when parsing stopped early) and close the file."""
        self._stop.set()
        while self._thread.is_alive():  # unblock a producer waiting on a full queue
            try:
                self._queue.get_nowait()
            except queue.Empty:
                self._thread.join(0.05)
        self._inner.close()
        super().close()


def open_binary(path: Path) -> io.BufferedIOBase:
    """The file's bytes as a stream, decompressing .bz2 / .gz on the fly (never to disk)."""
    with path.open("rb") as raw:
        magic = raw.read(3)
    if magic.startswith(b"BZh"):
        return io.BufferedReader(_ReadAhead(bz2.open(path, "rb")), CHUNK)
    if magic.startswith(b"\x1f\x8b"):
        return gzip.open(path, "rb")
    return path.open("rb")


def local(tag: object) -> str:
    """An element tag without its namespace."""
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def release(element: etree._Element) -> None:
    """Free a fully processed element and the already processed siblings before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def iter_elements(
    path: Path, tags: Iterable[str], root: str, namespace: str | None = None
) -> Iterator[etree._Element]:
    """Yield each complete element named in `tags` (local names) of a document whose root is `root`.

    The caller must `release()` what it no longer needs. Raises ListFormatError on any XML error,
    truncation, or when the root element is not `root` (in `namespace`, when given).
    """
    ns = f"{{{namespace}}}" if namespace else ""
    wanted = [ns + t for t in tags]
    expected_root = ns + root
    source = str(path)
    checked = False
    try:
        with open_binary(path) as stream:
            context = etree.iterparse(
                stream,
                events=("end",),
                tag=wanted,
                huge_tree=True,
                resolve_entities=False,
                no_network=True,
                remove_comments=True,
            )
            for _event, element in context:
                if not checked:
                    _check_root(source, element.getroottree().getroot(), expected_root)
                    checked = True
                yield element
            if not checked:
                _check_root(source, context.root, expected_root)
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        raise ListFormatError(
            source,
            f"line {line}" if line else None,
            f"malformed or truncated XML ({exc.msg}); expected a complete <{root}> document",
        ) from exc
    except (EOFError, OSError) as exc:
        raise ListFormatError(source, None, f"unreadable or truncated compressed data ({exc})") from exc


def _check_root(source: str, element: etree._Element | None, expected: str) -> None:
    if element is None or element.tag != expected:
        found = "nothing" if element is None else f"<{local(element.tag)}>"
        raise ListFormatError(
            source,
            "/" + (local(element.tag) if element is not None else ""),
            f"expected root element <{local(expected)}>"
            + (f" in namespace {expected[1:].split('}')[0]}" if expected.startswith("{") else "")
            + f", found {found}",
        )


def child_text(element: etree._Element, path: str) -> str | None:
    """Stripped, whitespace-collapsed text of a sub-element, None if absent or blank."""
    found = element.find(path)
    if found is None or found.text is None:
        return None
    value = " ".join(found.text.split())
    return value or None


def line_of(element: etree._Element) -> str:
    """`line N` for an element, for error locations."""
    return f"line {element.sourceline}" if element.sourceline else "unknown line"


def root_start(head: bytes) -> tuple[str, bytes] | None:
    """The root element of an XML document's first bytes: (local name, its attributes), else None.

    For sniffers: a file that merely quotes `<ROOT` (a README, a note) is not an XML document with
    that root, since its first markup is not the root's start tag.
    """
    prolog = _PROLOG.match(head)
    start = _START_TAG.match(head, prolog.end() if prolog else 0)
    if start is None:
        return None
    return start.group(1).decode("ascii"), start.group(2)
