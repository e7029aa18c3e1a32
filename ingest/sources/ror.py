"""ROR, the Research Organization Registry (CC0): schema v2 and v1 records, as JSON lines (optionally
gzipped) or as the official Zenodo dump (a zip holding one JSON array), mapped to the same model.

Traps handled: names with several types (``label`` + ``ror_display``), names without a language (kept without
a tag), v1 Capitalised types, dangling relationship targets (kept as references), ISNIs with spaces, the
added ``_ror_records_release`` key (the release folder: the record's provenance date).
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import ijson
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ingest.source import Bad, DatasetMeta, Raw, Source, provenance_triples, year
from ingest.validate import Mapped
from ontology import KIND, RSKG
from rskg.errors import SourceError

DATASET = DatasetMeta(
    key="ror",
    title="ROR: Research Organization Registry",
    publisher="Research Organization Registry (ROR), https://ror.org",
    url="https://zenodo.org/communities/ror-data",
    licence="CC0-1.0",
)
RELATIONS = {
    "parent": RSKG.subOrganisationOf,
    "child": RSKG.hasSubOrganisation,
    "related": RSKG.relatedTo,
    "successor": RSKG.successor,
    "predecessor": RSKG.predecessor,
}
NAME_PROPS = {"alias": RSKG.alternativeName, "acronym": RSKG.acronym, "label": RSKG.officialLabel}
ID_PROPS = {"wikidata": RSKG.wikidata, "isni": RSKG.isni, "fundref": RSKG.fundref, "grid": RSKG.grid}
# The terms the mapper uses, made once: an attribute of an rdflib namespace builds a new term on every access.
_TYPE, _ORGANISATION, _PREFERRED = RDF.type, RSKG.Organisation, RSKG.preferredName
_COUNTRY, _CITY, _STATUS, _ESTABLISHED = RSKG.country, RSKG.city, RSKG.status, RSKG.established
_KIND, _IDENTIFIER, _WEBSITE = RSKG.kind, RSKG.identifier, RSKG.website


# ------------------------------------------------------------------ reading
def _check(path: Path) -> None:
    """Refuse a damaged file before anything is loaded, so a failed ingest leaves the graph as it was."""
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as handle:
                content = False
                while chunk := handle.read(1 << 22):
                    content = content or bool(chunk.strip())
            if not content:
                raise SourceError(f"{path.name} is empty; nothing was loaded")
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                bad = archive.testzip()
                if bad is not None:
                    raise SourceError(f"{path.name}: member {bad} of the zip is damaged")
        else:
            with path.open("rb") as handle:
                while (chunk := handle.read(1 << 16)) and not chunk.strip():
                    pass
            if not chunk:  # an empty file would load nothing, yet overwrite the dataset's release
                raise SourceError(f"{path.name} is empty; nothing was loaded")
    except (OSError, EOFError, zipfile.BadZipFile) as exc:
        raise SourceError(f"{path.name} is damaged or truncated ({exc}); nothing was loaded") from exc


def _release(record: dict[str, Any]) -> str | None:
    value = record.get("_ror_records_release")
    if value:
        return str(value)
    admin = record.get("admin") or {}
    modified = (admin.get("last_modified") or {}).get("date")
    return str(modified) if modified else None


def _from_record(record: object, locator: str) -> Raw | Bad:
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        return Bad(locator, "not a ROR record (no id)", json.dumps(record, default=str)[:2000])
    ror_id = record["id"]
    if not ror_id.startswith("https://ror.org/"):
        return Bad(locator, f"id {ror_id!r} is not a ROR id", json.dumps(record, default=str)[:2000])
    return Raw(ror_id.rsplit("/", 1)[-1], locator, record, _release(record))


def _lines(path: Path) -> Iterator[Raw | Bad]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            locator = f"line {number}"
            try:
                record = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield Bad(locator, f"not UTF-8 [{exc.reason} at byte {exc.start}]", line.decode("utf-8", "replace"))
                continue
            except json.JSONDecodeError as exc:
                yield Bad(
                    locator,
                    f"invalid JSON, truncated or damaged line [{exc.msg} at column {exc.colno}]",
                    line.decode("utf-8", "replace"),
                )
                continue
            yield _from_record(record, locator)


def _array(handle: io.BufferedIOBase | Any, name: str) -> Iterator[Raw | Bad]:
    try:
        for number, record in enumerate(ijson.items(handle, "item", use_float=True), start=1):
            yield _from_record(record, f"item {number}")
    except (ijson.JSONError, UnicodeDecodeError) as exc:
        raise SourceError(f"{name}: not a JSON array of ROR records ({exc})") from exc


def parse(paths: Sequence[Path]) -> Iterator[Raw | Bad]:
    """Yield every record of ROR files: ``.jsonl``/``.jsonl.gz``, a ``.json`` array or the Zenodo ``.zip``."""
    for path in paths:
        _check(path)
    for path in paths:
        yield from _parse_one(path)


def _parse_one(path: Path) -> Iterator[Raw | Bad]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".json")]
            preferred = [m for m in members if "schema_v2" in m] or members
            if not preferred:
                raise SourceError(f"{path.name}: the zip holds no .json file")
            with archive.open(preferred[0]) as handle:
                yield from _array(handle, f"{path.name}:{preferred[0]}")
    elif path.name.endswith((".jsonl", ".jsonl.gz")):
        yield from _lines(path)
    elif path.suffix == ".json":
        with path.open("rb") as handle:
            yield from _array(handle, path.name)
    else:
        raise SourceError(f"{path.name}: expected .jsonl, .jsonl.gz, .json or .zip")


# ------------------------------------------------------------------ mapping
def _names(record: dict[str, Any]) -> Iterator[tuple[str, str, str | None]]:
    """(type, value, lang) for v2 and v1 records alike."""
    if "names" in record:
        for name in record.get("names") or []:
            value, lang = str(name.get("value") or "").strip(), name.get("lang")
            types = name.get("types") or []
            if not value:
                continue
            if "ror_display" in types:
                yield "ror_display", value, lang
            for kind in types:
                if kind in NAME_PROPS and not ("ror_display" in types and kind == "label"):
                    yield kind, value, lang
        return
    if record.get("name"):
        yield "ror_display", str(record["name"]).strip(), None
    for alias in record.get("aliases") or []:
        yield "alias", str(alias), None
    for acronym in record.get("acronyms") or []:
        yield "acronym", str(acronym), None
    for label in record.get("labels") or []:
        yield "label", str(label.get("label") or ""), label.get("iso639")


def _countries_cities(record: dict[str, Any]) -> tuple[set[str], set[str]]:
    countries: set[str] = set()
    cities: set[str] = set()
    for location in record.get("locations") or []:
        details = location.get("geonames_details") or {}
        if details.get("country_code") is not None:
            countries.add(str(details["country_code"]))
        if details.get("name"):
            cities.add(str(details["name"]))
    if "country" in record and isinstance(record["country"], dict):
        code = record["country"].get("country_code")
        if code is not None:
            countries.add(str(code))
    for address in record.get("addresses") or []:
        if address.get("city"):
            cities.add(str(address["city"]))
    return countries, cities


def _external_ids(record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    ids = record.get("external_ids") or []
    items = ids.items() if isinstance(ids, dict) else ((e.get("type"), e) for e in ids)
    for kind, entry in items:
        kind = str(kind).lower()
        values = entry.get("all") if isinstance(entry, dict) else None
        if isinstance(values, str):
            values = [values]
        for value in values or []:
            if value:
                yield kind, str(value).replace(" ", "")


def _websites(record: dict[str, Any]) -> Iterator[str]:
    for link in record.get("links") or []:
        if isinstance(link, str) and link:
            yield link
        elif isinstance(link, dict) and link.get("type") == "website" and link.get("value"):
            yield str(link["value"])


@lru_cache(maxsize=8192)
def _plain(value: str) -> Literal:
    """A plain literal for a value many records share (a country code, a city, a status): made once."""
    return Literal(value)


@lru_cache(maxsize=256)
def _kind(name: str) -> URIRef:
    return KIND[name]


def map_record(raw: Raw) -> Mapped:
    """One ROR record → RDF (organisation, names, identifiers, relations, provenance), as a list of triples."""
    record: dict[str, Any] = raw.data  # type: ignore[assignment]
    org = URIRef(record["id"])
    triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = [(org, _TYPE, _ORGANISATION)]
    add = triples.append
    for kind, value, lang in _names(record):
        literal = Literal(value, lang=lang or None)
        add((org, _PREFERRED if kind == "ror_display" else NAME_PROPS[kind], literal))
    countries, cities = _countries_cities(record)
    for code in countries:
        add((org, _COUNTRY, _plain(code)))
    for city in cities:
        add((org, _CITY, _plain(city)))
    if record.get("status"):
        add((org, _STATUS, _plain(str(record["status"]).lower())))
    established = year(record.get("established"))
    if established is not None:
        add((org, _ESTABLISHED, established))
    for kind in record.get("types") or []:
        add((org, _KIND, _kind(str(kind).lower())))
    for kind, value in _external_ids(record):
        prop = ID_PROPS.get(kind)
        if prop is None:
            add((org, _IDENTIFIER, Literal(f"{kind}:{value}")))
        else:
            add((org, prop, Literal(value)))
    for url in _websites(record):
        add((org, _WEBSITE, Literal(url)))
    relations = 0
    for relation in record.get("relationships") or []:
        prop = RELATIONS.get(str(relation.get("type", "")).lower())
        target = relation.get("id")
        if prop is None or not target:
            continue
        add((org, prop, URIRef(str(target))))
        add((URIRef(str(target)), _TYPE, _ORGANISATION))
        relations += 1
    triples.extend(provenance_triples(org, DATASET, raw.record_id, raw.release))
    return Mapped(raw.record_id, str(org), triples, record, relations)


SOURCE = Source(dataset=DATASET, parse=parse, mapper=map_record, default_paths=("ror/ror_records_latest_v2.jsonl.gz",))
