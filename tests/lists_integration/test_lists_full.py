"""All full lists and the full ROR registry (v2, then v1): every source ingests with reconciling counts, and
each of the seven PRC defence universities is linked to every list entry that names it (Entity List,
Section 1286, Canada NRO, ASPI) with a score and a method. Takes several minutes (the ROR ingest)."""

from __future__ import annotations

from typing import Any

import pytest
from lists_support import NAMING_LISTS, SEVEN, rows


@pytest.mark.shared_data
def test_full_lists_and_registry(full_graph_built: Any) -> None:
    """Uses the session's full graph (tests/conftest.py): every list ingested after the full registry, then
    the derivations (resolver index, linking, merged index, exposure)."""
    store = full_graph_built.store
    for key, report in full_graph_built.reports.items():
        assert report.reconciles, key
        assert report.records_loaded > 0, key
    print(f"all derivations on the full graph: {full_graph_built.derive_seconds:.1f} s")
    for dataset in NAMING_LISTS:
        for ror_id, names in SEVEN.items():
            entries = rows(store, """
                MATCH (e:Organisation) WHERE e.source = $dataset AND e.name IN $names
                OPTIONAL MATCH (e)-[s:SAME_AS]->(r:Organisation {iri: $ror})
                RETURN e.iri AS iri, s.score AS score, s.method AS method""",
                {"dataset": dataset, "names": list(names), "ror": ror_id})
            assert entries, (dataset, names[0])
            for entry in entries:
                assert entry["score"] is not None, (dataset, names[0])
                assert entry["score"] >= 0.85, (dataset, names[0])
                assert entry["method"], (dataset, names[0])
