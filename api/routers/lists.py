"""Coverage: the lists, their editions (which are in force at a date), and the date of each source's data."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ScreeningUser, StoreDep
from api.errors import UnavailableError, responses
from api.schemas import CoveragePage

router = APIRouter(tags=["lists"])


@router.get(
    "/lists",
    response_model=CoveragePage,
    responses=responses(401, 403, 422, 503),
    summary="Lists screened against: editions, editions in force at as_of, data dates",
)
def get_lists(
    store: StoreDep,
    who: ScreeningUser,
    as_of: dt.date | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> CoveragePage:
    try:
        from queries.screen.coverage import coverage
    except ImportError as exc:
        raise UnavailableError("coverage is not available in this build (queries.screen.coverage)") from exc
    day = as_of or dt.datetime.now(dt.UTC).date()
    items = coverage(store, day)
    return CoveragePage(total=len(items), limit=limit, offset=offset, items=items[offset : offset + limit], as_of=day)
