"""Service endpoints, the one error model, declared status codes, bounded bodies."""

from __future__ import annotations

from api_support import Keys
from fastapi.testclient import TestClient

from api.middleware import DEFAULT_LIMIT

ERROR_KEYS = {"status", "error", "detail", "errors"}


def test_health_and_version_need_no_key(client: TestClient) -> None:
    health = client.get("/health")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "graph": True, "index": True, "backend": "ladybug", "problems": []}
    version = client.get("/version").json()
    assert set(version) == {"name", "version", "api", "backend"}
    assert version["name"] == "rskg"


def test_unknown_route_and_method_use_the_error_model(client: TestClient, keys: Keys) -> None:
    missing = client.get("/nowhere", headers=keys.header("admin"))
    assert missing.status_code == 404
    assert set(missing.json()) == ERROR_KEYS
    wrong = client.put("/screen", headers=keys.header("admin"))
    assert wrong.status_code in (404, 405)  # 404 when the page is mounted at /: it answers every other path
    assert wrong.json()["status"] == wrong.status_code


def test_malformed_json_is_400_and_schema_mismatch_422(client: TestClient, keys: Keys) -> None:
    headers = {**keys.header("screening"), "content-type": "application/json"}
    bad = client.post("/screen", content=b'{"query": ', headers=headers)
    assert bad.status_code == 400
    assert bad.json()["error"] == "InputError"
    mismatch = client.post("/screen", json={"query": "", "hops": 9}, headers=keys.header("screening"))
    assert mismatch.status_code == 422
    body = mismatch.json()
    assert set(body) == ERROR_KEYS
    assert {tuple(e["loc"]) for e in body["errors"]} == {("body", "query"), ("body", "hops")}
    assert all("input" not in e for e in body["errors"])  # the input is not echoed back


def test_body_over_the_limit_is_413(client: TestClient, keys: Keys) -> None:
    big = b'{"query": "' + b"x" * (DEFAULT_LIMIT + 10) + b'"}'
    response = client.post(
        "/screen", content=big, headers={**keys.header("screening"), "content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"] == "BodyTooLargeError"


def test_body_over_the_limit_without_content_length_is_413(client: TestClient, keys: Keys) -> None:
    def chunks() -> object:
        for _ in range(40):
            yield b"x" * 10_000

    response = client.post(
        "/cypher", content=chunks(), headers={**keys.header("analyst"), "content-type": "application/json"}
    )
    assert response.status_code == 413


def test_every_operation_declares_its_error_codes(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "ErrorResponse" in schema["components"]["schemas"]
    public = {"/health", "/version"}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert "200" in codes, (method, path)
            if path not in public:
                assert {"401", "403", "422"} <= codes, (method, path)


def test_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
