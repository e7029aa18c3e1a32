"""Each constraint of ontology/shapes/taxonomies.ttl: a passing example (the small valid graph below) and a
failing one (the same graph with one fact removed or added), checked by the message of the violation."""

from __future__ import annotations

from collections.abc import Callable

import pyshacl
import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SH

from queries.areas.taxonomy import RSKG, SHAPES_FILE

TAX = Namespace("https://w3id.org/rskg/taxonomy/")

VALID = """
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rskg: <https://w3id.org/rskg/ontology#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix tax: <https://w3id.org/rskg/taxonomy/> .

tax:eu-cta a skos:ConceptScheme ; dcterms:title "EU areas"@en ; dcterms:source <https://example.org/eu> .
tax:ca-stra a skos:ConceptScheme ; dcterms:title "Canada areas"@en ; dcterms:source <https://example.org/ca> .
tax:eu-dual-use a skos:ConceptScheme ; dcterms:title "Dual-use"@en ; dcterms:source <https://example.org/du> .
tax:end-use a skos:ConceptScheme ; dcterms:title "End-uses"@en ; dcterms:source <https://example.org/end> .

<https://w3id.org/rskg/taxonomy/eu-cta/3> a skos:Concept, rskg:TechnologyArea ;
    skos:prefLabel "Quantum technologies"@en ; skos:altLabel "quantum technology"@en ;
    skos:inScheme tax:eu-cta ; rskg:citation "Recommendation (EU) 2023/2113, Annex"@en .
<https://w3id.org/rskg/taxonomy/ca-stra/10> a skos:Concept, rskg:TechnologyArea ;
    skos:prefLabel "Quantum Science and Technology"@en ; skos:inScheme tax:ca-stra ;
    dcterms:source <https://example.org/ca/page> .
<https://w3id.org/rskg/taxonomy/eu-dual-use/PG-D> a skos:Concept ;
    skos:prefLabel "Software"@en ; skos:inScheme tax:eu-dual-use ; rskg:citation "Annex I"@en .
<https://w3id.org/rskg/taxonomy/eu-dual-use/product-groups> a skos:Collection ;
    skos:member <https://w3id.org/rskg/taxonomy/eu-dual-use/PG-D> .
<https://w3id.org/rskg/taxonomy/end-use/military> a skos:Concept, rskg:EndUse ;
    skos:prefLabel "Military end-use"@en ; skos:inScheme tax:end-use ;
    skos:definition "Use by armed forces."@en ; rskg:citation "15 CFR 744.21"@en .

<https://w3id.org/rskg/taxonomy/eu-cta/3> skos:closeMatch <https://w3id.org/rskg/taxonomy/ca-stra/10> .
tax:mappings a void:Linkset .
<https://w3id.org/rskg/taxonomy/mapping/m1> a rdf:Statement ;
    rdf:subject <https://w3id.org/rskg/taxonomy/eu-cta/3> ; rdf:predicate skos:closeMatch ;
    rdf:object <https://w3id.org/rskg/taxonomy/ca-stra/10> ; rskg:justification "Both cover quantum."@en .

# another team's scheme: not bound by the citation and typing rules of the rskg area schemes
<https://w3id.org/rskg/taxonomy/org-kind> a skos:ConceptScheme ; dcterms:title "Kinds"@en ;
    dcterms:source "DESIGN.md" .
<https://w3id.org/rskg/taxonomy/org-kind/military> a skos:Concept ; skos:prefLabel "military"@en ;
    skos:inScheme <https://w3id.org/rskg/taxonomy/org-kind> .
"""

EU3 = TAX["eu-cta/3"]
CA10 = TAX["ca-stra/10"]
MIL = TAX["end-use/military"]
PG = TAX["eu-dual-use/PG-D"]
STATEMENT = TAX["mapping/m1"]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE)


def _messages(data: Graph, shapes: Graph) -> list[str]:
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes)
    messages = [str(m) for m in report.objects(None, SH.resultMessage)]
    assert conforms == (not messages)
    return messages


def _valid() -> Graph:
    return Graph().parse(data=VALID, format="turtle")


def test_the_valid_example_conforms(shapes: Graph) -> None:
    assert _messages(_valid(), shapes) == []


def test_a_batch_carrying_only_the_type_of_a_concept_is_not_checked(shapes: Graph) -> None:
    stub = Graph()
    stub.add((EU3, RDF.type, RSKG.TechnologyArea))
    stub.add((MIL, RDF.type, RSKG.EndUse))
    assert _messages(stub, shapes) == []


Mutation = Callable[[Graph], None]


def _remove(s: URIRef, p: URIRef) -> Mutation:
    def run(g: Graph) -> None:
        g.remove((s, p, None))

    return run


def _add(s: URIRef, p: URIRef, o: URIRef | Literal) -> Mutation:
    def run(g: Graph) -> None:
        g.add((s, p, o))

    return run


def _both(*steps: Mutation) -> Mutation:
    def run(g: Graph) -> None:
        for step in steps:
            step(g)

    return run


CASES: list[tuple[str, Mutation, str]] = [
    ("no prefLabel", _remove(EU3, SKOS.prefLabel), "exactly one skos:prefLabel"),
    ("two English prefLabels", _add(EU3, SKOS.prefLabel, Literal("Quantum", lang="en")),
     "exactly one skos:prefLabel"),
    ("prefLabel without language",
     _both(_remove(CA10, SKOS.prefLabel), _add(CA10, SKOS.prefLabel, Literal("Q"))),
     "exactly one skos:prefLabel"),
    ("scheme not declared", _both(_remove(CA10, SKOS.inScheme), _add(CA10, SKOS.inScheme, TAX["nowhere"])),
     "must be in a skos:ConceptScheme"),
    ("no citation or source", _remove(EU3, RSKG.citation), "needs a source citation"),
    ("altLabel in another language", _add(EU3, SKOS.altLabel, Literal("Quantentechnologien", lang="de")),
     "Alternative labels are English"),
    ("area not typed", _remove(CA10, RDF.type), "must be an rskg:TechnologyArea"),
    ("end-use typed as area", _add(MIL, RDF.type, RSKG.TechnologyArea), "must be an rskg:TechnologyArea"),
    ("end-use without definition", _remove(MIL, SKOS.definition), "exactly one English skos:definition"),
    ("facet concept outside its collection", _remove(TAX["eu-dual-use/product-groups"], SKOS.member),
     "must be an rskg:TechnologyArea"),
    ("scheme without title", _remove(TAX["ca-stra"], DCTERMS.title), "needs a dcterms:title"),
    ("scheme without source", _remove(TAX["ca-stra"], DCTERMS.source), "needs a dcterms:source"),
    ("mapping without justification statement", _add(EU3, SKOS.broadMatch, TAX["eu-dual-use/PG-D"]),
     "needs a justification"),
    ("statement without justification", _remove(STATEMENT, RSKG.justification),
     "non-empty rskg:justification"),
    ("statement with an empty justification",
     _both(_remove(STATEMENT, RSKG.justification), _add(STATEMENT, RSKG.justification, Literal("")))
     , "non-empty rskg:justification"),
    ("statement with an unknown relation",
     _both(_remove(STATEMENT, RDF.predicate), _add(STATEMENT, RDF.predicate, SKOS.related)),
     "one SKOS mapping relation"),
    ("statement of a mapping that is not asserted", _remove(EU3, SKOS.closeMatch), "asserted"),
    ("mapping inside one scheme",
     _both(_remove(CA10, SKOS.inScheme), _add(CA10, SKOS.inScheme, TAX["eu-cta"]),
           _add(CA10, SKOS.notation, Literal("x"))), "two different schemes"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "expected"), [(m, e) for _, m, e in CASES], ids=[c[0] for c in CASES])
def test_each_constraint_catches_its_violation(mutate: Mutation, expected: str, shapes: Graph) -> None:
    data = _valid()
    mutate(data)
    messages = _messages(data, shapes)
    assert any(expected in message for message in messages), messages
