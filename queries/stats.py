"""What is in the graph: counts per node label and relationship type, the last ingest runs, and a content
checksum (sha256 over a sorted canonical export of the domain data, run records excluded)."""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel

from graph import GraphStore


class Stats(BaseModel):
    nodes: dict[str, int]
    relationships: dict[str, int]
    runs: list[dict[str, object]]
    checksum: str


def content_checksum(store: GraphStore) -> str:
    """Order-independent of load order: every row is canonical JSON, and rows are sorted before hashing."""
    lines = sorted(
        json.dumps([kind, row], sort_keys=True, ensure_ascii=False, default=str) for kind, row in store.export_rows()
    )
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def stats(store: GraphStore, runs: int = 5) -> Stats:
    return Stats(
        nodes={label: store.count(label) for label in sorted(store.schema.nodes)},
        relationships={rtype: store.count_rels(rtype) for rtype in sorted(store.schema.rels)},
        runs=store.runs(runs),
        checksum=content_checksum(store),
    )
