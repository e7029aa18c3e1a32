"""``POST /cypher``: reads work with params, a row cap and a timeout; every way of writing is refused."""

from __future__ import annotations

import pytest
from api_support import Keys
from fastapi.testclient import TestClient

WRITES = [
    "CREATE (o:Organisation {iri: 'x'})",
    "MERGE (o:Organisation {iri: 'x'}) RETURN o",
    "MATCH (o:Organisation) SET o.name = 'x'",
    "MATCH (o:Organisation) DELETE o",
    "MATCH (o:Organisation) DETACH DELETE o",
    "MATCH (o:Organisation) REMOVE o.name",
    "DROP TABLE Organisation",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "LOAD FROM '/etc/passwd' RETURN *",
    "COPY Organisation FROM '/tmp/x.csv'",
    "CALL show_tables() RETURN *",
    "MATCH (o) RETURN o; CREATE (o:Organisation {iri: 'x'})",
    "MATCH (o) RETURN o /* ; */ ; MATCH (o) DETACH DELETE o",
    "match (o:Organisation) with o create (p:Organisation {iri: 'y'})",
    "MATCH (o) FOREACH (x IN [1] | SET o.name = 'x')",
    "INSTALL httpfs",
    "ATTACH '/tmp/other.db' AS other",
    "BEGIN TRANSACTION",
    "CHECKPOINT",
]


@pytest.mark.parametrize("query", WRITES)
def test_writes_are_refused_with_403(client: TestClient, keys: Keys, query: str) -> None:
    response = client.post("/cypher", json={"query": query}, headers=keys.header("analyst"))
    assert response.status_code == 403, response.text
    assert response.json()["error"] == "ReadOnlyError"


def test_graph_unchanged_after_refusals(client: TestClient, keys: Keys) -> None:
    response = client.post(
        "/cypher",
        json={"query": "MATCH (o:Organisation {iri: 'x'}) RETURN count(o) AS n"},
        headers=keys.header("analyst"),
    )
    assert response.json()["rows"] == [[0]]


def test_read_with_params_and_row_cap(client: TestClient, keys: Keys) -> None:
    one = client.post(
        "/cypher",
        json={
            "query": "MATCH (o:Organisation {iri: $iri}) RETURN o.name AS name",
            "params": {"iri": "https://ror.org/01yqg2h08"},
        },
        headers=keys.header("analyst"),
    )
    assert one.status_code == 200
    assert one.json() == {
        "columns": ["name"],
        "rows": [["Harbin Institute of Technology"]],
        "truncated": False,
        "row_cap": 25,
    }
    many = client.post(
        "/cypher", json={"query": "MATCH (o:Organisation) RETURN o.iri"}, headers=keys.header("analyst")
    ).json()
    assert len(many["rows"]) == 25
    assert many["truncated"] is True


def test_runaway_query_is_stopped_by_the_timeout(client: TestClient, keys: Keys) -> None:
    query = "MATCH (a:Organisation)-[*1..6]-(b:Organisation) RETURN count(*) AS n"
    response = client.post("/cypher", json={"query": query}, headers=keys.header("analyst"))
    assert response.status_code == 408
    assert response.json()["error"] == "QueryTimeoutError"
    after = client.post("/cypher", json={"query": "RETURN 1 AS one"}, headers=keys.header("analyst"))
    assert after.status_code == 200  # the connection is usable again


def test_bad_cypher_is_4xx_not_500(client: TestClient, keys: Keys) -> None:
    for query in ("MATCH (o:Nope) RETURN o", "THIS IS NOT CYPHER", "   "):
        response = client.post("/cypher", json={"query": query}, headers=keys.header("analyst"))
        assert 400 <= response.status_code < 500, (query, response.status_code, response.text)
