"""Load the SKOS technology-area and end-use schemes (``ontology/taxonomies/*.ttl``).

``load_taxonomies()`` returns all schemes and the mappings as one rdflib graph (for the graph loader);
``read_taxonomy()`` turns that graph into typed records for the classifier and the mappings table.
Mapping statements are asserted as plain SKOS triples (``A skos:closeMatch B``) and, for their justification,
reified as ``rdf:Statement`` nodes carrying ``rskg:justification`` (see ontology/taxonomies/README.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

import ontology
from queries.areas.models import (
    RSKG_NS,
    TAXONOMY_BASE,
    Concept,
    ConceptKind,
    Mapping,
    Relation,
    Scheme,
)
from rskg.errors import SourceError

log = logging.getLogger(__name__)

RSKG = Namespace(RSKG_NS)
TAXONOMY_DIR = Path(ontology.__file__).resolve().parent / "taxonomies"
SHAPES_FILE = Path(ontology.__file__).resolve().parent / "shapes" / "taxonomies.ttl"
# The files of this package's schemes; other files in the folder (organisation kinds, legal effects) belong
# to the ontology's loader, not to the technology taxonomies.
TAXONOMY_FILES = (
    "eu_cta.ttl",
    "ca_stra.ttl",
    "us_cet.ttl",
    "eu_dual_use.ttl",
    "end_uses.ttl",
    "mappings.ttl",
)
RELATIONS: dict[URIRef, Relation] = {
    SKOS.closeMatch: "closeMatch",
    SKOS.broadMatch: "broadMatch",
    SKOS.narrowMatch: "narrowMatch",
    SKOS.exactMatch: "exactMatch",
}


def load_taxonomies(directory: Path | None = None) -> Graph:
    """All technology-area and end-use schemes and the cross-scheme mappings, as one new graph (about 2,900
    triples, parsed in a fraction of a second)."""
    folder = directory or TAXONOMY_DIR
    files = [folder / name for name in TAXONOMY_FILES]
    missing = [path.name for path in files if not path.is_file()]
    if missing:
        raise SourceError(f"taxonomy files missing in {folder}: {', '.join(missing)}")
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("rskg", RSKG)
    graph.bind("dcterms", DCTERMS)
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser exception types
            raise SourceError(f"cannot parse taxonomy file {path.name}: {exc}") from exc
    log.info("taxonomies loaded: files=%d triples=%d", len(files), len(graph))
    return graph


@dataclass(frozen=True)
class Taxonomy:
    schemes: dict[str, Scheme]  # by key
    concepts: dict[str, Concept]  # by IRI
    mappings: tuple[Mapping, ...]

    def concept(self, iri: str) -> Concept:
        return self.concepts[iri]


def scheme_key(iri: str) -> str:
    if not iri.startswith(TAXONOMY_BASE):
        raise SourceError(f"scheme IRI outside {TAXONOMY_BASE}: {iri}")
    return iri[len(TAXONOMY_BASE) :].split("/", 1)[0]


def _text(graph: Graph, node: URIRef, prop: URIRef) -> str | None:
    value = graph.value(node, prop)
    return str(value) if value is not None else None


def _labels(graph: Graph, node: URIRef, prop: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(node, prop) if isinstance(o, Literal)))


def _en_pref_label(graph: Graph, node: URIRef) -> str:
    labels = [o for o in graph.objects(node, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "en"]
    if len(labels) != 1:
        raise SourceError(f"concept {node} has {len(labels)} English prefLabels, expected exactly one")
    return str(labels[0])


def read_taxonomy(graph: Graph) -> Taxonomy:
    """Typed view of a taxonomy graph: schemes, concepts and mapping statements with their justifications."""
    schemes: dict[str, Scheme] = {}
    for node in graph.subjects(RDF.type, SKOS.ConceptScheme):
        if not isinstance(node, URIRef):
            continue
        key = scheme_key(str(node))
        schemes[key] = Scheme(
            iri=str(node),
            key=key,
            title=_text(graph, node, DCTERMS.title) or key,
            scope_note=_text(graph, node, SKOS.scopeNote),
            editorial_notes=_labels(graph, node, SKOS.editorialNote),
        )
    concepts: dict[str, Concept] = {}
    for node in set(graph.subjects(RDF.type, SKOS.Concept)):
        if not isinstance(node, URIRef):
            continue
        scheme = graph.value(node, SKOS.inScheme)
        if scheme is None:
            raise SourceError(f"concept {node} is in no scheme")
        types = set(graph.objects(node, RDF.type))
        kind: ConceptKind = (
            "end_use" if RSKG.EndUse in types else "technology_area" if RSKG.TechnologyArea in types else "facet"
        )
        concepts[str(node)] = Concept(
            iri=str(node),
            scheme=scheme_key(str(scheme)),
            notation=_text(graph, node, SKOS.notation),
            pref_label=_en_pref_label(graph, node),
            alt_labels=_labels(graph, node, SKOS.altLabel),
            hidden_labels=_labels(graph, node, SKOS.hiddenLabel),
            broader=tuple(sorted(str(o) for o in graph.objects(node, SKOS.broader))),
            kind=kind,
        )
    return Taxonomy(schemes=schemes, concepts=concepts, mappings=_mappings(graph, concepts))


def _mappings(graph: Graph, concepts: dict[str, Concept]) -> tuple[Mapping, ...]:
    justified: dict[tuple[str, str, str], str] = {}
    for statement in graph.subjects(RDF.type, RDF.Statement):
        subject = graph.value(statement, RDF.subject)
        predicate = graph.value(statement, RDF.predicate)
        obj = graph.value(statement, RDF.object)
        justification = graph.value(statement, RSKG.justification)
        if subject is not None and predicate is not None and obj is not None and justification is not None:
            justified[(str(subject), str(predicate), str(obj))] = str(justification)
    rows: list[Mapping] = []
    for predicate, relation in RELATIONS.items():
        for subject, obj in graph.subject_objects(predicate):
            key = (str(subject), str(predicate), str(obj))
            if key not in justified:
                raise SourceError(f"mapping {subject} {relation} {obj} has no justification")
            if str(subject) not in concepts or str(obj) not in concepts:
                raise SourceError(f"mapping {subject} {relation} {obj} names an unknown concept")
            left, right = concepts[str(subject)], concepts[str(obj)]
            rows.append(
                Mapping(
                    subject=left.iri,
                    subject_scheme=left.scheme,
                    subject_label=left.pref_label,
                    relation=relation,
                    object=right.iri,
                    object_scheme=right.scheme,
                    object_label=right.pref_label,
                    justification=justified[key],
                )
            )
    rows.sort(key=lambda m: (m.subject_scheme, _natural(m.subject), m.object_scheme, _natural(m.object)))
    return tuple(rows)


def _natural(iri: str) -> tuple[tuple[int, str], ...]:
    """Sort key that puts ``.../2`` before ``.../10``."""
    tail = iri.rsplit("/", 1)[-1]
    return tuple((int(p), "") if p.isdigit() else (1 << 30, p) for p in tail.replace("-", ".").split("."))


@lru_cache(maxsize=1)
def get_taxonomy() -> Taxonomy:
    """The packaged taxonomy, read once per process."""
    return read_taxonomy(load_taxonomies())
