"""Benchmark: the full ROR ingest with SHACL validation, at 10k records and at all 51k (v2 + v1 files), to show
that the cost grows linearly. Each size runs in a fresh process and database; peak memory is the largest
resident set of the main process and of its validation workers.

    python bench/ingest_ror.py [--shared ../shared/data] [--workers 2] [--repeat 1]

Prints a table and writes it to bench/results/ingest_ror.md. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _child(paths: list[str], workers: int, again: bool) -> None:
    from graph.ladybug import LadybugStore
    from ingest.pipeline import run_ingest
    from ingest.sources.ror import SOURCE
    from queries.stats import content_checksum

    with tempfile.TemporaryDirectory() as tmp:
        store = LadybugStore(Path(tmp) / "graph.lbdb")
        store.ensure_schema()
        load_before = os.getloadavg()[0]
        started, cpu = time.perf_counter(), time.process_time()
        report = run_ingest(SOURCE, [Path(p) for p in paths], store, Path(tmp) / "q", workers=workers, progress=False)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        second_run: dict[str, object] = {}
        if again:  # the same files ingested again into the same database: every record already stored
            before = content_checksum(store)
            started = time.perf_counter()
            second = run_ingest(SOURCE, [Path(p) for p in paths], store, Path(tmp) / "q", workers=workers,
                                progress=False)
            second_run = {"again_seconds": time.perf_counter() - started, "again_reconciles": second.reconciles,
                          "again_unchanged": content_checksum(store) == before}
        store.close()
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"records": report.records_read, "loaded": report.records_loaded,
                      "quarantined": report.records_quarantined, "relations": report.relations_read,
                      "seconds": seconds, "main_cpu": cpu, "workers_cpu": children.ru_utime + children.ru_stime,
                      "load": [load_before, os.getloadavg()[0]],
                      "peak_rss_mib": max(own.ru_maxrss, children.ru_maxrss) / 1024,
                      "reconciles": report.reconciles, **second_run}))


def _subset(source: Path, count: int, out: Path) -> Path:
    with gzip.open(source, "rt", encoding="utf-8") as handle, out.open("w", encoding="utf-8") as sink:
        sink.writelines(islice(handle, count))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--again", action="store_true", help="also ingest the same files a second time into the "
                        "same database and time that (a re-run: every record is already stored)")
    parser.add_argument("--sizes", default="10k,51k", help="comma-separated: 10k, 51k")
    parser.add_argument("--child", nargs="*")
    args = parser.parse_args()
    if args.child is not None:
        _child(args.child, args.workers, args.again)
        return
    ror = args.shared / "ror"
    v2, v1 = ror / "ror_records_latest_v2.jsonl.gz", ror / "ror_records_latest_v1schema.jsonl.gz"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sizes = {"10k (v2 subset)": [str(_subset(v2, 10_000, Path(tmp) / "v2_10k.jsonl"))],
                 "51k (v2 + v1, all)": [str(v2), str(v1)]}
        wanted = args.sizes.split(",")
        for label, paths in sizes.items():
            if label.split()[0] not in wanted:
                continue
            flags = ["--workers", str(args.workers)] + (["--again"] if args.again else [])
            out = subprocess.run([sys.executable, __file__, *flags, "--child", *paths],
                                 check=True, capture_output=True, text=True, env={**os.environ})
            result = json.loads(out.stdout.strip().splitlines()[-1])
            result["label"] = label
            result["per_second"] = result["records"] / result["seconds"]
            rows.append(result)
            print(f"{label}: {result}", file=sys.stderr)
    lines = ["| size | records | quarantined | relations | wall s | records/s | CPU s (main + workers) | "
             "CPU µs/record | load average (start, end) | peak RSS MiB | reconciles |"
             + (" again: wall s | again: reconciles, checksum unchanged |" if args.again else ""),
             "|---|---|---|---|---|---|---|---|---|---|---|" + ("---|---|" if args.again else "")]
    lines += [f"| {r['label']} | {r['records']:,} | {r['quarantined']} | {r['relations']:,} | {r['seconds']:.1f} | "
              f"{r['per_second']:.0f} | {r['main_cpu']:.1f} + {r['workers_cpu']:.1f} | "
              f"{(r['main_cpu'] + r['workers_cpu']) / r['records'] * 1e6:.0f} | "
              f"{r['load'][0]:.1f}, {r['load'][1]:.1f} | {r['peak_rss_mib']:.0f} | {r['reconciles']} |"
              + (f" {r['again_seconds']:.1f} | {r['again_reconciles']}, {r['again_unchanged']} |" if args.again else "")
              for r in rows]
    if len(rows) == 2:
        ratio = rows[1]["seconds"] / rows[1]["records"] / (rows[0]["seconds"] / rows[0]["records"])
        lines.append(f"\nCost per record at 51k ÷ at 10k: {ratio:.2f} (1.0 = linear).")
    lines.append(f"\nWorkers: {args.workers}; "
                 f"machine: {os.cpu_count()} cores, shared (see the load average: above 2, other work took CPU "
                 f"from this run, and CPU µs/record is the steadier figure). Target: ≥ 2,000 records/s.")
    table = "\n".join(lines)
    print(table)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "ingest_ror.md").write_text(
        f"# ROR ingest with validation ({time.strftime('%Y-%m-%d')})\n\n"
        f"`python bench/ingest_ror.py {' '.join(sys.argv[1:])}`\n\n{table}\n",
        encoding="utf-8")


if __name__ == "__main__":
    main()
