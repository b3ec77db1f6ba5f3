"""The list store's state token remembered beside the database files, so that `interdict screen`
finds its cached index without opening DuckDB (importing and opening it was a fifth of its start).

The token (which active list versions there are) is read from the store as before and saved with
the identity of the database files as they were *before* it was read: device, inode, size,
modification and change times of the database and of its write-ahead log. A later reader trusts
the saved token only while those are all unchanged; any commit writes one of the two files and so
changes their times. A write within the file system clock's tick of the reading could leave the
times equal, so a state is remembered only once its files are older than `SETTLE_NS` (the "racy
git" rule): until then every reader asks the store. While a writer holds the store (a list load
or activation under way), readers ask the store too, and wait for it as they always did.
"""

from __future__ import annotations

import os
import struct
import sys
import tempfile
import time
from pathlib import Path

import orjson

from interdict.core import config

STATE_FILE = "screening-state.json"  # not under the cache's prefix: the cache cleanup keeps it
SETTLE_NS = 2_000_000_000


def files_key(database: Path) -> list[int]:
    """The identity of the database and its write-ahead log as they are now (zeros when absent)."""
    out: list[int] = []
    for path in (database, database.with_name(database.name + ".wal")):
        try:
            st = path.stat()
        except FileNotFoundError:
            out += [0, 0, 0, 0, 0]
            continue
        out += [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
    return out


def held_for_writing(database: Path) -> bool:
    """True when another process holds the database's write lock (DuckDB takes a POSIX lock on
    the whole file), or when that cannot be told on this platform. Only asks (F_GETLK): taking
    even a shared lock for a moment could make a starting list load fail to get its own."""
    if sys.platform != "linux":
        return True
    import fcntl

    layout = "hhqqi4x"  # struct flock on Linux: type, whence, start, len, pid
    try:
        fd = os.open(database, os.O_RDONLY)
    except OSError:
        return True
    try:
        probe = struct.pack(layout, fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)
        found = struct.unpack(layout, fcntl.fcntl(fd, fcntl.F_GETLK, probe))
    except OSError:
        return True
    finally:
        os.close(fd)
    return bool(found[0] != fcntl.F_UNLCK)


def remembered_token(database: Path) -> str | None:
    """The state token saved for the database files as they are now, if any (and no writer holds
    them)."""
    try:
        saved = orjson.loads((config.home() / STATE_FILE).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(saved, dict) or saved.get("database") != str(database.resolve()):
        return None
    token = saved.get("token")
    if saved.get("files") != files_key(database) or not isinstance(token, str):
        return None
    return None if held_for_writing(database) else token


def remember_token(database: Path, before: list[int], token: str) -> None:
    """Save `token`, read from the store whose files were `before` (taken before the read), when
    the files have not changed since and settled long enough that a change will show."""
    if before != files_key(database) or before[0] == 0:
        return
    newest = max(before[3], before[4], before[8], before[9])
    if time.time_ns() - newest < SETTLE_NS:
        return
    home = config.home()
    fd, tmp = tempfile.mkstemp(dir=home, prefix=STATE_FILE, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(orjson.dumps({"database": str(database.resolve()), "files": before, "token": token}))
        os.replace(tmp, home / STATE_FILE)
    except OSError:
        Path(tmp).unlink(missing_ok=True)  # only a missed shortcut: the next reader asks the store
