"""Lists of concern end to end, on the committed fixtures and the ROR sample, in a real LadybugDB store:
counts reconcile, a second run changes nothing, listings keep editions and dates as given, the PRC defence
universities are linked to their registry records, and named-only parents become entities with relations."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from lists_support import MINE, NAMING_LISTS, ROR_SAMPLES, SEVEN, Built, fixture_files, rows

from ingest.lists.index_step import records
from ingest.lists.mapping import edition_iri, entry_iri, named_iri
from ingest.lists.registry import list_sources, reader
from ingest.run import derive
from queries.resolver import records_from_ror_files
from queries.stats import content_checksum
from rskg.cli import main


def test_every_source_reconciles_with_what_its_reader_read(built: Built) -> None:
    assert len(list_sources()) == 16
    for key, report in built.reports.items():
        assert report.reconciles, key
        if key.startswith("ror:"):
            continue
        read = reader(key).read(fixture_files(key))
        assert report.records_read == read.read, key
        assert report.records_quarantined >= len(read.malformed), key


def test_a_second_run_changes_nothing(built: Built) -> None:
    before = content_checksum(built.store)
    again = built.ingest_lists()
    derive(built.store, built.settings, only=MINE)
    assert all(r.reconciles for r in again.values())
    assert content_checksum(built.store) == before


@pytest.mark.parametrize("dataset", ["us_dod_section1286", "us_bis_denied_persons"])
def test_listings_carry_their_edition_and_dates_as_given(built: Built, dataset: str) -> None:
    entries = reader(dataset).read(fixture_files(dataset)).entries
    checked = 0
    for entry in entries:
        found = sorted((r["edition"], r["name"], r["since"] or "", r["until"] or "", r["list"], r["source"])
                       for r in rows(built.store, """
            MATCH (e {iri: $iri})-[l:LISTED_IN]->(ed:Edition)-[:EDITION_OF]->(li:List)
            RETURN ed.iri AS edition, li.key AS list, l.name_as_listed AS name,
                   l.listed_from AS since, l.listed_until AS until, l.source AS source""",
            {"iri": entry_iri(dataset, entry, scoped=False)}))
        expected = sorted((str(edition_iri(entry.source, a.edition)), a.name_as_listed, a.listed_from or "",
                           a.listed_until or "", entry.source, dataset) for a in entry.appearances)
        assert found == expected, entry.name
        checked += len(found)
    assert checked > len(entries)  # several editions, or several listings in one edition, per entry


def test_editions_keep_dates_as_precise_as_the_source(built: Built) -> None:
    fy2023 = rows(built.store, "MATCH (ed:Edition {iri: $iri}) RETURN ed.date AS date, ed.superseded AS s",
                  {"iri": str(edition_iri("us_dod_1286", "fy2023"))})
    assert fy2023 == [{"date": "2024-07", "s": "2024"}]  # a month only, never an invented day


def test_prc_defence_universities_are_linked_to_the_registry(built: Built) -> None:
    for dataset in NAMING_LISTS:
        for ror_id, names in SEVEN.items():
            links = rows(built.store, """
                MATCH (e:Organisation)-[s:SAME_AS]->(r:Organisation {iri: $ror})
                WHERE e.source = $dataset
                RETURN e.name AS name, s.score AS score, s.method AS method""",
                {"ror": ror_id, "dataset": dataset})
            assert [link["name"] for link in links if link["name"] in names], (dataset, names[0])
            for link in links:
                assert 0.85 <= link["score"] <= 1.0, link
                assert link["method"], link


def test_an_entry_that_matches_nothing_stays_an_organisation_of_its_own(built: Built) -> None:
    found = rows(built.store, """
        MATCH (e:Organisation) WHERE e.source = 'us_dod_section1286' AND e.name = 'Xidian University'
        OPTIONAL MATCH (e)-[s:SAME_AS]->(r) RETURN e.iri AS iri, count(s) AS links""")
    assert len(found) == 1  # in the ROR sample it is linked; the entry itself is kept either way
    unlinked = rows(built.store, """
        MATCH (e:Organisation) WHERE e.source = 'us_fcc_covered_list'
        OPTIONAL MATCH (e)-[s:SAME_AS]->() WITH e, count(s) AS n WHERE n = 0 RETURN count(e) AS c""")
    assert unlinked[0]["c"] > 0


@pytest.mark.parametrize("dataset", ["aspi_china_defence_universities", "us_bis_entity_list_china_universities",
                                     "ca_named_research_organizations"])
def test_named_only_parents_and_units_become_entities_with_relations(built: Built, dataset: str) -> None:
    entries = reader(dataset).read(fixture_files(dataset)).entries
    rel_types = {"parent": ("SUB_ORGANISATION_OF", False), "child": ("SUB_ORGANISATION_OF", True),
                 "supervised_by": ("SUPERVISED_BY", False), "related": ("RELATED_TO", False)}
    checked = 0
    for entry in entries:
        for rel in entry.relations:
            if not rel.target_name or rel.kind not in rel_types:
                continue
            rtype, inverted = rel_types[rel.kind]
            me, other = entry_iri(dataset, entry, scoped=False), named_iri(dataset, rel.target_name)
            start, end = (other, me) if inverted else (me, other)
            found = rows(built.store, f"""
                MATCH (a {{iri: $from_iri}})-[:{rtype}]->(b {{iri: $to_iri}})
                MATCH (n:Organisation {{iri: $other}})
                RETURN n.name AS name, n.countries AS countries, n.source AS source""",
                {"from_iri": start, "to_iri": end, "other": other})
            assert found, (entry.name, rel.kind, rel.target_name)
            assert found[0]["source"] == dataset
            assert found[0]["name"]
            checked += 1
    assert checked > 0


def test_area_hints_and_aspi_topics_become_area_assignments(built: Built) -> None:
    found = rows(built.store, """
        MATCH (e:Organisation)-[h:HAS_AREA]->(c:Concept)
        WHERE e.source = 'aspi_china_defence_universities' AND e.name = 'Harbin Institute of Technology'
        RETURN c.iri AS concept, h.basis AS basis, h.confidence AS confidence""")
    bases = {r["basis"] for r in found}
    assert any(b.startswith("ASPI topic: ") for b in bases)
    assert any(r["concept"].endswith("/end-use/military") for r in found)
    assert all(0 < r["confidence"] <= 1 for r in found)


def test_cli_lists_sources_and_ingests_one_with_its_own_file(tmp_path: Path,
                                                             use_data_dir: Callable[[Path], Path]) -> None:
    use_data_dir(tmp_path)
    runner = CliRunner()
    shown = runner.invoke(main, ["ingest", "lists", "--list"])
    assert shown.exit_code == 0
    assert "us_dod_section1286  (us_dod_1286)" in shown.output
    files = [str(p) for p in fixture_files("us_dod_section1286")]
    args = ["ingest", "lists", "us_dod_1286", "--no-derive", "--no-progress"]
    done = runner.invoke(main, [*args, *(x for f in files for x in ("--path", f))])
    assert done.exit_code == 0, done.output
    assert "us_dod_section1286: records read 21 = loaded 18 + quarantined 3" in done.output
    unknown = runner.invoke(main, ["ingest", "lists", "no_such_list"])
    assert unknown.exit_code != 0
    assert "no_such_list" in unknown.output


def test_the_index_from_the_graph_counts_relations_as_the_registry_files_do(built: Built) -> None:
    """The resolver's prior among organisations sharing a name (children and related organisations, loaded or
    not) is the same whether the index is built from the graph at ingest or from the ROR files, but for the
    children that name a parent which does not list them: the graph holds the relation from either side."""
    from_files = {r.iri: r.links for r in records_from_ror_files(ROR_SAMPLES)}
    from_graph = {r.iri: r.links for r in records(built.store) if r.iri in from_files}
    claimed: dict[str, set[str]] = {}
    for path in ROR_SAMPLES:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                rec = json.loads(line)
                for rel in rec.get("relationships") or []:
                    kind = str(rel.get("type")).lower()
                    if kind == "child":
                        claimed.setdefault(rec["id"], set()).add(rel["id"])
                    elif kind == "parent":
                        claimed.setdefault(rel["id"], set()).add(f"unlisted:{rec['id']}")
    unlisted = {
        iri: len({c.removeprefix("unlisted:") for c in kids if c.startswith("unlisted:")} - kids)
        for iri, kids in claimed.items()
    }
    assert {iri: n - unlisted.get(iri, 0) for iri, n in from_graph.items()} == from_files
    assert max(from_files.values()) >= 10, "the sample holds organisations with many relations"
