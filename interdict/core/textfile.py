"""Reading a whole text file that should be UTF-8, with an error that says where it is not.

`Path.read_text` reports a bad byte by its offset in the file ("position 48213"), which no editor
shows; a person fixing an input file needs the line and column.
"""

from __future__ import annotations

from pathlib import Path

from interdict.core.errors import InputError

BOM = b"\xef\xbb\xbf"


def read_utf8(path: Path, what: str) -> str:
    """The text of `path` (a UTF-8 byte-order mark dropped); InputError naming the file and the line
    and column of the first byte that is not UTF-8, or why the file cannot be read. `what` names
    the file in messages ("batch file")."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read {what} ({exc})") from exc
    return decode_utf8(raw, str(path), what)


def decode_utf8(raw: bytes, source: str, what: str) -> str:
    """`raw` as text (a UTF-8 byte-order mark dropped); InputError naming `source` and the line and
    column of the first byte that is not UTF-8 (a file's bytes, or a request body's)."""
    bom = len(BOM) if raw.startswith(BOM) else 0
    try:
        return raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start + bom
        line, column = place_of(raw, start)
        raise InputError(source, f"line {line}",
                         f"byte {raw[start]:#04x} at column {column} is not UTF-8 text: save the {what}"
                         " as UTF-8") from exc


def place_of(raw: bytes, offset: int) -> tuple[int, int]:
    """The line and column (both from 1) of byte `offset` of `raw`."""
    return raw.count(b"\n", 0, offset) + 1, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
