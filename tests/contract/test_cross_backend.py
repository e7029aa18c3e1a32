"""The same data in every backend gives the same content checksum and the same answers (needs NEO4J_URI)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.base import GraphStore
from ingest.pipeline import run_ingest
from ingest.sources.ror import SOURCE
from queries.org import lookup
from queries.stats import content_checksum, stats

from . import HIT, TYPED, VALUES, StoreFactory

pytestmark = pytest.mark.neo4j
QUERIES = ["哈尔滨工业大学", "01yqg2h08", "hit", "HIT", "https://ror.org/05s6mpv98", "https://ror.org/0211bs523",
           "https://ror.org/00erx8914", "https://ror.org/00ab9fg88", "no such organisation at all"]


@pytest.fixture
def both(ladybug_factory: StoreFactory, neo4j_factory: StoreFactory) -> dict[str, StoreFactory]:
    return {"ladybug": ladybug_factory, "neo4j": neo4j_factory}


def _answer(store: GraphStore, query: str) -> Any:
    try:
        return lookup(store, query).model_dump()
    except Exception as exc:  # the same refusal (e.g. NotFoundError) is an equal answer
        return type(exc).__name__


def _plain_node(row: dict[str, Any]) -> dict[str, Any]:
    """A node as a dict of its set properties (the embedded engine also lists unset columns and _LABEL)."""
    return {k: v for k, v in row.items() if v is not None and k != "_LABEL"}


def test_ror_slice_same_checksum_and_answers(both: dict[str, StoreFactory], ror_slice: Path,
                                            tmp_path: Path) -> None:
    stores = {name: make() for name, make in both.items()}
    for name, store in stores.items():
        run_ingest(SOURCE, [ror_slice], store, tmp_path / name, workers=1, progress=False)
    first = {name: content_checksum(store) for name, store in stores.items()}
    assert first["ladybug"] == first["neo4j"]
    counts = {name: (s.nodes, s.relationships) for name, s in ((n, stats(st)) for n, st in stores.items())}
    assert counts["ladybug"] == counts["neo4j"]
    for query in QUERIES:
        answers = {name: _answer(store, query) for name, store in stores.items()}
        assert answers["ladybug"] == answers["neo4j"], query
    for name in ("org_links_in", "org_links_out", "org_ancestors"):
        rows = {n: sorted(map(repr, s.query(name, {"iri": HIT, "limit": 100}))) for n, s in stores.items()}
        assert rows["ladybug"] == rows["neo4j"], name
    found = {n: s.query("link_same_as", {"iri": HIT}) for n, s in stores.items()}
    assert found["ladybug"] == found["neo4j"], "link_same_as"
    # the derivations' reads (resolver index, linking): the same rows, in whatever order each engine gives them
    reads: list[tuple[str, dict[str, Any]]] = [
        ("resolver_orgs", {}),
        ("resolver_edges", {}),
        ("resolver_links", {"sources": ["ror"]}),
        ("link_entries", {"skip_sources": ["x"]}),
    ]
    for name, params in reads:
        rows = {n: sorted(map(repr, s.query(name, params))) for n, s in stores.items()}
        assert rows["ladybug"] == rows["neo4j"], name
        assert rows["ladybug"], f"{name}: the slice gives rows"
    nodes = {n: _plain_node(s.query("org_node", {"iri": HIT})[0]["o"]) for n, s in stores.items()}
    assert nodes["ladybug"] == nodes["neo4j"]
    for name, store in stores.items():
        run_ingest(SOURCE, [ror_slice], store, tmp_path / f"{name}-again", workers=1, progress=False)
        assert content_checksum(store) == first[name], f"{name}: a re-load changes nothing"


def test_typed_values_same_checksum(both: dict[str, StoreFactory]) -> None:
    checksums = {}
    for name, make in both.items():
        store = make(TYPED)
        store.upsert_nodes("Thing", list(reversed(VALUES)))
        store.upsert_rels("LINKS", "Thing", "Thing", [{"iri": "urn:l:1", "from": "urn:t:zh", "to": "urn:t:ru",
                                                       "weight": 2, "note": "✓"}])
        checksums[name] = content_checksum(store)
    assert checksums["ladybug"] == checksums["neo4j"]
