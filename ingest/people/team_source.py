"""``rskg ingest team FILE``: load a team file into the graph.

Records, so that counts reconcile (read = loaded + quarantined):

- one record per researcher: a Person, IRI ``entity_iri("team", "<file stem slug>/<researcher slug>")``;
- one record per row: an Affiliation, or a Funding (kind ``money`` for ``funding``, ``in_kind`` for
  ``in_kind``), when the row's organisation resolved to a ``match`` (or was given as a ROR id). The
  organisation is referenced by its IRI, never re-described.

Quarantined, each with its reason: rows that cannot be read (the row and column named), rows whose
organisation did not resolve with confidence (the decision and the candidates are kept in the quarantine
entry, so an officer can pick one and write its ROR id in the file), and a row repeating an earlier row's
fact.

A fact's IRI comes from the researcher, relation, organisation, role and start, not from the row number:
re-ordering rows, or adding an end date to a row and loading the file again, updates the same fact.
Known gap: the ontology's Funding has no role/description property, so the ``role`` of a funding or in-kind
row is kept in the team file (and in what :func:`ingest.people.team.resolve_team` returns) but not in the
graph.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rdflib import Graph

from ingest.people.models import ResolvedFact, RowError
from ingest.people.rdf import add_affiliation, add_funding, add_person, fact_key, reference
from ingest.people.team import parse_team, resolve_team, slug
from ingest.source import Bad, DatasetMeta, Raw, Source, provenance
from ingest.validate import Mapped
from ontology import RSKG, entity_iri
from queries.resolver.index import ResolverIndex

log = logging.getLogger(__name__)

DATASET = DatasetMeta(
    key="team",
    title="Team files: researchers' affiliations, funding and in-kind support as declared in an application",
    publisher="the applicant (declared in a grant application; checked by the screening office)",
    url="https://w3id.org/rskg/id/dataset/team",
    licence="personal data: for screening only, not for redistribution",
)
FUNDING_KIND = {"funding": "money", "in_kind": "in_kind"}
SHOWN_CANDIDATES = 5


def person_iri(file_stem: str, researcher: str) -> str:
    return entity_iri("team", f"{slug(file_stem)}/{slug(researcher)}")


def _fact_iri(file_stem: str, item: ResolvedFact) -> str:
    fact = item.fact
    key = fact_key(fact.relation, item.organisation_iri, fact.role, fact.start)
    return entity_iri("team", f"{slug(file_stem)}/{slug(fact.researcher)}/{fact.relation}/{key}")


def _candidates(item: ResolvedFact) -> str:
    shown = [f"{c.name} <{c.iri}> {c.score:.2f}" for c in item.candidates[:SHOWN_CANDIDATES]]
    return "; ".join(shown) if shown else "no candidates"


def _bad_rows(name: str, errors: list[RowError]) -> Iterator[tuple[int, Bad]]:
    by_row: dict[int, list[RowError]] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(error)
    for row, found in sorted(by_row.items()):
        reason = "; ".join(f"column {e.column}: {e.message}" if e.column else e.message for e in found)
        raw = json.dumps({"row": row, "cells": found[0].cells}, ensure_ascii=False)
        yield row, Bad(f"{name}: row {row}", reason, raw)


def read_team(paths: Sequence[Path], index: ResolverIndex, release: str | None) -> Iterator[Raw | Bad]:
    """Parse and resolve team files; yield researcher and fact records, and the rows that cannot load."""
    for path in paths:
        team = parse_team(path)
        stem = path.stem
        resolved = resolve_team(team.facts, index)
        names: dict[str, str] = {}
        # every researcher named on a row is on the team, even when none of their rows could be read
        written = [f.researcher for f in team.facts] + [" ".join(e.cells.get("researcher", "").split())
                                                         for e in team.errors]
        for researcher in written:
            if researcher:
                names.setdefault(person_iri(stem, researcher), researcher)
        for iri, researcher in names.items():
            yield Raw(f"{slug(stem)}/{slug(researcher)}", f"{path.name}: researcher",
                      {"kind": "person", "iri": iri, "name": researcher}, release)
        seen: dict[str, int] = {}
        rows = [(item.fact.row, _fact_record(path.name, stem, item, seen, release)) for item in resolved]
        rows.extend(_bad_rows(path.name, team.errors))
        for _, record in sorted(rows, key=lambda pair: pair[0]):
            yield record


def _fact_record(name: str, stem: str, item: ResolvedFact, seen: dict[str, int],
                 release: str | None) -> Raw | Bad:
    fact = item.fact
    locator = f"{name}: row {fact.row}"
    raw: dict[str, Any] = {**item.to_dict(), "kind": "fact"}
    if item.organisation_iri is None:
        reason = (f"column organisation: {fact.organisation!r} did not resolve to one "
                  f"organisation with confidence (decision: {item.decision}; "
                  f"candidates: {_candidates(item)}); "
                  "write the organisation's ROR id in the file to load it")
        return Bad(locator, reason, json.dumps(raw, ensure_ascii=False, default=str))
    iri = _fact_iri(stem, item)
    if iri in seen:
        reason = f"repeats row {seen[iri]} (same researcher, relation, organisation, role and start)"
        return Bad(locator, reason, json.dumps(raw, ensure_ascii=False, default=str))
    seen[iri] = fact.row
    raw.update(fact_iri=iri, person_iri=person_iri(stem, fact.researcher))
    return Raw(f"{slug(stem)}/row-{fact.row}", locator, raw, release)


def map_team_record(raw: Raw) -> Mapped:
    """A researcher record → Person; a fact record → Affiliation or Funding (module level: it runs in
    worker processes)."""
    data: dict[str, Any] = raw.data  # type: ignore[assignment]
    graph = Graph()
    if data["kind"] == "person":
        person = add_person(graph, data["iri"], data["name"])
        provenance(graph, person, DATASET, raw.record_id, raw.release)
        return Mapped(raw.record_id, data["iri"], graph, data, 0)
    person = reference(graph, data["person_iri"], cls=RSKG.Person)
    organisation = reference(graph, data["organisation_iri"])
    if data["relation"] == "affiliation":
        add_affiliation(graph, data["fact_iri"], person, organisation, role=data["role"], start=data["start"],
                        end=data["end"], dataset=DATASET, record_id=raw.record_id, release=raw.release)
    else:
        add_funding(graph, data["fact_iri"], person, organisation, kind=FUNDING_KIND[data["relation"]],
                    start=data["start"], end=data["end"], dataset=DATASET, record_id=raw.record_id,
                    release=raw.release)
    return Mapped(raw.record_id, data["fact_iri"], graph, data, 1)


class TeamReader:
    """``Source.parse`` for team files, bound to a resolver index. Picklable without the index (parsing runs
    in the main process only; worker processes receive the source for its mapper)."""

    def __init__(self, index: ResolverIndex, release: str | None = None) -> None:
        self.index: ResolverIndex | None = index
        self.release = release

    def __call__(self, paths: Sequence[Path]) -> Iterator[Raw | Bad]:
        if self.index is None:
            raise RuntimeError("TeamReader without its resolver index (parse runs in the main process)")
        return read_team(paths, self.index, self.release)

    def __getstate__(self) -> dict[str, Any]:
        return {"index": None, "release": self.release}


def team_source(index: ResolverIndex, *, as_of: str | None = None) -> Source:
    """The Source for team files. ``as_of`` (the application date) is recorded as the records' release:
    the date the team declared these facts."""
    return Source(dataset=DATASET, parse=TeamReader(index, as_of), mapper=map_team_record, default_paths=())
