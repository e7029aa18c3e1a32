"""List entries → RDF with the ontology: one mapping for every list-of-concern reader.

An entry becomes an agent (``rskg:Organisation`` or ``rskg:Person``) with its names, countries, addresses,
identifiers and remarks; each appearance becomes an ``rskg:Listing`` (→ ``LISTED_IN`` to the edition); the
relations the list states become organisation relations or ``rskg:Ownership`` facts; area hints and research
topics become ``rskg:AreaAssignment`` facts. The lists and editions themselves are declared once per source
(:func:`lists_graph`, the source's ``static_rdf``) and only referenced from the records.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from ingest.lists.model import AreaHint, ListEntry, ListMeta, Relation
from ingest.source import DatasetMeta, Raw, provenance
from ingest.validate import Mapped
from ontology import EFFECT, KIND, LIST, RSKG, entity_iri

EDGE_PROPS = {
    "parent": RSKG.subOrganisationOf,
    "child": RSKG.hasSubOrganisation,
    "supervised_by": RSKG.supervisedBy,
    "related": RSKG.relatedTo,
    "successor": RSKG.successor,
    "predecessor": RSKG.predecessor,
}
NAME_PROPS = {"alternative": RSKG.alternativeName, "acronym": RSKG.acronym, "label": RSKG.officialLabel}
VALUE_IDS = {"lei": RSKG.lei, "wikidata": RSKG.wikidata, "isni": RSKG.isni}
REGISTRY_SCHEMES = frozenset({"registration", "uscc", "inn", "ogrn", "kpp", "tax", "company_number"})
ACRONYM_MAX = 40  # the shapes' limit; a longer "acronym" is kept as an alternative name
TOPIC_BASIS = "ASPI topic: "


@dataclass(frozen=True)
class Target:
    """Another entry of the same source that a relation points to: its IRI and kind."""

    iri: str
    kind: str  # "organisation", "person" or "other"
    name: str


@dataclass(frozen=True)
class EntryData:
    """What the mapper needs besides the entry: the dataset, the release, and the relation targets that are
    entries of the same source (resolved at parse time, when the whole source is at hand)."""

    entry: ListEntry
    dataset: DatasetMeta
    iri: str
    targets: dict[str, Target] = field(default_factory=dict)  # target_id -> target


# ------------------------------------------------------------------ IRIs
def list_iri(key: str) -> URIRef:
    return LIST[quote(key, safe="")]


def edition_iri(list_key: str, edition_key: str) -> URIRef:
    return LIST[f"{quote(list_key, safe='')}/edition/{quote(edition_key, safe='')}"]


def slug(name: str) -> str:
    """Stable key of a name: case-folded, runs of anything but letters and digits → "-"."""
    return re.sub(r"[\W_]+", "-", name.casefold()).strip("-") or "unnamed"


def named_iri(dataset: str, name: str) -> str:
    """IRI of an organisation a list only names (a parent, a supervising agency): resolved later."""
    return entity_iri(dataset, "named/" + slug(name))


def entry_iri(dataset: str, entry: ListEntry, scoped: bool) -> str:
    """``entity_iri(dataset, record_id)``; with ``scoped`` (a dataset whose record ids repeat across its
    lists, e.g. EU 833 annex positions) the list key is part of the id."""
    return entity_iri(dataset, f"{entry.source}/{entry.record_id}" if scoped else entry.record_id)


def _hash(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()[:16]


def latest_release(meta: ListMeta) -> str | None:
    dates = [e.date for e in meta.editions if e.date]
    return max(dates) if dates else None


# ------------------------------------------------------------------ lists and editions (static RDF)
def lists_graph(lists: Iterable[ListMeta]) -> Graph:
    """``rskg:ListOfConcern`` and ``rskg:ListEdition`` declarations of a source."""
    graph = Graph()
    for meta in lists:
        node = list_iri(meta.key)
        graph.add((node, RDF.type, RSKG.ListOfConcern))
        graph.add((node, RSKG.title, Literal(meta.title)))
        graph.add((node, RSKG.authority, Literal(meta.authority)))
        graph.add((node, RSKG.jurisdiction, Literal(meta.jurisdiction)))
        graph.add((node, RSKG.legalEffect, EFFECT[meta.legal_effect]))
        graph.add((node, RSKG.url, Literal(meta.url)))
        graph.add((node, RSKG.licence, Literal(meta.licence)))
        graph.add((node, RSKG.listKey, Literal(meta.key)))
        for edition in meta.editions:
            ed = edition_iri(meta.key, edition.key)
            graph.add((ed, RDF.type, RSKG.ListEdition))
            graph.add((ed, RSKG.editionOf, node))
            graph.add((ed, RSKG.title, Literal(edition.title)))
            graph.add((ed, RSKG.editionDateBasis, Literal(edition.date_basis)))
            graph.add((ed, RSKG.listKey, Literal(edition.key)))
            if edition.date:
                graph.add((ed, RSKG.editionDate, Literal(edition.date)))
            if edition.superseded:
                graph.add((ed, RSKG.supersededOn, Literal(edition.superseded)))
    return graph


# ------------------------------------------------------------------ entries
def _identifier(graph: Graph, node: URIRef, value: str) -> None:
    scheme, sep, rest = value.partition(":")
    key = scheme.strip().lower()
    if sep and key in VALUE_IDS and rest.strip():
        graph.add((node, VALUE_IDS[key], Literal(rest.strip())))
    elif sep and key in REGISTRY_SCHEMES:
        graph.add((node, RSKG.registryId, Literal(value)))
    else:
        graph.add((node, RSKG.identifier, Literal(value)))


def _describe(graph: Graph, node: URIRef, entry: ListEntry) -> None:
    person = entry.kind == "person"
    # kind "other" (vessel, aircraft, programme, asset): the ontology has no class of its own for these, so
    # they are organisations whose rskg:entityKind says what the list calls them.
    graph.add((node, RDF.type, RSKG.Person if person else RSKG.Organisation))
    graph.add((node, RSKG.preferredName, Literal(entry.name)))
    for name in entry.names:
        prop = NAME_PROPS[name.type]
        if name.type == "acronym" and len(name.value) > ACRONYM_MAX:
            prop = RSKG.alternativeName
        graph.add((node, prop, Literal(name.value, lang=name.lang or None)))
    for prop, values in ((RSKG.country, entry.countries), (RSKG.address, entry.addresses),
                         (RSKG.city, entry.cities), (RSKG.website, entry.websites),
                         (RSKG.remark, entry.remarks), (RSKG.entityKind, entry.entity_kinds)):
        for value in values:
            graph.add((node, prop, Literal(value)))
    for value in entry.identifiers:
        _identifier(graph, node, value)
    for value in entry.birth_dates:
        graph.add((node, RSKG.birthDate if person else RSKG.remark,
                   Literal(value if person else f"date of birth given by the list: {value}")))
    for key in entry.org_kinds:
        graph.add((node, RSKG.kind if not person else RSKG.remark,
                   KIND[key] if not person else Literal(f"organisation kind given by the list: {key}")))


def _listings(graph: Graph, node: URIRef, data: EntryData, record: URIRef) -> int:
    entry = data.entry
    seen: dict[str, int] = {}
    for app in entry.appearances:
        # one listing per appearance: a second appearance in the same edition (a denied person listed again
        # under another order) gets its ordinal, so its dates are not merged into the first one's
        seen[app.edition] = seen.get(app.edition, 0) + 1
        suffix = "" if seen[app.edition] == 1 else f"/{seen[app.edition]}"
        listing = URIRef(f"{node}/listing/{quote(app.edition, safe='')}{suffix}")
        edition = edition_iri(entry.source, app.edition)
        graph.add((edition, RDF.type, RSKG.ListEdition))
        graph.add((listing, RDF.type, RSKG.Listing))
        graph.add((listing, RSKG.listedEntity, node))
        graph.add((listing, RSKG.edition, edition))
        graph.add((listing, RSKG.nameAsListed, Literal(app.name_as_listed)))
        if app.listed_from:
            graph.add((listing, RSKG.listedFrom, Literal(app.listed_from)))
        if app.listed_until:
            graph.add((listing, RSKG.listedUntil, Literal(app.listed_until)))
        for programme in app.programmes:
            graph.add((listing, RSKG.programme, Literal(programme)))
        for citation in app.citations:
            graph.add((listing, RSKG.legalCitation, Literal(citation)))
        graph.add((listing, RSKG.sourceRecord, record))
    return len(entry.appearances)


def _target(graph: Graph, data: EntryData, rel: Relation, record: URIRef) -> tuple[URIRef, str, str] | None:
    """The relation's other end (IRI, kind, name); a named-only target is described here (name, country)
    so that it can be resolved later. ``None`` when the relation names nothing."""
    if rel.target_id:
        found = data.targets.get(rel.target_id)
        if found is None:  # not an entry of this read: a bare reference, typed as an organisation
            iri = URIRef(entity_iri(data.dataset.key, rel.target_id))
            graph.add((iri, RDF.type, RSKG.Organisation))
            return iri, "organisation", rel.target_id
        iri = URIRef(found.iri)
        graph.add((iri, RDF.type, RSKG.Person if found.kind == "person" else RSKG.Organisation))
        return iri, found.kind, found.name
    if rel.target_name and rel.target_name.strip():
        iri = URIRef(named_iri(data.dataset.key, rel.target_name))
        graph.add((iri, RDF.type, RSKG.Organisation))
        graph.add((iri, RSKG.preferredName, Literal(rel.target_name.strip())))
        if rel.target_country:
            graph.add((iri, RSKG.country, Literal(rel.target_country)))
        graph.add((iri, RSKG.sourceRecord, record))
        return iri, "organisation", rel.target_name.strip()
    return None


def _relations(graph: Graph, node: URIRef, data: EntryData, record: URIRef) -> int:
    """Relation statements; returns how many were mapped to a relation (edge or n-ary fact)."""
    count = 0
    for index, rel in enumerate(data.entry.relations):
        target = _target(graph, data, rel, record)
        if target is None:
            graph.add((node, RSKG.remark, Literal(f"{rel.kind} relation without a target in the list")))
            continue
        iri, kind, name = target
        if rel.kind in ("owned_by", "owner_of"):
            owned, owner = (node, iri) if rel.kind == "owned_by" else (iri, node)
            fact = URIRef(f"{node}/ownership/{_hash(str(owned), str(owner), str(index))}")
            graph.add((fact, RDF.type, RSKG.Ownership))
            graph.add((fact, RSKG.owned, owned))
            graph.add((fact, RSKG.owner, owner))
            if rel.share is not None:
                graph.add((fact, RSKG.share, Literal(Decimal(str(rel.share)), datatype=XSD.decimal)))
            graph.add((fact, RSKG.sourceRecord, record))
            count += 1
        elif data.entry.kind == "person" or kind == "person":
            # A link involving a person ("linked to" on sanctions lists): a generic agent-to-agent link, with
            # the list's own word for it kept as a remark.
            graph.add((node, RSKG.linkedTo, iri))
            graph.add((node, RSKG.remark, Literal(f"{rel.kind.replace('_', ' ')} (per the list): {name} <{iri}>")))
            count += 1
        else:
            graph.add((node, EDGE_PROPS[rel.kind], iri))
            count += 1
    return count


def _assignment(graph: Graph, node: URIRef, hint: AreaHint, record: URIRef) -> None:
    fact = URIRef(f"{node}/area/{_hash(hint.concept, hint.basis)}")
    concept = URIRef(hint.concept)
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((fact, RDF.type, RSKG.AreaAssignment))
    graph.add((fact, RSKG.assignedTo, node))
    graph.add((fact, RSKG.assignedConcept, concept))
    graph.add((fact, RSKG.confidence, Literal(float(hint.confidence), datatype=XSD.double)))
    graph.add((fact, RSKG.basis, Literal(hint.basis)))
    graph.add((fact, RSKG.sourceRecord, record))


def topic_hints(topics: Sequence[str]) -> list[AreaHint]:
    """Research topics (ASPI) → area hints with the areas classifier, one per (concept, topic)."""
    if not topics:
        return []
    from queries.areas import classify_topics

    hints = []
    for topic in dict.fromkeys(t.strip() for t in topics if t.strip()):
        for concept, confidence, _terms in classify_topics([topic]):
            hints.append(AreaHint(concept, confidence, TOPIC_BASIS + topic))
    return hints


def map_entry(raw: Raw) -> Mapped:
    """One list entry → RDF (see the module docstring)."""
    data = raw.data
    if not isinstance(data, EntryData):
        raise TypeError(f"expected a list entry, got {type(data).__name__}")
    entry = data.entry
    if not entry.name.strip():
        raise ValueError("the entry has no name")
    node = URIRef(data.iri)
    graph = Graph()
    _describe(graph, node, entry)
    record = provenance(graph, node, data.dataset, raw.record_id, raw.release)
    relations = _listings(graph, node, data, record)
    relations += _relations(graph, node, data, record)
    hints = list(dict.fromkeys((*entry.areas, *topic_hints(entry.topics))))
    for hint in hints:
        _assignment(graph, node, hint, record)
    relations += len(hints)
    return Mapped(raw.record_id, str(node), graph, asdict(entry), relations)
