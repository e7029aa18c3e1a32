"""Derivation "link": each organisation named on a list is resolved against the registry and linked to the
registry organisation it names (``rskg:EntityLink`` → ``SAME_AS`` with score and method). An entry that
matches nothing confidently stays an organisation of its own, so nothing is lost; where other entries name it by
the same name, they are linked to one of them (:func:`same_name_links`), so that it is screened as one.

The links go through the ingest pipeline (SHACL per batch, quarantine, run record) as the records of a source
``rskg_link`` whose record id is the list entity's IRI. Re-running first removes the links of the previous
run, then loads the new ones under the same IRIs, so an unchanged graph gives an unchanged result.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph import GraphStore
from ingest.lists.index_step import REGISTRY_SOURCES, name_record
from ingest.lists.link_checks import SIMILAR, accept, child_named, similar, units_as_aliases
from ingest.pipeline import RunReport, run_ingest
from ingest.run import register_derivation
from ingest.source import Bad, DatasetMeta, Raw, Source, provenance
from ingest.validate import Mapped
from ontology import RSKG
from queries.resolver import NameRecord, ResolverIndex
from queries.resolver.lexicon import TRAILING_FORMS, without_legal_phrase
from queries.resolver.normalise import name_key
from rskg.settings import Settings

log = logging.getLogger(__name__)

LINK_DATASET = DatasetMeta(
    key="rskg_link",
    title="rskg entity linking: list entries resolved to registry organisations, or to another list's entry "
    "of the same name",
    publisher="rskg (derived at ingest by the resolver)",
    url="https://w3id.org/rskg/",
    licence="CC0-1.0 (derived data)",
)
# Name types in the order they are trusted: the preferred name and official labels first.
PRIMARY = ("name", "label")


@dataclass(frozen=True)
class Link:
    target: str
    score: float
    method: str


@dataclass(frozen=True)
class EntityLinks:
    subject: str
    links: tuple[Link, ...]


def link_iri(subject: str, target: str) -> str:
    digest = hashlib.sha1(target.encode(), usedforsecurity=False).hexdigest()[:16]
    return f"{subject}/same-as/{digest}"


def _names(record: NameRecord) -> Iterator[tuple[str, str]]:
    """(name type, text) of a list organisation, each text once."""
    seen: set[str] = set()
    items = [("name", record.name), *(("label", lb.value) for lb in record.labels),
             *(("alias", a) for a in record.alt_names), *(("acronym", a) for a in record.acronyms)]
    for kind, text in items:
        key = text.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            yield kind, text.strip()


def links_for(index: ResolverIndex, record: NameRecord) -> tuple[Link, ...]:
    """Registry organisations the record's names resolve to. Matches by the preferred name or an official
    label win; aliases decide only when those match nothing, and several organisations matched by aliases
    alone (a list that gives its subordinate institutes as aliases) leave only the one whose name is close
    to the preferred name, or none."""
    country = record.countries[0] if record.countries else None
    names = list(_names(record))
    results = index.resolve_many([text for _, text in names], country=country, limit=3, registry_only=True)
    best: dict[str, tuple[bool, Link, str]] = {}
    for (kind, text), res in zip(names, results, strict=True):
        for found in res.matches:
            match = child_named(index, found, res.candidates)
            if not accept(index, record, kind, text, match):
                continue
            primary = kind in PRIMARY
            link = Link(match.iri, round(float(match.score), 3), f"{match.method}; {kind}: {text}")
            held = best.get(match.iri)
            if held is None or (primary, link.score) > (held[0], held[1].score):
                best[match.iri] = (primary, link, match.name)
    chosen = [item for item in best.values() if item[0]]
    if not chosen and units_as_aliases(record):
        return ()  # ASPI's "China Aerospace Science and Technology Corporation" lists its academies as aliases
    if not chosen and len(best) > 1:
        ranked = sorted(best.values(), key=lambda item: -similar(record.name, item[2]))
        chosen = ranked[:1] if similar(record.name, ranked[0][2]) >= SIMILAR else []
    elif not chosen:
        chosen = list(best.values())
    return tuple(sorted((link for _, link, _ in chosen), key=lambda lk: (-lk.score, lk.target)))


def same_name_links(records: Sequence[NameRecord], found: dict[str, tuple[Link, ...]]) -> dict[str, tuple[Link, ...]]:
    """Links for entries that the registry step left unlinked and that another entry names by the same name (its
    key: case, accents, legal forms and spaces aside) in the same country, so that one organisation is one, not one per
    entry ("Naval Command College" on the ASPI tracker, Canada's list and §1286; "China North Industries Group"
    on the ASPI tracker and OFAC's NS-CMIC list). Where one of them is linked to a registry organisation, the
    others are linked to it too (method ``same-name; as <that entry>``, its score); where none is, each is linked
    to the first of them by IRI (method ``same-name``, score 1). One list's entries count too: the EU names
    "OPK Oboronprom" in three annexes, the PRC curated list "Cubic Corporation" once per measure; were they two
    organisations of one name, typing it could not tell them apart either, and both listings now show. Left
    alone: entries whose countries differ, a country-less entry among several countries, and entries linked to
    different registry organisations."""
    groups: defaultdict[str, list[NameRecord]] = defaultdict(list)
    for record in records:  # "Russian Railways", "OPEN JOINT STOCK COMPANY RUSSIAN RAILWAYS": one name; so are
        # "Airforce Command College" (Canada) and "Air Force Command College" (ASPI), "Aero Vironment" and
        # "AeroVironment, Inc." (the PRC list)
        key = _key(record.name)
        if key:
            groups[key].append(record)
    out: dict[str, tuple[Link, ...]] = {}
    for members in groups.values():
        for part in _same_place(members):
            unlinked = [r for r in part if not found.get(r.iri)]
            if len(part) < 2 or not unlinked:
                continue
            linked = sorted((r for r in part if found.get(r.iri)), key=lambda r: r.iri)
            if linked:
                if len({lk.target for r in linked for lk in found[r.iri]}) != 1:
                    continue  # they name different registry organisations: not ours to choose
                first = found[linked[0].iri][0]
                link = Link(first.target, first.score, f"same-name; as {linked[0].iri}")
                out.update((r.iri, (link,)) for r in unlinked)
            else:
                hub, *others = sorted(part, key=lambda r: r.iri)
                out.update((r.iri, (Link(hub.iri, 1.0, "same-name"),)) for r in others)
    return out


def _key(name: str) -> str:
    """A name's key without spaces and without a legal form written out, before the name or after it: OFAC's
    "HESONG TRADING CORPORATION" is the UN's "HESONG TRADING COMPANY" (name keys leave out "Corporation" and
    "Co., Ltd." but keep "Company", which is a legal form only after a name of two words or more)."""
    words = name_key(without_legal_phrase(name) or name).split()
    while len(words) > 2 and words[-1] in TRAILING_FORMS:
        words.pop()
    return "".join(words)


def _same_place(members: list[NameRecord]) -> list[list[NameRecord]]:
    """Entries of one name split by country, entries sharing a country together (OFAC places SMIC in China and
    the Cayman Islands, the 1260H list in China); those without a country join the one group there is, if one."""
    groups: list[tuple[set[str], list[NameRecord]]] = []
    unplaced = []
    for record in members:
        if not record.countries:
            unplaced.append(record)
            continue
        countries, joined = set(record.countries), [record]
        for group in [g for g in groups if g[0] & countries]:  # the groups it bridges become one
            groups.remove(group)
            countries |= group[0]
            joined = group[1] + joined
        groups.append((countries, joined))
    if len(groups) <= 1:
        return [[*(groups[0][1] if groups else []), *unplaced]]
    return [group for _, group in groups]


def resolve_list_entities(store: GraphStore, index: ResolverIndex) -> list[EntityLinks]:
    """Every list organisation (not a registry one, not a vessel or asset) with its links (maybe none): to the
    registry organisations it names, or else by :func:`same_name_links`."""
    # Only the list entries are read (not every organisation of the registry), in IRI order as before.
    rows = store.query("link_entries", {"skip_sources": sorted(REGISTRY_SOURCES | {LINK_DATASET.key})})
    records = []
    for row in sorted(rows, key=lambda r: str(r["iri"])):
        source = str(row.get("source") or "")
        if not source or source in REGISTRY_SOURCES or source == LINK_DATASET.key or row.get("entity_kinds"):
            continue
        records.append(name_record(row))
    found = {record.iri: links_for(index, record) for record in records}
    found.update(same_name_links(records, found))
    return [EntityLinks(record.iri, found[record.iri]) for record in records]


def parse_links(entities: Sequence[EntityLinks], paths: Sequence[Path]) -> Iterator[Raw | Bad]:
    for item in entities:
        if item.links:
            yield Raw(item.subject, item.subject, item)


def map_links(raw: Raw) -> Mapped:
    item = raw.data
    if not isinstance(item, EntityLinks):
        raise TypeError(f"expected entity links, got {type(item).__name__}")
    graph = Graph()
    subject = URIRef(item.subject)
    graph.add((subject, RDF.type, RSKG.Organisation))
    for link in item.links:
        node = URIRef(link_iri(item.subject, link.target))
        target = URIRef(link.target)
        graph.add((target, RDF.type, RSKG.Organisation))
        graph.add((node, RDF.type, RSKG.EntityLink))
        graph.add((node, RSKG.linkSubject, subject))
        graph.add((node, RSKG.linkTarget, target))
        graph.add((node, RSKG.score, Literal(link.score, datatype=XSD.double)))
        graph.add((node, RSKG.method, Literal(link.method)))
        provenance(graph, node, LINK_DATASET, raw.record_id, None)
    return Mapped(raw.record_id, item.subject, graph, {"subject": item.subject, "links": len(item.links)},
                  len(item.links))


def link_entities(store: GraphStore, settings: Settings, index: ResolverIndex | None = None) -> RunReport:
    """Resolve every list organisation, replace the previous links, load the new ones; returns the run."""
    index = index or ResolverIndex.load(settings.index_dir)
    started = time.perf_counter()
    entities = resolve_list_entities(store, index)
    linked = sum(1 for e in entities if e.links)
    log.info("link: resolved orgs=%d linked=%d links=%d in %.1fs", len(entities), linked,
             sum(len(e.links) for e in entities), time.perf_counter() - started)
    store.write("link_clear", {"source": LINK_DATASET.key})
    source = Source(dataset=LINK_DATASET, parse=partial(parse_links, entities), mapper=map_links,
                    default_paths=())
    return run_ingest(source, [], store, settings.quarantine_dir, workers=1, progress=False)


@register_derivation("link")
def refresh_links(store: GraphStore, settings: Settings) -> None:
    link_entities(store, settings)

