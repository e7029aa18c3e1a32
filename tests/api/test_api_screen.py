"""Screening endpoints: the wire shape of one report, a streamed batch (CSV / JSON lines), a team."""

from __future__ import annotations

import csv
import io
import json

from api_support import REPO, Keys
from fastapi.testclient import TestClient

from api.batch import COLUMNS, MAX_ROWS

REPORT_KEYS = {
    "query",
    "as_of",
    "hops",
    "resolution",
    "subject",
    "identity",
    "listings",
    "inherited",
    "connections",
    "areas",
    "funders",
    "coverage",
    "verdicts",
    "strongest",
    "uncounted_lists",
}


def test_screen_report_shape(client: TestClient, keys: Keys) -> None:
    response = client.post(
        "/screen", json={"query": "https://ror.org/01yqg2h08", "as_of": "2026-01-15"}, headers=keys.header("screening")
    )
    assert response.status_code == 200
    report = response.json()
    assert set(report) == REPORT_KEYS
    assert report["as_of"] == "2026-01-15"
    assert report["subject"]["iri"] == "https://ror.org/01yqg2h08"
    assert isinstance(report["strongest"], str)
    assert report["uncounted_lists"] == []  # HIT's listings are counted: its verdict is not clear


def test_screen_no_match_is_a_report_not_an_error(client: TestClient, keys: Keys) -> None:
    response = client.post("/screen", json={"query": "Qqqq Nonexistent Zzzz"}, headers=keys.header("screening"))
    assert response.status_code == 200
    assert response.json()["resolution"]["decision"] in ("none", "candidates")


def test_batch_csv_in_csv_out(client: TestClient, keys: Keys) -> None:
    body = "name,country\nHarbin Engineering University,CN\nUniversity of Victoria,CA\n=1+2,\n\n"
    response = client.post(
        "/screen/batch",
        content=body.encode(),
        headers={**keys.header("screening"), "content-type": "text/csv", "accept": "text/csv"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    # a name that opens like a formula is written so that a spreadsheet shows it as text
    assert [r["name"] for r in rows] == ["Harbin Engineering University", "University of Victoria", "'=1+2"]
    assert list(rows[0]) == COLUMNS
    assert [r["row"] for r in rows] == ["1", "2", "3"]


def test_batch_csv_in_utf16_or_not_text(client: TestClient, keys: Keys) -> None:
    body = "name\nUniversity of Victoria\n"
    headers = {**keys.header("screening"), "content-type": "text/csv"}
    response = client.post("/screen/batch", content=body.encode("utf-16"), headers=headers)
    assert response.status_code == 200
    assert json.loads(response.text.splitlines()[0])["name"] == "University of Victoria"
    response = client.post("/screen/batch", content="name\nUniversité\n".encode("latin-1"), headers=headers)
    assert response.status_code == 400
    assert "not UTF-8" in response.text


def test_batch_json_in_json_lines_out(client: TestClient, keys: Keys) -> None:
    response = client.post(
        "/screen/batch",
        json=[{"name": "University of Victoria"}, "Harbin Engineering University"],
        headers=keys.header("screening"),
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [line["row"] for line in lines] == [1, 2]
    assert set(lines[0]) == set(COLUMNS)
    audit = client.get("/audit", params={"limit": 1}, headers=keys.header("admin")).json()["items"][0]
    assert audit["endpoint"] == "POST /screen/batch"
    assert audit["items"] == 2
    assert sum(audit["summary"].values()) == 2


def test_batch_bad_inputs_are_4xx(client: TestClient, keys: Keys) -> None:
    headers = {**keys.header("screening"), "content-type": "text/csv"}
    assert client.post("/screen/batch", content=b"partner\nx\n", headers=headers).status_code == 400
    assert client.post("/screen/batch", content=b"name\n", headers=headers).status_code == 400
    assert client.post("/screen/batch", content=b"\xff\xfe", headers=headers).status_code == 400
    assert client.post("/screen/batch", json={"name": "x"}, headers=keys.header("screening")).status_code == 400
    assert client.post("/screen/batch", json=[], headers=keys.header("screening")).status_code == 400
    too_many = ("name\n" + "a\n" * (MAX_ROWS + 1)).encode()
    assert client.post("/screen/batch", content=too_many, headers=headers).status_code == 413


def test_team(client: TestClient, keys: Keys) -> None:
    team = (REPO / "samples" / "team" / "example_team.csv").read_bytes()
    response = client.post(
        "/screen/team",
        files={"file": ("team.csv", team, "text/csv")},
        data={"project": "Wind-tunnel testing of hypersonic vehicles", "as_of": "2026-01-15"},
        headers=keys.header("screening"),
    )
    if response.status_code == 503:  # queries.screen.team not landed yet
        return
    assert response.status_code == 200
    report = response.json()
    assert {"as_of", "project", "people", "verdicts", "coverage", "strongest"} <= set(report)
    assert len(report["people"]) == 3


def test_team_with_bad_rows_is_400_with_row_errors(client: TestClient, keys: Keys) -> None:
    bad = b"researcher,relation,organisation,role,start,end\nA,friendship,Somewhere,,2020,\n"
    response = client.post(
        "/screen/team", files={"file": ("team.csv", bad, "text/csv")}, headers=keys.header("screening")
    )
    if response.status_code == 503:
        return
    assert response.status_code == 400
    assert response.json()["errors"][0]["row"] == 2
