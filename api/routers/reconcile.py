"""OpenRefine reconciliation: ``GET /reconcile`` (manifest, or ``?queries=``) and ``POST /reconcile``
(form field ``queries``). The key may come as ``?api_key=`` since OpenRefine cannot send headers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query

from api.deps import IndexDep, KeysDep, ReconcileUser, audit
from api.errors import responses
from api.reconcile import MAX_QUERIES, Manifest, RResult, parse_queries, reconcile

router = APIRouter(tags=["reconciliation"])
ERRORS = responses(400, 401, 403, 413, 422, 503)
QUERIES_DOC = f'JSON object of queries, e.g. {{"q0": {{"query": "HIT", "limit": 3}}}} (at most {MAX_QUERIES})'


def _run(index: IndexDep, keys: KeysDep, who: ReconcileUser, text: str, endpoint: str) -> dict[str, RResult]:
    queries = parse_queries(text)
    results, decisions = reconcile(index, queries)
    audit(keys, who, endpoint, {k: q.model_dump() for k, q in queries.items()}, len(queries), dict(decisions))
    return results


@router.get(
    "/reconcile",
    response_model=Manifest | dict[str, RResult],
    responses=ERRORS,
    summary="Reconciliation service manifest, or results for ?queries=",
)
def get_reconcile(
    index: IndexDep,
    keys: KeysDep,
    who: ReconcileUser,
    queries: Annotated[str | None, Query(max_length=200_000, description=QUERIES_DOC)] = None,
) -> Manifest | dict[str, RResult]:
    if queries is None:
        return Manifest()
    return _run(index, keys, who, queries, "GET /reconcile")


@router.post(
    "/reconcile",
    response_model=dict[str, RResult],
    responses=ERRORS,
    summary="Reconcile a batch of queries (form field `queries`)",
)
def post_reconcile(
    index: IndexDep,
    keys: KeysDep,
    who: ReconcileUser,
    queries: Annotated[str, Form(max_length=200_000, description=QUERIES_DOC)],
) -> dict[str, RResult]:
    return _run(index, keys, who, queries, "POST /reconcile")
