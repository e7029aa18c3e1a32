"""Derivation "exposure": for every organisation, the shortest paths (up to ``MAX_HOPS`` relations) to the
entities that carry a listing or an end-use flag, classified as *inherited* (hierarchy up or down, succession,
ownership, supervision, all in one direction) or *connection* (any other chain). Stored as EXPOSED_TO
relationships so that screening at query time is resolution plus look-ups (issue: batches of thousands).

Identity links (SAME_AS, list entry ↔ registry organisation) cost no hop. Which listings are in force is decided
at query time (it depends on ``as_of``); so are the validity dates of dated edges, which each step keeps.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

from graph import GraphStore
from ingest.run import register_derivation
from rskg.settings import Settings

log = logging.getLogger(__name__)
MAX_HOPS = 4
PER_ORG = 25  # kept per exposed organisation: inherited first, then by legal effect and distance
END_USE_PREFIX = "https://w3id.org/rskg/taxonomy/end-use/"
EFFECT_RANK = {
    "binding_restriction": 0,
    "policy_exclusion": 1,
    "advisory": 2,
    "informational": 3,
    "end_use": 4,
}
# relation → (kind of a forward step, kind of a backward step): up/down for hierarchy-like, "same" for
# succession (direction-free), "identity" (no hop), "other" (makes the path a connection)
KINDS = {
    "SUB_ORGANISATION_OF": ("up", "down"),
    "OWNED_BY": ("up", "down"),
    "SUPERVISED_BY": ("up", "down"),
    "SUCCEEDED_BY": ("same", "same"),
    "SAME_AS": ("identity", "identity"),
    "RELATED_TO": ("other", "other"),
    "FUNDED_BY": ("other", "other"),
}


@dataclass(frozen=True, slots=True)
class Edge:
    to: str
    rel: str
    forward: bool
    kind: str
    meta: tuple[tuple[str, Any], ...]


def _adjacency(store: GraphStore) -> dict[str, list[Edge]]:
    adjacency: dict[str, list[Edge]] = defaultdict(list)
    # Sorted: of paths of equal length the search keeps the first it meets, so the result must not depend on the
    # order the backend returns rows in (which changes when relations are rewritten, e.g. by a restarted ingest).
    # Each row dict is replaced by (sort key, a, b, rel, meta) as it is read: at a million organisations the
    # dicts of 4 million relations would otherwise be held beside everything built from them.
    rows: list[Any] = store.query("exposure_edges")
    for i, row in enumerate(rows):
        meta = tuple((k, row[k]) for k in ("source", "record", "start_date", "end_date", "score") if row[k] is not None)
        rows[i] = (json.dumps(row, sort_keys=True, default=str), row["a"], row["b"], row["rel"], meta)
    rows.sort()
    for i, (_, a, b, rel, meta) in enumerate(rows):
        rows[i] = None
        if a == b:
            continue
        forward_kind, backward_kind = KINDS[rel]
        adjacency[a].append(Edge(b, rel, True, forward_kind, meta))
        adjacency[b].append(Edge(a, rel, False, backward_kind, meta))
    return adjacency


def _channel(kinds: list[str]) -> str:
    moves = {k for k in kinds if k in ("up", "down")}
    return "connection" if "other" in kinds or len(moves) > 1 else "inherited"


def _search(seed: str, adjacency: dict[str, list[Edge]]) -> dict[str, tuple[int, list[tuple[str, Edge]]]]:
    """0-1 BFS from a seed: every node within MAX_HOPS, with its path *from the seed* (identity hops free)."""
    best: dict[str, int] = {seed: 0}
    back: dict[str, tuple[str, Edge] | None] = {seed: None}
    queue: deque[tuple[str, int]] = deque([(seed, 0)])
    while queue:
        node, hops = queue.popleft()
        if hops > best.get(node, MAX_HOPS + 1):
            continue
        for edge in adjacency.get(node, ()):
            cost = hops + (0 if edge.kind == "identity" else 1)
            if cost > MAX_HOPS or cost >= best.get(edge.to, MAX_HOPS + 1):
                continue
            best[edge.to] = cost
            back[edge.to] = (node, edge)
            if edge.kind == "identity":
                queue.appendleft((edge.to, cost))
            else:
                queue.append((edge.to, cost))
    paths: dict[str, tuple[int, list[tuple[str, Edge]]]] = {}
    for node, hops in best.items():
        steps: list[tuple[str, Edge]] = []
        current = node
        while back[current] is not None:
            previous, edge = back[current]  # type: ignore[misc]
            steps.append((previous, edge))
            current = previous
        paths[node] = (hops, steps)
    return paths


def _step(frm: str, edge: Edge, names: dict[str, str | None]) -> dict[str, Any]:
    """A seed-outward edge (frm → edge.to) turned around, so the path reads subject → flagged entity."""
    return {
        "from_iri": edge.to,
        "from_name": names.get(edge.to),
        "relation": edge.rel,
        "direction": "backward" if edge.forward else "forward",
        "to_iri": frm,
        "to_name": names.get(frm),
        **dict(edge.meta),
    }


def _reverse_kind(edge: Edge) -> str:
    flip = {"up": "down", "down": "up"}
    return flip.get(edge.kind, edge.kind)


def compute(store: GraphStore) -> list[dict[str, Any]]:
    adjacency = _adjacency(store)
    seeds: dict[str, int] = {}
    for row in store.query("exposure_seeds", {"end_use_prefix": END_USE_PREFIX}):
        rank = EFFECT_RANK.get(str(row["effect"]), 5)
        seeds[row["iri"]] = min(rank, seeds.get(row["iri"], 9))
    names = {row["iri"]: row["name"] for row in store.query("org_names")}
    found: dict[str, list[tuple[tuple[int, int, int], dict[str, Any]]]] = defaultdict(list)
    for seed, rank in seeds.items():
        for node, (hops, steps) in _search(seed, adjacency).items():
            if hops == 0:
                continue  # the seed itself or its identity cluster: a direct listing, not an exposure
            ordered = [_step(frm, edge, names) for frm, edge in steps]  # node → … → seed
            channel = _channel([_reverse_kind(edge) for _, edge in steps])
            key = (0 if channel == "inherited" else 1, rank, hops)
            digest = hashlib.sha1(f"{node}|{seed}".encode(), usedforsecurity=False).hexdigest()[:20]
            found[node].append(
                (
                    key,
                    {
                        "iri": f"urn:rskg:exposure:{digest}",
                        "from": node,
                        "to": seed,
                        "hops": hops,
                        "channel": channel,
                        "path": json.dumps(ordered, ensure_ascii=False, sort_keys=True),
                        "source": "rskg_exposure",
                        "record": None,
                        "release": None,
                    },
                )
            )
    rows: list[dict[str, Any]] = []
    for candidates in found.values():
        candidates.sort(key=lambda item: (item[0], item[1]["to"]))
        rows.extend(row for _, row in candidates[:PER_ORG])
    return rows


@register_derivation("exposure")
def derive_exposure(store: GraphStore, settings: Settings) -> None:
    rows = compute(store)
    store.write("exposure_clear")
    for start in range(0, len(rows), store.batch_size):
        store.upsert_rels("EXPOSED_TO", "Organisation", "Organisation", rows[start : start + store.batch_size])
    log.info("exposure: %d paths for %d organisations", len(rows), len({r["from"] for r in rows}))
