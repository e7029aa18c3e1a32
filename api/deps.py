"""What handlers get injected: the app's state (settings, graph store, resolver index, key store), and the
caller (:class:`Principal`) checked against a minimum role.

Auth: ``X-API-Key: <token>`` or ``Authorization: Bearer <token>``; ``/reconcile`` also takes
``?api_key=<token>`` because OpenRefine cannot send headers. No key (or an unknown or revoked one): 401;
a key whose role is too low: 403. Roles are ordered screening < analyst < admin.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.errors import UnavailableError
from api.keys import KeyInfo, KeyStore, Role, input_hash
from graph import GraphStore
from queries.resolver import ResolverIndex
from rskg.errors import AuthError, ForbiddenError
from rskg.settings import Settings

log = logging.getLogger("api.access")


@dataclass
class AppState:
    """Everything opened by the lifespan; one per app."""

    settings: Settings
    keys: KeyStore
    store: GraphStore | None = None
    cypher_store: GraphStore | None = None
    cypher_lock: threading.Lock = field(default_factory=threading.Lock)
    # Screenings at once (a burst queues here rather than piling up threads on the engine).
    graph_slots: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(max(2, os.cpu_count() or 2))
    )
    index: ResolverIndex | None = None
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Principal:
    key_id: str
    name: str
    role: Role


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.rskg
    return state


StateDep = Annotated[AppState, Depends(get_state)]


def get_settings(state: StateDep) -> Settings:
    return state.settings


def get_store(state: StateDep) -> GraphStore:
    if state.store is None:
        raise UnavailableError("the graph is not available (run `rskg ingest ror`, then restart the server)")
    return state.store


def get_index(state: StateDep) -> ResolverIndex:
    if state.index is None:
        raise UnavailableError("the resolver index is not available (run `rskg ingest ror`, then restart)")
    return state.index


def get_keys(state: StateDep) -> KeyStore:
    return state.keys


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
IndexDep = Annotated[ResolverIndex, Depends(get_index)]
KeysDep = Annotated[KeyStore, Depends(get_keys)]

_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key (`rskg keys create`)")
_bearer = HTTPBearer(auto_error=False, description="The same API key as a bearer token")


def _principal(keys: KeyStore, token: str | None) -> Principal:
    if not token:
        raise AuthError("an API key is required (X-API-Key header or Authorization: Bearer)")
    info: KeyInfo | None = keys.verify(token.strip())
    if info is None:
        raise AuthError("unknown or revoked API key")
    return Principal(key_id=info.id, name=info.name, role=Role[info.role])


def _check(principal: Principal, role: Role) -> Principal:
    if principal.role < role:
        raise ForbiddenError(f"this needs the {role.name} role (the key has {principal.role.name})")
    return principal


def require(role: Role) -> Callable[..., Principal]:
    """A dependency: the caller, who must hold at least ``role``."""

    def dependency(
        keys: KeysDep,
        header: Annotated[str | None, Depends(_api_key)],
        bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        token = header or (bearer.credentials if bearer is not None else None)
        return _check(_principal(keys, token), role)

    return dependency


def reconcile_principal(
    keys: KeysDep,
    header: Annotated[str | None, Depends(_api_key)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[
        str | None,
        Query(
            max_length=200,
            description=(
                "The API key, for clients that cannot send headers (OpenRefine): use a "
                "screening key made for this purpose, as URLs end up in logs"
            ),
        ),
    ] = None,
) -> Principal:
    token = header or (bearer.credentials if bearer is not None else None) or api_key
    return _check(_principal(keys, token), Role.screening)


ScreeningUser = Annotated[Principal, Depends(require(Role.screening))]
AnalystUser = Annotated[Principal, Depends(require(Role.analyst))]
AdminUser = Annotated[Principal, Depends(require(Role.admin))]
ReconcileUser = Annotated[Principal, Depends(reconcile_principal)]


def audit(keys: KeyStore, who: Principal, endpoint: str, payload: Any, items: int, summary: dict[str, int]) -> None:
    """Append to the audit log, and log the call (key id, sizes, counts; never the input)."""
    digest = input_hash(payload)
    keys.audit(who.key_id, endpoint, digest, items, summary)
    log.info("%s key=%s items=%d input=%s summary=%s", endpoint, who.key_id, items, digest[:12], summary)
