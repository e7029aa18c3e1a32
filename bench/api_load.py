"""Load test of ``POST /screen`` on loopback (run by hand, never by the test suite).

Starts ``rskg serve`` (uvicorn) in a subprocess on a free port against an ingested RSKG data dir, makes a
screening key, then runs:

1. a fixed arrival rate (default 50 requests/s for 60 s): target zero errors and p95 <= 150 ms;
2. a closed loop of N concurrent clients (default 50 for 60 s): target zero errors; p50/p95, throughput.

    RSKG_DATA_DIR=/path/to/data .venv/bin/python bench/api_load.py [--rate 50] [--clients 50] [--seconds 60]

Partner names are drawn from a fixed list of names in the ROR sample (and a few that resolve to nothing).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

NAMES = [
    "Harbin Institute of Technology",
    "Harbin Engineering University",
    "University of Victoria",
    "Beijing Institute of Aeronautical Materials",
    "Aviation Industry Corporation of China",
    "University of Amsterdam",
    "Northwestern Polytechnical University",
    "HIT",
    "BIAM",
    "University of Northern British Columbia",
    "Qqqq Nothing Institute",
    "https://ror.org/01yqg2h08",
]


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add_error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def report(self, title: str) -> str:
        lat = sorted(self.latencies)
        if not lat:
            return f"{title}: no successful requests; errors {self.errors}"
        p50 = statistics.median(lat) * 1000
        p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))] * 1000
        rate = len(lat) / self.seconds if self.seconds else 0.0
        return (
            f"{title}: {len(lat)} ok, errors {sum(self.errors.values())} {self.errors or ''}; "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {lat[-1] * 1000:.1f} ms; throughput {rate:.1f}/s"
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _make_key(env: dict[str, str]) -> str:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from rskg.cli import main; main()",
            "keys",
            "create",
            "--role",
            "screening",
            "--name",
            "bench",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


def _start(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    code = "from rskg.cli import main; import sys; sys.argv=['rskg','serve','--port'," + repr(str(port)) + "]; main()"
    proc = subprocess.Popen([sys.executable, "-c", code], env={**env, "RSKG_LOG_LEVEL": "WARNING"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).json()["status"] == "ok":
                return proc
        except (httpx.HTTPError, ValueError):
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("the server did not become healthy within 120 s")


async def _one(client: httpx.AsyncClient, result: Result, rng: random.Random) -> None:
    started = time.perf_counter()
    try:
        response = await client.post("/screen", json={"query": rng.choice(NAMES)})
    except httpx.HTTPError as exc:
        result.add_error(type(exc).__name__)
        return
    if response.status_code != 200:
        result.add_error(str(response.status_code))
        return
    result.latencies.append(time.perf_counter() - started)


async def fixed_rate(base: str, key: str, rate: float, seconds: float) -> Result:
    result, rng = Result(), random.Random(1)
    limits = httpx.Limits(max_connections=500, max_keepalive_connections=100)
    async with httpx.AsyncClient(base_url=base, headers={"X-API-Key": key}, timeout=30, limits=limits) as client:
        tasks: list[asyncio.Task[None]] = []
        start = time.perf_counter()
        for i in range(int(rate * seconds)):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(_one(client, result, rng)))
        await asyncio.gather(*tasks)
        result.seconds = time.perf_counter() - start
    return result


async def closed_loop(base: str, key: str, clients: int, seconds: float) -> Result:
    result = Result()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, headers={"X-API-Key": key}, timeout=30, limits=limits) as client:
        start = time.perf_counter()
        end = start + seconds

        async def worker(n: int) -> None:
            rng = random.Random(n)
            while time.perf_counter() < end:
                await _one(client, result, rng)

        await asyncio.gather(*(worker(n) for n in range(clients)))
        result.seconds = time.perf_counter() - start
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=1, help="`rskg serve --workers`")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(Path(__file__).resolve().parent.parent))
    port = _free_port()
    key = _make_key(env)
    proc = _start(env, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(closed_loop(base, key, 4, 5))  # warm-up
        rate = asyncio.run(fixed_rate(base, key, args.rate, args.seconds))
        print(rate.report(f"fixed rate {args.rate:g}/s for {args.seconds:g} s"))
        p95 = sorted(rate.latencies)[int(0.95 * len(rate.latencies))] if rate.latencies else float("inf")
        print(f"  target: zero errors and p95 <= 150 ms: {'PASS' if not rate.errors and p95 <= 0.150 else 'FAIL'}")
        loop = asyncio.run(closed_loop(base, key, args.clients, args.seconds))
        print(loop.report(f"{args.clients} concurrent clients for {args.seconds:g} s"))
        print(f"  target: zero errors: {'PASS' if not loop.errors else 'FAIL'}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
