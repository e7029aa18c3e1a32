"""The OpenRefine Reconciliation Service API (v0.2) over the resolver, so a spreadsheet of partners can be
reconciled against the registry organisations: a service manifest, and ``queries`` in, candidates out
(id = IRI, name, score 0–100, match, type)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from queries.resolver import ResolverIndex
from rskg.errors import InputError

MAX_QUERIES = 50
MAX_LIMIT = 25
COUNTRY_PIDS = ("country", "P17")
ORG_TYPE = {"id": "Organisation", "name": "Organisation"}


class RType(BaseModel):
    id: str = Field(..., examples=["Organisation"])
    name: str = Field(..., examples=["Organisation"])


class RProperty(BaseModel):
    model_config = ConfigDict(extra="ignore")

    pid: str = Field(..., max_length=100)
    v: Any = None


class RQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    query: str = Field(..., min_length=1, max_length=500)
    type: str | list[str] | None = None
    limit: int | None = Field(default=None, ge=1, le=1000)
    properties: list[RProperty] = Field(default_factory=list, max_length=20)
    type_strict: str | None = None


class RCandidate(BaseModel):
    id: str = Field(..., examples=["https://ror.org/01yqg2h08"])
    name: str = Field(..., examples=["Harbin Institute of Technology"])
    score: float = Field(..., ge=0, le=100, examples=[97.0])
    match: bool
    type: list[RType]


class RResult(BaseModel):
    result: list[RCandidate]


class RView(BaseModel):
    url: str


class Manifest(BaseModel):
    versions: list[str] = ["0.2"]
    name: str = "rskg organisations"
    identifierSpace: str = "https://ror.org/"
    schemaSpace: str = "https://w3id.org/rskg/ontology#"
    defaultTypes: list[RType] = [RType(**ORG_TYPE)]
    view: RView = RView(url="{{id}}")


_QUERIES = TypeAdapter(dict[str, RQuery])


def parse_queries(text: str) -> dict[str, RQuery]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"queries is not valid JSON ({exc.msg})") from exc
    if isinstance(data, dict) and len(data) > MAX_QUERIES:
        raise InputError(f"at most {MAX_QUERIES} queries per request")
    try:
        parsed = _QUERIES.validate_python(data)
    except ValidationError as exc:
        errors = [{"loc": [str(p) for p in e["loc"]], "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        raise InputError("queries must be an object of {query, type, limit, properties}", errors=errors[:50]) from exc
    if any(len(key) > 100 for key in parsed):
        raise InputError("query keys must be at most 100 characters")
    return parsed


def _country(query: RQuery) -> str | None:
    for prop in query.properties:
        if prop.pid in COUNTRY_PIDS and isinstance(prop.v, str) and 0 < len(prop.v) <= 100:
            return prop.v
    return None


def reconcile(index: ResolverIndex, queries: dict[str, RQuery]) -> tuple[dict[str, RResult], Counter[str]]:
    """Candidates per query key, and the decisions counted (for the audit log)."""
    out: dict[str, RResult] = {}
    decisions: Counter[str] = Counter()
    for key, query in queries.items():
        limit = min(query.limit or 5, MAX_LIMIT)
        res = index.resolve(query.query, country=_country(query), limit=limit)
        decisions[res.decision] += 1
        matched = {m.iri for m in res.matches}
        seen: set[str] = set()
        candidates: list[RCandidate] = []
        for cand in [*res.matches, *res.candidates]:
            if cand.iri in seen:
                continue
            seen.add(cand.iri)
            candidates.append(
                RCandidate(
                    id=cand.iri,
                    name=cand.name,
                    score=round(100 * max(0.0, min(1.0, cand.score)), 1),
                    match=res.decision == "match" and cand.iri in matched,
                    type=[RType(**ORG_TYPE)],
                )
            )
        out[key] = RResult(result=candidates[:limit])
    return out, decisions
