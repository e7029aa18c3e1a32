"""The columnar half of the bulk path: a block of ROR v2 JSON lines → Arrow node and edge tables, whole columns
at a time (``pyarrow.json`` parses on all cores; ``pyarrow.compute`` builds the rows), ≈ 10× faster than one
record at a time.

It vouches only for ordinary records. Any record it cannot map with certainty to the same row as
:func:`ingest.bulk_record.project_ror` — one that breaks a shape's constraint, has a self-relation, an unusual
language tag, whitespace around a name, a null list entry, v1 fields, a non-ROR id — is returned by index and
goes through that exact per-record path (which quarantines it with its reasons, or maps it). Values are the
same as that path's because the rules are the same, applied to columns:

* names, places, kinds, identifiers and websites become one long table (record, predicate, value, language),
  sorted by (record, column, English/untagged first, language, value) — Arrow compares strings by UTF-8 bytes,
  which is code-point order, as Python does — and de-duplicated on neighbours (language tags are lower case
  here, so the RDF rule "language compared without case" is plain equality);
* the shapes' literal constraints (:func:`ingest.bulk_record.rules`) are checked on those columns: sets and
  lengths exactly, patterns with RE2 first and every value RE2 refuses confirmed by Python's ``re``;
* edges carry their record's sequence number, so the caller keeps the last occurrence of each, like the upserts.
"""

from __future__ import annotations

import string
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph.ladybug import ARROW_TYPES
from graph.schema import GraphSchema
from ingest.bulk_record import (
    CITY,
    COUNTRY,
    ESTABLISHED,
    ID_PROPS,
    IDENTIFIER,
    KIND_NS,
    KIND_PRED,
    NAME_PROPS,
    PREFERRED,
    RELATIONS,
    STATUS,
    WEBSITE,
    Rule,
    edge_map,
    props,
    rules,
)
from ingest.sources import ror

S = pa.string()
V2_SCHEMA = pa.schema(
    [
        ("id", S),
        ("_ror_records_release", S),
        ("admin", pa.struct([("last_modified", pa.struct([("date", S)]))])),
        ("established", pa.int64()),
        ("status", S),
        ("types", pa.list_(S)),
        ("names", pa.list_(pa.struct([("value", S), ("lang", S), ("types", pa.list_(S))]))),
        ("locations", pa.list_(pa.struct([("geonames_details", pa.struct([("country_code", S), ("name", S)]))]))),
        ("external_ids", pa.list_(pa.struct([("type", S), ("all", pa.list_(S))]))),
        ("links", pa.list_(pa.struct([("type", S), ("value", S)]))),
        ("relationships", pa.list_(pa.struct([("type", S), ("id", S)]))),
        # v1 fields that the mapping reads from any record: present → the record goes the exact way
        ("country", pa.struct([("country_code", S)])),
        ("addresses", pa.list_(pa.struct([("city", S)]))),
    ]
)
_PREFIX = "https://ror.org/"
_LANG = r"^[a-z]+(-[a-z0-9]+)*$"  # lower-case tags only: others go the exact way
_SAFE_PATTERN = frozenset("^$[]{}()|?*+.,-_:/ " + string.ascii_letters + string.digits)


@lru_cache(maxsize=1)
def _space_class() -> str:
    """An RE2 class of every character Python's ``str.strip`` removes (and Unicode separators besides)."""
    points = [c for c in range(0x10000) if chr(c).isspace()]  # Unicode puts no white space beyond the BMP
    return "[" + "".join(f"\\x{{{c:x}}}" for c in points) + "\\p{Z}]"


@lru_cache(maxsize=1)
def _preds() -> tuple[list[str], dict[str, int]]:
    """Every predicate the columnar path produces, and its column index in :func:`props`."""
    column_of = {pred: i for i, (_, preds, _, _) in enumerate(props()) for pred in preds}
    produced = [PREFERRED, *NAME_PROPS.values(), COUNTRY, CITY, STATUS, KIND_PRED, *ID_PROPS.values(), IDENTIFIER,
                WEBSITE]
    return produced, {pred: column_of[pred] for pred in produced}


@dataclass
class Columns:
    """What one block yields: node rows and edge rows per relationship type (both with ``_seq``), the indices of
    the records left to the exact path, and the counts of the records mapped here."""

    nodes: pa.Table
    edges: dict[str, pa.Table]
    exact: list[int]
    loaded: int = 0
    relations: int = 0
    release: str | None = None


def _np(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False))


def _flag(bad: np.ndarray, rows: np.ndarray) -> None:
    bad[rows] = True


def _truthy(values: pa.Array) -> np.ndarray:
    return _np(pc.fill_null(pc.greater(pc.utf8_length(values), 0), False)).astype(bool)


def _per_unique(values: pa.Array, fn: Callable[[Any], object]) -> pa.Array:
    """``fn`` (a Python function of one value, null included) applied to each distinct value, mapped back."""
    encoded = pc.dictionary_encode(values, null_encoding="encode")
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    mapped = pa.array([fn(v) for v in encoded.dictionary.to_pylist()])
    return pc.take(mapped, encoded.indices)


def _entries(table: pa.Table, bad: np.ndarray) -> pa.Table:
    """The long table (rec, pred, value, lang) of every literal value the mapping gives, flagging odd records."""
    produced, _ = _preds()
    code = {pred: i for i, pred in enumerate(produced)}
    parts: list[tuple[np.ndarray, np.ndarray, pa.Array, pa.Array | None]] = []

    def add(rec: np.ndarray, pred: np.ndarray | int, values: pa.Array, langs: pa.Array | None = None) -> None:
        preds = np.full(len(rec), pred, dtype=np.int8) if isinstance(pred, int) else pred.astype(np.int8)
        parts.append((rec, preds, values, langs))

    def flat(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, pa.Array]:
        parent = _np(pc.list_parent_indices(column))
        items = pc.list_flatten(column)
        items = items.combine_chunks() if isinstance(items, pa.ChunkedArray) else items
        _flag(bad, parent[_np(pc.is_null(items))])  # a null entry in a list: the exact path decides
        return parent, items

    # names: ror_display → preferredName; alias / acronym / label (not the label of the displayed name)
    parent, names = flat(table["names"])
    values, langs = names.field("value"), names.field("lang")
    langs = pc.if_else(pc.equal(langs, ""), pa.scalar(None, S), langs)
    odd = pc.or_kleene(pc.match_substring_regex(values, f"^{_space_class()}|{_space_class()}$"),
                 pc.invert(pc.match_substring_regex(langs, _LANG)))
    _flag(bad, parent[_np(pc.fill_null(odd, False)).astype(bool)])
    kind_parent, kinds = _np(pc.list_parent_indices(names.field("types"))), pc.list_flatten(names.field("types"))
    kind_code = _np(pc.fill_null(pc.index_in(kinds, pa.array(["ror_display", "alias", "acronym", "label"])), -1))
    display = np.bincount(kind_parent[kind_code == 0], minlength=len(names)) > 0
    name_preds = np.array([code[PREFERRED], code[NAME_PROPS["alias"]], code[NAME_PROPS["acronym"]],
                           code[NAME_PROPS["label"]]])
    keep = (kind_code >= 0) & ~((kind_code == 3) & display[kind_parent]) & _truthy(values)[kind_parent]
    which = kind_parent[keep]
    add(parent[which], name_preds[kind_code[keep]], values.take(which), langs.take(which))

    # places
    parent, locations = flat(table["locations"])
    details = locations.field("geonames_details")
    codes, cities = details.field("country_code"), details.field("name")
    has = _np(pc.is_valid(codes)).astype(bool)
    add(parent[has], code[COUNTRY], codes.filter(has))
    has = _truthy(cities)
    add(parent[has], code[CITY], cities.filter(has))
    _flag(bad, np.flatnonzero(_np(pc.is_valid(table["country"])) | _np(pc.is_valid(table["addresses"]))))

    # status (lower case) and kinds (local names of the kind scheme's IRIs)
    status = table["status"].combine_chunks()
    has = _truthy(status)
    add(np.flatnonzero(has), code[STATUS], _per_unique(status.filter(has), lambda v: str(v).lower()))
    parent, types = flat(table["types"])
    local = _per_unique(types, lambda v: (KIND_NS + str(v).lower()).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    kind_rules = [rule for rule in rules() if rule.path == KIND_PRED]  # checked on the IRIs, as the exact path
    refused = _per_unique(types, lambda v: any(r.check([KIND_NS + str(v).lower()]) for r in kind_rules))
    _flag(bad, parent[_np(refused).astype(bool)])
    add(parent, code[KIND_PRED], local)

    # identifiers: known kinds to their own column, others as "kind:value"
    parent, ids = flat(table["external_ids"])
    kind = _per_unique(ids.field("type"), lambda v: str(v).lower())
    all_parent, all_values = _np(pc.list_parent_indices(ids.field("all"))), pc.list_flatten(ids.field("all"))
    has = _truthy(all_values)
    all_parent, all_values = all_parent[has], pc.replace_substring(all_values.filter(has), " ", "")
    kinds_of = kind.take(all_parent)
    id_code = {k: code[v] for k, v in ID_PROPS.items()}
    pred = _np(_per_unique(kinds_of, lambda v: id_code.get(v, code[IDENTIFIER])))
    other = pred == code[IDENTIFIER]
    joined = pc.binary_join_element_wise(kinds_of, all_values, ":")
    add(parent[all_parent], pred, pc.if_else(pa.array(other), joined, all_values))

    # websites
    parent, links = flat(table["links"])
    has = _np(pc.fill_null(pc.equal(links.field("type"), "website"), False)).astype(bool) & _truthy(
        links.field("value"))
    add(parent[has], code[WEBSITE], links.field("value").filter(has))

    null_langs = [pa.nulls(len(r), S) if langs is None else langs for r, _, _, langs in parts]
    return pa.table(
        {
            "rec": pa.array(np.concatenate([p[0] for p in parts]).astype(np.int64)),
            "pred": pa.array(np.concatenate([p[1] for p in parts])),
            "value": pa.concat_arrays([p[2].cast(S) for p in parts]),
            "lang": pa.concat_arrays([lang.cast(S) for lang in null_langs]),
        }
    )


def _regex_fails(rule: Rule, values: pa.Array) -> np.ndarray:
    pattern = rule.pattern
    assert pattern is not None
    text = pattern.pattern
    escapes = text.split("\\")[1:]
    if set(text.replace("\\", "")) <= _SAFE_PATTERN and all(e[:1] and e[:1] in ".-()" for e in escapes):
        # plain ASCII patterns: what RE2 accepts Python's re accepts; what RE2 refuses is asked of re
        refused = _np(pc.invert(pc.match_substring_regex(values, text))).astype(bool)
        suspects = values.filter(pa.array(refused)).to_pylist()
        confirmed = np.array([pattern.search(v) is None for v in suspects], dtype=bool)
        out = np.zeros(len(values), dtype=bool)
        out[np.flatnonzero(refused)[confirmed]] = True
        return out
    return _np(_per_unique(values, lambda v: pattern.search(str(v)) is None)).astype(bool)


def _check(rule: Rule, rec: np.ndarray, values: pa.Array | None, bad: np.ndarray) -> None:
    """Flag the records whose values for ``rule.path`` break it (values as strings, or ints for established;
    ``None``: the values were checked already, only count them)."""
    if values is None:
        values = pa.nulls(len(rec), S)
        rule = Rule(rule.path, rule.message, min_count=rule.min_count, max_count=rule.max_count)
    fails = np.zeros(len(values), dtype=bool)
    if rule.pattern is not None:
        fails |= _regex_fails(rule, values)
    for members in (rule.allowed, rule.concepts):
        if members is not None:
            fails |= ~_np(pc.is_in(values.cast(S), pa.array(sorted(members)))).astype(bool)
    if rule.min_length is not None or rule.max_length is not None:
        length = _np(pc.utf8_length(values.cast(S)))
        fails |= (length < (rule.min_length or 0)) | (length > (rule.max_length or sys.maxsize))
    if rule.min_value is not None or rule.max_value is not None:
        number = _np(values).astype(np.int64)
        fails |= (number < (rule.min_value if rule.min_value is not None else -sys.maxsize)) | (
            number > (rule.max_value if rule.max_value is not None else sys.maxsize))
    _flag(bad, rec[fails])
    if rule.min_count is not None or rule.max_count is not None:
        count = np.bincount(rec, minlength=len(bad))
        bad |= (count < (rule.min_count or 0)) | (count > (rule.max_count or sys.maxsize))


def _rules(entries: pa.Table, table: pa.Table, bad: np.ndarray) -> None:
    produced, _ = _preds()
    rec, pred = _np(entries["rec"]), _np(entries["pred"])
    established = table["established"].combine_chunks()
    for rule in rules():
        if rule.path == ESTABLISHED:
            has = _np(pc.is_valid(established)).astype(bool)
            _check(rule, np.flatnonzero(has), established.filter(has), bad)
        elif rule.path in produced:
            mine = pred == produced.index(rule.path)
            values = entries["value"].combine_chunks().filter(pa.array(mine)) if rule.path != KIND_PRED else None
            _check(rule, rec[mine], values, bad)
        elif rule.min_count:
            bad[:] = True  # a required property this path never gives: the exact path decides


def _dedup_sorted(entries: pa.Table) -> pa.Table:
    """Entries sorted like the exact path's values (record, column, English/untagged first, language, value),
    with repeated (record, predicate, value, language) dropped."""
    produced, column = _preds()
    col = np.array([column[p] for p in produced], dtype=np.int16)[_np(entries["pred"])]
    lang = entries["lang"]
    foreign = pc.invert(pc.fill_null(pc.equal(lang, "en"), True))
    keyed = entries.append_column("col", pa.array(col)).append_column("foreign", foreign).append_column(
        "lang_key", pc.fill_null(lang, ""))
    order = pc.sort_indices(keyed, sort_keys=[("rec", "ascending"), ("col", "ascending"), ("foreign", "ascending"),
                                              ("lang_key", "ascending"), ("value", "ascending")])
    keyed = keyed.take(order)
    if keyed.num_rows < 2:
        return keyed
    same = None
    for name in ("rec", "pred", "lang_key", "value"):
        values = keyed[name].combine_chunks()
        equal = pc.equal(values.slice(1), values.slice(0, len(values) - 1))
        same = equal if same is None else pc.and_(same, equal)
    keep = np.concatenate([[True], ~_np(same).astype(bool)])
    return keyed.filter(pa.array(keep))


def _release(table: pa.Table) -> pa.Array:
    def nonempty(values: pa.Array) -> pa.Array:
        return pc.if_else(pc.equal(values, ""), pa.scalar(None, S), values)

    own = nonempty(table["_ror_records_release"].combine_chunks())
    modified = nonempty(table["admin"].combine_chunks().field("last_modified").field("date"))
    return pc.coalesce(own, modified)


def _node_table(table: pa.Table, entries: pa.Table, good: np.ndarray, columns: list[tuple[str, str]],
                release: pa.Array) -> pa.Table:
    keep = np.flatnonzero(good)
    position = np.cumsum(good) - 1
    entries = entries.filter(pa.array(good[_np(entries["rec"])]))
    rec, col = position[_np(entries["rec"])], _np(entries["col"])
    data: dict[str, pa.Array] = {"iri": table["id"].combine_chunks().take(keep)}
    empty = np.zeros(len(keep) + 1, dtype=np.int32)
    for index, (name, _, many, langs) in enumerate(props()):
        if name == "established":
            data[name] = table["established"].combine_chunks().take(keep)
            continue
        mine = col == index
        values, lang = entries["value"].filter(pa.array(mine)), entries["lang"].filter(pa.array(mine))
        counts = np.bincount(rec[mine], minlength=len(keep)) if mine.any() else empty[1:]
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        if many:
            data[name] = pa.ListArray.from_arrays(pa.array(offsets), values.combine_chunks().cast(S))
            if langs:
                data[f"{name}_langs"] = pa.ListArray.from_arrays(pa.array(offsets),
                                                                 pc.fill_null(lang, "").combine_chunks().cast(S))
        else:
            first = pa.array(offsets[:-1], mask=counts == 0)
            data[name] = values.combine_chunks().cast(S).take(first) if len(values) else pa.nulls(len(keep), S)
            if langs:
                data[f"{name}_lang"] = (pc.fill_null(lang, "").combine_chunks().cast(S).take(first) if len(values)
                                        else pa.nulls(len(keep), S))
    data["source"] = pa.array(np.full(len(keep), ror.DATASET.key, dtype=object), S)
    data["record"] = pc.utf8_slice_codeunits(data["iri"], len(_PREFIX))
    data["release"] = release.take(keep)
    return pa.table([data[name].cast(ARROW_TYPES[ctype]) for name, ctype in columns],
                    names=[name for name, _ in columns])


def _edges(table: pa.Table, bad: np.ndarray, schema: GraphSchema) -> tuple[np.ndarray, np.ndarray, pa.Array,
                                                                           pa.Array, np.ndarray]:
    """(record, relationship type code, start, end, relations per record) of the relations; self-relations flag."""
    parent = _np(pc.list_parent_indices(table["relationships"]))
    items = pc.list_flatten(table["relationships"])
    items = items.combine_chunks() if isinstance(items, pa.ChunkedArray) else items
    _flag(bad, parent[_np(pc.is_null(items))])
    rtypes = _rtypes(id(schema), schema)
    edges = edge_map(id(schema), schema)

    def code(value: object) -> int:
        prop = RELATIONS.get(str(value).lower()) if value is not None else None
        if prop is None:
            return -1
        rtype, inverted = edges[prop]
        return rtypes.index(rtype) * 2 + int(inverted)

    codes = _np(_per_unique(items.field("type"), code)).astype(np.int64)
    target = items.field("id")
    valid = (codes >= 0) & _truthy(target)
    relations = np.bincount(parent[valid], minlength=len(bad))
    ids = table["id"].combine_chunks()
    org = ids.take(pa.array(parent))
    self_loop = _np(pc.fill_null(pc.equal(org, target), False)).astype(bool) & valid
    _flag(bad, parent[self_loop])
    valid &= ~bad[parent]
    org, target, codes, rec = org.filter(pa.array(valid)), target.filter(pa.array(valid)), codes[valid], parent[valid]
    inverted = pa.array((codes % 2).astype(bool))
    start, end = pc.if_else(inverted, target, org), pc.if_else(inverted, org, target)
    return rec, codes // 2, start, end, relations


def _rtypes(schema_id: int, schema: GraphSchema) -> list[str]:
    return sorted({value[0] for value in edge_map(schema_id, schema).values()})


def columns(table: pa.Table, seq: np.ndarray, schema: GraphSchema, node_columns: list[tuple[str, str]]) -> Columns:
    """Rows of the ordinary records of ``table`` (parsed with :data:`V2_SCHEMA`); ``seq`` numbers its rows in
    reading order. The indices of the other records are in :attr:`Columns.exact`."""
    n = table.num_rows
    bad = np.zeros(n, dtype=bool)
    ids = table["id"].combine_chunks()
    bad |= ~_np(pc.fill_null(pc.match_substring_regex(ids, "^https://ror\\.org/[^/]*$"), False)).astype(bool)
    bad |= ~_np(pc.is_valid(table["names"])).astype(bool)
    entries = _dedup_sorted(_entries(table, bad))
    _rules(entries, table, bad)
    rec, rtype, start, end, relations = _edges(table, bad, schema)
    good = ~bad
    release = _release(table)
    nodes = _node_table(table, entries, good, node_columns, release)
    nodes = nodes.append_column("_seq", pa.array(seq[good]))
    keep = good[rec]
    names = _rtypes(id(schema), schema)
    out: dict[str, pa.Table] = {}
    record = pc.utf8_slice_codeunits(ids, len(_PREFIX))
    for index, name in enumerate(names):
        mine = pa.array(keep & (rtype == index))
        if not pc.any(mine).as_py():
            continue
        rows = pa.array(rec).filter(mine)
        out[name] = pa.table({"from": start.filter(mine), "to": end.filter(mine), "record": record.take(rows),
                              "release": release.take(rows), "_seq": pa.array(seq).take(rows)})
    good_release = release.filter(pa.array(good))
    top = pc.max(good_release).as_py() if len(good_release) else None
    return Columns(nodes, out, np.flatnonzero(bad).tolist(), int(good.sum()), int(relations[good].sum()), top)
