"""Keys and roles (401 without or with a bad key, 403 with too low a role), revocation, the audit log."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from api_support import Keys
from fastapi.testclient import TestClient

from api.keys import KeyStore, input_hash, token_hash
from rskg.settings import Settings

SCREENING_CALLS = [
    ("post", "/screen", {"json": {"query": "Harbin Engineering University"}}),
    ("get", "/resolve", {"params": {"q": "HIT"}}),
    ("get", "/entities/01yqg2h08", {}),
    ("get", "/lists", {}),
    ("get", "/reconcile", {}),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), SCREENING_CALLS)
def test_no_key_is_401(client: TestClient, method: str, path: str, kwargs: dict[str, object]) -> None:
    response = client.request(method, path, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 401
    assert response.json()["error"] == "AuthError"
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_unknown_key_is_401(client: TestClient) -> None:
    for token in ("rskg_nope", "not-even-a-token", "x" * 500):
        assert client.get("/lists", headers={"X-API-Key": token}).status_code == 401


def test_bearer_header_works(client: TestClient, keys: Keys) -> None:
    response = client.get("/lists", headers={"Authorization": f"Bearer {keys.screening}"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "cypher", "audit"), [("screening", 403, 403), ("analyst", 200, 403), ("admin", 200, 200)]
)
def test_roles_are_ordered(client: TestClient, keys: Keys, role: str, cypher: int, audit: int) -> None:
    body = {"query": "MATCH (o:Organisation) RETURN count(o) AS n"}
    assert client.post("/cypher", json=body, headers=keys.header(role)).status_code == cypher
    assert client.get("/audit", headers=keys.header(role)).status_code == audit
    assert client.get("/lists", headers=keys.header(role)).status_code == 200
    if cypher == 403:
        assert client.post("/cypher", json=body, headers=keys.header(role)).json()["error"] == "ForbiddenError"


def test_reconcile_accepts_the_key_in_the_url(client: TestClient, keys: Keys) -> None:
    assert client.get("/reconcile", params={"api_key": keys.screening}).status_code == 200
    assert client.post("/screen", json={"query": "x"}, params={"api_key": keys.screening}).status_code == 401
    assert client.get("/lists", params={"api_key": keys.screening}).status_code == 401


def test_revoked_key_is_refused_at_once(client: TestClient, api_settings: Settings) -> None:
    store = KeyStore.in_dir(api_settings.data_dir)  # another connection, as `rskg keys` from another process
    info, token = store.create("screening", "to revoke")
    assert client.get("/lists", headers={"X-API-Key": token}).status_code == 200
    store.revoke(info.id)
    store.close()
    assert client.get("/lists", headers={"X-API-Key": token}).status_code == 401


def test_keys_are_stored_hashed(api_settings: Settings, keys: Keys) -> None:
    raw = (api_settings.data_dir / "access.sqlite").read_bytes()
    assert keys.screening.encode() not in raw
    db = sqlite3.connect(api_settings.data_dir / "access.sqlite")
    hashes = {row[0] for row in db.execute("SELECT token_sha256 FROM api_key")}
    db.close()
    assert token_hash(keys.screening) in hashes


def test_audit_records_who_when_what_and_never_the_input(
    client: TestClient, keys: Keys, api_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    name = "Zyxwvut Secret Partner Institute"
    with caplog.at_level(logging.DEBUG):
        response = client.post("/screen", json={"query": name}, headers=keys.header("screening"))
    assert response.status_code == 200
    assert name.lower() not in caplog.text.lower()
    latest = client.get("/audit", params={"limit": 1}, headers=keys.header("admin")).json()
    assert latest["total"] >= 1
    entry = latest["items"][0]
    assert entry["endpoint"] == "POST /screen"
    assert entry["items"] == 1
    assert entry["at"].endswith("+00:00")
    assert entry["input_sha256"] == input_hash({"query": name, "as_of": None, "hops": 3})
    assert sum(entry["summary"].values()) == 1
    raw = (api_settings.data_dir / "access.sqlite").read_bytes()
    assert name.encode() not in raw


def test_audit_log_is_append_only(api_settings: Settings, client: TestClient, keys: Keys) -> None:
    client.get("/resolve", params={"q": "HIT"}, headers=keys.header("screening"))
    db = sqlite3.connect(api_settings.data_dir / "access.sqlite")
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("UPDATE audit SET endpoint = 'x'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("DELETE FROM audit")
    finally:
        db.close()
