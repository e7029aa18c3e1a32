"""RDF building blocks shared by the people sources: a person, and the n-ary facts (Affiliation, Funding,
Coauthorship) that hang off one, each with its source record (provenance)."""

from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from ingest.source import DatasetMeta, provenance
from ontology import RSKG


def fact_key(*parts: str | None) -> str:
    """A short stable key for a fact from the values that identify it (re-loading it is an upsert)."""
    text = "|".join(p or "" for p in parts)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def add_person(graph: Graph, iri: str, name: str, *, alt_names: tuple[str, ...] = (),
               orcid: str | None = None, identifiers: tuple[str, ...] = ()) -> URIRef:
    person = URIRef(iri)
    graph.add((person, RDF.type, RSKG.Person))
    graph.add((person, RSKG.preferredName, Literal(name)))
    for alt in alt_names:
        if alt and alt != name:
            graph.add((person, RSKG.alternativeName, Literal(alt)))
    if orcid:
        graph.add((person, RSKG.orcid, Literal(orcid)))
    for identifier in identifiers:
        graph.add((person, RSKG.identifier, Literal(identifier)))
    return person


def reference(graph: Graph, iri: str, cls: URIRef = RSKG.Organisation) -> URIRef:
    """A node known only by its IRI (a ROR organisation): typed, never described here, so loading it never
    overwrites what its own source says."""
    node = URIRef(iri)
    graph.add((node, RDF.type, cls))
    return node


def _dates(graph: Graph, node: URIRef, start: str | None, end: str | None) -> None:
    if start:
        graph.add((node, RSKG.startDate, Literal(start)))
    if end:
        graph.add((node, RSKG.endDate, Literal(end)))


def _fact(graph: Graph, iri: str, cls: URIRef, dataset: DatasetMeta, record_id: str,
          release: str | None) -> URIRef:
    node = URIRef(iri)
    graph.add((node, RDF.type, cls))
    provenance(graph, node, dataset, record_id, release)
    return node


def add_affiliation(graph: Graph, iri: str, person: URIRef, organisation: URIRef, *, role: str | None,
                    start: str | None, end: str | None, dataset: DatasetMeta, record_id: str,
                    release: str | None) -> URIRef:
    node = _fact(graph, iri, RSKG.Affiliation, dataset, record_id, release)
    graph.add((node, RSKG.affiliate, person))
    graph.add((node, RSKG.affiliatedOrganisation, organisation))
    if role:
        graph.add((node, RSKG.role, Literal(role)))
    _dates(graph, node, start, end)
    return node


def add_funding(graph: Graph, iri: str, recipient: URIRef, funder: URIRef, *, kind: str, start: str | None,
                end: str | None, dataset: DatasetMeta, record_id: str, release: str | None) -> URIRef:
    node = _fact(graph, iri, RSKG.Funding, dataset, record_id, release)
    graph.add((node, RSKG.recipient, recipient))
    graph.add((node, RSKG.funder, funder))
    graph.add((node, RSKG.fundingKind, Literal(kind)))
    _dates(graph, node, start, end)
    return node


def add_coauthorship(graph: Graph, iri: str, author: URIRef, organisation: URIRef, *, works: tuple[str, ...],
                     start: str | None, end: str | None, dataset: DatasetMeta, record_id: str,
                     release: str | None) -> URIRef:
    node = _fact(graph, iri, RSKG.Coauthorship, dataset, record_id, release)
    graph.add((node, RSKG.author, author))
    graph.add((node, RSKG.coauthorOrganisation, organisation))
    for work in works:
        graph.add((node, RSKG.work, Literal(work)))
    _dates(graph, node, start, end)
    return node
