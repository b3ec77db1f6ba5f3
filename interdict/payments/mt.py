"""SWIFT MT (FIN) messages: split a file into messages, each into blocks 1-5, block 4 into fields.

A FIN message is `{1:basic header}{2:application header}{3:{tag:value}...}{4:CRLF fields -}{5:...}`.
A file may hold many messages, separated by nothing, by `$` lines (RJE batches) or blank lines.
Parsing is strict on structure: a broken block raises `MessageFormatError` naming the message (file
and ordinal), the block or field tag and what was expected, and the caller holds that message.
The splitter resynchronises on the next `{1:` so one broken message never hides the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from interdict.core.errors import MessageFormatError
from interdict.payments import mt_fields

_FIELD_START = re.compile(r"^:(\d{2}[A-Z]?):", re.MULTILINE)
_BLOCK_OPEN = re.compile(r"\{([1-5A-Za-z]{1,3}):")
# SWIFT X character set (plus CR/LF, which only separate lines).
_X_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ ")


@dataclass(frozen=True, slots=True)
class MtField:
    """One field of block 4: its tag (e.g. "50K") and its lines."""

    tag: str
    lines: tuple[str, ...]
    line_no: int  # line of block 4 where the field starts (1-based), for error messages

    @property
    def value(self) -> str:
        """The field's lines joined with newlines."""
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class MtMessage:
    """The blocks of one FIN message, with block 4 split into fields."""

    source: str  # "file.fin#2"
    raw: str
    block1: str
    block2: str
    block3: tuple[tuple[str, str], ...]
    fields: tuple[MtField, ...]
    block5: tuple[tuple[str, str], ...]
    ack: str | None = None  # a preceding F21 ACK/NAK service message, as sent

    @property
    def direction(self) -> str:
        """ "I" (input, sent to SWIFT) or "O" (output, delivered by SWIFT)."""
        return self.block2[:1]

    @property
    def mt_type(self) -> str:
        """The three-digit message type, e.g. "103"."""
        return self.block2[1:4]

    def header(self, tag: str) -> str | None:
        """A block 3 user header field (`121` UETR, `119` validation flag, `108` MUR)."""
        return next((v for t, v in self.block3 if t == tag), None)


@dataclass(frozen=True, slots=True)
class MtChunk:
    """One message's text cut out of a file, or the error that stopped it being cut out."""

    source: str
    raw: str
    message: MtMessage | None
    error: MessageFormatError | None


def split_messages(text: str, source: str) -> Iterator[MtChunk]:
    """Cut a file into messages; yields each with its parsed blocks or its format error."""
    pos, n, ack = 0, 0, None
    while True:
        start = text.find("{1:", pos)
        if start < 0:
            tail = text[pos:].strip().strip("$").strip()
            if tail:
                n += 1
                err = MessageFormatError(f"{source}#{n}", "before block 1", f"unexpected text {tail[:30]!r}")
                yield MtChunk(f"{source}#{n}", tail, None, err)
            if ack is not None:  # an ACK with no message after it: kept (and held), never dropped
                n += 1
                err = MessageFormatError(
                    f"{source}#{n}", "block 1", "an F21 ACK/NAK with no message after it"
                )
                yield MtChunk(f"{source}#{n}", ack, None, err)
            return
        gap = text[pos:start].strip().replace("$", "").strip()
        n += 1
        where = f"{source}#{n}"
        if gap:
            err = MessageFormatError(where, "before block 1", f"unexpected text {gap[:30]!r}")
            yield MtChunk(where, gap, None, err)
            n += 1
            where = f"{source}#{n}"
        end = _message_end(text, start)
        raw = text[start:end]
        try:
            msg = parse_message(raw, where, ack)
        except MessageFormatError as err:
            yield MtChunk(where, raw, None, err)
            ack = None
        else:
            if _is_service_ack(msg):
                # An ACK/NAK (F21) belongs to the message after it in an RJE batch: not a payment.
                ack, n = raw, n - 1
            else:
                yield MtChunk(where, raw, msg, None)
                ack = None
        pos = end


def _message_end(text: str, start: int) -> int:
    nxt = text.find("{1:", start + 3)
    return len(text) if nxt < 0 else nxt


def _is_service_ack(msg: MtMessage) -> bool:
    return msg.block1[:3] == "F21" and not msg.block2


def parse_message(raw: str, source: str, ack: str | None = None) -> MtMessage:
    """Parse one FIN message's blocks; raises MessageFormatError naming the block and expectation."""
    blocks: dict[str, str] = {}
    pos, text = 0, raw.rstrip()
    while pos < len(text):
        if text[pos] in "\r\n$ ":
            pos += 1
            continue
        m = _BLOCK_OPEN.match(text, pos)
        if not m:
            after = "block " + max(blocks, default="(none)")
            raise MessageFormatError(
                source,
                f"offset {pos} after {after}",
                f"expected '{{n:' opening a block, found {text[pos : pos + 10]!r}",
            )
        tag = m.group(1)
        if tag in blocks:
            raise MessageFormatError(source, f"block {tag}", "block appears twice")
        body_start = m.end()
        body_end, close = _block_end(text, body_start, tag, source)
        blocks[tag] = text[body_start:body_end]
        pos = close + 1
    return _assemble(blocks, raw, source, ack)


def _block_end(text: str, start: int, tag: str, source: str) -> tuple[int, int]:
    """End of the block's body and position of its closing brace."""
    if tag == "4" and not text.startswith("{", start):
        m = re.compile(r"(?:\r?\n|^)-\}").search(text, start)
        if m is None:
            raise MessageFormatError(source, "block 4", "expected the text block to end with a line '-}'")
        return m.start(), m.end() - 1
    depth = 1
    for i in range(start, len(text)):
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i, i
    raise MessageFormatError(source, f"block {tag}", "expected '}' closing the block, found end of message")


def _assemble(blocks: dict[str, str], raw: str, source: str, ack: str | None) -> MtMessage:
    b1 = blocks.get("1")
    if b1 is None:
        raise MessageFormatError(source, "block 1", "missing basic header block {1:...}")
    if not re.fullmatch(r"[FAL]\d{2}[A-Z0-9]{12}\d{4}\d{6}", b1):
        raise MessageFormatError(
            source, "block 1", f"basic header {b1!r} is not F01<LT address 12><session 4><seq 6>"
        )
    if b1[:3] == "F21":
        return MtMessage(source, raw, b1, "", (), (), (), None)
    b2 = blocks.get("2")
    if b2 is None:
        raise MessageFormatError(source, "block 2", "missing application header block {2:...}")
    if not re.fullmatch(
        r"I\d{3}[A-Z0-9]{12}[SUN]?\d?\d{0,3}|O\d{3}\d{4}\d{6}[A-Z0-9]{12}\d{4}\d{6}\d{6}\d{4}[SUN]?", b2
    ):
        raise MessageFormatError(
            source,
            "block 2",
            f"application header {b2!r} is not I<type><receiver 12>[prio] or O<type><time><MIR>...",
        )
    if b2[1:4] not in mt_fields.SUPPORTED_TYPES:
        # Before block 4: another category's field formats (an MT541's :20C::SEME//..., a system
        # message's {tag:value} text block) are not broken fields of a payment, the type is the reason.
        raise MessageFormatError(source, "block 2", mt_fields.unsupported_type(b2[1:4]))
    b4 = blocks.get("4")
    if b4 is None:
        raise MessageFormatError(source, "block 4", "missing text block {4:...-}")
    fields = split_fields(b4, source)
    return MtMessage(
        source=source,
        raw=raw,
        block1=b1,
        block2=b2,
        block3=_tag_values(blocks.get("3", ""), source, "3"),
        fields=fields,
        block5=_trailer(blocks.get("5", ""), source),
        ack=ack,
    )


_MIR = r"\d{6}[A-Z0-9]{12}\d{4}\d{6}"  # message input reference: date, LT address, session, sequence
# The trailers of block 5 and their values (FIN user handbook): a checksum, authentication codes,
# markers without a value, and possible-duplicate / reference trailers carrying a time and a MIR.
_TRAILERS = {
    "CHK": re.compile(r"[0-9A-F]{12}"),
    "MAC": re.compile(r"[0-9A-F]{8}"),
    "PAC": re.compile(r"[0-9A-F]{8}"),
    "TNG": re.compile(r""),
    "DLM": re.compile(r""),
    "PDE": re.compile(rf"(?:\d{{4}}{_MIR})?"),
    "PDM": re.compile(rf"(?:\d{{4}}{_MIR})?"),
    "SYS": re.compile(rf"(?:\d{{4}}{_MIR})?"),
    "MRF": re.compile(rf"\d{{6}}\d{{4}}{_MIR}"),
}


def _trailer(body: str, source: str) -> tuple[tuple[str, str], ...]:
    """Block 5's trailers, each checked: a broken trailer is a broken block, and held."""
    found = _tag_values(body, source, "5")
    seen: set[str] = set()
    for tag, value in found:
        rule = _TRAILERS.get(tag)
        if rule is None:
            known = ", ".join(_TRAILERS)
            why = f"unknown trailer {{{tag}:}}; expected one of {known}"
            raise MessageFormatError(source, "block 5", why)
        if tag in seen:
            raise MessageFormatError(source, "block 5", f"trailer {{{tag}:}} appears twice")
        seen.add(tag)
        if not rule.fullmatch(value):
            raise MessageFormatError(
                source, f"block 5 {{{tag}:}}", f"malformed value {value!r}; expected {_expected(tag)}"
            )
    return found


def _expected(tag: str) -> str:
    if tag == "CHK":
        return "12 hexadecimal characters (0-9, A-F)"
    if tag in ("MAC", "PAC"):
        return "8 hexadecimal characters (0-9, A-F)"
    if tag in ("TNG", "DLM"):
        return "no value"
    if tag == "MRF":
        return "date, time and message input reference"
    return "nothing, or a time and a message input reference"


def _tag_values(body: str, source: str, block: str) -> tuple[tuple[str, str], ...]:
    found = re.findall(r"\{([A-Za-z0-9]{3}):([^{}]*)\}", body)
    if re.sub(r"\{[A-Za-z0-9]{3}:[^{}]*\}", "", body).strip():
        raise MessageFormatError(source, f"block {block}", "expected only {tag:value} sub-blocks")
    return tuple((t, v) for t, v in found)


def split_fields(body: str, source: str) -> tuple[MtField, ...]:
    """Split block 4 into fields, checking the X character set and each field's line rules."""
    lines = body.replace("\r\n", "\n").split("\n")
    if lines and lines[0] == "":
        lines = lines[1:]
    if not lines or not lines[0].startswith(":"):
        raise MessageFormatError(source, "block 4", "expected a new line then the first field ':tag:'")
    fields: list[MtField] = []
    tag, first_line = "", 0
    cur: list[str] = []
    for i, line in enumerate(lines, start=1):
        m = _FIELD_START.match(line)
        if m:
            if tag:
                fields.append(_checked(tag, cur, first_line, source))
            tag, cur, first_line = m.group(1), [line[m.end() :]], i
        elif not tag:
            raise MessageFormatError(source, f"block 4 line {i}", "expected a field ':tag:'")
        else:
            if line.startswith(("-", ":")):
                raise MessageFormatError(
                    source, f"field :{tag}: line {i}", "a line may not start with ':' or '-'"
                )
            cur.append(line)
    if tag:
        fields.append(_checked(tag, cur, first_line, source))
    return tuple(fields)


def _checked(tag: str, lines: list[str], line_no: int, source: str) -> MtField:
    for k, line in enumerate(lines):
        bad = next((c for c in line if c not in _X_CHARS), None)
        if bad is not None:
            raise MessageFormatError(
                source,
                f"field :{tag}: line {line_no + k}",
                f"character {bad!r} is outside the SWIFT X character set",
            )
    mt_fields.check_shape(tag, lines, source, line_no)
    return MtField(tag, tuple(lines), line_no)
