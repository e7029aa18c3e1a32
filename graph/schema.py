"""The property-graph schema, derived once from the ontology's projection annotations (rskg:pg*).

Classes with ``rskg:pgLabel`` become node labels; object properties with ``rskg:pgType`` and n-ary classes
with ``rskg:pgRelationship`` become relationship types; datatype properties with ``rskg:pgProperty`` become
properties of the nodes / relationships of their (``rdfs:domain`` or ``schema:domainIncludes``) classes.
Both backends receive this one schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from ontology import RSKG, load_ontology

SCHEMA = Namespace("https://schema.org/")
PropType = Literal["STRING", "INT64", "DOUBLE", "BOOLEAN"]
PROVENANCE_PROPS = ("source", "record", "release")


@dataclass(frozen=True)
class PropSpec:
    name: str
    type: PropType
    many: bool
    langs: bool = False

    @property
    def column_type(self) -> str:
        return f"{self.type}[]" if self.many else self.type


@dataclass
class NodeSpec:
    label: str
    classes: set[URIRef] = field(default_factory=set)
    props: dict[str, PropSpec] = field(default_factory=dict)


@dataclass
class RelSpec:
    type: str
    ends: set[tuple[str, str]] = field(default_factory=set)  # (from label, to label)
    props: dict[str, PropSpec] = field(default_factory=dict)
    nary_class: URIRef | None = None
    from_prop: URIRef | None = None
    to_prop: URIRef | None = None


@dataclass
class GraphSchema:
    nodes: dict[str, NodeSpec]
    rels: dict[str, RelSpec]
    class_label: dict[URIRef, str]  # every class (incl. subclasses) -> node label
    nary: dict[URIRef, str]  # n-ary class -> relationship type
    edge_props: dict[URIRef, tuple[str, bool]]  # object property -> (relationship type, inverted)
    data_props: dict[URIRef, PropSpec]
    value_props: dict[URIRef, PropSpec]  # object properties stored as local names (pgAsProperty)

    def label_of(self, classes: set[URIRef]) -> str | None:
        labels = {self.class_label[c] for c in classes if c in self.class_label}
        return min(labels) if labels else None


def _one(graph: Graph, subject: Node, predicate: URIRef) -> Node | None:
    return next(iter(graph.objects(subject, predicate)), None)


def _subclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    found = {cls}
    frontier = [cls]
    while frontier:
        current = frontier.pop()
        for sub in graph.subjects(RDFS.subClassOf, current):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def _label_for(graph: Graph, cls: URIRef, labelled: dict[URIRef, str]) -> str | None:
    seen: set[URIRef] = set()
    frontier = [cls]
    while frontier:
        current = frontier.pop(0)
        if current in labelled:
            return labelled[current]
        seen.add(current)
        frontier.extend(s for s in graph.objects(current, RDFS.subClassOf) if isinstance(s, URIRef) and s not in seen)
    return None


def _domain(graph: Graph, prop: URIRef, predicate_a: URIRef, predicate_b: URIRef) -> set[URIRef]:
    values = set(graph.objects(prop, predicate_a)) | set(graph.objects(prop, predicate_b))
    return {v for v in values if isinstance(v, URIRef)}


def _prop_spec(graph: Graph, prop: URIRef, name: str) -> PropSpec:
    type_node = _one(graph, prop, RSKG.pgType)
    ptype: PropType = str(type_node) if type_node is not None else "STRING"  # type: ignore[assignment]
    single = (prop, RDF.type, OWL.FunctionalProperty) in graph or (
        prop,
        RSKG.pgSingle,
        RdfLiteral(True),
    ) in graph
    langs = (prop, RSKG.pgLangs, RdfLiteral(True)) in graph
    return PropSpec(name=name, type=ptype, many=not single, langs=langs)


@lru_cache(maxsize=1)
def graph_schema() -> GraphSchema:
    return build_schema(load_ontology())


def build_schema(onto: Graph) -> GraphSchema:
    labelled = {c: str(v) for c, v in onto.subject_objects(RSKG.pgLabel) if isinstance(c, URIRef)}
    nodes = {label: NodeSpec(label) for label in labelled.values()}
    class_label: dict[URIRef, str] = {}
    for cls in {c for c in onto.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)} | set(labelled):
        label = _label_for(onto, cls, labelled)
        if label is not None:
            class_label[cls] = label
            nodes[label].classes.add(cls)

    nary: dict[URIRef, str] = {}
    rels: dict[str, RelSpec] = {}
    for nary_node, rtype in onto.subject_objects(RSKG.pgRelationship):
        assert isinstance(nary_node, URIRef)
        from_prop, to_prop = _one(onto, nary_node, RSKG.pgFrom), _one(onto, nary_node, RSKG.pgTo)
        assert isinstance(from_prop, URIRef), f"{nary_node} lacks pgFrom"
        assert isinstance(to_prop, URIRef), f"{nary_node} lacks pgTo"
        spec = RelSpec(str(rtype), nary_class=nary_node, from_prop=from_prop, to_prop=to_prop)
        spec.ends = _ends(onto, from_prop, to_prop, class_label)
        rels[spec.type] = spec
        nary[nary_node] = spec.type

    edge_props: dict[URIRef, tuple[str, bool]] = {}
    for prop, rtype in onto.subject_objects(RSKG.pgType):
        if not isinstance(prop, URIRef) or _is_datatype(onto, prop):
            continue
        spec = rels.setdefault(str(rtype), RelSpec(str(rtype)))
        spec.ends |= _ends(onto, prop, prop, class_label, edge=True)
        edge_props[prop] = (spec.type, False)
        for inverse in onto.subjects(OWL.inverseOf, prop):
            if isinstance(inverse, URIRef):
                edge_props[inverse] = (spec.type, True)

    data_props: dict[URIRef, PropSpec] = {}
    for prop, name in onto.subject_objects(RSKG.pgProperty):
        assert isinstance(prop, URIRef)
        pspec = _prop_spec(onto, prop, str(name))
        data_props[prop] = pspec
        for cls in _domain(onto, prop, RDFS.domain, SCHEMA.domainIncludes):
            for sub in _subclasses(onto, cls):
                if sub in nary:
                    rels[nary[sub]].props[pspec.name] = pspec
                elif sub in class_label:
                    nodes[class_label[sub]].props[pspec.name] = pspec

    value_props: dict[URIRef, PropSpec] = {}
    for prop, name in onto.subject_objects(RSKG.pgAsProperty):
        assert isinstance(prop, URIRef)
        single = (prop, RDF.type, OWL.FunctionalProperty) in onto
        pspec = PropSpec(name=str(name), type="STRING", many=not single)
        value_props[prop] = pspec
        for cls in _domain(onto, prop, RDFS.domain, SCHEMA.domainIncludes):
            for sub in _subclasses(onto, cls):
                if sub in class_label:
                    nodes[class_label[sub]].props[pspec.name] = pspec

    provenance = {name: PropSpec(name, "STRING", many=False) for name in PROVENANCE_PROPS}
    for node in nodes.values():
        node.props.update({k: v for k, v in provenance.items() if k not in node.props})
    for rel in rels.values():
        rel.props.update({k: v for k, v in provenance.items() if k not in rel.props})
    return GraphSchema(nodes, rels, class_label, nary, edge_props, data_props, value_props)


def _is_datatype(onto: Graph, prop: URIRef) -> bool:
    return (prop, RDF.type, OWL.DatatypeProperty) in onto or (prop, RSKG.pgProperty, None) in onto


def _ends(
    onto: Graph, from_prop: URIRef, to_prop: URIRef, class_label: dict[URIRef, str], *, edge: bool = False
) -> set[tuple[str, str]]:
    if edge:
        starts = _domain(onto, from_prop, RDFS.domain, SCHEMA.domainIncludes)
    else:
        starts = _domain(onto, from_prop, RDFS.range, SCHEMA.rangeIncludes)
    ends = _domain(onto, to_prop, RDFS.range, SCHEMA.rangeIncludes)
    start_labels = {class_label[s] for c in starts for s in _subclasses(onto, c) if s in class_label}
    end_labels = {class_label[s] for c in ends for s in _subclasses(onto, c) if s in class_label}
    return {(a, b) for a in start_labels for b in end_labels}
