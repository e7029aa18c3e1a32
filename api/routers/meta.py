"""Health, version, and the audit log (admin)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminUser, KeysDep, StateDep
from api.errors import responses
from api.schemas import AuditPage, Health, Version

router = APIRouter(tags=["service"])
API_VERSION = "1"


@router.get("/health", response_model=Health, summary="Is the service up, with its graph and index?")
def health(state: StateDep) -> Health:
    ok = state.store is not None and state.index is not None
    return Health(
        status="ok" if ok else "degraded",
        graph=state.store is not None,
        index=state.index is not None,
        backend=state.settings.backend,
        problems=state.problems,
    )


@router.get("/version", response_model=Version, summary="Versions of the service and its API")
def get_version(state: StateDep) -> Version:
    try:
        current = version("rskg")
    except PackageNotFoundError:
        current = "unknown"
    return Version(version=current, api=API_VERSION, backend=state.settings.backend)


@router.get(
    "/audit",
    response_model=AuditPage,
    responses=responses(401, 403, 422),
    summary="The audit log of screening calls, newest first (admin role)",
)
def get_audit(
    keys: KeysDep,
    who: AdminUser,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> AuditPage:
    total, items = keys.audit_entries(limit, offset)
    return AuditPage(total=total, limit=limit, offset=offset, items=items)
