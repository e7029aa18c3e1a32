"""The API: :func:`create_app` builds a FastAPI app whose lifespan opens the graph (read-only: the API never
writes it; ingest is the command line's job), loads the resolver index once, and opens the key store.

If the graph or the index cannot be opened, the app still starts: ``/health`` says what is missing and the
endpoints that need it answer 503. The web page (``api/static/``) is served at ``/`` when present; it calls
this same API with a key the user types (there is no unauthenticated screening).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api import errors
from api.deps import AppState
from api.keys import KeyStore
from api.middleware import BodyLimit
from api.routers import cypher, entities, lists, meta, reconcile, resolve, screen
from graph import GraphStore, open_store
from queries.resolver import ResolverIndex
from rskg.errors import RskgError
from rskg.settings import Settings, get_settings

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
DESCRIPTION = """Research-security screening over a knowledge graph of organisations, people and lists.

Authenticate with `X-API-Key: <key>` (or `Authorization: Bearer <key>`); keys are made with
`rskg keys create --role screening|analyst|admin --name LABEL`. Every error has the same shape
(`ErrorResponse`)."""


def _open(settings: Settings) -> AppState:
    state = AppState(settings=settings, keys=KeyStore.in_dir(settings.data_dir))
    try:
        state.store = open_store(settings, read_only=True)
        # LadybugDB: analysts' Cypher runs on a connection of its own (it sets a timeout and a read-only
        # transaction on its connection). Neo4j: the driver is shared; each call has its own session.
        state.cypher_store = open_store(settings, read_only=True) if settings.backend == "ladybug" else state.store
    except RskgError as exc:
        state.problems.append(f"graph: {exc.detail}")
        log.error("graph not available: %s", type(exc).__name__)
    try:
        state.index = ResolverIndex.load(settings.index_dir)
        state.index.warm()
    except RskgError as exc:
        state.problems.append(f"index: {exc.detail}")
        log.error("resolver index not available: %s", type(exc).__name__)
    return state


def _close(state: AppState) -> None:
    stores: list[GraphStore] = [s for s in (state.cypher_store, state.store) if s is not None]
    for store in dict.fromkeys(stores):
        store.close()
    state.keys.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    config = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = _open(config)
        app.state.rskg = state
        log.info(
            "api started: backend=%s graph=%s index=%s",
            config.backend,
            state.store is not None,
            state.index is not None,
        )
        try:
            yield
        finally:
            _close(state)

    app = FastAPI(title="rskg", version=meta.API_VERSION, description=DESCRIPTION, lifespan=lifespan)
    errors.install(app)
    app.add_middleware(BodyLimit)
    for module in (screen, resolve, entities, lists, cypher, reconcile, meta):
        app.include_router(module.router)
    if STATIC.is_dir():
        app.mount("/", StaticFiles(directory=STATIC, html=True), name="page")
    return app
