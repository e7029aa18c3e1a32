"""Benchmark: ingest and screening at scale on the embedded engine — the real ROR registry (51k, v2 + v1) and
SYNTHETIC registries of 100k and 1M organisations (bench/synthetic.py; kept in bench/.synthetic, never mixed with
real data: each size gets its own fresh data directory).

Per size, in fresh child processes (so peak memory is per process, with its children):

* **bulk**, in three processes as the commands run it (``rskg ingest ror-bulk --no-derive``, ``rskg ingest
  lists``, then the API or ``rskg screen``): ``ingest.bulk.run_bulk`` (rows → Parquet → ``COPY``); the lists
  (validated path: the real lists at 51k, the SYNTHETIC §1286 file otherwise), then each derivation timed on its
  own in ``ingest.derivations.ORDER`` (resolver index, link, resolver_merged, exposure), with resident and peak
  memory after each; screening: index load, first (cold) screen, and p50/p95 over a seeded sample of names (half
  listed, half registry) with ``queries.screen.report.screen``; on-disk size of the data directory (database +
  resolver index). The run's peak memory is the largest of the three processes';
* **validated**: ``ingest.pipeline.run_ingest`` with 2 workers (SHACL per batch) at 51k and 100k only; 1M is
  extrapolated from 100k (the path is linear: bench/ingest_ror.py) and marked so.

Wall time and CPU time (user + system, process + children) are both recorded: the machine is shared, and CPU
seconds are less sensitive to what else runs. Results are written after every run (bench/results/scale.json,
scale.md), so a partial run keeps what it measured.

    python bench/scale.py [--sizes 51k,100k,1M] [--modes bulk,validated] [--names 200]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
RESULTS = HERE / "results"
SIZES = {"51k": 0, "100k": 100_000, "1M": 1_000_000}
TARGETS = {"bulk_per_s": 20_000, "validated_per_s": 2_000, "screen_p95_ms": 200, "peak_rss_mib": 6 * 1024}


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def _rss_mib(field: str = "VmRSS") -> int:
    """Resident memory now (``VmRSS``) or the peak so far (``VmHWM``) of this process (Linux; 0 elsewhere)."""
    status = Path("/proc/self/status")
    if not status.exists():
        return 0
    line = next(x for x in status.read_text().splitlines() if x.startswith(f"{field}:"))
    return int(line.split()[1]) // 1024


def _timed(out: dict[str, Any], key: str, func: Any, *args: Any, **kwargs: Any) -> Any:
    wall, cpu = time.perf_counter(), _cpu()
    result = func(*args, **kwargs)
    out[f"{key}_s"] = round(time.perf_counter() - wall, 2)
    out[f"{key}_cpu_s"] = round(_cpu() - cpu, 2)
    print(f"  {key}: {out[f'{key}_s']} s wall, {out[f'{key}_cpu_s']} s CPU", file=sys.stderr, flush=True)
    return result


def _inputs(size: str, shared: Path) -> tuple[list[Path], list[tuple[str, list[Path] | None]]]:
    """ROR files and list sources (dataset key, files or None for the shared default) for a size."""
    if size == "51k":
        ror = shared / "ror"
        from ingest.lists.registry import list_sources

        return ([ror / "ror_records_latest_v2.jsonl.gz", ror / "ror_records_latest_v1schema.jsonl.gz"],
                [(key, None) for key in list_sources()])
    from synthetic import generate

    files = generate(SIZES[size])
    return [files["ror"]], [("us_dod_section1286", [files["list"]])]


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def child_load(size: str, data_dir: Path, shared: Path) -> dict[str, Any]:
    """The bulk load, as ``rskg ingest ror-bulk --no-derive`` (its own process)."""
    from graph import open_store
    from ingest.bulk import run_bulk
    from ingest.sources.ror import SOURCE as ROR
    from rskg.settings import Settings

    out: dict[str, Any] = {}
    ror_files, _ = _inputs(size, shared)
    settings = Settings(data_dir=data_dir, workers=2, shared_data=shared)
    with open_store(settings) as store:
        report = _timed(out, "bulk", run_bulk, ROR, ror_files, store, settings.quarantine_dir, progress=False)
    out.update(records=report.records_read, loaded=report.records_loaded, quarantined=report.records_quarantined,
               relations=report.relations_read, reconciles=report.reconciles, peak_rss_bulk_mib=round(_peak_mib()))
    return out


def child_lists(size: str, data_dir: Path, shared: Path) -> dict[str, Any]:
    """The lists, then every derivation timed on its own, as ``rskg ingest lists`` (its own process): the lists
    on one store, the derivations on a store opened afresh."""
    from graph import open_store
    from ingest.derivations import ORDER
    from ingest.lists.registry import list_sources
    from ingest.run import derive_fresh, ingest
    from rskg.settings import Settings

    out: dict[str, Any] = {}
    _, lists = _inputs(size, shared)
    settings = Settings(data_dir=data_dir, workers=2, shared_data=shared)
    with open_store(settings) as store:
        sources = list_sources()
        wall, cpu = time.perf_counter(), _cpu()
        for key, files in lists:
            ingest(sources[key], store, settings, files, progress=False)
        out["lists_s"], out["lists_cpu_s"] = round(time.perf_counter() - wall, 2), round(_cpu() - cpu, 2)
    out["lists_peak_mib"] = _rss_mib("VmHWM")
    for name in ORDER:  # as derive_fresh runs them: in this order, each in a child process of its own
        _timed(out, f"derive_{name}", derive_fresh, settings, [name])
        out[f"derive_{name}_rss_mib"], out[f"derive_{name}_peak_mib"] = _rss_mib(), round(_peak_mib())
    with open_store(settings, read_only=True) as store:
        out["exposed_to"] = store.count_rels("EXPOSED_TO")
        out["same_as"] = store.count_rels("SAME_AS")
        out["organisations"] = store.count("Organisation")
    out["peak_rss_ingest_mib"] = round(_peak_mib())
    out["disk_mib"] = round(_du(data_dir) / 2**20)
    out["db_mib"] = round(_du(data_dir / "graph.lbdb") / 2**20) if (data_dir / "graph.lbdb").is_dir() else round(
        (data_dir / "graph.lbdb").stat().st_size / 2**20)
    return out


def child_screen(data_dir: Path, shared: Path, names: int) -> dict[str, Any]:
    """Screening in a fresh process, as the API or ``rskg screen`` does: load the saved index, then screen."""
    from graph import open_store
    from queries.resolver import ResolverIndex
    from queries.screen.report import screen
    from rskg.settings import Settings

    out: dict[str, Any] = {}
    settings = Settings(data_dir=data_dir, workers=2, shared_data=shared)
    index = _timed(out, "index_load", ResolverIndex.load, settings.index_dir)
    with open_store(settings, read_only=True) as store:
        rows = store.query("org_names")
        rng = random.Random(7)
        listed = [r["name"] for r in rows if r["name"] and not str(r["iri"]).startswith("https://ror.org/")]
        registry = [r["name"] for r in rows if r["name"] and str(r["iri"]).startswith("https://ror.org/")]
        half = min(names // 2, len(listed))
        sample = rng.sample(listed, half) + rng.sample(registry, names - half)
        del rows, listed, registry
        _timed(out, "screen_first", screen, store, index, sample[0])
        latencies = []
        decisions: dict[str, int] = {}
        for name in sample:
            t0 = time.perf_counter()
            result = screen(store, index, name)
            latencies.append((time.perf_counter() - t0) * 1000)
            decisions[result.resolution.decision] = decisions.get(result.resolution.decision, 0) + 1
    out["screens"] = len(latencies)
    out["screen_decisions"] = decisions
    out["screen_p50_ms"] = round(statistics.median(latencies), 1)
    out["screen_p95_ms"] = round(statistics.quantiles(latencies, n=20)[18], 1)
    out["peak_rss_screen_mib"] = round(_peak_mib())
    return out


def _run_child(args: argparse.Namespace, phase: str, size: str, directory: Path) -> dict[str, Any] | None:
    command = [sys.executable, __file__, "--names", str(args.names), "--shared", str(args.shared),
               "--child", phase, size, str(directory)]
    proc = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        return None
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def child_validated(size: str, data_dir: Path, shared: Path) -> dict[str, Any]:
    from graph import open_store
    from ingest.pipeline import run_ingest
    from ingest.sources.ror import SOURCE as ROR
    from rskg.settings import Settings

    out: dict[str, Any] = {"size": size, "mode": "validated"}
    ror_files, _ = _inputs(size, shared)
    settings = Settings(data_dir=data_dir, workers=2, shared_data=shared)
    with open_store(settings) as store:
        report = _timed(out, "validated", run_ingest, ROR, ror_files, store, settings.quarantine_dir, workers=2,
                        progress=False)
    out.update(records=report.records_read, loaded=report.records_loaded, quarantined=report.records_quarantined,
               reconciles=report.reconciles, peak_rss_mib=round(_peak_mib()))
    return out


# ------------------------------------------------------------------ the table
def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}{unit}"
    if isinstance(value, int):
        return f"{value:,}{unit}"
    return f"{value}{unit}"


def table(runs: list[dict[str, Any]]) -> str:
    bulk = {r["size"]: r for r in runs if r["mode"] == "bulk"}
    valid = {r["size"]: r for r in runs if r["mode"] == "validated"}
    sizes = [s for s in SIZES if s in bulk or s in valid]
    if "100k" in valid and "1M" not in valid:
        v = valid["100k"]
        valid["1M"] = {"validated_per_s": v["validated_per_s"], "extrapolated": True,
                       "validated_s": v["validated_s"] * 10, "validated_cpu_s": v["validated_cpu_s"] * 10}
        sizes = [s for s in SIZES if s in bulk or s in valid]

    def cell(size: str, source: dict[str, dict[str, Any]], key: str, unit: str = "") -> str:
        return _fmt(source.get(size, {}).get(key), unit)

    def rate(size: str, source: dict[str, dict[str, Any]], key: str) -> str:
        row = source.get(size, {})
        text = _fmt(row.get(f"{key}_per_s"), "/s")
        cpu = row.get(f"{key}_per_cpu_s")
        text += f" ({cpu:,.0f}/CPU-s)" if cpu else ""
        return text + (" *extrapolated*" if row.get("extrapolated") else "")

    lines = [f"| measure | {' | '.join(sizes)} | target (1M) |", "|---" * (len(sizes) + 2) + "|"]
    rows = [
        ("organisations (records read)", [cell(s, bulk, "records") for s in sizes], ""),
        ("relationship statements", [cell(s, bulk, "relations") for s in sizes], ""),
        ("bulk ingest: wall s (CPU s)", [f"{cell(s, bulk, 'bulk_s')} ({cell(s, bulk, 'bulk_cpu_s')})"
                                         for s in sizes], ""),
        ("bulk ingest: organisations/s", [rate(s, bulk, "bulk") for s in sizes], "≥ 20,000/s"),
        ("validated ingest: wall s (CPU s)", [f"{cell(s, valid, 'validated_s')} ({cell(s, valid, 'validated_cpu_s')})"
                                              for s in sizes], ""),
        ("validated ingest: organisations/s", [rate(s, valid, "validated") for s in sizes], "≥ 2,000/s"),
        ("lists (validated): s", [cell(s, bulk, "lists_s") for s in sizes], ""),
        ("derive resolver index: s (CPU s)", [f"{cell(s, bulk, 'derive_resolver_s')} "
                                              f"({cell(s, bulk, 'derive_resolver_cpu_s')})" for s in sizes], ""),
        ("derive link: s (CPU s)", [f"{cell(s, bulk, 'derive_link_s')} ({cell(s, bulk, 'derive_link_cpu_s')})"
                                    for s in sizes], ""),
        ("derive resolver_merged: s (CPU s)", [f"{cell(s, bulk, 'derive_resolver_merged_s')} "
                                               f"({cell(s, bulk, 'derive_resolver_merged_cpu_s')})" for s in sizes],
         ""),
        ("derive exposure: s (CPU s)", [f"{cell(s, bulk, 'derive_exposure_s')} "
                                        f"({cell(s, bulk, 'derive_exposure_cpu_s')})" for s in sizes], ""),
        ("EXPOSED_TO paths", [cell(s, bulk, "exposed_to") for s in sizes], ""),
        ("resolver index load: s", [cell(s, bulk, "index_load_s") for s in sizes], ""),
        ("first screen (cold tables): s", [cell(s, bulk, "screen_first_s") for s in sizes], ""),
        ("screen p50 ms", [cell(s, bulk, "screen_p50_ms") for s in sizes], ""),
        ("screen p95 ms", [cell(s, bulk, "screen_p95_ms") for s in sizes], "≤ 200 ms"),
        ("peak RSS MiB (bulk run, incl. children)", [cell(s, bulk, "peak_rss_mib") for s in sizes], "≤ 6,144"),
        ("peak RSS MiB (bulk load alone)", [cell(s, bulk, "peak_rss_bulk_mib") for s in sizes], ""),
        ("peak RSS MiB (validated run)", [cell(s, valid, "peak_rss_mib") for s in sizes], ""),
        ("on disk MiB (database; + index)", [f"{cell(s, bulk, 'db_mib')} ({cell(s, bulk, 'disk_mib')})"
                                             for s in sizes], ""),
    ]
    lines += [f"| {name} | {' | '.join(values)} | {target} |" for name, values, target in rows]
    return "\n".join(lines)


def save(runs: list[dict[str, Any]], note: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(runs, indent=1), encoding="utf-8")
    text = (f"# Scale benchmark ({time.strftime('%Y-%m-%d %H:%M')})\n\n`python bench/scale.py` — see "
            f"docs/performance.md. 100k and 1M are SYNTHETIC (bench/synthetic.py).\n\n{table(runs)}\n\n{note}\n")
    (RESULTS / "scale.md").write_text(text, encoding="utf-8")
    print(table(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="51k,100k,1M")
    parser.add_argument("--modes", default="bulk,validated")
    parser.add_argument("--names", type=int, default=200)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=HERE / ".synthetic" / "runs")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "SIZE", "DIR"))
    parser.add_argument("--keep", action="store_true", help="keep previous results for sizes not run now")
    args = parser.parse_args()
    if args.child:
        phase, size, directory = args.child
        children = {
            "bulk-load": lambda: child_load(size, Path(directory), args.shared),
            "bulk-lists": lambda: child_lists(size, Path(directory), args.shared),
            "bulk-screen": lambda: child_screen(Path(directory), args.shared, args.names),
            "validated": lambda: child_validated(size, Path(directory), args.shared),
        }
        print(json.dumps(children[phase]()))
        return
    runs: list[dict[str, Any]] = []
    if args.keep and (RESULTS / "scale.json").exists():
        runs = json.loads((RESULTS / "scale.json").read_text(encoding="utf-8"))
    note = (f"Machine: {os.cpu_count()} cores, shared with other work; load average at start "
            f"{os.getloadavg()[0]:.1f}. Rates are organisations per wall second (and per CPU second).")
    for size in args.sizes.split(","):
        for mode in args.modes.split(","):
            if mode == "validated" and size == "1M":
                continue
            directory = args.work / f"{size}-{mode}"
            shutil.rmtree(directory, ignore_errors=True)
            print(f"{size} {mode} …", file=sys.stderr, flush=True)
            started = time.perf_counter()
            # bulk: load, lists + derivations, screening, each in its own process as the commands run them
            phases = ["bulk-load", "bulk-lists", "bulk-screen"] if mode == "bulk" else ["validated"]
            result = {"size": size, "mode": mode}
            for phase in phases:
                part = _run_child(args, phase, size, directory)
                if part is None:
                    result["error"] = f"{phase} failed"
                    break
                result.update(part)
            if "error" in result:
                runs.append(result)
                save(runs, note)
                continue
            if mode == "bulk":  # the whole run's peak: the largest of its processes'
                result["peak_rss_mib"] = max(result[k] for k in ("peak_rss_bulk_mib", "peak_rss_ingest_mib",
                                                                 "peak_rss_screen_mib"))
            result["total_s"] = round(time.perf_counter() - started, 1)
            key = "bulk" if mode == "bulk" else "validated"
            result[f"{key}_per_s"] = round(result["records"] / result[f"{key}_s"])
            result[f"{key}_per_cpu_s"] = round(result["records"] / max(result[f"{key}_cpu_s"], 1e-3))
            result["load_average"] = round(os.getloadavg()[0], 1)
            runs = [r for r in runs if (r["size"], r["mode"]) != (size, mode)] + [result]
            save(runs, note)
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
