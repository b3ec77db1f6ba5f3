"""The registry of list formats: find the module that reads a file, and parse it.

Each format module in this package (`interdict.lists.formats.<name>`) exposes `FORMAT: str`,
`sniff(path, head) -> bool` (`head` = the first 4096 bytes of the decompressed file) and
`parse(path) -> ParsedList`. Helpers private to the formats (`_stream`, `xmlstream`, `ofac_common`,
`ofac_remarks`, `_uk`, `_ftm_export`, `ofac_advanced_parts`) live beside them.
"""

from __future__ import annotations

import bz2
import gzip
import importlib
from pathlib import Path
from types import ModuleType

from interdict.core.errors import ListFormatError
from interdict.lists.parsed import ParsedList

# Order matters: the first module whose `sniff` accepts a file reads it, so the more specific
# formats (OFAC advanced XML before the classic OFAC XML) come first.
FORMAT_MODULES: tuple[str, ...] = (
    "un",
    "ofac_advanced",
    "ofac_csv",
    "ofac_xml",
    "eu",
    "uk_fcdo",
    "uk_ofsi",
    "ftm",
    "internal",
)

HEAD_BYTES = 4096
# Files a folder search considers; notes such as README.md may quote list markup and fool a sniffer.
LIST_SUFFIXES = frozenset({".xml", ".csv", ".json", ".jsonl", ".ndjson", ".bz2", ".gz"})


def format_modules() -> list[ModuleType]:
    """The format modules that exist, in registry order; a module that exists but fails to import raises."""
    modules: list[ModuleType] = []
    for name in FORMAT_MODULES:
        qualified = f"{__name__}.{name}"
        try:
            modules.append(importlib.import_module(qualified))
        except ModuleNotFoundError as exc:
            # Only the module itself being absent is tolerated (formats are added one by one);
            # a missing dependency inside an existing module is a real error.
            if exc.name != qualified:
                raise
    return modules


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first `size` bytes of a file, decompressed when it is .bz2 or .gz; b"" for a folder."""
    if path.is_dir():
        return b""
    try:
        with path.open("rb") as raw:
            magic = raw.read(3)
        if magic.startswith(b"BZh"):
            with bz2.open(path, "rb") as fh:
                return fh.read(size)
        if magic.startswith(b"\x1f\x8b"):
            with gzip.open(path, "rb") as fh:
                return fh.read(size)
        with path.open("rb") as fh:
            return fh.read(size)
    except (OSError, EOFError) as exc:
        raise ListFormatError(str(path), None, f"cannot read the file: {exc}") from exc


def known_formats() -> list[str]:
    """The FORMAT names of the available modules, in registry order."""
    return [str(module.FORMAT) for module in format_modules()]


def detect(path: Path) -> ModuleType:
    """The format module that reads `path`, or a ListFormatError naming the file and the known formats."""
    path = Path(path)
    if not path.exists():
        raise ListFormatError(str(path), None, "no such file or folder")
    head = read_head(path)
    modules = format_modules()
    for module in modules:
        if module.sniff(path, head):
            return module
    known = ", ".join(str(m.FORMAT) for m in modules) or "none installed"
    what = "folder" if path.is_dir() else "file"
    raise ListFormatError(
        str(path), None, f"this {what} is in no list format Interdict reads (known formats: {known})"
    )


def parse_list(path: Path) -> ParsedList:
    """Detect the format of `path` and parse the whole list (or raise; never a partial list)."""
    module = detect(Path(path))
    parsed = module.parse(Path(path))
    if not isinstance(parsed, ParsedList):
        raise TypeError(f"{module.__name__}.parse returned {type(parsed).__name__}, not ParsedList")
    return parsed


def discover(path: Path) -> tuple[list[Path], list[Path]]:
    """Lists under `path`: (list files or folders found, files skipped as no list format).

    A file is a list (detected or not: a bad file must be reported, not skipped). A folder that a
    format reads as a whole (the OFAC CSV set) is one list; any other folder is searched, and files
    in it that no format recognises (or whose suffix is not a list file's) are skipped.
    """
    path = Path(path)
    if not path.is_dir():
        return [path], []
    try:
        detect(path)
        return [path], []
    except ListFormatError:
        pass
    found: list[Path] = []
    skipped: list[Path] = []
    for child in sorted(path.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            sub_found, sub_skipped = discover(child)
            found += sub_found
            skipped += sub_skipped
            continue
        try:
            if child.suffix.lower() not in LIST_SUFFIXES:
                raise ListFormatError(str(child), None, "not a list file suffix")
            detect(child)
            found.append(child)
        except ListFormatError:
            skipped.append(child)
    return found, skipped
