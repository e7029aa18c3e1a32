"""Derivation "exposure": for every organisation, the shortest paths (up to ``MAX_HOPS`` relations) to the
entities that carry a listing or an end-use flag, classified as *inherited* (hierarchy up or down, succession,
ownership, supervision, all in one direction) or *connection* (any other chain). Stored as EXPOSED_TO
relationships so that screening at query time is resolution plus look-ups (issue: batches of thousands).

Identity links (SAME_AS, list entry ↔ registry organisation) cost no hop. Which listings are in force is decided
at query time (it depends on ``as_of``); so are the validity dates of dated edges, which each step keeps.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import math
import re
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
    """Each organisation's edges, in the order of their rows' JSON text (see :func:`_in_row_order`).

    The row dicts are let go as they are read and every IRI is kept once: at a million organisations the 3.5
    million rows would otherwise be held beside the adjacency built from them."""
    adjacency: dict[str, list[Edge]] = defaultdict(list)
    one: dict[str, str] = {}
    rows: list[Any] = store.query("exposure_edges")
    for i, row in enumerate(rows):
        rows[i] = None
        a, b = one.setdefault(row["a"], row["a"]), one.setdefault(row["b"], row["b"])
        if a == b:
            continue
        forward_kind, backward_kind = KINDS[row["rel"]]
        meta = tuple((k, row[k]) for k in _META if row[k] is not None)
        adjacency[a].append(Edge(b, row["rel"], True, forward_kind, meta))
        adjacency[b].append(Edge(a, row["rel"], False, backward_kind, meta))
    for node, edges in adjacency.items():
        if len(edges) > 1:
            adjacency[node] = _in_row_order(node, edges)
    return adjacency


_META = ("source", "record", "start_date", "end_date", "score")
_PLAIN = re.compile(r"[#-\[\]-~]*\Z")  # printable ASCII above '"', but not '\': JSON writes it as it is
_NULL = "\x7f"  # after every plain string, as null comes after any string or number in JSON text


def _in_row_order(node: str, edges: list[Edge]) -> list[Edge]:
    """A node's edges sorted by the JSON text of their rows (keys sorted): of paths of equal length the search
    keeps the first it meets, so the result must not depend on the order the backend returns rows in (which
    changes when relations are rewritten, e.g. by a restarted ingest). Sorting each node's edges gives the order
    one sort of all rows would give, and the text is written only when a value is not plain."""
    rows = [(node, e.to, e) if e.forward else (e.to, node, e) for e in edges]
    fast = [_plain_key(a, b, e.rel, e.meta) for a, b, e in rows]
    keys: list[Any] = fast if all(k is not None for k in fast) else [_json_key(a, b, e.rel, e.meta) for a, b, e in rows]
    return [edges[i] for i in sorted(range(len(edges)), key=keys.__getitem__)]


def _json_key(a: str, b: str, rel: str, meta: tuple[tuple[str, Any], ...]) -> str:
    row: dict[str, Any] = dict.fromkeys(_META)
    row.update(meta)
    row.update(a=a, b=b, rel=rel)
    return json.dumps(row, sort_keys=True, default=str)


def _plain_key(a: str, b: str, rel: str, meta: tuple[tuple[str, Any], ...]) -> tuple[Any, ...] | None:
    """The values in the JSON text's key order, comparing as that text does; None unless every string is
    plain (then quoting changes no comparison), every other value a date (written as its ISO text) and the
    score a float in [0, 10) written without exponent (then its text compares as the number)."""
    values = dict(meta)
    score = values.get("score")
    if score is None:
        score_key = math.inf
    elif type(score) is float and 0.0 <= score < 10.0 and "e" not in repr(score):
        score_key = score
    else:
        return None
    texts: list[str] = []
    for value in (a, b, values.get("end_date"), values.get("record"), rel, values.get("source"),
                  values.get("start_date")):
        if value is None:
            texts.append(_NULL)
            continue
        if not isinstance(value, str | datetime.date):
            return None
        text = str(value)
        if _PLAIN.match(text) is None:
            return None
        texts.append(text)
    return (*texts[:5], score_key, *texts[5:])


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
