"""What only the Neo4j backend has: named constraints and indexes, the server-side read-only gate, driver
ownership and error mapping. The first tests need no server at all."""

from __future__ import annotations

from typing import Any

import pytest

import graph.neo4j
from graph import open_store
from graph.neo4j import Neo4jStore, driver_from_settings
from rskg.errors import ConfigError, GraphError, ReadOnlyError
from rskg.settings import Settings

from . import WRITES, StoreFactory, gaps_of, neo4j_env_settings, org


def _settings(**values: Any) -> Settings:
    return Settings(_env_file=None, backend="neo4j", **values)  # type: ignore[call-arg]


def test_driver_from_settings_needs_a_uri() -> None:
    with pytest.raises(ConfigError):
        driver_from_settings(_settings())


def test_an_unreachable_server_is_a_graph_error() -> None:
    driver = driver_from_settings(_settings(neo4j_uri="bolt://127.0.0.1:1"), max_transaction_retry_time=0,
                                  connection_timeout=2)
    with Neo4jStore(driver, owns_driver=True) as store, pytest.raises(GraphError):
        store.count("Organisation")
    with pytest.raises(GraphError):
        store.read_cypher("RETURN 1", timeout_s=1, row_cap=1)


@pytest.mark.neo4j
def test_schema_creates_named_constraints_and_indexes(neo4j_factory: StoreFactory,
                                                      neo4j_server: tuple[Any, str, str]) -> None:
    neo4j_factory()
    driver, database, agent = neo4j_server
    constraints = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name",
                                                           database_=database).records}
    assert {"rskg_Organisation_iri", "rskg_Person_iri", "rskg_IngestRun_id"} <= constraints
    if "arcadedb" not in agent.lower():  # ArcadeDB names indexes after their properties (evaluation, item 9)
        indexes = {r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name RETURN name",
                                                           database_=database).records}
        assert {"rskg_Organisation_name", "rskg_OWNED_BY_iri", "rskg_SUB_ORGANISATION_OF_iri"} <= indexes


# Statements that write. (Multi-statement tricks, procedures and LOAD CSV are refused by the text gate only:
# LOAD CSV is a read to the server, and ArcadeDB's Bolt plugin reads any local file with it.)
SERVER_REFUSES = [w for w in WRITES if ";" not in w and "CALL" not in w.upper() and "LOAD" not in w]


@pytest.mark.neo4j
@pytest.mark.parametrize("text", SERVER_REFUSES)
def test_the_server_side_gate_refuses_writes_the_text_gate_missed(
        neo4j_factory: StoreFactory, neo4j_server: tuple[Any, str, str], monkeypatch: pytest.MonkeyPatch,
        text: str) -> None:
    driver, database, agent = neo4j_server
    gaps = gaps_of("neo4j", agent)
    if text.startswith("DROP") and "schema_rollback" in gaps:
        pytest.skip(gaps["schema_rollback"])
    store = neo4j_factory()
    store.upsert_nodes("Organisation", [org("urn:o:1", name="One")])
    indexes = len(driver.execute_query("SHOW INDEXES", database_=database).records)
    monkeypatch.setattr(graph.neo4j, "check_read_only", lambda statement: statement)
    with pytest.raises(ReadOnlyError):
        store.read_cypher(text, timeout_s=10, row_cap=10)
    assert len(driver.execute_query("SHOW INDEXES", database_=database).records) == indexes
    assert store.count("Organisation") == 1
    assert store.query("org_node", {"iri": "urn:o:1"})[0]["o"]["name"] == "One"
    _, rows, _ = store.read_cypher("MATCH (o:Organisation) RETURN o.name AS n", timeout_s=10, row_cap=5)
    assert rows == [["One"]]


@pytest.mark.neo4j
def test_an_injected_driver_is_left_open_an_owned_one_is_closed(neo4j_server: tuple[Any, str, str]) -> None:
    driver, database, _ = neo4j_server
    Neo4jStore(driver, database=database).close()
    assert driver.execute_query("RETURN 1 AS one", database_=database).records[0]["one"] == 1
    owned = Neo4jStore(driver_from_settings(neo4j_env_settings()), database=database, owns_driver=True)
    assert owned.count("Organisation") == 0
    owned.close()
    with pytest.raises(GraphError):
        owned.count("Organisation")


@pytest.mark.neo4j
def test_the_factory_store_owns_its_driver(neo4j_factory: StoreFactory,
                                           request: pytest.FixtureRequest) -> None:
    store = open_store(neo4j_env_settings())
    assert isinstance(store, Neo4jStore)
    store.close()
    with pytest.raises(GraphError):
        store.count("Organisation")
