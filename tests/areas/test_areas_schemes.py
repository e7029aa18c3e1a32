"""The SKOS schemes: they load, validate against the shapes, cite their sources, keep the official labels
verbatim, record what the collected labels lack, and map the ten EU areas to their Canadian counterparts."""

from __future__ import annotations

import csv
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from ingest.lists.model import END_USES, end_use
from queries.areas import get_taxonomy, load_taxonomies, mappings_table
from queries.areas.build import build_all
from queries.areas.models import TAXONOMY_BASE
from queries.areas.taxonomy import RSKG, SHAPES_FILE

CSV_FILES = {
    "eu-cta": ("eu_critical_technology_areas_2023_2113.csv", "EU-CT-"),
    "ca-stra": ("ca_sensitive_technology_research_areas.csv", "CA-STRA-"),
    "us-cet": ("us_critical_emerging_technologies_2024.csv", "US-CET-"),
    "eu-dual-use": ("eu_dual_use_2021_821_annex_i.csv", "EU-DU-"),
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_taxonomies()


def test_all_schemes_validate_against_the_shapes(graph: Graph) -> None:
    shapes = Graph().parse(SHAPES_FILE)
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes)
    assert conforms, text


def test_five_schemes_each_with_title_source_and_concepts(graph: Graph) -> None:
    taxonomy = get_taxonomy()
    assert set(taxonomy.schemes) == {"eu-cta", "ca-stra", "us-cet", "eu-dual-use", "end-use"}
    for key in taxonomy.schemes:
        scheme = URIRef(TAXONOMY_BASE + key)
        assert graph.value(scheme, DCTERMS.title) is not None
        assert list(graph.objects(scheme, DCTERMS.source))
        assert any(c.scheme == key for c in taxonomy.concepts.values())


def test_every_concept_cites_its_source(graph: Graph) -> None:
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 150
    for concept in concepts:
        assert graph.value(concept, RSKG.citation) is not None, concept
        sources = list(graph.objects(concept, DCTERMS.source))
        assert sources, concept
        assert all(str(s).startswith("https://") for s in sources), concept


def test_concepts_are_typed_area_or_end_use_and_iris_follow_the_pattern() -> None:
    taxonomy = get_taxonomy()
    for concept in taxonomy.concepts.values():
        assert concept.iri.startswith(f"{TAXONOMY_BASE}{concept.scheme}/")
        if concept.scheme == "end-use":
            assert concept.kind == "end_use"
        else:
            assert concept.kind in ("technology_area", "facet")
    facets = [c for c in taxonomy.concepts.values() if c.kind == "facet"]
    assert [c.pref_label for c in facets if c.pref_label in ("Software", "Technology")]  # the product groups


def test_end_use_iris_are_the_ones_other_modules_use() -> None:
    taxonomy = get_taxonomy()
    end_uses = {c.iri for c in taxonomy.concepts.values() if c.scheme == "end-use"}
    assert end_uses == {end_use(key) for key in END_USES}


def test_end_uses_are_defined_with_the_policy_text_they_come_from(graph: Graph) -> None:
    for key in END_USES:
        node = URIRef(end_use(key))
        definition = graph.value(node, SKOS.definition)
        assert isinstance(definition, Literal)
        assert definition.language == "en"
        assert len(str(definition)) > 40
        citation = str(graph.value(node, RSKG.citation))
        assert "2021/821" in citation or "15 CFR" in citation


def test_partial_source_data_is_recorded_not_filled(graph: Graph) -> None:
    taxonomy = get_taxonomy()
    eu_notes = " ".join(taxonomy.schemes["eu-cta"].editorial_notes)
    assert "PARTIAL" in eu_notes
    assert "5-10" in eu_notes
    us_notes = " ".join(taxonomy.schemes["us-cet"].editorial_notes)
    assert "subfields" in us_notes
    # EU areas 5-10 and all US areas have no narrower concepts, and each says why
    for key, codes in (("eu-cta", range(5, 11)), ("us-cet", range(1, 19))):
        for code in codes:
            node = URIRef(f"{TAXONOMY_BASE}{key}/{code}")
            assert not list(graph.objects(node, SKOS.narrower))
            assert graph.value(node, SKOS.editorialNote) is not None


def _code_to_iri(key: str, prefix: str, code: str) -> str:
    return f"{TAXONOMY_BASE}{key}/{code[len(prefix) :]}"


@pytest.mark.shared_data
@pytest.mark.parametrize("key", sorted(CSV_FILES))
def test_official_labels_are_verbatim_from_the_collected_csv(key: str, shared_data: Path) -> None:
    name, prefix = CSV_FILES[key]
    with (shared_data / "taxonomies" / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    taxonomy = get_taxonomy()
    ours = {c.iri: c for c in taxonomy.concepts.values() if c.scheme == key}
    assert len(ours) == len(rows)
    for row in rows:
        concept = ours[_code_to_iri(key, prefix, row["code"])]
        assert concept.pref_label == row["label"]
        assert concept.notation == row["code"]
        assert row["label"].casefold() not in {a.casefold() for a in concept.alt_labels}


@pytest.mark.shared_data
def test_committed_turtle_is_what_the_builder_makes(shared_data: Path) -> None:
    from rdflib.compare import isomorphic

    from queries.areas.taxonomy import TAXONOMY_DIR

    for name, built in build_all(shared_data / "taxonomies").items():
        committed = Graph().parse(TAXONOMY_DIR / name)
        assert isomorphic(built, committed), f"{name} is stale: run python -m queries.areas.build"


# the acceptance pairs: EU area label -> Canadian category label, exactly as the CSVs print them
EU_TO_CANADA = [
    ("Quantum technologies", "Quantum Science and Technology"),
    ("Artificial Intelligence technologies", "Artificial Intelligence and Big Data Technology"),
    ("Advanced sensing technologies", "Advanced Sensing and Surveillance"),
    ("Robotics and autonomous systems", "Robotics and Autonomous Systems"),
    ("Space and propulsion technologies", "Aerospace, Space and Satellite Technology"),
    ("Advanced materials, manufacturing, and recycling technologies", "Advanced Materials and Manufacturing"),
    ("Energy technologies", "Advanced Energy Technology"),
    ("Biotechnologies", "Life Science Technology"),
    ("Advanced Semiconductors technologies", "Advanced Digital Infrastructure Technology"),
    (
        "Advanced connectivity, navigation and digital technologies",
        "Advanced Digital Infrastructure Technology",
    ),
]


@pytest.mark.parametrize(("eu_label", "ca_label"), EU_TO_CANADA)
def test_each_eu_area_maps_to_its_canadian_counterpart(eu_label: str, ca_label: str) -> None:
    rows = [
        m for m in mappings_table()
        if {m.subject_label, m.object_label} == {eu_label, ca_label}
        and {m.subject_scheme, m.object_scheme} == {"eu-cta", "ca-stra"}
    ]  # fmt: skip
    assert len(rows) == 1, (eu_label, ca_label)
    assert rows[0].relation in ("closeMatch", "broadMatch", "narrowMatch")
    assert len(rows[0].justification) > 10


def test_all_ten_eu_areas_have_a_canadian_mapping() -> None:
    mapped = {
        m.subject if m.subject_scheme == "eu-cta" else m.object
        for m in mappings_table()
        if {m.subject_scheme, m.object_scheme} == {"eu-cta", "ca-stra"}
    }
    assert {f"{TAXONOMY_BASE}eu-cta/{n}" for n in range(1, 11)} <= mapped


def test_mappings_table_is_cross_scheme_justified_and_json_ready() -> None:
    import json

    rows = mappings_table()
    assert len(rows) > 50
    for row in rows:
        assert row.subject_scheme != row.object_scheme
        assert row.justification.strip()
    json.dumps([row.to_dict() for row in rows])
