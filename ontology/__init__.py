"""The domain model as data: the OWL ontology, SHACL shapes and SKOS taxonomies in this folder.

Python reads these files; it never re-declares a class per entity type.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Namespace

HERE = Path(__file__).resolve().parent
ONTOLOGY_FILE = HERE / "rskg.ttl"
SHAPES_DIR = HERE / "shapes"
TAXONOMIES_DIR = HERE / "taxonomies"

RSKG = Namespace("https://w3id.org/rskg/ontology#")
ID = Namespace("https://w3id.org/rskg/id/")
RECORD = Namespace("https://w3id.org/rskg/record/")
LIST = Namespace("https://w3id.org/rskg/list/")
KIND = Namespace("https://w3id.org/rskg/taxonomy/org-kind/")
EFFECT = Namespace("https://w3id.org/rskg/taxonomy/legal-effect/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")


def entity_iri(source: str, record_id: str) -> str:
    """IRI of an entity that has no IRI of its own at its source."""
    return f"{ID}{source}/{quote(record_id, safe='')}"


def record_iri(source: str, record_id: str) -> str:
    """IRI of a source record (provenance)."""
    return f"{RECORD}{source}/{quote(record_id, safe='')}"


@lru_cache(maxsize=1)
def load_ontology() -> Graph:
    """The ontology plus the small value schemes (organisation kinds, legal effects) it refers to."""
    graph = Graph()
    graph.parse(ONTOLOGY_FILE)
    for name in ("org_kinds.ttl", "legal_effects.ttl"):
        graph.parse(TAXONOMIES_DIR / name)
    return graph


@lru_cache(maxsize=1)
def load_shapes() -> Graph:
    """All SHACL shapes, one graph."""
    graph = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        graph.parse(path)
    return graph
