"""Build (once) the graph the benchmarks need: the whole shared ROR registry (v2 + v1) and every list of concern,
with all derivations, in ``bench/.data`` (or ``--data-dir``). Reused when it exists.

    python bench/full_graph.py [--data-dir DIR] [--rebuild]
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from graph import open_store
from ingest.lists.registry import list_sources
from ingest.run import derive, ingest
from ingest.sources.ror import SOURCE as ROR
from rskg.settings import Settings

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = HERE / ".data"


def build(data_dir: Path = DEFAULT_DIR, *, rebuild: bool = False, workers: int = 2) -> Settings:
    settings = Settings(data_dir=data_dir, workers=workers)
    if settings.db_path.exists() and settings.index_dir.exists() and not rebuild:
        return settings
    shutil.rmtree(data_dir, ignore_errors=True)
    started = time.perf_counter()
    ror = settings.shared_data / "ror"
    with open_store(settings) as store:
        ingest(ROR, store, settings, [ror / "ror_records_latest_v2.jsonl.gz",
                                      ror / "ror_records_latest_v1schema.jsonl.gz"], progress=True)
        for source in list_sources().values():
            ingest(source, store, settings, progress=True)
        derive(store, settings)
    print(f"full graph built in {time.perf_counter() - started:.0f} s at {data_dir}")
    return settings


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    build(args.data_dir, rebuild=args.rebuild)
