"""SHACL validation of one batch in a small graph of its own (linear in the batch size, ENGINES.md), and the
split of violations into the smallest units that carry them: a relation, an n-ary fact, or a whole record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pyshacl import validate as shacl_validate
from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node

from graph.schema import graph_schema
from ontology import RSKG, load_ontology, load_shapes

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace("https://w3id.org/rskg/shapes#")
# Properties whose bad value rejects the whole record: without a valid name or country the record is not usable
# for screening; any other bad literal value is dropped alone and quarantined (unit "value").
_TYPE = RDF.type  # made once: an attribute of an rdflib namespace builds a new term on every access
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


Triple = tuple[Node, Node, Node]


class Mapped:
    """One source record mapped to RDF. ``subject`` is the record's main node; ``triples`` its statements, in
    the order the mapper made them and without duplicates (a graph's set semantics). A mapper may hand over a
    :class:`Graph` or a list of triples: the list spares building a graph per record, which the batch
    validation graph and the projection do not need."""

    __slots__ = ("raw", "record_id", "relations", "subject", "triples")

    def __init__(self, record_id: str, subject: str, graph: Graph | Iterable[Triple], raw: object,
                 relations: int = 0) -> None:
        self.record_id = record_id
        self.subject = subject
        self.triples: list[Triple] = list(dict.fromkeys(graph))
        self.raw = raw
        self.relations = relations  # relation statements (edges and n-ary facts) the record carries

    @property
    def graph(self) -> Graph:
        """The record's triples as an rdflib graph (a new one on each call)."""
        graph = Graph()
        for triple in self.triples:
            graph.add(triple)
        return graph


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


_Index = dict[Node, dict[Node, dict[Node, int]]]


class _BatchStore(SimpleMemory):
    """rdflib's ``SimpleMemory`` store: plain triple indexes, no contexts to maintain and no events per triple
    (6x cheaper to fill than the default store). A batch's validation graph is one graph, so it has no
    contexts to keep; pyshacl wraps every data graph in a dataset view, which asks for a context-aware store."""

    context_aware = True
    graph_aware = True

    def __len__(self, context: Any = None) -> int:
        """Counted from the index (the base class walks every triple; pyshacl asks three times a batch)."""
        spo: _Index = self._SimpleMemory__spo  # type: ignore[attr-defined]  # the base class's own index
        return sum(len(objects) for predicates in spo.values() for objects in predicates.values())

    def fill(self, triples: Iterable[Triple]) -> None:
        """Add many triples straight into the base class's three indexes (what its ``add`` does, one
        exception-driven lookup at a time)."""
        spo: _Index = self._SimpleMemory__spo  # type: ignore[attr-defined]  # the base class's own indexes
        pos: _Index = self._SimpleMemory__pos  # type: ignore[attr-defined]
        osp: _Index = self._SimpleMemory__osp  # type: ignore[attr-defined]
        for s, p, o in triples:
            spo.setdefault(s, {}).setdefault(p, {})[o] = 1
            pos.setdefault(p, {}).setdefault(o, {})[s] = 1
            osp.setdefault(o, {}).setdefault(s, {})[p] = 1


@lru_cache(maxsize=64)
def _marker(cls: URIRef) -> URIRef | None:
    rskg_ns = str(RSKG)
    return SHAPES[f"Described{str(cls)[len(rskg_ns):]}"] if str(cls).startswith(rskg_ns) else None


def _memoise_sparql_checks() -> None:
    """pyshacl checks a SPARQL constraint's text (no MINUS, VALUES, SERVICE, re-bound variables: nine regular
    expressions, some of them backtracking) again for every focus node, though the check reads nothing but
    the text and which variables are pre-bound. That was 40% of the validation time of a record batch. The
    check still runs, once per distinct text; a text that fails it is checked (and raises) every time."""
    original = SPARQLQueryHelper.check_invalid_sparql
    passed: set[tuple[str, bool, frozenset[str]]] = set()

    def check(self: SPARQLQueryHelper, sparql_text: str, valuenode: Any = None, extravars: Any = None) -> bool:
        key = (sparql_text, valuenode is not None, frozenset(extravars or ()))
        if key not in passed:
            original(self, sparql_text, valuenode=valuenode, extravars=extravars)  # type: ignore[no-untyped-call]  # pyshacl is untyped
            passed.add(key)
        return True

    if getattr(original, "__name__", "") == "check_invalid_sparql":  # not patched yet (a module reload)
        SPARQLQueryHelper.check_invalid_sparql = check  # type: ignore[method-assign]  # memoised, see above


_memoise_sparql_checks()


def validation_graph(graphs: Iterable[Iterable[Triple]]) -> Graph:
    """One graph for a batch: its triples (graphs or lists of triples), the class axioms, and a marker class
    ``rskgsh:Described<Class>`` on every node that has properties (the shapes' targets).

    The graph is filled through its store (:class:`_BatchStore`), past rdflib's per-triple checks."""
    store = _BatchStore()
    data = _PreparedQueryGraph(store=store, bind_namespaces="none")
    described: set[Node] = set()
    typed: dict[Node, list[Node]] = {}
    for graph in graphs:
        triples = graph if isinstance(graph, list) else list(graph)
        store.fill(triples)
        for subject, predicate, obj in triples:
            if predicate == _TYPE:
                typed.setdefault(subject, []).append(obj)
            else:
                described.add(subject)
    store.fill(_class_axioms())
    markers = []
    for subject in described:
        for cls in typed.get(subject, ()):
            marker = _marker(cls) if isinstance(cls, URIRef) else None
            if marker is not None:
                markers.append((subject, _TYPE, marker))
    store.fill(markers)
    return data


def validate_graph(data: Graph) -> list[Violation]:
    """Validate a graph built by :func:`validation_graph` (it is used in place)."""
    conforms, results, _ = shacl_validate(
        data, shacl_graph=_shapes(), advanced=False, inference="none", allow_warnings=True, inplace=True
    )
    if conforms:
        return []
    out = []
    for result in results.subjects(_TYPE, SH.ValidationResult):
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
        for subject, predicate, _ in mapped.triples:
            if predicate != _TYPE:
                owner.setdefault(subject, index)
    violations = validate_graph(validation_graph(m.triples for m in batch))
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
        types = {o for s, p, o in mapped.triples if s == focus and p == _TYPE}
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
            mapped.triples = [t for t in mapped.triples if t[0] != node]
            detail = {"fact": first}
        elif unit == "value":
            subject, pred = URIRef(mapped.subject), URIRef(first)
            mapped.triples = [t for t in mapped.triples
                              if not (t[0] == subject and t[1] == pred and str(t[2]) == second)]
            rejections.append(Rejection(mapped.record_id, unit, sorted(set(reasons)), mapped.raw,
                                        {"property": first.rsplit("#", 1)[-1], "value": second}))
            continue
        else:
            edge = (URIRef(mapped.subject), URIRef(first), URIRef(second))
            mapped.triples = [t for t in mapped.triples if t != edge]
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
