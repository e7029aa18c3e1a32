"""Who is this organisation? Look one up by ROR id / IRI, name, alias, acronym or label in any script, and show
it in full (names, identifiers, parents up to the root, children, other relations), or every match briefly."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from graph import GraphStore
from rskg.errors import NotFoundError

NAME_FIELDS = (
    ("name", "preferred"),
    ("alt_names", "alternative"),
    ("acronyms", "acronym"),
    ("labels", "label"),
)
ID_FIELDS = ("wikidata", "isni", "fundref", "grid", "lei", "registry_ids", "identifiers")


class OrgSummary(BaseModel):
    iri: str
    name: str
    countries: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)
    status: str | None = None
    acronyms: list[str] = Field(default_factory=list)
    source: str | None = None


class OrgName(BaseModel):
    value: str
    type: str
    lang: str | None = None


class OrgLink(BaseModel):
    type: str
    direction: str  # "out" (this → other) or "in" (other → this)
    iri: str
    name: str | None
    label: str
    source: str | None = None


class OrgDetail(OrgSummary):
    names: list[OrgName]
    identifiers: dict[str, list[str]]
    established: int | None = None
    websites: list[str] = Field(default_factory=list)
    cities: list[str] = Field(default_factory=list)
    release: str | None = None
    ancestors: list[list[OrgSummary]] = Field(default_factory=list, description="Chains from the parent up to a root")
    children: list[OrgLink] = Field(default_factory=list)
    links: list[OrgLink] = Field(default_factory=list)


class OrgLookup(BaseModel):
    query: str
    matches: list[OrgSummary]
    detail: OrgDetail | None = None


def _iri_of(query: str) -> str:
    text = query.strip()
    if text.startswith("http"):
        return text
    if len(text) == 9 and text.startswith("0") and text.isalnum():
        return f"https://ror.org/{text}"
    return text


def find(store: GraphStore, query: str, limit: int = 200) -> list[OrgSummary]:
    rows = store.query("org_find", {"q": query.strip().lower(), "iri": _iri_of(query), "limit": limit})
    return [OrgSummary(**{k: v for k, v in row.items() if v is not None}) for row in rows]


def _names(node: dict[str, Any]) -> list[OrgName]:
    names: list[OrgName] = []
    for field, kind in NAME_FIELDS:
        values = node.get(field)
        langs = node.get(f"{field}_langs") if isinstance(values, list) else node.get(f"{field}_lang")
        if isinstance(values, str):
            names.append(OrgName(value=values, type=kind, lang=langs or None))
        for i, value in enumerate(values or [] if isinstance(values, list) else []):
            lang = langs[i] if isinstance(langs, list) and i < len(langs) else None
            names.append(OrgName(value=value, type=kind, lang=lang or None))
    return names


def _ancestor_chains(store: GraphStore, iri: str) -> list[list[OrgSummary]]:
    rows = store.query("org_ancestors", {"iri": iri})
    paths = [list(zip(row["iris"], row["names"], strict=True))[1:] for row in rows]
    longest = [p for p in paths if not any(len(q) > len(p) and q[: len(p)] == p for q in paths)]
    return [[OrgSummary(iri=i, name=n or i) for i, n in chain] for chain in sorted(longest)]


def detail(store: GraphStore, iri: str, limit: int = 500) -> OrgDetail:
    rows = store.query("org_node", {"iri": iri})
    if not rows or not rows[0]["o"].get("name"):
        raise NotFoundError(f"no organisation {iri}")
    node: dict[str, Any] = rows[0]["o"]
    links = [OrgLink(direction="out", **row) for row in store.query("org_links_out", {"iri": iri, "limit": limit})]
    links += [OrgLink(direction="in", **row) for row in store.query("org_links_in", {"iri": iri, "limit": limit})]
    children = [link for link in links if link.type == "SUB_ORGANISATION_OF" and link.direction == "in"]
    others = [link for link in links if link.type != "SUB_ORGANISATION_OF"]
    return OrgDetail(
        iri=iri,
        name=node["name"],
        countries=node.get("countries") or [],
        kinds=node.get("kinds") or [],
        status=node.get("status"),
        acronyms=node.get("acronyms") or [],
        source=node.get("source"),
        names=_names(node),
        identifiers={f: node[f] for f in ID_FIELDS if node.get(f)},
        established=node.get("established"),
        websites=node.get("websites") or [],
        cities=node.get("cities") or [],
        release=node.get("release"),
        ancestors=_ancestor_chains(store, iri),
        children=sorted(children, key=lambda c: (c.name or "", c.iri)),
        links=others,
    )


def lookup(store: GraphStore, query: str) -> OrgLookup:
    """One organisation in full when the query names exactly one, else every match briefly. List entries linked
    (SAME_AS) to one organisation count as that organisation: "Harbin Engineering University" names the ROR
    organisation and four list entries linked to it, and is shown in full (the entries among its relations)."""
    matches = find(store, query)
    if not matches:
        raise NotFoundError(f"no organisation is named {query!r} (try `rskg resolve` for fuzzy matching)")
    linked = _linked_to(store, [m.iri for m in matches])
    meant = dict.fromkeys(linked.get(m.iri, m.iri) for m in matches)
    full = detail(store, next(iter(meant))) if len(meant) == 1 else None
    return OrgLookup(query=query, matches=matches, detail=full)


def _linked_to(store: GraphStore, iris: list[str]) -> dict[str, str]:
    """Each list entry among ``iris`` linked (SAME_AS) to one organisation, with that organisation."""
    targets: dict[str, set[str]] = {}
    for row in store.query("org_same_as", {"iris": iris}):
        targets.setdefault(str(row["entry"]), set()).add(str(row["target"]))
    return {entry: next(iter(found)) for entry, found in targets.items() if len(found) == 1}
