"""Ingest every list again into a copy of the whole graph: how long it takes, whether it changed anything, and
whether every relationship reads the same from its source node, from its target node and by a scan.

    python bench/reingest.py [--data-dir DIR] [--sample N] [--sources NAME ...]

The graph is ``bench/full_graph.py``'s (built once, reused). A re-run must leave it as it was: the content
checksum is compared before and after, and for each relationship table a sample of source and of target nodes
is looked up by IRI and compared with a scan of the table. On LadybugDB 0.22 relationships updated in place
(``MERGE … SET``) failed the forward lookups (see ``graph/ladybug.py``, ``upsert_rels``). Writes
bench/results/reingest.md.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.full_graph import DEFAULT_DIR, build  # noqa: E402
from graph import open_store  # noqa: E402
from graph.base import GraphStore  # noqa: E402
from ingest.lists.registry import list_sources  # noqa: E402
from ingest.run import ingest  # noqa: E402
from queries.stats import content_checksum  # noqa: E402
from rskg.settings import Settings  # noqa: E402

RESULTS = REPO / "bench" / "results" / "reingest.md"


def _read(store: GraphStore, text: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
    return store.read_cypher(text, params, timeout_s=600, row_cap=10**8)[1]


def wrong_reads(store: GraphStore, sample: int, seed: int = 7) -> list[tuple[str, int, int, int, int, int]]:
    """Per relationship table and pair of labels: (name, edges, sources checked, sources read otherwise by
    lookup, targets checked, targets read otherwise)."""
    rnd = random.Random(seed)
    out = []
    for rtype, spec in sorted(store.schema.rels.items()):
        for start, end in sorted(spec.ends):
            rows = _read(store, f"MATCH (a:{start})-[e:{rtype}]->(b:{end}) RETURN a.iri, e.iri, b.iri")
            if not rows:
                continue
            forward: dict[str, set[tuple[Any, Any]]] = defaultdict(set)
            backward: dict[str, set[tuple[Any, Any]]] = defaultdict(set)
            for a, e, b in rows:
                forward[a].add((e, b))
                backward[b].add((a, e))
            sources = rnd.sample(sorted(forward), min(sample, len(forward)))
            targets = rnd.sample(sorted(backward), min(sample, len(backward)))
            bad_f = sum(
                {tuple(r) for r in _read(store, f"MATCH (a:{start} {{iri: $i}})-[e:{rtype}]->(b:{end}) "
                                                "RETURN e.iri, b.iri", {"i": a})} != forward[a]
                for a in sources
            )
            bad_b = sum(
                {tuple(r) for r in _read(store, f"MATCH (a:{start})-[e:{rtype}]->(b:{end} {{iri: $i}}) "
                                                "RETURN a.iri, e.iri", {"i": b})} != backward[b]
                for b in targets
            )
            out.append((f"{rtype} {start}→{end}", len(rows), len(sources), bad_f, len(targets), bad_b))
    return out


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
            checks = wrong_reads(store, args.sample)
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
        *(f"| {name} | {edges} | {ns} | {bf} | {nt} | {bb} |" for name, edges, ns, bf, nt, bb in checks),
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    bad = sum(c[3] + c[5] for c in checks)
    sys.exit(0 if same and bad == 0 else 1)


if __name__ == "__main__":
    main()
