"""OpenAlex author and work records (CC0, https://openalex.org) → persons, affiliations, co-authorship and
funding. ``rskg ingest openalex FILE...``.

Files may hold one JSON object, a JSON array, JSON lines, or an API page ``{"results": [...]}``. Records
other than authors (``https://openalex.org/A…``) and works (``…/W…``) are quarantined with the reason.

Authors (``A….json``) → a Person (IRI = the OpenAlex id URL; name, alternative names, ORCID) and one
Affiliation per ``affiliations[]`` entry. **Dating rule**: start = the earliest of the entry's ``years``;
end = the latest, unless that latest year is the record's latest activity (the latest year of any of its
affiliations) or the institution is among ``last_known_institutions``: then the affiliation counts as
current and has no end. OpenAlex only sees years in which the author published with that affiliation,
so an end is "last seen in", never an exact date; a current one may have ended since.

Works (``W….json``) → each author with an OpenAlex id as a Person (name, ORCID); for each author a
Coauthorship with each institution of every *other* authorship (start = end = the publication year;
``works`` holds the work's IRI); and when the work names funders (``grants[].funder`` or ``funders[]``) a
Funding of kind ``money`` from each funder to each author, dated start = end = the publication year (the
year the support was acknowledged, not a grant period).

Organisations: the ROR IRI when OpenAlex gives one, referenced only (the ROR source describes it);
otherwise the OpenAlex IRI (``https://openalex.org/I…`` or ``…/F…``) as an organisation of its own with its
display name and country. Within one run, work records are mapped before author records, so an author
record's fuller description of a person (alternative names) is what stays in the graph.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from ingest.people.rdf import add_affiliation, add_coauthorship, add_funding, add_person, fact_key, reference
from ingest.source import Bad, DatasetMeta, Raw, Source, provenance
from ingest.validate import Mapped
from ontology import KIND, RSKG, entity_iri
from rskg.errors import SourceError

DATASET = DatasetMeta(
    key="openalex",
    title="OpenAlex: authors and works",
    publisher="OpenAlex (OurResearch), https://openalex.org",
    url="https://docs.openalex.org/download-all-data/openalex-snapshot",
    licence="CC0-1.0",
)
OPENALEX = "https://openalex.org/"
_ID = re.compile(r"^https://openalex\.org/([AWIF])(\d+)$", re.IGNORECASE)
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


# ------------------------------------------------------------------ reading
def _records(path: Path) -> Iterator[tuple[str, object]]:
    """(locator, record) for each record of a file, whatever its layout."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path.name}: not UTF-8 ({exc.reason} at byte {exc.start}); "
                          "nothing was loaded") from exc
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
        lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
        if not lines or not lines[0][1].lstrip().startswith("{"):
            raise SourceError(f"{path.name}: neither JSON nor JSON lines; nothing was loaded") from None
        for number, line in lines:
            try:
                yield f"{path.name}: line {number}", json.loads(line)
            except json.JSONDecodeError as exc:
                reason = f"invalid JSON, truncated or damaged line ({exc.msg})"
                yield f"{path.name}: line {number}", _Damaged(reason, line)
        return
    if isinstance(whole, dict) and isinstance(whole.get("results"), list):
        items: list[object] = whole["results"]
    elif isinstance(whole, list):
        items = whole
    else:
        yield path.name, whole
        return
    for number, item in enumerate(items, start=1):
        yield f"{path.name}: item {number}", item


class _Damaged:
    def __init__(self, reason: str, text: str) -> None:
        self.reason = reason
        self.text = text


def _kind(record: object) -> str | None:
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        return None
    found = _ID.match(record["id"])
    return found.group(1).upper() if found else None


def _raw(locator: str, record: object) -> Raw | Bad:
    if isinstance(record, _Damaged):
        return Bad(locator, record.reason, record.text[:2000])
    kind = _kind(record)
    if kind not in ("A", "W"):
        what = record.get("id") if isinstance(record, dict) else type(record).__name__
        return Bad(locator, f"not an OpenAlex author or work record (id {what!r}); only A… and W… records "
                   "are read", json.dumps(record, default=str, ensure_ascii=False)[:2000])
    assert isinstance(record, dict)
    updated = str(record.get("updated_date") or "")[:10] or None
    return Raw(str(record["id"]).rsplit("/", 1)[-1], locator, record, updated)


def parse(paths: Sequence[Path]) -> Iterator[Raw | Bad]:
    """Every author and work record of the files: works first, then authors (see the module docstring)."""
    for path in paths:
        for _ in _records(path):  # refuse an unreadable file before anything is loaded
            pass
    for authors_pass in (False, True):
        for path in paths:
            for locator, record in _records(path):
                if (_kind(record) == "A") == authors_pass:
                    yield _raw(locator, record)


# ------------------------------------------------------------------ mapping helpers
def _orcid(value: object) -> str | None:
    """The bare ORCID of ``https://orcid.org/0000-…``; anything else is passed on as given, for the shapes
    to reject with a reason."""
    text = str(value or "").strip()
    found = _ORCID.search(text)
    return found.group(1) if found else (text or None)


def _organisation(graph: Graph, inst: dict[str, Any], record_id: str, release: str | None,
                  kind: str | None = None) -> URIRef | None:
    """The organisation an OpenAlex institution or funder stands for: its ROR IRI (a reference) when given,
    else its OpenAlex IRI, described with its display name (and country, kind)."""
    ror = inst.get("ror") or (inst.get("ids") or {}).get("ror")
    if ror:
        return reference(graph, str(ror) if str(ror).startswith("https://") else f"https://ror.org/{ror}")
    iri = inst.get("id")
    if not iri:
        return None
    node = URIRef(str(iri))
    graph.add((node, RDF.type, RSKG.Organisation))
    name = inst.get("display_name") or inst.get("funder_display_name")
    if name:
        graph.add((node, RSKG.preferredName, Literal(str(name))))
    country = str(inst.get("country_code") or "").upper()
    if _COUNTRY.match(country):
        graph.add((node, RSKG.country, Literal(country)))
    graph.add((node, RSKG.identifier, Literal(f"openalex:{str(iri).rsplit('/', 1)[-1]}")))
    if kind:
        graph.add((node, RSKG.kind, KIND[kind]))
    provenance(graph, node, DATASET, record_id, release)
    return node


def affiliation_dates(years: list[int], latest_activity: int | None,
                      last_known: bool) -> tuple[str, str | None]:
    """(start, end) of an author's affiliation from the years OpenAlex saw it (see the module docstring)."""
    first, last = min(years), max(years)
    current = last_known or (latest_activity is not None and last >= latest_activity)
    return str(first), None if current else str(last)


# ------------------------------------------------------------------ authors
def map_author(raw: Raw) -> Mapped:
    record: dict[str, Any] = raw.data  # type: ignore[assignment]
    graph = Graph()
    iri = str(record["id"])
    name = str(record.get("display_name") or "").strip()
    alt_names = tuple(str(a) for a in record.get("display_name_alternatives") or [])
    person = add_person(graph, iri, name, alt_names=alt_names,
                        orcid=_orcid(record.get("orcid") or (record.get("ids") or {}).get("orcid")),
                        identifiers=(f"openalex:{raw.record_id}",))
    provenance(graph, person, DATASET, raw.record_id, raw.release)
    entries = [a for a in record.get("affiliations") or [] if isinstance(a, dict)]
    all_years = [int(y) for a in entries for y in a.get("years") or []]
    latest = max(all_years) if all_years else None
    last_known = {str(i.get("id")) for i in record.get("last_known_institutions") or []
                  if isinstance(i, dict)}
    relations = 0
    for entry in entries:
        inst = entry.get("institution") or {}
        years = [int(y) for y in entry.get("years") or []]
        org = _organisation(graph, inst, raw.record_id, raw.release)
        if org is None:
            raise ValueError(f"affiliation {relations + 1} names no institution id")
        if not years:
            raise ValueError(f"affiliation with {inst.get('id')} has no years")
        start, end = affiliation_dates(years, latest, str(inst.get("id")) in last_known)
        fact = entity_iri("openalex", f"{raw.record_id}/affiliation/{fact_key(str(org))}")
        add_affiliation(graph, fact, person, org, role=None, start=start, end=end, dataset=DATASET,
                        record_id=raw.record_id, release=raw.release)
        relations += 1
    return Mapped(raw.record_id, iri, graph, record, relations)


# ------------------------------------------------------------------ works
def _funders(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Funders named by a work: ``funders[]`` (newer API) and ``grants[].funder`` (older), one per id."""
    by_id: dict[str, dict[str, Any]] = {}
    for funder in record.get("funders") or []:
        if isinstance(funder, dict) and funder.get("id"):
            by_id[str(funder["id"])] = funder
    for grant in record.get("grants") or []:
        if isinstance(grant, dict) and grant.get("funder") and str(grant["funder"]) not in by_id:
            by_id[str(grant["funder"])] = {"id": grant["funder"],
                                           "display_name": grant.get("funder_display_name")}
    return list(by_id.values())


def map_work(raw: Raw) -> Mapped:
    record: dict[str, Any] = raw.data  # type: ignore[assignment]
    graph = Graph()
    work = str(record["id"])
    year = str(record.get("publication_year") or str(record.get("publication_date") or "")[:4]) or None
    if year is not None and not re.fullmatch(r"\d{4}", year):
        raise ValueError(f"publication year {year!r} is not a year")
    authorships = [a for a in record.get("authorships") or [] if isinstance(a, dict)]
    people: list[URIRef | None] = []
    orgs: list[list[URIRef]] = []
    for authorship in authorships:
        author = authorship.get("author") or {}
        person = None
        if author.get("id"):
            person = add_person(graph, str(author["id"]), str(author.get("display_name") or "").strip(),
                                orcid=_orcid(author.get("orcid")),
                                identifiers=(f"openalex:{str(author['id']).rsplit('/', 1)[-1]}",))
            provenance(graph, person, DATASET, raw.record_id, raw.release)
        people.append(person)
        found: list[URIRef] = []
        for inst in authorship.get("institutions") or []:
            org = _organisation(graph, inst, raw.record_id, raw.release)
            if org is None:
                raise ValueError(f"an institution of authorship {len(people)} has no ROR or OpenAlex id")
            found.append(org)
        orgs.append(list(dict.fromkeys(found)))
    relations = 0
    for index, person in enumerate(people):
        if person is None:
            continue
        others = dict.fromkeys(o for j, group in enumerate(orgs) if j != index for o in group)
        for org in others:
            fact = entity_iri("openalex", f"{raw.record_id}/{str(person).rsplit('/', 1)[-1]}/coauthor/"
                              f"{fact_key(str(org))}")
            add_coauthorship(graph, fact, person, org, works=(work,), start=year, end=year, dataset=DATASET,
                             record_id=raw.record_id, release=raw.release)
            relations += 1
    for funder in _funders(record):
        org = _organisation(graph, funder, raw.record_id, raw.release, kind="funder")
        assert org is not None  # _funders keeps only funders with an id
        for person in dict.fromkeys(p for p in people if p is not None):
            fact = entity_iri("openalex", f"{raw.record_id}/{str(person).rsplit('/', 1)[-1]}/funding/"
                              f"{fact_key(str(org))}")
            add_funding(graph, fact, person, org, kind="money", start=year, end=year, dataset=DATASET,
                        record_id=raw.record_id, release=raw.release)
            relations += 1
    return Mapped(raw.record_id, work, graph, record, relations)


def map_record(raw: Raw) -> Mapped:
    """An author or a work record → RDF (module level: it runs in worker processes)."""
    return map_author(raw) if raw.record_id.upper().startswith("A") else map_work(raw)


SOURCE = Source(dataset=DATASET, parse=parse, mapper=map_record,
                default_paths=("openalex_samples/A5023888391.json", "openalex_samples/W2741809807.json"))
