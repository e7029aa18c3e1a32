"""The bulk path for large registry loads: ROR records projected straight to property-graph rows (no RDF graph,
no SHACL run) and loaded with the engine's bulk import (:mod:`graph.ladybug_bulk`: ``COPY FROM`` Parquet on a
fresh embedded database, batched upserts otherwise).

It yields the same graph as the validated path (:func:`ingest.pipeline.run_ingest`) — tests/scale checks the
content checksum on the committed ROR sample — because:

* rows are built by the same record reading (the ROR module's own helpers) and the same rules as
  :func:`graph.projection.project`: values de-duplicated like RDF literals, ordered English/untagged first, the
  first value of a single-valued property, local names for kinds, deterministic edge IRIs, the asserting
  record's provenance on every edge, last occurrence wins;
* the SHACL check is replaced by an equivalent one in Python for what a ROR record can violate. The literal
  constraints of the shapes that target organisations (``sh:pattern``, ``sh:in``, ``sh:minLength``/
  ``sh:maxLength``, ``sh:minInclusive``/``sh:maxInclusive``, ``sh:minCount``/``sh:maxCount``, with their
  messages) are **read from the shapes file**, so they cannot drift; ``sh:class`` on kinds is a look-up in the
  organisation-kind scheme; the SPARQL rule "not its own parent/child/…" drops the offending relation only,
  like the validated path. What the mapping always satisfies (provenance present, relation targets typed as
  organisations and IRIs, ``established`` an integer) is not re-checked.

Records failing a check are quarantined with the same reasons; counts reconcile the same way.
"""

from __future__ import annotations

import logging
import re
import tempfile
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF, URIRef
from rdflib.namespace import SKOS
from tqdm import tqdm

from graph.base import GraphStore
from graph.ladybug_bulk import BulkLoad, BulkTable, bulk_load, node_columns, rel_columns
from graph.projection import edge_iri, project
from graph.schema import GraphSchema, graph_schema
from ingest.pipeline import RunReport, file_sha256
from ingest.quarantine import QuarantineWriter
from ingest.source import Bad, Raw, Source, year
from ingest.sources import ror
from ingest.validate import RECORD_LEVEL, SH, SHAPES
from ontology import KIND, RSKG, load_ontology, load_shapes
from rskg.errors import InputError, SourceError

log = logging.getLogger(__name__)
LABEL = "Organisation"
_LANG_TAG = re.compile(r"^[a-zA-Z]+(?:-[a-zA-Z0-9]+)*$")  # rdflib's check: other tags fail the mapping
_SELF_MESSAGE = (
    "an organisation cannot be its own parent, child, successor, predecessor, related or supervising organisation"
)


# ------------------------------------------------------------------ the checks, read from the shapes
@dataclass(frozen=True)
class Rule:
    """The literal constraints of one property shape (only those present are checked)."""

    path: str
    message: str
    pattern: re.Pattern[str] | None = None
    allowed: frozenset[str] | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    min_count: int | None = None
    max_count: int | None = None
    concepts: frozenset[str] | None = None  # sh:class on an IRI value: members of the class

    def reason(self, value: object | None) -> str:
        local = self.path.rsplit("#", 1)[-1]
        return f"{self.message} [{local}: {value}]" if value not in (None, "") else self.message

    def check(self, values: Sequence[Any]) -> list[str]:
        reasons = []
        if (self.min_count is not None and len(values) < self.min_count) or (
            self.max_count is not None and len(values) > self.max_count
        ):
            reasons.append(self.reason(None))
        for value in values:
            text = str(value)
            if (
                (self.pattern is not None and not self.pattern.search(text))
                or (self.allowed is not None and text not in self.allowed)
                or (self.min_length is not None and len(text) < self.min_length)
                or (self.max_length is not None and len(text) > self.max_length)
                or (self.min_value is not None and int(value) < self.min_value)
                or (self.max_value is not None and int(value) > self.max_value)
                or (self.concepts is not None and text not in self.concepts)
            ):
                reasons.append(self.reason(value))
        return reasons


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """Property-shape rules of the node shapes that target described organisations."""
    shapes = load_shapes()
    onto = load_ontology()
    target = SHAPES.DescribedOrganisation
    out = []
    for node_shape in shapes.subjects(SH.targetClass, target):
        for prop in shapes.objects(node_shape, SH.property):
            path = shapes.value(prop, SH.path)
            if not isinstance(path, URIRef) or path in graph_schema().edge_props or path == RSKG.sourceRecord:
                continue  # relations and provenance: always well-formed from the mapping (see the docstring)

            def num(pred: URIRef, prop: Any = prop) -> int | None:
                value = shapes.value(prop, pred)
                return int(value) if value is not None else None

            pattern = shapes.value(prop, SH.pattern)
            members = shapes.value(prop, SH["in"])
            cls = shapes.value(prop, SH["class"])
            concepts = None
            if isinstance(cls, URIRef):
                concepts = frozenset(str(c) for c in onto.subjects(RDF.type, cls)) | frozenset(
                    str(c) for c in onto.subjects(SKOS.inScheme, cls)
                )
            out.append(
                Rule(
                    path=str(path),
                    message=str(shapes.value(prop, SH.message) or "constraint violated"),
                    pattern=re.compile(str(pattern)) if pattern is not None else None,
                    allowed=frozenset(str(v) for v in shapes.items(members)) if members is not None else None,
                    min_length=num(SH.minLength),
                    max_length=num(SH.maxLength),
                    min_value=num(SH.minInclusive),
                    max_value=num(SH.maxInclusive),
                    min_count=num(SH.minCount),
                    max_count=num(SH.maxCount),
                    concepts=concepts,
                )
            )
    return tuple(out)


# ------------------------------------------------------------------ one record → rows
@dataclass
class Projected:
    row: dict[str, Any]
    refs: list[str]
    edges: list[tuple[str, dict[str, Any]]]  # (relationship type, row)
    relations: int
    relation_rejections: list[tuple[str, str]] = field(default_factory=list)  # (relation, target)
    value_rejections: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (property, value, reasons)


class _Values:
    """Literal values per predicate, de-duplicated like RDF literals (language compared without case)."""

    def __init__(self) -> None:
        self.by_pred: dict[str, dict[tuple[str, Any, str | None], tuple[Any, str | None]]] = {}

    def add(self, pred: str, value: Any, lang: str | None = None) -> None:
        if lang is not None and not _LANG_TAG.match(lang):
            raise ValueError(f"invalid language tag {lang!r}")
        key = (type(value).__name__, value, lang.lower() if lang else None)
        self.by_pred.setdefault(pred, {}).setdefault(key, (value, lang))

    def get(self, pred: str) -> list[tuple[Any, str | None]]:
        found = self.by_pred.get(pred)
        return list(found.values()) if found else []


def _sort_key(item: tuple[Any, str | None]) -> tuple[int, str, str]:
    value, lang = item
    return (0 if lang in (None, "en") else 1, lang or "", str(value))


@lru_cache(maxsize=1)
def _props() -> list[tuple[str, tuple[str, ...], bool, bool]]:
    """(column, predicates, many, langs) for every Organisation column the mapping can set (several predicates
    may share a column, as in the projection)."""
    schema = graph_schema()
    columns = schema.nodes[LABEL].props
    preds: dict[str, list[str]] = {}
    for pred, spec in [*schema.data_props.items(), *schema.value_props.items()]:
        if spec.name in columns:
            preds.setdefault(spec.name, []).append(str(pred))
    return [(name, tuple(found), columns[name].many, columns[name].langs) for name, found in preds.items()]


def _row(iri: str, values: _Values, raw: Raw) -> dict[str, Any]:
    row: dict[str, Any] = {"iri": iri}
    by_pred = values.by_pred
    for name, preds, many, langs in _props():
        found = [by_pred[pred] for pred in preds if pred in by_pred]
        items = [item for group in found for item in group.values()]
        if len(items) > 1:
            items.sort(key=_sort_key)
        if many:
            row[name] = [v for v, _ in items]
            if langs:
                row[f"{name}_langs"] = [lang or "" for _, lang in items]
        else:
            row[name] = items[0][0] if items else None
            if langs:
                row[f"{name}_lang"] = (items[0][1] or "") if items else None
    row.update(source=ror.DATASET.key, record=raw.record_id, release=raw.release)
    return row


_PREFERRED, _COUNTRY, _CITY, _STATUS = (str(RSKG[n]) for n in ("preferredName", "country", "city", "status"))
_ESTABLISHED, _KIND, _IDENTIFIER, _WEBSITE = (str(RSKG[n]) for n in ("established", "kind", "identifier", "website"))
_NAME_PROPS = {k: str(v) for k, v in ror.NAME_PROPS.items()}
_ID_PROPS = {k: str(v) for k, v in ror.ID_PROPS.items()}
_RELATIONS = {k: str(v) for k, v in ror.RELATIONS.items()}
_KIND_NS = str(KIND)


_EDGE_MAPS: dict[int, dict[str, tuple[str, bool]]] = {}


def _edge_map(schema_id: int, schema: GraphSchema) -> dict[str, tuple[str, bool]]:
    """Relation predicate (as a string) → (relationship type, inverted), once per schema object."""
    found = _EDGE_MAPS.get(schema_id)
    if found is None:
        found = _EDGE_MAPS[schema_id] = {str(pred): value for pred, value in schema.edge_props.items()}
    return found


@dataclass
class Rejected:
    reasons: list[str]
    relations: int


def project_ror(raw: Raw, schema: GraphSchema) -> Projected | Rejected:
    """A ROR record → its node row, references, edges; or the reasons to quarantine it whole."""
    record: dict[str, Any] = raw.data  # type: ignore[assignment]
    org = str(record["id"])
    values = _Values()
    for kind, value, lang in ror._names(record):
        values.add(_PREFERRED if kind == "ror_display" else _NAME_PROPS[kind], value, lang or None)
    countries, cities = ror._countries_cities(record)
    for code in countries:
        values.add(_COUNTRY, code)
    for city in cities:
        values.add(_CITY, city)
    if record.get("status"):
        values.add(_STATUS, str(record["status"]).lower())
    established = year(record.get("established"))
    if established is not None:
        values.add(_ESTABLISHED, int(established))
    kinds = [_KIND_NS + str(k).lower() for k in record.get("types") or []]
    for kind_iri in kinds:
        values.add(_KIND, kind_iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    for kind, value in ror._external_ids(record):
        prop = _ID_PROPS.get(kind)
        values.add(prop if prop is not None else _IDENTIFIER, value if prop is not None else f"{kind}:{value}")
    for url in ror._websites(record):
        values.add(_WEBSITE, url)

    reasons: list[str] = []
    dropped: list[tuple[str, str, list[str]]] = []
    for rule in rules():
        if rule.path == _KIND:
            found = list(dict.fromkeys(kinds))
        elif rule.path in values.by_pred:
            found = [v for v, _ in values.by_pred[rule.path].values()]
        elif rule.min_count:
            found = []
        else:
            continue
        if rule.path == _KIND or URIRef(rule.path) in RECORD_LEVEL:
            reasons += rule.check(found)
            continue
        reasons += [r for r in rule.check(found) if "[" not in r]  # counts (no value) judge the whole record
        for value in found:  # as the validated path: a bad optional value goes alone, the record stays
            bad = [r for r in rule.check([value]) if "[" in r]
            if bad:
                table = values.by_pred[rule.path]
                for key in [k for k, (v, _) in table.items() if v == value]:
                    del table[key]
                dropped.append((rule.path.rsplit("#", 1)[-1], str(value), bad))
    relations = sum(1 for r in record.get("relationships") or [] if _is_relation(r))
    if reasons:
        return Rejected(sorted(set(reasons)), relations)

    seen: set[tuple[str, str]] = set()
    refs: list[str] = []
    edges: list[tuple[str, dict[str, Any]]] = []
    rejected: list[tuple[str, str]] = []
    for relation in record.get("relationships") or []:
        prop = _RELATIONS.get(str(relation.get("type", "")).lower())
        target = relation.get("id")
        if prop is None or not target:
            continue
        target = str(target)
        if (prop, target) in seen:
            continue
        seen.add((prop, target))
        if target == org:
            rejected.append((prop.rsplit("#", 1)[-1], target))
            continue
        refs.append(target)
        rtype, inverted = _edge_map(id(schema), schema)[prop]
        start, end = (target, org) if inverted else (org, target)
        edges.append(
            (
                rtype,
                {
                    "iri": edge_iri(start, rtype, end),
                    "from": start,
                    "to": end,
                    "source": ror.DATASET.key,
                    "record": raw.record_id,
                    "release": raw.release,
                },
            )
        )
    return Projected(_row(org, values, raw), refs, edges, relations, rejected, dropped)


# ------------------------------------------------------------------ the run
def run_bulk(
    source: Source,
    paths: Sequence[Path],
    store: GraphStore,
    quarantine_dir: Path,
    *,
    workdir: Path | None = None,
    progress: bool = True,
) -> RunReport:
    """Bulk-load ROR file(s) into ``store`` (a fresh database for ``COPY``); same report as the validated path."""
    if source.dataset.key != ror.DATASET.key:
        raise InputError(f"the bulk path reads ROR records only, not {source.dataset.key!r}")
    for path in paths:
        if not path.is_file():
            raise SourceError(f"no such file: {path}")
    schema = store.schema
    report = RunReport(
        id=uuid.uuid4().hex,
        source=source.dataset.key,
        files=[str(p) for p in paths],
        sha256={p.name: file_sha256(p) for p in paths},
        started=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    clock = time.perf_counter()
    quarantine = QuarantineWriter(quarantine_dir, source.dataset.key, report.id)
    nodes = BulkTable([c for c, _ in node_columns(store, LABEL)])
    rels: dict[str, BulkTable] = {}
    refs: set[str] = set()
    bar = tqdm(desc=f"bulk {source.dataset.key}", unit="rec", disable=not progress, mininterval=0.5)
    for item in source.parse(paths):
        report.records_read += 1
        bar.update(1)
        _consume(item, schema, report, quarantine, nodes, rels, refs, store)
    bar.close()
    for iri in refs:
        if iri not in nodes:
            nodes.put({"iri": iri})
    load = BulkLoad({LABEL: nodes}, {(rtype, LABEL, LABEL): table for rtype, table in rels.items()})
    project_seconds = time.perf_counter() - clock
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        bulk_load(store, load, Path(tmp))
    store.load(project(source.dataset.to_rdf(report.release)))
    report.quarantine_file = str(quarantine.close()) if quarantine.count else None
    report.finished = datetime.now(UTC).isoformat(timespec="seconds")
    report.seconds = round(time.perf_counter() - clock, 2)
    store.record_run({**report.as_row(), "path": "bulk"})
    log.info("bulk %s: read=%d loaded=%d quarantined=%d; rows in %.1fs, load %s", report.source,
             report.records_read, report.records_loaded, report.records_quarantined, project_seconds, load.seconds)
    return report


def _consume(
    item: Raw | Bad,
    schema: GraphSchema,
    report: RunReport,
    quarantine: QuarantineWriter,
    nodes: BulkTable,
    rels: dict[str, BulkTable],
    refs: set[str],
    store: GraphStore,
) -> None:
    if isinstance(item, Bad):
        report.records_quarantined += 1
        quarantine.write(item.locator, "record", [item.reason], item.raw)
        return
    if item.release and (report.release is None or item.release > report.release):
        report.release = item.release
    try:
        result = project_ror(item, schema)
    except (ValueError, KeyError, TypeError) as exc:
        result = Rejected([f"cannot map record: {exc}"], 0)  # as the validated path: unmapped, no relations
    if isinstance(result, Rejected):
        report.records_quarantined += 1
        report.relations_read += result.relations
        report.relations_quarantined += result.relations
        quarantine.write(item.record_id, "record", result.reasons, item.data)
        _tally(report, result.reasons)
        return
    report.records_loaded += 1
    report.relations_read += result.relations
    report.relations_quarantined += len(result.relation_rejections)
    report.relations_loaded += result.relations - len(result.relation_rejections)
    for relation, target in result.relation_rejections:
        reasons = [f"{_SELF_MESSAGE} [{relation}: {target}]"]
        quarantine.write(item.record_id, "relation", reasons, item.data, {"relation": relation, "target": target})
        _tally(report, reasons)
    for prop, value, reasons in result.value_rejections:
        quarantine.write(item.record_id, "value", reasons, item.data, {"property": prop, "value": value})
        _tally(report, reasons)
    nodes.put(result.row)
    refs.update(result.refs)
    for rtype, row in result.edges:
        table = rels.get(rtype)
        if table is None:
            table = rels[rtype] = BulkTable([c for c, _ in rel_columns(store, rtype)])
        table.put(row)


def _is_relation(relation: Any) -> bool:
    return (
        isinstance(relation, dict)
        and str(relation.get("type", "")).lower() in ror.RELATIONS
        and bool(relation.get("id"))
    )


def _tally(report: RunReport, reasons: Iterable[str]) -> None:
    for reason in reasons:
        key = reason.split(" [", 1)[0]
        report.reasons[key] = report.reasons.get(key, 0) + 1

