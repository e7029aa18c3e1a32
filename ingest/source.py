"""What every source module provides, and the plain record types that flow through the pipeline."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ingest.validate import Mapped
from ontology import ID, RSKG, record_iri


@dataclass(frozen=True)
class DatasetMeta:
    key: str  # short, stable: "ror", "us_dod_section1286"
    title: str
    publisher: str
    url: str  # where a production ingest downloads the current file
    licence: str

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{ID}dataset/{self.key}")

    def to_rdf(self, release: str | None) -> Graph:
        graph = Graph()
        node = self.iri
        graph.add((node, RDF.type, RSKG.Dataset))
        graph.add((node, RSKG.title, Literal(self.title)))
        graph.add((node, RSKG.publisher, Literal(self.publisher)))
        graph.add((node, RSKG.url, Literal(self.url)))
        graph.add((node, RSKG.licence, Literal(self.licence)))
        graph.add((node, RSKG.listKey, Literal(self.key)))
        if release:
            graph.add((node, RSKG.release, Literal(release)))
        return graph


@dataclass(frozen=True)
class Raw:
    """One parsed source record: its id, a locator for messages, and the data the mapper needs."""

    record_id: str
    locator: str
    data: object
    release: str | None = None


@dataclass(frozen=True)
class Bad:
    """A record that could not be parsed; quarantined with the reason."""

    locator: str
    reason: str
    raw: str


@dataclass(frozen=True)
class Source:
    """A source: how to parse its file(s) and map one record to RDF. ``mapper`` must be a module-level
    function (it runs in worker processes)."""

    dataset: DatasetMeta
    parse: Callable[[Sequence[Path]], Iterator[Raw | Bad]]
    mapper: Callable[[Raw], Mapped]
    default_paths: tuple[str, ...]  # relative to the shared data folder
    static_rdf: Callable[[], Graph] | None = None  # lists, editions: validated and loaded before the records


def provenance(graph: Graph, subject: URIRef, dataset: DatasetMeta, record_id: str, release: str | None) -> URIRef:
    """Attach the source record (dataset, record id, release) to ``subject``; return the record node."""
    record = URIRef(record_iri(dataset.key, record_id))
    graph.add((subject, RSKG.sourceRecord, record))
    graph.add((record, RDF.type, RSKG.SourceRecord))
    graph.add((record, RSKG.inDataset, dataset.iri))
    graph.add((record, RSKG.recordId, Literal(record_id)))
    if release:
        graph.add((record, RSKG.release, Literal(release)))
    graph.add((dataset.iri, RDF.type, RSKG.Dataset))
    return record


def year(value: object) -> Literal | None:
    try:
        return Literal(int(str(value)), datatype=XSD.integer)
    except (TypeError, ValueError):
        return None
