"""A list ingested again into the whole graph (``../shared/data``) leaves it as it was, read from either end.

On LadybugDB 0.22, relationships matched and updated in place (``MERGE … SET``) in a graph of this size left the
engine's forward index wrong: after OFAC's SDN list was ingested a second time, a lookup from 315 of 450
organisations with a LINKED_TO relationship returned another's relationship, with no values, while a scan of the
table was right. Only a graph this size showed it, so the check runs on a copy of the session's whole graph."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from graph.base import GraphStore
from graph.ladybug import LadybugStore
from ingest.lists.registry import list_sources
from ingest.run import ingest
from queries.stats import content_checksum
from rskg.settings import Settings

pytestmark = pytest.mark.shared_data
# the relationships OFAC's SDN list writes, and the listings, whose wrong reads a screener would see
CHECKED = [("LINKED_TO", "Organisation", "Person"), ("LINKED_TO", "Person", "Organisation"),
           ("LISTED_IN", "Organisation", "Edition"), ("LISTED_IN", "Person", "Edition")]


def _from_each_source(store: GraphStore, rtype: str, start: str, end: str) -> tuple[dict[str, set[Any]], int]:
    """Edges by source node as a scan of the table reads them, and how many sources a lookup reads otherwise."""
    _, rows, _ = store.read_cypher(f"MATCH (a:{start})-[e:{rtype}]->(b:{end}) RETURN a.iri, e.iri, b.iri",
                                   timeout_s=120, row_cap=10**7)
    scanned: dict[str, set[Any]] = defaultdict(set)
    for a, e, b in rows:
        scanned[a].add((e, b))
    wrong = 0
    for a, edges in scanned.items():
        _, found, _ = store.read_cypher(f"MATCH (a:{start} {{iri: $iri}})-[e:{rtype}]->(b:{end}) RETURN e.iri, b.iri",
                                        {"iri": a}, timeout_s=60, row_cap=10**5)
        wrong += {tuple(f) for f in found} != edges
    return scanned, wrong


def test_a_list_ingested_again_leaves_the_graph_as_it_was(
    full_graph_built: Any, shared_data: Path, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, shared_data=shared_data, workers=2)
    shutil.copyfile(full_graph_built.db_path, settings.db_path)
    with LadybugStore(settings.db_path) as store:
        before = content_checksum(store)
        report = ingest(list_sources()["ofac_sdn_legacy_2021"], store, settings, progress=False)
        assert report.records_read == report.records_loaded + report.records_quarantined > 8000
        assert content_checksum(store) == before, "a re-run changes nothing"
        for rtype, start, end in CHECKED:
            scanned, wrong = _from_each_source(store, rtype, start, end)
            assert scanned, f"{rtype} {start}->{end}: none in the graph"
            assert wrong == 0, f"{rtype} {start}->{end}: {wrong} of {len(scanned)} sources read otherwise by lookup"
