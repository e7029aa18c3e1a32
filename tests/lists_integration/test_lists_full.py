"""All full lists and the full ROR registry (v2, then v1): every source ingests with reconciling counts, and
each of the seven PRC defence universities is linked to every list entry that names it (Entity List,
Section 1286, Canada NRO, ASPI) with a score and a method. Takes several minutes (the ROR ingest)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from lists_support import NAMING_LISTS, SEVEN, rows

from graph.ladybug import LadybugStore
from ingest.lists.linking import link_entities
from ingest.lists.registry import list_sources
from ingest.run import derive, ingest
from ingest.sources.ror import SOURCE as ROR
from rskg.settings import Settings


@pytest.mark.shared_data
def test_full_lists_and_registry(tmp_path: Path, shared_data: Path) -> None:
    settings = Settings(data_dir=tmp_path, shared_data=shared_data, workers=2)
    with LadybugStore(settings.db_path) as store:
        store.ensure_schema()
        ror_files = [shared_data / "ror" / "ror_records_latest_v2.jsonl.gz",
                     shared_data / "ror" / "ror_records_latest_v1schema.jsonl.gz"]
        for path in ror_files:
            assert ingest(ROR, store, settings, [path], progress=False).reconciles
        for key, source in list_sources().items():
            report = ingest(source, store, settings, progress=False)
            assert report.reconciles, key
            assert report.records_loaded > 0, key
        derive(store, settings, only=["resolver"])
        started = time.perf_counter()
        link_entities(store, settings)
        print(f"linking all lists against the full registry: {time.perf_counter() - started:.1f} s")
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
