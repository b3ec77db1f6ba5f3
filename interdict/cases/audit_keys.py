"""The audit chain's HMAC keys, kept in a file outside the database.

Whoever can write the database but not read this file cannot rewrite the chain: every entry's hash
is an HMAC under the current key. The file (`$INTERDICT_AUDIT_KEY_FILE`, else `audit-keys.json` in the
data directory; put it on another volume or a secret mount in production) is created with mode 0600
on first use. It keeps retired keys too, so chains written before a rotation stay verifiable, and
`legacy_until`: the last entry written before the chain was keyed (older entries are plain SHA-256).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from interdict.core import config
from interdict.core.errors import ConfigError

ENV = "INTERDICT_AUDIT_KEY_FILE"


def default_path(data_dir: Path | None = None) -> Path:
    """`$INTERDICT_AUDIT_KEY_FILE`, else `audit-keys.json` in the data directory."""
    configured = os.environ.get(ENV)
    if configured:
        return Path(configured).expanduser()
    return (data_dir if data_dir is not None else config.home()) / "audit-keys.json"


def key_id(key: bytes) -> str:
    """A short public name of a key (not the key: a one-way hash of it)."""
    return hashlib.sha256(b"interdict-audit-key:" + key).hexdigest()[:16]


def mac(key: bytes, text: str) -> str:
    """HMAC-SHA256 of `text`, hex."""
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass
class KeyRing:
    """Every audit key by id, which one signs new entries, and where the keyed chain starts."""

    path: Path
    current: str
    keys: dict[str, bytes] = field(default_factory=dict)
    legacy_until: int = 0

    @property
    def key(self) -> bytes:
        """The key that signs new entries."""
        return self.keys[self.current]

    def get(self, kid: str) -> bytes | None:
        """The key named `kid`, or None if this ring does not hold it."""
        return self.keys.get(kid)

    def save(self) -> None:
        """Write the ring atomically, readable by the owner only."""
        data = {
            "current": self.current,
            "legacy_until": self.legacy_until,
            "keys": {kid: key.hex() for kid, key in self.keys.items()},
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(data, fh, indent=1)
        os.replace(tmp, self.path)


def load(path: Path) -> KeyRing | None:
    """The ring in `path`, or None if there is no such file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = {str(k): bytes.fromhex(v) for k, v in data["keys"].items()}
        ring = KeyRing(path, str(data["current"]), keys, int(data.get("legacy_until", 0)))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"audit key file {path} is unreadable: {exc}") from exc
    if ring.current not in ring.keys or any(key_id(v) != k for k, v in ring.keys.items()):
        raise ConfigError(f"audit key file {path}: key ids do not match their keys")
    return ring


def load_or_create(path: Path, head_seq: int) -> KeyRing:
    """The ring in `path`; created with a fresh key if absent (entries up to `head_seq` stay unkeyed)."""
    ring = load(path)
    if ring is not None:
        return ring
    key = secrets.token_bytes(32)
    kid = key_id(key)
    fresh = KeyRing(path, kid, {kid: key}, head_seq)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: of two processes creating the ring at once, one wins and the other reads its file.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        again = load(path)
        if again is None:
            raise ConfigError(f"audit key file {path} vanished while being created") from None
        return again
    with os.fdopen(fd, "w") as fh:
        json.dump({"current": kid, "legacy_until": head_seq, "keys": {kid: key.hex()}}, fh, indent=1)
    return fresh


def add_key(ring: KeyRing) -> str:
    """A new current key in the ring (the old one is kept to verify older entries); returns its id."""
    key = secrets.token_bytes(32)
    kid = key_id(key)
    ring.keys[kid] = key
    ring.current = kid
    return kid


def now_text() -> str:
    """UTC now as ISO text with microseconds (the chain's time format)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")
