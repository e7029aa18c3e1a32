"""What is this entity, and what is around it? An organisation or person in full, and its neighbourhood as
nodes and edges for drawing: breadth-first, hop by hop, over the relations between organisations and persons,
bounded in nodes and edges so that a hub (a ministry with hundreds of institutes) cannot flood the page.

Each node carries the legal effect of its strongest listing (if it is itself a list entry with a listing).
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, Field

from graph import GraphStore
from queries.org import OrgDetail, detail
from queries.screen.models import EFFECT_RANK, LegalEffect
from rskg.errors import InputError, NotFoundError

# Relations between organisations and persons that a drawing follows (not lists, editions or areas).
RELATIONS: tuple[str, ...] = (
    "SUB_ORGANISATION_OF",
    "SUCCEEDED_BY",
    "SUPERVISED_BY",
    "OWNED_BY",
    "RELATED_TO",
    "SAME_AS",
    "AFFILIATED_WITH",
    "FUNDED_BY",
    "COAUTHORED_WITH",
)
EFFECTS: tuple[LegalEffect, ...] = tuple(sorted(get_args(LegalEffect), key=EFFECT_RANK.__getitem__))
MAX_HOPS = 3
MAX_NODES = 300
MAX_EDGES = 1000
ROR_ID_LENGTH = 9


class EntityLink(BaseModel):
    type: str = Field(..., examples=["AFFILIATED_WITH"])
    direction: Literal["out", "in"]
    iri: str
    name: str | None = None
    label: str = Field(..., examples=["Organisation"])
    source: str | None = None
    record: str | None = None


class PersonDetail(BaseModel):
    iri: str
    name: str | None = None
    alt_names: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    orcid: str | None = None
    source: str | None = None
    links: list[EntityLink] = Field(default_factory=list)


class Entity(BaseModel):
    """An organisation (``organisation`` set) or a person (``person`` set)."""

    iri: str = Field(..., examples=["https://ror.org/01yqg2h08"])
    kind: Literal["organisation", "person"]
    organisation: OrgDetail | None = None
    person: PersonDetail | None = None


class NetNode(BaseModel):
    iri: str = Field(..., examples=["https://ror.org/01yqg2h08"])
    name: str | None = Field(default=None, examples=["Harbin Institute of Technology"])
    label: str = Field(..., examples=["Organisation"])
    countries: list[str] = Field(default_factory=list)
    source: str | None = Field(default=None, examples=["ror"])
    hops: int = Field(..., ge=0, description="Distance from the entity drawn (0: the entity itself)")
    legal_effect: LegalEffect | None = Field(
        default=None, description="Effect of its strongest listing, if any"
    )
    lists: list[str] = Field(default_factory=list, description="Keys of the lists it appears in")


class NetEdge(BaseModel):
    from_: str = Field(..., alias="from", examples=["https://ror.org/0099j7t54"])
    to: str = Field(..., examples=["https://ror.org/02wq41p38"])
    relation: str = Field(..., examples=["SUB_ORGANISATION_OF"])
    source: str | None = Field(default=None, examples=["ror"])

    model_config = {"populate_by_name": True}


class Network(BaseModel):
    center: str
    hops: int
    nodes: list[NetNode]
    edges: list[NetEdge]
    truncated: bool = Field(..., description="True when the node or edge bound cut the neighbourhood off")


def iri_of(entity_id: str) -> str:
    """An IRI as given, or a bare ROR id (``01yqg2h08``) as its ROR IRI."""
    text = entity_id.strip()
    if not text:
        raise InputError("empty entity id")
    if len(text) == ROR_ID_LENGTH and text.startswith("0") and text.isalnum():
        return f"https://ror.org/{text}"
    return text


def _kind(store: GraphStore, iri: str) -> tuple[str, dict[str, Any]]:
    rows = store.query("entity_kind", {"iri": iri})
    if not rows:
        raise NotFoundError(f"no organisation or person {iri}")
    return str(rows[0]["label"]), dict(rows[0]["n"] or {})


def entity(store: GraphStore, entity_id: str, limit: int = 500) -> Entity:
    """An organisation in full (:func:`queries.org.detail`) or a person with its relations."""
    iri = iri_of(entity_id)
    label, node = _kind(store, iri)
    if label == "Organisation":
        return Entity(iri=iri, kind="organisation", organisation=detail(store, iri, limit))
    links = [EntityLink(**row) for row in store.query("entity_links", {"iri": iri, "limit": limit})]
    person = PersonDetail(
        iri=iri,
        name=node.get("name"),
        alt_names=node.get("alt_names") or [],
        countries=node.get("countries") or [],
        orcid=node.get("orcid"),
        source=node.get("source"),
        links=links,
    )
    return Entity(iri=iri, kind="person", person=person)


def _strongest(effects: list[str]) -> LegalEffect | None:
    for effect in EFFECTS:
        if effect in effects:
            return effect
    return None


def network(
    store: GraphStore,
    entity_id: str,
    hops: int = 1,
    *,
    max_nodes: int = MAX_NODES,
    max_edges: int = MAX_EDGES,
) -> Network:
    """The entity's neighbourhood up to ``hops`` relations away (1..3), at most ``max_nodes`` nodes."""
    if not 1 <= hops <= MAX_HOPS:
        raise InputError(f"hops must be between 1 and {MAX_HOPS}")
    iri = iri_of(entity_id)
    _kind(store, iri)
    distance: dict[str, int] = {iri: 0}
    edges: dict[tuple[str, str, str], NetEdge] = {}
    truncated = False
    frontier = [iri]
    for hop in range(1, hops + 1):
        if not frontier or truncated:
            break
        params = {"iris": frontier, "types": list(RELATIONS), "limit": max_edges + 1}
        rows = store.query("network_out", params) + store.query("network_in", params)
        nxt: list[str] = []
        for row in sorted(rows, key=lambda r: (r["from"], r["relation"], r["to"])):
            ends = (row["from"], row["to"])
            for end in ends:
                if end not in distance:
                    if len(distance) >= max_nodes:
                        truncated = True
                        break
                    distance[end] = hop
                    nxt.append(end)
            if all(end in distance for end in ends):
                if len(edges) >= max_edges:
                    truncated = True
                    break
                key = (row["from"], row["relation"], row["to"])
                edges[key] = NetEdge(
                    **{
                        "from": row["from"],
                        "to": row["to"],
                        "relation": row["relation"],
                        "source": row.get("source"),
                    }
                )
        frontier = nxt
    iris = list(distance)
    info = {row["iri"]: row for row in store.query("network_nodes", {"iris": iris})}
    effects: dict[str, list[str]] = {}
    lists: dict[str, list[str]] = {}
    for row in store.query("network_listings", {"iris": iris}):
        effects.setdefault(row["iri"], []).append(row.get("legal_effect") or "")
        lists.setdefault(row["iri"], []).append(str(row["list"]))
    blank: dict[str, Any] = {}
    nodes = [
        NetNode(
            iri=i,
            name=info.get(i, blank).get("name"),
            label=info.get(i, blank).get("label") or "Organisation",
            countries=info.get(i, blank).get("countries") or [],
            source=info.get(i, blank).get("source"),
            hops=distance[i],
            legal_effect=_strongest(effects.get(i, [])),
            lists=sorted(set(lists.get(i, []))),
        )
        for i in iris
    ]
    return Network(center=iri, hops=hops, nodes=nodes, edges=list(edges.values()), truncated=truncated)
