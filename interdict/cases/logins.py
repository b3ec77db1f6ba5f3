"""Web login throttling: failed attempts per user name and per client address, each one audited.

More than `USER_LIMIT` failures for one user name, or `ADDRESS_LIMIT` from one address, within
`WINDOW` answer 429 without checking the password. Counting lives in the case store, so several
server processes share it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from interdict.cases import audit
from interdict.cases.tables import LoginAttempt

WINDOW = timedelta(minutes=15)
USER_LIMIT = 5
ADDRESS_LIMIT = 20


def blocked(session: Session, user_name: str, address: str) -> bool:
    """Whether this user name or this address has failed too often within the window."""
    since = datetime.now(UTC) - WINDOW
    by_user = session.execute(
        select(func.count()).where(LoginAttempt.user_name == user_name, LoginAttempt.at > since)
    ).scalar_one()
    if by_user >= USER_LIMIT:
        return True
    by_address = session.execute(
        select(func.count()).where(LoginAttempt.address == address, LoginAttempt.at > since)
    ).scalar_one()
    return bool(by_address >= ADDRESS_LIMIT)


def failed(session: Session, user_name: str, address: str, method: str) -> None:
    """Count and audit one failed login (the name as typed: it may not be a user)."""
    session.add(LoginAttempt(at=datetime.now(UTC), user_name=user_name[:100], address=address[:100]))
    audit.record(
        session,
        "anonymous",
        "web.login_failed",
        "user",
        user_name[:300],
        {"address": address, "with": method},
    )


def succeeded(session: Session, user_name: str) -> None:
    """Forget a user's failures after a successful login."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.user_name == user_name))
    cutoff = datetime.now(UTC) - 2 * WINDOW
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < cutoff))
