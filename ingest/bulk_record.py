"""The exact, per-record projection of the bulk path: one ROR record (as parsed JSON) → its node row, edges and
references, or the reasons to quarantine it — by the rules of :func:`graph.projection.project` and the shapes'
literal constraints (see :mod:`ingest.bulk`). The columnar path (:mod:`ingest.bulk_columnar`) handles ordinary
records in bulk and hands every record it cannot vouch for to :func:`project_ror`, so this is the reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rdflib import RDF, URIRef
from rdflib.namespace import SKOS

from graph.projection import edge_iri
from graph.schema import GraphSchema, graph_schema
from ingest.pipeline import RunReport
from ingest.source import Raw, year
from ingest.sources import ror
from ingest.validate import RECORD_LEVEL, SH, SHAPES
from ontology import KIND, RSKG, load_ontology, load_shapes

LABEL = "Organisation"
_LANG_TAG = re.compile(r"^[a-zA-Z]+(?:-[a-zA-Z0-9]+)*$")  # rdflib's check: other tags fail the mapping
SELF_MESSAGE = (
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
def props() -> list[tuple[str, tuple[str, ...], bool, bool]]:
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
    for name, preds, many, langs in props():
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


PREFERRED, COUNTRY, CITY, STATUS = (str(RSKG[n]) for n in ("preferredName", "country", "city", "status"))
ESTABLISHED, KIND_PRED, IDENTIFIER, WEBSITE = (str(RSKG[n]) for n in ("established", "kind", "identifier", "website"))
NAME_PROPS = {k: str(v) for k, v in ror.NAME_PROPS.items()}
ID_PROPS = {k: str(v) for k, v in ror.ID_PROPS.items()}
RELATIONS = {k: str(v) for k, v in ror.RELATIONS.items()}
KIND_NS = str(KIND)


_EDGE_MAPS: dict[int, dict[str, tuple[str, bool]]] = {}


def edge_map(schema_id: int, schema: GraphSchema) -> dict[str, tuple[str, bool]]:
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
        values.add(PREFERRED if kind == "ror_display" else NAME_PROPS[kind], value, lang or None)
    countries, cities = ror._countries_cities(record)
    for code in countries:
        values.add(COUNTRY, code)
    for city in cities:
        values.add(CITY, city)
    if record.get("status"):
        values.add(STATUS, str(record["status"]).lower())
    established = year(record.get("established"))
    if established is not None:
        values.add(ESTABLISHED, int(established))
    kinds = [KIND_NS + str(k).lower() for k in record.get("types") or []]
    for kind_iri in kinds:
        values.add(KIND_PRED, kind_iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    for kind, value in ror._external_ids(record):
        prop = ID_PROPS.get(kind)
        values.add(prop if prop is not None else IDENTIFIER, value if prop is not None else f"{kind}:{value}")
    for url in ror._websites(record):
        values.add(WEBSITE, url)

    reasons: list[str] = []
    dropped: list[tuple[str, str, list[str]]] = []
    for rule in rules():
        if rule.path == KIND_PRED:
            found = list(dict.fromkeys(kinds))
        elif rule.path in values.by_pred:
            found = [v for v, _ in values.by_pred[rule.path].values()]
        elif rule.min_count:
            found = []
        else:
            continue
        if rule.path == KIND_PRED or URIRef(rule.path) in RECORD_LEVEL:
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
    relations = sum(1 for r in record.get("relationships") or [] if is_relation(r))
    if reasons:
        return Rejected(sorted(set(reasons)), relations)

    seen: set[tuple[str, str]] = set()
    refs: list[str] = []
    edges: list[tuple[str, dict[str, Any]]] = []
    rejected: list[tuple[str, str]] = []
    for relation in record.get("relationships") or []:
        prop = RELATIONS.get(str(relation.get("type", "")).lower())
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
        rtype, inverted = edge_map(id(schema), schema)[prop]
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



def is_relation(relation: Any) -> bool:
    return (
        isinstance(relation, dict)
        and str(relation.get("type", "")).lower() in ror.RELATIONS
        and bool(relation.get("id"))
    )


def tally(report: RunReport, reasons: Iterable[str]) -> None:
    for reason in reasons:
        key = reason.split(" [", 1)[0]
        report.reasons[key] = report.reasons.get(key, 0) + 1

