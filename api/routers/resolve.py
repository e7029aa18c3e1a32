"""Who is it? Resolve a name to organisations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import IndexDep, KeysDep, ScreeningUser, audit
from api.errors import responses
from api.schemas import MAX_QUERY, ResolveResponse

router = APIRouter(tags=["resolution"])


@router.get(
    "/resolve",
    response_model=ResolveResponse,
    responses=responses(401, 403, 422, 503),
    summary="Resolve a name, acronym or affiliation string to organisations, with explained scores",
)
def resolve(
    index: IndexDep,
    who: ScreeningUser,
    keys: KeysDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, examples=["Harbin Inst. of Tech."])],
    country: Annotated[str | None, Query(max_length=100, examples=["CN"])] = None,
    limit: Annotated[int, Query(ge=1, le=50, description="Candidates to return")] = 10,
) -> ResolveResponse:
    res = index.resolve(q, country=country, limit=limit)
    audit(keys, who, "GET /resolve", {"q": q, "country": country}, 1, {res.decision: 1})
    return ResolveResponse.model_validate(res.to_dict())
