"""SHACL validation of one batch in a small graph of its own (linear in the batch size, ENGINES.md), and the
split of violations into the smallest units that carry them: a relation, an n-ary fact, or a whole record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from graph.schema import graph_schema
from ontology import RSKG, load_ontology, load_shapes

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace("https://w3id.org/rskg/shapes#")
# Properties whose bad value rejects the whole record: without a valid name or country the record is not usable
# for screening; any other bad literal value is dropped alone and quarantined (unit "value").
RECORD_LEVEL = frozenset({RSKG.preferredName, RSKG.country, RSKG.status, RSKG.established})


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    value: str | None
    message: str

    def reason(self) -> str:
        where = f" [{self.path.rsplit('#', 1)[-1]}: {self.value}]" if self.path and self.value else ""
        return f"{self.message}{where}"


@dataclass
class Mapped:
    """One source record mapped to RDF. ``subject`` is the record's main node."""

    record_id: str
    subject: str
    graph: Graph
    raw: object
    relations: int = 0  # relation statements (edges and n-ary facts) the record carries


@dataclass
class Rejection:
    record_id: str
    unit: str  # "record", "relation" or "fact"
    reasons: list[str]
    raw: object
    detail: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    """The shapes, with each node shape's property shapes lifted to top-level shapes that carry the node
    shape's targets. Same constraints and messages; pyshacl then evaluates each property shape once per
    batch instead of once per focus node (an order of magnitude faster on record batches)."""
    shapes = Graph()
    for triple in load_shapes():
        shapes.add(triple)
    target_preds = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    for node_shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        targets = [(p, o) for p in target_preds for o in shapes.objects(node_shape, p)]
        if not targets:
            continue
        for prop_shape in list(shapes.objects(node_shape, SH.property)):
            shapes.remove((node_shape, SH.property, prop_shape))
            shapes.add((prop_shape, RDF.type, SH.PropertyShape))
            for pred, obj in targets:
                shapes.add((prop_shape, pred, obj))
    return shapes


@lru_cache(maxsize=1)
def _class_axioms() -> Graph:
    """Subclass axioms, so ``sh:class rskg:Agent`` accepts an organisation without RDFS inference."""
    onto = load_ontology()
    axioms = Graph()
    for sub, sup in onto.subject_objects(RDFS.subClassOf):
        axioms.add((sub, RDFS.subClassOf, sup))
    for value_class in (RSKG.OrganisationKind, RSKG.LegalEffect):
        for concept in onto.subjects(RDF.type, value_class):
            axioms.add((concept, RDF.type, value_class))
    return axioms


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _PreparedQueryGraph(Graph):
    """pyshacl sends the same SPARQL text (targets, constraints) once per focus node; rdflib would parse it
    every time. Parsing once and reusing the prepared query makes SPARQL-based shapes linear and cheap."""

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str) and not kwargs.get("initNs"):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def validation_graph(graphs: Iterable[Graph]) -> Graph:
    """One graph for a batch: its triples, the class axioms, and a marker class ``rskgsh:Described<Class>``
    on every node that has properties (the shapes' targets)."""
    data = _PreparedQueryGraph()
    described: set[Node] = set()
    for graph in graphs:
        for triple in graph:
            data.add(triple)
            if triple[1] != RDF.type:
                described.add(triple[0])
    for triple in _class_axioms():
        data.add(triple)
    rskg_ns = str(RSKG)
    for subject in described:
        for cls in list(data.objects(subject, RDF.type)):
            if isinstance(cls, URIRef) and str(cls).startswith(rskg_ns):
                data.add((subject, RDF.type, SHAPES[f"Described{str(cls)[len(rskg_ns) :]}"]))
    return data


def validate_graph(data: Graph) -> list[Violation]:
    """Validate a graph built by :func:`validation_graph` (it is used in place)."""
    conforms, results, _ = shacl_validate(
        data, shacl_graph=_shapes(), advanced=False, inference="none", allow_warnings=True, inplace=True
    )
    if conforms:
        return []
    out = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        out.append(
            Violation(
                str(focus),
                str(path) if path is not None else None,
                str(value) if value is not None else None,
                str(message) if message is not None else "constraint violated",
            )
        )
    return out


def validate_batch(batch: list[Mapped]) -> tuple[list[Mapped], list[Rejection]]:
    """Validate a batch; drop what violates, at the smallest unit; return what remains and the rejections."""
    schema = graph_schema()
    owner: dict[Node, int] = {}
    for index, mapped in enumerate(batch):
        for subject, predicate in mapped.graph.subject_predicates(unique=True):
            if predicate != RDF.type:
                owner.setdefault(subject, index)
    violations = validate_graph(validation_graph(m.graph for m in batch))
    if not violations:
        return batch, []

    whole: dict[int, list[str]] = {}
    partial: dict[tuple[int, str, str, str], list[str]] = {}
    for violation in violations:
        focus = URIRef(violation.focus)
        found = owner.get(focus)
        if found is None:
            continue
        index = found
        mapped = batch[index]
        types = set(mapped.graph.objects(focus, RDF.type))
        path = URIRef(violation.path) if violation.path else None
        if types & set(schema.nary):
            partial.setdefault((index, "fact", violation.focus, ""), []).append(violation.reason())
        elif (
            violation.focus == mapped.subject
            and path in schema.edge_props
            and violation.value is not None
            and path is not None
        ):
            partial.setdefault((index, "relation", str(path), violation.value), []).append(violation.reason())
        elif (violation.focus == mapped.subject and path in schema.data_props and path not in RECORD_LEVEL
              and violation.value is not None):
            # one bad optional value (an identifier, an acronym, a website): that value goes, the record stays
            partial.setdefault((index, "value", str(path), violation.value), []).append(violation.reason())
        else:
            whole.setdefault(index, []).append(violation.reason())

    rejections: list[Rejection] = []
    for (index, unit, first, second), reasons in partial.items():
        if index in whole:
            continue
        mapped = batch[index]
        if unit == "fact":
            node = URIRef(first)
            for triple in list(mapped.graph.triples((node, None, None))):
                mapped.graph.remove(triple)
            detail = {"fact": first}
        elif unit == "value":
            subject = URIRef(mapped.subject)
            for triple in list(mapped.graph.triples((subject, URIRef(first), None))):
                if str(triple[2]) == second:
                    mapped.graph.remove(triple)
            rejections.append(Rejection(mapped.record_id, unit, sorted(set(reasons)), mapped.raw,
                                        {"property": first.rsplit("#", 1)[-1], "value": second}))
            continue
        else:
            mapped.graph.remove((URIRef(mapped.subject), URIRef(first), URIRef(second)))
            detail = {"relation": first.rsplit("#", 1)[-1], "target": second}
        mapped.relations -= 1
        rejections.append(Rejection(mapped.record_id, unit, sorted(set(reasons)), mapped.raw, detail))
    kept = []
    for index, mapped in enumerate(batch):
        if index in whole:
            rejections.append(Rejection(mapped.record_id, "record", sorted(set(whole[index])), mapped.raw))
        else:
            kept.append(mapped)
    return kept, rejections
