"""Read ROR registry dumps (JSON lines, gzip or plain; schema v2 and v1) as :class:`NameRecord` objects.

The graph feeds the index builder at the end of each ingest; this adapter reads the files directly, for
development, the evaluation bench and tests."""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from queries.resolver.models import Label, NameRecord

log = logging.getLogger(__name__)

# Relationship types that count towards how connected an organisation is (see NameRecord.links).
LINKS = frozenset({"child", "related"})


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _uniq(values: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if value and value.strip():
            seen.setdefault(value.strip(), None)
    return tuple(seen)


def _from_v2(rec: dict[str, Any]) -> NameRecord:
    display = ""
    alt: list[str] = []
    acronyms: list[str] = []
    labels: list[Label] = []
    for name in rec.get("names", []):
        types = name.get("types") or []
        value = name.get("value") or ""
        if "ror_display" in types:
            display = value
        if "acronym" in types:
            acronyms.append(value)
        if "alias" in types:
            alt.append(value)
        if "label" in types and "ror_display" not in types:
            labels.append(Label(value, name.get("lang")))
    locations = [loc.get("geonames_details") or {} for loc in rec.get("locations", [])]
    rels = rec.get("relationships", [])
    return NameRecord(
        iri=rec["id"],
        name=display or (alt[0] if alt else rec["id"]),
        alt_names=_uniq(alt),
        acronyms=_uniq(acronyms),
        labels=tuple(dict.fromkeys(labels)),
        countries=_uniq(loc.get("country_code") for loc in locations),
        kinds=_uniq(str(t).lower() for t in rec.get("types", [])),
        parents=_uniq(r.get("id") for r in rels if str(r.get("type")).lower() == "parent"),
        status=str(rec.get("status") or "active").lower(),
        cities=_uniq(loc.get("name") for loc in locations),
        successors=_uniq(r.get("id") for r in rels if str(r.get("type")).lower() == "successor"),
        links=_links(rels),
    )


def _links(rels: list[dict[str, Any]]) -> int:
    """Distinct organisations per relationship type, summed (the graph holds one edge of each type)."""
    return len({(str(r.get("type")).lower(), r.get("id")) for r in rels if str(r.get("type")).lower() in LINKS})


def _from_v1(rec: dict[str, Any]) -> NameRecord:
    rels = rec.get("relationships", [])
    addresses = rec.get("addresses") or []
    return NameRecord(
        iri=rec["id"],
        name=rec.get("name") or rec["id"],
        alt_names=_uniq(rec.get("aliases") or []),
        acronyms=_uniq(rec.get("acronyms") or []),
        labels=tuple(
            dict.fromkeys(
                Label(lb["label"], lb.get("iso639")) for lb in rec.get("labels") or [] if lb.get("label")
            )
        ),
        countries=_uniq([(rec.get("country") or {}).get("country_code")]),
        kinds=_uniq(str(t).lower() for t in rec.get("types", [])),
        parents=_uniq(r.get("id") for r in rels if str(r.get("type")).lower() == "parent"),
        status=str(rec.get("status") or "active").lower(),
        cities=_uniq(a.get("city") for a in addresses),
        successors=_uniq(r.get("id") for r in rels if str(r.get("type")).lower() == "successor"),
        links=_links(rels),
    )


def records_from_ror_jsonl(path: Path | str) -> Iterator[NameRecord]:
    """Yield one :class:`NameRecord` per line of a ROR jsonl(.gz) file; v2 and v1 schema are detected per
    record. Lines that are not JSON objects with an ``id`` are skipped and counted in the log."""
    skipped = 0
    read = 0
    with _open(Path(path)) as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                skipped += 1
                continue
            if not isinstance(rec, dict) or "id" not in rec:
                skipped += 1
                continue
            read += 1
            yield _from_v2(rec) if "names" in rec else _from_v1(rec)
    log.info("ror records read", extra={"read": read, "skipped": skipped})


def records_from_ror_files(paths: Iterable[Path | str]) -> Iterator[NameRecord]:
    """Records from several files; an IRI seen in an earlier file wins (list the newest file first)."""
    seen: set[str] = set()
    for path in paths:
        for record in records_from_ror_jsonl(path):
            if record.iri not in seen:
                seen.add(record.iri)
                yield record


def build_index_from_ror(paths: Iterable[Path | str], out_dir: Path | str) -> Path:
    """Build the resolver index from ROR jsonl(.gz) files and save it in ``out_dir``; returns the file."""
    from queries.resolver.index import ResolverIndex

    return ResolverIndex.build(records_from_ror_files(paths)).save(out_dir)
