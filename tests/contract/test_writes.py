"""Writes: schema, node and relationship upserts, references, property types, batches, a real RDF record."""

from __future__ import annotations

import pytest

from graph.base import GraphStore
from graph.check import check_reads
from graph.projection import Projection, Row, project
from ingest.source import Raw
from ingest.sources.ror import map_record
from queries.stats import content_checksum

from . import HIT, TYPED, VALUES, StoreFactory, nodes, org, rels, ror_records


def test_schema_is_idempotent(store: GraphStore) -> None:
    store.ensure_schema()
    store.ensure_schema()
    assert all(store.count(label) == 0 for label in store.schema.nodes)
    assert all(store.count_rels(rtype) == 0 for rtype in store.schema.rels)
    store.upsert_nodes("Organisation", [org("urn:o:1", name="One")])
    store.ensure_schema()
    assert store.count("Organisation") == 1


def test_node_upsert_is_idempotent_and_updates_and_clears(store: GraphStore) -> None:
    first = org("urn:o:1", name="One", status="active", established=1920, countries=["CN"], alt_names=["Uno"])
    store.upsert_nodes("Organisation", [first, org("urn:o:2", name="Two")])
    before = content_checksum(store)
    store.upsert_nodes("Organisation", [first])
    assert store.count("Organisation") == 2
    assert content_checksum(store) == before
    renamed = org("urn:o:1", name="One (renamed)", status=None, countries=["RU", "CN"])
    store.upsert_nodes("Organisation", [renamed])
    node = nodes(store, "Organisation")["urn:o:1"]
    assert node["name"] == "One (renamed)"
    assert node["countries"] == ["RU", "CN"]
    assert node["status"] is None, "a value that became null is cleared"
    assert node["established"] is None, "a column missing from the row is cleared too"
    assert node["alt_names"] == []
    assert content_checksum(store) != before


def test_list_columns_missing_from_every_row_are_cleared(store: GraphStore, backend: str,
                                                         request: pytest.FixtureRequest) -> None:
    store.upsert_nodes("Organisation", [org("urn:o:1", name="One", countries=["CN"])])
    store.upsert_nodes("Organisation", [{"iri": "urn:o:1", "name": "One"}])
    assert nodes(store, "Organisation")["urn:o:1"]["countries"] is None


def test_duplicate_iris_in_one_batch_last_wins(store: GraphStore) -> None:
    store.upsert_nodes("Organisation", [org("urn:o:1", name="first"), org("urn:o:1", name="last")])
    assert store.count("Organisation") == 1
    assert nodes(store, "Organisation")["urn:o:1"]["name"] == "last"


def test_refs_never_overwrite_described_nodes(store: GraphStore) -> None:
    store.upsert_nodes("Organisation", [org("urn:o:1", name="Described", countries=["CN"])])
    store.ensure_refs("Organisation", ["urn:o:1", "urn:o:ref", "urn:o:ref"])
    store.ensure_refs("Organisation", ["urn:o:ref"])
    found = nodes(store, "Organisation")
    assert set(found) == {"urn:o:1", "urn:o:ref"}
    assert found["urn:o:1"]["name"] == "Described"
    assert found["urn:o:1"]["countries"] == ["CN"]
    assert found["urn:o:ref"]["name"] is None
    assert store.query("org_node", {"iri": "urn:o:1"})[0]["o"]["name"] == "Described"


def test_rels_between_existing_nodes_idempotent_by_iri_with_properties(store: GraphStore) -> None:
    store.upsert_nodes("Organisation", [org("urn:o:a", name="A"), org("urn:o:b", name="B")])
    owned = {"iri": "urn:r:1", "from": "urn:o:a", "to": "urn:o:b", "share": 0.51, "start_date": "2020-01-01",
             "source": "test"}
    dangling = {"iri": "urn:r:2", "from": "urn:o:a", "to": "urn:o:missing", "share": 1.0}
    store.upsert_rels("OWNED_BY", "Organisation", "Organisation", [owned, dangling])
    store.upsert_rels("OWNED_BY", "Organisation", "Organisation", [owned])
    assert store.count_rels("OWNED_BY") == 1, "idempotent by iri; none to a node that does not exist"
    assert store.count("Organisation") == 2
    store.upsert_rels("OWNED_BY", "Organisation", "Organisation", [dict(owned, share=1, start_date=None)])
    rel = rels(store, "OWNED_BY")["urn:r:1"]
    assert (rel["from"], rel["to"], rel["share"], rel["start_date"], rel["source"]) == (
        "urn:o:a", "urn:o:b", 1.0, None, "test")
    assert isinstance(rel["share"], float)
    sub = {"iri": "urn:r:3", "from": "urn:o:b", "to": "urn:o:a"}
    store.upsert_rels("SUB_ORGANISATION_OF", "Organisation", "Organisation", [sub])
    assert store.count_rels("SUB_ORGANISATION_OF") == 1
    assert store.count_rels("SAME_AS") == 0


def test_rels_loaded_again_read_the_same_from_either_end(store: GraphStore) -> None:
    """Relationships loaded again (a re-run, a changed value, a moved end) are found from their source and from
    their target alike: LadybugDB 0.22 left its forward index wrong when stored relationships were matched and
    updated in place, so that a lookup from the source returned another's relationship."""
    store.upsert_nodes("Organisation", [org(f"urn:o:{i}", name=f"O{i}") for i in range(6)])
    first = [{"iri": f"urn:r:{i}", "from": f"urn:o:{i}", "to": "urn:o:0", "source": "a"} for i in range(1, 6)]
    store.upsert_rels("SUB_ORGANISATION_OF", "Organisation", "Organisation", first)
    before = content_checksum(store)
    store.upsert_rels("SUB_ORGANISATION_OF", "Organisation", "Organisation", first)
    assert content_checksum(store) == before, "a re-run changes nothing"
    again = [dict(first[0], source="b"), dict(first[1], to="urn:o:5"), *first[2:]]
    store.upsert_rels("SUB_ORGANISATION_OF", "Organisation", "Organisation", again)
    assert store.count_rels("SUB_ORGANISATION_OF") == 5, "a moved end moves the relationship, it adds none"
    for row in again:
        _, found, _ = store.read_cypher(
            "MATCH (a:Organisation {iri: $iri})-[e:SUB_ORGANISATION_OF]->(b:Organisation) "
            "RETURN e.iri, b.iri, e.source", {"iri": row["from"]}, timeout_s=10, row_cap=10)
        assert found == [[row["iri"], row["to"], row["source"]]]
    _, found, _ = store.read_cypher(
        "MATCH (a:Organisation)-[e:SUB_ORGANISATION_OF]->(b:Organisation {iri: 'urn:o:5'}) RETURN a.iri",
        timeout_s=10, row_cap=10)
    assert found == [["urn:o:2"]]
    # what `rskg check` reports: every node of the table looked up from either end reads as the scan does
    (check,) = [c for c in check_reads(store, sample=None) if c.rtype == "SUB_ORGANISATION_OF"]
    assert (check.relationships, check.sources, check.targets, check.ok) == (5, 5, 2, True)


def test_property_types_round_trip(make_store: StoreFactory) -> None:
    store = make_store(TYPED)
    store.upsert_nodes("Thing", VALUES)
    store.upsert_rels("LINKS", "Thing", "Thing", [{"iri": "urn:l:1", "from": "urn:t:zh", "to": "urn:t:ru",
                                                   "weight": 2, "note": "Ünïcödé ✓"}])
    found = nodes(store, "Thing")
    for row in VALUES:
        assert found[row["iri"]] == row
        for key, value in row.items():
            assert type(found[row["iri"]][key]) is type(value), key
    assert rels(store, "LINKS")["urn:l:1"] == {"iri": "urn:l:1", "from": "urn:t:zh", "to": "urn:t:ru",
                                                "weight": 2.0, "note": "Ünïcödé ✓"}
    columns, rows, cut = store.read_cypher("MATCH (t:Thing) WHERE t.iri = $iri RETURN t.text AS text, "
                                           "t.number AS number, t.words AS words", {"iri": "urn:t:zh"},
                                           timeout_s=10, row_cap=10)
    assert columns == ["text", "number", "words"]
    assert rows == [["哈尔滨工业大学", 2**40 + 1, ["哈工大", "HIT"]]]
    assert cut is False


def test_batches_larger_than_batch_size(make_store: StoreFactory) -> None:
    store = make_store(batch_size=7)
    many = [org(f"urn:o:{i:03}", name=f"Org {i}") for i in range(100)]
    store.upsert_nodes("Organisation", many)
    assert store.count("Organisation") == 100
    projection = Projection()
    projection.nodes["Organisation"].extend(org(f"urn:o:{i:03}", name=f"Org {i}!") for i in range(100, 150))
    projection.refs["Organisation"] |= {f"urn:o:ref{i}" for i in range(20)}
    projection.rels[("SUB_ORGANISATION_OF", "Organisation", "Organisation")].extend(
        {"iri": f"urn:r:{i}", "from": f"urn:o:{i:03}", "to": f"urn:o:{i + 1:03}"} for i in range(149))
    store.load(projection)
    store.load(projection)
    assert store.count("Organisation") == 170
    assert store.count_rels("SUB_ORGANISATION_OF") == 149


def _hit_projection() -> Projection:
    record = next(r for r in ror_records() if r["id"] == HIT)
    return project(map_record(Raw(HIT.rsplit("/", 1)[-1], "line 1", record, "2026-06-23")).graph)


def test_load_a_real_ror_record(store: GraphStore) -> None:
    projection = _hit_projection()
    store.load(projection)
    node = store.query("org_node", {"iri": HIT})[0]["o"]
    assert node["name"] == "Harbin Institute of Technology"
    assert "哈尔滨工业大学" in node["labels"]
    assert node["countries"] == ["CN"]
    assert node["source"] == "ror"
    assert node["release"] == "2026-06-23"
    assert store.count("Organisation") == 1 + len(projection.refs["Organisation"])
    children = {r["iri"] for r in store.query("org_links_in", {"iri": HIT, "limit": 50})}
    assert len(children) == 3
    checksum = content_checksum(store)
    store.load(_hit_projection())
    assert content_checksum(store) == checksum


def test_runs_recorded_and_listed_newest_first(store: GraphStore) -> None:
    for i, started in enumerate(["2026-01-01T00:00:00", "2026-03-01T00:00:00", "2026-02-01T00:00:00"]):
        store.record_run({"id": f"run{i}", "source": "ror", "started": started, "records": i, "files": ["a"]})
    assert [run["id"] for run in store.runs()] == ["run1", "run2", "run0"]
    assert store.runs(1) == [{"id": "run1", "source": "ror", "started": "2026-03-01T00:00:00", "records": 1,
                              "files": ["a"]}]
    store.record_run({"id": "run0", "source": "ror", "started": "2026-04-01T00:00:00", "records": 9})
    assert [run["id"] for run in store.runs()] == ["run0", "run1", "run2"]
    assert all(store.count(label) == 0 for label in store.schema.nodes), "runs are not domain data"


@pytest.mark.parametrize("bad", [{"iri": "urn:t:x", "number": "7"}, {"iri": "urn:t:x", "words": "one"}])
def test_values_of_the_wrong_type_are_refused(make_store: StoreFactory, bad: Row) -> None:
    from rskg.errors import RskgError

    store = make_store(TYPED)
    with pytest.raises(RskgError):
        store.upsert_nodes("Thing", [{"words": [], "counts": [], **bad}])
