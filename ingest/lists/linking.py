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
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rapidfuzz import fuzz
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph import GraphStore
from ingest.lists.index_step import REGISTRY_SOURCES, name_record
from ingest.pipeline import RunReport, run_ingest
from ingest.run import register_derivation
from ingest.source import Bad, DatasetMeta, Raw, Source, provenance
from ingest.validate import Mapped
from ontology import RSKG
from queries.resolver import Candidate, NameRecord, ResolverIndex
from queries.resolver.lexicon import CJK_LEGAL_FORMS, OWN_ORG_WORDS, UNIT_WORDS, without_legal_phrase
from queries.resolver.normalise import (
    LEGAL_FORMS,
    cjk_key,
    content,
    fold,
    has_cjk,
    looks_like_acronym,
    name_key,
    tokens,
    words_agree,
)
from rskg.countries import to_iso2
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
SIMILAR = 0.8  # name similarity (rapidfuzz token sort, 0..1) that confirms an acronym or picks among aliases


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


def _leftover(text: str, matched: str) -> set[str]:
    """Content words of ``text`` that the matched name does not account for (acronyms, legal forms and
    digits-only words aside)."""
    typed = {w.strip("()").lower() for w in text.split() if looks_like_acronym(w.strip("()"))}
    words = set(content(tokens(text))) - set(content(tokens(matched)))
    return {w for w in words if w not in LEGAL_FORMS and w not in typed}


def _similar(a: str, b: str) -> float:
    return float(fuzz.token_sort_ratio(name_key(a), name_key(b))) / 100.0


# Words by which a list names a branch, plant or subsidiary of the organisation it also names ("Branch of
# RSK MiG", "Филиал ПАО «ОАК» – Калязинский Машиностроительный Завод"), or a unit of it ("Academy of Military
# Medical Sciences, Field Blood Transfusion Institution"): not the organisation itself.
BRANCH_WORDS = frozenset(
    ["filial", "branch", "zavod", "plant", "factory", "works", "subsidiary", "otdelenie", "institution"]
)
# Regions a company's arm is named after in brackets ("China Telecom (Americas) Corp.")
_REGIONS = frozenset(["americas", "america", "north america", "latin america", "europe", "asia", "asia pacific",
                      "africa", "middle east", "emea", "apac"])
_BRACKETED = re.compile(r"[(（]([^()（）]+)[)）]")
_UNIT_ALIAS_WORDS = UNIT_WORDS | OWN_ORG_WORDS | {"academy"}
_HOLDING = frozenset(["holding", "holdings"])


# Features by which the resolver says its match is only part of what the text names ("Lockheed Martin [Missiles
# and Fire Control]", "[Logistics University of the] People's Armed Police", "Baykar [Research Institute]").
_PART_OF_TEXT = ("continued_by", "unit_named_before", "unit_named_after")


def _accept(record: NameRecord, kind: str, text: str, match: Candidate, countries: Sequence[str] = ()) -> bool:
    """A same-as link needs the whole name: a match on part of it ("CETC" in "CETC 54th Research
    Institute", "Lockheed Martin" in "Lockheed Martin Missiles and Fire Control") names a parent, not the
    entity. An acronym (the list's, or the registry's) needs the full names to agree: "ELA" or "TTP" name
    many things."""
    if match.method.startswith("acronym") or kind == "acronym":
        names = (record.name, *record.alt_names)
        return max((_similar(n, match.name) for n in names), default=0.0) >= SIMILAR
    if any(key in match.features for key in _PART_OF_TEXT):
        return False  # the text names more than the match: a unit of it, or a longer name
    matched = str(match.features.get("matched_name") or match.name)
    if _arm_of(text, matched, countries):
        return False
    if match.method.startswith("cjk"):
        return not _cjk_rest(text, matched)
    if "hierarchy" in match.features:
        return True
    if match.method.startswith("fuzzy") and not words_agree(text, matched):
        return False  # a name spelt alike, not the same name
    left = _leftover(text, matched)
    if left & _HOLDING and "company" not in str(match.features.get("kind", "")):
        return False  # "Xi'an Jiaotong University Holding Co., Ltd.": a company the university owns
    if _unit_acronym(text, matched):
        return False
    return not (left & (UNIT_WORDS | BRANCH_WORDS) or any(any(ch.isdigit() for ch in w) for w in left))


def _unit_acronym(text: str, matched: str) -> bool:
    """An acronym the text types after the matched name, outside brackets, that the name does not hold names a
    unit of it ("Kurchatovskiy Institute ITEF", the Kurchatov Institute's institute for theoretical and
    experimental physics). Not in text typed in capitals, where every word looks like one."""
    if text.isupper():
        return False
    outside = _BRACKETED.sub(" ", text)
    own = fold(matched).split()
    initials = Counter(w[0] for w in own)

    def foreign(word: str) -> bool:
        if len(word) < 3 or not word.isalpha() or not word.isupper() or word.lower() in LEGAL_FORMS:
            return False
        # its own acronym, typed between commas ("…Transmission Problems, IITP, Russian Academy of Sciences")
        return word.lower() not in own and bool(Counter(word.lower()) - initials)

    return any(foreign(w) for w in re.findall(r"[\w-]+", outside))


def _cjk_rest(text: str, matched: str) -> str:
    """What a CJK text says besides the registered name it was matched by, legal forms aside: a unit or a longer
    name ("中国人民解放军[海军指挥学院]" is a college, not the PLA; "[桂林]电子科技大学" another university)."""
    rest = cjk_key(text).replace(cjk_key(matched), "", 1)
    for form in CJK_LEGAL_FORMS:
        rest = rest.replace(form, "")
    return rest if has_cjk(rest) else ""


def _arm_of(text: str, matched: str, countries: Sequence[str]) -> bool:
    """The text names the organisation's arm in another country or a region, in brackets ("China Telecom
    (Americas) Corp.", "… (Germany)"), which the matched name does not say: a subsidiary, not the organisation.
    Its own country may be said so ("Lockheed Martin Corporation (USA)")."""
    for part in _BRACKETED.findall(text):
        place = fold(part)
        if not place or place in fold(matched):
            continue
        code = to_iso2(part) if len(place) >= 3 else None  # "(IN)", "(MO)": codes, not written as places
        if place in _REGIONS or (code is not None and code not in countries):
            return True
    return False


def _child_named(index: ResolverIndex, match: Candidate, candidates: Sequence[Candidate]) -> Candidate:
    """A parent matched where the text also names one of its children ("Chinese Academy of Sciences Institute
    of Computing Technology"): the entry is the child."""
    related = match.features.get("hierarchy")
    row, child = index.by_iri.get(match.iri), index.by_iri.get(str(related)) if related else None
    if row is None or child is None or row not in index.orgs[child].parents:
        return match
    return next((c for c in candidates if c.iri == index.orgs[child].iri), match)


def _units_as_aliases(record: NameRecord) -> bool:
    """The list gives the entry's units as its aliases: an alias that holds the entry's name or acronym and says
    more ("5th Academy of CASC", "12th Research Institute, China Aerospace Science and Technology Corporation"),
    so that an alias may name a unit ("China Academy of Space Technology (CAST)") rather than the entry."""
    own = [fold(n) for n in (record.name, *record.acronyms) if fold(n)]
    for alias in record.alt_names:
        text = fold(alias)
        for name in own:
            if f" {name} " in f" {text} ":  # its own name and more: a unit's words, or its number
                more = set(text.split()) - set(name.split())
                if more & _UNIT_ALIAS_WORDS or any(w[:1].isdigit() for w in more):
                    return True  # not "Malek Ashtar University [of Technology]"
    return False


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
            match = _child_named(index, found, res.candidates)
            row = index.by_iri.get(match.iri)
            if not _accept(record, kind, text, match, index.orgs[row].countries if row is not None else ()):
                continue
            primary = kind in PRIMARY
            link = Link(match.iri, round(float(match.score), 3), f"{match.method}; {kind}: {text}")
            held = best.get(match.iri)
            if held is None or (primary, link.score) > (held[0], held[1].score):
                best[match.iri] = (primary, link, match.name)
    chosen = [item for item in best.values() if item[0]]
    if not chosen and _units_as_aliases(record):
        return ()  # ASPI's "China Aerospace Science and Technology Corporation" lists its academies as aliases
    if not chosen and len(best) > 1:
        ranked = sorted(best.values(), key=lambda item: -_similar(record.name, item[2]))
        chosen = ranked[:1] if _similar(record.name, ranked[0][2]) >= SIMILAR else []
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
        key = name_key(without_legal_phrase(record.name) or record.name).replace(" ", "")
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


def _same_place(members: list[NameRecord]) -> list[list[NameRecord]]:
    """Entries of one name split by country; those without a country join the one country there is, if one."""
    placed: defaultdict[tuple[str, ...], list[NameRecord]] = defaultdict(list)
    unplaced = []
    for record in members:
        if record.countries:
            placed[tuple(sorted(record.countries))].append(record)
        else:
            unplaced.append(record)
    if len(placed) <= 1:
        return [[*next(iter(placed.values()), []), *unplaced]]
    return list(placed.values())


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

