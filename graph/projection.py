"""RDF → property graph, defined once for both backends (driven by :mod:`graph.schema`).

A record graph holds described nodes (typed, with properties and an ``rskg:sourceRecord``), referenced nodes
(typed only: targets outside the record, loaded as bare references that never overwrite a described node),
n-ary facts (projected as relationships with properties) and plain object-property edges.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
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


def _fill(row: Row, specs: dict[str, PropSpec], graph: Graph, subject: Node, schema: GraphSchema) -> None:
    for pred, obj in graph.predicate_objects(subject):
        if not isinstance(pred, URIRef):
            continue
        if isinstance(obj, Literal) and pred in schema.data_props:
            spec = schema.data_props[pred]
            if spec.name not in specs:
                continue
            row.setdefault(f"__{spec.name}", []).append(obj)
        elif isinstance(obj, URIRef) and pred in schema.value_props:
            spec = schema.value_props[pred]
            local = str(obj).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            row.setdefault(f"__{spec.name}", []).append(Literal(local))
    for name, spec in specs.items():
        values: list[Literal] = sorted(row.pop(f"__{name}", []), key=_sort_key)
        if spec.many:
            row[name] = [_value(spec, v) for v in values]
            if spec.langs:
                row[f"{name}_langs"] = [v.language or "" for v in values]
        else:
            row[name] = _value(spec, values[0]) if values else None
            if spec.langs:
                row[f"{name}_lang"] = (values[0].language or "") if values else None


def _provenance(row: Row, graph: Graph, subject: Node) -> None:
    record = next(iter(graph.objects(subject, RSKG.sourceRecord)), None)
    if record is None:
        return
    dataset = next(iter(graph.objects(record, RSKG.inDataset)), None)
    record_id = next(iter(graph.objects(record, RSKG.recordId)), None)
    release = next(iter(graph.objects(record, RSKG.release)), None)
    row["source"] = str(dataset).rsplit("/", 1)[-1] if dataset is not None else None
    row["record"] = str(record_id) if record_id is not None else None
    row["release"] = str(release) if release is not None else None


def project(graph: Graph, schema: GraphSchema | None = None) -> Projection:
    """Project one (validated) RDF graph to rows."""
    schema = schema or graph_schema()
    out = Projection()
    types: dict[Node, set[URIRef]] = defaultdict(set)
    for subject, cls in graph.subject_objects(RDF.type):
        if isinstance(cls, URIRef):
            types[subject].add(cls)
    labels: dict[Node, str] = {}
    for subject, classes in types.items():
        label = schema.label_of(classes)
        if label is not None and isinstance(subject, URIRef):
            labels[subject] = label

    for subject, label in labels.items():
        described = any(True for p, _ in graph.predicate_objects(subject) if p != RDF.type)
        if not described:
            out.refs[label].add(str(subject))
            continue
        row: Row = {"iri": str(subject)}
        _fill(row, schema.nodes[label].props, graph, subject, schema)
        _provenance(row, graph, subject)
        out.nodes[label].append(row)

    for subject, classes in types.items():
        for cls in classes & set(schema.nary):
            rtype = schema.nary[cls]
            spec = schema.rels[rtype]
            assert spec.from_prop is not None
            assert spec.to_prop is not None
            start = next(iter(graph.objects(subject, spec.from_prop)), None)
            end = next(iter(graph.objects(subject, spec.to_prop)), None)
            if start not in labels or end not in labels:
                continue
            row = {"iri": str(subject), "from": str(start), "to": str(end)}
            _fill(row, spec.props, graph, subject, schema)
            _provenance(row, graph, subject)
            out.rels[(rtype, labels[start], labels[end])].append(row)

    for subject, pred, obj in graph:
        if pred not in schema.edge_props or subject not in labels or obj not in labels:
            continue
        assert isinstance(pred, URIRef)
        rtype, inverted = schema.edge_props[pred]
        start, end = (obj, subject) if inverted else (subject, obj)
        row = {"iri": edge_iri(str(start), rtype, str(end)), "from": str(start), "to": str(end)}
        _provenance(row, graph, subject)
        out.rels[(rtype, labels[start], labels[end])].append(row)
    return out
