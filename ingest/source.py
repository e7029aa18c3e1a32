"""What every source module provides, and the plain record types that flow through the pipeline."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
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
        return _dataset_iri(self.key)

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


def provenance_triples(subject: URIRef, dataset: DatasetMeta, record_id: str,
                       release: str | None) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The statements that attach the source record (dataset, record id, release) to ``subject``; the record
    node is the second statement's subject."""
    record = URIRef(record_iri(dataset.key, record_id))
    dataset_iri = _dataset_iri(dataset.key)
    triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = [
        (subject, _SOURCE_RECORD, record),
        (record, _TYPE, _SOURCE_RECORD_CLASS),
        (record, _IN_DATASET, dataset_iri),
        (record, _RECORD_ID, Literal(record_id)),
    ]
    if release:
        triples.append((record, _RELEASE, _literal(release)))
    triples.append((dataset_iri, _TYPE, _DATASET))
    return triples


def provenance(graph: Graph, subject: URIRef, dataset: DatasetMeta, record_id: str, release: str | None) -> URIRef:
    """Attach the source record (dataset, record id, release) to ``subject``; return the record node."""
    triples = provenance_triples(subject, dataset, record_id, release)
    for triple in triples:
        graph.add(triple)
    return triples[1][0]


# made once: an attribute of an rdflib namespace builds a new term on every access
_TYPE, _DATASET, _SOURCE_RECORD_CLASS = RDF.type, RSKG.Dataset, RSKG.SourceRecord
_SOURCE_RECORD, _IN_DATASET, _RECORD_ID, _RELEASE = RSKG.sourceRecord, RSKG.inDataset, RSKG.recordId, RSKG.release


@lru_cache(maxsize=64)
def _dataset_iri(key: str) -> URIRef:
    return URIRef(f"{ID}dataset/{key}")


@lru_cache(maxsize=4096)
def _literal(value: str) -> Literal:
    """A plain literal for a value that repeats across records (a release, a country code): made once."""
    return Literal(value)


def year(value: object) -> Literal | None:
    try:
        return _integer(int(str(value)))
    except (TypeError, ValueError):
        return None


@lru_cache(maxsize=4096)
def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)
