"""The web page's session cookie and CSRF tokens.

The cookie holds a random session token whose live session is kept in the case store
(`interdict.cases.sessions`), so logout, key revocation and role changes end it at once. Each form
carries a CSRF token, an HMAC of the cookie under a secret in `<data dir>/web-secret` (created on
first use, mode 0600), so several worker processes agree. The cookie is HttpOnly and SameSite=Strict.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
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


def csrf_token(secret: bytes, cookie: str) -> str:
    """The CSRF token bound to one session cookie."""
    return _sign(secret, "csrf:" + cookie)[:32]
