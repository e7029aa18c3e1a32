"""How are two entities connected? All shortest paths (at most six relations, either direction) between two
organisations or persons, each step with its relation, direction as stored, and source.

LadybugDB: ``-[* ALL SHORTEST 1..6]-``; Neo4j: ``allShortestPaths``. A step is ``forward`` when the stored
relationship starts at the node before it on the path.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph import GraphStore
from queries.network import iri_of
from queries.screen.models import Step
from rskg.errors import InputError, NotFoundError

MAX_PATHS = 50


class Path(BaseModel):
    hops: int = Field(..., examples=[2])
    steps: list[Step]


class Paths(BaseModel):
    from_iri: str = Field(..., examples=["https://ror.org/0099j7t54"])
    to_iri: str = Field(..., examples=["https://ror.org/02wq41p38"])
    paths: list[Path] = Field(
        ..., description="Shortest paths, all of the same length; empty: not connected within six relations"
    )


def _exists(store: GraphStore, iri: str) -> None:
    if not store.query("entity_kind", {"iri": iri}):
        raise NotFoundError(f"no organisation or person {iri}")


def shortest_paths(store: GraphStore, from_id: str, to_id: str, limit: int = 10) -> Paths:
    if not 1 <= limit <= MAX_PATHS:
        raise InputError(f"limit must be between 1 and {MAX_PATHS}")
    start, end = iri_of(from_id), iri_of(to_id)
    if start == end:
        raise InputError("from and to are the same entity")
    _exists(store, start)
    _exists(store, end)
    rows = store.query("paths_shortest", {"from": start, "to": end, "limit": limit})
    paths: list[Path] = []
    seen: set[tuple[str, ...]] = set()
    for row in rows:
        iris, names, ids = row["iris"], row["names"], row["ids"]
        key = (*iris, *row["types"])
        if key in seen:
            continue
        seen.add(key)
        steps = [
            Step(
                from_iri=iris[i],
                from_name=names[i],
                to_iri=iris[i + 1],
                to_name=names[i + 1],
                relation=row["types"][i],
                direction="forward" if row["srcs"][i] == ids[i] else "backward",
                source=row["sources"][i],
                record=row["records"][i],
            )
            for i in range(len(row["types"]))
        ]
        paths.append(Path(hops=len(steps), steps=steps))
    return Paths(from_iri=start, to_iri=end, paths=paths)
