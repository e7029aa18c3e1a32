"""Does every relationship read the same whichever way it is looked up? For each relationship table, a sample of
source nodes and of target nodes is looked up by IRI and compared with a scan of the table.

LadybugDB 0.22 answered lookups from the source node wrongly after relationships were updated in place
(``MERGE … SET``), which rskg did when a source was ingested again before 2026-11-22 (see
``graph/ladybug.py``, ``upsert_rels``, and docs/performance.md, "Loading again"). A database that fails this
check must be rebuilt: screening reads listings through such lookups.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph.base import GraphStore

_TIMEOUT_S = 600.0
_ROW_CAP = 10**9


@dataclass(frozen=True)
class ReadCheck:
    """One relationship table between two labels: how many relationships, how many source and target nodes were
    looked up, and how many of those read otherwise than the scan."""

    rtype: str
    start: str
    end: str
    relationships: int
    sources: int
    sources_wrong: int
    targets: int
    targets_wrong: int

    @property
    def ok(self) -> bool:
        return not (self.sources_wrong or self.targets_wrong)

    @property
    def table(self) -> str:
        return f"{self.rtype} {self.start}->{self.end}"


def _rows(store: GraphStore, text: str, params: dict[str, Any] | None = None) -> set[tuple[Any, ...]]:
    return {tuple(row) for row in store.read_cypher(text, params, timeout_s=_TIMEOUT_S, row_cap=_ROW_CAP)[1]}


def check_table(store: GraphStore, rtype: str, start: str, end: str, sample: int | None, seed: int = 7) -> ReadCheck:
    """Check one table; ``sample`` nodes per direction (``None``: every node). Labels and types come from the
    store's schema, never from input."""
    scanned = _rows(store, f"MATCH (a:{start})-[e:{rtype}]->(b:{end}) RETURN a.iri, e.iri, b.iri")
    forward: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    backward: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for a, e, b in scanned:
        forward[a].add((e, b))
        backward[b].add((a, e))
    rnd = random.Random(seed)  # noqa: S311 - a reproducible sample of nodes, not security

    def pick(nodes: dict[str, set[tuple[Any, ...]]]) -> list[str]:
        ordered = sorted(nodes)
        return ordered if sample is None or sample >= len(ordered) else rnd.sample(ordered, sample)

    sources, targets = pick(forward), pick(backward)
    from_source = f"MATCH (a:{start} {{iri: $iri}})-[e:{rtype}]->(b:{end}) RETURN e.iri, b.iri"
    from_target = f"MATCH (a:{start})-[e:{rtype}]->(b:{end} {{iri: $iri}}) RETURN a.iri, e.iri"
    return ReadCheck(
        rtype, start, end, len(scanned),
        len(sources), sum(_rows(store, from_source, {"iri": a}) != forward[a] for a in sources),
        len(targets), sum(_rows(store, from_target, {"iri": b}) != backward[b] for b in targets),
    )


def check_reads(store: GraphStore, sample: int | None = 1000, seed: int = 7) -> list[ReadCheck]:
    """Every relationship table of the schema, for each pair of labels it joins that holds relationships."""
    checks = []
    for rtype, spec in sorted(store.schema.rels.items()):
        for start, end in sorted(spec.ends):
            check = check_table(store, rtype, start, end, sample, seed)
            if check.relationships:
                checks.append(check)
    return checks
