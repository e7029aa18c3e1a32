"""Reads: the named queries (twins in both dialects, same answers) and analysts' read-only Cypher."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from graph.base import GraphStore
from ingest.pipeline import run_ingest
from ingest.sources.ror import SOURCE
from queries.cypher import query_names
from queries.org import lookup
from rskg.errors import InputError, QueryTimeoutError, ReadOnlyError

from . import HIT, RUNAWAY, WRITES, org


def _orgs(store: GraphStore, n: int = 10) -> None:
    store.upsert_nodes("Organisation", [org(f"urn:o:{i:02}", name=f"Org {i}") for i in range(n)])


def test_every_named_query_has_a_twin_in_the_other_dialect() -> None:
    ladybug, neo4j = set(query_names("ladybug")), set(query_names("neo4j"))
    assert ladybug, "no named queries found"
    assert sorted(ladybug - neo4j) == [], "named queries without a neo4j twin"
    assert sorted(neo4j - ladybug) == [], "named queries without a ladybug twin"


def test_org_lookup_on_a_small_ingested_sample(store: GraphStore, ror_slice: Path, tmp_path: Path) -> None:
    report = run_ingest(SOURCE, [ror_slice], store, tmp_path / "quarantine", workers=1, progress=False)
    assert report.records_quarantined == 0
    assert [run["id"] for run in store.runs(1)] == [report.id]
    by_label = lookup(store, "哈尔滨工业大学")
    assert by_label.detail is not None
    assert by_label.detail.iri == HIT
    assert any(n.value == "哈尔滨工业大学" and n.lang == "zh" for n in by_label.detail.names)
    by_id = lookup(store, "01yqg2h08")
    assert by_id.detail is not None
    assert by_id.detail.name == "Harbin Institute of Technology"
    children = {c.iri: c.name for c in by_id.detail.children}
    assert len(children) == 3, "every child, described or a bare reference"
    lab_name = "State Key Laboratory of Urban Water Resources and Water Environment"
    assert children["https://ror.org/05s6mpv98"] == lab_name
    acronym = lookup(store, "hit")
    assert acronym.detail is None
    assert {HIT, "https://ror.org/0211bs523", "https://ror.org/02e7r0h80"} <= {m.iri for m in acronym.matches}
    lab = lookup(store, "https://ror.org/05s6mpv98")
    assert lab.detail is not None
    assert [[a.iri for a in chain] for chain in lab.detail.ancestors] == [[HIT]]
    russian = store.read_cypher("MATCH (o:Organisation) WHERE o.iri = $iri RETURN o.labels AS labels",
                                {"iri": "https://ror.org/00erx8914"}, timeout_s=10, row_cap=5)[1]
    assert any(any("\u0400" <= ch <= "\u04ff" for ch in label) for label in russian[0][0])


def test_read_cypher_returns_columns_and_rows(store: GraphStore) -> None:
    _orgs(store, 3)
    columns, rows, cut = store.read_cypher(
        "MATCH (o:Organisation) WHERE o.name STARTS WITH $prefix RETURN o.iri AS iri, o.name AS name "
        "ORDER BY iri", {"prefix": "Org"}, timeout_s=10, row_cap=100)
    assert columns == ["iri", "name"]
    assert rows == [["urn:o:00", "Org 0"], ["urn:o:01", "Org 1"], ["urn:o:02", "Org 2"]]
    assert cut is False
    _, nodes, _ = store.read_cypher("MATCH (o:Organisation) WHERE o.iri = 'urn:o:01' RETURN o",
                                    timeout_s=10, row_cap=10)
    assert isinstance(nodes[0][0], dict)
    assert (nodes[0][0]["iri"], nodes[0][0]["name"]) == ("urn:o:01", "Org 1")
    _, rows, _ = store.read_cypher("RETURN 'CREATE (n) SET n.x = 1; DELETE' AS text, "
                                   "date('2024-01-02') AS day", timeout_s=10, row_cap=10)
    assert rows == [["CREATE (n) SET n.x = 1; DELETE", "2024-01-02"]], "keywords in strings; dates as ISO"


@pytest.mark.parametrize(("cap", "expected", "cut"),
                         [(3, 3, True), (10, 10, False), (11, 10, False), (1, 1, True)])
def test_read_cypher_caps_rows(store: GraphStore, cap: int, expected: int, cut: bool) -> None:
    _orgs(store, 10)
    columns, rows, truncated = store.read_cypher("MATCH (o:Organisation) RETURN o.iri AS iri ORDER BY iri",
                                                 timeout_s=10, row_cap=cap)
    assert columns == ["iri"]
    assert rows == [[f"urn:o:{i:02}"] for i in range(expected)]
    assert truncated is cut


@pytest.mark.parametrize("text", WRITES)
def test_read_cypher_refuses_writes_procedures_and_several_statements(store: GraphStore, text: str) -> None:
    _orgs(store, 2)
    with pytest.raises(ReadOnlyError):
        store.read_cypher(text, timeout_s=10, row_cap=10)
    assert store.count("Organisation") == 2
    assert [r[0] for r in store.read_cypher("MATCH (o:Organisation) RETURN o.name ORDER BY o.name",
                                            timeout_s=10, row_cap=10)[1]] == ["Org 0", "Org 1"]


def test_read_cypher_rejects_invalid_queries_as_input_errors(store: GraphStore, backend: str,
                                                              request: pytest.FixtureRequest) -> None:
    with pytest.raises(InputError):
        store.read_cypher("MATCH (n RETURN n", timeout_s=10, row_cap=10)


def test_read_cypher_stops_a_runaway_query(store: GraphStore, backend: str, gaps: dict[str, str],
                                          request: pytest.FixtureRequest) -> None:
    if "timeout" in gaps:
        pytest.skip(gaps["timeout"])
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError):
        store.read_cypher(RUNAWAY, timeout_s=1, row_cap=10)
    assert time.monotonic() - started < 30
    assert store.read_cypher("RETURN 1 AS one", timeout_s=5, row_cap=1)[1] == [[1]], "usable afterwards"
