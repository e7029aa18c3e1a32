"""The ontology parses, and every class and property that shapes, the projection or queries use exists in it."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from graph.schema import graph_schema
from ontology import RSKG, SHAPES_DIR, load_ontology, load_shapes

SH = "http://www.w3.org/ns/shacl#"
QUERIES = Path(__file__).resolve().parents[2] / "queries" / "cypher"


def _declared(onto: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for k in kinds for s in onto.subjects(RDF.type, k) if isinstance(s, URIRef)}


def test_ontology_parses_and_declares_the_domain_model() -> None:
    onto = load_ontology()
    declared = _declared(onto)
    for name in (
        "Organisation",
        "Person",
        "Affiliation",
        "Funding",
        "ListOfConcern",
        "ListEdition",
        "Listing",
        "TechnologyArea",
        "EndUse",
        "OrganisationKind",
        "LegalEffect",
        "SourceRecord",
        "Dataset",
        "Ownership",
        "EntityLink",
    ):
        assert RSKG[name] in declared, name
    assert (RSKG.Organisation, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in onto
    assert (RSKG.Affiliation, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Membership")) in onto


def test_every_rskg_term_the_shapes_use_is_declared() -> None:
    declared = _declared(load_ontology())
    used = {o for t in load_shapes() for o in t if isinstance(o, URIRef) and str(o).startswith(str(RSKG))}
    assert used, "shapes use rskg terms"
    assert sorted(str(u) for u in used - declared) == []


def test_every_projected_property_comes_from_the_ontology() -> None:
    schema = graph_schema()
    assert {"Organisation", "Person", "List", "Edition", "Concept", "Scheme", "Dataset"} <= set(schema.nodes)
    assert {
        "SUB_ORGANISATION_OF",
        "LISTED_IN",
        "AFFILIATED_WITH",
        "FUNDED_BY",
        "SAME_AS",
        "HAS_AREA",
        "OWNED_BY",
        "SUPERVISED_BY",
        "SUCCEEDED_BY",
        "RELATED_TO",
        "EDITION_OF",
    } <= set(schema.rels)
    assert ("Organisation", "Edition") in schema.rels["LISTED_IN"].ends
    assert ("Person", "Edition") in schema.rels["LISTED_IN"].ends
    assert schema.nodes["Organisation"].props["established"].type == "INT64"
    assert schema.nodes["Organisation"].props["alt_names"].many


def test_every_property_the_queries_read_is_projected() -> None:
    schema = graph_schema()
    known = {p for spec in schema.nodes.values() for p in spec.props} | {"iri"}
    known |= {p for spec in schema.rels.values() for p in spec.props}
    known |= {f"{p}_langs" for p in known} | {f"{p}_lang" for p in known}
    missing = set()
    for path in QUERIES.glob("*/*.cypher"):
        text = re.sub(r"//[^\n]*", "", path.read_text(encoding="utf-8"))
        for var, prop in re.findall(r"\b([a-z]\w*)\.([a-z_]+)\b", text):
            if var not in {"row", "r2", "params"} and prop not in known and not prop.startswith("_"):
                missing.add(f"{path.parent.name}/{path.name}: {var}.{prop}")
    assert sorted(missing) == []


def test_country_pattern_is_iso_3166_plus_kosovo() -> None:
    text = (SHAPES_DIR / "rskg.ttl").read_text(encoding="utf-8")
    pattern = re.search(r'sh:path rskg:country ; sh:pattern "([^"]+)"', text)
    assert pattern is not None
    codes = set(pattern.group(1).strip("^$()").split("|"))
    assert codes == {c.alpha_2 for c in pycountry.countries} | {"XK"}
