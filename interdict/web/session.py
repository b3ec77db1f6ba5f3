"""The web page's login session: an HMAC-signed cookie naming the user, plus a CSRF token per session.

The secret lives in `<data dir>/web-secret` (created on first use, mode 0600), so sessions survive a
restart and several worker processes agree. The cookie is HttpOnly and SameSite=Strict; every form
also carries the session's CSRF token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

COOKIE = "interdict_session"
LIFETIME = 8 * 3600


def load_secret(data_dir: Path) -> bytes:
    """The signing secret (created once, readable by the owner only)."""
    path = data_dir / "web-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def _sign(secret: bytes, payload: str) -> str:
    return hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()


def make_cookie(secret: bytes, user: str) -> str:
    """A cookie value naming `user`, valid for LIFETIME seconds."""
    nonce = secrets.token_hex(8)
    payload = base64.urlsafe_b64encode(f"{user}\n{int(time.time()) + LIFETIME}\n{nonce}".encode()).decode()
    return f"{payload}.{_sign(secret, payload)}"


def read_cookie(secret: bytes, value: str | None) -> str | None:
    """The user named by a valid, unexpired cookie, else None."""
    if not value or "." not in value:
        return None
    payload, _, signature = value.rpartition(".")
    if not hmac.compare_digest(_sign(secret, payload), signature):
        return None
    try:
        user, expires, _nonce = base64.urlsafe_b64decode(payload.encode()).decode().split("\n")
    except (ValueError, UnicodeDecodeError):
        return None
    return user if int(expires) > time.time() else None


def csrf_token(secret: bytes, cookie: str) -> str:
    """The CSRF token bound to one session cookie."""
    return _sign(secret, "csrf:" + cookie)[:32]
