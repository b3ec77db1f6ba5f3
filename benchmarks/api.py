"""HTTP screening throughput: requests/s and p50/p99 latency of `POST /v1/screen` with concurrent clients.

Starts a real server (uvicorn, `interdict.api.app:create_app`) on 127.0.0.1 over a throw-away data
directory holding the real UN consolidated list (and OFAC's consolidated non-SDN list), then runs
asyncio clients for a bounded time. Queries mix listed names (some misspelt) with names that are not
listed, as a customer base does. Prints one JSON object with the figures.

    .venv/bin/python benchmarks/api.py --seconds 10 --concurrency 16 --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

UNLISTED = [
    "Maria Gonzalez",
    "Jan de Vries",
    "Olena Shevchenko",
    "Acme Shipping Ltd",
    "Li Wei",
    "John Smith",
    "Fatima Zahra",
    "Nordic Timber AB",
    "Park Min-jun",
    "Sofia Rossi",
    "Hans Mueller",
    "Aiko Tanaka",
]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(home: Path, lists: list[Path]) -> tuple[str, list[str]]:
    """Load the lists, build the index cache, create an API key; answers (key, listed names)."""
    os.environ["INTERDICT_HOME"] = str(home)
    from interdict.cases import users
    from interdict.cases.store import CaseStore
    from interdict.services.screening import load_store_index
    from tests.api.servers import load_lists

    load_lists(home, lists)
    index = load_store_index()  # also writes the on-disk index cache the workers read
    store = CaseStore()
    with store.write() as s:
        users.create_user(s, users.SYSTEM, "bench", "analyst")
        key = users.create_key(s, users.SYSTEM, "bench", "bench")
    store.close()
    return key, [e.primary_name for e in index.entities]


def queries(listed: list[str], n: int, seed: int = 7) -> list[dict[str, str]]:
    """Half listed names (a third of them with one letter dropped), half unlisted names."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % 2:
            out.append({"name": rng.choice(UNLISTED)})
            continue
        name = rng.choice(listed)
        if i % 3 == 0 and len(name) > 6:
            cut = rng.randrange(1, len(name) - 1)
            name = name[:cut] + name[cut + 1 :]
        out.append({"name": name})
    return out


def encode(host: str, key: str, body: dict[str, str]) -> bytes:
    """One keep-alive `POST /v1/screen` as raw HTTP/1.1 bytes."""
    data = json.dumps(body).encode()
    head = (
        f"POST /v1/screen HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
    )
    return head.encode() + data


async def read_response(reader: asyncio.StreamReader) -> int:
    """Read one response; answers its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = next(
        int(v) for k, _, v in (ln.partition(":") for ln in lines[1:]) if k.lower() == "content-length"
    )
    await reader.readexactly(length)
    return status


async def run_clients(
    port: int, key: str, bodies: list[dict[str, str]], seconds: float, concurrency: int
) -> tuple[list[float], int, int]:
    """`concurrency` keep-alive connections send requests until the time is up.

    A minimal HTTP/1.1 client on asyncio streams: a full client library costs more CPU per request
    than the server does, and on a 2-core machine it would measure itself.
    """
    latencies: list[float] = []
    errors = 0
    payloads = [encode(f"127.0.0.1:{port}", key, b) for b in bodies]
    deadline = time.perf_counter() + seconds

    async def worker(offset: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        i = offset
        try:
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                writer.write(payloads[i % len(payloads)])
                i += concurrency
                try:
                    ok = await read_response(reader) == 200
                except (asyncio.IncompleteReadError, ConnectionError, StopIteration):
                    ok = False
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                latencies.append(time.perf_counter() - start)
                errors += 0 if ok else 1
        finally:
            writer.close()

    await asyncio.gather(*(worker(n) for n in range(concurrency)))
    return latencies, errors, len(latencies)


def start_server(home: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    """uvicorn with the app factory, `workers` processes."""
    env = dict(os.environ, INTERDICT_HOME=str(home))
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "interdict.api.app:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    return subprocess.Popen(cmd, env=env, cwd=REPO)


def wait_ready(url: str, key: str, workers: int) -> None:
    """Wait until every worker has loaded its index (a few screening calls each)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            ok = [
                httpx.post(
                    f"{url}/v1/screen",
                    json={"name": "warm up"},
                    headers={"Authorization": f"Bearer {key}"},
                    timeout=60,
                ).status_code
                == 200
                for _ in range(workers * 4)
            ]
            if all(ok):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("server did not become ready")


def main() -> None:
    """Parse arguments, run the benchmark, print the figures."""
    from interdict.core import config

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    shared = config.shared_data_dir()
    if shared is None:
        sys.exit("needs ../shared/data (the real UN list)")
    lists = [shared / "lists/un/consolidated.xml", shared / "lists/ofac/consolidated.xml"]
    with tempfile.TemporaryDirectory(prefix="interdict-bench-") as tmp:
        home = Path(tmp)
        key, listed = prepare(home, lists)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = start_server(home, port, args.workers)
        try:
            wait_ready(url, key, args.workers)
            bodies = queries(listed, 2000)
            start = time.perf_counter()
            lat, errors, total = asyncio.run(run_clients(port, key, bodies, args.seconds, args.concurrency))
            elapsed = time.perf_counter() - start
            sample = httpx.post(
                f"{url}/v1/screen",
                json={"name": listed[0]},
                headers={"Authorization": f"Bearer {key}"},
                timeout=30,
            )
            found = len(sample.json()["candidates"]) if sample.status_code == 200 else -sample.status_code
        finally:
            server.terminate()
            server.wait(30)
    lat.sort()
    print(
        json.dumps(
            {
                "entities": len(listed),
                "sample": {"query": listed[0], "candidates": found},
                "workers": args.workers,
                "concurrency": args.concurrency,
                "seconds": round(elapsed, 2),
                "requests": total,
                "errors": errors,
                "requests_per_second": round(total / elapsed, 1),
                "p50_ms": round(statistics.median(lat) * 1000, 2),
                "p99_ms": round(lat[int(len(lat) * 0.99) - 1] * 1000, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
