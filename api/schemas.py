"""Request and response models of the API that are not already query models (those live in ``queries/``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from api.keys import AuditEntry
from queries.screen.models import CoverageItem

T = TypeVar("T")
MAX_QUERY = 500


class Page(BaseModel, Generic[T]):
    total: int = Field(..., ge=0, examples=[12])
    limit: int = Field(..., examples=[50])
    offset: int = Field(..., examples=[0])
    items: list[T]


class CoveragePage(Page[CoverageItem]):
    as_of: dt.date


class AuditPage(Page[AuditEntry]):
    pass


class ScreenRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"query": "Harbin Institute of Technology", "as_of": "2026-01-15", "hops": 3}]},
    )

    query: str = Field(
        ...,
        min_length=1,
        max_length=MAX_QUERY,
        description="A name, acronym, affiliation string, ROR id or IRI",
    )
    as_of: dt.date | None = Field(default=None, description="Date the verdict applies to (default: today, UTC)")
    hops: int = Field(3, ge=1, le=3, description="How far to follow relations")


class BatchItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        ..., min_length=1, max_length=MAX_QUERY, pattern=r"\S", examples=["Harbin Engineering University"]
    )
    country: str | None = Field(default=None, max_length=100, examples=["CN"])


class BatchRow(BaseModel):
    """One output row of ``POST /screen/batch``: a partner and its strongest finding."""

    row: int = Field(..., description="Input row number (1 = first partner)")
    name: str
    country: str | None = None
    decision: str = Field(..., description="Resolution: match, candidates, none (or error)", examples=["match"])
    subject_iri: str | None = None
    subject_name: str | None = None
    strongest: str | None = Field(default=None, examples=["restricted"])
    listings: int = 0
    inherited: int = 0
    connections: int = 0
    top_list: str | None = Field(
        default=None,
        description="List of the strongest direct or inherited listing",
        examples=["us_bis_entity_list"],
    )
    top_effect: str | None = Field(default=None, examples=["binding_restriction"])
    error: str | None = None


class ResolvedMatch(BaseModel):
    iri: str = Field(..., examples=["https://ror.org/01yqg2h08"])
    name: str = Field(..., examples=["Harbin Institute of Technology"])
    score: float = Field(..., examples=[0.97])
    method: str = Field(..., examples=["exact"])


class ResolvedCandidate(ResolvedMatch):
    features: dict[str, float | str] = Field(default_factory=dict)


class ResolveResponse(BaseModel):
    input: str = Field(..., examples=["HIT, Harbin"])
    decision: Literal["match", "candidates", "none"]
    matches: list[ResolvedMatch]
    candidates: list[ResolvedCandidate]


class CypherRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "query": "MATCH (o:Organisation) WHERE o.name = $name RETURN o.iri, o.name",
                    "params": {"name": "x"},
                }
            ]
        },
    )

    query: str = Field(..., min_length=1, max_length=20_000)
    params: dict[str, Any] = Field(default_factory=dict, max_length=100)


class CypherResult(BaseModel):
    columns: list[str] = Field(..., examples=[["o.iri", "o.name"]])
    rows: list[list[Any]]
    truncated: bool = Field(..., description="True when rows were cut off at the row cap")
    row_cap: int


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    graph: bool
    index: bool
    backend: str = Field(..., examples=["ladybug"])
    problems: list[str] = Field(default_factory=list)


class Version(BaseModel):
    name: str = "rskg"
    version: str = Field(..., examples=["0.1.0"])
    api: str = Field(..., examples=["1"])
    backend: str = Field(..., examples=["ladybug"])
