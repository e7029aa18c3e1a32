"""Screening: one partner, a batch of partners (streamed), a project team."""

from __future__ import annotations

import datetime as dt
import inspect
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import StreamingResponse

from api import batch
from api.deps import IndexDep, KeysDep, ScreeningUser, StateDep, StoreDep, audit
from api.errors import BodyTooLargeError, UnavailableError, responses
from api.middleware import UPLOAD_LIMIT
from api.schemas import BatchItem, BatchRow, ScreenRequest
from queries.screen.models import ScreeningReport, TeamReport
from rskg import textfiles
from rskg.errors import InputError

log = logging.getLogger(__name__)
router = APIRouter(tags=["screening"])
ERRORS = responses(400, 401, 403, 413, 422, 503)


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _screen_fn() -> Callable[..., ScreeningReport]:
    try:
        from queries.screen.report import screen
    except ImportError as exc:
        raise UnavailableError("screening is not available in this build (queries.screen.report)") from exc
    return screen


@router.post(
    "/screen",
    response_model=ScreeningReport,
    responses=ERRORS,
    summary="Screen one partner: who it is, its listings and connections, each policy's verdict",
)
def screen_one(
    body: ScreenRequest, store: StoreDep, index: IndexDep, who: ScreeningUser, keys: KeysDep, state: StateDep
) -> ScreeningReport:
    with state.graph_slots:
        report = _screen_fn()(store, index, body.query, as_of=body.as_of or _today(), hops=body.hops)
    audit(keys, who, "POST /screen", body.model_dump(mode="json"), 1, {report.strongest: 1})
    return report


_BATCH_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": batch.MAX_ROWS,
                    "items": {
                        "anyOf": [
                            BatchItem.model_json_schema(),
                            {"type": "string", "minLength": 1, "maxLength": 500, "pattern": r"\S"},
                        ]
                    },
                },
                "example": [
                    {"name": "Harbin Engineering University", "country": "CN"},
                    "University of Victoria",
                ],
            },
            "text/csv": {
                "schema": {"type": "string", "pattern": batch.CSV_PATTERN},
                "example": "name,country\nHarbin Engineering University,CN\n",
            },
        },
    }
}
_BATCH_OUT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "One row per partner, in input order, streamed: JSON lines (default) or CSV "
        "(`Accept: text/csv`). Each row is a BatchRow.",
        "content": {
            "application/x-ndjson": {"schema": BatchRow.model_json_schema()},
            "text/csv": {"schema": {"type": "string"}},
        },
    }
}


@router.post(
    "/screen/batch",
    response_class=StreamingResponse,
    openapi_extra=_BATCH_BODY,
    responses={**_BATCH_OUT, **ERRORS},
    summary="Screen a list of partners (CSV or JSON in; CSV or JSON lines out, streamed)",
)
async def screen_batch(
    request: Request,
    store: StoreDep,
    index: IndexDep,
    who: ScreeningUser,
    keys: KeysDep,
    as_of: dt.date | None = None,
    hops: Annotated[int, Query(ge=1, le=3)] = 3,
) -> StreamingResponse:
    items = batch.parse_items(await request.body(), request.headers.get("content-type", "application/json"))
    screen, day = _screen_fn(), as_of or _today()
    with_country = "country" in inspect.signature(screen).parameters

    def one(item: BatchItem) -> ScreeningReport:
        extra = {"country": item.country} if with_country else {}
        return screen(store, index, item.name, as_of=day, hops=hops, **extra)

    counts: Counter[str] = Counter()
    payload = [item.model_dump() for item in items]

    def finished(lines: Iterator[str]) -> Iterator[str]:
        try:
            yield from lines
        finally:
            audit(
                keys,
                who,
                "POST /screen/batch",
                {"items": payload, "as_of": str(day), "hops": hops},
                len(items),
                dict(counts) if sum(counts.values()) == len(items) else {**counts, "unfinished": 1},
            )

    as_csv = "text/csv" in request.headers.get("accept", "")
    rows = batch.rows(items, one, counts)
    body = batch.as_csv(rows) if as_csv else batch.as_jsonl(rows)
    return StreamingResponse(finished(body), media_type="text/csv; charset=utf-8" if as_csv else "application/x-ndjson")


@router.post(
    "/screen/team",
    response_model=TeamReport,
    responses=ERRORS,
    summary="Screen a project team: a team CSV (researcher, relation, organisation, role, start, end)",
)
def screen_team(
    file: Annotated[UploadFile, File(description="The team CSV (UTF-8)")],
    store: StoreDep,
    index: IndexDep,
    who: ScreeningUser,
    keys: KeysDep,
    project: Annotated[str | None, Form(max_length=20_000, description="Project text")] = None,
    as_of: Annotated[dt.date | None, Form()] = None,
) -> TeamReport:
    try:
        from ingest.people import parse_team_text
        from queries.screen.team import screen_team as run  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError as exc:
        raise UnavailableError("team screening is not available in this build (queries.screen.team)") from exc
    data = file.file.read(UPLOAD_LIMIT + 1)
    if len(data) > UPLOAD_LIMIT:
        raise BodyTooLargeError(f"team file larger than {UPLOAD_LIMIT} bytes")
    text = textfiles.decode(data, "the team file")
    team = parse_team_text(text, "team.csv")
    if team.errors:
        raise InputError(
            f"{len(team.errors)} rows of the team file cannot be read",
            errors=[{"row": e.row, "column": e.column, "msg": e.message} for e in team.errors[:100]],
        )
    if not team.facts:
        raise InputError("the team file has no rows")
    report: TeamReport = run(store, index, team.facts, project=project, as_of=as_of or _today())
    audit(
        keys,
        who,
        "POST /screen/team",
        {"team": text, "project": project or "", "as_of": str(as_of)},
        len(team.facts),
        {report.strongest: 1},
    )
    return report
