"""Benchmark: screening latency and throughput with the whole registry and all lists loaded.

1,000 names drawn (seeded) half from list entries and half from registry organisations are screened one by one on
one core: p50 / p95 latency and screens per second. Then a batch of 10,000 names (`screen_many`, as
`rskg screen-batch` runs it) is timed end to end. Targets: p95 ≤ 50 ms, ≥ 50 screens/s, 10,000 names ≤ 120 s.

    python bench/screen.py [--data-dir bench/.data] [--names 1000] [--batch 10000]

Prints a table and writes bench/results/screen.md. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from full_graph import DEFAULT_DIR, build

from graph import open_store
from queries.resolver import ResolverIndex
from queries.screen.batch import screen_many
from queries.screen.report import screen

HERE = Path(__file__).resolve().parent


def _names(store: object, count: int, seed: int = 7) -> list[str]:
    rows = store.query("org_names")  # type: ignore[attr-defined]
    listed = [r["name"] for r in rows if r["name"] and not str(r["iri"]).startswith("https://ror.org/")]
    registry = [r["name"] for r in rows if r["name"] and str(r["iri"]).startswith("https://ror.org/")]
    rng = random.Random(seed)
    half = count // 2
    return rng.sample(listed, min(half, len(listed))) + rng.sample(registry, count - min(half, len(listed)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--names", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=10_000)
    args = parser.parse_args()
    settings = build(args.data_dir)
    index = ResolverIndex.load(settings.index_dir)
    with open_store(settings, read_only=True) as store:
        names = _names(store, args.names)
        screen(store, index, names[0])  # warm the per-process tables
        latencies = []
        started = time.perf_counter()
        for name in names:
            t0 = time.perf_counter()
            screen(store, index, name)
            latencies.append((time.perf_counter() - t0) * 1000)
        elapsed = time.perf_counter() - started
        batch_names = (names * (args.batch // len(names) + 1))[: args.batch]
        t0 = time.perf_counter()
        rows = sum(1 for _ in screen_many(store, index, batch_names))
        batch_seconds = time.perf_counter() - t0
    p50 = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[18]
    table = "\n".join([
        "| measure | value | target |", "|---|---|---|",
        f"| screens (names from lists and registry) | {len(latencies):,} | |",
        f"| p50 latency | {p50:.1f} ms | |",
        f"| p95 latency | {p95:.1f} ms | ≤ 50 ms |",
        f"| throughput, one core | {len(latencies) / elapsed:.0f} screens/s | ≥ 50 /s |",
        f"| batch of {rows:,} names | {batch_seconds:.1f} s | ≤ 120 s |",
    ])
    print(table)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "screen.md").write_text(
        f"# Screening with the whole registry and all lists ({time.strftime('%Y-%m-%d')})\n\n"
        f"`python bench/screen.py` — {settings.data_dir}\n\n{table}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
