"""RDF → property graph, defined once for both backends (driven by :mod:`graph.schema`).

A record graph holds described nodes (typed, with properties and an ``rskg:sourceRecord``), referenced nodes
(typed only: targets outside the record, loaded as bare references that never overwrite a described node),
n-ary facts (projected as relationships with properties) and plain object-property edges.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from graph.schema import GraphSchema, PropSpec, graph_schema
from ontology import RSKG

Row = dict[str, Any]


@dataclass
class Projection:
    """Rows ready for a backend: nodes per label, references per label, relationships per (type, from, to)."""

    nodes: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    refs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    rels: dict[tuple[str, str, str], list[Row]] = field(default_factory=lambda: defaultdict(list))

    def extend(self, other: Projection) -> None:
        for label, rows in other.nodes.items():
            self.nodes[label].extend(rows)
        for label, iris in other.refs.items():
            self.refs[label] |= iris
        for key, rows in other.rels.items():
            self.rels[key].extend(rows)

    @property
    def node_count(self) -> int:
        return sum(len(rows) for rows in self.nodes.values())

    @property
    def rel_count(self) -> int:
        return sum(len(rows) for rows in self.rels.values())


def edge_iri(subject: str, rtype: str, obj: str) -> str:
    """Deterministic id of a plain edge, so re-loading it is an idempotent upsert."""
    digest = hashlib.sha1(f"{subject}|{rtype}|{obj}".encode(), usedforsecurity=False).hexdigest()[:20]
    return f"urn:rskg:edge:{digest}"


def _value(spec: PropSpec, literal: Literal) -> Any:
    value = literal.toPython()
    if spec.type == "INT64":
        return int(value)
    if spec.type == "DOUBLE":
        return float(value)
    if spec.type == "BOOLEAN":
        return bool(value)
    return str(literal)


def _sort_key(literal: Literal) -> tuple[int, str, str]:
    return (0 if literal.language in (None, "en") else 1, literal.language or "", str(literal))


Triple = tuple[Node, Node, Node]
# made once: an attribute of an rdflib namespace builds a new term on every access
_TYPE, _SOURCE_RECORD, _IN_DATASET, _RECORD_ID, _RELEASE = (RDF.type, RSKG.sourceRecord, RSKG.inDataset,
                                                           RSKG.recordId, RSKG.release)


def _fill(row: Row, specs: dict[str, PropSpec], pairs: list[tuple[Node, Node]], schema: GraphSchema) -> None:
    found: dict[str, list[Literal]] = {}
    for pred, obj in pairs:
        if isinstance(obj, Literal):
            spec = schema.data_props.get(pred)  # type: ignore[call-overload]  # a Node key: absent if not an IRI
            if spec is not None and spec.name in specs:
                found.setdefault(spec.name, []).append(obj)
        elif isinstance(obj, URIRef):
            spec = schema.value_props.get(pred)  # type: ignore[call-overload]  # as above
            if spec is not None:
                local = str(obj).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
                found.setdefault(spec.name, []).append(Literal(local))
    for name, spec in specs.items():
        values = found.get(name)
        if values and len(values) > 1:
            values.sort(key=_sort_key)
        if spec.many:
            row[name] = [_value(spec, v) for v in values] if values else []
            if spec.langs:
                row[f"{name}_langs"] = [v.language or "" for v in values] if values else []
        else:
            row[name] = _value(spec, values[0]) if values else None
            if spec.langs:
                row[f"{name}_lang"] = (values[0].language or "") if values else None


def _first(pairs: list[tuple[Node, Node]] | None, pred: URIRef) -> Node | None:
    for p, o in pairs or ():
        if p == pred:
            return o
    return None


def _provenance(row: Row, out: dict[Node, list[tuple[Node, Node]]], subject: Node) -> None:
    record = _first(out.get(subject), _SOURCE_RECORD)
    if record is None:
        return
    pairs = out.get(record)
    dataset = _first(pairs, _IN_DATASET)
    record_id = _first(pairs, _RECORD_ID)
    release = _first(pairs, _RELEASE)
    row["source"] = str(dataset).rsplit("/", 1)[-1] if dataset is not None else None
    row["record"] = str(record_id) if record_id is not None else None
    row["release"] = str(release) if release is not None else None


def project(graph: Graph | Iterable[Triple], schema: GraphSchema | None = None) -> Projection:
    """Project one (validated) RDF graph, or one record's list of triples, to rows. One pass groups the
    statements by subject; rows are then built from the groups (no graph lookups)."""
    schema = schema or graph_schema()
    triples = graph if isinstance(graph, Graph) else dict.fromkeys(graph)  # a graph's set semantics
    out_pairs: dict[Node, list[tuple[Node, Node]]] = {}
    types: dict[Node, set[URIRef]] = {}
    described: set[Node] = set()
    for subject, pred, obj in triples:
        out_pairs.setdefault(subject, []).append((pred, obj))
        if pred == _TYPE:
            if isinstance(obj, URIRef):
                types.setdefault(subject, set()).add(obj)
        else:
            described.add(subject)
    out = Projection()
    labels: dict[Node, str] = {}
    for subject, classes in types.items():
        label = schema.label_of(classes)
        if label is not None and isinstance(subject, URIRef):
            labels[subject] = label

    for subject, label in labels.items():
        if subject not in described:
            out.refs[label].add(str(subject))
            continue
        row: Row = {"iri": str(subject)}
        _fill(row, schema.nodes[label].props, out_pairs[subject], schema)
        _provenance(row, out_pairs, subject)
        out.nodes[label].append(row)

    nary = set(schema.nary)
    for subject, classes in types.items():
        for cls in classes & nary:
            rtype = schema.nary[cls]
            spec = schema.rels[rtype]
            assert spec.from_prop is not None
            assert spec.to_prop is not None
            start = _first(out_pairs[subject], spec.from_prop)
            end = _first(out_pairs[subject], spec.to_prop)
            if start not in labels or end not in labels:
                continue
            row = {"iri": str(subject), "from": str(start), "to": str(end)}
            _fill(row, spec.props, out_pairs[subject], schema)
            _provenance(row, out_pairs, subject)
            out.rels[(rtype, labels[start], labels[end])].append(row)

    for subject, pred, obj in triples:
        if pred not in schema.edge_props or subject not in labels or obj not in labels:
            continue
        assert isinstance(pred, URIRef)
        rtype, inverted = schema.edge_props[pred]
        start, end = (obj, subject) if inverted else (subject, obj)
        row = {"iri": edge_iri(str(start), rtype, str(end)), "from": str(start), "to": str(end)}
        _provenance(row, out_pairs, subject)
        out.rels[(rtype, labels[start], labels[end])].append(row)
    return out
