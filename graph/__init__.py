"""The one place that knows a backend. :func:`open_store` is the only factory; everything else depends on
:class:`graph.base.GraphStore`."""

from __future__ import annotations

from graph.base import GraphStore
from rskg.errors import ConfigError
from rskg.settings import Settings

__all__ = ["GraphStore", "open_store"]


def open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    """Open the configured backend and make sure its schema exists."""
    if settings.backend == "ladybug":
        from graph.ladybug import LadybugStore

        store: GraphStore = LadybugStore(settings.db_path, batch_size=settings.batch_size, read_only=read_only)
        if not read_only:
            store.ensure_schema()
        return store
    if settings.backend == "neo4j":
        from graph.neo4j import Neo4jStore, driver_from_settings

        if not settings.neo4j_uri:
            raise ConfigError("RSKG_BACKEND=neo4j needs RSKG_NEO4J_URI")
        store = Neo4jStore(driver_from_settings(settings), database=settings.neo4j_database,
                           batch_size=settings.batch_size, owns_driver=True)
        try:
            store.ensure_schema()
        except BaseException:
            store.close()
            raise
        return store
    raise ConfigError(f"unknown backend {settings.backend!r}")
