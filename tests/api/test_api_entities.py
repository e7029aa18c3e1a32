"""Entities, network, paths, lists, resolve and reconcile: wire shapes."""

from __future__ import annotations

import json
from urllib.parse import quote

from api_support import Keys
from fastapi.testclient import TestClient

HIT = "https://ror.org/01yqg2h08"
BIAM, AVIC = "0099j7t54", "02wq41p38"


def test_entity_by_ror_id_and_by_encoded_iri(client: TestClient, keys: Keys) -> None:
    by_id = client.get("/entities/01yqg2h08", headers=keys.header("screening"))
    by_iri = client.get(f"/entities/{quote(HIT, safe='')}", headers=keys.header("screening"))
    assert by_id.status_code == by_iri.status_code == 200
    assert by_id.json() == by_iri.json()
    body = by_id.json()
    assert body["kind"] == "organisation"
    assert body["organisation"]["name"] == "Harbin Institute of Technology"
    assert body["person"] is None


def test_unknown_entity_is_404(client: TestClient, keys: Keys) -> None:
    response = client.get("/entities/000000000", headers=keys.header("screening"))
    assert response.status_code == 404
    assert response.json()["error"] == "NotFoundError"


def test_network_nodes_and_edges(client: TestClient, keys: Keys) -> None:
    response = client.get(f"/entities/{AVIC}/network", params={"hops": 2}, headers=keys.header("screening"))
    assert response.status_code == 200
    net = response.json()
    assert set(net) == {"center", "hops", "nodes", "edges", "truncated"}
    iris = {n["iri"] for n in net["nodes"]}
    assert f"https://ror.org/{AVIC}" in iris
    assert all({"from", "to", "relation", "source"} == set(e) for e in net["edges"])
    assert all(e["from"] in iris and e["to"] in iris for e in net["edges"])
    assert any(n["legal_effect"] for n in net["nodes"])  # a list entry linked to AVIC or its children
    bounded = client.get(
        f"/entities/{AVIC}/network", params={"hops": 3, "limit": 3}, headers=keys.header("screening")
    ).json()
    assert len(bounded["nodes"]) <= 3
    assert bounded["truncated"] is True
    assert (
        client.get(f"/entities/{AVIC}/network", params={"hops": 4}, headers=keys.header("screening")).status_code == 422
    )


def test_paths(client: TestClient, keys: Keys) -> None:
    response = client.get("/paths", params={"from": BIAM, "to": AVIC}, headers=keys.header("screening"))
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert paths[0]["hops"] == 1
    step = paths[0]["steps"][0]
    assert step["relation"] == "SUB_ORGANISATION_OF"
    assert step["direction"] == "forward"
    back = client.get("/paths", params={"from": AVIC, "to": BIAM}, headers=keys.header("screening")).json()
    assert back["paths"][0]["steps"][0]["direction"] == "backward"
    assert client.get("/paths", params={"from": AVIC, "to": AVIC}, headers=keys.header("screening")).status_code == 400
    assert (
        client.get("/paths", params={"from": AVIC, "to": "000000000"}, headers=keys.header("screening")).status_code
        == 404
    )


def test_lists_coverage_paginated(client: TestClient, keys: Keys) -> None:
    page = client.get("/lists", params={"limit": 1, "as_of": "2026-01-15"}, headers=keys.header("screening"))
    assert page.status_code == 200
    body = page.json()
    assert body["total"] >= 3
    assert len(body["items"]) == 1
    assert {"list", "editions", "in_force", "data_date"} <= set(body["items"][0])
    assert client.get("/lists", params={"limit": 0}, headers=keys.header("screening")).status_code == 422


def test_resolve(client: TestClient, keys: Keys) -> None:
    response = client.get(
        "/resolve", params={"q": "University of Victoria", "limit": 3}, headers=keys.header("screening")
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"input", "decision", "matches", "candidates"}
    assert body["decision"] == "match"
    assert len(body["candidates"]) <= 3


def test_reconcile_manifest_and_queries(client: TestClient, keys: Keys) -> None:
    manifest = client.get("/reconcile", headers=keys.header("screening")).json()
    assert manifest["versions"] == ["0.2"]
    assert manifest["defaultTypes"] == [{"id": "Organisation", "name": "Organisation"}]
    queries = {"q0": {"query": "University of Victoria", "limit": 2}, "q1": {"query": "Qqqq Zzzz Nothing"}}
    posted = client.post("/reconcile", data={"queries": json.dumps(queries)}, headers=keys.header("screening"))
    assert posted.status_code == 200
    results = posted.json()
    assert set(results) == {"q0", "q1"}
    top = results["q0"]["result"][0]
    assert set(top) == {"id", "name", "score", "match", "type"}
    assert top["match"] is True
    assert 0 <= top["score"] <= 100
    got = client.get("/reconcile", params={"queries": json.dumps(queries)}, headers=keys.header("screening"))
    assert got.json() == results
    assert client.post("/reconcile", data={"queries": "{bad"}, headers=keys.header("screening")).status_code == 400
    assert client.post("/reconcile", data={"queries": "[1]"}, headers=keys.header("screening")).status_code == 400
