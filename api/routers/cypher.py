"""Read-only Cypher for analysts. The backend enforces it (LadybugDB: refuses every non-read statement and
runs in a read-only transaction; Neo4j: READ access mode), with the configured timeout and row cap."""

from __future__ import annotations

import time

from fastapi import APIRouter
from fastapi.encoders import jsonable_encoder

from api.deps import AnalystUser, KeysDep, SettingsDep, StateDep, audit
from api.errors import UnavailableError, responses
from api.schemas import CypherRequest, CypherResult
from rskg.errors import GraphError, InputError, QueryTimeoutError, RskgError

router = APIRouter(tags=["analysis"])


@router.post(
    "/cypher",
    response_model=CypherResult,
    responses=responses(400, 401, 403, 408, 413, 422, 503),
    summary="Run one read-only Cypher statement (analyst role); writes are refused with 403",
)
def run_cypher(
    body: CypherRequest, state: StateDep, settings: SettingsDep, who: AnalystUser, keys: KeysDep
) -> CypherResult:
    store = state.cypher_store
    if store is None:
        raise UnavailableError("the graph is not available")
    payload = {"query": body.query, "params": jsonable_encoder(body.params)}
    try:
        with state.cypher_lock:
            started = time.monotonic()
            columns, rows, truncated = store.read_cypher(
                body.query, body.params, timeout_s=settings.cypher_timeout_s, row_cap=settings.cypher_row_cap
            )
    except GraphError as exc:  # the engine rejected the statement (syntax, unknown table, type error)
        if time.monotonic() - started >= 0.95 * settings.cypher_timeout_s:
            # LadybugStore.read_cypher can report an interrupted query as a failed ROLLBACK: by the clock,
            # it was the timeout that stopped it.
            audit(keys, who, "POST /cypher", payload, 0, {"timeout": 1})
            raise QueryTimeoutError(f"query stopped after {settings.cypher_timeout_s:g} s") from exc
        audit(keys, who, "POST /cypher", payload, 0, {"failed": 1})
        raise InputError(f"the query failed: {exc.detail}") from exc
    except RskgError:
        audit(keys, who, "POST /cypher", payload, 0, {"refused": 1})
        raise
    audit(keys, who, "POST /cypher", payload, len(rows), {"rows": len(rows)})
    return CypherResult(
        columns=columns, rows=jsonable_encoder(rows), truncated=truncated, row_cap=settings.cypher_row_cap
    )
