"""One contract suite for every graph backend (after nomenklatura's tests/store/test_stores.py).

The ``store`` fixture is parametrised over the backends: ``ladybug`` always runs (a fresh database in
``tmp_path``); ``neo4j`` runs when ``NEO4J_URI`` is set (with ``NEO4J_USER``, ``NEO4J_PASSWORD`` and
optionally ``NEO4J_DATABASE``), and is skipped with the reason "NEO4J_URI not set" otherwise.

**The Neo4j cases wipe the database they are pointed at** (``MATCH (n) DETACH DELETE n`` before and after
every test). They refuse to run unless that database is empty when the session starts, or
``RSKG_TEST_ALLOW_WIPE=1`` is set: point them at a throw-away instance (``docker compose up -d --wait``) or at
ArcadeDB's Bolt plugin (``tests/contract/start_bolt_server.py``), never at data you keep.

Known dialect gaps of a backend are declared in ``__init__.py`` (:data:`KNOWN_GAPS`): the tests that hit
them skip with the reason.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.base import GraphStore
from graph.ladybug import LadybugStore
from graph.schema import GraphSchema

from . import SAMPLE_HEAD, SAMPLE_IDS, StoreFactory, gaps_of, neo4j_env_settings, ror_records


@pytest.fixture(scope="session")
def ror_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The slice of the ROR sample described at :data:`SAMPLE_IDS`, as a JSON-lines file."""
    records = ror_records()
    chosen = [r for i, r in enumerate(records) if i < SAMPLE_HEAD or r["id"] in SAMPLE_IDS]
    path = tmp_path_factory.mktemp("ror") / "ror_slice.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chosen), encoding="utf-8")
    return path


def _wipe(driver: Any, database: str) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[tuple[Any, str, str]]:
    """(driver, database, server agent) of the Bolt server at NEO4J_URI; refuses a database holding data."""
    if not os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI not set")
    from graph.neo4j import driver_from_settings

    settings = neo4j_env_settings()
    driver = driver_from_settings(settings)
    try:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS c",
                                             database_=settings.neo4j_database)
        if records[0]["c"] and os.environ.get("RSKG_TEST_ALLOW_WIPE") != "1":
            pytest.fail(f"the database {settings.neo4j_database!r} at {settings.neo4j_uri} holds "
                        f"{records[0]['c']} nodes and the contract tests wipe it: point NEO4J_URI at a "
                        "throw-away database, or set RSKG_TEST_ALLOW_WIPE=1", pytrace=False)
        yield driver, settings.neo4j_database, driver.get_server_info().agent
    finally:
        driver.close()


def _ladybug_factory(tmp_path: Path) -> StoreFactory:
    counter = iter(range(1_000))

    def make(schema: GraphSchema | None = None, batch_size: int = 10_000) -> GraphStore:
        store = LadybugStore(tmp_path / f"graph{next(counter)}.lbdb", schema, batch_size=batch_size)
        store.ensure_schema()
        return store

    return make


@pytest.fixture
def ladybug_factory(tmp_path: Path) -> Iterator[StoreFactory]:
    opened: list[GraphStore] = []
    make = _ladybug_factory(tmp_path)

    def tracked(schema: GraphSchema | None = None, batch_size: int = 10_000) -> GraphStore:
        opened.append(make(schema, batch_size))
        return opened[-1]

    yield tracked
    for store in opened:
        store.close()


@pytest.fixture
def neo4j_factory(neo4j_server: tuple[Any, str, str]) -> Iterator[StoreFactory]:
    from graph.neo4j import Neo4jStore

    driver, database, _ = neo4j_server
    _wipe(driver, database)
    opened: list[GraphStore] = []

    def make(schema: GraphSchema | None = None, batch_size: int = 10_000) -> GraphStore:
        store = Neo4jStore(driver, database=database, schema=schema, batch_size=batch_size)
        store.ensure_schema()
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()  # does not close the session's shared driver (owns_driver=False)
    _wipe(driver, database)


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_store(backend: str, request: pytest.FixtureRequest) -> StoreFactory:
    """A factory of empty stores of the backend under test: ``make_store(schema=None, batch_size=10_000)``.
    On Neo4j every store shares the one (wiped) database, so use one schema per test."""
    factory: StoreFactory = request.getfixturevalue(f"{backend}_factory")
    return factory


@pytest.fixture
def store(make_store: StoreFactory) -> GraphStore:
    return make_store()


@pytest.fixture
def gaps(backend: str, request: pytest.FixtureRequest) -> dict[str, str]:
    """The known gaps of the backend under test (see :data:`KNOWN_GAPS`)."""
    if backend == "neo4j":
        return gaps_of(backend, request.getfixturevalue("neo4j_server")[2])
    return gaps_of(backend)
