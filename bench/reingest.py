"""Ingest every list again into a copy of the whole graph: how long it takes, whether it changed anything, and
whether every relationship reads the same from its source node, from its target node and by a scan.

    python bench/reingest.py [--data-dir DIR] [--sample N] [--sources NAME ...]

The graph is ``bench/full_graph.py``'s (built once, reused). A re-run must leave it as it was: the content
checksum is compared before and after, and for each relationship table a sample of source and of target nodes
is looked up by IRI and compared with a scan of the table (``graph.check``, as ``rskg check`` does). On
LadybugDB 0.22 relationships updated in place (``MERGE … SET``) failed the forward lookups (see
``graph/ladybug.py``, ``upsert_rels``). Writes bench/results/reingest.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.full_graph import DEFAULT_DIR, build  # noqa: E402
from graph import open_store  # noqa: E402
from graph.check import check_reads  # noqa: E402
from ingest.lists.registry import list_sources  # noqa: E402
from ingest.run import ingest  # noqa: E402
from queries.stats import content_checksum  # noqa: E402
from rskg.settings import Settings  # noqa: E402

RESULTS = REPO / "bench" / "results" / "reingest.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--sample", type=int, default=1000, help="nodes looked up per table and direction")
    parser.add_argument("--sources", nargs="*", help="list datasets to ingest again (default: all)")
    args = parser.parse_args()
    built = build(args.data_dir)
    names = args.sources or sorted(list_sources())
    with tempfile.TemporaryDirectory(prefix="rskg-reingest-") as tmp:
        settings = Settings(data_dir=Path(tmp), shared_data=built.shared_data, workers=2)
        shutil.copyfile(built.db_path, settings.db_path)
        with open_store(settings) as store:
            before = content_checksum(store)
            started = time.perf_counter()
            for name in names:
                ingest(list_sources()[name], store, settings, progress=False)
            seconds = time.perf_counter() - started
            same = content_checksum(store) == before
            checks = check_reads(store, args.sample)
    lines = [
        "# Lists ingested again into the whole graph",
        "",
        "Produced by `bench/reingest.py` on a copy of `bench/full_graph.py`'s graph.",
        "",
        f"- ingested again: {len(names)} list dataset(s) in {seconds:.1f} s",
        f"- content checksum unchanged: {'yes' if same else 'NO'}",
        "",
        "| relationships | edges | sources looked up | read otherwise | targets looked up | read otherwise |",
        "|---|---|---|---|---|---|",
        *(f"| {c.table} | {c.relationships} | {c.sources} | {c.sources_wrong} | {c.targets} | {c.targets_wrong} |"
          for c in checks),
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    sys.exit(0 if same and all(c.ok for c in checks) else 1)


if __name__ == "__main__":
    main()
