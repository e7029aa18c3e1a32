"""Benchmark of the bulk registry load alone (``ingest.bulk.run_bulk``: read → rows → COPY into a fresh embedded
database), one fresh process per input so peak RSS is that load's own.

    python bench/bulk.py                       # real 51k (v2) and the SYNTHETIC 100k and 1M files
    python bench/bulk.py --inputs 100k --repeat 3
    python bench/bulk.py --inputs real-v2+v1   # the real registry as loaded: v2 then v1

Inputs: ``real`` (v2 file), ``real-v2+v1``, ``100k``, ``1M`` (bench/.synthetic, made by bench/synthetic.py), or
paths. Prints one line per run: records, wall s, CPU s (all threads), peak RSS MiB, organisations per wall
second and per CPU second, the load average before the run; ``--json`` writes them to a file. Databases go to
``--work`` (default /tmp/bulk/bench) and are deleted after each run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SYNTHETIC = REPO / "bench" / ".synthetic"
REAL = Path("/work/shared/data/ror")
INPUTS = {
    "real": [REAL / "ror_records_latest_v2.jsonl.gz"],
    "real-v2+v1": [REAL / "ror_records_latest_v2.jsonl.gz", REAL / "ror_records_latest_v1schema.jsonl.gz"],
    "100k": [SYNTHETIC / "ror_SYNTHETIC_100000.jsonl.gz"],
    "1M": [SYNTHETIC / "ror_SYNTHETIC_1000000.jsonl.gz"],
}


def _child(work: Path, files: list[str]) -> None:
    """Run one bulk load in this (fresh) process and print its measures as JSON."""
    sys.path.insert(0, str(REPO))
    from graph.ladybug import LadybugStore
    from ingest.bulk import run_bulk
    from ingest.sources.ror import SOURCE

    with LadybugStore(work / "graph.lbdb") as store:
        store.ensure_schema()
        wall, cpu = time.perf_counter(), time.process_time()
        report = run_bulk(SOURCE, [Path(f) for f in files], store, work / "quarantine", workdir=work,
                          progress=False)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        organisations = store.count("Organisation")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"records": report.records_read, "loaded": report.records_loaded,
                      "quarantined": report.records_quarantined, "relations": report.relations_read,
                      "organisations": organisations, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                      "peak_rss_mib": round(peak), "per_wall_s": round(report.records_read / wall),
                      "per_cpu_s": round(report.records_read / cpu), "reconciles": report.reconciles}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", nargs="+", default=["real", "100k", "1M"])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bulk" / "bench")
    parser.add_argument("--json", type=Path, help="write the results here as well")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.work, args.child)
        return
    results = []
    for name in args.inputs:
        files = [str(p) for p in INPUTS.get(name, [Path(name)])]
        for run in range(args.repeat):
            shutil.rmtree(args.work, ignore_errors=True)
            args.work.mkdir(parents=True)
            load = os.getloadavg()[0]
            out = subprocess.run([sys.executable, __file__, "--work", str(args.work), "--child", *files],
                                 check=True, capture_output=True, text=True, cwd=REPO)
            result = {"input": name, "run": run + 1, "load_avg_1m": round(load, 2), **json.loads(out.stdout)}
            results.append(result)
            print(f"{name} #{run + 1}: {result['records']:,} records ({result['relations']:,} relations) "
                  f"wall {result['wall_s']} s, CPU {result['cpu_s']} s, peak RSS {result['peak_rss_mib']:,} MiB, "
                  f"{result['per_wall_s']:,}/s ({result['per_cpu_s']:,}/CPU-s), load avg {load:.1f}", flush=True)
            shutil.rmtree(args.work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
