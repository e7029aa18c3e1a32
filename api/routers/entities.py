"""Entities: one organisation or person in full, its neighbourhood for drawing, and paths between two."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import ScreeningUser, StoreDep
from api.errors import responses
from queries.network import MAX_HOPS, MAX_NODES, Entity, Network, entity, network
from queries.paths import MAX_PATHS, Paths, shortest_paths

router = APIRouter(tags=["entities"])
ERRORS = responses(400, 401, 403, 404, 408, 422, 503)
EntityId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=1000,
        examples=["01yqg2h08"],
        description="The entity's IRI (URL-encoded) or a ROR id",
    ),
]


@router.get(
    "/entities/{entity_id:path}/network",
    response_model=Network,
    responses=ERRORS,
    summary="The entity's neighbourhood: nodes and edges for drawing, bounded",
)
def get_network(
    entity_id: EntityId,
    store: StoreDep,
    who: ScreeningUser,
    hops: Annotated[int, Query(ge=1, le=MAX_HOPS)] = 1,
    limit: Annotated[int, Query(ge=1, le=MAX_NODES, description="At most this many nodes")] = MAX_NODES,
) -> Network:
    return network(store, entity_id, hops, max_nodes=limit)


@router.get(
    "/entities/{entity_id:path}",
    response_model=Entity,
    responses=ERRORS,
    summary="An organisation (names, identifiers, hierarchy, relations) or a person",
)
def get_entity(entity_id: EntityId, store: StoreDep, who: ScreeningUser) -> Entity:
    return entity(store, entity_id)


@router.get(
    "/paths",
    response_model=Paths,
    responses=ERRORS,
    summary="Shortest paths (at most six relations) between two organisations or persons",
)
def get_paths(
    store: StoreDep,
    who: ScreeningUser,
    from_: Annotated[str, Query(alias="from", min_length=1, max_length=1000, examples=["0099j7t54"])],
    to: Annotated[str, Query(min_length=1, max_length=1000, examples=["02wq41p38"])],
    limit: Annotated[int, Query(ge=1, le=MAX_PATHS)] = 10,
) -> Paths:
    return shortest_paths(store, from_, to, limit)
