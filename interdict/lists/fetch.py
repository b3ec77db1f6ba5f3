"""Download the current official sanctions lists from their publishers (`interdict lists fetch`).

Each file is streamed to a hidden temporary file in the destination folder and renamed into place
only when it is complete and looks like a list Interdict reads, so a failed download leaves the
previous copy untouched and nothing half-written. The URL table can be overridden (a mapping or a
JSON/TOML file given as argument, or the file named by `$INTERDICT_LIST_URLS`), which is how the
tests point it at a local server and how a bank points it at its own mirror.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlparse

import httpx

from interdict.core.errors import InterdictError, ListFormatError

ENV_URLS = "INTERDICT_LIST_URLS"
USER_AGENT = "interdict/0.1 (sanctions screening; +https://github.com/interdict)"


@dataclass(frozen=True, slots=True)
class Source:
    """One official list publication."""

    url: str
    filename: str
    title: str


OFFICIAL_SOURCES: dict[str, Source] = {
    "un": Source(
        "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
        "un_consolidated.xml", "UN Security Council Consolidated List (XML)"),
    "ofac_sdn_advanced": Source(
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ADVANCED.XML",
        "sdn_advanced.xml", "OFAC SDN list, advanced XML"),
    "ofac_consolidated": Source(
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML",
        "consolidated.xml", "OFAC Consolidated (non-SDN) list, XML"),
    "ofac_sdn": Source(
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
        "sdn.xml", "OFAC SDN list, classic XML"),
    "eu": Source(
        "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
        "?token=dG9rZW4tMjAxNw",
        "eu_fsf.xml", "EU Financial Sanctions Files, consolidated list XML 1.1"),
    "uk": Source(
        "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
        "UK-Sanctions-List.xml", "UK Sanctions List (FCDO), XML"),
    "uk_ofsi": Source(
        "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
        "ConList.csv", "OFSI Consolidated List CSV (frozen by OFSI on 28 January 2026)"),
}
# Fetched when no names are given: every list that is still published (ofac_sdn would duplicate
# ofac_sdn_advanced, and OFSI's ConList is superseded by the FCDO list).
DEFAULT_NAMES: tuple[str, ...] = ("un", "ofac_sdn_advanced", "ofac_consolidated", "eu", "uk")

Progress = Callable[[str, int, int | None], None]  # (name, bytes so far, total bytes or None)


class ListFetchError(InterdictError):
    """A list could not be downloaded: names the list, the URL and the reason."""

    def __init__(self, name: str, url: str, reason: str) -> None:
        self.name = name
        self.url = url
        self.reason = reason
        super().__init__(f"cannot fetch list {name!r} from {url}: {reason}")


def load_url_table(path: Path) -> dict[str, str]:
    """A `{name: url}` table from a JSON or TOML file (TOML when the name ends in .toml)."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (OSError, ValueError) as exc:
        raise ListFormatError(str(path), None, f"a JSON or TOML table of list name = URL ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ListFormatError(str(path), None, "a table whose values are URLs (strings)")
    return {str(k): v for k, v in data.items()}


def source_urls(urls: Mapping[str, str] | Path | None = None) -> dict[str, str]:
    """The URL of each list: official, then `$INTERDICT_LIST_URLS`, then `urls` (each overriding)."""
    table = {name: source.url for name, source in OFFICIAL_SOURCES.items()}
    env = os.environ.get(ENV_URLS)
    if env:
        table.update(load_url_table(Path(env)))
    if isinstance(urls, Path):
        table.update(load_url_table(urls))
    elif urls:
        table.update(urls)
    return table


def fetch_lists(
    dest: Path,
    names: Iterable[str] | None = None,
    *,
    urls: Mapping[str, str] | Path | None = None,
    client: httpx.Client | None = None,
    timeout: float = 60.0,
    progress: Progress | None = None,
) -> list[Path]:
    """Download lists (default: `DEFAULT_NAMES`) into `dest`; returns the files written, in order.

    Stops at the first failure with a ListFetchError; files fetched before it stay, complete.
    """
    table = source_urls(urls)
    wanted = list(names) if names is not None else list(DEFAULT_NAMES)
    unknown = [n for n in wanted if n not in table]
    if unknown:
        raise ListFetchError(unknown[0], "-", f"unknown list; known lists: {', '.join(sorted(table))}")
    dest.mkdir(parents=True, exist_ok=True)
    own = client is None
    http = client or httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 20.0)), follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
    )
    try:
        return [_fetch_one(http, name, table[name], dest / _filename(name, table[name]), progress)
                for name in wanted]
    finally:
        if own:
            http.close()


def _filename(name: str, url: str) -> str:
    if name in OFFICIAL_SOURCES:
        return OFFICIAL_SOURCES[name].filename
    return Path(urlparse(url).path).name or f"{name}.dat"


def _fetch_one(http: httpx.Client, name: str, url: str, target: Path, progress: Progress | None) -> Path:
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            _download(http, name, url, out, progress)
        _check_is_list(name, url, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _download(http: httpx.Client, name: str, url: str, out: IO[bytes], progress: Progress | None) -> None:
    try:
        with http.stream("GET", url) as response:
            if response.status_code != 200:
                raise ListFetchError(name, url, f"HTTP {response.status_code} {response.reason_phrase}")
            total = response.headers.get("Content-Length")
            expected = int(total) if total and total.isdigit() else None
            for chunk in response.iter_bytes():
                out.write(chunk)
                if progress:
                    progress(name, response.num_bytes_downloaded, expected)
            # httpx already refuses a body shorter than its Content-Length; this is the belt to those braces.
            received = response.num_bytes_downloaded
            if expected is not None and received != expected:
                raise ListFetchError(name, url, f"connection ended after {received} of {expected} bytes")
            if received == 0:
                raise ListFetchError(name, url, "the server sent an empty file")
    except httpx.HTTPError as exc:
        raise ListFetchError(name, url, f"{type(exc).__name__}: {exc}") from exc


def _check_is_list(name: str, url: str, path: Path) -> None:
    """Refuse what is not a list (an HTML error page sent with status 200, a login form, …)."""
    from interdict.lists import formats  # late import: the registry imports every format module

    try:
        formats.detect(path)
    except ListFormatError as exc:
        reason = f"the response is not a list format Interdict reads ({exc.detail})"
        raise ListFetchError(name, url, reason) from exc
